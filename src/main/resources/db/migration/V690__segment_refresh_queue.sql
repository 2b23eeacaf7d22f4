-- Customers whose rule-based memberships are to be evaluated again (io.patron.segment): the outbox listener only
-- queues a customer here, in the event's delivery transaction, and a drain evaluates each queued customer once, in a
-- transaction of its own that takes that customer's lock first. Several changes of one customer before the drain
-- come collapse into one row; the version tells the drain whether a change arrived while it evaluated.
-- No foreign key: queueing must not lock the customer row in a transaction that other listeners share.
create table segment_refresh (
    customer_id varchar(32) primary key,
    version     bigint      not null
);
