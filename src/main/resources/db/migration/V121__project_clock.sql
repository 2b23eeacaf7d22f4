-- The sandbox's project clock: how far the project time runs ahead of real time, shared by every node.
-- At most one row; no row means no offset.
create table project_clock (
    id            integer primary key check (id = 1),
    offset_millis bigint  not null,
    changed_at    timestamp with time zone not null
);
