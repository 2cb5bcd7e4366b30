/* find.h: the pager's search inside one report — plain text, no regular
 * expressions, and smart case: a pattern without a capital letter
 * ignores case (ASCII letters), one with a capital is matched as typed.
 * Pure functions, no ncurses. */
#ifndef UI_FIND_H
#define UI_FIND_H

#include <stdbool.h>
#include <stddef.h>

/* Whether pat is matched without regard to case. */
bool find_ignores_case(const char *pat);

/* The first match of pat in s at or after byte from: 1 and *at, *len
 * (its bytes in s), or 0 when there is none. An empty pattern never
 * matches. */
int find_in(const char *s, size_t from, const char *pat, bool icase, size_t *at,
	    size_t *len);

#endif
