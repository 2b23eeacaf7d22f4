-- Hints (/recommendations), audiences and customer engagement setups: configuration from the project file.
create table hint (
    id                    varchar(64)   primary key,
    text_id               varchar(100)  not null unique,
    position              integer       not null,
    web_url               varchar(1000),
    -- a JSON array of URLs
    picture_urls          varchar(100000) not null,
    -- targeting: a customer sees the hint when the customer property has this value (both null: every customer)
    target_property_id    varchar(100),
    target_property_value varchar(1000),
    state                 integer       not null check (state in (0, 1, 2)),
    last_change           timestamp with time zone not null
);

create table audience (
    id                       varchar(64)  primary key,
    text_id                  varchar(100) not null unique,
    name                     varchar(255) not null,
    communication_channel_id varchar(64)  not null,
    state                    integer      not null check (state in (0, 1)),
    last_change              timestamp with time zone not null
);

create table customer_engagement_setup (
    id          varchar(64)  primary key,
    text_id     varchar(100) not null unique,
    -- the setup as serialized JSON, handed to the tracking script as is
    setup       varchar(100000) not null,
    state       integer      not null check (state in (0, 1, 2)),
    last_change timestamp with time zone not null
);
