/* flush.c: the outbox sent, row by row: each is claimed ('sending') in
 * the store before its handler touches the network, and marked sent or
 * failed after; the handler is found by kind in the one table below. */
#include "actions/unsubscribe.h"
#include "actions_priv.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* One entry per kind of outbox row. */
static const struct {
	const char *kind;
	flush_fn fn;
} kinds[] = {
    {OUTBOX_KEYWORD, keyword_send},
    {OUTBOX_POST, unsub_post_send},
    {OUTBOX_MAIL, mail_send},
};

flush_fn flush_handler(const char *kind)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (kind && strcmp(kinds[i].kind, kind) == 0)
			return kinds[i].fn;
	return NULL;
}

static enum flush_result dispatch(const struct flush_ctx *c,
				  const struct store_outbox_row *row,
				  struct err *e)
{
	struct flush_row r = {row->id,	     row->kind, row->message_id,
			      row->attempts, row->step, row->interrupted};
	flush_fn fn = flush_handler(row->kind);
	json_error_t je;
	json_t *payload;
	enum flush_result rc;

	if (!fn) {
		err_set(e, "no sender for outbox rows of kind '%s'", row->kind);
		return FLUSH_FAILED;
	}
	payload = json_loads(row->payload ? row->payload : "", 0, &je);
	if (!json_is_object(payload)) {
		json_decref(payload);
		err_set(e, "outbox row %lld: its payload is not a JSON object",
			(long long)row->id);
		return FLUSH_FAILED;
	}
	rc = fn(c, &r, payload, e);
	json_decref(payload);
	return rc;
}

static void count(struct flush_stats *st, enum flush_result rc,
		  const struct store_outbox_row *row, const char *why)
{
	if (rc == FLUSH_DONE) {
		st->sent++;
		return;
	}
	if (rc == FLUSH_RETRY)
		st->retry++;
	else
		st->failed++;
	if (!st->error[0])
		snprintf(st->error, sizeof st->error,
			 "outbox row %lld (%s): %s", (long long)row->id,
			 row->kind, why);
}

/* Sends one claimed row and records how it went. */
static int send_one(const struct flush_ctx *c,
		    const struct store_outbox_row *row, struct flush_stats *st,
		    struct err *e)
{
	struct err why = {{0}};
	enum flush_result rc = dispatch(c, row, &why);
	int64_t now = (int64_t)time(NULL);

	if (rc != FLUSH_DONE && !why.msg[0])
		err_set(&why, "failed without a reason");
	count(st, rc, row, why.msg);
	if (rc == FLUSH_DONE)
		return store_outbox_sent(c->s, row->id, now, e);
	return store_outbox_fail(c->s, row->id, why.msg, rc == FLUSH_FAILED,
				 now, e) < 0
		   ? -1
		   : 0;
}

int flush_run(const struct flush_ctx *c, bool now_all, struct flush_stats *st,
	      struct err *e)
{
	struct flush_stats mine = {0};
	struct store_outbox_row row;
	int rc;

	if (!st)
		st = &mine;
	if (now_all && store_outbox_due_now(c->s, e) < 0)
		return -1;
	while ((rc = store_outbox_claim(c->s, (int64_t)time(NULL), &row, e)) >
	       0) {
		rc = send_one(c, &row, st, e);
		store_outbox_row_free(&row);
		if (rc < 0)
			return -1;
	}
	return rc;
}

int flush_after_sync(void *ctx, struct store *s, struct imap *im, struct err *e)
{
	struct flush_hook *h = ctx;
	struct flush_ctx c = {s, h->cfg, im, h->secret};

	return flush_run(&c, h->now_all, &h->st, e);
}
