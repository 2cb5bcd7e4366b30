/* advance.c: moving on through a list. After a decision the cursor goes
 * to the next open row, as mutt's `resolve` option does, and the pager
 * to the next open report of the list it was opened from (or back to the
 * list when there is none); j and k in the pager walk that list. */
#include "ui_priv.h"

#include <string.h>

static bool row_open(struct ui *ui, struct screen *sc, size_t i)
{
	if (sc->ctx == UI_CTX_GROUPS)
		return groups_row_open(sc, i);
	return messages_row_open(ui, sc, i);
}

/* Whether row i of the list is what the decision u was about. */
static bool row_is(struct screen *sc, size_t i, const struct ui_undo *u)
{
	char ip[REPORT_IP_TEXT_MAX];

	if (sc->ctx == UI_CTX_GROUPS)
		return u->act.t.is_ip && groups_row_ip(sc, i, ip) &&
		       strcmp(ip, u->act.t.ip) == 0;
	return !u->act.t.is_ip && messages_row_id(sc, i) == u->act.t.message_id;
}

/* The decided row sat at `at` before the list was read again. Still
 * there, the next open row is looked for below it; gone (hidden, or sorted
 * elsewhere), from its old place, where the rows below moved up to. */
static bool next_open(struct ui *ui, struct screen *sc, const struct ui_undo *u,
		      size_t at)
{
	for (size_t i = row_is(sc, at, u) ? at + 1 : at; i < sc->n; i++) {
		if (row_open(ui, sc, i)) {
			sc->cursor = i;
			return true;
		}
	}
	return false;
}

/* The list under the pager: a messages screen, or NULL. */
static struct screen *pager_list(struct screen *pager)
{
	struct screen *list = pager->below;

	return list && list->ctx == UI_CTX_MESSAGES ? list : NULL;
}

bool ui_advance(struct ui *ui, const struct ui_undo *u, size_t at)
{
	struct screen *sc = ui->top, *list;

	if (!screen_is_pager(sc))
		return next_open(ui, sc, u, at);
	list = pager_list(sc);
	if (list && next_open(ui, list, u, list->cursor)) {
		pager_show(ui, sc, messages_selected(list));
		return true;
	}
	ui_pop(ui);
	return false;
}

void ui_pager_step(struct ui *ui, long delta)
{
	struct screen *sc = ui->top, *list;

	if (!screen_is_pager(sc))
		return;
	list = pager_list(sc);
	if (!list) {
		ui_error(ui, "this report was not opened from a list");
		return;
	}
	if (delta > 0 ? list->cursor + 1 >= list->n : list->cursor == 0) {
		ui_message(ui, delta > 0
				   ? "this is the last report of the list"
				   : "this is the first report of the list");
		return;
	}
	list->cursor = delta > 0 ? list->cursor + 1 : list->cursor - 1;
	pager_show(ui, sc, messages_selected(list));
}
