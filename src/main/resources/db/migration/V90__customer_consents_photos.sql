-- Consents of customers, push notification registrations and profile photos.
-- Consents of customers: the value, when it was last given (value 1) and when it last changed.
create table customer_consent (
    customer_id   varchar(32)  not null references customer (id),
    consent_id    varchar(100) not null,
    consent_value integer      not null check (consent_value in (0, 1, 2)),
    given_at      timestamp with time zone,
    last_change   timestamp with time zone not null,
    constraint pk_customer_consent primary key (customer_id, consent_id)
);

-- Push notification registrations: one token per customer, external application and device.
create table customer_push_registration (
    customer_id             varchar(32)  not null references customer (id),
    external_application_id varchar(64)  not null references external_application (id),
    device_id               varchar(200) not null,
    device_system           varchar(200) not null,
    device_name             varchar(200) not null,
    device_type             varchar(200) not null,
    push_token              varchar(1000) not null,
    last_change             timestamp with time zone not null,
    constraint pk_customer_push_registration primary key (customer_id, external_application_id, device_id)
);

-- Profile photos, in the database so that every node serves them; the secret names the file in its public URL
-- and changes with every upload.
create table customer_photo (
    customer_id varchar(32) primary key references customer (id),
    secret      varchar(64) not null unique,
    extension   varchar(4)  not null check (extension in ('jpg', 'png')),
    content     bytea       not null,
    last_change timestamp with time zone not null
);
