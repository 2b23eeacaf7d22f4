/** Small building blocks every capability uses: identifiers, secrets, password hashing, whole-batch SQL. */
package io.patron.common;
