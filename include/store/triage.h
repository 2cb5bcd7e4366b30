/* triage.h: what the triage screen and `list` read — IP groups with the
 * noise reporters set apart, and a group's reports with their states. A
 * struct triage sits on one open store (same thread). */
#ifndef STORE_TRIAGE_H
#define STORE_TRIAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "store/activity.h"
#include "store/store.h"

struct triage;
struct config;

struct bulk_list;

/* When a reporter counts as noise: listed in always, a known bulk
 * reporter (its domain in known, or most of its reports with one of
 * known's signatures), or with at least min_reports reports of which at
 * least bulk_share (0..1) look automated (no action line, bulk-mail
 * signals, copyright notices) — unless listed in never. Lists are
 * lowercase domains; known NULL is the list in force (bulk_known()). */
struct triage_noise_rule {
	const char *const *always;
	size_t n_always;
	const char *const *never;
	size_t n_never;
	int min_reports;
	double bulk_share;
	const struct bulk_list *known;
};

/* The rule as the configuration's [noise] section states it; the rule
 * points into c, which must outlive it. */
void triage_rule_from_config(struct triage_noise_rule *rule,
			     const struct config *c);

/* Why the reporter of this domain counts as noise ("marked by you", "known
 * copyright bot", "46 reports, 93% automated"), into out;
 * returns 1, 0 when it is not noise, -1 on error. */
struct triage;
int triage_noise_why(struct triage *t, const char *domain, char *out,
		     size_t size, struct err *e);

/* What a limit pattern can test, for one report under one group. */
struct triage_fact {
	const char *ip;		/* NULL for the no-IP and out-of-scope rows */
	const char *reporter;	/* domain, NULL when unknown */
	const char *category;	/* NULL when unknown */
	enum store_state state; /* the report's state */
	int64_t t;		/* Date:, else the internal date */
};

/* Returns true to keep the report. */
typedef bool (*triage_filter_fn)(void *ctx, const struct triage_fact *f);

enum triage_kind {
	TRIAGE_IP,	     /* reports naming an in-scope address */
	TRIAGE_OUT_OF_SCOPE, /* addresses, none of them ours */
	TRIAGE_NO_IP,	     /* no address at all */
};

/* A row of the groups screen. A group counts the reports still on the
 * server; expunged ones (gone) are left out of every count, and a group of
 * only those is no group. A million rows at most, so kept small: counts of
 * 32 bits, the strings the triage's. */
struct triage_group {
	/* "" unless kind is TRIAGE_IP. Kept by the triage until
	 * triage_free(), as the two lists below. */
	const char *ip;
	int32_t n_reports;
	int32_t n_reporters;
	int32_t n_open;	 /* reports whose state is open */
	int32_t n_noise; /* reports from noise reporters */
	int32_t n_human; /* reports written by people */
	int32_t n_action;
	/* Distinct, comma separated (a list of 100,000 groups holds no
	 * copies). */
	const char *categories;
	const char *reporters;
	int64_t first_seen;
	int64_t last_seen;
	uint8_t kind;	 /* enum triage_kind */
	uint8_t state;	 /* enum store_state, of the IP */
	uint8_t harm;	 /* the highest harm among the reports that count for
			    its urgency (triage_urgency_in), 0 when none does */
	uint8_t urgency; /* triage_urgency() of the group */
};

/* The reports of a group that count for its urgency: open, still on the
 * server, from a reporter that is not noise (in the list of one noise
 * reporter, its reports), and reports at all: harm above 0, so no
 * acknowledgement or auto-reply. */
struct triage_urgency_in {
	int harm;	     /* the highest harm among them; 0 when none */
	int64_t n_reports;   /* how many there are */
	int64_t n_reporters; /* from how many reporters */
	bool human;	     /* a person wrote one */
	bool deadline;	     /* one sets a deadline */
};

/* Each raise moves a group up within its harm, never past the next. */
#define TRIAGE_URGENCY_STEP 4

/* How urgent a group is: its worst harm, times TRIAGE_URGENCY_STEP, plus
 * one for each of: a report a person wrote, a deadline, and repetition
 * (two reporters or more, or three reports or more). 0 when no report
 * counts: a group of only acknowledgements, noise or closed reports
 * sinks below every other. abusedesk(1) states the rule (URGENCY). */
int triage_urgency(const struct triage_urgency_in *in);

/* The list's two columns for an urgency: the harm rank, then "+" when
 * raised ("7+", "3 "); blank when nothing counts. */
const char *triage_urgency_mark(int urgency);

/* One collapsed noise reporter. */
struct triage_noise {
	char *reporter;
	int64_t n_reports;
	int64_t n_ips;
};

struct triage_message {
	int64_t id;
	int64_t t;
	char *reporter; /* NULL when unknown */
	char *category;
	char *problem;
	char *subject;
	enum store_state state; /* store_state_of() the report in its group */
	char *note; /* of the decision that state follows; NULL when none */
	bool noise;
	bool gone; /* expunged on the server: kept for review, not open work */
	/* The stored verdict on the sender (report.auth_verdict). */
	enum report_auth_verdict auth;
	/* The address it is listed under was attacked, by the report's
	 * roles: a report about harm done to a host of ours. */
	bool victim;
};

/* Which reports a list shows. */
struct triage_query {
	triage_filter_fn filter; /* NULL: every report */
	void *filter_ctx;
	bool only_open; /* leave out reports that are not open (or gone) */
};

/* Decides the noise reporters once (triage_refresh() again after new mail).
 * The caller keeps s and rule; free the triage before closing s. */
struct triage *triage_open(struct store *s,
			   const struct triage_noise_rule *rule, struct err *e);
void triage_free(struct triage *t);
int triage_refresh(struct triage *t, struct err *e);

/* The groups of the main list (each with at least one report from a
 * reporter that is not noise), or, with noise_reporter set, the groups of
 * that noise reporter's reports only. Unordered. */
int triage_groups(struct triage *t, const struct triage_query *q,
		  const char *noise_reporter, struct triage_group **out,
		  size_t *n, struct err *e);
/* The array only: its strings are the triage's. Free it before t. */
void triage_groups_free(struct triage_group *g, size_t n);

/* The words the screen and `list` show for a group: its address, or
 * "(out of scope)" or "(no IP)"; and its state, "done" for a group whose
 * reports were all closed one by one. */
const char *triage_group_label(const struct triage_group *g);
const char *triage_group_state(const struct triage_group *g);

/* Orders groups as the screen and `list` show them: the IP groups, then
 * the out-of-scope and no-IP rows; groups with open work first; then by
 * the order asked ([ui] sort; urgency is the groups' own, made with them
 * by triage_urgency()), the most recent activity, the address. */
void triage_groups_sort(struct triage_group *g, size_t n, enum config_sort by);

/* Both lists of the groups screen from one pass: triage_groups() with no
 * noise reporter, and triage_noise_list(). Free them with their own
 * functions. */
int triage_lists(struct triage *t, const struct triage_query *q,
		 struct triage_group **groups, size_t *n_groups,
		 struct triage_noise **noise, size_t *n_noise, struct err *e);

/* Where the main list (no filter) stood when last given: what
 * triage_lists_changed() tells the changes since. */
struct triage_mark {
	uint64_t made; /* 0: none to go on from */
	uint64_t stamp;
	int64_t kept; /* the list was the one kept in the cache at this
			 version; -1 when not */
};
void triage_lists_mark(struct triage *t, struct triage_mark *m);

/* The groups of the main list that changed since *mark, into out (a group
 * no longer listed comes with n_reports 0), the noise reporters whole,
 * and *mark moved on: 1. 0 when the changes cannot be told (the list was
 * made again since, or q is another): then triage_lists(). New mail
 * costs the caller work for the groups it touched only. */
int triage_lists_changed(struct triage *t, const struct triage_query *q,
			 struct triage_mark *mark, struct triage_group **out,
			 size_t *n, struct triage_noise **noise,
			 size_t *n_noise, struct err *e);

/* store_activity() for ip, from the reports in memory when they are
 * there (as the lists last read them), else from the cache. */
int triage_activity(struct triage *t, const char *ip, int64_t end,
		    int64_t counts[STORE_ACTIVITY_WEEKS], struct err *e);

/* The order of triage_groups_sort(): below 0 when a comes first. */
int triage_group_cmp(const struct triage_group *a, const struct triage_group *b,
		     enum config_sort by);

/* Reads the reports into memory now (a filtered list does on first use);
 * for idle time, so that the first limit does not wait for it. */
int triage_prepare(struct triage *t, struct err *e);

/* The noise reporters with reports in q, most reports first. */
int triage_noise_list(struct triage *t, const struct triage_query *q,
		      struct triage_noise **out, size_t *n, struct err *e);
void triage_noise_free(struct triage_noise *v, size_t n);

/* The reports with these ids, in that order, each under its first address
 * of ours (as a search lists them); missing ids are skipped. */
int triage_messages_by_id(struct triage *t, const int64_t *ids, size_t n_ids,
			  struct triage_message **out, size_t *n,
			  struct err *e);
/* The ids of a group's reports in q, newest first,
 * without reading the reports: a list reads the rows it shows with
 * triage_messages_in_group(), which gives their states as seen from
 * that group. Fills *ids (malloc'd). */
int triage_message_ids(struct triage *t, const struct triage_query *q,
		       enum triage_kind kind, const char *ip, int64_t **ids,
		       size_t *n, struct err *e);
int triage_messages_in_group(struct triage *t, enum triage_kind kind,
			     const char *ip, const int64_t *ids, size_t n_ids,
			     struct triage_message **out, size_t *n,
			     struct err *e);
void triage_messages_free(struct triage_message *m, size_t n);

#endif
