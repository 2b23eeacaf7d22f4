-- Customers: the account, its sources (systems it comes from, with their external ids) and consents.

create table customer_source (
    id          varchar(32)  primary key,
    text_id     varchar(100) not null unique,
    state       integer      not null default 1 check (state in (0, 1, 2)),
    last_change timestamp with time zone not null
);

create table customer (
    id            varchar(32)  primary key,
    salutation    varchar(200),
    gender        integer check (gender between 1 and 5),
    first_name    varchar(200),
    last_name     varchar(200),
    pre_nominals  varchar(100),
    post_nominals varchar(100),
    birthdate     date,
    email         varchar(320),
    email_key     varchar(320) unique, -- lower-cased email: emails are unique regardless of case
    phone         varchar(30),
    language_id   varchar(8)   not null,
    store_id      varchar(32),
    address1      varchar(300),
    address2      varchar(300),
    address3      varchar(300),
    address4      varchar(300),
    address5      varchar(300),
    address6      varchar(300),
    address7      varchar(300),
    zip           varchar(30),
    city          varchar(200),
    country_code  varchar(2),
    password_hash varchar(200),
    state         integer      not null default 1 check (state in (0, 1, 2)),
    created_at    timestamp with time zone not null,
    last_change   timestamp with time zone not null
);
create index ix_customer_phone on customer (phone);
create index ix_customer_last_name on customer (last_name, first_name);
create index ix_customer_first_name on customer (first_name);
create index ix_customer_birthdate on customer (birthdate);
create index ix_customer_store on customer (store_id);

create table customer_source_record (
    id                 varchar(32)  primary key,
    customer_id        varchar(32)  not null references customer (id),
    customer_source_id varchar(32)  not null references customer_source (id),
    external_id        varchar(200),
    last_change        timestamp with time zone not null,
    -- an external id names one customer within its source system
    constraint ux_customer_source_external unique (customer_source_id, external_id)
);
create index ix_customer_source_record_customer on customer_source_record (customer_id);
create index ix_customer_source_record_external on customer_source_record (external_id);
