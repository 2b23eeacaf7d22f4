/**
 * Custom properties: their definitions and items (from the project file) and the typed property records any
 * other capability attaches to its records, with the checks, bulk writes and list filters on them.
 */
package io.patron.property;
