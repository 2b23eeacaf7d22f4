-- Lookups that show a state (customer relation types): 0 deleted, 1 active, 2 inactive.
alter table lookup add column state integer not null default 1;

-- What a customer is interested in (an interest is a lookup of kind 'interest'); each interest once.
create table customer_interest (
    id          varchar(32) primary key,
    customer_id varchar(32) not null references customer (id),
    interest_id varchar(32) not null,
    last_change timestamp with time zone not null,
    constraint ux_customer_interest unique (customer_id, interest_id)
);

-- Additional addresses of a customer, each of a customer address type (a lookup).
create table customer_address (
    id              varchar(32) primary key,
    customer_id     varchar(32) not null references customer (id),
    address_type_id varchar(32) not null,
    address1        varchar(300),
    address2        varchar(300),
    address3        varchar(300),
    address4        varchar(300),
    address5        varchar(300),
    address6        varchar(300),
    address7        varchar(300),
    zip             varchar(30),
    city            varchar(200),
    country_code    varchar(2),
    last_change     timestamp with time zone not null
);
create index ix_customer_address_customer on customer_address (customer_id);

-- Relations of a customer to another customer. A deleted relation ends (valid_to, state 0) and stays
-- in the history; open_key (related customer and type) is set only while the relation is in force,
-- so that the unique constraint forbids the same relation twice at a time.
create table customer_relation (
    id                  varchar(32) primary key,
    customer_id         varchar(32) not null references customer (id),
    related_customer_id varchar(32) not null references customer (id),
    relation_type_id    varchar(32) not null,
    is_leading          boolean     not null,
    state               integer     not null default 1 check (state in (0, 1, 2)),
    valid_from          timestamp with time zone not null,
    valid_to            timestamp with time zone,
    open_key            varchar(70),
    last_change         timestamp with time zone not null,
    constraint ux_customer_relation_open unique (customer_id, open_key)
);
create index ix_customer_relation_related on customer_relation (related_customer_id);
