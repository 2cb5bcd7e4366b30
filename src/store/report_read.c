/* report_read.c: a stored report back into a struct report, for the pager
 * and for tests that check what was written. */
#include "store_priv.h"
#include "analysis/advice.h"
#include "analysis/analyze.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <jansson.h>
#include <stdlib.h>

static void strings_from_json(const char *text, struct report *r,
			      void (*add)(struct report *, const char *))
{
	json_t *a = text ? json_loads(text, 0, NULL) : NULL;
	size_t i;
	json_t *v;

	json_array_foreach(a, i, v)
	{
		if (json_is_string(v))
			add(r, json_string_value(v));
	}
	json_decref(a);
}

static void attachments_from_json(const char *text, struct report *r)
{
	json_t *a = text ? json_loads(text, 0, NULL) : NULL;
	size_t i;
	json_t *v;

	json_array_foreach(a, i, v)
	{
		json_int_t size =
		    json_integer_value(json_object_get(v, "size"));
		report_add_attachment(
		    r, json_string_value(json_object_get(v, "name")),
		    json_string_value(json_object_get(v, "type")),
		    size > 0 ? (size_t)size : 0);
	}
	json_decref(a);
}

static const char *text_at(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static void report_columns(sqlite3_stmt *st, struct report *r)
{
	r->message_id = store_column_dup(st, 0);
	r->from_addr = store_column_dup(st, 1);
	r->reply_to = store_column_dup(st, 2);
	r->subject = store_column_dup(st, 3);
	r->date = sqlite3_column_int64(st, 4);
	r->reporter = store_column_dup(st, 5);
	r->original_reporter = store_column_dup(st, 6);
	r->format = report_format_from_name(text_at(st, 7));
	r->category = store_column_dup(st, 8);
	r->type = store_column_dup(st, 9);
	r->problem = store_column_dup(st, 10);
	r->action = store_column_dup(st, 11);
	r->case_ref = store_column_dup(st, 12);
	strings_from_json(text_at(st, 13), r, report_add_noise_signal);
	strings_from_json(text_at(st, 14), r, report_add_evidence);
	r->unsub_method = report_unsub_from_name(text_at(st, 15));
	r->unsub_target = store_column_dup(st, 16);
	r->unsub_one_click = sqlite3_column_int(st, 17);
	attachments_from_json(text_at(st, 18), r);
	r->auto_submitted = sqlite3_column_int(st, 19);
	r->analysis = report_analysis_from_name(text_at(st, 20));
	r->analysis_note = store_column_dup(st, 21);
	r->problem_derived = sqlite3_column_int(st, 22);
	r->automated = sqlite3_column_int(st, 23);
	r->human = sqlite3_column_int(st, 24);
	r->harm = sqlite3_column_int(st, 25);
	r->deadline = sqlite3_column_int(st, 26);
	r->auth_dkim = report_auth_result_from_name(text_at(st, 27));
	r->auth_spf = report_auth_result_from_name(text_at(st, 28));
	r->auth_dmarc = report_auth_result_from_name(text_at(st, 29));
	r->auth_verdict = report_auth_verdict_from_name(text_at(st, 30));
	r->unsub_address = store_column_dup(st, 31);
}

static int report_ips_read(struct store *s, int64_t message_id,
			   struct report *r, struct err *e)
{
	/* Before schema 8 there is no role column: every row an offender. */
	sqlite3_stmt *st =
	    s->version < 8
		? store_stmt(s, ST_REPORT_IPS_GET,
			     "SELECT ip, in_scope, 'offender' FROM report_ip"
			     " WHERE message_id = ? ORDER BY rank",
			     e)
		: store_stmt(s, ST_REPORT_IPS_GET_ROLE,
			     "SELECT ip, in_scope, role FROM report_ip"
			     " WHERE message_id = ? ORDER BY rank",
			     e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, message_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		report_add_ip_role(r, text_at(st, 0), sqlite3_column_int(st, 1),
				   report_ip_role_from_name(text_at(st, 2)));
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, e, "cannot read IPs");
}

/* The columns of a stored report, in report_columns()' order: the first
 * ones every schema has, then late_columns. */
#define REPORT_GET_SQL                                                         \
	"SELECT m.message_id, m.from_addr, m.reply_to, m.subject, m.date,"     \
	" rep.domain, r.original_reporter, r.format, r.category, r.type,"      \
	" r.problem, r.action, r.case_ref, r.noise_signals, r.evidence,"       \
	" r.unsub_method, r.unsub_target, r.unsub_one_click,"                  \
	" r.attachments, r.auto_submitted%s"                                   \
	" FROM report r JOIN message m ON m.id = r.message_id"                 \
	" LEFT JOIN reporter rep ON rep.id = r.reporter_id"                    \
	" WHERE r.message_id = ?"

/* The columns later schemas added, with the version that brought each and
 * what a cache opened at an older version (migration tests) reads in its
 * place. */
static const struct late_column {
	const char *column;
	int since;
	const char *before;
} late_columns[] = {
    {"r.analysis", 7, "'full'"},
    {"r.analysis_note", 7, "NULL"},
    {"r.problem_derived", 9, "0"},
    {"r.automated", 10, "0"},
    {"r.human", 10, "0"},
    {"r.harm", 11, "0"},
    {"r.deadline", 11, "0"},
    {"r.auth_dkim", 12, "NULL"},
    {"r.auth_spf", 12, "NULL"},
    {"r.auth_dmarc", 12, "NULL"},
    {"r.auth_verdict", 12, "'unknown'"},
    {"r.unsub_address", 15, "NULL"},
};

static sqlite3_stmt *report_get_stmt(struct store *s, struct err *e)
{
	struct buf late = BUF_INIT;
	sqlite3_stmt *st;
	char *sql;

	if (s->stmt[ST_REPORT_GET])
		return store_stmt(s, ST_REPORT_GET, NULL, e);
	for (size_t i = 0; i < sizeof late_columns / sizeof *late_columns;
	     i++) {
		const struct late_column *c = &late_columns[i];
		buf_printf(&late, ", %s",
			   s->version >= c->since ? c->column : c->before);
	}
	sql = xasprintf(REPORT_GET_SQL, buf_cstr(&late));
	st = store_stmt(s, ST_REPORT_GET, sql, e);
	free(sql);
	buf_free(&late);
	return st;
}

int store_report_get(struct store *s, int64_t message_id, struct report **out,
		     struct err *e)
{
	sqlite3_stmt *st = report_get_stmt(s, e);
	struct report *r;
	int rc;

	*out = NULL;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, message_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE
			   ? 0
			   : store_fail(s, e, "cannot read a report");
	}
	r = report_new();
	report_columns(st, r);
	sqlite3_reset(st);
	if (report_ips_read(s, message_id, r, e) < 0) {
		report_free(r);
		return -1;
	}
	advice_fill(r);
	*out = r;
	return 1;
}

int store_message_text(struct store *s, int64_t message_id, char **text,
		       struct err *e)
{
	char *raw = NULL;
	size_t len = 0;
	int rc = store_message_raw(s, message_id, &raw, &len, e);

	*text = NULL;
	if (rc == 0)
		return err_set(e, "the report is no longer in the cache");
	if (rc < 0)
		return -1;
	*text = analysis_text(raw ? raw : "", len);
	if (!*text)
		*text = xstrdup("");
	free(raw);
	return 0;
}

int store_message_attachments(struct store *s, int64_t message_id,
			      struct analysis_attachment **out, size_t *n,
			      struct err *e)
{
	char *raw = NULL;
	size_t len = 0;
	int rc = store_message_raw(s, message_id, &raw, &len, e);

	*out = NULL;
	*n = 0;
	if (rc == 0)
		return err_set(e, "the report is no longer in the cache");
	if (rc < 0)
		return -1;
	rc = analysis_attachments(raw ? raw : "", len, out);
	free(raw);
	if (rc < 0)
		return err_set(e, "the stored message is not mail");
	*n = (size_t)rc;
	return 0;
}
