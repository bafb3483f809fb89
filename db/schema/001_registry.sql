-- 001_registry.sql — the resident registry (住民記録) of one municipality.
-- Tables keyed by text are WITHOUT ROWID: one b-tree each instead of a
-- table and its key index, so a commit writes fewer pages.
-- Registry rows are never updated in place for a legal change: every 異動 appends
-- a resident_history row (宛名番号 + 履歴番号, 標準仕様 1.2.1) and moves the
-- person's current pointer. Dates are ISO text 'YYYY-MM-DD'; a birth date may
-- use '00' for an unknown month/day (標準仕様 1.1.8).

-- The municipality this file is the registry of (exactly one row).
CREATE TABLE municipality (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  code        TEXT NOT NULL CHECK (length(code) = 6 AND code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9]'),
  name        TEXT NOT NULL,
  pref_name   TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  -- 'demo' once synthetic residents were seeded: such a registry is never
  -- mistaken for a real one (badge on screen, demo trust anchors allowed).
  mode        TEXT NOT NULL DEFAULT 'production' CHECK (mode IN ('production', 'demo'))
);

-- 町字 master: the address dictionary (code, name, reading, postal code).
CREATE TABLE machiaza (
  code        TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  kana        TEXT NOT NULL,
  postal_code TEXT NOT NULL CHECK (postal_code GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  search_key  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX machiaza_search ON machiaza(search_key);

-- Named serial counters (宛名番号, 世帯番号, 受付番号, 証明書番号, message ids).
CREATE TABLE counter (
  name   TEXT PRIMARY KEY,
  value  INTEGER NOT NULL
) WITHOUT ROWID;

-- Municipal closing days beyond the national holidays (config may add more).
CREATE TABLE closing_day (
  day     TEXT PRIMARY KEY,
  reason  TEXT NOT NULL DEFAULT ''
);

-- Households (世帯): the current head and address; history is on the person rows.
CREATE TABLE household (
  setai_no    TEXT PRIMARY KEY,
  addr_code   TEXT NOT NULL REFERENCES machiaza(code),
  banchi      TEXT NOT NULL DEFAULT '',
  katagaki    TEXT NOT NULL DEFAULT '',
  head_atena  TEXT,                       -- NULL: a household without 世帯主 (1.1.10)
  created_on  TEXT NOT NULL,
  closed_on   TEXT                        -- set when the last member left
) WITHOUT ROWID;

-- The person: 宛名番号 and the pointer to the current history row.
CREATE TABLE person (
  atena_no    TEXT PRIMARY KEY,
  rireki_no   INTEGER NOT NULL,           -- current 履歴番号
  state       TEXT NOT NULL CHECK (state IN ('current', 'yotei', 'jyohyo')),
  setai_no    TEXT REFERENCES household(setai_no)
) WITHOUT ROWID;
CREATE INDEX person_setai ON person(setai_no, state);
CREATE INDEX person_state ON person(state);

-- One row per person per history step (append-only).
CREATE TABLE resident_history (
  atena_no        TEXT NOT NULL,
  rireki_no       INTEGER NOT NULL,
  -- 法7 1–3号
  name            TEXT NOT NULL,          -- 氏名 (family and given name separated by U+3000)
  name_kana       TEXT NOT NULL,          -- 振り仮名 (katakana)
  birth           TEXT NOT NULL,          -- 生年月日
  sex             TEXT NOT NULL CHECK (sex IN ('1', '2', '9', '0')),
  -- 法7 4号
  setai_no        TEXT NOT NULL,
  zokugara        TEXT NOT NULL,          -- '世帯主' for the head
  head_name       TEXT NOT NULL DEFAULT '',
  -- 法7 5号
  honseki         TEXT NOT NULL DEFAULT '',
  hittosha        TEXT NOT NULL DEFAULT '',
  -- 法7 8の2号, 13号
  kojin_bango     TEXT CHECK (kojin_bango IS NULL OR length(kojin_bango) = 12),
  juminhyo_code   TEXT CHECK (juminhyo_code IS NULL OR length(juminhyo_code) = 11),
  -- 住所
  addr_code       TEXT NOT NULL,
  addr_text       TEXT NOT NULL,          -- 町字 + 番地 as printed
  katagaki        TEXT NOT NULL DEFAULT '',
  postal_code     TEXT NOT NULL DEFAULT '',
  jumin_date      TEXT NOT NULL,          -- 住民となった年月日
  jusho_date      TEXT NOT NULL,          -- 住所を定めた年月日
  prev_address    TEXT NOT NULL DEFAULT '',  -- 前住所 / 転入前住所
  prev_muni_code  TEXT NOT NULL DEFAULT '',
  -- 転出 (予定 / 確定, 標準仕様 1.1.5, 4.1.3.1.1: planned values are kept)
  dest_planned        TEXT,
  dest_muni_code      TEXT,
  dest_planned_date   TEXT,
  dest_confirmed      TEXT,
  moved_date_confirmed TEXT,
  notice_date         TEXT,               -- 転入通知年月日
  tokurei             INTEGER NOT NULL DEFAULT 0,  -- 1: 特例転出 (no 転出証明書)
  -- 令23② 三–五
  kokuho          INTEGER NOT NULL DEFAULT 0,
  kouki           INTEGER NOT NULL DEFAULT 0,
  kaigo           INTEGER NOT NULL DEFAULT 0,
  nenkin_kind     TEXT NOT NULL DEFAULT '',
  kiso_nenkin_no  TEXT NOT NULL DEFAULT '',
  jidou_teate     INTEGER NOT NULL DEFAULT 0,
  -- 個人番号カード (令24の3: card management items)
  card_issued     TEXT,
  card_expiry     TEXT,
  -- the 異動 that made this row
  idou_jiyu       TEXT NOT NULL,          -- e.g. 'tennyu', 'tenshutsu', 'tokurei_tennyu', 'tenshutsu_kakutei'
  idou_date       TEXT NOT NULL,          -- 異動日
  todoke_date     TEXT NOT NULL,          -- 届出日
  shori_date      TEXT NOT NULL,          -- 処理日
  todoke_kind     TEXT NOT NULL DEFAULT 'todoke' CHECK (todoke_kind IN ('todoke', 'shokken')),
  state           TEXT NOT NULL CHECK (state IN ('current', 'yotei', 'jyohyo')),
  shojo_jiyu      TEXT,                   -- 消除事由
  shojo_date      TEXT,                   -- 消除日
  uketsuke_no     TEXT NOT NULL,
  -- stored search keys (標準仕様 2.1.2 folding; see i18n_kana)
  name_key        TEXT NOT NULL,
  kana_key        TEXT NOT NULL,
  PRIMARY KEY (atena_no, rireki_no)
) WITHOUT ROWID;
-- Search (at least two of 氏名 / 住所 / 生年月日, so a birth date or a 町字 always
-- leads): equality on the leading column, prefix range on the name key.
CREATE INDEX rh_birth_kana ON resident_history(birth, kana_key);
CREATE INDEX rh_birth_name ON resident_history(birth, name_key);
CREATE INDEX rh_addr_kana  ON resident_history(addr_code, kana_key);
CREATE INDEX rh_addr_name  ON resident_history(addr_code, name_key);
CREATE INDEX rh_uketsuke   ON resident_history(uketsuke_no);
CREATE INDEX rh_kojin      ON resident_history(kojin_bango) WHERE kojin_bango IS NOT NULL;
CREATE INDEX rh_jcode      ON resident_history(juminhyo_code) WHERE juminhyo_code IS NOT NULL;

CREATE TRIGGER rh_no_update BEFORE UPDATE ON resident_history
BEGIN SELECT RAISE(ABORT, 'resident_history is append-only'); END;
CREATE TRIGGER rh_no_delete BEFORE DELETE ON resident_history
BEGIN SELECT RAISE(ABORT, 'resident_history is append-only'); END;

-- 受付: one row per committed workflow (受付番号).
CREATE TABLE uketsuke (
  uketsuke_no  TEXT PRIMARY KEY,
  workflow     TEXT NOT NULL,
  todoke_date  TEXT NOT NULL,
  shori_date   TEXT NOT NULL,
  operator     TEXT NOT NULL DEFAULT '',
  terminal     TEXT NOT NULL DEFAULT '',
  alerts       TEXT NOT NULL DEFAULT ''   -- acknowledged alert ids, comma separated
) WITHOUT ROWID;

-- Issued 転出証明書 (and 準ずる証明書); the persons point at immutable history rows,
-- so a 再交付 prints the state at the original issue (標準仕様 4.1.3.0.3).
CREATE TABLE tenshutsu_cert (
  serial       INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('ordinary', 'junzuru')),
  uketsuke_no  TEXT NOT NULL REFERENCES uketsuke(uketsuke_no),
  issued_on    TEXT NOT NULL,
  reissue_of   INTEGER REFERENCES tenshutsu_cert(serial)
);
CREATE TABLE tenshutsu_cert_person (
  serial     INTEGER NOT NULL REFERENCES tenshutsu_cert(serial),
  seq        INTEGER NOT NULL,
  atena_no   TEXT NOT NULL,
  rireki_no  INTEGER NOT NULL,
  PRIMARY KEY (serial, seq),
  FOREIGN KEY (atena_no, rireki_no) REFERENCES resident_history(atena_no, rireki_no)
);

-- Form register (帳票発行簿): every certificate or print issued.
CREATE TABLE form_register (
  id           INTEGER PRIMARY KEY,
  form_kind    TEXT NOT NULL,
  form_serial  TEXT NOT NULL,
  uketsuke_no  TEXT,
  issued_at    TEXT NOT NULL,
  operator     TEXT NOT NULL DEFAULT '',
  terminal     TEXT NOT NULL DEFAULT '',
  copies       INTEGER NOT NULL DEFAULT 1,
  note         TEXT NOT NULL DEFAULT ''
);

-- Received 転出証明書情報 (法24の2③, 令24の3), one row per person; kept until
-- 予定日 + 30 (令24の4) and then erased by the date job.
CREATE TABLE tokurei_inbox (
  msg_id          TEXT PRIMARY KEY,
  group_id        TEXT NOT NULL,          -- the members that moved together
  from_code       TEXT NOT NULL,
  from_name       TEXT NOT NULL DEFAULT '',
  received_at     TEXT NOT NULL,
  expires_on      TEXT NOT NULL,          -- 転出予定日 + 30
  consumed_by     TEXT,                   -- 受付番号 of the 特例転入 that used it
  name            TEXT NOT NULL,
  name_kana       TEXT NOT NULL,
  birth           TEXT NOT NULL,
  sex             TEXT NOT NULL,
  is_head         INTEGER NOT NULL,
  zokugara        TEXT NOT NULL,
  head_name       TEXT NOT NULL DEFAULT '',
  honseki         TEXT NOT NULL DEFAULT '',
  hittosha        TEXT NOT NULL DEFAULT '',
  kojin_bango     TEXT,
  juminhyo_code   TEXT,
  prev_address    TEXT NOT NULL,          -- 転出前の住所
  dest_address    TEXT NOT NULL,
  planned_date    TEXT NOT NULL,
  kokuho          INTEGER NOT NULL DEFAULT 0,
  kouki           INTEGER NOT NULL DEFAULT 0,
  kaigo           INTEGER NOT NULL DEFAULT 0,
  nenkin_kind     TEXT NOT NULL DEFAULT '',
  kiso_nenkin_no  TEXT NOT NULL DEFAULT '',
  jidou_teate     INTEGER NOT NULL DEFAULT 0,
  card_holder     INTEGER NOT NULL DEFAULT 0,
  card_issued     TEXT,
  card_expiry     TEXT
);
CREATE INDEX ti_kojin ON tokurei_inbox(kojin_bango);
CREATE INDEX ti_jcode ON tokurei_inbox(juminhyo_code);
CREATE INDEX ti_group ON tokurei_inbox(group_id);

-- Received 転入通知 (法9①), applied at this (the former) municipality.
CREATE TABLE notice_inbox (
  msg_id          TEXT PRIMARY KEY,
  from_code       TEXT NOT NULL,
  from_name       TEXT NOT NULL DEFAULT '',
  received_at     TEXT NOT NULL,
  juminhyo_code   TEXT,
  kojin_bango     TEXT,
  name            TEXT NOT NULL,
  birth           TEXT NOT NULL,
  sex             TEXT NOT NULL,
  new_address     TEXT NOT NULL,
  tennyu_date     TEXT NOT NULL,
  notice_date     TEXT NOT NULL,
  applied_by      TEXT,                   -- 受付番号 once applied
  atena_no        TEXT                    -- the person it matched
);

-- Messages to other municipalities / CS, written in the same transaction as
-- the change that causes them; moved to the exchange by `deliver`.
CREATE TABLE outbox (
  msg_id      TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  to_code     TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  uketsuke_no TEXT,
  payload     TEXT NOT NULL,
  sent_at     TEXT
) WITHOUT ROWID;
CREATE INDEX outbox_unsent ON outbox(sent_at) WHERE sent_at IS NULL;

-- Every message id ever received, so a re-delivery is never applied twice.
-- A message that fails validation is kept here whole (status 'rejected'),
-- so nothing received is lost and the clerk can ask for a resend.
CREATE TABLE inbox_seen (
  msg_id      TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  from_code   TEXT NOT NULL DEFAULT '',
  received_at TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'rejected')),
  error       TEXT NOT NULL DEFAULT '',
  payload     TEXT                         -- kept only when rejected
) WITHOUT ROWID;
