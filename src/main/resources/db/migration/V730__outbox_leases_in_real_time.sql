-- Outbox claims (outbox_event.claimed_until) now hold until a real time, no longer a project time, as job claims do
-- since V720. In a sandbox whose clock runs ahead, a claim written before this change would look live for as long as
-- the offset: release them all (an event whose holder still delivers it may be delivered once more elsewhere;
-- deliveries are at least once and listeners idempotent).
update outbox_event set claimed_by = null, claimed_until = null where claimed_until is not null;
