/* test_json.c: the command line's JSON escapes what mail may carry to act
 * on a terminal or hide text, and keeps other non-ASCII text readable. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/json.h"

#include <stdlib.h>
#include <string.h>

/* The dump of one JSON string holding s. */
static char *dump_string(const char *s)
{
	json_t *j = json_string(s);
	char *out;

	assert_non_null(j);
	out = json_dump_safe(j, JSON_ENCODE_ANY | JSON_COMPACT);
	json_decref(j);
	assert_non_null(out);
	return out;
}

static void expect_dump(const char *in, const char *want)
{
	char *got = dump_string(in);

	assert_string_equal(got, want);
	free(got);
}

static void test_json_escapes_c1_controls(void **state)
{
	(void)state;
	expect_dump("a\xc2\x9b"
		    "31mb",
		    "\"a\\u009b31mb\"");
	expect_dump("\xc2\x80\xc2\x9f", "\"\\u0080\\u009f\"");
}

static void test_json_escapes_del(void **state)
{
	(void)state;
	expect_dump("a\x7f"
		    "b",
		    "\"a\\u007fb\"");
}

static void test_json_escapes_bidi_overrides_and_isolates(void **state)
{
	(void)state;
	/* U+202E RIGHT-TO-LEFT OVERRIDE, U+2066 LEFT-TO-RIGHT ISOLATE,
	 * U+2069 POP DIRECTIONAL ISOLATE, U+202A LRE. */
	expect_dump("\xe2\x80\xae"
		    "fdp.exe",
		    "\"\\u202efdp.exe\"");
	expect_dump("\xe2\x81\xa6x\xe2\x81\xa9\xe2\x80\xaa",
		    "\"\\u2066x\\u2069\\u202a\"");
}

static void test_json_escapes_zero_width_characters(void **state)
{
	(void)state;
	/* U+200B, U+200F, U+2060, U+FEFF. */
	expect_dump("p\xe2\x80\x8bq\xe2\x80\x8f\xe2\x81\xa0\xef\xbb\xbf",
		    "\"p\\u200bq\\u200f\\u2060\\ufeff\"");
}

static void test_json_keeps_other_text_raw(void **state)
{
	(void)state;
	/* é, CJK, an emoji, U+00A0 (just past the C1 range), U+2010. */
	expect_dump(
	    "\xc3\xa9\xe6\xbc\xa2\xf0\x9f\x98\x80\xc2\xa0\xe2\x80\x90",
	    "\"\xc3\xa9\xe6\xbc\xa2\xf0\x9f\x98\x80\xc2\xa0\xe2\x80\x90\"");
}

static void test_json_escapes_in_keys_too(void **state)
{
	json_t *o = json_object();
	char *got;

	(void)state;
	json_object_set_new(o, "k\xc2\x9b", json_string("v"));
	got = json_dump_safe(o, JSON_COMPACT);
	assert_string_equal(got, "{\"k\\u009b\":\"v\"}");
	free(got);
	json_decref(o);
}

static void test_json_escaped_output_parses_back(void **state)
{
	const char *in = "x\xc2\x9b\xe2\x80\xae\x7fy\xc3\xa9";
	char *out = dump_string(in);
	json_t *back = json_loads(out, JSON_DECODE_ANY, NULL);

	(void)state;
	assert_non_null(back);
	assert_string_equal(json_string_value(back), in);
	json_decref(back);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_json_escapes_c1_controls),
	    cmocka_unit_test(test_json_escapes_del),
	    cmocka_unit_test(test_json_escapes_bidi_overrides_and_isolates),
	    cmocka_unit_test(test_json_escapes_zero_width_characters),
	    cmocka_unit_test(test_json_keeps_other_text_raw),
	    cmocka_unit_test(test_json_escapes_in_keys_too),
	    cmocka_unit_test(test_json_escaped_output_parses_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
