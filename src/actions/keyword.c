/* keyword.c: the shared keywords of a decision ($AbuseResolved,
 * $AbuseIgnored) as an outbox row — which to add, which to take away, on
 * which messages — and its sending: the messages' UIDs looked up where
 * the cache has them now, one STORE per mailbox and direction. */
#include "actions_priv.h"
#include "mail/imap_write.h"
#include "mail/sync.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The keywords each state puts on its messages; the rest come off. */
static const struct {
	enum store_state st;
	const char *keyword; /* NULL: none */
} wears[] = {
    {STORE_STATE_RESOLVED, SYNC_KEYWORD_RESOLVED},
    {STORE_STATE_IGNORED, SYNC_KEYWORD_IGNORED},
};

static json_t *keyword_lists(enum store_state st, json_t **remove)
{
	json_t *add = json_array();

	*remove = json_array();
	for (size_t i = 0; i < sizeof wears / sizeof wears[0]; i++)
		json_array_append_new(wears[i].st == st ? add : *remove,
				      json_string(wears[i].keyword));
	return add;
}

static int messages_of(struct store *s, const struct action_target *t,
		       int64_t **ids, size_t *n, struct err *e)
{
	if (t->is_ip)
		return store_ip_messages(s, t->ip, ids, n, e);
	*ids = xmalloc(sizeof **ids);
	(*ids)[0] = t->message_id;
	*n = 1;
	return 0;
}

static json_t *payload_new(const struct action_target *t, enum store_state st,
			   const int64_t *ids, size_t n)
{
	json_t *remove, *add = keyword_lists(st, &remove);
	json_t *msgs = json_array();
	json_t *p = json_object();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(msgs, json_integer(ids[i]));
	if (t->is_ip)
		json_object_set_new(p, "ip", json_string(t->ip));
	json_object_set_new(p, "state", json_string(store_state_name(st)));
	json_object_set_new(p, "add", add);
	json_object_set_new(p, "remove", remove);
	json_object_set_new(p, "messages", msgs);
	return p;
}

int keyword_queue(struct store *s, const struct action_target *t,
		  enum store_state st, int64_t *id, struct err *e)
{
	int64_t *ids = NULL;
	size_t n = 0;
	json_t *p;
	char *text;
	int rc;

	*id = 0;
	if (messages_of(s, t, &ids, &n, e) < 0)
		return -1;
	if (n == 0) {
		free(ids);
		return 0;
	}
	p = payload_new(t, st, ids, n);
	text = json_dumps(p, JSON_COMPACT);
	rc = text ? store_outbox_put(s, OUTBOX_KEYWORD,
				     t->is_ip ? 0 : t->message_id, text, id, e)
		  : err_set(e, "cannot write the keyword change");
	free(text);
	json_decref(p);
	free(ids);
	return rc;
}

/* ---- sending ---- */

/* The strings of a payload's array key, pointing into the payload. */
static int flag_list(json_t *payload, const char *key, const char ***v,
		     size_t *n)
{
	json_t *a = json_object_get(payload, key), *x;
	size_t i;

	*v = NULL;
	*n = 0;
	if (!a)
		return 0;
	if (!json_is_array(a))
		return -1;
	*v = xcalloc(json_array_size(a) + 1, sizeof **v);
	json_array_foreach(a, i, x)
	{
		if (!json_is_string(x))
			return -1;
		(*v)[(*n)++] = json_string_value(x);
	}
	return 0;
}

struct keyword_job {
	const char **add, **remove;
	size_t n_add, n_remove;
	struct store_message_place *places;
	size_t n_places;
};

static void job_free(struct keyword_job *j)
{
	free(j->add);
	free(j->remove);
	store_message_places_free(j->places, j->n_places);
}

/* One STORE for one direction on the messages of one mailbox. */
static enum flush_result store_flags(const struct flush_ctx *c,
				     const struct store_message_place *p,
				     const uint32_t *uids, size_t n,
				     const char **flags, size_t n_flags,
				     bool add, struct err *e)
{
	struct imap_flags f = {flags, n_flags};
	int rc;

	if (!n_flags)
		return FLUSH_DONE;
	rc = imap_uid_flags(c->im, p->mailbox, p->uidvalidity, uids, n, &f, add,
			    e);
	if (rc == IMAP_WRITE_STALE) {
		err_set(e,
			"mailbox %s: its UIDVALIDITY changed since the cache "
			"saw it, so the UIDs name other messages: the "
			"keywords were not set (sync, then decide again)",
			p->mailbox);
		return FLUSH_FAILED;
	}
	return rc < 0 ? FLUSH_RETRY : FLUSH_DONE;
}

/* The messages places[0..n) share one mailbox. */
static enum flush_result send_box(const struct flush_ctx *c,
				  const struct keyword_job *j,
				  const struct store_message_place *p, size_t n,
				  struct err *e)
{
	uint32_t *uids = xcalloc(n, sizeof *uids);
	enum flush_result rc;

	for (size_t i = 0; i < n; i++)
		uids[i] = p[i].uid;
	rc = store_flags(c, p, uids, n, j->add, j->n_add, true, e);
	if (rc == FLUSH_DONE)
		rc = store_flags(c, p, uids, n, j->remove, j->n_remove, false,
				 e);
	free(uids);
	return rc;
}

static enum flush_result send_all(const struct flush_ctx *c,
				  const struct keyword_job *j, struct err *e)
{
	enum flush_result rc = FLUSH_DONE;
	size_t i = 0;

	while (rc == FLUSH_DONE && i < j->n_places) {
		size_t k = i + 1;

		while (k < j->n_places &&
		       strcmp(j->places[k].mailbox, j->places[i].mailbox) == 0)
			k++;
		rc = send_box(c, j, &j->places[i], k - i, e);
		i = k;
	}
	return rc;
}

/* -1: the payload makes no sense; -2: the store failed. */
static int job_read(const struct flush_ctx *c, json_t *payload,
		    struct keyword_job *j, struct err *e)
{
	json_t *msgs = json_object_get(payload, "messages");
	char *ids;
	int rc;

	if (flag_list(payload, "add", &j->add, &j->n_add) < 0 ||
	    flag_list(payload, "remove", &j->remove, &j->n_remove) < 0 ||
	    !json_is_array(msgs))
		return err_set(e, "the keyword change is not understood");
	ids = json_dumps(msgs, JSON_COMPACT);
	rc = store_message_places(c->s, ids ? ids : "[]", &j->places,
				  &j->n_places, e);
	free(ids);
	return rc < 0 ? -2 : 0;
}

enum flush_result keyword_send(const struct flush_ctx *c,
			       const struct flush_row *r, json_t *payload,
			       struct err *e)
{
	struct keyword_job j = {0};
	enum flush_result rc;
	int bad;

	(void)r;
	if ((bad = job_read(c, payload, &j, e)) < 0) {
		job_free(&j);
		return bad == -1 ? FLUSH_FAILED : FLUSH_RETRY;
	}
	if (j.n_places && !c->im) {
		job_free(&j);
		err_set(e, "not connected to the IMAP server");
		return FLUSH_RETRY;
	}
	rc = send_all(c, &j, e);
	job_free(&j);
	return rc;
}
