-- Product reservations (click and reserve): reservable products (catalogue products flagged
-- reservable per store), their reservation prices, sources and external code list types from the
-- project file, and reservations with items, external codes, benefit codes and progress history.

create table product_reservation_source (
    id          varchar(64) primary key,
    state       integer     not null default 1 check (state in (0, 1, 2)),
    position    integer     not null default 0,
    last_change timestamp with time zone not null
);

create table product_reservation_list_type (
    id       varchar(64) primary key,
    position integer     not null default 0
);

-- A catalogue product that can be reserved. search_names and search_codes hold the product's
-- names (every language) and codes (code, PLU ids), lower case, each word after a space, for the
-- search; refreshed from the catalogue when the flag is imported and by the reservable-products job.
create table reservable_product (
    product_id   varchar(32)   primary key references product (id),
    search_names varchar(4000) not null default '',
    search_codes varchar(4000) not null default '',
    catalog_change timestamp with time zone,
    last_change  timestamp with time zone not null
);

create table reservable_product_store (
    product_id varchar(32) not null references reservable_product (product_id),
    store_id   varchar(32) not null references store (id),
    primary key (product_id, store_id)
);
create index ix_reservable_product_store_store on reservable_product_store (store_id);

create table product_reservation_price (
    id          varchar(32)    primary key,
    product_id  varchar(32)    not null references reservable_product (product_id),
    store_id    varchar(32)    references store (id),
    -- store_id or '*' for a price of every store: one price per product, store and currency
    price_store_id varchar(64) not null,
    currency_id varchar(32)    not null references currency (id),
    price       numeric(19, 4) not null,
    last_change timestamp with time zone not null,
    constraint ux_product_reservation_price unique (product_id, price_store_id, currency_id)
);

create table product_reservation (
    id                   varchar(32)    primary key,
    reservation_code     varchar(1000)  not null,
    customer_id          varchar(32)    not null references customer (id),
    store_id             varchar(32)    not null references store (id),
    source_id            varchar(64)    not null references product_reservation_source (id),
    pickup_date          date,
    customers_note       varchar(4000),
    total_price          numeric(19, 4),
    currency_id          varchar(32)    references currency (id),
    external_purchase_id varchar(255),
    utm_source           varchar(1000),
    utm_medium           varchar(1000),
    utm_campaign         varchar(1000),
    actual_state         integer        not null check (actual_state in (0, 1, 2, 4, 5, 6, 7, 8)),
    created_at           timestamp with time zone not null,
    last_change          timestamp with time zone not null,
    constraint ux_product_reservation_code unique (reservation_code)
);
create index ix_product_reservation_customer on product_reservation (customer_id);
create index ix_product_reservation_store on product_reservation (store_id);

create table product_reservation_item (
    id             varchar(32)    primary key,
    reservation_id varchar(64)    not null references product_reservation (id),
    product_id     varchar(32)    not null references reservable_product (product_id),
    amount         numeric(19, 4) not null,
    unit_price     numeric(19, 4),
    vat_rate       numeric(9, 4),
    position       integer        not null
);
create index ix_product_reservation_item_reservation on product_reservation_item (reservation_id);

create table product_reservation_code (
    reservation_id varchar(64)  not null references product_reservation (id),
    list_type_id   varchar(64)  not null references product_reservation_list_type (id),
    code           varchar(1000) not null,
    primary key (reservation_id, list_type_id)
);
create index ix_product_reservation_code_value on product_reservation_code (list_type_id, code);

-- Benefit codes (vouchers, rewards) of the customer named with a reservation: held while it is open,
-- applied on delivery, released on cancellation.
create table product_reservation_benefit (
    reservation_id varchar(64)  not null references product_reservation (id),
    code           varchar(1000) not null,
    -- 1 held, 2 applied, 3 released
    status         integer      not null check (status in (1, 2, 3)),
    position       integer      not null,
    primary key (reservation_id, code)
);

-- Append-only: every state the reservation entered, with its time.
create table product_reservation_progress (
    id             varchar(32) primary key,
    reservation_id varchar(64) not null references product_reservation (id),
    state          integer     not null,
    created_at     timestamp with time zone not null
);
create index ix_product_reservation_progress_reservation on product_reservation_progress (reservation_id);
