-- Lookups that show a state (customer relation types): 0 deleted, 1 active, 2 inactive.
alter table lookup add column state integer not null default 1;
