/* sync.c: the cache side of IMAP sync — present UIDs, flag and expunge
 * updates, re-binding messages to new UIDs after a UIDVALIDITY change, and
 * the look-ups behind the shared $AbuseResolved/$AbuseIgnored keywords. */
#include "store/sync.h"
#include "store_priv.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void read_uid(sqlite3_stmt *st, void *row)
{
	*(uint32_t *)row = (uint32_t)sqlite3_column_int64(st, 0);
}

/* The UIDs st yields for mailbox_id (its first parameter). */
static int uids_of(struct store *s, sqlite3_stmt *st, int64_t mailbox_id,
		   uint32_t **uids, size_t *n, struct err *e)
{
	void *v = NULL;

	*uids = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, mailbox_id);
	if (store_collect(s, st, sizeof **uids, read_uid, &v, n,
			  "cannot read the stored UIDs", e) < 0) {
		free(v);
		*n = 0;
		return -1;
	}
	*uids = v;
	return 0;
}

int store_sync_uids(struct store *s, int64_t mailbox_id, uint32_t **uids,
		    size_t *n, struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_SYNC_UIDS,
	    "SELECT uid FROM message WHERE mailbox_id = ? AND uid > 0"
	    " AND gone = 0 ORDER BY uid",
	    e);

	return uids_of(s, st, mailbox_id, uids, n, e);
}

/* Steps a statement that yields one integer; resets it. */
static int one_int(struct store *s, sqlite3_stmt *st, int64_t *out,
		   struct err *e, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : store_fail(s, e, what);
}

static int flags_get(struct store *s, int64_t mailbox_id, uint32_t uid,
		     int64_t *id, char **old, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_SYNC_FLAGS_GET,
				      "SELECT id, flags FROM message"
				      " WHERE mailbox_id = ? AND uid = ?",
				      e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, mailbox_id);
	sqlite3_bind_int64(st, 2, uid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*old = store_column_dup(st, 1);
	} else if (rc != SQLITE_DONE) {
		store_fail(s, e, "cannot read a message's flags");
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_sync_flags_set(struct store *s, int64_t mailbox_id, uint32_t uid,
			 const char *flags, uint64_t modseq, int64_t *id,
			 char **old_flags, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	*old_flags = NULL;
	rc = flags_get(s, mailbox_id, uid, id, old_flags, e);
	if (rc <= 0)
		return rc;
	st = store_stmt(s, ST_SYNC_FLAGS_SET,
			"UPDATE message SET flags = ?, modseq = ? WHERE id = ?",
			e);
	if (st) {
		store_bind_text(st, 1, flags ? flags : "");
		sqlite3_bind_int64(st, 2, (sqlite3_int64)modseq);
		sqlite3_bind_int64(st, 3, *id);
	}
	if (!st || store_exec(s, st, e, "cannot save a message's flags") < 0) {
		free(*old_flags);
		*old_flags = NULL;
		return -1;
	}
	return 1;
}

int store_sync_gone(struct store *s, int64_t mailbox_id, uint32_t uid,
		    struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_SYNC_GONE,
				      "UPDATE message SET gone = 1"
				      " WHERE mailbox_id = ? AND uid = ?"
				      " AND gone = 0",
				      e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, mailbox_id);
	sqlite3_bind_int64(st, 2, uid);
	if (store_exec(s, st, e, "cannot mark a message as expunged") < 0)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

/* -id is unique and never a real UID, so several UIDVALIDITY changes in a
 * row cannot collide on UNIQUE(mailbox_id, uid). */
int store_sync_unbind(struct store *s, int64_t mailbox_id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_SYNC_UNBIND,
				      "UPDATE message SET uid = -id, gone = 1"
				      " WHERE mailbox_id = ? AND uid > 0",
				      e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, mailbox_id);
	return store_exec(s, st, e, "cannot forget the old UIDs");
}

/* The look-up table lives in this connection's temp schema: the message
 * table has no index on content_hash for rows with a UID, and one would
 * slow every insert for the sake of a rare event. */
static int unbound_table(struct store *s, struct err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db,
			 "CREATE TEMP TABLE IF NOT EXISTS sync_unbound("
			 " id INTEGER PRIMARY KEY, hash TEXT NOT NULL);"
			 "CREATE INDEX IF NOT EXISTS temp.sync_unbound_hash"
			 " ON sync_unbound(hash)",
			 NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	err_set(e, "%s: cannot prepare the UID rebind: %s", s->path,
		msg ? msg : sqlite3_errmsg(s->db));
	sqlite3_free(msg);
	return -1;
}

int store_sync_unbound_load(struct store *s, int64_t mailbox_id, int64_t *n,
			    struct err *e)
{
	sqlite3_stmt *st;

	*n = 0;
	if (unbound_table(s, e) < 0)
		return -1;
	st =
	    store_stmt(s, ST_SYNC_UNBOUND_CLEAR, "DELETE FROM sync_unbound", e);
	if (!st || store_exec(s, st, e, "cannot prepare the UID rebind") < 0)
		return -1;
	st = store_stmt(s, ST_SYNC_UNBOUND_FILL,
			"INSERT INTO sync_unbound(id, hash) SELECT id,"
			" content_hash FROM message WHERE mailbox_id = ?"
			" AND uid < 0",
			e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, mailbox_id);
	if (store_exec(s, st, e, "cannot prepare the UID rebind") < 0)
		return -1;
	*n = sqlite3_changes(s->db);
	return 0;
}

static int unbound_find(struct store *s, const struct store_message_in *m,
			int64_t *id, struct err *e)
{
	char hash[STORE_HASH_HEX];
	sqlite3_stmt *st;
	int rc;

	if (m->hash)
		memcpy(hash, m->hash, STORE_HASH_HEX);
	else if (store_content_hash(m->raw ? m->raw : "", m->len, hash, e) < 0)
		return -1;
	if (!s->stmt[ST_SYNC_UNBOUND_FIND] && unbound_table(s, e) < 0)
		return -1;
	st = store_stmt(s, ST_SYNC_UNBOUND_FIND,
			"SELECT u.id FROM sync_unbound u JOIN message m"
			" ON m.id = u.id WHERE u.hash = ? AND m.mailbox_id = ?"
			" AND m.uid < 0 ORDER BY u.id LIMIT 1",
			e);
	if (!st)
		return -1;
	store_bind_text(st, 1, hash);
	sqlite3_bind_int64(st, 2, m->mailbox_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		store_fail(s, e, "cannot look for a message to rebind");
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int rebind_row(struct store *s, const struct store_message_in *m,
		      int64_t id, struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_SYNC_REBIND,
	    "UPDATE message SET uid = ?1, gone = 0, flags = ?2, modseq = ?3,"
	    " internal_date = CASE WHEN ?4 > 0 THEN ?4 ELSE internal_date END"
	    " WHERE id = ?5",
	    e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, m->uid);
	store_bind_text(st, 2, m->flags ? m->flags : "");
	sqlite3_bind_int64(st, 3, (sqlite3_int64)m->modseq);
	sqlite3_bind_int64(st, 4, m->internal_date);
	sqlite3_bind_int64(st, 5, id);
	if (store_exec(s, st, e, "cannot give a message its new UID") < 0)
		return -1;
	st = store_stmt(s, ST_SYNC_UNBOUND_DROP,
			"DELETE FROM sync_unbound WHERE id = ?", e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return store_exec(s, st, e, "cannot give a message its new UID");
}

int store_sync_rebind(struct store *s, const struct store_message_in *m,
		      int64_t *id, struct err *e)
{
	int rc = unbound_find(s, m, id, e);

	if (rc <= 0)
		return rc;
	return rebind_row(s, m, *id, e) < 0 ? -1 : 1;
}

int store_sync_message_ips(struct store *s, int64_t message_id,
			   char (**ips)[REPORT_IP_TEXT_MAX], size_t *n,
			   struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_SYNC_MESSAGE_IPS,
				      "SELECT ip FROM report_ip"
				      " WHERE message_id = ? AND in_scope"
				      " ORDER BY rank",
				      e);
	char(*v)[REPORT_IP_TEXT_MAX] = NULL;
	size_t k = 0;
	int rc;

	*ips = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, message_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);

		v = xreallocarray(v, k + 1, sizeof *v);
		snprintf(v[k++], REPORT_IP_TEXT_MAX, "%s",
			 t ? (const char *)t : "");
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return store_fail(s, e, "cannot read a report's addresses");
	}
	*ips = v;
	*n = k;
	return 0;
}

int store_sync_ip_lacking(struct store *s, const char *ip, const char *keyword,
			  int64_t *n, struct err *e)
{
	sqlite3_stmt *st;

	/* The facts of reports written in this transaction are staged until
	 * the commit; this count must see them. */
	if (store_pending_flush(s, e) < 0)
		return -1;
	st =
	    store_stmt(s, ST_SYNC_IP_LACKING,
		       "SELECT count(*) FROM triage_fact tf JOIN message m"
		       " ON m.id = tf.mid WHERE tf.kind = 0 AND tf.ip = ?"
		       " AND m.gone = 0 AND instr(' ' || lower(m.flags) || ' ',"
		       " ' ' || lower(?) || ' ') = 0",
		       e);
	if (!st)
		return -1;
	store_bind_text(st, 1, ip);
	store_bind_text(st, 2, keyword);
	return one_int(s, st, n, e, "cannot read the flags of a group");
}
