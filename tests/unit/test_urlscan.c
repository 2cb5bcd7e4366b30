/* test_urlscan.c: finding the links of a line as urlview does — URLs by
 * scheme or www., mail addresses, and where each ends. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui/urlscan.h"

#include <stdio.h>
#include <string.h>

/* The first link of s from 0, as a string in out ("" when none). */
static bool first(const char *s, char *out, size_t n, bool *mail)
{
	struct urlscan_span sp;

	out[0] = '\0';
	if (!urlscan_next(s, strlen(s), 0, &sp))
		return false;
	snprintf(out, n, "%.*s", (int)(sp.end - sp.start), s + sp.start);
	if (mail)
		*mail = sp.mail;
	return true;
}

static void expect(const char *s, const char *want)
{
	char got[256];

	first(s, got, sizeof got, NULL);
	assert_string_equal(got, want);
}

static void test_urlscan_finds_urls_by_scheme(void **st)
{
	(void)st;
	expect("see https://example.com/a?b=c&d=e#f now",
	       "https://example.com/a?b=c&d=e#f");
	expect("HTTP://EXAMPLE.NET/x", "HTTP://EXAMPLE.NET/x");
	expect("ftp://files.example/pub", "ftp://files.example/pub");
	expect("go to www.example.org/page", "www.example.org/page");
	expect("defanged hxxp://evil[.]example/kit",
	       "hxxp://evil[.]example/kit");
}

static void test_urlscan_drops_sentence_punctuation(void **st)
{
	(void)st;
	expect("Visit http://example.com/x.", "http://example.com/x");
	expect("(see http://example.com/y)", "http://example.com/y");
	expect("http://example.com/wiki/A_(b), then",
	       "http://example.com/wiki/A_(b)");
	expect("<http://example.com/z>", "http://example.com/z");
	expect("\"http://example.com/q\"", "http://example.com/q");
}

static void test_urlscan_needs_a_word_start_and_a_rest(void **st)
{
	char got[64];

	(void)st;
	assert_false(first("nothttp://x", got, sizeof got, NULL) &&
		     got[0] == 'h');
	assert_false(first("only http:// here", got, sizeof got, NULL));
}

static void test_urlscan_finds_mail_addresses(void **st)
{
	char got[64];
	bool mail = false;

	(void)st;
	assert_true(
	    first("write to abuse@example.net.", got, sizeof got, &mail));
	assert_string_equal(got, "abuse@example.net");
	assert_true(mail);
	expect("<john.doe+x@mail.example.co.uk>",
	       "john.doe+x@mail.example.co.uk");
	assert_false(first("user@localhost or a@b.c1 or @example.com", got,
			   sizeof got, NULL));
}

static void test_urlscan_mailto_is_one_url(void **st)
{
	char got[64];
	bool mail = true;

	(void)st;
	assert_true(first("mailto:abuse@example.net?subject=x", got, sizeof got,
			  &mail));
	assert_string_equal(got, "mailto:abuse@example.net?subject=x");
	assert_false(mail);
}

static void test_urlscan_walks_every_link_in_order(void **st)
{
	const char *s =
	    "a http://one.example b two@two.example c www.three.example";
	struct urlscan_span sp;
	size_t from = 0, n = 0;

	(void)st;
	while (urlscan_next(s, strlen(s), from, &sp)) {
		assert_true(sp.start >= from);
		from = sp.end;
		n++;
	}
	assert_int_equal(n, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_urlscan_finds_urls_by_scheme),
	    cmocka_unit_test(test_urlscan_drops_sentence_punctuation),
	    cmocka_unit_test(test_urlscan_needs_a_word_start_and_a_rest),
	    cmocka_unit_test(test_urlscan_finds_mail_addresses),
	    cmocka_unit_test(test_urlscan_mailto_is_one_url),
	    cmocka_unit_test(test_urlscan_walks_every_link_in_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
