/* noreply.c: the signs that nobody reads a reply — an Auto-Submitted
 * report, a no-reply sender, a report that says so — looked for in one
 * place, from the phrase table data/noreply/phrases.txt makes. */
#include "actions/noreply.h"
#include "core/mailaddr.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum noreply_kind { NOREPLY_ADDRESS, NOREPLY_TEXT };

static const struct {
	const char *file;
	enum noreply_kind kind;
	const char *phrase;
} phrases[] = {
#include "noreply_phrases.inc"
};

/* Only the start of the text counts: the notice that nobody reads
 * replies stands in the report itself, not in quoted mail below it. */
enum { TEXT_SCAN = 16384 };

/* Lowercase ASCII, runs of white space one space. */
static char *folded(const char *s, size_t max)
{
	char *out = xmalloc(max + 1), *o = out;
	bool space = false;

	for (size_t i = 0; i < max && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (isspace(c)) {
			space = o != out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = (char)tolower(c);
	}
	*o = '\0';
	return out;
}

static const char *address_sign(const char *addr)
{
	return mailaddr_no_reply(addr) ? addr : NULL;
}

static const char *text_sign(const char *text)
{
	char *low;
	const char *hit = NULL;

	if (!text)
		return NULL;
	low = folded(text, TEXT_SCAN);
	for (size_t i = 0; !hit && i < sizeof phrases / sizeof *phrases; i++)
		if (strstr(low, phrases[i].phrase))
			hit = phrases[i].phrase;
	free(low);
	return hit;
}

const char *noreply_reason(const struct noreply_facts *f, char *buf,
			   size_t size)
{
	const char *a = address_sign(f->reply_to ? f->reply_to : f->from_addr);
	const char *t;

	if (f->auto_submitted)
		snprintf(buf, size, "the report is marked Auto-Submitted");
	else if (a)
		snprintf(buf, size, "the reply goes to %s", a);
	else if ((t = text_sign(f->text)))
		snprintf(buf, size, "the report says \"%s\"", t);
	else
		return NULL;
	return buf;
}
