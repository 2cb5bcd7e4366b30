/* quarantine.c: the messages whose analysis once crashed the program. The
 * crash guard notes the content hash of the message being analysed in a
 * file beside the cache; the next run moves the note into the cache, and
 * from then on that message is stored without analysis. */
#include "core/crashguard.h"
#include "core/xalloc.h"
#include "store_priv.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct store_quarantine {
	char **hashes; /* sorted */
	size_t n;
};

char *store_crash_note_path(const struct store *s)
{
	return xasprintf("%s.crash", s->path);
}

static int quarantine_add(struct store *s, const char *hash, struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_QUARANTINE_ADD,
	    "INSERT OR IGNORE INTO analysis_quarantine(content_hash, reason,"
	    " at) VALUES(?, 'the analysis crashed on this message', ?)",
	    e);

	if (!st)
		return -1;
	store_bind_text(st, 1, hash);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)time(NULL));
	return store_exec(s, st, e, "cannot set a message aside");
}

static int absorb_in_txn(struct store *s, void *arg, struct err *e)
{
	for (char **t = arg; *t; t++)
		if (strlen(*t) == STORE_HASH_HEX - 1 &&
		    quarantine_add(s, *t, e) < 0)
			return -1;
	return 0;
}

int store_quarantine_absorb(struct store *s, struct err *e)
{
	char *path = store_crash_note_path(s);
	char **tags = NULL;
	int n = crashguard_take_notes(path, &tags, e);
	int rc = n;

	if (n > 0)
		rc = store_in_txn(s, absorb_in_txn, tags, e);
	if (n > 0 && rc == 0)
		unlink(path);
	crashguard_tags_free(tags);
	free(path);
	return rc < 0 ? -1 : n;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int store_quarantine_load(struct store *s, struct store_quarantine **out,
			  struct err *e)
{
	struct store_quarantine *q = xcalloc(1, sizeof *q);
	sqlite3_stmt *st =
	    store_stmt(s, ST_QUARANTINE_LIST,
		       "SELECT content_hash FROM analysis_quarantine", e);
	int rc;

	*out = NULL;
	if (!st) {
		free(q);
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		q->hashes =
		    xreallocarray(q->hashes, q->n + 1, sizeof *q->hashes);
		q->hashes[q->n++] = store_column_dup(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		store_quarantine_free(q);
		return store_fail(s, e, "cannot read the messages set aside");
	}
	if (q->n)
		qsort(q->hashes, q->n, sizeof *q->hashes, cmp_str);
	*out = q;
	return 0;
}

bool store_quarantined(const struct store_quarantine *q, const char *hash)
{
	if (!q || !q->n || !hash || !hash[0])
		return false;
	return bsearch(&hash, q->hashes, q->n, sizeof *q->hashes, cmp_str) !=
	       NULL;
}

void store_quarantine_free(struct store_quarantine *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->n; i++)
		free(q->hashes[i]);
	free(q->hashes);
	free(q);
}
