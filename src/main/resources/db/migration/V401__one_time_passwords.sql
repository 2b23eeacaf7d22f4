-- One-time passwords: the code only as a slow hash, bound to the application that asked for it; single use.
create table one_time_password (
    request_id               varchar(64)   primary key,
    external_application_id  varchar(64)   not null references external_application (id),
    communication_channel_id varchar(64)   not null,
    recipient                varchar(1000) not null,
    code_hash                varchar(1000) not null,
    attempts                 integer       not null,
    created_at               timestamp with time zone not null,
    expires_at               timestamp with time zone not null,
    used_at                  timestamp with time zone
);
create index ix_one_time_password_recipient on one_time_password (recipient, created_at);
create index ix_one_time_password_expires on one_time_password (expires_at);
