/* limit.c: parsing and matching limit patterns (`l`), and turning search
 * words (`/`) into a safe FTS5 query. Pure functions: the screens hand
 * limit_match() to the store as a filter. */
#include "ui/limit.h"
#include "core/buf.h"
#include "core/ip.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

enum limit_key { LK_IP, LK_REPORTER, LK_CAT, LK_STATE, LK_SINCE, LK_COUNT };

static const char *const key_names[LK_COUNT] = {"ip", "reporter", "cat",
						"state", "since"};

struct limit_term {
	enum limit_key key;
	bool neg;
	char *text;
	struct cidr cidr;
	int64_t since; /* Unix time */
	enum store_state state;
	/* ip: the last address tested and the answer: the store hands
	 * over a group's reports one after the other. */
	char last_ip[64];
	bool last_hit;
};

struct limit {
	struct limit_term *v;
	size_t n;
};

void limit_free(struct limit *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	free(l);
}

static int parse_date(const char *s, int64_t *out)
{
	struct tm tm = {0};
	char *end = strptime(s, "%Y-%m-%d", &tm);

	if (!end || *end)
		return -1;
	*out = (int64_t)timegm(&tm);
	return 0;
}

/* The units of since:, in seconds. */
static const struct {
	char unit;
	int64_t secs;
} since_units[] = {{'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 7 * 86400}};

/* now minus n units; a count that goes back past what int64_t holds
 * means the beginning of time rather than an overflow. */
static int64_t count_back(int64_t now, long n, int64_t secs)
{
	int64_t back;

	if (n > INT64_MAX / secs)
		return INT64_MIN;
	back = (int64_t)n * secs;
	return now < INT64_MIN + back ? INT64_MIN : now - back;
}

static int parse_since(const char *s, int64_t now, int64_t *out, struct err *e)
{
	char *end;
	long n;

	if (parse_date(s, out) == 0)
		return 0;
	n = strtol(s, &end, 10);
	if (end == s || n < 0 || strlen(end) != 1)
		return err_set(e,
			       "since:%s: expected a number and m, h, d or w, "
			       "or a date like 2026-03-01",
			       s);
	for (size_t i = 0; i < sizeof since_units / sizeof *since_units; i++) {
		if (*end == since_units[i].unit) {
			*out = count_back(now, n, since_units[i].secs);
			return 0;
		}
	}
	return err_set(e, "since:%s: the unit is m, h, d or w", s);
}

static int parse_value(struct limit_term *t, const char *v, int64_t now,
		       struct err *e)
{
	if (*v == '\0')
		return err_set(e, "%s: needs a value", key_names[t->key]);
	t->text = xstrdup(v);
	switch (t->key) {
	case LK_IP:
		return cidr_parse(v, strlen(v), &t->cidr, e);
	case LK_STATE:
		if (!store_state_parse(v, &t->state))
			return err_set(e,
				       "state:%s: expected open, resolved "
				       "or ignored",
				       v);
		return 0;
	case LK_SINCE:
		return parse_since(v, now, &t->since, e);
	default:
		return 0;
	}
}

/* A bare address or network means ip:, the term typed most. It is tried
 * before KEY:VALUE because an IPv6 address holds colons; no key of ours
 * reads as an address. */
static bool bare_address(struct limit_term *t, const char *w)
{
	struct err ignored = {{0}};

	if (cidr_parse(w, strlen(w), &t->cidr, &ignored) < 0)
		return false;
	t->key = LK_IP;
	t->text = xstrdup(w);
	return true;
}

static int parse_term(struct limit_term *t, const char *w, int64_t now,
		      struct err *e)
{
	const char *colon;

	memset(t, 0, sizeof *t);
	if (*w == '!') {
		t->neg = true;
		w++;
	}
	if (bare_address(t, w))
		return 0;
	colon = strchr(w, ':');
	if (!colon)
		return err_set(e,
			       "'%s': expected KEY:VALUE with ip, reporter, "
			       "cat, state or since, or an address",
			       w);
	for (int k = 0; k < LK_COUNT; k++) {
		if (strlen(key_names[k]) == (size_t)(colon - w) &&
		    strncmp(w, key_names[k], (size_t)(colon - w)) == 0) {
			t->key = (enum limit_key)k;
			return parse_value(t, colon + 1, now, e);
		}
	}
	return err_set(e,
		       "'%.*s:': unknown key (ip, reporter, cat, state, since)",
		       (int)(colon - w), w);
}

struct limit *limit_parse(const char *pattern, int64_t now, struct err *e)
{
	struct limit *l = xcalloc(1, sizeof *l);
	char *copy = xstrdup(pattern), *save = NULL;

	for (char *w = strtok_r(copy, " \t", &save); w;
	     w = strtok_r(NULL, " \t", &save)) {
		l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
		if (parse_term(&l->v[l->n], w, now, e) < 0) {
			free(l->v[l->n].text);
			limit_free(l);
			free(copy);
			return NULL;
		}
		l->n++;
	}
	free(copy);
	return l;
}

static bool ip_matches(struct limit_term *t, const char *ip)
{
	struct ip_addr a;
	size_t n;

	if (!ip)
		return false;
	if (strcmp(ip, t->last_ip) == 0)
		return t->last_hit;
	n = strlen(ip);
	t->last_hit = ip_parse(ip, n, &a) == 0 && ip_in_cidr(&a, &t->cidr);
	if (n < sizeof t->last_ip)
		memcpy(t->last_ip, ip, n + 1);
	return t->last_hit;
}

/* A domain matches itself and its subdomains; case does not matter. */
static bool domain_matches(const char *want, const char *have)
{
	size_t w = strlen(want), h;

	if (!have)
		return false;
	h = strlen(have);
	if (h < w || strcasecmp(have + h - w, want) != 0)
		return false;
	return h == w || have[h - w - 1] == '.';
}

static bool term_matches(struct limit_term *t, const struct triage_fact *f)
{
	switch (t->key) {
	case LK_IP:
		return ip_matches(t, f->ip);
	case LK_REPORTER:
		return domain_matches(t->text, f->reporter);
	case LK_CAT:
		return f->category && strcasecmp(f->category, t->text) == 0;
	case LK_STATE:
		return f->state == t->state;
	case LK_SINCE:
		return f->t >= t->since;
	default:
		return false;
	}
}

/* Terms of one key are alternatives: the key passes when any plain term
 * matches (or there is none) and no negated term does. */
static bool key_passes(struct limit *l, enum limit_key k,
		       const struct triage_fact *f)
{
	bool any_plain = false, plain_hit = false;

	for (size_t i = 0; i < l->n; i++) {
		struct limit_term *t = &l->v[i];
		if (t->key != k)
			continue;
		bool hit = term_matches(t, f);
		if (t->neg && hit)
			return false;
		if (!t->neg) {
			any_plain = true;
			plain_hit = plain_hit || hit;
		}
	}
	return !any_plain || plain_hit;
}

bool limit_match(void *limit, const struct triage_fact *f)
{
	struct limit *l = limit;

	for (int k = 0; l && k < LK_COUNT; k++)
		if (!key_passes(l, (enum limit_key)k, f))
			return false;
	return true;
}

char *limit_search_query(const char *words)
{
	struct buf b = BUF_INIT;
	const char *p = words;

	while (*p) {
		size_t n;
		while (*p && isspace((unsigned char)*p))
			p++;
		n = strcspn(p, " \t\r\n");
		if (n == 0)
			break;
		if (b.len)
			buf_putc(&b, ' ');
		buf_putc(&b, '"');
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '"')
				buf_putc(&b, '"');
			buf_putc(&b, p[i]);
		}
		buf_putc(&b, '"');
		p += n;
	}
	return b.len ? buf_steal(&b) : NULL;
}
