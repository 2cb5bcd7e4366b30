/* layout.c: column widths, fitting text to columns and wrapping lines — the
 * arithmetic of the screens, kept apart from ncurses so that it is tested
 * on its own. Widths come from core/utf8, so wide and combining characters
 * keep columns aligned. */
#include "ui/layout.h"
#include "core/utf8.h"

#include <string.h>

/* Drops the column with the highest priority number still shown; false
 * when only always-shown columns are left. */
static bool drop_one(const struct layout_col *cols, int n, int *width)
{
	int worst = -1;

	for (int i = 0; i < n; i++)
		if (width[i] && cols[i].priority > 0 &&
		    (worst < 0 || cols[i].priority > cols[worst].priority))
			worst = i;
	if (worst < 0)
		return false;
	width[worst] = 0;
	return true;
}

static int needed(const struct layout_col *cols, int n, const int *width,
		  int *weights, int *shown)
{
	int sum = 0;

	*weights = 0;
	*shown = 0;
	for (int i = 0; i < n; i++) {
		if (!width[i])
			continue;
		sum += cols[i].min + (*shown ? 1 : 0);
		*weights += cols[i].weight;
		(*shown)++;
	}
	return sum;
}

int layout_columns(const struct layout_col *cols, int n, int total, int *width)
{
	int sum, weights, shown, left, given = 0, last = -1;

	for (int i = 0; i < n; i++)
		width[i] = cols[i].min > 0 ? cols[i].min : 1;
	while ((sum = needed(cols, n, width, &weights, &shown)) > total &&
	       drop_one(cols, n, width))
		;
	left = total - sum;
	for (int i = 0; i < n && left > 0 && weights > 0; i++) {
		if (!width[i] || !cols[i].weight)
			continue;
		int extra = left * cols[i].weight / weights;
		width[i] += extra;
		given += extra;
		last = i;
	}
	if (last >= 0)
		width[last] += left - given;
	return shown;
}

size_t layout_fit(struct buf *b, const char *s, size_t cols, bool pad)
{
	size_t len = strlen(s), used = 0, n;

	if (utf8_width(s, len) <= cols) {
		buf_append(b, s, len);
		used = utf8_width(s, len);
	} else if (cols > 0) {
		n = utf8_fit(s, len, cols - 1, &used);
		buf_append(b, s, n);
		buf_puts(b, "\u2026");
		used++;
	}
	for (; pad && used < cols; used++)
		buf_putc(b, ' ');
	return used;
}

/* Where to break a piece of n bytes: after its last space if that is in
 * the second half, else at n. */
static size_t break_at(const char *s, size_t n, size_t rest)
{
	if (n >= rest)
		return n;
	for (size_t i = n; i > n / 2; i--)
		if (s[i - 1] == ' ')
			return i;
	return n;
}

size_t layout_wrap(const char *s, size_t len, size_t cols, size_t *starts,
		   size_t max)
{
	size_t k = 0, off = 0;

	if (cols == 0)
		cols = 1;
	do {
		size_t n = utf8_fit(s + off, len - off, cols, NULL);
		if (n == 0 && off < len) {
			/* a character wider than the whole line */
			uint32_t cp;
			int l = utf8_decode(s + off, len - off, &cp);
			n = l > 0 ? (size_t)l : 1;
		}
		if (k < max)
			starts[k] = off;
		k++;
		off += break_at(s + off, n, len - off);
	} while (off < len);
	return k < max ? k : max;
}
