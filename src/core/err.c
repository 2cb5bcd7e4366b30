/* err.c: filling a caller's error buffer with one actionable sentence. */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int err_set(struct err *e, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return -1;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

int err_prefix(struct err *e, const char *fmt, ...)
{
	char old[sizeof e->msg];
	char prefix[sizeof e->msg];
	char joined[2 * sizeof e->msg + 2];
	va_list ap;

	if (!e)
		return -1;
	memcpy(old, e->msg, sizeof old);
	va_start(ap, fmt);
	vsnprintf(prefix, sizeof prefix, fmt, ap);
	va_end(ap);
	snprintf(joined, sizeof joined, "%s: %s", prefix, old);
	snprintf(e->msg, sizeof e->msg, "%.*s", (int)sizeof e->msg - 1, joined);
	return -1;
}
