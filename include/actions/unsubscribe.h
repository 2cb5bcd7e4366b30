/* actions/unsubscribe.h: unsubscribing from a reporter's notices. One
 * function chooses how, from the stored report: an RFC 8058 one-click POST,
 * else an RFC 2369 mailto, else a reply the report's own text asks for
 * ("reply with REMOVE in the subject"), else nothing. The user says yes
 * once, and twice for plain http; then the attempt, its outbox row and the
 * reporter's noise mark are written in one transaction, and the outbox's
 * flush sends it ("post" rows here, "mail" rows by the mail sender). */
#ifndef ACTIONS_UNSUBSCRIBE_H
#define ACTIONS_UNSUBSCRIBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "actions/flush.h"
#include "core/err.h"
#include "store/store.h"

struct config;

enum unsub_how {
	UNSUB_NONE,   /* nothing usable: why says so */
	UNSUB_POST,   /* RFC 8058 one-click */
	UNSUB_MAILTO, /* RFC 2369 mailto: */
	UNSUB_REPLY,  /* the body's instruction */
};

/* The POST body RFC 8058 prescribes. */
#define UNSUB_ONE_CLICK_BODY "List-Unsubscribe=One-Click"

/* What an unsubscribe will do. Strings are the report's, raw: make them
 * terminal-safe before showing them. */
struct unsub_plan {
	enum unsub_how how;
	char *target;	 /* recorded with the attempt: the URL, the mailto
			    URI or the address replied to */
	char *url;	 /* POST */
	char *to;	 /* mail: addresses, comma separated */
	char *subject;	 /* mail */
	char *body;	 /* mail */
	bool plain_http; /* POST to a URL that is not https */
	char why[256];	 /* NONE: why nothing can be done */
};

/* The plan for report r (as the store gives it back). Fills p always;
 * free it with unsub_plan_free(). */
void unsub_choose(const struct report *r, struct unsub_plan *p);
void unsub_plan_free(struct unsub_plan *p);

/* A mailto: URI (RFC 6068) into p's to, subject and body, each percent-
 * decoded; other header fields (cc, bcc, ...) are not honoured. A missing
 * subject or body reads "unsubscribe". 0, or -1 with e when it names no
 * address. */
int unsub_mailto_parse(const char *uri, struct unsub_plan *p, struct err *e);

/* "Unsubscribe by one-click POST to https://...?" (malloc'd, raw). */
char *unsub_question(const struct unsub_plan *p);
/* The second question a plain http POST needs, or NULL when none. */
char *unsub_http_question(const struct unsub_plan *p);
/* Whether p may be queued, given the answers to the two questions (the
 * second counts only for plain http). */
bool unsub_may_go(const struct unsub_plan *p, bool yes, bool yes_to_http);

/* Records the attempt on the reporter of message_id's report, queues its
 * outbox row ("post" or "mail", built from cfg's [identity]) and marks
 * the reporter as noise, in one transaction at now. 1 with *attempt_id,
 * 0 when the report names no reporter (e says so), -1 on error. */
int unsub_queue(struct store *s, const struct config *cfg, int64_t message_id,
		const struct unsub_plan *p, int64_t now, int64_t *attempt_id,
		struct err *e);

/* "still sending: 37 since unsubscribe on 2026-11-02" (the local date),
 * what a noise reporter's row says after an attempt, into out. */
struct store_unsub_status;
void unsub_still_sending(const struct store_unsub_status *st, char *out,
			 size_t n);

/* The flush handler of "post" rows ({"url", "body", "attempt"}): the
 * answer's status is kept as the row's step ("HTTP 200"); done on a 2xx
 * answer (or when an interrupted run had one); tried again later when the
 * network or the server may recover (no answer, 408, 429, 5xx); failed for good
 * otherwise (an untrusted certificate, a redirect to http, another status). */
enum flush_result unsub_post_send(const struct flush_ctx *c,
				  const struct flush_row *r, json_t *payload,
				  struct err *e);

#endif
