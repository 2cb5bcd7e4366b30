/* outbox.c: network work a decision owes (the IMAP keyword that shares
 * it), written beside the decision so that it is not lost; the rows wait
 * there for the sender. */
#include "store_priv.h"

int store_outbox_add(struct store *s, const char *kind, int64_t message_id,
		     const char *payload, struct err *e)
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
	return store_exec(s, st, e, "cannot queue the change");
}

int store_outbox_queued(struct store *s, int64_t *n, struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_OUTBOX_QUEUED,
		       "SELECT count(*) FROM outbox WHERE state = 'queued'", e);

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
