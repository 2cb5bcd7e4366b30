/* unsubscribe.c (store): unsubscribe attempts, their outbox rows, and the
 * reports a reporter sent after one ("still sending"), counted through
 * triage_fact's (rid, t, mid) index. */
#include "store/unsubscribe.h"
#include "store_priv.h"

#include <stdlib.h>

/* The schema that brought the attempts (schema.c). */
#define UNSUB_SINCE 15

int store_unsub_attempt_add(struct store *s, int64_t message_id,
			    const char *method, const char *target, int64_t now,
			    int64_t *id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_UNSUB_ADD,
	    "INSERT INTO unsubscribe_attempt(reporter_id, message_id, method,"
	    " target, created_at) SELECT reporter_id, message_id, ?, ?, ?"
	    " FROM report WHERE message_id = ? AND reporter_id IS NOT NULL",
	    e);

	*id = 0;
	if (!st)
		return -1;
	store_bind_text(st, 1, method);
	store_bind_text(st, 2, target);
	sqlite3_bind_int64(st, 3, now);
	sqlite3_bind_int64(st, 4, message_id);
	if (store_exec(s, st, e, "cannot record the unsubscribe attempt") < 0)
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return 0;
	*id = sqlite3_last_insert_rowid(s->db);
	return 1;
}

int store_unsub_attempt_queue(struct store *s, int64_t attempt_id,
			      const char *kind, int64_t message_id,
			      const char *payload, int64_t *outbox_id,
			      struct err *e)
{
	sqlite3_stmt *st;

	if (store_outbox_put(s, kind, message_id, payload, outbox_id, e) < 0)
		return -1;
	st = store_stmt(s, ST_UNSUB_LINK,
			"UPDATE unsubscribe_attempt SET outbox_id = ?"
			" WHERE id = ?",
			e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, *outbox_id);
	sqlite3_bind_int64(st, 2, attempt_id);
	return store_exec(s, st, e, "cannot record the unsubscribe attempt");
}

static void status_read(sqlite3_stmt *st, struct store_unsub_status *out)
{
	out->attempt_id = sqlite3_column_int64(st, 0);
	out->created_at = sqlite3_column_int64(st, 1);
	out->method = store_column_dup(st, 2);
	out->target = store_column_dup(st, 3);
	out->outbox_id = sqlite3_column_int64(st, 4);
	out->state = store_column_dup(st, 5);
	out->last_error = store_column_dup(st, 6);
	out->since = sqlite3_column_int64(st, 7);
	out->step = store_column_dup(st, 8);
}

int store_unsub_latest(struct store *s, const char *domain,
		       struct store_unsub_status *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*out = (struct store_unsub_status){0};
	if (s->version < UNSUB_SINCE)
		return 0;
	st = store_stmt(
	    s, ST_UNSUB_LATEST,
	    "SELECT a.id, a.created_at, a.method, a.target, a.outbox_id,"
	    " o.state, o.last_error, (SELECT count(DISTINCT f.mid)"
	    " FROM triage_fact f WHERE f.rid = a.reporter_id"
	    " AND f.t > a.created_at), o.step"
	    " FROM reporter rep JOIN unsubscribe_attempt a"
	    " ON a.reporter_id = rep.id LEFT JOIN outbox o ON o.id = "
	    "a.outbox_id"
	    " WHERE rep.domain = ? ORDER BY a.created_at DESC, a.id DESC"
	    " LIMIT 1",
	    e);
	if (!st)
		return -1;
	store_bind_text(st, 1, domain);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		status_read(st, out);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, "cannot read the unsubscribe attempts");
	return rc == SQLITE_ROW;
}

void store_unsub_status_free(struct store_unsub_status *st)
{
	if (!st)
		return;
	free(st->method);
	free(st->target);
	free(st->state);
	free(st->last_error);
	free(st->step);
	*st = (struct store_unsub_status){0};
}

int store_unsub_report_of(struct store *s, const char *domain,
			  int64_t *message_id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_UNSUB_REPORT,
	    "SELECT r.message_id FROM reporter rep JOIN report r"
	    " ON r.reporter_id = rep.id JOIN message m ON m.id = r.message_id"
	    " WHERE rep.domain = ? AND r.unsub_method <> 'none'"
	    " ORDER BY m.dated DESC, m.id DESC LIMIT 1",
	    e);
	int rc;

	*message_id = 0;
	if (!st)
		return -1;
	store_bind_text(st, 1, domain);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*message_id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e,
				  "cannot read the reports of a reporter");
	return rc == SQLITE_ROW;
}
