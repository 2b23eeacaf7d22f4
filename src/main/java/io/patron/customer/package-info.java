/**
 * Customers: accounts, their sources and external ids, consents, properties, interest records, additional
 * addresses, relations to other customers and the Customer API scope.
 */
package io.patron.customer;
