/* triage_priv.h: private to src/store — the triage handle that triage.c
 * (the noise reporters), triage_lists.c (the groups screen's lists, kept
 * between runs) and triage_rows.c (a group's reports) share. */
#ifndef STORE_TRIAGE_PRIV_H
#define STORE_TRIAGE_PRIV_H

#include "store/triage.h"
#include "store_priv.h"
#include "triage_scan.h"

struct triage {
	struct store *s;
	const struct triage_noise_rule *rule;
	const struct triage_query *q; /* the one being stepped */
	char *noise_key;	      /* the noise reporters' ids, "3,7" */
	int64_t *noise_ids;	      /* the same, sorted */
	size_t n_noise_ids;
	struct noise_fact *noise_facts; /* their counts, by domain */
	size_t n_noise_facts;
	struct triage_scan *scan; /* the facts in memory, once needed */
	/* The unfiltered lists changed and were not kept: keep them when
	 * the triage is freed (writing them costs more than making them
	 * once the facts are in memory). Of only_open, as last asked. */
	bool keep_later, keep_open;
	bool last_open;	    /* only_open of the last main list asked */
	int64_t kept_given; /* the version of the kept lists last given, or
			       -1 when the last main list was made here */
};

/* triage_lists.c: keeps the unfiltered lists as they are now, if they
 * changed since last kept (best effort; at triage_free()). */
void triage_lists_keep_now(struct triage *t);

/* triage_rows.c: the SQL function triage_keep(), the screen's filter,
 * bound to t (attach) and taken away (detach). */
int triage_rows_attach(struct triage *t);
void triage_rows_detach(struct triage *t);

#endif
