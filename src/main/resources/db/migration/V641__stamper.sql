-- Stamper: stamp campaigns of the project file. A condition names the products (by product, product group or
-- brand; none: any product), how many qualifying items earn one stamp and the least an item must have cost.
-- A card holds stamp_count stamps; when it fills, its reward unlocks and the next card starts (at most
-- count_of_campaign_repetitions cards). Checkpoints unlock a reward at a stamp number of a card.
create table stamper_campaign (
    id                            varchar(64)  primary key,
    partner_id                    varchar(32),
    valid_from                    timestamp with time zone,
    valid_to                      timestamp with time zone,
    stamp_count                   integer      not null check (stamp_count > 0),
    count_of_campaign_repetitions integer      check (count_of_campaign_repetitions > 0),
    reward_id                     varchar(64),
    state                         integer      not null default 1 check (state in (0, 1)),
    position                      integer      not null,
    created_at                    timestamp with time zone not null,
    last_change                   timestamp with time zone not null
);

create table stamper_condition (
    id                  varchar(64)    primary key,
    stamper_campaign_id varchar(64)    not null references stamper_campaign (id),
    position            integer        not null,
    -- comma-separated ids; an item qualifies when its product is one of product_ids, or in one of
    -- product_group_ids, or of one of brand_ids (all empty: any product)
    product_ids         varchar(4000),
    product_group_ids   varchar(4000),
    brand_ids           varchar(4000),
    item_count          integer        not null default 1 check (item_count > 0),
    min_item_value      numeric(19, 4),
    state               integer        not null default 1 check (state in (0, 1))
);

create table stamper_checkpoint (
    id                  varchar(64) primary key,
    stamper_campaign_id varchar(64) not null references stamper_campaign (id),
    stamp_number        integer     not null check (stamp_number > 0),
    reward_id           varchar(64),
    position            integer     not null,
    state               integer     not null default 1 check (state in (0, 1))
);

create table stamper_card (
    id                  varchar(32) primary key,
    stamper_campaign_id varchar(64) not null references stamper_campaign (id),
    customer_id         varchar(32) not null references customer (id),
    stamper_card_order  integer     not null,
    stamps_collected    integer     not null default 0,
    is_filled_up        boolean     not null default false,
    -- the campaign's reward, unlocked when the card filled (the voucher is issued from the outbox event)
    reward_id           varchar(64),
    reward_unlocked     boolean     not null default false,
    unlocked_at         timestamp with time zone,
    state               integer     not null default 1 check (state in (0, 1)),
    created_at          timestamp with time zone not null,
    last_change         timestamp with time zone not null,
    constraint ux_stamper_card_order unique (stamper_campaign_id, customer_id, stamper_card_order)
);
create index ix_stamper_card_customer on stamper_card (customer_id);

-- Checkpoints a card has reached (its stamps reached the checkpoint's stamp number).
create table stamper_card_checkpoint (
    stamper_card_id       varchar(64) not null references stamper_card (id),
    stamper_checkpoint_id varchar(64) not null references stamper_checkpoint (id),
    reached_at            timestamp with time zone not null,
    primary key (stamper_card_id, stamper_checkpoint_id)
);

-- Stamps: each earned by a purchase under a condition; sequence orders a customer's stamps of a campaign and
-- places them on the cards (stamp sequence - 1 div stamp_count gives the card). A cancelled purchase's stamps
-- stay as deleted (state 0) without card and order.
create table stamper_stamp (
    id                   varchar(32) primary key,
    stamper_campaign_id  varchar(64) not null references stamper_campaign (id),
    customer_id          varchar(32) not null references customer (id),
    purchase_id          varchar(64) not null,
    stamper_condition_id varchar(64) not null references stamper_condition (id),
    stamper_card_id      varchar(64) references stamper_card (id),
    sequence_number      bigint      not null,
    stamp_order          integer,
    state                integer     not null default 1 check (state in (0, 1)),
    created_at           timestamp with time zone not null,
    last_change          timestamp with time zone not null,
    constraint ux_stamper_stamp_sequence unique (customer_id, stamper_campaign_id, sequence_number)
);
create index ix_stamper_stamp_purchase on stamper_stamp (purchase_id);
create index ix_stamper_stamp_card on stamper_stamp (stamper_card_id);
