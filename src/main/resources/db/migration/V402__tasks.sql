-- Tasks (customer complaints, call-backs...): types and states from the project file, comments, assigned users.
create table task_type (
    id          varchar(64)  primary key,
    text_id     varchar(100) not null unique,
    position    integer      not null,
    state       integer      not null check (state in (0, 1, 2)),
    last_change timestamp with time zone not null
);

create table task_state (
    id          varchar(64)  primary key,
    text_id     varchar(100) not null unique,
    position    integer      not null,
    state       integer      not null check (state in (0, 1, 2)),
    last_change timestamp with time zone not null
);

create table task (
    id            varchar(32)   primary key,
    task_type_id  varchar(64)   not null references task_type (id),
    task_state_id varchar(64)   not null references task_state (id),
    customer_id   varchar(32)   not null references customer (id),
    task_title    varchar(1000) not null,
    task_note     varchar(4000),
    task_priority integer       not null check (task_priority between 1 and 4),
    due_date      date,
    created_at    timestamp with time zone not null,
    state         integer       not null check (state in (0, 1, 2)),
    last_change   timestamp with time zone not null
);
create index ix_task_customer on task (customer_id);

create table task_comment (
    id          varchar(32)   primary key,
    task_id     varchar(64)   not null references task (id),
    text        varchar(4000) not null,
    -- who wrote it: a user (Enterprise API) or the task's customer (Customer API)
    user_id     varchar(32)   references app_user (id),
    from_customer boolean     not null,
    state       integer       not null check (state in (0, 1, 2)),
    last_change timestamp with time zone not null
);
create index ix_task_comment_task on task_comment (task_id);

create table task_assignee (
    id          varchar(32) primary key,
    task_id     varchar(64) not null references task (id),
    user_id     varchar(32) not null references app_user (id),
    last_change timestamp with time zone not null,
    constraint uq_task_assignee unique (task_id, user_id)
);
