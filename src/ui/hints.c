/* hints.c: the help line ([ui] help_line), mutt's line of the main keys
 * at the top, made from the keymap in force for the screen shown, so
 * that it names the user's own keys and never an unbound one. */
#include "ui_priv.h"
#include "ui/actions.h"

#include <stddef.h>

/* The actions worth a place on the line, per screen; NULL ends each. */
static const char *const groups_acts[] = {
    "back",   "open",  "resolve", "ignore", "history",
    "search", "limit", "sort",	  "help",   NULL};
static const char *const messages_acts[] = {
    "back", "open", "resolve", "ignore", "history", "limit", "help", NULL};
static const char *const pager_acts[] = {
    "back", "resolve", "ignore", "box", "urls", "history", "raw", "help", NULL};
/* help, the URL view and the history: they only scroll. */
static const char *const view_acts[] = {"back", "page-down", "page-up", "help",
					NULL};

void hints_line(struct ui *ui, struct buf *b)
{
	const struct screen *sc = ui->top;
	const char *const *names = sc->ctx == UI_CTX_GROUPS	? groups_acts
				   : sc->ctx == UI_CTX_MESSAGES ? messages_acts
				   : screen_is_pager(sc)	? pager_acts
								: view_acts;
	char key[32];

	for (size_t i = 0; names[i]; i++) {
		int k =
		    keymap_key_for(ui->km, sc->ctx, ui_action_find(names[i]));
		if (k < 0)
			continue;
		keymap_key_name(k, key, sizeof key);
		buf_printf(b, "%s%s:%s", b->len ? "  " : " ", key, names[i]);
	}
}
