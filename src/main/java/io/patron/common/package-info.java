/** Small building blocks every capability uses: identifiers, secret handling, whole-batch SQL. */
package io.patron.common;
