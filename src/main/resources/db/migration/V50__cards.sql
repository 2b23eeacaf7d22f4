-- Cards: the numbers that identify a customer (plastic, virtual, membership). A card without a customer is free.

create table card (
    id                    varchar(32)  primary key,
    customer_id           varchar(32)  references customer (id),
    -- The card type. Its foreign key to card_type is added when the card-type tables are merged in.
    card_type_id          varchar(32)  not null,
    card_number           varchar(100) not null,
    secondary_card_number varchar(100),
    valid_from            timestamp with time zone,
    valid_to              timestamp with time zone,
    store_id              varchar(32),
    state                 integer      not null check (state in (0, 1)),
    created_at            timestamp with time zone not null,
    last_change           timestamp with time zone not null,
    -- a card number identifies one card (the constraint's index serves lookups by number)
    constraint ux_card_number unique (card_number)
);
create index ix_card_customer on card (customer_id);
create index ix_card_type on card (card_type_id, customer_id);
create index ix_card_secondary_number on card (secondary_card_number);

-- Digital card files handed out by URL; the id is an unguessable secret, the image is drawn on request.
-- A file serves only while the card has the holder it was made for (customer_id, null for a free card).
create table card_file (
    id          varchar(64) primary key,
    card_id     varchar(32) not null references card (id),
    customer_id varchar(32),
    file_type   varchar(10) not null check (file_type in ('png', 'qr-png')),
    created_at  timestamp with time zone not null
);
create index ix_card_file_card on card_file (card_id, file_type);
