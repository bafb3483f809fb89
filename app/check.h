/*
 * check.h — the findings of a workflow's checks (標準仕様 11.1): an error
 * blocks the commit; an alert warns and the clerk may go on after an explicit
 * acknowledgement. Each finding names a catalog message (cause and remedy)
 * and up to three string arguments for it.
 */
#ifndef CHECK_H
#define CHECK_H

enum check_level {
	CHECK_ERROR = 1,   /* blocks the commit */
	CHECK_ALERT = 2,   /* needs acknowledgement */
	CHECK_INFO  = 3    /* a consequence the clerk should know (e.g. 令25 new 世帯主) */
};

#define CHECK_MAX 48
#define CHECK_ARG_CAP 128

struct check_item {
	enum check_level level;
	const char *msgid;                 /* catalog key (static string) */
	int person;                        /* index of the person in the request, -1 = all */
	int nargs;
	char args[3][CHECK_ARG_CAP];       /* message arguments (UTF-8) */
};

struct check_list {
	int n;
	int overflow;                      /* 1 when more findings than CHECK_MAX were made */
	struct check_item item[CHECK_MAX];
};

/* check_init — empty the list. */
void check_init(struct check_list *l);

/*
 * check_add — append a finding; a0..a2 may be NULL (fewer arguments).
 * Past CHECK_MAX the list keeps its last slot as an error "too many
 * findings", so an error is never lost.
 */
void check_add(struct check_list *l, enum check_level level, const char *msgid, int person,
               const char *a0, const char *a1, const char *a2);

/* check_count — findings of a level. */
int check_count(const struct check_list *l, enum check_level level);

/* check_has — 1 when a finding with this message id is present. */
int check_has(const struct check_list *l, const char *msgid);

/*
 * check_verdict — 0 when the list allows a commit: no errors, and no alerts
 * unless acknowledged. Returns MG_ERULE otherwise.
 */
int check_verdict(const struct check_list *l, int alerts_acknowledged);

/*
 * check_alert_ids — the alert message ids, comma separated, for the 受付
 * record. Writes at most cap bytes including the NUL.
 */
void check_alert_ids(const struct check_list *l, char *out, unsigned cap);

#endif
