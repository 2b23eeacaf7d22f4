/** Small building blocks every capability uses: identifiers, secret handling, statement sizes. */
package io.patron.common;
