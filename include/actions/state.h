/* actions/state.h: resolve, ignore and reopen an IP group (every report
 * about it) or one report, with an optional note, and the undo of it. The
 * decision and the outbox row that shares it through the server's
 * keywords are written in one transaction; the screen and the command
 * line decide through here alike. */
#ifndef ACTIONS_STATE_H
#define ACTIONS_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* What a decision is about: an IP's group, or one report. */
struct action_target {
	bool is_ip;
	char ip[REPORT_IP_TEXT_MAX];
	int64_t message_id; /* !is_ip: the report's message */
};

/* What was stored before a change, whole, so that its undo puts it back
 * (its note, time and place in the order of decisions too), and the
 * outbox row the change queued. */
struct action_undo {
	struct action_target t;
	bool had; /* a decision was stored before */
	enum store_state st;
	char *note; /* malloc'd, may be NULL */
	int64_t updated_at, seq;
	bool note_only;	   /* action_note(): only the note goes back */
	int64_t outbox_id; /* 0: none queued */
};

/* Fills u with t and the decision stored on it now (u->had false when
 * there is none). 0 or -1. */
int action_remember(struct store *s, const struct action_target *t,
		    struct action_undo *u, struct err *e);

/* Puts st (with note, may be NULL) on t and queues the keywords that
 * share it: resolve adds $AbuseResolved (and takes $AbuseIgnored away),
 * ignore the other way round, reopen takes both away, on every present
 * in-scope report about the IP, or on the one report. u (may be NULL)
 * receives what its undo needs (free it with action_undo_free()). */
int action_decide(struct store *s, const struct action_target *t,
		  enum store_state st, const char *note, struct action_undo *u,
		  struct err *e);

/* The note of the decision u remembered (action_remember()), changed
 * without touching the decision; u becomes its undo. 0, or -1. */
int action_note(struct store *s, struct action_undo *u, const char *note,
		struct err *e);

/* Puts back what u remembers. The keyword row the change queued is
 * deleted while it is still waiting; once it was sent (or is being
 * sent), the keywords of the state put back are queued instead. */
int action_undo(struct store *s, const struct action_undo *u, struct err *e);

/* NULL-safe; frees what u holds, not u. */
void action_undo_free(struct action_undo *u);

#endif
