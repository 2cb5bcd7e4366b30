/* test_advice.c: the program's own summary and suggested next step. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "analysis/advice.h"
#include "core/xalloc.h"

static struct report *report_of(const char *category, const char *type)
{
	struct report *r = report_new();

	r->category = category ? xstrdup(category) : NULL;
	r->type = type ? xstrdup(type) : NULL;
	return r;
}

static void test_advice_summary_names_the_one_ip(void **state)
{
	struct report *r = report_of("messaging", "spam");
	char *s;

	(void)state;
	report_add_ip(r, "198.51.100.61", true);
	s = advice_summary(r);
	assert_string_equal(s, "Spam sent from 198.51.100.61");
	free(s);
	report_free(r);
}

/* A kind the words do not name about a named offender is still a report
 * (personal data published); with no offender it may be no report. */
static void test_advice_other_kind_with_offender_is_a_report(void **state)
{
	struct report *r = report_of("other", "other");
	char *s;

	(void)state;
	s = advice_summary(r);
	assert_non_null(strstr(s, "No abuse report recognised"));
	free(s);
	report_add_ip(r, "198.51.100.46", true);
	advice_fill(r);
	assert_string_equal(
	    r->summary, "Abuse of another kind reported about 198.51.100.46");
	assert_null(strstr(r->advice, "archive"));
	report_free(r);
}

/* A mail of no kind that names no address but asks for something (a
 * notice in a PDF, "our own site redirects") is a report too. */
static void test_advice_other_kind_that_asks_is_a_report(void **state)
{
	struct report *r = report_of("other", "other");
	char *s;

	(void)state;
	r->action = xstrdup("Kindly act on the attached notice.");
	s = advice_summary(r);
	assert_string_equal(s, "Abuse of another kind reported");
	free(s);
	report_free(r);
}

/* A victim named beside the attacker is not where the abuse came from. */
static void test_advice_summary_names_offenders_only(void **state)
{
	struct report *r = report_of("connection", "login_attack");
	char *s;

	(void)state;
	report_add_ip_role(r, "192.0.2.14", true, REPORT_IP_VICTIM);
	report_add_ip_role(r, "203.0.113.66", false, REPORT_IP_OFFENDER);
	s = advice_summary(r);
	assert_string_equal(s,
			    "Login attempts (brute force) from 203.0.113.66");
	free(s);
	report_free(r);
}

/* A report grouped under our attacked host (none of ours attacking)
 * says so and advises nothing against the customer's host. */
static void test_advice_victim_report_is_no_compromise(void **state)
{
	struct report *r = report_of("connection", "ddos");
	struct problem_facts f = {0};
	char *s;

	(void)state;
	report_add_ip_role(r, "198.51.100.40", true, REPORT_IP_VICTIM);
	report_add_ip_role(r, "203.0.113.9", false, REPORT_IP_OFFENDER);
	advice_fill(r);
	assert_string_equal(r->summary,
			    "Our host 198.51.100.40 attacked (DDoS traffic)");
	assert_non_null(strstr(r->advice, "nothing to clean"));
	assert_null(strstr(r->advice, "compromised"));
	s = advice_problem(r, &f);
	assert_string_equal(s,
			    "Our host 198.51.100.40 attacked (DDoS traffic)");
	free(s);
	report_free(r);
}

static void test_advice_summary_counts_further_ips(void **state)
{
	struct report *r = report_of("connection", "ddos");
	char *s;

	(void)state;
	report_add_ip(r, "192.0.2.1", true);
	report_add_ip(r, "192.0.2.2", true);
	report_add_ip(r, "2001:db8::1", true);
	s = advice_summary(r);
	assert_string_equal(s, "DDoS traffic from 192.0.2.1 and 2 more");
	free(s);
	report_free(r);
}

static void test_advice_summary_without_ip_has_no_preposition(void **state)
{
	struct report *r = report_of("content", "phishing");
	char *s;

	(void)state;
	s = advice_summary(r);
	assert_string_equal(s, "Phishing page hosted");
	free(s);
	report_free(r);
}

static void test_advice_specific_type_before_category(void **state)
{
	(void)state;
	assert_non_null(
	    strstr(advice_todo("connection", "ddos"), "null-route"));
	assert_non_null(
	    strstr(advice_todo("connection", "login_attack"), "SSH"));
	/* An unlisted type of a listed category falls back to the category. */
	assert_string_equal(advice_todo("connection", "sql_injection"),
			    advice_todo("connection", "no_such_type"));
}

static void test_advice_unknown_category_says_read_it(void **state)
{
	struct report *r = report_of(NULL, NULL);
	char *s = advice_summary(r);

	(void)state;
	assert_string_equal(s, "Report of an unknown kind");
	assert_non_null(strstr(advice_todo(NULL, NULL), "Read the report"));
	assert_non_null(
	    strstr(advice_todo("galactic", "x"), "Read the report"));
	free(s);
	report_free(r);
}

static void test_advice_every_category_has_an_answer(void **state)
{
	static const char *const categories[] = {
	    "messaging",     "content",	       "copyright",  "connection",
	    "vulnerability", "infrastructure", "reputation", "other"};

	(void)state;
	for (size_t i = 0; i < sizeof categories / sizeof categories[0]; i++)
		assert_null(
		    strstr(advice_todo(categories[i], "x"), "could not tell"));
}

static void test_advice_problem_names_port_count_and_span(void **state)
{
	struct report *r = report_of("vulnerability", "open_service");
	struct problem_facts f = {.kind = "scan_memcached",
				  .port = "11211",
				  .proto = "udp",
				  .first = "2024-05-06 02:10",
				  .last = "2024-05-06 04:55",
				  .count = 3};
	char *s;

	(void)state;
	report_add_ip(r, "192.0.2.7", true);
	s = advice_problem(r, &f);
	assert_string_equal(s, "Vulnerable or exposed service on 192.0.2.7 "
			       "port 11211/udp, reported as scan_memcached: "
			       "3 records between 2024-05-06 02:10 and "
			       "2024-05-06 04:55");
	free(s);
	report_free(r);
}

static void test_advice_problem_names_the_site(void **state)
{
	struct report *r = report_of("messaging", "spam");
	struct problem_facts f = {.site = "cheap-watches.example",
				  .first = "Mon, 6 May 2024 10:00:00 +0000"};
	char *s;

	(void)state;
	report_add_ip(r, "198.51.100.61", true);
	s = advice_problem(r, &f);
	assert_string_equal(s, "Spam sent from 198.51.100.61, domain "
			       "cheap-watches.example: at Mon, 6 May 2024 "
			       "10:00:00 +0000");
	free(s);
	report_free(r);
}

static void test_advice_problem_names_no_domain_for_many_ips(void **state)
{
	struct report *r = report_of("vulnerability", "open_service");
	struct problem_facts f = {.site = "host1.example", .port = "53"};
	char *s;

	(void)state;
	report_add_ip(r, "192.0.2.1", true);
	report_add_ip(r, "192.0.2.2", true);
	s = advice_problem(r, &f);
	assert_string_equal(s, "Vulnerable or exposed service on 192.0.2.1 "
			       "port 53 and 1 more");
	free(s);
	report_free(r);
}

/* The derived problem counts the offenders, as the summary does: the
 * scanned hosts are not "more" scanners. */
static void test_advice_problem_counts_offenders_only(void **state)
{
	struct report *r = report_of("connection", "port_scan");
	struct problem_facts f = {0};
	char *s;

	(void)state;
	report_add_ip_role(r, "192.0.2.151", true, REPORT_IP_OFFENDER);
	report_add_ip_role(r, "198.51.100.250", false, REPORT_IP_VICTIM);
	report_add_ip_role(r, "198.51.100.251", false, REPORT_IP_VICTIM);
	s = advice_problem(r, &f);
	assert_string_equal(s, "Port scans from 192.0.2.151");
	free(s);
	report_free(r);
}

/* A kind the analysis does not place still yields the address. */
static void test_advice_problem_of_unplaced_kind_names_the_ip(void **state)
{
	struct report *r = report_of("other", "other");
	struct problem_facts f = {.kind = "auth-failure"};
	char *s;

	(void)state;
	report_add_ip(r, "203.0.113.9", true);
	s = advice_problem(r, &f);
	assert_string_equal(
	    s, "Report about 203.0.113.9, reported as auth-failure");
	free(s);
	report_free(r);
	/* With no kind at all, the problem says what the summary says. */
	struct problem_facts none = {0};
	r = report_of("other", "other");
	report_add_ip(r, "203.0.113.9", true);
	s = advice_problem(r, &none);
	assert_string_equal(s,
			    "Abuse of another kind reported about 203.0.113.9");
	free(s);
	report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_advice_summary_names_the_one_ip),
	    cmocka_unit_test(test_advice_other_kind_with_offender_is_a_report),
	    cmocka_unit_test(test_advice_other_kind_that_asks_is_a_report),
	    cmocka_unit_test(test_advice_summary_names_offenders_only),
	    cmocka_unit_test(test_advice_summary_counts_further_ips),
	    cmocka_unit_test(test_advice_victim_report_is_no_compromise),
	    cmocka_unit_test(test_advice_problem_counts_offenders_only),
	    cmocka_unit_test(test_advice_summary_without_ip_has_no_preposition),
	    cmocka_unit_test(test_advice_specific_type_before_category),
	    cmocka_unit_test(test_advice_unknown_category_says_read_it),
	    cmocka_unit_test(test_advice_every_category_has_an_answer),
	    cmocka_unit_test(test_advice_problem_names_port_count_and_span),
	    cmocka_unit_test(test_advice_problem_names_the_site),
	    cmocka_unit_test(test_advice_problem_of_unplaced_kind_names_the_ip),
	    cmocka_unit_test(test_advice_problem_names_no_domain_for_many_ips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
