-- 012_outbox_person.sql — which person a queued or sent message is about.
--
-- A 転入通知 the former municipality rejected could not be sent again: the
-- sender keeps no payload once a message is delivered (005), and a 受付 of
-- several persons sends one 転入通知 each, so the 受付番号 alone does not say
-- whose message an id was (review rv5 L4; 標準仕様 7.1.1.1 "resend"). With
-- the 宛名番号 beside the id, `madoguchi resend` rebuilds the message from the
-- history row that 受付 wrote. Rows queued before this migration have none
-- (NULL): resend then asks for the person.
ALTER TABLE outbox ADD COLUMN atena_no TEXT;
ALTER TABLE outbox_sent ADD COLUMN atena_no TEXT;
