/* state.c: what the operator decided — an IP (a whole group) or a single
 * report marked open, resolved or ignored, with when and an optional note
 * — and the one rule that says which decision a report is in. */
#include "store_priv.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const state_names[] = {
    [STORE_STATE_OPEN] = "open",
    [STORE_STATE_RESOLVED] = "resolved",
    [STORE_STATE_IGNORED] = "ignored",
};

const char *store_state_name(enum store_state st)
{
	if ((size_t)st >= sizeof state_names / sizeof state_names[0])
		return "open";
	return state_names[st];
}

bool store_state_parse(const char *name, enum store_state *out)
{
	for (size_t i = 0; name && i < sizeof state_names / sizeof *state_names;
	     i++)
		if (strcmp(name, state_names[i]) == 0) {
			*out = (enum store_state)i;
			return true;
		}
	return false;
}

/* Text from the cache: anything unknown is open, as no decision is. */
static enum store_state state_from_text(const unsigned char *text)
{
	enum store_state st = STORE_STATE_OPEN;

	store_state_parse((const char *)text, &st);
	return st;
}

const struct store_decision *
store_decision_in_force(const struct store_decision *report,
			const struct store_decision *ip)
{
	if (report && report->set && (!ip || !ip->set || report->seq > ip->seq))
		return report;
	if (ip && ip->set)
		return ip;
	return NULL;
}

enum store_state store_state_of(const struct store_decision *report,
				const struct store_decision *ip)
{
	const struct store_decision *d = store_decision_in_force(report, ip);

	return d ? d->state : STORE_STATE_OPEN;
}

struct store_decision store_decision_from(sqlite3_value *state,
					  sqlite3_value *seq)
{
	struct store_decision d = {false, STORE_STATE_OPEN, 0};

	if (sqlite3_value_type(state) == SQLITE_NULL)
		return d;
	d.set = true;
	d.state = state_from_text(sqlite3_value_text(state));
	d.seq = sqlite3_value_int64(seq);
	return d;
}

struct store_decision store_decision_column(sqlite3_stmt *st, int i)
{
	struct store_decision d = {false, STORE_STATE_OPEN, 0};

	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return d;
	d.set = true;
	d.state = state_from_text(sqlite3_column_text(st, i));
	d.seq = sqlite3_column_int64(st, i + 1);
	return d;
}

/* report_state(report's state, its seq, IP's state, its seq): the state a
 * report is in as a number (enum store_state), so that SQL asks the same
 * rule as C. NULL states are no decision. */
static void report_state_fn(sqlite3_context *ctx, int argc,
			    sqlite3_value **argv)
{
	struct store_decision r = store_decision_from(argv[0], argv[1]);
	struct store_decision ip = store_decision_from(argv[2], argv[3]);

	(void)argc;
	sqlite3_result_int(ctx, (int)store_state_of(&r, &ip));
}

int store_state_register(struct store *s)
{
	return sqlite3_create_function_v2(
	    s->db, "report_state", 4,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
	    report_state_fn, NULL, NULL, NULL);
}

/* A decision's seq is decision_clock's next value (schema 10), which a
 * trigger then moves on to; caches at an older schema (migration tests)
 * have no seq. */
static sqlite3_stmt *set_stmt(struct store *s, enum store_stmt id,
			      const char *table, const char *key, struct err *e)
{
	char *sql;
	sqlite3_stmt *st;

	if (s->stmt[id])
		return store_stmt(s, id, NULL, e);
	sql = xasprintf(
	    "INSERT INTO %s(%s, state, updated_at, note%s)"
	    " VALUES(?, ?, CAST(strftime('%%s', 'now') AS INTEGER), ?%s)"
	    " ON CONFLICT(%s) DO UPDATE SET state = excluded.state,"
	    " updated_at = excluded.updated_at, note = excluded.note%s",
	    table, key, s->version >= 10 ? ", seq" : "",
	    s->version >= 10 ? ", (SELECT n + 1 FROM decision_clock)" : "", key,
	    s->version >= 10 ? ", seq = excluded.seq" : "");
	st = store_stmt(s, id, sql, e);
	free(sql);
	return st;
}

int store_ip_state_set(struct store *s, const char *ip, enum store_state st,
		       const char *note, struct err *e)
{
	sqlite3_stmt *stmt = set_stmt(s, ST_IP_STATE_SET, "ip_state", "ip", e);

	if (!stmt)
		return -1;
	store_bind_text(stmt, 1, ip);
	store_bind_text(stmt, 2, store_state_name(st));
	store_bind_text(stmt, 3, note);
	return store_exec(s, stmt, e, "cannot save the state of an IP");
}

int store_report_state_set(struct store *s, int64_t message_id,
			   enum store_state st, const char *note, struct err *e)
{
	sqlite3_stmt *stmt =
	    set_stmt(s, ST_REPORT_STATE_SET, "report_state", "message_id", e);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, message_id);
	store_bind_text(stmt, 2, store_state_name(st));
	store_bind_text(stmt, 3, note);
	return store_exec(s, stmt, e, "cannot save the state of a report");
}

static int state_get(struct store *s, sqlite3_stmt *st, enum store_state *out,
		     char **note, struct err *e)
{
	int rc = sqlite3_step(st);

	if (note)
		*note = NULL;
	*out = STORE_STATE_OPEN;
	if (rc == SQLITE_ROW) {
		*out = state_from_text(sqlite3_column_text(st, 0));
		if (note)
			*note = store_column_dup(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, "cannot read a state");
	return rc == SQLITE_ROW;
}

int store_ip_state_get(struct store *s, const char *ip, enum store_state *st,
		       char **note, struct err *e)
{
	sqlite3_stmt *q =
	    store_stmt(s, ST_IP_STATE_GET,
		       "SELECT state, note FROM ip_state WHERE ip = ?", e);

	if (!q)
		return -1;
	store_bind_text(q, 1, ip);
	return state_get(s, q, st, note, e);
}

int store_report_state_get(struct store *s, int64_t message_id,
			   enum store_state *st, char **note, struct err *e)
{
	sqlite3_stmt *q = store_stmt(
	    s, ST_REPORT_STATE_GET,
	    "SELECT state, note FROM report_state WHERE message_id = ?", e);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, message_id);
	return state_get(s, q, st, note, e);
}

static int decision_get(struct store *s, sqlite3_stmt *q,
			struct store_decision_saved *d, struct err *e)
{
	int rc = sqlite3_step(q);

	memset(d, 0, sizeof *d);
	if (rc == SQLITE_ROW) {
		d->state = state_from_text(sqlite3_column_text(q, 0));
		d->note = store_column_dup(q, 1);
		d->updated_at = sqlite3_column_int64(q, 2);
		d->seq = sqlite3_column_int64(q, 3);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, "cannot read a decision");
	return rc == SQLITE_ROW;
}

int store_ip_decision_get(struct store *s, const char *ip,
			  struct store_decision_saved *d, struct err *e)
{
	sqlite3_stmt *q = store_stmt(s, ST_IP_DECISION_GET,
				     "SELECT state, note, updated_at, seq"
				     " FROM ip_state WHERE ip = ?",
				     e);

	if (!q)
		return -1;
	store_bind_text(q, 1, ip);
	return decision_get(s, q, d, e);
}

int store_report_decision_get(struct store *s, int64_t message_id,
			      struct store_decision_saved *d, struct err *e)
{
	sqlite3_stmt *q = store_stmt(s, ST_REPORT_DECISION_GET,
				     "SELECT state, note, updated_at, seq"
				     " FROM report_state WHERE message_id = ?",
				     e);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, message_id);
	return decision_get(s, q, d, e);
}

static int decision_put(struct store *s, sqlite3_stmt *q,
			const struct store_decision_saved *d, struct err *e)
{
	store_bind_text(q, 2, store_state_name(d->state));
	sqlite3_bind_int64(q, 3, d->updated_at);
	store_bind_text(q, 4, d->note);
	sqlite3_bind_int64(q, 5, d->seq);
	return store_exec(s, q, e, "cannot put a decision back");
}

#define PUT_SQL(table, key)                                                    \
	"INSERT INTO " table "(" key ", state, updated_at, note, seq)"         \
	" VALUES(?, ?, ?, ?, ?) ON CONFLICT(" key ") DO UPDATE SET"            \
	" state = excluded.state, updated_at = excluded.updated_at,"           \
	" note = excluded.note, seq = excluded.seq"

int store_ip_decision_put(struct store *s, const char *ip,
			  const struct store_decision_saved *d, struct err *e)
{
	sqlite3_stmt *q =
	    store_stmt(s, ST_IP_DECISION_PUT, PUT_SQL("ip_state", "ip"), e);

	if (!q)
		return -1;
	store_bind_text(q, 1, ip);
	return decision_put(s, q, d, e);
}

int store_report_decision_put(struct store *s, int64_t message_id,
			      const struct store_decision_saved *d,
			      struct err *e)
{
	sqlite3_stmt *q = store_stmt(s, ST_REPORT_DECISION_PUT,
				     PUT_SQL("report_state", "message_id"), e);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, message_id);
	return decision_put(s, q, d, e);
}

static int note_set(struct store *s, sqlite3_stmt *q, const char *note,
		    struct err *e)
{
	store_bind_text(q, 1, note);
	if (store_exec(s, q, e, "cannot save the note") < 0)
		return -1;
	return sqlite3_changes(s->db) > 0;
}

int store_ip_note_set(struct store *s, const char *ip, const char *note,
		      struct err *e)
{
	sqlite3_stmt *q = store_stmt(
	    s, ST_IP_NOTE_SET, "UPDATE ip_state SET note = ? WHERE ip = ?", e);

	if (!q)
		return -1;
	store_bind_text(q, 2, ip);
	return note_set(s, q, note, e);
}

int store_report_note_set(struct store *s, int64_t message_id, const char *note,
			  struct err *e)
{
	sqlite3_stmt *q = store_stmt(
	    s, ST_REPORT_NOTE_SET,
	    "UPDATE report_state SET note = ? WHERE message_id = ?", e);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 2, message_id);
	return note_set(s, q, note, e);
}

int store_ip_state_clear(struct store *s, const char *ip, struct err *e)
{
	sqlite3_stmt *q = store_stmt(s, ST_IP_STATE_CLEAR,
				     "DELETE FROM ip_state WHERE ip = ?", e);

	if (!q)
		return -1;
	store_bind_text(q, 1, ip);
	return store_exec(s, q, e, "cannot undo the state of an IP");
}

int store_report_state_clear(struct store *s, int64_t message_id, struct err *e)
{
	sqlite3_stmt *q =
	    store_stmt(s, ST_REPORT_STATE_CLEAR,
		       "DELETE FROM report_state WHERE message_id = ?", e);

	if (!q)
		return -1;
	sqlite3_bind_int64(q, 1, message_id);
	return store_exec(s, q, e, "cannot undo the state of a report");
}
