-- 017_answer_per_request.sql — a 法24の2⑤ request is answered once per
-- request, no longer once per group and requester (rv19cs 3). An answer
-- damaged in the exchange, rejected by the requester's checks, or lost with
-- a registry restored from a backup left the 特例転入 impossible: every later
-- request was refused "already_answered". A request with a new id is now
-- answered again while the person is still leaving (each answer is in the
-- operation log, a repeat with its number); the same request, offered again,
-- is still never answered twice.
CREATE TABLE tenshutsu_answer_017 (
  request_id  TEXT PRIMARY KEY,           -- the request message
  group_id    TEXT NOT NULL,              -- 受付番号 of the 特例転出 (or 受付番号/宛名番号)
  requester   TEXT NOT NULL,              -- 団体コード that asked
  answered_at TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO tenshutsu_answer_017 (request_id, group_id, requester, answered_at)
  SELECT request_id, group_id, requester, answered_at FROM tenshutsu_answer;
DROP TABLE tenshutsu_answer;
ALTER TABLE tenshutsu_answer_017 RENAME TO tenshutsu_answer;
CREATE INDEX tenshutsu_answer_group ON tenshutsu_answer(group_id, requester);
