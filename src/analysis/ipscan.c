/* ipscan.c: finds addresses in text and scores each mention by its source
 * and by the words around it on its line. Work per mention is bounded (the
 * context windows are), and distinct addresses live in a hash index, so a
 * mail with thousands of addresses stays linear. */
#include "analysis/ipscan.h"
#include "columns.h"
#include "core/mailaddr.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define WINDOW_LEFT 120
#define WINDOW_RIGHT 60
#define NEAR 40
#define LINE_LOOK 400
/* The longest cue phrase (data/roles/gen.awk). */
#define CUE_WORD_MAX 64

enum side { LEFT = 1, RIGHT = 2 };

/* What a cue says the address is. Cues that raise the score speak for
 * an offender; of those that lower it, V marks the ones that name the
 * attacked side, the others name an address only mentioned (a relay, a
 * command-and-control server). */
enum cue_role { W, V };

struct cue {
	const char *word; /* lowercase; matched at a word start */
	int weight;
	enum side side;
	enum cue_role role;
};

/* Words around an address and what they say about it, from
 * data/roles/LANG.txt (see en.txt); the Makefile turns those files into
 * the rows. */
static const struct cue cues[] = {
#include "role_cue.inc"
};

/* Verbs whose passive ("was scanned by", "detected by") says who found
 * an address, not who did the deed: no offender or victim follows. */
static const char *const finding_verbs[] = {
#include "role_finding.inc"
    NULL};

/* Participles without the -ed ending that still make a passive. */
static const char *const irregular_participles[] = {
#include "role_participle.inc"
    NULL};

/* The prepositions of a passive's agent in the languages of the role
 * files ("by", "von", "par", "door"). */
static const char *const agent_preps[] = {
#include "role_agentprep.inc"
    NULL};

/* The postpositions of a source ("から", "에서"), after the address. */
static const char *const agent_posts[] = {
#include "role_agentpost.inc"
    NULL};

/* What may name the agent between "by" and its address ("by the host
 * ADDR"). */
static const char *const by_names[] = {
#include "role_byname.inc"
    NULL};

/* Auxiliaries of a passive after the address ("192.0.2.1 was attacked by"). */
static const char *const passive_aux[] = {
#include "role_passive.inc"
    NULL};

enum {
	PASSIVE_AGENT = 45,	/* "hammered by ADDR": ADDR did it */
	PASSIVE_PATIENT = -45,	/* "ADDR was hammered by": ADDR suffered it */
	AGENT_PREP = 30,	/* "our server ... von ADDR": ADDR did it */
	FLOW_DESTINATION = -45, /* "A.port > ADDR.port": ADDR was hit */
};

/* Words after which a dotted quad is a version or an object identifier,
 * not an address ("version 4.2.1.0", "OID 1.3.6.1"). */
static const char *const version_words[] = {
#include "role_version.inc"
    NULL};

/* Line labels that make every address on the line meaningless (WHOIS
 * ranges) or the reported mail's transport (quoted headers), from
 * data/roles/labels.txt. */
static const char *const whois_labels[] = {
#include "role_whois.inc"
    NULL};
static const char *const header_labels[] = {
#include "role_header.inc"
    NULL};

/* First-person possessives ("our", "unser", "notre", "当社"). */
static const char *const own_words[] = {
#include "role_own.inc"
    NULL};

/* Words that tie a thing to its address ("our server at ADDR", "unser
 * Server ist ADDR"). */
static const char *const link_words[] = {
#include "role_link.inc"
    NULL};

/* Words that join the two ends of a range of addresses ("192.0.2.200 to
 * 192.0.2.203", "bis", "à"). */
static const char *const range_words[] = {
#include "role_range.inc"
    NULL};

/* Phrases saying that the attacked side is the recipient's ("I am a
 * customer of yours", "one of your customers is the target"). */
static const char *const yours_phrases[] = {
#include "role_yours.inc"
    NULL};

/* "hosted with", "Kunde bei": what the recipient's name follows when the
 * writer's host is the recipient's. */
static const char *const yourshost_phrases[] = {
#include "role_yourshost.inc"
    NULL};

/* Public services' addresses (the anycast resolvers): only mentioned,
 * whatever the words around them. */
static const char *const public_texts[] = {
#include "role_public.inc"
    NULL};
static struct ip_addr
    public_addrs[sizeof public_texts / sizeof public_texts[0]];
static size_t n_public;
static pthread_once_t public_once = PTHREAD_ONCE_INIT;

static void parse_public(void)
{
	for (size_t i = 0; public_texts[i]; i++)
		if (ip_parse(public_texts[i], strlen(public_texts[i]),
			     &public_addrs[n_public]) == 0)
			n_public++;
}

static bool public_service(const struct ip_addr *a)
{
	pthread_once(&public_once, parse_public);
	for (size_t i = 0; i < n_public; i++)
		if (ip_cmp(a, &public_addrs[i]) == 0)
			return true;
	return false;
}

/* Words that join the addresses of a list ("ADDR and ADDR"), and their
 * lengths (build_tables()): the list's words are looked at before every
 * address. */
static const char *const and_words[] = {
#include "role_and.inc"
    NULL};
static size_t and_len[sizeof and_words / sizeof and_words[0]];

/* Words that end a heading over the doers ("attacked from these",
 * "angegriffen von diesen"). */
static const char *const agent_words[] = {
#include "role_agent.inc"
    NULL};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

void ipscan_init(struct ip_cands *c)
{
	memset(c, 0, sizeof *c);
}

void ipscan_free(struct ip_cands *c)
{
	free(c->v);
	free(c->slots);
	memset(c, 0, sizeof *c);
}

static size_t hash_addr(const struct ip_addr *a)
{
	size_t h = 1469598103934665603ULL & (size_t)-1;

	h = (h ^ a->family) * 1099511628211ULL;
	for (int i = 0; i < 16; i++)
		h = (h ^ a->b[i]) * 1099511628211ULL;
	return h;
}

static void rehash(struct ip_cands *c)
{
	size_t n = c->n_slots ? c->n_slots * 2 : 64;

	free(c->slots);
	c->slots = xcalloc(n, sizeof *c->slots);
	c->n_slots = n;
	for (size_t i = 0; i < c->n; i++) {
		size_t s = hash_addr(&c->v[i].addr) & (n - 1);
		while (c->slots[s])
			s = (s + 1) & (n - 1);
		c->slots[s] = (unsigned)i + 1;
	}
}

static struct ip_cand *find_or_add(struct ip_cands *c, const struct ip_addr *a)
{
	size_t s;

	if ((c->n + 1) * 2 > c->n_slots)
		rehash(c);
	s = hash_addr(a) & (c->n_slots - 1);
	for (; c->slots[s]; s = (s + 1) & (c->n_slots - 1)) {
		struct ip_cand *k = &c->v[c->slots[s] - 1];
		if (k->addr.family == a->family &&
		    memcmp(k->addr.b, a->b, 16) == 0)
			return k;
	}
	if (c->n >= IPSCAN_MAX_CANDS) {
		c->truncated = true;
		return NULL;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = xreallocarray(c->v, c->cap, sizeof *c->v);
	}
	struct ip_cand *k = &c->v[c->n];
	memset(k, 0, sizeof *k);
	k->addr = *a;
	k->score = IPSCAN_DROP - 1000;
	k->first = c->mentions;
	c->slots[s] = (unsigned)++c->n;
	return k;
}

void ipscan_add(struct ip_cands *c, const struct ip_addr *a, int score,
		bool field)
{
	ipscan_add_hint(c, a, score, field, IPSCAN_HINT_NONE);
}

static struct ip_cand *add_mention(struct ip_cands *c, const struct ip_addr *a,
				   int score, bool field, enum ipscan_hint hint,
				   uint32_t asn)
{
	struct ip_addr u = *a;
	struct ip_cand *k;

	ip_unmap(&u);
	if (public_service(&u)) {
		score = score < IPSCAN_DISOWNED ? score : IPSCAN_DISOWNED;
		hint = IPSCAN_HINT_MENTIONED;
	}
	c->mentions++;
	k = find_or_add(c, &u);
	if (!k)
		return NULL;
	k->mentions++;
	if (score > k->score)
		k->score = score;
	k->field |= field;
	k->hints |= (unsigned char)(1u << hint);
	if (asn && !k->asn)
		k->asn = asn;
	return k;
}

void ipscan_add_hint(struct ip_cands *c, const struct ip_addr *a, int score,
		     bool field, enum ipscan_hint hint)
{
	add_mention(c, a, score, field, hint, 0);
}

void ipscan_add_row(struct ip_cands *c, const struct ip_addr *a, int score,
		    bool field, uint32_t asn)
{
	add_mention(c, a, score, field, IPSCAN_HINT_NONE, asn);
}

/* ASCII classes, the same in the C locale and any UTF-8 one. */
static bool is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

static bool is_alnum(char ch)
{
	return is_digit(ch) || (ch >= 'a' && ch <= 'z') ||
	       (ch >= 'A' && ch <= 'Z');
}

static bool is_xdigit(char ch)
{
	return is_digit(ch) || (ch >= 'a' && ch <= 'f') ||
	       (ch >= 'A' && ch <= 'F');
}

static bool word_char(char ch)
{
	return is_alnum(ch) || ch == '_';
}

static unsigned char lower(char ch)
{
	return (unsigned char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
}

/* Bytes that may start an address, that keep one from starting right
 * after them, that may start a defanged form, and that start an
 * auxiliary of a passive (in either case). */
enum { B_START = 1, B_BLOCK = 2, B_DEFANG = 4, B_AUX = 8 };
static unsigned char byte_class[256];

static void build_byte_class(void)
{
	for (int c = 0; c < 256; c++) {
		char ch = (char)c;
		unsigned char k = 0;
		if (is_xdigit(ch) || ch == ':')
			k |= B_START;
		if (word_char(ch) || ch == '.' || ch == ':')
			k |= B_BLOCK;
		if (ch == '[' || ch == '(' || ch == '{' || ch == 'h' ||
		    ch == 'H')
			k |= B_DEFANG;
		byte_class[c] = k;
	}
	for (const char *const *x = passive_aux; *x; x++) {
		unsigned char a = (unsigned char)(*x)[0];
		byte_class[a] |= B_AUX;
		if (a >= 'a' && a <= 'z')
			byte_class[a - 32] |= B_AUX;
	}
}

/* Cues of each side by a hash of their first two bytes, so that a window
 * byte costs one table look-up and only real candidates are compared.
 * Built on first use. */
#define CUE_HASH 1024
static unsigned char cue_len[COUNT(cues)];
static uint16_t cue_start[2][CUE_HASH + 1];
static uint16_t cue_order[2][COUNT(cues)];
/* Per side, whether a cue starts with the two bytes a b as they stand in
 * the text (bit a * 256 + b), so that most places cost one look-up. */
static uint8_t cue_head_seen[2][UTF8_HEADS_BYTES];
_Static_assert(COUNT(cues) <= UINT16_MAX, "cue_order holds a cue's index");

static unsigned cue_hash(unsigned char a, unsigned char b)
{
	return (a * 33u ^ b) & (CUE_HASH - 1);
}

static int side_index(enum side side)
{
	return side == LEFT ? 0 : 1;
}

static void build_cue_index(void)
{
	uint16_t fill[2][CUE_HASH];
	static uint8_t folded[2][UTF8_HEADS_BYTES];

	for (size_t i = 0; i < COUNT(cues); i++) {
		const char *w = cues[i].word;
		cue_len[i] = (unsigned char)strlen(w);
		cue_start[side_index(cues[i].side)]
			 [cue_hash((unsigned char)w[0], (unsigned char)w[1]) +
			  1]++;
	}
	for (int sd = 0; sd < 2; sd++) {
		for (size_t h = 0; h < CUE_HASH; h++) {
			cue_start[sd][h + 1] += cue_start[sd][h];
			fill[sd][h] = cue_start[sd][h];
		}
	}
	for (size_t i = 0; i < COUNT(cues); i++) {
		const char *w = cues[i].word;
		int sd = side_index(cues[i].side);
		unsigned h = cue_hash((unsigned char)w[0], (unsigned char)w[1]);
		cue_order[sd][fill[sd][h]++] = (uint16_t)i;
		utf8_heads_mark(folded[sd], w);
	}
	for (int sd = 0; sd < 2; sd++)
		utf8_heads_unfold(folded[sd], cue_head_seen[sd]);
}

/* A lowercase word list by the hash of its first two bytes, so that a
 * place in a text costs the few words that can start there, not the
 * whole list. */
#define HEAD_HASH 256
#define HEAD_WORDS_MAX 512
struct head_index {
	uint16_t start[HEAD_HASH + 1];
	uint16_t order[HEAD_WORDS_MAX];
	uint16_t len[HEAD_WORDS_MAX];
	/* The text byte pairs a word may start with, in any case. */
	uint8_t seen[UTF8_HEADS_BYTES];
};

static unsigned head_hash(unsigned char a, unsigned char b)
{
	return (a * 31u + b) & (HEAD_HASH - 1);
}

static void head_index_build(struct head_index *x, const char *const *words,
			     size_t n)
{
	uint16_t fill[HEAD_HASH];
	static uint8_t folded[UTF8_HEADS_BYTES];

	memset(x->start, 0, sizeof x->start);
	memset(folded, 0, sizeof folded);
	for (size_t i = 0; i < n; i++) {
		x->len[i] = (uint16_t)strlen(words[i]);
		utf8_heads_mark(folded, words[i]);
		x->start[head_hash((unsigned char)words[i][0],
				   (unsigned char)words[i][1]) +
			 1]++;
	}
	for (size_t h = 0; h < HEAD_HASH; h++) {
		x->start[h + 1] += x->start[h];
		fill[h] = x->start[h];
	}
	for (size_t i = 0; i < n; i++)
		x->order[fill[head_hash((unsigned char)words[i][0],
					(unsigned char)words[i][1])]++] =
		    (uint16_t)i;
	utf8_heads_unfold(folded, x->seen);
}

/* The words of x that may start at s (two bytes or more): [*lo, *hi) of
 * x->order, to be confirmed with utf8_starts_folded(). */
static void head_index_at(const struct head_index *x, const char *s,
			  unsigned *lo, unsigned *hi)
{
	unsigned char f[2];
	unsigned h;

	utf8_fold_head((unsigned char)s[0], (unsigned char)s[1], f);
	h = head_hash(f[0], f[1]);
	*lo = x->start[h];
	*hi = x->start[h + 1];
}

_Static_assert(COUNT(own_words) <= HEAD_WORDS_MAX, "raise HEAD_WORDS_MAX");
_Static_assert(COUNT(yours_phrases) <= HEAD_WORDS_MAX, "raise HEAD_WORDS_MAX");
static struct head_index own_index, yours_index;

/* The last words of the agent's prepositions of several words ("do" of
 * "a partir do"), and of the words of a host's name: what a phrase of
 * them must end in. */
#define PHRASE_ENDS_MAX 64
static const char *last_words_of_phrases[PHRASE_ENDS_MAX + 1];
static char phrase_end_text[PHRASE_ENDS_MAX][32];

static void note_phrase_ends(const char *const *set, size_t *n)
{
	for (; *set && *n < PHRASE_ENDS_MAX; set++) {
		const char *sp = strrchr(*set, ' ');
		if (!sp || strlen(sp + 1) >= sizeof phrase_end_text[0])
			continue;
		strcpy(phrase_end_text[*n], sp + 1);
		last_words_of_phrases[*n] = phrase_end_text[*n];
		++*n;
	}
}

static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void build_tables(void)
{
	size_t n_ends = 0;

	note_phrase_ends(agent_preps, &n_ends);
	note_phrase_ends(by_names, &n_ends);
	last_words_of_phrases[n_ends] = NULL;
	build_byte_class();
	build_cue_index();
	head_index_build(&own_index, own_words, COUNT(own_words) - 1);
	head_index_build(&yours_index, yours_phrases, COUNT(yours_phrases) - 1);
	for (size_t i = 0; and_words[i]; i++)
		and_len[i] = strlen(and_words[i]);
}

/* The length of the defanged form at p ("[.]", "(dot)", "hxxp"), 0 when
 * there is none; its replacement goes to rep. */
static size_t defang_at(const char *p, size_t left, char rep[4],
			size_t *rep_len)
{
	if (left >= 3 && (p[0] == '[' || p[0] == '(' || p[0] == '{') &&
	    (p[1] == '.' || p[1] == ':') &&
	    (p[2] == ']' || p[2] == ')' || p[2] == '}')) {
		rep[0] = p[1];
		*rep_len = 1;
		return 3;
	}
	if (left >= 5 && (p[0] == '[' || p[0] == '(') &&
	    strncasecmp(p + 1, "dot", 3) == 0 && (p[4] == ']' || p[4] == ')')) {
		rep[0] = '.';
		*rep_len = 1;
		return 5;
	}
	if (left >= 4 && (p[0] == 'h' || p[0] == 'H') &&
	    (p[1] == 'x' || p[1] == 'X') && strncasecmp(p, "hxxp", 4) == 0) {
		memcpy(rep, p[0] == 'h' ? "http" : "HTTP", 4);
		*rep_len = 4;
		return 4;
	}
	return 0;
}

/* Where the next defanged form starts at or after i (len when none).
 * Most text has none, so this is the common whole pass. */
static size_t next_defang(const char *text, size_t len, size_t i)
{
	char rep[4];
	size_t rl;

	for (; i < len; i++)
		if ((byte_class[(unsigned char)text[i]] & B_DEFANG) &&
		    defang_at(text + i, len - i, rep, &rl))
			return i;
	return len;
}

/* Copies the runs between defanged forms whole; a form is replaced. */
static char *refang_from(const char *text, size_t len, size_t i,
			 size_t *out_len)
{
	char *out = xmalloc(len + 1);
	size_t o = 0, from = 0;

	while (i < len) {
		char rep[4];
		size_t rl, n = defang_at(text + i, len - i, rep, &rl);
		memcpy(out + o, text + from, i - from);
		o += i - from;
		memcpy(out + o, rep, rl);
		o += rl;
		from = i + n;
		i = next_defang(text, len, from);
	}
	memcpy(out + o, text + from, len - from);
	o += len - from;
	out[o] = '\0';
	if (out_len)
		*out_len = o;
	return out;
}

char *ipscan_refang(const char *text, size_t len, size_t *out_len)
{
	pthread_once(&tables_once, build_tables);
	return refang_from(text, len, next_defang(text, len, 0), out_len);
}

/* Whether cue q is at s[i..b), in any case. */
static bool cue_at(const char *s, size_t i, size_t b, unsigned q)
{
	return utf8_starts_folded(s + i, b - i, cues[q].word, cue_len[q]);
}

struct cue_hit {
	unsigned cue;
	size_t dist;
};

static void note_hit(struct cue_hit *hits, size_t *n, unsigned q, size_t d)
{
	for (size_t k = 0; k < *n; k++) {
		if (hits[k].cue == q) {
			if (d < hits[k].dist)
				hits[k].dist = d;
			return;
		}
	}
	hits[(*n)++] = (struct cue_hit){q, d};
}

/* What the words around one mention say: the score, and how strongly
 * they speak for an offender, for a victim and for an address only
 * mentioned (the weights of each kind, as magnitudes). */
struct ctx {
	int score, off, vic, men;
	/* A single cue at full weight said it strongly: the attacked side
	 * or only mentioned ("ADDR is not in your network"). */
	bool strong_other;
};

static void ctx_add(struct ctx *c, int weight, enum cue_role role)
{
	c->strong_other |= weight <= IPSCAN_DISOWNED;
	c->score += weight;
	if (weight > 0)
		c->off += weight;
	else if (role == V)
		c->vic -= weight;
	else
		c->men -= weight;
}

/* A byte of a word: ASCII letters, digits and any byte of a multi-byte
 * character. */
static bool word_byte(char ch)
{
	return is_alnum(ch) || (unsigned char)ch >= 0x80;
}

static bool host_byte(char ch)
{
	return is_alnum(ch) || (ch && strchr("-_.@/:", ch));
}

/* Whether s[i] is inside a host name, a URL or a mail address: a run of
 * letters, digits and "-_.@/:" around it holds a dot between letters
 * ("www.bottegadigitale.example" holds no word "bot"). */
static bool in_host_name(const char *s, size_t a, size_t b, size_t i)
{
	size_t l = i, r = i;

	while (l > a && host_byte(s[l - 1]))
		l--;
	while (r < b && host_byte(s[r]))
		r++;
	for (size_t k = l + 1; k + 1 < r; k++)
		if (s[k] == '.' && is_alnum(s[k - 1]) && is_alnum(s[k + 1]) &&
		    !is_digit(s[k + 1]))
			return true;
	return false;
}

/* An arrow after a host name ("shop.example -> ADDR") says what the name
 * resolves to, not where traffic went: it weighs as "resolves to". */
#define RESOLVES_ARROW 25

static bool is_arrow(const struct cue *q)
{
	size_t n = strlen(q->word);

	return n == 2 && q->word[1] == '>' && !is_alnum(q->word[0]);
}

/* Whether a host name ends just before s[i] (after blanks): letters in
 * it, and a dot between letters (a defanged "[.]" counts as a dot). */
static bool host_name_before(const char *s, size_t a, size_t i)
{
	size_t e = i, l;
	bool dot = false;

	while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	l = e;
	while (l > a &&
	       (host_byte(s[l - 1]) || s[l - 1] == '[' || s[l - 1] == ']'))
		l--;
	for (size_t k = l + 1; k + 1 < e; k++) {
		char next = s[k + 1] == ']' && k + 2 < e ? s[k + 2] : s[k + 1];
		if (s[k] == '.' && is_alnum(next) && !is_digit(next) &&
		    (is_alnum(s[k - 1]) || s[k - 1] == '['))
			dot = true;
	}
	return dot;
}

#define NO_SPAN ((size_t)-1)

/* A recipient's name this short ("it", "net") says nothing. */
#define HOST_NAME_MIN 4

/* A pipe cue after the address ("ADDR/d.sh | sh": piped into a shell)
 * is the first pipe after it; a later one is a table's cell border
 * ("ADDR/i.sh | online | ... | sh,Mirai"). */
static bool later_pipe(const char *s, size_t a, size_t i, unsigned q,
		       enum side side)
{
	return side == RIGHT && cues[q].word[0] == '|' &&
	       memchr(s + a, '|', i - a) != NULL;
}

/* Sums the weights of the cues found in the window s[a..b): a cue within
 * NEAR bytes of the address counts fully, a farther one half. Each cue
 * counts once, at its nearest match, and never inside a host name. With
 * span, only the cues that cross s[span] count. */
static void window_hits(const char *s, size_t a, size_t b, enum side side,
			size_t span, struct ctx *c)
{
	struct cue_hit hits[COUNT(cues)];
	size_t nh = 0;
	int sd = side_index(side);

	for (size_t i = a; i + 1 < b; i++) {
		unsigned char f[2];
		if (!utf8_heads_has(cue_head_seen[sd], s + i))
			continue;
		utf8_fold_head((unsigned char)s[i], (unsigned char)s[i + 1], f);
		unsigned h = cue_hash(f[0], f[1]);
		for (unsigned k = cue_start[sd][h]; k < cue_start[sd][h + 1];
		     k++) {
			unsigned q = cue_order[sd][k];
			if ((span != NO_SPAN &&
			     (i >= span || i + cue_len[q] <= span)) ||
			    !cue_at(s, i, b, q) ||
			    later_pipe(s, a, i, q, side) ||
			    (i > a && word_char(s[i - 1]) &&
			     word_char(cues[q].word[0])) ||
			    (is_alnum(cues[q].word[0]) &&
			     in_host_name(s, a, b, i)))
				continue;
			note_hit(hits, &nh, q,
				 side == LEFT ? b - i - cue_len[q] : i - a);
		}
	}
	for (size_t k = 0; k < nh; k++) {
		const struct cue *q = &cues[hits[k].cue];
		int w = q->weight;
		if (is_arrow(q) && side == LEFT &&
		    host_name_before(s, a,
				     b - hits[k].dist - cue_len[hits[k].cue]))
			w = RESOLVES_ARROW;
		ctx_add(c, hits[k].dist <= NEAR ? w : w / 2, q->role);
	}
}

static void window_score(const char *s, size_t a, size_t b, enum side side,
			 struct ctx *c)
{
	window_hits(s, a, b, side, NO_SPAN, c);
}

/* Whether the word ending at s[e) (after blanks) is w, as a whole word;
 * *start gets where it starts. */
static bool word_before(const char *s, size_t a, size_t e, const char *w,
			size_t *start)
{
	size_t n = strlen(w);

	while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	if (e - a < n || strncasecmp(s + e - n, w, n) != 0)
		return false;
	if (e - n > a && word_char(s[e - n - 1]))
		return false;
	*start = e - n;
	return true;
}

/* Whether s[0..n) is w, in any ASCII case; the first byte tells most
 * words apart before their length is taken. */
static bool same_word(const char *s, size_t n, const char *w)
{
	return n && lower(s[0]) == lower(w[0]) && strlen(w) == n &&
	       strncasecmp(s, w, n) == 0;
}

static bool word_in(const char *s, size_t n, const char *const *set)
{
	for (; *set; set++)
		if (same_word(s, n, *set))
			return true;
	return false;
}

/* Whether s[a..e) is a participle that makes a passive of a deed:
 * "-ed" or an irregular one, and no verb of finding or reporting. */
static bool deed_participle(const char *s, size_t a, size_t e)
{
	size_t n = e - a;

	if (word_in(s + a, n, finding_verbs))
		return false;
	if (word_in(s + a, n, irregular_participles))
		return true;
	return n > 3 && lower(s[e - 2]) == 'e' && lower(s[e - 1]) == 'd';
}

/* The word that ends at s[e) (after blanks), as [*wa, e). */
static bool last_word(const char *s, size_t a, size_t e, size_t *wa, size_t *we)
{
	while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	*we = e;
	while (e > a && is_alnum(s[e - 1]))
		e--;
	*wa = e;
	return *we > *wa;
}

/* Whether s[a..b) is letters only (ASCII or any of a UTF-8 script). */
static bool only_letters(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (!word_byte(s[i]) || is_digit(s[i]))
			return false;
	return true;
}

/* Words that may stand between a deed's participle and "by" ("attacked
 * yesterday by ADDR", letters only) or between "by" and the address ("by
 * the host ADDR", by_names): so many. */
#define PASSIVE_GAP_WORDS 2

/* Where the participle of "attacked by ADDR", "hammered overnight by
 * ADDR", "scanned by the host ADDR" ends: the address is the agent of the
 * deed, and the words up to the participle tell of the one that suffered
 * it. NO_SPAN when there is no such passive. */
static size_t passive_agent(const char *s, size_t a, size_t off)
{
	size_t by = off, wa, we;

	for (int k = 0; k <= PASSIVE_GAP_WORDS; k++) {
		if (word_before(s, a, by, "by", &by))
			break;
		if (k == PASSIVE_GAP_WORDS || !last_word(s, a, by, &wa, &we) ||
		    !word_in(s + wa, we - wa, by_names))
			return NO_SPAN;
		by = wa;
	}
	size_t e = by;
	for (int k = 0; k <= PASSIVE_GAP_WORDS; k++) {
		if (!last_word(s, a, e, &wa, &we) || !only_letters(s, wa, we))
			return NO_SPAN;
		if (deed_participle(s, wa, we))
			return we;
		e = wa;
	}
	return NO_SPAN;
}

/* Whether word w ends s[a..e) (in any ASCII case), standing alone there
 * unless it is Chinese or Japanese, which part no words; *start gets
 * where it starts. */
static bool word_ends(const char *s, size_t a, size_t e, const char *w,
		      size_t *start)
{
	size_t n = strlen(w);

	if (e - a < n || strncasecmp(s + e - n, w, n) != 0)
		return false;
	bool cjk = (unsigned char)w[0] >= 0xE3 && (unsigned char)w[0] <= 0xE9;
	if (!cjk && e - n > a && word_byte(s[e - n - 1]))
		return false;
	*start = e - n;
	return true;
}

static bool word_ends_in(const char *s, size_t a, size_t e,
			 const char *const *set, size_t *start)
{
	/* A word of ASCII letters is looked up whole; only one of another
	 * script, which may be a run without blanks, by its end. */
	if (e > a && (unsigned char)s[e - 1] < 0x80) {
		size_t wa = e;
		while (wa > a && is_alnum(s[wa - 1]))
			wa--;
		if (wa < e && !(wa > a && word_byte(s[wa - 1])) &&
		    word_in(s + wa, e - wa, set)) {
			*start = wa;
			return true;
		}
		/* A phrase of several words ("a partir do") ends in one of
		 * them: only then are the phrases compared. */
		if (wa == e || !word_in(s + wa, e - wa, last_words_of_phrases))
			return false;
		for (; *set; set++)
			if (strchr(*set, ' ') &&
			    word_ends(s, a, e, *set, start))
				return true;
		return false;
	}
	for (; *set; set++)
		if (word_ends(s, a, e, *set, start))
			return true;
	return false;
}

/* Where the agent's preposition before the address starts ("Unser Server
 * wird von ADDR angegriffen", "Notre serveur est attaqué par l'IP ADDR",
 * "Наш сервер атакуют с адреса ADDR", "受到来自ADDR的攻击"): the words
 * before it are of the one that suffers the deed. NO_SPAN when there is
 * none. */
static size_t agent_prep_start(const char *s, size_t a, size_t off)
{
	size_t e = off, w;

	for (int k = 0; k <= PASSIVE_GAP_WORDS; k++) {
		/* Blanks, and the apostrophe of an elided article ("l'IP"). */
		while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t' ||
				 (k > 0 && s[e - 1] == '\'')))
			e--;
		if (word_ends_in(s, a, e, agent_preps, &w))
			return w;
		if (k == PASSIVE_GAP_WORDS ||
		    !word_ends_in(s, a, e, by_names, &w))
			return NO_SPAN;
		e = w;
	}
	return NO_SPAN;
}

/* Whether a source's postposition follows the address that ends at
 * s[end] ("ADDR から攻撃を受けています", "ADDR 에서 공격을"): the words
 * before the address are of the one that suffers the deed. */
static bool agent_post(const char *s, size_t end, size_t le)
{
	size_t i = end;

	while (i < le && (s[i] == ' ' || s[i] == ')'))
		i++;
	if (i + 3 <= le && memcmp(s + i, "\xef\xbc\x89", 3) == 0) /* ） */
		i += 3;
	for (const char *const *p = agent_posts; *p; p++) {
		size_t n = strlen(*p);
		if (i + n <= le && memcmp(s + i, *p, n) == 0)
			return true;
	}
	return false;
}

/* "ADDR was attacked by": the address suffered the deed. */
static bool passive_patient(const char *s, size_t end, size_t b)
{
	size_t i = end, wa;

	while (i < b && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= b || !(byte_class[(unsigned char)s[i]] & B_AUX))
		return false;
	for (const char *const *x = passive_aux; *x; x++) {
		size_t n = strlen(*x), j = i + n;
		if (j >= b || strncasecmp(s + i, *x, n) != 0 || s[j] != ' ')
			continue;
		while (j < b && s[j] == ' ')
			j++;
		wa = j;
		while (j < b && is_alnum(s[j]))
			j++;
		if (!deed_participle(s, wa, j))
			return false;
		while (j < b && s[j] == ' ')
			j++;
		return j + 2 <= b && lower(s[j]) == 'b' &&
		       lower(s[j + 1]) == 'y' &&
		       (j + 2 == b || !word_char(s[j + 2]));
	}
	return false;
}

static size_t line_start(const char *s, size_t off)
{
	size_t lim = off > LINE_LOOK ? off - LINE_LOOK : 0;

	while (off > lim && s[off - 1] != '\n')
		off--;
	return off;
}

static size_t line_end(const char *s, size_t len, size_t off)
{
	size_t lim = len - off > LINE_LOOK ? off + LINE_LOOK : len;

	while (off < lim && s[off] != '\n')
		off++;
	return off;
}

static bool label_in(const char *label, const char *const *set)
{
	if (!label[0])
		return false;
	for (; *set; set++)
		if (strcmp(label, *set) == 0)
			return true;
	return false;
}

/* The "name:" a line starts with, lowercased (after quote marks). */
static void line_label(const char *s, size_t a, size_t b, char out[48])
{
	size_t i = a, n = 0;

	while (i < b &&
	       (s[i] == ' ' || s[i] == '\t' || s[i] == '>' || s[i] == '|'))
		i++;
	while (i < b && n < 47 &&
	       (is_alnum(s[i]) || s[i] == '-' || s[i] == '_'))
		out[n++] = (char)lower(s[i++]);
	out[n] = '\0';
	if (i >= b || s[i] != ':')
		out[0] = '\0';
}

/* A line of a table's rows that its label line stands above: one that
 * starts with a number (an address, a time) or only rules it off
 * ("-----+-----"). A blank line is none: it ends the table. */
static bool row_like(const char *s, size_t a, size_t b)
{
	size_t i = a;

	while (i < b && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i == b)
		return false;
	if (is_digit(s[i]))
		return true;
	for (; i < b; i++)
		if (!strchr("-+|=_ \t", s[i]))
			return false;
	return true;
}

/* Rows above one table row that a scan walks up at most: a run of rows
 * that start with an address is walked once (t caches it), so this only
 * bounds the rows of other kinds above one (log lines that start with a
 * time), which a hostile mail could repeat. */
#define ROWS_UP 32

/* The longest heading, in characters. */
#define HEADING_CHARS 64

/* Whether a sentence ends at s[i] (". ", "!", "?" or the text's end). */
static bool stop_at(const char *s, size_t i, size_t e)
{
	return (s[i] == '.' || s[i] == '!' || s[i] == '?') &&
	       (i + 1 == e || s[i + 1] == ' ');
}

/* Whether a sentence starts at s[i], after ". " within the line that
 * starts at ls. */
static bool sentence_starts(const char *s, size_t ls, size_t i)
{
	return i >= ls + 2 && s[i - 1] == ' ' &&
	       (s[i - 2] == '.' || s[i - 2] == '!' || s[i - 2] == '?');
}

/* Whether the label line s[a..e) ends in words that make its rows the
 * doers ("Our server is attacked from these IPs:", "Unser Server wird
 * von diesen Adressen angegriffen:"): its other words, a victim of
 * theirs ("our server"), are the line's subject, not the rows. Up to
 * two words (the rows' noun, a verb put last) may follow them. */
static bool label_names_doers(const char *s, size_t a, size_t e)
{
	for (int k = 0; k <= 2; k++) {
		while (e > a && (s[e - 1] == ':' || s[e - 1] == ' ' ||
				 s[e - 1] == '\t' || s[e - 1] == '\r'))
			e--;
		for (const char *const *w = agent_words; *w; w++) {
			size_t n = strlen(*w);
			if (e - a >= n &&
			    utf8_starts_folded(s + e - n, n, *w, n) &&
			    (e - n == a || !word_byte(s[e - n - 1])))
				return true;
		}
		while (e > a && word_byte(s[e - 1]))
			e--;
	}
	return false;
}

/* "These are yours:\n\n  192.0.2.1  ...": a heading that ends in a
 * colon, or in the words of the doers ("... Portscans, konkret von den
 * Adressen"), introduces the rows below it across one blank line. When
 * the line [*a, *b) is blank and the one above it is such a heading,
 * that heading becomes the label and true is returned. */
static bool heading_over_blank(const char *s, size_t *a, size_t *b)
{
	size_t i = *a, he, hs;
	bool colon;

	while (i < *b && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
		i++;
	if (i < *b || *a == 0)
		return false;
	he = *a - 1;
	while (he > 0 && (s[he - 1] == ' ' || s[he - 1] == '\r'))
		he--;
	hs = line_start(s, *a - 1);
	if (he <= hs)
		return false;
	colon = s[he - 1] == ':';
	if (!colon && !label_names_doers(s, hs, he))
		return false;
	/* The heading is the sentence the colon ends, and a short one: a
	 * paragraph that ends in a colon ("... listed below for reference
	 * only; these are NOT in your network:") says more than a side.
	 * Words of the doers say it in their last few. */
	i = he - 1;
	while (i > hs && !sentence_starts(s, hs, i))
		i--;
	if (utf8_chars(s + i, he - i) > HEADING_CHARS) {
		if (colon)
			return false;
		for (i = he - HEADING_CHARS; i < he && (s[i] & 0xC0) == 0x80;
		     i++)
			;
	}
	*a = i;
	*b = he;
	return true;
}

/* The line above the row that starts at ls (ls > 0), as [*a, *b): the
 * line before it, or the one above the whole run of rows it is in
 * ("Reflector IP  Proto\n192.0.2.33  NTP\n192.0.2.34  NTP"), whose label
 * is all of theirs, or the heading above a blank line over the run.
 * *heading tells the last. t caches the last run: mentions come in text
 * order. */
static void label_line(const char *s, size_t ls, struct columns *t, size_t *a,
		       size_t *b, bool *heading)
{
	size_t row = ls, pe = ls - 1, ps = line_start(s, pe), n = 0;

	*heading = false;
	if (t && t->run_valid && t->run_last_ls == ps) {
		ps = t->run_label_ls;
		pe = t->run_label_end;
		*heading = t->run_heading;
	} else {
		while (ps > 0 && n++ < ROWS_UP && row_like(s, ps, pe)) {
			pe = ps - 1;
			ps = line_start(s, pe);
		}
		*heading = heading_over_blank(s, &ps, &pe);
	}
	if (t) {
		t->run_valid = true;
		t->run_heading = *heading;
		t->run_last_ls = row;
		t->run_label_ls = ps;
		t->run_label_end = pe;
	}
	*a = ps;
	*b = pe;
}

/* What a heading above a blank line gives each row under it. */
#define HEADING 15

/* When the address stands alone on its line, its label is on the line
 * before ("Source IP:\n  192.0.2.1"), or above the rows of its table;
 * it counts half. */
static void previous_line_score(const char *s, size_t ls, struct columns *t,
				struct ctx *c)
{
	struct ctx p = {0};
	size_t pe, ps;
	bool heading;

	if (ls == 0)
		return;
	label_line(s, ls, t, &ps, &pe, &heading);
	if (pe - ps > WINDOW_LEFT)
		ps = pe - WINDOW_LEFT;
	window_score(s, ps, pe, LEFT, &p);
	if (label_names_doers(s, ps, pe))
		p = (struct ctx){.score = 2 * HEADING, .off = 2 * HEADING};
	/* A heading over a list says which side its rows are on, each row
	 * as much as the next, however strongly it says so: the lists of
	 * one digest under headings of different words stay level. */
	if (heading && p.score)
		c->score += p.score > 0 ? HEADING : -HEADING;
	else
		c->score += p.score / 2;
	c->off += p.off / 2;
	c->vic += p.vic / 2;
	c->men += p.men / 2;
}

static bool only_punct(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (is_alnum(s[i]))
			return false;
	return true;
}

/* Wrapped prose: a cue the line break cuts in two ("My\nscanning host
 * was ADDR", "our\nsandbox ADDR") is read across it when the line above
 * ends in a word and the address' line has words before it. Only such
 * cues count: the words wholly on the line above are another clause's. */
static void wrapped_cues(const char *s, size_t ls, size_t off, struct ctx *c)
{
	char buf[2 * CUE_WORD_MAX + WINDOW_LEFT];
	size_t pe, ps, head = off - ls;

	if (ls < 2 || head + CUE_WORD_MAX + 1 > sizeof buf ||
	    only_punct(s, ls, off))
		return;
	pe = ls - 1;
	if (pe > 0 && s[pe - 1] == '\r')
		pe--;
	if (pe == 0 || !word_char(s[pe - 1]))
		return;
	ps = pe > CUE_WORD_MAX ? pe - CUE_WORD_MAX : 0;
	if (ps < line_start(s, pe))
		ps = line_start(s, pe);
	size_t above = pe - ps;
	memcpy(buf, s + ps, above);
	buf[above] = ' ';
	memcpy(buf + above + 1, s + ls, head);
	window_hits(buf, 0, above + 1 + head, LEFT, above, c);
}

/* Where the token that ends at s[e) starts when it is a date or a time
 * ("13.01.2026", "2026-01-13", "14:02:37"): two or three groups of one or
 * two digits apart by one kind of separator, a year of four at one end;
 * no address, no ticket number ("40-118-227"). Else e. */
static size_t date_or_time_start(const char *s, size_t a, size_t e)
{
	size_t i = e, groups = 0, years = 0, digits = 0;
	char sep = 0;

	for (;;) {
		if (i > a && is_digit(s[i - 1])) {
			i--, digits++;
			continue;
		}
		if (digits == 4)
			years++;
		else if (digits < 1 || digits > 2)
			return e;
		groups++, digits = 0;
		if (i == a || !strchr(".-/:", s[i - 1]) || i - 1 == a ||
		    !is_digit(s[i - 2]) || (sep && s[i - 1] != sep))
			break;
		sep = s[--i];
	}
	if (groups < 2 || groups > 3 || years > 1 ||
	    (i > a && is_alnum(s[i - 1])) || (sep == '.' && groups == 2))
		return e;
	return i;
}

/* The left window stops at the previous clause or number, so that the
 * words about one address are not read as words about the next one. */
/* Whether the dot at s[i - 1] is one of a leader's ("Endereço IP
 * ........ ADDR", "Serviço de destino ..... ADDR"): a run of two or more
 * dots after a space, which joins a label to its value and ends no
 * sentence. An ellipsis comes straight after a word ("it went on..."). */
static bool leader_dot(const char *s, size_t a, size_t i)
{
	size_t j = i;

	while (j > a && s[j - 1] == '.')
		j--;
	return i - j >= 2 && (j == a || s[j - 1] == ' ' || s[j - 1] == '\t');
}

static size_t left_bound(const char *s, size_t ls, size_t off)
{
	size_t a = off - ls > WINDOW_LEFT ? off - WINDOW_LEFT : ls;

	for (size_t i = off; i > a; i--) {
		char c = s[i - 1];
		/* A date or a time between the words and the address is no
		 * other thing they could be about ("checked on 13.01.2026
		 * from ADDR"). */
		size_t d =
		    is_digit(c) && i < off ? date_or_time_start(s, a, i) : i;
		if (d < i) {
			i = d + 1;
			continue;
		}
		if (c == '.' && leader_dot(s, a, i)) {
			while (i > a + 1 && s[i - 2] == '.')
				i--;
			continue;
		}
		if (is_digit(c) || c == ';' ||
		    ((c == '.' || c == '!' || c == '?') && i < off &&
		     s[i] == ' '))
			return i;
	}
	return a;
}

static size_t right_bound(const char *s, size_t end, size_t le)
{
	size_t b = le - end > WINDOW_RIGHT ? end + WINDOW_RIGHT : le;

	for (size_t i = end; i < b; i++) {
		char c = s[i];
		if (is_digit(c) || c == ';' || c == ',' || stop_at(s, i, b))
			return i;
	}
	return b;
}

/* What the words say the address is, when they say it clearly. */
static enum ipscan_hint ctx_hint(const struct ctx *c)
{
	if (c->vic > c->off && c->vic >= c->men)
		return IPSCAN_HINT_VICTIM;
	if (c->men > c->off && c->men > c->vic)
		return IPSCAN_HINT_MENTIONED;
	return c->off > 0 ? IPSCAN_HINT_OFFENDER : IPSCAN_HINT_NONE;
}

/* How far "our shop (www.shop.example, ADDR)" is read: the bytes before
 * the bracket for the owner, and between the bracket and the address. */
#define OWN_HEAD 72
#define OWN_INSIDE 64
enum { OWN_APPOSITION = -45, USER_AT = -30 };

/* Whether one of the own words stands in s[a..b) as a word; a Chinese or
 * Japanese one anywhere, as those scripts have no spaces. */
static bool own_word_in(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i + 1 < b; i++) {
		bool start = i == a || !word_byte(s[i - 1]);
		unsigned lo, hi;
		if (!utf8_heads_has(own_index.seen, s + i))
			continue;
		head_index_at(&own_index, s + i, &lo, &hi);
		for (unsigned k = lo; k < hi; k++) {
			const char *w = own_words[own_index.order[k]];
			size_t n = own_index.len[own_index.order[k]];
			bool cjk = (unsigned char)w[0] >= 0xE3;
			if ((!start && !cjk) ||
			    !utf8_starts_folded(s + i, b - i, w, n))
				continue;
			if (cjk || i + n == b || !word_byte(s[i + n]))
				return true;
		}
	}
	return false;
}

/* Where the bracket that the address at off stands in opens ("(" or the
 * full-width one of Chinese and Japanese), within OWN_INSIDE bytes: *in
 * gets where its inside starts; false when the address is in none. */
static bool open_bracket(const char *s, size_t off, size_t *at, size_t *in)
{
	size_t lim = off > OWN_INSIDE ? off - OWN_INSIDE : 0;

	for (size_t p = off; p > lim; p--) {
		if (s[p - 1] == ')' ||
		    (p >= 3 && memcmp(s + p - 3, "\xef\xbc\x89", 3) == 0))
			return false;
		if (s[p - 1] == '(') {
			*at = p - 1;
			*in = p;
			return true;
		}
		if (p >= 3 && memcmp(s + p - 3, "\xef\xbc\x88", 3) == 0) {
			*at = p - 3;
			*in = p;
			return true;
		}
	}
	return false;
}

/* The owner is among the last words before the bracket ("our EU game
 * cluster (", "il nostro negozio online ("): farther back it owns
 * something else ("Our shop saw attacks (from ..."). */
#define OWN_WORDS 4
/* Inside the bracket, a cue this strong says the address did it
 * ("(attacker 192.0.2.1)"); a label ("(IP 192.0.2.1)", "(sent from
 * ...)") does not. */
#define OWN_INSIDE_OFFENDER 30

/* Where the link word or colon right before the address at off starts
 * ("server at ADDR", "server: ADDR", a table row's "our server<TAB>ADDR");
 * false when there is none. */
static bool link_before(const char *s, size_t off, size_t *at)
{
	size_t e = off, wa, we;

	bool cell = false; /* a tab ends a table's key cell, as a colon */

	while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		cell |= s[--e] == '\t';
	if (e > 0 && (s[e - 1] == ':' || (cell && s[e - 1] != '\n'))) {
		*at = s[e - 1] == ':' ? e - 1 : e;
		return true;
	}
	if (e == off || !last_word(s, e > 16 ? e - 16 : 0, e, &wa, &we) ||
	    (wa > 0 && word_byte(s[wa - 1])))
		return false;
	for (const char *const *w = link_words; *w; w++)
		if (same_word(s + wa, we - wa, *w)) {
			*at = wa;
			return true;
		}
	return false;
}

#define OWN_WORD_LOOK 24

/* "our scanner ADDR", "unser Server ADDR": a first-person possessive and
 * one word right before the address name a thing of the writer's, as a
 * bracket or a link word does (a possessive is followed by a noun, so
 * the one word is no verb: "our firewall blocked ADDR" has two). */
static bool own_noun_before(const char *s, size_t off)
{
	size_t wa, we, e, pe, lim;

	if (!last_word(s, off > 32 ? off - 32 : 0, off, &wa, &we) ||
	    we == off || wa == 0 || (s[wa - 1] != ' ' && s[wa - 1] != '\t'))
		return false;
	/* The possessive is a short word right before: what is farther
	 * or longer is none (and never costs a long walk back). */
	lim = wa > OWN_WORD_LOOK ? wa - OWN_WORD_LOOK : 0;
	e = wa;
	while (e > lim && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	pe = e;
	while (e > lim && word_byte(s[e - 1]))
		e--;
	if (e == lim && lim > 0 && word_byte(s[lim - 1]))
		return false;
	return e < pe && own_word_in(s, e, pe);
}

/* Whether the bytes before i end a clause of Chinese or Japanese: its
 * full stop, comma, enumeration comma, colon, semicolon, ! or ?. */
static bool cjk_stop(const char *s, size_t i)
{
	static const char *const stops[] = {
	    "\xe3\x80\x82", "\xe3\x80\x81", "\xef\xbc\x8c", "\xef\xbc\x9a",
	    "\xef\xbc\x9b", "\xef\xbc\x81", "\xef\xbc\x9f"};

	if (i < 3)
		return false;
	for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++)
		if (memcmp(s + i - 3, stops[k], 3) == 0)
			return true;
	return false;
}

/* Whether p holds the full stop, "!" or "?" of Chinese or Japanese. */
static bool cjk_full_stop(const char *p)
{
	return memcmp(p, "\xe3\x80\x82", 3) == 0 ||
	       memcmp(p, "\xef\xbc\x81", 3) == 0 ||
	       memcmp(p, "\xef\xbc\x9f", 3) == 0;
}

/* "our shop (www.shop.example, ADDR)", "meinen Webserver (ADDR)", "our
 * front-desk server at ADDR": an address in brackets or tied by a link
 * word right after a thing its writer calls theirs is theirs, unless
 * the words before it in the brackets say it offended. */
/* Whether the clause right before p says the writer is the recipient's
 * customer ("Sou cliente de vocês (servidor dedicado, IP ADDR)", "I'm a
 * customer of yours (server ADDR)"): what follows is the writer's own. */
static bool yours_before(const char *s, size_t p)
{
	size_t a = p > OWN_HEAD ? p - OWN_HEAD : 0;

	for (size_t i = p; i > a; i--) {
		char c = s[i - 1];
		if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n') {
			a = i;
			break;
		}
	}
	return ipscan_victim_is_yours(s + a, p - a);
}

static bool owned_apposition(const char *s, size_t off)
{
	size_t p, in, a, words = 0;
	struct ctx inside = {0};

	if (open_bracket(s, off, &p, &in)) {
		window_score(s, in, off, LEFT, &inside);
		if (inside.off >= OWN_INSIDE_OFFENDER)
			return false;
	} else if (!link_before(s, off, &p)) {
		return false;
	}
	a = p > OWN_HEAD ? p - OWN_HEAD : 0;
	for (size_t i = p; i > a; i--) {
		char c = s[i - 1];
		if (c == '(' || c == ')' || cjk_stop(s, i) ||
		    (c && strchr(".!?:;", c) &&
		     (s[i] == ' ' || s[i] == '\n'))) {
			a = i;
			break;
		}
		/* A word starts at i: count it. A host name or a hyphened
		 * word is one ("www.shop.example", "front-desk"). */
		if (word_byte(s[i]) && !word_byte(c) && c != '.' && c != '-' &&
		    ++words > OWN_WORDS) {
			a = i;
			break;
		}
	}
	return own_word_in(s, a, p) || yours_before(s, p);
}

static size_t skip_blanks_back(const char *s, size_t ls, size_t e)
{
	while (e > ls && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	return e;
}

/* Where a joining word or a comma ends s[ls..e) ("ADDR and", "ADDR,"),
 * as the start of the joiner; e when there is none. A word of letters
 * stands after a blank; a CJK one ("、", "和") needs none. */
static size_t joiner_start(const char *s, size_t ls, size_t e)
{
	if (e > ls && (s[e - 1] == ',' || s[e - 1] == '/'))
		return e - 1;
	for (const char *const *w = and_words; *w; w++) {
		size_t n = and_len[w - and_words];
		/* Most words fail on their last byte. */
		if (e - ls < n ||
		    lower(s[e - 1]) != (unsigned char)(*w)[n - 1] ||
		    strncasecmp(s + e - n, *w, n) != 0)
			continue;
		if (!((unsigned char)(*w)[0] & 0x80) &&
		    (e - n == ls || word_char(s[e - n - 1])))
			continue;
		return e - n;
	}
	return e;
}

/* The first address of a list that the address at s[off] ends or
 * continues ("the servers A, B and C"): the text before it back to an
 * address is only a joiner. Returns its offset, or off when there is
 * none. */
static size_t list_head(const char *s, size_t ls, size_t off)
{
	size_t head = off;

	for (int k = 0; k < 64; k++) {
		size_t e = skip_blanks_back(s, ls, head), j, p;
		struct ip_addr a;
		j = joiner_start(s, ls, e);
		if (j == e)
			break;
		j = skip_blanks_back(s, ls, j);
		if (j > ls && s[j - 1] == ',') /* "A, B, and C" */
			j = skip_blanks_back(s, ls, j - 1);
		p = j;
		while (
		    p > ls && j - p < IP_TEXT_MAX &&
		    (is_xdigit(s[p - 1]) || s[p - 1] == '.' || s[p - 1] == ':'))
			p--;
		if (p == j || ip_parse(s + p, j - p, &a) != 0)
			break;
		head = p;
	}
	return head;
}

/* Where a joiner that starts at s[p] ends ("and", ","), or p. */
static size_t joiner_end(const char *s, size_t p, size_t le)
{
	if (p < le && (s[p] == ',' || s[p] == '/'))
		return p + 1;
	for (const char *const *w = and_words; *w; w++) {
		size_t n = and_len[w - and_words];
		if (le - p < n || strncasecmp(s + p, *w, n) != 0)
			continue;
		if (!((unsigned char)(*w)[0] & 0x80) &&
		    (p + n == le || word_char(s[p + n])))
			continue;
		return p + n;
	}
	return p;
}

/* The end of the list that the address ending at s[end] starts or
 * continues ("A and B are not ours", "A, B, and C ..."): the words after
 * its last address are about each. Returns end when none follows. */
static size_t list_end(const char *s, size_t end, size_t le)
{
	for (int k = 0; k < 64; k++) {
		size_t p = end, q, r;
		struct ip_addr a;
		while (p < le && (s[p] == ' ' || s[p] == '\t'))
			p++;
		q = joiner_end(s, p, le);
		if (q == p)
			break;
		while (q < le && (s[q] == ' ' || s[q] == '\t'))
			q++;
		if (s[q - 1] != ',' || (r = joiner_end(s, q, le)) == q)
			r = q;
		while (r < le && (s[r] == ' ' || s[r] == '\t'))
			r++;
		q = r;
		while (r < le && r - q < IP_TEXT_MAX &&
		       (is_xdigit(s[r]) || s[r] == '.' || s[r] == ':'))
			r++;
		if (r == q || ip_parse(s + q, r - q, &a) != 0)
			break;
		end = r;
	}
	return end;
}

/* What context_of() gives a dotted number that is no address (a WHOIS
 * range's bound, a version). The words around an address, however
 * strongly they call it a victim, never sink it that low: a victim is
 * still named. */
#define NOT_AN_ADDRESS (IPSCAN_DROP - 100)

static int words_score(int score)
{
	return score > NOT_AN_ADDRESS ? score : NOT_AN_ADDRESS + 1;
}

/* Whether an address starts at s[i] (a digit or hex after no word
 * byte, parsed by ip_scan as one of seven bytes or more). */
static bool address_at(const char *s, size_t i, size_t e)
{
	return is_xdigit(s[i]) && (i == 0 || !is_alnum(s[i - 1])) &&
	       ip_scan(s + i, e - i, NULL) >= 7;
}

/* The sentence around the address at s[off..end) on its line, as
 * [*a, *b): from after the last ". " (or "。") before it to the next one.
 * False when the sentence names another address than those of its list
 * ("A and B"): then what it says is not about this one alone. */
static bool sole_address_sentence(const char *s, size_t ls, size_t le,
				  size_t off, size_t end, size_t *a, size_t *b)
{
	size_t i = off;

	while (i > ls && !sentence_starts(s, ls, i) &&
	       !(i >= ls + 3 && cjk_full_stop(s + i - 3)))
		i--;
	*a = i;
	size_t head = list_head(s, ls, off);
	for (i = *a; i < head; i++)
		if (address_at(s, i, off))
			return false;
	for (i = end; i < le; i++) {
		if (stop_at(s, i, le) || (i + 3 <= le && cjk_full_stop(s + i)))
			break;
		if (!address_at(s, i, le))
			continue;
		/* One more of the same list ("A and B are not ours"). */
		if (list_head(s, ls, i) > off)
			return false;
		i += ip_scan(s + i, le - i, NULL) - 1;
	}
	*b = i;
	return true;
}

/* How far into the rest of its sentence a denial is looked for. */
#define DENIAL_LOOK 240

/* A denial anywhere in the sentence of a sole address ("The last login,
 * from ADDR, was made by the holder and is not in your network"; "ADDR;
 * that server is not in your network"): the words after the address
 * that say it has no part in the report (data/roles, right mentioned
 * cues) count beyond the clause. Returns the strongest, or 0. */
static int sentence_denial(const char *s, size_t a, size_t b)
{
	int sd = side_index(RIGHT), worst = 0;

	if (b - a > DENIAL_LOOK)
		b = a + DENIAL_LOOK;
	for (size_t i = a; i + 1 < b; i++) {
		unsigned char f[2];
		if (i > a && word_char(s[i - 1]))
			continue;
		utf8_fold_head((unsigned char)s[i], (unsigned char)s[i + 1], f);
		unsigned h = cue_hash(f[0], f[1]);
		for (unsigned k = cue_start[sd][h]; k < cue_start[sd][h + 1];
		     k++) {
			unsigned q = cue_order[sd][k];
			if (cues[q].role == W && cues[q].weight < worst &&
			    cue_at(s, i, b, q) &&
			    !later_pipe(s, a, i, q, RIGHT))
				worst = cues[q].weight;
		}
	}
	return worst;
}

/* A letter, ASCII or not (a UTF-8 byte). */
static bool word_start_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (unsigned char)c >= 0x80;
}

/* The rest of a sentence that wraps onto the next line ("... (a known
 * malware server, not in\nyour network)"): a denial after the address at
 * s[off] is read across the line break, up to the sentence's end, when
 * the address is its sentence's only one. s[tail..le) is the rest of the
 * address' line, which starts at ls. Returns the denial's weight, or 0.
 * Denials are rare: the cheap looks come first. */
static int wrapped_denial(const char *s, size_t len, size_t ls, size_t off,
			  size_t tail, size_t le)
{
	char buf[DENIAL_LOOK + 1];
	size_t n = 0, e = le, ns = le + 1, ne;

	while (e > tail && (s[e - 1] == ' ' || s[e - 1] == '\r'))
		e--;
	if (le >= len || e == tail || stop_at(s, e - 1, e) || s[e - 1] == ':')
		return 0;
	ne = line_end(s, len, ns);
	while (ns < ne && (s[ns] == ' ' || s[ns] == '\t'))
		ns++;
	/* Prose wraps from a word to a word; a log row ends in a number or
	 * a quote and the next row starts with its time or address. */
	if (ns == ne || !word_start_char(s[ns]) ||
	    !(word_start_char(s[e - 1]) || s[e - 1] == ','))
		return 0;
	/* A line as long as the look leaves no room for the next one. */
	if (e - tail >= DENIAL_LOOK)
		return 0;
	for (size_t i = tail; i < e; i++)
		buf[n++] = s[i];
	buf[n++] = ' ';
	for (size_t i = ns; i < ne && n < DENIAL_LOOK && !stop_at(s, i, ne);
	     i++)
		buf[n++] = s[i];
	buf[n] = '\0';
	int d = sentence_denial(buf, 0, n);
	size_t sa, sb;
	if (d == 0 || !sole_address_sentence(s, ls, le, off, tail, &sa, &sb) ||
	    sb != le)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (address_at(buf, i, n))
			return 0;
	return d;
}

/* What a table's column name (or a JSON key) says, for a mention in a
 * row. A column of addresses of no side weighs less than one that names
 * the attacker. */
struct column_side {
	int role, score;
	enum ipscan_hint hint;
};

static const struct column_side column_sides[] = {
    {COLUMN_ROLE_OFFENDER, 25, IPSCAN_HINT_OFFENDER},
    {COLUMN_ROLE_SUBJECT, 15, IPSCAN_HINT_NONE},
    {COLUMN_ROLE_VICTIM, -45, IPSCAN_HINT_VICTIM},
    {COLUMN_ROLE_MENTIONED, -45, IPSCAN_HINT_MENTIONED},
};

/* The side of a COLUMN_ROLE_*, NULL for none. */
static const struct column_side *column_side(int role)
{
	for (size_t i = 0; i < sizeof column_sides / sizeof column_sides[0];
	     i++)
		if (column_sides[i].role == role)
			return &column_sides[i];
	return NULL;
}

/* Whether the address at s[off] is a value in a URL's query
 * ("https://lookup.example/api?ip=ADDR"): a parameter of a link (a
 * lookup, an example), not the host the link leads to. The words
 * around the link are not about it. So is one in the query of a logged
 * request's path ("GET /index.php?page=http://ADDR/shell.txt"): what the
 * request carried (a payload's host), not who sent it. */
static bool in_url_query(const char *s, size_t ls, size_t off)
{
	size_t a = off;
	bool query = false;

	while (a > ls && !strchr(" \t<>\"'()", s[a - 1])) {
		a--;
		if (s[a] == '?')
			query = true;
	}
	if (!query)
		return false;
	if (s[a] == '/')
		return true;
	if (off - a < 8)
		return false;
	for (size_t i = a; i + 3 < off; i++)
		if (s[i] == ':' && s[i + 1] == '/' && s[i + 2] == '/')
			return true;
	return false;
}

/* tcpdump writes the port after a dot: "IP 192.0.2.9.51344 >
 * 198.51.100.1.22: Flags [S]". The end of such a port after the address
 * that ends at s[end]: the source's, followed by " >", or the
 * destination's, after "port > " and followed by ':'; else end. */
#define PORT_DIGITS 5

static bool flow_destination(const char *s, size_t off)
{
	return off >= 4 && s[off - 1] == ' ' && s[off - 2] == '>' &&
	       s[off - 3] == ' ' && is_digit(s[off - 4]);
}

static size_t dotted_port(const char *s, size_t len, size_t off, size_t end)
{
	size_t i = end + 1;

	if (end >= len || s[end] != '.')
		return end;
	while (i < len && i - end <= PORT_DIGITS + 1 && is_digit(s[i]))
		i++;
	if (i == end + 1 || i - end > PORT_DIGITS + 1)
		return end;
	if (i + 1 < len && s[i] == ' ' && s[i + 1] == '>')
		return i;
	return i < len && s[i] == ':' && flow_destination(s, off) ? i : end;
}

/* Where the notation of the address ending at s[end) ends: past a
 * bracket and a port ("[2001:db8::1]:9200", "192.0.2.1:80"), whose
 * digits would otherwise end the words after it. */
static size_t port_tail(const char *s, size_t end, size_t le)
{
	size_t i = end;

	if (i < le && s[i] == ']')
		i++;
	if (i + 1 < le && s[i] == ':' && is_digit(s[i + 1])) {
		i++;
		while (i < le && is_digit(s[i]))
			i++;
		return i;
	}
	return end;
}

/* Whether the line that starts at s[ls] opens as a log's or a table's
 * row does, with a digit or a bracket ("2024-05-06 10:00", "[Wed Dec"):
 * it tells nothing of who the writer is. */
static bool log_like(const char *s, size_t ls, size_t off)
{
	while (ls < off && (s[ls] == ' ' || s[ls] == '\t'))
		ls++;
	return ls < off && (is_digit(s[ls]) || s[ls] == '[');
}

/* Scores the words before the address at s[off], from s[la] (it ends at
 * s[end], NO_SPAN for a list's head). "Our server was attacked by ADDR",
 * "Unser Server wird von ADDR angegriffen", "... ADDR から攻撃": the words
 * before the passive's participle, its agent's preposition or a source's
 * postposition are of the one that suffered the deed, and the address
 * did it. Returns whether it is such an agent. */
static bool left_words(const char *s, size_t la, size_t off, size_t end,
		       size_t le, struct ctx *c)
{
	size_t agent = passive_agent(s, la, off);
	size_t prep = agent == NO_SPAN ? agent_prep_start(s, la, off) : NO_SPAN;

	/* "弊社のサーバーが ADDR から攻撃を受けています": the words before
	 * the address count, but for those of the one attacked. */
	if (agent == NO_SPAN && prep == NO_SPAN && end != NO_SPAN &&
	    agent_post(s, end, le)) {
		struct ctx before = {0};
		window_score(s, la, off, LEFT, &before);
		c->score += before.score + before.vic;
		c->off += before.off;
		c->men += before.men;
		c->strong_other |= before.strong_other && before.men > 0;
		if (before.vic > 0)
			ctx_add(c, AGENT_PREP, W);
		return true;
	}

	window_score(s,
		     agent != NO_SPAN  ? agent
		     : prep != NO_SPAN ? prep
				       : la,
		     off, LEFT, c);
	if (agent != NO_SPAN) {
		ctx_add(c, PASSIVE_AGENT, W);
		return true;
	}
	if (prep == NO_SPAN)
		return false;
	struct ctx patient = {0};
	window_score(s, la, prep, LEFT, &patient);
	if (patient.vic > 0)
		ctx_add(c, AGENT_PREP, W);
	return true;
}

static int context_of(const char *s, size_t len, size_t off, size_t n,
		      struct columns *cols, enum ipscan_hint *hint,
		      bool *strong_other)
{
	size_t ls = line_start(s, off), le = line_end(s, len, off + n);
	size_t tail = dotted_port(s, le, off, off + n);
	if (tail == off + n)
		tail = port_tail(s, off + n, le);
	size_t la = left_bound(s, ls, off), rb = right_bound(s, tail, le);
	struct ctx c = {0};
	char label[48];

	pthread_once(&tables_once, build_tables);
	*hint = IPSCAN_HINT_NONE;
	line_label(s, ls, le, label);
	if (label_in(label, whois_labels))
		return NOT_AN_ADDRESS;
	if (in_url_query(s, ls, off))
		return 0;
	bool agent = left_words(s, la, off, tail, le, &c);
	if (la == ls && !agent)
		wrapped_cues(s, ls, off, &c);
	/* "the targeted servers are A and B": the words before the list
	 * are about each of its addresses. */
	size_t head = list_head(s, ls, off);
	if (head < off)
		left_words(s, left_bound(s, ls, head), head, NO_SPAN, le, &c);
	int men = c.men;
	/* "A and B are displayed in public DNS": the words after the list
	 * are about each of its addresses. */
	size_t lend = list_end(s, tail, le);
	if (lend > tail)
		rb = right_bound(s, lend, le), tail = lend;
	window_score(s, tail, rb, RIGHT, &c);
	size_t sa, sb;
	int den;
	/* A denial the window read already counts once; the sentence is
	 * looked at only when the rest of the line holds one, or when it
	 * wraps onto the next line. */
	if (c.men == men && rb < le && sentence_denial(s, tail, le) < 0 &&
	    sole_address_sentence(s, ls, le, off, tail, &sa, &sb) && sb > rb)
		ctx_add(&c, sentence_denial(s, tail, sb), W);
	else if (c.men == men &&
		 (den = wrapped_denial(s, len, ls, off, tail, le)) < 0)
		ctx_add(&c, den, W);
	if (passive_patient(s, tail, rb))
		ctx_add(&c, PASSIVE_PATIENT, V);
	if (flow_destination(s, off))
		ctx_add(&c, FLOW_DESTINATION, V);
	/* The writer's own thing named by one word ("our scanner ADDR",
	 * "our resolver ADDR", "unserer Sandbox ADDR") is a tool of theirs,
	 * only mentioned, unless the words say it was attacked ("our
	 * customer ADDR was flooded"). */
	if (owned_apposition(s, off))
		ctx_add(&c, OWN_APPOSITION, V);
	else if (c.vic == 0 && own_noun_before(s, off))
		ctx_add(&c, OWN_APPOSITION, W);
	/* "Suntem clienții voștri cu serverul ADDR": after the writer says
	 * they are the recipient's customer, the address is their own,
	 * whatever word of theirs ("client") read as an offender's. */
	else if (c.vic == 0 && c.off > 0 && !log_like(s, ls, off) &&
		 yours_before(s, off))
		ctx_add(&c, OWN_APPOSITION, V);
	/* "sip:100@ADDR", "root@ADDR": the host a user is sought on. */
	if (off > 0 && s[off - 1] == '@')
		ctx_add(&c, USER_AT, V);
	/* A row's column name is read whole; the header line above is not
	 * also a label, even where the column names no role: its words are
	 * the other columns' ("IP  C&C server"). */
	int col = cols ? columns_role(cols, s, len, ls, off, off + n) : 0;
	const struct column_side *side = column_side(col);
	if (col == COLUMN_ROLE_VERSION)
		return NOT_AN_ADDRESS;
	if (side)
		ctx_add(&c, side->score,
			side->hint == IPSCAN_HINT_VICTIM ? V : W);
	else if ((only_punct(s, ls, off) ||
		  (head < off && only_punct(s, ls, head))) &&
		 !(cols && cols->valid))
		/* Alone on its line, or in a list that is ("the
		 * destination servers are\nA and B"). */
		previous_line_score(s, ls, cols, &c);
	if (label_in(label, header_labels))
		return words_score(c.score - 30);
	*hint = ctx_hint(&c);
	if (strong_other)
		*strong_other = c.strong_other;
	return words_score(c.score);
}

void ipscan_add_column(struct ip_cands *c, const struct ip_addr *a, int base,
		       int role)
{
	const struct column_side *side = column_side(role);
	int score = side ? side->score : 0;
	struct ip_cand *m = add_mention(
	    c, a, base + score, false, side ? side->hint : IPSCAN_HINT_NONE, 0);

	/* The reporter's own data names the side outright. */
	if (m && score <= IPSCAN_DISOWNED && base == IPSCAN_TRUST_BODY)
		m->disowned = true;
}

int ipscan_context(const char *s, size_t len, size_t off, size_t n)
{
	enum ipscan_hint hint;

	return context_of(s, len, off, n, NULL, &hint, NULL);
}

/* The length of a range word at s[i] followed by a blank ("bis ",
 * "to ", an en dash); 0 when there is none. */
static size_t range_word_at(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return 0;
	for (const char *const *w = range_words; *w; w++) {
		/* The first byte tells most words apart at once. */
		if (lower(s[i]) != lower((*w)[0]))
			continue;
		size_t n = strlen(*w);
		if (len - i > n && s[i + n] == ' ' &&
		    strncasecmp(s + i, *w, n) == 0)
			return n;
	}
	return 0;
}

/* Whether b ends a range that a starts: in the same /24 (IPv4) or /64
 * (IPv6) and after it. "from 203.0.113.5 to 192.0.2.1" is a path, not a
 * range. */
static bool range_end(const struct ip_addr *a, const struct ip_addr *b)
{
	size_t same = a->family == 4 ? 3 : 8, n = a->family == 4 ? 4 : 16;

	return memcmp(a->b, b->b, same) == 0 && memcmp(a->b, b->b, n) < 0;
}

/* A firewall's "outside:192.0.2.7/51515" (Cisco ASA): an interface's
 * name and a colon before the address, a port after the slash. */
static bool interface_before(const char *s, size_t start)
{
	size_t i = start;

	if (i < 2 || s[i - 1] != ':')
		return false;
	for (i--; i > 0 &&
		  (is_alnum(s[i - 1]) || s[i - 1] == '_' || s[i - 1] == '-');
	     i--)
		;
	return i < start - 1 && !is_digit(s[i]) &&
	       (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t');
}

/* A flow's "ADDR/port->ADDR/port" (Juniper): an arrow right after the
 * port or right before the address. */
static bool flow_end(const char *s, size_t len, size_t start, size_t after)
{
	return (start >= 2 && s[start - 2] == '-' && s[start - 1] == '>') ||
	       (after + 1 < len && s[after] == '-' && s[after + 1] == '>');
}

/* A network ("192.0.2.0/24") or a range ("192.0.2.0 - 192.0.2.255") names
 * no single host. Returns how many bytes after the address that starts at
 * s[start] belong to it (so the second address of a range is skipped), or
 * 0. A number after the slash too big for a prefix, or after an
 * interface's address, is a port. */
static size_t range_tail(const char *s, size_t len, size_t start, size_t end,
			 const struct ip_addr *a)
{
	size_t i = end;

	if (i < len && s[i] == '/' && i + 1 < len &&
	    isdigit((unsigned char)s[i + 1])) {
		unsigned prefix = 0, most = a->family == 4 ? 32u : 128u;
		for (i++;
		     i < len && isdigit((unsigned char)s[i]) && prefix < 1000;
		     i++)
			prefix = prefix * 10 + (unsigned)(s[i] - '0');
		bool host = prefix >= most || interface_before(s, start) ||
			    flow_end(s, len, start, i);
		return host ? 0 : i - end;
	}
	while (i < len && s[i] == ' ')
		i++;
	/* A dash joins any two in order; a word, only two that can end one
	 * range. Two addresses out of order either side of a dash are two
	 * cells of a table ("SRC  -  DST", an empty port between). */
	bool dash = i < len && s[i] == '-';
	size_t w = dash ? 1 : range_word_at(s, len, i);
	if (!w)
		return 0;
	for (i += w; i < len && s[i] == ' '; i++)
		;
	struct ip_addr b;
	size_t n = ip_scan(s + i, len - i, &b);
	return n && b.family == a->family &&
		       (dash ? ip_cmp(a, &b) < 0 : range_end(a, &b))
		   ? i + n - end
		   : 0;
}

/* Whether a dotted quad may start at s: one to three digits and a '.'. */
static bool quad_may_start(const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && k < 4 && is_digit(s[k]))
		k++;
	return k >= 1 && k <= 3 && k < n && s[k] == '.';
}

/* Whether an address may start at s: a quad (quad_may_start()), IPv6 one
 * to four hex digits and a ':', or "::". Cheaper than ip_scan, and true
 * wherever ip_scan finds something. */
static bool may_start(const char *s, size_t n)
{
	size_t k = 0;

	if (n >= 2 && s[0] == ':' && s[1] == ':')
		return true;
	while (k < n && k < 5 && is_xdigit(s[k]))
		k++;
	if (k >= 1 && k <= 4 && k < n && s[k] == ':')
		return true;
	return quad_may_start(s, n);
}

/* The longest key looked at before a colon. */
#define KEY_MAX 32

/* Whether s[i] starts an IPv4 address right after a key's colon
 * ("IP:192.0.2.1", "Quelle:192.0.2.1", "IPアドレス:192.0.2.1"): the word
 * before the colon holds a letter no hex digit is, or a byte of another
 * script; the parts of an IPv6 address ("::ffff:192.0.2.1") are all hex
 * digits. */
static bool after_key_colon(const char *s, size_t len, size_t i)
{
	if (i < 2 || s[i - 1] != ':' || !quad_may_start(s + i, len - i))
		return false;
	for (size_t j = i - 1; j > 0 && i - j <= KEY_MAX; j--) {
		unsigned char c = (unsigned char)s[j - 1];
		if (c >= 0x80 || (is_alnum((char)c) && !is_xdigit((char)c)))
			return true;
		if (!is_alnum((char)c))
			return false;
	}
	return false;
}

/* An address starts after no word character, dot or colon, but for a
 * key's colon. */
static bool starts_candidate(const char *s, size_t len, size_t i)
{
	if (!(byte_class[(unsigned char)s[i]] & B_START))
		return false;
	if (i > 0 && (byte_class[(unsigned char)s[i - 1]] & B_BLOCK) &&
	    !after_key_colon(s, len, i))
		return false;
	return may_start(s + i, len - i);
}

static bool ends_cleanly(const char *s, size_t len, size_t end)
{
	if (end >= len)
		return true;
	char t = s[end];
	char u = end + 1 < len ? s[end + 1] : '\0';
	if (word_char(t) || t == '%')
		return false;
	if (t == '.' && word_char(u))
		return false;
	return !(t == ':' && is_xdigit(u) && !is_digit(u));
}

/* 0.0.0.0 and :: (often just "::" in a table) name no host; neither
 * has a first byte other than 0. */
static bool unspecified(const struct ip_addr *a)
{
	return a->b[0] == 0 && ip_classify(a) == IP_CLASS_UNSPECIFIED;
}

/* Whether s[..i) ends in a product token "Chrome/": a word standing
 * alone before the slash (a URL's path, "/check/", is none). */
static bool product_slash(const char *s, size_t i)
{
	size_t a;

	if (i < 2 || s[i - 1] != '/' || !is_alnum(s[i - 2]))
		return false;
	for (a = i - 1; a > 0 && (is_alnum(s[a - 1]) || s[a - 1] == '-' ||
				  s[a - 1] == '_');
	     a--)
		;
	return a == 0 || s[a - 1] == ' ' || s[a - 1] == '\t' ||
	       s[a - 1] == '(' || s[a - 1] == ';' || s[a - 1] == '"' ||
	       s[a - 1] == '\n';
}

/* A dotted quad right after "Product/" ("Chrome/123.0.0.0") or after a
 * version word is no address. */
static bool version_number(const char *s, size_t i)
{
	size_t e = i, a;

	if (product_slash(s, i))
		return true;
	while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == ':' ||
			 s[e - 1] == '=' || s[e - 1] == '\t'))
		e--;
	a = e;
	while (a > 0 && e - a < 12 && (is_alnum(s[a - 1]) || (s[a - 1] & 0x80)))
		a--;
	if (a == e || (a > 0 && (is_alnum(s[a - 1]) || s[a - 1] & 0x80)))
		return false;
	return word_in(s + a, e - a, version_words);
}

/* Where a scan's addresses go: fn gets each with its context score and
 * returns true to end the scan. */
/* One address found: its words' score and hint, the AS its row names,
 * and whether the writer's own words (not a quote) disown it. */
struct mention {
	int ctx;
	enum ipscan_hint hint;
	uint32_t asn;
	bool disowns;
	unsigned char row_mail; /* IPSCAN_ROW_* */
};

struct sink {
	bool (*fn)(struct sink *k, const struct ip_addr *a,
		   const struct mention *m);
	bool scored;
	const char *recipient; /* for row_mail(), when scored */
};

/* The AS number at s[i..e) ("AS64500", "as 64500", "64500"); 0 when
 * there is none. *end gets where it ends. */
static uint32_t as_number(const char *s, size_t i, size_t e, size_t *end)
{
	uint64_t v = 0;
	size_t d = 0;

	if (i + 1 < e && lower(s[i]) == 'a' && lower(s[i + 1]) == 's') {
		i += 2;
		if (i < e && lower(s[i]) == 'n')
			i++;
		while (i < e && (s[i] == ' ' || s[i] == ':'))
			i++;
	}
	while (i < e && is_digit(s[i]) && d < 10) {
		v = v * 10 + (uint64_t)(s[i++] - '0');
		d++;
	}
	*end = i;
	if (!d || v == 0 || v > UINT32_MAX || (i < e && is_alnum(s[i])))
		return 0;
	return (uint32_t)v;
}

/* The AS its table row names for the address at s[off..]: the cell under
 * an "ASN" column, or an "AS64500" on the row. */
static uint32_t row_asn(const char *s, size_t len, size_t off,
			const struct columns *cols)
{
	size_t ls = line_start(s, off), le = line_end(s, len, off), a, b, end;

	if (columns_cell(cols, s, ls, le, "asn", &a, &b)) {
		while (a < b && s[a] == ' ')
			a++;
		return as_number(s, a, b, &end);
	}
	for (size_t i = ls; i + 2 < le; i++)
		if (s[i] == 'A' && s[i + 1] == 'S' &&
		    (i == ls || !is_alnum(s[i - 1])) && is_digit(s[i + 2]))
			return as_number(s, i, le, &end);
	return 0;
}

/* Whether the mention at s[off] disowns its address: the words call it
 * the attacked side or only mentioned, one cue of them strongly
 * (m->disowns, from context_of()), on a line of the writer's own (a
 * quoted line's "our" is another writer's). */
#define QUOTE_LOOK 4096

static bool disowning(const char *s, size_t off, const struct mention *m)
{
	size_t lim = off > QUOTE_LOOK ? off - QUOTE_LOOK : 0, i = off;

	if (!m->disowns || m->ctx > IPSCAN_DISOWNED_NET ||
	    (m->hint != IPSCAN_HINT_VICTIM && m->hint != IPSCAN_HINT_MENTIONED))
		return false;
	/* The whole line, wrapped or not: a line too long to see the start
	 * of is taken for a quote. */
	while (i > lim && s[i - 1] != '\n')
		i--;
	if (i == lim && lim > 0)
		return false;
	while (i < off && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return s[i] != '>';
}

/* The mail addresses on the line of the address at s[off]: whether one
 * is the recipient's, whether one is another's (IPSCAN_ROW_*). */
static unsigned char row_mail(const char *s, size_t len, size_t off,
			      const char *recipient)
{
	size_t ls = line_start(s, off), le = line_end(s, len, off);
	size_t rn = recipient ? strlen(recipient) : 0, a, b;
	unsigned char seen = 0;
	const char *at = s + ls;

	while (rn && (at = memchr(at, '@', (size_t)(s + le - at)))) {
		if (mailaddr_span(s, ls, le, (size_t)(at - s), &a, &b))
			seen |= b - a == rn &&
					strncasecmp(s + a, recipient, rn) == 0
				    ? IPSCAN_ROW_RECIPIENT
				    : IPSCAN_ROW_OTHER;
		at++;
	}
	return seen;
}

static void scan_refanged(struct sink *k, const char *s, size_t n)
{
	struct columns cols;

	columns_init(&cols);
	for (size_t i = 0; i < n; i++) {
		struct ip_addr a;
		size_t m;

		if (!starts_candidate(s, n, i))
			continue;
		m = ip_scan(s + i, n - i, &a);
		if (!m || (!ends_cleanly(s, n, i + m) &&
			   dotted_port(s, n, i, i + m) == i + m))
			continue;
		size_t tail = range_tail(s, n, i, i + m, &a);
		if (tail) {
			i += m + tail - 1;
			continue;
		}
		if (version_number(s, i)) {
			i += m - 1;
			continue;
		}
		struct mention mn = {0, IPSCAN_HINT_NONE, 0, false, 0};
		if (k->scored) {
			mn.ctx = context_of(s, n, i, m, &cols, &mn.hint,
					    &mn.disowns);
			mn.asn = row_asn(s, n, i, &cols);
			mn.disowns = disowning(s, i, &mn);
			mn.row_mail = row_mail(s, n, i, k->recipient);
		}
		if (mn.ctx > NOT_AN_ADDRESS && !unspecified(&a) &&
		    k->fn(k, &a, &mn))
			return;
		i += m - 1;
	}
}

/* Text without defanged forms is scanned where it lies; only text with
 * them is copied. */
static void scan(struct sink *k, const char *text, size_t len)
{
	size_t at, n;

	pthread_once(&tables_once, build_tables);
	at = next_defang(text, len, 0);
	if (at == len) {
		scan_refanged(k, text, len);
		return;
	}
	char *s = refang_from(text, len, at, &n);
	scan_refanged(k, s, n);
	free(s);
}

struct cands_sink {
	struct sink k; /* first: the scan sees only this */
	struct ip_cands *c;
	int base;
};

static bool add_to_cands(struct sink *k, const struct ip_addr *a,
			 const struct mention *mn)
{
	struct cands_sink *cs = (struct cands_sink *)k;
	/* The reported mail's words are the spammer's, not the reporter's. */
	bool theirs = cs->base <= IPSCAN_TRUST_EMBEDDED;
	struct ip_cand *m =
	    add_mention(cs->c, a, cs->base + mn->ctx, false,
			theirs ? IPSCAN_HINT_NONE : mn->hint, mn->asn);

	/* Only the body says so at length: a subject's "attacks on our
	 * website from ADDR" names the victim beside the address. */
	if (m && mn->disowns && cs->base == IPSCAN_TRUST_BODY)
		m->disowned = true;
	if (m)
		m->row_mail |= mn->row_mail;
	return cs->c->mentions >= IPSCAN_MAX_MENTIONS;
}

static void scan_into(struct ip_cands *c, const char *text, size_t len,
		      int base, bool scored)
{
	struct cands_sink cs = {{add_to_cands, scored, c->recipient}, c, base};

	if (c->mentions < IPSCAN_MAX_MENTIONS)
		scan(&cs.k, text, len);
	if (c->mentions >= IPSCAN_MAX_MENTIONS)
		c->truncated = true;
}

void ipscan_text(struct ip_cands *c, const char *text, size_t len, int base)
{
	scan_into(c, text, len, base, true);
}

void ipscan_addresses(struct ip_cands *c, const char *text, size_t len)
{
	scan_into(c, text, len, 0, false);
}

struct find_sink {
	struct sink k; /* first: the scan sees only this */
	bool (*fn)(const struct ip_addr *a, void *arg);
	void *arg;
	bool found;
};

static bool call_find(struct sink *k, const struct ip_addr *a,
		      const struct mention *mn)
{
	struct find_sink *fs = (struct find_sink *)k;
	struct ip_addr u = *a;

	(void)mn;
	ip_unmap(&u);
	fs->found = fs->fn(&u, fs->arg);
	return fs->found;
}

bool ipscan_find(const char *text, size_t len,
		 bool (*fn)(const struct ip_addr *a, void *arg), void *arg)
{
	struct find_sink fs = {{call_find, false, NULL}, fn, arg, false};

	scan(&fs.k, text, len);
	return fs.found;
}

static int cand_cmp(const void *pa, const void *pb)
{
	const struct ip_cand *a = pa, *b = pb;

	if (a->field != b->field)
		return a->field ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	return a->first < b->first ? -1 : a->first > b->first;
}

void ipscan_sort(struct ip_cands *c)
{
	if (c->n > 1)
		qsort(c->v, c->n, sizeof *c->v, cand_cmp);
	free(c->slots);
	c->slots = NULL;
	c->n_slots = 0;
}

static bool any_address(const struct ip_addr *a, void *arg)
{
	(void)a;
	(void)arg;
	return true;
}

/* The AS named at text[i] ("AS64500", "ASN 64500", "asn: 64500"; not the
 * word "as" before a number, "as 2 hosts"), or 0; *end gets its end. */
static uint32_t named_asn_at(const char *t, size_t ls, size_t i, size_t le,
			     size_t *end)
{
	if ((i > ls && is_alnum(t[i - 1])) || lower(t[i]) != 'a' ||
	    lower(t[i + 1]) != 's')
		return 0;
	if (!(t[i] == 'A' && t[i + 1] == 'S') && lower(t[i + 2]) != 'n')
		return 0;
	return as_number(t, i, le, end);
}

size_t ipscan_named_asns(const char *text, size_t len, uint32_t *out,
			 size_t max, size_t n)
{
	for (size_t ls = 0; ls < len && n < max;) {
		const char *nl = memchr(text + ls, '\n', len - ls);
		size_t le = nl ? (size_t)(nl - text) : len, first = n, end;

		for (size_t i = ls; i + 2 < le && n < max; i++) {
			if ((text[i] | 0x20) != 'a')
				continue;
			uint32_t v = named_asn_at(text, ls, i, le, &end);
			if (v) {
				out[n++] = v;
				i = end;
			}
		}
		/* A line with an address is a row of a table, not words
		 * about the report's networks. */
		if (n > first &&
		    ipscan_find(text + ls, le - ls, any_address, NULL))
			n = first;
		ls = le + 1;
	}
	return n;
}

/* The prose that says who the victim is comes early. */
#define YOURS_SCAN_MAX 16384

/* Whether phrase w (wn bytes) stands at s, in any case, where the text
 * may break a line between its words ("a VPS they rent from\nyou"). */
static bool words_at_wrapped(const char *s, size_t n, const char *w, size_t wn)
{
	size_t i = 0, k = 0;

	while (k < wn) {
		const char *sp = memchr(w + k, ' ', wn - k);
		size_t part = sp ? (size_t)(sp - (w + k)) : wn - k;
		if (!utf8_starts_folded(s + i, n - i, w + k, part))
			return false;
		i += part;
		k += part;
		if (k == wn)
			return true;
		size_t blanks = i;
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' ||
				 s[i] == '\n'))
			i++;
		if (i == blanks)
			return false;
		k++;
	}
	return true;
}

/* Whether the letters of name (lowercase ASCII) stand at s, in any case,
 * a blank or a dash allowed between them ("Maple Wave", "maple-wave"),
 * and end a word. */
static bool name_at(const char *s, size_t n, const char *name)
{
	size_t i = 0;

	for (const char *c = name; *c; c++) {
		while (i < n && c != name && (s[i] == ' ' || s[i] == '-'))
			i++;
		if (i >= n || lower(s[i]) != (unsigned char)*c)
			return false;
		i++;
	}
	return i >= n || !is_alnum(s[i]);
}

/* Whether the third byte of phrase w (wn bytes) cannot be the one at
 * text[i + 2]: a quick no before the whole phrase is compared (ASCII
 * only; a blank of the phrase is any blank of the text). */
static bool third_byte_differs(const char *text, size_t len, size_t i,
			       const char *w, size_t wn)
{
	if (wn < 3 || i + 2 >= len || (unsigned char)w[2] >= 0x80 ||
	    (unsigned char)text[i + 2] >= 0x80)
		return false;
	char t = text[i + 2];
	if (w[2] == ' ')
		return !(t == ' ' || t == '\t' || t == '\r' || t == '\n');
	return (char)lower(t) != w[2];
}

bool ipscan_names_host(const char *text, size_t len, const char *name)
{
	if (!name || strlen(name) < HOST_NAME_MIN)
		return false;
	pthread_once(&tables_once, build_tables);
	if (len > YOURS_SCAN_MAX)
		len = YOURS_SCAN_MAX;
	/* The name is looked for, and then a phrase that ends before it:
	 * most texts never name the recipient. */
	for (size_t i = 0; i < len; i++) {
		if (lower(text[i]) != (unsigned char)name[0] ||
		    (i > 0 && is_alnum(text[i - 1])) ||
		    !name_at(text + i, len - i, name))
			continue;
		size_t e = i;
		while (e > 0 && (text[e - 1] == ' ' || text[e - 1] == '\n'))
			e--;
		for (const char *const *p = yourshost_phrases; *p; p++) {
			size_t pn = strlen(*p);
			if (e >= pn &&
			    strncasecmp(text + e - pn, *p, pn) == 0 &&
			    (e == pn || !is_alnum(text[e - pn - 1])))
				return true;
		}
	}
	return false;
}

bool ipscan_victim_is_yours(const char *text, size_t len)
{
	pthread_once(&tables_once, build_tables);
	if (len > YOURS_SCAN_MAX)
		len = YOURS_SCAN_MAX;
	for (size_t i = 0; i + 1 < len; i++) {
		unsigned lo, hi;
		/* A quoted line is an earlier mail's words, often ours. */
		if (i == 0 || text[i - 1] == '\n') {
			size_t k = i;
			while (k < len && (text[k] == ' ' || text[k] == '\t'))
				k++;
			if (k < len && text[k] == '>') {
				const char *nl =
				    memchr(text + k, '\n', len - k);
				if (!nl)
					break;
				i = (size_t)(nl - text);
				continue;
			}
		}
		/* A phrase starts a word, or with its punctuation
		 * ("ADDR, customer number ..."). */
		if (!utf8_heads_has(yours_index.seen, text + i) ||
		    (i > 0 && is_alnum(text[i - 1]) && is_alnum(text[i])))
			continue;
		head_index_at(&yours_index, text + i, &lo, &hi);
		for (unsigned k = lo; k < hi; k++) {
			size_t w = yours_index.order[k];
			if (third_byte_differs(text, len, i, yours_phrases[w],
					       yours_index.len[w]) ||
			    !words_at_wrapped(text + i, len - i,
					      yours_phrases[w],
					      yours_index.len[w]))
				continue;
			return true;
		}
	}
	return false;
}
