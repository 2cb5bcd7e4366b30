/* triage_scan.c: the triage facts in memory — read from triage_fact with
 * the reporters and the states when the data version moved, ordered by
 * group — and the lists of the groups screen made from them in one pass,
 * with the screen's filter called in C. */
#include "triage_scan.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fact {
	int64_t mid;
	int64_t t;
	uint32_t group;
	uint32_t rep; /* 1 + index into reps; 0: no reporter */
	uint32_t cat; /* 1 + index into cats; 0: none */
	uint8_t human : 1, action : 1;
	uint8_t gone : 1;     /* expunged on the server: no open work */
	uint8_t deadline : 1; /* analysis/urgency.h, as harm */
	uint8_t harm;
	uint8_t state; /* enum store_state, once the states are read */
};

struct group {
	int kind;
	char *ip; /* NULL for the out-of-scope and no-IP rows */
	struct store_decision decision; /* on the IP */
};

struct rep {
	int64_t id;
	char *domain;
};

struct rstate {
	int64_t mid;
	struct store_decision decision;
};

struct triage_scan {
	int64_t version;  /* -1: nothing loaded */
	int64_t fversion; /* of the facts (triage_version.fv) */
	struct fact *f;
	size_t nf;
	struct group *g;
	size_t ng;
	struct rep *r;
	size_t nr;
	char **cats;
	size_t nc;
	struct rstate *rs;
	size_t nrs;
	uint8_t *has_rs; /* bitmap by report id: is there an rs entry */
	int64_t max_mid;
	uint32_t *slot; /* hash of (kind, ip) to 1 + group */
	size_t nslot;
};

struct triage_scan *triage_scan_new(void)
{
	struct triage_scan *m = xcalloc(1, sizeof *m);

	m->version = -1;
	return m;
}

static void clear(struct triage_scan *m)
{
	for (size_t i = 0; i < m->ng; i++)
		free(m->g[i].ip);
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
	memset(m, 0, sizeof *m);
	m->version = -1;
}

void triage_scan_free(struct triage_scan *m)
{
	if (!m)
		return;
	clear(m);
	free(m);
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

	m->r = xreallocarray(m->r, m->nr + 1, sizeof *m->r);
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

static bool same_group(const struct group *g, int kind, const char *ip)
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
	m->g = xreallocarray(m->g, m->ng + 1, sizeof *m->g);
	m->g[m->ng] = (struct group){kind, ip ? xstrdup(ip) : NULL, {0}};
	m->slot[k] = (uint32_t)m->ng + 1;
	return (uint32_t)m->ng++;
}

static uint32_t cat_of(struct triage_scan *m, const unsigned char *c)
{
	if (!c)
		return 0;
	for (size_t i = 0; i < m->nc; i++)
		if (strcmp(m->cats[i], (const char *)c) == 0)
			return (uint32_t)i + 1;
	m->cats = xreallocarray(m->cats, m->nc + 1, sizeof *m->cats);
	m->cats[m->nc++] = xstrdup((const char *)c);
	return (uint32_t)m->nc;
}

static void fact_row(struct triage_scan *m, sqlite3_stmt *st)
{
	struct fact *f;

	if (m->nf % 65536 == 0)
		m->f = xreallocarray(m->f, m->nf + 65536, sizeof *m->f);
	f = &m->f[m->nf++];
	f->mid = sqlite3_column_int64(st, 0);
	f->group = group_of(m, sqlite3_column_int(st, 2),
			    (const char *)sqlite3_column_text(st, 1), true);
	f->rep = sqlite3_column_type(st, 3) == SQLITE_NULL
		     ? 0
		     : rep_index(m, sqlite3_column_int64(st, 3));
	f->cat = cat_of(m, sqlite3_column_text(st, 4));
	f->human = (uint8_t)sqlite3_column_int(st, 5);
	f->action = (uint8_t)sqlite3_column_int(st, 6);
	f->t = sqlite3_column_int64(st, 7);
	f->gone = (uint8_t)sqlite3_column_int(st, 8);
	f->harm = (uint8_t)sqlite3_column_int(st, 9);
	f->deadline = (uint8_t)sqlite3_column_int(st, 10);
	if (f->mid > m->max_mid)
		m->max_mid = f->mid;
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

/* A counting sort: each group's facts side by side. */
static void order_by_group(struct triage_scan *m)
{
	size_t *start = xcalloc(m->ng + 1, sizeof *start);
	struct fact *v = xmalloc((m->nf ? m->nf : 1) * sizeof *v);

	for (size_t i = 0; i < m->nf; i++)
		start[m->f[i].group + 1]++;
	for (size_t g = 0; g < m->ng; g++)
		start[g + 1] += start[g];
	for (size_t i = 0; i < m->nf; i++)
		v[start[m->f[i].group]++] = m->f[i];
	free(m->f);
	free(start);
	m->f = v;
}

static const struct rstate *rstate_find(const struct triage_scan *m,
					int64_t mid)
{
	size_t lo = 0, hi = m->nrs;

	while (lo < hi) {
		size_t i = (lo + hi) / 2;
		if (m->rs[i].mid == mid)
			return &m->rs[i];
		if (m->rs[i].mid < mid)
			lo = i + 1;
		else
			hi = i;
	}
	return NULL;
}

/* The state rule, store_state_of(), on the report's and its IP's
 * decisions. */
static enum store_state fact_state(const struct triage_scan *m,
				   const struct fact *f)
{
	const struct rstate *r = NULL;

	if (m->has_rs && f->mid >= 0 && f->mid <= m->max_mid &&
	    (m->has_rs[f->mid / 8] & (1u << (f->mid % 8))))
		r = rstate_find(m, f->mid);
	return store_state_of(r ? &r->decision : NULL,
			      &m->g[f->group].decision);
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
	for (size_t i = 0; i < m->nf; i++)
		m->f[i].state = (uint8_t)fact_state(m, &m->f[i]);
	return 0;
}

int triage_scan_load(struct triage_scan *m, sqlite3 *db,
		     const struct triage_scan_version *v, struct err *e)
{
	if (m->version == v->v && v->v >= 0)
		return 0;
	if (m->version >= 0 && m->fversion == v->fv) {
		if (states_load(m, db, e) < 0) {
			clear(m);
			return -1;
		}
		m->version = v->v;
		return 0;
	}
	clear(m);
	if (each_row(db, "SELECT id, domain FROM reporter ORDER BY id", rep_row,
		     m, e) < 0 ||
	    each_row(
		db,
		"SELECT mid, ip, kind, rid, category, human, has_action, t,"
		" gone, harm, deadline FROM triage_fact",
		fact_row, m, e) < 0 ||
	    states_load(m, db, e) < 0) {
		clear(m);
		return -1;
	}
	order_by_group(m);
	m->version = v->v;
	m->fversion = v->fv;
	return 1;
}

/* ---- one pass ---- */

/* What one pass adds up: for the group at hand, and per reporter. */
struct pass {
	const struct triage_scan *m;
	const struct triage_scan_want *w;
	bool *noisy;	/* per reporter */
	uint32_t only;	/* noise_reporter's 1 + index; 0: every one */
	int64_t *n_rep; /* reports per noise reporter */
	int64_t *n_ips; /* its IPs */
	uint8_t **seen; /* per noise reporter: bitmap of report ids */
	struct triage_group cur;
	int64_t others; /* reports from reporters that are not noise */
	uint32_t *reps, *cats;
	size_t n_reps, n_cats;
	struct triage_urgency_in urg; /* of the group at hand */
	uint32_t *urg_reps;	      /* the reporters urg counts */
	size_t n_urg_reps;
	struct triage_group *out;
	size_t n_out, cap_out;
};

static bool list_add(uint32_t **v, size_t *n, uint32_t x)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i] == x)
			return false;
	if (*n == 0 || (*n & (*n - 1)) == 0) /* full at 0, 1, 2, 4, ... */
		*v = xreallocarray(*v, *n ? *n * 2 : 1, sizeof **v);
	(*v)[(*n)++] = x;
	return true;
}

static void noise_count(struct pass *p, const struct fact *f, bool new_rep)
{
	uint32_t r = f->rep - 1;
	uint8_t **bits = &p->seen[r];

	if (!*bits)
		*bits = xcalloc((size_t)(p->m->max_mid / 8 + 1), 1);
	if (!((*bits)[f->mid / 8] & (1u << (f->mid % 8)))) {
		(*bits)[f->mid / 8] |= (uint8_t)(1u << (f->mid % 8));
		p->n_rep[r]++;
	}
	if (new_rep && p->m->g[f->group].kind == 0)
		p->n_ips[r]++;
}

static bool keep(const struct pass *p, const struct fact *f, int state)
{
	const struct triage_query *q = p->w->q;
	const struct triage_scan *m = p->m;
	struct triage_fact tf;

	if (q && q->only_open && state != STORE_STATE_OPEN)
		return false;
	if (!q || !q->filter)
		return true;
	tf.ip = m->g[f->group].ip;
	tf.reporter = f->rep ? m->r[f->rep - 1].domain : NULL;
	tf.category = f->cat ? m->cats[f->cat - 1] : NULL;
	tf.state = (enum store_state)state;
	tf.t = f->t;
	return q->filter(q->filter_ctx, &tf);
}

/* A report that counts for the group's urgency (triage_urgency_in). */
static void count_urgent(struct pass *p, const struct fact *f)
{
	struct triage_urgency_in *u = &p->urg;

	if (f->harm > u->harm)
		u->harm = f->harm;
	u->n_reports++;
	u->human = u->human || f->human;
	u->deadline = u->deadline || f->deadline;
	if (f->rep && list_add(&p->urg_reps, &p->n_urg_reps, f->rep))
		u->n_reporters++;
}

static void add_fact(struct pass *p, const struct fact *f, int state)
{
	struct triage_group *g = &p->cur;
	bool noise = f->rep && p->noisy[f->rep - 1];
	bool new_rep = f->rep && list_add(&p->reps, &p->n_reps, f->rep);

	if (f->cat)
		list_add(&p->cats, &p->n_cats, f->cat);
	if (!g->n_reports || f->t < g->first_seen)
		g->first_seen = f->t;
	if (!g->n_reports || f->t > g->last_seen)
		g->last_seen = f->t;
	g->n_reports++;
	g->n_open += state == STORE_STATE_OPEN;
	g->n_noise += noise;
	g->n_human += f->human;
	g->n_action += f->action;
	p->others += !noise;
	if (state == STORE_STATE_OPEN && f->harm && (!noise || p->only))
		count_urgent(p, f);
	if (noise && p->w->noise)
		noise_count(p, f, new_rep);
}

static char *joined(const struct pass *p, const uint32_t *v, size_t n,
		    bool reps)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, ',');
		buf_puts(&b, reps ? p->m->r[v[i] - 1].domain
				  : p->m->cats[v[i] - 1]);
	}
	return b.len ? buf_steal(&b) : xstrdup("");
}

/* The group just passed, onto the output when it has a place there. */
static void group_done(struct pass *p, const struct group *src)
{
	struct triage_group *g = &p->cur;

	if (g->n_reports && p->w->groups && (p->only || p->others > 0)) {
		g->kind = (enum triage_kind)src->kind;
		snprintf(g->ip, sizeof g->ip, "%s", src->ip ? src->ip : "");
		g->state =
		    src->decision.set ? src->decision.state : STORE_STATE_OPEN;
		g->n_reporters = (int64_t)p->n_reps;
		g->categories = joined(p, p->cats, p->n_cats, false);
		g->reporters = joined(p, p->reps, p->n_reps, true);
		g->harm = p->urg.harm;
		g->urgency = triage_urgency(&p->urg);
		if (p->n_out == p->cap_out) {
			p->cap_out = p->cap_out ? p->cap_out * 2 : 64;
			p->out =
			    xreallocarray(p->out, p->cap_out, sizeof *p->out);
		}
		p->out[p->n_out++] = *g;
	}
	memset(g, 0, sizeof *g);
	memset(&p->urg, 0, sizeof p->urg);
	p->others = 0;
	p->n_reps = p->n_cats = p->n_urg_reps = 0;
}

static int cmp_noise(const void *pa, const void *pb)
{
	const struct triage_noise *a = pa, *b = pb;

	if (a->n_reports != b->n_reports)
		return a->n_reports < b->n_reports ? 1 : -1;
	return strcmp(a->reporter, b->reporter);
}

static void noise_done(struct pass *p)
{
	const struct triage_scan *m = p->m;
	struct triage_noise *v = xcalloc(m->nr ? m->nr : 1, sizeof *v);
	size_t n = 0;

	for (size_t r = 0; r < m->nr; r++) {
		if (p->n_rep[r] == 0)
			continue;
		v[n++] = (struct triage_noise){xstrdup(m->r[r].domain),
					       p->n_rep[r], p->n_ips[r]};
	}
	qsort(v, n, sizeof *v, cmp_noise);
	*p->w->noise = v;
	*p->w->n_noise = n;
}

static int cmp_i64(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

static void pass_init(struct pass *p, const struct triage_scan *m,
		      const struct triage_scan_want *w)
{
	memset(p, 0, sizeof *p);
	p->m = m;
	p->w = w;
	p->noisy = xcalloc(m->nr + 1, sizeof *p->noisy);
	p->n_rep = xcalloc(m->nr + 1, sizeof *p->n_rep);
	p->n_ips = xcalloc(m->nr + 1, sizeof *p->n_ips);
	p->seen = xcalloc(m->nr + 1, sizeof *p->seen);
	for (size_t r = 0; r < m->nr; r++) {
		p->noisy[r] = w->n_noise_ids &&
			      bsearch(&m->r[r].id, w->noise_ids, w->n_noise_ids,
				      sizeof *w->noise_ids, cmp_i64) != NULL;
		if (w->noise_reporter &&
		    strcmp(m->r[r].domain, w->noise_reporter) == 0)
			p->only = (uint32_t)r + 1;
	}
}

static void pass_free(struct pass *p)
{
	for (size_t r = 0; r < p->m->nr; r++)
		free(p->seen[r]);
	free(p->seen);
	free(p->noisy);
	free(p->n_rep);
	free(p->n_ips);
	free(p->reps);
	free(p->cats);
	free(p->urg_reps);
}

void triage_scan_lists(struct triage_scan *m, const struct triage_scan_want *w)
{
	struct pass p;
	bool none = w->noise_reporter != NULL;

	pass_init(&p, m, w);
	none = none && !p.only;
	for (size_t i = 0; i < m->nf && !none; i++) {
		const struct fact *f = &m->f[i];
		int state = f->state;
		if (!f->gone && (!p.only || f->rep == p.only) &&
		    keep(&p, f, state))
			add_fact(&p, f, state);
		if (i + 1 == m->nf || m->f[i + 1].group != f->group)
			group_done(&p, &m->g[f->group]);
	}
	if (w->groups) {
		*w->groups = p.out;
		*w->n_groups = p.n_out;
	} else {
		free(p.out);
	}
	if (w->noise)
		noise_done(&p);
	pass_free(&p);
}
