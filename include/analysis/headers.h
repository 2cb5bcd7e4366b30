/* headers.h: reading one field of a message's outer header block, as
 * text, for the fields the analysis needs beyond From/Subject/Date
 * (List-Unsubscribe, Precedence, X-ARF, Sender, ...). */
#ifndef ANALYSIS_HEADERS_H
#define ANALYSIS_HEADERS_H

#include <stddef.h>

/* The unfolded value of the first field called name (any case) in the
 * header block at the start of raw; NULL when absent. free() it. */
char *headers_get(const char *raw, size_t len, const char *name);

/* headers_get for several names in one reading of the header block:
 * out[i] gets the value of names[i] or NULL (free() each). At most
 * HEADERS_GET_MAX names. */
#define HEADERS_GET_MAX 20
void headers_get_all(const char *raw, size_t len, const char *const *names,
		     size_t n, char **out);

/* Calls fn with the unfolded value of every field called name (any case)
 * in the header block, in order, for at most max of them. The value is
 * NUL-terminated and lives until fn returns. */
typedef void (*headers_fn)(void *ctx, const char *value, size_t n);
void headers_each(const char *raw, size_t len, const char *name, size_t max,
		  headers_fn fn, void *ctx);

/* Where the message proper starts: past blank lines and an mbox "From "
 * line that some saved mails begin with. */
size_t headers_skip_envelope(const char *raw, size_t len);

#endif
