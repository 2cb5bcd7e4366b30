/* flag_digest.c: per mailbox, which present messages carry each flag, in
 * brief (a count and a sum of hashes of their UIDs). A sync against a
 * server without CONDSTORE compares them with the answers of its UID
 * SEARCHes; triggers (schema version 20) drop a mailbox's rows when any
 * of its messages changes, and the next call here makes them again. */
#include "store/sync.h"
#include "store_priv.h"

#include <string.h>
#include <strings.h>

/* The flag name of the row that stands for every present message. */
#define DIGEST_ALL ""

/* splitmix64's finaliser: neighbouring UIDs land far apart. */
void store_digest_add(struct store_digest *d, uint32_t uid)
{
	uint64_t z = (uint64_t)uid + 0x9e3779b97f4a7c15u;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	d->n++;
	d->sum += z ^ (z >> 31);
}

/* Whether the space-separated flags hold flag, without regard to case. */
static bool has_flag(const char *flags, const char *flag)
{
	size_t n = strlen(flag);

	for (const char *p = flags; p && *p;) {
		size_t len = strcspn(p, " ");

		if (len == n && strncasecmp(p, flag, n) == 0)
			return true;
		p += len + (p[len] == ' ');
	}
	return false;
}

int store_digest_drop(struct store *s, int64_t mailbox_id, struct err *e)
{
	sqlite3_stmt *st;

	if (s->version < STORE_DIGEST_VERSION)
		return 0;
	st = store_stmt(s, ST_DIGEST_DROP,
			"DELETE FROM flag_digest WHERE mailbox_id = ?", e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, mailbox_id);
	return store_exec(s, st, e, "cannot drop the flag digests");
}

struct digests {
	int64_t box;
	const char *const *flags;
	size_t n;
	struct store_digest *out, *all;
};

/* The kept rows; 1 when each flag and DIGEST_ALL had one. */
static int digests_read(struct store *s, struct digests *d, struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_DIGEST_GET,
	    "SELECT flag, n, sum FROM flag_digest WHERE mailbox_id = ?", e);
	size_t found = 0;
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, d->box);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *flag = (const char *)sqlite3_column_text(st, 0);
		struct store_digest v = {(uint64_t)sqlite3_column_int64(st, 1),
					 (uint64_t)sqlite3_column_int64(st, 2)};

		if (flag && strcmp(flag, DIGEST_ALL) == 0) {
			*d->all = v;
			found++;
		}
		for (size_t i = 0; flag && i < d->n; i++)
			if (strcmp(flag, d->flags[i]) == 0) {
				d->out[i] = v;
				found++;
			}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, e, "cannot read the flag digests");
	return found == d->n + 1;
}

static int digests_scan(struct store *s, struct digests *d, struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_DIGEST_SCAN,
	    "SELECT uid, flags FROM message WHERE mailbox_id = ? AND uid > 0"
	    " AND gone = 0",
	    e);
	int rc;

	if (!st)
		return -1;
	memset(d->out, 0, d->n * sizeof *d->out);
	memset(d->all, 0, sizeof *d->all);
	sqlite3_bind_int64(st, 1, d->box);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint32_t uid = (uint32_t)sqlite3_column_int64(st, 0);
		const char *flags = (const char *)sqlite3_column_text(st, 1);

		store_digest_add(d->all, uid);
		for (size_t i = 0; i < d->n; i++)
			if (has_flag(flags, d->flags[i]))
				store_digest_add(&d->out[i], uid);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE
		   ? 0
		   : store_fail(s, e, "cannot read the messages' flags");
}

static int digest_put(struct store *s, int64_t box, const char *flag,
		      const struct store_digest *v, struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_DIGEST_PUT,
		       "INSERT OR REPLACE INTO flag_digest(mailbox_id, flag, n,"
		       " sum) VALUES(?, ?, ?, ?)",
		       e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, box);
	store_bind_text(st, 2, flag);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)v->n);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)v->sum);
	return store_exec(s, st, e, "cannot keep a flag digest");
}

/* In one write transaction, so that no change lands between the pass
 * and the rows it writes. */
static int digests_make(struct store *s, void *arg, struct err *e)
{
	struct digests *d = arg;
	int rc = digests_read(s, d, e);

	if (rc != 0)
		return rc < 0 ? -1 : 0;
	rc = store_digest_drop(s, d->box, e);
	if (rc == 0)
		rc = digests_scan(s, d, e);
	for (size_t i = 0; rc == 0 && i < d->n; i++)
		rc = digest_put(s, d->box, d->flags[i], &d->out[i], e);
	if (rc == 0)
		rc = digest_put(s, d->box, DIGEST_ALL, d->all, e);
	return rc;
}

int store_sync_digests(struct store *s, int64_t mailbox_id,
		       const char *const *flags, size_t n,
		       struct store_digest *out, struct store_digest *all,
		       struct err *e)
{
	struct digests d = {mailbox_id, flags, n, out, all};
	int rc = digests_read(s, &d, e);

	if (rc != 0)
		return rc < 0 ? -1 : 0;
	return store_in_txn(s, digests_make, &d, e);
}
