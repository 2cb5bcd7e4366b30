/* classify.h: the XARF v4 category and type of a report. A format's own
 * name for the abuse ("login-attack", "regbot", "Phishing") is mapped
 * first; otherwise keyword rules over the subject and the reporter's text
 * decide. Both are tables in classify.c. */
#ifndef ANALYSIS_CLASSIFY_H
#define ANALYSIS_CLASSIFY_H

#include <stdbool.h>
#include <stddef.h>

struct category {
	const char *category; /* "messaging", "content", "copyright", ... */
	const char *type;     /* "spam", "phishing", "p2p", ... */
};

/* Maps a format field's value (any case; '-', '_' and ' ' alike) to XARF
 * v4. Returns false when the name is unknown or says nothing ("abuse"). */
bool classify_name(const char *name, struct category *out);

/* Keyword rules: subject words weigh three times body words. Returns
 * false (and other/other) when no rule matches. */
bool classify_text(const char *subject, const char *text, size_t len,
		   struct category *out);

#endif
