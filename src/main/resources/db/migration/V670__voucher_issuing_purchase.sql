-- The purchase that issued a voucher: a stamper card (or checkpoint) its stamps unlocked, or a catalogue reward
-- bought with points at its cash desk. Null for vouchers issued otherwise (API, batch, automation).
alter table voucher add column purchase_id varchar(64);
create index ix_voucher_purchase on voucher (purchase_id);
