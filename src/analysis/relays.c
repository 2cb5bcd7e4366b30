/* relays.c: finds the last outside hop of a mail from its Received:
 * chain. Each field is "from HELO (RDNS [ADDR]) by HOST ..."; the chain
 * is read top down, the receiving side's relays are the hosts named in
 * "by" parts. Bounded: at most RELAYS_MAX fields of FIELD_MAX bytes. */
#include "analysis/relays.h"
#include "analysis/ipscan.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RELAYS_MAX 64
#define FIELD_MAX 2048
#define HOST_MAX 128

struct field {
	char v[FIELD_MAX]; /* unfolded value */
	size_t n;
};

struct chain {
	struct field f[RELAYS_MAX];
	size_t n;
	char by[RELAYS_MAX][HOST_MAX];
	size_t n_by;
};

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

/* Appends a header line (a field's first or a folded one) to f. */
static void add_text(struct field *f, const char *p, size_t n)
{
	if (f->n && f->n + 1 < FIELD_MAX)
		f->v[f->n++] = ' ';
	if (n > FIELD_MAX - 1 - f->n)
		n = FIELD_MAX - 1 - f->n;
	memcpy(f->v + f->n, p, n);
	f->n += n;
	f->v[f->n] = '\0';
}

/* The Received: fields of the header block, unfolded, top first. */
static void read_chain(const char *s, size_t len, struct chain *c)
{
	const char *p = s, *end = s + len;
	bool in = false;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n && p[n - 1] == '\r')
			n--;
		if (n == 0)
			break;
		if (space(p[0])) {
			if (in)
				add_text(&c->f[c->n - 1], p, n);
		} else if (n > 9 && strncasecmp(p, "received:", 9) == 0 &&
			   c->n < RELAYS_MAX) {
			in = true;
			c->f[c->n].n = 0;
			add_text(&c->f[c->n++], p + 9, n - 9);
		} else {
			in = false;
		}
		if (!nl)
			break;
		p = nl + 1;
	}
}

/* Where word w starts in v (as a whole word, any case), or NULL. */
static const char *find_word(const char *v, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = v; *p; p++)
		if ((p == v || space(p[-1])) && strncasecmp(p, w, n) == 0 &&
		    (space(p[n]) || !p[n]))
			return p;
	return NULL;
}

/* Copies the host name at p (lowercase) to out. */
static void host_at(const char *p, char out[HOST_MAX])
{
	size_t n = 0;

	while (space(*p))
		p++;
	while (host_char(*p) && n + 1 < HOST_MAX) {
		char ch = *p++;
		out[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
	}
	while (n && out[n - 1] == '.')
		n--;
	out[n] = '\0';
}

static bool first_addr(const struct ip_addr *a, void *arg)
{
	*(struct ip_addr *)arg = *a;
	return true;
}

/* An address a hop outside the receiver could have: not internal. */
static bool outside(const struct ip_addr *a)
{
	enum ip_class k = ip_classify(a);

	return k == IP_CLASS_GLOBAL || k == IP_CLASS_DOCUMENTATION;
}

/* Whether h is named as a receiving host in one of the first n fields. */
static bool is_by_host(const struct chain *c, const char *h, size_t n)
{
	if (!h[0])
		return false;
	for (size_t i = 0; i < n && i < c->n_by; i++)
		if (strcmp(c->by[i], h) == 0)
			return true;
	return false;
}

/* Whether field v says its client authenticated (RFC 3848: "with
 * ESMTPA", "ESMTPSA"): a user's submission to its own server. */
static bool authenticated(const char *v)
{
	const char *w = find_word(v, "with");
	char type[16];
	size_t n = 0;

	if (!w)
		return false;
	for (w += 4; space(*w); w++)
		;
	while (host_char(*w) && n + 1 < sizeof type) {
		char ch = *w++;
		type[n++] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
	}
	type[n] = '\0';
	/* ESMTPA, ESMTPSA, UTF8SMTPSA: the final "A" for authenticated. */
	return n > 4 && type[n - 1] == 'a' && strstr(type, "smtp");
}

/* The first address of field v's "from" part, when it has one outside
 * the receiver; false else. */
static bool from_outside(const char *v, struct ip_addr *a)
{
	const char *from = find_word(v, "from"), *by = find_word(v, "by");

	if (!from || (by && by < from))
		return false;
	size_t n = by ? (size_t)(by - from) : strlen(from);
	return ipscan_find(from, n, first_addr, a) && outside(a);
}

/* Whether the hop named name, which handed the mail to field i's "by"
 * host, is one of the receiving side's relays: it is named as a
 * receiving host in the chain, and not only where it took an
 * authenticated submission or a mail from its own machine ("from
 * localhost"): then it is the sender's outgoing server. */
static bool receiving_side(const struct chain *c, size_t i, const char *name)
{
	struct ip_addr a;

	if (is_by_host(c, name, i))
		return true;
	for (size_t k = i; k < c->n_by; k++)
		if (strcmp(c->by[k], name) == 0 && !authenticated(c->f[k].v) &&
		    from_outside(c->f[k].v, &a))
			return true;
	return false;
}

/* The name the hop is known by: the receiver's reverse look-up in the
 * parentheses when it made one ("unknown" trusts nothing), else HELO. */
static void hop_name(const char *from, const char *by, char out[HOST_MAX])
{
	const char *par = strchr(from, '(');

	if (par && (!by || par < by)) {
		host_at(par + 1, out);
		if (strcmp(out, "unknown") == 0 || !strchr(out, '.'))
			out[0] = '\0';
		if (out[0] || strncasecmp(par + 1, "unknown", 7) == 0)
			return;
	}
	host_at(from + 4, out);
}

/* Whether field v took the mail from a web browser ("... (via HTTP)",
 * "with HTTP"): a webmail submission, whose "from" is the writer's own
 * connection. */
static bool webmail_submission(const char *v)
{
	const char *w = find_word(v, "with");

	if (w && strncasecmp(w + 4, " http", 5) == 0)
		return true;
	for (const char *p = strstr(v, "via "); p; p = strstr(p + 4, "via "))
		if (strncasecmp(p + 4, "http", 4) == 0 &&
		    (p == v || p[-1] == '(' || space(p[-1])))
			return true;
	return false;
}

/* Whether host is the domain of mailbox or a name under it. */
static bool in_domain(const char *host, const char *mailbox)
{
	const char *d = mailbox ? strrchr(mailbox, '@') : NULL;
	size_t hn = strlen(host), dn;

	if (!d || !*++d)
		return false;
	dn = strlen(d);
	return hn >= dn && strcasecmp(host + hn - dn, d) == 0 &&
	       (hn == dn || host[hn - dn - 1] == '.');
}

/* Below hop i, the writer's own connection, when the mail was written
 * in a webmail: the provider that relayed it only carried it. */
static bool webmail_origin(const struct chain *c, size_t i, struct ip_addr *a)
{
	for (size_t k = i + 1; k < c->n; k++)
		if (webmail_submission(c->f[k].v) && from_outside(c->f[k].v, a))
			return true;
	return false;
}

bool relays_offender(const char *hdr, size_t len, const char *recipient,
		     struct ip_addr *out)
{
	static _Thread_local struct chain c;

	c.n = c.n_by = 0;
	read_chain(hdr, len, &c);
	for (size_t i = 0; i < c.n; i++) {
		const char *by = find_word(c.f[i].v, "by");
		c.by[c.n_by][0] = '\0';
		if (by)
			host_at(by + 2, c.by[c.n_by]);
		c.n_by++;
	}
	for (size_t i = 0; i < c.n; i++) {
		const char *v = c.f[i].v;
		struct ip_addr a;
		char name[HOST_MAX];
		if (!from_outside(v, &a))
			continue;
		hop_name(find_word(v, "from"), find_word(v, "by"), name);
		if (receiving_side(&c, i, name))
			continue;
		/* Written in another's webmail: the writer's connection is
		 * the recipient's to act on; in the recipient's own, the
		 * account (its relay) is. */
		if (!in_domain(name, recipient) && webmail_origin(&c, i, out))
			return true;
		*out = a;
		return true;
	}
	return false;
}

/* The address in v (after blanks and an opening '<'), lowercase; NULL
 * when it holds none. */
static char *mailbox_in(const char *v)
{
	size_t n = 0;

	while (*v == ' ' || *v == '\t' || *v == '<')
		v++;
	while (v[n] && !strchr(" \t<>;,", v[n]))
		n++;
	if (n < 3 || !memchr(v, '@', n))
		return NULL;
	char *m = xstrndup(v, n);
	for (char *p = m; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return m;
}

char *relays_recipient(const char *delivered_to, const char *original_to,
		       const char *received)
{
	char *m = delivered_to ? mailbox_in(delivered_to) : NULL;

	if (!m && original_to)
		m = mailbox_in(original_to);
	/* "... by mx1.example with ESMTPS id X for <abuse@example>; date" */
	const char *f = received ? strstr(received, " for ") : NULL;
	if (!m && f)
		m = mailbox_in(f + 5);
	return m;
}
