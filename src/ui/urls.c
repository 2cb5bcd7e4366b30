/* urls.c: the URL view, as urlview shows it — every URL and mail address
 * of a report, once each, in the order they come, and whole: one longer
 * than the screen goes on in the rows below from the first column, split
 * at the width only, so that a mouse selection copies it as it is. */
#include "ui_priv.h"
#include "ui/urlscan.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct urls {
	char **links; /* terminal-safe */
	size_t n_links;
	char **rows; /* laid out for width */
	size_t n_rows;
	int width;
};

static bool known(const struct urls *u, const char *s, size_t n)
{
	for (size_t i = 0; i < u->n_links; i++)
		if (strlen(u->links[i]) == n && memcmp(u->links[i], s, n) == 0)
			return true;
	return false;
}

static void scan(struct urls *u, const char *text)
{
	struct urlscan_span sp;
	size_t len = strlen(text), from = 0;

	while (urlscan_next(text, len, from, &sp)) {
		from = sp.end;
		if (known(u, text + sp.start, sp.end - sp.start))
			continue;
		u->links =
		    xreallocarray(u->links, u->n_links + 1, sizeof *u->links);
		u->links[u->n_links++] =
		    xstrndup(text + sp.start, sp.end - sp.start);
	}
}

static void add_row(struct urls *u, char *row)
{
	u->rows = xreallocarray(u->rows, u->n_rows + 1, sizeof *u->rows);
	u->rows[u->n_rows++] = row;
}

static void clear_rows(struct urls *u)
{
	for (size_t i = 0; i < u->n_rows; i++)
		free(u->rows[i]);
	free(u->rows);
	u->rows = NULL;
	u->n_rows = 0;
}

/* Each link from the first column, cut into rows of exactly cols
 * columns; a blank row between two links shows where one ends. */
static void lay_out(struct urls *u, size_t cols)
{
	clear_rows(u);
	for (size_t i = 0; i < u->n_links; i++) {
		const char *s = u->links[i];
		size_t len = strlen(s), off = 0;
		if (i)
			add_row(u, xstrdup(""));
		while (off < len) {
			size_t n = utf8_fit(s + off, len - off, cols, NULL);
			n = n ? n : 1;
			add_row(u, xstrndup(s + off, n));
			off += n;
		}
	}
	if (!u->n_links)
		add_row(u, xstrdup("This report has no URL and no mail "
				   "address."));
}

static void urls_draw(struct ui *ui, struct screen *sc, int y, int rows,
		      int cols)
{
	struct urls *u = sc->data;

	(void)ui;
	if (u->width != cols) {
		lay_out(u, (size_t)cols - 1);
		u->width = cols;
		sc->n = u->n_rows;
		sc->cursor = 0;
	}
	sc->page = rows;
	screen_move(sc, 0);
	sc->top = sc->cursor;
	for (int r = 0; r < rows && sc->top + (size_t)r < u->n_rows; r++)
		ui_put(y + r, 0, u->rows[sc->top + (size_t)r], cols - 1,
		       UI_NORMAL);
}

static void urls_free(struct screen *sc)
{
	struct urls *u = sc->data;

	clear_rows(u);
	for (size_t i = 0; i < u->n_links; i++)
		free(u->links[i]);
	free(u->links);
	free(u);
}

static void urls_title(struct ui *ui, struct screen *sc, struct buf *b)
{
	struct urls *u = sc->data;

	(void)ui;
	buf_printf(b, "URLs and addresses: %zu (select with the mouse to copy)",
		   u->n_links);
}

static const struct screen_ops urls_ops = {urls_draw, NULL, urls_free,
					   urls_title};

struct screen *urls_new(struct ui *ui, const char *const *texts, size_t n)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct urls *u = xcalloc(1, sizeof *u);

	(void)ui;
	for (size_t i = 0; i < n; i++)
		scan(u, texts[i]);
	sc->ctx = UI_CTX_PAGER;
	sc->ops = &urls_ops;
	sc->scroll_only = true;
	sc->data = u;
	return sc;
}
