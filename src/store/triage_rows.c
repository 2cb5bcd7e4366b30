/* triage_rows.c: the reports of one group, as the messages screen lists
 * them. The screen's filter runs as the SQL function triage_keep(), so
 * that the pattern language stays with the screen; a report's state is
 * the one rule's (report_state(), see store_state_of()). */
#include "triage_priv.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A group's report ids, from the narrow facts only (?4 is the open
 * state). */
static const char message_ids_sql[] =
    "SELECT tf.mid, report_state(rs.state, rs.seq, st.state, st.seq)"
    " AS rstate FROM triage_fact tf LEFT JOIN reporter rep"
    " ON rep.id = tf.rid LEFT JOIN ip_state st ON st.ip = tf.ip"
    " LEFT JOIN report_state rs ON rs.message_id = tf.mid"
    " WHERE tf.kind = ?2 AND tf.ip IS ?3" /* by triage_fact_group */
    " AND (NOT ?1 OR (rstate = ?4 AND NOT tf.gone))"
    " AND (NOT ?9 OR triage_keep(tf.ip, rep.domain, tf.category, rstate,"
    " tf.t)) ORDER BY tf.t DESC, tf.mid DESC";

/* One report as the group of the IP ?2 shows it; without a group (a
 * search hit, the rows with no IP of ours), under its first address of
 * ours, which has none for those rows. Whether that address is the
 * victim in the report, not its offender, comes last. */
static const char message_row_sql[] =
    "SELECT m.id, m.dated, rep.domain, r.category, r.problem, m.subject,"
    " report_state(rs.state, rs.seq, st.state, st.seq),"
    " r.reporter_id IN (SELECT id FROM temp.triage_noise), m.gone,"
    " r.auth_verdict, rs.state, rs.seq, st.state, st.seq, rs.note, st.note,"
    " coalesce((SELECT ri.role = 'victim' FROM report_ip ri"
    " WHERE ri.message_id = m.id AND ri.ip = st_ip.ip), 0)"
    " FROM report r JOIN message m ON m.id = r.message_id"
    " JOIN (SELECT coalesce(?2, (SELECT ri.ip FROM report_ip ri"
    " WHERE ri.message_id = ?1 AND ri.in_scope ORDER BY ri.rank LIMIT 1))"
    " AS ip) st_ip"
    " LEFT JOIN reporter rep ON rep.id = r.reporter_id"
    " LEFT JOIN report_state rs ON rs.message_id = m.id"
    " LEFT JOIN ip_state st ON st.ip = st_ip.ip WHERE m.id = ?1";

static const char *arg_text(sqlite3_value *v)
{
	return (const char *)sqlite3_value_text(v);
}

static void keep_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct triage *t = sqlite3_user_data(ctx);
	struct triage_fact f;

	(void)argc;
	if (!t->q || !t->q->filter) {
		sqlite3_result_int(ctx, 1);
		return;
	}
	f.ip = arg_text(argv[0]);
	f.reporter = arg_text(argv[1]);
	f.category = arg_text(argv[2]);
	f.state = (enum store_state)sqlite3_value_int(argv[3]);
	f.t = sqlite3_value_int64(argv[4]);
	sqlite3_result_int(ctx, t->q->filter(t->q->filter_ctx, &f));
}

int triage_rows_attach(struct triage *t)
{
	return sqlite3_create_function_v2(t->s->db, "triage_keep", 5,
					  SQLITE_UTF8, t, keep_fn, NULL, NULL,
					  NULL);
}

void triage_rows_detach(struct triage *t)
{
	sqlite3_create_function_v2(t->s->db, "triage_keep", 5, SQLITE_UTF8,
				   NULL, NULL, NULL, NULL, NULL);
}

/* The note of the decision the row's state follows (columns 9 to 14),
 * malloc'd; NULL when it has none. */
static char *note_in_force(sqlite3_stmt *st)
{
	struct store_decision r = store_decision_column(st, 10);
	struct store_decision ip = store_decision_column(st, 12);
	const struct store_decision *d = store_decision_in_force(&r, &ip);
	int col = d == &r ? 14 : d == &ip ? 15 : -1;
	const unsigned char *note =
	    col < 0 ? NULL : sqlite3_column_text(st, col);

	return note && *note ? xstrdup((const char *)note) : NULL;
}

static void message_read(sqlite3_stmt *st, void *p)
{
	struct triage_message *m = p;

	memset(m, 0, sizeof *m);
	m->id = sqlite3_column_int64(st, 0);
	m->t = sqlite3_column_int64(st, 1);
	m->reporter = store_column_dup(st, 2);
	m->category = store_column_dup(st, 3);
	m->problem = store_column_dup(st, 4);
	m->subject = store_column_dup(st, 5);
	m->state = (enum store_state)sqlite3_column_int(st, 6);
	m->noise = sqlite3_column_int(st, 7);
	m->gone = sqlite3_column_int(st, 8);
	m->auth = report_auth_verdict_from_name(
	    (const char *)sqlite3_column_text(st, 9));
	m->note = note_in_force(st);
	m->victim = sqlite3_column_int(st, 16);
}

/* Rows for ids, in that order, as the group of ip (NULL: none) shows
 * them. */
static int rows_by_id(struct triage *t, const char *ip, const int64_t *ids,
		      size_t n_ids, struct triage_message **out, size_t *n,
		      struct err *e)
{
	struct triage_message *v = xcalloc(n_ids ? n_ids : 1, sizeof *v);
	size_t k = 0;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n_ids; i++) {
		sqlite3_stmt *st =
		    store_stmt(t->s, ST_TRIAGE_MESSAGE_ROW, message_row_sql, e);
		if (!st) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		store_bind_text(st, 2, ip);
		int r = sqlite3_step(st);
		if (r == SQLITE_ROW)
			message_read(st, &v[k++]);
		else if (r != SQLITE_DONE)
			rc = store_fail(t->s, e, "cannot read a report");
		sqlite3_reset(st);
	}
	if (rc < 0) {
		triage_messages_free(v, k);
		k = 0;
		v = NULL;
	}
	*out = v;
	*n = k;
	return rc;
}

int triage_messages_by_id(struct triage *t, const int64_t *ids, size_t n_ids,
			  struct triage_message **out, size_t *n, struct err *e)
{
	return rows_by_id(t, NULL, ids, n_ids, out, n, e);
}

int triage_messages_in_group(struct triage *t, enum triage_kind kind,
			     const char *ip, const int64_t *ids, size_t n_ids,
			     struct triage_message **out, size_t *n,
			     struct err *e)
{
	return rows_by_id(t, kind == TRIAGE_IP ? ip : NULL, ids, n_ids, out, n,
			  e);
}

int triage_message_ids(struct triage *t, const struct triage_query *q,
		       enum triage_kind kind, const char *ip, int64_t **ids,
		       size_t *n, struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(t->s, ST_TRIAGE_MESSAGE_IDS, message_ids_sql, e);
	int rc;

	*ids = NULL;
	*n = 0;
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, q && q->only_open);
	sqlite3_bind_int(st, 9, q && q->filter);
	sqlite3_bind_int(st, 2, (int)kind);
	store_bind_text(st, 3, kind == TRIAGE_IP ? ip : NULL);
	sqlite3_bind_int(st, 4, STORE_STATE_OPEN);
	t->q = q; /* read by triage_keep() while stepping */
	rc = store_collect_ids(t->s, st, ids, n, "cannot read the reports", e);
	t->q = NULL;
	return rc;
}

void triage_messages_free(struct triage_message *m, size_t n)
{
	for (size_t i = 0; m && i < n; i++) {
		free(m[i].reporter);
		free(m[i].category);
		free(m[i].problem);
		free(m[i].subject);
		free(m[i].note);
	}
	free(m);
}
