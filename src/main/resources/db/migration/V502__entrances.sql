-- Charged entrances: tickets sold and charged by external POS and turnstile systems (EPOS, Skidata,
-- Axess, base), recorded in Patron by the entrance import; one entrance per POS and external id.
create table entrance (
    id                               varchar(32)    primary key,
    pos_id                           integer        not null check (pos_id in (3, 6, 9, 11)),
    external_entrance_id             varchar(255)   not null,
    name                             varchar(255),
    card_id                          varchar(32)    not null references card (id),
    customer_id                      varchar(32)    references customer (id),
    resort_name                      varchar(255),
    customer_category_name           varchar(255),
    external_order_id                varchar(255),
    external_turnstile_permission_id varchar(255),
    entrance_type_id                 integer        check (entrance_type_id in (0, 1, 2)),
    order_item_id                    varchar(255),
    charged_price                    numeric(19, 4),
    product_ids                      varchar(1000),
    charge_date                      timestamp with time zone,
    valid_from                       date,
    valid_to                         date,
    state                            integer        not null check (state in (0, 1)),
    -- a cancelled entrance (state 0) deactivated through Patron's API rather than cancelled by its POS system
    deactivated                      boolean        not null default false,
    cancelled_at                     timestamp with time zone,
    created_at                       timestamp with time zone not null,
    last_change                      timestamp with time zone not null,
    constraint ux_entrance_external unique (pos_id, external_entrance_id)
);
create index ix_entrance_customer on entrance (customer_id);
create index ix_entrance_card on entrance (card_id);

-- What the turnstiles report of one day's use of an entrance (skiing distance and elevation).
create table entrance_usage (
    entrance_id varchar(64)    not null references entrance (id),
    used_on     date           not null,
    distance_km numeric(19, 3) not null default 0,
    elevation_m numeric(19, 1) not null default 0,
    primary key (entrance_id, used_on)
);
