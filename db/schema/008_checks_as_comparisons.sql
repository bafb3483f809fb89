-- 008_checks_as_comparisons.sql — the same CHECK constraints, spelled as
-- comparisons. SQLite evaluates `x IN ('a', 'b', 'c')` of three or more
-- constants by building a temporary b-tree of the list for every row it
-- checks: three per 転入 (person.state, resident_history.sex and .state),
-- about a tenth of a 転入's CPU time (issue 2). The rules do not change, and
-- every row already obeys them.
--
-- SQLite cannot alter a CHECK, so the two tables are rebuilt by its
-- documented 12-step procedure: db_migrate runs migrations with foreign keys
-- off (tenshutsu_cert_person refers to resident_history) and checks them all
-- before the commit. On a registry of 1,000,000 residents this copies both
-- tables once (see the README).

CREATE TABLE person_new (
  atena_no    TEXT PRIMARY KEY,
  rireki_no   INTEGER NOT NULL,           -- current 履歴番号
  state       TEXT NOT NULL CHECK (state = 'current' OR state = 'yotei' OR state = 'jyohyo'),
  setai_no    TEXT REFERENCES household(setai_no)
) WITHOUT ROWID;
INSERT INTO person_new (atena_no, rireki_no, state, setai_no)
  SELECT atena_no, rireki_no, state, setai_no FROM person;
DROP TABLE person;
ALTER TABLE person_new RENAME TO person;
CREATE INDEX person_setai ON person(setai_no, state);
CREATE INDEX person_yotei ON person(state) WHERE state = 'yotei';

CREATE TABLE resident_history_new (
  atena_no        TEXT NOT NULL,
  rireki_no       INTEGER NOT NULL,
  -- 法7 1–3号
  name            TEXT NOT NULL,          -- 氏名 (family and given name separated by U+3000)
  name_kana       TEXT NOT NULL,          -- 振り仮名 (katakana)
  birth           TEXT NOT NULL,          -- 生年月日
  sex             TEXT NOT NULL CHECK (sex = '1' OR sex = '2' OR sex = '9' OR sex = '0'),
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
  state           TEXT NOT NULL CHECK (state = 'current' OR state = 'yotei' OR state = 'jyohyo'),
  shojo_jiyu      TEXT,                   -- 消除事由
  shojo_date      TEXT,                   -- 消除日
  uketsuke_no     TEXT NOT NULL,
  -- stored search keys (標準仕様 2.1.2 folding; see i18n_kana)
  name_key        TEXT NOT NULL,
  kana_key        TEXT NOT NULL,
  PRIMARY KEY (atena_no, rireki_no)
) WITHOUT ROWID;
INSERT INTO resident_history_new SELECT * FROM resident_history;
DROP TABLE resident_history;
ALTER TABLE resident_history_new RENAME TO resident_history;
CREATE INDEX rh_birth_kana ON resident_history(birth, kana_key);
CREATE INDEX rh_birth_name ON resident_history(birth, name_key);
CREATE INDEX rh_addr_kana  ON resident_history(addr_code, kana_key);
CREATE INDEX rh_addr_name  ON resident_history(addr_code, name_key);
CREATE INDEX rh_kojin      ON resident_history(kojin_bango) WHERE kojin_bango IS NOT NULL;
CREATE INDEX rh_jcode      ON resident_history(juminhyo_code) WHERE juminhyo_code IS NOT NULL;
CREATE INDEX rh_tokurei_group ON resident_history(uketsuke_no) WHERE tokurei = 1;
CREATE TRIGGER rh_no_update BEFORE UPDATE ON resident_history
BEGIN SELECT RAISE(ABORT, 'resident_history is append-only'); END;
CREATE TRIGGER rh_no_delete BEFORE DELETE ON resident_history
BEGIN SELECT RAISE(ABORT, 'resident_history is append-only'); END;
