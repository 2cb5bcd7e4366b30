/* columns.c: reads the header line of a table of addresses and tells,
 * for an address in a row, what its column is called. Each line is
 * looked at a bounded number of times: a header is looked for only above
 * the first row of a table, and kept until a blank line ends it. */
#include "columns.h"

#include "core/utf8.h"

#include <string.h>
#include <strings.h>

#define HEADER_MAX 1024

/* Column names, lowercase and without punctuation, matched as the
 * start of a header cell ("Src-IP:Src-Port" is "srcipsrcport"), from
 * data/roles/LANG.txt. Mentioned: neither side of the deed (where an
 * infected host called, what a resolver answered); other: a column of
 * something else ("Src Port"); version: dotted numbers under it are
 * versions ("Build 15.1.225.42"), no addresses. */
static const char *const offender_columns[] = {
#include "role_column_offender.inc"
    NULL};
static const char *const victim_columns[] = {
#include "role_column_victim.inc"
    NULL};
static const char *const mentioned_columns[] = {
#include "role_column_mentioned.inc"
    NULL};
static const char *const other_columns[] = {
#include "role_column_other.inc"
    NULL};
static const char *const version_columns[] = {
#include "role_column_version.inc"
    NULL};
/* Matched whole: "ip" is also the start of "ip_dst". */
static const char *const subject_columns[] = {
#include "role_column_subject.inc"
    NULL};

void columns_init(struct columns *t)
{
	memset(t, 0, sizeof *t);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t line_end(const char *s, size_t len, size_t i)
{
	const char *nl = memchr(s + i, '\n', len - i);

	return nl ? (size_t)(nl - s) : len;
}

static bool blank(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

/* The start of the line before the one at ls (which must not be 0). */
static size_t prev_line(const char *s, size_t ls)
{
	size_t i = ls - 1;

	while (i > 0 && s[i - 1] != '\n')
		i--;
	return i;
}

/* The name of the header cell s[a..b) as the tables have it: lowercase
 * letters and digits only ("Src-IP" is "srcip"), accented Latin letters
 * without their accents ("Cíl" is "cil", "Źródło" "zrodlo"). Its
 * length. */
static size_t cell_key(const char *s, size_t a, size_t b, char key[32])
{
	size_t n = 0;

	for (size_t i = a; i < b && n + 1 < 32; i++) {
		char c = s[i];
		if (i + 1 < b &&
		    utf8_ascii_base((unsigned char)c, (unsigned char)s[i + 1]))
			c = utf8_ascii_base((unsigned char)c,
					    (unsigned char)s[++i]);
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if ((c >= 'a' && c <= 'z') || is_digit(c))
			key[n++] = c;
	}
	key[n] = '\0';
	return n;
}

static bool starts_any(const char *key, const char *const *names)
{
	for (const char *const *w = names; *w; w++)
		if (strncmp(key, *w, strlen(*w)) == 0)
			return true;
	return false;
}

/* The side a column name key is on: 0 when none. */
static int key_role(const char *key)
{
	if (starts_any(key, offender_columns))
		return COLUMN_ROLE_OFFENDER;
	if (starts_any(key, victim_columns))
		return COLUMN_ROLE_VICTIM;
	if (starts_any(key, mentioned_columns))
		return COLUMN_ROLE_MENTIONED;
	return 0;
}

/* The side the last part of a compound key is on, after "_", "-" or a
 * blank ("sample_dst", "attack-source"): a qualifier before the side
 * does not change it. 0 when the key has one part. Only for the keys of
 * structured data: a table's header cell is prose, whose last word may
 * be anything. */
static int last_part_role(const char *s, size_t a, size_t b)
{
	char key[32];
	size_t i = b;

	while (i > a && !strchr("_- ", s[i - 1]))
		i--;
	if (i == a || !cell_key(s, i, b, key))
		return 0;
	return key_role(key);
}

static bool is_any(const char *key, const char *const *names)
{
	for (const char *const *w = names; *w; w++)
		if (strcmp(key, *w) == 0)
			return true;
	return false;
}

/* COLUMN_ROLE_* for the header cell s[a..b). The side may follow "IP"
 * ("ip_sorgente", "IP origen", "IP-Quelle") as it may come first
 * ("Src-IP"). A column of addresses that names no side ("IP",
 * "IP address") holds what the table is about. */
static int cell_role(const char *s, size_t a, size_t b)
{
	char key[32];
	int role;

	if (!cell_key(s, a, b, key))
		return 0;
	if (starts_any(key, version_columns))
		return COLUMN_ROLE_VERSION;
	role = key_role(key);
	if (!role && strncmp(key, "ip", 2) == 0)
		role = key_role(key + 2);
	if (!role && is_any(key, subject_columns))
		return COLUMN_ROLE_SUBJECT;
	/* "Src Port", "Source Time": a column of something else. */
	for (const char *const *w = other_columns; *w && role; w++)
		if (strstr(key, *w))
			role = 0;
	return role;
}

int columns_name_role(const char *name, size_t n)
{
	int role = cell_role(name, 0, n);

	return role ? role : last_part_role(name, 0, n);
}

static char pick_delim(const char *s, size_t a, size_t b)
{
	static const char order[] = {'\t', '|', ';', ','};

	for (size_t k = 0; k < sizeof order; k++)
		if (memchr(s + a, order[k], b - a))
			return order[k];
	return ' ';
}

/* Cells of an aligned table are apart by two blanks or more. */
static bool cell_gap(const char *s, size_t i, size_t b, char delim)
{
	if (delim != ' ')
		return s[i] == delim;
	return s[i] == ' ' && i + 1 < b && s[i + 1] == ' ';
}

/* Whether s[a..b) is a header: no dotted number (no address, no date),
 * and a cell that names a role. */
static bool header_line(struct columns *t, const char *s, size_t a, size_t b)
{
	bool role = false;
	size_t c = a;

	if (b - a > HEADER_MAX || b == a)
		return false;
	for (size_t i = a + 1; i + 1 < b; i++)
		if (s[i] == '.' && is_digit(s[i - 1]) && is_digit(s[i + 1]))
			return false;
	t->delim = pick_delim(s, a, b);
	for (size_t i = a; i <= b && !role; i++) {
		if (i < b && !cell_gap(s, i, b, t->delim))
			continue;
		role = cell_role(s, c, i) != 0;
		c = i + 1;
	}
	if (role) {
		t->hdr_a = a;
		t->hdr_b = b;
	}
	return role;
}

/* The header directly above the row at ls, past one rule line of
 * dashes or equals signs. */
static bool find_header(struct columns *t, const char *s, size_t len, size_t ls)
{
	for (int k = 0; k < 2 && ls > 0; k++) {
		size_t a = prev_line(s, ls), b = line_end(s, len, a);
		if (b > a && s[b - 1] == '\r')
			b--;
		if (header_line(t, s, a, b))
			return true;
		if (blank(s, a, b) || strspn(s + a, "-=+| \t") < b - a)
			return false;
		ls = a;
	}
	return false;
}

/* The characters (not bytes: "IP-адрес" is 8 wide) in s[a..b). */
static size_t chars_in(const char *s, size_t a, size_t b)
{
	return utf8_chars(s + a, b - a);
}

/* The role of the header cell that overlaps the row's cell at
 * [off, end) most (aligned columns may be flush left or right), by the
 * columns a terminal shows them in. */
static int aligned_role(const struct columns *t, const char *s, size_t ls,
			size_t off, size_t end)
{
	size_t rs = chars_in(s, ls, off), re = rs + chars_in(s, off, end);
	size_t c = t->hdr_a, best_overlap = 0;
	int role = 0;

	for (size_t i = t->hdr_a; i <= t->hdr_b; i++) {
		if (i < t->hdr_b && !cell_gap(s, i, t->hdr_b, ' '))
			continue;
		size_t ca = chars_in(s, t->hdr_a, c),
		       cb = ca + chars_in(s, c, i);
		size_t lo = ca > rs ? ca : rs, hi = cb < re ? cb : re;
		if (hi > lo && hi - lo > best_overlap) {
			best_overlap = hi - lo;
			role = cell_role(s, c, i);
		}
		while (i < t->hdr_b && s[i] == ' ')
			i++;
		c = i;
	}
	return role;
}

/* The header cell over the row's cell at [off, end). */
static int role_at(const struct columns *t, const char *s, size_t ls,
		   size_t off, size_t end)
{
	size_t a = t->hdr_a, b = t->hdr_b, c = a, idx = 0, k = 0;

	if (t->delim == ' ')
		return aligned_role(t, s, ls, off, end);
	for (size_t i = ls; i < off; i++)
		idx += s[i] == t->delim;
	for (size_t i = a; i <= b; i++) {
		if (i < b && s[i] != t->delim)
			continue;
		if (k++ == idx)
			return cell_role(s, c, i);
		c = i + 1;
	}
	return 0;
}

int columns_role(struct columns *t, const char *s, size_t len, size_t ls,
		 size_t off, size_t end)
{
	if (!t->has_prev || ls != t->prev_ls) {
		bool follows =
		    t->has_prev && ls > 0 && prev_line(s, ls) == t->prev_ls;
		if (t->valid && !follows) {
			/* A table ends at a blank line. */
			size_t i = t->prev_ls;
			while (t->valid && i < ls) {
				size_t e = line_end(s, len, i);
				t->valid = !blank(s, i, e);
				i = e + 1;
			}
		}
		if (!t->valid && !follows)
			t->valid = find_header(t, s, len, ls);
		t->prev_ls = ls;
		t->has_prev = true;
	}
	return t->valid ? role_at(t, s, ls, off, end) : 0;
}

/* The cells of the aligned row s[ls..le) as display columns: the one
 * that overlaps [ca, cb) most, as bytes [*a, *b). */
static bool aligned_cell(const char *s, size_t ls, size_t le, size_t ca,
			 size_t cb, size_t *a, size_t *b)
{
	size_t c = ls, best = 0;

	while (c < le && s[c] == ' ')
		c++;
	for (size_t i = c; i <= le; i++) {
		if (i < le && !cell_gap(s, i, le, ' '))
			continue;
		size_t ra = chars_in(s, ls, c), rb = ra + chars_in(s, c, i);
		size_t lo = ra > ca ? ra : ca, hi = rb < cb ? rb : cb;
		if (hi > lo && hi - lo > best) {
			best = hi - lo;
			*a = c;
			*b = i;
		}
		while (i < le && s[i] == ' ')
			i++;
		c = i;
	}
	return best > 0;
}

bool columns_cell(const struct columns *t, const char *s, size_t ls, size_t le,
		  const char *name, size_t *a, size_t *b)
{
	size_t c = t->hdr_a, k = 0, n = strlen(name);
	char key[32];

	if (!t->valid)
		return false;
	for (size_t i = t->hdr_a; i <= t->hdr_b; i++) {
		if (i < t->hdr_b && !cell_gap(s, i, t->hdr_b, t->delim))
			continue;
		if (cell_key(s, c, i, key) && strncmp(key, name, n) == 0)
			break;
		if (i == t->hdr_b)
			return false;
		if (t->delim == ' ')
			while (i < t->hdr_b && s[i] == ' ')
				i++;
		c = t->delim == ' ' ? i : i + 1;
		k++;
	}
	if (t->delim == ' ') {
		size_t ca = chars_in(s, t->hdr_a, c), cb = ca;
		for (size_t i = c;
		     i < t->hdr_b && !cell_gap(s, i, t->hdr_b, ' '); i++)
			cb += ((unsigned char)s[i] & 0xC0) != 0x80;
		return aligned_cell(s, ls, le, ca, cb, a, b);
	}
	*a = ls;
	for (size_t i = ls; i <= le; i++) {
		if (i < le && s[i] != t->delim)
			continue;
		if (k-- == 0) {
			*b = i;
			return true;
		}
		*a = i + 1;
	}
	return false;
}
