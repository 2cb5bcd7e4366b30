/* charset.h: mail text in any charset to clean UTF-8. Part of the analysis
 * module's decoding (mime.c); public so that it can be tested on its own. */
#ifndef ANALYSIS_CHARSET_H
#define ANALYSIS_CHARSET_H

#include <stddef.h>

/* Makes libetpan's own conversions (header words, Content-Type values)
 * skip iconv where the text is ASCII or UTF-8 already; once per process,
 * before the first MIME parse. Thread-safe; charset_to_utf8() and
 * mime_decode() call it. */
void charset_init(void);

/* Converts the n bytes at s, labelled with charset (NULL when the mail gave
 * none), to UTF-8. Never fails and never drops text: a missing, unknown or
 * wrong label falls back to UTF-8 when the bytes are valid UTF-8, else to
 * Windows-1252. CRLF becomes LF and NUL bytes become spaces. The result is
 * NUL-terminated, its length in *out_len (may be NULL); free() it. */
char *charset_to_utf8(const char *charset, const char *s, size_t n,
		      size_t *out_len);

#endif
