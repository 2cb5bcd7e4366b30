/* unsubscribe.h (store): the unsubscribe attempts on reporters. An attempt
 * says whom, how, where and when; its result is the state of its outbox
 * row, read by a join, never copied; and the reports the reporter sent
 * after it are counted when asked, never stored. */
#ifndef STORE_UNSUBSCRIBE_H
#define STORE_UNSUBSCRIBE_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* The methods, as the attempt row names them. */
#define STORE_UNSUB_POST "post"
#define STORE_UNSUB_MAILTO "mailto"
#define STORE_UNSUB_REPLY "reply"

/* Records an attempt by method on target, at now, on the reporter of
 * message_id's report: 1 with *id, 0 when the report names no reporter,
 * -1 on error. The caller's transaction holds it with its outbox row. */
int store_unsub_attempt_add(struct store *s, int64_t message_id,
			    const char *method, const char *target, int64_t now,
			    int64_t *id, struct err *e);

/* Queues the attempt's outbox row (kind, payload) and links the two. */
int store_unsub_attempt_queue(struct store *s, int64_t attempt_id,
			      const char *kind, int64_t message_id,
			      const char *payload, int64_t *outbox_id,
			      struct err *e);

/* The latest attempt on a reporter and what came of it. */
struct store_unsub_status {
	int64_t attempt_id;
	int64_t created_at; /* Unix time */
	char *method, *target;
	int64_t outbox_id;
	char *state;	  /* the outbox row's: queued, sending, sent, failed;
			     NULL when the row was dropped */
	char *last_error; /* NULL: none */
	char *step;	  /* the row's step: "HTTP 200" once a server
			     answered a POST; "" before */
	int64_t since;	  /* reports of the reporter dated after it */
};

/* 1 with *out filled (free with store_unsub_status_free()), 0 when the
 * reporter of that domain has no attempt (or the cache predates them),
 * -1 on error. */
int store_unsub_latest(struct store *s, const char *domain,
		       struct store_unsub_status *out, struct err *e);
void store_unsub_status_free(struct store_unsub_status *st);

/* The newest report of the reporter that offers a way to unsubscribe: 1
 * with *message_id, 0 when none does, -1 on error. */
int store_unsub_report_of(struct store *s, const char *domain,
			  int64_t *message_id, struct err *e);

#endif
