-- Hint targeting beyond a customer property: a hint may also name a segment the customer must be a member of and a
-- status (tier) the customer must hold now. Every target a hint names must match (null: no condition).
alter table hint add column target_segment_id varchar(64);
alter table hint add column target_status_id varchar(64);
