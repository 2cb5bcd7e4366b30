/* headers.c: single header fields of the outer message, read straight from
 * the raw bytes; the header block ends at the first empty line. */
#include "analysis/headers.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

static size_t line_len(const char *p, const char *end)
{
	const char *nl;

	/* Empty input may come as NULL, which memchr must not see. */
	if (p >= end)
		return 0;
	nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? (size_t)(nl - p) : (size_t)(end - p);
}

static bool blank(const char *p, size_t n)
{
	return n == 0 || (n == 1 && p[0] == '\r');
}

/* Appends a line's value part, without its CR, with one space for the
 * fold. */
static void put_value(struct buf *b, const char *p, size_t n)
{
	if (n && p[n - 1] == '\r')
		n--;
	while (n && (*p == ' ' || *p == '\t'))
		p++, n--;
	if (b->len)
		buf_putc(b, ' ');
	buf_append(b, p, n);
}

char *headers_get(const char *raw, size_t len, const char *name)
{
	const char *p = raw, *end = raw + len;
	size_t nl = strlen(name);
	struct buf b = BUF_INIT;
	bool in_field = false;

	while (p < end) {
		size_t n = line_len(p, end);
		if (blank(p, n))
			break;
		if (in_field && (p[0] == ' ' || p[0] == '\t'))
			put_value(&b, p, n);
		else if (in_field)
			break;
		else if (n > nl && p[nl] == ':' &&
			 strncasecmp(p, name, nl) == 0) {
			in_field = true;
			put_value(&b, p + nl + 1, n - nl - 1);
		}
		p += n + 1;
	}
	return in_field ? buf_steal(&b) : NULL;
}

/* Index of the name whose field starts at line p (not yet seen), or n.
 * A name holds no colon, so it can only be the part before the line's
 * first one: the names of other lengths need no comparing. */
static size_t field_of(const char *p, size_t ln, const char *const *names,
		       const size_t *lens, size_t n, const bool *seen)
{
	const char *colon = memchr(p, ':', ln);
	size_t k = colon ? (size_t)(colon - p) : 0;

	for (size_t i = 0; colon && i < n; i++)
		if (!seen[i] && lens[i] == k &&
		    strncasecmp(p, names[i], k) == 0)
			return i;
	return n;
}

/* As headers_get does for each name: the first field of a name counts,
 * with its continuation lines; a continuation line never starts one. */
void headers_get_all(const char *raw, size_t len, const char *const *names,
		     size_t n, char **out)
{
	struct buf b[HEADERS_GET_MAX];
	bool seen[HEADERS_GET_MAX] = {false};
	size_t lens[HEADERS_GET_MAX];
	const char *p = raw, *end = raw + len;
	size_t cur = HEADERS_GET_MAX;

	if (n > HEADERS_GET_MAX)
		n = HEADERS_GET_MAX;
	for (size_t i = 0; i < n; i++) {
		buf_init(&b[i]);
		lens[i] = strlen(names[i]);
	}
	while (p < end) {
		size_t ln = line_len(p, end);
		if (blank(p, ln))
			break;
		if (p[0] == ' ' || p[0] == '\t') {
			if (cur < n)
				put_value(&b[cur], p, ln);
		} else if ((cur = field_of(p, ln, names, lens, n, seen)) < n) {
			seen[cur] = true;
			put_value(&b[cur], p + lens[cur] + 1,
				  ln - lens[cur] - 1);
		}
		p += ln + 1;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = seen[i] ? buf_steal(&b[i]) : NULL;
}

void headers_each(const char *raw, size_t len, const char *name, size_t max,
		  headers_fn fn, void *ctx)
{
	const char *p = raw, *end = raw + len;
	size_t nl = strlen(name), k = 0;
	struct buf b = BUF_INIT;
	bool in_field = false;

	while (p < end && k < max) {
		size_t n = line_len(p, end);
		if (blank(p, n))
			break;
		if (in_field && (p[0] == ' ' || p[0] == '\t')) {
			put_value(&b, p, n);
			p += n + 1;
			continue;
		}
		if (in_field) {
			fn(ctx, buf_cstr(&b), b.len);
			buf_reset(&b);
			in_field = false;
			k++;
		}
		if (k < max && n > nl && p[nl] == ':' &&
		    strncasecmp(p, name, nl) == 0) {
			in_field = true;
			put_value(&b, p + nl + 1, n - nl - 1);
		}
		p += n + 1;
	}
	if (in_field)
		fn(ctx, buf_cstr(&b), b.len);
	buf_free(&b);
}

size_t headers_skip_envelope(const char *raw, size_t len)
{
	size_t i = 0;

	for (;;) {
		size_t n = line_len(raw + i, raw + len);
		bool ws = true;
		for (size_t k = 0; k < n; k++)
			if (raw[i + k] != ' ' && raw[i + k] != '\t' &&
			    raw[i + k] != '\r')
				ws = false;
		if (!ws || i + n >= len)
			break;
		i += n + 1;
	}
	if (len - i >= 5 && memcmp(raw + i, "From ", 5) == 0) {
		const char *nl = memchr(raw + i, '\n', len - i);
		i = nl ? (size_t)(nl - raw) + 1 : len;
	}
	return i;
}
