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
 * cache opened at an older schema (migration tests) writes those it has,
 * and a column it lacks is a bind skipped. */
enum report_col {
	RC_MESSAGE_ID,
	RC_REPORTER_ID,
	RC_ORIGINAL_REPORTER,
	RC_FORMAT,
	RC_CATEGORY,
	RC_TYPE,
	RC_PROBLEM,
	RC_ACTION,
	RC_CASE_REF,
	RC_NOISE_SIGNALS,
	RC_EVIDENCE,
	RC_UNSUB_METHOD,
	RC_UNSUB_TARGET,
	RC_UNSUB_ONE_CLICK,
	RC_ATTACHMENTS,
	RC_AUTO_SUBMITTED,
	RC_ANALYZER_VERSION,
	RC_ANALYSIS,
	RC_ANALYSIS_NOTE,
	RC_PROBLEM_DERIVED,
	RC_AUTOMATED,
	RC_HUMAN,
	RC_HARM,
	RC_DEADLINE,
	RC_AUTH_DKIM,
	RC_AUTH_SPF,
	RC_AUTH_DMARC,
	RC_AUTH_VERDICT,
	RC_UNSUB_ADDRESS,
	RC_BULK,
	RC_COUNT
};

static const struct report_column {
	const char *name;
	int since;
} report_columns[RC_COUNT] = {
    [RC_MESSAGE_ID] = {"message_id", 1},
    [RC_REPORTER_ID] = {"reporter_id", 1},
    [RC_ORIGINAL_REPORTER] = {"original_reporter", 1},
    [RC_FORMAT] = {"format", 1},
    [RC_CATEGORY] = {"category", 1},
    [RC_TYPE] = {"type", 1},
    [RC_PROBLEM] = {"problem", 1},
    [RC_ACTION] = {"action", 1},
    [RC_CASE_REF] = {"case_ref", 1},
    [RC_NOISE_SIGNALS] = {"noise_signals", 1},
    [RC_EVIDENCE] = {"evidence", 1},
    [RC_UNSUB_METHOD] = {"unsub_method", 1},
    [RC_UNSUB_TARGET] = {"unsub_target", 1},
    [RC_UNSUB_ONE_CLICK] = {"unsub_one_click", 1},
    [RC_ATTACHMENTS] = {"attachments", 1},
    [RC_AUTO_SUBMITTED] = {"auto_submitted", 1},
    [RC_ANALYZER_VERSION] = {"analyzer_version", 1},
    [RC_ANALYSIS] = {"analysis", 7},
    [RC_ANALYSIS_NOTE] = {"analysis_note", 7},
    [RC_PROBLEM_DERIVED] = {"problem_derived", 9},
    [RC_AUTOMATED] = {"automated", 10},
    [RC_HUMAN] = {"human", 10},
    [RC_HARM] = {"harm", 11},
    [RC_DEADLINE] = {"deadline", 11},
    [RC_AUTH_DKIM] = {"auth_dkim", 12},
    [RC_AUTH_SPF] = {"auth_spf", 12},
    [RC_AUTH_DMARC] = {"auth_dmarc", 12},
    [RC_AUTH_VERDICT] = {"auth_verdict", 12},
    [RC_UNSUB_ADDRESS] = {"unsub_address", 15},
    [RC_BULK] = {"bulk", 18},
};

/* Where each column's value goes in the insert at this version: its
 * place among the columns the version has (1-based), or 0 when it has
 * none. Worked out per row, as a few compares: looking each parameter
 * up by name cost a sync several per cent of its time. */
struct report_params {
	int at[RC_COUNT];
};

static void report_params_of(int version, struct report_params *p)
{
	int k = 0;

	for (size_t i = 0; i < RC_COUNT; i++)
		p->at[i] = report_columns[i].since <= version ? ++k : 0;
}

/* NULL for a method our server gave no result for. */
static const char *auth_text(enum report_auth_result a)
{
	return a == REPORT_AUTH_ABSENT ? NULL : report_auth_result_name(a);
}

static char *report_insert_sql(int version)
{
	struct buf cols = BUF_INIT, vals = BUF_INIT;

	for (size_t i = 0; i < RC_COUNT; i++) {
		if (report_columns[i].since > version)
			continue;
		buf_printf(&cols, "%s%s", cols.len ? ", " : "",
			   report_columns[i].name);
		buf_printf(&vals, "%s?", vals.len ? ", " : "");
	}
	char *sql = xasprintf("INSERT INTO report(%s) VALUES(%s)",
			      buf_cstr(&cols), buf_cstr(&vals));
	buf_free(&cols);
	buf_free(&vals);
	return sql;
}

static void bind_text(sqlite3_stmt *st, const struct report_params *p,
		      enum report_col c, const char *v)
{
	if (p->at[c])
		store_bind_text(st, p->at[c], v);
}

static void bind_int(sqlite3_stmt *st, const struct report_params *p,
		     enum report_col c, int64_t v)
{
	if (p->at[c])
		sqlite3_bind_int64(st, p->at[c], v);
}

static void bind_report(sqlite3_stmt *st, const struct report_params *p,
			const struct report *r, char **json)
{
	bind_text(st, p, RC_ORIGINAL_REPORTER, r->original_reporter);
	bind_text(st, p, RC_FORMAT, report_format_name(r->format));
	bind_text(st, p, RC_CATEGORY, r->category);
	bind_text(st, p, RC_TYPE, r->type);
	bind_text(st, p, RC_PROBLEM, r->problem);
	bind_text(st, p, RC_ACTION, r->action);
	bind_text(st, p, RC_CASE_REF, r->case_ref);
	bind_text(st, p, RC_NOISE_SIGNALS, json[0]);
	bind_text(st, p, RC_EVIDENCE, json[1]);
	bind_text(st, p, RC_UNSUB_METHOD, report_unsub_name(r->unsub_method));
	bind_text(st, p, RC_UNSUB_TARGET, r->unsub_target);
	bind_int(st, p, RC_UNSUB_ONE_CLICK, r->unsub_one_click);
	bind_text(st, p, RC_UNSUB_ADDRESS, r->unsub_address);
	bind_text(st, p, RC_ATTACHMENTS, json[2]);
	bind_int(st, p, RC_AUTO_SUBMITTED, r->auto_submitted);
	bind_int(st, p, RC_ANALYZER_VERSION, ANALYZER_VERSION);
	bind_text(st, p, RC_ANALYSIS, report_analysis_name(r->analysis));
	bind_text(st, p, RC_ANALYSIS_NOTE, r->analysis_note);
	bind_int(st, p, RC_PROBLEM_DERIVED, r->problem_derived);
	bind_int(st, p, RC_AUTOMATED, r->automated);
	bind_int(st, p, RC_HUMAN, r->human);
	bind_int(st, p, RC_HARM, r->harm);
	bind_int(st, p, RC_DEADLINE, r->deadline);
	bind_text(st, p, RC_AUTH_DKIM, auth_text(r->auth_dkim));
	bind_text(st, p, RC_AUTH_SPF, auth_text(r->auth_spf));
	bind_text(st, p, RC_AUTH_DMARC, auth_text(r->auth_dmarc));
	bind_text(st, p, RC_AUTH_VERDICT,
		  report_auth_verdict_name(r->auth_verdict));
	bind_text(st, p, RC_BULK, r->bulk);
}

static int report_row_insert(struct store *s, int64_t message_id,
			     int64_t reporter_id, const struct report *r,
			     struct err *e)
{
	char *sql =
	    s->stmt[ST_REPORT_INSERT] ? NULL : report_insert_sql(s->version);
	sqlite3_stmt *st = store_stmt(s, ST_REPORT_INSERT, sql, e);
	struct report_params p;
	char *json[3];
	int rc;

	free(sql);
	if (!st)
		return -1;
	report_params_of(s->version, &p);
	json[0] = strings_json(r->noise_signals, r->n_noise_signals);
	json[1] = strings_json(r->evidence, r->n_evidence);
	json[2] = attachments_json(r);
	bind_int(st, &p, RC_MESSAGE_ID, message_id);
	if (reporter_id)
		bind_int(st, &p, RC_REPORTER_ID, reporter_id);
	bind_report(st, &p, r, json);
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
