/* test_analysis_authres.c: "is the report genuine?" — only our own mail
 * server's Authentication-Results fields of the outer message count
 * (RFC 8601: any other authserv-id is ignored, and so is every field of
 * an attached message); comments, quoted values, version numbers and
 * several fields are read as the grammar says; hostile fields cost
 * bounded work. All headers here are invented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analyze.h"
#include "analysis/authres.h"
#include "core/buf.h"

static char *const ours[] = {"mx.ours.example", "mx2.ours.example"};

static const char body[] = "From: Sender CERT <abuse@reports.sender.example>\n"
			   "To: abuse@ours.example\n"
			   "Subject: Spam from 192.0.2.1\n"
			   "Date: Mon, 2 Mar 2026 10:00:00 +0000\n"
			   "\n"
			   "We received spam from 192.0.2.1. Please stop it.\n";

/* The report of a mail whose header block starts with fields. */
static struct report *analyze_ids(const char *fields, char *const *ids,
				  size_t n_ids)
{
	struct analysis_opts o = {.authserv_ids = ids, .n_authserv_ids = n_ids};
	struct err e = {{0}};
	struct buf b = BUF_INIT;
	struct report *r;

	buf_puts(&b, fields);
	buf_puts(&b, body);
	r = analysis_run(buf_cstr(&b), b.len, &o, &e);
	buf_free(&b);
	assert_non_null(r);
	return r;
}

static struct report *analyze(const char *fields)
{
	return analyze_ids(fields, ours, 2);
}

static void assert_auth(const struct report *r, enum report_auth_result dkim,
			enum report_auth_result spf,
			enum report_auth_result dmarc,
			enum report_auth_verdict verdict)
{
	assert_int_equal(r->auth_dkim, dkim);
	assert_int_equal(r->auth_spf, spf);
	assert_int_equal(r->auth_dmarc, dmarc);
	assert_int_equal(r->auth_verdict, verdict);
}

static void test_authres_ours_dmarc_pass_is_verified(void **state)
{
	struct report *r =
	    analyze("Authentication-Results: mx.ours.example;\n"
		    "\tdkim=pass header.d=sender.example header.s=sel1;\n"
		    "\tspf=pass smtp.mailfrom=bounces@sender.example;\n"
		    "\tdmarc=pass header.from=reports.sender.example\n");

	(void)state;
	assert_auth(r, REPORT_AUTH_PASS, REPORT_AUTH_PASS, REPORT_AUTH_PASS,
		    REPORT_AUTH_VERIFIED);
	report_free(r);
}

static void test_authres_ours_dmarc_fail_is_not_verified(void **state)
{
	struct report *r =
	    analyze("Authentication-Results: mx.ours.example;\n"
		    "\tdkim=pass header.d=bulk.example;\n"
		    "\tspf=fail smtp.mailfrom=reports.sender.example;\n"
		    "\tdmarc=fail (p=reject dis=none) "
		    "header.from=reports.sender.example\n");

	(void)state;
	assert_auth(r, REPORT_AUTH_PASS, REPORT_AUTH_FAIL, REPORT_AUTH_FAIL,
		    REPORT_AUTH_NOT_VERIFIED);
	assert_string_equal(report_auth_verdict_name(r->auth_verdict),
			    "not verified");
	report_free(r);
}

/* Anyone can write a field; only ours count, whatever it claims. */
static void test_authres_foreign_authserv_id_is_ignored(void **state)
{
	struct report *r =
	    analyze("Authentication-Results: evil.example; dkim=pass "
		    "header.d=sender.example; dmarc=pass\n"
		    "Authentication-Results: mx.ours.example.evil.example; "
		    "dmarc=pass\n"
		    "Authentication-Results: evil.example (mx.ours.example); "
		    "dmarc=pass\n"
		    "Authentication-Results: ours.example; dmarc=pass\n"
		    "Authentication-Results: mx.ours.example\"x\"; dmarc=pass\n"
		    "Authentication-Results: ; mx.ours.example; dmarc=pass\n");

	(void)state;
	assert_auth(r, REPORT_AUTH_ABSENT, REPORT_AUTH_ABSENT,
		    REPORT_AUTH_ABSENT, REPORT_AUTH_UNKNOWN);
	report_free(r);
}

/* A foreign pass changes nothing when ours says fail. */
static void test_authres_foreign_pass_does_not_outvote_ours(void **state)
{
	struct report *r = analyze(
	    "Authentication-Results: mx.ours.example; dmarc=fail "
	    "header.from=reports.sender.example\n"
	    "Authentication-Results: relay.sender.example; dmarc=pass\n");

	(void)state;
	assert_int_equal(r->auth_dmarc, REPORT_AUTH_FAIL);
	assert_int_equal(r->auth_verdict, REPORT_AUTH_NOT_VERIFIED);
	report_free(r);
}

static void test_authres_comments_and_quoted_values(void **state)
{
	struct report *r = analyze(
	    "Authentication-Results: (first (nested) comment)\n"
	    "  \"mx.ours.example\" (our MX) ;\n"
	    "  spf (checked) = fail (not allowed) reason=\"looks ok; "
	    "dmarc=pass\" smtp.mailfrom=x@sender.example ;\n"
	    "  dkim ( a \\) b ) = pass header.d = \"sender.example\" ;\n"
	    "  dmarc=none (no policy)\n");

	(void)state;
	/* The quoted "dmarc=pass" is a reason, not a result. */
	assert_auth(r, REPORT_AUTH_PASS, REPORT_AUTH_FAIL, REPORT_AUTH_NONE,
		    REPORT_AUTH_VERIFIED);
	report_free(r);
}

static void test_authres_case_does_not_matter(void **state)
{
	struct report *r = analyze("Authentication-Results: MX.Ours.EXAMPLE; "
				   "DMARC=Pass; SPF=HardFail\n");

	(void)state;
	assert_auth(r, REPORT_AUTH_ABSENT, REPORT_AUTH_FAIL, REPORT_AUTH_PASS,
		    REPORT_AUTH_VERIFIED);
	report_free(r);
}

/* Several fields of ours (one per filter, or per MX): a DKIM pass wins,
 * the worst SPF result wins. */
static void test_authres_several_fields(void **state)
{
	struct report *r = analyze(
	    "Authentication-Results: mx.ours.example; dkim=fail "
	    "header.d=old.example; spf=pass smtp.mailfrom=sender.example\n"
	    "Received: from relay.example by mx.ours.example; "
	    "Mon, 2 Mar 2026 10:00:00 +0000\n"
	    "Authentication-Results: mx2.ours.example;\n"
	    " dkim=pass header.i=@sender.example;\n"
	    " spf=softfail smtp.mailfrom=sender.example\n");

	(void)state;
	assert_auth(r, REPORT_AUTH_PASS, REPORT_AUTH_SOFTFAIL,
		    REPORT_AUTH_ABSENT, REPORT_AUTH_VERIFIED);
	report_free(r);
}

static void test_authres_version_after_authserv_id(void **state)
{
	struct report *r = analyze("Authentication-Results: mx.ours.example 1 "
				   "(version); dmarc=pass\n");

	(void)state;
	assert_auth(r, REPORT_AUTH_ABSENT, REPORT_AUTH_ABSENT, REPORT_AUTH_PASS,
		    REPORT_AUTH_VERIFIED);
	report_free(r);
}

static void test_authres_none_is_no_result(void **state)
{
	struct report *r =
	    analyze("Authentication-Results: mx.ours.example; none\n");

	(void)state;
	assert_auth(r, REPORT_AUTH_ABSENT, REPORT_AUTH_ABSENT,
		    REPORT_AUTH_ABSENT, REPORT_AUTH_UNKNOWN);
	report_free(r);
}

/* Without DMARC, only a DKIM signature of the From: domain's
 * organisation vouches for the sender. */
static void test_authres_dkim_must_align_with_from(void **state)
{
	struct report *r = analyze("Authentication-Results: mx.ours.example; "
				   "dkim=pass header.d=bulkmail.example; "
				   "spf=pass smtp.mailfrom=sender.example\n");

	(void)state;
	assert_auth(r, REPORT_AUTH_PASS, REPORT_AUTH_PASS, REPORT_AUTH_ABSENT,
		    REPORT_AUTH_UNKNOWN);
	report_free(r);
	r = analyze("Authentication-Results: mx.ours.example; "
		    "dkim=pass header.d=mail.sender.example\n");
	assert_int_equal(r->auth_verdict, REPORT_AUTH_VERIFIED);
	report_free(r);
}

/* DMARC judged another From: than the one shown (two From: fields, say):
 * it vouches for nothing here. */
static void test_authres_dmarc_about_another_domain(void **state)
{
	struct report *r = analyze("Authentication-Results: mx.ours.example; "
				   "dmarc=pass header.from=attacker.example\n");

	(void)state;
	assert_int_equal(r->auth_dmarc, REPORT_AUTH_PASS);
	assert_int_equal(r->auth_verdict, REPORT_AUTH_NOT_VERIFIED);
	report_free(r);
}

static void test_authres_off_without_authserv_id(void **state)
{
	struct report *r = analyze_ids(
	    "Authentication-Results: mx.ours.example; dmarc=fail\n", NULL, 0);

	(void)state;
	assert_auth(r, REPORT_AUTH_ABSENT, REPORT_AUTH_ABSENT,
		    REPORT_AUTH_ABSENT, REPORT_AUTH_UNKNOWN);
	report_free(r);
}

/* The fields of a forwarded or attached message are evidence, not the
 * report's own: even those naming our server. */
static void test_authres_attached_message_is_ignored(void **state)
{
	static const char mail[] =
	    "Authentication-Results: mx.ours.example; dmarc=fail "
	    "header.from=reports.sender.example\n"
	    "From: abuse@reports.sender.example\n"
	    "Subject: Spam from 192.0.2.1\n"
	    "MIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"b1\"\n"
	    "\n"
	    "--b1\n"
	    "Content-Type: text/plain\n"
	    "\n"
	    "Spam from 192.0.2.1, attached.\n"
	    "--b1\n"
	    "Content-Type: message/rfc822\n"
	    "\n"
	    "Authentication-Results: mx.ours.example; dmarc=pass "
	    "header.from=reports.sender.example\n"
	    "From: spammer@spam.example\n"
	    "Subject: cheap pills\n"
	    "\n"
	    "Buy now.\n"
	    "--b1--\n";
	struct analysis_opts o = {.authserv_ids = ours, .n_authserv_ids = 2};
	struct err e = {{0}};
	struct report *r = analysis_run(mail, strlen(mail), &o, &e);
	const char *inner = strstr(mail, "--b1\nContent-Type: message/rfc822");

	(void)state;
	assert_non_null(r);
	assert_auth(r, REPORT_AUTH_ABSENT, REPORT_AUTH_ABSENT, REPORT_AUTH_FAIL,
		    REPORT_AUTH_NOT_VERIFIED);
	report_free(r);
	/* Without the outer field, nothing is known. */
	r = analysis_run(strchr(mail, '\n') + 1, strlen(strchr(mail, '\n') + 1),
			 &o, &e);
	assert_non_null(r);
	assert_non_null(inner);
	assert_int_equal(r->auth_verdict, REPORT_AUTH_UNKNOWN);
	assert_int_equal(r->auth_dmarc, REPORT_AUTH_ABSENT);
	report_free(r);
}

/* authres_read() straight on a header block. */
static struct report *read_block(const char *block, size_t len)
{
	struct report *r = report_new();

	r->from_addr = strdup("abuse@reports.sender.example");
	authres_read(r, block, len, ours, 2);
	return r;
}

static void test_authres_unterminated_comment_and_quote(void **state)
{
	static const char comment[] =
	    "Authentication-Results: (never closed mx.ours.example; "
	    "dmarc=pass\n\n";
	static const char quote[] =
	    "Authentication-Results: mx.ours.example; dmarc=fail "
	    "reason=\"never closed; dmarc=pass\n\n";
	static const char id[] =
	    "Authentication-Results: \"mx.ours.example; dmarc=pass\n\n";
	struct report *r = read_block(comment, strlen(comment));

	(void)state;
	assert_int_equal(r->auth_verdict, REPORT_AUTH_UNKNOWN);
	report_free(r);
	r = read_block(quote, strlen(quote));
	assert_int_equal(r->auth_dmarc, REPORT_AUTH_FAIL);
	assert_int_equal(r->auth_verdict, REPORT_AUTH_NOT_VERIFIED);
	report_free(r);
	r = read_block(id, strlen(id));
	assert_int_equal(r->auth_verdict, REPORT_AUTH_UNKNOWN);
	report_free(r);
}

/* A NUL in the authserv-id does not cut it down to ours. */
static void test_authres_nul_in_authserv_id(void **state)
{
	static const char block[] =
	    "Authentication-Results: mx.ours.example\0evil; dmarc=pass\n\n";
	struct report *r = read_block(block, sizeof block - 1);

	(void)state;
	assert_int_equal(r->auth_verdict, REPORT_AUTH_UNKNOWN);
	report_free(r);
}

/* A megabyte of nested comments, of semicolons, of one long value: read
 * in one pass, and only the first AUTHRES_MAX_RESULTS results count. */
static void test_authres_hostile_sizes(void **state)
{
	struct buf b = BUF_INIT;
	struct report *r;

	(void)state;
	buf_puts(&b, "Authentication-Results: mx.ours.example; spf=pass (");
	for (int i = 0; i < 1 << 20; i++)
		buf_putc(&b, '(');
	buf_puts(&b, "\n\n");
	r = read_block(buf_cstr(&b), b.len);
	assert_int_equal(r->auth_spf, REPORT_AUTH_PASS);
	report_free(r);

	buf_reset(&b);
	buf_puts(&b, "Authentication-Results: mx.ours.example");
	for (int i = 0; i < AUTHRES_MAX_RESULTS; i++)
		buf_puts(&b, "; spf=pass");
	buf_puts(&b, "; dmarc=fail\n\n");
	r = read_block(buf_cstr(&b), b.len);
	assert_int_equal(r->auth_spf, REPORT_AUTH_PASS);
	assert_int_equal(r->auth_dmarc, REPORT_AUTH_ABSENT);
	report_free(r);

	buf_reset(&b);
	buf_puts(&b, "Authentication-Results: mx.ours.example; dkim=pass "
		     "header.d=");
	for (int i = 0; i < 1 << 20; i++)
		buf_putc(&b, 'a');
	buf_puts(&b, ".sender.example\n\n");
	r = read_block(buf_cstr(&b), b.len);
	assert_int_equal(r->auth_dkim, REPORT_AUTH_PASS);
	assert_int_equal(r->auth_verdict, REPORT_AUTH_UNKNOWN);
	report_free(r);

	buf_reset(&b);
	for (int i = 0; i < 1 << 16; i++)
		buf_puts(&b, "Authentication-Results: ;;;(\\\"=/\n");
	buf_puts(&b, "\n");
	r = read_block(buf_cstr(&b), b.len);
	assert_int_equal(r->auth_verdict, REPORT_AUTH_UNKNOWN);
	report_free(r);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_authres_ours_dmarc_pass_is_verified),
	    cmocka_unit_test(test_authres_ours_dmarc_fail_is_not_verified),
	    cmocka_unit_test(test_authres_foreign_authserv_id_is_ignored),
	    cmocka_unit_test(test_authres_foreign_pass_does_not_outvote_ours),
	    cmocka_unit_test(test_authres_comments_and_quoted_values),
	    cmocka_unit_test(test_authres_case_does_not_matter),
	    cmocka_unit_test(test_authres_several_fields),
	    cmocka_unit_test(test_authres_version_after_authserv_id),
	    cmocka_unit_test(test_authres_none_is_no_result),
	    cmocka_unit_test(test_authres_dkim_must_align_with_from),
	    cmocka_unit_test(test_authres_dmarc_about_another_domain),
	    cmocka_unit_test(test_authres_off_without_authserv_id),
	    cmocka_unit_test(test_authres_attached_message_is_ignored),
	    cmocka_unit_test(test_authres_unterminated_comment_and_quote),
	    cmocka_unit_test(test_authres_nul_in_authserv_id),
	    cmocka_unit_test(test_authres_hostile_sizes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
