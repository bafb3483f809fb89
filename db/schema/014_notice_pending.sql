-- 014_notice_pending.sql — which persons a received, not yet applied 転入通知
-- names (rv13dom L5).
--
-- The 転入通知未着者一覧 leaves such a person out, and no 照会書 is issued
-- for them: the notice has come and waits for the clerk. Only pending rows
-- are indexed, so the index stays as small as the clerk's queue.
CREATE INDEX notice_pending_jcode ON notice_inbox(juminhyo_code) WHERE applied_by IS NULL;
CREATE INDEX notice_pending_kojin ON notice_inbox(kojin_bango) WHERE applied_by IS NULL;
