/* reporter_noise.c: a reporter's noise mode as the user set it, by domain.
 * Changing it bumps the triage version (a trigger of the schema), so the
 * lists kept for the screen are made again; the caller's
 * triage_refresh() decides the noise reporters again. */
#include "store/reporter_noise.h"
#include "store/triage.h"
#include "store_priv.h"

#include <stdlib.h>
#include <string.h>

static const char *const mode_names[] = {
    [STORE_NOISE_AUTO] = "auto",
    [STORE_NOISE_MARKED] = "noise",
    [STORE_NOISE_NEVER] = "never",
};

const char *store_noise_mode_name(enum store_noise_mode m)
{
	if ((size_t)m >= sizeof mode_names / sizeof mode_names[0])
		return "auto";
	return mode_names[m];
}

const char *store_noise_mode_says(enum store_noise_mode m)
{
	return m == STORE_NOISE_NEVER ? "unmarked by you" : NULL;
}

/* The schema's CHECK admits only the three names; anything else reads as
 * auto, which is what the rule makes of it too. */
enum store_noise_mode store_noise_mode_from_name(const char *name)
{
	for (size_t i = 0; name && i < sizeof mode_names / sizeof *mode_names;
	     i++)
		if (strcmp(name, mode_names[i]) == 0)
			return (enum store_noise_mode)i;
	return STORE_NOISE_AUTO;
}

static enum store_noise_mode mode_from_name(const unsigned char *name)
{
	return store_noise_mode_from_name((const char *)name);
}

int store_reporter_noise_get(struct store *s, const char *domain,
			     enum store_noise_mode *mode, struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_REPORTER_NOISE_GET,
		       "SELECT noise_mode FROM reporter WHERE domain = ?", e);
	int rc;

	*mode = STORE_NOISE_AUTO;
	if (!st)
		return -1;
	store_bind_text(st, 1, domain);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*mode = mode_from_name(sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, "cannot read a reporter");
	return rc == SQLITE_ROW;
}

int store_reporter_noise_set(struct store *s, const char *domain,
			     enum store_noise_mode mode, struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_REPORTER_NOISE_SET,
	    "UPDATE reporter SET noise_mode = ? WHERE domain = ?", e);

	if (!st)
		return -1;
	store_bind_text(st, 1, store_noise_mode_name(mode));
	store_bind_text(st, 2, domain);
	if (store_exec(s, st, e, "cannot save the noise mark of a reporter") <
	    0)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

int store_reporter_noise_toggle(struct store *s, struct triage *t,
				const char *domain, enum store_noise_mode *was,
				enum store_noise_mode *now, struct err *e)
{
	char why[128];
	int noise = triage_noise_why(t, domain, why, sizeof why, e);
	int rc;

	if (noise < 0)
		return -1;
	rc = store_reporter_noise_get(s, domain, was, e);
	if (rc <= 0)
		return rc;
	*now = noise ? STORE_NOISE_NEVER : STORE_NOISE_MARKED;
	return store_reporter_noise_set(s, domain, *now, e);
}

int store_report_reporter(struct store *s, int64_t message_id, char **domain,
			  struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_REPORT_REPORTER,
		       "SELECT rep.domain FROM report r JOIN reporter rep"
		       " ON rep.id = r.reporter_id WHERE r.message_id = ?",
		       e);
	int rc;

	*domain = NULL;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, message_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*domain = store_column_dup(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, "cannot read the reporter of a report");
	return *domain != NULL;
}

static void mode_read(sqlite3_stmt *st, void *row)
{
	struct store_reporter_mode *r = row;

	r->domain = store_column_dup(st, 0);
	r->mode = mode_from_name(sqlite3_column_text(st, 1));
	r->reports = sqlite3_column_int64(st, 2);
}

int store_reporter_modes(struct store *s, struct store_reporter_mode **out,
			 size_t *n, struct err *e)
{
	sqlite3_stmt *st = store_stmt(
	    s, ST_REPORTER_MODES,
	    "SELECT rep.domain, rep.noise_mode, coalesce(rs.n, 0)"
	    " FROM reporter rep LEFT JOIN reporter_stat rs ON rs.rid = rep.id"
	    " ORDER BY 3 DESC, 1",
	    e);
	void *v = NULL;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	if (store_collect(s, st, sizeof **out, mode_read, &v, n,
			  "cannot read the reporters", e) < 0) {
		store_reporter_modes_free(v, *n);
		*n = 0;
		return -1;
	}
	*out = v;
	return 0;
}

void store_reporter_modes_free(struct store_reporter_mode *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i].domain);
	free(v);
}
