-- 007_setai_pending.sql — a 世帯主 change decided at a future-dated 転出.
-- The leaving 世帯主 stays 世帯主 (and a resident) until the planned date
-- (令13: 消除 then), so the change made for the members who remain (令25 by
-- 職権, or the 世帯主 and 続柄 the 届出 names) waits here and takes effect
-- when the leaving 世帯主 becomes a 除票: by the date job on the planned
-- date or by an earlier 転入通知. One row per remaining member.
CREATE TABLE setai_pending (
  leaving_atena  TEXT NOT NULL,        -- the 世帯主 whose 転出予定 triggers it
  atena_no       TEXT NOT NULL,        -- a member who remains
  setai_no       TEXT NOT NULL,
  zokugara       TEXT NOT NULL,        -- the member's new 続柄 ('世帯主' for the new head)
  head_atena     TEXT NOT NULL,        -- the new 世帯主
  head_name      TEXT NOT NULL,
  todoke_kind    TEXT NOT NULL CHECK (todoke_kind IN ('todoke', 'shokken')),
  todoke_date    TEXT NOT NULL,
  uketsuke_no    TEXT NOT NULL,        -- the 転出's 受付
  PRIMARY KEY (leaving_atena, atena_no)
) WITHOUT ROWID;
