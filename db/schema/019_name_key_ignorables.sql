-- 019: the written-name search key drops variation selectors and the other
-- default-ignorable code points (rv21search 3): a 葛󠄀城 stored with an IVS
-- (U+845B U+E0100) is found by 葛城 as typed at the counter. It also makes
-- hiragana katakana (田中はな, 田中ハナ), upper-cases letters beyond ASCII
-- without their accents (José, JOSE) and folds the 旧字体 and common 異体字
-- of names (髙橋, 高橋; 﨑, 崎) (rv21search 10). The stored keys
-- are derived data, not 住民票 items: they are recomputed here by the
-- program's own key function (mg_name_key, registered by db_migrate) with
-- the append-only trigger lifted for this one statement, and put back as
-- it was (008).
DROP TRIGGER rh_no_update;
UPDATE resident_history SET name_key = mg_name_key(name, name_key)
  WHERE name_key IS NOT mg_name_key(name, name_key);
CREATE TRIGGER rh_no_update BEFORE UPDATE ON resident_history
BEGIN SELECT RAISE(ABORT, 'resident_history is append-only'); END;
