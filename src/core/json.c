/* json.c: jansson's dump with the invisible and controlling characters of
 * mail escaped (json.h says which). A dump holds non-ASCII bytes only
 * inside strings, so each such character can be replaced by its escape
 * wherever it stands. */
#include "core/json.h"
#include "core/buf.h"
#include "core/utf8.h"

#include <stdlib.h>
#include <string.h>

int json_cp_escaped(unsigned cp)
{
	return (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x2028 && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x2069) || cp == 0xfeff;
}

char *json_dump_safe(const json_t *j, size_t flags)
{
	char *raw = json_dumps(j, flags);
	struct buf b = BUF_INIT;
	size_t n, i = 0;

	if (!raw)
		return NULL;
	n = strlen(raw);
	buf_reserve(&b, n + 1);
	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(raw + i, n - i, &cp);

		if (k <= 0) /* jansson wrote valid UTF-8; never here */
			k = 1, cp = (unsigned char)raw[i];
		if (json_cp_escaped(cp))
			buf_printf(&b, "\\u%04x", (unsigned)cp);
		else
			buf_append(&b, raw + i, (size_t)k);
		i += (size_t)k;
	}
	free(raw);
	return buf_steal(&b);
}

int json_print_safe(const json_t *j, size_t flags, FILE *fp)
{
	char *s = json_dump_safe(j, flags);
	int rc;

	if (!s)
		return -1;
	rc = fputs(s, fp) < 0 || fputc('\n', fp) == EOF ? -1 : 0;
	free(s);
	return rc;
}
