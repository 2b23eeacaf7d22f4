/** Stores, store groups and their memberships, partners, and the custom properties of stores and partners. */
package io.patron.store;
