/* test_analysis_bulk.c: the known bulk reporters — the lines of the data
 * file and a user's file (adding, taking back, bad lines), the lookup by
 * domain, the signatures on the fixtures tests/fixtures/analysis/bulk_*,
 * and the list in force with a user's file beside the configuration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analysis/analyze.h"
#include "analysis/bulk.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIXTURES "tests/fixtures/analysis/"
#define SHIPPED "data/noise/bulk_reporters.txt"

static struct bulk_list *shipped(void)
{
	struct bulk_list *l = bulk_list_new();
	struct err e = {{0}};

	assert_int_equal(bulk_list_read(l, SHIPPED, &e), 0);
	return l;
}

static void test_bulk_parse_reads_domains_and_signatures(void **state)
{
	struct bulk_list *l = bulk_list_new();
	struct err e = {{0}};
	(void)state;

	assert_int_equal(
	    bulk_list_parse(l, "t",
			    "# a comment\n\n"
			    "Bot.Example\tcopyright\tknown copyright bot\n"
			    "header:X-Mailer\tNoticeBot 2\tcopyright\tbot\n"
			    "body\tWeb Log Spam\twebspam\tlog-spam notices\r\n",
			    &e),
	    0);
	assert_int_equal(l->n, 3);
	assert_string_equal(l->v[0].domain, "bot.example");
	assert_string_equal(l->v[0].kind, "copyright");
	assert_string_equal(l->v[0].why, "known copyright bot");
	assert_string_equal(l->v[1].header, "X-Mailer");
	assert_string_equal(l->v[1].pattern, "noticebot 2");
	assert_null(l->v[2].header);
	assert_null(l->v[2].domain);
	assert_string_equal(l->v[2].pattern, "web log spam");
	assert_string_equal(l->v[2].why, "log-spam notices");
	assert_non_null(bulk_list_domain(l, "BOT.example"));
	assert_null(bulk_list_domain(l, "example"));
	bulk_list_free(l);
}

/* A bad line is named (file and line) and skipped; the lines after it
 * still count. */
static void test_bulk_parse_names_a_bad_line_and_reads_on(void **state)
{
	struct bulk_list *l = bulk_list_new();
	struct err e = {{0}};
	(void)state;

	assert_int_equal(bulk_list_parse(l, "mine",
					 "a.example\tcopyright\tok\n"
					 "nodomain\tcopyright\twhy\n"
					 "body\tonly-a-pattern\n"
					 "b.example\tcopyright\tok too\n",
					 &e),
			 -1);
	assert_non_null(strstr(e.msg, "mine:2:"));
	assert_int_equal(l->n, 2);
	assert_non_null(bulk_list_domain(l, "b.example"));
	bulk_list_free(l);
}

/* "-DOMAIN" and "-header:NAME<TAB>PATTERN" take back what came before. */
static void test_bulk_parse_minus_line_takes_a_line_back(void **state)
{
	struct bulk_list *l = shipped();
	struct err e = {{0}};
	size_t n = l->n;
	(void)state;

	assert_non_null(bulk_list_domain(l, "ip-echelon.com"));
	assert_int_equal(
	    bulk_list_parse(l, "user",
			    "-ip-echelon.com\n"
			    "-header:subject\tNotice of Claimed Infringement\n"
			    "-body\tno such pattern\n",
			    &e),
	    0);
	assert_int_equal(l->n, n - 2);
	assert_null(bulk_list_domain(l, "ip-echelon.com"));
	for (size_t i = 0; i < l->n; i++)
		assert_true(!l->v[i].pattern ||
			    strcmp(l->v[i].pattern,
				   "notice of claimed infringement") != 0);
	bulk_list_free(l);
}

/* The shipped file holds no national CERT nor attack-report service. */
static void test_bulk_shipped_list_leaves_real_reporters_out(void **state)
{
	static const char *const real[] = {
	    "shadowserver.org", "spamcop.net", "abusix.com",  "blocklist.de",
	    "cert.org",		"cert.br",     "cert-bund.de"};
	struct bulk_list *l = shipped();
	(void)state;

	assert_true(l->n >= 20);
	for (size_t i = 0; i < sizeof real / sizeof *real; i++)
		assert_null(bulk_list_domain(l, real[i]));
	bulk_list_free(l);
}

static struct report *analyse(const char *file, const struct bulk_list *l)
{
	char *path = xasprintf(FIXTURES "%s", file);
	FILE *f = fopen(path, "rb");
	static char raw[1 << 16];
	size_t n;
	struct analysis_opts o = {.bulk = l};
	struct err e = {{0}};
	struct report *r;

	assert_non_null(f);
	n = fread(raw, 1, sizeof raw, f);
	fclose(f);
	free(path);
	r = analysis_run(raw, n, &o, &e);
	assert_non_null(r);
	return r;
}

static bool has_signal(const struct report *r, const char *s)
{
	for (size_t i = 0; i < r->n_noise_signals; i++)
		if (strcmp(r->noise_signals[i], s) == 0)
			return true;
	return false;
}

static void expect_bulk(const char *file, const char *why)
{
	struct bulk_list *l = shipped();
	struct report *r = analyse(file, l);

	if (why) {
		assert_non_null(r->bulk);
		assert_string_equal(r->bulk, why);
		assert_true(has_signal(r, "known-bulk"));
		assert_true(r->automated);
	} else {
		assert_null(r->bulk);
		assert_false(has_signal(r, "known-bulk"));
	}
	report_free(r);
	bulk_list_free(l);
}

static void test_bulk_signature_in_body_start(void **state)
{
	(void)state;
	expect_bulk("bulk_referrer_spam.eml", "referrer-spam notices");
}

static void test_bulk_signature_in_subject(void **state)
{
	(void)state;
	expect_bulk("bulk_subject_copyright.eml", "known copyright bot");
}

/* The first line that matches counts: a TLS report's subject reads like
 * a DMARC report's, its Content-Type tells them apart. */
static void test_bulk_signature_in_other_header_first_line_wins(void **state)
{
	(void)state;
	expect_bulk("bulk_tlsrpt.eml", "TLS report");
}

/* A person who names a bulk phrase past the start of the mail sent no
 * bulk notice. */
static void test_bulk_signature_reads_only_the_first_kilobyte(void **state)
{
	(void)state;
	expect_bulk("bulk_quoted_phrase.eml", NULL);
}

/* The list in force: the shipped lines, then the user's file beside the
 * configuration, which adds, takes back, and has its bad line named. */
static void test_bulk_known_reads_the_users_file(void **state)
{
	char dir[] = "/tmp/test_bulk.XXXXXX";
	struct err e = {{0}};
	char *sub, *file;
	FILE *f;
	(void)state;

	assert_non_null(mkdtemp(dir));
	sub = xasprintf("%s/abusedesk", dir);
	file = xasprintf("%s/bulk_reporters", sub);
	assert_int_equal(mkdir(sub, 0700), 0);
	f = fopen(file, "w");
	assert_non_null(f);
	fputs("-ip-echelon.com\n"
	      "mine.example\tmonitor\tmy monitor\n"
	      "oops\n",
	      f);
	fclose(f);
	setenv("XDG_CONFIG_HOME", dir, 1);
	assert_int_equal(bulk_known_load(&e), -1);
	assert_non_null(strstr(e.msg, "bulk_reporters:3:"));
	assert_null(bulk_list_domain(bulk_known(), "ip-echelon.com"));
	assert_non_null(bulk_list_domain(bulk_known(), "markmonitor.com"));
	assert_string_equal(bulk_list_domain(bulk_known(), "mine.example")->why,
			    "my monitor");
	unlink(file);
	rmdir(sub);
	rmdir(dir);
	free(file);
	free(sub);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_bulk_parse_reads_domains_and_signatures),
	    cmocka_unit_test(test_bulk_parse_names_a_bad_line_and_reads_on),
	    cmocka_unit_test(test_bulk_parse_minus_line_takes_a_line_back),
	    cmocka_unit_test(test_bulk_shipped_list_leaves_real_reporters_out),
	    cmocka_unit_test(test_bulk_signature_in_body_start),
	    cmocka_unit_test(test_bulk_signature_in_subject),
	    cmocka_unit_test(
		test_bulk_signature_in_other_header_first_line_wins),
	    cmocka_unit_test(test_bulk_signature_reads_only_the_first_kilobyte),
	    cmocka_unit_test(test_bulk_known_reads_the_users_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
