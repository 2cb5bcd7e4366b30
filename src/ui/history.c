/* history.c: the history view of one IP — every report about it (date,
 * reporter, category), every decision on it and on its reports (state,
 * when, note) and the outbox rows they queued, newest first, as the
 * store keeps them (store/history.h). */
#include "ui_priv.h"
#include "store/history.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A long event (a note) goes on in the rows below, under its kind. */
enum { INDENT = 18 };

struct history {
	char ip[REPORT_IP_TEXT_MAX];
	char **lines; /* one per event, terminal-safe */
	size_t n;
	size_t n_events;
	char **rows; /* laid out for width */
	size_t n_rows;
	int width;
};

static void add(struct history *h, struct buf *b)
{
	h->lines = xreallocarray(h->lines, h->n + 1, sizeof *h->lines);
	h->lines[h->n++] = ui_safe(buf_cstr(b));
	buf_reset(b);
}

static void clear(char **v, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free(v[i]);
	*n = 0;
}

static void add_row(struct history *h, char *row)
{
	h->rows = xreallocarray(h->rows, h->n_rows + 1, sizeof *h->rows);
	h->rows[h->n_rows++] = row;
}

static void wrap_rest(struct history *h, const char *s, size_t len, size_t w)
{
	size_t starts[256], k = layout_wrap(s, len, w, starts, 256);

	for (size_t j = 0; j < k; j++) {
		size_t e = j + 1 < k ? starts[j + 1] : len;
		add_row(h, xasprintf("%*s%.*s", INDENT, "",
				     (int)(e - starts[j]), s + starts[j]));
	}
}

static void lay_out(struct history *h, int cols)
{
	size_t starts[2], w = cols > INDENT + 20 ? (size_t)cols - 1 : 0;

	clear(h->rows, &h->n_rows);
	for (size_t i = 0; i < h->n; i++) {
		const char *s = h->lines[i];
		size_t len = strlen(s), end = len;
		if (w && layout_wrap(s, len, w, starts, 2) > 1)
			end = starts[1];
		add_row(h, xstrndup(s, end));
		if (end < len)
			wrap_rest(h, s + end, len - end, w - INDENT);
	}
	h->width = cols;
}

/* What an event says after its date and its kind's word. */
static void event_text(const struct store_event *ev, struct buf *b)
{
	switch (ev->kind) {
	case STORE_EVENT_REPORT:
		buf_printf(b, "%-9s %s  %s", "report",
			   ev->reporter ? ev->reporter : "unknown",
			   ev->category ? ev->category : "other");
		break;
	case STORE_EVENT_IP_STATE:
	case STORE_EVENT_REPORT_STATE:
		buf_printf(b, "%-9s %s", store_state_name(ev->state),
			   ev->kind == STORE_EVENT_IP_STATE ? "the IP"
							    : "one report");
		if (ev->kind == STORE_EVENT_REPORT_STATE && ev->reporter)
			buf_printf(b, " (%s)", ev->reporter);
		if (ev->note)
			buf_printf(b, "  Note: %s", ev->note);
		break;
	case STORE_EVENT_OUTBOX:
		buf_printf(b, "%-9s %s %s", "outbox",
			   ev->outbox_kind ? ev->outbox_kind : "?",
			   store_state_name(ev->state));
		if (ev->message_id == 0)
			buf_puts(b, " (the IP)");
		buf_printf(b, ", %s",
			   ev->outbox_state ? ev->outbox_state : "?");
		break;
	}
}

static int history_load(struct ui *ui, struct screen *sc, struct err *e)
{
	struct history *h = sc->data;
	struct store_event *v = NULL;
	struct buf b = BUF_INIT;
	char date[64];
	size_t n = 0;

	clear(h->lines, &h->n);
	h->width = 0;
	if (store_ip_history(ui->store, h->ip, &v, &n, e) < 0)
		return -1;
	h->n_events = n;
	for (size_t i = 0; i < n; i++) {
		ui_date(ui, v[i].t, date, sizeof date);
		buf_printf(&b, "%-16s  ", date);
		event_text(&v[i], &b);
		add(h, &b);
	}
	if (!n) {
		buf_puts(&b, "Nothing is known about this IP.");
		add(h, &b);
	}
	buf_free(&b);
	store_events_free(v, n);
	return 0;
}

static void history_draw(struct ui *ui, struct screen *sc, int y, int rows,
			 int cols)
{
	struct history *h = sc->data;

	(void)ui;
	if (h->width != cols) {
		lay_out(h, cols);
		sc->n = h->n_rows;
	}
	ui_put(y, 0, "DATE              WHAT      DETAIL", cols, UI_BOX);
	sc->page = rows - 1;
	screen_move(sc, 0);
	sc->top = sc->cursor;
	for (int r = 0; r < rows - 1 && sc->top + (size_t)r < h->n_rows; r++)
		ui_put(y + 1 + r, 0, h->rows[sc->top + (size_t)r], cols - 1,
		       UI_NORMAL);
}

static void history_free(struct screen *sc)
{
	struct history *h = sc->data;

	clear(h->lines, &h->n);
	clear(h->rows, &h->n_rows);
	free(h->lines);
	free(h->rows);
	free(h);
}

static void history_title(struct ui *ui, struct screen *sc, struct buf *b)
{
	struct history *h = sc->data;

	(void)ui;
	buf_printf(b, "History of %s: %zu event%s, newest first", h->ip,
		   h->n_events, h->n_events == 1 ? "" : "s");
}

static const struct screen_ops history_ops = {history_draw, history_load,
					      history_free, history_title};

struct screen *history_new(struct ui *ui, const char *ip)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct history *h = xcalloc(1, sizeof *h);
	struct err e = {{0}};

	snprintf(h->ip, sizeof h->ip, "%s", ip);
	sc->ctx = UI_CTX_PAGER;
	sc->ops = &history_ops;
	sc->scroll_only = true;
	sc->data = h;
	if (history_load(ui, sc, &e) < 0)
		ui_error(ui, "%s", e.msg);
	return sc;
}

/* The first address of ours a report names, into ip; false when none. */
static bool report_ip(struct ui *ui, int64_t id, char ip[REPORT_IP_TEXT_MAX])
{
	struct report *r = NULL;
	struct err e = {{0}};
	bool found = false;

	if (id && store_report_get(ui->store, id, &r, &e) > 0)
		for (size_t i = 0; i < r->n_ips && !found; i++)
			if (r->ips[i].in_scope) {
				memcpy(ip, r->ips[i].text, REPORT_IP_TEXT_MAX);
				found = true;
			}
	report_free(r);
	return found;
}

/* The IP the selection is about. */
static bool selected_ip(struct ui *ui, char ip[REPORT_IP_TEXT_MAX])
{
	struct screen *sc = ui->top;
	enum triage_kind kind;
	const char *s = NULL;

	if (sc->ctx == UI_CTX_GROUPS)
		return groups_selected(sc, &kind, ip) && kind == TRIAGE_IP;
	if (sc->ctx == UI_CTX_MESSAGES && !(s = messages_ip(sc)))
		return report_ip(ui, messages_selected(sc), ip);
	if (screen_is_pager(sc))
		s = pager_ip(sc);
	if (!s)
		return false;
	snprintf(ip, REPORT_IP_TEXT_MAX, "%s", s);
	return true;
}

void ui_history(struct ui *ui)
{
	char ip[REPORT_IP_TEXT_MAX];

	if (!selected_ip(ui, ip)) {
		ui_error(ui, "select an IP group or a report about one of ours "
			     "first");
		return;
	}
	ui_push(ui, history_new(ui, ip));
}
