-- Consents of customers: the value, when it was last given (value 1) and when it last changed.
create table customer_consent (
    customer_id   varchar(32)  not null references customer (id),
    consent_id    varchar(100) not null,
    consent_value integer      not null check (consent_value in (0, 1, 2)),
    given_at      timestamp with time zone,
    last_change   timestamp with time zone not null,
    constraint pk_customer_consent primary key (customer_id, consent_id)
);
