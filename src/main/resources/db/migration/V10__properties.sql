-- Custom properties: definitions (from the project file) and the typed values recorded on any
-- owner record (store, partner, product, customer ...). One mechanism for every owner kind.

create table property_definition (
    owner_kind  varchar(30)  not null,
    id          varchar(100) not null, -- the property_id clients use, unique per owner kind
    data_type   varchar(30)  not null,
    is_required boolean      not null default false,
    is_unique   boolean      not null default false,
    state       integer      not null default 1 check (state in (0, 1, 2)),
    position    integer      not null default 0,
    last_change timestamp with time zone not null,
    primary key (owner_kind, id)
);

create table property_item (
    owner_kind  varchar(30)  not null,
    property_id varchar(100) not null,
    id          varchar(32)  not null,
    text_id     varchar(100) not null,
    resource_record_id varchar(64),
    state       integer      not null default 1 check (state in (0, 1, 2)),
    position    integer      not null default 0,
    primary key (id),
    constraint ux_property_item unique (owner_kind, property_id, text_id),
    foreign key (owner_kind, property_id) references property_definition (owner_kind, id)
);

create table property_record (
    id          varchar(32)   primary key,
    owner_kind  varchar(30)   not null,
    owner_id    varchar(64)   not null,
    property_id varchar(100)  not null,
    value_json  varchar(8000) not null, -- the value as canonical JSON of its data type
    unique_key  varchar(1000),          -- the value's text when the property is unique (else null)
    last_change timestamp with time zone not null,
    constraint ux_property_record_owner unique (owner_kind, owner_id, property_id),
    constraint ux_property_record_unique_value unique (owner_kind, property_id, unique_key),
    foreign key (owner_kind, property_id) references property_definition (owner_kind, id)
);
create index ix_property_record_value on property_record (owner_kind, property_id, owner_id);
