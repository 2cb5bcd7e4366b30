/* test_date.c: calendar fields to Unix time, and the dates no real mail
 * has, which come back unknown instead of overflowing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/date.h"

#include <limits.h>

static void test_date_utc(void **state)
{
	(void)state;
	assert_int_equal(date_to_unix(2026, 6, 1, 10, 0, 0, 0), 1780308000);
}

static void test_date_zones_east_and_west(void **state)
{
	(void)state;
	/* 10:00 +0200 is 08:00 UTC; 10:00 -0530 is 15:30 UTC. */
	assert_int_equal(date_to_unix(2026, 6, 1, 10, 0, 0, 200),
			 1780308000 - 7200);
	assert_int_equal(date_to_unix(2026, 6, 1, 10, 0, 0, -530),
			 1780308000 + 5 * 3600 + 30 * 60);
}

static void test_date_impossible_fields_are_unknown(void **state)
{
	(void)state;
	assert_int_equal(date_to_unix(10000, 1, 1, 0, 0, 0, 0), 0);
	assert_int_equal(date_to_unix(-1, 1, 1, 0, 0, 0, 0), 0);
	assert_int_equal(date_to_unix(2026, 1, 1, 0, 0, 0, 99999), 0);
	assert_int_equal(date_to_unix(2026, 1, 1, 0, 0, 0, INT_MIN), 0);
	assert_int_equal(date_to_unix(INT_MAX, 1, 1, 0, 0, 0, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_date_utc),
	    cmocka_unit_test(test_date_zones_east_and_west),
	    cmocka_unit_test(test_date_impossible_fields_are_unknown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
