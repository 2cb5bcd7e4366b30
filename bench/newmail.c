/* newmail.c: new mail into a bench cache, as the sync worker stores it,
 * and what it costs the store's side of the screen.
 *   newmail --add DB N [IP]  stores N reports copied from random existing
 *                            ones (same bytes, new uids), in one
 *                            transaction; all about IP when given (a big
 *                            group for the decisions' figures)
 *   newmail --clean DB       deletes every report --add stored
 *   newmail DB [BATCHES [N]] opens the cache as the screen does, then
 *                            BATCHES times adds N reports from a second
 *                            connection and times the screen's store
 *                            calls after it (noise reporters, the groups
 *                            that changed); cleans up after. Prints
 *                            "newmail batch n=... p50=... p99=... max=...".
 * bench/tui.sh times the whole frame with --replay's <Mail>. */
#include "analysis/report.h"
#include "core/config.h"
#include "core/err.h"
#include "store/store.h"
#include "store/triage.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define UID_BASE 3000000000u

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void print_ms(const char *what, double *v, size_t n)
{
	if (!n)
		return;
	qsort(v, n, sizeof *v, cmp_d);
	printf("newmail %s n=%zu p50=%.2fms p99=%.2fms max=%.2fms\n", what, n,
	       v[(n - 1) / 2], v[(n * 99 + 99) / 100 - 1], v[n - 1]);
}

/* The store's side of what the groups screen does when the worker says
 * reports were added: the groups that changed since mark. */
static int screen_reload(struct triage *t, struct triage_mark *mark,
			 struct err *e)
{
	struct triage_query q = {NULL, NULL, true};
	struct triage_group *g;
	struct triage_noise *z;
	size_t ng, nz;

	int rc;

	if (triage_refresh(t, e) < 0)
		return -1;
	rc = triage_lists_changed(t, &q, mark, &g, &ng, &z, &nz, e);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		if (triage_lists(t, &q, &g, &ng, &z, &nz, e) < 0)
			return -1;
		triage_lists_mark(t, mark);
	}
	triage_groups_sort(g, ng, CONFIG_SORT_URGENCY);
	triage_groups_free(g, ng);
	triage_noise_free(z, nz);
	return 0;
}

/* N reports copied from random existing ones, in one transaction. */
static int add_batch(struct store *w, int64_t max_id, uint32_t *uid, int n,
		     const char *ip, struct err *e)
{
	if (store_begin(w, e) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		int64_t src =
		    1 + (int64_t)((unsigned)rand() % (unsigned)max_id);
		struct report *r = NULL;
		char *raw = NULL;
		size_t len = 0;
		bool added;
		int rc = store_report_get(w, src, &r, e);
		if (rc > 0)
			rc = store_message_raw(w, src, &raw, &len, e);
		if (rc > 0 && ip) {
			r->n_ips = 0;
			report_add_ip(r, ip, true);
		}
		if (rc > 0) {
			struct store_message_in m = {
			    1,	 (*uid)++, (int64_t)time(NULL), NULL, 0, raw,
			    len, NULL};
			rc = store_message_add(w, &m, r, NULL, &added, e);
		}
		report_free(r);
		free(raw);
		if (rc < 0) {
			store_rollback(w);
			return -1;
		}
	}
	return store_commit(w, e);
}

/* One number the query gives (-1 when it cannot be read). */
static int64_t one(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
		SQLITE_OK &&
	    sqlite3_busy_timeout(db, 10000) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

/* The copies (uids from UID_BASE) go again; their facts with them. */
static int cleanup(const char *path)
{
	sqlite3 *db;
	char sql[160];
	int rc = -1;

	snprintf(sql, sizeof sql,
		 "PRAGMA foreign_keys=ON; DELETE FROM message WHERE uid >= %u",
		 UID_BASE);
	if (sqlite3_open(path, &db) == SQLITE_OK &&
	    sqlite3_busy_timeout(db, 10000) == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0
									  : -1;
	sqlite3_close(db);
	return rc;
}

static void checkpoint(const char *path)
{
	sqlite3 *db;

	if (sqlite3_open(path, &db) == SQLITE_OK)
		sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL,
			     NULL);
	sqlite3_close(db);
}

/* Where the next copy's uid starts, and the ids copies are taken from. */
static int sources(const char *path, uint32_t *uid, int64_t *max_id)
{
	char sql[96];
	int64_t u;

	snprintf(sql, sizeof sql, "SELECT max(id) FROM message WHERE uid < %u",
		 UID_BASE);
	*max_id = one(path, sql);
	u = one(path, "SELECT coalesce(max(uid), 0) FROM message");
	*uid = u >= UID_BASE ? (uint32_t)u + 1 : UID_BASE;
	if (*max_id > 0)
		return 0;
	fprintf(stderr, "newmail: %s: no messages\n", path);
	return -1;
}

static int add_only(const char *path, int n, const char *ip)
{
	struct err e = {{0}};
	struct store *w;
	uint32_t uid;
	int64_t max_id;
	int rc = -1;

	if (sources(path, &uid, &max_id) < 0)
		return 1;
	srand((unsigned)uid);
	if ((w = store_open(path, &e)))
		rc = add_batch(w, max_id, &uid, n, ip, &e);

	if (rc < 0)
		fprintf(stderr, "newmail: %s\n", e.msg);
	store_close(w);
	/* Into the file now, as the sync's own commits would have: the
	 * screen's next write does not pay for checkpointing this one. */
	if (rc == 0)
		checkpoint(path);
	return rc < 0;
}

static int timed(const char *path, int batches, int n)
{
	struct err e = {{0}};
	struct config *cfg = config_new();
	struct triage_noise_rule rule;
	struct triage_mark mark = {0, 0, -1};
	struct store *s, *w = NULL;
	struct triage *t = NULL;
	double *v = calloc((size_t)(batches > 0 ? batches : 1), sizeof *v);
	uint32_t uid;
	int64_t max_id;
	int rc = 1, k = 0;

	if (sources(path, &uid, &max_id) < 0)
		return 1;
	srand(1);
	triage_rule_from_config(&rule, cfg);
	if (!(s = store_open(path, &e)) || !(w = store_open(path, &e)) ||
	    !(t = triage_open(s, &rule, &e)) || triage_prepare(t, &e) < 0 ||
	    screen_reload(t, &mark, &e) < 0)
		goto out;
	for (k = 0; k < batches; k++) {
		double t0;
		if (add_batch(w, max_id, &uid, n, NULL, &e) < 0)
			goto out;
		t0 = now_ms();
		if (screen_reload(t, &mark, &e) < 0)
			goto out;
		v[k] = now_ms() - t0;
	}
	print_ms("batch", v, (size_t)k);
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "newmail: %s\n", e.msg);
	triage_free(t);
	store_close(w);
	store_close(s);
	config_free(cfg);
	free(v);
	if (cleanup(path) < 0) {
		fprintf(stderr, "newmail: cannot delete the copies\n");
		rc = 1;
	}
	return rc;
}

int main(int argc, char **argv)
{
	if (argc >= 4 && strcmp(argv[1], "--add") == 0)
		return add_only(argv[2], atoi(argv[3]),
				argc > 4 ? argv[4] : NULL);
	if (argc == 3 && strcmp(argv[1], "--clean") == 0)
		return cleanup(argv[2]) < 0;
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr,
			"usage: newmail --add DB N [IP] | newmail --clean "
			"DB | newmail DB [BATCHES [N]]\n");
		return 2;
	}
	return timed(argv[1], argc > 2 ? atoi(argv[2]) : 10,
		     argc > 3 ? atoi(argv[3]) : 100);
}
