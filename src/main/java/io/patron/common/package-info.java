/**
 * Small building blocks every capability uses: identifiers, secrets, password hashing, webhook signatures,
 * whole-batch SQL.
 */
package io.patron.common;
