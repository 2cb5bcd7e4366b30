/* test_limit.c: the limit pattern language (ip:, reporter:, cat:, state:,
 * since:, negation, combinations), its error messages, and the quoting of
 * search words into FTS5 queries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui/limit.h"

#include <stdlib.h>
#include <string.h>

enum { NOW = 1774000000, DAY = 86400 };

static struct limit *parse(const char *p)
{
	struct err e = {{0}};
	struct limit *l = limit_parse(p, NOW, &e);

	if (!l)
		fail_msg("limit_parse refused \"%s\": %s", p, e.msg);
	return l;
}

static struct triage_fact fact(const char *ip, const char *reporter,
			       const char *cat, const char *state, int64_t t)
{
	struct triage_fact f = {ip, reporter, cat, STORE_STATE_OPEN, t};

	if (state)
		assert_true(store_state_parse(state, &f.state));
	return f;
}

static bool matches(const char *pattern, struct triage_fact f)
{
	struct limit *l = parse(pattern);
	bool m = limit_match(l, &f);

	limit_free(l);
	return m;
}

static void test_limit_ip_cidr_matches_inside_only(void **st)
{
	(void)st;
	assert_true(matches("ip:192.0.2.0/24", fact("192.0.2.7", 0, 0, 0, 0)));
	assert_false(matches("ip:192.0.2.0/24", fact("192.0.3.7", 0, 0, 0, 0)));
	assert_false(matches("ip:192.0.2.0/24", fact(NULL, 0, 0, 0, 0)));
	assert_true(
	    matches("ip:2001:db8::/32", fact("2001:db8::1", 0, 0, 0, 0)));
	assert_true(matches("ip:192.0.2.7", fact("192.0.2.7", 0, 0, 0, 0)));
}

static void test_limit_bare_address_or_network_means_ip(void **st)
{
	(void)st;
	assert_true(matches("192.0.2.5", fact("192.0.2.5", 0, 0, 0, 0)));
	assert_false(matches("192.0.2.5", fact("192.0.2.6", 0, 0, 0, 0)));
	assert_true(
	    matches("198.51.100.0/24", fact("198.51.100.9", 0, 0, 0, 0)));
	assert_false(
	    matches("198.51.100.0/24", fact("198.51.101.9", 0, 0, 0, 0)));
	assert_true(
	    matches("2001:db8::/32", fact("2001:db8:100::25", 0, 0, 0, 0)));
	assert_false(matches("!192.0.2.5", fact("192.0.2.5", 0, 0, 0, 0)));
	assert_true(
	    matches("192.0.2.5 cat:spam", fact("192.0.2.5", 0, "spam", 0, 0)));
}

/* One limit answers for one address after another (it remembers the
 * last one it parsed). */
static void test_limit_ip_answers_each_address_in_turn(void **st)
{
	struct limit *l = parse("ip:192.0.2.0/24");
	struct triage_fact in = fact("192.0.2.7", NULL, NULL, "open", 0);
	struct triage_fact out = fact("198.51.100.7", NULL, NULL, "open", 0);

	(void)st;
	assert_true(limit_match(l, &in));
	assert_true(limit_match(l, &in));
	assert_false(limit_match(l, &out));
	assert_false(limit_match(l, &out));
	assert_true(limit_match(l, &in));
	limit_free(l);
}

static void test_limit_reporter_matches_domain_and_subdomains(void **st)
{
	(void)st;
	assert_true(
	    matches("reporter:spamcop.net", fact(0, "spamcop.net", 0, 0, 0)));
	assert_true(matches("reporter:spamcop.net",
			    fact(0, "reports.SPAMCOP.net", 0, 0, 0)));
	assert_false(matches("reporter:spamcop.net",
			     fact(0, "notspamcop.net", 0, 0, 0)));
	assert_false(matches("reporter:spamcop.net", fact(0, NULL, 0, 0, 0)));
}

static void test_limit_cat_and_state_compare_words(void **st)
{
	(void)st;
	assert_true(
	    matches("cat:copyright", fact(0, 0, "copyright", "open", 0)));
	assert_false(
	    matches("cat:copyright", fact(0, 0, "messaging", "open", 0)));
	assert_true(matches("state:resolved", fact(0, 0, 0, "resolved", 0)));
	assert_false(matches("state:open", fact(0, 0, 0, "resolved", 0)));
	assert_true(matches("state:ignored", fact(0, 0, 0, "ignored", 0)));
	assert_false(matches("state:ignored", fact(0, 0, 0, "open", 0)));
}

static void test_limit_since_counts_back_from_now(void **st)
{
	(void)st;
	assert_true(matches("since:7d", fact(0, 0, 0, 0, NOW - 6 * DAY)));
	assert_false(matches("since:7d", fact(0, 0, 0, 0, NOW - 8 * DAY)));
	assert_true(matches("since:2h", fact(0, 0, 0, 0, NOW - 3600)));
	assert_false(matches("since:1w", fact(0, 0, 0, 0, NOW - 8 * DAY)));
	assert_true(matches("since:2026-01-01", fact(0, 0, 0, 0, 1767225600)));
	assert_false(matches("since:2026-01-01", fact(0, 0, 0, 0, 1767225599)));
}

/* A count too large to go back from now (found by fuzz_limit) means
 * "since the beginning of time", without overflowing on the way. */
static void test_limit_since_beyond_all_time_matches_everything(void **st)
{
	(void)st;
	assert_true(matches("since:99999999999999999999w",
			    fact(0, 0, 0, 0, INT64_MIN)));
	assert_true(matches("since:9223372036854775807m",
			    fact(0, 0, 0, 0, -((int64_t)1 << 62))));
}

/* fuzz_limit's input, as found: parsing it must not overflow (the
 * sanitizer build of this test traps on it). */
static void test_limit_parse_fuzz_since_overflow(void **st)
{
	struct err e;

	(void)st;
	limit_free(limit_parse("since:8888888888888888888888888888888888888888"
			       "812h since:30m s:!2iwecnsince:0d",
			       NOW, &e));
}

static void test_limit_different_keys_must_all_match(void **st)
{
	const char *p = "ip:192.0.2.0/24 cat:copyright";

	(void)st;
	assert_true(matches(p, fact("192.0.2.1", 0, "copyright", 0, 0)));
	assert_false(matches(p, fact("192.0.2.1", 0, "messaging", 0, 0)));
	assert_false(matches(p, fact("198.51.100.1", 0, "copyright", 0, 0)));
}

static void test_limit_same_key_terms_are_alternatives(void **st)
{
	const char *p = "ip:192.0.2.0/24 ip:198.51.100.0/24";

	(void)st;
	assert_true(matches(p, fact("192.0.2.1", 0, 0, 0, 0)));
	assert_true(matches(p, fact("198.51.100.1", 0, 0, 0, 0)));
	assert_false(matches(p, fact("203.0.113.1", 0, 0, 0, 0)));
}

static void test_limit_bang_negates_a_term(void **st)
{
	(void)st;
	assert_false(matches("!reporter:webwatch.example",
			     fact(0, "webwatch.example", 0, 0, 0)));
	assert_true(matches("!reporter:webwatch.example",
			    fact(0, "spamcop.net", 0, 0, 0)));
}

static void test_limit_empty_pattern_matches_everything(void **st)
{
	(void)st;
	assert_true(matches("", fact(NULL, NULL, NULL, NULL, 0)));
}

static void refused(const char *p, const char *why)
{
	struct err e = {{0}};
	struct limit *l = limit_parse(p, NOW, &e);

	if (l)
		fail_msg("limit_parse took \"%s\"", p);
	if (!strstr(e.msg, why))
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", p, e.msg, why);
}

static void test_limit_parse_rejects_bad_terms_with_a_reason(void **st)
{
	(void)st;
	refused("color:red", "unknown key");
	refused("copyright", "KEY:VALUE");
	refused("192.0.2.300", "KEY:VALUE");
	refused("since:7x", "since:7x");
	refused("state:done", "open, resolved or ignored");
	refused("ip:300.1.1.1", "300.1.1.1");
	refused("cat:", "needs a value");
	refused("ip:192.0.2.0/24 cat:", "needs a value");
}

static void test_limit_search_query_quotes_each_word(void **st)
{
	char *q;

	(void)st;
	q = limit_search_query("  192.0.2.1 say \"hi\"  ");
	assert_string_equal(q, "\"192.0.2.1\" \"say\" \"\"\"hi\"\"\"");
	free(q);
	assert_null(limit_search_query("   "));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_limit_ip_cidr_matches_inside_only),
	    cmocka_unit_test(test_limit_bare_address_or_network_means_ip),
	    cmocka_unit_test(test_limit_ip_answers_each_address_in_turn),
	    cmocka_unit_test(test_limit_reporter_matches_domain_and_subdomains),
	    cmocka_unit_test(test_limit_cat_and_state_compare_words),
	    cmocka_unit_test(test_limit_since_counts_back_from_now),
	    cmocka_unit_test(
		test_limit_since_beyond_all_time_matches_everything),
	    cmocka_unit_test(test_limit_parse_fuzz_since_overflow),
	    cmocka_unit_test(test_limit_different_keys_must_all_match),
	    cmocka_unit_test(test_limit_same_key_terms_are_alternatives),
	    cmocka_unit_test(test_limit_bang_negates_a_term),
	    cmocka_unit_test(test_limit_empty_pattern_matches_everything),
	    cmocka_unit_test(test_limit_parse_rejects_bad_terms_with_a_reason),
	    cmocka_unit_test(test_limit_search_query_quotes_each_word),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
