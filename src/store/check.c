/* check.c: SQLite's own integrity checks of the cache, for the write open
 * (quick_check) and `abusedesk check` (integrity_check). */
#include "store_priv.h"
#include "core/buf.h"

#include <string.h>

/* What SQLite says when it meets a damaged page before it can list it. */
static bool is_damage(int code)
{
	code &= 0xff;
	return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

int store_check(struct store *s, bool full, char **problems, struct err *e)
{
	const char *sql =
	    full ? "PRAGMA integrity_check(100)" : "PRAGMA quick_check(100)";
	struct buf b = BUF_INIT;
	sqlite3_stmt *st = NULL;
	bool sound = false;
	int rc;

	*problems = NULL;
	rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);

		if (line && strcmp(line, "ok") == 0)
			sound = true;
		else if (line && strncmp(line, "*** in database", 15) == 0)
			; /* a heading, when there are attached databases */
		else
			buf_printf(&b, "%s%s", b.len ? "\n" : "",
				   line ? line : "?");
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_DONE && rc != SQLITE_OK && is_damage(rc))
		buf_printf(&b, "%s%s", b.len ? "\n" : "",
			   sqlite3_errmsg(s->db));
	else if (rc != SQLITE_DONE && rc != SQLITE_OK)
		store_fail(s, e, "cannot check the cache");
	sqlite3_finalize(st);
	if (b.len) {
		/* A damaged file is never taken for the one last sealed. */
		store_seal_break(s->path);
		*problems = buf_steal(&b);
		return 1;
	}
	buf_free(&b);
	return sound ? 0 : -1;
}
