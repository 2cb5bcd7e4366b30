/* classify.c: what kind of abuse a report is about, as XARF v4 category
 * and type. Two tables: names used by report formats, and weighted keyword
 * rules for prose (data/category/LANG.txt). The best-scoring type wins; ties go
 * to the earlier rule. */
#include "analysis/classify.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* Prose beyond this is log lines and boilerplate: reading it only costs. */
#define CLASSIFY_SCAN_MAX ((size_t)256 << 10)

struct name_rule {
	const char *name; /* normalised: lowercase, '-' and ' ' as '_' */
	struct category cat;
};

static const struct name_rule names[] = {
    {"spam", {"messaging", "spam"}},
    {"regbot", {"messaging", "spam"}},
    {"harvesting", {"messaging", "spam"}},
    {"bulk_messaging", {"messaging", "bulk_messaging"}},
    {"phishing", {"content", "phishing"}},
    {"malware", {"content", "malware"}},
    {"malware_attack", {"content", "malware"}},
    {"virus", {"content", "malware"}},
    {"fraud", {"content", "fraud"}},
    {"scam", {"content", "fraud"}},
    {"cryptocurrency_scam", {"content", "fraud"}},
    {"login_attack", {"connection", "login_attack"}},
    {"auth_failure", {"connection", "login_attack"}},
    {"bruteforce", {"connection", "login_attack"}},
    {"brute_force", {"connection", "login_attack"}},
    {"ssh", {"connection", "login_attack"}},
    {"port_scan", {"connection", "port_scan"}},
    {"portscan", {"connection", "port_scan"}},
    {"ddos", {"connection", "ddos"}},
    {"web_attack", {"connection", "vulnerability_scanning"}},
    {"vulnerability_scanning", {"connection", "vulnerability_scanning"}},
    {"sql_injection", {"connection", "sql_injection"}},
    {"infected_host", {"connection", "infected_host"}},
    {"botnet", {"infrastructure", "botnet"}},
    {"bot", {"infrastructure", "botnet"}},
    {"copyright", {"copyright", "copyright"}},
    {"p2p", {"copyright", "p2p"}},
    {"bittorrent", {"copyright", "p2p"}},
    {"open_service", {"vulnerability", "open_service"}},
    {"cve", {"vulnerability", "cve"}},
    {"misconfiguration", {"vulnerability", "misconfiguration"}},
};

struct word_rule {
	const char *word; /* lowercase, matched at a word start */
	struct category cat;
	int weight;
};

/* The words of every language, from data/category/LANG.txt (English
 * first, so that it wins ties); the Makefile turns those files into the
 * rows. */
static const struct word_rule words[] = {
#include "category_words.inc"
};

static void normalise(const char *s, char *out, size_t cap)
{
	size_t n = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	for (; *s && n + 1 < cap; s++) {
		char c = (char)tolower((unsigned char)*s);
		out[n++] = (c == '-' || c == ' ') ? '_' : c;
	}
	while (n && out[n - 1] == '_')
		n--;
	out[n] = '\0';
}

bool classify_name(const char *name, struct category *out)
{
	char key[64];

	if (!name)
		return false;
	normalise(name, key, sizeof key);
	for (size_t i = 0; i < COUNT(names); i++) {
		if (strcmp(key, names[i].name) == 0) {
			*out = names[i].cat;
			return true;
		}
	}
	return false;
}

/* Rules by a hash of the first two bytes of their word, so that the text
 * is read once and a byte costs a table look-up. Built on first use. */
#define WORD_HASH 512
#define WORD_CAP 5 /* matches per rule that count */
static unsigned char word_len[COUNT(words)];
static uint16_t word_start[WORD_HASH + 1];
static uint16_t word_order[COUNT(words)];
/* In the order of word_order: the first four bytes of each rule's word
 * (0 past its end), read from one small array rather than from the words
 * themselves, and which of them it has. */
static uint32_t order_head[COUNT(words)], order_mask[COUNT(words)];
/* The first rule of the same type: the sums per type index by it. */
static uint16_t word_type[COUNT(words)];
/* Which rules are masks (data/category/en.txt), and which buckets hold
 * one. */
static bool word_is_mask[COUNT(words)];
static bool bucket_masks[WORD_HASH];
/* The words that deny the kind a rule after them names. */
static bool word_is_negation[COUNT(words)];
static const char *negations[COUNT(words)];
static size_t negation_len[COUNT(words)];
static size_t n_negations;
static pthread_once_t word_once = PTHREAD_ONCE_INIT;
/* Whether some rule starts with the two bytes a b as they stand in the
 * text (bit a * 256 + b): most places (blanks, digits, the middle of a
 * log line) start none, and are passed over at one look-up. */
static uint8_t head_seen[UTF8_HEADS_BYTES];

/* ASCII letters, which is what the C and UTF-8 locales give anyway, as a
 * table: the text loop does little else. */
static bool alpha[256];

static bool is_alpha(char c)
{
	return alpha[(unsigned char)c];
}

static unsigned word_hash(unsigned char a, unsigned char b)
{
	return (a * 33u ^ b) & (WORD_HASH - 1);
}

static uint32_t head_key(unsigned char a, unsigned char b, unsigned char c,
			 unsigned char d)
{
	return (uint32_t)a | (uint32_t)b << 8 | (uint32_t)c << 16 |
	       (uint32_t)d << 24;
}

/* The bytes of a head key that a word of len bytes has. */
static uint32_t head_mask(size_t len)
{
	return len >= 4 ? 0xffffffffu : len == 3 ? 0xffffffu : 0xffffu;
}

static void build_word_index(void)
{
	uint16_t fill[WORD_HASH];
	static uint8_t folded_heads[UTF8_HEADS_BYTES];

	for (int c = 0; c < 256; c++) {
		alpha[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	for (size_t i = 0; i < COUNT(words); i++) {
		const char *w = words[i].word;
		size_t t = 0;

		while (strcmp(words[t].cat.type, words[i].cat.type) != 0)
			t++;
		word_type[i] = (uint16_t)t;
		word_len[i] = (unsigned char)strlen(w);
		word_is_mask[i] = strcmp(words[i].cat.category, "mask") == 0;
		word_is_negation[i] =
		    strcmp(words[i].cat.category, "negation") == 0;
		/* A negation is looked for before a match, never matched. */
		if (word_is_negation[i]) {
			negation_len[n_negations] = strlen(w);
			negations[n_negations++] = w;
			continue;
		}
		if (word_is_mask[i])
			bucket_masks[word_hash((unsigned char)w[0],
					       (unsigned char)w[1])] = true;
		word_start[word_hash((unsigned char)w[0], (unsigned char)w[1]) +
			   1]++;
	}
	for (size_t h = 0; h < WORD_HASH; h++) {
		word_start[h + 1] += word_start[h];
		fill[h] = word_start[h];
	}
	for (size_t i = 0; i < COUNT(words); i++) {
		const char *w = words[i].word;
		unsigned h =
		    word_hash((unsigned char)w[0], (unsigned char)w[1]);
		if (word_is_negation[i])
			continue;
		order_head[fill[h]] =
		    head_key((unsigned char)w[0], (unsigned char)w[1],
			     word_len[i] > 2 ? (unsigned char)w[2] : 0,
			     word_len[i] > 3 ? (unsigned char)w[3] : 0);
		order_mask[fill[h]] = head_mask(word_len[i]);
		word_order[fill[h]++] = (uint16_t)i;
	}
	for (size_t i = 0; i < COUNT(words); i++)
		if (!word_is_negation[i])
			utf8_heads_mark(folded_heads, words[i].word);
	utf8_heads_unfold(folded_heads, head_seen);
}

/* Whether rule r's word is at s[i..n), in any case. */
static bool word_at(const char *s, size_t i, size_t n, size_t r)
{
	return utf8_starts_folded(s + i, n - i, words[r].word, word_len[r]);
}

/* The rules a text matched, in the order first matched: a short list,
 * so that a table cell costs its own length and not the rule count; and
 * where in it each rule is (-1: not yet). */
#define MATCH_MAX 256
struct matches {
	struct match {
		uint16_t rule;
		uint8_t hits[2]; /* subject, text: at most WORD_CAP count */
		int score;
	} m[MATCH_MAX];
	size_t n;
	int16_t slot[COUNT(words)];
};

_Static_assert(MATCH_MAX <= INT16_MAX, "a slot is 16 bits");

static void matches_init(struct matches *ms)
{
	ms->n = 0;
	memset(ms->slot, 0xff, sizeof ms->slot);
}

static struct match *match_found(struct matches *ms, size_t r)
{
	return ms->slot[r] < 0 ? NULL : &ms->m[ms->slot[r]];
}

static struct match *match_add(struct matches *ms, size_t r)
{
	if (ms->n == MATCH_MAX)
		return NULL;
	ms->slot[r] = (int16_t)ms->n;
	ms->m[ms->n] = (struct match){.rule = (uint16_t)r};
	return &ms->m[ms->n++];
}

/* The byte s[i + k] (k of 2 or 3) as word_at() compares it, when it
 * stands alone (ASCII after ASCII: no two-byte letter folds across it);
 * else -1. */
static int ascii_byte(const char *s, size_t i, size_t n, size_t k)
{
	for (size_t j = 1; j <= k; j++)
		if (i + j >= n || (unsigned char)s[i + j] >= 0x80)
			return -1;

	unsigned char b = (unsigned char)s[i + k];
	return b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b;
}

/* Whether a mask's word ("spamhaus") stands at s[i]: a word that holds
 * a rule's phrase and is none of its kind. */
static bool masked_at(const char *s, size_t i, size_t n, unsigned h,
		      uint32_t key, uint32_t key_mask)
{
	if (!bucket_masks[h])
		return false;
	for (unsigned k = word_start[h]; k < word_start[h + 1]; k++) {
		size_t r = word_order[k];
		uint32_t mask = order_mask[k] & key_mask;
		if (word_is_mask[r] && (order_head[k] & mask) == (key & mask) &&
		    word_at(s, i, n, r))
			return true;
	}
	return false;
}

/* Whether a negation word (data/category/LANG.txt, "negation/word") ends
 * right before s[i], or before one short word ("not a phishing site",
 * "不是釣魚網站"): the kind it names is denied, not reported. */
#define NEGATION_GAP 4

static bool negation_ends_at(const char *s, size_t e)
{
	/* Most words are ASCII ones: the word is taken whole and compared
	 * with the negations of its length, not each negation with the
	 * text ("isn't" holds a quote). */
	if (e > 0 && (unsigned char)s[e - 1] < 0x80) {
		size_t w = e;
		while (w > 0 && (is_alpha(s[w - 1]) || s[w - 1] == '\''))
			w--;
		if (w == e || (w > 0 && (unsigned char)s[w - 1] >= 0x80))
			return false;
		for (size_t k = 0; k < n_negations; k++)
			if (negation_len[k] == e - w &&
			    strncasecmp(s + w, negations[k], e - w) == 0)
				return true;
		return false;
	}
	for (size_t k = 0; k < n_negations; k++) {
		const char *w = negations[k];
		size_t wn = strlen(w);
		if (e < wn || !utf8_starts_folded(s + e - wn, wn, w, wn))
			continue;
		bool cjk =
		    (unsigned char)w[0] >= 0xE3 && (unsigned char)w[0] <= 0xE9;
		if (cjk || e == wn || !is_alpha(s[e - wn - 1]))
			return true;
	}
	return false;
}

static bool negated_before(const char *s, size_t i)
{
	size_t e = i;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	if (negation_ends_at(s, e))
		return true;
	/* One short word between ("not a", "kein echter"). */
	size_t w = e;
	while (w > 0 && is_alpha(s[w - 1]) && e - w <= NEGATION_GAP)
		w--;
	if (w == e || e - w > NEGATION_GAP || w == 0 || s[w - 1] != ' ')
		return false;
	while (w > 0 && s[w - 1] == ' ')
		w--;
	return negation_ends_at(s, w);
}

/* Adds factor * weight for each match of a rule at s[i]; in the subject
 * (factor 3) and the text, at most WORD_CAP matches of a rule count. */
static void score_at(struct matches *ms, const char *s, size_t i, size_t n,
		     int factor)
{
	unsigned char f[2];
	unsigned h;
	int where = factor > 1 ? 0 : 1;
	int third = ascii_byte(s, i, n, 2), fourth = ascii_byte(s, i, n, 3);

	utf8_fold_head((unsigned char)s[i], (unsigned char)s[i + 1], f);
	h = word_hash(f[0], f[1]);

	uint32_t key =
		     head_key(f[0], f[1], third >= 0 ? (unsigned char)third : 0,
			      fourth >= 0 ? (unsigned char)fourth : 0),
		 key_mask = head_mask(fourth >= 0  ? 4
				      : third >= 0 ? 3
						   : 2);

	if (masked_at(s, i, n, h, key, key_mask))
		return;
	int negated = -1;
	for (unsigned k = word_start[h]; k < word_start[h + 1]; k++) {
		size_t r = word_order[k];
		/* Rules are folded already: their first two bytes tell the
		 * rules of other heads that share the bucket at once, and
		 * the next two most of the rest of the bucket. A rule that
		 * has counted its most is not compared again. */
		uint32_t mask = order_mask[k] & key_mask;
		if ((order_head[k] & mask) != (key & mask))
			continue;
		struct match *m = match_found(ms, r);
		if ((m && m->hits[where] >= WORD_CAP) || !word_at(s, i, n, r))
			continue;
		if (negated < 0)
			negated = negated_before(s, i);
		if (negated || (!m && !(m = match_add(ms, r))))
			continue;
		m->hits[where]++;
		m->score += factor * words[r].weight;
	}
}

/* Rules match at word starts only: the first byte, and each byte after
 * one that is no letter. A run of letters is skipped whole. */
static void add_scores(struct matches *ms, const char *s, size_t n, int factor)
{
	size_t i = 0;

	pthread_once(&word_once, build_word_index);
	while (i + 1 < n) {
		if (utf8_heads_has(head_seen, s + i))
			score_at(ms, s, i, n, factor);
		if (!is_alpha(s[i++]))
			continue;
		while (i < n && is_alpha(s[i]))
			i++;
		/* Chinese and Japanese write words without spaces: their
		 * first character after Latin letters ("SSH暴力破解") starts
		 * a word too (lead bytes of U+3000..U+9FFF). */
		if (i < n && (unsigned char)s[i] >= 0xE3 &&
		    (unsigned char)s[i] <= 0xE9)
			continue;
		i++;
	}
}

bool classify_text(const char *subject, const char *text, size_t len,
		   struct category *out)
{
	struct matches ms;
	size_t best = 0;
	int best_total = 0;

	matches_init(&ms);
	/* Text stops at a NUL, as it always did. */
	if (subject)
		add_scores(&ms, subject, strlen(subject), 3);
	add_scores(
	    &ms, text,
	    strnlen(text, len < CLASSIFY_SCAN_MAX ? len : CLASSIFY_SCAN_MAX),
	    1);
	/* Sum per type: several weak words of one kind beat one strong word.
	 * The type is named by its first matched rule; ties go to the
	 * earlier rule. */
	for (size_t i = 0; i < ms.n; i++) {
		int total = 0;
		size_t r = ms.m[i].rule;

		for (size_t j = 0; j < ms.n; j++)
			if (word_type[ms.m[j].rule] == word_type[r])
				total += ms.m[j].score;
		if (ms.m[i].score &&
		    (total > best_total || (total == best_total && r < best))) {
			best_total = total;
			best = r;
		}
	}
	*out =
	    best_total ? words[best].cat : (struct category){"other", "other"};
	return best_total > 0;
}
