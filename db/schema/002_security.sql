-- 002_security.sql — operators, login failures, the operation log (操作ログ), settings.
-- Issue 5. Times are unix seconds (UTC). No row here ever holds a password, a PIN,
-- a 個人番号, a name of a resident, an address or a birth date.

-- Operators (職員): role, scrypt hash with its parameters, and the persisted
-- count of consecutive failed logins (the lockout survives restarts).
CREATE TABLE operator (
  id             TEXT PRIMARY KEY
                 CHECK (length(id) BETWEEN 1 AND 32 AND id NOT GLOB '*[^A-Za-z0-9._-]*'),
  name           TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 96),
  role           TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin', 'kiosk')),
  pw_hash        TEXT NOT NULL CHECK (pw_hash LIKE '$scrypt$%'),
  failures       INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
  locked         INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  locked_at      INTEGER,
  last_failure_at INTEGER,
  last_login_at  INTEGER,
  created_at     INTEGER NOT NULL,
  pw_changed_at  INTEGER NOT NULL
);

-- The operation log: append-only, hash-chained. seq is AUTOINCREMENT so that
-- sqlite_sequence remembers the highest seq ever used (a removed last row shows).
-- hash = SHA-256 over the canonical serialisation of (seq, at, operator,
-- terminal, action, target, detail, prev_hash) — see db/db_audit.h.
CREATE TABLE audit (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  at         INTEGER NOT NULL,
  operator   TEXT NOT NULL,            -- '' = the system actor (batch commands)
  terminal   TEXT NOT NULL,
  action     TEXT NOT NULL,
  target     TEXT,
  detail     TEXT,
  prev_hash  BLOB NOT NULL CHECK (length(prev_hash) = 32),
  hash       BLOB NOT NULL CHECK (length(hash) = 32)
);
CREATE INDEX audit_at ON audit(at);
CREATE INDEX audit_operator ON audit(operator, at);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'audit rows are append-only');
END;

-- Settings changed at run time (key → value), with who changed them last.
-- Every change is also an AUDIT_SETTING row.
CREATE TABLE setting (
  key        TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
  value      TEXT NOT NULL,
  changed_at INTEGER NOT NULL,
  changed_by TEXT NOT NULL
);
