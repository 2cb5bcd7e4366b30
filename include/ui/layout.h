/* layout.h: where things go on the screen, computed apart from painting —
 * column widths of a list, text fitted and padded to columns, long lines
 * wrapped to the width of the pager. Pure functions, no ncurses. */
#ifndef UI_LAYOUT_H
#define UI_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

struct layout_col {
	int min;      /* columns it needs */
	int weight;   /* share of the room left over; 0: fixed at min */
	int priority; /* 0: always shown; higher is dropped first */
};

/* Fills width[i] for each column so that the columns plus one space between
 * neighbours fit in total; a dropped column gets 0. Returns the number of
 * columns shown. */
int layout_columns(const struct layout_col *cols, int n, int total, int *width);

/* Appends s (terminal-safe, single-line text) to b, cut to cols columns
 * with "…" when it does not fit, then padded with spaces to exactly cols
 * when pad is true. Returns the columns appended. */
size_t layout_fit(struct buf *b, const char *s, size_t cols, bool pad);

/* Splits one line (no newline) into pieces of at most cols columns,
 * breaking after a space when one is near the end. Fills starts[] with the
 * byte offsets of the pieces (at most max) and returns how many. */
size_t layout_wrap(const char *s, size_t len, size_t cols, size_t *starts,
		   size_t max);

#endif
