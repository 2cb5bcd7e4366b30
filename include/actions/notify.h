/* notify.h: telling a customer of ours about a report on its address —
 * the customer-notification template filled from the stored report (the
 * problem and action lines, the evidence), To the customer's contact,
 * and never the reporter's name or address unless the template asks for
 * {reporter}; queued as a "mail" outbox row with purpose "notify" (the
 * flush sends it and files it in Sent, as a reply). */
#ifndef ACTIONS_NOTIFY_H
#define ACTIONS_NOTIFY_H

#include <stdint.h>

#include "actions/reply.h"
#include "core/customers.h"
#include "core/err.h"

struct config;
struct store;

#define NOTIFY_TEMPLATE "customer-notification"

/* The notification about ip (an address of ours that report message_id
 * names) to customer k, from template tmpl (NULL: NOTIFY_TEMPLATE), as a
 * draft in *out (no thread headers: the customer never saw the report).
 * Needs [identity] email and the customer's contact. Returns 0, or -1
 * with e filled and *out left empty. */
int notify_start(struct store *s, const struct config *cfg, int64_t message_id,
		 const char *ip, const struct customer *k, const char *tmpl,
		 struct reply *out, struct err *e);

/* Builds the message of the draft and queues it (purpose "notify"; no
 * report is marked answered). 0, or -1 with e filled. */
int notify_queue(struct store *s, const struct config *cfg,
		 const struct reply *r, struct err *e);

#endif
