/** Small building blocks every capability uses: identifiers and secret handling. */
package io.patron.common;
