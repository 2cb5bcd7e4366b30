/* mailaddr.c: a mail address in running text, by its '@', and whether
 * an address is one nobody reads. */
#include "core/mailaddr.h"
#include "core/xalloc.h"

#include <string.h>
#include <strings.h>

enum noreply_kind { NOREPLY_ADDRESS, NOREPLY_TEXT };

static const struct {
	const char *file;
	enum noreply_kind kind;
	const char *start; /* of the local part, with its '@' */
} no_reply[] = {
#include "noreply_addresses.inc"
};

bool mailaddr_no_reply(const char *addr)
{
	for (size_t i = 0; addr && i < sizeof no_reply / sizeof *no_reply; i++)
		if (strncasecmp(addr, no_reply[i].start,
				strlen(no_reply[i].start)) == 0)
			return true;
	return false;
}

static bool addr_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c != '\0' && strchr("._%+-", c));
}

bool mailaddr_span(const char *s, size_t from, size_t to, size_t at, size_t *a,
		   size_t *b)
{
	size_t i = at, j = at + 1;

	while (i > from && addr_char(s[i - 1]))
		i--;
	while (j < to && addr_char(s[j]))
		j++;
	while (j > at + 1 && s[j - 1] == '.')
		j--;
	if (i == at || !memchr(s + at, '.', j - at))
		return false;
	*a = i;
	*b = j;
	return true;
}

char *mailaddr_first(const char *s, size_t from, size_t to)
{
	const char *at = s + from;
	size_t a, b;

	while ((at = memchr(at, '@', (size_t)(s + to - at)))) {
		if (mailaddr_span(s, from, to, (size_t)(at - s), &a, &b))
			return xstrndup(s + a, b - a);
		at++;
	}
	return NULL;
}
