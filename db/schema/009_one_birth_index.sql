-- 009_one_birth_index.sql — one index leads with the birth date instead of two.
--
-- Every history row went into rh_birth_kana and rh_birth_name: two leaves
-- written per row, and on a registry whose pages are not in memory two reads
-- from disk per 転入, each a third of an fsync on the bench machine (issue 2).
--
-- 004 kept both because an index led by (birth, kana_key) makes the
-- 氏名+生年月日+性別 duplicate check of every 転入 scan all rows of one birth
-- date. Putting name_key second keeps that check a single seek: it binds the
-- birth date and the whole name key. Searches by birth and 氏名 (written) are
-- a prefix range on the same two columns, as before. Only a search by birth
-- and reading (kana) now walks the entries of that birth date and compares
-- kana_key inside the index, without reading a row that does not match: a few
-- dozen entries on a leaf or two for an ordinary date, more for a date of the
-- 不詳 forms of 標準仕様 1.1.8, which are rare and interactive only.

DROP INDEX rh_birth_kana;
DROP INDEX rh_birth_name;
CREATE INDEX rh_birth ON resident_history(birth, name_key, kana_key);
