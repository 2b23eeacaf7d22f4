-- Purchases (io.patron.purchase): the bills the cash desks and e-shops send, their items, the benefits the checkout
-- engine applied, what the customer paid by points and credits and the points the purchase earned. A cancellation
-- is a purchase of its own (canceled = true) naming the original; an original is cancelled at most once.
create table purchase (
    id                   varchar(32)    primary key,
    customer_id          varchar(32)    references customer (id),
    store_id             varchar(32)    not null references store (id),
    bill_id              varchar(200)   not null,
    bill_number          varchar(1000),
    type_id              varchar(64)    not null,
    payment_type         varchar(1000)  not null check (payment_type in ('S', 'A', 'C', 'D')),
    payment_time         timestamp with time zone not null,
    currency_id          varchar(64)    not null,
    total_price          numeric(19, 4) not null,
    -- what the items cost after Patron's benefits (before points and credits)
    paid_total           numeric(19, 4) not null,
    cashdesk_number      varchar(1000),
    card_number          varchar(200),
    created_by           varchar(1000),
    fiscal               boolean,
    canceled             boolean        not null,
    -- a cancellation: the purchase it cancels (unique: an original is cancelled at most once)
    cancels_id           varchar(64)    references purchase (id),
    credit_points        numeric(19, 4) not null default 0,
    point_type_id        varchar(64),
    point_redemption_id  varchar(64),
    credit_amount        numeric(19, 4) not null default 0,
    credit_type_id       varchar(64),
    credit_redemption_id varchar(64),
    -- points were earned for the customer (at send-purchase, or when a customer was attached later)
    points_earned        boolean        not null default false,
    created_at           timestamp with time zone not null,
    last_change          timestamp with time zone not null,
    constraint ux_purchase_bill_id unique (bill_id),
    constraint ux_purchase_cancels unique (cancels_id)
);
create index ix_purchase_customer on purchase (customer_id, payment_time);
create index ix_purchase_store on purchase (store_id, payment_time);
create index ix_purchase_payment_time on purchase (payment_time);

-- The bill items in the bill's order; paid_amount is what the cash desk charged before Patron's benefits,
-- final_amount after them (before points and credits), points_paid the part paid by points.
create table purchase_item (
    id                 varchar(32)    primary key,
    purchase_id        varchar(64)    not null references purchase (id),
    position           integer        not null,
    bill_item_id       varchar(200)   not null,
    product_id         varchar(32),
    plu_name           varchar(500),
    plu_ids            varchar(4000)  not null,
    category_plu_id    varchar(200),
    quantity           numeric(19, 4) not null,
    price              numeric(19, 4) not null,
    paid_amount        numeric(19, 4) not null,
    final_amount       numeric(19, 4) not null check (final_amount >= 0),
    points_paid        numeric(19, 4) not null default 0,
    vat_rate           numeric(9, 4),
    loyalty_off        boolean        not null,
    type_id            varchar(64),
    constraint ux_purchase_item unique (purchase_id, bill_item_id)
);
create index ix_purchase_item_purchase on purchase_item (purchase_id, position);
create index ix_purchase_item_product on purchase_item (product_id);

-- What each benefit took off each item: provider benefits (recommended discounts and vouchers) and the status
-- discount (kind 'status').
create table purchase_benefit (
    id           varchar(32)    primary key,
    purchase_id  varchar(64)    not null references purchase (id),
    position     integer        not null,
    kind         varchar(30)    not null,
    code         varchar(200),
    name         varchar(500),
    reward_id    varchar(64),
    voucher_id   varchar(64),
    bill_item_id varchar(200)   not null,
    discount     numeric(19, 4) not null,
    percent      numeric(9, 4)
);
create index ix_purchase_benefit_purchase on purchase_benefit (purchase_id, position);
create index ix_purchase_benefit_voucher on purchase_benefit (voucher_id);

-- The lots of points a purchase earned (one per point type) and, once cancelled, what the cancellation took back.
create table purchase_earning (
    id            varchar(32)    primary key,
    purchase_id   varchar(64)    not null references purchase (id),
    customer_id   varchar(32)    not null references customer (id),
    point_type_id varchar(64)    not null,
    lot_id        varchar(64)    not null,
    amount        numeric(19, 4) not null check (amount > 0),
    created_at    timestamp with time zone not null
);
create index ix_purchase_earning_purchase on purchase_earning (purchase_id);
create index ix_purchase_earning_lot on purchase_earning (lot_id);

-- Earning rules from the project file (section earning_rules): per point type and currency, points per currency
-- unit of what the customer paid, rounded as the rule says; multipliers by product, product group or brand.
create table earning_rule (
    id              varchar(64)    primary key,
    point_type_id   varchar(64)    not null,
    currency_id     varchar(64)    not null,
    points_per_unit numeric(19, 6) not null check (points_per_unit >= 0),
    rounding        varchar(1000)  not null check (rounding in ('down', 'half_up', 'up')),
    min_points_payment_purchase numeric(19, 4),
    last_change     timestamp with time zone not null,
    constraint ux_earning_rule unique (point_type_id, currency_id)
);

create table earning_multiplier (
    id            varchar(64)    primary key,
    rule_id       varchar(64)    not null references earning_rule (id),
    target_kind   varchar(1000)  not null check (target_kind in ('product', 'product_group', 'brand')),
    target_id     varchar(64)    not null,
    multiplier    numeric(9, 4)  not null check (multiplier >= 0),
    constraint ux_earning_multiplier unique (rule_id, target_kind, target_id)
);
