/* triage.c: the queries behind the triage screen. Noise reporters are decided
 * in C from per-reporter counts (reporter_stat) and kept in a temporary
 * table; the lists of the groups screen come from triage_scan.c (the
 * facts in memory, one pass, the screen's filter called in C) and the
 * unfiltered ones are kept in triage_cache until the data changes. A
 * group's reports are a query, with the filter as the SQL function
 * triage_keep(), so the pattern language stays with the screen. */
#include "store/triage.h"
#include "store_priv.h"
#include "triage_scan.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum triage_stmt {
	TS_REPORTERS,
	TS_NOISE_CLEAR,
	TS_NOISE_ADD,
	TS_NOISE_WHY,
	TS_MESSAGES,
	TS_MESSAGE_BY_ID,
	TS_MESSAGE_IDS,
	TS_MESSAGE_IN_GROUP,
	TS_IP_STATE_GET,
	TS_REPORT_STATE_GET,
	TS_IP_STATE_CLEAR,
	TS_REPORT_STATE_CLEAR,
	TS_OUTBOX_ADD,
	TS_OUTBOX_QUEUED,
	TS_SEARCH,
	TS_VERSION,
	TS_CACHE_GET,
	TS_CACHE_PUT,
	TS_BEGIN,
	TS_COMMIT,
	TS_COUNT
};

struct triage {
	struct store *s;
	const struct triage_noise_rule *rule;
	sqlite3_stmt *stmt[TS_COUNT];
	const struct triage_query *q; /* the one being stepped */
	char *noise_key;	      /* the noise reporters' ids, "3,7" */
	int64_t *noise_ids;	      /* the same, sorted */
	size_t n_noise_ids;
	struct triage_scan *scan; /* the facts in memory, once needed */
	/* The unfiltered lists changed and were not kept: keep them when
	 * the triage is freed (writing them costs more than making them
	 * once the facts are in memory). Of only_open, as last asked. */
	bool keep_later, keep_open;
};

/* A group's reports: its facts by the (kind, ip) index, then the report
 * and the message for the columns a list shows. */
static const char messages_sql[] =
    "SELECT tf.mid, tf.t, rep.domain, tf.category, r.problem, m.subject,"
    " CASE WHEN rs.state IS NULL THEN coalesce(st.state, 'open')"
    " WHEN st.state IS NULL THEN rs.state"
    " WHEN rs.updated_at > st.updated_at THEN rs.state"
    " ELSE st.state END AS rstate,"
    " tf.rid IN (SELECT id FROM temp.triage_noise), tf.gone, r.auth_verdict"
    " FROM triage_fact tf JOIN report r ON r.message_id = tf.mid"
    " JOIN message m ON m.id = tf.mid"
    " LEFT JOIN reporter rep ON rep.id = tf.rid"
    " LEFT JOIN ip_state st ON st.ip = tf.ip"
    " LEFT JOIN report_state rs ON rs.message_id = tf.mid"
    " WHERE tf.kind = ?2 AND tf.ip IS ?3" /* by triage_fact_group */
    " AND (NOT ?1 OR (rstate = 'open' AND NOT tf.gone))"
    " AND (NOT ?9 OR triage_keep(tf.ip, rep.domain, tf.category, rstate,"
    " tf.t)) ORDER BY tf.t DESC, tf.mid DESC";

/* A group's report ids, from the narrow facts only. */
static const char message_ids_sql[] =
    "SELECT tf.mid, CASE WHEN rs.state IS NULL THEN coalesce(st.state,"
    " 'open') WHEN st.state IS NULL THEN rs.state"
    " WHEN rs.updated_at > st.updated_at THEN rs.state"
    " ELSE st.state END AS rstate"
    " FROM triage_fact tf LEFT JOIN reporter rep ON rep.id = tf.rid"
    " LEFT JOIN ip_state st ON st.ip = tf.ip"
    " LEFT JOIN report_state rs ON rs.message_id = tf.mid"
    " WHERE tf.kind = ?2 AND tf.ip IS ?3" /* by triage_fact_group */
    " AND (NOT ?1 OR (rstate = 'open' AND NOT tf.gone))"
    " AND (NOT ?9 OR triage_keep(tf.ip, rep.domain, tf.category, rstate,"
    " tf.t)) ORDER BY tf.t DESC, tf.mid DESC";

/* One report as its group (the IP ?2, NULL for the other rows) shows it. */
static const char message_in_group_sql[] =
    "SELECT m.id, CASE WHEN m.date > 0 THEN m.date ELSE m.internal_date END,"
    " rep.domain, r.category, r.problem, m.subject,"
    " CASE WHEN rs.state IS NULL THEN coalesce(st.state, 'open')"
    " WHEN st.state IS NULL THEN rs.state"
    " WHEN rs.updated_at > st.updated_at THEN rs.state"
    " ELSE st.state END,"
    " r.reporter_id IN (SELECT id FROM temp.triage_noise), m.gone,"
    " r.auth_verdict FROM report r JOIN message m ON m.id = r.message_id"
    " LEFT JOIN reporter rep ON rep.id = r.reporter_id"
    " LEFT JOIN report_state rs ON rs.message_id = m.id"
    " LEFT JOIN ip_state st ON st.ip = ?2 WHERE m.id = ?1";

static const char message_by_id_sql[] =
    "SELECT m.id, CASE WHEN m.date > 0 THEN m.date ELSE m.internal_date END,"
    " rep.domain, r.category, r.problem, m.subject,"
    " coalesce(rs.state, (SELECT st.state FROM report_ip ri JOIN ip_state st"
    " ON st.ip = ri.ip WHERE ri.message_id = m.id AND ri.in_scope"
    " ORDER BY ri.rank LIMIT 1), 'open'),"
    " r.reporter_id IN (SELECT id FROM temp.triage_noise), m.gone,"
    " r.auth_verdict FROM report r JOIN message m ON m.id = r.message_id"
    " LEFT JOIN reporter rep ON rep.id = r.reporter_id"
    " LEFT JOIN report_state rs ON rs.message_id = m.id WHERE m.id = ?";

static sqlite3_stmt *stmt(struct triage *t, enum triage_stmt id,
			  const char *sql, struct err *e)
{
	sqlite3_stmt *st = t->stmt[id];

	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	if (sqlite3_prepare_v3(t->s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &st, NULL) != SQLITE_OK) {
		store_fail(t->s, e, "cannot prepare a query");
		return NULL;
	}
	t->stmt[id] = st;
	return st;
}

static const char *arg_text(sqlite3_value *v)
{
	return (const char *)sqlite3_value_text(v);
}

static void keep_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct triage *t = sqlite3_user_data(ctx);
	struct triage_fact f;

	(void)argc;
	if (!t->q || !t->q->filter) {
		sqlite3_result_int(ctx, 1);
		return;
	}
	f.ip = arg_text(argv[0]);
	f.reporter = arg_text(argv[1]);
	f.category = arg_text(argv[2]);
	f.state = arg_text(argv[3]);
	f.t = sqlite3_value_int64(argv[4]);
	sqlite3_result_int(ctx, t->q->filter(t->q->filter_ctx, &f));
}

void triage_rule_from_config(struct triage_noise_rule *rule,
			     const struct config *c)
{
	rule->always = (const char *const *)c->noise.reporters.v;
	rule->n_always = c->noise.reporters.n;
	rule->never = (const char *const *)c->noise.never.v;
	rule->n_never = c->noise.never.n;
	rule->min_reports = c->noise.min_reports;
	rule->bulk_share = c->noise.bulk_share;
}

static bool in_list(const char *const *v, size_t n, const char *domain)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(v[i], domain) == 0)
			return true;
	return false;
}

struct bulk_reporter {
	const char *domain;
	const char *why;
};

/* Known from the first day: data/noise/bulk_reporters.txt. */
static const struct bulk_reporter bulk_reporters[] = {
#include "bulk_reporters.inc"
};

static const char *known_bulk(const char *domain)
{
	for (size_t i = 0; i < sizeof bulk_reporters / sizeof *bulk_reporters;
	     i++)
		if (strcasecmp(bulk_reporters[i].domain, domain) == 0)
			return bulk_reporters[i].why;
	return NULL;
}

/* The one noise rule: whether a reporter is noise, and why as a phrase
 * for its row (into out, when out is not NULL). */
static bool noise_reason(const struct triage_noise_rule *rule,
			 const char *domain, const char *mode, int64_t n,
			 int64_t automated, char *out, size_t size)
{
	const char *known = known_bulk(domain);
	char pct[48];
	const char *why;

	if (strcmp(mode, "never") == 0 ||
	    in_list(rule->never, rule->n_never, domain))
		return false;
	if (strcmp(mode, "noise") == 0)
		why = "marked by you";
	else if (in_list(rule->always, rule->n_always, domain))
		why = "in [noise] reporters";
	else if (known)
		why = known;
	else if (n >= rule->min_reports &&
		 (double)automated >= rule->bulk_share * (double)n)
		why = NULL;
	else
		return false;
	if (!out)
		return true;
	if (!why) {
		snprintf(pct, sizeof pct, "%lld reports, %d%% automated",
			 (long long)n, (int)(100 * automated / n));
		why = pct;
	}
	snprintf(out, size, "%s", why);
	return true;
}

static bool is_noise(const struct triage_noise_rule *rule, const char *domain,
		     const char *mode, int64_t n, int64_t automated)
{
	return noise_reason(rule, domain, mode, n, automated, NULL, 0);
}

int triage_noise_why(struct triage *t, const char *domain, char *out,
		     size_t size, struct err *e)
{
	sqlite3_stmt *st = stmt(
	    t, TS_NOISE_WHY,
	    "SELECT rep.noise_mode, coalesce(rs.n, 0), coalesce(rs.automated, "
	    "0)"
	    " FROM reporter rep LEFT JOIN reporter_stat rs ON rs.rid = rep.id"
	    " WHERE rep.domain = ?",
	    e);
	bool found = false;

	out[0] = '\0';
	if (!st)
		return -1;
	store_bind_text(st, 1, domain);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *mode = (const char *)sqlite3_column_text(st, 0);
		found = noise_reason(t->rule, domain, mode ? mode : "auto",
				     sqlite3_column_int64(st, 1),
				     sqlite3_column_int64(st, 2), out, size);
	}
	sqlite3_reset(st);
	return found;
}

static int noise_add(struct triage *t, int64_t id, struct err *e)
{
	sqlite3_stmt *st =
	    stmt(t, TS_NOISE_ADD, "INSERT INTO temp.triage_noise VALUES(?)", e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return store_exec(t->s, st, e, "cannot note a noise reporter");
}

/* The counts come from reporter_stat, which triggers keep (schema version
 * 3), so deciding noise reads one row per reporter. Ids first, inserts
 * after: the reading statement is done by then. */
int triage_refresh(struct triage *t, struct err *e)
{
	sqlite3_stmt *st = stmt(
	    t, TS_REPORTERS,
	    "SELECT rep.id, rep.domain, rep.noise_mode, coalesce(rs.n, 0),"
	    " coalesce(rs.automated, 0) FROM reporter rep"
	    " LEFT JOIN reporter_stat rs ON rs.rid = rep.id ORDER BY rep.id",
	    e);
	struct buf key = BUF_INIT;
	int64_t *ids = NULL;
	size_t n = 0;
	int rc = 0;

	if (!st)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *dom = (const char *)sqlite3_column_text(st, 1);
		const char *mode = (const char *)sqlite3_column_text(st, 2);
		if (!is_noise(t->rule, dom ? dom : "", mode ? mode : "auto",
			      sqlite3_column_int64(st, 3),
			      sqlite3_column_int64(st, 4)))
			continue;
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n++] = sqlite3_column_int64(st, 0);
		buf_printf(&key, "%s%lld", n > 1 ? "," : "",
			   (long long)ids[n - 1]);
	}
	sqlite3_reset(st);
	free(t->noise_key);
	t->noise_key = buf_steal(&key);
	st = stmt(t, TS_NOISE_CLEAR, "DELETE FROM temp.triage_noise", e);
	if (!st || store_exec(t->s, st, e, "cannot reset the noise list") < 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = noise_add(t, ids[i], e);
	free(t->noise_ids);
	t->noise_ids = ids; /* in id order, as selected */
	t->n_noise_ids = n;
	return rc;
}

struct triage *triage_open(struct store *s,
			   const struct triage_noise_rule *rule, struct err *e)
{
	struct triage *t = xcalloc(1, sizeof *t);
	char *msg = NULL;

	t->s = s;
	t->rule = rule;
	t->scan = triage_scan_new();
	if (sqlite3_exec(s->db,
			 "CREATE TEMP TABLE IF NOT EXISTS triage_noise("
			 "id INTEGER PRIMARY KEY)",
			 NULL, NULL, &msg) != SQLITE_OK) {
		err_set(e, "%s: cannot prepare the noise list: %s", s->path,
			msg ? msg : "unknown error");
		sqlite3_free(msg);
		free(t);
		return NULL;
	}
	if (sqlite3_create_function_v2(s->db, "triage_keep", 5, SQLITE_UTF8, t,
				       keep_fn, NULL, NULL,
				       NULL) != SQLITE_OK ||
	    triage_refresh(t, e) < 0) {
		if (!e || !e->msg[0])
			store_fail(s, e, "cannot set up the triage queries");
		triage_free(t);
		return NULL;
	}
	return t;
}

static int scan(struct triage *t, const struct triage_scan_want *w,
		int64_t *version, struct err *e);
static void keep_both(struct triage *t, const struct triage_query *q, int64_t v,
		      const struct triage_group *g, size_t ng,
		      const struct triage_noise *z, size_t nz);

/* The lists as they are now, for the next start. Best effort. */
static void keep_now(struct triage *t)
{
	struct triage_query q = {NULL, NULL, t->keep_open};
	struct triage_group *g;
	struct triage_noise *z;
	size_t ng, nz;
	int64_t v;
	struct triage_scan_want w = {
	    &q, t->noise_ids, t->n_noise_ids, NULL, &g, &ng, &z, &nz};

	if (!sqlite3_get_autocommit(t->s->db) || scan(t, &w, &v, NULL) < 0)
		return;
	keep_both(t, &q, v, g, ng, z, nz);
	triage_groups_free(g, ng);
	triage_noise_free(z, nz);
}

void triage_free(struct triage *t)
{
	if (!t)
		return;
	if (t->keep_later)
		keep_now(t);
	for (size_t i = 0; i < TS_COUNT; i++)
		sqlite3_finalize(t->stmt[i]);
	sqlite3_create_function_v2(t->s->db, "triage_keep", 5, SQLITE_UTF8,
				   NULL, NULL, NULL, NULL, NULL);
	free(t->noise_key);
	free(t->noise_ids);
	triage_scan_free(t->scan);
	free(t);
}

/* Steps st with q in force, calling read for each row into a growing array
 * of elements of size sz. */
static int collect(struct triage *t, const struct triage_query *q,
		   sqlite3_stmt *st, size_t sz,
		   void (*read)(sqlite3_stmt *, void *), void **out, size_t *n,
		   struct err *e)
{
	int rc;

	t->q = q; /* read by the SQL function triage_keep() while stepping */
	rc = store_collect(t->s, st, sz, read, out, n,
			   "cannot read the reports", e);
	t->q = NULL;
	return rc;
}

/* ---- kept lists ----
 * The main list (no filter, no noise reporter picked) costs a pass over
 * every report; it is kept in triage_cache, serialised, under the version
 * triage_version had when it was computed, and used while the version has
 * not moved. The version is read in the same snapshot as the rows. */

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
	put_str(b, g->state);
}

static void copy_str(struct cursor *c, char *out, size_t n)
{
	char *s = get_str(c);

	snprintf(out, n, "%s", s ? s : "");
	free(s);
}

static void group_get(struct cursor *c, void *p)
{
	struct triage_group *g = p;

	memset(g, 0, sizeof *g);
	g->kind = (enum triage_kind)get_num(c, ';');
	copy_str(c, g->ip, sizeof g->ip);
	g->n_reports = get_num(c, ';');
	g->n_reporters = get_num(c, ';');
	g->n_open = get_num(c, ';');
	g->n_noise = get_num(c, ';');
	g->n_human = get_num(c, ';');
	g->n_action = get_num(c, ';');
	g->categories = get_str(c);
	g->reporters = get_str(c);
	g->first_seen = get_num(c, ';');
	g->last_seen = get_num(c, ';');
	copy_str(c, g->state, sizeof g->state);
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
	sqlite3_stmt *st =
	    stmt(t, TS_VERSION, "SELECT v, fv FROM triage_version", NULL);
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
	sqlite3_stmt *st =
	    stmt(t, TS_CACHE_GET,
		 "SELECT rows FROM triage_cache WHERE key = ? AND version = ?",
		 NULL);
	struct cursor c;
	char *rows = NULL;
	size_t len = 0, count = 0;

	if (!st)
		return false;
	store_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, v);
	if (sqlite3_step(st) == SQLITE_ROW) {
		len = (size_t)sqlite3_column_bytes(st, 0);
		rows = store_column_dup(st, 0);
	}
	sqlite3_reset(st);
	if (!rows)
		return false;
	c = (struct cursor){rows, rows + len, false};
	count = (size_t)get_num(&c, ';');
	*out = xcalloc(count ? count : 1, k->sz);
	for (*n = 0; !c.bad && *n < count; ++*n)
		k->get(&c, (char *)*out + *n * k->sz);
	free(rows);
	if (!c.bad)
		return true;
	k->free(*out, *n);
	*out = NULL;
	*n = 0;
	return false;
}

/* Best effort: a list that cannot be kept is computed again next time. */
static void kept_put(struct triage *t, const struct kept *k, const char *key,
		     int64_t v, const void *rows, size_t n)
{
	sqlite3_stmt *st = stmt(t, TS_CACHE_PUT,
				"INSERT OR REPLACE INTO triage_cache(key,"
				" version, rows) VALUES(?, ?, ?)",
				NULL);
	struct buf b = BUF_INIT;

	if (!st)
		return;
	put_int(&b, (int64_t)n);
	for (size_t i = 0; i < n; i++)
		k->put(&b, (const char *)rows + i * k->sz);
	store_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, v);
	sqlite3_bind_text(st, 3, buf_cstr(&b), (int)b.len, SQLITE_STATIC);
	store_exec(t->s, st, NULL, "keep a list");
	buf_free(&b);
}

static void run_fixed(struct triage *t, enum triage_stmt id, const char *sql)
{
	sqlite3_stmt *st = stmt(t, id, sql, NULL);

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

static void keep_both(struct triage *t, const struct triage_query *q, int64_t v,
		      const struct triage_group *g, size_t ng,
		      const struct triage_noise *z, size_t nz)
{
	char *kg = kept_key(t, &kept_groups, q);
	char *kz = kept_key(t, &kept_noise, q);

	kept_put(t, &kept_groups, kg, v, g, ng);
	kept_put(t, &kept_noise, kz, v, z, nz);
	free(kg);
	free(kz);
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
		run_fixed(t, TS_BEGIN, "BEGIN");
	v = versions(t);
	if (version)
		*version = v.v;
	rc = v.v < 0 ? store_fail(t->s, e, "cannot read the reports")
		     : triage_scan_load(t->scan, t->s->db, &v, e);
	if (own)
		run_fixed(t, TS_COMMIT, "COMMIT");
	return rc;
}

/* One pass over the facts in memory, read again first when needed. */
static int scan(struct triage *t, const struct triage_scan_want *w,
		int64_t *version, struct err *e)
{
	int rc = load_facts(t, version, e);

	if (rc >= 0)
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
	if (plain && v >= 0 &&
	    kept_both(t, q, v, groups, n_groups, noise, n_noise))
		return 0;
	rc = scan(t, &w, &v, e);
	if (rc < 0)
		return -1;
	if (plain && rc == 1 && sqlite3_get_autocommit(t->s->db)) {
		keep_both(t, q, v, *groups, *n_groups, *noise, *n_noise);
		t->keep_later = false;
	} else if (plain) {
		t->keep_later = true;
		t->keep_open = q && q->only_open;
	}
	return 0;
}

int triage_prepare(struct triage *t, struct err *e)
{
	return load_facts(t, NULL, e) < 0 ? -1 : 0;
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
	for (size_t i = 0; g && i < n; i++) {
		free(g[i].categories);
		free(g[i].reporters);
	}
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

static void message_read(sqlite3_stmt *st, void *p)
{
	struct triage_message *m = p;
	const unsigned char *state = sqlite3_column_text(st, 6);

	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	m->t = sqlite3_column_int64(st, 1);
	m->reporter = store_column_dup(st, 2);
	m->category = store_column_dup(st, 3);
	m->problem = store_column_dup(st, 4);
	m->subject = store_column_dup(st, 5);
	snprintf(m->state, sizeof m->state, "%s",
		 state ? (const char *)state : "open");
	m->noise = sqlite3_column_int(st, 7);
	m->gone = sqlite3_column_int(st, 8);
	m->auth = report_auth_verdict_from_name(
	    (const char *)sqlite3_column_text(st, 9));
}

int triage_messages(struct triage *t, const struct triage_query *q,
		    enum triage_kind kind, const char *ip,
		    struct triage_message **out, size_t *n, struct err *e)
{
	sqlite3_stmt *st = stmt(t, TS_MESSAGES, messages_sql, e);
	void *v;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, q && q->only_open);
	sqlite3_bind_int(st, 9, q && q->filter);
	sqlite3_bind_int(st, 2, (int)kind);
	store_bind_text(st, 3, kind == TRIAGE_IP ? ip : NULL);
	if (collect(t, q, st, sizeof **out, message_read, &v, n, e) < 0) {
		triage_messages_free(v, *n);
		*n = 0;
		return -1;
	}
	*out = v;
	return 0;
}

/* Rows for ids, in that order, by statement id (?1 the id, ?2 ip). */
static int rows_by_id(struct triage *t, enum triage_stmt id, const char *sql,
		      const char *ip, const int64_t *ids, size_t n_ids,
		      struct triage_message **out, size_t *n, struct err *e)
{
	struct triage_message *v = xcalloc(n_ids ? n_ids : 1, sizeof *v);
	size_t k = 0;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n_ids; i++) {
		sqlite3_stmt *st = stmt(t, id, sql, e);
		if (!st) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		if (ip)
			store_bind_text(st, 2, ip);
		int r = sqlite3_step(st);
		if (r == SQLITE_ROW)
			message_read(st, &v[k++]);
		else if (r != SQLITE_DONE)
			rc = store_fail(t->s, e, "cannot read a report");
		sqlite3_reset(st);
	}
	if (rc < 0) {
		triage_messages_free(v, k);
		k = 0;
		v = NULL;
	}
	*out = v;
	*n = k;
	return rc;
}

int triage_messages_by_id(struct triage *t, const int64_t *ids, size_t n_ids,
			  struct triage_message **out, size_t *n, struct err *e)
{
	return rows_by_id(t, TS_MESSAGE_BY_ID, message_by_id_sql, NULL, ids,
			  n_ids, out, n, e);
}

int triage_messages_in_group(struct triage *t, enum triage_kind kind,
			     const char *ip, const int64_t *ids, size_t n_ids,
			     struct triage_message **out, size_t *n,
			     struct err *e)
{
	return rows_by_id(t, TS_MESSAGE_IN_GROUP, message_in_group_sql,
			  kind == TRIAGE_IP ? ip : NULL, ids, n_ids, out, n, e);
}

int triage_message_ids(struct triage *t, const struct triage_query *q,
		       enum triage_kind kind, const char *ip, int64_t **ids,
		       size_t *n, struct err *e)
{
	sqlite3_stmt *st = stmt(t, TS_MESSAGE_IDS, message_ids_sql, e);
	int rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, q && q->only_open);
	sqlite3_bind_int(st, 9, q && q->filter);
	sqlite3_bind_int(st, 2, (int)kind);
	store_bind_text(st, 3, kind == TRIAGE_IP ? ip : NULL);
	t->q = q; /* read by triage_keep() while stepping */
	rc = store_collect_ids(t->s, st, ids, n, "cannot read the reports", e);
	t->q = NULL;
	return rc;
}

void triage_messages_free(struct triage_message *m, size_t n)
{
	for (size_t i = 0; m && i < n; i++) {
		free(m[i].reporter);
		free(m[i].category);
		free(m[i].problem);
		free(m[i].subject);
	}
	free(m);
}

int triage_search(struct triage *t, const char *query, int64_t **ids, size_t *n,
		  struct err *e)
{
	sqlite3_stmt *st =
	    stmt(t, TS_SEARCH,
		 "SELECT rowid FROM message_fts"
		 " WHERE message_fts MATCH ? ORDER BY rowid DESC",
		 e);
	char *what;
	int rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return -1;
	store_bind_text(st, 1, query);
	what = xasprintf("cannot search for %s", query);
	rc = store_collect_ids(t->s, st, ids, n, what, e);
	free(what);
	return rc;
}

static enum store_state state_from_name(const char *name)
{
	if (name && strcmp(name, "resolved") == 0)
		return STORE_STATE_RESOLVED;
	if (name && strcmp(name, "ignored") == 0)
		return STORE_STATE_IGNORED;
	return STORE_STATE_OPEN;
}

static int state_get(struct triage *t, sqlite3_stmt *st, enum store_state *out,
		     char **note, struct err *e)
{
	int rc = sqlite3_step(st);

	*note = NULL;
	*out = STORE_STATE_OPEN;
	if (rc == SQLITE_ROW) {
		*out =
		    state_from_name((const char *)sqlite3_column_text(st, 0));
		*note = store_column_dup(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(t->s, e, "cannot read a state");
	return rc == SQLITE_ROW;
}

int triage_ip_state_get(struct triage *t, const char *ip, enum store_state *out,
			char **note, struct err *e)
{
	sqlite3_stmt *st =
	    stmt(t, TS_IP_STATE_GET,
		 "SELECT state, note FROM ip_state WHERE ip = ?", e);

	if (!st)
		return -1;
	store_bind_text(st, 1, ip);
	return state_get(t, st, out, note, e);
}

int triage_report_state_get(struct triage *t, int64_t message_id,
			    enum store_state *out, char **note, struct err *e)
{
	sqlite3_stmt *st = stmt(
	    t, TS_REPORT_STATE_GET,
	    "SELECT state, note FROM report_state WHERE message_id = ?", e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, message_id);
	return state_get(t, st, out, note, e);
}

int triage_ip_state_clear(struct triage *t, const char *ip, struct err *e)
{
	sqlite3_stmt *st =
	    stmt(t, TS_IP_STATE_CLEAR, "DELETE FROM ip_state WHERE ip = ?", e);

	if (!st)
		return -1;
	store_bind_text(st, 1, ip);
	return store_exec(t->s, st, e, "cannot undo the state of an IP");
}

int triage_report_state_clear(struct triage *t, int64_t message_id,
			      struct err *e)
{
	sqlite3_stmt *st =
	    stmt(t, TS_REPORT_STATE_CLEAR,
		 "DELETE FROM report_state WHERE message_id = ?", e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, message_id);
	return store_exec(t->s, st, e, "cannot undo the state of a report");
}

int triage_outbox_add(struct triage *t, const char *kind, int64_t message_id,
		      const char *payload, struct err *e)
{
	sqlite3_stmt *st =
	    stmt(t, TS_OUTBOX_ADD,
		 "INSERT INTO outbox(kind, message_id, payload, created_at)"
		 " VALUES(?, ?, ?, CAST(strftime('%s', 'now') AS INTEGER))",
		 e);

	if (!st)
		return -1;
	store_bind_text(st, 1, kind);
	if (message_id > 0)
		sqlite3_bind_int64(st, 2, message_id);
	store_bind_text(st, 3, payload);
	return store_exec(t->s, st, e, "cannot queue the change");
}

int triage_outbox_queued(struct triage *t, int64_t *n, struct err *e)
{
	sqlite3_stmt *st =
	    stmt(t, TS_OUTBOX_QUEUED,
		 "SELECT count(*) FROM outbox WHERE state = 'queued'", e);

	*n = 0;
	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_fail(t->s, e, "cannot count the outbox");
	}
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}
