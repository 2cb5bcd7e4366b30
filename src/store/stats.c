/* stats.c: the aggregate counts behind `abusedesk stats`, over the reports
 * whose messages are still on the server (expunged ones are no work). */
#include "store/stats.h"
#include "store_priv.h"
#include "core/xalloc.h"

#include <stdlib.h>

/* Joins R's message when it is still on the server. */
/* clang-format off */
#define PRESENT(R)                                                             \
	" JOIN message " R "m ON " R "m.id = " R ".message_id"                 \
	" AND " R "m.gone = 0"

static const char categories_sql[] =
	"SELECT coalesce(r.category, 'other'), coalesce(r.type, 'other'),"
	" count(*), (SELECT count(DISTINCT ri.ip) FROM report r2" PRESENT("r2")
	"  JOIN report_ip ri ON ri.message_id = r2.message_id AND ri.in_scope"
	"  WHERE coalesce(r2.category, 'other') = coalesce(r.category, 'other')"
	"  AND coalesce(r2.type, 'other') = coalesce(r.type, 'other'))"
	" FROM report r" PRESENT("r") " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2";

static const char reporters_sql[] =
	"SELECT coalesce(rep.domain, '(unknown)'), count(*),"
	" (SELECT count(DISTINCT ri.ip) FROM report r2" PRESENT("r2")
	"  JOIN report_ip ri ON ri.message_id = r2.message_id AND ri.in_scope"
	"  WHERE r2.reporter_id IS r.reporter_id),"
	" sum(coalesce(r.action, '') <> ''),"
	" max(m.dated)"
	" FROM report r JOIN message m ON m.id = r.message_id AND m.gone = 0"
	" LEFT JOIN reporter rep ON rep.id = r.reporter_id"
	" GROUP BY r.reporter_id ORDER BY 2 DESC, 1";
/* clang-format on */

static void category_read(sqlite3_stmt *st, void *row)
{
	struct stats_category *c = row;

	c->category = store_column_dup(st, 0);
	c->type = store_column_dup(st, 1);
	c->reports = sqlite3_column_int64(st, 2);
	c->ips = sqlite3_column_int64(st, 3);
}

static void reporter_read(sqlite3_stmt *st, void *row)
{
	struct stats_reporter *r = row;

	r->domain = store_column_dup(st, 0);
	r->reports = sqlite3_column_int64(st, 1);
	r->ips = sqlite3_column_int64(st, 2);
	r->with_action = sqlite3_column_int64(st, 3);
	r->last_seen = sqlite3_column_int64(st, 4);
}

int stats_categories(struct store *s, struct stats_category **out, size_t *n,
		     struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_STATS_CATEGORIES, categories_sql, e);
	void *v = NULL;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	if (store_collect(s, st, sizeof **out, category_read, &v, n,
			  "cannot count reports", e) < 0) {
		stats_categories_free(v, *n);
		*n = 0;
		return -1;
	}
	*out = v;
	return 0;
}

void stats_categories_free(struct stats_category *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].category);
		free(v[i].type);
	}
	free(v);
}

int stats_reporters(struct store *s, struct stats_reporter **out, size_t *n,
		    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_STATS_REPORTERS, reporters_sql, e);
	void *v = NULL;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	if (store_collect(s, st, sizeof **out, reporter_read, &v, n,
			  "cannot count reports", e) < 0) {
		stats_reporters_free(v, *n);
		*n = 0;
		return -1;
	}
	*out = v;
	return 0;
}

void stats_reporters_free(struct stats_reporter *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i].domain);
	free(v);
}
