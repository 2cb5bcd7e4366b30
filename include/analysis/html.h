/* html.h: the readable text of an HTML mail part, through libxml2's HTML
 * parser (never tag stripping by pattern). Link targets are kept: the URL
 * of a phishing page is evidence. */
#ifndef ANALYSIS_HTML_H
#define ANALYSIS_HTML_H

#include <stddef.h>

/* Text of the n bytes of UTF-8 HTML at s: block elements end lines,
 * headings, paragraphs, lists and tables stand apart by a blank line, table
 * cells are separated by a tab, script/style/head are dropped, and a link
 * whose target differs from its text is followed by " <target>".
 * Returns a NUL-terminated string (free() it), never NULL. *limit (when
 * not NULL) is set to a sentence when tags were cut to their first 256
 * attributes, else left as is. */
char *html_to_text(const char *s, size_t n, size_t *out_len,
		   const char **limit);

#endif
