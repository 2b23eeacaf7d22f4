/**
 * Customers: accounts, their sources and external ids, consents, properties, interest records, additional
 * addresses, relations to other customers, partner assignments, cash-desk search, registration checks and
 * the Customer API scope, and the generated customers of the demo project.
 */
package io.patron.customer;
