-- Partners a customer is assigned to; a partner at most once per customer.
create table customer_partner (
    id          varchar(32) primary key,
    customer_id varchar(32) not null references customer (id),
    partner_id  varchar(32) not null references partner (id),
    last_change timestamp with time zone not null,
    constraint ux_customer_partner unique (customer_id, partner_id)
);
