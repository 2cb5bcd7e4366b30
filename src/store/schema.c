/* schema.c: the tables and their forward migrations. Step N brings a
 * database from version N-1 to N in one transaction; a database is never
 * migrated backwards, and one newer than this program is refused.
 *
 * Beyond DESIGN.md's data model: message has modseq, content_hash (sha256
 * of the raw bytes; local imports, which have no uid, are keyed by it) and
 * gone (expunged on the server, kept for review); report keeps every fact
 * of struct report (lists as JSON text); report_ip has a rank; and
 * report_state (version 2) holds states of single reports. */
#include "store_priv.h"

static const char schema_v1[] =
    "CREATE TABLE mailbox("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE,"
    " uidvalidity INTEGER NOT NULL DEFAULT 0,"
    " uidnext INTEGER NOT NULL DEFAULT 0,"
    " highestmodseq INTEGER NOT NULL DEFAULT 0,"
    " synced_at INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE message("
    " id INTEGER PRIMARY KEY,"
    " mailbox_id INTEGER NOT NULL REFERENCES mailbox(id) ON DELETE CASCADE,"
    " uid INTEGER,"
    " internal_date INTEGER NOT NULL DEFAULT 0,"
    " size INTEGER NOT NULL,"
    " flags TEXT NOT NULL DEFAULT '',"
    " modseq INTEGER NOT NULL DEFAULT 0,"
    " message_id TEXT, from_addr TEXT, reply_to TEXT, subject TEXT,"
    " date INTEGER NOT NULL DEFAULT 0,"
    " content_hash TEXT NOT NULL,"
    " gone INTEGER NOT NULL DEFAULT 0,"
    " raw BLOB NOT NULL,"
    " UNIQUE(mailbox_id, uid));"
    "CREATE UNIQUE INDEX message_local_hash ON message(mailbox_id,"
    " content_hash) WHERE uid IS NULL;"
    "CREATE TABLE reporter("
    " id INTEGER PRIMARY KEY,"
    " domain TEXT NOT NULL UNIQUE,"
    " name TEXT,"
    " noise_mode TEXT NOT NULL DEFAULT 'auto'"
    "  CHECK(noise_mode IN ('auto', 'noise', 'never')),"
    " unsubscribed_at INTEGER,"
    " unsubscribe_via TEXT);"
    "CREATE TABLE report("
    " message_id INTEGER PRIMARY KEY REFERENCES message(id)"
    "  ON DELETE CASCADE,"
    " reporter_id INTEGER REFERENCES reporter(id),"
    " original_reporter TEXT,"
    " format TEXT NOT NULL,"
    " category TEXT, type TEXT, problem TEXT, action TEXT, case_ref TEXT,"
    " noise_signals TEXT NOT NULL DEFAULT '[]',"
    " evidence TEXT NOT NULL DEFAULT '[]',"
    " unsub_method TEXT NOT NULL DEFAULT 'none',"
    " unsub_target TEXT,"
    " unsub_one_click INTEGER NOT NULL DEFAULT 0,"
    " attachments TEXT NOT NULL DEFAULT '[]',"
    " auto_submitted INTEGER NOT NULL DEFAULT 0,"
    " analyzer_version INTEGER NOT NULL);"
    "CREATE INDEX report_reporter ON report(reporter_id);"
    "CREATE TABLE report_ip("
    " message_id INTEGER NOT NULL REFERENCES report(message_id)"
    "  ON DELETE CASCADE,"
    " ip TEXT NOT NULL,"
    " in_scope INTEGER NOT NULL,"
    " rank INTEGER NOT NULL,"
    " PRIMARY KEY(message_id, ip)) WITHOUT ROWID;"
    "CREATE INDEX report_ip_ip ON report_ip(ip);"
    "CREATE TABLE ip_state("
    " ip TEXT PRIMARY KEY,"
    " state TEXT NOT NULL CHECK(state IN ('open', 'resolved', 'ignored')),"
    " updated_at INTEGER NOT NULL,"
    " note TEXT);"
    "CREATE TABLE outbox("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL,"
    " message_id INTEGER REFERENCES message(id) ON DELETE SET NULL,"
    " payload TEXT NOT NULL,"
    " state TEXT NOT NULL DEFAULT 'queued',"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " last_error TEXT,"
    " created_at INTEGER NOT NULL);"
    "CREATE VIRTUAL TABLE message_fts USING fts5(subject, body);";

static const char schema_v2[] =
    "CREATE TABLE report_state("
    " message_id INTEGER PRIMARY KEY REFERENCES message(id)"
    "  ON DELETE CASCADE,"
    " state TEXT NOT NULL CHECK(state IN ('open', 'resolved', 'ignored')),"
    " updated_at INTEGER NOT NULL,"
    " note TEXT);"
    "CREATE INDEX outbox_state ON outbox(state);";

/* migrations[i] takes a database from version i to i + 1. */
static const char *const migrations[] = {schema_v1, schema_v2};

_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
	       "one migration per schema version");

static int exec_sql(struct store *s, const char *sql, struct err *e,
		    const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	err_set(e, "%s: %s: %s", s->path, what,
		msg ? msg : sqlite3_errmsg(s->db));
	sqlite3_free(msg);
	return -1;
}

static int count_rows(struct store *s, const char *sql, int *n, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, e, "cannot read the schema");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	if (rc != SQLITE_ROW)
		store_fail(s, e, "cannot read the schema");
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int store_schema_version(struct store *s)
{
	int v = 0;

	count_rows(s, "SELECT coalesce(max(version), 0) FROM schema_version",
		   &v, NULL);
	return v;
}

/* 0 for a new, empty file; -1 for a database some other program made. */
static int current_version(struct store *s, int *version, struct err *e)
{
	int ours = 0, tables = 0;

	if (count_rows(s,
		       "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
		       " AND name = 'schema_version'",
		       &ours, e) < 0 ||
	    count_rows(s, "SELECT count(*) FROM sqlite_master", &tables, e) < 0)
		return -1;
	if (!ours && tables)
		return err_set(e,
			       "%s: a database of another program, not an "
			       "abusedesk cache",
			       s->path);
	*version = ours ? store_schema_version(s) : 0;
	return 0;
}

/* Applies step `to` to a database at version to - 1, inside the caller's
 * transaction. */
static int migrate_step(struct store *s, int to, struct err *e)
{
	sqlite3_stmt *st;

	if (to == 1 &&
	    exec_sql(s,
		     "CREATE TABLE schema_version(version INTEGER "
		     "NOT NULL); INSERT INTO schema_version VALUES(0)",
		     e, "cannot create the schema") < 0)
		return -1;
	if (exec_sql(s, migrations[to - 1], e, "cannot upgrade the schema") < 0)
		return -1;
	st = store_stmt(s, ST_SCHEMA_VERSION,
			"UPDATE schema_version SET version = ?", e);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, to);
	return store_exec(s, st, e, "cannot record the schema version");
}

/* One step per transaction. The version is read inside it, so that two
 * programs opening a new file at once do not both create the tables.
 * Returns 1 after a step, 0 when nothing was left to do, -1 on error. */
static int migrate_once(struct store *s, int target, struct err *e)
{
	int v = 0, rc;

	if (exec_sql(s, "BEGIN IMMEDIATE", e, "cannot start the upgrade") < 0)
		return -1;
	rc = current_version(s, &v, e);
	if (rc == 0 && v > STORE_SCHEMA_VERSION)
		rc = err_set(e,
			     "%s: written by a newer abusedesk (schema "
			     "version %d; this one knows up to %d)",
			     s->path, v, STORE_SCHEMA_VERSION);
	if (rc == 0 && v < target)
		rc = migrate_step(s, v + 1, e) < 0 ? -1 : 1;
	if (rc < 0 || exec_sql(s, "COMMIT", e, "cannot save the upgrade") < 0) {
		exec_sql(s, "ROLLBACK", NULL, "rollback");
		return -1;
	}
	return rc;
}

int store_migrate(struct store *s, int target, struct err *e)
{
	int rc;

	while ((rc = migrate_once(s, target, e)) > 0)
		;
	return rc;
}
