-- Marketing-automation events (io.patron.automation): event groups and types from the project file (and
-- Patron's built-in types for its own engine events), the events customers' systems record, scenarios with
-- their runs and steps, and webhooks with their deliveries.

create table event_group (
    id       varchar(32)  primary key,
    text_id  varchar(100) not null unique,
    state    integer      not null default 1 check (state in (0, 1, 2)),
    position integer      not null default 0
);

create table event_type (
    id             varchar(32)  primary key,
    text_id        varchar(100) not null unique,
    event_group_id varchar(32)  not null references event_group (id),
    icon_name      varchar(100),
    -- recorded by Patron itself from its engine events; clients cannot post events of these types
    built_in       boolean      not null default false,
    state          integer      not null default 1 check (state in (0, 1, 2)),
    position       integer      not null default 0
);

-- Which event properties (property definitions of owner kind 'event') an event type takes.
create table event_type_property (
    event_type_id varchar(32)  not null references event_type (id),
    property_id   varchar(100) not null,
    position      integer      not null default 0,
    primary key (event_type_id, property_id)
);

create table event (
    id                    varchar(32)   primary key,
    event_type_id         varchar(32)   not null references event_type (id),
    customer_id           varchar(32)   not null references customer (id),
    external_id           varchar(200)  not null,
    secondary_external_id varchar(1000),
    data_json             varchar(8000),
    state                 integer       not null default 1 check (state in (0, 1, 2)),
    created_at            timestamp with time zone not null,
    recorded_at           timestamp with time zone not null,
    -- An event exists once per type, customer and external ids. An absent secondary id is NULL, and NULLs are
    -- distinct in an ordinary unique constraint: NULLS NOT DISTINCT (PostgreSQL 15+, H2 2.2+) makes two events
    -- without a secondary id collide as well.
    constraint ux_event_external unique nulls not distinct (event_type_id, customer_id, external_id, secondary_external_id)
);
create index ix_event_customer on event (customer_id, created_at);
create index ix_event_type_time on event (event_type_id, created_at);

-- Scenarios from the project file: the definition (trigger, conditions, steps) as JSON.
create table automation_scenario (
    id           varchar(100)  primary key,
    name         varchar(200)  not null,
    trigger_kind varchar(30)   not null, -- event, absence, schedule
    definition   varchar(20000) not null,
    state        integer       not null default 1 check (state in (0, 1))
);

-- One run of a scenario for a customer, once per trigger (an event, a birthday of a year ...).
create table automation_run (
    id               varchar(32)  primary key,
    scenario_id      varchar(100) not null references automation_scenario (id),
    customer_id      varchar(32)  not null references customer (id),
    trigger_key      varchar(200) not null,
    trigger_event_id varchar(32)  references event (id),
    -- waiting (due at due_at), done, failed (a step failed for good), skipped (the absence did not hold)
    state            varchar(16)  not null,
    next_step        integer      not null,
    due_at           timestamp with time zone,
    -- absence triggers: until when the awaited event must not have happened (null once checked)
    absent_until     timestamp with time zone,
    attempts         integer      not null default 0,
    last_error       varchar(1000),
    started_at       timestamp with time zone not null,
    finished_at      timestamp with time zone,
    constraint ux_automation_run_trigger unique (scenario_id, customer_id, trigger_key)
);
create index ix_automation_run_due on automation_run (state, due_at);
create index ix_automation_run_customer on automation_run (customer_id);

-- The steps a run has carried out: once per run and step (a redelivery or a repeat never runs one twice).
create table automation_step (
    run_id      varchar(32)  not null references automation_run (id) on delete cascade,
    step_index  integer      not null,
    kind        varchar(50)  not null,
    outcome     varchar(16)  not null, -- done, failed
    detail      varchar(1000),
    attempts    integer      not null,
    finished_at timestamp with time zone not null,
    primary key (run_id, step_index)
);

-- Webhook endpoints from the project file; the secret signs the deliveries (HMAC-SHA256).
create table webhook_endpoint (
    id          varchar(100)  primary key,
    url         varchar(1000) not null,
    secret      varchar(200)  not null,
    event_types varchar(4000) not null, -- JSON array of event type text ids, or ["*"]
    state       integer       not null default 1 check (state in (0, 1))
);

-- One delivery of an event (or of a scenario's webhook step) to an endpoint, retried with backoff, then dead.
create table webhook_delivery (
    id              varchar(32)   primary key,
    endpoint_id     varchar(100)  not null references webhook_endpoint (id),
    dedupe_key      varchar(100)  not null, -- the event id, or run id and step for a scenario's call
    payload         text          not null,
    state           varchar(16)   not null, -- pending, delivered, dead
    attempts        integer       not null default 0,
    next_attempt_at timestamp with time zone not null,
    last_status     integer,
    last_error      varchar(1000),
    created_at      timestamp with time zone not null,
    delivered_at    timestamp with time zone,
    constraint ux_webhook_delivery unique (endpoint_id, dedupe_key)
);
create index ix_webhook_delivery_due on webhook_delivery (state, next_attempt_at);
