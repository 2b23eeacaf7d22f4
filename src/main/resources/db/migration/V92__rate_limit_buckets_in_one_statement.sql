-- Shared rate-limit buckets are spent with one upsert per request (SharedRateLimiter): a row keeps
-- only when its bucket is full again, in nanoseconds since the epoch on the database's clock.
-- The rows are short-lived (a missing row is a full bucket), so the old Bucket4j state is dropped.
drop table rate_limit_bucket;
create table rate_limit_bucket (
    id      varchar(300) primary key,
    full_at bigint not null
);
