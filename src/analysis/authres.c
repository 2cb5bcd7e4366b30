/* authres.c: the Authentication-Results fields (RFC 8601) our own mail
 * server wrote, read into DKIM, SPF and DMARC results and one verdict.
 *
 * A parser of our own: Debian's libopendmarc and libopendkim have none in
 * their public API (OpenDMARC's and OpenDKIM's live inside the milter
 * programs) and python3-authres is Python. It is one pass over the field
 * with no recursion: comments (nested, with quoted pairs) and quoted
 * strings are skipped by counting, anything unterminated runs to the end
 * of the field, anything unexpected is skipped to the next ';', and every
 * step moves forward, so hostile text costs time linear in its length.
 * The few values kept are copied into fixed buffers; longer ones are no
 * domain anyone signs with and are dropped. */
#include "analysis/authres.h"
#include "analysis/headers.h"
#include "analysis/reporter.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Room for a domain name (253) and a NUL. */
#define DOMAIN_MAX 256

struct lex {
	const char *p, *end;
};

/* A token or the inside of a quoted string (RFC 2045 value). */
struct word {
	const char *p;
	size_t n;
	bool quoted; /* backslashes quote the next character */
};

struct authres {
	char *const *ids;
	size_t n_ids;
	const char *from_domain; /* From:'s domain, NULL when unknown */
	char *from_org;		 /* its registrable domain, or NULL */
	bool ours;		 /* a field of ours was read */
	enum report_auth_result dkim, spf, dmarc;
	bool dkim_aligned;
	bool dmarc_elsewhere; /* a DMARC result about another From: domain */
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* White space and comments; an unterminated comment runs to the end. */
static void skip_cfws(struct lex *x)
{
	size_t depth = 0;

	while (x->p < x->end) {
		char c = *x->p;
		if (depth == 0 && !is_space(c) && c != '(')
			return;
		if (c == '(')
			depth++;
		else if (c == ')' && depth)
			depth--;
		else if (c == '\\' && depth && x->p + 1 < x->end)
			x->p++;
		x->p++;
	}
}

/* The characters that end a token; with slash, '/' too (a method's
 * version: "dkim/1"). */
static bool ends_token(char c, bool slash)
{
	return is_space(c) || (c && strchr("();=\"", c)) || (slash && c == '/');
}

static struct word read_word(struct lex *x, bool slash)
{
	struct word w = {x->p, 0, false};

	if (x->p < x->end && *x->p == '"') {
		w.p = ++x->p;
		w.quoted = true;
		while (x->p < x->end && *x->p != '"') {
			if (*x->p == '\\' && x->p + 1 < x->end)
				x->p++;
			x->p++;
		}
		w.n = (size_t)(x->p - w.p);
		if (x->p < x->end)
			x->p++;
		return w;
	}
	while (x->p < x->end && !ends_token(*x->p, slash))
		x->p++;
	w.n = (size_t)(x->p - w.p);
	return w;
}

/* The word's text into out (quoted pairs undone); false when it does not
 * fit or holds a control character (a NUL would end it early). */
static bool word_copy(struct word w, char *out, size_t size)
{
	size_t k = 0;

	for (size_t i = 0; i < w.n; i++) {
		if (w.quoted && w.p[i] == '\\' && i + 1 < w.n)
			i++;
		if (k + 1 >= size || (unsigned char)w.p[i] < 0x20 ||
		    w.p[i] == 0x7f)
			return false;
		out[k++] = w.p[i];
	}
	out[k] = '\0';
	return true;
}

static bool word_is(struct word w, const char *s)
{
	char buf[DOMAIN_MAX];

	return word_copy(w, buf, sizeof buf) && strcasecmp(buf, s) == 0;
}

/* Past the next ';' outside comments and quotes, or to the end. */
static void skip_to_semicolon(struct lex *x)
{
	while (x->p < x->end && *x->p != ';') {
		const char *at = x->p;
		skip_cfws(x);
		if (x->p < x->end && *x->p == '"')
			read_word(x, false);
		else if (x->p == at)
			x->p++;
	}
}

/* The domain of a property value: "example.net", "@example.net" or
 * "user@example.net" (header.i, smtp.mailfrom). */
static const char *value_domain(const char *v)
{
	const char *at = strrchr(v, '@');

	return at ? at + 1 : v;
}

static bool same_domain(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);

	while (na && a[na - 1] == '.')
		na--;
	while (nb && b[nb - 1] == '.')
		nb--;
	return na == nb && na && strncasecmp(a, b, na) == 0;
}

/* The properties of one result this module looks at. */
struct props {
	char d[DOMAIN_MAX];    /* header.d */
	char i[DOMAIN_MAX];    /* header.i */
	char from[DOMAIN_MAX]; /* header.from */
};

static void keep_prop(struct props *pr, struct word key, struct word value)
{
	static const struct {
		const char *key;
		size_t off;
	} kept[] = {{"header.d", offsetof(struct props, d)},
		    {"header.i", offsetof(struct props, i)},
		    {"header.from", offsetof(struct props, from)}};

	for (size_t k = 0; k < sizeof kept / sizeof kept[0]; k++) {
		char *out = (char *)pr + kept[k].off;
		if (word_is(key, kept[k].key) &&
		    !word_copy(value, out, DOMAIN_MAX))
			out[0] = '\0';
	}
}

/* "reason=" and "ptype.property=value" pairs up to the next ';'. */
static void read_props(struct lex *x, struct props *pr)
{
	for (;;) {
		const char *at;
		struct word key, value;

		skip_cfws(x);
		if (x->p >= x->end || *x->p == ';')
			return;
		at = x->p;
		key = read_word(x, false);
		skip_cfws(x);
		if (x->p < x->end && *x->p == '=' && key.n) {
			x->p++;
			skip_cfws(x);
			value = read_word(x, false);
			keep_prop(pr, key, value);
		}
		if (x->p == at) /* a stray ')', '=' or '/' */
			x->p++;
	}
}

static enum report_auth_result result_of(struct word w)
{
	char buf[16];

	if (!word_copy(w, buf, sizeof buf) || !buf[0])
		return REPORT_AUTH_ABSENT;
	for (char *p = buf; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	if (strcmp(buf, "hardfail") == 0) /* RFC 5451's SPF word */
		return REPORT_AUTH_FAIL;
	return report_auth_result_from_name(buf);
}

static enum report_auth_result worst(enum report_auth_result a,
				     enum report_auth_result b)
{
	return a > b ? a : b;
}

/* The signing domain shares the From: domain's registrable domain
 * (DMARC's relaxed alignment). */
static bool dkim_aligned(const struct authres *a, const struct props *pr)
{
	const char *d = pr->d[0] ? pr->d : value_domain(pr->i);
	char *org;
	bool same;

	if (!a->from_org || !d[0])
		return false;
	org = reporter_domain(d);
	same = org && strcmp(org, a->from_org) == 0;
	free(org);
	return same;
}

static void record(struct authres *a, struct word method,
		   enum report_auth_result res, const struct props *pr)
{
	if (res == REPORT_AUTH_ABSENT)
		return;
	if (word_is(method, "dkim")) {
		if (a->dkim == REPORT_AUTH_PASS || res == REPORT_AUTH_PASS)
			a->dkim = REPORT_AUTH_PASS;
		else
			a->dkim = worst(a->dkim, res);
		if (res == REPORT_AUTH_PASS && !a->dkim_aligned)
			a->dkim_aligned = dkim_aligned(a, pr);
	} else if (word_is(method, "spf")) {
		a->spf = worst(a->spf, res);
	} else if (word_is(method, "dmarc")) {
		a->dmarc = worst(a->dmarc, res);
		if (pr->from[0] && a->from_domain &&
		    !same_domain(pr->from, a->from_domain))
			a->dmarc_elsewhere = true;
	}
}

/* resinfo after its ';': method[/version] = result, then properties. */
static void read_result(struct authres *a, struct lex *x)
{
	struct props pr = {{0}, {0}, {0}};
	struct word method;
	enum report_auth_result res;

	skip_cfws(x);
	method = read_word(x, true);
	skip_cfws(x);
	if (x->p < x->end && *x->p == '/') {
		x->p++;
		skip_cfws(x);
		read_word(x, true);
		skip_cfws(x);
	}
	if (x->p >= x->end || *x->p != '=') /* "none", or no result */
		return;
	x->p++;
	skip_cfws(x);
	res = result_of(read_word(x, false));
	read_props(x, &pr);
	record(a, method, res, &pr);
}

static bool is_ours(const struct authres *a, struct word id)
{
	for (size_t i = 0; id.n && i < a->n_ids; i++)
		if (word_is(id, a->ids[i]))
			return true;
	return false;
}

/* The authserv-id ends where CFWS, ';' or the field does: text glued to
 * it makes another name, which our server would not have taken for its
 * own when it removed forged fields. */
static bool id_ends(const struct lex *x)
{
	return x->p >= x->end || is_space(*x->p) || *x->p == '(' ||
	       *x->p == ';';
}

static void read_field(void *ctx, const char *v, size_t n)
{
	struct authres *a = ctx;
	struct lex x = {v, v + n};
	struct word id;

	skip_cfws(&x);
	id = read_word(&x, false);
	if (!id_ends(&x) || !is_ours(a, id))
		return;
	a->ours = true;
	for (int k = 0; k < AUTHRES_MAX_RESULTS; k++) {
		skip_to_semicolon(&x); /* past a version number, or junk */
		if (x.p >= x.end)
			return;
		x.p++;
		read_result(a, &x);
	}
}

static enum report_auth_verdict verdict(const struct authres *a)
{
	if (!a->ours)
		return REPORT_AUTH_UNKNOWN;
	if (a->dmarc == REPORT_AUTH_FAIL || a->dmarc_elsewhere)
		return REPORT_AUTH_NOT_VERIFIED;
	if (a->dmarc == REPORT_AUTH_PASS)
		return REPORT_AUTH_VERIFIED;
	if ((a->dmarc == REPORT_AUTH_ABSENT || a->dmarc == REPORT_AUTH_NONE) &&
	    a->dkim_aligned)
		return REPORT_AUTH_VERIFIED;
	return REPORT_AUTH_UNKNOWN;
}

void authres_read(struct report *r, const char *raw, size_t len,
		  char *const *ids, size_t n_ids)
{
	struct authres a = {.ids = ids, .n_ids = n_ids};

	if (!n_ids)
		return;
	if (r->from_addr && strchr(r->from_addr, '@')) {
		a.from_domain = value_domain(r->from_addr);
		a.from_org = reporter_domain(a.from_domain);
	}
	headers_each(raw, len, "Authentication-Results", AUTHRES_MAX_FIELDS,
		     read_field, &a);
	free(a.from_org);
	r->auth_dkim = a.dkim;
	r->auth_spf = a.spf;
	r->auth_dmarc = a.dmarc;
	r->auth_verdict = verdict(&a);
}
