-- Text columns are as wide as the API's limit of fields of their names (TextLimitsTest), their values checked.
-- Rewards (templates from the project file or create-simple-reward) and vouchers (a customer's copies).
-- Names, notes and subtitles live in the translation table (reward.name, reward.note, reward.subtitle,
-- reward_type.name, reward_tag.name).

-- A reward type: a name and the machine-readable behaviour the checkout applies (see RewardRules).
create table reward_type (
    id          varchar(64)  primary key,
    behaviour   varchar(1000) not null
        check (behaviour in ('percentage', 'fixed_amount', 'fixed_price', 'free_item', 'gift_card')),
    position    integer      not null default 0,
    state       integer      not null default 1 check (state in (0, 1, 2)),
    last_change timestamp with time zone not null
);

create table reward_tag (
    id          varchar(64)  primary key,
    text_id     varchar(100) not null,
    position    integer      not null default 0,
    state       integer      not null default 1 check (state in (0, 1, 2)),
    last_change timestamp with time zone not null,
    constraint ux_reward_tag_text_id unique (text_id)
);

create table reward (
    id                       varchar(64)    primary key,
    code                     varchar(200)   not null,
    reward_group             integer        not null check (reward_group in (0, 1, 2, 4)),
    reward_type_id           varchar(64)    not null references reward_type (id),
    -- the type's parameter: a percentage, an amount off, a final price, or a gift card's balance
    type_value               numeric(19, 4) not null default 0 check (type_value >= 0),
    points_cost              numeric(19, 4) check (points_cost >= 0),
    priority                 integer        not null default 5 check (priority between 1 and 9),
    is_automated             boolean        not null default false,
    is_portable              boolean        not null default false,
    valid_from               date,
    valid_to                 date,
    valid_time_from          time,
    valid_time_to            time,
    voucher_validity         varchar(1000)  not null default 'reward_validity'
        check (voucher_validity in ('interval', 'end_of_time_unit', 'reward_validity')),
    voucher_validity_value   varchar(1000),
    code_generation          varchar(1000)  not null default 'A' check (code_generation in ('A', 'M')),
    partner_id               varchar(32)    references partner (id),
    minimum_purchase_value   numeric(19, 4) check (minimum_purchase_value >= 0),
    maximum_discount_value   numeric(19, 4) check (maximum_discount_value >= 0),
    -- at most this many uses (codeless rewards at the checkout) or vouchers (the others); null: no limit
    limit_total              integer        check (limit_total >= 0),
    limit_per_customer       integer        check (limit_per_customer >= 0),
    max_vouchers_per_purchase integer       check (max_vouchers_per_purchase > 0),
    image_urls               varchar(4000),
    reward_external_url      varchar(1000),
    state                    integer        not null default 1 check (state in (0, 1, 2)),
    created_at               timestamp with time zone not null,
    last_change              timestamp with time zone not null,
    constraint ux_reward_code unique (code)
);
create index ix_reward_group on reward (reward_group, state);

create table reward_store (
    reward_id varchar(64) not null references reward (id),
    store_id  varchar(32) not null references store (id),
    constraint pk_reward_store primary key (reward_id, store_id)
);

create table reward_tag_record (
    reward_id varchar(64) not null references reward (id),
    tag_id    varchar(64) not null references reward_tag (id),
    constraint pk_reward_tag_record primary key (reward_id, tag_id)
);

create table reward_segment (
    reward_id  varchar(64) not null references reward (id),
    segment_id varchar(64) not null references segment (id),
    constraint pk_reward_segment primary key (reward_id, segment_id)
);

create table reward_customer_type (
    reward_id        varchar(64) not null references reward (id),
    customer_type_id varchar(64) not null,
    constraint pk_reward_customer_type primary key (reward_id, customer_type_id)
);

-- A condition (relation 0) or bonus (relation 1) on products, product groups or brands: how many units
-- of the related items, in which unit price range. Its targets are in reward_relation_target.
create table reward_relation (
    reward_id  varchar(64)    not null references reward (id),
    relation   integer        not null check (relation in (0, 1)),
    related_to varchar(1000)  not null check (related_to in ('product', 'product_group', 'product_brand')),
    item_count integer        check (item_count > 0),
    min_price  numeric(19, 4) check (min_price >= 0),
    max_price  numeric(19, 4) check (max_price >= 0),
    constraint pk_reward_relation primary key (reward_id, relation, related_to)
);

create table reward_relation_target (
    reward_id  varchar(64) not null references reward (id),
    relation   integer     not null,
    related_to varchar(1000) not null,
    target_id  varchar(64) not null,
    constraint pk_reward_relation_target primary key (reward_id, relation, related_to, target_id)
);
create index ix_reward_relation_target on reward_relation_target (target_id);

create table voucher (
    id                   varchar(64)    primary key,
    code                 varchar(200)   not null,
    reward_id            varchar(64)    not null references reward (id),
    customer_id          varchar(32)    references customer (id),
    -- where it was applied (apply-voucher, a purchase)
    store_id             varchar(32)    references store (id),
    -- what it gave when applied; for a custom voucher its fixed money value from the start
    voucher_value        numeric(19, 4),
    custom_value         numeric(19, 4) check (custom_value >= 0),
    -- a gift card's balance: what it started with and what is left
    original_balance     numeric(19, 4) check (original_balance >= 0),
    balance              numeric(19, 4) check (balance >= 0),
    applied_at           timestamp with time zone,
    valid_from           timestamp with time zone,
    valid_to             timestamp with time zone,
    note                 varchar(1000),
    -- the ledger redemption that paid its points_cost, given back when the voucher is deleted
    redemption_id        varchar(64),
    source               varchar(1000)  not null,
    state                integer        not null default 1 check (state in (0, 1, 2)),
    created_at           timestamp with time zone not null,
    last_change          timestamp with time zone not null,
    constraint ux_voucher_code unique (code)
);
create index ix_voucher_customer on voucher (customer_id, reward_id);
create index ix_voucher_reward on voucher (reward_id, customer_id);

-- Each use of a voucher or a codeless reward by a purchase (or apply-voucher, purchase_id null): what limits
-- count, and what a cancellation gives back. A reversed use is deleted.
create table reward_use (
    id          varchar(64)    primary key,
    reward_id   varchar(64)    not null references reward (id),
    voucher_id  varchar(64)    references voucher (id),
    customer_id varchar(32)    references customer (id),
    purchase_id varchar(64),
    amount      numeric(19, 4) not null default 0,
    created_at  timestamp with time zone not null
);
create index ix_reward_use_reward on reward_use (reward_id, customer_id);
create index ix_reward_use_purchase on reward_use (purchase_id);

create table reward_setting (
    name        varchar(255)  primary key,
    setting     varchar(1000) not null,
    last_change timestamp with time zone not null
);
