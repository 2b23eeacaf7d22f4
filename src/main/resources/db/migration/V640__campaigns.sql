-- Campaigns (marketing campaigns that group campaign products) and campaign products: a product's campaign price
-- (a percentage off or a final price) for one customer type, in a validity window, in some stores (none listed:
-- every store), shown in some places (web, cash desk, api).
create table campaign (
    id          varchar(32)  primary key,
    external_id varchar(200),
    parent_id   varchar(32)  references campaign (id),
    name        varchar(255) not null,
    state       integer      not null default 1 check (state in (0, 1, 2)),
    created_at  timestamp with time zone not null,
    last_change timestamp with time zone not null
);
create index ix_campaign_external on campaign (external_id);

create table campaign_product (
    id            varchar(32)    primary key,
    product_id    varchar(32)    not null references product (id),
    currency_id   varchar(32)    not null references currency (id),
    campaign_id   varchar(64)    not null references campaign (id),
    campaign_value numeric(19, 4) not null check (campaign_value >= 0),
    value_type_id integer        not null check (value_type_id in (1, 2)),
    valid_from    timestamp with time zone not null,
    valid_to      timestamp with time zone not null,
    -- the display places, comma-separated, in the order sent (web, cash desk, api)
    display_in    varchar(1000),
    -- the customer type (a lookup of kind customer_type) the price is for
    type_id       varchar(64)    not null,
    name          varchar(255)   not null,
    subtitle      varchar(1000),
    note          varchar(1000),
    description   varchar(4000),
    image_url     varchar(1000),
    state         integer        not null default 1 check (state in (0, 1)),
    created_at    timestamp with time zone not null,
    last_change   timestamp with time zone not null
);
create index ix_campaign_product_product on campaign_product (product_id);
create index ix_campaign_product_campaign on campaign_product (campaign_id);

-- The stores a campaign product is limited to; a store at most once per campaign product.
create table campaign_product_store (
    id                  varchar(32) primary key,
    campaign_product_id varchar(64) not null references campaign_product (id),
    store_id            varchar(32) not null references store (id),
    created_at          timestamp with time zone not null,
    constraint ux_campaign_product_store unique (campaign_product_id, store_id)
);
