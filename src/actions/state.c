/* state.c: a decision (resolve, ignore, reopen) on an IP's group or one
 * report, with the keyword row that shares it, in one transaction; the
 * decision stored before, remembered whole; and the undo, which puts it
 * back and either takes the keyword row back (not sent yet) or queues the
 * keywords of the state put back (already sent). */
#include "actions_priv.h"

#include <stdlib.h>
#include <string.h>

int action_remember(struct store *s, const struct action_target *t,
		    struct action_undo *u, struct err *e)
{
	struct store_decision_saved d;
	int rc;

	memset(u, 0, sizeof *u);
	u->t = *t;
	rc = t->is_ip ? store_ip_decision_get(s, t->ip, &d, e)
		      : store_report_decision_get(s, t->message_id, &d, e);
	if (rc < 0)
		return -1;
	u->had = rc == 1;
	u->st = d.state;
	u->note = d.note;
	u->updated_at = d.updated_at;
	u->seq = d.seq;
	return 0;
}

/* Puts back what action_remember() read: the decision as it was, in its
 * old place in the order, or none when there was none. */
static int restore(struct store *s, const struct action_undo *u, struct err *e)
{
	struct store_decision_saved d = {u->st, u->note, u->updated_at, u->seq};
	const struct action_target *t = &u->t;

	if (!u->had)
		return t->is_ip ? store_ip_state_clear(s, t->ip, e)
				: store_report_state_clear(s, t->message_id, e);
	return t->is_ip ? store_ip_decision_put(s, t->ip, &d, e)
			: store_report_decision_put(s, t->message_id, &d, e);
}

static int set(struct store *s, const struct action_target *t,
	       enum store_state st, const char *note, int64_t *outbox_id,
	       struct err *e)
{
	int rc = t->is_ip
		     ? store_ip_state_set(s, t->ip, st, note, e)
		     : store_report_state_set(s, t->message_id, st, note, e);

	return rc < 0 ? -1 : keyword_queue(s, t, st, outbox_id, e);
}

int action_decide(struct store *s, const struct action_target *t,
		  enum store_state st, const char *note, struct action_undo *u,
		  struct err *e)
{
	struct action_undo mine;
	int64_t id = 0;

	if (!u)
		u = &mine;
	if (store_begin(s, e) < 0)
		return -1;
	if (action_remember(s, t, u, e) < 0 ||
	    set(s, t, st, note, &id, e) < 0 || store_commit(s, e) < 0) {
		store_rollback(s);
		action_undo_free(u);
		return -1;
	}
	u->outbox_id = id;
	if (u == &mine)
		action_undo_free(u);
	return 0;
}

static int note_set(struct store *s, const struct action_target *t,
		    const char *note, struct err *e)
{
	return t->is_ip ? store_ip_note_set(s, t->ip, note, e)
			: store_report_note_set(s, t->message_id, note, e);
}

int action_note(struct store *s, struct action_undo *u, const char *note,
		struct err *e)
{
	if (note_set(s, &u->t, note, e) < 0)
		return -1;
	u->note_only = true;
	return 0;
}

/* The keyword row of the change: taken back while it waits, else the
 * keywords of the state put back are queued after it. */
static int unshare(struct store *s, const struct action_undo *u, struct err *e)
{
	int64_t id;
	int rc = u->outbox_id ? store_outbox_unqueue(s, u->outbox_id, e) : 1;

	if (rc != 0)
		return rc < 0 ? -1 : 0;
	return keyword_queue(s, &u->t, u->had ? u->st : STORE_STATE_OPEN, &id,
			     e);
}

int action_undo(struct store *s, const struct action_undo *u, struct err *e)
{
	if (u->note_only)
		return note_set(s, &u->t, u->note, e) < 0 ? -1 : 0;
	if (store_begin(s, e) < 0)
		return -1;
	if (restore(s, u, e) < 0 || unshare(s, u, e) < 0 ||
	    store_commit(s, e) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

void action_undo_free(struct action_undo *u)
{
	if (!u)
		return;
	free(u->note);
	u->note = NULL;
}
