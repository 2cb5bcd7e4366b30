/* pending.c: the derived rows a write transaction owes — the triage facts,
 * reporter counts and full-text rows of the reports it wrote — made once,
 * set-based, before the commit instead of by a trigger per row: a sync
 * batch of thousands of reports then costs a few statements, and the
 * full-text rows go in back to back, as one FTS5 segment. */
#include "store_priv.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Beyond this many bytes of staged text the full-text rows are written
 * before the commit, so that a long transaction keeps memory flat. */
enum { FTS_PENDING_MAX = 16 << 20 };

struct fts_row {
	int64_t id;
	char *subject, *body;
};

/* Report ids as runs of consecutive ids: a batch is one or a few runs. */
struct run {
	int64_t lo, hi;
};

struct store_pending {
	struct run *runs;
	size_t n_runs, cap_runs;
	struct fts_row *fts;
	size_t n_fts, cap_fts;
	size_t fts_bytes;
};

/* One report row and each in-scope IP of it, or one row of kind 1 (only
 * out-of-scope IPs) or 2 (none); see schema.c, step 3. LATE is what
 * schema 11 added (", harm, deadline") and LATE_VALUES its values. */
#define FACT_FILL(HUMAN, DATED, LATE, LATE_VALUES)                             \
	"INSERT INTO triage_fact(mid, ip, kind, rid, category, human,"         \
	" has_action, t, gone" LATE ") SELECT r.message_id, g.ip, g.kind,"     \
	" r.reporter_id, r.category, " HUMAN                                   \
	", coalesce(r.action, '') <> '', " DATED ", m.gone" LATE_VALUES        \
	" FROM (SELECT message_id AS mid, ip,"                                 \
	" 0 AS kind FROM report_ip WHERE message_id BETWEEN ?1 AND ?2"         \
	" AND in_scope UNION ALL SELECT r2.message_id, NULL, CASE WHEN EXISTS" \
	" (SELECT 1 FROM report_ip x WHERE x.message_id = r2.message_id)"      \
	" THEN 1 ELSE 2 END FROM report r2 WHERE r2.message_id BETWEEN ?1"     \
	" AND ?2 AND NOT EXISTS (SELECT 1 FROM report_ip x"                    \
	" WHERE x.message_id = r2.message_id AND x.in_scope)) g"               \
	" JOIN report r ON r.message_id = g.mid JOIN message m ON m.id = "     \
	"g.mid"

/* The counts that decide noise, once per reporter of the run. */
#define STAT_ADD(AUTOMATED)                                                    \
	"INSERT INTO reporter_stat(rid, n, automated) SELECT r.reporter_id,"   \
	" count(*), sum(" AUTOMATED ") FROM report r"                          \
	" WHERE r.message_id BETWEEN ?1 AND ?2 AND r.reporter_id IS NOT NULL"  \
	" GROUP BY r.reporter_id ON CONFLICT(rid) DO UPDATE SET"               \
	" n = n + excluded.n, automated = automated + excluded.automated"

static const char fact_fill_sql[] =
    FACT_FILL("r.human", "m.dated", ", harm, deadline", ", r.harm, r.deadline");
static const char stat_add_sql[] = STAT_ADD("r.automated");
/* Caches opened at a schema before 11 (migration tests) have no harm and
 * deadline; before 10 neither the analysis' own facts nor message.dated:
 * what the store worked out then. */
static const char fact_fill_v10_sql[] = FACT_FILL("r.human", "m.dated", "", "");
static const char fact_fill_v9_sql[] = FACT_FILL(
    "r.format IN ('plain', 'forwarded')",
    "CASE WHEN m.date > 0 THEN m.date ELSE m.internal_date END", "", "");
static const char stat_add_v9_sql[] = STAT_ADD(STORE_AUTOMATED_V3("r"));

static struct store_pending *pending(struct store *s)
{
	if (!s->pending)
		s->pending = xcalloc(1, sizeof *s->pending);
	return s->pending;
}

static void fts_rows_free(struct store_pending *p)
{
	for (size_t i = 0; i < p->n_fts; i++) {
		free(p->fts[i].subject);
		free(p->fts[i].body);
	}
	p->n_fts = 0;
	p->fts_bytes = 0;
}

static void stage_id(struct store_pending *p, int64_t id)
{
	struct run *last = p->n_runs ? &p->runs[p->n_runs - 1] : NULL;

	if (last && id == last->hi + 1) {
		last->hi = id;
		return;
	}
	if (p->n_runs == p->cap_runs) {
		p->cap_runs = p->cap_runs ? p->cap_runs * 2 : 16;
		p->runs = xreallocarray(p->runs, p->cap_runs, sizeof *p->runs);
	}
	p->runs[p->n_runs++] = (struct run){id, id};
}

static void stage_fts(struct store_pending *p, int64_t id,
		      const struct report *r)
{
	struct fts_row *f;

	if (p->n_fts == p->cap_fts) {
		p->cap_fts = p->cap_fts ? p->cap_fts * 2 : 256;
		p->fts = xreallocarray(p->fts, p->cap_fts, sizeof *p->fts);
	}
	f = &p->fts[p->n_fts++];
	f->id = id;
	f->subject = r->subject ? xstrdup(r->subject) : NULL;
	f->body = r->text ? xstrdup(r->text) : NULL;
	p->fts_bytes += (r->subject ? strlen(r->subject) : 0) +
			(r->text ? strlen(r->text) : 0);
}

static int fts_flush(struct store *s, struct err *e)
{
	struct store_pending *p = s->pending;
	sqlite3_stmt *st;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < p->n_fts; i++) {
		st = store_stmt(s, ST_FTS_INSERT,
				"INSERT INTO message_fts(rowid, subject, body)"
				" VALUES(?, ?, ?)",
				e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, p->fts[i].id);
		store_bind_text(st, 2, p->fts[i].subject);
		store_bind_text(st, 3, p->fts[i].body);
		rc = store_exec(s, st, e, "cannot index a message for search");
	}
	fts_rows_free(p);
	return rc;
}

void store_pending_report(struct store *s, int64_t id)
{
	stage_id(pending(s), id);
}

int store_search_add(struct store *s, int64_t message_id,
		     const struct report *r, struct err *e)
{
	struct store_pending *p = pending(s);

	stage_fts(p, message_id, r);
	return p->fts_bytes > FTS_PENDING_MAX ? fts_flush(s, e) : 0;
}

/* What is staged is written first: the reset takes it away as well. */
int store_search_reset(struct store *s, struct err *e)
{
	sqlite3_stmt *st;

	if (store_pending_flush(s, e) < 0)
		return -1;
	st = store_stmt(s, ST_FTS_RESET,
			"INSERT INTO message_fts(message_fts)"
			" VALUES('delete-all')",
			e);
	if (!st)
		return -1;
	return store_exec(s, st, e, "cannot empty the search index");
}

bool store_pending_has(struct store *s, int64_t id)
{
	struct store_pending *p = s->pending;

	for (size_t i = 0; p && i < p->n_runs; i++)
		if (id >= p->runs[i].lo && id <= p->runs[i].hi)
			return true;
	return false;
}

static int run_range(struct store *s, enum store_stmt id, const char *sql,
		     const struct run *r, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, id, sql, e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, r->lo);
	sqlite3_bind_int64(st, 2, r->hi);
	return store_exec(s, st, e, "cannot update the triage facts");
}

static int fact_fill(struct store *s, const struct run *r, struct err *e)
{
	if (s->version >= 11)
		return run_range(s, ST_FACT_FILL, fact_fill_sql, r, e);
	if (s->version >= 10)
		return run_range(s, ST_FACT_FILL_V10, fact_fill_v10_sql, r, e);
	return run_range(s, ST_FACT_FILL_V9, fact_fill_v9_sql, r, e);
}

/* A run's facts are made afresh (a report written twice in one
 * transaction is flushed in between, see store_report_delete()). */
static int facts_flush(struct store *s, struct err *e)
{
	struct store_pending *p = s->pending;
	bool v10 = s->version >= 10;
	sqlite3_stmt *st;

	for (size_t i = 0; i < p->n_runs; i++) {
		const struct run *r = &p->runs[i];
		if (run_range(s, ST_FACT_CLEAR,
			      "DELETE FROM triage_fact"
			      " WHERE mid BETWEEN ?1 AND ?2",
			      r, e) < 0 ||
		    fact_fill(s, r, e) < 0 ||
		    run_range(s, v10 ? ST_STAT_ADD : ST_STAT_ADD_V9,
			      v10 ? stat_add_sql : stat_add_v9_sql, r, e) < 0)
			return -1;
	}
	st = store_stmt(s, ST_VERSION_BUMP,
			"UPDATE triage_version SET v = v + 1, fv = fv + 1", e);
	if (!st)
		return -1;
	p->n_runs = 0;
	return store_exec(s, st, e, "cannot update the triage facts");
}

int store_pending_flush(struct store *s, struct err *e)
{
	struct store_pending *p = s->pending;

	if (!p || (!p->n_runs && !p->n_fts))
		return 0;
	if (s->version < 4)
		p->n_runs = 0; /* no triage tables, or triggers keep them */
	if (p->n_runs && facts_flush(s, e) < 0)
		return -1;
	return fts_flush(s, e);
}

void store_pending_drop(struct store *s)
{
	struct store_pending *p = s->pending;

	if (!p)
		return;
	fts_rows_free(p);
	p->n_runs = 0;
}

void store_pending_free(struct store *s)
{
	struct store_pending *p = s->pending;

	if (!p)
		return;
	fts_rows_free(p);
	free(p->fts);
	free(p->runs);
	free(p);
	s->pending = NULL;
}
