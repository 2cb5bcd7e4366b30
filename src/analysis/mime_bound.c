/* mime_bound.c: one pass over the lines of a message that follows its MIME
 * structure as libetpan will (header blocks, boundaries, attached
 * messages) and says where the parse must stop to stay shallow and short.
 * It errs on the side of seeing more nesting than there is: a message cut
 * early loses a little text, one parsed too deep stops the desk. */
#include "mime_bound.h"
#include "analysis/mime.h"

#include <ctype.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* Delimiter lines and composite Content-Type fields past these are not
 * parsed: the walk keeps MIME_MAX_PARTS parts anyway. The second cap holds
 * even where this scan and libetpan were to read boundaries differently. */
#define BOUND_MAX_DELIMITERS (2 * MIME_MAX_PARTS)
#define BOUND_MAX_COMPOSITES (2 * MIME_MAX_PARTS)
#define BOUND_MAX_BOUNDARY 70 /* RFC 2046's limit is 70 characters */

struct frame {
	const char *boundary; /* NULL for an attached message's level */
	size_t len;
	bool digest; /* multipart/digest: parts are messages by default */
};

/* What one header block says about the part it heads. */
struct part_head {
	bool multipart, message, digest, typed;
	const char *boundary;
	size_t boundary_len;
};

struct scan {
	const char *end;
	struct frame stack[MIME_MAX_DEPTH + 1];
	int depth;
	size_t delimiters, composites;
	bool in_header;
	struct part_head head;
};

static size_t line_length(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
}

static bool blank_line(const char *p, size_t n)
{
	return n == 0 || (n == 1 && p[0] == '\n') ||
	       (n == 2 && p[0] == '\r' && p[1] == '\n');
}

static bool starts_nocase(const char *p, size_t n, const char *word)
{
	size_t k = strlen(word);

	return n >= k && strncasecmp(p, word, k) == 0;
}

/* The value of a Content-Type field, with its continuation lines. */
static size_t field_value(const char *p, const char *end, const char **val)
{
	size_t n = line_length(p, end), i = 12; /* strlen("content-type") */

	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i >= n || p[i] != ':')
		return 0;
	*val = p + i + 1;
	while (p + n < end && (p[n] == ' ' || p[n] == '\t'))
		n += line_length(p + n, end);
	return n - (i + 1);
}

static const char *find_nocase(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);

	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(s + i, word, k) == 0)
			return s + i;
	return NULL;
}

static void read_boundary(struct part_head *h, const char *v, size_t n)
{
	const char *b = find_nocase(v, n, "boundary");
	const char *end = v + n, *q;

	if (!b)
		return;
	b += 8;
	while (b < end && (*b == ' ' || *b == '\t' || *b == '*'))
		b++;
	if (b >= end || *b != '=')
		return;
	b++;
	while (b < end && (*b == ' ' || *b == '\t'))
		b++;
	if (b < end && *b == '"') {
		b++;
		q = memchr(b, '"', (size_t)(end - b));
		q = q ? q : end;
	} else {
		for (q = b; q < end && *q != ';' && !isspace((unsigned char)*q);
		     q++)
			;
	}
	if (q > b && q - b <= BOUND_MAX_BOUNDARY) {
		h->boundary = b;
		h->boundary_len = (size_t)(q - b);
	}
}

/* Composite types are recognised anywhere in the value, comments and all:
 * seeing one too many only cuts earlier. */
static void read_content_type(struct scan *sc, const char *p)
{
	const char *v;
	size_t n = field_value(p, sc->end, &v);
	struct part_head *h = &sc->head;

	if (!n)
		return;
	h->typed = true;
	h->multipart = find_nocase(v, n, "multipart") != NULL;
	h->message = find_nocase(v, n, "message/rfc822") ||
		     find_nocase(v, n, "message/global");
	h->digest = h->multipart && find_nocase(v, n, "digest");
	if (h->multipart || h->message)
		sc->composites++;
	if (h->multipart)
		read_boundary(h, v, n);
}

/* The frame whose boundary opens this line, or -1. */
static int delimiter_of(const struct scan *sc, const char *p, size_t n,
			bool *closing)
{
	if (n < 3 || p[0] != '-' || p[1] != '-')
		return -1;
	for (int i = sc->depth - 1; i >= 0; i--) {
		const struct frame *f = &sc->stack[i];
		if (!f->boundary || n - 2 < f->len ||
		    memcmp(p + 2, f->boundary, f->len) != 0)
			continue;
		*closing = n - 2 >= f->len + 2 && p[2 + f->len] == '-' &&
			   p[3 + f->len] == '-';
		return i;
	}
	return -1;
}

static void start_header(struct scan *sc)
{
	bool digest = sc->depth > 0 && sc->stack[sc->depth - 1].digest;

	memset(&sc->head, 0, sizeof sc->head);
	sc->head.message = digest; /* until a Content-Type says otherwise */
	sc->in_header = true;
}

/* The blank line after a header block: the part's body begins, one level
 * deeper when it is a multipart or a message. False past the depth cap. */
static bool end_header(struct scan *sc)
{
	const struct part_head *h = &sc->head;
	bool multipart = h->multipart && h->boundary;
	bool message = h->message && (!h->typed || !h->multipart);

	sc->in_header = false;
	if (!multipart && !message)
		return true;
	if (sc->depth >= MIME_MAX_DEPTH)
		return false;
	sc->stack[sc->depth++] = (struct frame){multipart ? h->boundary : NULL,
						h->boundary_len, h->digest};
	if (message)
		start_header(sc);
	return true;
}

static const char *step(struct scan *sc, const char *p, size_t n)
{
	bool closing = false;
	int k = delimiter_of(sc, p, n, &closing);

	if (k >= 0) {
		if (++sc->delimiters > BOUND_MAX_DELIMITERS)
			return "more MIME parts than are read";
		sc->depth = closing ? k : k + 1;
		if (closing)
			sc->in_header = false;
		else
			start_header(sc);
		return NULL;
	}
	if (!sc->in_header)
		return NULL;
	if (blank_line(p, n))
		return end_header(sc) ? NULL : "MIME parts nested too deep";
	if (starts_nocase(p, n, "content-type"))
		read_content_type(sc, p);
	if (sc->composites > BOUND_MAX_COMPOSITES)
		return "more nested MIME parts than are read";
	return NULL;
}

size_t mime_bound(const char *raw, size_t len, const char **why)
{
	struct scan sc = {.end = raw + len};
	const char *p = raw;

	*why = NULL;
	start_header(&sc);
	sc.head.message = false;
	while (p < sc.end) {
		size_t n = line_length(p, sc.end);
		*why = step(&sc, p, n);
		if (*why)
			return (size_t)(p - raw);
		p += n;
	}
	return len;
}
