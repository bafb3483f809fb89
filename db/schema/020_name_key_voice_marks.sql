-- 020: the written-name search key composes a spacing ゛ or ゜ with the kana
-- before it (ウ゛ォルコフ is keyed ヴォルコフ, as ｳﾞｫﾙｺﾌ was) and drops the
-- stroke of Đ, Ł, Ø, Ħ and Ŧ (NGUYỄN ĐỨC is keyed NGUYENDUC) (rv24 F1, F3).
-- The keys are recomputed as in 019, by the program's own key function with
-- the append-only trigger lifted for this one statement.
DROP TRIGGER rh_no_update;
UPDATE resident_history SET name_key = mg_name_key(name, name_key)
  WHERE name_key IS NOT mg_name_key(name, name_key);
CREATE TRIGGER rh_no_update BEFORE UPDATE ON resident_history
BEGIN SELECT RAISE(ABORT, 'resident_history is append-only'); END;
