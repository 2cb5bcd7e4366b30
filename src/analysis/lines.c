/* lines.c: picking the problem and action sentences and the evidence
 * lines. Text is cut into sentences paragraph by paragraph (wrapped lines
 * joined), and each sentence is scored against word tables. */
#include "analysis/lines.h"
#include "analysis/ipscan.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <assert.h>
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
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

/* Every word of the four tables in one index, by a hash of its first
 * three bytes, so that a sentence is read once for all of them. Problem
 * words count anywhere; the others only at a word start. Built on first
 * use. */
enum word_set { SET_PROBLEM, SET_REQUEST, SET_VERB, SET_NOT, N_SETS };

#define WORD_HASH 4096
#define MAX_WORDS 256

struct word_entry {
	const char *word;
	unsigned char len;
	unsigned char set;
	unsigned char index; /* in problem_words, for SET_PROBLEM */
};

static struct word_entry word_entries[MAX_WORDS];
static uint16_t word_start[WORD_HASH + 1];
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

/* Every table word has three bytes or more. */
static unsigned word_hash(const char *w)
{
	unsigned a = (unsigned char)w[0], b = (unsigned char)w[1],
		 c = (unsigned char)w[2];

	return (a << 7 ^ b << 4 ^ c) & (WORD_HASH - 1);
}

static size_t collect_words(struct word_entry *v)
{
	static const char *const *const sets[] = {
	    [SET_REQUEST] = request_words,
	    [SET_VERB] = action_verbs,
	    [SET_NOT] = not_actions,
	};
	size_t n = 0;

	for (size_t i = 0; i < COUNT(problem_words); i++)
		v[n++] = (struct word_entry){problem_words[i].word, 0,
					     SET_PROBLEM, (unsigned char)i};
	for (int set = SET_REQUEST; set < N_SETS; set++)
		for (const char *const *w = sets[set]; *w; w++)
			v[n++] =
			    (struct word_entry){*w, 0, (unsigned char)set, 0};
	return n;
}

static void build_word_index(void)
{
	struct word_entry all[MAX_WORDS];
	size_t n = collect_words(all);
	uint16_t fill[WORD_HASH];

	for (size_t i = 0; i < n; i++) {
		all[i].len = (unsigned char)strlen(all[i].word);
		assert(all[i].len >= 3);
		word_start[word_hash(all[i].word) + 1]++;
	}
	for (size_t h = 0; h < WORD_HASH; h++) {
		word_start[h + 1] += word_start[h];
		fill[h] = word_start[h];
	}
	for (size_t i = 0; i < n; i++)
		word_entries[fill[word_hash(all[i].word)]++] = all[i];
}

/* What one sentence holds: the problem words found (each counts once,
 * as strstr would find it) and which action sets have a word in it. */
struct sentence_words {
	bool problem[COUNT(problem_words)];
	bool set[N_SETS];
};

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether e's word is at low (whose first three bytes hashed to it). */
static bool word_at(const char *low, const struct word_entry *e)
{
	for (size_t k = 0; k < e->len; k++)
		if (low[k] != e->word[k])
			return false;
	return true;
}

static void find_words(const char *low, struct sentence_words *f)
{
	size_t n = strlen(low);
	bool after_alpha = false;

	memset(f, 0, sizeof *f);
	pthread_once(&words_once, build_word_index);
	for (size_t i = 0; i + 2 < n; i++) {
		unsigned h = word_hash(low + i);
		bool start = !after_alpha;
		after_alpha = is_alpha(low[i]);
		for (unsigned k = word_start[h]; k < word_start[h + 1]; k++) {
			const struct word_entry *e = &word_entries[k];
			if ((e->set != SET_PROBLEM && !start) ||
			    !word_at(low + i, e))
				continue;
			f->set[e->set] = true;
			if (e->set == SET_PROBLEM)
				f->problem[e->index] = true;
		}
	}
}

/* Calls fn on each sentence (NUL-terminated, lowercase copy in low, the
 * original in orig); stops when fn returns true. */
typedef bool (*sentence_fn)(const char *orig, const char *low, void *arg);

struct splitter {
	struct buf b;	/* the sentence being built */
	struct buf low; /* its lowercase copy, reused */
	sentence_fn fn;
	void *arg;
	int count;
};

static bool end_of_sentence(const char *s, size_t i, size_t n)
{
	char c = s[i];

	if (c != '.' && c != '!' && c != '?')
		return false;
	if (i + 1 < n && s[i + 1] != ' ')
		return false;
	/* "e.g. " is no sentence end; "192.0.2.1. " is. */
	return i < 2 || s[i - 2] != '.' || !is_alpha(s[i - 1]);
}

static void lower_into(struct buf *low, const char *s)
{
	size_t n = strlen(s);

	buf_reset(low);
	buf_reserve(low, n);
	for (size_t i = 0; i < n; i++)
		low->data[i] = (char)tolower((unsigned char)s[i]);
	low->data[n] = '\0';
	low->len = n;
}

static bool emit(struct splitter *sp)
{
	char *s = sp->b.data;
	size_t len = sp->b.len;
	bool stop;

	while (len && *s == ' ')
		s++, len--;
	while (len && s[len - 1] == ' ')
		len--;
	if (len < 12) {
		buf_reset(&sp->b);
		return false;
	}
	if (len > LINES_MAX_SENTENCE) {
		len = LINES_MAX_SENTENCE;
		while (len && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
	}
	s[len] = '\0';
	lower_into(&sp->low, s);
	stop = sp->fn(s, sp->low.data, sp->arg);
	buf_reset(&sp->b);
	return stop || ++sp->count >= MAX_SENTENCES;
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

/* Appends line p[i..n) to the sentence, tabs as spaces and runs of spaces
 * as one, emitting at each sentence end. Room for the line is made once,
 * so that a byte costs a store. Returns true when fn asked to stop. */
static bool put_line(struct splitter *sp, const char *p, size_t i, size_t n)
{
	struct buf *b = &sp->b;

	buf_reserve(b, n - i + 1);
	for (; i < n; i++) {
		char c = p[i] == '\t' ? ' ' : p[i];
		if (c == ' ' && b->len && b->data[b->len - 1] == ' ')
			continue;
		b->data[b->len++] = c;
		if ((c == '.' || c == '!' || c == '?') &&
		    end_of_sentence(p, i, n)) {
			b->data[b->len] = '\0';
			if (emit(sp))
				return true;
			buf_reserve(b, n - i);
		}
	}
	if (b->len && b->data[b->len - 1] != ' ')
		b->data[b->len++] = ' ';
	b->data[b->len] = '\0';
	return false;
}

static void each_sentence(const char *text, size_t len, sentence_fn fn,
			  void *arg)
{
	struct splitter sp = {BUF_INIT, BUF_INIT, fn, arg, 0};
	const char *p = text,
		   *end = text + (len < LINES_SCAN_MAX ? len : LINES_SCAN_MAX);

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		bool field = field_line(p, n);
		if ((paragraph_break(p, n) || field) && emit(&sp))
			goto out;
		size_t i = 0;
		while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '>'))
			i++;
		if (put_line(&sp, p, i, n))
			goto out;
		if ((field || sp.b.len > LINES_MAX_SENTENCE * 2) && emit(&sp))
			goto out;
		p += n + 1;
	}
	emit(&sp);
out:
	buf_free(&sp.b);
	buf_free(&sp.low);
}

struct pick_state {
	const struct report_ip *ips;
	size_t n_ips;
	bool want_problem, want_action;
	int best;
	char *problem, *action;
};

static bool names_ip(const char *s, const struct report_ip *ips, size_t n)
{
	for (size_t i = 0; i < n && i < 16; i++)
		if (strstr(s, ips[i].text))
			return true;
	return false;
}

static void pick_problem(struct pick_state *st, const char *orig,
			 const char *low, const struct sentence_words *f)
{
	int score = names_ip(low, st->ips, st->n_ips) ? 4 : 0;

	for (size_t i = 0; i < COUNT(problem_words); i++)
		if (f->problem[i])
			score += problem_words[i].weight;
	if (score > st->best) {
		st->best = score;
		free(st->problem);
		st->problem = xstrdup(orig);
	}
}

/* The problem is the best sentence of all; the action the first that asks
 * for something concrete. */
static bool pick_fn(const char *orig, const char *low, void *arg)
{
	struct pick_state *st = arg;
	struct sentence_words f;

	find_words(low, &f);
	if (st->want_problem)
		pick_problem(st, orig, low, &f);
	if (st->want_action && !st->action && f.set[SET_REQUEST] &&
	    f.set[SET_VERB] && !f.set[SET_NOT])
		st->action = xstrdup(orig);
	return !st->want_problem && st->action;
}

void lines_pick(const char *text, size_t len, const struct report_ip *ips,
		size_t n_ips, char **problem, char **action)
{
	struct pick_state st = {ips,  n_ips, problem != NULL, action != NULL, 2,
				NULL, NULL};

	each_sentence(text, len, pick_fn, &st);
	if (problem)
		*problem = st.problem;
	if (action)
		*action = st.action;
}

char *lines_problem(const char *text, size_t len, const struct report_ip *ips,
		    size_t n_ips)
{
	char *problem;

	lines_pick(text, len, ips, n_ips, &problem, NULL);
	return problem;
}

char *lines_action(const char *text, size_t len)
{
	char *action;

	lines_pick(text, len, NULL, 0, NULL, &action);
	return action;
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

/* The report's addresses, parsed once, so that a line's addresses are
 * compared as addresses rather than formatted as text each time. */
struct wanted {
	struct ip_addr *v;
	size_t n;
};

static void wanted_init(struct wanted *w, const struct report *r)
{
	w->v = xcalloc(r->n_ips ? r->n_ips : 1, sizeof *w->v);
	w->n = 0;
	for (size_t i = 0; i < r->n_ips; i++)
		if (ip_parse(r->ips[i].text, strlen(r->ips[i].text),
			     &w->v[w->n]) == 0)
			w->n++;
}

static bool is_wanted(const struct wanted *w, const struct ip_addr *a)
{
	for (size_t k = 0; k < w->n; k++)
		if (w->v[k].family == a->family &&
		    memcmp(w->v[k].b, a->b, sizeof a->b) == 0)
			return true;
	return false;
}

static bool wanted_fn(const struct ip_addr *a, void *arg)
{
	return is_wanted(arg, a);
}

void lines_evidence(struct report *r, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	struct wanted w;

	if (!r->n_ips)
		return;
	wanted_init(&w, r);
	while (p < end && r->n_evidence < LINES_MAX_EVIDENCE) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n >= 10 && n <= LINES_MAX_SENTENCE && has_time(p, n) &&
		    ipscan_find(p, n, wanted_fn, &w)) {
			char *line = xstrndup(p, n);
			report_add_evidence(r, line);
			free(line);
		}
		p += n + 1;
	}
	free(w.v);
}
