/* stats.h: counts per category and per reporter, for `abusedesk stats`. */
#ifndef STORE_STATS_H
#define STORE_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

struct stats_category {
	char *category; /* "messaging" */
	char *type;	/* "spam" */
	int64_t reports;
	int64_t ips; /* distinct in-scope addresses */
};

struct stats_reporter {
	char *domain; /* "(unknown)" when the analysis found none */
	int64_t reports;
	int64_t ips;
	int64_t with_action; /* reports that ask for something concrete */
	int64_t last_seen;
};

/* Most reports first. The caller frees with the matching _free. */
int stats_categories(struct store *s, struct stats_category **out, size_t *n,
		     struct err *e);
void stats_categories_free(struct stats_category *v, size_t n);
int stats_reporters(struct store *s, struct stats_reporter **out, size_t *n,
		    struct err *e);
void stats_reporters_free(struct stats_reporter *v, size_t n);

#endif
