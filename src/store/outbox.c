/* outbox.c: network work a decision owes (the IMAP keyword that shares
 * it, a reply to send), written beside the decision so that it is not
 * lost; the flush (src/actions/flush.c) claims the rows one by one, marks
 * them 'sending' (with its connection's name, outbox_claim.c) before its
 * network call and sent or failed after it. */
#include "store_priv.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

enum { BACKOFF_FIRST_S = 30, BACKOFF_MAX_S = 3600 };

static const char *const state_names[] = {
    [STORE_OUTBOX_QUEUED] = "queued",
    [STORE_OUTBOX_SENDING] = "sending",
    [STORE_OUTBOX_SENT] = "sent",
    [STORE_OUTBOX_FAILED] = "failed",
};

const char *store_outbox_state_name(enum store_outbox_state st)
{
	return state_names[st];
}

static enum store_outbox_state state_parse(const char *name)
{
	for (size_t i = 0; i < sizeof state_names / sizeof state_names[0]; i++)
		if (name && strcmp(name, state_names[i]) == 0)
			return (enum store_outbox_state)i;
	return STORE_OUTBOX_QUEUED;
}

int64_t store_outbox_backoff(int64_t attempts)
{
	int64_t s = BACKOFF_FIRST_S;

	for (int64_t i = 1; i < attempts && s < BACKOFF_MAX_S; i++)
		s *= 2;
	return s < BACKOFF_MAX_S ? s : BACKOFF_MAX_S;
}

int store_outbox_put(struct store *s, const char *kind, int64_t message_id,
		     const char *payload, int64_t *id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_OUTBOX_ADD,
	    "INSERT INTO outbox(kind, message_id, payload, created_at)"
	    " VALUES(?, ?, ?, CAST(strftime('%s', 'now') AS INTEGER))",
	    e);

	if (!st)
		return -1;
	store_bind_text(st, 1, kind);
	if (message_id > 0)
		sqlite3_bind_int64(st, 2, message_id);
	store_bind_text(st, 3, payload);
	if (store_exec(s, st, e, "cannot queue the change") < 0)
		return -1;
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_outbox_add(struct store *s, const char *kind, int64_t message_id,
		     const char *payload, struct err *e)
{
	return store_outbox_put(s, kind, message_id, payload, NULL, e);
}

/* A row still to be sent: queued, or claimed by a flush not done. */
#define WAITING "state IN ('queued', 'sending')"

/* The count st (bound, or with nothing to bind) gives. */
static int count_of(struct store *s, sqlite3_stmt *st, int64_t *n,
		    struct err *e)
{
	*n = 0;
	if (!st)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return store_fail(s, e, "cannot count the outbox");
	}
	*n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return 0;
}

static int count(struct store *s, enum store_stmt id, const char *sql,
		 int64_t *n, struct err *e)
{
	return count_of(s, store_stmt(s, id, sql, e), n, e);
}

int store_outbox_queued(struct store *s, int64_t *n, struct err *e)
{
	return count(s, ST_OUTBOX_QUEUED,
		     "SELECT count(*) FROM outbox"
		     " WHERE " WAITING,
		     n, e);
}

int store_outbox_waiting_at(struct store *s, const char *kind, const char *step,
			    int64_t *n, struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_OUTBOX_WAITING_AT,
		       "SELECT count(*) FROM outbox WHERE " WAITING
		       " AND kind = ?1 AND coalesce(step, '') = ?2",
		       e);

	if (st) {
		sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, step, -1, SQLITE_STATIC);
	}
	return count_of(s, st, n, e);
}

int store_outbox_failed(struct store *s, int64_t *n, struct err *e)
{
	return count(s, ST_OUTBOX_FAILED,
		     "SELECT count(*) FROM outbox WHERE state = 'failed'", n,
		     e);
}

#define ROW_COLUMNS                                                            \
	"id, kind, coalesce(message_id, 0), payload, state, attempts,"         \
	" last_error, created_at, next_attempt_at, coalesce(sent_at, 0),"      \
	" step"

static void row_read(sqlite3_stmt *st, void *p)
{
	struct store_outbox_row *r = p;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->kind = store_column_dup(st, 1);
	r->message_id = sqlite3_column_int64(st, 2);
	r->payload = store_column_dup(st, 3);
	r->state = state_parse((const char *)sqlite3_column_text(st, 4));
	r->attempts = sqlite3_column_int64(st, 5);
	r->last_error = store_column_dup(st, 6);
	r->created_at = sqlite3_column_int64(st, 7);
	r->next_attempt_at = sqlite3_column_int64(st, 8);
	r->sent_at = sqlite3_column_int64(st, 9);
	r->step = store_column_dup(st, 10);
	if (!r->step)
		r->step = xstrdup("");
}

void store_outbox_row_free(struct store_outbox_row *r)
{
	if (!r)
		return;
	free(r->kind);
	free(r->payload);
	free(r->last_error);
	free(r->step);
	memset(r, 0, sizeof *r);
}

void store_outbox_rows_free(struct store_outbox_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_outbox_row_free(&v[i]);
	free(v);
}

int store_outbox_list(struct store *s, bool all, struct store_outbox_row **v,
		      size_t *n, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_OUTBOX_LIST,
				      "SELECT " ROW_COLUMNS " FROM outbox"
				      " WHERE ? OR state <> 'sent' ORDER BY id",
				      e);
	void *rows = NULL;

	*v = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, all);
	if (store_collect(s, st, sizeof **v, row_read, &rows, n,
			  "cannot read the outbox", e) < 0) {
		store_outbox_rows_free(rows, *n);
		*n = 0;
		return -1;
	}
	*v = rows;
	return 0;
}

static int one_row(struct store *s, sqlite3_stmt *st,
		   struct store_outbox_row *r, struct err *e)
{
	int rc = sqlite3_step(st);

	memset(r, 0, sizeof *r);
	if (rc == SQLITE_ROW)
		row_read(st, r);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, "cannot read the outbox");
	return rc == SQLITE_ROW;
}

int store_outbox_get(struct store *s, int64_t id, struct store_outbox_row *r,
		     struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_OUTBOX_GET,
		       "SELECT " ROW_COLUMNS " FROM outbox WHERE id = ?", e);

	memset(r, 0, sizeof *r);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return one_row(s, st, r, e);
}

/* An interrupted row first (it may hold a half-done step), then by id;
 * a row another flusher holds (its process alive, its lease running) is
 * not one to take; a keyword row waits behind an older unsent keyword
 * row, so that a resolve and the reopen after it reach the server in
 * that order. Mails and POSTs do not depend on each other: one waiting
 * for a slow server holds none of the others back. */
static const char claim_sql[] =
    "SELECT " ROW_COLUMNS " FROM outbox o WHERE ((o.state = 'sending' AND"
    " (o.claim IS NULL OR o.claim = ?2 OR o.claimed_at IS NULL OR"
    " o.claimed_at <= ?1 - ?3 OR outbox_claim_gone(o.claim))) OR"
    " (o.state = 'queued' AND o.next_attempt_at <= ?1)) AND"
    " (o.kind != 'keyword' OR NOT EXISTS"
    " (SELECT 1 FROM outbox p WHERE p.state IN ('queued', 'sending')"
    " AND p.kind = o.kind AND p.id < o.id))"
    " ORDER BY o.state = 'sending' DESC, o.id LIMIT 1";

static int claim(struct store *s, int64_t now, struct store_outbox_row *r,
		 struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_OUTBOX_CLAIM, claim_sql, e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, now);
	store_bind_text(st, 2, s->claim);
	sqlite3_bind_int64(st, 3, STORE_OUTBOX_LEASE_S);
	if ((rc = one_row(s, st, r, e)) <= 0)
		return rc;
	r->interrupted = r->state == STORE_OUTBOX_SENDING;
	st = store_stmt(s, ST_OUTBOX_MARK,
			"UPDATE outbox SET state = 'sending', claim = ?2,"
			" claimed_at = ?3 WHERE id = ?1",
			e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, r->id);
	store_bind_text(st, 2, s->claim);
	sqlite3_bind_int64(st, 3, now);
	r->state = STORE_OUTBOX_SENDING;
	return store_exec(s, st, e, "cannot claim an outbox row") < 0 ? -1 : 1;
}

int store_outbox_claim(struct store *s, int64_t now, struct store_outbox_row *r,
		       struct err *e)
{
	int rc;

	memset(r, 0, sizeof *r);
	if (store_begin(s, e) < 0)
		return -1;
	rc = claim(s, now, r, e);
	if (rc < 0 || store_commit(s, e) < 0) {
		store_rollback(s);
		store_outbox_row_free(r);
		return -1;
	}
	if (rc == 0)
		memset(r, 0, sizeof *r);
	return rc;
}

/* Binds id (and text, when given) and runs; returns how many rows it
 * changed, or -1. */
static int change(struct store *s, enum store_stmt id, const char *sql,
		  int64_t row, const char *text, int64_t t, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, id, sql, e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, row);
	if (sqlite3_bind_parameter_count(st) >= 2)
		store_bind_text(st, 2, text);
	if (sqlite3_bind_parameter_count(st) >= 3)
		sqlite3_bind_int64(st, 3, t);
	if (store_exec(s, st, e, "cannot update the outbox") < 0)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

int store_outbox_due_now(struct store *s, struct err *e)
{
	return change(s, ST_OUTBOX_DUE_NOW,
		      "UPDATE outbox SET next_attempt_at = 0"
		      " WHERE state = 'queued' AND next_attempt_at > ?1",
		      0, NULL, 0, e) < 0
		   ? -1
		   : 0;
}

/* The step is recorded, and the lease renewed, only while the row is
 * this connection's (or nobody's): one taken over by another flusher is
 * that one's to finish. */
int store_outbox_step(struct store *s, int64_t id, const char *step,
		      struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_OUTBOX_STEP,
		       "UPDATE outbox SET step = coalesce(?2, ''), claimed_at ="
		       " CAST(strftime('%s', 'now') AS INTEGER) WHERE id = ?1"
		       " AND (claim IS NULL OR claim = ?3)",
		       e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, step);
	store_bind_text(st, 3, s->claim);
	if (store_exec(s, st, e, "cannot update the outbox") < 0)
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return err_set(e,
			       "outbox row %lld was taken over by another "
			       "flusher, or dropped",
			       (long long)id);
	return 0;
}

int store_outbox_sent(struct store *s, int64_t id, int64_t now, struct err *e)
{
	return change(s, ST_OUTBOX_SENT,
		      "UPDATE outbox SET state = 'sent', sent_at = ?3,"
		      " claim = NULL WHERE id = ?1 AND (claim IS NULL OR"
		      " claim = ?2)",
		      id, s->claim, now, e) < 0
		   ? -1
		   : 0;
}

/* The backoff counts the attempt being recorded, so the row is read
 * first. */
int store_outbox_fail(struct store *s, int64_t id, const char *error,
		      bool permanent, int64_t now, struct err *e)
{
	struct store_outbox_row r;
	sqlite3_stmt *st;
	int rc = store_outbox_get(s, id, &r, e);
	int64_t attempts = r.attempts;

	if (rc <= 0)
		return rc;
	store_outbox_row_free(&r);
	st = store_stmt(s, ST_OUTBOX_FAIL,
			"UPDATE outbox SET attempts = attempts + 1,"
			" last_error = ?2, state = CASE WHEN ?3 THEN 'failed'"
			" ELSE 'queued' END, next_attempt_at = ?4,"
			" claim = NULL WHERE id = ?1 AND (claim IS NULL OR"
			" claim = ?5)",
			e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, error);
	sqlite3_bind_int(st, 3, permanent);
	sqlite3_bind_int64(st, 4, now + store_outbox_backoff(attempts + 1));
	store_bind_text(st, 5, s->claim);
	return store_exec(s, st, e, "cannot update the outbox");
}

int store_outbox_retry(struct store *s, int64_t id, struct err *e)
{
	return change(s, ST_OUTBOX_RETRY,
		      "UPDATE outbox SET state = 'queued', next_attempt_at = 0,"
		      " claim = NULL WHERE id = ?1 AND state <> 'sent'",
		      id, NULL, 0, e);
}

int store_outbox_drop(struct store *s, int64_t id, struct err *e)
{
	return change(s, ST_OUTBOX_DROP, "DELETE FROM outbox WHERE id = ?1", id,
		      NULL, 0, e);
}

int store_outbox_unqueue(struct store *s, int64_t id, struct err *e)
{
	return change(s, ST_OUTBOX_UNQUEUE,
		      "DELETE FROM outbox WHERE id = ?1 AND state = 'queued'",
		      id, NULL, 0, e);
}

static void place_read(sqlite3_stmt *st, void *p)
{
	struct store_message_place *m = p;

	m->mailbox = store_column_dup(st, 0);
	m->uidvalidity = (uint32_t)sqlite3_column_int64(st, 1);
	m->uid = (uint32_t)sqlite3_column_int64(st, 2);
}

int store_message_places(struct store *s, const char *ids_json,
			 struct store_message_place **v, size_t *n,
			 struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_OUTBOX_PLACES,
	    "SELECT b.name, b.uidvalidity, m.uid FROM message m"
	    " JOIN mailbox b ON b.id = m.mailbox_id"
	    " WHERE m.id IN (SELECT value FROM json_each(?))"
	    " AND m.uid IS NOT NULL AND m.gone = 0 ORDER BY b.name, m.uid",
	    e);
	void *rows = NULL;

	*v = NULL;
	*n = 0;
	if (!st)
		return -1;
	store_bind_text(st, 1, ids_json);
	if (store_collect(s, st, sizeof **v, place_read, &rows, n,
			  "cannot find the messages on the server", e) < 0) {
		store_message_places_free(rows, *n);
		*n = 0;
		return -1;
	}
	*v = rows;
	return 0;
}

void store_message_places_free(struct store_message_place *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].mailbox);
	free(v);
}

int store_ip_messages(struct store *s, const char *ip, int64_t **ids, size_t *n,
		      struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_IP_MESSAGES,
		       "SELECT tf.mid FROM triage_fact tf JOIN message m"
		       " ON m.id = tf.mid WHERE tf.kind = 0 AND tf.ip = ?"
		       " AND m.gone = 0 ORDER BY tf.mid",
		       e);

	*ids = NULL;
	*n = 0;
	if (!st)
		return -1;
	store_bind_text(st, 1, ip);
	return store_collect_ids(s, st, ids, n,
				 "cannot read the reports of "
				 "an IP",
				 e);
}
