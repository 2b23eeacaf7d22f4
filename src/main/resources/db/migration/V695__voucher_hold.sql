-- A voucher held for another record of the customer (an open product reservation): it cannot be spent elsewhere
-- until the holder applies it (the voucher becomes used) or releases it. One holder per voucher.
create table voucher_hold (
    voucher_id  varchar(64)   primary key references voucher (id),
    -- who holds it, e.g. product_reservation:<id> (the reward capability does not know the holder's kind)
    holder_ref  varchar(200)  not null,
    created_at  timestamp with time zone not null
);
create index ix_voucher_hold_holder on voucher_hold (holder_ref);
