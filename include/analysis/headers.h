/* headers.h: reading one field of a message's outer header block, as
 * text, for the fields the analysis needs beyond From/Subject/Date
 * (List-Unsubscribe, Precedence, X-ARF, Sender, ...). */
#ifndef ANALYSIS_HEADERS_H
#define ANALYSIS_HEADERS_H

#include <stddef.h>

/* The unfolded value of the first field called name (any case) in the
 * header block at the start of raw; NULL when absent. free() it. */
char *headers_get(const char *raw, size_t len, const char *name);

/* Where the message proper starts: past blank lines and an mbox "From "
 * line that some saved mails begin with. */
size_t headers_skip_envelope(const char *raw, size_t len);

#endif
