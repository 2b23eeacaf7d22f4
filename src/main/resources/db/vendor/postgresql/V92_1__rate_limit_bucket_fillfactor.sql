-- Every request rewrites its bucket row; free room on the page keeps those updates HOT (no index
-- touches full_at, so the new row version can stay on the same page without index entries).
alter table rate_limit_bucket set (fillfactor = 50);
