/*
 * scr_search.h — 住民検索: 氏名 / 住所 / 生年月日 / 性別 and 除票 on request;
 * the search policy's refusals shown with their catalog text; a capped
 * result list ("narrow the search" when there are more matches than the
 * cap, or a supervisor's approval for more); Enter on a row opens the
 * 住民票 (scr_view). Every search is logged by app/search.c.
 *
 * Opened with a NULL argument from the menu. Another screen that needs a
 * person (e.g. 転出: the household) opens it with a struct scr_search_pick:
 * Enter on a row then calls picked() and closes the search instead.
 */
#ifndef SCR_SEARCH_H
#define SCR_SEARCH_H

#include "screens/scr.h"
#include "db/db_resident.h"

/* The argument of the search in pick mode (borrowed while the search is open). */
struct scr_search_pick {
	/* picked — the clerk chose row r (borrowed for the call): return 0 to
	 * close the search, or a negative code to show as an error and stay. */
	int (*picked)(struct scr_app *app, void *owner, const struct db_resident *r);
	void *owner;   /* the opener's state, passed back */
};

extern const struct scr_ops scr_search;

#endif
