/* reporter_noise.h: the user's word on a reporter — its noise mode, read
 * and set by domain, and the toggle of the screen's key. Whether a
 * reporter is noise stays the answer of the one rule (triage_noise_why());
 * the mode is what the user adds to it. */
#ifndef STORE_REPORTER_NOISE_H
#define STORE_REPORTER_NOISE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

struct triage;

/* reporter.noise_mode. */
enum store_noise_mode {
	STORE_NOISE_AUTO,   /* 'auto': the lists and its history decide */
	STORE_NOISE_MARKED, /* 'noise': marked by the user */
	STORE_NOISE_NEVER,  /* 'never': unmarked by the user */
};

/* "auto", "noise", "never". */
const char *store_noise_mode_name(enum store_noise_mode m);
/* The mode of that name as the cache stores it; auto for any other. */
enum store_noise_mode store_noise_mode_from_name(const char *name);
/* What a mode says beside the rule's reason, for a list: "unmarked by
 * you" for never, NULL for the others (the rule says "marked by you"). */
const char *store_noise_mode_says(enum store_noise_mode m);

/* A reporter's mode: 1 and *mode, 0 when no reporter of that domain is in
 * the cache, -1 on error. */
int store_reporter_noise_get(struct store *s, const char *domain,
			     enum store_noise_mode *mode, struct err *e);
/* Sets it: 1, 0 when there is no such reporter (none is made: a mark
 * ahead of any report is [noise] reporters in the configuration), -1. */
int store_reporter_noise_set(struct store *s, const char *domain,
			     enum store_noise_mode mode, struct err *e);

/* The key's toggle: a reporter that counts as noise now, for whatever
 * reason, becomes never; any other becomes noise. *was is the mode
 * before (for undo), *now the one set; triage_refresh(t) after it
 * decides the noise reporters again. 1, 0 when there is no such
 * reporter, -1 on error. */
int store_reporter_noise_toggle(struct store *s, struct triage *t,
				const char *domain, enum store_noise_mode *was,
				enum store_noise_mode *now, struct err *e);

/* The reporter of a message's report: 1 and *domain (malloc'd), 0 when
 * the report names none (or there is no report), -1 on error. */
int store_report_reporter(struct store *s, int64_t message_id, char **domain,
			  struct err *e);

struct store_reporter_mode {
	char *domain;
	enum store_noise_mode mode;
	int64_t reports; /* every report of it, expunged ones included */
};

/* Every reporter with its mode, most reports first. Free with
 * store_reporter_modes_free(). */
int store_reporter_modes(struct store *s, struct store_reporter_mode **out,
			 size_t *n, struct err *e);
void store_reporter_modes_free(struct store_reporter_mode *v, size_t n);

#endif
