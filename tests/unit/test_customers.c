/* test_customers.c: the customers file — longest prefix, IPv4 and IPv6,
 * quoted fields, comments and a header, bad lines named by line while the
 * rest loads, duplicates, the reload when the file changes (and only then,
 * at most once a second), and a lookup over 100k prefixes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/customers.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fx {
	char dir[64];
	char path[96];
	struct customers *c;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/test_customers.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/customers.csv", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	customers_free(f->c);
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void write_file(struct fx *f, const char *text)
{
	FILE *fp = fopen(f->path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

/* Writes text and reads it as a fresh set of customers. */
static struct customers *load(struct fx *f, const char *text)
{
	struct err e = {{0}};

	write_file(f, text);
	customers_free(f->c);
	f->c = customers_new(f->path);
	if (customers_refresh(f->c, 1000, &e) != 1)
		fail_msg("not read: %s", e.msg);
	return f->c;
}

static const char *name_of(struct customers *c, const char *ip)
{
	const struct customer *k = customers_lookup(c, ip);

	return k ? k->name : "(none)";
}

static const char *warning(struct customers *c, size_t i)
{
	size_t n;
	const char *const *w = customers_warnings(c, &n);

	return i < n ? w[i] : "(none)";
}

static size_t n_warnings(struct customers *c)
{
	size_t n;

	customers_warnings(c, &n);
	return n;
}

static void test_customers_longest_prefix_wins_v4(void **state)
{
	struct customers *c =
	    load(*state, "192.0.2.0/24,Big Hosting,noc@big.example\n"
			 "192.0.2.128/25,Half,half@example.net\n"
			 "192.0.2.200/32,One Host,one@example.net,C-9\n"
			 "192.0.2.192/26,Quarter,q@example.net\n");

	assert_string_equal(name_of(c, "192.0.2.1"), "Big Hosting");
	assert_string_equal(name_of(c, "192.0.2.130"), "Half");
	assert_string_equal(name_of(c, "192.0.2.199"), "Quarter");
	assert_string_equal(name_of(c, "192.0.2.200"), "One Host");
	assert_string_equal(customers_lookup(c, "192.0.2.200")->id, "C-9");
	assert_string_equal(name_of(c, "192.0.3.1"), "(none)");
	assert_int_equal(customers_count(c), 4);
	assert_int_equal(n_warnings(c), 0);
}

static void test_customers_longest_prefix_wins_v6(void **state)
{
	struct customers *c =
	    load(*state, "2001:db8::/32,Whole,whole@example.net\n"
			 "2001:db8:100::/48,Site,site@example.net\n"
			 "2001:db8:100:7::/64,Lan,lan@example.net\n");

	assert_string_equal(name_of(c, "2001:db8:100:7::11"), "Lan");
	assert_string_equal(name_of(c, "2001:db8:100::25"), "Site");
	assert_string_equal(name_of(c, "2001:db8:ffff::1"), "Whole");
	assert_string_equal(name_of(c, "2001:db9::1"), "(none)");
	/* IPv4 lookups never see IPv6 prefixes */
	assert_string_equal(name_of(c, "32.1.13.184"), "(none)");
}

static void test_customers_mapped_addresses_are_ipv4(void **state)
{
	struct customers *c =
	    load(*state, "192.0.2.0/24,V4,a@example.net\n"
			 "::ffff:198.51.100.0/120,Mapped,b@example.net\n");

	assert_string_equal(name_of(c, "::ffff:192.0.2.9"), "V4");
	assert_string_equal(name_of(c, "198.51.100.9"), "Mapped");
}

static void test_customers_quoted_fields_comments_header(void **state)
{
	struct customers *c = load(
	    *state,
	    "# our customers\n"
	    "prefix,name,contact,id\n"
	    "\n"
	    "  # an indented comment\n"
	    "192.0.2.0/24,\"Smith, Jones & Co\",\"ops@smith.example\",42\n"
	    "198.51.100.0/24, \"The \"\"Quoted\"\" Ltd\" , q@example.net\r\n");

	assert_string_equal(name_of(c, "192.0.2.5"), "Smith, Jones & Co");
	assert_string_equal(customers_lookup(c, "192.0.2.5")->contact,
			    "ops@smith.example");
	assert_string_equal(name_of(c, "198.51.100.5"), "The \"Quoted\" Ltd");
	assert_string_equal(customers_lookup(c, "198.51.100.5")->contact,
			    "q@example.net");
	assert_string_equal(customers_lookup(c, "198.51.100.5")->id, "");
	assert_int_equal(n_warnings(c), 0);
}

static void test_customers_bad_lines_are_named_and_skipped(void **state)
{
	struct fx *f = *state;
	struct customers *c =
	    load(f, "192.0.2.0/24,Good,g@example.net\n"
		    "192.0.2.999/24,Bad Address,b@example.net\n"
		    "198.51.100.0/24\n"
		    "203.0.113.0/24,\"open quote,x@example.net\n"
		    "2001:db8::/33,,nobody@example.net\n"
		    "198.51.100.0/24,Also Good,a@example.net\n"
		    "192.0.2.0/24,Twice,t@example.net\n"
		    "10.0.0.0/8,Too,many,fields,here\n");
	char want[160];

	assert_string_equal(name_of(c, "192.0.2.1"), "Good");
	assert_string_equal(name_of(c, "198.51.100.1"), "Also Good");
	assert_int_equal(customers_count(c), 2);
	assert_int_equal(n_warnings(c), 6);
	snprintf(want, sizeof want, "%s:2: ", f->path);
	assert_memory_equal(warning(c, 0), want, strlen(want));
	assert_non_null(strstr(warning(c, 0), "192.0.2.999/24"));
	snprintf(want, sizeof want, "%s:3: expected prefix, name", f->path);
	assert_memory_equal(warning(c, 1), want, strlen(want));
	snprintf(want, sizeof want, "%s:4: a quoted field is not closed",
		 f->path);
	assert_memory_equal(warning(c, 2), want, strlen(want));
	snprintf(want, sizeof want, "%s:5: the customer has no name", f->path);
	assert_string_equal(warning(c, 3), want);
	snprintf(want, sizeof want, "%s:8: expected prefix", f->path);
	assert_memory_equal(warning(c, 4), want, strlen(want));
	snprintf(want, sizeof want,
		 "%s:7: the prefix is listed already on line 1", f->path);
	assert_memory_equal(warning(c, 5), want, strlen(want));
}

static void test_customers_stray_quote_is_a_bad_line(void **state)
{
	struct customers *c =
	    load(*state, "192.0.2.0/24,Bad \"quote\" Inc,x@example.net\n"
			 "198.51.100.0/24,Fine,f@example.net\n");

	assert_int_equal(customers_count(c), 1);
	assert_non_null(strstr(warning(c, 0), ":1: a quote stands inside"));
}

static void test_customers_reload_when_the_file_changes(void **state)
{
	struct fx *f = *state;
	struct customers *c = load(f, "192.0.2.0/24,Before,b@example.net\n");
	struct err e = {{0}};
	struct stat st;

	assert_int_equal(customers_refresh(c, 1001, &e), 0); /* unchanged */
	write_file(f, "192.0.2.0/24,After Change,a@example.net\n");
	/* within the same second the file is not looked at */
	assert_int_equal(customers_refresh(c, 1001, &e), 0);
	assert_string_equal(name_of(c, "192.0.2.1"), "Before");
	assert_int_equal(customers_refresh(c, 1002, &e), 1);
	assert_string_equal(name_of(c, "192.0.2.1"), "After Change");
	/* the same size, another modification time */
	write_file(f, "192.0.2.0/24,After Chang2,a@example.net\n");
	assert_int_equal(stat(f->path, &st), 0);
	struct timespec t[2] = {st.st_atim, {st.st_mtim.tv_sec + 5, 0}};
	assert_int_equal(utimensat(AT_FDCWD, f->path, t, 0), 0);
	assert_int_equal(customers_refresh(c, 1003, &e), 1);
	assert_string_equal(name_of(c, "192.0.2.1"), "After Chang2");
}

static void test_customers_unreadable_file_keeps_the_old(void **state)
{
	struct fx *f = *state;
	struct customers *c = load(f, "192.0.2.0/24,Kept,k@example.net\n");
	struct err e = {{0}};

	unlink(f->path);
	assert_int_equal(customers_refresh(c, 1005, &e), -1);
	assert_non_null(strstr(e.msg, f->path));
	assert_string_equal(name_of(c, "192.0.2.1"), "Kept");
}

static void test_customers_no_file_finds_nobody(void **state)
{
	struct customers *c = customers_new(NULL);
	struct err e = {{0}};

	(void)state;
	assert_int_equal(customers_refresh(c, 1, &e), 0);
	assert_null(customers_lookup(c, "192.0.2.1"));
	assert_null(customers_lookup(NULL, "192.0.2.1"));
	assert_null(customers_lookup(c, "not an address"));
	customers_free(c);
}

/* 100k /24s and /48s under a few wider prefixes: every lookup right. */
static void test_customers_many_prefixes(void **state)
{
	struct fx *f = *state;
	FILE *fp = fopen(f->path, "w");
	struct err e = {{0}};
	char ip[64];

	assert_non_null(fp);
	fprintf(fp, "10.0.0.0/8,Wide,w@example.net\n");
	fprintf(fp, "2001:db8::/32,Wide6,w6@example.net\n");
	for (unsigned i = 0; i < 50000; i++) {
		fprintf(fp, "10.%u.%u.0/24,C%u,c%u@example.net\n", i / 256,
			i % 256, i, i);
		fprintf(fp, "2001:db8:%x::/48,S%u,s%u@example.net\n", i, i, i);
	}
	fclose(fp);
	f->c = customers_new(f->path);
	assert_int_equal(customers_refresh(f->c, 1, &e), 1);
	assert_int_equal(customers_count(f->c), 100002);
	for (unsigned i = 0; i < 50000; i += 997) {
		char want[16];
		snprintf(ip, sizeof ip, "10.%u.%u.77", i / 256, i % 256);
		snprintf(want, sizeof want, "C%u", i);
		assert_string_equal(name_of(f->c, ip), want);
		snprintf(ip, sizeof ip, "2001:db8:%x:1::5", i);
		snprintf(want, sizeof want, "S%u", i);
		assert_string_equal(name_of(f->c, ip), want);
	}
	assert_string_equal(name_of(f->c, "10.250.0.1"), "Wide");
	assert_string_equal(name_of(f->c, "2001:db8:ffff::1"), "Wide6");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	    T(test_customers_longest_prefix_wins_v4),
	    T(test_customers_longest_prefix_wins_v6),
	    T(test_customers_mapped_addresses_are_ipv4),
	    T(test_customers_quoted_fields_comments_header),
	    T(test_customers_bad_lines_are_named_and_skipped),
	    T(test_customers_stray_quote_is_a_bad_line),
	    T(test_customers_reload_when_the_file_changes),
	    T(test_customers_unreadable_file_keeps_the_old),
	    T(test_customers_no_file_finds_nobody),
	    T(test_customers_many_prefixes),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
