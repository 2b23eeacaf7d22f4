-- A product group's store is a store of GET /stores (the contract: the store where the group is valid; no store
-- means a global group). Batch synchronisation already refuses an unknown one (not_found); the schema now holds it
-- too. Groups stored before could name any store: such a dangling reference is cleared (the group becomes global),
-- as for cards in V150.
update product_group set store_id = null where store_id is not null and store_id not in (select id from store);
alter table product_group add constraint fk_product_group_store foreign key (store_id) references store (id);
