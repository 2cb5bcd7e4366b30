/* triage_scan.c: the triage facts in memory — read from triage_fact with
 * the reporters and the states, ordered by group — and brought up to date
 * from triage_log after a change: the reports it names are read again
 * (their old facts left out by a bitmap, the new ones chained to their
 * groups), the decisions it names too, and the main list is made again
 * for the groups touched only (triage_pass.c). */
#include "triage_scan.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct triage_scan *triage_scan_new(void)
{
	struct triage_scan *m = xcalloc(1, sizeof *m);

	m->version = -1;
	return m;
}

static void clear(struct triage_scan *m)
{
	struct strtab names = m->names;

	for (size_t i = 0; i < m->nr; i++)
		free(m->r[i].domain);
	for (size_t i = 0; i < m->nc; i++)
		free(m->cats[i]);
	free(m->f);
	free(m->g);
	free(m->r);
	free(m->cats);
	free(m->rs);
	free(m->has_rs);
	free(m->slot);
	free(m->dead);
	free(m->xf);
	free(m->xnext);
	free(m->xg);
	free(m->fg);
	triage_inc_free(m->inc);
	memset(m, 0, sizeof *m);
	m->names = names;
	m->version = -1;
}

void triage_scan_drop_facts(struct triage_scan *m)
{
	free(m->f);
	free(m->rs);
	free(m->has_rs);
	free(m->dead);
	free(m->xf);
	free(m->xnext);
	free(m->xg);
	free(m->fg);
	m->f = m->xf = NULL;
	m->rs = NULL;
	m->has_rs = m->dead = NULL;
	m->xnext = m->xg = m->fg = NULL;
	m->nf = m->fcap = m->nrs = m->nxf = m->xcap = 0;
	m->version = -1;
}

enum { STRTAB_CHUNK = 64 * 1024 };

struct strtab_chunk {
	struct strtab_chunk *prev;
	char data[];
};

/* A chunk with size bytes of room, linked into t's list: at its head (the
 * one being filled) or just behind it (a long string's own). */
static char *chunk_add(struct strtab *t, size_t size, bool head)
{
	struct strtab_chunk *c = xmalloc(sizeof *c + size);

	if (head || !t->chunk) {
		c->prev = t->chunk;
		t->chunk = c;
		t->chunk_left = head ? size : 0;
	} else {
		c->prev = t->chunk->prev;
		t->chunk->prev = c;
	}
	return c->data;
}

/* A copy of s in t's chunks; a string longer than a quarter chunk gets
 * one of its own, so that no chunk is left mostly empty. */
static char *strtab_copy(struct strtab *t, const char *s)
{
	size_t len = strlen(s) + 1;
	char *out;

	if (len > STRTAB_CHUNK / 4) {
		out = chunk_add(t, len, false);
	} else {
		if (len > t->chunk_left)
			chunk_add(t, STRTAB_CHUNK, true);
		out = t->chunk->data + STRTAB_CHUNK - t->chunk_left;
		t->chunk_left -= len;
	}
	memcpy(out, s, len);
	return out;
}

static void strtab_free(struct strtab *t)
{
	for (struct strtab_chunk *c = t->chunk, *prev; c; c = prev) {
		prev = c->prev;
		free(c);
	}
	free(t->v);
	free(t->slot);
	memset(t, 0, sizeof *t);
}

void triage_scan_free(struct triage_scan *m)
{
	if (!m)
		return;
	clear(m);
	strtab_free(&m->names);
	free(m->names.slot);
	free(m);
}

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void strtab_rehash(struct strtab *t)
{
	size_t n = t->nslot ? t->nslot * 2 : 256;

	free(t->slot);
	t->slot = xcalloc(n, sizeof *t->slot);
	t->nslot = n;
	for (size_t i = 0; i < t->n; i++) {
		size_t k = str_hash(t->v[i]) & (n - 1);
		while (t->slot[k])
			k = (k + 1) & (n - 1);
		t->slot[k] = (uint32_t)i + 1;
	}
}

/* The index of s in t, a copy of s added when it is not there; own (s
 * itself, malloc'd, or NULL) is freed. */
static uint32_t strtab_put(struct strtab *t, const char *s, char *own)
{
	size_t k;

	if (t->n * 2 >= t->nslot)
		strtab_rehash(t);
	k = str_hash(s) & (t->nslot - 1);
	for (; t->slot[k]; k = (k + 1) & (t->nslot - 1))
		if (strcmp(t->v[t->slot[k] - 1], s) == 0)
			break;
	if (t->slot[k]) {
		free(own);
		return t->slot[k] - 1;
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->v = xreallocarray(t->v, t->cap, sizeof *t->v);
	}
	t->v[t->n] = strtab_copy(t, s);
	free(own);
	t->slot[k] = (uint32_t)t->n + 1;
	return (uint32_t)t->n++;
}

const char *triage_scan_name(struct triage_scan *m, char *s)
{
	uint32_t i = strtab_put(&m->names, s, s);

	return m->names.v[i];
}

uint32_t triage_scan_name_of(struct triage_scan *m, const char *s)
{
	return strtab_put(&m->names, s, NULL);
}

/* A decision read from a state table's (state, seq) columns at i. */
static struct store_decision decision_at(sqlite3_stmt *st, int i)
{
	struct store_decision d = {true, STORE_STATE_OPEN,
				   sqlite3_column_int64(st, i + 1)};

	store_state_parse((const char *)sqlite3_column_text(st, i), &d.state);
	return d;
}

static int fail(sqlite3 *db, struct err *e)
{
	return err_set(e, "cannot read the reports: %s", sqlite3_errmsg(db));
}

/* Runs sql and hands each row to fn. */
static int each_row(sqlite3 *db, const char *sql,
		    void (*fn)(struct triage_scan *, sqlite3_stmt *),
		    struct triage_scan *m, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return fail(db, e);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		fn(m, st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail(db, e);
}

static void rep_row(struct triage_scan *m, sqlite3_stmt *st)
{
	const unsigned char *d = sqlite3_column_text(st, 1);

	if (m->nr == 0 || (m->nr & (m->nr - 1)) == 0) /* full at 1, 2, 4 */
		m->r = xreallocarray(m->r, m->nr ? m->nr * 2 : 1, sizeof *m->r);
	m->r[m->nr].id = sqlite3_column_int64(st, 0);
	m->r[m->nr++].domain = xstrdup(d ? (const char *)d : "");
}

static uint32_t rep_index(const struct triage_scan *m, int64_t id)
{
	size_t lo = 0, hi = m->nr;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (m->r[mid].id == id)
			return (uint32_t)mid + 1;
		if (m->r[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static uint64_t hash(int kind, const char *ip)
{
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)kind;

	for (; ip && *ip; ip++)
		h = (h ^ (unsigned char)*ip) * 1099511628211ULL;
	return h;
}

static bool same_group(const struct scan_group *g, int kind, const char *ip)
{
	if (g->kind != kind)
		return false;
	return ip ? g->ip && strcmp(g->ip, ip) == 0 : !g->ip;
}

static void rehash(struct triage_scan *m)
{
	size_t n = m->nslot ? m->nslot * 2 : 1024;

	free(m->slot);
	m->slot = xcalloc(n, sizeof *m->slot);
	m->nslot = n;
	for (size_t i = 0; i < m->ng; i++) {
		size_t k = hash(m->g[i].kind, m->g[i].ip) & (n - 1);
		while (m->slot[k])
			k = (k + 1) & (n - 1);
		m->slot[k] = (uint32_t)i + 1;
	}
}

/* The group of (kind, ip), made when new; lookup only when make is
 * false (then UINT32_MAX when there is none). */
static uint32_t group_of(struct triage_scan *m, int kind, const char *ip,
			 bool make)
{
	size_t k;

	if (m->ng * 2 >= m->nslot)
		rehash(m);
	k = hash(kind, ip) & (m->nslot - 1);
	for (; m->slot[k]; k = (k + 1) & (m->nslot - 1))
		if (same_group(&m->g[m->slot[k] - 1], kind, ip))
			return m->slot[k] - 1;
	if (!make)
		return UINT32_MAX;
	if (m->ng == m->gcap) {
		m->gcap = m->gcap ? m->gcap * 2 : 1024;
		m->g = xreallocarray(m->g, m->gcap, sizeof *m->g);
	}
	m->g[m->ng] = (struct scan_group){
	    .ip = ip ? triage_scan_name(m, xstrdup(ip)) : NULL, .kind = kind};
	m->slot[k] = (uint32_t)m->ng + 1;
	return (uint32_t)m->ng++;
}

/* The categories are the few of XARF; a fact holds 8 bits of one. */
static uint32_t cat_of(struct triage_scan *m, const unsigned char *c)
{
	if (!c)
		return 0;
	for (size_t i = 0; i < m->nc; i++)
		if (strcmp(m->cats[i], (const char *)c) == 0)
			return (uint32_t)i + 1;
	if (m->nc >= 255)
		return 0;
	m->cats = xreallocarray(m->cats, m->nc + 1, sizeof *m->cats);
	m->cats[m->nc++] = xstrdup((const char *)c);
	return (uint32_t)m->nc;
}

static uint32_t clamp_time(int64_t t)
{
	return t < 0 ? 0 : t > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)t;
}

/* The columns of FACT_COLS into f; returns its group. */
static uint32_t fact_fill(struct triage_scan *m, sqlite3_stmt *st,
			  struct fact *f)
{
	f->mid = (uint32_t)sqlite3_column_int64(st, 0);
	f->rep = sqlite3_column_type(st, 3) == SQLITE_NULL
		     ? 0
		     : rep_index(m, sqlite3_column_int64(st, 3)) & 0xffffff;
	f->cat = cat_of(m, sqlite3_column_text(st, 4)) & 0xff;
	f->human = (uint8_t)sqlite3_column_int(st, 5);
	f->action = (uint8_t)sqlite3_column_int(st, 6);
	f->t = clamp_time(sqlite3_column_int64(st, 7));
	f->gone = (uint8_t)sqlite3_column_int(st, 8);
	f->harm = (uint8_t)sqlite3_column_int(st, 9);
	f->deadline = (uint8_t)sqlite3_column_int(st, 10);
	f->state = STORE_STATE_OPEN;
	if (f->mid > m->max_mid)
		m->max_mid = f->mid;
	return group_of(m, sqlite3_column_int(st, 2),
			(const char *)sqlite3_column_text(st, 1), true);
}

#define FACT_COLS                                                              \
	"SELECT mid, ip, kind, rid, category, human, has_action, t, gone,"     \
	" harm, deadline FROM triage_fact"

/* Into room counted before (fcap), so that a million facts are not
 * copied as the array grows. */
static void fact_row(struct triage_scan *m, sqlite3_stmt *st)
{
	if (m->nf == m->fcap) {
		m->fcap = m->fcap ? m->fcap + m->fcap / 8 : 1024;
		m->f = xreallocarray(m->f, m->fcap, sizeof *m->f);
		m->fg = xreallocarray(m->fg, m->fcap, sizeof *m->fg);
	}
	m->fg[m->nf] = fact_fill(m, st, &m->f[m->nf]);
	m->nf++;
}

static void fact_count(struct triage_scan *m, sqlite3_stmt *st)
{
	m->fcap = (size_t)sqlite3_column_int64(st, 0) + 1;
	m->f = xreallocarray(m->f, m->fcap, sizeof *m->f);
	m->fg = xreallocarray(m->fg, m->fcap, sizeof *m->fg);
}

static void ip_state_row(struct triage_scan *m, sqlite3_stmt *st)
{
	uint32_t g =
	    group_of(m, 0, (const char *)sqlite3_column_text(st, 0), false);

	if (g == UINT32_MAX)
		return;
	m->g[g].decision = decision_at(st, 1);
}

static void report_state_row(struct triage_scan *m, sqlite3_stmt *st)
{
	m->rs = xreallocarray(m->rs, m->nrs + 1, sizeof *m->rs);
	m->rs[m->nrs++] =
	    (struct rstate){sqlite3_column_int64(st, 0), decision_at(st, 1)};
}

/* Each group's facts side by side, in place (a copy of a million facts
 * would double what the screen holds while it sorts): the offsets by a
 * count, then every fact swapped straight into its group's run. */
static void order_by_group(struct triage_scan *m)
{
	uint32_t *next = xcalloc(m->ng + 1, sizeof *next);

	for (size_t i = 0; i < m->nf; i++)
		m->g[m->fg[i]].count++;
	for (size_t g = 0, at = 0; g < m->ng; g++) {
		m->g[g].start = (uint32_t)at;
		next[g] = (uint32_t)at;
		at += m->g[g].count;
	}
	for (uint32_t g = 0; g < m->ng; g++) {
		uint32_t end = m->g[g].start + m->g[g].count;
		while (next[g] < end) {
			uint32_t i = next[g], xg = m->fg[i], j;
			struct fact x = m->f[i];
			if (xg == g) {
				next[g]++;
				continue;
			}
			j = next[xg]++;
			m->f[i] = m->f[j];
			m->fg[i] = m->fg[j];
			m->f[j] = x;
			m->fg[j] = xg;
		}
	}
	free(next);
	free(m->fg);
	m->fg = NULL;
	m->base_max = m->max_mid;
	m->dead = xcalloc((size_t)(m->base_max / 8 + 1), 1);
}

static bool bit(const uint8_t *v, int64_t max, int64_t id)
{
	return v && id >= 0 && id <= max && (v[id / 8] & (1u << (id % 8)));
}

struct fact *triage_scan_next(struct triage_scan *m, uint32_t g,
			      struct fact_iter *it)
{
	struct scan_group *sg = &m->g[g];

	while (!it->in_x && it->i < sg->count) {
		struct fact *f = &m->f[sg->start + it->i++];
		if (!bit(m->dead, m->base_max, f->mid))
			return f;
	}
	if (!it->in_x) {
		it->in_x = true;
		it->x = sg->xhead;
	} else if (it->x) {
		it->x = m->xnext[it->x - 1];
	}
	return it->x ? &m->xf[it->x - 1] : NULL;
}

static const struct rstate *rstate_find(const struct triage_scan *m,
					int64_t mid, size_t *at)
{
	size_t lo = 0, hi = m->nrs;

	while (lo < hi) {
		size_t i = (lo + hi) / 2;
		if (m->rs[i].mid == mid)
			return &m->rs[*at = i];
		if (m->rs[i].mid < mid)
			lo = i + 1;
		else
			hi = i;
	}
	*at = lo;
	return NULL;
}

/* The state rule, store_state_of(), on the report's and its IP's
 * decisions. */
static enum store_state fact_state(const struct triage_scan *m,
				   const struct fact *f, uint32_t g)
{
	const struct rstate *r = NULL;
	size_t at;

	if (bit(m->has_rs, m->max_mid, f->mid))
		r = rstate_find(m, f->mid, &at);
	return store_state_of(r ? &r->decision : NULL, &m->g[g].decision);
}

static void group_states(struct triage_scan *m, uint32_t g)
{
	struct fact_iter it = {0};
	struct fact *f;

	while ((f = triage_scan_next(m, g, &it)))
		f->state = (uint8_t)fact_state(m, f, g);
}

/* The states of the IPs and reports, and so of each fact. */
static int states_load(struct triage_scan *m, sqlite3 *db, struct err *e)
{
	for (size_t g = 0; g < m->ng; g++)
		m->g[g].decision.set = false;
	free(m->rs);
	m->rs = NULL;
	m->nrs = 0;
	if (each_row(db, "SELECT ip, state, seq FROM ip_state", ip_state_row, m,
		     e) < 0 ||
	    each_row(db,
		     "SELECT message_id, state, seq FROM report_state"
		     " ORDER BY message_id",
		     report_state_row, m, e) < 0)
		return -1;
	free(m->has_rs);
	m->has_rs = xcalloc((size_t)(m->max_mid / 8 + 1), 1);
	for (size_t i = 0; i < m->nrs; i++) {
		int64_t id = m->rs[i].mid;
		if (id >= 0 && id <= m->max_mid)
			m->has_rs[id / 8] |= (uint8_t)(1u << (id % 8));
	}
	for (uint32_t g = 0; g < m->ng; g++)
		group_states(m, g);
	return 0;
}

/* ---- after a change: what triage_log names ---- */

struct touched {
	uint32_t *g; /* groups, sorted and unique once done */
	size_t ng, gcap;
	int64_t *mid; /* reports whose facts or decision changed */
	size_t nmid, midcap;
	char **ip; /* IPs whose decision changed */
	size_t nip;
	int64_t last; /* the log's last row */
};

static void touched_free(struct touched *t)
{
	for (size_t i = 0; i < t->nip; i++)
		free(t->ip[i]);
	free(t->ip);
	free(t->g);
	free(t->mid);
}

static void add_group(struct touched *t, uint32_t g)
{
	if (g == UINT32_MAX)
		return;
	if (t->ng == t->gcap) {
		t->gcap = t->gcap ? t->gcap * 2 : 256;
		t->g = xreallocarray(t->g, t->gcap, sizeof *t->g);
	}
	t->g[t->ng++] = g;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorts v (n items of size sz) and drops repeats. */
static size_t uniq(void *v, size_t n, size_t sz,
		   int (*cmp)(const void *, const void *))
{
	char *p = v;
	size_t k = 0;

	if (!n)
		return 0;
	qsort(v, n, sz, cmp);
	for (size_t i = 1; i < n; i++)
		if (cmp(p + k * sz, p + i * sz) != 0)
			memmove(p + ++k * sz, p + i * sz, sz);
	return k + 1;
}

/* One row of triage_log: a report (and a group of its facts, old or new),
 * a report's decision (no group) or an IP's decision (no report). */
static void log_row(struct triage_scan *m, sqlite3_stmt *st, struct touched *t)
{
	bool has_mid = sqlite3_column_type(st, 1) != SQLITE_NULL;
	bool has_kind = sqlite3_column_type(st, 2) != SQLITE_NULL;
	const char *ip = (const char *)sqlite3_column_text(st, 3);

	t->last = sqlite3_column_int64(st, 0);
	if (has_mid) {
		if (t->nmid == t->midcap) {
			t->midcap = t->midcap ? t->midcap * 2 : 256;
			t->mid =
			    xreallocarray(t->mid, t->midcap, sizeof *t->mid);
		}
		t->mid[t->nmid++] = sqlite3_column_int64(st, 1);
	} else if (ip) {
		t->ip = xreallocarray(t->ip, t->nip + 1, sizeof *t->ip);
		t->ip[t->nip++] = xstrdup(ip);
	}
	/* An IP's decision makes no group of an IP without reports. */
	if (has_kind)
		add_group(t,
			  group_of(m, sqlite3_column_int(st, 2), ip, has_mid));
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st,
		   struct err *e)
{
	return sqlite3_prepare_v2(db, sql, -1, st, NULL) == SQLITE_OK
		   ? 0
		   : fail(db, e);
}

/* The log after m->lseq, when it reaches back that far: 1, 0 when it does
 * not (a whole read is needed), -1 on error. */
static int log_read(struct triage_scan *m, sqlite3 *db, struct touched *t,
		    struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(db,
		    "SELECT coalesce(min(seq), 0) <= ?1 + 1 FROM triage_log",
		    &st, e) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, m->lseq);
	rc = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	if (rc <= 0)
		return rc < 0 ? fail(db, e) : 0;
	if (prepare(db,
		    "SELECT seq, mid, kind, ip FROM triage_log WHERE seq > ?"
		    " ORDER BY seq",
		    &st, e) < 0)
		return -1;
	sqlite3_bind_int64(st, 1, m->lseq);
	t->last = m->lseq;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		log_row(m, st, t);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 1 : fail(db, e);
}

/* The log's last row now, read with the facts. */
static int log_last(struct triage_scan *m, sqlite3 *db, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (prepare(db, "SELECT coalesce(max(seq), 0) FROM triage_log", &st,
		    e) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		m->lseq = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : fail(db, e);
}

/* The reporters again: new ones come after the old (ids only grow); 0,
 * or 1 when an old one changed and the facts must be read whole. */
static int reps_again(struct triage_scan *m, sqlite3 *db, struct err *e)
{
	struct triage_scan tmp = {0};
	int changed = 0;

	if (each_row(db, "SELECT id, domain FROM reporter ORDER BY id", rep_row,
		     &tmp, e) < 0)
		changed = -1;
	for (size_t i = 0; !changed && i < m->nr; i++)
		changed = i >= tmp.nr || tmp.r[i].id != m->r[i].id ||
			  strcmp(tmp.r[i].domain, m->r[i].domain) != 0;
	if (!changed) {
		for (size_t i = 0; i < m->nr; i++)
			free(m->r[i].domain);
		free(m->r);
		m->r = tmp.r;
		m->nr = tmp.nr;
		return 0;
	}
	for (size_t i = 0; i < tmp.nr; i++)
		free(tmp.r[i].domain);
	free(tmp.r);
	return changed;
}

/* The facts of the touched reports as they are now, kept aside in xf;
 * their groups join t. */
static int facts_read(struct triage_scan *m, sqlite3 *db, struct touched *t,
		      size_t *first, struct err *e)
{
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	*first = m->nxf;
	if (prepare(db, FACT_COLS " WHERE mid = ?", &st, e) < 0)
		return -1;
	for (size_t i = 0; i < t->nmid && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int64(st, 1, t->mid[i]);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			if (m->nxf == m->xcap) {
				m->xcap = m->xcap ? m->xcap * 2 : 256;
				m->xf = xreallocarray(m->xf, m->xcap,
						      sizeof *m->xf);
				m->xnext = xreallocarray(m->xnext, m->xcap,
							 sizeof *m->xnext);
				m->xg = xreallocarray(m->xg, m->xcap,
						      sizeof *m->xg);
			}
			m->xg[m->nxf] = fact_fill(m, st, &m->xf[m->nxf]);
			add_group(t, m->xg[m->nxf++]);
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : fail(db, e);
}

static bool has_mid(const struct touched *t, int64_t mid)
{
	return t->nmid &&
	       bsearch(&mid, t->mid, t->nmid, sizeof *t->mid, cmp_i64);
}

/* The touched reports' old facts out: in f by the dead bitmap, in the
 * chains by unlinking; the new ones (xf from first) chained in. */
static void facts_swap(struct triage_scan *m, const struct touched *t,
		       size_t first)
{
	for (size_t i = 0; i < t->nmid; i++)
		if (t->mid[i] <= m->base_max && t->mid[i] >= 0)
			m->dead[t->mid[i] / 8] |=
			    (uint8_t)(1u << (t->mid[i] % 8));
	for (size_t i = 0; i < t->ng; i++) {
		uint32_t *link = &m->g[t->g[i]].xhead;
		while (*link) {
			uint32_t x = *link - 1;
			if (x < first && has_mid(t, m->xf[x].mid))
				*link = m->xnext[x];
			else
				link = &m->xnext[x];
		}
	}
	for (size_t x = first; x < m->nxf; x++) {
		struct scan_group *g = &m->g[m->xg[x]];
		m->xnext[x] = g->xhead;
		g->xhead = (uint32_t)x + 1;
	}
}

/* The decision st (bound) finds, or none. */
static int decision_read(sqlite3 *db, sqlite3_stmt *st,
			 struct store_decision *d, struct err *e)
{
	int rc = sqlite3_step(st);

	d->set = false;
	if (rc == SQLITE_ROW)
		*d = decision_at(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : fail(db, e);
}

static int ips_read(struct triage_scan *m, sqlite3 *db, const struct touched *t,
		    struct err *e)
{
	sqlite3_stmt *st;
	int rc = 0;

	if (prepare(db, "SELECT state, seq FROM ip_state WHERE ip = ?", &st,
		    e) < 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < t->nip; i++) {
		uint32_t g = group_of(m, 0, t->ip[i], false);
		if (g == UINT32_MAX)
			continue;
		sqlite3_bind_text(st, 1, t->ip[i], -1, SQLITE_STATIC);
		rc = decision_read(db, st, &m->g[g].decision, e);
	}
	sqlite3_finalize(st);
	return rc;
}

/* One report's decision into rs, kept in id order. */
static void rstate_put(struct triage_scan *m, int64_t mid,
		       const struct store_decision *d)
{
	size_t at;
	struct rstate *r = (struct rstate *)rstate_find(m, mid, &at);

	if (r && d->set) {
		r->decision = *d;
	} else if (r) {
		memmove(r, r + 1, (m->nrs - at - 1) * sizeof *r);
		m->nrs--;
	} else if (d->set) {
		m->rs = xreallocarray(m->rs, m->nrs + 1, sizeof *m->rs);
		memmove(m->rs + at + 1, m->rs + at, (m->nrs - at) * sizeof *r);
		m->rs[at] = (struct rstate){mid, *d};
		m->nrs++;
		if (mid >= 0 && mid <= m->max_mid)
			m->has_rs[mid / 8] |= (uint8_t)(1u << (mid % 8));
	}
}

static int reports_read(struct triage_scan *m, sqlite3 *db,
			const struct touched *t, struct err *e)
{
	sqlite3_stmt *st;
	int rc = 0;

	if (prepare(db,
		    "SELECT state, seq FROM report_state WHERE message_id = ?",
		    &st, e) < 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < t->nmid; i++) {
		struct store_decision d;
		sqlite3_bind_int64(st, 1, t->mid[i]);
		rc = decision_read(db, st, &d, e);
		if (rc == 0)
			rstate_put(m, t->mid[i], &d);
	}
	sqlite3_finalize(st);
	return rc;
}

/* has_rs covers every report id up to max_mid. */
static void has_rs_grow(struct triage_scan *m, int64_t old_max)
{
	size_t old = (size_t)(old_max / 8 + 1),
	       n = (size_t)(m->max_mid / 8 + 1);

	if (n <= old)
		return;
	m->has_rs = xreallocarray(m->has_rs, n, 1);
	memset(m->has_rs + old, 0, n - old);
}

/* Brings the facts up to date from the log: 1 when done, 2 when the log
 * had nothing new, 0 when it does not reach back (or a reporter changed),
 * -1 on error. */
static int apply_log(struct triage_scan *m, sqlite3 *db, struct err *e)
{
	struct touched t = {0};
	int64_t old_max = m->max_mid;
	size_t first, old_ng = m->ng;
	int rc = log_read(m, db, &t, e);

	if (rc > 0)
		rc = reps_again(m, db, e) == 0 ? 1 : 0;
	if (rc > 0) {
		t.nmid = uniq(t.mid, t.nmid, sizeof *t.mid, cmp_i64);
		rc = facts_read(m, db, &t, &first, e) < 0 ? -1 : 1;
	}
	/* A new group's IP may have a decision from before its reports. */
	for (size_t g = old_ng; rc > 0 && g < m->ng; g++) {
		if (m->g[g].kind != TRIAGE_IP)
			continue;
		t.ip = xreallocarray(t.ip, t.nip + 1, sizeof *t.ip);
		t.ip[t.nip++] = xstrdup(m->g[g].ip);
	}
	if (rc > 0) {
		has_rs_grow(m, old_max);
		t.ng = uniq(t.g, t.ng, sizeof *t.g, cmp_u32);
		triage_inc_groups(m, t.g, t.ng, -1);
		facts_swap(m, &t, first);
		if (ips_read(m, db, &t, e) < 0 ||
		    reports_read(m, db, &t, e) < 0)
			rc = -1;
		for (size_t i = 0; rc > 0 && i < t.ng; i++)
			group_states(m, t.g[i]);
		if (rc > 0)
			triage_inc_groups(m, t.g, t.ng, 1);
		rc = t.last == m->lseq ? 2 : 1;
		m->lseq = t.last;
	}
	touched_free(&t);
	return rc;
}

static int load_whole(struct triage_scan *m, sqlite3 *db, struct err *e)
{
	clear(m);
	if (log_last(m, db, e) < 0 ||
	    each_row(db, "SELECT id, domain FROM reporter ORDER BY id", rep_row,
		     m, e) < 0 ||
	    each_row(db, "SELECT count(*) FROM triage_fact", fact_count, m, e) <
		0 ||
	    each_row(db, FACT_COLS, fact_row, m, e) < 0) {
		clear(m);
		return -1;
	}
	order_by_group(m);
	if (states_load(m, db, e) < 0) {
		clear(m);
		return -1;
	}
	return 0;
}

int triage_scan_load(struct triage_scan *m, sqlite3 *db,
		     const struct triage_scan_version *v, struct err *e)
{
	int rc;

	if (m->version == v->v && v->v >= 0)
		return 0;
	if (m->version >= 0 && (rc = apply_log(m, db, e)) != 0) {
		if (rc < 0) {
			clear(m);
			return -1;
		}
		/* Nothing logged moved the version (a bump by hand): the
		 * states again, as before the log. */
		if (rc == 2 && states_load(m, db, e) < 0) {
			clear(m);
			return -1;
		}
		m->version = v->v;
		m->fversion = v->fv;
		return 0;
	}
	if (load_whole(m, db, e) < 0)
		return -1;
	m->version = v->v;
	m->fversion = v->fv;
	return 1;
}

int triage_scan_activity(struct triage_scan *m, const char *ip, int64_t end,
			 int64_t *counts, int weeks)
{
	const int64_t week = (int64_t)7 * 24 * 3600;
	struct fact_iter it = {0};
	const struct fact *f;
	uint32_t g;

	if (m->version < 0)
		return -1;
	memset(counts, 0, (size_t)weeks * sizeof *counts);
	g = group_of(m, TRIAGE_IP, ip, false);
	while (g != UINT32_MAX && (f = triage_scan_next(m, g, &it))) {
		int64_t w = (end - f->t) / week;
		if (!f->gone && f->t <= end && f->t > end - week * weeks)
			counts[weeks - 1 - w]++;
	}
	return 0;
}
