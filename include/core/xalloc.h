/* xalloc.h: allocation that never returns NULL.
 * A half-allocated state is worse than a clean exit, so on failure these
 * print one line to stderr and abort. */
#ifndef CORE_XALLOC_H
#define CORE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* xreallocarray: like xrealloc(p, count * size), aborting on overflow. */
void *xreallocarray(void *p, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Gives the pages of what was freed back to the system now, not after
 * the allocator's decay time: after a large structure is rebuilt, so that
 * the old one does not stay counted in the resident size. */
void xalloc_release_freed(void);

#endif
