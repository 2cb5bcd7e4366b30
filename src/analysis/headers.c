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
	const char *nl = memchr(p, '\n', (size_t)(end - p));

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
