/* find.c: plain-text matching with smart case for the pager's search.
 * Case folding is ASCII only: it must never split a UTF-8 sequence, and
 * the addresses, domains and words searched for in reports are ASCII. */
#include "ui/find.h"

#include <ctype.h>
#include <string.h>

bool find_ignores_case(const char *pat)
{
	for (; *pat; pat++)
		if (isupper((unsigned char)*pat))
			return false;
	return true;
}

static bool same_at(const char *s, const char *pat, size_t n, bool icase)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char a = (unsigned char)s[i],
			      b = (unsigned char)pat[i];
		if (icase) {
			a = a < 128 ? (unsigned char)tolower(a) : a;
			b = b < 128 ? (unsigned char)tolower(b) : b;
		}
		if (a != b)
			return false;
	}
	return true;
}

int find_in(const char *s, size_t from, const char *pat, bool icase, size_t *at,
	    size_t *len)
{
	size_t n = strlen(pat), slen = strlen(s);

	if (!n || from > slen)
		return 0;
	for (size_t i = from; i + n <= slen; i++) {
		if (same_at(s + i, pat, n, icase)) {
			*at = i;
			*len = n;
			return 1;
		}
	}
	return 0;
}
