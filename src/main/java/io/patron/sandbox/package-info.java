/**
 * Sandbox controls outside the CareCloud API, off unless {@code patron.sandbox}: the project clock
 * that integrators move for every node, and the reset of the data to the project's start state.
 */
package io.patron.sandbox;
