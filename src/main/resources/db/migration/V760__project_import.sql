-- One row: the fingerprint of the last complete project import (Patron's build, the files' contents and the settings
-- the import reads). A start whose fingerprint is the same skips the import; see ProjectImporter.
create table project_import (
    id          int         not null primary key,
    fingerprint varchar(64) not null,
    imported_at timestamp with time zone not null
);
