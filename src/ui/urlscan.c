/* urlscan.c: finding URLs and mail addresses in text, left to right, the
 * way urlview does: a scheme (or www.) at the start of a word opens a URL,
 * which runs to white space or a character that cannot be in one; an @
 * between an address's local part and a dotted domain makes an address. */
#include "ui/urlscan.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static const char *const schemes[] = {
    "https://", "http://", "hxxps://", "hxxp://",
    "ftps://",	"ftp://",  "mailto:",  "www.",
};

static bool is_alnum(unsigned char c)
{
	return c < 128 && isalnum(c);
}

/* Any byte of a URL: not white space, a control, or <>"` which quote or
 * end one in mail text. UTF-8 beyond ASCII is kept (IRIs). */
static bool url_byte(unsigned char c)
{
	return c > ' ' && c != 127 && !strchr("<>\"`", c);
}

static bool local_byte(unsigned char c)
{
	return is_alnum(c) || (c && strchr(".!#$%&'*+/=?^_{|}~-", c));
}

static bool domain_byte(unsigned char c)
{
	return is_alnum(c) || c == '.' || c == '-';
}

/* The length of the scheme that opens a URL at s[i], 0 when none does. */
static size_t scheme_at(const char *s, size_t len, size_t i)
{
	if (i > 0 && (is_alnum((unsigned char)s[i - 1]) || s[i - 1] == '.'))
		return 0;
	for (size_t k = 0; k < sizeof schemes / sizeof schemes[0]; k++) {
		size_t n = strlen(schemes[k]);
		if (len - i > n && strncasecmp(s + i, schemes[k], n) == 0 &&
		    url_byte((unsigned char)s[i + n]))
			return n;
	}
	return 0;
}

static size_t count(const char *s, size_t a, size_t b, char c)
{
	size_t n = 0;

	for (size_t i = a; i < b; i++)
		n += s[i] == c;
	return n;
}

/* Drops what ends a sentence, and closing brackets the URL did not open. */
static size_t trim_url(const char *s, size_t start, size_t end)
{
	static const char pairs[] = "()[]{}";

	while (end > start) {
		char c = s[end - 1];
		const char *p = strchr(pairs, c);
		if (c && strchr(".,;:!?'*", c)) {
			end--;
			continue;
		}
		if (p && (p - pairs) % 2 == 1 &&
		    count(s, start, end, p[-1]) < count(s, start, end, c)) {
			end--;
			continue;
		}
		break;
	}
	return end;
}

static bool url_at(const char *s, size_t len, size_t i,
		   struct urlscan_span *span)
{
	size_t n = scheme_at(s, len, i), end;

	if (!n)
		return false;
	for (end = i + n; end < len && url_byte((unsigned char)s[end]); end++)
		;
	end = trim_url(s, i, end);
	if (end <= i + n)
		return false;
	*span = (struct urlscan_span){i, end, false};
	return true;
}

/* A domain of at least two labels whose last is two letters or more. */
static size_t domain_end(const char *s, size_t len, size_t at)
{
	size_t end = at + 1, dot = 0;

	while (end < len && domain_byte((unsigned char)s[end]))
		end++;
	while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-'))
		end--;
	for (size_t i = at + 1; i < end; i++)
		if (s[i] == '.')
			dot = i;
	if (!dot || dot == at + 1 || end - dot < 3)
		return 0;
	for (size_t i = dot + 1; i < end; i++)
		if (!isalpha((unsigned char)s[i]))
			return 0;
	return end;
}

static bool mail_at(const char *s, size_t len, size_t from, size_t at,
		    struct urlscan_span *span)
{
	size_t start = at, end;

	while (start > from && local_byte((unsigned char)s[start - 1]))
		start--;
	while (start < at && s[start] == '.')
		start++;
	if (start == at || !(end = domain_end(s, len, at)))
		return false;
	*span = (struct urlscan_span){start, end, true};
	return true;
}

bool urlscan_next(const char *s, size_t len, size_t from,
		  struct urlscan_span *span)
{
	for (size_t i = from; i < len; i++) {
		if (url_at(s, len, i, span))
			return true;
		if (s[i] == '@' && mail_at(s, len, from, i, span))
			return true;
	}
	return false;
}
