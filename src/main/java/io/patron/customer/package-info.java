/** Customers: accounts, their sources and external ids, consents, properties and the Customer API scope. */
package io.patron.customer;
