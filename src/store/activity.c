/* activity.c: reports per week about one IP, counted by SQLite over the
 * triage facts through their (kind, ip) index, so that the cost follows
 * the reports of that IP, not the size of the cache. */
#include "store/activity.h"
#include "store_priv.h"

#include <string.h>

#define WEEK ((int64_t)7 * 24 * 3600)

int store_activity(struct store *s, const char *ip, int64_t end,
		   int64_t counts[STORE_ACTIVITY_WEEKS], struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_TRIAGE_ACTIVITY,
		       "SELECT (?2 - t) / ?3, count(*) FROM triage_fact"
		       " WHERE kind = 0 AND ip = ?1 AND gone = 0"
		       " AND t > ?2 - ?3 * ?4 AND t <= ?2 GROUP BY 1",
		       e);
	int rc;

	memset(counts, 0, STORE_ACTIVITY_WEEKS * sizeof *counts);
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, ip, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, end);
	sqlite3_bind_int64(st, 3, WEEK);
	sqlite3_bind_int64(st, 4, STORE_ACTIVITY_WEEKS);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t w = sqlite3_column_int64(st, 0);
		if (w >= 0 && w < STORE_ACTIVITY_WEEKS)
			counts[STORE_ACTIVITY_WEEKS - 1 - w] =
			    sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0
				 : store_fail(s, e, "cannot count the reports");
}
