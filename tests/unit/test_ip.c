/* test_ip.c: address parsing and scanning, canonical text, networks and
 * address classes. glibc's inet_pton()/inet_ntop() serve as a second
 * opinion on randomly generated text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/ip.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- helpers --- */

static struct ip_addr addr(const char *s)
{
	struct ip_addr a;

	if (ip_parse(s, strlen(s), &a) < 0)
		fail_msg("ip_parse refused \"%s\"", s);
	return a;
}

/* ip_cmp against an address written as text. */
static int cmp_text(const struct ip_addr *a, const char *text)
{
	struct ip_addr b = addr(text);

	return ip_cmp(a, &b);
}

static bool parses(const char *s)
{
	struct ip_addr a;

	return ip_parse(s, strlen(s), &a) == 0;
}

static void assert_same_addr(const char *x, const char *y)
{
	struct ip_addr a = addr(x), b = addr(y);

	if (ip_cmp(&a, &b) != 0)
		fail_msg("\"%s\" and \"%s\" differ", x, y);
}

static void assert_format(const char *in, const char *want)
{
	struct ip_addr a = addr(in);
	char out[IP_TEXT_MAX];

	ip_format(&a, out);
	if (strcmp(out, want) != 0)
		fail_msg("\"%s\" formats as \"%s\", want \"%s\"", in, out,
			 want);
}

static size_t scan(const char *s)
{
	return ip_scan(s, strlen(s), NULL);
}

static struct cidr net(const char *s)
{
	struct cidr c;
	struct err e = {""};

	if (cidr_parse(s, strlen(s), &c, &e) < 0)
		fail_msg("cidr_parse refused \"%s\": %s", s, e.msg);
	return c;
}

static bool in(const char *a, const char *c)
{
	struct ip_addr x = addr(a);
	struct cidr n = net(c);

	return ip_in_cidr(&x, &n);
}

/* Deterministic pseudo-random numbers, seeded by each test for itself. */
static unsigned rnd(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return (unsigned)(*state >> 32);
}

/* A random address, v4 or v6, with zero groups common enough to exercise
 * "::" placement. */
static void random_addr(uint64_t *st, struct ip_addr *a)
{
	memset(a, 0, sizeof *a);
	a->family = rnd(st) % 3 == 0 ? 4 : 6;
	for (int i = 0; i < (a->family == 4 ? 4 : 16); i += 2) {
		if (rnd(st) % 2 == 0)
			continue;
		a->b[i] = (uint8_t)(rnd(st) % 4 == 0 ? 0 : rnd(st));
		a->b[i + 1] = (uint8_t)rnd(st);
	}
	if (a->family == 6 && rnd(st) % 8 == 0)
		memcpy(a->b, (uint8_t[12]){[10] = 0xff, [11] = 0xff}, 12);
}

/* Text for a random address in one of the forms people write. */
static void random_text(uint64_t *st, char *out, size_t outsz)
{
	struct ip_addr a;

	random_addr(st, &a);
	if (a.family == 4 || rnd(st) % 2 == 0) {
		inet_ntop(a.family == 4 ? AF_INET : AF_INET6, a.b, out,
			  (socklen_t)outsz);
		return;
	}
	snprintf(out, outsz, "%x:%X:%04x:%x:%x:%x:%x:%x", a.b[0] << 8 | a.b[1],
		 a.b[2] << 8 | a.b[3], a.b[4] << 8 | a.b[5],
		 a.b[6] << 8 | a.b[7], a.b[8] << 8 | a.b[9],
		 a.b[10] << 8 | a.b[11], a.b[12] << 8 | a.b[13],
		 a.b[14] << 8 | a.b[15]);
}

/* Deletes, replaces or inserts one character from a small alphabet. */
static void mutate(uint64_t *st, char *s, size_t cap)
{
	static const char alphabet[] = "0123456789abcdefAF:.:.%/ g";
	size_t len = strlen(s);
	size_t at = len ? rnd(st) % len : 0;
	char c = alphabet[rnd(st) % (sizeof alphabet - 1)];

	switch (rnd(st) % 3) {
	case 0:
		if (len)
			memmove(s + at, s + at + 1, len - at);
		break;
	case 1:
		if (len)
			s[at] = c;
		break;
	default:
		if (len + 1 < cap) {
			memmove(s + at + 1, s + at, len - at + 1);
			s[at] = c;
		}
	}
}

/* --- ip_parse: IPv4 --- */

static void test_ip_parse_accepts_dotted_quad(void **state)
{
	struct ip_addr a = addr("192.0.2.1");

	(void)state;
	assert_int_equal(a.family, 4);
	assert_memory_equal(a.b, ((uint8_t[16]){192, 0, 2, 1}), 16);
}

static void test_ip_parse_accepts_v4_extremes(void **state)
{
	struct ip_addr a = addr("255.255.255.255"), z = addr("0.0.0.0");

	(void)state;
	assert_memory_equal(a.b, ((uint8_t[4]){255, 255, 255, 255}), 4);
	assert_memory_equal(z.b, ((uint8_t[4]){0, 0, 0, 0}), 4);
	assert_int_equal(z.family, 4);
}

static void test_ip_parse_rejects_leading_zeros(void **state)
{
	(void)state;
	assert_false(parses("01.2.3.4"));
	assert_false(parses("1.2.3.04"));
	assert_false(parses("1.2.3.00"));
	assert_false(parses("10.010.0.1"));
	assert_false(parses("::ffff:192.0.2.01"));
	assert_true(parses("10.0.0.1"));
}

static void test_ip_parse_rejects_octet_over_255(void **state)
{
	(void)state;
	assert_false(parses("256.0.0.1"));
	assert_false(parses("1.2.3.999"));
	assert_false(parses("1.2.3.1000"));
	assert_false(parses("::ffff:1.2.3.256"));
}

static void test_ip_parse_rejects_wrong_number_of_parts(void **state)
{
	(void)state;
	assert_false(parses("1.2.3"));
	assert_false(parses("1.2.3.4.5"));
	assert_false(parses("1..2.3"));
	assert_false(parses(".1.2.3.4"));
	assert_false(parses("1.2.3.4."));
	assert_false(parses("16909060"));
}

static void test_ip_parse_rejects_surrounding_text(void **state)
{
	(void)state;
	assert_false(parses(" 1.2.3.4"));
	assert_false(parses("1.2.3.4 "));
	assert_false(parses("1.2.3.4x"));
	assert_false(parses("[::1]"));
	assert_false(parses(""));
	assert_false(parses("-1.2.3.4"));
}

static void test_ip_parse_reads_only_n_bytes(void **state)
{
	struct ip_addr a;

	(void)state;
	assert_int_equal(ip_parse("1.2.3.45", 7, &a), 0);
	assert_memory_equal(a.b, ((uint8_t[4]){1, 2, 3, 4}), 4);
	assert_int_equal(ip_parse("::1 and more", 3, &a), 0);
	assert_int_equal(ip_parse("1.2.3.4", 0, &a), -1);
}

static void test_ip_parse_leaves_out_alone_on_failure(void **state)
{
	struct ip_addr a = addr("192.0.2.1"), before = a;

	(void)state;
	assert_int_equal(ip_parse("1.2.3", 5, &a), -1);
	assert_memory_equal(&a, &before, sizeof a);
}

/* --- ip_parse: IPv6 --- */

static void test_ip_parse_accepts_uncompressed_v6(void **state)
{
	struct ip_addr a = addr("2001:0db8:0000:0000:0000:ff00:0042:8329");
	uint8_t want[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0,    0,	   0,
			    0,	  0,	0xff, 0,    0, 0x42, 0x83, 0x29};

	(void)state;
	assert_int_equal(a.family, 6);
	assert_memory_equal(a.b, want, 16);
}

static void test_ip_parse_accepts_uppercase_hex(void **state)
{
	(void)state;
	assert_same_addr("2001:DB8::FF00:42:8329",
			 "2001:0db8:0000:0000:0000:ff00:0042:8329");
	assert_same_addr("FE80::aBcD", "fe80:0:0:0:0:0:0:abcd");
}

static void test_ip_parse_accepts_double_colon_anywhere(void **state)
{
	(void)state;
	assert_same_addr("::", "0:0:0:0:0:0:0:0");
	assert_same_addr("::1", "0:0:0:0:0:0:0:1");
	assert_same_addr("1::", "1:0:0:0:0:0:0:0");
	assert_same_addr("1::8", "1:0:0:0:0:0:0:8");
	assert_same_addr("1:2::7:8", "1:2:0:0:0:0:7:8");
	assert_same_addr("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0");
	assert_same_addr("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8");
	assert_same_addr("1:2:3::5:6:7:8", "1:2:3:0:5:6:7:8");
}

static void test_ip_parse_accepts_embedded_v4(void **state)
{
	struct ip_addr a = addr("::ffff:192.0.2.1");

	(void)state;
	assert_int_equal(a.family, 6);
	assert_same_addr("::ffff:192.0.2.1", "::ffff:c000:201");
	assert_same_addr("64:ff9b::192.0.2.1", "64:ff9b::c000:201");
	assert_same_addr("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304");
	assert_same_addr("::1.2.3.4", "::102:304");
	assert_same_addr("1::5:6:1.2.3.4", "1::5:6:102:304");
}

static void test_ip_parse_rejects_zone_id(void **state)
{
	(void)state;
	assert_false(parses("fe80::1%eth0"));
	assert_false(parses("fe80::1%1"));
	assert_false(parses("fe80::1%"));
}

static void test_ip_parse_rejects_too_many_groups(void **state)
{
	(void)state;
	assert_false(parses("1:2:3:4:5:6:7:8:9"));
	assert_false(parses("1:2:3:4:5:6:7:8::"));
	assert_false(parses("::1:2:3:4:5:6:7:8"));
	assert_false(parses("1:2:3:4::5:6:7:8"));
	assert_false(parses("1:2:3:4:5:6:7:1.2.3.4"));
	assert_false(parses("1:2:3:4:5::6:1.2.3.4"));
}

static void test_ip_parse_rejects_too_few_groups(void **state)
{
	(void)state;
	assert_false(parses("1:2:3:4:5:6:7"));
	assert_false(parses("1:2:3:4:5:1.2.3.4"));
	assert_false(parses("1"));
}

static void test_ip_parse_rejects_two_double_colons(void **state)
{
	(void)state;
	assert_false(parses("1::2::3"));
	assert_false(parses("::1::"));
	assert_false(parses("::::"));
}

static void test_ip_parse_rejects_stray_colons(void **state)
{
	(void)state;
	assert_false(parses(":"));
	assert_false(parses(":1::"));
	assert_false(parses("1::2:"));
	assert_false(parses("1:::2"));
	assert_false(parses(":::"));
	assert_false(parses("1:2:3:4:5:6:7:8:"));
}

static void test_ip_parse_rejects_group_over_four_digits(void **state)
{
	(void)state;
	assert_false(parses("12345::"));
	assert_false(parses("::00000"));
	assert_true(parses("::0000"));
}

static void test_ip_parse_rejects_misplaced_embedded_v4(void **state)
{
	(void)state;
	assert_false(parses("1.2.3.4::"));
	assert_false(parses("::1.2.3.4:1"));
	assert_false(parses("::1.2.3"));
	assert_false(parses("::ffff:1.2.3.4.5"));
	assert_false(parses("::a.2.3.4"));
}

static void test_ip_parse_agrees_with_inet_pton(void **state)
{
	uint64_t st = 0x9e3779b97f4a7c15u;
	char s[64];
	uint8_t want[16];

	(void)state;
	for (int i = 0; i < 50000; i++) {
		struct ip_addr a;
		int ok4, ok6;

		random_text(&st, s, sizeof s);
		for (unsigned k = rnd(&st) % 3; k > 0; k--)
			mutate(&st, s, sizeof s);
		ok4 = inet_pton(AF_INET, s, want) == 1;
		ok6 = !ok4 && inet_pton(AF_INET6, s, want) == 1;
		if (ip_parse(s, strlen(s), &a) != (ok4 || ok6 ? 0 : -1))
			fail_msg("\"%s\": ip_parse and inet_pton disagree", s);
		if (!ok4 && !ok6)
			continue;
		assert_int_equal(a.family, ok4 ? 4 : 6);
		assert_memory_equal(a.b, want, ok4 ? 4 : 16);
	}
}

/* --- ip_scan --- */

static void test_ip_scan_stops_before_sentence_dot(void **state)
{
	struct ip_addr a;

	(void)state;
	assert_int_equal(ip_scan("192.0.2.1.", 10, &a), 9);
	assert_int_equal(cmp_text(&a, "192.0.2.1"), 0);
	assert_int_equal(scan("2001:db8::1. Next"), 11);
	assert_int_equal(scan("::ffff:192.0.2.1."), 16);
}

static void test_ip_scan_leaves_trailing_colon(void **state)
{
	(void)state;
	assert_int_equal(scan("2001:db8::1:"), 11);
	assert_int_equal(scan("2001:db8::1: blocked"), 11);
	assert_int_equal(scan("1:2:3:4:5:6:7:8:"), 15);
}

static void test_ip_scan_needs_two_colons_to_start(void **state)
{
	(void)state;
	assert_int_equal(scan("::1"), 3);
	assert_int_equal(scan("::"), 2);
	assert_int_equal(scan(":: "), 2);
	assert_int_equal(scan(":"), 0);
	assert_int_equal(scan(":1"), 0);
	assert_int_equal(scan(":::1"), 0);
}

static void test_ip_scan_takes_first_four_of_longer_dotted(void **state)
{
	(void)state;
	assert_int_equal(scan("1.2.3.4.5"), 7);
	assert_int_equal(scan("1.2.3.4.500"), 7);
	assert_int_equal(scan("1:2:3:4:5:6:7:8:9"), 15);
}

static void test_ip_scan_never_cuts_a_group(void **state)
{
	(void)state;
	assert_int_equal(scan("1.2.3.456"), 0);
	assert_int_equal(scan("1.2.3.4567"), 0);
	assert_int_equal(scan("1.2.3.04"), 0);
	assert_int_equal(scan("2001:db8::12345"), 0);
	assert_int_equal(scan("::12345"), 0);
	assert_int_equal(scan("1:2:3:4:5:6:7:12345"), 0);
}

static void test_ip_scan_stops_at_neighbours(void **state)
{
	(void)state;
	assert_int_equal(scan("fe80::1%eth0"), 7);
	assert_int_equal(scan("192.0.2.1:8080"), 9);
	assert_int_equal(scan("2001:db8::1]:443"), 11);
	assert_int_equal(scan("192.0.2.1)"), 9);
	assert_int_equal(scan("192.0.2.1x"), 9);
	assert_int_equal(scan("2001:db8::1/64"), 11);
	assert_int_equal(scan("::ffff:192.0.2.1, "), 16);
}

static void test_ip_scan_finds_nothing_in_prose(void **state)
{
	(void)state;
	assert_int_equal(scan("Note: see below"), 0);
	assert_int_equal(scan("12:30"), 0);
	assert_int_equal(scan("1.2.3"), 0);
	assert_int_equal(scan("version 1.2.3.4"), 0);
	assert_int_equal(scan(""), 0);
}

static void test_ip_scan_prefers_longest_match(void **state)
{
	struct ip_addr a;

	(void)state;
	assert_int_equal(ip_scan("1::2:3", 6, &a), 6);
	assert_int_equal(cmp_text(&a, "1::2:3"), 0);
	assert_int_equal(scan("::ffff:1.2.3.4"), 14);
	assert_int_equal(scan("1:2:3:4:5:6:1.2.3.4"), 19);
}

static void test_ip_scan_never_reads_past_n(void **state)
{
	static const char *texts[] = {
	    "192.0.2.1.",
	    "2001:db8::1:",
	    "::ffff:192.0.2.1",
	    "1:2:3:4:5:6:7:8:9",
	    "::",
	    "1.2.3.456",
	    "fe80::1%eth0",
	    "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255",
	};

	(void)state;
	/* An exact-size copy lets the address sanitizer catch any overread. */
	for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
		for (size_t n = 0; n <= strlen(texts[t]); n++) {
			char *copy = malloc(n ? n : 1);

			memcpy(copy, texts[t], n);
			assert_true(ip_scan(copy, n, NULL) <= n);
			free(copy);
		}
	}
}

static void test_ip_scan_match_parses_as_the_same_address(void **state)
{
	uint64_t st = 0x2545f4914f6cdd1du;
	char s[64];

	(void)state;
	for (int i = 0; i < 50000; i++) {
		struct ip_addr a, b;
		size_t len, n;

		random_text(&st, s, sizeof s);
		for (unsigned k = rnd(&st) % 4; k > 0; k--)
			mutate(&st, s, sizeof s);
		n = strlen(s);
		len = ip_scan(s, n, &a);
		if (ip_parse(s, n, &b) == 0 && len != n)
			fail_msg("\"%s\" parses but scans as %zu bytes", s,
				 len);
		if (len == 0)
			continue;
		if (ip_parse(s, len, &b) != 0 || ip_cmp(&a, &b) != 0)
			fail_msg("\"%s\": scanned prefix %zu does not parse", s,
				 len);
	}
}

/* --- ip_format --- */

static void test_ip_format_writes_dotted_quad(void **state)
{
	(void)state;
	assert_format("192.0.2.1", "192.0.2.1");
	assert_format("0.0.0.0", "0.0.0.0");
	assert_format("255.255.255.255", "255.255.255.255");
}

static void test_ip_format_compresses_longest_zero_run(void **state)
{
	(void)state;
	assert_format("1:0:0:1:0:0:0:1", "1:0:0:1::1");
	assert_format("2001:db8:0:0:0:0:2:1", "2001:db8::2:1");
	assert_format("0:0:1:0:0:0:0:0", "0:0:1::");
}

static void test_ip_format_compresses_first_run_on_tie(void **state)
{
	(void)state;
	assert_format("1:0:0:2:3:0:0:4", "1::2:3:0:0:4");
	assert_format("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1");
}

static void test_ip_format_keeps_single_zero_group(void **state)
{
	(void)state;
	assert_format("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1");
	assert_format("1:2:3:4:5:6:7:0", "1:2:3:4:5:6:7:0");
	assert_format("0:2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8");
}

static void test_ip_format_lowercases_and_drops_leading_zeros(void **state)
{
	(void)state;
	assert_format("2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1");
	assert_format("FE80:0000:0000:0000:0ABC:00FF:000F:0001",
		      "fe80::abc:ff:f:1");
}

static void test_ip_format_special_addresses(void **state)
{
	(void)state;
	assert_format("0:0:0:0:0:0:0:0", "::");
	assert_format("0:0:0:0:0:0:0:1", "::1");
	assert_format("1:0:0:0:0:0:0:0", "1::");
	assert_format("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
		      "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
}

static void test_ip_format_shows_mapped_v4_dotted(void **state)
{
	(void)state;
	assert_format("::ffff:1.2.3.4", "::ffff:1.2.3.4");
	assert_format("0:0:0:0:0:FFFF:0102:0304", "::ffff:1.2.3.4");
	assert_format("::ffff:255.255.255.255", "::ffff:255.255.255.255");
	/* Only the mapped prefix is dotted; others stay hex. */
	assert_format("64:ff9b::192.0.2.1", "64:ff9b::c000:201");
	assert_format("::1.2.3.4", "::102:304");
}

static void test_ip_format_agrees_with_inet_ntop(void **state)
{
	uint64_t st = 0xd1b54a32d192ed03u;
	char want[INET6_ADDRSTRLEN], got[IP_TEXT_MAX];
	static const uint8_t six_zero_words[12] = {0};

	(void)state;
	for (int i = 0; i < 50000; i++) {
		struct ip_addr a, back;

		random_addr(&st, &a);
		/* glibc also dots ::a.b.c.d, which RFC 5952 leaves as hex. */
		if (a.family == 6 && memcmp(a.b, six_zero_words, 12) == 0 &&
		    (a.b[12] | a.b[13]) != 0)
			continue;
		inet_ntop(a.family == 4 ? AF_INET : AF_INET6, a.b, want,
			  sizeof want);
		ip_format(&a, got);
		assert_string_equal(got, want);
		assert_int_equal(ip_parse(got, strlen(got), &back), 0);
		assert_int_equal(ip_cmp(&a, &back), 0);
	}
}

/* --- ip_unmap and ip_cmp --- */

static void test_ip_unmap_turns_mapped_into_v4(void **state)
{
	struct ip_addr a = addr("::ffff:192.0.2.1"), want = addr("192.0.2.1");

	(void)state;
	ip_unmap(&a);
	assert_int_equal(a.family, 4);
	assert_int_equal(ip_cmp(&a, &want), 0);
	assert_memory_equal(&a, &want, sizeof a);
}

static void test_ip_unmap_leaves_other_addresses(void **state)
{
	static const char *texts[] = {
	    "192.0.2.1",	  "::1.2.3.4", "64:ff9b::192.0.2.1",
	    "::ffff:0:192.0.2.1", "::",	       "::1",
	    "1::ffff:192.0.2.1",
	};

	(void)state;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct ip_addr a = addr(texts[i]), before = a;

		ip_unmap(&a);
		assert_memory_equal(&a, &before, sizeof a);
	}
}

static void test_ip_cmp_puts_v4_before_v6(void **state)
{
	struct ip_addr v4 = addr("255.255.255.255"), v6 = addr("::");

	(void)state;
	assert_true(ip_cmp(&v4, &v6) < 0);
	assert_true(ip_cmp(&v6, &v4) > 0);
}

static void test_ip_cmp_orders_by_bytes(void **state)
{
	struct ip_addr a = addr("9.255.0.0"), b = addr("10.0.0.0");
	struct ip_addr c = addr("2001:db8::ffff"), d = addr("2001:db8:0:1::");

	(void)state;
	assert_true(ip_cmp(&a, &b) < 0);
	assert_true(ip_cmp(&b, &a) > 0);
	assert_true(ip_cmp(&c, &d) < 0);
	assert_int_equal(ip_cmp(&a, &a), 0);
	assert_int_equal(cmp_text(&c, "2001:DB8::FFFF"), 0);
}

/* --- cidr_parse, ip_in_cidr, cidr_format --- */

static void test_cidr_parse_masks_host_bits(void **state)
{
	struct cidr c = net("192.0.2.77/24"), d = net("2001:db8::1/32");
	struct cidr e = net("10.1.2.3/13"), f = net("2001:db8:ffff::/33");

	(void)state;
	assert_int_equal(cmp_text(&c.base, "192.0.2.0"), 0);
	assert_int_equal(c.prefix, 24);
	assert_int_equal(cmp_text(&d.base, "2001:db8::"), 0);
	assert_int_equal(cmp_text(&e.base, "10.0.0.0"), 0);
	assert_int_equal(cmp_text(&f.base, "2001:db8:8000::"), 0);
}

static void test_cidr_parse_bare_address_is_one_host(void **state)
{
	struct cidr c = net("192.0.2.1"), d = net("2001:db8::1");

	(void)state;
	assert_int_equal(c.prefix, 32);
	assert_int_equal(d.prefix, 128);
	assert_int_equal(cmp_text(&d.base, "2001:db8::1"), 0);
}

static void test_cidr_parse_accepts_zero_prefix(void **state)
{
	struct cidr c = net("192.0.2.1/0"), d = net("2001:db8::1/0");

	(void)state;
	assert_int_equal(c.prefix, 0);
	assert_int_equal(cmp_text(&c.base, "0.0.0.0"), 0);
	assert_int_equal(cmp_text(&d.base, "::"), 0);
}

static void test_cidr_parse_accepts_full_prefix(void **state)
{
	struct cidr c = net("192.0.2.1/32"), d = net("2001:db8::1/128");

	(void)state;
	assert_int_equal(c.prefix, 32);
	assert_int_equal(d.prefix, 128);
	assert_int_equal(cmp_text(&c.base, "192.0.2.1"), 0);
}

static void assert_cidr_error(const char *text, const char *needle)
{
	struct cidr c;
	struct err e = {""};

	if (cidr_parse(text, strlen(text), &c, &e) != -1)
		fail_msg("cidr_parse accepted \"%s\"", text);
	if (!strstr(e.msg, needle))
		fail_msg("\"%s\": error \"%s\" lacks \"%s\"", text, e.msg,
			 needle);
}

static void test_cidr_parse_rejects_prefix_too_long(void **state)
{
	(void)state;
	assert_cidr_error("192.0.2.0/33", "\"192.0.2.0/33\"");
	assert_cidr_error("192.0.2.0/33", "32");
	assert_cidr_error("2001:db8::/129", "\"2001:db8::/129\"");
	assert_cidr_error("2001:db8::/129", "128");
	assert_cidr_error("::/1000", "128");
}

static void test_cidr_parse_rejects_garbage_with_a_sentence(void **state)
{
	static const char *texts[] = {
	    "bogus",	       "192.0.2.0/",   "192.0.2.0/x",	"/24",
	    "192.0.2.0/24/1",  "192.0.2.0/-1", "192.0.2.0/ 24", "1.2.3/24",
	    "fe80::1%eth0/64", "192.0.2.0/+8",
	};

	(void)state;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		char quoted[64];

		snprintf(quoted, sizeof quoted, "\"%s\"", texts[i]);
		assert_cidr_error(texts[i], quoted);
	}
}

static void test_cidr_parse_rejects_empty(void **state)
{
	struct cidr c;
	struct err e = {""};

	(void)state;
	assert_int_equal(cidr_parse("", 0, &c, &e), -1);
	assert_true(strlen(e.msg) > 10);
}

static void test_cidr_parse_error_shows_control_bytes_safely(void **state)
{
	struct cidr c;
	struct err e = {""};
	const char text[] = "10.0.0.0/\x1b[2J";

	(void)state;
	assert_int_equal(cidr_parse(text, strlen(text), &c, &e), -1);
	assert_null(strchr(e.msg, '\x1b'));
	assert_non_null(strstr(e.msg, "10.0.0.0/?[2J"));
}

static void test_cidr_parse_error_shortens_long_text(void **state)
{
	char text[300];
	struct cidr c;
	struct err e = {""};

	(void)state;
	memset(text, 'x', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	assert_int_equal(cidr_parse(text, strlen(text), &c, &e), -1);
	assert_non_null(strstr(e.msg, "..."));
	assert_non_null(strstr(e.msg, "192.0.2.0/24"));
}

static void test_ip_in_cidr_v4_edges(void **state)
{
	(void)state;
	assert_true(in("192.0.2.0", "192.0.2.0/24"));
	assert_true(in("192.0.2.255", "192.0.2.0/24"));
	assert_false(in("192.0.3.0", "192.0.2.0/24"));
	assert_false(in("192.0.1.255", "192.0.2.0/24"));
	assert_true(in("192.0.2.1", "192.0.2.1/32"));
	assert_false(in("192.0.2.2", "192.0.2.1/32"));
	assert_true(in("0.0.0.0", "0.0.0.0/0"));
	assert_true(in("255.255.255.255", "0.0.0.0/0"));
	assert_true(in("10.7.255.255", "10.0.0.0/13"));
	assert_false(in("10.8.0.0", "10.0.0.0/13"));
}

static void test_ip_in_cidr_v6_edges(void **state)
{
	(void)state;
	assert_true(in("2001:db8::", "2001:db8::/32"));
	assert_true(
	    in("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::/32"));
	assert_false(in("2001:db9::", "2001:db8::/32"));
	assert_true(in("2001:db8::1", "2001:db8::1/128"));
	assert_false(in("2001:db8::2", "2001:db8::1/128"));
	assert_true(in("2001:db8::1", "2001:db8::/127"));
	assert_false(in("2001:db8::2", "2001:db8::/127"));
	assert_true(in("2001:db8:7fff::", "2001:db8::/33"));
	assert_false(in("2001:db8:8000::", "2001:db8::/33"));
	assert_true(in("::", "::/0"));
	assert_true(in("ffff::1", "::/0"));
	assert_true(in("::1", "::1/128"));
}

static void test_ip_in_cidr_matches_mapped_against_v4(void **state)
{
	(void)state;
	assert_true(in("::ffff:192.0.2.1", "192.0.2.0/24"));
	assert_false(in("::ffff:192.0.3.1", "192.0.2.0/24"));
	assert_true(in("::ffff:192.0.2.1", "0.0.0.0/0"));
	assert_true(in("192.0.2.1", "::ffff:192.0.2.0/120"));
	assert_true(in("192.0.2.1", "::ffff:0:0/96"));
}

static void test_ip_in_cidr_keeps_families_apart(void **state)
{
	(void)state;
	assert_false(in("2001:db8::1", "0.0.0.0/0"));
	assert_false(in("192.0.2.1", "2001:db8::/32"));
	assert_false(in("::c000:201", "192.0.2.0/24"));
	assert_false(in("64:ff9b::192.0.2.1", "192.0.2.0/24"));
}

static void assert_cidr_format(const char *in_text, const char *want)
{
	struct cidr c = net(in_text);
	char out[IP_TEXT_MAX + 4];

	cidr_format(&c, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_cidr_format_writes_canonical_network(void **state)
{
	(void)state;
	assert_cidr_format("10.1.2.3/8", "10.0.0.0/8");
	assert_cidr_format("2001:DB8:0::/32", "2001:db8::/32");
	assert_cidr_format("192.0.2.1", "192.0.2.1/32");
	assert_cidr_format("::", "::/128");
	assert_cidr_format("::/0", "::/0");
	assert_cidr_format("::ffff:192.0.2.9/120", "::ffff:192.0.2.0/120");
}

static void test_cidr_format_truncates_to_outsz(void **state)
{
	struct cidr c = net("192.0.2.0/24");
	char out[8];

	(void)state;
	memset(out, 'z', sizeof out);
	cidr_format(&c, out, 5);
	assert_string_equal(out, "192.");
	assert_int_equal(out[5], 'z');
}

/* --- cidr_list --- */

static void test_cidr_list_parse_splits_on_commas_and_spaces(void **state)
{
	struct cidr_list l;
	struct err e = {""};
	char text[IP_TEXT_MAX + 4];

	(void)state;
	assert_int_equal(cidr_list_parse(" 10.0.0.0/8, 192.0.2.0/24\t"
					 "2001:db8::/32,,\n198.51.100.7 ,",
					 &l, &e),
			 0);
	assert_int_equal(l.n, 4);
	cidr_format(&l.items[2], text, sizeof text);
	assert_string_equal(text, "2001:db8::/32");
	cidr_format(&l.items[3], text, sizeof text);
	assert_string_equal(text, "198.51.100.7/32");
	cidr_list_free(&l);
}

static void test_cidr_list_parse_empty_text_is_empty_list(void **state)
{
	struct cidr_list l;
	struct err e = {""};

	(void)state;
	assert_int_equal(cidr_list_parse("", &l, &e), 0);
	assert_int_equal(l.n, 0);
	assert_int_equal(cidr_list_parse(" , \t", &l, &e), 0);
	assert_int_equal(l.n, 0);
	cidr_list_free(&l);
}

static void test_cidr_list_parse_names_bad_entry(void **state)
{
	struct cidr_list l;
	struct err e = {""};

	(void)state;
	assert_int_equal(cidr_list_parse("10.0.0.0/8, 1.2.3.4, 5.6.7.8, "
					 "2001:db8::/32, 10.0.0.0/99",
					 &l, &e),
			 -1);
	assert_non_null(strstr(e.msg, "\"10.0.0.0/99\""));
	assert_null(l.items);
	assert_int_equal(l.n, 0);
}

static void test_cidr_list_contains_any_listed_network(void **state)
{
	struct cidr_list l;
	struct err e = {""};
	struct ip_addr a = addr("2001:db8:1::5"), b = addr("::ffff:10.9.9.9");
	struct ip_addr c = addr("192.0.2.1"), d = addr("203.0.113.1");

	(void)state;
	assert_int_equal(cidr_list_parse("10.0.0.0/8 2001:db8::/32", &l, &e),
			 0);
	assert_true(cidr_list_contains(&l, &a));
	assert_true(cidr_list_contains(&l, &b));
	assert_false(cidr_list_contains(&l, &c));
	cidr_list_free(&l);
	assert_false(cidr_list_contains(&l, &d));
}

static void test_cidr_list_free_is_null_safe(void **state)
{
	struct cidr_list l = {NULL, 0};

	(void)state;
	cidr_list_free(NULL);
	cidr_list_free(&l);
	cidr_list_free(&l);
	assert_null(l.items);
}

/* --- ip_classify --- */

struct class_case {
	const char *text;
	enum ip_class cls;
};

static void assert_classes(const struct class_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct ip_addr a = addr(cases[i].text);
		enum ip_class got = ip_classify(&a);

		if (got != cases[i].cls)
			fail_msg("%s: class %s, want %s", cases[i].text,
				 ip_class_name(got),
				 ip_class_name(cases[i].cls));
	}
}

static void test_ip_classify_v4_ranges_and_their_edges(void **state)
{
	static const struct class_case cases[] = {
	    {"0.0.0.0", IP_CLASS_UNSPECIFIED},
	    {"0.0.0.1", IP_CLASS_RESERVED},
	    {"0.255.255.255", IP_CLASS_RESERVED},
	    {"1.0.0.0", IP_CLASS_GLOBAL},
	    {"9.255.255.255", IP_CLASS_GLOBAL},
	    {"10.0.0.0", IP_CLASS_PRIVATE},
	    {"10.255.255.255", IP_CLASS_PRIVATE},
	    {"11.0.0.0", IP_CLASS_GLOBAL},
	    {"100.63.255.255", IP_CLASS_GLOBAL},
	    {"100.64.0.0", IP_CLASS_RESERVED},
	    {"100.127.255.255", IP_CLASS_RESERVED},
	    {"100.128.0.0", IP_CLASS_GLOBAL},
	    {"127.0.0.1", IP_CLASS_LOOPBACK},
	    {"127.255.255.255", IP_CLASS_LOOPBACK},
	    {"169.254.0.1", IP_CLASS_LINK_LOCAL},
	    {"169.255.0.1", IP_CLASS_GLOBAL},
	    {"172.15.255.255", IP_CLASS_GLOBAL},
	    {"172.16.0.0", IP_CLASS_PRIVATE},
	    {"172.31.255.255", IP_CLASS_PRIVATE},
	    {"172.32.0.0", IP_CLASS_GLOBAL},
	    {"192.0.2.0", IP_CLASS_DOCUMENTATION},
	    {"192.0.2.255", IP_CLASS_DOCUMENTATION},
	    {"192.0.3.0", IP_CLASS_GLOBAL},
	    {"192.168.1.1", IP_CLASS_PRIVATE},
	    {"192.169.0.0", IP_CLASS_GLOBAL},
	    {"198.17.255.255", IP_CLASS_GLOBAL},
	    {"198.18.0.0", IP_CLASS_RESERVED},
	    {"198.19.255.255", IP_CLASS_RESERVED},
	    {"198.20.0.0", IP_CLASS_GLOBAL},
	    {"198.51.100.7", IP_CLASS_DOCUMENTATION},
	    {"203.0.113.200", IP_CLASS_DOCUMENTATION},
	    {"203.0.114.0", IP_CLASS_GLOBAL},
	    {"223.255.255.255", IP_CLASS_GLOBAL},
	    {"224.0.0.1", IP_CLASS_MULTICAST},
	    {"239.255.255.255", IP_CLASS_MULTICAST},
	    {"240.0.0.1", IP_CLASS_RESERVED},
	    {"255.255.255.255", IP_CLASS_RESERVED},
	    {"8.8.8.8", IP_CLASS_GLOBAL},
	};

	(void)state;
	assert_classes(cases, sizeof cases / sizeof cases[0]);
}

static void test_ip_classify_v6_ranges_and_their_edges(void **state)
{
	static const struct class_case cases[] = {
	    {"::", IP_CLASS_UNSPECIFIED},
	    {"::1", IP_CLASS_LOOPBACK},
	    {"::2", IP_CLASS_RESERVED},
	    {"64:ff9b::192.0.2.1", IP_CLASS_GLOBAL},
	    {"100::1", IP_CLASS_RESERVED},
	    {"2001:db8::1", IP_CLASS_DOCUMENTATION},
	    {"2001:db8:ffff::1", IP_CLASS_DOCUMENTATION},
	    {"2001:db9::1", IP_CLASS_GLOBAL},
	    {"2a00:1450::1", IP_CLASS_GLOBAL},
	    {"3fff:fff::1", IP_CLASS_DOCUMENTATION},
	    {"3fff:1000::1", IP_CLASS_GLOBAL},
	    {"fbff::1", IP_CLASS_GLOBAL},
	    {"fc00::1", IP_CLASS_PRIVATE},
	    {"fdff:ffff::1", IP_CLASS_PRIVATE},
	    {"fe80::1", IP_CLASS_LINK_LOCAL},
	    {"febf::1", IP_CLASS_LINK_LOCAL},
	    {"fec0::1", IP_CLASS_RESERVED},
	    {"ff02::1", IP_CLASS_MULTICAST},
	    {"ffff::1", IP_CLASS_MULTICAST},
	};

	(void)state;
	assert_classes(cases, sizeof cases / sizeof cases[0]);
}

static void test_ip_classify_mapped_as_its_v4(void **state)
{
	static const struct class_case cases[] = {
	    {"::ffff:127.0.0.1", IP_CLASS_LOOPBACK},
	    {"::ffff:0.0.0.0", IP_CLASS_UNSPECIFIED},
	    {"::ffff:10.1.1.1", IP_CLASS_PRIVATE},
	    {"::ffff:192.0.2.1", IP_CLASS_DOCUMENTATION},
	    {"::ffff:8.8.8.8", IP_CLASS_GLOBAL},
	};

	(void)state;
	assert_classes(cases, sizeof cases / sizeof cases[0]);
}

static void test_ip_class_name_names_every_class(void **state)
{
	(void)state;
	assert_string_equal(ip_class_name(IP_CLASS_GLOBAL), "global");
	assert_string_equal(ip_class_name(IP_CLASS_PRIVATE), "private");
	assert_string_equal(ip_class_name(IP_CLASS_LOOPBACK), "loopback");
	assert_string_equal(ip_class_name(IP_CLASS_LINK_LOCAL), "link-local");
	assert_string_equal(ip_class_name(IP_CLASS_DOCUMENTATION),
			    "documentation");
	assert_string_equal(ip_class_name(IP_CLASS_UNSPECIFIED), "unspecified");
	assert_string_equal(ip_class_name(IP_CLASS_MULTICAST), "multicast");
	assert_string_equal(ip_class_name(IP_CLASS_RESERVED), "reserved");
	assert_string_equal(ip_class_name((enum ip_class)99), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ip_parse_accepts_dotted_quad),
	    cmocka_unit_test(test_ip_parse_accepts_v4_extremes),
	    cmocka_unit_test(test_ip_parse_rejects_leading_zeros),
	    cmocka_unit_test(test_ip_parse_rejects_octet_over_255),
	    cmocka_unit_test(test_ip_parse_rejects_wrong_number_of_parts),
	    cmocka_unit_test(test_ip_parse_rejects_surrounding_text),
	    cmocka_unit_test(test_ip_parse_reads_only_n_bytes),
	    cmocka_unit_test(test_ip_parse_leaves_out_alone_on_failure),
	    cmocka_unit_test(test_ip_parse_accepts_uncompressed_v6),
	    cmocka_unit_test(test_ip_parse_accepts_uppercase_hex),
	    cmocka_unit_test(test_ip_parse_accepts_double_colon_anywhere),
	    cmocka_unit_test(test_ip_parse_accepts_embedded_v4),
	    cmocka_unit_test(test_ip_parse_rejects_zone_id),
	    cmocka_unit_test(test_ip_parse_rejects_too_many_groups),
	    cmocka_unit_test(test_ip_parse_rejects_too_few_groups),
	    cmocka_unit_test(test_ip_parse_rejects_two_double_colons),
	    cmocka_unit_test(test_ip_parse_rejects_stray_colons),
	    cmocka_unit_test(test_ip_parse_rejects_group_over_four_digits),
	    cmocka_unit_test(test_ip_parse_rejects_misplaced_embedded_v4),
	    cmocka_unit_test(test_ip_parse_agrees_with_inet_pton),
	    cmocka_unit_test(test_ip_scan_stops_before_sentence_dot),
	    cmocka_unit_test(test_ip_scan_leaves_trailing_colon),
	    cmocka_unit_test(test_ip_scan_needs_two_colons_to_start),
	    cmocka_unit_test(test_ip_scan_takes_first_four_of_longer_dotted),
	    cmocka_unit_test(test_ip_scan_never_cuts_a_group),
	    cmocka_unit_test(test_ip_scan_stops_at_neighbours),
	    cmocka_unit_test(test_ip_scan_finds_nothing_in_prose),
	    cmocka_unit_test(test_ip_scan_prefers_longest_match),
	    cmocka_unit_test(test_ip_scan_never_reads_past_n),
	    cmocka_unit_test(test_ip_scan_match_parses_as_the_same_address),
	    cmocka_unit_test(test_ip_format_writes_dotted_quad),
	    cmocka_unit_test(test_ip_format_compresses_longest_zero_run),
	    cmocka_unit_test(test_ip_format_compresses_first_run_on_tie),
	    cmocka_unit_test(test_ip_format_keeps_single_zero_group),
	    cmocka_unit_test(test_ip_format_lowercases_and_drops_leading_zeros),
	    cmocka_unit_test(test_ip_format_special_addresses),
	    cmocka_unit_test(test_ip_format_shows_mapped_v4_dotted),
	    cmocka_unit_test(test_ip_format_agrees_with_inet_ntop),
	    cmocka_unit_test(test_ip_unmap_turns_mapped_into_v4),
	    cmocka_unit_test(test_ip_unmap_leaves_other_addresses),
	    cmocka_unit_test(test_ip_cmp_puts_v4_before_v6),
	    cmocka_unit_test(test_ip_cmp_orders_by_bytes),
	    cmocka_unit_test(test_cidr_parse_masks_host_bits),
	    cmocka_unit_test(test_cidr_parse_bare_address_is_one_host),
	    cmocka_unit_test(test_cidr_parse_accepts_zero_prefix),
	    cmocka_unit_test(test_cidr_parse_accepts_full_prefix),
	    cmocka_unit_test(test_cidr_parse_rejects_prefix_too_long),
	    cmocka_unit_test(test_cidr_parse_rejects_garbage_with_a_sentence),
	    cmocka_unit_test(test_cidr_parse_rejects_empty),
	    cmocka_unit_test(test_cidr_parse_error_shows_control_bytes_safely),
	    cmocka_unit_test(test_cidr_parse_error_shortens_long_text),
	    cmocka_unit_test(test_ip_in_cidr_v4_edges),
	    cmocka_unit_test(test_ip_in_cidr_v6_edges),
	    cmocka_unit_test(test_ip_in_cidr_matches_mapped_against_v4),
	    cmocka_unit_test(test_ip_in_cidr_keeps_families_apart),
	    cmocka_unit_test(test_cidr_format_writes_canonical_network),
	    cmocka_unit_test(test_cidr_format_truncates_to_outsz),
	    cmocka_unit_test(test_cidr_list_parse_splits_on_commas_and_spaces),
	    cmocka_unit_test(test_cidr_list_parse_empty_text_is_empty_list),
	    cmocka_unit_test(test_cidr_list_parse_names_bad_entry),
	    cmocka_unit_test(test_cidr_list_contains_any_listed_network),
	    cmocka_unit_test(test_cidr_list_free_is_null_safe),
	    cmocka_unit_test(test_ip_classify_v4_ranges_and_their_edges),
	    cmocka_unit_test(test_ip_classify_v6_ranges_and_their_edges),
	    cmocka_unit_test(test_ip_classify_mapped_as_its_v4),
	    cmocka_unit_test(test_ip_class_name_names_every_class),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
