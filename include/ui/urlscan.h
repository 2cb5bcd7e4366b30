/* urlscan.h: the links in a line of text as urlview finds them — URLs
 * (http, https, ftp, ftps, their defanged hxxp forms, mailto: and www.
 * ones) and mail addresses — for the pager, which never cuts one when it
 * wraps, and the URL view, which lists them whole. Pure, no ncurses. */
#ifndef UI_URLSCAN_H
#define UI_URLSCAN_H

#include <stdbool.h>
#include <stddef.h>

struct urlscan_span {
	size_t start, end; /* bytes [start, end) of the text */
	bool mail;	   /* a bare mail address, not a URL */
};

/* The first link of s[0..len) that starts at or after from: true with
 * *span, false when there is none. Punctuation that ends a sentence or
 * closes a bracket the link did not open is not part of it. */
bool urlscan_next(const char *s, size_t len, size_t from,
		  struct urlscan_span *span);

#endif
