/**
 * Marketing automation: event groups, types and properties, the events customers' systems record (and those
 * Patron records of its own engine events), scenarios started by them and run step by step, and webhooks.
 */
package io.patron.automation;
