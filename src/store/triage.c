/* triage.c: the triage handle and its noise reporters. Noise is decided in
 * C from per-reporter counts (reporter_stat) by one rule, and the noise
 * reporters are kept in a temporary table that the queries join. The
 * lists of the groups screen are in triage_lists.c, a group's reports in
 * triage_rows.c. */
#include "triage_priv.h"
#include "store/reporter_noise.h"
#include "analysis/bulk.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void triage_rule_from_config(struct triage_noise_rule *rule,
			     const struct config *c)
{
	rule->always = (const char *const *)c->noise.reporters.v;
	rule->n_always = c->noise.reporters.n;
	rule->never = (const char *const *)c->noise.never.v;
	rule->n_never = c->noise.never.n;
	rule->min_reports = c->noise.min_reports;
	rule->bulk_share = c->noise.bulk_share;
	rule->known = bulk_known();
}

static bool in_list(const char *const *v, size_t n, const char *domain)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(v[i], domain) == 0)
			return true;
	return false;
}

/* What a reporter's reports say of it: how many, how many look
 * automated, and how many carry a known bulk reporter's signature (and
 * that reporter's why). */
struct reporter_counts {
	int64_t n;
	int64_t automated;
	int64_t bulk;
	const char *bulk_why;
};

/* The counts beside each reporter row: reporter_stat's, and the reports
 * with a signature through their partial index. */
#define REPORTER_COUNTS                                                        \
	" coalesce(rs.n, 0), coalesce(rs.automated, 0), coalesce(b.n, 0),"     \
	" b.why FROM reporter rep"                                             \
	" LEFT JOIN reporter_stat rs ON rs.rid = rep.id"                       \
	" LEFT JOIN (SELECT reporter_id AS rid, count(*) AS n,"                \
	" max(bulk) AS why FROM report WHERE bulk IS NOT NULL"                 \
	" GROUP BY reporter_id) b ON b.rid = rep.id"

static void counts_at(sqlite3_stmt *st, int col, struct reporter_counts *c)
{
	c->n = sqlite3_column_int64(st, col);
	c->automated = sqlite3_column_int64(st, col + 1);
	c->bulk = sqlite3_column_int64(st, col + 2);
	c->bulk_why = (const char *)sqlite3_column_text(st, col + 3);
}

/* The known bulk reporter it is: by its domain, else by the signature
 * that most of its reports carry. */
static const char *known_bulk(const struct triage_noise_rule *rule,
			      const char *domain,
			      const struct reporter_counts *c)
{
	const struct bulk_entry *b =
	    bulk_list_domain(rule->known ? rule->known : bulk_known(), domain);

	if (b)
		return b->why;
	if (c->bulk > 0 && 2 * c->bulk >= c->n)
		return c->bulk_why;
	return NULL;
}

/* The one noise rule: whether a reporter is noise, and why as a phrase
 * for its row (into out, when out is not NULL). */
static bool noise_reason(const struct triage_noise_rule *rule,
			 const char *domain, enum store_noise_mode mode,
			 const struct reporter_counts *c, char *out,
			 size_t size)
{
	const char *known = known_bulk(rule, domain, c);
	char pct[48];
	const char *why;

	if (mode == STORE_NOISE_NEVER ||
	    in_list(rule->never, rule->n_never, domain))
		return false;
	if (mode == STORE_NOISE_MARKED)
		why = "marked by you";
	else if (in_list(rule->always, rule->n_always, domain))
		why = "in [noise] reporters";
	else if (known)
		why = known;
	else if (c->n >= rule->min_reports &&
		 (double)c->automated >= rule->bulk_share * (double)c->n)
		why = NULL;
	else
		return false;
	if (!out)
		return true;
	if (!why) {
		snprintf(pct, sizeof pct, "%lld reports, %d%% automated",
			 (long long)c->n, (int)(100 * c->automated / c->n));
		why = pct;
	}
	snprintf(out, size, "%s", why);
	return true;
}

static bool is_noise(const struct triage_noise_rule *rule, const char *domain,
		     enum store_noise_mode mode,
		     const struct reporter_counts *c)
{
	return noise_reason(rule, domain, mode, c, NULL, 0);
}

static int triage_noise_why_read(struct triage *t, const char *domain,
				 char *out, size_t size, struct err *e);

/* What triage_refresh() read of each noise reporter, by domain; c's
 * bulk_why points into bulk_why, a copy of the row's text. */
struct noise_fact {
	char *domain;
	enum store_noise_mode mode;
	struct reporter_counts c;
	char *bulk_why;
};

static int cmp_noise_fact(const void *a, const void *b)
{
	return strcmp(((const struct noise_fact *)a)->domain,
		      ((const struct noise_fact *)b)->domain);
}

static void noise_facts_free(struct triage *t)
{
	for (size_t i = 0; i < t->n_noise_facts; i++) {
		free(t->noise_facts[i].domain);
		free(t->noise_facts[i].bulk_why);
	}
	free(t->noise_facts);
	t->noise_facts = NULL;
	t->n_noise_facts = 0;
}

int triage_noise_why(struct triage *t, const char *domain, char *out,
		     size_t size, struct err *e)
{
	struct noise_fact key = {.domain = (char *)domain}, *f;

	/* The screen asks for each noise reporter on each reload: from
	 * what the last refresh read, without a query each. */
	f = t->n_noise_facts ? bsearch(&key, t->noise_facts, t->n_noise_facts,
				       sizeof key, cmp_noise_fact)
			     : NULL;
	if (f)
		return noise_reason(t->rule, domain, f->mode, &f->c, out, size);
	return triage_noise_why_read(t, domain, out, size, e);
}

static int triage_noise_why_read(struct triage *t, const char *domain,
				 char *out, size_t size, struct err *e)
{
	sqlite3_stmt *st = store_stmt(t->s, ST_TRIAGE_NOISE_WHY,
				      "SELECT rep.noise_mode," REPORTER_COUNTS
				      " WHERE rep.domain = ?",
				      e);
	bool found = false;

	out[0] = '\0';
	if (!st)
		return -1;
	store_bind_text(st, 1, domain);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *mode = (const char *)sqlite3_column_text(st, 0);
		struct reporter_counts c;
		counts_at(st, 1, &c);
		found = noise_reason(t->rule, domain,
				     store_noise_mode_from_name(mode), &c, out,
				     size);
	}
	sqlite3_reset(st);
	return found;
}

static int noise_add(struct triage *t, int64_t id, struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(t->s, ST_TRIAGE_NOISE_ADD,
		       "INSERT INTO temp.triage_noise VALUES(?)", e);

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
	sqlite3_stmt *st = store_stmt(
	    t->s, ST_TRIAGE_REPORTERS,
	    "SELECT rep.id, rep.domain, rep.noise_mode," REPORTER_COUNTS
	    " ORDER BY rep.id",
	    e);
	struct buf key = BUF_INIT;
	int64_t *ids = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	if (!st)
		return -1;
	noise_facts_free(t);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *dom = (const char *)sqlite3_column_text(st, 1);
		const char *mode = (const char *)sqlite3_column_text(st, 2);
		struct noise_fact f = {.domain = xstrdup(dom ? dom : ""),
				       .mode =
					   store_noise_mode_from_name(mode)};
		counts_at(st, 3, &f.c);
		f.bulk_why = f.c.bulk_why ? xstrdup(f.c.bulk_why) : NULL;
		f.c.bulk_why = f.bulk_why;
		if (!is_noise(t->rule, f.domain, f.mode, &f.c)) {
			free(f.domain);
			free(f.bulk_why);
			continue;
		}
		if (n == cap) { /* room by doubling: hundreds of rows */
			cap = cap ? cap * 2 : 64;
			t->noise_facts = xreallocarray(t->noise_facts, cap,
						       sizeof *t->noise_facts);
			ids = xreallocarray(ids, cap, sizeof *ids);
		}
		t->noise_facts[n] = f;
		t->n_noise_facts = n + 1;
		ids[n++] = sqlite3_column_int64(st, 0);
		buf_printf(&key, "%s%lld", n > 1 ? "," : "",
			   (long long)ids[n - 1]);
	}
	sqlite3_reset(st);
	if (t->n_noise_facts)
		qsort(t->noise_facts, t->n_noise_facts, sizeof *t->noise_facts,
		      cmp_noise_fact);
	free(t->noise_key);
	t->noise_key = buf_steal(&key);
	/* After new mail the set is mostly the same: the table stays. */
	if (n == t->n_noise_ids && t->noise_ids &&
	    (!n || memcmp(ids, t->noise_ids, n * sizeof *ids) == 0)) {
		free(ids);
		return 0;
	}
	st = store_stmt(t->s, ST_TRIAGE_NOISE_CLEAR,
			"DELETE FROM temp.triage_noise", e);
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
	t->last_open = true;
	t->kept_given = -1;
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
	if (triage_rows_attach(t) != SQLITE_OK || triage_refresh(t, e) < 0) {
		if (!e || !e->msg[0])
			store_fail(s, e, "cannot set up the triage queries");
		triage_free(t);
		return NULL;
	}
	return t;
}

void triage_free(struct triage *t)
{
	if (!t)
		return;
	if (t->keep_later)
		triage_lists_keep_now(t);
	triage_rows_detach(t);
	noise_facts_free(t);
	free(t->noise_key);
	free(t->noise_ids);
	triage_scan_free(t->scan);
	free(t);
}
