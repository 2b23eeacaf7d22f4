/** Reference data: countries, currencies, languages, payment and purchase types, other lookups. */
package io.patron.reference;
