-- The product recommendation engine (io.patron.recommendation). The score tables are derived from the purchases
-- (cancelled ones and their cancellations left out) and rebuilt as a whole by the refresh job; the third-party
-- scores are what POST /third-party-recommendations/batch stored.

-- How many purchases of the customer contained the product (the customer's own purchase frequency).
create table reco_customer_product (
    customer_id varchar(32) not null,
    product_id  varchar(32) not null,
    purchases   integer     not null,
    primary key (customer_id, product_id)
);

-- How many purchases of the customer contained a product of the group (the product's own group).
create table reco_customer_group (
    customer_id varchar(32) not null,
    group_id    varchar(32) not null,
    purchases   integer     not null,
    primary key (customer_id, group_id)
);

-- Customers who bought product_id also bought other_product_id: how many distinct customers bought both; only the
-- strongest links of each product are kept (the job's limit). Read by product_id (the primary key's prefix).
create table reco_product_pair (
    product_id       varchar(32) not null,
    other_product_id varchar(32) not null,
    customers        integer     not null,
    primary key (product_id, other_product_id)
);

-- How many distinct customers bought the product: the last resort of the fill and a tie-break.
create table reco_product_popularity (
    product_id varchar(32) primary key,
    customers  integer     not null
);
create index ix_reco_product_popularity_rank on reco_product_popularity (customers desc, product_id);

-- When the score tables were last rebuilt, and from how much history.
create table reco_refresh (
    id           integer     primary key check (id = 1),
    refreshed_at timestamp with time zone not null,
    duration_ms  bigint      not null,
    customer_products integer not null,
    product_pairs     integer not null
);

-- Third-party scores: a product recommended to a customer (subject_kind 'customer') or linked to a product in the
-- shopping cart (subject_kind 'product'), per recommendation system and data set; a repeat replaces the score.
create table third_party_recommendation (
    id             varchar(32)    primary key,
    subject_kind   varchar(10)    not null check (subject_kind in ('customer', 'product')),
    subject_id     varchar(32)    not null,
    product_id     varchar(32)    not null references product (id),
    system_id      varchar(200)   not null,
    dataset_id     varchar(200)   not null,
    score          numeric(19, 6) not null check (score >= 0),
    last_change    timestamp with time zone not null,
    constraint ux_third_party_recommendation unique (subject_kind, subject_id, product_id, system_id, dataset_id)
);
