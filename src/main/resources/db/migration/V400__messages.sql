-- Message templates (imported from the project file), the messages sent to customers and their attachments.
create table message_template (
    id                        varchar(64)   primary key,
    text_id                   varchar(100)  not null unique,
    name                      varchar(255)  not null,
    communication_channel_id  varchar(64)   not null,
    message_template_group_id integer       not null check (message_template_group_id in (1, 2, 3)),
    consent_free              boolean       not null,
    sender                    varchar(1000)  not null,
    preview_url               varchar(2000),
    icon_url                  varchar(2000),
    -- the placeholders a send may fill, with their default values: a JSON object name -> value
    parameters                varchar(100000) not null,
    state                     integer       not null check (state in (0, 1)),
    last_change               timestamp with time zone not null
);

-- One language version of a template: Mustache sources of the subject and both bodies.
create table message_template_content (
    message_template_id varchar(64)  not null references message_template (id),
    language_id         varchar(10)  not null,
    subject             varchar(2000),
    html_body           varchar(1000000),
    plain_text_body     varchar(1000000) not null,
    constraint pk_message_template_content primary key (message_template_id, language_id)
);

create table message (
    id                       varchar(32)   primary key,
    customer_id              varchar(32)   not null references customer (id),
    message_template_id      varchar(64)   not null references message_template (id),
    communication_channel_id varchar(64)   not null,
    contact                  varchar(320),
    language_id              varchar(10)   not null,
    status                   integer       not null check (status in (0, 1, -1, -2, 2, 4, 5)),
    title                    varchar(2000),
    html_body                varchar(1000000),
    plain_text_body          varchar(1000000),
    -- the message_data of the request: a JSON array of {parameter_name, value}
    message_data             varchar(1000000) not null,
    delivery_attempts        integer       not null,
    last_error               varchar(2000),
    created_at               timestamp with time zone not null,
    send_time                timestamp with time zone,
    last_change              timestamp with time zone not null
);
create index ix_message_customer on message (customer_id, created_at);
create index ix_message_created on message (created_at);

create table message_attachment (
    id            varchar(32)  primary key,
    message_id    varchar(64)  not null references message (id) on delete cascade,
    position      integer      not null,
    upload_method varchar(1000) not null check (upload_method in ('url', 'base64')),
    source_url    varchar(2000),
    file_name     varchar(255) not null,
    content_type  varchar(1000) not null,
    content       bytea        not null,
    constraint uq_message_attachment unique (message_id, position)
);
