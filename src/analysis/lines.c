/* lines.c: picking the problem and action sentences and the evidence
 * lines. Text is cut into sentences paragraph by paragraph (wrapped lines
 * joined), and each sentence is scored against word tables. */
#include "analysis/lines.h"
#include "analysis/ipscan.h"
#include "analysis/reporter.h"
#include "core/buf.h"
#include "core/bytes.h"
#include "core/ip.h"
#include "core/mailaddr.h"
#include "prose.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <assert.h>
#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define LINES_SCAN_MAX ((size_t)128 << 10)
#define MAX_SENTENCES 2000

/* The request words of every language, from data/request/LANG.txt (see
 * en.txt for the kinds), and the problem words, with their weights, from
 * data/problem/LANG.txt; the Makefile turns those files into the rows. */
enum lw_kind {
	LW_ASK,
	LW_SOFT,
	LW_STRONG,
	LW_VERB,
	LW_NOT,
	LW_COND,
	LW_REPLY,
	LW_IMP,
	LW_FRAME,
	LW_CONDOPEN,
	LW_THREAT,
	LW_MASK,
	LW_LEAD,
	LW_ABBR,
	LW_ABBREND,
	LW_ACTKEY,
	LW_ORDINAL,
	LW_PROBLEM,
	LW_WEAK,
	LW_WHERE,
	LW_OWNER,
	LW_RISK
};

struct lang_word {
	const char *lang;
	enum lw_kind kind;
	const char *text; /* lowercase */
};

struct problem_word {
	const char *lang;
	/* LW_PROBLEM, LW_WEAK for deed words too common to say what
	 * happened alone ("received"), LW_WHERE for words of place, LW_OWNER
	 * for words of whose the address is, LW_RISK for words of what may
	 * happen */
	enum lw_kind kind;
	const char *text; /* lowercase */
	int weight;
};

static const struct lang_word lang_words[] = {
#include "request_words.inc"
};

static const struct problem_word problem_words[] = {
#include "problem_words.inc"
};

/* Every word of both tables in one index, by a hash of its first three
 * bytes, so that a sentence is read once for all of them. Problem words
 * count anywhere; the others only at a word start. Abbreviations are kept
 * apart, for the splitter. Built on first use. */
enum word_set {
	SET_PROBLEM,
	SET_ASK,
	SET_SOFT,
	SET_STRONG,
	SET_VERB,
	SET_NOT,
	SET_COND,
	SET_REPLY,
	SET_IMP,
	SET_FRAME,
	SET_CONDOPEN,
	SET_THREAT,
	SET_MASK,
	SET_LEAD,
	N_SETS
};

#define WORD_HASH 4096
#define MAX_WORDS 8192

struct word_entry {
	const char *word;
	unsigned char len;
	unsigned char gap; /* where its " * " starts; len when it has none */
	unsigned char set;
	uint16_t index; /* in problem_words, for SET_PROBLEM */
	/* Its first four bytes (fewer before a gap or in a word of three),
	 * and which of them count: most places that share its bucket are
	 * told apart at one compare. */
	uint32_t head, head_mask;
};

struct abbr_entry {
	const char *word; /* with its final dot */
	unsigned char len;
	bool can_end; /* before a capital letter */
};

_Static_assert(COUNT(problem_words) + COUNT(lang_words) <= MAX_WORDS,
	       "raise MAX_WORDS for the request word files");

static struct word_entry word_entries[MAX_WORDS];
/* Bucket 2h holds the problem words of hash h, 2h + 1 the others, so that
 * a position inside a word looks at problem words only. */
static uint16_t word_start[2 * WORD_HASH + 1];
static struct abbr_entry abbrs[COUNT(lang_words)];
static size_t n_abbrs;
/* The keys whose value is the request ("Requested-Action: ..."). */
static const char *action_keys[COUNT(lang_words)];
static size_t n_action_keys;
/* The words after which a number's dot is an ordinal's ("am 3. März"). */
static const char *ordinal_words[COUNT(lang_words)];
static size_t n_ordinal_words;
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

/* Every table word has three bytes or more. */
static unsigned word_hash(const char *w)
{
	unsigned a = (unsigned char)w[0], b = (unsigned char)w[1],
		 c = (unsigned char)w[2];

	return (a << 7 ^ b << 4 ^ c) & (WORD_HASH - 1);
}

static unsigned word_bucket(const struct word_entry *e)
{
	return 2 * word_hash(e->word) + (e->set != SET_PROBLEM);
}

static size_t collect_words(struct word_entry *v)
{
	size_t n = 0;

	for (size_t i = 0; i < COUNT(problem_words); i++)
		v[n++] = (struct word_entry){.word = problem_words[i].text,
					     .set = SET_PROBLEM,
					     .index = (uint16_t)i};
	for (size_t i = 0; i < COUNT(lang_words); i++) {
		const struct lang_word *w = &lang_words[i];
		if (w->kind == LW_ABBR || w->kind == LW_ABBREND) {
			abbrs[n_abbrs++] = (struct abbr_entry){
			    w->text, (unsigned char)strlen(w->text),
			    w->kind == LW_ABBREND};
			continue;
		}
		if (w->kind == LW_ACTKEY) {
			action_keys[n_action_keys++] = w->text;
			continue;
		}
		if (w->kind == LW_ORDINAL) {
			ordinal_words[n_ordinal_words++] = w->text;
			continue;
		}
		assert(n < MAX_WORDS);
		v[n++] = (struct word_entry){
		    .word = w->text, .set = (unsigned char)(SET_ASK + w->kind)};
	}
	return n;
}

static void set_head(struct word_entry *e)
{
	unsigned char b[4] = {0}, m[4] = {0};
	size_t n = e->gap < 4 ? e->gap : 4;

	for (size_t k = 0; k < n; k++) {
		b[k] = (unsigned char)e->word[k];
		m[k] = 0xff;
	}
	memcpy(&e->head, b, 4);
	memcpy(&e->head_mask, m, 4);
}

static void build_word_index(void)
{
	static struct word_entry all[MAX_WORDS];
	size_t n = collect_words(all);
	uint16_t fill[2 * WORD_HASH];

	for (size_t i = 0; i < n; i++) {
		const char *gap = strstr(all[i].word, " * ");
		all[i].len = (unsigned char)strlen(all[i].word);
		all[i].gap =
		    gap ? (unsigned char)(gap - all[i].word + 1) : all[i].len;
		assert(all[i].len >= 3);
		set_head(&all[i]);
		word_start[word_bucket(&all[i]) + 1]++;
	}
	for (size_t h = 0; h < 2 * WORD_HASH; h++) {
		word_start[h + 1] += word_start[h];
		fill[h] = word_start[h];
	}
	for (size_t i = 0; i < n; i++)
		word_entries[fill[word_bucket(&all[i])]++] = all[i];
}

/* The problem words of one sentence that count: a sentence that holds
 * more is long and scored enough. */
#define MAX_PROBLEM_FOUND 24

/* What one sentence holds: the sum of the weights of its problem words
 * (each counts once, as strstr would find it), apart those that only say
 * where ("your network", "hosted"), which request sets have a
 * word in it, whether a strong verb stands close to a request word (either
 * side: "please remove", "削除をお願いします"), and whether the sentence
 * opens with a condition. */
struct sentence_words {
	int problem_score, where_score, owner_score;
	bool says_what; /* a problem word of positive weight */
	/* It says what may happen ("may be used to send spam"): the harms
	 * it lists are no deed. */
	bool risk;
	uint16_t found[MAX_PROBLEM_FOUND];
	size_t n_found;
	bool set[N_SETS];
	bool near;
	bool cond_first;
	bool imperative;
	/* Soft request words, and those of them that open the sentence as
	 * a condition ("Sollte die Adresse ...": "should it"). */
	unsigned char soft, soft_cond;
};

/* How far apart (bytes) a request word and its verb may be to count as
 * one direct request. */
#define NEAR_BYTES 48
/* A condition this close to the start opens the sentence ("If ...",
 * "1) If ..."). */
#define FIRST_BYTES 4
/* What may stand between an opening adverb and its imperative: a blank,
 * or a comma and a blank. */
#define LEAD_GAP 2
/* What a "*" in a table phrase may stand for: one to GAP_WORDS words
 * ("take this site down", German "stellen Sie diese Scans sofort und
 * dauerhaft ein"), within GAP_BYTES. */
#define GAP_WORDS 6
#define GAP_BYTES 40

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether the character a byte belongs to is a letter, for word starts:
 * ASCII letters and two-byte UTF-8 letters (Latin, Greek, Cyrillic; C2 is
 * punctuation). Continuation bytes keep what their lead byte said; CJK
 * (three bytes and more) has no word breaks, so it counts as none. */
static bool letter_after(unsigned char c, bool before)
{
	if (c < 0x80)
		return is_alpha((char)c);
	if (c < 0xC0)
		return before;
	return c >= 0xC3 && c <= 0xDF;
}

/* The length of the rest of a gap phrase (after "* ") at low, a whole
 * word or words after one to GAP_WORDS words; 0 when it is not there. */
static size_t gap_at(const char *low, const char *rest)
{
	size_t n = strlen(rest), i = 0;

	for (int words = 0; words < GAP_WORDS && i < GAP_BYTES; words++) {
		while (low[i] && low[i] != ' ')
			i++;
		if (low[i] != ' ' || i == 0)
			return 0;
		i++;
		if (strncmp(low + i, rest, n) == 0 &&
		    !letter_after((unsigned char)low[i + n], false))
			return i + n;
	}
	return 0;
}

/* The length of e's word at low (whose first three bytes hashed to it),
 * 0 when it is not there. A " * " in the word stands for a few words. */
static size_t word_at(const char *low, const struct word_entry *e)
{
	size_t rest;

	/* low holds at least three bytes and its NUL here. */
	if ((bytes_load4(low) & e->head_mask) != e->head)
		return 0;
	for (size_t k = 4; k < e->gap; k++)
		if (low[k] != e->word[k])
			return 0;
	if (e->gap == e->len)
		return e->len;
	rest = gap_at(low + e->gap, e->word + e->gap + 2);
	return rest ? e->gap + rest : 0;
}

struct word_pos {
	long ask_end, strong_end;  /* -1: none yet */
	long ask_at, cond_at;	   /* where the last of each starts; -1 */
	long soft_at, condopen_at; /* likewise */
	long threat_at;		   /* where the first "or we will" starts */
	long asked_at;		   /* the first ':' or ';' after a request */
	size_t opening;		   /* where the first word starts */
	long lead_end;		   /* the end of an adverb that opens it */
	bool label;		   /* the sentence opens "Key word: ..." */
};

static void note_problem(struct sentence_words *f, uint16_t index)
{
	for (size_t k = 0; k < f->n_found; k++)
		if (f->found[k] == index)
			return;
	if (f->n_found == MAX_PROBLEM_FOUND)
		return;
	f->found[f->n_found++] = index;
	if (problem_words[index].kind == LW_WHERE) {
		f->where_score += problem_words[index].weight;
		return;
	}
	if (problem_words[index].kind == LW_OWNER) {
		f->owner_score += problem_words[index].weight;
		return;
	}
	f->risk |= problem_words[index].kind == LW_RISK;
	f->problem_score += problem_words[index].weight;
	/* A weak word ("received") says what only beside another. */
	f->says_what |= problem_words[index].weight > 0 &&
			problem_words[index].kind != LW_WEAK;
}

static void note_word(struct sentence_words *f, struct word_pos *p,
		      const struct word_entry *e, size_t i, size_t len)
{
	long at = (long)i, end = (long)(i + len);

	if (e->set != SET_NOT)
		f->set[e->set] = true;
	switch (e->set) {
	case SET_PROBLEM:
		note_problem(f, e->index);
		break;
	case SET_NOT:
		/* "Stop it or I report you to every blacklist": what the
		 * threat names is the threat's, not boilerplate of the
		 * sentence. */
		if ((p->threat_at < 0 || at < p->threat_at) &&
		    (p->asked_at < 0 || at < p->asked_at))
			f->set[SET_NOT] = true;
		break;
	case SET_THREAT:
		/* A threat after "or" makes what comes before it a demand. */
		f->set[SET_ASK] = true;
		if (p->threat_at < 0)
			p->threat_at = at;
		/* fall through */
	case SET_ASK:
		/* "si invita a" asks in Italian; "si" is "if" in Spanish:
		 * where both start at one word, the request is meant. A
		 * threat that is the condition ("If this doesn't stop I'm
		 * going to the police") demands, but less than a request. */
		if (e->set != SET_THREAT) {
			if (at == p->cond_at)
				f->cond_first = false;
			p->ask_at = at;
		}
		/* fall through */
	case SET_SOFT:
		if (e->set == SET_SOFT) {
			f->soft++;
			f->soft_cond += at == p->condopen_at;
			p->soft_at = at;
		}
		if (p->strong_end >= 0 && at - p->strong_end <= NEAR_BYTES)
			f->near = true;
		p->ask_end = end;
		break;
	case SET_STRONG:
		if (p->ask_end >= 0 && at - p->ask_end <= NEAR_BYTES)
			f->near = true;
		p->strong_end = end;
		break;
	case SET_COND:
		p->cond_at = at;
		if (i < FIRST_BYTES && at != p->ask_at)
			f->cond_first = true;
		break;
	case SET_CONDOPEN:
		/* A verb-first condition ("Sollte ...", "Should it ...")
		 * conditions only where it opens the sentence; there the soft
		 * word at the same place asks for nothing. */
		if (i == p->opening && i < FIRST_BYTES) {
			f->cond_first = true;
			p->condopen_at = at;
			f->soft_cond += at == p->soft_at;
		}
		break;
	case SET_LEAD:
		/* "Immediately shut it down": an adverb that opens the
		 * sentence leaves the imperative after it opening it. */
		if (i == p->opening && i < FIRST_BYTES)
			p->lead_end = end;
		break;
	case SET_IMP:
		/* An imperative asks only where it opens the sentence
		 * ("Remove the page.", "1) Block ..."), not in "we will remove"
		 * or "To block ...", nor in a label ("Block Type: ..."). */
		if (((i == p->opening && i < FIRST_BYTES) ||
		     (p->lead_end >= 0 && at > p->lead_end &&
		      at - p->lead_end <= LEAD_GAP)) &&
		    !p->label)
			f->imperative = true;
		break;
	default:
		break;
	}
}

/* An imperative is a whole word ("remova", not "removal"); the others
 * are prefixes. */
static bool whole(const struct word_entry *e, const char *at, size_t len)
{
	return e->set != SET_IMP ||
	       !letter_after((unsigned char)at[len], false);
}

/* Where the value of an action key that opens s starts ("requested
 * action: investigate ..."): there the request opens, as after no
 * label. 0 when s opens with no such key. The key is compared with "-"
 * and "_" as blanks. */
static size_t action_key_value(const char *s)
{
	char key[48];
	size_t i = 0, k = 0;

	while (s[i] == ' ')
		i++;
	for (; s[i] && s[i] != ':' && k + 1 < sizeof key; i++)
		key[k++] = s[i] == '-' || s[i] == '_' ? ' ' : s[i];
	if (s[i] != ':' || !k)
		return 0;
	while (k && key[k - 1] == ' ')
		k--;
	key[k] = '\0';
	for (size_t a = 0; a < n_action_keys; a++)
		if (strcmp(key, action_keys[a]) == 0)
			return i + 1;
	return 0;
}

/* Whether one of the first words of s ends with a colon ("Block Type:
 * New Ban", "Patch Tuesday: ..."): a field, not a sentence. */
static bool opens_with_label(const char *s)
{
	int words = 0;

	for (size_t i = 0; s[i] && words < 3; i++) {
		if (s[i] == ':')
			return true;
		if (s[i] == ' ' && i > 0 && s[i - 1] != ' ')
			words++;
	}
	return false;
}

/* Spans of a sentence whose words ask for nothing: its quotes and its
 * links (find_quotes(), find_links()). */
#define MAX_SPANS 8

struct spans {
	size_t a[MAX_SPANS], b[MAX_SPANS];
	size_t n;
};

static bool curly_quote_at(const char *s, size_t i, size_t n, unsigned char c)
{
	return i + 2 < n && (unsigned char)s[i] == 0xE2 &&
	       (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == c;
}

/* Quoted words are another's: "\"Please stop this traffic\" is fine"
 * asks nothing of the reader. The spans between a pair of straight
 * double quotes, or between a curly opening and closing one. */
static void find_quotes(const char *s, size_t n, struct spans *q)
{
	size_t open = 0;
	bool opened = false, curly = false;

	q->n = 0;
	/* Most sentences quote nothing: two quick looks pass them. */
	if (!memchr(s, '"', n) && !memchr(s, 0xE2, n))
		return;
	for (size_t i = 0; i < n && q->n < MAX_SPANS; i++) {
		bool straight = s[i] == '"';
		if (!opened && (straight || curly_quote_at(s, i, n, 0x9C))) {
			opened = true;
			curly = !straight;
			open = i;
		} else if (opened &&
			   (curly ? curly_quote_at(s, i, n, 0x9D) : straight)) {
			q->a[q->n] = open;
			q->b[q->n++] = i;
			opened = false;
		}
	}
}

static bool in_quotes(const struct spans *q, size_t i)
{
	for (size_t k = 0; k < q->n; k++)
		if (q->a[k] < i && i < q->b[k])
			return true;
	return false;
}

/* The mail addresses and links of a sentence, [a, b): their words
 * ("sbl-removals@...", ".../remove-page") ask for nothing, as quoted
 * ones do not. */
static void find_links(const char *s, size_t n, struct spans *q)
{
	const char *p;
	size_t a, b;

	q->n = 0;
	for (p = s;
	     q->n < MAX_SPANS && (p = memchr(p, '@', (size_t)(s + n - p))); p++)
		if (mailaddr_span(s, 0, n, (size_t)(p - s), &a, &b)) {
			q->a[q->n] = a;
			q->b[q->n++] = b;
		}
	for (p = s; q->n < MAX_SPANS && (p = strstr(p, "://")); p += 3) {
		for (a = (size_t)(p - s);
		     a > 0 && isalpha((unsigned char)s[a - 1]);)
			a--;
		for (b = (size_t)(p - s);
		     b < n && !isspace((unsigned char)s[b]);)
			b++;
		q->a[q->n] = a;
		q->b[q->n++] = b;
	}
}

static bool in_link(const struct spans *q, size_t i)
{
	for (size_t k = 0; k < q->n; k++)
		if (q->a[k] <= i && i < q->b[k])
			return true;
	return false;
}

/* The sets that ask for something: quoted, they ask nothing. */
static bool asks_set(unsigned char set)
{
	return set == SET_ASK || set == SET_SOFT || set == SET_STRONG ||
	       set == SET_VERB || set == SET_IMP || set == SET_FRAME ||
	       set == SET_THREAT;
}

/* The words found at one place of a sentence. */
#define MAX_HITS_AT 16

struct word_hit {
	const struct word_entry *e;
	size_t len;
};

/* Whether a clause of words follows a colon: a blank, then a letter
 * that opens no link ("go to: http://..." names a place, not a reason). */
static bool clause_follows(const char *p)
{
	if (*p != ' ')
		return false;
	while (*p == ' ')
		p++;
	return letter_after((unsigned char)*p, false) &&
	       strncmp(p, "http", 4) != 0 && strncmp(p, "www.", 4) != 0;
}

static void find_words(const char *low, struct sentence_words *f)
{
	size_t n = strlen(low), mask_end = 0;
	bool after_alpha = false;
	struct spans quotes, links;
	struct word_pos pos = {.ask_end = -1,
			       .lead_end = -1,
			       .strong_end = -1,
			       .ask_at = -1,
			       .cond_at = -1,
			       .soft_at = -1,
			       .condopen_at = -1,
			       .threat_at = -1,
			       .asked_at = -1,
			       .label = opens_with_label(low)};

	pthread_once(&words_once, build_word_index);
	/* An action key's value is the request, whatever its first word
	 * ("verifica e blocco della sorgente"). */
	pos.opening = action_key_value(low);
	bool keyed = pos.opening > 0;
	if (keyed)
		pos.label = false;
	while (pos.opening < n &&
	       !letter_after((unsigned char)low[pos.opening], false))
		pos.opening++;

	memset(f, 0, sizeof *f);
	f->imperative = keyed;
	find_quotes(low, n, &quotes);
	find_links(low, n, &links);
	for (size_t i = 0; i + 2 < n; i++) {
		unsigned h = 2 * word_hash(low + i);
		unsigned last = word_start[after_alpha ? h + 1 : h + 2];
		struct word_hit hits[MAX_HITS_AT];
		size_t n_hits = 0;
		after_alpha = letter_after((unsigned char)low[i], after_alpha);
		/* "Stop the mail from your server: the unsubscribe link does
		 * not work": after a whole request, what the clause behind
		 * a colon names is its reason, not boilerplate. */
		if ((low[i] == ':' || low[i] == ';') && f->near &&
		    pos.asked_at < 0 && clause_follows(low + i + 1))
			pos.asked_at = (long)i;
		for (unsigned k = word_start[h]; k < last; k++) {
			const struct word_entry *e = &word_entries[k];
			size_t len = word_at(low + i, e);
			if (!len || !whole(e, low + i, len))
				continue;
			if (e->set == SET_MASK)
				mask_end =
				    i + len > mask_end ? i + len : mask_end;
			else if (n_hits < MAX_HITS_AT)
				hits[n_hits++] = (struct word_hit){e, len};
		}
		/* A word inside a longer one that is no request ("请求", a
		 * request as a noun, holds "请", please) counts for nothing. */
		for (size_t k = 0; k < n_hits && i >= mask_end; k++)
			if (!(asks_set(hits[k].e->set) &&
			      (in_quotes(&quotes, i) || in_link(&links, i))))
				note_word(f, &pos, hits[k].e, i, hits[k].len);
	}
}

/* Where a sentence stands. */
struct sentence_place {
	bool quoted;	/* its lines start with '>' */
	bool row;	/* it is a table's row (table_row()) */
	bool log;	/* it is a log's line (log_row()) */
	bool signature; /* it follows the "-- " line that opens a signature */
	bool heading;	/* the text's first line, unpunctuated, above a blank */
	bool closing;	/* it follows a closing line ("Regards,", "yours") */
};

/* Calls fn on each sentence (NUL-terminated, lowercase copy in low, the
 * original in orig); stops when fn returns true. */
typedef bool (*sentence_fn)(const char *orig, const char *low,
			    const struct sentence_place *at, void *arg);

struct splitter {
	struct buf b;	/* the sentence being built */
	struct buf low; /* its lowercase copy, reused */
	sentence_fn fn;
	void *arg;
	int count;
	struct sentence_place at; /* of the sentence being built */
	size_t lines;		  /* the lines it is built of */
	size_t own_bytes;     /* of the sentences emitted so far, unquoted */
	bool reply_copy;      /* past a reply's separator: all is quoted */
	bool copy_fields;     /* and the copy so far is header fields only */
	enum lines_copy copy; /* what is below a separator */
	bool signature;	      /* past the "-- " line of a signature */
	bool closing;	      /* past a closing line, not since quoted */
};

/* The abbreviation whose dot is s[i] ("e.g.", "z.B.", "Nr."), if any:
 * the word before the dot, compared without ASCII case. */
static const struct abbr_entry *abbr_at(const char *s, size_t i)
{
	size_t k = i;

	while (k > 0 && i - k < 16 && s[k - 1] != ' ' && s[k - 1] != '\t' &&
	       s[k - 1] != '(')
		k--;
	size_t len = i + 1 - k;
	for (size_t a = 0; a < n_abbrs; a++) {
		if (abbrs[a].len != len)
			continue;
		size_t j = 0;
		while (j < len && tolower((unsigned char)s[k + j]) ==
				      (unsigned char)abbrs[a].word[j])
			j++;
		if (j == len)
			return &abbrs[a];
	}
	return NULL;
}

/* The dot after a day or a month written "24. 11. 2026" (Central
 * European dates): one or two digits before it, a digit after its
 * space. */
static bool date_dot(const char *s, size_t i, size_t n)
{
	size_t k = 0, j = i + 1;

	while (k < i && k < 3 && isdigit((unsigned char)s[i - 1 - k]))
		k++;
	if (k == 0 || k > 2 || (k < i && isalnum((unsigned char)s[i - 1 - k])))
		return false;
	while (j < n && s[j] == ' ')
		j++;
	return j < n && j > i + 1 && isdigit((unsigned char)s[j]);
}

/* A number's dot before a word in lowercase is an ordinal's or a
 * year's ("od 28. travnja 2026. skenira", "am 3. mai"): a sentence
 * opens with a capital. Not a list's number at the line's start. */
static bool number_dot(const char *s, size_t i, size_t n)
{
	size_t j = i + 1, k = i;

	if (i == 0 || !isdigit((unsigned char)s[i - 1]))
		return false;
	/* "1. suspend the account": a list's number that opens the line. */
	while (k > 0 && isdigit((unsigned char)s[k - 1]))
		k--;
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	if (k == 0)
		return false;
	while (j < n && s[j] == ' ')
		j++;
	return j < n && j > i + 1 && s[j] >= 'a' && s[j] <= 'z';
}

/* The dot after a number that a word of ordinal_words stands before
 * ("am 3. März", "der 3. Angriff"): an ordinal's, whatever word follows. */
static bool ordinal_dot(const char *s, size_t i)
{
	size_t k = i, e, a;

	while (k > 0 && i - k < 2 && isdigit((unsigned char)s[k - 1]))
		k--;
	if (k == i || (k > 0 && isdigit((unsigned char)s[k - 1])) || k < 2 ||
	    s[k - 1] != ' ')
		return false;
	e = k - 1;
	for (a = e; a > 0 && isalpha((unsigned char)s[a - 1]); a--)
		;
	if (a == e || (a > 0 && (unsigned char)s[a - 1] >= 0x80))
		return false;
	for (size_t w = 0; w < n_ordinal_words; w++)
		if (strlen(ordinal_words[w]) == e - a &&
		    strncasecmp(s + a, ordinal_words[w], e - a) == 0)
			return true;
	return false;
}

/* A lowercase letter standing alone before the dot at s[i] abbreviates
 * a word ("p. ex.", "d. h."), and so does any letter after such a one
 * ("z. B."): a sentence never ends in one. */
static bool lone_letter(const char *s, size_t i)
{
	if (i < 1 || !is_alpha(s[i - 1]) ||
	    !(i == 1 || s[i - 2] == ' ' || s[i - 2] == '('))
		return false;
	if (s[i - 1] >= 'a' && s[i - 1] <= 'z')
		return true;
	return i >= 4 && s[i - 2] == ' ' && s[i - 3] == '.' &&
	       lone_letter(s, i - 3);
}

static bool end_of_sentence(const char *s, size_t i, size_t n)
{
	char c = s[i];

	if (c != '.' && c != '!' && c != '?')
		return false;
	/* Inside an address, a number, a URL or a ticket id. */
	if (i + 1 < n && s[i + 1] != ' ' && s[i + 1] != '\t')
		return false;
	if (c != '.')
		return true;
	/* "e.g. " is no sentence end; "192.0.2.1. " is. */
	if (i >= 2 && s[i - 2] == '.' && is_alpha(s[i - 1]))
		return false;
	if (date_dot(s, i, n) || number_dot(s, i, n) || ordinal_dot(s, i) ||
	    lone_letter(s, i))
		return false;
	const struct abbr_entry *a = abbr_at(s, i);
	if (!a)
		return true;
	/* "etc. Then" ends; "etc. and", "z.B. Server" do not. */
	if (!a->can_end)
		return false;
	size_t j = i + 1;
	while (j < n && (s[j] == ' ' || s[j] == '\t'))
		j++;
	return j == n || (s[j] >= 'A' && s[j] <= 'Z');
}

/* The bytes of the first max characters of s[0..len): the limits are in
 * characters, so that a sentence of Tamil or Thai (three bytes a letter)
 * is read as far as one of English. */
static size_t chars_prefix(const char *s, size_t len, size_t max)
{
	size_t i = 0, k = 0;

	while (i < len && k < max) {
		i++;
		while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
		k++;
	}
	return i;
}

/* The full stops of other scripts: the ideographic one and the
 * full-width "!" and "?", which need no space after them, the danda of
 * Hindi and Bengali ("।", "॥"), the Urdu full stop ("۔") and the Arabic
 * question mark ("؟"). b ends with the character's last byte. */
static bool script_stop(const struct buf *b)
{
	const unsigned char *u;

	if (b->len >= 2) {
		u = (const unsigned char *)b->data + b->len - 2;
		if ((u[0] == 0xDB && u[1] == 0x94) ||
		    (u[0] == 0xD8 && u[1] == 0x9F))
			return true;
	}
	if (b->len < 3)
		return false;
	u = (const unsigned char *)b->data + b->len - 3;
	return (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x82) ||
	       (u[0] == 0xEF && u[1] == 0xBC &&
		(u[2] == 0x81 || u[2] == 0x9F)) ||
	       (u[0] == 0xE0 && u[1] == 0xA5 && (u[2] == 0xA4 || u[2] == 0xA5));
}

static void lower_into(struct buf *low, const char *s)
{
	size_t n = strlen(s);

	buf_reset(low);
	buf_reserve(low, n);
	utf8_lower(low->data, s, n);
	low->data[n] = '\0';
	low->len = n;
}

static bool emit(struct splitter *sp)
{
	char *s = sp->b.data;
	size_t len = sp->b.len;
	bool stop;

	/* Bullets and rules before a sentence ("- ", "------ ") are none of
	 * it. */
	while (len && (*s == ' ' || strchr("-*=_~#", *s)))
		s++, len--;
	while (len && s[len - 1] == ' ')
		len--;
	if (len < 12) {
		buf_reset(&sp->b);
		return false;
	}
	if (len > LINES_MAX_SENTENCE)
		len = chars_prefix(s, len, LINES_MAX_SENTENCE);
	s[len] = '\0';
	if (!sp->at.quoted)
		sp->own_bytes += len;
	lower_into(&sp->low, s);
	stop = sp->fn(s, sp->low.data, &sp->at, sp->arg);
	sp->at.heading = false;
	sp->lines = 0;
	buf_reset(&sp->b);
	return stop || ++sp->count >= MAX_SENTENCES;
}

/* Bullets and marks that open the items of a list, as Japanese and
 * Chinese reports use them ("■攻撃元IPアドレス", "・件数", "※"). */
static const char *const bullets[] = {"\u2022", "\u25a0", "\u25a1", "\u25cf",
				      "\u25cb", "\u25c6", "\u25c7", "\u30fb",
				      "\u203b", "\u2605", "\u25b6", "\u25ba"};

static bool bullet_at(const char *s, size_t n)
{
	for (size_t k = 0; k < COUNT(bullets); k++) {
		size_t len = strlen(bullets[k]);
		if (n >= len && memcmp(s, bullets[k], len) == 0)
			return true;
	}
	return false;
}

/* A line that is blank, quoted-header-like or a list bullet ends the
 * paragraph: sentences never run across it. */
static bool paragraph_break(const char *line, size_t n)
{
	size_t i = 0;

	while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '>'))
		i++;
	return i == n || line[i] == '-' || line[i] == '*' || line[i] == '#' ||
	       line[i] == '=' || line[i] == '|' || bullet_at(line + i, n - i);
}

/* Words in line[i..n), counted at their starts. */
static size_t count_words(const char *line, size_t i, size_t n)
{
	size_t words = 0;

	for (; i < n; i++)
		if (line[i] != ' ' && (i == 0 || line[i - 1] == ' '))
			words++;
	return words;
}

/* A value of this many words after a lowercase key is prose going on. */
#define PROSE_VALUE_WORDS 5

/* The length of the colon at s[i] that ends a key: ':' or the
 * full-width '：' of Chinese and Japanese; 0 when there is none. */
static size_t key_colon(const char *s, size_t i, size_t n)
{
	if (i < n && s[i] == ':')
		return 1;
	if (i + 2 < n && memcmp(s + i, "\xef\xbc\x9a", 3) == 0)
		return 3;
	return 0;
}

/* A key of this many words whose value runs on as long is prose with a
 * colon in it ("FYI and for action: one of your customers is ..."). */
#define PROSE_KEY_WORDS 4

/* "Source IP: 192.0.2.1" is a line of its own, never part of a sentence;
 * so is "受影响主机：192.0.2.58". A wrapped line of prose that happens to
 * hold a colon ("the reflectors: it answered ...", "just a heads-up:
 * 192.0.2.5 ran ...") is no field: its "key" starts in lowercase and it
 * goes on a sentence (mid) or runs on as prose. */
/* A key written as an identifier ("requested_action", "source_ip"):
 * words joined by "_", no blank. No prose wraps into one. */
static bool snake_key(const char *k, size_t n)
{
	return memchr(k, '_', n) && !memchr(k, ' ', n);
}

/* Past the dot leader that may run from a key to its colon ("Source IP
 * ........: ADDR"): two dots or more, blanks between them; i itself when
 * there is none. */
static size_t past_dot_leader(const char *line, size_t i, size_t n)
{
	size_t j = i, dots = 0;

	while (j < n && (line[j] == '.' || line[j] == ' '))
		dots += line[j++] == '.';
	return dots >= 2 && key_colon(line, j, n) ? j : i;
}

static bool field_line(const char *line, size_t n, bool mid)
{
	size_t i = 0, colon;

	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	size_t start = i;
	while (i < n && i - start < 32 && !key_colon(line, i, n) &&
	       (isalnum((unsigned char)line[i]) || line[i] == ' ' ||
		line[i] == '-' || line[i] == '_' ||
		(unsigned char)line[i] >= 0x80))
		i++;
	i = past_dot_leader(line, i, n);
	colon = key_colon(line, i, n);
	if (!(i > start && colon &&
	      (i + colon == n || line[i + colon] == ' ' || colon == 3)))
		return false;
	/* "...aus Ihrem Netz als\nReflektoren missbraucht:" ends the
	 * sentence that runs on into it, introducing a list. */
	if (mid && i + colon == n)
		return false;
	if (count_words(line, start, i) >= PROSE_KEY_WORDS &&
	    count_words(line, i + colon, n) >= PROSE_VALUE_WORDS)
		return false;
	if (!islower((unsigned char)line[start]) ||
	    snake_key(line + start, i - start))
		return true;
	return !mid && count_words(line, i + colon, n) < PROSE_VALUE_WORDS;
}

/* A sentence that runs on past most of its limit by commas (a web form's
 * one line, "..., we saw ..., please remove ..., thanks") ends at its
 * next clause: cut at the limit instead, its later clauses (often the
 * request) would be lost. */
static bool run_on_clause(const struct buf *b, char c, const char *p, size_t i,
			  size_t n)
{
	return (c == ',' || c == ';') && b->len >= LINES_MAX_SENTENCE * 3 / 4 &&
	       i + 1 < n && p[i + 1] == ' ' &&
	       utf8_chars(b->data, b->len) >= LINES_MAX_SENTENCE * 3 / 4;
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
		if (((c == '.' || c == '!' || c == '?') &&
		     end_of_sentence(p, i, n)) ||
		    ((unsigned char)c >= 0x81 && script_stop(b)) ||
		    run_on_clause(b, c, p, i, n)) {
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

/* ">From " (">>From " ...) is how an mbox file keeps a line that starts
 * with "From ": an escape, not a quote. */
static bool mbox_escape(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && p[i] == '>')
		i++;
	return n - i >= 5 && memcmp(p + i, "From ", 5) == 0;
}

/* A salutation stands on a line of its own, a few words and a comma
 * ("Dear abuse team,", "Prezados,"), before the text it opens: with no
 * blank line after it, it would run on into the first sentence. */
#define SALUTATION_WORDS 6

static bool salutation_line(const char *line, size_t n)
{
	while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' ||
		     line[n - 1] == '\r'))
		n--;
	return n > 1 && line[n - 1] == ',' &&
	       count_words(line, 0, n) <= SALUTATION_WORDS;
}

/* The cells a header of aligned columns has at least ("Servidor  Puerto
 * Canal detectado  Partido"), and a row that opens with a number. */
#define HEADER_CELLS 3

/* The cells of line[i..n), apart by two blanks or more. */
static size_t aligned_cells(const char *line, size_t i, size_t n)
{
	size_t cells = 0;

	while (i < n) {
		cells++;
		while (i < n &&
		       !(line[i] == ' ' && i + 1 < n && line[i + 1] == ' '))
			i++;
		while (i < n && line[i] == ' ')
			i++;
	}
	return cells;
}

/* Whether line[i..n) opens with a number standing alone ("942100",
 * "1,804"). */
static bool opens_with_number(const char *line, size_t i, size_t n)
{
	size_t j = i;

	while (j < n && (isdigit((unsigned char)line[j]) || line[j] == ',' ||
			 line[j] == '.'))
		j++;
	return j > i && isdigit((unsigned char)line[i]) && j < n &&
	       line[j] == ' ';
}

/* A tab between a line's words separates the cells of a table row (an
 * HTML table's cells come out so, and tab-separated files are such):
 * the row is a line of its own, never part of a sentence. Leading
 * tabs only indent. */
static bool table_row(const char *line, size_t n)
{
	size_t i = 0, m;

	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (i < n && memchr(line + i, '\t', n - i) != NULL)
		return true;
	/* So is a line of aligned columns that opens with an address
	 * ("  192.0.2.44     SpamGrid CBL     since 2025-03-14"): a digit,
	 * or a colon soon after (IPv6), first, as few lines of prose have;
	 * and one of three cells or more that opens with a number ("942100
	 * SQL Injection Attack Detected   1,804"). */
	if (i == n || !(isdigit((unsigned char)line[i]) ||
			memchr(line + i, ':', n - i < 5 ? n - i : 5)))
		return false;
	m = ip_scan(line + i, n - i, NULL);
	if (m)
		return i + m + 2 < n && line[i + m] == ' ' &&
		       line[i + m + 1] == ' ';
	return opens_with_number(line, i, n) &&
	       aligned_cells(line, i, n) >= HEADER_CELLS;
}

/* Whether line[0..n) is the header of the table whose first row is the
 * line after it (text ends at end): its words stand in cells apart by two
 * blanks or more, and the row below is a table's. Its words name columns,
 * not what happened. */
static bool table_header(const char *line, size_t n, const char *end)
{
	size_t i = 0;
	const char *next = line + n < end ? line + n + 1 : end, *next_nl;

	while (i < n && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (aligned_cells(line, i, n) < HEADER_CELLS)
		return false;
	next_nl = memchr(next, '\n', (size_t)(end - next));
	return table_row(next, next_nl ? (size_t)(next_nl - next)
				       : (size_t)(end - next));
}

/* A line written in capitals only ("SHUT THIS SPAMMER DOWN TODAY OR
 * ..."): who shouts seldom punctuates, so each such line is taken for a
 * sentence of its own. Some letters at least, none of them lowercase. */
#define SHOUTED_LETTERS 8

static bool shouted_line(const char *line, size_t n)
{
	size_t upper = 0;

	for (size_t i = 0; i < n; i++) {
		if (line[i] >= 'a' && line[i] <= 'z')
			return false;
		upper += line[i] >= 'A' && line[i] <= 'Z';
	}
	return upper >= SHOUTED_LETTERS;
}

/* A reply's separator ("-----Original Message-----") starts the copy of
 * the mail it answers: from there on, lines are quoted, as '>' lines
 * are, when the sender wrote this much of their own above it. With less
 * ("FYI, see below"), the mail is a forward, and the copy is what the
 * sender sends. */
#define OWN_TEXT_BEFORE_COPY 80

static bool starts_reply_copy(const struct splitter *sp, const char *p,
			      size_t n)
{
	if (sp->copy == LINES_COPY_OURS && reporter_forward_marker(p, n))
		return true;
	return sp->copy == LINES_COPY_REPLY &&
	       sp->own_bytes + sp->b.len >= OWN_TEXT_BEFORE_COPY &&
	       prose_reply_separator(p, n);
}

/* Where a reply's copy starts, and where one that is only a pasted
 * header block ends: at the rule under the fields, the sender's own
 * words go on ("Headers below: ----- Original ----- Received: ...
 * ------- Please stop this."). A copy of a whole mail runs to the end. */
static void follow_reply_copy(struct splitter *sp, const char *p, size_t n)
{
	if (!sp->reply_copy) {
		sp->reply_copy = starts_reply_copy(sp, p, n);
		sp->copy_fields =
		    sp->reply_copy && prose_framed_separator(p, n);
	} else if (sp->copy_fields && prose_rule_line(p, n)) {
		sp->reply_copy = false;
	} else if (n > 0 && !prose_header_line(p, n)) {
		sp->copy_fields = false;
	}
}

/* Whether the sentence being built, above a blank line, is the text's
 * heading ("PhishFeed Alert - active phishing on your network"): its first
 * line, with no stop at its end. It names the kind; the sentence below
 * tells what happened. */
static bool heading(const struct splitter *sp)
{
	size_t n = sp->b.len;

	while (n && sp->b.data[n - 1] == ' ')
		n--;
	return sp->count == 0 && sp->lines == 1 && n &&
	       !strchr(".!?:;,)", sp->b.data[n - 1]);
}

/* The line that opens a signature: "-- " (RFC 3676), or "--" as many
 * mail programs write it. */
static bool signature_line(const char *p, size_t n)
{
	return (n == 2 || (n == 3 && p[2] == ' ')) && p[0] == '-' &&
	       p[1] == '-';
}

/* Whether a sentence stops on the line and the next one begins there
 * (". Each row is ..."). */
static bool stop_then_sentence(const char *p, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++)
		if ((p[i] == '.' || p[i] == '!' || p[i] == '?') &&
		    p[i + 1] == ' ' && isupper((unsigned char)p[i + 2]))
			return true;
	return false;
}

/* How many lowercase words in a row make a line's tail prose. */
#define PROSE_TAIL_WORDS 3

/* Whether a line goes on in prose: PROSE_TAIL_WORDS lowercase words in
 * a row, one blank apart, and none of the brackets, '=' or '|' that a
 * log's fields are written with ("sshd[812]:", "H=", "<="). */
static bool prose_tail(const char *p, size_t n)
{
	int words = 0;

	if (memchr(p, '[', n) || memchr(p, '=', n) || memchr(p, '|', n) ||
	    memchr(p, '<', n))
		return false;
	for (size_t i = 0; i < n && words < PROSE_TAIL_WORDS; i++) {
		size_t j = i;
		while (j < n && (islower((unsigned char)p[j]) ||
				 (unsigned char)p[j] >= 0x80))
			j++;
		bool word = j > i && (i == 0 || p[i - 1] == ' ') &&
			    (j == n || p[j] == ' ' || p[j] == ',');
		words = word ? words + 1 : 0;
		i = j > i ? j : i;
	}
	return words >= PROSE_TAIL_WORDS;
}

/* A log row is a line of its own; but a line that opens with a date in
 * the middle of an unfinished sentence and goes on in prose ("... in the
 * 24 hours ending\n2026-12-02 00:00 UTC. Each row is one connection.",
 * "As of 2026-03-24\n08:00 UTC the server at ADDR is still active") is
 * wrapped text. */
static bool log_row(const struct splitter *sp, const char *p, size_t n)
{
	size_t k = sp->b.len;

	if (!prose_log_row(p, n))
		return false;
	while (k && sp->b.data[k - 1] == ' ')
		k--;
	return !(k && !strchr(".!?:", sp->b.data[k - 1]) &&
		 (stop_then_sentence(p, n) || prose_tail(p, n)));
}

/* Whether the sentence so far ends in a URL and the line s[0..n) opens
 * with a capital: "... embedded into this page: http://ADDR/x\nThis site
 * is ...". A URL takes no stop after it, so the line break ends the
 * sentence. */
static bool url_then_capital(const struct buf *b, const char *s, size_t n)
{
	size_t k = b->len, w;

	while (k && b->data[k - 1] == ' ')
		k--;
	w = k;
	while (w && b->data[w - 1] != ' ')
		w--;
	return n && isupper((unsigned char)s[0]) && k - w > 8 &&
	       (strncmp(b->data + w, "http://", 7) == 0 ||
		strncmp(b->data + w, "https://", 8) == 0 ||
		strncmp(b->data + w, "hxxp", 4) == 0);
}

/* copy: what the lines below a separator are (lines_pick()). */
static void each_sentence(const char *text, size_t len, enum lines_copy copy,
			  sentence_fn fn, void *arg)
{
	struct splitter sp = {
	    .b = BUF_INIT, .low = BUF_INIT, .fn = fn, .arg = arg, .copy = copy};
	const char *p = text,
		   *end = text + (len < LINES_SCAN_MAX ? len : LINES_SCAN_MAX);

	pthread_once(&words_once, build_word_index);

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		/* A field, a log row or a shouted line is a line of its
		 * own; so is a salutation that opens a paragraph. */
		bool row = table_row(p, n) || table_header(p, n, end);
		bool logged = log_row(&sp, p, n);
		bool field = field_line(p, n, sp.b.len > 0) || logged || row ||
			     shouted_line(p, n);
		bool salutation = sp.b.len == 0 && salutation_line(p, n);
		size_t i = 0;
		while (i < n && (p[i] == ' ' || p[i] == '\t'))
			i++;
		follow_reply_copy(&sp, p, n);
		bool quoted = sp.reply_copy || (i < n && p[i] == '>' &&
						!mbox_escape(p + i, n - i));
		/* A quote starts or ends a sentence: its words are another
		 * mail's. */
		sp.at.heading =
		    (i == n || prose_rule_line(p, n)) && heading(&sp);
		if ((paragraph_break(p, n) || field || quoted != sp.at.quoted ||
		     url_then_capital(&sp.b, p + i, n - i)) &&
		    emit(&sp))
			goto out;
		sp.at.quoted = quoted;
		sp.at.row = row;
		sp.at.log = logged;
		sp.signature |= !quoted && signature_line(p, n);
		sp.at.signature = sp.signature;
		sp.closing = !quoted && !sp.reply_copy &&
			     (sp.closing || prose_closing_line(p, n));
		sp.at.closing = sp.closing;
		sp.lines++;
		while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '>'))
			i++;
		if (put_line(&sp, p, i, n))
			goto out;
		if ((field || salutation ||
		     sp.b.len > LINES_MAX_SENTENCE * 2) &&
		    emit(&sp))
			goto out;
		p += n + 1;
	}
	emit(&sp);
out:
	buf_free(&sp.b);
	buf_free(&sp.low);
}

/* The runner-up problem sentence is kept, for when the best one is also
 * the action: problem and action are never one sentence. */
struct pick_state {
	const struct report_ip *ips;
	size_t n_ips;
	bool want_problem, want_action;
	int best, second_best, action_best;
	char *problem, *second, *action;
	/* The action so far ends in a colon ("We request that you:"): what
	 * it asks is the item that follows. */
	bool lead_in;
};

/* Whether a sentence ends in a colon: it introduces a list. The first
 * item's number may have been cut with it ("the following: 1."). */
static bool ends_in_colon(const char *s)
{
	size_t n = strlen(s), k;

	while (n && s[n - 1] == ' ')
		n--;
	k = n;
	if (k && (s[k - 1] == '.' || s[k - 1] == ')')) {
		k--;
		while (k && isdigit((unsigned char)s[k - 1]))
			k--;
	} else if (k && (s[k - 1] == '-' || s[k - 1] == '*')) {
		k--;
	}
	if (k < n && k && s[k - 1] == ' ')
		while (k && s[k - 1] == ' ')
			k--;
	else
		k = n;
	return k && s[k - 1] == ':';
}

static bool has_letter(const char *s)
{
	for (; *s; s++)
		if (isalpha((unsigned char)*s) || (unsigned char)*s >= 0x80)
			return true;
	return false;
}

/* The action "We request that you:" with the first item after it. */
static void complete_lead_in(struct pick_state *st, const char *orig)
{
	size_t a = strlen(st->action), b = strlen(orig);
	char *joined = xmalloc(a + b + 2);

	memcpy(joined, st->action, a);
	joined[a] = ' ';
	memcpy(joined + a + 1, orig, b + 1);
	free(st->action);
	st->action = joined;
	/* "1." alone is the item's number: its words come next. */
	st->lead_in = !has_letter(orig);
}

/* The side an address is on for the problem line: what the report is
 * about, the offenders, and the attacked address of ours a victim's report
 * is grouped under, count as offenders; the attackers named beside that
 * victim (out of the report's scope) are not what it is about. */
static enum report_ip_role side_of(const struct report_ip *ip)
{
	if (ip->role == REPORT_IP_VICTIM && ip->in_scope)
		return REPORT_IP_OFFENDER;
	if (ip->role == REPORT_IP_OFFENDER && !ip->in_scope)
		return REPORT_IP_VICTIM;
	return ip->role;
}

/* Whether s names one of the addresses of a role. When the report names
 * no offender, every address counts as one. */
/* Whether the text at s + at is a link's query value or path segment
 * ("see: https://.../view.html?ip=ADDR", ".../check/ADDR"): an address
 * there names a page about it, not what the sentence is about. As a
 * link's host ("http://ADDR/login") it is the place of what is reported. */
static bool in_link_at(const char *s, size_t at)
{
	return at >= 2 &&
	       (s[at - 1] == '=' || (s[at - 1] == '/' && s[at - 2] != '/'));
}

/* Whether s names the address outside a link. */
static bool names_address(const char *s, const char *addr)
{
	for (const char *p = s; (p = strstr(p, addr)); p++)
		if (!in_link_at(s, (size_t)(p - s)))
			return true;
	return false;
}

static bool names_ip(const char *s, const struct report_ip *ips, size_t n,
		     enum report_ip_role role)
{
	bool any = false;

	for (size_t i = 0; i < n; i++)
		any |= side_of(&ips[i]) == REPORT_IP_OFFENDER;
	for (size_t i = 0, seen = 0; i < n && seen < 16; i++) {
		enum report_ip_role r =
		    any ? side_of(&ips[i]) : REPORT_IP_OFFENDER;
		if (r != role)
			continue;
		seen++;
		if (names_address(s, ips[i].text))
			return true;
	}
	return false;
}

static int action_score(const struct sentence_words *f);

/* What a line that announces the problem ("Issue: ...") adds to the
 * score of its words: more than naming the address. */
#define ANNOUNCED 8
/* What asking for something takes off it. */
#define ASKS 3
/* What a quoted sentence loses against the sender's own. */
#define QUOTED 6
/* What a heading (a title above a blank or a rule) loses: it names the
 * report, not the problem, and a sentence below or the program's own
 * sentence from the fields says it better. */
#define HEADING 30
/* What a caption above a list ("Top reflectors in your network:") loses
 * against a sentence that says as much. */
#define CAPTION 2

/* What naming an offender adds. Naming only an address beside the case
 * (the real site, a C&C server elsewhere, a mitigation service) takes as
 * much off: that sentence is about something else. A sentence naming
 * only the victim may well tell the attack. */
#define NAMES_OFFENDER 4

/* Whether a sentence ends in a question mark: it asks rather than
 * tells. */
static bool is_question(const char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == ')' || s[n - 1] == '"'))
		n--;
	return n && s[n - 1] == '?';
}

/* Whether s ends in a mail address, with no stop after it: a
 * signature's last line ("Spam Observation Team trap-ops@example.net"),
 * never a sentence that tells what happened. */
static bool ends_in_mail_address(const char *s)
{
	size_t n = strlen(s), a, b;

	while (n && s[n - 1] == ' ')
		n--;
	const char *at = memrchr(s, '@', n);
	return at && mailaddr_span(s, 0, n, (size_t)(at - s), &a, &b) && b == n;
}

/* A sentence wholly in brackets ("(1,412 rejected connections in
 * total)") is an aside to the one before it. */
static bool aside(const char *s)
{
	size_t n = strlen(s);

	while (n && (s[n - 1] == ' ' || s[n - 1] == '.'))
		n--;
	return n > 2 && s[0] == '(' && s[n - 1] == ')' &&
	       !memchr(s + 1, '(', n - 2);
}

static void pick_problem(struct pick_state *st, const char *orig,
			 const char *low, const struct sentence_words *f,
			 const struct sentence_place *at)
{
	int names = names_ip(low, st->ips, st->n_ips, REPORT_IP_OFFENDER)
			? NAMES_OFFENDER
		    : names_ip(low, st->ips, st->n_ips, REPORT_IP_MENTIONED)
			? -NAMES_OFFENDER
			: 0;
	int where = names + f->where_score;
	int score;

	/* A greeting on its line ("Dear abuse team of Example Net,") says
	 * nothing of the problem, whatever words it holds; nor does a
	 * signature that ends in its mail address. */
	if (salutation_line(orig, strlen(orig)) || ends_in_mail_address(orig))
		return;

	/* A sentence that only says where the problem is ("the site is
	 * hosted on ADDR in your network") says half as much. */
	if (!f->says_what)
		where /= 2;
	/* What may happen counts half of what happened. */
	score = where + (f->risk && f->problem_score > 0 ? f->problem_score / 2
							 : f->problem_score);
	/* Whose the address is says nothing of what it did: it lowers a
	 * sentence only when that is all it says. */
	if (!f->says_what)
		score += f->owner_score;

	if (score > 0 && prose_announces_problem(low))
		score += ANNOUNCED;
	/* A sentence that asks for something says what to do rather than
	 * what happened. */
	if (action_score(f) > 0)
		score -= ASKS;
	/* "If more attacks are seen, ..." says what may happen; "do you
	 * offer DDoS protection?" asks. */
	if (f->cond_first || is_question(orig))
		score -= ASKS;
	/* What the sender writes now comes before what an earlier mail,
	 * quoted below, said (a reminder above its first report). */
	if (at->quoted)
		score -= QUOTED;
	if (at->heading)
		score -= HEADING;
	if (prose_caption(orig))
		score -= CAPTION;
	if (aside(orig))
		score -= ASKS;
	if (score <= st->second_best || !prose_is_statement(orig, low))
		return;
	if (score > st->best) {
		free(st->second);
		st->second = st->problem;
		st->second_best = st->best;
		st->best = score;
		st->problem = xstrdup(orig);
	} else {
		st->second_best = score;
		free(st->second);
		st->second = xstrdup(orig);
	}
}

/* How strongly a sentence asks for something concrete; 0 when it does not.
 * It must ask (directly or softly) for something (a verb) and carry no
 * boilerplate mark. What is asked ranks first (take down, stop, secure,
 * notify the customer over check, update), then how: a direct request
 * over a soft one, a verb next to its request word, and a sentence that
 * opens with a condition ("If this is ..., please ...") lowest. An
 * imperative that opens the sentence ("Shut them down.") asks directly;
 * an explicit frame ("we request that you ...") asks for whatever verb
 * follows it, listed or not, ranked as an other verb. */
/* The most a conditional request scores. */
#define COND_MAX 9

static int action_score(const struct sentence_words *f)
{
	bool asks = f->set[SET_ASK] || f->set[SET_FRAME] || f->imperative;
	bool soft = f->soft > f->soft_cond;
	int score;

	if (f->set[SET_NOT] || !(asks || soft) ||
	    !(f->set[SET_STRONG] || f->set[SET_VERB] || f->set[SET_FRAME]))
		return 0;
	score = f->set[SET_STRONG] ? 12 : 6;
	score += asks ? 4 : 0;
	score += f->near || f->imperative ? 3 : 0;
	/* A request that hangs on a condition ("If it turns out to be
	 * compromised, I'd appreciate ...") ranks below every direct one
	 * that asks (an other verb with a request word: 10). */
	if (f->cond_first)
		score = score - 6 < COND_MAX ? score - 6 : COND_MAX;
	else if (f->set[SET_COND])
		score -= 2;
	/* "and reply to this ticket" asks for an answer beside the request:
	 * neither the request nor a sentence that asks only for it. */
	if (f->set[SET_REPLY])
		score -= 4;
	return score;
}

/* The problem is the best sentence of all; the action the one that asks
 * most (the first of equals). */
static bool pick_fn(const char *orig, const char *low,
		    const struct sentence_place *at, void *arg)
{
	struct pick_state *st = arg;
	struct sentence_words f;

	/* A log's line is evidence: it neither states the problem in words
	 * nor asks for anything. */
	if (at->log)
		return false;
	find_words(low, &f);
	/* A table's row holds the facts, never the sentence that tells
	 * them; a signature names the sender (a machine's may still ask:
	 * "-- Please investigate ..."). */
	if (st->want_problem && !at->row && !at->signature)
		pick_problem(st, orig, low, &f, at);
	/* A quoted request is the earlier mail's (often our own), not what
	 * this sender asks. */
	if (st->want_action && !at->quoted) {
		int score = action_score(&f);
		/* Past a closing, a line that only opens with a verb is the
		 * sender's name ("yours\n\nClean MX abuse team"), not a
		 * request. */
		if (at->closing && !f.set[SET_ASK] && !f.set[SET_FRAME] &&
		    f.soft <= f.soft_cond)
			score = 0;
		/* A letter's subject line ("ASUNTO: Se solicita preservación
		 * de datos") names what the letter asks; the text asks it,
		 * and goes first. */
		if (score > 1 && score > st->action_best &&
		    prose_opens_with_field(low))
			score = 1;
		if (st->lead_in)
			complete_lead_in(st, orig);
		if (score > st->action_best) {
			st->action_best = score;
			free(st->action);
			st->action = xstrdup(orig);
			st->lead_in = ends_in_colon(orig);
		}
	}
	return false;
}

struct first_state {
	bool (*fn)(const char *sentence, void *arg);
	void *arg;
	char *found;
};

static bool first_fn(const char *orig, const char *low,
		     const struct sentence_place *at, void *arg)
{
	struct first_state *st = arg;

	(void)low;
	if (at->quoted || at->row || !st->fn(orig, st->arg))
		return false;
	st->found = xstrdup(orig);
	return true;
}

char *lines_first(const char *text, size_t len,
		  bool (*fn)(const char *sentence, void *arg), void *arg)
{
	struct first_state st = {fn, arg, NULL};

	each_sentence(text, len, LINES_COPY_REPLY, first_fn, &st);
	return st.found;
}

void lines_pick(const char *text, size_t len, const struct report_ip *ips,
		size_t n_ips, enum lines_copy copy, char **problem,
		char **action)
{
	struct pick_state st = {
	    ips,  n_ips, problem != NULL, action != NULL, 2, 2, 0, NULL, NULL,
	    NULL, false};

	each_sentence(text, len, copy, pick_fn, &st);
	if (st.problem && st.action && strcmp(st.problem, st.action) == 0) {
		free(st.problem);
		st.problem = st.second;
		st.second = NULL;
	}
	free(st.second);
	if (problem)
		*problem = st.problem;
	else
		free(st.problem);
	if (action)
		*action = st.action;
	else
		free(st.action);
}

char *lines_problem(const char *text, size_t len, const struct report_ip *ips,
		    size_t n_ips)
{
	char *problem;

	lines_pick(text, len, ips, n_ips, LINES_COPY_REPLY, &problem, NULL);
	return problem;
}

char *lines_action(const char *text, size_t len)
{
	char *action;

	lines_pick(text, len, NULL, 0, LINES_COPY_REPLY, NULL, &action);
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
