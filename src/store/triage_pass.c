/* triage_pass.c: the lists of the groups screen from the facts in memory
 * (triage_scan.c): one pass over every fact, with the screen's filter
 * called in C; and the main list (no filter) kept per group between
 * changes, so that new mail or a decision makes again only the groups it
 * touched, and the noise reporters' counts by difference. */
#include "triage_scan.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A list that keeps its room when it starts again (n = 0). */
struct list {
	uint32_t *v;
	size_t n, cap;
};

/* What one pass adds up: for the group at hand, and per reporter. */
struct pass {
	struct triage_scan *m;
	const struct triage_scan_want *w;
	uint32_t g;	/* the group whose facts are passed */
	bool *noisy;	/* per reporter */
	uint32_t only;	/* noise_reporter's 1 + index; 0: every one */
	int64_t *n_rep; /* reports per noise reporter */
	int64_t *n_ips; /* its IPs */
	/* Bitmap of the report ids counted: a report has one reporter, so
	 * one map serves them all (one per reporter was a hundred maps of
	 * every id, zeroed on each limit). */
	uint8_t *seen;
	struct triage_group cur;
	int64_t others; /* reports from reporters that are not noise */
	struct list reps, cats;
	uint32_t *rep_mark, *cat_mark, *urg_mark; /* list_add() */
	uint32_t stamp;		      /* moves when the lists start again */
	struct triage_urgency_in urg; /* of the group at hand */
	struct list urg_reps;	      /* the reporters urg counts */
	struct triage_group *out;
	size_t n_out, cap_out;
};

/* x into the list v unless there already: mark[x] holds the stamp of the
 * list x was last put in, so that a group of thousands of reports from
 * hundreds of reporters is not a search of the list for each. */
static bool list_add(struct list *l, uint32_t *mark, uint32_t stamp, uint32_t x)
{
	if (mark[x] == stamp)
		return false;
	mark[x] = stamp;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n++] = x;
	return true;
}

static void noise_count(struct pass *p, const struct fact *f, bool new_rep)
{
	uint32_t r = f->rep - 1;

	if (!p->seen)
		p->seen = xcalloc((size_t)(p->m->max_mid / 8 + 1), 1);
	if (!(p->seen[f->mid / 8] & (1u << (f->mid % 8)))) {
		p->seen[f->mid / 8] |= (uint8_t)(1u << (f->mid % 8));
		p->n_rep[r]++;
	}
	if (new_rep && p->m->g[p->g].kind == 0)
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
	tf.ip = m->g[p->g].ip;
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
	if (f->rep && list_add(&p->urg_reps, p->urg_mark, p->stamp, f->rep))
		u->n_reporters++;
}

static void add_fact(struct pass *p, const struct fact *f, int state)
{
	struct triage_group *g = &p->cur;
	bool noise = f->rep && p->noisy[f->rep - 1];
	bool new_rep =
	    f->rep && list_add(&p->reps, p->rep_mark, p->stamp, f->rep);

	if (f->cat)
		list_add(&p->cats, p->cat_mark, p->stamp, f->cat);
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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* In alphabetical order: the same whatever order the facts came in (a
 * group made again after new mail reads its newest facts last). */
static char *joined(const struct pass *p, const uint32_t *v, size_t n,
		    bool reps)
{
	struct buf b = BUF_INIT;
	const char *s[64], **w = n <= 64 ? s : xmalloc(n * sizeof *w);

	for (size_t i = 0; i < n; i++)
		w[i] = reps ? p->m->r[v[i] - 1].domain : p->m->cats[v[i] - 1];
	qsort(w, n, sizeof *w, cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, ',');
		buf_puts(&b, w[i]);
	}
	if (w != s)
		free(w);
	return b.len ? buf_steal(&b) : xstrdup("");
}

/* The group just passed into out, when it has a place in the list:
 * true then. Starts the next group. */
static bool group_finish(struct pass *p, const struct scan_group *src,
			 struct triage_group *out)
{
	struct triage_group *g = &p->cur;
	bool listed = g->n_reports && (p->only || p->others > 0);

	if (listed) {
		g->kind = (enum triage_kind)src->kind;
		g->ip = src->ip ? src->ip : "";
		g->state =
		    src->decision.set ? src->decision.state : STORE_STATE_OPEN;
		g->n_reporters = (int64_t)p->reps.n;
		g->categories = triage_scan_name(
		    p->m, joined(p, p->cats.v, p->cats.n, false));
		g->reporters = triage_scan_name(
		    p->m, joined(p, p->reps.v, p->reps.n, true));
		g->harm = p->urg.harm;
		g->urgency = triage_urgency(&p->urg);
		*out = *g;
	}
	memset(g, 0, sizeof *g);
	memset(&p->urg, 0, sizeof p->urg);
	p->others = 0;
	p->reps.n = p->cats.n = p->urg_reps.n = 0;
	p->stamp++;
	return listed;
}

/* The group just passed, onto the output when it has a place there. */
static void group_done(struct pass *p, const struct scan_group *src)
{
	struct triage_group g;

	if (!group_finish(p, src, &g))
		return;
	if (!p->w->groups)
		return;
	if (p->n_out == p->cap_out) {
		p->cap_out = p->cap_out ? p->cap_out * 2 : 64;
		p->out = xreallocarray(p->out, p->cap_out, sizeof *p->out);
	}
	p->out[p->n_out++] = g;
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

static void pass_init(struct pass *p, struct triage_scan *m,
		      const struct triage_scan_want *w)
{
	memset(p, 0, sizeof *p);
	p->m = m;
	p->w = w;
	p->noisy = xcalloc(m->nr + 1, sizeof *p->noisy);
	p->n_rep = xcalloc(m->nr + 1, sizeof *p->n_rep);
	p->n_ips = xcalloc(m->nr + 1, sizeof *p->n_ips);
	p->rep_mark = xcalloc(m->nr + 1, sizeof *p->rep_mark);
	p->urg_mark = xcalloc(m->nr + 1, sizeof *p->urg_mark);
	p->cat_mark = xcalloc(m->nc + 1, sizeof *p->cat_mark);
	p->stamp = 1;
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
	free(p->seen);
	free(p->noisy);
	free(p->n_rep);
	free(p->n_ips);
	free(p->reps.v);
	free(p->cats.v);
	free(p->urg_reps.v);
	free(p->rep_mark);
	free(p->urg_mark);
	free(p->cat_mark);
}

void triage_scan_lists(struct triage_scan *m, const struct triage_scan_want *w)
{
	struct pass p;
	bool none = w->noise_reporter != NULL;

	pass_init(&p, m, w);
	none = none && !p.only;
	for (uint32_t g = 0; g < m->ng && !none; g++) {
		struct fact_iter it = {0};
		const struct fact *f;
		p.g = g;
		while ((f = triage_scan_next(m, g, &it)))
			if (!f->gone && (!p.only || f->rep == p.only) &&
			    keep(&p, f, f->state))
				add_fact(&p, f, f->state);
		group_done(&p, &m->g[g]);
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

/* ---- the main list, kept per group ---- */

/* A group's row as kept: 44 bytes instead of a struct triage_group's
 * 152 and its two strings, which are kept once each (a few hundred
 * reporters make far fewer lists than there are groups). Counts and
 * times fit 32 bits: they come from facts (triage_scan.h). */
struct inc_row {
	uint32_t n_reports, n_reporters, n_open, n_noise, n_human, n_action;
	uint32_t first_seen, last_seen;
	uint32_t categories, reporters; /* into the strings kept */
	uint8_t state, harm, urgency;
};

struct triage_inc {
	struct triage_query q; /* no filter; only_open as asked */
	int64_t *noise_ids;    /* the noise reporters it was made with */
	size_t n_noise_ids;
	struct inc_row *row; /* per group, when listed */
	bool *listed;
	size_t n, ncap;
	int64_t *n_rep, *n_ips; /* per reporter: noise counts */
	size_t nr, nrcap;
	uint16_t *mcount; /* per report id: its noise facts counted */
	size_t nm, nmcap;
	uint64_t made;	   /* its number, for marks */
	int64_t made_v;	   /* the data version it was made at */
	uint64_t stamp;	   /* moves with each change taken in */
	uint64_t *changed; /* per group: the stamp it last changed at */
};

void triage_inc_free(struct triage_inc *inc)
{
	if (!inc)
		return;
	free(inc->noise_ids);
	free(inc->row);
	free(inc->listed);
	free(inc->n_rep);
	free(inc->n_ips);
	free(inc->mcount);
	free(inc->changed);
	free(inc);
}

/* v (of cap items of size sz) with room for n, the new part zeroed: as
 * many as asked at first, then a half more, so that each batch of new
 * mail does not copy a million-item array again. */
static void *grow(void *v, size_t *cap, size_t n, size_t sz)
{
	size_t c = *cap;

	if (n <= c)
		return v;
	if (c)
		n += n / 2;
	v = xreallocarray(v, n, sz);
	memset((char *)v + c * sz, 0, (n - c) * sz);
	*cap = n;
	return v;
}

/* Room for every group, reporter and report id the facts have now. */
static void inc_fit(struct triage_inc *inc, const struct triage_scan *m)
{
	size_t nm = (size_t)m->max_mid + 1, c;

	if (inc->n < m->ng) {
		c = inc->ncap;
		inc->row = grow(inc->row, &c, m->ng, sizeof *inc->row);
		c = inc->ncap;
		inc->listed = grow(inc->listed, &c, m->ng, sizeof(bool));
		c = inc->ncap;
		inc->changed = grow(inc->changed, &c, m->ng, sizeof(uint64_t));
		inc->ncap = c;
		inc->n = m->ng;
	}
	if (inc->nr < m->nr) {
		c = inc->nrcap;
		inc->n_rep = grow(inc->n_rep, &c, m->nr, sizeof(int64_t));
		c = inc->nrcap;
		inc->n_ips = grow(inc->n_ips, &c, m->nr, sizeof(int64_t));
		inc->nrcap = c;
		inc->nr = m->nr;
	}
	inc->mcount = grow(inc->mcount, &inc->nmcap, nm, sizeof(uint16_t));
	inc->nm = nm > inc->nm ? nm : inc->nm;
}

static uint32_t u32(int64_t v)
{
	return v < 0 ? 0 : v > (int64_t)UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* g into r; its strings are the scan's (triage_scan_name()). */
static void row_pack(struct triage_scan *m, const struct triage_group *g,
		     struct inc_row *r)
{
	r->n_reports = u32(g->n_reports);
	r->n_reporters = u32(g->n_reporters);
	r->n_open = u32(g->n_open);
	r->n_noise = u32(g->n_noise);
	r->n_human = u32(g->n_human);
	r->n_action = u32(g->n_action);
	r->first_seen = u32(g->first_seen);
	r->last_seen = u32(g->last_seen);
	r->categories = triage_scan_name_of(m, g->categories);
	r->reporters = triage_scan_name_of(m, g->reporters);
	r->state = (uint8_t)g->state;
	r->harm = (uint8_t)g->harm;
	r->urgency = (uint8_t)g->urgency;
}

/* Row r of group sg as the screen takes it. */
static void row_unpack(const struct triage_scan *m, const struct scan_group *sg,
		       const struct inc_row *r, struct triage_group *g)
{
	memset(g, 0, sizeof *g);
	g->kind = (enum triage_kind)sg->kind;
	g->ip = sg->ip ? sg->ip : "";
	g->n_reports = r->n_reports;
	g->n_reporters = r->n_reporters;
	g->n_open = r->n_open;
	g->n_noise = r->n_noise;
	g->n_human = r->n_human;
	g->n_action = r->n_action;
	g->categories = m->names.v[r->categories];
	g->reporters = m->names.v[r->reporters];
	g->first_seen = r->first_seen;
	g->last_seen = r->last_seen;
	g->state = (enum store_state)r->state;
	g->harm = r->harm;
	g->urgency = r->urgency;
}

static void inc_want(const struct triage_inc *inc, struct triage_scan_want *w)
{
	memset(w, 0, sizeof *w);
	w->q = &inc->q;
	w->noise_ids = inc->noise_ids;
	w->n_noise_ids = inc->n_noise_ids;
}

/* A group's part in the noise reporters' counts, added (sign 1) or taken
 * away (-1): the reports counted once however many groups they are in,
 * the IP groups once per reporter. */
static void inc_noise(struct pass *p, struct triage_inc *inc, uint32_t g,
		      int sign)
{
	struct fact_iter it = {0};
	const struct fact *f;
	bool ip = p->m->g[g].kind == TRIAGE_IP;

	p->g = g;
	p->reps.n = 0;
	p->stamp++;
	while ((f = triage_scan_next(p->m, g, &it))) {
		uint32_t r = f->rep;
		if (f->gone || !r || !p->noisy[r - 1] || !keep(p, f, f->state))
			continue;
		if (sign > 0 && inc->mcount[f->mid]++ == 0)
			inc->n_rep[r - 1]++;
		else if (sign < 0 && --inc->mcount[f->mid] == 0)
			inc->n_rep[r - 1]--;
		if (list_add(&p->reps, p->rep_mark, p->stamp, r) && ip)
			inc->n_ips[r - 1] += sign;
	}
	p->reps.n = 0;
	p->stamp++;
}

static void inc_group(struct pass *p, struct triage_inc *inc, uint32_t g,
		      int sign)
{
	struct fact_iter it = {0};
	const struct fact *f;
	struct triage_group row;

	inc_noise(p, inc, g, sign);
	inc->listed[g] = false;
	if (sign < 0)
		return;
	while ((f = triage_scan_next(p->m, g, &it)))
		if (!f->gone && keep(p, f, f->state))
			add_fact(p, f, f->state);
	inc->listed[g] = group_finish(p, &p->m->g[g], &row);
	if (inc->listed[g])
		row_pack(p->m, &row, &inc->row[g]);
}

void triage_inc_groups(struct triage_scan *m, const uint32_t *g, size_t n,
		       int sign)
{
	struct triage_inc *inc = m->inc;
	struct triage_scan_want w;
	struct pass p;

	if (!inc || !n)
		return;
	inc_fit(inc, m);
	inc_want(inc, &w);
	pass_init(&p, m, &w);
	inc->stamp += sign > 0;
	for (size_t i = 0; i < n; i++) {
		inc_group(&p, inc, g[i], sign);
		inc->changed[g[i]] = inc->stamp;
	}
	pass_free(&p);
}

static bool same_ids(const int64_t *a, size_t na, const int64_t *b, size_t nb)
{
	return na == nb && (!na || memcmp(a, b, na * sizeof *a) == 0);
}

/* The kept list made whole for what w asks. */
static void inc_make(struct triage_scan *m, const struct triage_scan_want *w)
{
	struct triage_inc *inc = xcalloc(1, sizeof *inc);
	struct triage_scan_want iw;
	struct pass p;

	triage_inc_free(m->inc);
	m->inc = inc;
	inc->made = ++m->inc_made;
	inc->made_v = m->version;
	inc->q.only_open = w->q && w->q->only_open;
	inc->n_noise_ids = w->n_noise_ids;
	inc->noise_ids = xmalloc((w->n_noise_ids ? w->n_noise_ids : 1) *
				 sizeof *inc->noise_ids);
	if (w->n_noise_ids)
		memcpy(inc->noise_ids, w->noise_ids,
		       w->n_noise_ids * sizeof *inc->noise_ids);
	inc_fit(inc, m);
	inc_want(inc, &iw);
	pass_init(&p, m, &iw);
	for (uint32_t g = 0; g < m->ng; g++)
		inc_group(&p, inc, g, 1);
	pass_free(&p);
}

static void inc_out_noise(const struct triage_scan *m,
			  const struct triage_inc *inc,
			  const struct triage_scan_want *w)
{
	struct triage_noise *v = xcalloc(m->nr ? m->nr : 1, sizeof *v);
	size_t n = 0;

	for (size_t r = 0; r < m->nr && r < inc->nr; r++)
		if (inc->n_rep[r] > 0)
			v[n++] =
			    (struct triage_noise){xstrdup(m->r[r].domain),
						  inc->n_rep[r], inc->n_ips[r]};
	qsort(v, n, sizeof *v, cmp_noise);
	*w->noise = v;
	*w->n_noise = n;
}

static bool inc_fits(const struct triage_inc *inc,
		     const struct triage_scan_want *w)
{
	return inc && inc->q.only_open == (w->q && w->q->only_open) &&
	       same_ids(inc->noise_ids, inc->n_noise_ids, w->noise_ids,
			w->n_noise_ids);
}

/* The rows of the listed groups into w (all), or of the groups changed
 * after stamp after, where one not listed comes with its kind and IP
 * only. */
static void inc_out(struct triage_scan *m, const struct triage_scan_want *w,
		    bool all, uint64_t after)
{
	struct triage_inc *inc = m->inc;
	struct triage_group *out = NULL;
	size_t n = 0, cap = 0;

	/* The whole list exactly: under a limit it is a part of the groups. */
	for (size_t g = 0; all && w->groups && g < inc->n; g++)
		cap += inc->listed[g];
	if (cap)
		out = xreallocarray(NULL, cap, sizeof *out);
	for (size_t g = 0; w->groups && g < inc->n; g++) {
		if (all ? !inc->listed[g] : inc->changed[g] <= after)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			out = xreallocarray(out, cap, sizeof *out);
		}
		if (!inc->listed[g]) {
			memset(&out[n], 0, sizeof out[n]);
			out[n].kind = (enum triage_kind)m->g[g].kind;
			out[n++].ip = m->g[g].ip ? m->g[g].ip : "";
			continue;
		}
		row_unpack(m, &m->g[g], &inc->row[g], &out[n++]);
	}
	if (w->groups) {
		*w->groups = out ? out : xcalloc(1, sizeof *out);
		*w->n_groups = n;
	}
	if (w->noise)
		inc_out_noise(m, inc, w);
}

static bool is_noise_id(const struct triage_scan_want *w, int64_t id)
{
	return w->n_noise_ids && bsearch(&id, w->noise_ids, w->n_noise_ids,
					 sizeof *w->noise_ids, cmp_i64);
}

/* The groups with a report of a reporter that became noise, or stopped
 * being it (new mail crossed the rule's line), made again with the new
 * noise reporters: one look at each fact, not a pass that makes every
 * group. */
static void inc_renoise(struct triage_scan *m, const struct triage_scan_want *w)
{
	struct triage_inc *inc = m->inc;
	struct triage_scan_want old;
	bool *flip = xcalloc(m->nr + 1, sizeof *flip);
	uint32_t *g = NULL;
	size_t n = 0;

	inc_want(inc, &old);
	for (size_t r = 0; r < m->nr; r++)
		flip[r] =
		    is_noise_id(&old, m->r[r].id) != is_noise_id(w, m->r[r].id);
	for (uint32_t i = 0; i < m->ng; i++) {
		struct fact_iter it = {0};
		const struct fact *f;
		while ((f = triage_scan_next(m, i, &it)))
			if (f->rep && flip[f->rep - 1]) {
				g = xreallocarray(g, n + 1, sizeof *g);
				g[n++] = i;
				break;
			}
	}
	triage_inc_groups(m, g, n, -1);
	free(inc->noise_ids);
	inc->n_noise_ids = w->n_noise_ids;
	inc->noise_ids = xmalloc((w->n_noise_ids ? w->n_noise_ids : 1) *
				 sizeof *inc->noise_ids);
	if (w->n_noise_ids)
		memcpy(inc->noise_ids, w->noise_ids,
		       w->n_noise_ids * sizeof *inc->noise_ids);
	triage_inc_groups(m, g, n, 1);
	free(g);
	free(flip);
}

/* The kept list fits w, once the noise reporters are brought up to date. */
static bool inc_ready(struct triage_scan *m, const struct triage_scan_want *w)
{
	if (!m->inc || m->inc->q.only_open != (w->q && w->q->only_open))
		return false;
	if (!inc_fits(m->inc, w))
		inc_renoise(m, w);
	return true;
}

void triage_inc_lists(struct triage_scan *m, const struct triage_scan_want *w)
{
	if (!inc_ready(m, w))
		inc_make(m, w);
	inc_fit(m->inc, m);
	inc_out(m, w, true, 0);
}

size_t triage_inc_each(const struct triage_scan *m,
		       void (*fn)(void *ctx, const struct triage_group *g),
		       void *ctx)
{
	const struct triage_inc *inc = m->inc;
	struct triage_group one;
	size_t n = 0;

	for (size_t g = 0; inc && g < inc->n; g++) {
		if (!inc->listed[g])
			continue;
		n++;
		if (!fn)
			continue;
		row_unpack(m, &m->g[g], &inc->row[g], &one);
		fn(ctx, &one);
	}
	return n;
}

void triage_inc_mark(const struct triage_scan *m, struct triage_mark *mark)
{
	mark->made = m->inc ? m->inc->made : 0;
	mark->stamp = m->inc ? m->inc->stamp : 0;
	mark->kept = -1;
}

int triage_inc_mark_at(const struct triage_scan *m, int64_t version,
		       struct triage_mark *mark)
{
	if (!m->inc || m->inc->made_v != version || version < 0)
		return 0;
	mark->made = m->inc->made;
	mark->stamp = 0;
	mark->kept = -1;
	return 1;
}

int triage_inc_changed(struct triage_scan *m, const struct triage_scan_want *w,
		       struct triage_mark *mark)
{
	if (!mark->made || !inc_ready(m, w) || mark->made != m->inc->made)
		return 0;
	inc_fit(m->inc, m);
	inc_out(m, w, false, mark->stamp);
	triage_inc_mark(m, mark);
	return 1;
}
