/* groups.c: the home screen — one row per offending IP with open reports,
 * most urgent first (the store's urgency), then the out-of-scope and no-IP
 * rows, then one collapsed row per noise reporter that expands in place into
 * its IPs. */
#include "ui_priv.h"
#include "actions/unsubscribe.h"
#include "store/activity.h"
#include "store/history.h"
#include "store/unsubscribe.h"
#include "core/customers.h"
#include "core/xalloc.h"

#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum row_kind { ROW_GROUP, ROW_NOISE, ROW_CHILD };

/* 12 bytes: a list of a hundred thousand groups is a row each. */
struct row {
	uint32_t kind; /* enum row_kind */
	uint32_t i;    /* into groups, noise, or the noise row's children */
	uint32_t j;    /* ROW_CHILD: the child */
};

/* A row's reports per week, read when it is first drawn: only the rows
 * on the screen have one, in the slot of their number. */
#define SPARK_SLOTS 256
struct spark {
	size_t row; /* 1 + the row's number; 0: empty */
	int64_t weeks[STORE_ACTIVITY_WEEKS];
};

struct noise_rows {
	struct triage_group *g; /* its IPs, when expanded */
	size_t n;
	bool open;
	char why[96];	/* why it is noise, read once per reload */
	char still[96]; /* "still sending: ..." after an unsubscribe */
};

struct groups {
	struct triage_group *g;
	size_t ng;
	struct triage_noise *noise;
	size_t nn;
	struct noise_rows *kids; /* one per noise reporter */
	struct row *rows;
	struct spark spark[SPARK_SLOTS]; /* emptied with each build_rows() */
	char **expanded; /* reporters to keep open across reloads */
	size_t n_expanded;
	char **noted; /* IPs whose decision has a note, sorted */
	size_t n_noted;
	bool empty; /* the cache holds no mail at all */
	/* The sparklines' weeks end at the newest report listed (no later
	 * than now): a cache read some time ago still shows its last weeks. */
	int64_t activity_end;
	int ip_width; /* the widest address listed: IPv4 leaves room */
	/* Where the main list stood when read, and in which order it is:
	 * new mail and decisions merge in the groups they changed. */
	struct triage_mark mark;
	enum config_sort sorted_by;
	size_t g_cap, rows_cap; /* kept between reloads: a million-row
				   array is not allocated anew each time */
};

static void sort_groups(struct ui *ui, struct triage_group *g, size_t n)
{
	triage_groups_sort(g, n, ui->sort);
}

static bool is_expanded(const struct groups *d, const char *reporter)
{
	for (size_t i = 0; i < d->n_expanded; i++)
		if (strcmp(d->expanded[i], reporter) == 0)
			return true;
	return false;
}

/* All but the main list's groups. */
static void data_clear_rest(struct groups *d)
{
	for (size_t i = 0; i < d->nn; i++)
		triage_groups_free(d->kids[i].g, d->kids[i].n);
	triage_noise_free(d->noise, d->nn);
	store_noted_ips_free(d->noted, d->n_noted);
	d->noted = NULL;
	d->n_noted = 0;
	free(d->kids);
	d->noise = NULL;
	d->kids = NULL;
	d->nn = 0;
}

static void data_clear(struct groups *d)
{
	data_clear_rest(d);
	free(d->rows);
	d->rows = NULL;
	d->rows_cap = 0;
	triage_groups_free(d->g, d->ng);
	d->g = NULL;
	d->ng = d->g_cap = 0;
	d->mark = (struct triage_mark){0, 0, -1};
}

static size_t build_rows(struct groups *d)
{
	size_t k = 0, total = d->ng + d->nn;

	for (size_t i = 0; i < d->nn; i++)
		total += d->kids[i].n;
	if (total + 1 > d->rows_cap) {
		free(d->rows);
		d->rows_cap = total + total / 2 + 1;
		d->rows = xcalloc(d->rows_cap, sizeof *d->rows);
	}
	for (size_t i = 0; i < d->ng; i++)
		d->rows[k++] = (struct row){ROW_GROUP, (uint32_t)i, 0};
	for (size_t i = 0; i < d->nn; i++) {
		d->rows[k++] = (struct row){ROW_NOISE, (uint32_t)i, 0};
		for (size_t j = 0; d->kids[i].open && j < d->kids[i].n; j++)
			d->rows[k++] =
			    (struct row){ROW_CHILD, (uint32_t)i, (uint32_t)j};
	}
	for (size_t i = 0; i < SPARK_SLOTS; i++)
		d->spark[i].row = 0;
	return k;
}

/* What came after an unsubscribe from the reporter, counted now. */
static int still_sending(struct ui *ui, const char *reporter,
			 struct noise_rows *k, struct err *e)
{
	struct store_unsub_status st;
	int rc = store_unsub_latest(ui->store, reporter, &st, e);

	if (rc > 0)
		unsub_still_sending(&st, k->still, sizeof k->still);
	store_unsub_status_free(&st);
	return rc < 0 ? -1 : 0;
}

static int load_kids(struct ui *ui, struct groups *d,
		     const struct triage_query *q, struct err *e)
{
	d->kids = xcalloc(d->nn ? d->nn : 1, sizeof *d->kids);
	for (size_t i = 0; i < d->nn; i++) {
		struct noise_rows *k = &d->kids[i];
		if (triage_noise_why(ui->triage, d->noise[i].reporter, k->why,
				     sizeof k->why, e) < 0 ||
		    still_sending(ui, d->noise[i].reporter, k, e) < 0)
			return -1;
		if (!is_expanded(d, d->noise[i].reporter))
			continue;
		d->kids[i].open = true;
		if (triage_groups(ui->triage, q, d->noise[i].reporter,
				  &d->kids[i].g, &d->kids[i].n, e) < 0)
			return -1;
		sort_groups(ui, d->kids[i].g, d->kids[i].n);
	}
	return 0;
}

/* A key for the row under the cursor, to find it again after a reload. */
static void row_key(const struct groups *d, const struct row *r, char *out,
		    size_t n)
{
	if (r->kind == ROW_GROUP)
		snprintf(out, n, "g%d %s", (int)d->g[r->i].kind, d->g[r->i].ip);
	else if (r->kind == ROW_NOISE)
		snprintf(out, n, "n %s", d->noise[r->i].reporter);
	else
		snprintf(out, n, "c %s %s", d->noise[r->i].reporter,
			 d->kids[r->i].g[r->j].ip);
}

static void find_row(struct screen *sc, const char *key)
{
	struct groups *d = sc->data;
	char k[128];
	int kind, at = 0;

	/* Without a key made for each of a million rows: the groups come
	 * first, row i is group i, and the others' keys do not start
	 * with g. */
	if (sscanf(key, "g%d %n", &kind, &at) == 1 && at > 0) {
		for (size_t i = 0; i < d->ng && i < sc->n; i++)
			if ((int)d->g[i].kind == kind &&
			    strcmp(d->g[i].ip, key + at) == 0) {
				sc->cursor = i;
				return;
			}
	}
	for (size_t i = key[0] == 'g' || !key[0] ? sc->n : d->ng; i < sc->n;
	     i++) {
		row_key(d, &d->rows[i], k, sizeof k);
		if (strcmp(k, key) == 0) {
			sc->cursor = i;
			return;
		}
	}
	if (sc->cursor >= sc->n)
		sc->cursor = sc->n ? sc->n - 1 : 0;
}

static size_t open_groups(const struct groups *d, size_t *ips)
{
	size_t open = 0;

	*ips = 0;
	for (size_t i = 0; i < d->ng; i++) {
		*ips += d->g[i].kind == TRIAGE_IP;
		open += d->g[i].kind == TRIAGE_IP && d->g[i].n_open > 0;
	}
	return open;
}

/* An empty list says what to do when the cache holds no mail at all. */
static int first_run(struct ui *ui, struct groups *d, struct err *e)
{
	struct store_counts c;

	d->empty = false;
	if (d->ng || d->nn || ui->limit)
		return 0;
	if (store_counts(ui->store, &c, e) < 0)
		return -1;
	d->empty = c.messages == 0;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool noted(const struct groups *d, const struct triage_group *g)
{
	const char *ip = g->ip;

	return g->kind == TRIAGE_IP && d->n_noted &&
	       bsearch(&ip, d->noted, d->n_noted, sizeof *d->noted, cmp_str);
}

static int64_t activity_end(const struct groups *d)
{
	int64_t now = (int64_t)time(NULL), end = 0;

	for (size_t i = 0; i < d->ng; i++)
		if (d->g[i].last_seen > end)
			end = d->g[i].last_seen;
	return end && end < now ? end : now;
}

static int widest(const struct triage_group *g, size_t n, int indent, int w)
{
	for (size_t i = 0; i < n; i++) {
		int l = (int)strlen(triage_group_label(&g[i])) + indent;
		w = l > w ? l : w;
	}
	return w;
}

/* "255.255.255.255" at least; an IPv6 address widens the column. */
static int ip_width(const struct groups *d)
{
	int w = widest(d->g, d->ng, 0, 15);

	for (size_t i = 0; i < d->nn; i++)
		w = widest(d->kids[i].g, d->kids[i].n, 2, w);
	return w < 41 ? w : 41;
}

static int cmp_key(const void *pa, const void *pb)
{
	const struct triage_group *a = pa, *b = pb;

	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	return strcmp(a->ip, b->ip);
}

static unsigned key_hash(const struct triage_group *g)
{
	unsigned h = 2166136261u ^ (unsigned)g->kind;

	for (const char *p = g->ip; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return h & 0xffff;
}

/* The groups of d found in c (sorted by cmp_key) leave the list; a bit
 * per hash of c's keys spares most of the list a search. */
static void drop_changed(struct groups *d, const struct triage_group *c,
			 size_t nc)
{
	unsigned char bits[8192] = {0};
	size_t k = 0;

	for (size_t i = 0; i < nc; i++) {
		unsigned h = key_hash(&c[i]);
		bits[h / 8] |= (unsigned char)(1u << (h % 8));
	}
	for (size_t i = 0; i < d->ng; i++) {
		unsigned h = key_hash(&d->g[i]);
		if ((bits[h / 8] & (1u << (h % 8))) &&
		    bsearch(&d->g[i], c, nc, sizeof *c, cmp_key))
			continue;
		d->g[k++] = d->g[i];
	}
	d->ng = k;
}

/* The listed ones of c, sorted, merged in from the end (c's rows are
 * moved, c itself freed). */
static void merge_in(struct ui *ui, struct groups *d, struct triage_group *c,
		     size_t nc)
{
	size_t na = 0, i = d->ng, j, k;

	for (size_t x = 0; x < nc; x++)
		if (c[x].n_reports > 0)
			c[na++] = c[x];
	triage_groups_sort(c, na, ui->sort);
	if (d->ng + na + 1 > d->g_cap) {
		d->g_cap = d->ng + na + 1 + (d->ng + na) / 2;
		d->g = xreallocarray(d->g, d->g_cap, sizeof *d->g);
	}
	j = na;
	k = d->ng + na;
	while (j > 0) {
		if (i > 0 &&
		    triage_group_cmp(&d->g[i - 1], &c[j - 1], ui->sort) > 0)
			d->g[--k] = d->g[--i];
		else
			d->g[--k] = c[--j];
	}
	d->ng += na;
	free(c);
}

/* After new mail or a decision: only the groups that changed are read
 * and merged into the sorted list. 1, or 0 when the store cannot tell
 * which changed (then the list is read whole). */
static int load_changes(struct ui *ui, struct groups *d,
			const struct triage_query *q, struct err *e)
{
	struct triage_group *c;
	struct triage_noise *z;
	size_t nc, nz;
	int rc;

	if ((!d->mark.made && d->mark.kept < 0) || d->sorted_by != ui->sort ||
	    q->filter)
		return 0;
	rc = triage_lists_changed(ui->triage, q, &d->mark, &c, &nc, &z, &nz, e);
	if (rc <= 0)
		return rc;
	data_clear_rest(d);
	d->noise = z;
	d->nn = nz;
	qsort(c, nc, sizeof *c, cmp_key);
	drop_changed(d, c, nc);
	merge_in(ui, d, c, nc);
	return 1;
}

/* The whole main list, read and sorted. */
static int load_whole(struct ui *ui, struct groups *d,
		      const struct triage_query *q, struct err *e)
{
	data_clear(d);
	if (triage_lists(ui->triage, q, &d->g, &d->ng, &d->noise, &d->nn, e) <
	    0)
		return -1;
	sort_groups(ui, d->g, d->ng);
	d->g_cap = d->ng;
	d->sorted_by = ui->sort;
	if (q->filter)
		d->mark = (struct triage_mark){0, 0, -1};
	else
		triage_lists_mark(ui->triage, &d->mark);
	return 0;
}

/* The noise reporters' rows and the notes: a few hundred small reads, in
 * one snapshot (each alone would take and leave the cache's lock). */
static int load_rest(struct ui *ui, struct groups *d,
		     const struct triage_query *q, struct err *e)
{
	int begun = store_read_begin(ui->store, e);
	int rc =
	    begun < 0 || load_kids(ui, d, q, e) < 0 ||
		    store_noted_ips(ui->store, &d->noted, &d->n_noted, e) < 0 ||
		    first_run(ui, d, e) < 0
		? -1
		: 0;

	store_read_end(ui->store, begun);
	return rc;
}

static int groups_load(struct ui *ui, struct screen *sc, struct err *e)
{
	struct groups *d = sc->data;
	struct triage_query q;
	char key[128] = "";
	int rc;

	if (sc->cursor < sc->n)
		row_key(d, &d->rows[sc->cursor], key, sizeof key);
	sc->n = 0;
	ui_query(ui, &q);
	rc = load_changes(ui, d, &q, e);
	if (rc == 0)
		rc = load_whole(ui, d, &q, e);
	if (rc >= 0)
		rc = load_rest(ui, d, &q, e);
	if (rc < 0) {
		data_clear(d);
		d->rows = xcalloc(1, sizeof *d->rows);
		return -1;
	}
	d->activity_end = activity_end(d);
	d->ip_width = ip_width(d);
	ui->open_groups = open_groups(d, &(size_t){0});
	sc->n = build_rows(d);
	find_row(sc, key);
	return 0;
}

static void groups_free(struct screen *sc)
{
	struct groups *d = sc->data;

	data_clear(d);
	for (size_t i = 0; i < d->n_expanded; i++)
		free(d->expanded[i]);
	free(d->expanded);
	free(d);
}

static void groups_title(struct ui *ui, struct screen *sc, struct buf *b)
{
	struct groups *d = sc->data;
	size_t ips, open = open_groups(d, &ips);

	buf_printf(b,
		   "abusedesk: %zu IP group%s (%zu open), %zu noise "
		   "reporter%s, sorted by %s",
		   ips, ips == 1 ? "" : "s", open, d->nn, d->nn == 1 ? "" : "s",
		   groups_sort_names()[ui->sort]);
}

/* ---- drawing ---- */

enum {
	C_IP,
	C_N,
	C_URGENCY,
	C_ACTIVITY,
	C_CATS,
	C_CUSTOMER,
	C_REPORTERS,
	C_FIRST,
	C_LAST,
	C_STATE,
	C_COUNT
};

/* At 80 columns FIRST and LAST go and the rest fit exactly (STATE holds
 * "resolved+"); the customer column is there only with a [customers]
 * file, and the reporters take what room is left. ACTIVITY is the
 * sparkline of the last weeks, one column a week, and goes before the
 * categories when the room is short. */
/* clang-format off */
static const struct layout_col group_cols[C_COUNT] = {
    [C_IP] = {15, 0, 0}, /* as wide as the addresses listed */
    [C_N] = {5, 0, 0},
    [C_URGENCY] = {2, 0, 0},
    [C_ACTIVITY] = {STORE_ACTIVITY_WEEKS, 0, 4},
    [C_CATS] = {9, 2, 3},
    [C_CUSTOMER] = {10, 2, 2},
    [C_REPORTERS] = {10, 3, 1},
    [C_FIRST] = {16, 0, 6},
    [C_LAST] = {16, 0, 5},
    [C_STATE] = {9, 0, 0},
};
/* clang-format on */

/* The widths of the columns shown; those not shown get 0. */
static void group_widths(const struct ui *ui, const struct groups *d, int total,
			 int *w)
{
	struct layout_col use[C_COUNT];
	int idx[C_COUNT], got[C_COUNT], k = 0;

	for (int c = 0; c < C_COUNT; c++) {
		w[c] = 0;
		if (c == C_CUSTOMER && !ui->customers)
			continue;
		idx[k] = c;
		use[k] = group_cols[c];
		if (c == C_IP)
			use[k].min = d->ip_width;
		k++;
	}
	layout_columns(use, k, total, got);
	for (int j = 0; j < k; j++)
		w[idx[j]] = got[j];
}

static const char *customer_name(const struct ui *ui,
				 const struct triage_group *g)
{
	const struct customer *k =
	    g->kind == TRIAGE_IP ? ui_customer(ui, g->ip) : NULL;

	return k ? k->name : "";
}

static void cell(struct buf *b, const char *s, int w, bool right)
{
	char *safe = ui_safe(s);
	size_t used;

	if (!w) {
		free(safe);
		return;
	}
	if (b->len)
		buf_putc(b, ' ');
	if (right) {
		struct buf t = BUF_INIT;
		used = layout_fit(&t, safe, (size_t)w, false);
		for (; used < (size_t)w; used++)
			buf_putc(b, ' ');
		buf_puts(b, buf_cstr(&t));
		buf_free(&t);
	} else {
		layout_fit(b, safe, (size_t)w, true);
	}
	free(safe);
}

/* The sparkline of row at's group, its weeks read on the first draw of
 * the row (a failure leaves it blank). */
static void activity(struct ui *ui, struct groups *d, size_t at,
		     const struct triage_group *g, struct buf *out)
{
	struct spark *r = &d->spark[at % SPARK_SLOTS];
	struct err e = {{0}};
	const char *cs = nl_langinfo(CODESET);

	if (g->kind != TRIAGE_IP)
		return;
	if (r->row != at + 1) {
		r->row = at + 1;
		if (triage_activity(ui->triage, g->ip, d->activity_end,
				    r->weeks, &e) < 0)
			ui_error(ui, "%s", e.msg);
	}
	layout_sparkline(out, r->weeks, STORE_ACTIVITY_WEEKS,
			 cs && strcmp(cs, "UTF-8") == 0);
}

/* A + after the state says the IP's decision has a note (the history,
 * H, shows it). */
static void group_line(struct ui *ui, struct groups *d,
		       const struct triage_group *g, size_t at, const int *w,
		       int indent, struct buf *b)
{
	struct buf spark = BUF_INIT;

	char n[24], first[64], last[64], state[16];

	snprintf(state, sizeof state, "%s%s", triage_group_state(g),
		 noted(d, g) ? "+" : "");

	for (int i = 0; i < indent; i++)
		buf_putc(b, ' ');
	snprintf(n, sizeof n, "%lld", (long long)g->n_reports);
	ui_date(ui, g->first_seen, first, sizeof first);
	ui_date(ui, g->last_seen, last, sizeof last);
	cell(b, triage_group_label(g), w[C_IP] - indent, false);
	cell(b, n, w[C_N], true);
	cell(b, triage_urgency_mark(g->urgency), w[C_URGENCY], false);
	if (w[C_ACTIVITY])
		activity(ui, d, at, g, &spark);
	cell(b, buf_cstr(&spark), w[C_ACTIVITY], false);
	buf_free(&spark);
	cell(b, g->categories, w[C_CATS], false);
	cell(b, customer_name(ui, g), w[C_CUSTOMER], false);
	cell(b, g->reporters, w[C_REPORTERS], false);
	cell(b, first, w[C_FIRST], false);
	cell(b, last, w[C_LAST], false);
	cell(b, state, w[C_STATE], false);
}

static void noise_line(const struct groups *d, size_t i, struct buf *b)
{
	const struct triage_noise *z = &d->noise[i];
	char *rep = ui_safe(z->reporter);

	buf_printf(b, "%s %s  %lld reports  %lld IPs  noise",
		   d->kids[i].open ? "\u25be" : "\u25b8", rep,
		   (long long)z->n_reports, (long long)z->n_ips);
	if (d->kids[i].why[0])
		buf_printf(b, ": %s", d->kids[i].why);
	if (d->kids[i].still[0])
		buf_printf(b, "; %s", d->kids[i].still);
	free(rep);
}

static void header_line(const int *w, struct buf *b)
{
	static const char *const names[C_COUNT] = {
	    "IP",	"N",	     "U",     "ACTIVITY", "CATEGORIES",
	    "CUSTOMER", "REPORTERS", "FIRST", "LAST",	  "STATE"};

	for (int c = 0; c < C_COUNT; c++)
		cell(b, names[c], w[c], c == C_N);
}

static void groups_draw(struct ui *ui, struct screen *sc, int y, int rows,
			int cols)
{
	struct groups *d = sc->data;
	int w[C_COUNT];
	struct buf b = BUF_INIT;

	/* One column more on the left, for the tag mark. */
	group_widths(ui, d, cols - 2, w);
	header_line(w, &b);
	ui_put(y, 1, buf_cstr(&b), cols - 1, UI_BOX);
	screen_follow(sc, rows - 1);
	if (!sc->n && d->empty)
		firstrun_draw(ui, y + 2, rows - 2, cols);
	else if (!sc->n)
		ui_put(y + 2, 2,
		       ui->limit ? "No reports match the limit."
				 : "No open reports.",
		       cols - 2, UI_DIM);
	for (int r = 0; r < rows - 1 && sc->top + (size_t)r < sc->n; r++) {
		size_t i = sc->top + (size_t)r;
		struct row *row = &d->rows[i];
		enum ui_attr a = UI_NORMAL;
		buf_reset(&b);
		if (row->kind == ROW_GROUP)
			group_line(ui, d, &d->g[row->i], i, w, 0, &b);
		else if (row->kind == ROW_NOISE)
			noise_line(d, row->i, &b), a = UI_DIM;
		else
			group_line(ui, d, &d->kids[row->i].g[row->j], i, w, 2,
				   &b),
			    a = UI_DIM;
		if (i == sc->cursor)
			a = UI_SELECTED;
		if (row->kind == ROW_NOISE) {
			ui_put(y + 1 + r, 0, buf_cstr(&b), cols, a);
			continue;
		}
		ui_put(y + 1 + r, 0, tag_row(sc, i) ? "*" : " ", 1, a);
		ui_put(y + 1 + r, 1, buf_cstr(&b), cols - 1, a);
	}
	buf_free(&b);
}

static const struct screen_ops groups_ops = {groups_draw, groups_load,
					     groups_free, groups_title};

struct screen *groups_new(struct ui *ui)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct err e = {{0}};

	sc->ctx = UI_CTX_GROUPS;
	sc->ops = &groups_ops;
	sc->data = xcalloc(1, sizeof(struct groups));
	((struct groups *)sc->data)->mark.kept = -1;
	if (groups_load(ui, sc, &e) < 0)
		ui_error(ui, "%s", e.msg);
	return sc;
}

/* ---- actions ---- */

static const struct triage_group *row_group(struct screen *sc, size_t i)
{
	struct groups *d = sc->data;
	const struct row *r;

	if (i >= sc->n)
		return NULL;
	r = &d->rows[i];
	if (r->kind == ROW_GROUP)
		return &d->g[r->i];
	if (r->kind == ROW_CHILD)
		return &d->kids[r->i].g[r->j];
	return NULL;
}

bool groups_row_ip(struct screen *sc, size_t i, char ip[REPORT_IP_TEXT_MAX])
{
	const struct triage_group *g = row_group(sc, i);

	if (!g || g->kind != TRIAGE_IP)
		return false;
	snprintf(ip, REPORT_IP_TEXT_MAX, "%s", g->ip);
	return true;
}

/* As its STATE cell says "open". */
bool groups_row_open(struct screen *sc, size_t i)
{
	const struct triage_group *g = row_group(sc, i);

	return g && g->state == STORE_STATE_OPEN && g->n_open > 0;
}

int groups_selected(struct screen *sc, enum triage_kind *kind,
		    char ip[REPORT_IP_TEXT_MAX])
{
	const struct triage_group *g = row_group(sc, sc->cursor);

	if (!g)
		return 0;
	*kind = g->kind;
	snprintf(ip, REPORT_IP_TEXT_MAX, "%s", g->ip);
	return 1;
}

char *groups_reporter(struct screen *sc, const char **why)
{
	struct groups *d = sc->data;
	const struct row *r;
	const struct triage_group *g;

	*why = "select a group or a noise reporter first";
	if (sc->cursor >= sc->n)
		return NULL;
	r = &d->rows[sc->cursor];
	if (r->kind != ROW_GROUP)
		return xstrdup(d->noise[r->i].reporter);
	g = &d->g[r->i];
	if (g->n_reporters == 1)
		return xstrdup(g->reporters);
	*why = g->n_reporters ? "this group has several reporters; open it"
			      : "this group's reports name no reporter";
	return NULL;
}

void groups_toggle(struct ui *ui, struct screen *sc)
{
	struct groups *d = sc->data;
	const struct row *r;
	const char *rep;
	struct err e = {{0}};
	bool opening = false;

	if (sc->cursor >= sc->n)
		return;
	r = &d->rows[sc->cursor];
	if (r->kind == ROW_GROUP) {
		ui_message(ui, "only noise rows expand");
		return;
	}
	rep = d->noise[r->i].reporter;
	if (is_expanded(d, rep)) {
		for (size_t i = 0; i < d->n_expanded; i++) {
			if (strcmp(d->expanded[i], rep) != 0)
				continue;
			free(d->expanded[i]);
			d->expanded[i] = d->expanded[--d->n_expanded];
			break;
		}
		sc->cursor -= r->kind == ROW_CHILD ? r->j + 1 : 0;
	} else {
		d->expanded = xreallocarray(d->expanded, d->n_expanded + 1,
					    sizeof *d->expanded);
		d->expanded[d->n_expanded++] = xstrdup(rep);
		opening = true;
	}
	if (groups_load(ui, sc, &e) < 0)
		ui_error(ui, "%s", e.msg);
	else if (opening)
		screen_move(sc, 1); /* onto the first IP, so the rows show */
}

void groups_open(struct ui *ui, struct screen *sc)
{
	const struct triage_group *g = row_group(sc, sc->cursor);
	char *label;

	if (!g) {
		groups_toggle(ui, sc);
		return;
	}
	label = xstrdup(triage_group_label(g));
	ui_push(ui, messages_new_group(ui, g->kind, g->ip, label));
	free(label);
}

bool groups_jump(struct screen *sc, const char *ip)
{
	struct groups *d = sc->data;

	for (size_t i = 0; i < sc->n; i++) {
		const struct row *r = &d->rows[i];
		const struct triage_group *g =
		    r->kind == ROW_GROUP   ? &d->g[r->i]
		    : r->kind == ROW_CHILD ? &d->kids[r->i].g[r->j]
					   : NULL;
		if (g && strcmp(g->ip, ip) == 0) {
			sc->cursor = i;
			return true;
		}
	}
	return false;
}

/* The choices of [ui] sort in core/config's table, which always has
 * the option: the names are written there only. */
const char *const *groups_sort_names(void)
{
	size_t n;
	const struct config_option *o = config_options(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(o[i].section, "ui") == 0 &&
		    strcmp(o[i].key, "sort") == 0)
			return o[i].choices;
	abort();
}

void groups_sort(struct ui *ui, struct screen *sc)
{
	struct err e = {{0}};

	if (groups_load(ui, sc, &e) < 0)
		ui_error(ui, "%s", e.msg);
}

static void add_ips(const struct triage_group *g, size_t n,
		    char (**ips)[REPORT_IP_TEXT_MAX], size_t *n_ips)
{
	for (size_t i = 0; i < n; i++) {
		if (g[i].kind != TRIAGE_IP)
			continue;
		*ips = xreallocarray(*ips, *n_ips + 1, sizeof **ips);
		snprintf((*ips)[(*n_ips)++], REPORT_IP_TEXT_MAX, "%s", g[i].ip);
	}
}

/* The main list's groups and those of each noise reporter shown
 * expanded, as the screen lists them, under the narrower query. */
int groups_matching(struct ui *ui, struct screen *sc, triage_filter_fn f,
		    void *ctx, char (**ips)[REPORT_IP_TEXT_MAX], size_t *n,
		    struct err *e)
{
	struct groups *d = sc->data;
	struct triage_query q;
	struct ui_narrow narrow;
	int rc = 0;

	ui_query_narrow(ui, &q, &narrow, f, ctx);
	*ips = NULL;
	*n = 0;
	/* Pass 0 is the main list, pass i the noise reporter i - 1. */
	for (size_t i = 0; rc == 0 && i <= d->nn; i++) {
		struct triage_group *g = NULL;
		size_t ng = 0;
		const char *rep = i ? d->noise[i - 1].reporter : NULL;
		if (rep && !d->kids[i - 1].open)
			continue;
		rc = triage_groups(ui->triage, &q, rep, &g, &ng, e);
		if (rc == 0)
			add_ips(g, ng, ips, n);
		triage_groups_free(g, ng);
	}
	return rc;
}
