-- PostgreSQL only (H2 has no partial indexes and keeps V110's outbox_event_due).
--
-- Claiming looks for pending events in the order they are due. V110's index on (state, next_attempt_at) holds every
-- event kept for the retention period, delivered ones included, and gets a new entry each time an event changes
-- state; this one holds only the pending events, which are few, so a claim reads a small index however large the
-- outbox grows. The events given up are counted (metrics) through their own small index.
create index outbox_event_pending on outbox_event (next_attempt_at, id) where state = 'pending';
create index outbox_event_dead on outbox_event (id) where state = 'dead';
drop index outbox_event_due;
