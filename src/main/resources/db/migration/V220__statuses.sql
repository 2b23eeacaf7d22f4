-- Statuses (tiers, io.patron.tier): their definitions from the project file and the customers' status records.
-- Names and descriptions are translations (entities status.name, status.description).

-- A status: how it is reached (qualification_type 0 on sign-up, 1 manually, 2 automatically when its
-- qualification is met within qualification_period months), how long a record of it lasts (validity_months,
-- null: unlimited) and what it allows. position orders the ladder, lowest first.
create table status (
    id                         varchar(32)    primary key,
    text_id                    varchar(100)   not null,
    position                   integer        not null,
    qualification_type         integer        not null check (qualification_type in (0, 1, 2)),
    qualification_period       integer        check (qualification_period > 0),
    qualification_points       numeric(19, 4) check (qualification_points > 0),
    previous_status_id         varchar(64)    references status (id),
    next_status_id             varchar(64)    references status (id),
    validity_months            integer        check (validity_months > 0),
    collection_points          boolean        not null,
    payment_points             boolean        not null,
    discount                   integer        not null check (discount between 0 and 100),
    discount_on_discounted     boolean        not null,
    last_change                timestamp with time zone not null,
    constraint ux_status_text_id unique (text_id)
);

-- The turnover per currency that qualifies for a status (any one currency is enough).
create table status_turnover (
    id          varchar(32)    primary key,
    status_id   varchar(64)    not null references status (id),
    currency_id varchar(64)    not null,
    turnover    numeric(19, 4) not null check (turnover > 0),
    constraint ux_status_turnover unique (status_id, currency_id)
);

-- A customer's status record. state: 1 active (the customer's status for its validity window), 2 non active
-- (replaced, or its validity ended and the job moved on). active_customer_id is the customer id while the record
-- is active, null afterwards: one active record per customer, in the schema. assigned_by: 0 on sign-up, 1 manually
-- (set-status-record; never replaced by an automatic change before it ends), 2 automatically.
create table status_record (
    id                 varchar(32) primary key,
    customer_id        varchar(32) not null references customer (id),
    status_id          varchar(64) not null references status (id),
    assigned_by        integer     not null check (assigned_by in (0, 1, 2)),
    state              integer     not null check (state in (0, 1, 2)),
    active_customer_id varchar(64),
    valid_from         timestamp with time zone not null,
    valid_to           timestamp with time zone,
    created_at         timestamp with time zone not null,
    last_change        timestamp with time zone not null,
    constraint ux_status_record_active unique (active_customer_id)
);
create index ix_status_record_customer on status_record (customer_id, valid_from);
create index ix_status_record_validity on status_record (state, valid_to);

-- What one point of a point type is worth in a currency when a status allows paying by points (wallet
-- overviews; the checkout uses the same rate).
create table point_money_value (
    id            varchar(32)    primary key,
    point_type_id varchar(64)    not null references loyalty_type (id),
    currency_id   varchar(64)    not null,
    money_value   numeric(19, 6) not null check (money_value > 0),
    last_change   timestamp with time zone not null,
    constraint ux_point_money_value unique (point_type_id, currency_id)
);
