/**
 * Operator views over the whole project (the audit trail, to come); custom properties moved to
 * io.patron.property.
 */
package io.patron.admin;
