-- 016_tenshutsu_refusal.sql — a refused 法24の2⑤ request is answered
-- (rv13dom L4). The former municipality tells the requester that it will not
-- send the 転出証明書情報, naming the request and a reason code (no personal
-- data), so that the requester's clerk asks the resident for a paper
-- 転出証明書 instead of waiting.
--
-- At the former municipality: each request refused with an answer, once per
-- request id (a request offered again, or a second body under its id, is
-- never answered twice).
CREATE TABLE tenshutsu_refused (
  request_id  TEXT PRIMARY KEY,           -- the requester's message id
  requester   TEXT NOT NULL,              -- 団体コード that asked
  reason      TEXT NOT NULL,              -- the reason code sent
  refused_at  TEXT NOT NULL
) WITHOUT ROWID;

-- At the requesting municipality: the requests it sent, by the card's
-- 個人番号, so that the 特例転入 screen finds the state of the request when
-- the card is read again. Kept until keep_until (30 days after the request:
-- a 特例転入 cannot be filed later than 転入日 + 14), then erased by the date
-- job.
CREATE TABLE tenshutsu_request (
  request_id   TEXT PRIMARY KEY,          -- our message id
  to_code      TEXT NOT NULL,             -- the former municipality asked
  kojin_bango  TEXT NOT NULL,
  requested_on TEXT NOT NULL,             -- ISO date (the processing day)
  keep_until   TEXT NOT NULL              -- ISO date
) WITHOUT ROWID;
CREATE INDEX tenshutsu_request_kojin ON tenshutsu_request(kojin_bango);

-- And the refusals received: one per request (ids and a reason code only).
CREATE TABLE tenshutsu_refusal (
  msg_id      TEXT PRIMARY KEY,           -- the refusal's message id
  request_id  TEXT NOT NULL UNIQUE,       -- the request it answers
  from_code   TEXT NOT NULL,
  reason      TEXT NOT NULL,
  received_at TEXT NOT NULL
) WITHOUT ROWID;
