/* test_replay.c: the key scripts of --replay (key names, quoted text,
 * comments, errors) and the latency figures of a run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/buf.h"
#include "ui/keymap.h"
#include "ui/replay.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

/* The keys of script, as a NUL-terminated array (at most 63). */
static int keys_of(const char *script, int *out)
{
	struct err e = {{0}};
	struct replay *r = replay_parse("t", script, &e);
	int n = 0;

	assert_non_null(r);
	while (n < 63 && replay_next(r, &out[n]))
		n++;
	replay_free(r);
	return n;
}

static void test_replay_reads_key_names(void **state)
{
	int k[64];
	int want[3];

	(void)state;
	assert_int_equal(keymap_key_parse("<PageDown>", &want[1], NULL), 0);
	assert_int_equal(keymap_key_parse("^U", &want[2], NULL), 0);
	assert_int_equal(keys_of("j <PageDown>\n^U", k), 3);
	assert_int_equal(k[0], 'j');
	assert_int_equal(k[1], want[1]);
	assert_int_equal(k[2], want[2]);
}

static void test_replay_types_quoted_text(void **state)
{
	int k[64];

	(void)state;
	assert_int_equal(keys_of("/ \"a \\\"b\" <Enter>", k), 6);
	assert_int_equal(k[0], '/');
	assert_int_equal(k[1], 'a');
	assert_int_equal(k[2], ' ');
	assert_int_equal(k[3], '"');
	assert_int_equal(k[4], 'b');
}

static void test_replay_types_utf8_text_as_characters(void **state)
{
	int k[64];

	(void)state;
	assert_int_equal(keys_of("\"\xc3\xa9\"", k), 1);
	assert_int_equal(k[0], 0xe9);
}

static void test_replay_skips_comments(void **state)
{
	int k[64];

	(void)state;
	assert_int_equal(keys_of("# all of this\nj # and this k\n", k), 1);
	assert_int_equal(k[0], 'j');
}

static void test_replay_names_the_line_of_a_bad_key(void **state)
{
	struct err e = {{0}};

	(void)state;
	assert_null(replay_parse("keys.txt", "j\nk <Nope>\n", &e));
	assert_non_null(strstr(e.msg, "keys.txt:2"));
	assert_non_null(strstr(e.msg, "Nope"));
}

static void test_replay_rejects_unterminated_text(void **state)
{
	struct err e = {{0}};

	(void)state;
	assert_null(replay_parse("k", "\"abc", &e));
	assert_non_null(strstr(e.msg, "quote"));
}

static void test_replay_stat_median_and_p99(void **state)
{
	struct err e = {{0}};
	struct replay *r = replay_parse("t", "", &e);
	struct replay_stat s;

	(void)state;
	for (int i = 100; i >= 1; i--) /* 1..100 ms, out of order */
		replay_record(r, "groups:down", i / 1000.0);
	replay_record(r, "groups:open", 0.5);
	assert_true(replay_stat(r, "groups:down", &s));
	assert_int_equal(s.n, 100);
	assert_float_equal(s.median_ms, 50.5, 1e-9);
	assert_float_equal(s.p99_ms, 99.0, 1e-9);
	assert_float_equal(s.max_ms, 100.0, 1e-9);
	assert_false(replay_stat(r, "pager:down", &s));
	replay_free(r);
}

static void test_replay_summary_has_a_line_per_kind(void **state)
{
	struct err e = {{0}};
	struct replay *r = replay_parse("t", "", &e);
	struct buf b = BUF_INIT;

	(void)state;
	replay_record(r, "groups:down", 0.001);
	replay_record(r, "groups:search", 0.020);
	replay_summary(r, &b);
	assert_non_null(strstr(buf_cstr(&b), "replay groups:down n=1 "));
	assert_non_null(strstr(buf_cstr(&b), "replay groups:search n=1 "));
	assert_non_null(strstr(buf_cstr(&b), "p99=20.00ms"));
	buf_free(&b);
	replay_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_replay_reads_key_names),
	    cmocka_unit_test(test_replay_types_quoted_text),
	    cmocka_unit_test(test_replay_types_utf8_text_as_characters),
	    cmocka_unit_test(test_replay_skips_comments),
	    cmocka_unit_test(test_replay_names_the_line_of_a_bad_key),
	    cmocka_unit_test(test_replay_rejects_unterminated_text),
	    cmocka_unit_test(test_replay_stat_median_and_p99),
	    cmocka_unit_test(test_replay_summary_has_a_line_per_kind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
