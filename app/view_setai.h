/*
 * view_setai.h — the 世帯 as the 世帯主変更届 screen (screens/scr_setai.c)
 * shows it: the members living there today (wf_in_setai_on: current, or
 * 転出予定 for a later day — the same rule setai_henko_check applies), each
 * with 氏名, 生年月日, current 続柄 and whether he is the 世帯主 now. No
 * 個人番号 is ever copied into the view. Also the 続柄 the screen's list
 * offers and the tidy-up of a typed 続柄. UI-free; reads only, apart from
 * the operation-log row of a view.
 */
#ifndef VIEW_SETAI_H
#define VIEW_SETAI_H

#include <stddef.h>

#include "app/app_ctx.h"
#include "app/tennyu.h"
#include "db/db_resident.h"

/* The most members a 届出 can name: the new 世帯主 and WF_MAX_PERSONS others. */
#define VIEW_SETAI_MAX (WF_MAX_PERSONS + 1)

/* One member living in the 世帯 today. */
struct view_setai_member {
	char atena_no[DB_ID_CAP];      /* 宛名番号 */
	char name[DB_NAME_CAP];        /* 氏名 */
	char birth[DB_DATE_CAP];       /* 生年月日, ISO (00 for unknown parts) */
	char zokugara[64];             /* current 続柄 (to the 世帯主 of his row) */
	int is_head;                   /* 1: the 世帯主 of the 世帯 now */
	char leaving[DB_DATE_CAP];     /* 転出予定日 of a member moving out later, else "" */
};

/* A 世帯 as the screen lists it. */
struct view_setai {
	char setai_no[DB_ID_CAP];      /* 世帯番号 (ASCII digits) */
	char address[DB_ADDR_CAP + DB_NAME_CAP + 4]; /* 住所 and 方書 as printed ("" when nobody lives there) */
	char head_name[DB_NAME_CAP];   /* the 世帯主's 氏名, "" when the 世帯 has none */
	int n;                         /* members listed */
	int more;                      /* 1: more live there than VIEW_SETAI_MAX (not listed) */
	struct view_setai_member m[VIEW_SETAI_MAX]; /* the 世帯主 first, then by 生年月日 */
};

/*
 * view_setai_load — the 世帯 setai_no (ASCII digits) as it is today
 * (ctx->today), then one AUDIT_VIEW row naming every member listed (target:
 * their 宛名番号s; detail "household=<世帯番号>"). Needs PERM_WORKFLOW and
 * PERM_VIEW. OUT: *out (wiped first; wiped again on any error). Returns 0
 * (out->n may be 0: nobody lives there any more), MG_EINVAL (not a 世帯番号:
 * wrong length, not digits or a check digit that does not match, 標準仕様
 * 1.1.13), MG_ENOTFOUND (no such 世帯, or it closed on or before today),
 * MG_EPERM, MG_ENOMEM or a db/log code. Blocks on the DB.
 */
int view_setai_load(struct app_ctx *ctx, const char *setai_no, struct view_setai *out);

/* view_setai_wipe — explicit_bzero of a view (names, births). Accepts NULL. */
void view_setai_wipe(struct view_setai *v);

/*
 * view_setai_zokugara_norm — a typed 続柄 as the registry writes it: NFC,
 * spaces (ASCII and U+3000) at either end removed, ASCII parentheses made
 * full-width ("夫(未届)" → "夫（未届）"). OUT: out (cap bytes incl. NUL).
 * Returns 0, or MG_ETOOLONG / MG_EINVAL (out is then ""). Pure.
 */
int view_setai_zokugara_norm(const char *in, char *out, size_t cap);

/*
 * view_setai_choices — the 続柄 the screen's list offers, in the listing
 * order of 標準仕様 5.2 (spouse, children, their families, parents,
 * siblings, others); every one is allowed by zokugara_valid. These are
 * registry values (stored as written, whatever the screen's language), not
 * catalog texts. OUT: *n. Returns the static array.
 */
const char *const *view_setai_choices(int *n);

#endif
