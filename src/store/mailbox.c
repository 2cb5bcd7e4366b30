/* mailbox.c: mailboxes and their sync state (UIDVALIDITY, UIDNEXT,
 * HIGHESTMODSEQ), which tells the next sync where to pick up. */
#include "store_priv.h"

int store_mailbox_get(struct store *s, const char *name,
		      struct store_mailbox *out, struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_MAILBOX_GET,
	    "SELECT id, uidvalidity, uidnext, highestmodseq, synced_at"
	    " FROM mailbox WHERE name = ?",
	    e);
	int rc;

	if (!st)
		return -1;
	store_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->uidvalidity = (uint32_t)sqlite3_column_int64(st, 1);
		out->uidnext = (uint32_t)sqlite3_column_int64(st, 2);
		out->highestmodseq = (uint64_t)sqlite3_column_int64(st, 3);
		out->synced_at = sqlite3_column_int64(st, 4);
	} else if (rc != SQLITE_DONE) {
		store_fail(s, e, "cannot read a mailbox");
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_mailbox_get_or_create(struct store *s, const char *name, int64_t *id,
				struct err *e)
{
	struct store_mailbox m;
	sqlite3_stmt *st;
	int rc = store_mailbox_get(s, name, &m, e);

	if (rc != 0) {
		if (rc > 0)
			*id = m.id;
		return rc < 0 ? -1 : 0;
	}
	st = store_stmt(s, ST_MAILBOX_INSERT,
			"INSERT INTO mailbox(name) VALUES(?)", e);
	if (!st)
		return -1;
	store_bind_text(st, 1, name);
	if (store_exec(s, st, e, "cannot create a mailbox") < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_mailbox_set_state(struct store *s, const struct store_mailbox *m,
			    struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_MAILBOX_SET,
		       "UPDATE mailbox SET uidvalidity = ?, uidnext = ?,"
		       " highestmodseq = ?, synced_at = ? WHERE id = ?",
		       e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, m->uidvalidity);
	sqlite3_bind_int64(st, 2, m->uidnext);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)m->highestmodseq);
	sqlite3_bind_int64(st, 4, m->synced_at);
	sqlite3_bind_int64(st, 5, m->id);
	return store_exec(s, st, e, "cannot save the mailbox state");
}
