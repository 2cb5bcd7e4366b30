/* unsub_post.c: the flush handler of "post" rows, the RFC 8058 one-click
 * unsubscribe request. A POST is harmless to repeat, so an interrupted row
 * is simply sent again. */
#include "actions/unsubscribe.h"
#include "core/config.h"
#include "mail/https.h"

#include <strings.h>

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

	(void)r;
	if (!url || !body) {
		err_set(e, "the unsubscribe request has no url or body");
		return FLUSH_FAILED;
	}
	p.ca_file = c->cfg ? c->cfg->unsubscribe.ca_file : NULL;
	/* Plain http was confirmed twice when the row was queued. */
	p.allow_http = strncasecmp(url, "http://", 7) == 0;
	if (https_post(&p, &status, &lasting, e) < 0)
		return lasting ? FLUSH_FAILED : FLUSH_RETRY;
	if (HTTPS_OK(status))
		return FLUSH_DONE;
	err_set(e, "%.180s answered HTTP %ld", url, status);
	return passing(status) ? FLUSH_RETRY : FLUSH_FAILED;
}
