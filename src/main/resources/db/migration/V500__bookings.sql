-- Bookings: statuses, tickets (a bookable resource or service), recurring schedules that generate
-- time slots, slots with their capacity, and bookings with one item per slot. Statuses, tickets and
-- schedules come from the project file; names live in the translation table.

create table booking_status (
    id          varchar(64) primary key,
    is_default  boolean     not null default false,
    -- a booking or item in a cancelling status holds no capacity
    cancels     boolean     not null default false,
    state       integer     not null default 1 check (state in (0, 1)),
    position    integer     not null default 0,
    created_at  timestamp with time zone not null,
    last_change timestamp with time zone not null
);

create table booking_ticket (
    id          varchar(64) primary key,
    valid_from  timestamp with time zone,
    valid_to    timestamp with time zone,
    state       integer     not null default 1 check (state in (0, 1)),
    position    integer     not null default 0,
    created_at  timestamp with time zone not null,
    last_change timestamp with time zone not null
);

-- A recurring schedule: slots of slot_minutes between time_from and time_to on the given week days,
-- generated weeks_ahead weeks ahead of the project clock by the booking-slots job.
create table booking_schedule (
    id           varchar(64)  primary key,
    ticket_id    varchar(64)  not null references booking_ticket (id),
    -- only the project file writes these; as wide as the API's text limit of fields of these names
    week_days    varchar(1000) not null, -- ISO day numbers, e.g. "1,2,3,4,5"
    time_from    varchar(1000) not null, -- HH:MM
    time_to      varchar(1000) not null,
    slot_minutes integer      not null check (slot_minutes > 0),
    capacity     integer      not null check (capacity > 0),
    weeks_ahead  integer      not null check (weeks_ahead > 0),
    last_change  timestamp with time zone not null
);

create table booking_time_slot (
    id             varchar(32) primary key,
    ticket_id      varchar(64) not null references booking_ticket (id),
    valid_from     timestamp with time zone not null,
    valid_to       timestamp with time zone not null,
    total_capacity integer     not null check (total_capacity >= 0),
    capacity_taken integer     not null default 0,
    state          integer     not null default 1 check (state in (0, 1)),
    last_change    timestamp with time zone not null,
    -- the invariant bookings rely on: a slot is never overbooked, whatever runs concurrently
    constraint ck_booking_time_slot_capacity check (capacity_taken >= 0 and capacity_taken <= total_capacity),
    constraint ux_booking_time_slot_start unique (ticket_id, valid_from)
);
create index ix_booking_time_slot_from on booking_time_slot (valid_from);

create table booking (
    id            varchar(32)   primary key,
    customer_id   varchar(32)   references customer (id),
    status_id     varchar(64)   not null references booking_status (id),
    utm_source    varchar(1000),
    utm_medium    varchar(1000),
    utm_campaign  varchar(1000),
    -- the booking's data as JSON text (at most 65535 characters)
    data_json     varchar(65535),
    created_at    timestamp with time zone not null,
    state         integer       not null default 1 check (state in (0, 1, 2)),
    last_change   timestamp with time zone not null
);
create index ix_booking_customer on booking (customer_id);

create table booking_item (
    id             varchar(32) primary key,
    booking_id     varchar(64) not null references booking (id),
    time_slot_id   varchar(64) not null references booking_time_slot (id),
    customer_id    varchar(32) references customer (id),
    capacity_taken integer     not null check (capacity_taken > 0),
    status_id      varchar(64) not null references booking_status (id),
    -- true while the item holds its capacity on the slot
    holds_capacity boolean     not null default true,
    position       integer     not null default 0,
    created_at     timestamp with time zone not null,
    state          integer     not null default 1 check (state in (0, 1, 2)),
    last_change    timestamp with time zone not null
);
create index ix_booking_item_booking on booking_item (booking_id);
create index ix_booking_item_slot on booking_item (time_slot_id);
create index ix_booking_item_customer on booking_item (customer_id);
