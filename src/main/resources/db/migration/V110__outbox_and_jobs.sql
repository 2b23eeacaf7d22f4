-- Domain events (io.patron.events): written in the transaction of the data they describe and delivered
-- after commit by whichever node claims them first. A claim is a lease (claimed_by, claimed_until): a
-- node that dies while holding one loses it when the lease runs out, and another node delivers the event.
create table outbox_event (
    id              varchar(32)  primary key,
    event_type      varchar(100) not null,
    aggregate_id    varchar(64)  not null,
    payload         text         not null,
    occurred_at     timestamp with time zone not null,
    -- pending (to deliver), delivered (kept for a retention period), dead (gave up; kept for operators)
    state           varchar(16)  not null,
    attempts        integer      not null,
    next_attempt_at timestamp with time zone not null,
    claimed_by      varchar(64),
    claimed_until   timestamp with time zone,
    last_error      varchar(1000),
    delivered_at    timestamp with time zone
);
create index outbox_event_due on outbox_event (state, next_attempt_at);
create index outbox_event_aggregate on outbox_event (aggregate_id);

-- The listeners that have handled an event, recorded in the listener's own transaction: a retry after
-- a partial failure calls only the listeners that have not.
create table outbox_delivery (
    event_id     varchar(32)  not null references outbox_event (id) on delete cascade,
    listener     varchar(200) not null,
    delivered_at timestamp with time zone not null,
    primary key (event_id, listener)
);

-- Coordinated jobs (io.patron.jobs): one row per job; a node runs a job only after claiming its row
-- with the same kind of lease.
create table scheduled_job (
    name             varchar(100) primary key,
    next_run_at      timestamp with time zone not null,
    claimed_by       varchar(64),
    claimed_until    timestamp with time zone,
    last_started_at  timestamp with time zone,
    last_finished_at timestamp with time zone,
    last_error       varchar(1000),
    runs             bigint       not null
);
