/*
 * scrtest.h — driving a screen stack in the CUnit tests: keys in, the drawn
 * frame out as text. Shared by the screen test files.
 */
#ifndef SCRTEST_H
#define SCRTEST_H

struct scr_app;
struct cells;

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

#endif
