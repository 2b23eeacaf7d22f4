-- PostgreSQL only. The audit log is the fastest-growing table and is read only by its indexes (a record, an actor, a
-- time window), on keys so selective that a small sample plans them as well as the default one. Its recorded values
-- (JSON, often whole rows) are never searched, and analyzing them was most of the cost: an analyze of 168,000 entries
-- took 518 ms of one core, 58 ms with these targets (docs/performance.md, fifth sitting). The same holds for the
-- payloads of outbox and automation events.
alter table audit_log
    alter column old_values set statistics 0, alter column new_values set statistics 0,
    alter column id set statistics 10, alter column changed_at set statistics 10,
    alter column actor_type set statistics 10, alter column actor_id set statistics 10,
    alter column application_id set statistics 10, alter column request_id set statistics 10,
    alter column table_name set statistics 10, alter column record_id set statistics 10,
    alter column operation set statistics 10, alter column record_count set statistics 10,
    alter column record_keys set statistics 10;
alter table outbox_event alter column payload set statistics 0;
alter table event alter column data_json set statistics 0;
