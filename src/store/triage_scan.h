/* triage_scan.h: private to src/store — the triage facts held in memory,
 * ordered by group, so that a limit or a change of state is one pass in C
 * over compact rows instead of a query with a callback per row. */
#ifndef STORE_TRIAGE_SCAN_H
#define STORE_TRIAGE_SCAN_H

#include <sqlite3.h>
#include <stdint.h>

#include "store/triage.h"

struct triage_scan;

struct triage_scan *triage_scan_new(void);
void triage_scan_free(struct triage_scan *m);

/* triage_version: v moves with every change, fv with the facts'. */
struct triage_scan_version {
	int64_t v, fv;
};

/* Reads triage_fact, the reporters and the states, unless the facts in
 * memory are of this version already; only the states when only they
 * changed. Returns 1 after reading the facts, 0 when that was not needed,
 * -1 with e filled. */
int triage_scan_load(struct triage_scan *m, sqlite3 *db,
		     const struct triage_scan_version *v, struct err *e);

/* Which lists one pass makes. The noise reporters are the ids given;
 * noise_reporter (a domain) keeps only its reports, and then groups
 * without others' reports stay. groups or noise may be NULL. */
struct triage_scan_want {
	const struct triage_query *q;
	const int64_t *noise_ids; /* sorted */
	size_t n_noise_ids;
	const char *noise_reporter;
	struct triage_group **groups;
	size_t *n_groups;
	struct triage_noise **noise;
	size_t *n_noise;
};

void triage_scan_lists(struct triage_scan *m, const struct triage_scan_want *w);

#endif
