/* bytes.h: reading bytes of text as a word, for the phrase tables that
 * compare a phrase's first bytes at once. */
#ifndef CORE_BYTES_H
#define CORE_BYTES_H

#include <stdint.h>
#include <string.h>

/* The four bytes at s as one word, in the machine's order (s need not
 * be aligned; all four must be readable). */
static inline uint32_t bytes_load4(const char *s)
{
	uint32_t w;

	memcpy(&w, s, 4);
	return w;
}

#endif
