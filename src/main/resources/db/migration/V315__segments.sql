-- Segments (io.patron.segment): groups from the project file; segments either static (created by POST /segments,
-- members added and removed by hand) or rule-based (configured conditions, members computed in SQL).

create table segment_group (
    id              varchar(32)  primary key,
    text_id         varchar(100) not null,
    parent_group_id varchar(32)  references segment_group (id),
    note            varchar(1000),
    last_change     timestamp with time zone not null,
    constraint ux_segment_group_text_id unique (text_id)
);

create table segment (
    id               varchar(32)  primary key,
    -- the key of a configured segment in the project file; null for segments created by the API
    text_id          varchar(100),
    segment_group_id varchar(32)  references segment_group (id),
    note             varchar(1000),
    priority         integer check (priority between 0 and 100),
    -- the conditions of a rule-based segment as JSON; null for a static segment
    rule_json        varchar(8000),
    -- when the members of a rule-based segment were last computed over all customers (null: never)
    evaluated_at     timestamp with time zone,
    last_change      timestamp with time zone not null,
    constraint ux_segment_text_id unique (text_id)
);
create index ix_segment_group on segment (segment_group_id);

-- Membership: one row per customer in a segment. A customer who leaves is deleted (the audit keeps the history).
create table segment_member (
    segment_id  varchar(32) not null references segment (id),
    customer_id varchar(32) not null references customer (id),
    created_at  timestamp with time zone not null,
    last_change timestamp with time zone not null,
    constraint pk_segment_member primary key (segment_id, customer_id)
);
create index ix_segment_member_customer on segment_member (customer_id, segment_id);
