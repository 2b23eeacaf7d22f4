-- PostgreSQL only (H2 keeps the plain foreign keys of V20).
--
-- Batch synchronisation writes a few thousand catalogue rows per request. A foreign key checks
-- each written row on its own (one lookup and one row lock per row, run by a trigger per row);
-- measured on a batch of 1000 products with two PLU ids and a price each, that was about half of
-- the database time of the whole batch. The same references are checked here once per statement,
-- over all the rows it wrote, with one set-based query (transition tables).
--
-- What a foreign key also does, keeping the referenced row from being deleted or renamed while
-- rows point to it, is done by forbidding both outright: products, brands, groups and currencies
-- are never deleted (a product is retired by its state) and their ids never change. Since nothing
-- referenced can disappear, checking a reference when it is written is enough, also between
-- concurrent transactions. Updates are checked row by row as a foreign key would, but only where
-- a reference actually changes.

alter table product drop constraint product_brand_id_fkey;
alter table product drop constraint product_group_id_fkey;
alter table product_plu drop constraint product_plu_product_id_fkey;
alter table product_price drop constraint product_price_product_id_fkey;
alter table product_price drop constraint product_price_currency_id_fkey;

-- Arguments: pairs of (column of the written table, table whose id it names). Raises the
-- foreign-key violation a foreign key would raise, naming the first missing value.
create function check_written_references() returns trigger language plpgsql as $$
declare
    i       integer := 0;
    missing text;
begin
    while i < tg_nargs loop
        -- each distinct value once: a batch of 1000 products names a handful of brands and groups
        execute format('select w.v from (select distinct %1$I as v from written) w where w.v is not null'
                       ' and not exists (select 1 from %2$I.%3$I r where r.id = w.v) limit 1',
                       tg_argv[i], tg_table_schema, tg_argv[i + 1])
            into missing;
        if missing is not null then
            raise foreign_key_violation using
                message = format('%s.%s = %L names no row of %s', tg_table_name, tg_argv[i], missing, tg_argv[i + 1]),
                table = tg_table_name, column = tg_argv[i];
        end if;
        i := i + 2;
    end loop;
    return null;
end
$$;

-- Inserts: one set-based check per statement (a transition table serves one event only).
create trigger product_references_inserted after insert on product
    referencing new table as written for each statement
    execute function check_written_references('brand_id', 'product_brand', 'group_id', 'product_group');
create trigger product_plu_references_inserted after insert on product_plu
    referencing new table as written for each statement
    execute function check_written_references('product_id', 'product');
create trigger product_price_references_inserted after insert on product_price
    referencing new table as written for each statement
    execute function check_written_references('product_id', 'product', 'currency_id', 'currency');

-- Updates: like a foreign key, only a row whose reference changed is checked. Synchronisation
-- rewrites thousands of rows whose references stay as they are; "update of" and the "when"
-- condition keep the check from running for them at all.
create function check_changed_reference() returns trigger language plpgsql as $$
declare
    value text := to_jsonb(new) ->> tg_argv[0];
    found boolean;
begin
    if value is not null then
        execute format('select exists (select 1 from %I.%I where id = $1)', tg_table_schema, tg_argv[1])
            into found using value;
        if not found then
            raise foreign_key_violation using
                message = format('%s.%s = %L names no row of %s', tg_table_name, tg_argv[0], value, tg_argv[1]),
                table = tg_table_name, column = tg_argv[0];
        end if;
    end if;
    return null;
end
$$;

create trigger product_brand_changed after update of brand_id on product
    for each row when (old.brand_id is distinct from new.brand_id)
    execute function check_changed_reference('brand_id', 'product_brand');
create trigger product_group_changed after update of group_id on product
    for each row when (old.group_id is distinct from new.group_id)
    execute function check_changed_reference('group_id', 'product_group');
create trigger product_plu_product_changed after update of product_id on product_plu
    for each row when (old.product_id is distinct from new.product_id)
    execute function check_changed_reference('product_id', 'product');
create trigger product_price_product_changed after update of product_id on product_price
    for each row when (old.product_id is distinct from new.product_id)
    execute function check_changed_reference('product_id', 'product');
create trigger product_price_currency_changed after update of currency_id on product_price
    for each row when (old.currency_id is distinct from new.currency_id)
    execute function check_changed_reference('currency_id', 'currency');

create function forbid_removing_referenced_rows() returns trigger language plpgsql as $$
begin
    raise restrict_violation using
        message = format('rows of %s are referenced by the catalogue and are never deleted or renumbered', tg_table_name),
        table = tg_table_name;
end
$$;

create trigger product_never_deleted before delete on product
    for each statement execute function forbid_removing_referenced_rows();
create trigger product_id_never_changes before update of id on product
    for each row when (old.id is distinct from new.id) execute function forbid_removing_referenced_rows();
create trigger product_brand_never_deleted before delete on product_brand
    for each statement execute function forbid_removing_referenced_rows();
create trigger product_brand_id_never_changes before update of id on product_brand
    for each row when (old.id is distinct from new.id) execute function forbid_removing_referenced_rows();
create trigger product_group_never_deleted before delete on product_group
    for each statement execute function forbid_removing_referenced_rows();
create trigger product_group_id_never_changes before update of id on product_group
    for each row when (old.id is distinct from new.id) execute function forbid_removing_referenced_rows();
create trigger currency_never_deleted before delete on currency
    for each statement execute function forbid_removing_referenced_rows();
create trigger currency_id_never_changes before update of id on currency
    for each row when (old.id is distinct from new.id) execute function forbid_removing_referenced_rows();

-- Most synchronised products belong to no partner; a partial index leaves them out, which saves
-- one index entry per product and still serves the partner_id filter (H2 has no partial indexes).
drop index ix_product_partner;
create index ix_product_partner on product (partner_id) where partner_id is not null;
