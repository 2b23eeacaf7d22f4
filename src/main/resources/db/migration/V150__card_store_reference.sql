-- A card's store must exist. Cards stored before this check could name any store: such a dangling reference
-- is cleared (the card stays), since a reference to nothing carries no information.
update card set store_id = null where store_id is not null and store_id not in (select id from store);
alter table card add constraint fk_card_store foreign key (store_id) references store (id);
create index ix_card_store on card (store_id);
