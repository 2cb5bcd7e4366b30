/* mime_bound.h: how much of a message libetpan may be given. libetpan's
 * MIME parser recurses once per nested part and rescans every enclosing
 * boundary, so a message nested thousands of levels deep overflows the
 * stack or takes minutes; a cheap scan finds where nesting or the part
 * count passes the caps, and the parse stops there. */
#ifndef ANALYSIS_MIME_BOUND_H
#define ANALYSIS_MIME_BOUND_H

#include <stddef.h>

/* Nesting (a multipart inside a part, a message inside a message) beyond
 * this is not parsed; no report needs more than a handful of levels. */
#define MIME_MAX_DEPTH 32

/* The length of raw that is safe to parse: len, or the start of the line
 * where the caps are first passed. *why is then a sentence naming the cap
 * (static storage), else NULL. */
size_t mime_bound(const char *raw, size_t len, const char **why);

#endif
