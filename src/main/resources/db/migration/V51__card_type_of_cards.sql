-- Cards and card types were built side by side; now a card's type must exist.
alter table card add constraint fk_card_card_type foreign key (card_type_id) references card_type (id);
