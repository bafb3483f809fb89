/*
 * scrtest.h — driving a screen stack in the CUnit tests: keys in, the drawn
 * frame out as text. Shared by the screen test files.
 */
#ifndef SCRTEST_H
#define SCRTEST_H

#include <stddef.h>

struct app_ctx;
struct cells;
struct config;
struct scr_app;
struct session;

/*
 * scrtest_login — a screen stack on ctx with the session clerk logged in
 * (a copy), its clocks at now (monotonic, also the last key) and wall (unix
 * time). Returns a new 80×24 grid (free with scrtest_logout), NULL when out
 * of memory.
 */
struct cells *scrtest_login(struct scr_app *app, struct app_ctx *ctx, const struct config *cfg,
                            const struct session *clerk, long long now, long long wall);

/* scrtest_logout — leave every screen, end the session on ctx, free c. */
void scrtest_logout(struct scr_app *app, struct app_ctx *ctx, struct cells *c);

/* scrtest_press — send one key code (UI_K_*). */
void scrtest_press(struct scr_app *app, int code);

/* scrtest_type — send UTF-8 text as character keys. */
void scrtest_type(struct scr_app *app, const char *s);

/*
 * scrtest_screen — draw the frame into c and return it as one string: each
 * row without its leading blanks, rows joined. Static buffer, valid until
 * the next call.
 */
const char *scrtest_screen(struct scr_app *app, struct cells *c);

/* scrtest_title — the title key of the top screen ("" with none). */
const char *scrtest_title(struct scr_app *app);

/*
 * scrtest_prefix — the first bytes of m (at most bytes, cut on a whole
 * UTF-8 character) as a needle for the screen text. Static buffer of 160
 * bytes, valid until the next call.
 */
const char *scrtest_prefix(const char *m, size_t bytes);

#endif
