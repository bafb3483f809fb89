/*
 * view_check.h — a workflow finding (app/check.h) as the clerk reads it:
 * its catalog message (cause and remedy) with the arguments filled in, and
 * ISO dates among the arguments written as the catalog language writes
 * dates (和暦 in Japanese, i18n_wareki_format_iso). Pure; no registry access.
 */
#ifndef VIEW_CHECK_H
#define VIEW_CHECK_H

#include <stddef.h>

#include "app/check.h"

/*
 * view_check_text — the text of one finding into out (cap bytes incl. NUL,
 * cut at a character boundary). Returns the length or a negative code
 * (MG_EINVAL for NULL arguments, MG_EI18N when the pattern is bad; out is
 * then the message id).
 */
int view_check_text(const struct check_item *it, char *out, size_t cap);

/* view_check_level_msgid — the catalog key of a level's label (エラー / 警告 / 情報). */
const char *view_check_level_msgid(enum check_level level);

/*
 * view_check_first — the first finding of a level in l, or NULL. Borrowed
 * from l.
 */
const struct check_item *view_check_first(const struct check_list *l, enum check_level level);

/* view_check_nth — the index of the n-th (0-based) finding of a level in l, or -1. */
int view_check_nth(const struct check_list *l, enum check_level level, int n);

#endif
