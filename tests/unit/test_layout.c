/* test_layout.c: column widths, fitting text with wide and combining
 * characters into columns, and wrapping long lines for the pager. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/utf8.h"
#include "ui/layout.h"

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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
