/*
 * log.h — the diagnostic log file (for the administrator, not the 操作ログ).
 *
 * The log must never receive a 個人番号, a name, an address or a birth
 * date (issue 5). The API therefore takes no free text: an event is a static
 * event key (lower-case ASCII identifier such as "db_open" or
 * "card.read"), an mg_rc code, and optionally one id (宛名番号, 受付番号,
 * operator id, terminal id…: ASCII letters, digits and . _ - only, at most
 * 32 bytes) and one number. Anything else is replaced by '?' before it is
 * written, so a caller passing a name by mistake writes only question marks.
 * A line: "2025-03-14T10:02:03 ERR db_open rc=MG_EBUSY id=T01 n=3".
 * Before log_open (or after log_close) events go nowhere.
 */
#ifndef LOG_H
#define LOG_H

enum log_level { LOG_LEVEL_ERR, LOG_LEVEL_WARN, LOG_LEVEL_INFO, LOG_LEVEL_DEBUG };

/*
 * log_open_fd — open path for appending (created 0600, close-on-exec, never
 * through a symbolic link): a regular file, or a character device such as
 * /dev/null. A FIFO, a socket or a block device is refused without blocking
 * (a FIFO nobody reads would hang the start). Returns the descriptor (the
 * caller closes it) or MG_EIO.
 */
int log_open_fd(const char *path);

/*
 * log_open — append to path (opened as log_open_fd does), replacing an
 * already open log. Returns 0 or MG_EIO. Not thread-safe.
 */
int log_open(const char *path);

/* log_close — close the log (no-op when none is open). */
void log_close(void);

/* log_set_level — write only events at or above this level (default INFO). */
void log_set_level(enum log_level lv);

/*
 * log_event — write one line: level, event key, rc name (when rc != 0) and
 * id (when not NULL). event must be a static key; id is filtered as above.
 */
void log_event(enum log_level lv, const char *event, int rc, const char *id);

/* log_event_n — as log_event, plus a number (a count, a duration, a status word…). */
void log_event_n(enum log_level lv, const char *event, int rc, const char *id, long long n);

/*
 * log_filter_id — copy id into out (cap bytes incl. NUL, cap >= 2) replacing
 * every byte outside [A-Za-z0-9._-] by '?' and truncating to 32 bytes; NULL
 * gives "". Exposed for tests.
 */
void log_filter_id(const char *id, char *out, unsigned cap);

#endif
