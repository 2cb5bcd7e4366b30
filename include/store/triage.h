/* triage.h: the reads and writes of the triage screen — IP groups with the
 * noise reporters set apart, a group's reports with their states, a
 * search's hits, state look-ups for undo, and outbox rows. A struct triage
 * sits on one open store (same thread) and keeps its own statements. */
#ifndef STORE_TRIAGE_H
#define STORE_TRIAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

struct triage;
struct config;

/* When a reporter counts as noise: listed in always, or with at least
 * min_reports reports of which at least bulk_share (0..1) look automated
 * (no action line, bulk-mail signals, copyright notices) — unless listed
 * in never. Lists are lowercase domains. */
struct triage_noise_rule {
	const char *const *always;
	size_t n_always;
	const char *const *never;
	size_t n_never;
	int min_reports;
	double bulk_share;
};

/* The rule as the configuration's [noise] section states it; the rule
 * points into c, which must outlive it. */
void triage_rule_from_config(struct triage_noise_rule *rule,
			     const struct config *c);

/* Why the reporter of this domain counts as noise ("marked by you", "known
 * copyright enforcement sender", "46 reports, 93% automated"), into out;
 * returns 1, 0 when it is not noise, -1 on error. */
struct triage;
int triage_noise_why(struct triage *t, const char *domain, char *out,
		     size_t size, struct err *e);

/* What a limit pattern can test, for one report under one group. */
struct triage_fact {
	const char *ip;	      /* NULL for the no-IP and out-of-scope rows */
	const char *reporter; /* domain, NULL when unknown */
	const char *category; /* NULL when unknown */
	const char *state;    /* the report's state: "open", ... */
	int64_t t;	      /* Date:, else the internal date */
};

/* Returns true to keep the report. */
typedef bool (*triage_filter_fn)(void *ctx, const struct triage_fact *f);

enum triage_kind {
	TRIAGE_IP,	     /* reports naming an in-scope address */
	TRIAGE_OUT_OF_SCOPE, /* addresses, none of them ours */
	TRIAGE_NO_IP,	     /* no address at all */
};

/* A group counts the reports still on the server; expunged ones (gone)
 * are left out of every count, and a group of only those is no group. */
struct triage_group {
	enum triage_kind kind;
	char ip[REPORT_IP_TEXT_MAX]; /* "" unless kind is TRIAGE_IP */
	int64_t n_reports;
	int64_t n_reporters;
	int64_t n_open;	 /* reports whose state is open */
	int64_t n_noise; /* reports from noise reporters */
	int64_t n_human; /* reports written by people */
	int64_t n_action;
	char *categories; /* distinct, comma separated */
	char *reporters;
	int64_t first_seen;
	int64_t last_seen;
	char state[16]; /* of the IP: "open", "resolved", "ignored" */
};

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
	char state[16]; /* the report's effective state */
	bool noise;
	bool gone; /* expunged on the server: kept for review, not open work */
	/* The stored verdict on the sender (report.auth_verdict). */
	enum report_auth_verdict auth;
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
void triage_groups_free(struct triage_group *g, size_t n);

/* Both lists of the groups screen from one pass: triage_groups() with no
 * noise reporter, and triage_noise_list(). Free them with their own
 * functions. */
int triage_lists(struct triage *t, const struct triage_query *q,
		 struct triage_group **groups, size_t *n_groups,
		 struct triage_noise **noise, size_t *n_noise, struct err *e);

/* Reads the reports into memory now (a filtered list does on first use);
 * for idle time, so that the first limit does not wait for it. */
int triage_prepare(struct triage *t, struct err *e);

/* The noise reporters with reports in q, most reports first. */
int triage_noise_list(struct triage *t, const struct triage_query *q,
		      struct triage_noise **out, size_t *n, struct err *e);
void triage_noise_free(struct triage_noise *v, size_t n);

/* The reports of one group (ip is ignored unless kind is TRIAGE_IP),
 * newest first. */
int triage_messages(struct triage *t, const struct triage_query *q,
		    enum triage_kind kind, const char *ip,
		    struct triage_message **out, size_t *n, struct err *e);
/* The reports with these ids, in that order; missing ids are skipped. */
int triage_messages_by_id(struct triage *t, const int64_t *ids, size_t n_ids,
			  struct triage_message **out, size_t *n,
			  struct err *e);
/* The ids of a group's reports in q, newest first (as triage_messages()),
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

/* Full-text search over subjects and decoded text (FTS5 query syntax),
 * newest first, like every list of the screen: ranking every hit by
 * relevance costs a tenth of a second per 70,000 hits, and among many
 * near-identical notices relevance says little. Fills *ids (malloc'd). */
int triage_search(struct triage *t, const char *query, int64_t **ids, size_t *n,
		  struct err *e);

/* The stored state of an IP or a report: 1 and *st and *note (malloc'd, may be
 * NULL) when one was set, 0 when none ever was, -1 on error. */
int triage_ip_state_get(struct triage *t, const char *ip, enum store_state *st,
			char **note, struct err *e);
int triage_report_state_get(struct triage *t, int64_t message_id,
			    enum store_state *st, char **note, struct err *e);
/* Forgets a state, as if it had never been set (undo of a first change). */
int triage_ip_state_clear(struct triage *t, const char *ip, struct err *e);
int triage_report_state_clear(struct triage *t, int64_t message_id,
			      struct err *e);

/* Queues network work: kind ("keyword", ...), the message it concerns
 * (0: none) and a JSON payload. */
int triage_outbox_add(struct triage *t, const char *kind, int64_t message_id,
		      const char *payload, struct err *e);
/* How many outbox rows wait to be sent. */
int triage_outbox_queued(struct triage *t, int64_t *n, struct err *e);

#endif
