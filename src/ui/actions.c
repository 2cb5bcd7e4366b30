/* actions.c: the actions table — name, description, the screens where an
 * action means something, and its function. Keys reach actions only
 * through the keymap; the help screen and the keymap parser read this
 * table too. */
#include "ui/actions.h"
#include "ui_priv.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum {
	G = UI_CTX_GROUPS,
	M = UI_CTX_MESSAGES,
	P = UI_CTX_PAGER,
	ANY = UI_CTX_ANY,
};

static long page(const struct screen *sc)
{
	return sc->page > 1 ? sc->page - 1 : 1;
}

static void act_down(struct ui *ui)
{
	screen_move(ui->top, 1);
}

static void act_up(struct ui *ui)
{
	screen_move(ui->top, -1);
}

static void act_page_down(struct ui *ui)
{
	screen_move(ui->top, page(ui->top));
}

static void act_page_up(struct ui *ui)
{
	screen_move(ui->top, -page(ui->top));
}

static void act_half_down(struct ui *ui)
{
	screen_move(ui->top, page(ui->top) / 2 + 1);
}

static void act_half_up(struct ui *ui)
{
	screen_move(ui->top, -(page(ui->top) / 2 + 1));
}

static void act_first(struct ui *ui)
{
	ui->top->cursor = 0;
}

static void act_last(struct ui *ui)
{
	messages_read_ahead(ui, ui->top, true);
	screen_move(ui->top, (long)ui->top->n);
}

static void act_back(struct ui *ui)
{
	ui_pop(ui);
}

static void act_quit(struct ui *ui)
{
	ui->quit = true;
}

static void act_open(struct ui *ui)
{
	if (ui->top->ctx == UI_CTX_GROUPS)
		groups_open(ui, ui->top);
	else if (ui->top->ctx == UI_CTX_MESSAGES)
		messages_open(ui, ui->top);
}

static void act_expand(struct ui *ui)
{
	groups_toggle(ui, ui->top);
}

static void act_raw(struct ui *ui)
{
	if (screen_is_pager(ui->top))
		pager_toggle_raw(ui, ui->top);
}

static void act_box(struct ui *ui)
{
	if (screen_is_pager(ui->top))
		pager_toggle_box(ui, ui->top);
}

static void act_urls(struct ui *ui)
{
	if (screen_is_pager(ui->top))
		pager_urls(ui, ui->top);
}

/* On the pager: the list of attachments; on that list: view one. */
static void act_attachments(struct ui *ui)
{
	if (attach_on_top(ui))
		attach_view(ui);
	else if (screen_is_pager(ui->top))
		attach_open(ui, pager_message(ui->top));
	else
		attach_view(ui);
}

static void act_history(struct ui *ui)
{
	ui_history(ui);
}

static void act_help(struct ui *ui)
{
	ui_push(ui, help_new(ui));
}

static void act_redraw(struct ui *ui)
{
	(void)ui;
	clearok(curscr, TRUE);
}

static void act_search(struct ui *ui)
{
	char *words, *q, *label;
	struct screen *hits = NULL;
	struct err e = {{0}};

	if (screen_is_pager(ui->top)) {
		pager_search(ui, ui->top);
		return;
	}
	words = ui_prompt(ui, "Search: ", NULL);
	if (!words)
		return;
	q = limit_search_query(words);
	label = xasprintf("search \"%s\"", words);
	if (q && messages_new_search(ui, q, label, &hits, &e) < 0)
		ui_error(ui, "%s", e.msg);
	else if (q && !hits)
		ui_message(ui, "no report matches \"%s\"", words);
	else if (q)
		ui_push(ui, hits);
	free(label);
	free(q);
	free(words);
}

static void act_search_next(struct ui *ui)
{
	if (screen_is_pager(ui->top))
		pager_search_next(ui, ui->top, 1);
}

static void act_search_previous(struct ui *ui)
{
	if (screen_is_pager(ui->top))
		pager_search_next(ui, ui->top, -1);
}

/* On the screens over the pager that share its keys (the attachments,
 * URLs, help), j and k move as everywhere else. */
static void act_next_report(struct ui *ui)
{
	if (screen_is_pager(ui->top))
		ui_pager_step(ui, 1);
	else
		screen_move(ui->top, 1);
}

static void act_previous_report(struct ui *ui)
{
	if (screen_is_pager(ui->top))
		ui_pager_step(ui, -1);
	else
		screen_move(ui->top, -1);
}

static void act_limit(struct ui *ui)
{
	char *pat = ui_prompt(
	    ui, "Limit (ip: reporter: cat: state: since:): ", ui->limit_text);
	struct limit *l;
	struct err e = {{0}};

	if (!pat)
		return;
	l = *pat ? limit_parse(pat, (int64_t)time(NULL), &e) : NULL;
	if (*pat && !l) {
		ui_error(ui, "%s", e.msg);
		free(pat);
		return;
	}
	limit_free(ui->limit);
	free(ui->limit_text);
	ui->limit = l;
	ui->limit_text = l ? pat : NULL;
	if (!l)
		free(pat);
	ui_reload(ui);
}

/* As mutt asks: "Sort by (u)rgency, (r)ecent, (c)ount? ", one key for
 * each order, its first letter. */
static void act_sort(struct ui *ui)
{
	const char *const *names = groups_sort_names();
	struct buf q = BUF_INIT;
	char keys[8] = "";
	size_t n = 0;
	int k;

	buf_puts(&q, "Sort by ");
	for (; names[n] && n + 1 < sizeof keys; n++) {
		keys[n] = names[n][0];
		buf_printf(&q, "%s(%c)%s", n ? ", " : "", names[n][0],
			   names[n] + 1);
	}
	buf_puts(&q, "? ");
	k = ui_ask(ui, buf_cstr(&q), keys);
	buf_free(&q);
	if (k < 0)
		return;
	ui->sort = (enum config_sort)k;
	groups_sort(ui, ui->top);
	ui_message(ui, "sorted by %s", names[k]);
}

static void act_jump(struct ui *ui)
{
	char *ip = ui_prompt(ui, "Jump to IP: ", NULL);

	if (!ip)
		return;
	if (*ip && !groups_jump(ui->top, ip))
		ui_error(ui, "%s is not in the list", ip);
	free(ip);
}

static void act_show_resolved(struct ui *ui)
{
	ui->show_resolved = !ui->show_resolved;
	ui_reload(ui);
	ui_message(ui, ui->show_resolved ? "showing resolved and ignored"
					 : "hiding resolved and ignored");
}

static void act_resolve(struct ui *ui)
{
	ui_state_change(ui, STORE_STATE_RESOLVED);
}

static void act_ignore(struct ui *ui)
{
	ui_state_change(ui, STORE_STATE_IGNORED);
}

static void act_reopen(struct ui *ui)
{
	ui_state_change(ui, STORE_STATE_OPEN);
}

static void act_annotate(struct ui *ui)
{
	ui_annotate(ui);
}

static void act_tag(struct ui *ui)
{
	tag_toggle(ui);
}

static void act_tag_pattern(struct ui *ui)
{
	tag_pattern(ui, true);
}

static void act_untag_pattern(struct ui *ui)
{
	tag_pattern(ui, false);
}

static void act_tag_prefix(struct ui *ui)
{
	tag_prefix(ui);
}

static void act_undo(struct ui *ui)
{
	ui_undo_last(ui);
}

static void act_noise(struct ui *ui)
{
	ui_noise_toggle(ui);
}

static void act_sync(struct ui *ui)
{
	ui_sync_now(ui);
}

static void act_reply(struct ui *ui)
{
	ui_reply(ui);
}

static void act_unsubscribe(struct ui *ui)
{
	ui_unsubscribe(ui);
}

static void act_noop(struct ui *ui)
{
	(void)ui;
}

static const struct ui_action actions[] = {
    {"down", "Move down one row or line", ANY, act_down},
    {"up", "Move up one row or line", ANY, act_up},
    {"page-down", "Move down one page", ANY, act_page_down},
    {"page-up", "Move up one page", ANY, act_page_up},
    {"half-down", "Move down half a page", ANY, act_half_down},
    {"half-up", "Move up half a page", ANY, act_half_up},
    {"first", "Go to the first row", ANY, act_first},
    {"last", "Go to the last row", ANY, act_last},
    {"open", "Open the group or report", G | M, act_open},
    {"expand", "Expand or collapse a noise reporter", G, act_expand},
    {"back", "Go back (quit from the groups)", ANY, act_back},
    {"quit", "Quit abusedesk", ANY, act_quit},
    {"search", "Search all reports (in the pager: the report shown)", ANY,
     act_search},
    {"search-next", "Go to the next match of the search", P, act_search_next},
    {"search-previous", "Go to the previous match of the search", P,
     act_search_previous},
    {"limit", "Show only what matches a pattern (empty: all)", G | M,
     act_limit},
    {"sort", "Ask for the order: urgency, recent activity or count", G,
     act_sort},
    {"jump", "Jump to an IP", G, act_jump},
    {"show-resolved", "Show or hide resolved and ignored groups", G,
     act_show_resolved},
    {"resolve", "Mark the group or report resolved and move on", ANY,
     act_resolve},
    {"ignore", "Mark the group or report ignored and move on", ANY, act_ignore},
    {"reopen", "Mark the group or report open again", ANY, act_reopen},
    {"noise", "Mark or unmark the reporter as noise", ANY, act_noise},
    {"annotate", "Add a note to the decision on the group or report", ANY,
     act_annotate},
    {"tag", "Tag or untag the row and move down", G | M, act_tag},
    {"tag-pattern", "Tag the rows that match a limit pattern", G | M,
     act_tag_pattern},
    {"untag-pattern", "Untag the rows that match a pattern (empty: all)", G | M,
     act_untag_pattern},
    {"tag-prefix", "Apply the next key's action to every tagged row", G | M,
     act_tag_prefix},
    {"undo", "Undo the last change, note, noise mark or tagged batch", ANY,
     act_undo},
    {"raw", "Show the raw source or the decoded report", P, act_raw},
    {"next-report", "Show the next report of the list", P, act_next_report},
    {"previous-report", "Show the previous report of the list", P,
     act_previous_report},
    {"box", "Show the whole box of facts or the compact one", P, act_box},
    {"urls", "List every URL and mail address of the report, whole", P,
     act_urls},
    {"attachments",
     "List the report's attachments; on the list, view the one selected", P,
     act_attachments},
    {"save-attachment", "Save the attachment selected to a file", P,
     attach_save},
    {"pipe-attachment",
     "Pipe the attachment selected into a shell command's input", P,
     attach_pipe},
    {"history", "Show the history of the IP: reports, decisions, outbox", ANY,
     act_history},
    {"reply", "Reply to the reporter", M | P, act_reply},
    {"unsubscribe",
     "Unsubscribe from the reporter's notices (asks first; a noise "
     "reporter's row too)",
     G | M | P, act_unsubscribe},
    {"notify-customer",
     "Tell the customer of the IP about the report (asks first)", ANY,
     ui_notify},
    {"sync", "Sync with the server now", ANY, act_sync},
    {"help", "Show the keys in force", ANY, act_help},
    {"redraw", "Redraw the screen", ANY, act_redraw},
    {"noop", "Do nothing (unbinds a key)", ANY, act_noop},
};

#define N_ACTIONS (sizeof actions / sizeof actions[0])

const struct ui_action *ui_actions(size_t *n)
{
	if (n)
		*n = N_ACTIONS;
	return actions;
}

int ui_action_find(const char *name)
{
	for (size_t i = 0; i < N_ACTIONS; i++)
		if (strcmp(actions[i].name, name) == 0)
			return (int)i;
	return -1;
}
