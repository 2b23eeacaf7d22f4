-- PostgreSQL only. The audit triggers (installed from Java, io.patron.audit.AuditTriggers) write one
-- audit_log row per statement instead of one per changed row: a statement that changed one row is
-- recorded as before (record_id, the row's values as a JSON object); a statement that changed several
-- is one row with their keys in record_keys (sorted) and their values as JSON arrays in that order.
-- Measured on the product batch sync (docs/performance.md, "Audit cost"): one audit row per table
-- and statement instead of one per product, PLU id, price and name.

-- operators look entries up by record: a GIN index finds a key inside record_keys
create index ix_audit_log_record_keys on audit_log using gin (record_keys) where record_keys is not null;

-- Arguments: the primary key columns and the secret columns, each comma-separated. The SQL is
-- built per statement from the table's columns, as plain expressions over the transition tables:
-- no per-row subquery (one made an update of 1000 rows ten times slower).
create or replace function audit_changes() returns trigger language plpgsql as $$
declare
    context   jsonb  := coalesce(nullif(current_setting('patron.audit', true), '')::jsonb,
                                 jsonb_build_object('type', 'database', 'id', session_user));
    keys      text[] := string_to_array(tg_argv[0], ',');
    secret    text[] := string_to_array(nullif(tg_argv[1], ''), ',');
    stamp     timestamp with time zone := coalesce((context ->> 'at')::timestamptz, now());
    -- the changed records of the statement (k: key, o: old values, n: new values) become one row
    target    text   := format('insert into %I.audit_log (changed_at, actor_type, actor_id, application_id,'
                               ' request_id, table_name, record_id, record_count, record_keys, operation,'
                               ' old_values, new_values)'
                               ' select $1, $2, $3, $4, $5, $6, case when count(*) = 1 then min(k) end, count(*),'
                               ' case when count(*) > 1 then array_agg(k order by k) end, %L, ', tg_table_schema,
                               lower(tg_op));
    one_or_all text := 'case when count(*) = 1 then jsonb_agg(%1$s order by k) -> 0 else jsonb_agg(%1$s order by k) end';
    -- secret columns: the recorded values go through audit_masked
    mask_open  text := case when tg_argv[1] = '' then '' else format('%I.audit_masked(', tg_table_schema) end;
    mask_close text := case when tg_argv[1] = '' then '' else ', $7)' end;
    row_key    text;
    unchanged  text;
    changed    text;
begin
    if tg_op = 'UPDATE' then
        -- old and new rows meet by primary key (a row whose key changed is recorded once under each key)
        select string_agg(format('coalesce(n.%1$I, o.%1$I)', k), ', ') into row_key from unnest(keys) k;
        -- columns without an equality operator (json, xml...) are compared as text
        select string_agg(format('case when %1$s is not distinct from %2$s then %3$L end', l, r, attname), ', '),
               string_agg(format('%1$s is distinct from %2$s', l, r), ' or ')
          into unchanged, changed
          from (select attname,
                       case when atttypid in ('json'::regtype, 'xml'::regtype, 'point'::regtype)
                            then format('o.%I::text', attname) else format('o.%I', attname) end l,
                       case when atttypid in ('json'::regtype, 'xml'::regtype, 'point'::regtype)
                            then format('n.%I::text', attname) else format('n.%I', attname) end r
                  from pg_attribute where attrelid = tg_relid and attnum > 0 and not attisdropped
                 order by attnum) c;
        execute target || format(one_or_all, 'o') || ', ' || format(one_or_all, 'n') || format(
            ' from (select concat_ws(''/'', %1$s) k, %2$s o, %3$s n'
            ' from old_rows o full join new_rows n on %4$s'
            ' cross join lateral (select array_remove(array[%5$s], null) same) u'
            ' where %6$s) c having count(*) > 0',
            row_key,
            mask_open || 'to_jsonb(o) - u.same' || mask_close,
            mask_open || 'to_jsonb(n) - u.same' || mask_close,
            (select string_agg(format('o.%1$I = n.%1$I', k), ' and ') from unnest(keys) k),
            unchanged, changed)
            using stamp, context ->> 'type', context ->> 'id', context ->> 'application', context ->> 'request',
                  tg_table_name, secret;
    else
        select string_agg(format('r.%I', k), ', ') into row_key from unnest(keys) k;
        execute target || case when tg_op = 'INSERT' then 'null, ' || format(one_or_all, 'v')
                               else format(one_or_all, 'v') || ', null' end
            || format(' from (select concat_ws(''/'', %1$s) k, %2$s v from %3$I r) c having count(*) > 0',
                      row_key, mask_open || 'jsonb_strip_nulls(to_jsonb(r))' || mask_close,
                      case when tg_op = 'INSERT' then 'new_rows' else 'old_rows' end)
            using stamp, context ->> 'type', context ->> 'id', context ->> 'application', context ->> 'request',
                  tg_table_name, secret;
    end if;
    return null;
end
$$;
