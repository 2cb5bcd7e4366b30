/* sync_flags.c: the shared keywords. Another operator's $AbuseResolved or
 * $AbuseIgnored on a message becomes that report's state here, and the
 * IP's state once every present in-scope report about it carries the
 * keyword; a keyword taken away reopens what it had closed. */
#include "sync_priv.h"
#include "store/sync.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *keyword;
	enum store_state state;
} shared[] = {
    {SYNC_KEYWORD_RESOLVED, STORE_STATE_RESOLVED},
    {SYNC_KEYWORD_IGNORED, STORE_STATE_IGNORED},
};

const char *sync_flags_shared(size_t i)
{
	return i < sizeof shared / sizeof shared[0] ? shared[i].keyword : NULL;
}

bool sync_flags_has(const char *flags, const char *keyword)
{
	size_t n = strlen(keyword);
	const char *p = flags;

	while (p && *p) {
		const char *end = strchr(p, ' ');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && strncasecmp(p, keyword, n) == 0)
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

/* Each in-scope IP of the message: closed when no present report about
 * it lacks the keyword; reopened when the keyword went and the IP's state
 * was the one it gives. */
static int ip_states(struct store *s, int64_t id, const char *keyword,
		     enum store_state st, bool added, struct err *e)
{
	char(*ips)[REPORT_IP_TEXT_MAX] = NULL;
	size_t n = 0;
	int rc = store_sync_message_ips(s, id, &ips, &n, e);

	for (size_t i = 0; rc == 0 && i < n; i++) {
		enum store_state cur = STORE_STATE_OPEN;
		int64_t lacking = 0;

		rc = store_ip_state_get(s, ips[i], &cur, NULL, e);
		if (rc >= 0 && added)
			rc = store_sync_ip_lacking(s, ips[i], keyword, &lacking,
						   e);
		if (rc < 0)
			break;
		rc = 0;
		if (added && lacking == 0 && cur != st)
			rc = store_ip_state_set(s, ips[i], st, NULL, e);
		else if (!added && cur == st)
			rc = store_ip_state_set(s, ips[i], STORE_STATE_OPEN,
						NULL, e);
	}
	free(ips);
	return rc < 0 ? -1 : 0;
}

static int keyword_changed(struct store *s, int64_t id, const char *keyword,
			   enum store_state st, bool added, struct err *e)
{
	enum store_state cur = STORE_STATE_OPEN;
	int rc = store_report_state_get(s, id, &cur, NULL, e);

	if (rc < 0)
		return -1;
	if (added && cur != st)
		rc = store_report_state_set(s, id, st, NULL, e);
	else if (!added && cur == st)
		rc = store_report_state_set(s, id, STORE_STATE_OPEN, NULL, e);
	if (rc < 0)
		return -1;
	return ip_states(s, id, keyword, st, added, e);
}

int sync_flags_states(struct store *s, int64_t message_id, const char *old,
		      const char *now, struct err *e)
{
	for (size_t i = 0; i < sizeof shared / sizeof shared[0]; i++) {
		bool had = old && sync_flags_has(old, shared[i].keyword);
		bool has = sync_flags_has(now, shared[i].keyword);

		if (had != has &&
		    keyword_changed(s, message_id, shared[i].keyword,
				    shared[i].state, has, e) < 0)
			return -1;
	}
	return 0;
}
