-- 011_tenshutsu_info_katagaki.sql — the 方書 of the 転出前の住所 travels with
-- the 転出証明書情報 (令24の3).
--
-- The sender sent 都道府県 + 市区町村 + 町字 + 番地 only. The chip's 住所 carries
-- the 方書 as the 住民票 does, so every resident with a 方書 met a false
-- "address differs from the card" alert, and the 前住所 recorded at the new
-- municipality lost the 方書 (review rv5 R6). Rows received before this
-- migration keep an empty 方書: the sender did not send one.
ALTER TABLE tokurei_inbox ADD COLUMN prev_katagaki TEXT NOT NULL DEFAULT '';
