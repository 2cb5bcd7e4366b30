/* query.c: the reads the command line and the screens make — groups of
 * reports by offending IP, a group's messages, counts, full-text search.
 * A report's time is its Date: header, else when the server received it. */
#include "store_priv.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reports with their time, leaving out those expunged on the server (kept
 * for review, but no open work); then each one under every in-scope IP it
 * names, or under the no-IP group (ip NULL) when it names none. */
#define GROUPED_REPORTS                                                        \
	"WITH r AS (SELECT r.message_id, r.category, r.reporter_id,"           \
	" CASE WHEN m.date > 0 THEN m.date ELSE m.internal_date END AS t"      \
	" FROM report r JOIN message m ON m.id = r.message_id"                 \
	" WHERE m.gone = 0),"                                                  \
	" g AS (SELECT ri.ip AS ip, 0 AS no_ip, r.* FROM report_ip ri"         \
	" JOIN r ON r.message_id = ri.message_id WHERE ri.in_scope"            \
	" UNION ALL SELECT NULL, 1, r.* FROM r WHERE NOT EXISTS"               \
	" (SELECT 1 FROM report_ip ri WHERE ri.message_id = r.message_id"      \
	" AND ri.in_scope))"

static const char groups_sql[] = GROUPED_REPORTS
    " SELECT g.ip, g.no_ip, count(DISTINCT g.message_id),"
    " count(DISTINCT g.reporter_id), coalesce(group_concat(DISTINCT"
    " g.category), ''), coalesce(group_concat(DISTINCT rep.domain), ''),"
    " min(g.t), max(g.t), coalesce(st.state, 'open')"
    " FROM g LEFT JOIN reporter rep ON rep.id = g.reporter_id"
    " LEFT JOIN ip_state st ON st.ip = g.ip"
    " GROUP BY g.ip ORDER BY max(g.t) DESC, g.ip";

static void group_read(sqlite3_stmt *st, void *row)
{
	struct store_group *g = row;
	const unsigned char *ip = sqlite3_column_text(st, 0);
	const unsigned char *state = sqlite3_column_text(st, 8);

	memset(g, 0, sizeof *g);
	if (ip)
		snprintf(g->ip, sizeof g->ip, "%s", (const char *)ip);
	g->no_ip = sqlite3_column_int(st, 1);
	g->n_reports = sqlite3_column_int64(st, 2);
	g->n_reporters = sqlite3_column_int64(st, 3);
	g->categories = store_column_dup(st, 4);
	g->reporters = store_column_dup(st, 5);
	g->first_seen = sqlite3_column_int64(st, 6);
	g->last_seen = sqlite3_column_int64(st, 7);
	snprintf(g->state, sizeof g->state, "%s",
		 state ? (const char *)state : "open");
}

int store_groups(struct store *s, struct store_group **out, size_t *n,
		 struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_GROUPS, groups_sql, e);
	void *v = NULL;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	if (store_collect(s, st, sizeof **out, group_read, &v, n,
			  "cannot read the groups", e) < 0) {
		store_groups_free(v, *n);
		*n = 0;
		return -1;
	}
	*out = v;
	return 0;
}

void store_groups_free(struct store_group *g, size_t n)
{
	for (size_t i = 0; g && i < n; i++) {
		free(g[i].categories);
		free(g[i].reporters);
	}
	free(g);
}

#define MESSAGE_ROW_COLUMNS                                                    \
	"SELECT m.id, CASE WHEN m.date > 0 THEN m.date ELSE m.internal_date"   \
	" END AS t, m.from_addr, m.subject, rep.domain, r.category, r.type,"   \
	" r.problem, m.gone FROM report r JOIN message m"                      \
	" ON m.id = r.message_id LEFT JOIN reporter rep"                       \
	" ON rep.id = r.reporter_id"

static void message_row_read(sqlite3_stmt *st, void *row)
{
	struct store_message_row *m = row;
	m->id = sqlite3_column_int64(st, 0);
	m->date = sqlite3_column_int64(st, 1);
	m->from_addr = store_column_dup(st, 2);
	m->subject = store_column_dup(st, 3);
	m->reporter = store_column_dup(st, 4);
	m->category = store_column_dup(st, 5);
	m->type = store_column_dup(st, 6);
	m->problem = store_column_dup(st, 7);
	m->gone = sqlite3_column_int(st, 8);
}

static sqlite3_stmt *group_messages_stmt(struct store *s, const char *ip,
					 struct err *e)
{
	sqlite3_stmt *st;

	if (!ip)
		return store_stmt(
		    s, ST_NOIP_MESSAGES,
		    MESSAGE_ROW_COLUMNS
		    " WHERE NOT EXISTS (SELECT 1 FROM report_ip ri"
		    " WHERE ri.message_id = r.message_id"
		    " AND ri.in_scope) ORDER BY t DESC, m.id DESC",
		    e);
	/* triage_fact holds each in-scope IP of a report as kind 0. */
	st = store_stmt(s, ST_GROUP_MESSAGES,
			MESSAGE_ROW_COLUMNS
			" JOIN triage_fact tf ON tf.mid = r.message_id"
			" WHERE tf.kind = 0 AND tf.ip = ?"
			" ORDER BY t DESC, m.id DESC",
			e);
	if (st)
		store_bind_text(st, 1, ip);
	return st;
}

int store_group_messages(struct store *s, const char *ip,
			 struct store_message_row **out, size_t *n,
			 struct err *e)
{
	sqlite3_stmt *st = group_messages_stmt(s, ip, e);
	void *v = NULL;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	if (store_collect(s, st, sizeof **out, message_row_read, &v, n,
			  "cannot read a group's messages", e) < 0) {
		store_message_rows_free(v, *n);
		*n = 0;
		return -1;
	}
	*out = v;
	return 0;
}

void store_message_rows_free(struct store_message_row *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++) {
		free(rows[i].from_addr);
		free(rows[i].subject);
		free(rows[i].reporter);
		free(rows[i].category);
		free(rows[i].type);
		free(rows[i].problem);
	}
	free(rows);
}

int store_counts(struct store *s, struct store_counts *out, struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_COUNTS,
	    "SELECT (SELECT count(*) FROM message),"
	    " (SELECT count(*) FROM report r JOIN message m"
	    " ON m.id = r.message_id WHERE m.gone = 0),"
	    " (SELECT count(DISTINCT ri.ip) FROM report_ip ri JOIN message m"
	    " ON m.id = ri.message_id WHERE ri.in_scope AND m.gone = 0)"
	    " + EXISTS (SELECT 1 FROM report r JOIN message m"
	    " ON m.id = r.message_id WHERE m.gone = 0 AND NOT EXISTS"
	    " (SELECT 1 FROM report_ip ri WHERE ri.message_id = r.message_id"
	    " AND ri.in_scope))",
	    e);

	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		store_fail(s, e, "cannot count the reports");
		sqlite3_reset(st);
		return -1;
	}
	out->messages = sqlite3_column_int64(st, 0);
	out->reports = sqlite3_column_int64(st, 1);
	out->groups = sqlite3_column_int64(st, 2);
	sqlite3_reset(st);
	return 0;
}

int store_search(struct store *s, const char *query, int64_t **ids, size_t *n,
		 struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_SEARCH,
		       "SELECT rowid FROM message_fts"
		       " WHERE message_fts MATCH ? ORDER BY rank",
		       e);
	char *what;
	int rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return -1;
	store_bind_text(st, 1, query);
	what = xasprintf("cannot search for \"%s\"", query);
	rc = store_collect_ids(s, st, ids, n, what, e);
	free(what);
	return rc;
}
