/* test_argv.c: a command line from the config or $VISUAL split into
 * words with quotes and backslashes, without a shell. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/argv.h"

#include <stdlib.h>
#include <string.h>

static void test_argv_split_words_and_quotes(void **state)
{
	struct err e = {{0}};
	char **v = argv_split(
	    "  emacs -nw 'my file' \"a \\\"b\\\"\" c\\ d $HOME;x", &e);

	(void)state;
	assert_non_null(v);
	assert_string_equal(v[0], "emacs");
	assert_string_equal(v[1], "-nw");
	assert_string_equal(v[2], "my file");
	assert_string_equal(v[3], "a \"b\"");
	assert_string_equal(v[4], "c d");
	assert_string_equal(v[5], "$HOME;x");
	assert_null(v[6]);
	v = argv_append(v, "--");
	assert_string_equal(v[6], "--");
	assert_null(v[7]);
	argv_free(v);
}

static void test_argv_split_refuses_empty_and_open_quote(void **state)
{
	struct err e = {{0}};

	(void)state;
	assert_null(argv_split("   ", &e));
	assert_null(argv_split(NULL, &e));
	assert_null(argv_split("vi 'x", &e));
	assert_non_null(strstr(e.msg, "not closed"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_argv_split_words_and_quotes),
	    cmocka_unit_test(test_argv_split_refuses_empty_and_open_quote),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
