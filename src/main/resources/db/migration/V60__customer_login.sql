-- Customer login: single-use authentication tokens, password setup links and social network links.

-- A short token another application exchanges for the customer's identity. Only hashes are stored:
-- request_hash = sha256(token_request_id), token_hash = sha256(token_request_id ':' token).
create table customer_auth_token (
    request_hash   varchar(64) primary key,
    token_hash     varchar(64) not null,
    customer_id    varchar(32) not null references customer (id),
    application_id varchar(64) not null,
    created_at     timestamp with time zone not null,
    valid_to       timestamp with time zone not null,
    used_at        timestamp with time zone
);
create index customer_auth_token_valid_to on customer_auth_token (valid_to);

-- The secret of a password setup link (sha256 of the token in the link).
create table customer_password_setup (
    token_hash  varchar(64) primary key,
    customer_id varchar(32) not null references customer (id),
    created_at  timestamp with time zone not null,
    valid_to    timestamp with time zone not null,
    used_at     timestamp with time zone
);
create index customer_password_setup_customer on customer_password_setup (customer_id);

-- A customer's account at a social network: the verified subject ("sub") of its ID tokens.
create table customer_social_network (
    social_network_id varchar(64)  not null,
    subject           varchar(255) not null,
    customer_id       varchar(32)  not null references customer (id),
    created_at        timestamp with time zone not null,
    primary key (social_network_id, subject),
    constraint customer_social_network_one_per_customer unique (customer_id, social_network_id)
);
