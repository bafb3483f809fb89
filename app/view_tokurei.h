/*
 * view_tokurei.h — the read-only lookups the 特例転入 screen needs for the
 * new address, as thin wrappers over db/ (checked with PERM_WORKFLOW,
 * nothing logged, nothing written): the 町字 master for the picker, one 町字
 * by its exact name, and whether a 世帯 can be joined (open, with its
 * address for the confirmation page).
 */
#ifndef VIEW_TOKUREI_H
#define VIEW_TOKUREI_H

#include <stddef.h>

#include "app/app_ctx.h"
#include "db/db_registry.h"

/*
 * view_tokurei_towns — every 町字 in code order. OUT: *out (a new array,
 * free()), *n. Returns 0, MG_EPERM, MG_ENOMEM or a db code.
 */
int view_tokurei_towns(struct app_ctx *ctx, struct db_machiaza **out, int *n);

/*
 * view_tokurei_town — the 町字 whose name is name (exact), or whose code is
 * name. OUT: *out. Returns 0, MG_ENOTFOUND, MG_EPERM or a db code.
 */
int view_tokurei_town(struct app_ctx *ctx, const char *name, struct db_machiaza *out);

/*
 * view_tokurei_household — an open 世帯 of this registry: its address
 * (町字 name, 番地, 方書) into addr (cap bytes). Returns 0, MG_ENOTFOUND (no
 * such 世帯, or closed), MG_EPERM or a db code.
 */
int view_tokurei_household(struct app_ctx *ctx, const char *setai_no, char *addr, size_t cap);

#endif
