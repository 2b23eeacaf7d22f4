-- PostgreSQL only. Autovacuum's default threshold is a fifth of a table: the outbox keeps delivered events for the
-- retention period, so its pending index would gather the entries of hundreds of thousands of delivered events
-- before a vacuum. A fixed threshold keeps it small where autovacuum runs; the job events.vacuum-outbox does the same
-- where it does not (OutboxCleanup).
alter table outbox_event set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
                              autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000);
