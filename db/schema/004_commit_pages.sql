-- 004_commit_pages.sql — fewer b-tree pages written by each commit.
-- A commit costs about one WAL frame (a 4 KiB page, written and synced) per
-- b-tree it touches, so every index an ordinary 転入 updates must earn its
-- place (issue 2: commit time within 1.5× of the disk's fsync).

-- No statement reads the audit log by operator (reviews filter a time window).
DROP INDEX audit_operator;

-- The date job is the only reader of person.state and wants 転出予定 only:
-- a partial index is untouched by a 転入 or 特例転入.
DROP INDEX person_state;
CREATE INDEX person_yotei ON person(state) WHERE state = 'yotei';

-- rh_birth_kana and rh_birth_name both stay: folding them into one index
-- makes the 氏名+生年月日+性別 duplicate check of every 転入 scan all rows of
-- one birth date, which a common or 不詳 date turns into thousands.

-- Rows are read by 受付番号 only to re-send the group of a 特例転出 (法24の2⑥).
DROP INDEX rh_uketsuke;
CREATE INDEX rh_tokurei_group ON resident_history(uketsuke_no) WHERE tokurei = 1;

-- The outbox holds only what is still to be delivered; `deliver` moves a
-- delivered message to outbox_sent in the transaction that marks it, so
-- neither table needs an index beyond its key.
CREATE TABLE outbox_sent (
  msg_id      TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  to_code     TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  uketsuke_no TEXT,
  payload     TEXT NOT NULL,
  sent_at     TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO outbox_sent (msg_id, kind, to_code, created_at, uketsuke_no, payload, sent_at)
  SELECT msg_id, kind, to_code, created_at, uketsuke_no, payload, sent_at
  FROM outbox WHERE sent_at IS NOT NULL;
DELETE FROM outbox WHERE sent_at IS NOT NULL;
DROP INDEX outbox_unsent;
ALTER TABLE outbox DROP COLUMN sent_at;
