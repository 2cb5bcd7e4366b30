/* actions/flush.h: sending the outbox. The rows that are due are taken
 * one by one (marked 'sending' before their network call, so that a
 * crash leaves them to be found and sent again) and handed to the
 * handler of their kind, through one table in flush.c: a new kind is one
 * entry there. */
#ifndef ACTIONS_FLUSH_H
#define ACTIONS_FLUSH_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct config;
struct imap;
struct smtp_secret;
struct store;

/* What a handler has to work with. */
struct flush_ctx {
	struct store *s;
	const struct config *cfg;
	struct imap *im; /* logged in, or NULL when there is no link */
	/* The SMTP password the user typed, when only that gives one
	 * (actions/smtp_secret.h); NULL: none asked for. */
	struct smtp_secret *secret;
};

/* The row being sent, as claimed. */
struct flush_row {
	int64_t id;
	const char *kind;
	int64_t message_id; /* 0: none */
	int64_t attempts;   /* failed tries before this one */
	const char *step;   /* how far an earlier try got ("" at first);
			       a handler records its own with
			       store_outbox_step() */
	bool interrupted;   /* an earlier try was cut off mid-way (a crash):
			       the work may be half done */
};

enum flush_result {
	FLUSH_DONE,   /* sent */
	FLUSH_RETRY,  /* not now (no link, the link broke, the server said
			 NO): queued again after a backoff; e says why */
	FLUSH_FAILED, /* never (the UIDs name other messages now, a payload
			 that makes no sense): e says why */
};

/* A kind's handler: payload is the row's parsed JSON (the caller's). */
typedef enum flush_result (*flush_fn)(const struct flush_ctx *c,
				      const struct flush_row *r,
				      json_t *payload, struct err *e);

/* What one flush did. */
struct flush_stats {
	unsigned sent, retry, failed;
	char error[256]; /* the first error, "" when none */
};

/* Sends every due row (with now_all, every queued row, whatever its
 * backoff: a user asked for it). Adds to *st (may be NULL). Returns 0,
 * or -1 with e filled when the store failed (a row that could not be
 * sent is not an error here: it is in st and in the row). */
int flush_run(const struct flush_ctx *c, bool now_all, struct flush_stats *st,
	      struct err *e);

/* The flush as a sync's after_pass hook (mail/sync.h): ctx is a struct
 * flush_hook, which the syncing thread alone writes while it runs. */
struct flush_hook {
	const struct config *cfg;
	struct smtp_secret *secret; /* see struct flush_ctx */
	bool now_all;		    /* see flush_run() */
	struct flush_stats st;
};
int flush_after_sync(void *ctx, struct store *s, struct imap *im,
		     struct err *e);

/* The handler for kind, or NULL when the table has none. */
flush_fn flush_handler(const char *kind);

#endif
