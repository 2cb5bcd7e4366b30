/* state.c: what the operator decided — an IP (a whole group) or a single
 * report marked open, resolved or ignored, with when and an optional note. */
#include "store_priv.h"

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

int store_ip_state_set(struct store *s, const char *ip, enum store_state st,
		       const char *note, struct err *e)
{
	sqlite3_stmt *stmt = store_stmt(
	    s, ST_IP_STATE_SET,
	    "INSERT INTO ip_state(ip, state, updated_at, note)"
	    " VALUES(?, ?, CAST(strftime('%s', 'now') AS INTEGER), ?)"
	    " ON CONFLICT(ip) DO UPDATE SET state = excluded.state,"
	    " updated_at = excluded.updated_at, note = excluded.note",
	    e);

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
	sqlite3_stmt *stmt = store_stmt(
	    s, ST_REPORT_STATE_SET,
	    "INSERT INTO report_state(message_id, state, updated_at, note)"
	    " VALUES(?, ?, CAST(strftime('%s', 'now') AS INTEGER), ?)"
	    " ON CONFLICT(message_id) DO UPDATE SET state = excluded.state,"
	    " updated_at = excluded.updated_at, note = excluded.note",
	    e);

	if (!stmt)
		return -1;
	sqlite3_bind_int64(stmt, 1, message_id);
	store_bind_text(stmt, 2, store_state_name(st));
	store_bind_text(stmt, 3, note);
	return store_exec(s, stmt, e, "cannot save the state of a report");
}
