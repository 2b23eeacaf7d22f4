-- Loyalty ledger (io.patron.loyalty): point and credit types, lots and redemptions, the draws that tie a
-- redemption to the lots it took from, the append-only movement history, cached balances and point reservations.
-- Points and credits share one model: a record's type says which it is (kind), credits also carry a currency.

-- Point types and credit types, from the project file. Names are translations (entity loyalty_type.name).
create table loyalty_type (
    id            varchar(32)  primary key,
    kind          varchar(8)   not null check (kind in ('point', 'credit')),
    text_id       varchar(100) not null,
    is_default    boolean      not null,
    -- when an earned lot ends: never, days, months (expiry_period of them), end_of_month / end_of_quarter /
    -- end_of_year (of the earning day plus expiry_period of those units, 0 = the current one)
    expiry_policy varchar(20)  not null check (expiry_policy in
                                   ('never', 'days', 'months', 'end_of_month', 'end_of_quarter', 'end_of_year')),
    expiry_period integer      not null check (expiry_period >= 0),
    pending_days  integer      not null check (pending_days >= 0),
    -- decimal places an amount may have (0: whole points)
    amount_scale  integer      not null check (amount_scale between 0 and 4),
    last_change   timestamp with time zone not null,
    constraint ux_loyalty_type_text_id unique (kind, text_id)
);

-- Project switches of the ledger (credit actions are off until the project file enables them).
create table loyalty_setting (
    name          varchar(255)  primary key,
    setting_value varchar(1000) not null,
    last_change timestamp with time zone not null
);

-- A record is a lot (an earning: assigned and available amounts, expiry, pending period) or a redemption
-- (assigned is the negative amount taken, available 0; its draws say from which lots).
-- phase: pending (not yet spendable), active, expired (by the expiry job), redemption, reversed (a redemption
-- given back).
create table loyalty_record (
    id            varchar(32)    primary key,
    customer_id   varchar(32)    not null references customer (id),
    type_id       varchar(64)    not null references loyalty_type (id),
    currency_id   varchar(64)    not null, -- '' for points
    partner_id    varchar(32)    references partner (id),
    store_id      varchar(32)    references store (id),
    phase         varchar(10)    not null check (phase in ('pending', 'active', 'expired', 'redemption', 'reversed')),
    assigned      numeric(19, 4) not null,
    available     numeric(19, 4) not null check (available >= 0),
    valid_to      timestamp with time zone,
    pending_until timestamp with time zone,
    note          varchar(1000),
    created_at    timestamp with time zone not null,
    last_change   timestamp with time zone not null
);
create index ix_loyalty_record_customer on loyalty_record (customer_id, type_id, currency_id, phase);
create index ix_loyalty_record_pending on loyalty_record (phase, pending_until);
create index ix_loyalty_record_expiry on loyalty_record (phase, valid_to);
create index ix_loyalty_record_created on loyalty_record (created_at);

-- Which lots a redemption took how much from: a reversal gives back exactly these amounts to these lots.
create table loyalty_draw (
    id            varchar(32)    primary key,
    redemption_id varchar(64)    not null references loyalty_record (id),
    lot_id        varchar(64)    not null references loyalty_record (id),
    amount        numeric(19, 4) not null check (amount > 0)
);
create index ix_loyalty_draw_redemption on loyalty_draw (redemption_id);
create index ix_loyalty_draw_lot on loyalty_draw (lot_id);

-- Every movement, appended and never changed. amount is what the history shows; available_change and
-- pending_change are what it did to the balance (their sums per customer, type and currency are the balance).
create table loyalty_movement (
    id               varchar(32)    primary key,
    customer_id      varchar(32)    not null references customer (id),
    type_id          varchar(64)    not null references loyalty_type (id),
    currency_id      varchar(64)    not null,
    operation        varchar(40)    not null,
    amount           numeric(19, 4) not null,
    available_change numeric(19, 4) not null,
    pending_change   numeric(19, 4) not null,
    record_id        varchar(64)    references loyalty_record (id),
    partner_id       varchar(32)    references partner (id),
    store_id         varchar(32)    references store (id),
    note             varchar(1000),
    extended_data    varchar(4000),
    created_at       timestamp with time zone not null
);
create index ix_loyalty_movement_customer on loyalty_movement (customer_id, created_at);
create index ix_loyalty_movement_type on loyalty_movement (customer_id, type_id, currency_id);

-- Cached balance per customer, type and currency, changed in the transaction of each movement.
create table loyalty_balance (
    id          varchar(32)    primary key,
    customer_id varchar(32)    not null references customer (id),
    type_id     varchar(64)    not null references loyalty_type (id),
    currency_id varchar(64)    not null,
    available   numeric(19, 4) not null check (available >= 0),
    pending     numeric(19, 4) not null check (pending >= 0),
    last_change timestamp with time zone not null,
    constraint ux_loyalty_balance unique (customer_id, type_id, currency_id)
);

-- Points held under a client's external id. active_external_id is the external id while the reservation is
-- active and null afterwards: unique among active reservations (a partial index H2 does not have).
create table point_reservation (
    id                 varchar(32)    primary key,
    customer_id        varchar(32)    not null references customer (id),
    type_id            varchar(64)    not null references loyalty_type (id),
    external_id        varchar(200)   not null,
    active_external_id varchar(200),
    quantity           numeric(19, 4) not null check (quantity > 0),
    state              integer        not null check (state in (0, 1, 2)),
    expiration         timestamp with time zone,
    created_at         timestamp with time zone not null,
    last_change        timestamp with time zone not null,
    constraint ux_point_reservation_active unique (active_external_id)
);
create index ix_point_reservation_customer on point_reservation (customer_id, state);
create index ix_point_reservation_external on point_reservation (external_id);
create index ix_point_reservation_expiration on point_reservation (state, expiration);
