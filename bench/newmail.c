/* newmail.c: what a batch of new mail costs the screen's thread at a
 * cache's size, and what a decision on a big group costs.
 *   newmail DB [BATCHES [N]]
 * Opens the cache as the screen does (the triage, the main list made and
 * sorted), then BATCHES times: a second connection, as the sync worker,
 * stores N reports copied from existing ones (same bytes, new uids), and
 * what the screen's thread does on the worker's word is timed: the noise
 * reporters decided again, both lists of the groups screen, their order.
 * Then the biggest IP group is resolved and undone (the screen's own
 * calls, outbox rows included), each followed by its lists again. The
 * reports added are deleted at the end, so the cache is reused.
 * Prints "newmail ... p50=... p99=... max=..." lines, in ms. */
#include "actions/state.h"
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
	       v[n / 2], v[(size_t)((double)(n - 1) * 0.99)], v[n - 1]);
}

/* What the groups screen does when the worker says reports were added. */
static int screen_reload(struct triage *t, struct err *e)
{
	struct triage_query q = {NULL, NULL, true};
	struct triage_group *g;
	struct triage_noise *z;
	size_t ng, nz;

	if (triage_refresh(t, e) < 0 ||
	    triage_lists(t, &q, &g, &ng, &z, &nz, e) < 0)
		return -1;
	triage_groups_sort(g, ng, CONFIG_SORT_URGENCY);
	triage_groups_free(g, ng);
	triage_noise_free(z, nz);
	return 0;
}

/* N reports copied from random existing ones, in one transaction. */
static int add_batch(struct store *w, int64_t max_id, uint32_t *uid, int n,
		     struct err *e)
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

static int biggest_group(struct triage *t, char *ip, size_t size, int64_t *n,
			 struct err *e)
{
	struct triage_query q = {NULL, NULL, true};
	struct triage_group *g;
	size_t ng;

	*n = 0;
	if (triage_groups(t, &q, NULL, &g, &ng, e) < 0)
		return -1;
	for (size_t i = 0; i < ng; i++)
		if (g[i].kind == TRIAGE_IP && g[i].n_reports > *n) {
			*n = g[i].n_reports;
			snprintf(ip, size, "%s", g[i].ip);
		}
	triage_groups_free(g, ng);
	return 0;
}

/* Resolve and undo on the biggest group, each with the lists after it. */
static int decisions(struct store *s, struct triage *t, int rounds,
		     struct err *e)
{
	char ip[64] = "";
	int64_t n;
	double *dv = calloc((size_t)rounds * 2, sizeof *dv);
	size_t nd = 0;

	if (biggest_group(t, ip, sizeof ip, &n, e) < 0 || !ip[0]) {
		free(dv);
		return -1;
	}
	for (int i = 0; i < rounds; i++) {
		struct action_target at = {.is_ip = true};
		struct action_undo u;
		double t0 = now_ms();
		int rc;
		snprintf(at.ip, sizeof at.ip, "%s", ip);
		if (action_decide(s, &at, STORE_STATE_RESOLVED, NULL, &u, e) <
		    0)
			break;
		rc = screen_reload(t, e);
		dv[nd++] = now_ms() - t0;
		t0 = now_ms();
		if (rc < 0 || action_undo(s, &u, e) < 0 ||
		    screen_reload(t, e) < 0) {
			action_undo_free(&u);
			break;
		}
		dv[nd++] = now_ms() - t0;
		action_undo_free(&u);
	}
	printf("newmail group %s: %lld reports\n", ip, (long long)n);
	print_ms("resolve/undo", dv, nd);
	free(dv);
	return nd == (size_t)rounds * 2 ? 0 : -1;
}

/* The largest message id: the copies are taken below it, and what is
 * above it at the end was added here. */
static int64_t max_message(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = 0;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
		SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT max(id) FROM message", -1, &st,
			       NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

/* The copies go again; their facts with them (the report triggers). */
static int cleanup(const char *path, int64_t max_id)
{
	sqlite3 *db;
	char sql[160];
	int rc = -1;

	snprintf(sql, sizeof sql,
		 "PRAGMA foreign_keys=ON; DELETE FROM message WHERE id > %lld",
		 (long long)max_id);
	if (sqlite3_open(path, &db) == SQLITE_OK)
		rc = sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0
									  : -1;
	sqlite3_close(db);
	return rc;
}

int main(int argc, char **argv)
{
	struct err e = {{0}};
	struct config *cfg = config_new();
	struct triage_noise_rule rule;
	struct store *s, *w = NULL;
	struct triage *t = NULL;
	int batches = argc > 2 ? atoi(argv[2]) : 10;
	int n = argc > 3 ? atoi(argv[3]) : 100;
	double *v = calloc((size_t)(batches > 0 ? batches : 1), sizeof *v);
	uint32_t uid = UID_BASE;
	int64_t max_id;
	int rc = 1, k = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: newmail DB [BATCHES [N]]\n");
		return 2;
	}
	srand(1);
	if ((max_id = max_message(argv[1])) <= 0) {
		fprintf(stderr, "newmail: %s: no messages\n", argv[1]);
		return 1;
	}
	triage_rule_from_config(&rule, cfg);
	if (!(s = store_open(argv[1], &e)) || !(w = store_open(argv[1], &e)) ||
	    !(t = triage_open(s, &rule, &e)) || screen_reload(t, &e) < 0)
		goto out;
	for (k = 0; k < batches; k++) {
		double t0;
		if (add_batch(w, max_id, &uid, n, &e) < 0)
			goto out;
		t0 = now_ms();
		if (screen_reload(t, &e) < 0)
			goto out;
		v[k] = now_ms() - t0;
	}
	print_ms("batch", v, (size_t)k);
	rc = decisions(s, t, 20, &e) < 0;
out:
	if (rc)
		fprintf(stderr, "newmail: %s\n", e.msg);
	triage_free(t);
	store_close(w);
	store_close(s);
	config_free(cfg);
	free(v);
	if (cleanup(argv[1], max_id) < 0) {
		fprintf(stderr, "newmail: cannot delete the copies\n");
		rc = 1;
	}
	return rc;
}
