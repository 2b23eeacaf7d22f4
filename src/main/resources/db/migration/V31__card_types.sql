-- Card types: a readable text id (derived from the name when the API creates one) and the prefix of
-- the card numbers of the type, which is what tells card types apart. The name is a translation
-- (entity card_type.name). Portable SQL: runs on PostgreSQL 15+ and on H2 in PostgreSQL mode.

create table card_type (
    id          varchar(32)  primary key,
    text_id     varchar(100) not null,
    prefix      varchar(50)  not null,
    last_change timestamp with time zone not null,
    constraint ux_card_type_text_id unique (text_id),
    constraint ux_card_type_prefix unique (prefix)
);
