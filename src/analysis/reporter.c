/* reporter.c: the reporter as a registrable domain (libpsl, with the
 * public suffix list browsers use: "reports.example.co.uk" is
 * "example.co.uk"), and the original author of a report forwarded inline. */
#include "analysis/reporter.h"
#include "analysis/headers.h"
#include "core/mailaddr.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <libpsl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const psl_ctx_t *psl;
static pthread_once_t psl_once = PTHREAD_ONCE_INIT;

/* The newest of libpsl's built-in list and the system's (Debian's
 * publicsuffix package); read once, then only read. */
static void psl_load(void)
{
	psl = psl_latest(NULL);
	if (!psl)
		psl = psl_builtin();
}

/* The registrable part of a lowercase host; the host itself when the list
 * has none (a suffix alone), NULL when it has no dot at all. */
static const char *registrable(const char *host)
{
	const char *reg = NULL;

	if (!strchr(host, '.'))
		return NULL;
	pthread_once(&psl_once, psl_load);
	if (psl)
		reg = psl_registrable_domain(psl, host);
	return reg ? reg : host;
}

/* The last hosts looked up on this thread and their answers: a mailbox
 * hears from the same few reporters again and again, and the list's
 * lookup is a good part of a small report's analysis. */
#define HOST_CACHE 32
#define HOST_CACHE_LEN 96
static _Thread_local struct host_answer {
	char host[HOST_CACHE_LEN];
	char reg[HOST_CACHE_LEN];
	bool none; /* registrable() said NULL */
} host_cache[HOST_CACHE];

static size_t host_slot(const char *host)
{
	size_t h = 5381;

	for (const char *p = host; *p; p++)
		h = h * 33 + (unsigned char)*p;
	return h % HOST_CACHE;
}

/* registrable() as a copy, through the cache. */
static char *registrable_dup(const char *host)
{
	struct host_answer *a = &host_cache[host_slot(host)];
	const char *reg;

	if (a->host[0] && strcmp(a->host, host) == 0)
		return a->none ? NULL : xstrdup(a->reg);
	reg = registrable(host);
	if (strlen(host) < HOST_CACHE_LEN &&
	    (!reg || strlen(reg) < HOST_CACHE_LEN)) {
		strcpy(a->host, host);
		a->none = !reg;
		strcpy(a->reg, reg ? reg : "");
	}
	return reg ? xstrdup(reg) : NULL;
}

char *reporter_domain(const char *addr_or_host)
{
	const char *at, *start;
	char *host, *out;
	size_t n;

	if (!addr_or_host)
		return NULL;
	at = strrchr(addr_or_host, '@');
	start = at ? at + 1 : addr_or_host;
	n = strcspn(start, " >\t\r\n");
	host = xstrndup(start, n);
	for (char *p = host; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	while (*host && host[strlen(host) - 1] == '.')
		host[strlen(host) - 1] = '\0';
	out = registrable_dup(host);
	free(host);
	return out;
}

static const char *const forward_markers[] = {
    "---------- forwarded message",
    "-------- forwarded message",
    "begin forwarded message",
    "-----original message-----",
    "----- original message -----",
    "-----ursprüngliche nachricht-----",
    "forwarded message follows",
    "------ forwarded message",
    NULL};

/* How mail programs mark a forward in its subject, in English and as
 * Outlook writes it in other languages: "WG:" (German), "TR:" (French),
 * "VS:" (Finnish, Norwegian), "VB:" (Swedish), "RV:" (Spanish), "ENC:"
 * (Portuguese), "I:" (Italian), "PD:" (Polish), "Doorst:" (Dutch). */
static const char *const forward_subjects[] = {
    "fwd:", "fw:",  "wg:", "tr:", "fwd :",   "vs:", "vb:",
    "rv:",  "enc:", "i:",  "pd:", "doorst:", NULL};

static bool subject_forwarded(const char *subject)
{
	if (!subject)
		return false;
	while (*subject == ' ')
		subject++;
	if (strncasecmp(subject, "re:", 3) == 0)
		subject += 3;
	while (*subject == ' ')
		subject++;
	for (const char *const *p = forward_subjects; *p; p++)
		if (strncasecmp(subject, *p, strlen(*p)) == 0)
			return true;
	return false;
}

/* The "From:" key of a forwarded header block as mail programs write it
 * in other languages ("Von:", "De:", "De :", "Da:", "Van:", "Od:"). */
static bool from_key(const char *q)
{
	static const char *const keys[] = {
	    "from:", "von:", "de:", "de :", "da:", "van:", "od:", NULL};

	for (const char *const *k = keys; *k; k++)
		if (strncasecmp(q, *k, strlen(*k)) == 0)
			return true;
	return false;
}

/* The address on the first "From:" line at or after p, within a few
 * lines. */
static char *from_line_after(const char *p, const char *end, int max_lines)
{
	for (int l = 0; p < end && l < max_lines; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *q = p;
		while (q < p + n && (*q == '>' || *q == ' ' || *q == '*'))
			q++;
		char *addr = (size_t)(p + n - q) > 5 && from_key(q)
				 ? mailaddr_first(p, (size_t)(q - p), n)
				 : NULL;
		if (addr)
			return addr;
		p += n + 1;
	}
	return NULL;
}

bool reporter_forward_marker(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && (p[i] == '>' || p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i >= n || (p[i] != '-' && p[i] != 'b' && p[i] != 'B' &&
		       p[i] != 'f' && p[i] != 'F'))
		return false;
	for (const char *const *m = forward_markers; *m; m++)
		if (n - i >= strlen(*m) &&
		    strncasecmp(p + i, *m, strlen(*m)) == 0)
			return true;
	return false;
}

static const char *find_marker(const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (reporter_forward_marker(p, n))
			return p;
		p += n + 1;
	}
	return NULL;
}

/* The words of a ticket system's separator above the complaint it
 * passes on, which names its sender ("--- Original complaint received
 * ... from abuse@example.org ---"), compared in any case. */
static const char *const relayed_words[] = {"origin", "forward",
					    "weitergeleitet", NULL};

/* The address a separator line p[0..n) names after "from": a line
 * framed by dashes that says it introduces the original or a forward;
 * NULL otherwise. */
static char *separator_sender(const char *p, size_t n)
{
	size_t a = 0, b = n;
	char *line, *from, *addr = NULL;
	bool relayed = false;

	while (a < n && (p[a] == ' ' || p[a] == '\t'))
		a++;
	while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\r'))
		b--;
	if (b - a < 8 || strncmp(p + a, "--", 2) != 0 ||
	    strncmp(p + b - 2, "--", 2) != 0)
		return NULL;
	line = xstrndup(p + a, b - a);
	for (const char *const *w = relayed_words; *w && !relayed; w++)
		relayed = strcasestr(line, *w) != NULL;
	from = relayed ? strcasestr(line, " from ") : NULL;
	if (from)
		addr = mailaddr_first(line, (size_t)(from - line), b - a);
	free(line);
	return addr;
}

static char *sender_of_separator(const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *addr = n < 200 ? separator_sender(p, n) : NULL;
		if (addr)
			return addr;
		p += n + 1;
	}
	return NULL;
}

char *reporter_forwarded_from(const struct mime_doc *d, const char *subject)
{
	bool fwd_subject = subject_forwarded(subject);

	for (size_t i = 0; i < d->n; i++) {
		const struct mime_part *p = &d->parts[i];
		if (!p->text || p->embedded || p->alternative)
			continue;
		char *named = sender_of_separator(p->text, p->len);
		if (named)
			return named;
		const char *hit = find_marker(p->text, p->len);
		if (hit)
			return from_line_after(hit, p->text + p->len, 8);
		if (fwd_subject)
			return from_line_after(p->text, p->text + p->len, 40);
	}
	return NULL;
}

char *reporter_relayed_complaint(const struct mime_doc *d, const char *subject,
				 size_t *at)
{
	if (!subject_forwarded(subject))
		return NULL;
	for (size_t i = 0; i < d->n; i++) {
		const struct mime_part *p = &d->parts[i];
		if (!p->embedded || !p->text || p->pasted_header ||
		    strcmp(p->type, "message/rfc822-headers") != 0)
			continue;
		char *to = headers_get(p->text, p->len, "To");
		bool abuse = to && strcasestr(to, "abuse@");
		free(to);
		char *from =
		    abuse ? headers_get(p->text, p->len, "From") : NULL;
		char *addr =
		    from ? mailaddr_first(from, 0, strlen(from)) : NULL;
		free(from);
		if (addr) {
			*at = i;
			return addr;
		}
	}
	return NULL;
}

/* ---- Relays and web forms: the submitter ---- */

/* The keys under which a relay or a web form names who sent the report
 * to it ("Reporter: Jane <jane@example.org>", "Submitted by: ..."),
 * compared in any case. */
static const char *const submitter_keys[] = {
    "reporter",	     "reporter e-mail", "reporter email",   "reported by",
    "submitted by",  "submitter",	"submitter e-mail", "complainant",
    "gemeldet von",  "melder",		"signalé par",	    "déclarant",
    "reportado por", "denunciante",	"segnalato da",	    "segnalante",
    "zgłaszający",   "gemeld door",	"enviado por",	    NULL};

/* Submitters are named among the first lines. */
#define SUBMITTER_LINES 40

/* The mail address on the line p[0..n) when it is "KEY: ... address"
 * with one of submitter_keys; NULL otherwise. */
static char *submitter_on_line(const char *p, size_t n)
{
	const char *colon = memchr(p, ':', n);
	size_t k = 0;

	while (k < n && (p[k] == ' ' || p[k] == '\t'))
		k++;
	if (!colon)
		return NULL;
	size_t key = (size_t)(colon - p) - k;
	while (key && p[k + key - 1] == ' ')
		key--;
	bool known = false;
	for (const char *const *w = submitter_keys; *w && !known; w++)
		known = strlen(*w) == key && strncasecmp(p + k, *w, key) == 0;
	return known ? mailaddr_first(p, (size_t)(colon + 1 - p), n) : NULL;
}

/* A relay's own words over the report it passes on: "This report was
 * submitted by abuse@example.org", "... submitted through X on behalf
 * of:\n  Jane <jane@example.org>". The sentence holds "submitted" and
 * "report" or "complaint"; the submitter's address follows within this
 * many bytes. */
#define SUBMITTED_SPAN 400

/* Whether w (lowercase) stands in s[0..n), in any ASCII case. */
static bool memcasemem(const char *s, size_t n, const char *w)
{
	size_t wn = strlen(w);

	for (size_t i = 0; i + wn <= n; i++)
		if ((s[i] | 0x20) == w[0] && strncasecmp(s + i, w, wn) == 0)
			return true;
	return false;
}

static char *submitted_in_sentence(const char *text, size_t head)
{
	static const char *const kinds[] = {"report", "complaint", NULL};

	if (head < 9)
		return NULL;
	/* memmem() is quick; "Submitted" and "submitted" share the rest. */
	for (const char *at = text + 1;
	     (at = memmem(at, head - (size_t)(at - text), "ubmitted", 8));
	     at += 8) {
		size_t a = (size_t)(at - text) - 1;
		if ((text[a] | 0x20) != 's')
			continue;
		size_t s = a, lim = a + 64 < head ? a + 64 : head;
		while (s > 0 && !strchr(".!?\n", text[s - 1]))
			s--;
		bool named = false;
		for (const char *const *k = kinds; *k && !named; k++)
			named = memcasemem(text + s, lim - s, *k);
		if (!named)
			continue;
		size_t end = strnlen(text + a, SUBMITTED_SPAN) + a;
		char *addr = mailaddr_first(text, a, end);
		if (addr)
			return addr;
	}
	return NULL;
}

/* Where the submitter lines end: the first lines of a part. */
static size_t submitter_head(const char *text, size_t len)
{
	const char *q = text, *end = text + len;

	for (int l = 0; q < end && l < SUBMITTER_LINES; l++) {
		const char *nl = memchr(q, '\n', (size_t)(end - q));
		if (!nl)
			return len;
		q = nl + 1;
	}
	return (size_t)(q - text);
}

char *reporter_submitted_by(const struct mime_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct mime_part *p = &d->parts[i];
		if (!p->text || p->embedded || p->alternative || p->attachment)
			continue;
		const char *q = p->text, *end = p->text + p->len;
		for (int l = 0; q < end && l < SUBMITTER_LINES; l++) {
			const char *nl = memchr(q, '\n', (size_t)(end - q));
			size_t n = nl ? (size_t)(nl - q) : (size_t)(end - q);
			char *addr = submitter_on_line(q, n);
			if (addr)
				return addr;
			q += n + 1;
		}
		char *addr = submitted_in_sentence(
		    p->text, submitter_head(p->text, p->len));
		if (addr)
			return addr;
	}
	return NULL;
}

/* ---- ARF (RFC 5965): the feedback provider ---- */

static const struct mime_part *part_of(const struct mime_doc *d,
				       const char *type, bool embedded)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->parts[i].text && d->parts[i].embedded == embedded &&
		    strcmp(d->parts[i].type, type) == 0)
			return &d->parts[i];
	return NULL;
}

/* The host after "by" in a Received: field's value. */
static char *received_by(const char *v)
{
	for (const char *p = v; (p = strcasestr(p, "by")); p += 2) {
		if (p > v && !isspace((unsigned char)p[-1]))
			continue;
		if (!isspace((unsigned char)p[2]))
			continue;
		p += 2;
		while (isspace((unsigned char)*p))
			p++;
		return xstrndup(p, strspn(p, "abcdefghijklmnopqrstuvwxyz"
					     "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
					     "0123456789.-"));
	}
	return NULL;
}

/* The registrable domain of a header field of the block, read by fn. */
static char *field_domain(const struct mime_part *p, const char *name,
			  char *(*fn)(const char *))
{
	char *v = p ? headers_get(p->text, p->len, name) : NULL;
	char *host = v && fn ? fn(v) : NULL;
	char *dom = reporter_domain(fn ? host : v);

	free(v);
	free(host);
	return dom;
}

char *reporter_arf_provider(const struct mime_doc *d)
{
	const struct mime_part *fb =
	    part_of(d, "message/feedback-report", false);
	const struct mime_part *orig =
	    part_of(d, "message/rfc822-headers", true);
	char *rcpt = field_domain(fb, "Original-Rcpt-To", NULL);
	char *by = field_domain(orig, "Received", received_by);

	if (!rcpt)
		rcpt = field_domain(orig, "To", NULL);
	if (rcpt && by && strcmp(rcpt, by) == 0) {
		free(by);
		return rcpt;
	}
	free(rcpt);
	free(by);
	return NULL;
}
