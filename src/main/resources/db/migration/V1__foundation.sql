-- Foundation: applications, users and tokens, rate-limit buckets, translations, reference data.
-- Portable SQL: runs on PostgreSQL 15+ and on H2 in PostgreSQL mode.

create table external_application (
    id            varchar(64)  primary key,
    name          varchar(200) not null,
    api_interface varchar(20)  not null check (api_interface in ('enterprise', 'customer')),
    active        boolean      not null default true,
    created_at    timestamp with time zone not null
);

create table user_role (
    id      varchar(32)  primary key,
    text_id varchar(100) not null unique
);

create table app_user (
    id            varchar(32)  primary key,
    login         varchar(200) not null,
    login_key     varchar(200) not null unique, -- lower-cased login: logins are case-insensitive
    password_hash varchar(200) not null,
    first_name    varchar(200) not null,
    last_name     varchar(200) not null,
    email         varchar(320) not null,
    phone         varchar(50),
    store_id      varchar(32),
    active        boolean      not null default true,
    last_login    timestamp with time zone,
    created_at    timestamp with time zone not null
);

create table app_user_role (
    user_id      varchar(32) not null references app_user (id),
    user_role_id varchar(32) not null references user_role (id),
    primary key (user_id, user_role_id)
);

-- Enterprise bearer tokens; only the SHA-256 of a token is stored.
create table user_token (
    token_hash     varchar(64) primary key,
    user_id        varchar(32) not null references app_user (id),
    application_id varchar(64) not null references external_application (id),
    created_at     timestamp with time zone not null,
    valid_to       timestamp with time zone not null,
    revoked_at     timestamp with time zone
);
create index ix_user_token_user on user_token (user_id);
create index ix_user_token_valid_to on user_token (valid_to);

-- Customer API tokens: one per application installation (application + device); a new token replaces the old.
create table customer_token (
    token_hash            varchar(64)  primary key,
    application_id        varchar(64)  not null references external_application (id),
    device_id             varchar(200) not null,
    device_system         varchar(200),
    device_name           varchar(200),
    device_type           varchar(200),
    language_id           varchar(8),
    allowed_gps           boolean,
    allowed_notifications boolean,
    push_token            varchar(1000),
    customer_id           varchar(32),
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null,
    constraint ux_customer_token_installation unique (application_id, device_id)
);
create index ix_customer_token_customer on customer_token (customer_id);

-- Failed logins per login, to slow down password guessing across all nodes.
create table login_failure (
    login_key       varchar(200) primary key,
    failures        integer      not null,
    last_failure_at timestamp with time zone not null
);

-- Bucket4j token buckets shared by all nodes (used on PostgreSQL).
create table rate_limit_bucket (
    id         varchar(300) primary key,
    state      bytea,
    expires_at bigint
);
create index ix_rate_limit_bucket_expires on rate_limit_bucket (expires_at);

-- Translated texts of any entity: names and descriptions per language.
create table translation (
    entity      varchar(50)   not null,
    entity_id   varchar(200)  not null,
    language_id varchar(8)    not null,
    text        varchar(4000) not null,
    primary key (entity, entity_id, language_id)
);

create table country (
    id    varchar(2) primary key, -- ISO 3166-1 alpha-2
    state integer    not null default 1 check (state in (0, 1, 2))
);

create table currency (
    id     varchar(32) primary key,
    code   varchar(3)  not null unique, -- ISO 4217
    active boolean     not null default true
);

create table language (
    id                     varchar(8) primary key, -- ISO 639-1
    state                  integer    not null default 1 check (state in (0, 1, 2)),
    carecloud_api          boolean    not null default true,
    web_portal             boolean    not null default true,
    customer_communication boolean    not null default true,
    last_change            timestamp with time zone not null
);

-- Lookups the API only reads, defined by the project file: id, text id, name (translation) and change time.
create table lookup (
    kind        varchar(50)  not null,
    id          varchar(32)  not null,
    text_id     varchar(100) not null,
    position    integer      not null default 0,
    last_change timestamp with time zone not null,
    primary key (kind, id),
    constraint ux_lookup_text_id unique (kind, text_id)
);
