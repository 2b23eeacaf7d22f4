-- PostgreSQL only. The audit triggers of V160_1 built their SQL at every statement (the table's columns from
-- pg_attribute, then EXECUTE: parsed and planned each time), which cost about 0.3 ms of database CPU per audited
-- insert and more per update: most of a checkout's database time (docs/performance.md, fifth sitting). The same SQL
-- is now written once per table and operation into a function of its own (audit_ins_<table>, audit_upd_<table>,
-- audit_del_<table>), whose statement PL/pgSQL plans once per connection. The entries are the same as before.
--
-- audit_install(table, keys, secret columns) writes the three functions and points the table's triggers at them; it
-- rewrites only what differs (a column added by a later migration changes the update function), so a start that
-- changed nothing takes no lock on a table in use. io.patron.audit.AuditTriggers calls it after every migrate.
create or replace function audit_install(tbl text, keys text[], secret text[]) returns integer language plpgsql as $$
declare
    schema     text     := current_schema();
    rel        regclass := format('%I.%I', current_schema(), tbl)::regclass;
    op         text;
    fn         text;
    statement  text;
    body       text;
    written    integer  := 0;
    one_or_all text     := 'case when count(*) = 1 then jsonb_agg(%1$s order by k) -> 0 else jsonb_agg(%1$s order by k) end';
    -- secret columns: the recorded values go through audit_masked
    masked     boolean  := coalesce(cardinality(secret), 0) > 0;
    mask_open  text     := case when masked then format('%I.audit_masked(', current_schema()) else '' end;
    mask_close text     := case when masked then format(', %L::text[])', secret) else '' end;
    row_key    text;
    unchanged  text;
    changed    text;
begin
    foreach op in array array['insert', 'update', 'delete'] loop
        statement := format('insert into %I.audit_log (changed_at, actor_type, actor_id, application_id, request_id,'
                            ' table_name, record_id, record_count, record_keys, operation, old_values, new_values)'
                            ' select coalesce((context ->> ''at'')::timestamptz, now()), context ->> ''type'','
                            ' context ->> ''id'', context ->> ''application'', context ->> ''request'', %L,'
                            ' case when count(*) = 1 then min(k) end, count(*),'
                            ' case when count(*) > 1 then array_agg(k order by k) end, %L, ', schema, tbl, op);
        if op = 'update' then
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
                      from pg_attribute where attrelid = rel and attnum > 0 and not attisdropped
                     order by attnum) c;
            statement := statement || format(one_or_all, 'o') || ', ' || format(one_or_all, 'n') || format(
                ' from (select concat_ws(''/'', %1$s) k, %2$s o, %3$s n'
                ' from old_rows o full join new_rows n on %4$s'
                ' cross join lateral (select array_remove(array[%5$s], null) same) u'
                ' where %6$s) c having count(*) > 0',
                row_key,
                mask_open || 'to_jsonb(o) - u.same' || mask_close,
                mask_open || 'to_jsonb(n) - u.same' || mask_close,
                (select string_agg(format('o.%1$I = n.%1$I', k), ' and ') from unnest(keys) k),
                unchanged, changed);
        else
            select string_agg(format('r.%I', k), ', ') into row_key from unnest(keys) k;
            statement := statement || case when op = 'insert' then 'null, ' || format(one_or_all, 'v')
                                            else format(one_or_all, 'v') || ', null' end
                || format(' from (select concat_ws(''/'', %1$s) k, %2$s v from %3$I r) c having count(*) > 0',
                          row_key, mask_open || 'jsonb_strip_nulls(to_jsonb(r))' || mask_close,
                          case when op = 'insert' then 'new_rows' else 'old_rows' end);
        end if;
        body := E'\ndeclare\n    context jsonb := coalesce(nullif(current_setting(''patron.audit'', true), '''')::jsonb,\n'
             || E'                             jsonb_build_object(''type'', ''database'', ''id'', session_user));\n'
             || E'begin\n    ' || statement || E';\n    return null;\nend\n';
        fn := 'audit_' || left(op, 3) || '_' || tbl;
        if not exists (select 1 from pg_proc where pronamespace = schema::regnamespace and proname = fn
                                                and prosrc = body) then
            execute format('create or replace function %I.%I() returns trigger language plpgsql as %L', schema, fn, body);
            written := written + 1;
        end if;
        if not exists (select 1 from pg_trigger where tgrelid = rel and tgname = 'patron_audit_' || op
                                                   and tgfoid = format('%I.%I()', schema, fn)::regprocedure) then
            execute format('create or replace trigger %I after %s on %I.%I %s for each statement execute function %I.%I()',
                           'patron_audit_' || op, op, schema, tbl,
                           case op when 'insert' then 'referencing new table as new_rows'
                                   when 'update' then 'referencing old table as old_rows new table as new_rows'
                                   else 'referencing old table as old_rows' end,
                           schema, fn);
            written := written + 1;
        end if;
    end loop;
    return written;
end
$$;
