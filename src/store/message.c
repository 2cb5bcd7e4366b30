/* message.c: storing messages with their reports, replacing a report after
 * re-analysis, and reading raw messages back one at a time. */
#include "store_priv.h"
#include "analysis/headers.h"
#include "core/xalloc.h"

#include <gnutls/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SHA256_LEN = 32 };

_Static_assert(STORE_HASH_HEX == 2 * SHA256_LEN + 1, "hex sha256 and a NUL");

/* sha256 of the raw bytes as lowercase hex: the key of local imports. */
int store_content_hash(const char *raw, size_t len, char hex[STORE_HASH_HEX],
		       struct err *e)
{
	unsigned char d[SHA256_LEN];
	static const char digits[] = "0123456789abcdef";

	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, raw, len, d) < 0)
		return err_set(e, "cannot compute a message's checksum");
	for (size_t i = 0; i < SHA256_LEN; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[2 * SHA256_LEN] = '\0';
	return 0;
}

struct add_job {
	const struct store_message_in *m;
	const struct report *r;
	char hash[STORE_HASH_HEX];
	int64_t id;
	bool added;
};

static int message_insert(struct store *s, struct add_job *j, struct err *e)
{
	const struct store_message_in *m = j->m;
	sqlite3_stmt *st = store_stmt(
	    s, ST_MESSAGE_INSERT,
	    raw_codec_column(s)
		? "INSERT INTO message(mailbox_id, uid, internal_date, size,"
		  " flags, modseq, message_id, from_addr, reply_to, subject,"
		  " date, content_hash, raw, raw_codec)"
		  " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		  " ON CONFLICT DO NOTHING"
		: "INSERT INTO message(mailbox_id, uid, internal_date, size,"
		  " flags, modseq, message_id, from_addr, reply_to, subject,"
		  " date, content_hash, raw)"
		  " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		  " ON CONFLICT DO NOTHING",
	    e);
	struct buf packed = BUF_INIT;
	int codec = RAW_PLAIN;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, m->mailbox_id);
	if (m->uid)
		sqlite3_bind_int64(st, 2, m->uid);
	sqlite3_bind_int64(st, 3, m->internal_date);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)m->len);
	store_bind_text(st, 5, m->flags ? m->flags : "");
	sqlite3_bind_int64(st, 6, (sqlite3_int64)m->modseq);
	store_bind_text(st, 7, j->r->message_id);
	store_bind_text(st, 8, j->r->from_addr);
	store_bind_text(st, 9, j->r->reply_to);
	store_bind_text(st, 10, j->r->subject);
	sqlite3_bind_int64(st, 11, j->r->date);
	store_bind_text(st, 12, j->hash);
	if (raw_codec_column(s)) {
		codec = raw_pack(s, m->raw ? m->raw : "", m->len, &packed, e);
		if (codec < 0) {
			sqlite3_reset(st);
			return -1;
		}
		sqlite3_bind_int(st, 14, codec);
	}
	if (codec == RAW_PLAIN)
		sqlite3_bind_blob64(st, 13, m->raw ? m->raw : "", m->len,
				    SQLITE_STATIC);
	else
		sqlite3_bind_blob64(st, 13, packed.data, packed.len,
				    SQLITE_STATIC);
	codec = store_exec(s, st, e, "cannot save a message");
	buf_free(&packed);
	if (codec < 0)
		return -1;
	j->added = sqlite3_changes(s->db) > 0;
	if (!j->added)
		return 0;
	j->id = sqlite3_last_insert_rowid(s->db);
	return store_digest_drop(s, m->mailbox_id, e);
}

/* The row with j's uid, or local content; j->id is 0 when none. */
static int message_find(struct store *s, struct add_job *j, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (j->m->uid) {
		st = store_stmt(s, ST_MESSAGE_FIND_UID,
				"SELECT id FROM message"
				" WHERE mailbox_id = ? AND uid = ?",
				e);
		if (st)
			sqlite3_bind_int64(st, 2, j->m->uid);
	} else {
		st = store_stmt(s, ST_MESSAGE_FIND_HASH,
				"SELECT id FROM message WHERE mailbox_id = ?"
				" AND content_hash = ? AND uid IS NULL",
				e);
		if (st)
			store_bind_text(st, 2, j->hash);
	}
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, j->m->mailbox_id);
	rc = sqlite3_step(st);
	j->id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_fail(s, e, "cannot find a stored message");
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int store_message_has_content(struct store *s, int64_t mailbox_id,
			      const char *hash, struct err *e)
{
	struct store_message_in m = {.mailbox_id = mailbox_id};
	struct add_job j = {.m = &m};

	snprintf(j.hash, sizeof j.hash, "%s", hash);
	if (message_find(s, &j, e) < 0)
		return -1;
	return j.id > 0;
}

static int add_in_txn(struct store *s, void *arg, struct err *e)
{
	struct add_job *j = arg;

	if (message_insert(s, j, e) < 0)
		return -1;
	if (!j->added)
		return message_find(s, j, e);
	if (store_report_write(s, j->id, j->r, e) < 0)
		return -1;
	return store_search_add(s, j->id, j->r, e);
}

int store_message_add(struct store *s, const struct store_message_in *m,
		      const struct report *r, int64_t *id, bool *added,
		      struct err *e)
{
	struct add_job j = {.m = m, .r = r};

	*added = false;
	if (m->hash)
		memcpy(j.hash, m->hash, STORE_HASH_HEX);
	else if (store_content_hash(m->raw ? m->raw : "", m->len, j.hash, e) <
		 0)
		return -1;
	if (store_in_txn(s, add_in_txn, &j, e) < 0)
		return -1;
	if (id)
		*id = j.id;
	*added = j.added;
	return 0;
}

struct replace_job {
	int64_t id;
	const struct report *r;
};

static int headers_set(struct store *s, int64_t id, const struct report *r,
		       struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_MESSAGE_HEADERS_SET,
	    "UPDATE message SET message_id = ?, from_addr = ?, reply_to = ?,"
	    " subject = ?, date = ? WHERE id = ?",
	    e);

	if (!st)
		return -1;
	store_bind_text(st, 1, r->message_id);
	store_bind_text(st, 2, r->from_addr);
	store_bind_text(st, 3, r->reply_to);
	store_bind_text(st, 4, r->subject);
	sqlite3_bind_int64(st, 5, r->date);
	sqlite3_bind_int64(st, 6, id);
	if (store_exec(s, st, e, "cannot update a message") < 0)
		return -1;
	if (sqlite3_changes(s->db) == 0)
		return err_set(e, "%s: no message %lld to re-analyse", s->path,
			       (long long)id);
	return 0;
}

static int replace_in_txn(struct store *s, void *arg, struct err *e)
{
	struct replace_job *j = arg;

	if (headers_set(s, j->id, j->r, e) < 0 ||
	    store_report_delete(s, j->id, e) < 0)
		return -1;
	return store_report_write(s, j->id, j->r, e);
}

int store_report_replace(struct store *s, int64_t message_id,
			 const struct report *r, struct err *e)
{
	struct replace_job j = {message_id, r};

	return store_in_txn(s, replace_in_txn, &j, e);
}

/* The message of columns i (raw) and i + 1 (its codec), unpacked into
 * a copy: SQLite's pointer dies with the reset. NULL with e filled when
 * the stored bytes cannot be read. */
static char *raw_dup(struct store *s, sqlite3_stmt *st, int i, size_t *len,
		     struct err *e)
{
	return raw_unpack(s, sqlite3_column_blob(st, i),
			  (size_t)sqlite3_column_bytes(st, i),
			  sqlite3_column_int(st, i + 1), len, e);
}

struct raw_row {
	int64_t id;
	char *raw;
	size_t len;
	char hash[STORE_HASH_HEX];
	bool stale;
};

/* The next message after `after`: 1, 0 at the end, -1 on error. */
static int next_raw(struct store *s, int64_t after, int below_version,
		    struct raw_row *row, struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_EACH_RAW,
	    raw_codec_column(s)
		? "SELECT m.id, m.raw, m.raw_codec, r.message_id IS NULL"
		  " OR r.analyzer_version < ?2, m.content_hash FROM message m"
		  " LEFT JOIN report r ON r.message_id = m.id"
		  " WHERE m.id > ?1 ORDER BY m.id LIMIT 1"
		: "SELECT m.id, m.raw, 0, r.message_id IS NULL"
		  " OR r.analyzer_version < ?2, m.content_hash FROM message m"
		  " LEFT JOIN report r ON r.message_id = m.id"
		  " WHERE m.id > ?1 ORDER BY m.id LIMIT 1",
	    e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int(st, 2, below_version);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		row->id = sqlite3_column_int64(st, 0);
		row->raw = raw_dup(s, st, 1, &row->len, e);
		row->stale = sqlite3_column_int(st, 3) != 0;
		snprintf(row->hash, sizeof row->hash, "%s",
			 sqlite3_column_text(st, 4)
			     ? (const char *)sqlite3_column_text(st, 4)
			     : "");
		if (!row->raw)
			rc = SQLITE_ERROR;
	} else if (rc != SQLITE_DONE) {
		store_fail(s, e, "cannot read the stored messages");
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_count_stale(struct store *s, int below_version, int64_t *n,
		      struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_COUNT_STALE,
		       "SELECT count(*) FROM message m"
		       " LEFT JOIN report r ON r.message_id = m.id"
		       " WHERE r.message_id IS NULL OR r.analyzer_version < ?",
		       e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, below_version);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, e, "cannot count the stored messages");
	return 0;
}

/* One message per query, keyed on the last id seen: no read statement
 * stays open while fn writes or commits. */
int store_each_raw(struct store *s, int below_version, store_raw_fn fn,
		   void *ctx, struct err *e)
{
	struct raw_row row = {0};
	int rc;

	while ((rc = next_raw(s, row.id, below_version, &row, e)) > 0) {
		rc = fn(ctx, row.id, row.raw, row.len, row.hash, row.stale);
		free(row.raw);
		if (rc)
			return rc;
	}
	return rc;
}

int store_message_raw(struct store *s, int64_t message_id, char **raw,
		      size_t *len, struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_MESSAGE_RAW,
		       raw_codec_column(s)
			   ? "SELECT raw, raw_codec FROM message WHERE id = ?"
			   : "SELECT raw, 0 FROM message WHERE id = ?",
		       e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, message_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && !(*raw = raw_dup(s, st, 0, len, e)))
		rc = SQLITE_ERROR;
	else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		store_fail(s, e, "cannot read a message");
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int store_message_header(struct store *s, int64_t message_id, const char *name,
			 char **value, struct err *e)
{
	char *raw = NULL;
	size_t len = 0;
	int rc = store_message_raw(s, message_id, &raw, &len, e);

	*value = NULL;
	if (rc == 1)
		*value = headers_get(raw, len, name);
	free(raw);
	return rc < 0 ? -1 : *value ? 1 : 0;
}
