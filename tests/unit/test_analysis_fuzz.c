/* test_analysis_fuzz.c: what fuzz_analysis found, kept as tests: each
 * input runs through analysis_run() and analysis_text() (the sanitizer
 * build traps on what went wrong), and the seed corpus of
 * tests/fuzz/seeds/analysis/ runs through both as well. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analysis/analyze.h"
#include "core/ip.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEEDS "tests/fuzz/seeds/analysis/"

/* As fuzz_analysis runs it: our networks and a 1 MB limit. */
static struct report *analyse(const char *raw, size_t len)
{
	struct cidr_list own = {0};
	struct analysis_opts opts = {.own = &own, .max_bytes = (size_t)1 << 20};
	struct err e;
	struct report *r;

	assert_int_equal(
	    cidr_list_parse("192.0.2.0/24, 2001:db8::/32", &own, &e), 0);
	r = analysis_run(raw, len, &opts, &e);
	free(analysis_text(raw, len));
	cidr_list_free(&own);
	return r;
}

/* A zone of many digits (libetpan reads it into an int unchecked)
 * overflowed the conversion to Unix time: such a date is unknown. */
static void test_analysis_date_with_huge_zone_is_unknown(void **st)
{
	static const char mail[] =
	    "From: a@example.org\n"
	    "Date: Tue, 03 Mar 2026 08:30:00 +08888888888888888888888100\n"
	    "Subject: x\n\nbody\n";
	struct report *r = analyse(mail, sizeof mail - 1);

	(void)st;
	assert_non_null(r);
	assert_int_equal(r->date, 0);
	report_free(r);
}

static void test_analysis_date_with_huge_year_is_unknown(void **st)
{
	static const char mail[] =
	    "From: a@example.org\n"
	    "Date: Tue, 03 Mar 4294967295 08:30:00 +0100\n"
	    "Subject: x\n\nbody\n";
	struct report *r = analyse(mail, sizeof mail - 1);

	(void)st;
	assert_non_null(r);
	assert_int_equal(r->date, 0);
	report_free(r);
}

static void test_analysis_date_with_zone_still_counts(void **st)
{
	static const char mail[] = "From: a@example.org\n"
				   "Date: Tue, 03 Mar 2026 08:30:00 -0130\n"
				   "Subject: x\n\nbody\n";
	struct report *r = analyse(mail, sizeof mail - 1);

	(void)st;
	assert_non_null(r);
	assert_int_equal(r->date, 1772526600 + 5400);
	report_free(r);
}

/* libetpan's quoted-printable decoder read one byte past a body ending
 * in "=" and one more character. The body is malloc'd exactly, so the
 * sanitizer build sees a read past it. */
static void test_analysis_qp_body_ending_in_equals_and_one_char(void **st)
{
	static const char mail[] =
	    "From: a@example.org\n"
	    "Content-Transfer-Encoding: quoted-printable\n"
	    "\n"
	    "spam from 192.0.2.9 =3D bad=8";
	char *raw = malloc(sizeof mail - 1);
	struct report *r;

	(void)st;
	assert_non_null(raw);
	memcpy(raw, mail, sizeof mail - 1);
	r = analyse(raw, sizeof mail - 1);
	assert_non_null(r);
	assert_non_null(r->text);
	assert_non_null(strstr(r->text, "spam from 192.0.2.9 = bad"));
	report_free(r);
	free(raw);
}

/* A mail with no readable text whose subject asks: the check for words
 * that close the case took an offset from the empty text's NULL. */
static void test_analysis_no_text_and_an_action(void **st)
{
	static const char mail[] =
	    "From: Mail Ad.0\n"
	    "Content-Type: m192.0.2.1{\"src_i\"\"p:912.0.\377\377\377\377"
	    "\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377"
	    "\377\377\377\377\377\377\375\377\377\377\377--\377\377\377\377"
	    ".0\n"
	    "Content-Type";
	struct report *r;

	(void)st;
	r = analyse(mail, sizeof mail - 1);
	assert_non_null(r);
	report_free(r);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data = NULL;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	data = malloc((size_t)n + 1);
	assert_non_null(data);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return data;
}

static void test_analysis_runs_every_fuzz_seed(void **st)
{
	DIR *dir = opendir(SEEDS);
	struct dirent *de;
	int n = 0;

	(void)st;
	assert_non_null(dir);
	while ((de = readdir(dir))) {
		char path[512];
		size_t len;
		char *raw;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, SEEDS "%s", de->d_name);
		raw = read_all(path, &len);
		report_free(analyse(raw, len));
		free(raw);
		n++;
	}
	closedir(dir);
	assert_true(n > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_analysis_date_with_huge_zone_is_unknown),
	    cmocka_unit_test(test_analysis_date_with_huge_year_is_unknown),
	    cmocka_unit_test(test_analysis_date_with_zone_still_counts),
	    cmocka_unit_test(
		test_analysis_qp_body_ending_in_equals_and_one_char),
	    cmocka_unit_test(test_analysis_no_text_and_an_action),
	    cmocka_unit_test(test_analysis_runs_every_fuzz_seed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
