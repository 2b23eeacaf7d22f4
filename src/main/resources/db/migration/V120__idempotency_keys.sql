-- Idempotency keys of writes (POST, PUT, DELETE with an Idempotency-Key header): one row per caller scope and key.
-- The key is stored only as its SHA-256, and the stored answer is encrypted with a key derived from the
-- Idempotency-Key itself, so the table alone reveals no answer (login answers carry credentials).
create table idempotency_key (
    scope         varchar(300) not null, -- app:<external application id>, or ip:<client address> for anonymous calls
    key_hash      varchar(64)  not null,
    request_hash  varchar(64)  not null, -- SHA-256 of method, path, query and body of the first request
    state         varchar(10)  not null check (state in ('running', 'done')),
    status        integer,
    content_type  varchar(200),
    location      varchar(2000),
    body          bytea,
    created_at    timestamp with time zone not null,
    locked_until  timestamp with time zone, -- a running claim not finished by then counts as abandoned
    expires_at    timestamp with time zone not null,
    constraint pk_idempotency_key primary key (scope, key_hash)
);
create index ix_idempotency_key_expires_at on idempotency_key (expires_at);
