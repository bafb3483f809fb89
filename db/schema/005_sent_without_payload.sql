-- 005_sent_without_payload.sql — a delivered message is recorded without its
-- payload: the 個人番号, 本籍 and addresses it carried are not kept a second
-- time once the exchange holds them (a re-send is built again from the
-- registry). secure_delete overwrites what the dropped column held.
ALTER TABLE outbox_sent DROP COLUMN payload;
