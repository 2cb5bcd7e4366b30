/* messages.c: the reports of one group, or the hits of a search — a '!'
 * for a sender our mail server did not verify, date, reporter, category,
 * the one-line problem, state; noise reports dimmed. */
#include "ui_priv.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows are read when they come into view (window_load): a search can hit
 * most of the cache, and a busy IP has tens of thousands of reports. They
 * are kept in pages made on first use, so that a list of 200,000 hits
 * holds the rows seen, not a slot for each. */
enum { PAGE_ROWS = 256 };

/* A search's hits are read a slice at a time, newest first: the first
 * slice before the list is shown, the rest while the user reads it (or at
 * once, for G and for a limit over the hits). */
enum { HITS_FIRST = 1000, HITS_SLICE = 20000 };

struct messages {
	enum triage_kind kind;
	char ip[REPORT_IP_TEXT_MAX];
	bool search;  /* ids are a search's hits, else the group's reports */
	int64_t *ids; /* the rows, in order */
	size_t n_ids;
	char *label;
	char *query; /* a search's, while it has hits left to read */
	struct triage_message **page; /* of PAGE_ROWS rows; id 0: not read */
	size_t n_pages;
};

static struct triage_message *row_at(struct messages *d, size_t i)
{
	struct triage_message **p = &d->page[i / PAGE_ROWS];

	if (!*p)
		*p = xcalloc(PAGE_ROWS, sizeof **p);
	return &(*p)[i % PAGE_ROWS];
}

static bool row_read(const struct messages *d, size_t i)
{
	const struct triage_message *p = d->page[i / PAGE_ROWS];

	return p && p[i % PAGE_ROWS].id;
}

static void rows_free(struct messages *d)
{
	for (size_t i = 0; i < d->n_pages; i++)
		triage_messages_free(d->page[i], PAGE_ROWS);
	free(d->page);
	d->page = NULL;
	d->n_pages = 0;
}

static int messages_load(struct ui *ui, struct screen *sc, struct err *e)
{
	struct messages *d = sc->data;
	struct triage_query q;
	int64_t keep = sc->cursor < sc->n ? d->ids[sc->cursor] : 0;
	int rc = 0;

	rows_free(d);
	sc->n = 0;
	ui_query(ui, &q);
	q.only_open = false; /* a group shows every report, with its state */
	if (!d->search) {
		free(d->ids);
		rc = triage_message_ids(ui->triage, &q, d->kind, d->ip, &d->ids,
					&d->n_ids, e);
	}
	d->n_pages = (d->n_ids + PAGE_ROWS - 1) / PAGE_ROWS;
	d->page = xcalloc(d->n_pages ? d->n_pages : 1, sizeof *d->page);
	sc->n = d->n_ids;
	for (size_t i = 0; keep && i < sc->n; i++)
		if (d->ids[i] == keep)
			sc->cursor = i;
	return rc;
}

static int rows_read(struct ui *ui, struct messages *d, const int64_t *ids,
		     size_t n, struct triage_message **got, size_t *n_got,
		     struct err *e)
{
	if (d->search)
		return triage_messages_by_id(ui->triage, ids, n, got, n_got, e);
	return triage_messages_in_group(ui->triage, d->kind, d->ip, ids, n, got,
					n_got, e);
}

/* The rows from..from+n that are not read yet. A report that is gone
 * since the list was made shows as such. */
static void window_load(struct ui *ui, struct messages *d, size_t from,
			size_t n)
{
	int64_t *want = xcalloc(n ? n : 1, sizeof *want);
	struct triage_message *got = NULL;
	size_t k = 0, n_got = 0, j = 0;
	struct err e = {{0}};

	for (size_t i = from; i < from + n; i++)
		if (!row_read(d, i))
			want[k++] = d->ids[i];
	if (k && rows_read(ui, d, want, k, &got, &n_got, &e) < 0)
		ui_error(ui, "%s", e.msg);
	for (size_t i = from; k && i < from + n; i++) {
		struct triage_message *m;

		if (row_read(d, i))
			continue;
		m = row_at(d, i);
		if (j < n_got && got[j].id == d->ids[i]) {
			*m = got[j++];
			continue;
		}
		m->id = d->ids[i];
		m->subject = xstrdup("(no longer in the cache)");
		m->gone = true;
	}
	free(got); /* its strings moved into the pages */
	free(want);
}

static void messages_free(struct screen *sc)
{
	struct messages *d = sc->data;

	rows_free(d);
	free(d->ids);
	free(d->label);
	free(d->query);
	free(d);
}

static void messages_title(struct ui *ui, struct screen *sc, struct buf *b)
{
	struct messages *d = sc->data;
	char *label = ui_safe(d->label);

	(void)ui;
	buf_printf(b, "%s: %zu%s reports", label, sc->n, d->query ? "+" : "");
	free(label);
}

enum { M_FLAG, M_DATE, M_REPORTER, M_CAT, M_PROBLEM, M_STATE, M_COUNT };

static const struct layout_col msg_cols[M_COUNT] = {
    [M_FLAG] = {1, 0, 0}, [M_DATE] = {16, 0, 0},    [M_REPORTER] = {16, 1, 0},
    [M_CAT] = {10, 0, 2}, [M_PROBLEM] = {20, 5, 0}, [M_STATE] = {9, 0, 1},
};

/* A problem column this wide says in words why the row has its '!'. */
#define WORDS_MIN_WIDTH 40

static void cell(struct buf *b, const char *s, int w)
{
	char *safe = ui_safe(s ? s : "-");

	if (w) {
		if (b->len)
			buf_putc(b, ' ');
		layout_fit(b, safe, (size_t)w, true);
	}
	free(safe);
}

/* The row's marker: ! for a sender not verified, v for a report in which
 * the address listed is the victim. */
static const char *row_flag(const struct triage_message *m)
{
	return m->auth == REPORT_AUTH_NOT_VERIFIED ? "!"
	       : m->victim			   ? "v"
						   : " ";
}

/* The problem as the row says it, with the words for the marker where
 * the column has room; malloc'd. */
static char *row_problem(const struct triage_message *m, int width)
{
	const char *problem =
	    m->problem && *m->problem ? m->problem : m->subject;
	const char *words = m->auth == REPORT_AUTH_NOT_VERIFIED
				? "sender not verified: "
			    : m->victim ? "our host attacked: "
					: "";

	if (width < WORDS_MIN_WIDTH)
		words = ""; /* the marker alone */
	return xasprintf("%s%s", words, problem ? problem : "-");
}

static void message_line(struct ui *ui, const struct triage_message *m,
			 const int *w, struct buf *b)
{
	char date[64], state[16];
	char *problem = row_problem(m, w[M_PROBLEM]);

	cell(b, row_flag(m), w[M_FLAG]);
	ui_date(ui, m->t, date, sizeof date);
	cell(b, date, w[M_DATE]);
	cell(b, m->reporter, w[M_REPORTER]);
	cell(b, m->category, w[M_CAT]);
	cell(b, problem, w[M_PROBLEM]);
	free(problem);
	/* Expunged on the server: kept for review, not open work. A + says
	 * the decision has a note (the pager's box and H show it). */
	snprintf(state, sizeof state, "%s%s",
		 m->gone ? "gone" : store_state_name(m->state),
		 m->note ? "+" : "");
	cell(b, state, w[M_STATE]);
}

static void messages_draw(struct ui *ui, struct screen *sc, int y, int rows,
			  int cols)
{
	struct messages *d = sc->data;
	struct buf b = BUF_INIT;
	int w[M_COUNT];
	static const char *const names[M_COUNT] = {"!",	  "DATE",    "REPORTER",
						   "CAT", "PROBLEM", "STATE"};

	/* One column more on the left, for the tag mark. */
	layout_columns(msg_cols, M_COUNT, cols - 2, w);
	for (int c = 0; c < M_COUNT; c++)
		cell(&b, names[c], w[c]);
	ui_put(y, 1, buf_cstr(&b), cols - 1, UI_BOX);
	/* Keys typed ahead never find the end of the hits read so far. */
	if (sc->cursor + 2 * (size_t)rows >= sc->n)
		messages_read_ahead(ui, sc, false);
	screen_follow(sc, rows - 1);
	if (sc->top < sc->n && rows > 1)
		window_load(ui, d, sc->top,
			    sc->n - sc->top < (size_t)rows - 1
				? sc->n - sc->top
				: (size_t)rows - 1);
	if (!sc->n)
		ui_put(y + 2, 2, "No reports.", cols - 2, UI_DIM);
	for (int r = 0; r < rows - 1 && sc->top + (size_t)r < sc->n; r++) {
		size_t i = sc->top + (size_t)r;
		const struct triage_message *m = row_at(d, i);
		enum ui_attr a = i == sc->cursor       ? UI_SELECTED
				 : m->noise || m->gone ? UI_DIM
						       : UI_NORMAL;
		buf_reset(&b);
		message_line(ui, m, w, &b);
		ui_put(y + 1 + r, 0, tag_row(sc, i) ? "*" : " ", 1, a);
		ui_put(y + 1 + r, 1, buf_cstr(&b), cols - 1, a);
	}
	buf_free(&b);
}

static const struct screen_ops messages_ops = {messages_draw, messages_load,
					       messages_free, messages_title};

static struct screen *messages_make(struct ui *ui, struct messages *d)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct err e = {{0}};

	sc->ctx = UI_CTX_MESSAGES;
	sc->ops = &messages_ops;
	sc->data = d;
	if (messages_load(ui, sc, &e) < 0)
		ui_error(ui, "%s", e.msg);
	return sc;
}

struct screen *messages_new_group(struct ui *ui, enum triage_kind kind,
				  const char *ip, const char *label)
{
	struct messages *d = xcalloc(1, sizeof *d);

	d->kind = kind;
	snprintf(d->ip, sizeof d->ip, "%s", ip ? ip : "");
	d->label = xstrdup(label);
	return messages_make(ui, d);
}

int messages_new_search(struct ui *ui, const char *query, const char *label,
			struct screen **out, struct err *e)
{
	struct messages *d;
	int64_t *ids;
	size_t n;

	*out = NULL;
	if (store_search_slice(ui->store, query, 0, HITS_FIRST, &ids, &n, e) <
	    0)
		return -1;
	if (!n) {
		free(ids);
		return 0;
	}
	d = xcalloc(1, sizeof *d);
	d->search = true;
	d->ids = ids;
	d->n_ids = n;
	d->label = xstrdup(label);
	d->query = n == HITS_FIRST ? xstrdup(query) : NULL;
	*out = messages_make(ui, d);
	return 0;
}

bool messages_reading(const struct screen *sc)
{
	return sc->ctx == UI_CTX_MESSAGES &&
	       ((const struct messages *)sc->data)->query;
}

/* The next slice of a search's hits (all of them: SIZE_MAX) after the
 * last one read, on the end of the list. */
static int hits_read(struct ui *ui, struct screen *sc, size_t max,
		     struct err *e)
{
	struct messages *d = sc->data;
	size_t n_pages, n = 0;
	int64_t *more;

	if (!d->query)
		return 0;
	if (store_search_slice(ui->store, d->query, d->ids[d->n_ids - 1],
			       max == SIZE_MAX ? 0 : max, &more, &n, e) < 0)
		return -1;
	d->ids = xreallocarray(d->ids, d->n_ids + n + 1, sizeof *d->ids);
	memcpy(d->ids + d->n_ids, more, n * sizeof *more);
	free(more);
	d->n_ids += n;
	n_pages = (d->n_ids + PAGE_ROWS - 1) / PAGE_ROWS;
	d->page = xreallocarray(d->page, n_pages, sizeof *d->page);
	for (size_t i = d->n_pages; i < n_pages; i++)
		d->page[i] = NULL;
	d->n_pages = n_pages;
	sc->n = d->n_ids;
	if (max == SIZE_MAX || n < max) {
		free(d->query);
		d->query = NULL;
	}
	return 0;
}

void messages_read_ahead(struct ui *ui, struct screen *sc, bool all)
{
	struct err e = {{0}};

	if (messages_reading(sc) &&
	    hits_read(ui, sc, all ? SIZE_MAX : HITS_SLICE, &e) < 0) {
		ui_error(ui, "%s", e.msg);
		free(((struct messages *)sc->data)->query);
		((struct messages *)sc->data)->query = NULL;
	}
}

int64_t messages_row_id(struct screen *sc, size_t i)
{
	struct messages *d = sc->data;

	return i < sc->n ? d->ids[i] : 0;
}

int64_t messages_selected(struct screen *sc)
{
	return messages_row_id(sc, sc->cursor);
}

/* Rows are read a window at a time, as drawing does. */
bool messages_row_open(struct ui *ui, struct screen *sc, size_t i)
{
	struct messages *d = sc->data;
	enum { WINDOW = 64 };

	if (i >= sc->n)
		messages_read_ahead(ui, sc, false);
	if (i >= sc->n)
		return false;
	if (!row_read(d, i))
		window_load(ui, d, i, sc->n - i < WINDOW ? sc->n - i : WINDOW);
	return row_at(d, i)->state == STORE_STATE_OPEN && !row_at(d, i)->gone;
}

const char *messages_group_ip(struct screen *sc)
{
	struct messages *d = sc->data;

	return !d->search && d->kind == TRIAGE_IP ? d->ip : NULL;
}

/* A search's hits: each report as its row shows it. The hit's address
 * is not at hand, so an ip: term matches none of them. */
static int hits_matching(struct ui *ui, struct screen *sc, triage_filter_fn f,
			 void *ctx, int64_t **ids, size_t *n, struct err *e)
{
	struct messages *d = sc->data;
	struct triage_message *m = NULL;
	size_t k = 0;

	if (hits_read(ui, sc, SIZE_MAX, e) < 0)
		return -1;
	*ids = xcalloc(d->n_ids ? d->n_ids : 1, sizeof **ids);
	*n = 0;
	if (triage_messages_by_id(ui->triage, d->ids, d->n_ids, &m, &k, e) < 0)
		return -1;
	for (size_t i = 0; i < k; i++) {
		struct triage_fact fact = {NULL, m[i].reporter, m[i].category,
					   m[i].state, m[i].t};
		if (f(ctx, &fact))
			(*ids)[(*n)++] = m[i].id;
	}
	triage_messages_free(m, k);
	return 0;
}

int messages_matching(struct ui *ui, struct screen *sc, triage_filter_fn f,
		      void *ctx, int64_t **ids, size_t *n, struct err *e)
{
	struct messages *d = sc->data;
	struct triage_query q;
	struct ui_narrow narrow;

	if (d->search)
		return hits_matching(ui, sc, f, ctx, ids, n, e);
	ui_query_narrow(ui, &q, &narrow, f, ctx);
	q.only_open = false; /* as messages_load() lists them */
	return triage_message_ids(ui->triage, &q, d->kind, d->ip, ids, n, e);
}

const char *messages_ip(struct screen *sc)
{
	struct messages *d = sc->data;

	return !d->search && d->kind == TRIAGE_IP ? d->ip : NULL;
}

void messages_open(struct ui *ui, struct screen *sc)
{
	int64_t id = messages_selected(sc);

	if (id)
		ui_push(ui, pager_new(ui, id, messages_group_ip(sc)));
}
