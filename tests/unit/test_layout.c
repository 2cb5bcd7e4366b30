/* test_layout.c: column widths, fitting text with wide and combining
 * characters into columns, and wrapping long lines for the pager. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/utf8.h"
#include "ui/layout.h"

#include <stdio.h>
#include <string.h>

static int sum_shown(const int *w, int n)
{
	int s = 0, shown = 0;

	for (int i = 0; i < n; i++)
		if (w[i]) {
			s += w[i] + (shown ? 1 : 0);
			shown++;
		}
	return s;
}

static void test_layout_columns_fill_the_width_exactly(void **st)
{
	const struct layout_col c[] = {
	    {18, 0, 0}, {5, 0, 0}, {12, 2, 1}, {12, 3, 2}};
	int w[4];

	(void)st;
	for (int total = 50; total <= 200; total += 7) {
		assert_int_equal(layout_columns(c, 4, total, w), 4);
		assert_int_equal(sum_shown(w, 4), total);
		assert_int_equal(w[0], 18);
		assert_int_equal(w[1], 5);
	}
}

static void test_layout_columns_drop_highest_priority_first(void **st)
{
	const struct layout_col c[] = {
	    {20, 0, 0}, {16, 0, 1}, {16, 0, 2}, {10, 1, 0}};
	int w[4];

	(void)st;
	assert_int_equal(layout_columns(c, 4, 50, w), 3);
	assert_int_equal(w[2], 0);
	assert_true(w[1] > 0);
	assert_true(sum_shown(w, 4) <= 50);
	assert_int_equal(layout_columns(c, 4, 35, w), 2);
	assert_int_equal(w[1], 0);
}

static void test_layout_fit_pads_to_exact_columns(void **st)
{
	struct buf b = BUF_INIT;

	(void)st;
	assert_int_equal(layout_fit(&b, "ab", 5, true), 5);
	assert_string_equal(buf_cstr(&b), "ab   ");
	buf_free(&b);
}

static void test_layout_fit_cuts_with_ellipsis(void **st)
{
	struct buf b = BUF_INIT;

	(void)st;
	assert_int_equal(layout_fit(&b, "abcdefgh", 5, true), 5);
	assert_string_equal(buf_cstr(&b), "abcd\u2026");
	buf_free(&b);
}

static void test_layout_fit_never_splits_wide_characters(void **st)
{
	struct buf b = BUF_INIT;
	/* four wide characters: 8 columns */
	const char *s = "\u65e5\u672c\u8a9e\u6587";

	(void)st;
	assert_int_equal(layout_fit(&b, s, 6, true), 6);
	assert_int_equal(utf8_width(buf_cstr(&b), b.len), 6);
	assert_true(utf8_valid(buf_cstr(&b), b.len));
	buf_free(&b);
}

static void test_layout_fit_keeps_combining_marks_and_columns(void **st)
{
	struct buf b = BUF_INIT;
	const char *s = "e\u0301e\u0301e\u0301"; /* three columns */

	(void)st;
	assert_int_equal(layout_fit(&b, s, 4, true), 4);
	assert_int_equal(utf8_width(buf_cstr(&b), b.len), 4);
	assert_non_null(strstr(buf_cstr(&b), s));
	buf_free(&b);
}

static void test_layout_wrap_pieces_fit_and_cover_the_line(void **st)
{
	const char *s = "the quick brown fox jumps over the lazy dog again "
			"and again and again until the line is long";
	size_t starts[32], len = strlen(s), k;

	(void)st;
	k = layout_wrap(s, len, 20, starts, 32);
	assert_true(k > 1);
	assert_int_equal(starts[0], 0);
	for (size_t i = 0; i < k; i++) {
		size_t end = i + 1 < k ? starts[i + 1] : len;
		assert_true(end > starts[i]);
		assert_true(utf8_width(s + starts[i], end - starts[i]) <= 20);
	}
}

static void test_layout_wrap_breaks_after_a_space(void **st)
{
	const char *s = "aaaa bbbb cccc";
	size_t starts[8];

	(void)st;
	assert_int_equal(layout_wrap(s, strlen(s), 12, starts, 8), 2);
	assert_int_equal(starts[1], 10);
}

static void test_layout_wrap_empty_line_is_one_piece(void **st)
{
	size_t starts[2];

	(void)st;
	assert_int_equal(layout_wrap("", 0, 10, starts, 2), 1);
}

static void test_layout_wrap_wide_character_wider_than_line(void **st)
{
	const char *s = "\u65e5\u672c";
	size_t starts[8];

	(void)st;
	assert_int_equal(layout_wrap(s, strlen(s), 1, starts, 8), 2);
	assert_int_equal(starts[1], 3);
}

/* The pieces of s wrapped at cols, as strings joined by '|'. */
static void pieces(const char *s, size_t cols, char *out, size_t n)
{
	size_t starts[64], len = strlen(s),
			   k = layout_wrap(s, len, cols, starts, 64);

	out[0] = '\0';
	for (size_t i = 0; i < k; i++) {
		size_t end = i + 1 < k ? starts[i + 1] : len;
		size_t used = strlen(out);
		snprintf(out + used, n - used, "%s%.*s", i ? "|" : "",
			 (int)(end - starts[i]), s + starts[i]);
	}
}

static void test_layout_wrap_breaks_before_a_url_that_does_not_fit(void **st)
{
	char got[256];

	(void)st;
	pieces("see http://ex.com/abcdef now", 20, got, sizeof got);
	assert_string_equal(got, "see |http://ex.com/abcdef| now");
}

static void test_layout_wrap_gives_a_long_url_lines_of_its_own(void **st)
{
	char got[256];

	(void)st;
	pieces("go http://example.com/0123456789abcdefghij end", 12, got,
	       sizeof got);
	assert_string_equal(
	    got, "go |http://examp|le.com/01234|56789abcdefg|hij| end");
}

static void test_layout_wrap_keeps_a_mail_address_whole(void **st)
{
	char got[256];

	(void)st;
	pieces("write to someone-long@example.org today", 24, got, sizeof got);
	assert_string_equal(got, "write to |someone-long@example.org| today");
}

static void test_layout_list_counts_what_does_not_fit(void **st)
{
	const char *const ips[] = {"192.0.2.1", "192.0.2.2", "192.0.2.3",
				   "192.0.2.4"};
	struct buf b = BUF_INIT;

	(void)st;
	assert_int_equal(layout_list(&b, ips, 4, 80), 42);
	assert_string_equal(buf_cstr(&b),
			    "192.0.2.1, 192.0.2.2, 192.0.2.3, 192.0.2.4");
	buf_reset(&b);
	layout_list(&b, ips, 4, 30);
	assert_string_equal(buf_cstr(&b), "192.0.2.1, 192.0.2.2, \u2026 (+2)");
	assert_true(utf8_width(b.data, b.len) <= 30);
	buf_free(&b);
}

static void test_layout_box_budget_is_a_third_of_the_body(void **st)
{
	(void)st;
	assert_int_equal(layout_box_budget(21), 5); /* 80x24 */
	assert_int_equal(layout_box_budget(40), LAYOUT_BOX_ROWS);
	assert_int_equal(layout_box_budget(18), 4);
	assert_int_equal(layout_box_budget(17), 0); /* 60x20: one line */
	assert_int_equal(layout_box_budget(7), 0);
}

static void test_layout_box_rows_by_priority(void **st)
{
	/* problem (wants 3), action (2), note, facts, IPs */
	const struct layout_boxline l[] = {
	    {3, 0}, {2, 1}, {1, 3}, {1, 4}, {1, 2}};
	int rows[5];

	(void)st;
	assert_int_equal(layout_box_rows(l, 5, 5, rows), 5);
	assert_int_equal(rows[0], 1);
	assert_int_equal(rows[2], 1);
	assert_int_equal(rows[3], 1);
	assert_int_equal(layout_box_rows(l, 5, 4, rows), 4);
	assert_int_equal(rows[3], 0); /* facts go first */
	assert_int_equal(rows[4], 1);
	assert_int_equal(layout_box_rows(l, 5, 1, rows), 1);
	assert_int_equal(rows[0], 1);
	assert_int_equal(rows[1], 0);
}

static void test_layout_box_rows_give_the_rest_to_the_first(void **st)
{
	const struct layout_boxline l[] = {
	    {3, 0}, {2, 1}, {0, 3}, {1, 4}, {1, 2}};
	int rows[5];

	(void)st;
	assert_int_equal(layout_box_rows(l, 5, 5, rows), 5);
	assert_int_equal(rows[0], 2); /* the one spare row: the problem's */
	assert_int_equal(rows[1], 1);
	assert_int_equal(rows[2], 0);
}

static void assert_spark(const int64_t *c, size_t n, bool utf8,
			 const char *want)
{
	struct buf b = BUF_INIT;

	assert_int_equal(layout_sparkline(&b, c, n, utf8), n);
	assert_string_equal(buf_cstr(&b), want);
	assert_int_equal(utf8_width(b.data, b.len), n);
	buf_free(&b);
}

static void test_layout_sparkline_scales_to_the_largest(void **st)
{
	const int64_t c[8] = {0, 1, 2, 3, 4, 5, 6, 8};

	(void)st;
	assert_spark(c, 8, true, " \u2581\u2582\u2583\u2584\u2585\u2586\u2588");
	assert_spark(c, 8, false, " _..-==#");
}

static void test_layout_sparkline_shows_one_among_many(void **st)
{
	const int64_t c[4] = {1000, 1, 0, 500};

	(void)st;
	assert_spark(c, 4, true, "\u2588\u2581 \u2584");
	assert_spark(c, 4, false, "#_ -");
}

static void test_layout_sparkline_of_nothing_is_blank(void **st)
{
	const int64_t c[3] = {0, 0, 0};

	(void)st;
	assert_spark(c, 3, true, "   ");
	assert_spark(c, 0, false, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_layout_columns_fill_the_width_exactly),
	    cmocka_unit_test(test_layout_columns_drop_highest_priority_first),
	    cmocka_unit_test(test_layout_fit_pads_to_exact_columns),
	    cmocka_unit_test(test_layout_fit_cuts_with_ellipsis),
	    cmocka_unit_test(test_layout_fit_never_splits_wide_characters),
	    cmocka_unit_test(test_layout_fit_keeps_combining_marks_and_columns),
	    cmocka_unit_test(test_layout_wrap_pieces_fit_and_cover_the_line),
	    cmocka_unit_test(test_layout_wrap_breaks_after_a_space),
	    cmocka_unit_test(test_layout_wrap_empty_line_is_one_piece),
	    cmocka_unit_test(test_layout_wrap_wide_character_wider_than_line),
	    cmocka_unit_test(
		test_layout_wrap_breaks_before_a_url_that_does_not_fit),
	    cmocka_unit_test(
		test_layout_wrap_gives_a_long_url_lines_of_its_own),
	    cmocka_unit_test(test_layout_wrap_keeps_a_mail_address_whole),
	    cmocka_unit_test(test_layout_list_counts_what_does_not_fit),
	    cmocka_unit_test(test_layout_box_budget_is_a_third_of_the_body),
	    cmocka_unit_test(test_layout_box_rows_by_priority),
	    cmocka_unit_test(test_layout_box_rows_give_the_rest_to_the_first),
	    cmocka_unit_test(test_layout_sparkline_scales_to_the_largest),
	    cmocka_unit_test(test_layout_sparkline_shows_one_among_many),
	    cmocka_unit_test(test_layout_sparkline_of_nothing_is_blank),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
