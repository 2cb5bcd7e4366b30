/* triage_lists.c: the lists of the groups screen — the IP groups and the
 * noise reporters — from one pass over the facts in memory
 * (triage_scan.c). The main list (no filter, no noise reporter picked)
 * costs a pass over every report; it is kept in triage_cache, serialised,
 * under the version triage_version had when it was computed, and used
 * while the version has not moved. The version is read in the same
 * snapshot as the rows. */
#include "triage_priv.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int scan(struct triage *t, const struct triage_scan_want *w,
		int64_t *version, struct err *e);

/* Integers as "123;", strings as "<length>:<bytes>"; by hand, as a list
 * of 50,000 groups is a million numbers. */
static void put_num(struct buf *b, int64_t v, char end)
{
	char d[24];
	size_t i = sizeof d;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;

	d[--i] = end;
	do
		d[--i] = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		d[--i] = '-';
	buf_append(b, d + i, sizeof d - i);
}

static void put_int(struct buf *b, int64_t v)
{
	put_num(b, v, ';');
}

static void put_str(struct buf *b, const char *s)
{
	size_t n;

	s = s ? s : "";
	n = strlen(s);
	put_num(b, (int64_t)n, ':');
	buf_append(b, s, n);
}

struct cursor {
	const char *p, *end;
	bool bad;
	struct triage_scan *m; /* where the groups' strings are kept */
};

static int64_t get_num(struct cursor *c, char stop)
{
	int64_t v = 0;
	bool neg = c->p < c->end && *c->p == '-';
	const char *start;

	c->p += neg;
	start = c->p;
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9')
		v = v * 10 + (*c->p++ - '0');
	if (c->p == start || c->p >= c->end || *c->p != stop)
		c->bad = true;
	else
		c->p++;
	return neg ? -v : v;
}

static char *get_str(struct cursor *c)
{
	int64_t n = get_num(c, ':');

	if (c->bad || n < 0 || n > c->end - c->p) {
		c->bad = true;
		return NULL;
	}
	c->p += n;
	return xstrndup(c->p - n, (size_t)n);
}

static void group_put(struct buf *b, const void *p)
{
	const struct triage_group *g = p;

	put_int(b, g->kind);
	put_str(b, g->ip);
	put_int(b, g->n_reports);
	put_int(b, g->n_reporters);
	put_int(b, g->n_open);
	put_int(b, g->n_noise);
	put_int(b, g->n_human);
	put_int(b, g->n_action);
	put_str(b, g->categories);
	put_str(b, g->reporters);
	put_int(b, g->first_seen);
	put_int(b, g->last_seen);
	put_int(b, g->state);
	put_int(b, g->harm);
	put_int(b, g->urgency);
}

static const char *get_name(struct cursor *c)
{
	char *s = get_str(c);

	return s ? triage_scan_name(c->m, s) : "";
}

static void group_get(struct cursor *c, void *p)
{
	struct triage_group *g = p;

	memset(g, 0, sizeof *g);
	g->kind = (enum triage_kind)get_num(c, ';');
	g->ip = get_name(c);
	g->n_reports = get_num(c, ';');
	g->n_reporters = get_num(c, ';');
	g->n_open = get_num(c, ';');
	g->n_noise = get_num(c, ';');
	g->n_human = get_num(c, ';');
	g->n_action = get_num(c, ';');
	g->categories = get_name(c);
	g->reporters = get_name(c);
	g->first_seen = get_num(c, ';');
	g->last_seen = get_num(c, ';');
	g->state = (enum store_state)get_num(c, ';');
	g->harm = (int)get_num(c, ';');
	g->urgency = (int)get_num(c, ';');
}

static void groups_free_any(void *v, size_t n)
{
	triage_groups_free(v, n);
}

static void noise_put(struct buf *b, const void *p)
{
	const struct triage_noise *r = p;

	put_str(b, r->reporter);
	put_int(b, r->n_reports);
	put_int(b, r->n_ips);
}

static void noise_get(struct cursor *c, void *p)
{
	struct triage_noise *r = p;

	r->reporter = get_str(c);
	r->n_reports = get_num(c, ';');
	r->n_ips = get_num(c, ';');
}

static void noise_free_any(void *v, size_t n)
{
	triage_noise_free(v, n);
}

/* How one kind of list is kept and freed. */
struct kept {
	char what; /* 'g': groups, 'n': noise reporters */
	size_t sz;
	void (*put)(struct buf *, const void *);
	void (*get)(struct cursor *, void *);
	void (*free)(void *, size_t);
};

static const struct kept kept_groups = {'g', sizeof(struct triage_group),
					group_put, group_get, groups_free_any};
static const struct kept kept_noise = {'n', sizeof(struct triage_noise),
				       noise_put, noise_get, noise_free_any};

/* triage_version now; v is -1 when it cannot be read. */
static struct triage_scan_version versions(struct triage *t)
{
	sqlite3_stmt *st = store_stmt(t->s, ST_TRIAGE_VERSION,
				      "SELECT v, fv FROM triage_version", NULL);
	struct triage_scan_version v = {-1, -1};

	if (st && sqlite3_step(st) == SQLITE_ROW) {
		v.v = sqlite3_column_int64(st, 0);
		v.fv = sqlite3_column_int64(st, 1);
	}
	if (st)
		sqlite3_reset(st);
	return v;
}

static int64_t kept_version(struct triage *t)
{
	return versions(t).v;
}

/* The kept rows of key at version v; false when there are none. */
static bool kept_get(struct triage *t, const struct kept *k, const char *key,
		     int64_t v, void **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(
	    t->s, ST_TRIAGE_CACHE_GET,
	    "SELECT rows FROM triage_cache WHERE key = ? AND version = ?",
	    NULL);
	struct cursor c;
	const char *rows;
	size_t count = 0;

	if (!st)
		return false;
	store_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, v);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return false;
	}
	/* Read where SQLite holds it: a copy would be megabytes more. */
	rows = (const char *)sqlite3_column_text(st, 0);
	c = (struct cursor){rows,
			    rows ? rows + sqlite3_column_bytes(st, 0) : NULL,
			    !rows, t->scan};
	count = c.bad ? 0 : (size_t)get_num(&c, ';');
	*out = xcalloc(count ? count : 1, k->sz);
	for (*n = 0; !c.bad && *n < count; ++*n)
		k->get(&c, (char *)*out + *n * k->sz);
	sqlite3_reset(st);
	if (!c.bad)
		return true;
	k->free(*out, *n);
	*out = NULL;
	*n = 0;
	return false;
}

/* Best effort: a list that cannot be kept is computed again next time. */
static void kept_put_rows(struct triage *t, const char *key, int64_t v,
			  struct buf *rows)
{
	sqlite3_stmt *st = store_stmt(t->s, ST_TRIAGE_CACHE_PUT,
				      "INSERT OR REPLACE INTO triage_cache(key,"
				      " version, rows) VALUES(?, ?, ?)",
				      NULL);

	if (!st)
		return;
	store_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, v);
	sqlite3_bind_text(st, 3, buf_cstr(rows), (int)rows->len, SQLITE_STATIC);
	store_exec(t->s, st, NULL, "keep a list");
}

static void kept_put(struct triage *t, const struct kept *k, const char *key,
		     int64_t v, const void *rows, size_t n)
{
	struct buf b = BUF_INIT;

	put_int(&b, (int64_t)n);
	for (size_t i = 0; i < n; i++)
		k->put(&b, (const char *)rows + i * k->sz);
	kept_put_rows(t, key, v, &b);
	buf_free(&b);
}

static void run_fixed(struct triage *t, enum store_stmt id, const char *sql)
{
	sqlite3_stmt *st = store_stmt(t->s, id, sql, NULL);

	if (st)
		store_exec(t->s, st, NULL, sql);
}

static char *kept_key(struct triage *t, const struct kept *k,
		      const struct triage_query *q)
{
	return xasprintf("%c%d %s", k->what, q && q->only_open,
			 t->noise_key ? t->noise_key : "");
}

/* Both unfiltered lists, as kept at version v; false when either is not. */
static bool kept_both(struct triage *t, const struct triage_query *q, int64_t v,
		      struct triage_group **g, size_t *ng,
		      struct triage_noise **z, size_t *nz)
{
	char *kg = kept_key(t, &kept_groups, q);
	char *kz = kept_key(t, &kept_noise, q);
	void *pg = NULL, *pz = NULL;
	bool ok = kept_get(t, &kept_groups, kg, v, &pg, ng) &&
		  kept_get(t, &kept_noise, kz, v, &pz, nz);

	if (!ok) {
		triage_groups_free(pg, pg ? *ng : 0);
		pg = NULL;
	}
	*g = pg;
	*z = pz;
	free(kg);
	free(kz);
	return ok;
}

/* Reads the facts into memory again when the version moved; version and
 * facts come from one snapshot. Returns triage_scan_load()'s result. */
static int load_facts(struct triage *t, int64_t *version, struct err *e)
{
	bool own = sqlite3_get_autocommit(t->s->db);
	struct triage_scan_version v;
	int rc;

	if (!own && store_pending_flush(t->s, e) < 0)
		return -1;
	if (own)
		run_fixed(t, ST_BEGIN_READ, "BEGIN");
	v = versions(t);
	if (version)
		*version = v.v;
	rc = v.v < 0 ? store_fail(t->s, e, "cannot read the reports")
		     : triage_scan_load(t->scan, t->s->db, &v, e);
	if (own)
		run_fixed(t, ST_COMMIT, "COMMIT");
	return rc;
}

/* One pass over the facts in memory, read again first when needed; the
 * main list from the one kept per group. */
static int scan(struct triage *t, const struct triage_scan_want *w,
		int64_t *version, struct err *e)
{
	int rc = load_facts(t, version, e);
	bool plain = !(w->q && w->q->filter) && !w->noise_reporter;

	if (rc >= 0 && plain)
		triage_inc_lists(t->scan, w);
	else if (rc >= 0)
		triage_scan_lists(t->scan, w);
	return rc;
}

int triage_lists(struct triage *t, const struct triage_query *q,
		 struct triage_group **groups, size_t *n_groups,
		 struct triage_noise **noise, size_t *n_noise, struct err *e)
{
	struct triage_scan_want w = {q,	    t->noise_ids, t->n_noise_ids,
				     NULL,  groups,	  n_groups,
				     noise, n_noise};
	bool plain = !(q && q->filter);
	int64_t v = kept_version(t);
	int rc;

	*groups = NULL;
	*noise = NULL;
	*n_groups = *n_noise = 0;
	if (plain)
		t->last_open = q && q->only_open;
	/* With the facts in memory, the list kept per group is brought up
	 * to date for less than reading the kept one. */
	t->kept_given = -1;
	if (plain && v >= 0 && t->scan->version < 0 &&
	    kept_both(t, q, v, groups, n_groups, noise, n_noise)) {
		t->kept_given = v;
		return 0;
	}
	rc = scan(t, &w, &v, e);
	if (rc < 0)
		return -1;
	/* Kept when the triage is freed, not now: by then the caller's copy
	 * of the list is gone, and a million rows are not held twice. */
	if (plain) {
		t->keep_later = true;
		t->keep_open = q && q->only_open;
	}
	return 0;
}

/* The facts, and the main list kept per group, as the screen last asked
 * for it. */
int triage_activity(struct triage *t, const char *ip, int64_t end,
		    int64_t counts[STORE_ACTIVITY_WEEKS], struct err *e)
{
	if (triage_scan_activity(t->scan, ip, end, counts,
				 STORE_ACTIVITY_WEEKS) == 0)
		return 0;
	return store_activity(t->s, ip, end, counts, e);
}

void triage_lists_mark(struct triage *t, struct triage_mark *m)
{
	triage_inc_mark(t->scan, m);
	if (t->kept_given >= 0) {
		m->made = 0;
		m->kept = t->kept_given;
	}
}

int triage_lists_changed(struct triage *t, const struct triage_query *q,
			 struct triage_mark *mark, struct triage_group **out,
			 size_t *n, struct triage_noise **noise,
			 size_t *n_noise, struct err *e)
{
	struct triage_scan_want w = {q, t->noise_ids, t->n_noise_ids, NULL, out,
				     n, noise,	      n_noise};
	int rc;

	*out = NULL;
	*noise = NULL;
	*n = *n_noise = 0;
	if ((q && q->filter) || (!mark->made && mark->kept < 0))
		return 0;
	/* A kept list read at the start is the list kept per group as made
	 * (triage_prepare()) at that same version. */
	if (!mark->made && !triage_inc_mark_at(t->scan, mark->kept, mark))
		return 0;
	if (load_facts(t, NULL, e) < 0)
		return -1;
	rc = triage_inc_changed(t->scan, &w, mark);
	if (rc > 0) {
		t->keep_later = true;
		t->keep_open = q && q->only_open;
	}
	return rc;
}

/* The list kept per group is made; no copy of it is handed out. */
int triage_prepare(struct triage *t, struct err *e)
{
	struct triage_query q = {NULL, NULL, t->last_open};
	struct triage_scan_want w = {&q,   t->noise_ids, t->n_noise_ids, NULL,
				     NULL, NULL,	 NULL,		 NULL};

	return scan(t, &w, NULL, e) < 0 ? -1 : 0;
}

int triage_groups(struct triage *t, const struct triage_query *q,
		  const char *noise_reporter, struct triage_group **out,
		  size_t *n, struct err *e)
{
	struct triage_noise *z = NULL;
	size_t nz = 0;
	struct triage_scan_want w = {
	    q,	  t->noise_ids, t->n_noise_ids, noise_reporter, out, n,
	    NULL, NULL};
	int64_t v;

	*out = NULL;
	*n = 0;
	if (!noise_reporter) {
		int rc = triage_lists(t, q, out, n, &z, &nz, e);
		triage_noise_free(z, nz);
		return rc;
	}
	return scan(t, &w, &v, e);
}

void triage_groups_free(struct triage_group *g, size_t n)
{
	(void)n; /* the strings are the triage's */
	free(g);
}

int triage_noise_list(struct triage *t, const struct triage_query *q,
		      struct triage_noise **out, size_t *n, struct err *e)
{
	struct triage_group *g = NULL;
	size_t ng = 0;
	int rc = triage_lists(t, q, &g, &ng, out, n, e);

	triage_groups_free(g, ng);
	return rc;
}

void triage_noise_free(struct triage_noise *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i].reporter);
	free(v);
}

static void group_put_each(void *b, const struct triage_group *g)
{
	group_put(b, g);
}

/* The lists as they are now, for the next start, from a triage about to
 * be freed. Best effort. The facts are let go first, and the groups go
 * from the list kept per group straight into the text kept: at exit, the
 * facts and a copy of a million rows beside that text would be the most
 * the program ever held. */
void triage_lists_keep_now(struct triage *t)
{
	struct triage_query q = {NULL, NULL, t->keep_open};
	struct triage_noise *z;
	size_t nz;
	int64_t v;
	struct triage_scan_want w = {
	    &q, t->noise_ids, t->n_noise_ids, NULL, NULL, NULL, &z, &nz};
	struct buf b = BUF_INIT;
	char *key;

	if (!sqlite3_get_autocommit(t->s->db) || scan(t, &w, &v, NULL) < 0)
		return;
	key = kept_key(t, &kept_noise, &q);
	kept_put(t, &kept_noise, key, v, z, nz);
	free(key);
	triage_noise_free(z, nz);
	triage_scan_drop_facts(t->scan);
	put_int(&b, (int64_t)triage_inc_each(t->scan, NULL, NULL));
	triage_inc_each(t->scan, group_put_each, &b);
	key = kept_key(t, &kept_groups, &q);
	kept_put_rows(t, key, v, &b);
	free(key);
	buf_free(&b);
}

/* ---- words and order ---- */

const char *triage_group_label(const struct triage_group *g)
{
	if (g->kind == TRIAGE_OUT_OF_SCOPE)
		return "(out of scope)";
	if (g->kind == TRIAGE_NO_IP)
		return "(no IP)";
	return g->ip;
}

const char *triage_group_state(const struct triage_group *g)
{
	if (g->state == STORE_STATE_OPEN && !g->n_open)
		return "done";
	return store_state_name(g->state);
}

static int cmp_i64(int64_t a, int64_t b)
{
	return a < b ? 1 : a > b ? -1 : 0; /* larger first */
}

int triage_group_cmp(const struct triage_group *a, const struct triage_group *b,
		     enum config_sort sort_mode)
{
	int c;

	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	if ((c = cmp_i64(a->n_open > 0, b->n_open > 0)))
		return c;
	if (sort_mode == CONFIG_SORT_COUNT &&
	    (c = cmp_i64(a->n_reports, b->n_reports)))
		return c;
	if (sort_mode == CONFIG_SORT_URGENCY &&
	    (c = cmp_i64(a->urgency, b->urgency)))
		return c;
	if ((c = cmp_i64(a->last_seen, b->last_seen)))
		return c;
	return strcmp(a->ip, b->ip);
}

static int cmp_group(const void *pa, const void *pb, void *by)
{
	return triage_group_cmp(pa, pb, *(const enum config_sort *)by);
}

void triage_groups_sort(struct triage_group *g, size_t n, enum config_sort by)
{
	if (n > 1)
		qsort_r(g, n, sizeof *g, cmp_group, &by);
}
