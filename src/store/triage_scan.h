/* triage_scan.h: private to src/store — the triage facts held in memory,
 * ordered by group, so that a limit or a change of state is one pass in C
 * over compact rows instead of a query with a callback per row. After a
 * change the facts are brought up to date from triage_log (schema 19):
 * only the reports and groups it names are read again, the rest stays;
 * and the main list (triage_pass.c) is made again for those groups only. */
#ifndef STORE_TRIAGE_SCAN_H
#define STORE_TRIAGE_SCAN_H

#include <sqlite3.h>
#include <stdint.h>

#include "store/triage.h"

/* 16 bytes a report (and a fact more for each further IP it names): a
 * million reports hold 16 MB. The group is where the fact is: its run
 * in f, or xg beside xf. Report ids fit 32 bits (the cache's rowids
 * count up from 1); times are clamped to 1970..2106, what a Date: line
 * outside that means is no date the screen can show anyway. */
struct fact {
	uint32_t mid;
	uint32_t t;
	uint32_t rep : 24; /* 1 + index into reps; 0: no reporter */
	uint32_t cat : 8;  /* 1 + index into cats; 0: none (or past 255) */
	uint8_t human : 1, action : 1;
	uint8_t gone : 1;     /* expunged on the server: no open work */
	uint8_t deadline : 1; /* analysis/urgency.h, as harm */
	uint8_t harm;
	uint8_t state; /* enum store_state, once the states are read */
};

struct scan_group {
	const char *ip; /* triage_scan_name(); NULL for the out-of-scope and
			   no-IP rows */
	struct store_decision decision; /* on the IP */
	/* Its facts as read whole: f[start .. start + count), those of a
	 * report read again since (dead, by mid) left out; then the ones
	 * read since, chained through xnext from xhead (1 + index into xf;
	 * 0 ends). */
	uint32_t start, count;
	uint32_t xhead;
	int kind; /* last: 40 bytes, not 48 */
};

struct rep {
	int64_t id;
	char *domain;
};

struct rstate {
	int64_t mid;
	struct store_decision decision;
};

struct triage_inc; /* triage_pass.c */

/* Strings kept once: a table and a hash of 1 + index into it. They are
 * never freed one by one, so they are packed into chunks (arena): a
 * malloc each cost half as much again at a million reports. */
struct strtab {
	char **v;
	size_t n, cap;
	uint32_t *slot;
	size_t nslot;
	struct strtab_chunk *chunk; /* the one being filled; the rest
				       chained behind it */
	size_t chunk_left;	    /* bytes free at its end */
};

struct triage_scan {
	int64_t version;  /* -1: nothing loaded */
	int64_t fversion; /* of the facts (triage_version.fv) */
	int64_t lseq;	  /* the last triage_log row applied */
	struct fact *f;
	size_t nf, fcap;
	uint32_t *fg; /* each fact's group while they are read; NULL after */
	struct scan_group *g;
	size_t ng, gcap;
	struct rep *r;
	size_t nr;
	char **cats;
	size_t nc;
	struct rstate *rs;
	size_t nrs;
	uint8_t *has_rs; /* bitmap by report id: is there an rs entry */
	int64_t max_mid;
	uint8_t *dead;	  /* bitmap by report id up to base_max: read again */
	int64_t base_max; /* the largest id in f */
	struct fact *xf;  /* facts read since the whole read */
	uint32_t *xnext;
	uint32_t *xg; /* the group of each of xf */
	size_t nxf, xcap;
	uint32_t *slot; /* hash of (kind, ip) to 1 + group */
	size_t nslot;
	struct triage_inc *inc; /* the main list kept up to date, if any */
	/* The groups' lists of categories and of reporters, each once (a
	 * few hundred reporters make far fewer lists than there are
	 * groups). The lists handed out point into it: it stays until
	 * triage_scan_free(), through every read of the facts. */
	struct strtab names;
	uint64_t inc_made; /* how many were made: each one's mark */
};

/* Walks a group's live facts: it = {0} first, NULL at the end. */
struct fact_iter {
	uint32_t i; /* into the group's run of f */
	uint32_t x; /* 1 + index into xf; 0 before the chain */
	bool in_x;
};
struct fact *triage_scan_next(struct triage_scan *m, uint32_t g,
			      struct fact_iter *it);

/* The kept copy of s, which is taken over; and the index of a kept
 * string (or of a copy of s, kept now) in names. */
const char *triage_scan_name(struct triage_scan *m, char *s);
uint32_t triage_scan_name_of(struct triage_scan *m, const char *s);

struct triage_scan *triage_scan_new(void);
void triage_scan_free(struct triage_scan *m);
/* Lets the facts go and keeps the groups, the names and the list kept per
 * group (triage_inc_each() still works); the next load reads all again.
 * For a triage about to be freed that still writes its list out. */
void triage_scan_drop_facts(struct triage_scan *m);

/* triage_version: v moves with every change, fv with the facts'. */
struct triage_scan_version {
	int64_t v, fv;
};

/* Reads triage_fact, the reporters and the states, unless the facts in
 * memory are of this version already; what triage_log names only, when
 * it reaches back far enough. Returns 1 after reading the facts whole, 0
 * when that was not needed, -1 with e filled. */
int triage_scan_load(struct triage_scan *m, sqlite3 *db,
		     const struct triage_scan_version *v, struct err *e);

/* store_activity() from the facts in memory: 0, or -1 when none are. */
int triage_scan_activity(struct triage_scan *m, const char *ip, int64_t end,
			 int64_t *counts, int weeks);

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

/* triage_pass.c: one pass over every fact. */
void triage_scan_lists(struct triage_scan *m, const struct triage_scan_want *w);

/* triage_pass.c: the main list (no filter, no noise reporter) kept in
 * memory per group and brought up to date group by group: made whole
 * when w asks another one than is kept. */
void triage_inc_lists(struct triage_scan *m, const struct triage_scan_want *w);
/* The groups of the list kept per group, one at a time, as
 * triage_inc_lists() hands them out (without an array of them all); fn
 * NULL only counts them. Returns how many there are. */
size_t triage_inc_each(const struct triage_scan *m,
		       void (*fn)(void *ctx, const struct triage_group *g),
		       void *ctx);
/* Takes the groups out of the kept list (before their facts change) or
 * puts them back (after); sorted group numbers, no repeats. */
void triage_inc_groups(struct triage_scan *m, const uint32_t *g, size_t n,
		       int sign);
void triage_inc_free(struct triage_inc *inc);
/* The kept list's mark now ({0, 0} when none is kept), and the groups
 * changed since a mark of it: 1, or 0 when the mark is of another. */
void triage_inc_mark(const struct triage_scan *m, struct triage_mark *mark);
/* The mark of the kept list as first made, when it was made at this
 * version of the data: 1, else 0. */
int triage_inc_mark_at(const struct triage_scan *m, int64_t version,
		       struct triage_mark *mark);
int triage_inc_changed(struct triage_scan *m, const struct triage_scan_want *w,
		       struct triage_mark *mark);

#endif
