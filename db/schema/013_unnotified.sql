-- 013_unnotified.sql — the 転入通知未着者一覧 and its 照会書 (標準仕様 4.1.3.1.4).
--
-- A 転出 whose 転入通知 never came stays 転出予定 until its planned date and
-- a 除票 (not 確定) after it. The list of those persons reads the history
-- rows that still wait for a notice, by planned date. The partial index holds
-- only rows of a 転出 (a planned date, no notice date), so a 転入, a birth or
-- any other 異動 never writes to it. Rows of persons whose notice came later,
-- or who moved back, stay in it and are dropped by the join on the person's
-- current row.
CREATE INDEX rh_unnotified ON resident_history(dest_planned_date)
  WHERE dest_planned_date IS NOT NULL AND notice_date IS NULL
    AND state IN ('yotei', 'jyohyo');
-- The 照会書 issued for one 転出 (form serial "<宛名番号>/<転出予定日>"): the
-- list shows the last one.
CREATE INDEX form_register_serial ON form_register(form_kind, form_serial);
