-- 003_kiosk.sql — applications a resident prepared at a card-reader kiosk
-- (書かない窓口, issue 7), waiting for the counter. One row per application:
-- the 受付番号 shown to the resident, what the card said (the 4情報 and the
-- 個人番号, stored as the registry stores them), the resident's answers, and
-- the state pending → picked (a clerk opened it) → done (committed at the
-- counter, with the workflow's 受付番号). Rows are removed once expired
-- (secure_delete is on), so the card data does not outlive its use.
-- Dates are ISO 'YYYY-MM-DD'; times local 'YYYY-MM-DDTHH:MM:SS'.
CREATE TABLE kiosk_app (
  kiosk_no        TEXT PRIMARY KEY CHECK (length(kiosk_no) BETWEEN 3 AND 23),
  kind            TEXT NOT NULL CHECK (kind IN ('tennyu', 'tenshutsu', 'jusho')),
  state           TEXT NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'picked', 'done')),
  -- the card (券面事項入力補助AP) as read at the kiosk
  name            TEXT NOT NULL,
  address         TEXT NOT NULL,
  birth           TEXT NOT NULL,
  sex             TEXT NOT NULL CHECK (sex IN ('1', '2', '9', '0')),
  kojin_bango     TEXT NOT NULL CHECK (length(kojin_bango) = 12),
  card_expiry     TEXT NOT NULL DEFAULT '',
  verdict         INTEGER NOT NULL CHECK (verdict BETWEEN 0 AND 3),
  -- the resident's answers
  move_date       TEXT NOT NULL DEFAULT '',   -- 転入日 / 転出予定日
  addr_code       TEXT NOT NULL DEFAULT '',   -- 転入: the new 町字
  banchi          TEXT NOT NULL DEFAULT '',
  katagaki        TEXT NOT NULL DEFAULT '',
  dest_address    TEXT NOT NULL DEFAULT '',   -- 転出: 転出先
  dest_muni_code  TEXT NOT NULL DEFAULT '',
  household       INTEGER NOT NULL DEFAULT 0 CHECK (household IN (0, 1)),  -- 1: the whole 世帯 moves
  n_members       INTEGER NOT NULL DEFAULT 1 CHECK (n_members BETWEEN 1 AND 16),
  -- bookkeeping
  terminal        TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  created_on      TEXT NOT NULL,              -- the processing date
  expires_on      TEXT NOT NULL,              -- removed after this day
  picked_by       TEXT NOT NULL DEFAULT '',   -- operator id of the clerk
  picked_at       TEXT NOT NULL DEFAULT '',
  done_uketsuke   TEXT NOT NULL DEFAULT '',   -- the workflow's 受付番号
  done_at         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX kiosk_app_open ON kiosk_app(state, created_at);
CREATE INDEX kiosk_app_expiry ON kiosk_app(expires_on);
