/* help.c: the help screen, generated from the keymap in force and the
 * actions table — key, action, description, per screen — so it is never
 * out of date. */
#include "ui_priv.h"
#include "ui/actions.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>

struct help {
	char **lines;
};

static void add(struct screen *sc, char *line)
{
	struct help *h = sc->data;

	h->lines = xreallocarray(h->lines, sc->n + 1, sizeof *h->lines);
	h->lines[sc->n++] = line;
}

static void add_context(struct ui *ui, struct screen *sc, unsigned ctx)
{
	const struct ui_action *acts = ui_actions(NULL);
	char key[32];

	add(sc, xasprintf("%s:", ctx == UI_CTX_ANY ? "everywhere"
						   : keymap_context_name(ctx)));
	for (size_t i = 0; i < ui->km->n; i++) {
		const struct keymap_binding *b = &ui->km->v[i];
		if (b->ctx != ctx || !keymap_binding_active(ui->km, i))
			continue;
		keymap_key_name(b->key, key, sizeof key);
		add(sc, xasprintf("  %-12s %-16s %s", key, acts[b->action].name,
				  acts[b->action].description));
	}
	add(sc, xstrdup(""));
}

static void help_draw(struct ui *ui, struct screen *sc, int y, int rows,
		      int cols)
{
	struct help *h = sc->data;

	(void)ui;
	sc->page = rows;
	screen_move(sc, 0);
	sc->top = sc->cursor;
	for (int r = 0; r < rows && sc->top + (size_t)r < sc->n; r++)
		ui_put(y + r, 0, h->lines[sc->top + (size_t)r], cols - 1,
		       UI_NORMAL);
}

static void help_free(struct screen *sc)
{
	struct help *h = sc->data;

	for (size_t i = 0; i < sc->n; i++)
		free(h->lines[i]);
	free(h->lines);
	free(h);
}

static void help_title(struct ui *ui, struct screen *sc, struct buf *b)
{
	(void)sc;
	buf_printf(b, "Help: the keys in force (keymap: %s)",
		   ui->cfg->ui.keymap ? ui->cfg->ui.keymap : "default");
}

static const struct screen_ops help_ops = {help_draw, NULL, help_free,
					   help_title};

struct screen *help_new(struct ui *ui)
{
	static const unsigned order[] = {UI_CTX_ANY, UI_CTX_GROUPS,
					 UI_CTX_MESSAGES, UI_CTX_PAGER};
	struct screen *sc = xcalloc(1, sizeof *sc);

	sc->ctx = UI_CTX_PAGER;
	sc->ops = &help_ops;
	sc->scroll_only = true;
	sc->data = xcalloc(1, sizeof(struct help));
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
		add_context(ui, sc, order[i]);
	for (size_t i = 0; i < ui->km->n_errors; i++)
		add(sc, xasprintf("keymap error: %s", ui->km->errors[i]));
	return sc;
}
