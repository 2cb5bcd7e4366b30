/* query.c: the cache's counts and its full-text search. The groups and
 * their reports are read through triage.h, by the screen and `list`
 * alike. */
#include "store_priv.h"
#include "core/xalloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int store_counts(struct store *s, struct store_counts *out, struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_COUNTS,
		       "SELECT (SELECT count(*) FROM message),"
		       " (SELECT count(*) FROM report r JOIN message m"
		       " ON m.id = r.message_id WHERE m.gone = 0),"
		       " (SELECT count(*) FROM (SELECT DISTINCT kind, ip"
		       " FROM triage_fact WHERE NOT gone))",
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
	return store_search_slice(s, query, 0, 0, ids, n, e);
}

int store_search_slice(struct store *s, const char *query, int64_t before,
		       size_t max, int64_t **ids, size_t *n, struct err *e)
{
	/* FTS5 walks its rowids in order and stops at the LIMIT: no sort. */
	sqlite3_stmt *st =
	    store_stmt(s, ST_SEARCH,
		       "SELECT rowid FROM message_fts"
		       " WHERE message_fts MATCH ?1 AND rowid < ?2"
		       " ORDER BY rowid DESC LIMIT ?3",
		       e);
	char *what;
	int rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return -1;
	store_bind_text(st, 1, query);
	sqlite3_bind_int64(st, 2, before > 0 ? before : INT64_MAX);
	sqlite3_bind_int64(
	    st, 3, max > 0 && max <= (size_t)INT64_MAX ? (int64_t)max : -1);
	what = xasprintf("cannot search for \"%s\"", query);
	rc = store_collect_ids(s, st, ids, n, what, e);
	free(what);
	return rc;
}
