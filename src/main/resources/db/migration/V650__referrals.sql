-- Referral campaigns of the project file: how their codes look (a prefix and random characters of an alphabet),
-- when they run (starts_at..ends_at, both inclusive, null: open), how long a code lives after its creation
-- (code_validity_days, null: as long as the campaign), the customer relation type a referral creates, and the
-- incentives of both sides (points of a point type from a partner, and/or a voucher of a reward).
-- default_key is 'default' for the project's default campaign and null otherwise: at most one default.
create table referral_campaign (
    id                   varchar(64)  primary key,
    text_id              varchar(100) not null unique,
    name                 varchar(255) not null,
    code_prefix          varchar(20)  not null,
    code_length          integer      not null check (code_length between 6 and 32),
    code_alphabet        varchar(100) not null,
    starts_at            timestamp with time zone,
    ends_at              timestamp with time zone,
    code_validity_days   integer      check (code_validity_days > 0),
    relation_type_id     varchar(64)  not null,
    default_key          varchar(10)  unique,
    referrer_points      numeric(19, 4) check (referrer_points > 0),
    referrer_point_type_id varchar(64),
    referrer_reward_id   varchar(64),
    referred_points      numeric(19, 4) check (referred_points > 0),
    referred_point_type_id varchar(64),
    referred_reward_id   varchar(64),
    points_partner_id    varchar(64),
    state                integer      not null check (state in (0, 1, 2)),
    last_change          timestamp with time zone not null
);

-- A customer's code of a campaign, created when the customer first reads the campaign's codes: one per
-- customer and campaign, each code unique. valid_to null: the code lives as long as its campaign.
create table referral (
    id          varchar(32)  primary key,
    campaign_id varchar(64)  not null references referral_campaign (id),
    customer_id varchar(32)  not null references customer (id),
    code        varchar(64)  not null,
    state       integer      not null default 1 check (state in (1, 2)),
    valid_to    timestamp with time zone,
    created_at  timestamp with time zone not null,
    constraint ux_referral_code unique (code),
    constraint ux_referral_customer_campaign unique (customer_id, campaign_id)
);

-- A registration with a code: who registered with whose code. A customer registers once, so one row each.
create table referral_use (
    id                   varchar(32) primary key,
    referral_id          varchar(32) not null references referral (id),
    referred_customer_id varchar(32) not null references customer (id),
    created_at           timestamp with time zone not null,
    constraint ux_referral_use_referred unique (referred_customer_id)
);
create index ix_referral_use_referral on referral_use (referral_id);

-- The incentives a registration with a code granted: one row per use, side (referrer, referred) and kind
-- (points, voucher), so that a redelivered event grants nothing twice. record_id is the point lot or the
-- voucher; null with a refusal when the grant could not be made (an ended reward, a removed point type).
create table referral_grant (
    id              varchar(32)  primary key,
    referral_use_id varchar(32)  not null references referral_use (id),
    side            varchar(10)  not null check (side in ('referrer', 'referred')),
    kind            varchar(10)  not null check (kind in ('points', 'voucher')),
    customer_id     varchar(32)  not null references customer (id),
    record_id       varchar(32),
    refusal         varchar(1000),
    created_at      timestamp with time zone not null,
    constraint ux_referral_grant unique (referral_use_id, side, kind)
);
