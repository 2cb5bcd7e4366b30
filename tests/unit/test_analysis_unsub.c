/* test_analysis_unsub.c: the unsubscribe target comes from the outer
 * message's List-Unsubscribe (one-click https first, then mailto), or from
 * a "reply with REMOVE" instruction in the body — never from an embedded
 * message. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analyze.h"
#include "core/buf.h"

static struct report *analyze_text(const char *raw)
{
	struct err e = {{0}};
	struct report *r = analysis_run(raw, strlen(raw), NULL, &e);

	assert_non_null(r);
	return r;
}

static struct report *analyze_file(const char *path)
{
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");
	struct report *r;

	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	r = analyze_text(buf_cstr(&b));
	buf_free(&b);
	return r;
}

static void test_unsub_one_click_https_wins(void **state)
{
	struct report *r =
	    analyze_file("tests/fixtures/analysis/list_unsub.eml");

	(void)state;
	assert_int_equal(r->unsub_method, REPORT_UNSUB_HTTPS);
	assert_string_equal(
	    r->unsub_target,
	    "https://reports.webwatch.example/unsub?c=WW-88121");
	assert_true(r->unsub_one_click);
	report_free(r);
}

static void test_unsub_mailto_without_one_click(void **state)
{
	struct report *r =
	    analyze_text("From: bot@webwatch.example\n"
			 "Subject: spam referrer 192.0.2.45\n"
			 "List-Unsubscribe: <https://webwatch.example/u>,\n"
			 " <mailto:leave@webwatch.example>\n"
			 "\n"
			 "Spam referrer seen from 192.0.2.45.\n");

	(void)state;
	assert_int_equal(r->unsub_method, REPORT_UNSUB_MAILTO);
	assert_non_null(strstr(r->unsub_target, "leave@webwatch.example"));
	assert_false(r->unsub_one_click);
	report_free(r);
}

static void test_unsub_https_alone(void **state)
{
	struct report *r =
	    analyze_text("From: bot@webwatch.example\n"
			 "Subject: spam referrer 192.0.2.45\n"
			 "List-Unsubscribe: <https://webwatch.example/u?x=1>\n"
			 "\n"
			 "Spam referrer seen from 192.0.2.45.\n");

	(void)state;
	assert_int_equal(r->unsub_method, REPORT_UNSUB_HTTPS);
	assert_string_equal(r->unsub_target, "https://webwatch.example/u?x=1");
	report_free(r);
}

static void test_unsub_header_signals_noise(void **state)
{
	struct report *r =
	    analyze_file("tests/fixtures/analysis/list_unsub.eml");
	bool listed = false;

	(void)state;
	for (size_t i = 0; i < r->n_noise_signals; i++)
		if (strcmp(r->noise_signals[i], "list-unsubscribe") == 0)
			listed = true;
	assert_true(listed);
	report_free(r);
}

static void test_unsub_none_without_header_or_instruction(void **state)
{
	struct report *r = analyze_text(
	    "From: admin@university.example\n"
	    "Subject: SSH brute force from 192.0.2.99\n"
	    "\n"
	    "Your host 192.0.2.99 tried 300 SSH logins. Please stop it.\n");

	(void)state;
	assert_int_equal(r->unsub_method, REPORT_UNSUB_NONE);
	assert_null(r->unsub_target);
	report_free(r);
}

/* A forwarded spam brings its own List-Unsubscribe and "reply with
 * REMOVE" (in the message/rfc822 part, and copied into an attachment):
 * neither is the reporter's. */
static void test_unsub_never_from_embedded_or_attached(void **state)
{
	struct report *r =
	    analyze_file("tests/fixtures/analysis/forward_spam_unsub.eml");

	(void)state;
	assert_int_equal(r->unsub_method, REPORT_UNSUB_NONE);
	assert_null(r->unsub_target);
	assert_null(r->unsub_address);
	assert_false(r->unsub_one_click);
	report_free(r);
}

static void test_unsub_reply_names_its_address(void **state)
{
	struct report *r =
	    analyze_file("tests/fixtures/analysis/unsub_reply_address.eml");

	(void)state;
	assert_int_equal(r->unsub_method, REPORT_UNSUB_REPLY);
	assert_string_equal(r->unsub_target, "UNLIST");
	assert_string_equal(r->unsub_address, "optout@trapnet.example");
	report_free(r);
}

static void test_unsub_reply_without_address(void **state)
{
	struct report *r =
	    analyze_file("tests/fixtures/analysis/unsub_reply.eml");

	(void)state;
	assert_int_equal(r->unsub_method, REPORT_UNSUB_REPLY);
	assert_null(r->unsub_address);
	report_free(r);
}

/* "Reply with the incident ID in the subject" is how to answer the
 * report, not how to leave a list: no unsubscribe, and the request in
 * the same sentence stands. */
static void test_unsub_answer_with_case_id_is_none(void **state)
{
	struct report *r = analyze_text(
	    "From: alerts@scanwatch.example\n"
	    "Subject: scanning from 192.0.2.23\n"
	    "\n"
	    "The host 192.0.2.23 was seen scanning our sensors on 22/tcp.\n"
	    "\n"
	    "Please take appropriate action to stop the scanning and reply\n"
	    "to this message with the incident ID in the subject line.\n");

	(void)state;
	assert_int_equal(r->unsub_method, REPORT_UNSUB_NONE);
	assert_null(r->unsub_target);
	assert_non_null(r->action);
	assert_non_null(strstr(r->action, "stop the scanning"));
	report_free(r);
}

/* "with the word REMOVE": the keyword, not its article. */
static void test_unsub_reply_keyword_after_the_word(void **state)
{
	struct report *r = analyze_text(
	    "From: traps@trapnet.example\n"
	    "Subject: spam from 192.0.2.45\n"
	    "\n"
	    "Our spamtrap received spam from 192.0.2.45.\n"
	    "\n"
	    "To stop receiving these notices, reply with the word REMOVE in\n"
	    "the subject.\n");

	(void)state;
	assert_int_equal(r->unsub_method, REPORT_UNSUB_REPLY);
	assert_string_equal(r->unsub_target, "REMOVE");
	assert_null(r->action);
	report_free(r);
}

/* The body's instruction goes before a web page without one-click. */
static void test_unsub_instruction_before_plain_web_page(void **state)
{
	struct report *r = analyze_text(
	    "From: bot@webwatch.example\n"
	    "Subject: spam referrer 192.0.2.45\n"
	    "List-Unsubscribe: <https://webwatch.example/u?x=1>\n"
	    "\n"
	    "Spam referrer seen from 192.0.2.45. To stop these, reply with\n"
	    "REMOVE in the subject.\n");

	(void)state;
	assert_int_equal(r->unsub_method, REPORT_UNSUB_REPLY);
	assert_string_equal(r->unsub_target, "REMOVE");
	report_free(r);
}

/* A plain http one-click URL is kept (the user confirms it twice). */
static void test_unsub_plain_http_one_click_kept(void **state)
{
	struct report *r =
	    analyze_text("From: bot@webwatch.example\n"
			 "Subject: spam referrer 192.0.2.45\n"
			 "List-Unsubscribe: <http://webwatch.example/u>\n"
			 "List-Unsubscribe-Post: List-Unsubscribe=One-Click\n"
			 "\n"
			 "Spam referrer seen from 192.0.2.45.\n");

	(void)state;
	assert_int_equal(r->unsub_method, REPORT_UNSUB_HTTPS);
	assert_string_equal(r->unsub_target, "http://webwatch.example/u");
	assert_true(r->unsub_one_click);
	report_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_unsub_never_from_embedded_or_attached),
	    cmocka_unit_test(test_unsub_reply_names_its_address),
	    cmocka_unit_test(test_unsub_reply_without_address),
	    cmocka_unit_test(test_unsub_answer_with_case_id_is_none),
	    cmocka_unit_test(test_unsub_reply_keyword_after_the_word),
	    cmocka_unit_test(test_unsub_instruction_before_plain_web_page),
	    cmocka_unit_test(test_unsub_plain_http_one_click_kept),
	    cmocka_unit_test(test_unsub_one_click_https_wins),
	    cmocka_unit_test(test_unsub_mailto_without_one_click),
	    cmocka_unit_test(test_unsub_https_alone),
	    cmocka_unit_test(test_unsub_header_signals_noise),
	    cmocka_unit_test(test_unsub_none_without_header_or_instruction),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
