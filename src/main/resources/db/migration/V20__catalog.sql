-- Product catalogue: brands, the product group tree, products with their identifiers (PLU ids
-- per product list), prices and tags. Names live in the translation table ("product.name" ...),
-- property records in property_record (owner kind "product").

create table product_brand (
    id          varchar(32)  primary key,
    external_id varchar(200) not null, -- the key of batch synchronisation
    last_change timestamp with time zone not null,
    constraint ux_product_brand_external_id unique (external_id)
);

create table product_group (
    id          varchar(32)  primary key,
    external_id varchar(200) not null, -- the key of batch synchronisation
    code        varchar(200),
    parent_id   varchar(32)  references product_group (id),
    partner_id  varchar(64),
    store_id    varchar(64),
    state       integer      not null default 1 check (state in (0, 1, 2)),
    last_change timestamp with time zone not null,
    constraint ux_product_group_external_id unique (external_id)
);
create index ix_product_group_parent on product_group (parent_id);
create index ix_product_group_code on product_group (code);
create index ix_product_group_partner on product_group (partner_id);
create index ix_product_group_store on product_group (store_id);

create table product (
    id          varchar(32)  primary key,
    code        varchar(200),
    partner_id  varchar(64),
    store_id    varchar(64),
    brand_id    varchar(32)  references product_brand (id),
    group_id    varchar(32)  references product_group (id),
    state       integer      not null default 1 check (state in (0, 1, 2)),
    last_change timestamp with time zone not null
);
-- Only the columns the list filters by are indexed: every index costs each synchronised product.
-- No list filters by brand or group, and brands and groups are never deleted, so their foreign
-- keys need no index on this side.
create index ix_product_code on product (code);
create index ix_product_partner on product (partner_id);

-- The identifiers of a product in the retailer's product lists (GLOBAL, SKU, PLU, EAN ...):
-- one code names one product per list; they are how batch synchronisation finds a product.
-- The key starts with the code, so it also serves the external_id filter, which may name no list.
create table product_plu (
    list_code  varchar(100) not null,
    code       varchar(200) not null,
    product_id varchar(32)  not null references product (id),
    primary key (code, list_code)
);
create index ix_product_plu_product on product_plu (product_id);

create table product_price (
    product_id  varchar(32)    not null references product (id),
    currency_id varchar(32)    not null references currency (id),
    price       numeric(19, 4) not null,
    primary key (product_id, currency_id)
);

-- Product tags are defined in the project file; products refer to them by id.
create table product_tag (
    id          varchar(32)  primary key,
    text_id     varchar(100) not null,
    state       integer      not null default 1 check (state in (0, 1, 2)),
    position    integer      not null default 0,
    last_change timestamp with time zone not null,
    constraint ux_product_tag_text_id unique (text_id)
);

create table product_tag_record (
    product_id varchar(32) not null references product (id),
    tag_id     varchar(32) not null references product_tag (id),
    primary key (product_id, tag_id)
);
create index ix_product_tag_record_tag on product_tag_record (tag_id);
