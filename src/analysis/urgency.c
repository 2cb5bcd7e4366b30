/* urgency.c: a report's harm rank and whether it sets a deadline. Both
 * tables are data files turned into rows at build time: the ranks from
 * data/urgency/harm.txt, the deadline phrases, number words and month
 * names from data/deadline/LANG.txt. */
#include "analysis/urgency.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* A deadline is stated near the top, in the reporter's own words; the
 * rest is logs and quoted mail. */
#define DEADLINE_SCAN_MAX ((size_t)32 << 10)

struct harm_rank {
	const char *name; /* "category/type" or "category" */
	int rank;
};

static const struct harm_rank ranks[] = {
#include "harm_ranks.inc"
};

enum dl_kind { DL_DEADLINE, DL_NUMBER, DL_MONTH };

struct dl_word {
	const char *lang;
	enum dl_kind kind;
	const char *text; /* lowercase; a deadline phrase may hold "#", "@" */
};

static const struct dl_word words[] = {
#include "deadline_words.inc"
};

static int rank_of(const char *name)
{
	for (size_t i = 0; i < COUNT(ranks); i++)
		if (strcmp(ranks[i].name, name) == 0)
			return ranks[i].rank;
	return 0;
}

int urgency_harm(const char *category, const char *type)
{
	char key[128];
	int rank = 0;

	if (category && type) {
		snprintf(key, sizeof key, "%s/%s", category, type);
		rank = rank_of(key);
	}
	if (!rank && category)
		rank = rank_of(category);
	if (!rank)
		rank = rank_of("other");
	return rank ? rank : 1;
}

/* ---- deadlines ---- */

static unsigned char low(char c)
{
	return (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
}

/* Letters and digits, and every byte of a UTF-8 sequence (a letter as
 * far as a word's edge goes). */
static bool is_word(char c)
{
	unsigned char u = (unsigned char)c;

	/* u | 0x20 folds A-Z onto a-z and takes no other byte there. */
	return (unsigned char)((u | 0x20) - 'a') < 26u ||
	       (unsigned char)(u - '0') < 10u || u >= 0x80;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The white space at s[i] (a no-break space too), in bytes. */
static size_t spaces(const char *s, size_t n, size_t i)
{
	size_t j = i;

	for (;;) {
		if (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' ||
			      s[j] == '\r'))
			j++;
		else if (j + 1 < n && s[j] == '\xc2' && s[j + 1] == '\xa0')
			j += 2;
		else
			return j - i;
	}
}

/* The bytes of lowercase w at s[i], or 0; w must end at a word's end. */
static size_t literal_at(const char *s, size_t n, size_t i, const char *w)
{
	size_t k = 0;

	for (; w[k]; k++)
		if (i + k >= n || low(s[i + k]) != (unsigned char)w[k])
			return 0;
	if (i + k < n && is_word(s[i + k]))
		return 0;
	return k;
}

/* The words of each kind by their first byte, in the order of words[]:
 * by_first[first[kind][b] .. first[kind][b + 1]) (build_index() makes
 * them, before the first phrase is tried). */
static uint16_t by_first[COUNT(words)];
static uint16_t first[DL_MONTH + 1][257];

/* A number word or a month name of lang at s[i]: its bytes, or 0. A
 * month may be abbreviated with a full stop ("Dec."). */
static size_t word_at(const char *s, size_t n, size_t i, const char *lang,
		      enum dl_kind kind)
{
	if (i >= n || !is_word(s[i]) || is_digit(s[i]))
		return 0; /* the common case: no word starts here */
	unsigned char b = low(s[i]);
	for (unsigned f = first[kind][b]; f < first[kind][b + 1]; f++) {
		const struct dl_word *w = &words[by_first[f]];
		size_t k;
		if (strcmp(w->lang, lang) != 0 ||
		    !(k = literal_at(s, n, i, w->text)))
			continue;
		if (kind == DL_MONTH && i + k < n && s[i + k] == '.')
			k++;
		return k;
	}
	return 0;
}

/* by_first and first: a counting sort of words[] by kind and first
 * byte, which keeps their order within each. */
static void index_first_bytes(void)
{
	size_t k = 0;

	for (int kind = 0; kind <= DL_MONTH; kind++)
		for (unsigned b = 0; b < 256; b++) {
			first[kind][b] = (uint16_t)k;
			for (size_t w = 0; w < COUNT(words); w++)
				if ((int)words[w].kind == kind &&
				    (unsigned char)words[w].text[0] == b)
					by_first[k++] = (uint16_t)w;
			first[kind][b + 1] = (uint16_t)k;
		}
}

/* An English ordinal ending ("5th") or a German one ("5."), after the
 * digits at s[j]. */
static size_t ordinal(const char *s, size_t n, size_t j)
{
	static const char *const endings[] = {"st", "nd", "rd", "th"};

	if (j < n && s[j] == '.')
		return 1;
	for (size_t e = 0; e < COUNT(endings); e++)
		if (literal_at(s, n, j, endings[e]))
			return 2;
	return 0;
}

/* A number at s[i]: one to four digits, or a number word of lang. */
static size_t number_at(const char *s, size_t n, size_t i, const char *lang)
{
	size_t j = i;

	while (j < n && j - i < 5 && is_digit(s[j]))
		j++;
	if (j == i)
		return word_at(s, n, i, lang, DL_NUMBER);
	if (j - i > 4)
		return 0;
	return j - i + ordinal(s, n, j);
}

/* Whether deadline phrase p of lang is at s[i]. A space in p is white
 * space in s, which may be missing after a number ("24h"). */
static bool phrase_at(const char *s, size_t n, size_t i, const char *p,
		      const char *lang)
{
	bool after_number = false;
	size_t k;

	for (; *p; p++) {
		if (*p == ' ') {
			k = spaces(s, n, i);
			if (!k && !after_number)
				return false;
			i += k;
		} else if (*p == '#' || *p == '@') {
			k = *p == '#' ? number_at(s, n, i, lang)
				      : word_at(s, n, i, lang, DL_MONTH);
			if (!k)
				return false;
			i += k;
		} else if (i >= n || low(s[i]) != (unsigned char)*p) {
			return false;
		} else {
			i++;
		}
		after_number = *p == '#';
	}
	return !(is_word(p[-1]) && i < n && is_word(s[i]));
}

/* The deadline phrases by their first word (its bytes up to the first
 * that is no word byte), in a small open hash: a word of the text costs
 * one look-up, and only a phrase's own first word leads to reading the
 * rest of it. Built on first use. */
#define HEAD_SLOTS 512 /* a power of two, twice the phrases at least */
#define HEAD_MAX 64    /* the longest phrase data/request/gen.awk allows */

struct head {
	const char *w; /* into a phrase; not NUL-terminated at len */
	size_t len;
	uint16_t lo, hi; /* its phrases: by_head[lo..hi) */
};

static uint16_t by_head[COUNT(words)];
static struct head heads[COUNT(words)];
static uint16_t slots[HEAD_SLOTS]; /* 1 + index into heads; 0: empty */
/* The first bytes and the lengths the heads have: most words of a text
 * have neither, and need no hashing. */
static bool head_first[256];
static uint64_t head_lens; /* bit len - 1 for each head's length */
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static unsigned head_hash(const char *w, size_t len)
{
	unsigned h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ low(w[i])) * 16777619u;
	return h & (HEAD_SLOTS - 1);
}

static size_t word_len(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && is_word(s[k]))
		k++;
	return k;
}

/* The head of the first word w[0..len) (lowercase), or NULL. */
static const struct head *head_find(const char *w, size_t len)
{
	unsigned k = head_hash(w, len);

	for (; slots[k]; k = (k + 1) & (HEAD_SLOTS - 1)) {
		const struct head *h = &heads[slots[k] - 1];
		size_t i = 0;
		if (h->len != len)
			continue;
		while (i < len && low(w[i]) == (unsigned char)h->w[i])
			i++;
		if (i == len)
			return h;
	}
	return NULL;
}

static void build_index(void)
{
	size_t n_heads = 0, k = 0;

	index_first_bytes();
	for (size_t w = 0; w < COUNT(words); w++) {
		const char *t = words[w].text;
		size_t len = word_len(t, strlen(t));
		if (words[w].kind != DL_DEADLINE || head_find(t, len))
			continue;
		heads[n_heads] = (struct head){t, len, 0, 0};
		if (len) { /* a head of no word is never looked up */
			head_first[(unsigned char)t[0]] = true;
			head_lens |= (uint64_t)1 << (len - 1);
		}
		unsigned slot = head_hash(t, len);
		while (slots[slot])
			slot = (slot + 1) & (HEAD_SLOTS - 1);
		slots[slot] = (uint16_t)++n_heads;
	}
	for (size_t h = 0; h < n_heads; h++) {
		heads[h].lo = (uint16_t)k;
		for (size_t w = 0; w < COUNT(words); w++) {
			const char *t = words[w].text;
			if (words[w].kind == DL_DEADLINE &&
			    word_len(t, strlen(t)) == heads[h].len &&
			    strncmp(t, heads[h].w, heads[h].len) == 0)
				by_head[k++] = (uint16_t)w;
		}
		heads[h].hi = (uint16_t)k;
	}
}

_Static_assert(COUNT(words) < HEAD_SLOTS / 2, "the hash stays sparse");
_Static_assert(HEAD_MAX <= 64, "a head's length is a bit of head_lens");

/* head_find() for a word of the text, after the cheap tests. */
static const struct head *head_of(const char *w, size_t len)
{
	if (!len || len > HEAD_MAX || !head_first[low(w[0])] ||
	    !(head_lens >> (len - 1) & 1))
		return NULL;
	return head_find(w, len);
}

bool urgency_deadline(const char *text, size_t len)
{
	size_t n = len < DEADLINE_SCAN_MAX ? len : DEADLINE_SCAN_MAX;
	size_t i = 0;

	if (!text)
		return false;
	pthread_once(&index_once, build_index);
	while (i < n) {
		size_t wl = word_len(text + i, n - i);
		const struct head *h = head_of(text + i, wl);
		for (unsigned k = h ? h->lo : 0; h && k < h->hi; k++) {
			const struct dl_word *w = &words[by_head[k]];
			if (phrase_at(text, n, i, w->text, w->lang))
				return true;
		}
		/* The bytes between words start no phrase's first word. */
		for (i += wl ? wl : 1; i < n && !is_word(text[i]); i++)
			;
	}
	return false;
}

void urgency_fill(struct report *r, const char *text, size_t len)
{
	r->harm = 0;
	r->deadline = false;
	if (r->format == REPORT_FORMAT_UNKNOWN)
		return;
	r->harm = urgency_harm(r->category, r->type);
	r->deadline =
	    (r->subject && urgency_deadline(r->subject, strlen(r->subject))) ||
	    urgency_deadline(text, len);
}
