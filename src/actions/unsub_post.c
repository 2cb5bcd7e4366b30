/* unsub_post.c: the flush handler of "post" rows, the RFC 8058 one-click
 * unsubscribe request. The server's answer is kept as the row's step
 * ("HTTP 200"), which is also how a run cut off after a 2xx knows not to
 * ask again; cut off before one, the POST (harmless to repeat) is sent
 * again. */
#include "actions/unsubscribe.h"
#include "core/config.h"
#include "mail/https.h"
#include "store/store.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define STEP_PREFIX "HTTP "

/* A status a later try may get past: the server busy, slow or broken. */
static bool passing(long status)
{
	return status == 408 || status == 429 || status >= 500;
}

enum flush_result unsub_post_send(const struct flush_ctx *c,
				  const struct flush_row *r, json_t *payload,
				  struct err *e)
{
	const char *url = json_string_value(json_object_get(payload, "url"));
	const char *body = json_string_value(json_object_get(payload, "body"));
	struct https_post p = {url, body, NULL, false};
	bool lasting = false;
	long status = 0;
	char step[32];

	if (r->interrupted && r->step &&
	    strncmp(r->step, STEP_PREFIX "2", 6) == 0)
		return FLUSH_DONE;
	if (!url || !body) {
		err_set(e, "the unsubscribe request has no url or body");
		return FLUSH_FAILED;
	}
	p.ca_file = c->cfg ? c->cfg->unsubscribe.ca_file : NULL;
	/* Plain http was confirmed twice when the row was queued. */
	p.allow_http = strncasecmp(url, "http://", 7) == 0;
	if (https_post(&p, &status, &lasting, e) < 0)
		return lasting ? FLUSH_FAILED : FLUSH_RETRY;
	snprintf(step, sizeof step, STEP_PREFIX "%ld", status);
	if (c->s && store_outbox_step(c->s, r->id, step, e) < 0)
		return FLUSH_RETRY;
	if (HTTPS_OK(status))
		return FLUSH_DONE;
	err_set(e, "%.180s answered HTTP %ld", url, status);
	return passing(status) ? FLUSH_RETRY : FLUSH_FAILED;
}
