-- 010_outbox_in_serial_order.sql — the outbox keyed by the serial of its
-- message id, a rowid table.
--
-- The outbox was a WITHOUT ROWID table keyed by the id text. SQLite balances
-- such a b-tree like an index: a row appended to a full last leaf makes it
-- rewrite that leaf and its neighbours. With about a dozen messages to a
-- leaf, the two messages of every 転入 wrote 2.6 pages of the WAL on
-- average (issue 2: each page is written and synced by the commit). A rowid
-- table appended to in key order gets a fresh last leaf instead: about 1.2.
--
-- seq is the serial the "msg" counter gave the id ("<団体コード>-<serial>"),
-- so a serial drawn twice still fails the commit, as the text key did, and
-- `deliver` sends in serial order. An id without such a serial (none is
-- written by madoguchi) gets the next free seq.

CREATE TABLE outbox_new (
  seq         INTEGER PRIMARY KEY,
  msg_id      TEXT NOT NULL,
  kind        TEXT NOT NULL,
  to_code     TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  uketsuke_no TEXT,
  payload     TEXT NOT NULL
);
INSERT OR IGNORE INTO outbox_new (seq, msg_id, kind, to_code, created_at, uketsuke_no, payload)
  SELECT CAST(substr(msg_id, instr(msg_id, '-') + 1) AS INTEGER),
         msg_id, kind, to_code, created_at, uketsuke_no, payload
  FROM outbox
  WHERE instr(msg_id, '-') > 0
    AND length(substr(msg_id, instr(msg_id, '-') + 1)) BETWEEN 1 AND 15
    AND substr(msg_id, instr(msg_id, '-') + 1) NOT GLOB '*[^0-9]*'
  ORDER BY created_at, msg_id;
INSERT INTO outbox_new (msg_id, kind, to_code, created_at, uketsuke_no, payload)
  SELECT msg_id, kind, to_code, created_at, uketsuke_no, payload
  FROM outbox
  WHERE msg_id NOT IN (SELECT msg_id FROM outbox_new)
  ORDER BY created_at, msg_id;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
