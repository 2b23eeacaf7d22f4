-- One audit entry per statement for writes of several rows (PostgreSQL, see db/vendor/postgresql/V160_1):
-- a batch of 1000 products is one entry per table with the keys of every row, not 1000 entries.
-- record_id stays the key of an entry of one record; an entry of several records has no record_id,
-- their keys in record_keys (sorted) and old_values/new_values as JSON arrays in the same order.
-- H2 writes row by row (its trigger sees one row at a time), so its entries keep one record each.
alter table audit_log alter column record_id drop not null;
alter table audit_log add column record_count integer default 1 not null;
alter table audit_log add column record_keys varchar(1000) array;
