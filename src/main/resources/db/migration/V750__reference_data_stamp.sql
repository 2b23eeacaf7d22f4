-- One row: a random stamp the project import rewrites whenever it commits. Every node serves reference data
-- (countries, currencies, languages, lookups) from memory and empties that memory when it sees a new stamp.
create table reference_data_stamp (
    id    int         not null primary key,
    stamp varchar(36) not null
);
