/* actions_priv.h: what the files of src/actions share and nobody else
 * sees: the keyword rows (keyword.c), written by a decision and sent by
 * the flush. */
#ifndef ACTIONS_PRIV_H
#define ACTIONS_PRIV_H

#include "actions/flush.h"
#include "actions/state.h"

/* Queues the keywords that share st on t's messages (every present
 * in-scope report about the IP, or the report): one row listing them.
 * *id gets the row's id, 0 when t covers no message. Joins the caller's
 * transaction. */
int keyword_queue(struct store *s, const struct action_target *t,
		  enum store_state st, int64_t *id, struct err *e);

/* The flush handler of kind "keyword". */
enum flush_result keyword_send(const struct flush_ctx *c,
			       const struct flush_row *r, json_t *payload,
			       struct err *e);

/* The kinds of outbox rows (the flush's table in flush.c), and the step
 * of a mail row before the server took it (send_mail.c). */
#define OUTBOX_KEYWORD "keyword"
#define OUTBOX_POST "post"
#define OUTBOX_MAIL "mail"
#define MAIL_STEP_UNSENT ""

/* The flush handler of kind "mail" (send_mail.c): a message sent by SMTP
 * or sendmail, filed in [imap] sent_mailbox, its report marked
 * \Answered. */
enum flush_result mail_send(const struct flush_ctx *c,
			    const struct flush_row *r, json_t *payload,
			    struct err *e);

#endif
