/* guard.h: the analysis of one message as the cache's writers run it:
 * a message set aside after it crashed the program is stored unanalysed,
 * and any other is analysed under the crash guard's eye, so that a crash
 * is noted and cannot happen twice on the same mail. */
#ifndef MAIL_GUARD_H
#define MAIL_GUARD_H

#include <stddef.h>

#include "analysis/analyze.h"
#include "core/err.h"

struct store_quarantine;

/* hash is the message's store_content_hash() (or NULL: not set aside, and
 * a crash goes unnoted). Returns NULL (why filled) only when the bytes are
 * not mail. */
struct report *guard_analyze(const char *raw, size_t len, const char *hash,
			     const struct store_quarantine *q,
			     const struct analysis_opts *opts, struct err *why);

/* A report with no facts, marked as not analysed for the reason given. */
struct report *guard_unanalysed(const char *why);

#endif
