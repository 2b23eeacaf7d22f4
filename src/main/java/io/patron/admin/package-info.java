/**
 * Operator views over the whole project: the audit trail, the loyalty ledger's consistency check, the run history of
 * marketing automation and webhook deliveries (replaying dead letters); custom properties moved to io.patron.property.
 */
package io.patron.admin;
