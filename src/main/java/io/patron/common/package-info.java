/** Small building blocks every capability uses: identifiers, secrets and password hashing. */
package io.patron.common;
