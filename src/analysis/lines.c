/* lines.c: picking the problem and action sentences and the evidence
 * lines. Text is cut into sentences paragraph by paragraph (wrapped lines
 * joined), and each sentence is scored against word tables. */
#include "analysis/lines.h"
#include "analysis/ipscan.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define LINES_SCAN_MAX ((size_t)128 << 10)
#define MAX_SENTENCES 2000

struct weighted {
	const char *word; /* lowercase */
	int weight;
};

static const struct weighted problem_words[] = {
    {"detected", 3},	{"observed", 3},       {"received", 1},
    {"reported", 2},	{"attack", 3},	       {"spam", 2},
    {"phishing", 3},	{"malware", 3},	       {"infring", 3},
    {"scan", 2},	{"abuse", 1},	       {"hosting", 2},
    {"hosted", 2},	{"brute", 3},	       {"compromised", 3},
    {"infected", 3},	{"vulnerable", 3},     {"botnet", 3},
    {"banned", 3},	{"login", 2},	       {"ddos", 3},
    {"copyrighted", 3}, {"unauthorized", 2},   {"sent", 1},
    {"from ip", 2},	{"originat", 2},       {"involved", 2},
    {"participat", 2},	{"malicious", 3},      {"served from", 2},
    {"is listed", 2},	{"activity", 1},       {"dear", -6},
    {"hello", -6},	{"regards", -6},       {"unsubscribe", -6},
    {"thank", -3},	{"please", -2},	       {"this message", -2},
    {"this email", -2}, {"automatically", -3}, {"for more information", -5},
    {"http://", -1},	{"https://", -1},
};

/* A concrete request: one of these verbs ... */
static const char *const action_verbs[] = {"stop",
					   "remove",
					   "investigate",
					   "secure",
					   "disconnect",
					   "terminate",
					   "take down",
					   "takedown",
					   "suspend",
					   "shut down",
					   "disable",
					   "block",
					   "clean",
					   "fix",
					   "patch",
					   "update",
					   "resolve",
					   "take action",
					   "take appropriate",
					   "take the necessary",
					   "take necessary",
					   "look into",
					   "check",
					   "cease",
					   "prevent",
					   "mitigate",
					   "delete",
					   "restrict",
					   "close",
					   "upgrade",
					   "filter",
					   "deal with",
					   "put an end",
					   "halt",
					   "ensure",
					   "verify",
					   "review",
					   "examine",
					   "analyse",
					   "analyze",
					   "correct",
					   "notify your customer",
					   "inform your customer",
					   "contact your customer",
					   "forward this",
					   NULL};

/* ... asked for with one of these ... */
static const char *const request_words[] = {"please",
					    "kindly",
					    "we ask",
					    "we request",
					    "we kindly",
					    "request that",
					    "you should",
					    "you must",
					    "must be",
					    "should be",
					    "needs to",
					    "need to",
					    "we urge",
					    "we would appreciate",
					    "would be grateful",
					    "are asked",
					    "is requested",
					    "are requested",
					    "we recommend",
					    "bitte",
					    NULL};

/* ... and none of these, which mark boilerplate. */
static const char *const not_actions[] = {
    "unsubscribe",   "opt out",	       "opt-out",	  "value your time",
    "blacklist",     "blocklist",      "do not reply",	  "don't reply",
    "questions",     "feedback",       "privacy",	  "contact us",
    "reply to this", "if you believe", "if you feel",	  "if you think",
    "in error",	     "false positive", "visit",		  "click",
    "whitelist",     "delist",	       "removal request", NULL};

static bool has_word(const char *s, const char *w)
{
	size_t wl = strlen(w);

	for (const char *p = s; (p = strstr(p, w)); p++)
		if (p == s || !isalpha((unsigned char)p[-1]))
			return true;
	(void)wl;
	return false;
}

static bool has_any(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (has_word(s, *set))
			return true;
	return false;
}

/* Calls fn on each sentence (NUL-terminated, lowercase copy in low, the
 * original in orig); stops when fn returns true. */
typedef bool (*sentence_fn)(const char *orig, const char *low, void *arg);

static bool end_of_sentence(const char *s, size_t i, size_t n)
{
	char c = s[i];

	if (c != '.' && c != '!' && c != '?')
		return false;
	if (i + 1 < n && s[i + 1] != ' ')
		return false;
	/* "e.g. " is no sentence end; "192.0.2.1. " is. */
	return i < 2 || s[i - 2] != '.' || !isalpha((unsigned char)s[i - 1]);
}

static bool emit(struct buf *b, sentence_fn fn, void *arg, int *count)
{
	char *low;
	bool stop;
	size_t lead = 0;

	while (lead < b->len && b->data[lead] == ' ')
		lead++;
	if (lead) {
		memmove(b->data, b->data + lead, b->len - lead + 1);
		b->len -= lead;
	}
	while (b->len && b->data[b->len - 1] == ' ')
		b->data[--b->len] = '\0';
	if (b->len < 12) {
		buf_reset(b);
		return false;
	}
	if (b->len > LINES_MAX_SENTENCE) {
		b->len = LINES_MAX_SENTENCE;
		while (b->len &&
		       ((unsigned char)b->data[b->len] & 0xC0) == 0x80)
			b->len--;
		b->data[b->len] = '\0';
	}
	low = xstrdup(b->data);
	for (char *p = low; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	stop = fn(b->data, low, arg);
	free(low);
	buf_reset(b);
	return stop || ++*count >= MAX_SENTENCES;
}

/* A line that is blank, quoted-header-like or a list bullet ends the
 * paragraph: sentences never run across it. */
static bool paragraph_break(const char *line, size_t n)
{
	size_t i = 0;

	while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '>'))
		i++;
	return i == n || line[i] == '-' || line[i] == '*' || line[i] == '#' ||
	       line[i] == '=' || line[i] == '|';
}

/* "Source IP: 192.0.2.1" is a line of its own, never part of a sentence. */
static bool field_line(const char *line, size_t n)
{
	size_t i = 0;

	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	size_t start = i;
	while (i < n && i - start < 32 &&
	       (isalnum((unsigned char)line[i]) || line[i] == ' ' ||
		line[i] == '-' || line[i] == '_'))
		i++;
	return i > start && i < n && line[i] == ':' &&
	       (i + 1 == n || line[i + 1] == ' ');
}

static void each_sentence(const char *text, size_t len, sentence_fn fn,
			  void *arg)
{
	struct buf b = BUF_INIT;
	const char *p = text,
		   *end = text + (len < LINES_SCAN_MAX ? len : LINES_SCAN_MAX);
	int count = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		bool field = field_line(p, n);
		if ((paragraph_break(p, n) || field) &&
		    emit(&b, fn, arg, &count))
			goto out;
		size_t i = 0;
		while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '>'))
			i++;
		for (; i < n; i++) {
			char c = p[i] == '\t' ? ' ' : p[i];
			if (c == ' ' && b.len && b.data[b.len - 1] == ' ')
				continue;
			buf_putc(&b, c);
			if (end_of_sentence(p, i, n) &&
			    emit(&b, fn, arg, &count))
				goto out;
		}
		if (b.len && b.data[b.len - 1] != ' ')
			buf_putc(&b, ' ');
		if ((field || b.len > LINES_MAX_SENTENCE * 2) &&
		    emit(&b, fn, arg, &count))
			goto out;
		p += n + 1;
	}
	emit(&b, fn, arg, &count);
out:
	buf_free(&b);
}

struct problem_state {
	const struct report_ip *ips;
	size_t n_ips;
	int best;
	char *pick;
};

static bool names_ip(const char *s, const struct report_ip *ips, size_t n)
{
	for (size_t i = 0; i < n && i < 16; i++)
		if (strstr(s, ips[i].text))
			return true;
	return false;
}

static bool problem_fn(const char *orig, const char *low, void *arg)
{
	struct problem_state *s = arg;
	int score = names_ip(low, s->ips, s->n_ips) ? 4 : 0;

	for (size_t i = 0; i < COUNT(problem_words); i++)
		if (strstr(low, problem_words[i].word))
			score += problem_words[i].weight;
	if (score > s->best) {
		s->best = score;
		free(s->pick);
		s->pick = xstrdup(orig);
	}
	return false;
}

char *lines_problem(const char *text, size_t len, const struct report_ip *ips,
		    size_t n_ips)
{
	struct problem_state s = {ips, n_ips, 2, NULL};

	each_sentence(text, len, problem_fn, &s);
	return s.pick;
}

static bool action_fn(const char *orig, const char *low, void *arg)
{
	char **pick = arg;

	if (!has_any(low, request_words) || !has_any(low, action_verbs) ||
	    has_any(low, not_actions))
		return false;
	*pick = xstrdup(orig);
	return true;
}

char *lines_action(const char *text, size_t len)
{
	char *pick = NULL;

	each_sentence(text, len, action_fn, &pick);
	return pick;
}

/* "12:34" or "2024-01-15" somewhere in the line, not inside a longer run
 * of digits and colons (an IPv6 address is no time). */
static bool has_time(const char *s, size_t n)
{
	for (size_t i = 0; i + 4 < n; i++) {
		const unsigned char *u = (const unsigned char *)s + i;
		if (i > 0 && (isalnum(u[-1]) || u[-1] == ':'))
			continue;
		if (isdigit(u[0]) && isdigit(u[1]) && u[2] == ':' &&
		    isdigit(u[3]) && isdigit(u[4]) &&
		    (i + 5 >= n || !isxdigit(u[5])))
			return true;
		if (i + 9 < n && isdigit(u[0]) && isdigit(u[3]) &&
		    u[4] == '-' && isdigit(u[5]) && isdigit(u[6]) &&
		    u[7] == '-' && isdigit(u[8]))
			return true;
	}
	return false;
}

static bool line_has_report_ip(const struct report *r, const char *s, size_t n)
{
	struct ip_cands c;
	bool hit = false;
	char text[IP_TEXT_MAX];

	ipscan_init(&c);
	ipscan_addresses(&c, s, n);
	for (size_t i = 0; i < c.n && !hit; i++) {
		ip_format(&c.v[i].addr, text);
		for (size_t k = 0; k < r->n_ips && !hit; k++)
			hit = strcmp(text, r->ips[k].text) == 0;
	}
	ipscan_free(&c);
	return hit;
}

void lines_evidence(struct report *r, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end && r->n_evidence < LINES_MAX_EVIDENCE && r->n_ips) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n >= 10 && n <= LINES_MAX_SENTENCE && has_time(p, n) &&
		    line_has_report_ip(r, p, n)) {
			char *line = xstrndup(p, n);
			report_add_evidence(r, line);
			free(line);
		}
		p += n + 1;
	}
}
