/* reply.h: answering a report — the template its category calls for, the
 * draft made from it and the stored report, the message built from the
 * edited draft, and the message queued in the outbox as a "mail" row
 * (sent by the flush, never by the caller). The screen (r) and
 * `abusedesk reply` both go through here. */
#ifndef ACTIONS_REPLY_H
#define ACTIONS_REPLY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "actions/compose.h"
#include "core/err.h"

struct config;
struct store;

/* A reply under way. */
struct reply {
	int64_t message_id;  /* the report answered */
	char *template_name; /* "resolved" */
	struct compose_draft draft;
	char *in_reply_to; /* "<id>", NULL when the report has none */
	char *references;  /* its References and its Message-ID */
	/* Why a reply may go unread (noreply.h), NULL when no sign. */
	char *warning;
};

/* The template a report's category calls for, by the table in reply.c:
 * an attacked host of ours (victim-notified), a copyright notice
 * (copyright-forwarded-to-customer), no address of ours
 * (not-our-address), else acknowledged-and-customer-notified. */
const char *reply_template_for(struct store *s, int64_t message_id);

/* The text of template name: the user's
 * $XDG_CONFIG_HOME/abusedesk/templates/NAME.txt, else the bundled one.
 * Returns 0 with *text (free() it), or -1 with e filled. */
int reply_template_load(const char *name, char **text, struct err *e);

/* Every template name there is (bundled and the user's), sorted, once
 * each: free with reply_template_names_free. */
char **reply_template_names(size_t *n);
/* [identity] signature_file's text (free() it), NULL when none is set or
 * it cannot be read. Replies and notifications both end with it. */
char *reply_signature(const struct config *cfg);
void reply_template_names_free(char **names, size_t n);

/* Starts a reply to the report of message_id with template tmpl (NULL:
 * reply_template_for()); customer fills {customer} (may be NULL). Needs
 * [identity] email. Returns 0, or -1 with e filled. */
int reply_start(struct store *s, const struct config *cfg, int64_t message_id,
		const char *tmpl, const char *customer, struct reply *out,
		struct err *e);

/* The message of the (edited) draft, From our identity, threaded under
 * the report, with a new Message-ID; Bcc from [identity] bcc. */
int reply_build(const struct config *cfg, const struct reply *r,
		struct compose_msg *out, struct err *e);

/* Queues m as a "mail" outbox row (purpose "reply", "notify", ...);
 * answered is the message that gets \Answered once sent (0: none). *row
 * gets the row's id (row may be NULL). */
int reply_queue(struct store *s, const struct compose_msg *m, int64_t answered,
		const char *purpose, int64_t *row, struct err *e);

/* NULL-safe; zeroes *r. */
void reply_clear(struct reply *r);

#endif
