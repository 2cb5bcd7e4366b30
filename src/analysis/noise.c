/* noise.c: signals that a report is bulk noise, acknowledgements that are
 * no report, case references and the unsubscribe target. Phrase tables
 * first, then the small readers that use them. */
#include "analysis/noise.h"
#include "core/mailaddr.h"
#include "core/utf8.h"
#include "core/bytes.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The phrases of every kind, from data/noise/phrases.txt (the kinds are
 * described there); the Makefile turns that file into the rows. */
enum np_kind {
	NP_REMINDER,
	NP_THREAT,
	NP_BOILERPLATE,
	NP_ACK,
	NP_CLOSED,
	NP_PUBLICATION,
	NP_SUBSCRIPTION,
	NP_REPLY,
	NP_BOUNTY,
	NP_OPTOUT
};

struct noise_phrase {
	const char *file;
	enum np_kind kind;
	const char *text; /* lowercase */
};

static const struct noise_phrase phrases[] = {
#include "noise_phrases.inc"
};

/* The lowercase of text's first NOISE_SCAN_MAX bytes, NUL-terminated. */
static char *lower_prefix(const char *text, size_t len)
{
	size_t n = len < NOISE_SCAN_MAX ? len : NOISE_SCAN_MAX;
	char *s = xmalloc(n + 1);

	utf8_lower(s, text, n);
	s[n] = '\0';
	return s;
}

static void add_signal(struct report *r, const char *signal)
{
	if (!report_has_noise_signal(r, signal))
		report_add_noise_signal(r, signal);
}

/* The phrases by a hash of their first three bytes (every phrase has
 * three or more), so that the text is read once for all of them and a
 * place no phrase starts at costs one look-up. */
#define NP_KINDS (NP_OPTOUT + 1)
#define HEAD_HASHES 65536
#define HEAD_BUCKETS 1024
#define KIND(k) (1u << (k))

_Static_assert(COUNT(phrases) < UINT16_MAX, "phrase index is 16 bits");
_Static_assert(NP_KINDS <= 16, "a kind is a bit of kinds_at");

/* For each hash of three bytes, the kinds of the phrases that start so:
 * a place costs one look-up when no phrase of the kinds asked for starts
 * there. */
static uint16_t kinds_at[HEAD_HASHES];
static uint16_t by_head[COUNT(phrases)];
static uint16_t bucket_start[HEAD_BUCKETS + 1];
static size_t phrase_len[COUNT(phrases)];
/* The first four bytes (three for a phrase of three), to tell most
 * places that share a hash apart before memcmp(). */
static uint32_t phrase_head[COUNT(phrases)], head_mask[COUNT(phrases)];
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

static unsigned head3(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	return ((unsigned)u[0] << 9 ^ (unsigned)u[1] << 4 ^ u[2] ^
		(unsigned)u[2] << 12) &
	       (HEAD_HASHES - 1);
}

static void build_index(void)
{
	uint16_t fill[HEAD_BUCKETS] = {0};

	for (size_t i = 0; i < COUNT(phrases); i++) {
		unsigned h = head3(phrases[i].text);
		phrase_len[i] = strlen(phrases[i].text);
		/* The NUL of a three-byte phrase is read, and masked. */
		head_mask[i] = phrase_len[i] > 3 ? UINT32_MAX
						 : bytes_load4("\xff\xff\xff");
		phrase_head[i] = bytes_load4(phrases[i].text) & head_mask[i];
		kinds_at[h] |= (uint16_t)KIND(phrases[i].kind);
		bucket_start[h % HEAD_BUCKETS + 1]++;
	}
	for (size_t b = 0; b < HEAD_BUCKETS; b++)
		bucket_start[b + 1] += bucket_start[b];
	for (size_t i = 0; i < COUNT(phrases); i++) {
		unsigned b = head3(phrases[i].text) % HEAD_BUCKETS;
		by_head[bucket_start[b] + fill[b]++] = (uint16_t)i;
	}
}

/* The prefixes of the text that the readers judge by (the limits of
 * struct noise_text's rows). */
static const size_t text_limits[NOISE_TEXT_LIMITS] = {
    NOISE_MARKS_BYTES, NOISE_NEWSLETTER_BYTES, NOISE_SCAN_MAX};

/* For each phrase in the lowercase text s[0..n) (NUL-terminated), calls
 * found() at its first place: one pass for all of them. */
static void each_phrase(const char *s, size_t n,
			void (*found)(void *arg, size_t p, size_t at),
			void *arg)
{
	bool seen[COUNT(phrases)] = {false};

	pthread_once(&index_once, build_index);
	/* s[i + 3] is at most the NUL: four bytes can be read. */
	for (size_t i = 0; i + 2 < n; i++) {
		unsigned h = head3(s + i);
		if (!kinds_at[h])
			continue;
		uint32_t w = bytes_load4(s + i);
		unsigned b = h % HEAD_BUCKETS;
		for (unsigned k = bucket_start[b]; k < bucket_start[b + 1];
		     k++) {
			unsigned p = by_head[k];
			if (seen[p] || (w & head_mask[p]) != phrase_head[p] ||
			    phrase_len[p] > n - i ||
			    memcmp(s + i, phrases[p].text, phrase_len[p]) != 0)
				continue;
			seen[p] = true;
			found(arg, p, i);
		}
	}
}

static void count_in_subject(void *arg, size_t p, size_t at)
{
	struct noise_text *t = arg;

	(void)at;
	t->subject[phrases[p].kind]++;
}

/* A phrase counts in each prefix that holds all of it; its first place
 * is its earliest. */
static void count_in_text(void *arg, size_t p, size_t at)
{
	struct noise_text *t = arg;

	for (size_t l = 0; l < NOISE_TEXT_LIMITS; l++)
		if (at + phrase_len[p] <= text_limits[l])
			t->text[l][phrases[p].kind]++;
	if (phrases[p].kind == NP_CLOSED && at < t->closed_at)
		t->closed_at = at;
}

_Static_assert(NP_KINDS == NOISE_KINDS, "noise.h counts every kind");

void noise_text_read(struct noise_text *t, const char *subject,
		     const char *text, size_t len)
{
	char *subj =
	    lower_prefix(subject ? subject : "", subject ? strlen(subject) : 0);
	char *low = lower_prefix(text, len);

	memset(t, 0, sizeof *t);
	t->closed_at = SIZE_MAX;
	each_phrase(subj, strlen(subj), count_in_subject, t);
	each_phrase(low, strlen(low), count_in_text, t);
	free(subj);
	free(low);
}

void noise_signals(struct report *r, const struct noise_headers *h,
		   const struct noise_text *t)
{
	const int *body = t->text[NOISE_TEXT_ALL], *head = t->subject;

	if (r->auto_submitted)
		add_signal(r, "auto-submitted");
	if (h->precedence && (strcasecmp(h->precedence, "bulk") == 0 ||
			      strcasecmp(h->precedence, "list") == 0 ||
			      strcasecmp(h->precedence, "junk") == 0))
		add_signal(r, "bulk");
	if (h->list_unsubscribe)
		add_signal(r, "list-unsubscribe");
	if (body[NP_REMINDER] || head[NP_REMINDER])
		add_signal(r, "reminder");
	if (body[NP_THREAT] || head[NP_THREAT])
		add_signal(r, "threat");
	if (body[NP_BOILERPLATE] >= 2)
		add_signal(r, "boilerplate");
	/* Two marks of a beg for a bounty: a finder who reports the
	 * recipient's own site and asks to be paid ("bug bounty", "reward
	 * me", "PayPal"). */
	if (body[NP_BOUNTY] + head[NP_BOUNTY] >= 2)
		add_signal(r, "bounty");
	if (r->case_ref)
		add_signal(r, "case-id");
	if (!r->action)
		add_signal(r, "no-action");
}

/* The signals that say a machine sent the report to many. */
static const char *const bulk_signals[] = {"bulk", "reminder", "threat",
					   "list-unsubscribe", "known-bulk"};

void noise_judge(struct report *r)
{
	bool bulk = false;

	for (size_t i = 0; i < COUNT(bulk_signals); i++)
		bulk = bulk || report_has_noise_signal(r, bulk_signals[i]);
	r->automated = !r->action || r->auto_submitted || bulk ||
		       (r->category && strcmp(r->category, "copyright") == 0);
	r->human = r->format == REPORT_FORMAT_PLAIN ||
		   r->format == REPORT_FORMAT_FORWARDED;
}

void noise_marks_read(const struct noise_text *t, struct noise_marks *m)
{
	const int *body = t->text[NOISE_TEXT_MARKS], *head = t->subject;

	m->ack_in_subject = head[NP_ACK] > 0;
	m->ack = m->ack_in_subject || body[NP_ACK] > 0;
	m->closed = head[NP_CLOSED] > 0 || body[NP_CLOSED] > 0;
}

bool noise_is_newsletter(const struct noise_text *t)
{
	/* Both marks sit near the start or the end of a short mail. */
	const int *body = t->text[NOISE_TEXT_NEWSLETTER], *head = t->subject;

	return (head[NP_PUBLICATION] > 0 || body[NP_PUBLICATION] > 0) &&
	       body[NP_SUBSCRIPTION] > 0;
}

bool noise_subject_is_reply(const char *subject)
{
	const char *s = subject ? subject : "";

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s != '[')
			break;
		const char *end = strchr(s, ']');
		if (!end)
			return false;
		s = end + 1;
	}
	for (size_t i = 0; i < COUNT(phrases); i++)
		if (phrases[i].kind == NP_REPLY &&
		    strncasecmp(s, phrases[i].text, strlen(phrases[i].text)) ==
			0)
			return true;
	return false;
}

/* Copies the id that follows p: letters, digits and "-_#:/". */
static char *take_id(const char *p)
{
	size_t n = 0;

	while (*p == ' ' || *p == '#' || *p == ':' || *p == '=')
		p++;
	while (p[n] &&
	       (isalnum((unsigned char)p[n]) || strchr("-_#/.", p[n])) &&
	       n < 64)
		n++;
	while (n && strchr("-_#/.", p[n - 1]))
		n--;
	for (size_t i = 0; i < n; i++)
		if (isdigit((unsigned char)p[i]))
			return xstrndup(p, n);
	return NULL;
}

static const char *const case_labels[] = {
    "case id",	   "case-id",	"case number", "case #",    "case:",
    "ticket#",	   "ticket #",	"ticket id",   "ticket:",   "ticket number",
    "incident id", "notice id", "report-id",   "report id", "abuseid",
    "reference:",  "[#",	"#",	       NULL};

/* A bare "#123" counts only in a subject: in text it is too common. */
static char *case_ref_in(const char *s, bool subject)
{
	char *low = lower_prefix(s, strlen(s));
	char *id = NULL;

	for (const char *const *l = case_labels; *l && !id; l++) {
		if (!subject && strchr(*l, '#') == *l + strlen(*l) - 1 &&
		    strlen(*l) <= 2)
			continue;
		const char *hit = strstr(low, *l);
		if (hit)
			id = take_id(s + (hit - low) + strlen(*l));
	}
	free(low);
	return id;
}

char *noise_case_ref(const char *subject, const char *text, size_t len)
{
	char *id = subject ? case_ref_in(subject, true) : NULL;

	if (!id && text) {
		char *head = xstrndup(text, len < 4096 ? len : 4096);
		id = case_ref_in(head, false);
		free(head);
	}
	return id;
}

/* One "<...>" entry of List-Unsubscribe with the given scheme. */
static char *list_entry(const char *v, const char *scheme)
{
	for (const char *p = v; (p = strchr(p, '<')); p++) {
		const char *e = strchr(p, '>');
		if (!e)
			return NULL;
		if (strncasecmp(p + 1, scheme, strlen(scheme)) == 0)
			return xstrndup(p + 1, (size_t)(e - p - 1));
	}
	return NULL;
}

/* The web entry: https, else plain http (which the one asking to use it
 * must confirm twice, see actions/unsubscribe.h). */
static char *web_entry(const char *v)
{
	char *url = list_entry(v, "https:");

	return url ? url : list_entry(v, "http:");
}

/* Where the sentence holding pos begins: after the last full stop or
 * blank line before it, at most 200 bytes back. */
static size_t sentence_start(const char *text, size_t pos)
{
	size_t lim = pos > 200 ? pos - 200 : 0;

	for (size_t i = pos; i > lim; i--)
		if ((text[i - 1] == '.' &&
		     (text[i] == ' ' || text[i] == '\n')) ||
		    (text[i - 1] == '\n' && text[i] == '\n'))
			return i;
	return lim;
}

static void note_optout(void *arg, size_t p, size_t at)
{
	(void)at;
	if (phrases[p].kind == NP_OPTOUT)
		*(bool *)arg = true;
}

/* Whether low[from, to) speaks of receiving no more mail ("to
 * unsubscribe, reply with ..."): "reply with the incident ID in the
 * subject" is how to answer a report, not how to leave a list. */
static bool says_optout(const char *low, size_t from, size_t to)
{
	char *sentence = xstrndup(low + from, to - from);
	bool yes = false;

	each_phrase(sentence, strlen(sentence), note_optout, &yes);
	free(sentence);
	return yes;
}

/* Whether low[from, to) asks for a mail: "reply", "send", "mail",
 * "write". */
static bool asks_for_mail(const char *low, size_t from, size_t to)
{
	static const char *const verbs[] = {"reply", "send", "mail", "write"};
	char *sentence = xstrndup(low + from, to - from);
	bool yes = false;

	for (size_t i = 0; !yes && i < COUNT(verbs); i++)
		yes = strstr(sentence, verbs[i]) != NULL;
	free(sentence);
	return yes;
}

/* s past the words that introduce the keyword: "with the word REMOVE". */
static const char *past_filler(const char *s)
{
	static const char *const fillers[] = {"the ",	"a ",	    "word ",
					      "words ", "keyword ", "text "};

	for (size_t i = 0; i < COUNT(fillers); i++) {
		size_t n = strlen(fillers[i]);
		if (strncasecmp(s, fillers[i], n) == 0) {
			s += n;
			while (*s == '"' || *s == '\'' ||
			       isspace((unsigned char)*s))
				s++;
		}
	}
	return s;
}

/* The word between "with" and hit, quotes and spaces around it dropped. */
static char *with_word(const char *text, const char *low, const char *hit,
		       size_t *with_at)
{
	const char *w = hit;
	size_t lim = 0;

	while (w > low && lim++ < 60 &&
	       !(strncmp(w, "with", 4) == 0 && isspace((unsigned char)w[4])))
		w--;
	if (strncmp(w, "with", 4) != 0 || !isspace((unsigned char)w[4]))
		return NULL;
	*with_at = (size_t)(w - low);
	const char *s = text + (w - low) + 5;
	while (*s == '"' || *s == '\'' || isspace((unsigned char)*s))
		s++;
	s = past_filler(s);
	size_t n = strcspn(s, "\"' \t\r\n");
	if (n == 0 || n >= 40 || s + n > text + (hit - low))
		return NULL;
	return xstrndup(s, n);
}

/* "reply with REMOVE in the subject" (the word) and, when the sentence
 * names one, the address to write to ("send a mail to x@y.example with
 * ..."), in *address. */
/* Whether the part of text lower_prefix() reads says "subject" in any
 * case: its rare "j" is looked for first, so that most mails are not
 * copied at all. */
static bool says_subject(const char *text, size_t len)
{
	size_t n = len < NOISE_SCAN_MAX ? len : NOISE_SCAN_MAX;

	for (const char *j = text; (j = strpbrk(j, "jJ")); j++) {
		size_t at = (size_t)(j - text);
		if (at + 4 > n)
			return false;
		if (at >= 3 && strncasecmp(j - 3, "subject", 7) == 0)
			return true;
	}
	return false;
}

static char *reply_word(const char *text, size_t len, char **address)
{
	char *low;
	const char *hit;
	size_t with_at = 0, from;
	char *word;

	*address = NULL;
	if (!says_subject(text, len))
		return NULL;
	low = lower_prefix(text, len);
	/* The instruction may be wrapped anywhere: line ends read as spaces
	 * (same length, so offsets into text still hold). */
	for (char *p = low; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	hit = strstr(low, "in the subject");
	word = hit ? with_word(text, low, hit, &with_at) : NULL;

	*address = NULL;
	if (word) {
		from = sentence_start(text, with_at);
		if (asks_for_mail(low, from, (size_t)(hit - low)) &&
		    says_optout(low, from, (size_t)(hit - low)))
			*address =
			    mailaddr_first(text, from, (size_t)(hit - low));
		else {
			free(word);
			word = NULL;
		}
	}
	free(low);
	return word;
}

/* The order of methods: an RFC 8058 one-click URL, an RFC 2369 mailto,
 * the body's instruction, and last a web page only a person can use. */
void noise_unsubscribe(struct report *r, const struct noise_headers *h,
		       const char *text, size_t len)
{
	const char *v = h->list_unsubscribe;
	bool one_click = h->list_unsubscribe_post &&
			 strcasestr(h->list_unsubscribe_post, "One-Click");
	char *web = v ? web_entry(v) : NULL;
	char *mailto = v ? list_entry(v, "mailto:") : NULL;
	char *word = NULL, *address = NULL;

	if (web && one_click) {
		r->unsub_method = REPORT_UNSUB_HTTPS;
		r->unsub_target = web;
		r->unsub_one_click = true;
		web = NULL;
	} else if (mailto) {
		r->unsub_method = REPORT_UNSUB_MAILTO;
		r->unsub_target = mailto;
		mailto = NULL;
	} else if ((word = reply_word(text, len, &address))) {
		r->unsub_method = REPORT_UNSUB_REPLY;
		r->unsub_target = word;
		r->unsub_address = address;
	} else if (web) {
		r->unsub_method = REPORT_UNSUB_HTTPS;
		r->unsub_target = web;
		web = NULL;
	}
	free(web);
	free(mailto);
}
