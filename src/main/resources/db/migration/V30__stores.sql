-- Partners, stores, store groups and the stores' group memberships.
-- Names and descriptions are translations (entities partner.name, store.name, store.short_description,
-- store.description, store_group.name); custom attributes are property records (owner kinds store, partner).
-- Portable SQL: runs on PostgreSQL 15+ and on H2 in PostgreSQL mode.

create table partner (
    id              varchar(32)  primary key,
    text_id         varchar(100) not null, -- the partner's key in the project file
    registration_id varchar(50),
    vat_id          varchar(50),
    email           varchar(255),
    phone           varchar(30),
    address1        varchar(255),
    address2        varchar(255),
    address3        varchar(255),
    address4        varchar(255),
    address5        varchar(255),
    address6        varchar(255),
    address7        varchar(255),
    zip             varchar(20),
    city            varchar(255),
    country_code    varchar(2),
    state           integer      not null default 1 check (state in (0, 1, 2)),
    position        integer      not null default 0,
    last_change     timestamp with time zone not null,
    constraint ux_partner_text_id unique (text_id)
);

create table store (
    id                      varchar(32)   primary key,
    store_code              varchar(100)  not null,
    system_id               varchar(100)  not null,
    partner_id              varchar(32)   not null references partner (id),
    contact_email           varchar(255),
    manager_name            varchar(255),
    phone_number            varchar(30),
    url_address             varchar(1000),
    registration_id         varchar(50),
    address1                varchar(255),
    address2                varchar(255),
    address3                varchar(255),
    address4                varchar(255),
    address5                varchar(255),
    address6                varchar(255),
    address7                varchar(255),
    zip                     varchar(20),
    city                    varchar(255),
    country_code            varchar(2),
    gps_longitude           numeric(10, 7),
    gps_latitude            numeric(10, 7),
    opening                 varchar(8000), -- JSON: [{"day_id": "MON", "time_intervals": [{"from", "to"}]}]
    image_urls              varchar(8000), -- JSON array of URLs, from the project file
    visibility_for_customer integer       not null default 1 check (visibility_for_customer in (0, 1)),
    state                   integer       not null default 1 check (state in (0, 1, 2)),
    last_change             timestamp with time zone not null,
    constraint ux_store_store_code unique (store_code),
    constraint ux_store_system_id unique (system_id)
);
create index ix_store_partner on store (partner_id);
create index ix_store_visibility on store (visibility_for_customer);

create table store_group (
    id          varchar(32)  primary key,
    text_id     varchar(100) not null, -- the group's key in the project file
    position    integer      not null default 0,
    last_change timestamp with time zone not null,
    constraint ux_store_group_text_id unique (text_id)
);

create table store_group_record (
    id             varchar(32) primary key,
    store_id       varchar(32) not null references store (id),
    store_group_id varchar(32) not null references store_group (id),
    last_change    timestamp with time zone not null,
    constraint ux_store_group_record unique (store_id, store_group_id)
);
create index ix_store_group_record_group on store_group_record (store_group_id);
