package io.patron.events;

import org.springframework.stereotype.Component;

import io.patron.common.PollingLoop;

/** Wakes this node's poller when a transaction that published events commits, so delivery does not wait for the next poll. */
@Component
class OutboxSignal extends PollingLoop.Signal {
}
