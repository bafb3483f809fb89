/* scrtest.c — keys in, frame out, for the screen tests. */
#include "tests/unit/scrtest.h"
#include "screens/cells.h"
#include "screens/scr.h"
#include "screens/ui.h"
#include "app/app_ctx.h"
#include "app/session.h"

#include <string.h>
#include <wchar.h>

struct cells *scrtest_login(struct scr_app *app, struct app_ctx *ctx, const struct config *cfg,
                            const struct session *clerk, long long now, long long wall)
{
	struct session s = *clerk;

	scr_app_init(app, ctx, cfg);
	app->now = app->last_input = now;
	app->wall = wall;
	scr_login_done(app, &s);
	return cells_new(80, 24);
}

void scrtest_logout(struct scr_app *app, struct app_ctx *ctx, struct cells *c)
{
	while (app->depth > 0)
		scr_pop(app);
	app->logged_in = 0;
	ctx->sess = NULL;
	cells_free(c);
}

void scrtest_press(struct scr_app *app, int code)
{
	struct ui_key k = { code, 0 };

	scr_key(app, &k);
}

void scrtest_type(struct scr_app *app, const char *s)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;

	memset(&st, 0, sizeof st);
	while (*s && (n = mbrtowc(&wc, s, strlen(s), &st)) > 0 && n < (size_t)-2) {
		struct ui_key k = { UI_K_CHAR, wc };

		scr_key(app, &k);
		s += n;
	}
}

const char *scrtest_screen(struct scr_app *app, struct cells *c)
{
	static char all[64 * 1024];
	char row[4096];
	size_t len = 0;

	scr_draw(app, c);
	all[0] = 0;
	for (int y = 0; y < c->h; y++) {
		const char *p = row;
		size_t n;

		cells_row(c, y, row, sizeof row);
		while (*p == ' ')
			p++;
		n = strlen(p);
		if (len + n + 1 < sizeof all) {
			memcpy(all + len, p, n);
			len += n;
			all[len] = 0;
		}
	}
	return all;
}

const char *scrtest_title(struct scr_app *app)
{
	const struct scr *s = scr_top(app);

	return s ? s->ops->title_msgid : "";
}

const char *scrtest_prefix(const char *m, size_t bytes)
{
	static char buf[160];
	size_t n = strlen(m);

	if (bytes >= sizeof buf)
		bytes = sizeof buf - 1;
	if (n > bytes) {
		n = bytes;
		while (n > 0 && ((unsigned char)m[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf, m, n);
	buf[n] = 0;
	return buf;
}
