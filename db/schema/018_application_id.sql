-- 018: mark the file as a madoguchi registry (DB_APPLICATION_ID, "MDGC"),
-- so db_open tells another program's SQLite file from a registry whatever
-- its user_version (rv21seed F3). Older registries are told by their tables.
PRAGMA application_id = 1296320323;
