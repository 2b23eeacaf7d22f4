/**
 * Configuration of what the API only reads, starting with custom properties: their definitions
 * (from the project file) and the typed property records any other capability attaches to its records.
 */
package io.patron.admin;
