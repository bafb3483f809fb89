-- 006_seen_without_payload.sql — a rejected message is recorded without its
-- payload: what a clerk needs to ask the sender for a resend is its id,
-- kind, sender, time, error, size and SHA-256. A rejected 転出証明書情報
-- (個人番号, 本籍, addresses) was otherwise kept forever, past the 令24の4
-- erasure that the date job applies to the accepted ones. Rows rejected
-- before this migration keep their size; their SHA-256 cannot be computed in
-- SQL and stays NULL. secure_delete overwrites what the dropped column held.
ALTER TABLE inbox_seen ADD COLUMN size INTEGER;
ALTER TABLE inbox_seen ADD COLUMN sha256 TEXT;
UPDATE inbox_seen SET size = length(CAST(payload AS BLOB)) WHERE payload IS NOT NULL;
ALTER TABLE inbox_seen DROP COLUMN payload;

-- 法24の2⑥: the 転出証明書情報 of a 特例転出 group is sent on request once per
-- requesting municipality; the answer is also in the operation log.
CREATE TABLE tenshutsu_answer (
  group_id    TEXT NOT NULL,              -- 受付番号 of the 特例転出
  requester   TEXT NOT NULL,              -- 団体コード that asked
  request_id  TEXT NOT NULL,              -- the request message
  answered_at TEXT NOT NULL,
  PRIMARY KEY (group_id, requester)
) WITHOUT ROWID;
