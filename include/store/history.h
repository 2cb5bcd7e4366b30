/* history.h: what happened to one IP, newest first — the reports about it,
 * every decision on it and on its reports (state, when, note; the log of
 * schema 12), and the work those decisions queued in the outbox — and
 * which IPs' decisions carry a note, for the lists' marker. */
#ifndef STORE_HISTORY_H
#define STORE_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

enum store_event_kind {
	STORE_EVENT_REPORT,	  /* a report about the IP, by its date */
	STORE_EVENT_IP_STATE,	  /* a decision on the IP */
	STORE_EVENT_REPORT_STATE, /* a decision on one of its reports */
	STORE_EVENT_OUTBOX,	  /* work a decision queued for the server */
};

struct store_event {
	enum store_event_kind kind;
	int64_t t;
	int64_t message_id; /* the report concerned; 0: none */
	char *reporter;	    /* REPORT, REPORT_STATE: the report's domain */
	char *category;	    /* REPORT: "messaging/spam", NULL when unknown */
	/* *_STATE: the state decided; OUTBOX: the state it carries to the
	 * server, STORE_STATE_OPEN when it carries none. */
	enum store_state state;
	char *note;	    /* *_STATE: the note, NULL when none */
	char *outbox_kind;  /* OUTBOX: "keyword", ... */
	char *outbox_state; /* OUTBOX: "queued", "sent", ... */
};

/* Every event of the IP (a report of it names it in scope), newest first;
 * among events of the same second, the later decision first. Fills *out
 * (free with store_events_free()) and *n; 0, or -1 with e filled. */
int store_ip_history(struct store *s, const char *ip, struct store_event **out,
		     size_t *n, struct err *e);
void store_events_free(struct store_event *v, size_t n);

/* The IPs whose stored decision has a note, sorted by strcmp(): *ips and
 * each string malloc'd (store_noted_ips_free()). 0, or -1 with e filled. */
int store_noted_ips(struct store *s, char ***ips, size_t *n, struct err *e);
void store_noted_ips_free(char **ips, size_t n);

#endif
