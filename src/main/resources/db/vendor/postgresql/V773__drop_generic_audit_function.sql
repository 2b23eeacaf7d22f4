-- PostgreSQL only. Since V771 every audited table has functions of its own (audit_ins_/audit_upd_/audit_del_<table>),
-- and no trigger calls the generic audit_changes() of V100/V160_1 any more. Dropped without cascade: were a trigger
-- still pointing at it, this migration would fail rather than leave that table unaudited.
drop function if exists audit_changes();
