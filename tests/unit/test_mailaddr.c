/* test_mailaddr.c: a mail address found in running text by its '@'. */
#include "core/mailaddr.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

/* The address around the first '@' of t, or "" when there is none. */
static const char *span_of(const char *t, char out[64])
{
	const char *at = strchr(t, '@');
	size_t a, b;

	out[0] = '\0';
	if (at && mailaddr_span(t, 0, strlen(t), (size_t)(at - t), &a, &b) &&
	    b - a < 64) {
		memcpy(out, t + a, b - a);
		out[b - a] = '\0';
	}
	return out;
}

/* The address stops at what cannot be in one, a closing dot included;
 * an '@' with nothing before it or no dot after it is none. */
static void test_mailaddr_span_in_text(void **state)
{
	char out[64];

	(void)state;
	assert_string_equal(span_of("reply to remove@list.example.", out),
			    "remove@list.example");
	assert_string_equal(
	    span_of("  203.0.113.71  abuse@isp.example  844", out),
	    "abuse@isp.example");
	assert_string_equal(span_of("<Abuse+x_y%z@Sub.ISP.example>", out),
			    "Abuse+x_y%z@Sub.ISP.example");
	assert_string_equal(span_of("root@localhost", out), "");
	assert_string_equal(span_of("meet @ noon.example", out), "");
	assert_string_equal(span_of("@isp.example", out), "");
}

/* The first address of a span, past an '@' that opens none. */
static void test_mailaddr_first_in_span(void **state)
{
	const char *t = "write to @ or remove@list.example, then x@y.example";
	char *a = mailaddr_first(t, 0, strlen(t));

	(void)state;
	assert_string_equal(a, "remove@list.example");
	free(a);
	assert_null(mailaddr_first(t, 0, 10));
	a = mailaddr_first(t, 35, strlen(t));
	assert_string_equal(a, "x@y.example");
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mailaddr_span_in_text),
	    cmocka_unit_test(test_mailaddr_first_in_span),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
