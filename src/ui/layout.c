/* layout.c: column widths, fitting text to columns and wrapping lines — the
 * arithmetic of the screens, kept apart from ncurses so that it is tested
 * on its own. Widths come from core/utf8, so wide and combining characters
 * keep columns aligned. */
#include "ui/layout.h"
#include "core/utf8.h"
#include "ui/urlscan.h"

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

/* The first link of s that ends after off, from *link onwards; false
 * when none is left. */
static bool link_after(const char *s, size_t len, size_t off,
		       struct urlscan_span *link, bool *have)
{
	while (*have && link->end <= off)
		*have = urlscan_next(s, len, link->end, link);
	return *have;
}

/* Where a piece of s from off ends when cut would cut a link: before the
 * link, when the line holds something before it; at the width, when the
 * link is longer than a line; at the link's end, when a long link's last
 * piece fits, so that what follows starts a line of its own. */
static size_t link_cut(const struct urlscan_span *l, size_t off, size_t fit,
		       size_t cut)
{
	if (l->start < off && l->end <= off + fit)
		return l->end;
	if (cut <= l->start || cut >= l->end)
		return cut;
	return l->start > off ? l->start : off + fit;
}

size_t layout_wrap(const char *s, size_t len, size_t cols, size_t *starts,
		   size_t max)
{
	size_t k = 0, off = 0;
	struct urlscan_span link;
	bool have = urlscan_next(s, len, 0, &link);

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
		size_t cut = off + break_at(s + off, n, len - off);
		while (link_after(s, len, off, &link, &have) &&
		       link.start < cut) {
			size_t c = link_cut(&link, off, n, cut);
			if (c != cut) {
				cut = c;
				continue;
			}
			if (link.end > cut)
				break;
			have = urlscan_next(s, len, link.end, &link);
		}
		if (k < max)
			starts[k] = off;
		k++;
		off = cut;
	} while (off < len);
	return k < max ? k : max;
}

/* ", … (+N)" after items, "… (+N)" alone. */
static void list_tail(struct buf *b, size_t shown, size_t left)
{
	buf_printf(b, "%s\u2026 (+%zu)", shown ? ", " : "", left);
}

static size_t tail_width(size_t shown, size_t left)
{
	struct buf t = BUF_INIT;
	size_t w;

	list_tail(&t, shown, left);
	w = utf8_width(buf_cstr(&t), t.len);
	buf_free(&t);
	return w;
}

size_t layout_list(struct buf *b, const char *const *items, size_t n,
		   size_t cols)
{
	size_t used = 0, i;

	for (i = 0; i < n; i++) {
		size_t w = utf8_width(items[i], strlen(items[i])) + (i ? 2 : 0);
		size_t need =
		    used + w + (i + 1 < n ? tail_width(i + 1, n - i - 1) : 0);
		if (need > cols)
			break;
		buf_printf(b, "%s%s", i ? ", " : "", items[i]);
		used += w;
	}
	if (i == n)
		return used;
	if (i == 0 && cols > tail_width(1, n - 1) + 1) {
		used =
		    layout_fit(b, items[0], cols - tail_width(1, n - 1), false);
		i = 1;
	}
	if (i < n && used + tail_width(i, n - i) <= cols) {
		list_tail(b, i, n - i);
		used += tail_width(i, n - i);
	}
	return used;
}

int layout_box_budget(int body_rows)
{
	int b = body_rows / 3 - 2;

	if (b > LAYOUT_BOX_ROWS)
		b = LAYOUT_BOX_ROWS;
	return b < LAYOUT_BOX_MIN ? 0 : b;
}

/* The index of the line with the lowest priority number not yet taken. */
static int next_line(const struct layout_boxline *l, int n, const bool *taken)
{
	int best = -1;

	for (int i = 0; i < n; i++)
		if (!taken[i] && (best < 0 || l[i].prio < l[best].prio))
			best = i;
	return best;
}

int layout_box_rows(const struct layout_boxline *l, int n, int budget,
		    int *rows)
{
	bool taken[16] = {false};
	int order[16], used = 0;

	if (n > 16)
		n = 16;
	for (int k = 0; k < n; k++) {
		order[k] = next_line(l, n, taken);
		taken[order[k]] = true;
		rows[k] = 0;
	}
	for (int k = 0; k < n && used < budget; k++)
		if (l[order[k]].want > 0) {
			rows[order[k]] = 1;
			used++;
		}
	for (int k = 0; k < n && used < budget; k++) {
		int i = order[k], extra = l[i].want - rows[i];
		if (!rows[i] || extra <= 0)
			continue;
		if (extra > budget - used)
			extra = budget - used;
		rows[i] += extra;
		used += extra;
	}
	return used;
}

size_t layout_sparkline(struct buf *b, const int64_t *counts, size_t n,
			bool utf8)
{
	static const char *const blocks[] = {"\u2581", "\u2582", "\u2583",
					     "\u2584", "\u2585", "\u2586",
					     "\u2587", "\u2588"};
	static const char ascii[] = "_.-=#";
	int64_t levels = utf8 ? 8 : 5, max = 0;

	for (size_t i = 0; i < n; i++)
		if (counts[i] > max)
			max = counts[i];
	for (size_t i = 0; i < n; i++) {
		int64_t c = counts[i] > 0 ? counts[i] : 0;
		/* rounded up, so that one report among many still shows */
		int64_t lvl = c ? (c * levels + max - 1) / max : 0;
		if (!lvl)
			buf_putc(b, ' ');
		else if (utf8)
			buf_puts(b, blocks[lvl - 1]);
		else
			buf_putc(b, ascii[lvl - 1]);
	}
	return n;
}
