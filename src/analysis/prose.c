/* prose.c: telling a sentence a person wrote from the other things a mail
 * holds. The shapes (JSON, XML, tables, CSV, logs, bare addresses) are
 * told by their characters; commands, keys, signatures and disclaimers by
 * the words in data/problem/LANG.txt. */
#include "prose.h"
#include "core/utf8.h"

#include <ctype.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum lw_kind { LW_CMD, LW_FIELD, LW_KEY, LW_SIGN, LW_QUOTE };

struct lang_word {
	const char *lang;
	enum lw_kind kind;
	const char *text;
};

static const struct lang_word marks[] = {
#include "problem_marks.inc"
};

/* A problem is stated in at least this many words; fewer make a heading,
 * an address with a host name, or a URL. */
#define MIN_WORDS 4
/* ... and a sentence made mostly of numbers (a row of a table without
 * separators) in this many. */
#define NUMERIC_WORDS 6
/* A "key: value" line whose value has fewer words is a field. */
#define FIELD_PROSE_WORDS 8
/* The longest key of a "key: value" line, in bytes and in words. */
#define KEY_MAX 40
#define KEY_WORDS 4

static bool is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* Past the blanks, quote marks, bullets and rules a line may open with. */
static const char *lead(const char *s)
{
	while (*s && (is_space((unsigned char)*s) || strchr("-*>#$[(=_~", *s)))
		s++;
	return s;
}

/* The marks by their first byte (by[first[c]] to by[first[c + 1]]),
 * with their lengths, so that a line start is compared with few of them.
 * Built on first use. */
struct mark {
	const char *text;
	size_t len;
	enum lw_kind kind;
};

static struct mark by[COUNT(marks)];
static uint16_t first[257];
static pthread_once_t marks_once = PTHREAD_ONCE_INIT;

static void index_marks(void)
{
	uint16_t fill[256];

	for (size_t i = 0; i < COUNT(marks); i++)
		first[(unsigned char)marks[i].text[0] + 1]++;
	for (size_t c = 0; c < 256; c++) {
		first[c + 1] += first[c];
		fill[c] = first[c];
	}
	for (size_t i = 0; i < COUNT(marks); i++)
		by[fill[(unsigned char)marks[i].text[0]]++] = (struct mark){
		    marks[i].text, strlen(marks[i].text), marks[i].kind};
}

/* The mark of kind k that starts s and ends there as a word (whole, when
 * n is not 0, s being n bytes long), or NULL. */
static const struct mark *mark_find(const char *s, size_t n, enum lw_kind k)
{
	unsigned char c = (unsigned char)s[0];

	for (size_t i = first[c]; i < first[c + 1]; i++) {
		const struct mark *m = &by[i];
		if (m->kind != k || (n && m->len != n) ||
		    strncmp(s, m->text, m->len) != 0)
			continue;
		if (n || !is_letter((unsigned char)s[m->len]))
			return m;
	}
	return NULL;
}

/* Whether a word of kind k starts s and ends there as a word; *len gets
 * its length. */
static bool mark_at(const char *s, enum lw_kind k, size_t *len)
{
	const struct mark *m = mark_find(s, 0, k);

	if (m)
		*len = m->len;
	return m != NULL;
}

static bool mark_is(const char *s, size_t n, enum lw_kind k)
{
	return n && mark_find(s, n, k);
}

/* Words of letters only (punctuation around them aside): no digits, no
 * dots, slashes or @ inside, which addresses, hosts and URLs have. A run
 * of CJK text, which has no spaces, counts as a sentence's worth.
 * Counting stops at need. */
static size_t plain_words(const char *s, const char *end, size_t need)
{
	size_t n = 0;

	while (s < end && n < need) {
		while (s < end && is_space((unsigned char)*s))
			s++;
		const char *w = s;
		while (s < end && !is_space((unsigned char)*s))
			s++;
		const char *a = w, *b = s;
		while (a < b && strchr("\"'(<[,;:.!?)>]", *a))
			a++;
		while (b > a && strchr("\"'(<[,;:.!?)>]", b[-1]))
			b--;
		size_t letters = 0, high = 0;
		bool plain = b > a;
		for (const char *c = a; c < b; c++) {
			unsigned char u = (unsigned char)*c;
			plain =
			    plain && (is_letter(u) || u == '-' || u == '\'');
			letters += is_letter(u);
			high += u >= 0x80;
		}
		/* Chinese and Japanese write an address or a number into the
		 * sentence without a space: their text still counts. */
		if (high >= 12)
			n += MIN_WORDS;
		else if (plain && letters >= 2)
			n++;
	}
	return n;
}

/* "Key: value" (the key short, of letters, digits, blanks, - _ ', in
 * at most KEY_WORDS words; "your server with the IP: ..." is prose): the
 * value, or NULL. *key_len gets the key's length without blanks. */
static const char *field_value(const char *s, size_t *key_len)
{
	size_t i = 0, words = 1;

	while (s[i] && i < KEY_MAX &&
	       (is_letter((unsigned char)s[i]) ||
		is_digit((unsigned char)s[i]) || strchr(" -_'", s[i]))) {
		words += s[i] == ' ' && s[i + 1] != ' ' && s[i + 1] != ':';
		i++;
	}
	if (words > KEY_WORDS)
		return NULL;
	if (i == 0 || s[i] != ':' || (s[i + 1] && s[i + 1] != ' '))
		return NULL;
	*key_len = i;
	while (*key_len && s[*key_len - 1] == ' ')
		(*key_len)--;
	return *key_len ? s + i + 1 : NULL;
}

/* A field is no statement unless its key announces one ("Issue: ..."),
 * or its value is prose long enough to be one. Header and whois keys
 * never do. */
static bool field_states(const char *low, const char *end, bool *field)
{
	size_t kl;
	const char *v = field_value(low, &kl);

	*field = v != NULL;
	if (!v)
		return true;
	if (mark_is(low, kl, LW_KEY))
		return plain_words(v, end, 1) >= 1;
	if (mark_is(low, kl, LW_FIELD))
		return false;
	return plain_words(v, end, FIELD_PROSE_WORDS) >= FIELD_PROSE_WORDS;
}

bool prose_opens_with_field(const char *low)
{
	size_t kl;

	pthread_once(&marks_once, index_marks);
	return field_value(low, &kl) && mark_is(low, kl, LW_FIELD);
}

/* "curl -v ...", "$ ssh root@192.0.2.1", "...: wget http://...": a
 * command word followed by an option, an address, a host or a URL. */
static bool command_at(const char *s)
{
	size_t n;

	if (!mark_at(s, LW_CMD, &n) || s[n] != ' ')
		return false;
	const char *a = s + n + 1;
	size_t w = strcspn(a, " ");
	return w > 0 && (a[0] == '-' || strcspn(a, "./@:0123456789") < w);
}

static bool has_command(const char *low, const char *start)
{
	if (command_at(start))
		return true;
	for (const char *p = low; (p = strpbrk(p, ":$")); p++) {
		const char *q = p + 1;
		while (*q == ' ')
			q++;
		if (q > p + 1 && command_at(q))
			return true;
	}
	return false;
}

/* Whether the digit at s[i], before a colon, ends an hour: one or two
 * digits standing alone or after the "T" of ISO 8601 ("T10:22"), not
 * the end of an IPv6 group ("2001:db8:85a3::...": "db8", "2001"). */
static bool hour_at(const char *s, size_t i)
{
	size_t digits = 0;

	while (digits <= i && is_digit((unsigned char)s[i - digits]))
		digits++;
	if (digits > 2)
		return false;
	if (digits > i)
		return true;
	unsigned char before = (unsigned char)s[i - digits];
	return before == 't' || before == 'T' || !isalnum(before);
}

/* "2024-01-15 10:22:01 ...", "15.01.2024 10:22", "Jan 15 10:22:01 host
 * sshd[...]": a log line opens with its time. The month abbreviations
 * are syslog's, in every language. A word between the date and the time
 * ("12.03.2026 between 03:10 and ...", any letter not ASCII) makes it a
 * sentence that opens with a date. */
static bool log_line(const char *s)
{
	static const char months[] = "jan feb mar apr may jun jul aug sep oct "
				     "nov dec";
	size_t n = strnlen(s, 32);
	bool clock = false;
	int letters = 0;

	for (size_t i = 0; i + 2 < n && !clock; i++) {
		unsigned char c = (unsigned char)s[i];
		letters = isalpha(c) ? letters + 1 : 0;
		if (c >= 0x80 || letters >= 4)
			return false;
		clock = is_digit(c) && s[i + 1] == ':' &&
			is_digit((unsigned char)s[i + 2]) && hour_at(s, i);
	}
	if (!clock)
		return false;
	if (is_digit((unsigned char)s[0]))
		return true;
	for (const char *m = months; m < months + sizeof months; m += 4)
		if (strncmp(s, m, 3) == 0 && s[3] == ' ')
			return true;
	return false;
}

/* An IPv4 address at s, then a blank or a delimiter: its length, or 0. */
static size_t opening_address(const char *s, size_t n)
{
	size_t i = 0;

	for (int part = 0; part < 4; part++) {
		size_t d = 0;
		while (i < n && d < 3 && is_digit((unsigned char)s[i]))
			i++, d++;
		if (!d || (part < 3 && (i >= n || s[i++] != '.')))
			return 0;
	}
	return i < n && strchr(" \t|;,", s[i]) ? i : 0;
}

/* Whether s[0..n) holds a time of day ("21:14:09") with no word of
 * four letters or more before it: what follows a log line's address
 * (" - - [15/Jan/2024:10:22:01"), not a wrapped sentence's ("aus Ihrem
 * Netz seit 06:15"). */
static bool bare_clock(const char *s, size_t n)
{
	size_t letters = 0;

	for (size_t i = 0; i + 2 < n; i++) {
		unsigned char c = (unsigned char)s[i];
		letters = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
			      ? letters + 1
			      : 0;
		if (letters >= 4)
			return false;
		if (is_digit(c) && s[i + 1] == ':' &&
		    is_digit((unsigned char)s[i + 2]))
			return true;
	}
	return false;
}

/* Columns set apart by runs of blanks ("Reflector IP    Proto  Port"):
 * at least this many such gaps inside the line make it a table's. */
#define ALIGNED_GAPS 3

/* Whether s[0..n) is aligned in columns: gaps of two blanks or more
 * inside it, not counting those after a full stop, which some people
 * type between sentences. */
static bool aligned(const char *s, size_t n)
{
	size_t gaps = 0, i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	for (; i + 2 < n; i++) {
		if (s[i] == '\t' || (s[i] == ' ' && s[i + 1] == ' ' && i > 0 &&
				     !strchr(".!?:", s[i - 1]))) {
			gaps++;
			while (i + 1 < n &&
			       (s[i + 1] == ' ' || s[i + 1] == '\t'))
				i++;
		}
	}
	return gaps >= ALIGNED_GAPS;
}

/* How far into a line an address row's time is looked for. */
#define ROW_CLOCK_LOOK 64

/* " - 4.812 login attempts" after an opening address: a list's row that
 * gives a count. */
static bool dash_count(const char *s, size_t n)
{
	return n >= 4 && s[0] == ' ' && (s[1] == '-' || s[1] == ':') &&
	       s[2] == ' ' && is_digit((unsigned char)s[3]);
}

bool prose_log_row(const char *s, size_t n)
{
	char low[32];
	size_t i = 0, k, a;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	for (k = 0; k + 1 < sizeof low && i + k < n; k++)
		low[k] = (char)tolower((unsigned char)s[i + k]);
	low[k] = '\0';
	if (log_line(low) || aligned(s, n))
		return true;
	a = opening_address(s + i, n - i);
	if (!a)
		return false;
	/* "192.0.2.1\t...", "192.0.2.1 | ...", "192.0.2.1,22,tcp" and
	 * "192.0.2.1    NTP": a row; "192.0.2.1, which ..." wraps prose. */
	if (strchr("\t|;", s[i + a]) ||
	    (a + 1 < n - i && s[i + a + 1] != ' ' && s[i + a] == ',') ||
	    (a + 1 < n - i && s[i + a] == ' ' && s[i + a + 1] == ' ') ||
	    dash_count(s + i + a, n - i - a))
		return true;
	return bare_clock(
	    s + i + a, n - i - a < ROW_CLOCK_LOOK ? n - i - a : ROW_CLOCK_LOOK);
}

/* Whether p is the first colon of a time ("02:10", "02:10:00") or of an
 * address with its port ("192.0.2.1:22"), which begin at s or later. */
static bool clock_at(const char *s, const char *p)
{
	if (*p != ':' || p == s || !is_digit((unsigned char)p[-1]) ||
	    !is_digit((unsigned char)p[1]))
		return false;
	const char *q = p - 1;
	while (q > s && is_digit((unsigned char)q[-1]))
		q--;
	return q == s || q[-1] != ':';
}

/* Whether the word before s[eq] ('=') is a key standing alone: letters,
 * digits and '_' back to a blank or the start. */
static bool log_key(const char *s, const char *eq)
{
	const char *k = eq;

	while (k > s && (is_letter((unsigned char)k[-1]) ||
			 is_digit((unsigned char)k[-1]) || k[-1] == '_'))
		k--;
	return k < eq && is_letter((unsigned char)*k) &&
	       (k == s || is_space((unsigned char)k[-1]));
}

/* JSON, XML, table rows, CSV rows and a log's key=value pairs (three
 * times or more make a log or a table), told by their characters;
 * *numeric says whether numbers (addresses, times, counts) make most of
 * it. */
static bool data_shape(const char *orig, bool *numeric)
{
	size_t bars = 0, seps = 0, quotes_colon = 0, angles = 0, keys = 0,
	       pairs = 0, clocks = 0, digits = 0, ink = 0;
	const char *s = orig;

	while (is_space((unsigned char)*s))
		s++;
	*numeric = false;
	if (*s == '{' || *s == '<')
		return true;
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p, next = (unsigned char)p[1];
		/* Letters and blanks, most of any text, count as ink only. */
		if (is_letter(c) || is_space(c)) {
			ink += !is_space(c);
			continue;
		}
		bars += c == '|';
		angles += c == '<';
		quotes_colon += c == '"' && next == ':';
		/* "IP address: ... Port: ... Malware: ...": fields run
		 * together. */
		keys += c == ':' && p > s && is_letter((unsigned char)p[-1]) &&
			(is_space(next) ||
			 (next == 0xC2 && (unsigned char)p[2] == 0xA0));
		/* "date=2026-03-22 time=01:12:44 devname=...": a log's
		 * key=value pairs (not a URL's query). */
		pairs += c == '=' && next && !is_space(next) && log_key(s, p);
		/* "a,b,c" and "a;b;c", not "1,204" nor "a, b". */
		seps += (c == ',' || c == ';') && next && !is_space(next) &&
			!(p > s && is_digit((unsigned char)p[-1]) &&
			  is_digit(next));
		clocks += clock_at(s, p);
		digits += is_digit(c) || c == '.' || c == ':';
		ink++;
	}
	*numeric = digits * 5 > ink * 2;
	return bars >= 2 || quotes_colon >= 2 || angles >= 2 || seps >= 3 ||
	       keys >= 3 || pairs >= 3 || clocks >= 3;
}

/* A caption holds at most this many words; one word alone ("Details:",
 * or a sentence in a script written without spaces) is judged as it is. */
#define CAPTION_WORDS 5

bool prose_caption(const char *orig)
{
	size_t n = strlen(orig), words = 0;

	while (n && is_space((unsigned char)orig[n - 1]))
		n--;
	if (!n || orig[n - 1] != ':')
		return false;
	for (size_t i = 0; i < n; i++)
		words += !is_space((unsigned char)orig[i]) &&
			 (i == 0 || is_space((unsigned char)orig[i - 1]));
	return words >= 2 && words <= CAPTION_WORDS;
}

/* A value of fewer words names a kind ("Threat Type: Credential
 * Phishing"), which the category says already; a longer one states the
 * problem ("Event Type: Network Hosted Phishing", "Issue: Client software
 * hosts (IE: botnets)"). */
#define ANNOUNCED_WORDS 3

bool prose_announces_problem(const char *low)
{
	size_t kl;
	const char *start = lead(low), *value;

	pthread_once(&marks_once, index_marks);
	value = field_value(start, &kl);
	return value && mark_is(start, kl, LW_KEY) &&
	       plain_words(value, value + strlen(value), ANNOUNCED_WORDS) >=
		   ANNOUNCED_WORDS;
}

bool prose_is_statement(const char *orig, const char *low)
{
	const char *start = lead(low), *end = low + strlen(low);
	size_t n;
	bool field, numeric;

	pthread_once(&marks_once, index_marks);
	if (data_shape(orig, &numeric) || prose_log_row(start, strlen(start)) ||
	    mark_at(start, LW_SIGN, &n) || has_command(low, start))
		return false;
	if (!field_states(start, end, &field))
		return false;
	if (field)
		return true;
	n = numeric ? NUMERIC_WORDS : MIN_WORDS;
	return plain_words(start, end, n) >= n;
}

/* The longest separator line looked at. */
#define SEPARATOR_MAX 96

static bool rule_byte(char c)
{
	return c == '-' || c == '_' || c == '=' || c == '*';
}

/* The line s[*a..*e) without its blanks at either end. */
static void trim_line(const char *s, size_t *a, size_t *e)
{
	while (*a < *e && is_space((unsigned char)s[*a]))
		(*a)++;
	while (*e > *a &&
	       (is_space((unsigned char)s[*e - 1]) || s[*e - 1] == '\r'))
		(*e)--;
}

/* A closing is a few words ("Mit freundlichen Grüßen" is 24 bytes): a
 * longer line is none, and is not lowercased to be sure. */
#define CLOSING_MAX 40

bool prose_closing_line(const char *s, size_t n)
{
	char low[CLOSING_MAX + 1];
	size_t a = 0, e = n;

	if (n > CLOSING_MAX + 8)
		return false;
	trim_line(s, &a, &e);
	while (e > a && strchr(",.!", s[e - 1]))
		e--;
	if (e == a || e - a > CLOSING_MAX)
		return false;
	utf8_lower(low, s + a, e - a);
	low[e - a] = '\0';
	pthread_once(&marks_once, index_marks);
	return mark_is(low, e - a, LW_SIGN);
}

bool prose_header_line(const char *s, size_t n)
{
	size_t k = 0;

	if (n > 0 && (s[0] == ' ' || s[0] == '\t'))
		return true;
	while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '-'))
		k++;
	return k > 0 && k < n && s[k] == ':';
}

bool prose_rule_line(const char *s, size_t n)
{
	size_t a = 0, e = n, k = 0;

	trim_line(s, &a, &e);
	for (size_t i = a; i < e; i++)
		if (rule_byte(s[i]))
			k++;
		else if (!is_space((unsigned char)s[i]))
			return false;
	return k >= 10;
}

bool prose_framed_separator(const char *s, size_t n)
{
	size_t a = 0, e = n;

	trim_line(s, &a, &e);
	return e - a > 6 && rule_byte(s[a]) && s[a + 1] == s[a] &&
	       s[a + 2] == s[a] && s[e - 1] == s[a] && s[e - 2] == s[a] &&
	       s[e - 3] == s[a];
}

bool prose_reply_separator(const char *s, size_t n)
{
	char low[SEPARATOR_MAX + 1];
	size_t a = 0, e = n, len, k;

	trim_line(s, &a, &e);
	/* Most lines fail here: a separator opens with a rule or ends in
	 * one or a colon. */
	if (e == a || e - a > SEPARATOR_MAX ||
	    !(rule_byte(s[a]) || rule_byte(s[e - 1]) || s[e - 1] == ':'))
		return false;
	k = e - a;
	utf8_lower(low, s + a, k);
	low[k] = '\0';
	pthread_once(&marks_once, index_marks);
	const char *p = lead(low);
	if (!mark_at(p, LW_QUOTE, &len))
		return false;
	/* A remark in brackets may follow ("(first 300 characters)"). */
	for (p += len; *p; p++) {
		if (*p == '(' && strchr(p, ')'))
			p = strchr(p, ')');
		else if (!rule_byte(*p) && !is_space((unsigned char)*p) &&
			 *p != ':')
			return false;
	}
	return true;
}
