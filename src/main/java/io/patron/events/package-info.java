/**
 * Domain events: written to the outbox in the transaction of the data they describe ({@link io.patron.events.DomainEvents}),
 * delivered after commit, at least once, to the {@link io.patron.events.DomainEventListener} beans of their type.
 */
package io.patron.events;
