-- Consent definitions (lookups of kind 'agreement') may name the communication channel they cover.
alter table lookup add column communication_channel_id varchar(32);

-- The three standard consents are lookups too, with the contract's field names as ids; the longest has 33 characters.
alter table lookup alter column id set data type varchar(100);

-- Consent texts (HTML, in every language) are often longer than names and descriptions.
alter table translation alter column text set data type varchar(100000);
