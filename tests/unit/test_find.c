/* test_find.c: the pager's search — smart case, where a match is found
 * and how long it is, and patterns that never match. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui/find.h"

static void test_find_lowercase_pattern_ignores_case(void **st)
{
	(void)st;
	assert_true(find_ignores_case("honeypot"));
	assert_true(find_ignores_case("192.0.2.5"));
	assert_false(find_ignores_case("SSH"));
	assert_false(find_ignores_case("Honeypot"));
}

static void test_find_in_gives_offset_and_length(void **st)
{
	size_t at = 99, len = 0;

	(void)st;
	assert_int_equal(find_in("seen on our HoneyPot twice", 0, "honeypot",
				 true, &at, &len),
			 1);
	assert_int_equal(at, 12);
	assert_int_equal(len, 8);
	assert_int_equal(
	    find_in("seen on our HoneyPot", 0, "HONEYPOT", false, &at, &len),
	    0);
}

static void test_find_in_starts_at_from(void **st)
{
	size_t at = 0, len = 0;
	const char *s = "ssh from 192.0.2.5, then ssh again";

	(void)st;
	assert_int_equal(find_in(s, 0, "ssh", true, &at, &len), 1);
	assert_int_equal(at, 0);
	assert_int_equal(find_in(s, 1, "ssh", true, &at, &len), 1);
	assert_int_equal(at, 25);
	assert_int_equal(find_in(s, 26, "ssh", true, &at, &len), 0);
	assert_int_equal(find_in(s, 1000, "ssh", true, &at, &len), 0);
}

static void test_find_in_empty_pattern_never_matches(void **st)
{
	size_t at, len;

	(void)st;
	assert_int_equal(find_in("text", 0, "", true, &at, &len), 0);
}

static void test_find_in_leaves_utf8_alone(void **st)
{
	size_t at = 0, len = 0;

	(void)st;
	assert_int_equal(find_in("Grüße aus Köln", 0, "köln", true, &at, &len),
			 1);
	assert_int_equal(at, 12);
	assert_int_equal(len, 5);
	assert_int_equal(find_in("KÖLN", 0, "köln", true, &at, &len), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_find_lowercase_pattern_ignores_case),
	    cmocka_unit_test(test_find_in_gives_offset_and_length),
	    cmocka_unit_test(test_find_in_starts_at_from),
	    cmocka_unit_test(test_find_in_empty_pattern_never_matches),
	    cmocka_unit_test(test_find_in_leaves_utf8_alone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
