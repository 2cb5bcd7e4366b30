/* layout.h: where things go on the screen, computed apart from painting —
 * column widths of a list, text fitted and padded to columns, long lines
 * wrapped to the width of the pager. Pure functions, no ncurses. */
#ifndef UI_LAYOUT_H
#define UI_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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
 * breaking after a space when one is near the end. A link (ui/urlscan.h)
 * is never cut: the line breaks before it, and one longer than a line
 * gets lines of its own, split at the width only. Fills starts[] with the
 * byte offsets of the pieces (at most max) and returns how many. */
size_t layout_wrap(const char *s, size_t len, size_t cols, size_t *starts,
		   size_t max);

/* Appends the n items (terminal-safe) to b joined by ", ", as many as fit
 * in cols columns; when some do not, "… (+N)" says how many were left
 * out. Returns the columns appended. */
size_t layout_list(struct buf *b, const char *const *items, size_t n,
		   size_t cols);

/* Appends a sparkline of the n counts (oldest first) to b, one column
 * each: the largest count is the highest mark, any other count above 0
 * at least the lowest, and 0 a space. The marks are the blocks
 * \u2581..\u2588 with utf8, else _.-=# for terminals without UTF-8.
 * Returns the columns appended (n). */
size_t layout_sparkline(struct buf *b, const int64_t *counts, size_t n,
			bool utf8);

/* The pager's box: at most LAYOUT_BOX_ROWS lines between its rules, and
 * with its rules at most a third of the body, so that the report's own
 * text keeps the rest. The rows its lines may take at a body of
 * body_rows; 0 when that is fewer than LAYOUT_BOX_MIN, and the pager
 * shows the problem line alone. */
#define LAYOUT_BOX_ROWS 5
#define LAYOUT_BOX_MIN 4
int layout_box_budget(int body_rows);

struct layout_boxline {
	int want; /* rows it takes whole; 0: nothing to show */
	int prio; /* 0 first */
};

/* Shares budget rows among n box lines: one row each, in order of
 * priority, while rows are left; then what is left, in the same order,
 * up to what each wants. Fills rows[] (0: not shown) and returns the rows
 * given. */
int layout_box_rows(const struct layout_boxline *l, int n, int budget,
		    int *rows);

#endif
