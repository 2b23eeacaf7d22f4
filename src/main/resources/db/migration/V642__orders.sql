-- E-shop orders of customers: the order with its invoicing and shipping data, and its items. An item's
-- product_variant_id is a catalogue product id; shipping_id is the e-shop's own id of the shipping method.
create table eshop_order (
    id                     varchar(32)    primary key,
    order_number           varchar(1000)  not null,
    customer_id            varchar(32)    not null references customer (id),
    currency_id            varchar(32)    not null references currency (id),
    total_price            numeric(19, 4) not null,
    -- JSON array of the discount codes as sent
    discount_codes_json    varchar(65535),
    payment_id             varchar(64)    not null,
    paid_date              timestamp with time zone,
    -- JSON of invoicing_data.personal_information as sent
    personal_information_json varchar(65535),
    shipping_id            varchar(64),
    contact_firstname      varchar(1000),
    contact_lastname       varchar(1000),
    phone                  varchar(30),
    -- JSON of shipping_data.address as sent
    address_json           varchar(65535),
    customer_note          varchar(1000),
    order_status           varchar(1000)  not null,
    payment_status         varchar(1000)  not null,
    program_ranking        integer        not null,
    state                  integer        not null default 1 check (state in (0, 1, 2)),
    created_at             timestamp with time zone not null,
    last_change            timestamp with time zone not null,
    constraint ux_eshop_order_number unique (order_number)
);
create index ix_eshop_order_customer on eshop_order (customer_id);

create table eshop_order_item (
    id                 varchar(32)    primary key,
    order_id           varchar(64)    not null references eshop_order (id),
    position           integer        not null,
    product_variant_id varchar(64)    not null references product (id),
    customer_id        varchar(32)    not null references customer (id),
    amount             numeric(19, 4) not null,
    unit_price         numeric(19, 4) not null,
    vat_rate           numeric(9, 4)  not null
);
create index ix_eshop_order_item_order on eshop_order_item (order_id);
