/* history.c: the history of one IP as one query over the reports about it
 * (through triage_fact's group index, which holds the in-scope pairs),
 * the decision log (state_log, schema 12) and the outbox; and the IPs
 * whose decision carries a note. */
#include "store/history.h"
#include "store_priv.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* Columns: kind, time, message, reporter, category, state, note, outbox
 * kind, outbox state, then the order within a second: the work a
 * decision queued (written after it) first, then the decisions, the later
 * first, then the reports. ?1 is the IP. */
static const char history_sql[] =
    "WITH mids AS (SELECT mid FROM triage_fact WHERE kind = 0 AND ip = ?1)"
    " SELECT 0, m.dated, m.id, rep.domain, r.category || coalesce('/' ||"
    " r.type, ''), NULL, NULL, NULL, NULL, 0, 0 FROM mids"
    " JOIN message m ON m.id = mids.mid"
    " JOIN report r ON r.message_id = m.id"
    " LEFT JOIN reporter rep ON rep.id = r.reporter_id"
    " UNION ALL SELECT 1, l.at, 0, NULL, NULL, l.state, l.note, NULL, NULL,"
    " 1, l.seq FROM state_log l WHERE l.ip = ?1"
    " UNION ALL SELECT 2, l.at, l.message_id, rep.domain, NULL, l.state,"
    " l.note, NULL, NULL, 1, l.seq FROM state_log l"
    " LEFT JOIN report r ON r.message_id = l.message_id"
    " LEFT JOIN reporter rep ON rep.id = r.reporter_id"
    " WHERE l.message_id IN (SELECT mid FROM mids)"
    " UNION ALL SELECT 3, o.created_at, coalesce(o.message_id, 0), NULL,"
    " NULL, CASE WHEN json_valid(o.payload) THEN json_extract(o.payload,"
    " '$.state') END, NULL, o.kind, o.state, 2, o.id FROM outbox o"
    " WHERE o.message_id IN (SELECT mid FROM mids) OR (json_valid(o.payload)"
    " AND json_extract(o.payload, '$.ip') = ?1)"
    " ORDER BY 2 DESC, 10 DESC, 11 DESC, 3 DESC";

static void event_read(sqlite3_stmt *st, void *row)
{
	struct store_event *ev = row;

	memset(ev, 0, sizeof *ev);
	ev->kind = (enum store_event_kind)sqlite3_column_int(st, 0);
	ev->t = sqlite3_column_int64(st, 1);
	ev->message_id = sqlite3_column_int64(st, 2);
	ev->reporter = store_column_dup(st, 3);
	ev->category = store_column_dup(st, 4);
	store_state_parse((const char *)sqlite3_column_text(st, 5), &ev->state);
	ev->note = store_column_dup(st, 6);
	ev->outbox_kind = store_column_dup(st, 7);
	ev->outbox_state = store_column_dup(st, 8);
}

int store_ip_history(struct store *s, const char *ip, struct store_event **out,
		     size_t *n, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_HISTORY, history_sql, e);
	void *v = NULL;

	*out = NULL;
	*n = 0;
	if (!st)
		return -1;
	store_bind_text(st, 1, ip);
	if (store_collect(s, st, sizeof **out, event_read, &v, n,
			  "cannot read the history of an IP", e) < 0) {
		store_events_free(v, *n);
		*n = 0;
		return -1;
	}
	*out = v;
	return 0;
}

void store_events_free(struct store_event *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++) {
		free(v[i].reporter);
		free(v[i].category);
		free(v[i].note);
		free(v[i].outbox_kind);
		free(v[i].outbox_state);
	}
	free(v);
}

static void ip_read(sqlite3_stmt *st, void *row)
{
	*(char **)row = store_column_dup(st, 0);
}

int store_noted_ips(struct store *s, char ***ips, size_t *n, struct err *e)
{
	sqlite3_stmt *st = store_stmt(s, ST_NOTED_IPS,
				      "SELECT ip FROM ip_state WHERE"
				      " coalesce(note, '') <> '' ORDER BY ip",
				      e);
	void *v = NULL;

	*ips = NULL;
	*n = 0;
	if (!st)
		return -1;
	if (store_collect(s, st, sizeof **ips, ip_read, &v, n,
			  "cannot read the notes", e) < 0) {
		store_noted_ips_free(v, *n);
		*n = 0;
		return -1;
	}
	*ips = v;
	return 0;
}

void store_noted_ips_free(char **ips, size_t n)
{
	for (size_t i = 0; ips && i < n; i++)
		free(ips[i]);
	free(ips);
}
