-- 015_notice_declined.sql — a received 転入通知 the clerk set aside as
-- 受理しない (rv13dom L1).
--
-- A notice that can never be applied (nobody it names is ours, the person
-- was confirmed already, the 氏名 or dates disagree with the record) stayed
-- pending for ever. Setting it aside is a 受付 of its own: applied_by holds
-- that 受付番号 as for an applied notice, so the notice leaves the queue
-- and the pending indexes of 014, and declined holds the reason (a short
-- code such as 'no_person'); NULL for a notice that was applied.
ALTER TABLE notice_inbox ADD COLUMN declined TEXT;

-- The same finding's other half: a 転入通知 sent again (madoguchi resend)
-- is sent again once; a second resend of the same id needs --force. The
-- operation log's resend row (target the old id) is what tells, found
-- through this index of those rows only.
CREATE INDEX audit_resend ON audit(target)
  WHERE action = 'deliver' AND substr(detail, 1, 10) = 'resend as=';
