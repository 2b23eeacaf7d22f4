/** Patron application root: start-up and wiring of the capability packages below. */
package io.patron;
