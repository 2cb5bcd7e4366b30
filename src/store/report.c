/* report.c: a struct report to rows and back — the report row (lists kept
 * as JSON text), its IPs, the reporter it names (ids cached per
 * connection), and the full-text row, staged for the commit. */
#include "store_priv.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* jansson refuses invalid UTF-8, and mail is not always valid: bad bytes
 * become U+FFFD so that the rest of the string is kept. */
static json_t *json_text(const char *s)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(s), i = 0;
	json_t *j;
	uint32_t cp;

	if (utf8_valid(s, n))
		return json_stringn(s, n);
	while (i < n) {
		int k = utf8_decode(s + i, n - i, &cp);
		if (k < 0) {
			buf_puts(&b, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		buf_append(&b, s + i, (size_t)k);
		i += (size_t)k;
	}
	j = json_stringn(buf_cstr(&b), b.len);
	buf_free(&b);
	return j;
}

static char *json_take_text(json_t *j)
{
	char *s = json_dumps(j, JSON_COMPACT);

	json_decref(j);
	return s ? s : xstrdup("[]");
}

/* One JSON string, by hand: jansson's tree and dump cost more than the
 * rest of a report's row. Invalid UTF-8 (and what JSON cannot carry)
 * becomes U+FFFD, as in json_text(). */
static void json_put_ascii(struct buf *b, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	if (c == '"' || c == '\\') {
		buf_putc(b, '\\');
		buf_putc(b, (char)c);
	} else if (c < 0x20) {
		buf_puts(b, "\\u00");
		buf_putc(b, hex[c >> 4]);
		buf_putc(b, hex[c & 15]);
	} else {
		buf_putc(b, (char)c);
	}
}

/* Printable ASCII other than '"' and '\\' is copied as it is. */
static bool json_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

static void json_put_string(struct buf *b, const char *s)
{
	size_t n = strlen(s), i = 0, run;
	uint32_t cp;
	int k;

	buf_putc(b, '"');
	while (i < n) {
		for (run = i; run < n && json_plain((unsigned char)s[run]);)
			run++;
		buf_append(b, s + i, run - i);
		if ((i = run) >= n)
			break;
		if ((unsigned char)s[i] < 0x80) {
			json_put_ascii(b, (unsigned char)s[i++]);
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		if (k < 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			buf_puts(b, "\xEF\xBF\xBD");
		else
			buf_append(b, s + i, (size_t)k);
		i += k < 0 ? 1 : (size_t)k;
	}
	buf_putc(b, '"');
}

static char *strings_json(char *const *v, size_t n)
{
	struct buf b = BUF_INIT;

	buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&b, ',');
		json_put_string(&b, v[i]);
	}
	buf_putc(&b, ']');
	return buf_steal(&b);
}

static char *attachments_json(const struct report *r)
{
	json_t *a;

	if (r->n_attachments == 0)
		return xstrdup("[]");
	a = json_array();
	for (size_t i = 0; i < r->n_attachments; i++) {
		const struct report_attachment *at = &r->attachments[i];
		json_t *o = json_object();
		json_object_set_new(
		    o, "name", at->name ? json_text(at->name) : json_null());
		json_object_set_new(o, "type",
				    json_text(at->type ? at->type : ""));
		json_object_set_new(o, "size",
				    json_integer((json_int_t)at->size));
		json_array_append_new(a, o);
	}
	return json_take_text(a);
}

/* The reporter's display name is only taken from a From: address that
 * belongs to the reporter's own domain (a forwarder's name is not it). */
static const char *reporter_name(const struct report *r)
{
	const char *at = r->from_addr ? strrchr(r->from_addr, '@') : NULL;
	size_t dl, rl;

	if (!at || !r->from_name || !r->reporter)
		return NULL;
	at++;
	dl = strlen(at);
	rl = strlen(r->reporter);
	if (dl < rl || strcasecmp(at + dl - rl, r->reporter) != 0)
		return NULL;
	return (dl == rl || at[dl - rl - 1] == '.') ? r->from_name : NULL;
}

/* The reporter ids this connection has seen, by domain, so that a report
 * from a known reporter costs no statement; an open-addressed table. */
struct reporter_slot {
	char *domain; /* NULL: free */
	int64_t id;
	bool named; /* the row has a name: nothing left to fill in */
};

struct store_reporters {
	struct reporter_slot *v;
	size_t n, cap;
};

static uint64_t domain_hash(const char *d)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *d; d++)
		h = (h ^ (unsigned char)*d) * 1099511628211ULL;
	return h;
}

static struct reporter_slot *reporter_slot(struct store_reporters *c,
					   const char *domain)
{
	size_t k = domain_hash(domain) & (c->cap - 1);

	while (c->v[k].domain && strcmp(c->v[k].domain, domain) != 0)
		k = (k + 1) & (c->cap - 1);
	return &c->v[k];
}

static void reporters_grow(struct store_reporters *c)
{
	struct store_reporters old = *c;

	c->cap = old.cap ? old.cap * 2 : 64;
	c->v = xcalloc(c->cap, sizeof *c->v);
	for (size_t i = 0; i < old.cap; i++)
		if (old.v[i].domain)
			*reporter_slot(c, old.v[i].domain) = old.v[i];
	free(old.v);
}

static void reporter_remember(struct store *s, const char *domain, int64_t id,
			      bool named)
{
	struct store_reporters *c = s->reporters;
	struct reporter_slot *slot;

	if (!c)
		c = s->reporters = xcalloc(1, sizeof *c);
	if ((c->n + 1) * 2 > c->cap)
		reporters_grow(c);
	slot = reporter_slot(c, domain);
	if (!slot->domain) {
		slot->domain = xstrdup(domain);
		c->n++;
	}
	slot->id = id;
	slot->named = named;
}

void store_reporters_forget(struct store *s)
{
	struct store_reporters *c = s->reporters;

	for (size_t i = 0; c && i < c->cap; i++)
		free(c->v[i].domain);
	if (c)
		free(c->v);
	free(c);
	s->reporters = NULL;
}

/* Finds or creates the reporter of r; *id is 0 when r names none. A row
 * is only written when it is new or gains the name it lacked. */
static int reporter_upsert(struct store *s, const struct report *r, int64_t *id,
			   struct err *e)
{
	const char *name = reporter_name(r);
	struct reporter_slot *slot = NULL;
	sqlite3_stmt *st;

	*id = 0;
	if (!r->reporter || !*r->reporter)
		return 0;
	if (s->reporters)
		slot = reporter_slot(s->reporters, r->reporter);
	if (slot && slot->domain && (slot->named || !name)) {
		*id = slot->id;
		return 0;
	}
	st = store_stmt(s, ST_REPORTER_UPSERT,
			"INSERT INTO reporter(domain, name) VALUES(?, ?)"
			" ON CONFLICT(domain) DO UPDATE"
			" SET name = coalesce(reporter.name, excluded.name)"
			" RETURNING id, name IS NOT NULL",
			e);
	if (!st)
		return -1;
	store_bind_text(st, 1, r->reporter);
	store_bind_text(st, 2, name);
	if (sqlite3_step(st) != SQLITE_ROW) {
		store_fail(s, e, "cannot save a reporter");
		sqlite3_reset(st);
		return -1;
	}
	*id = sqlite3_column_int64(st, 0);
	reporter_remember(s, r->reporter, *id, sqlite3_column_int(st, 1));
	sqlite3_reset(st);
	return 0;
}

/* The report row's columns with the schema version that brought each: a
 * cache opened at an older schema (migration tests) writes those it has.
 * Values are bound by name, so a column left out is a bind skipped. */
static const struct report_column {
	const char *name;
	int since;
} report_columns[] = {
    {"message_id", 1},
    {"reporter_id", 1},
    {"original_reporter", 1},
    {"format", 1},
    {"category", 1},
    {"type", 1},
    {"problem", 1},
    {"action", 1},
    {"case_ref", 1},
    {"noise_signals", 1},
    {"evidence", 1},
    {"unsub_method", 1},
    {"unsub_target", 1},
    {"unsub_one_click", 1},
    {"attachments", 1},
    {"auto_submitted", 1},
    {"analyzer_version", 1},
    {"analysis", 7},
    {"analysis_note", 7},
    {"problem_derived", 9},
    {"automated", 10},
    {"human", 10},
    {"harm", 11},
    {"deadline", 11},
    {"auth_dkim", 12},
    {"auth_spf", 12},
    {"auth_dmarc", 12},
    {"auth_verdict", 12},
    {"unsub_address", 15},
    {"bulk", 18},
};

/* NULL for a method our server gave no result for. */
static const char *auth_text(enum report_auth_result a)
{
	return a == REPORT_AUTH_ABSENT ? NULL : report_auth_result_name(a);
}

static char *report_insert_sql(int version)
{
	struct buf cols = BUF_INIT, vals = BUF_INIT;
	size_t n = sizeof report_columns / sizeof *report_columns;

	for (size_t i = 0; i < n; i++) {
		if (report_columns[i].since > version)
			continue;
		buf_printf(&cols, "%s%s", cols.len ? ", " : "",
			   report_columns[i].name);
		buf_printf(&vals, "%s:%s", vals.len ? ", " : "",
			   report_columns[i].name);
	}
	char *sql = xasprintf("INSERT INTO report(%s) VALUES(%s)",
			      buf_cstr(&cols), buf_cstr(&vals));
	buf_free(&cols);
	buf_free(&vals);
	return sql;
}

static int param(sqlite3_stmt *st, const char *column)
{
	char name[40];

	snprintf(name, sizeof name, ":%s", column);
	return sqlite3_bind_parameter_index(st, name);
}

static void bind_text(sqlite3_stmt *st, const char *column, const char *v)
{
	int i = param(st, column);

	if (i)
		store_bind_text(st, i, v);
}

static void bind_int(sqlite3_stmt *st, const char *column, int64_t v)
{
	int i = param(st, column);

	if (i)
		sqlite3_bind_int64(st, i, v);
}

static void bind_report(sqlite3_stmt *st, const struct report *r, char **json)
{
	bind_text(st, "original_reporter", r->original_reporter);
	bind_text(st, "format", report_format_name(r->format));
	bind_text(st, "category", r->category);
	bind_text(st, "type", r->type);
	bind_text(st, "problem", r->problem);
	bind_text(st, "action", r->action);
	bind_text(st, "case_ref", r->case_ref);
	bind_text(st, "noise_signals", json[0]);
	bind_text(st, "evidence", json[1]);
	bind_text(st, "unsub_method", report_unsub_name(r->unsub_method));
	bind_text(st, "unsub_target", r->unsub_target);
	bind_int(st, "unsub_one_click", r->unsub_one_click);
	bind_text(st, "unsub_address", r->unsub_address);
	bind_text(st, "attachments", json[2]);
	bind_int(st, "auto_submitted", r->auto_submitted);
	bind_int(st, "analyzer_version", ANALYZER_VERSION);
	bind_text(st, "analysis", report_analysis_name(r->analysis));
	bind_text(st, "analysis_note", r->analysis_note);
	bind_int(st, "problem_derived", r->problem_derived);
	bind_int(st, "automated", r->automated);
	bind_int(st, "human", r->human);
	bind_int(st, "harm", r->harm);
	bind_int(st, "deadline", r->deadline);
	bind_text(st, "auth_dkim", auth_text(r->auth_dkim));
	bind_text(st, "auth_spf", auth_text(r->auth_spf));
	bind_text(st, "auth_dmarc", auth_text(r->auth_dmarc));
	bind_text(st, "auth_verdict",
		  report_auth_verdict_name(r->auth_verdict));
	bind_text(st, "bulk", r->bulk);
}

static int report_row_insert(struct store *s, int64_t message_id,
			     int64_t reporter_id, const struct report *r,
			     struct err *e)
{
	char *sql =
	    s->stmt[ST_REPORT_INSERT] ? NULL : report_insert_sql(s->version);
	sqlite3_stmt *st = store_stmt(s, ST_REPORT_INSERT, sql, e);
	char *json[3];
	int rc;

	free(sql);
	if (!st)
		return -1;
	json[0] = strings_json(r->noise_signals, r->n_noise_signals);
	json[1] = strings_json(r->evidence, r->n_evidence);
	json[2] = attachments_json(r);
	bind_int(st, "message_id", message_id);
	if (reporter_id)
		bind_int(st, "reporter_id", reporter_id);
	bind_report(st, r, json);
	rc = store_exec(s, st, e, "cannot save a report");
	for (size_t i = 0; i < 3; i++)
		free(json[i]);
	return rc;
}

/* Caches opened at a schema older than 8 (migration tests) have no role
 * column; their rows are all offenders. */
static sqlite3_stmt *report_ip_stmt(struct store *s, struct err *e)
{
	if (s->version < 8)
		return store_stmt(s, ST_REPORT_IP_INSERT,
				  "INSERT OR IGNORE INTO report_ip(message_id,"
				  " ip, in_scope, rank) VALUES(?, ?, ?, ?)",
				  e);
	return store_stmt(s, ST_REPORT_IP_INSERT_ROLE,
			  "INSERT OR IGNORE INTO report_ip(message_id, ip,"
			  " in_scope, rank, role) VALUES(?, ?, ?, ?, ?)",
			  e);
}

static int report_ips_insert(struct store *s, int64_t message_id,
			     const struct report *r, struct err *e)
{
	sqlite3_stmt *st;

	for (size_t i = 0; i < r->n_ips; i++) {
		st = report_ip_stmt(s, e);
		if (!st)
			return -1;
		sqlite3_bind_int64(st, 1, message_id);
		store_bind_text(st, 2, r->ips[i].text);
		sqlite3_bind_int(st, 3, r->ips[i].in_scope);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)i);
		if (s->version >= 8)
			store_bind_text(st, 5,
					report_ip_role_name(r->ips[i].role));
		if (store_exec(s, st, e, "cannot save a report's IP") < 0)
			return -1;
	}
	return 0;
}

int store_report_write(struct store *s, int64_t message_id,
		       const struct report *r, struct err *e)
{
	int64_t reporter_id;

	if (reporter_upsert(s, r, &reporter_id, e) < 0 ||
	    report_row_insert(s, message_id, reporter_id, r, e) < 0 ||
	    report_ips_insert(s, message_id, r, e) < 0)
		return -1;
	store_pending_report(s, message_id);
	return 0;
}

int store_report_delete(struct store *s, int64_t message_id, struct err *e)
{
	sqlite3_stmt *st;

	/* What is staged for this report is written first, so that the
	 * triggers below take away what was counted. */
	if (store_pending_has(s, message_id) && store_pending_flush(s, e) < 0)
		return -1;
	/* report_ip rows go with the report (ON DELETE CASCADE). */
	st = store_stmt(s, ST_REPORT_DELETE,
			"DELETE FROM report WHERE message_id = ?", e);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, message_id);
	return store_exec(s, st, e, "cannot remove a report");
}
