-- Loyalty ledger (io.patron.loyalty): what a take-back of earned points (a cancelled purchase) could not take because
-- the customer had already spent the points. The outstanding amount is shown as a negative balance (available less
-- outstanding debt) and is settled first from the next points the customer earns; lots and the cached balance stay
-- non-negative.
create table loyalty_debt (
    id          varchar(32)    primary key,
    customer_id varchar(32)    not null references customer (id),
    type_id     varchar(64)    not null references loyalty_type (id),
    currency_id varchar(64)    not null,
    -- the lot whose earning was taken back
    record_id   varchar(64)    not null references loyalty_record (id),
    amount      numeric(19, 4) not null check (amount > 0),
    outstanding numeric(19, 4) not null check (outstanding >= 0),
    created_at  timestamp with time zone not null,
    last_change timestamp with time zone not null
);
create index ix_loyalty_debt_customer on loyalty_debt (customer_id, type_id, currency_id);
