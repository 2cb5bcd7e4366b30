/* test_utf8.c: UTF-8 decoding edges, encoding, maximal invalid subparts,
 * column widths and fitting text into a number of columns. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/utf8.h"

#include <string.h>

struct sample {
	uint32_t cp;
	const char *bytes;
};

/* The first and last code point of each encoded length, and the two
 * around the surrogates. */
static const struct sample edges[] = {
    {0x0000, "\x00"},
    {0x007F, "\x7f"},
    {0x0080, "\xc2\x80"},
    {0x07FF, "\xdf\xbf"},
    {0x0800, "\xe0\xa0\x80"},
    {0xD7FF, "\xed\x9f\xbf"},
    {0xE000, "\xee\x80\x80"},
    {0xFFFF, "\xef\xbf\xbf"},
    {0x10000, "\xf0\x90\x80\x80"},
    {0x10FFFF, "\xf4\x8f\xbf\xbf"},
};

static size_t sample_len(const struct sample *s)
{
	return s->cp == 0 ? 1 : strlen(s->bytes);
}

static void assert_rejected(const char *s, size_t n)
{
	uint32_t cp = 0xABCD;

	assert_int_equal(utf8_decode(s, n, &cp), -1);
	assert_false(utf8_valid(s, n));
}

static void test_utf8_decode_accepts_each_length_edge(void **state)
{
	size_t i;
	uint32_t cp;

	(void)state;
	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		size_t n = sample_len(&edges[i]);

		assert_int_equal(utf8_decode(edges[i].bytes, n, &cp), (int)n);
		assert_int_equal(cp, edges[i].cp);
		assert_true(utf8_valid(edges[i].bytes, n));
	}
}

static void test_utf8_decode_rejects_above_10ffff(void **state)
{
	(void)state;
	assert_rejected("\xf4\x90\x80\x80", 4); /* U+110000 */
	assert_rejected("\xf7\xbf\xbf\xbf", 4);
}

static void test_utf8_decode_rejects_overlongs(void **state)
{
	(void)state;
	assert_rejected("\xc0\x80", 2);
	assert_rejected("\xc0\x9b", 2);
	assert_rejected("\xc1\xbf", 2);
	assert_rejected("\xe0\x80\x9b", 3);
	assert_rejected("\xe0\x9f\xbf", 3);
	assert_rejected("\xf0\x80\x80\x9b", 4);
	assert_rejected("\xf0\x8f\xbf\xbf", 4);
}

static void test_utf8_decode_rejects_surrogates(void **state)
{
	(void)state;
	assert_rejected("\xed\xa0\x80", 3); /* U+D800 */
	assert_rejected("\xed\xbf\xbf", 3); /* U+DFFF */
}

static void test_utf8_decode_rejects_truncated_sequences(void **state)
{
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		for (n = 1; n < sample_len(&edges[i]); n++)
			assert_rejected(edges[i].bytes, n);
}

static void test_utf8_decode_rejects_empty_input(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(utf8_decode("a", 0, &cp), -1);
}

static void test_utf8_decode_rejects_stray_and_foreign_bytes(void **state)
{
	(void)state;
	assert_rejected("\x80", 1);
	assert_rejected("\xbf", 1);
	assert_rejected("\xf8\x88\x80\x80\x80", 5); /* old 5-byte form */
	assert_rejected("\xfc\x84\x80\x80\x80\x80", 6);
	assert_rejected("\xfe", 1);
	assert_rejected("\xff", 1);
	assert_rejected("\xc3\x28", 2); /* lead without continuation */
}

static void test_utf8_encode_round_trips_every_scalar_value(void **state)
{
	uint32_t cp, back;
	char out[4];
	size_t len;

	(void)state;
	for (cp = 0; cp <= 0x10FFFF; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		len = utf8_encode(cp, out);
		assert_in_range(len, 1, 4);
		assert_int_equal(utf8_decode(out, len, &back), (int)len);
		assert_int_equal(back, cp);
	}
}

static void test_utf8_encode_writes_the_shortest_form(void **state)
{
	size_t i;
	char out[4];

	(void)state;
	for (i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		size_t n = sample_len(&edges[i]);

		assert_int_equal(utf8_encode(edges[i].cp, out), n);
		assert_memory_equal(out, edges[i].bytes, n);
	}
}

static void test_utf8_encode_rejects_non_scalar_values(void **state)
{
	char out[4] = "abc";

	(void)state;
	assert_int_equal(utf8_encode(0xD800, out), 0);
	assert_int_equal(utf8_encode(0xDFFF, out), 0);
	assert_int_equal(utf8_encode(0x110000, out), 0);
	assert_int_equal(utf8_encode(UINT32_MAX, out), 0);
	assert_string_equal(out, "abc");
}

/* Unicode 15, section 3.9, table 3-8: the U+FFFD units of an ill-formed
 * string are its maximal subparts. */
static void test_utf8_invalid_len_is_the_maximal_subpart(void **state)
{
	static const char s[] = "a\xf1\x80\x80\xe1\x80\xc2"
				"b\x80"
				"c\x80\xbf"
				"d";
	static const size_t units[] = {1, 3, 2, 1, 1, 1, 1, 1, 1, 1};
	size_t i = 0, k, n = sizeof(s) - 1;
	uint32_t cp;

	(void)state;
	for (k = 0; k < sizeof(units) / sizeof(units[0]); k++) {
		int len = utf8_decode(s + i, n - i, &cp);
		size_t unit =
		    len > 0 ? (size_t)len : utf8_invalid_len(s + i, n - i);

		assert_int_equal(unit, units[k]);
		i += unit;
	}
	assert_int_equal(i, n);
}

static void test_utf8_invalid_len_of_surrogate_is_one_byte(void **state)
{
	(void)state;
	assert_int_equal(utf8_invalid_len("\xed\xa0\x80", 3), 1);
	assert_int_equal(utf8_invalid_len("\xe0\x80\x9b", 3), 1);
	assert_int_equal(utf8_invalid_len("\xe6\x97", 2), 2);
}

static void test_utf8_valid_accepts_text_with_nul_bytes(void **state)
{
	static const char s[] = "a\0\xc3\xa9\0\xe6\x97\xa5";

	(void)state;
	assert_true(utf8_valid(s, sizeof(s) - 1));
	assert_true(utf8_valid("", 0));
	assert_false(utf8_valid(s, sizeof(s) - 2));
}

static void test_utf8_cp_width_of_cjk_is_two(void **state)
{
	static const uint32_t wide[] = {0x4E2D, 0x65E5, 0x3042, 0x30AB,
					0xAC00, 0xFF21, 0x3000, 0x20000};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		assert_int_equal(utf8_cp_width(wide[i]), 2);
}

static void test_utf8_cp_width_of_emoji_is_two(void **state)
{
	static const uint32_t emoji[] = {0x1F600, 0x1F44D, 0x1F680, 0x1F468,
					 0x2705,  0x231A,  0x1F9D1};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(emoji) / sizeof(emoji[0]); i++)
		assert_int_equal(utf8_cp_width(emoji[i]), 2);
}

static void test_utf8_cp_width_of_combining_is_zero(void **state)
{
	static const uint32_t zero[] = {0x0301, 0x0308, 0x20DD, 0x0E31,
					0x200B, 0x200D, 0xFE0F, 0x1160};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
		assert_int_equal(utf8_cp_width(zero[i]), 0);
}

static void test_utf8_cp_width_of_controls_is_negative(void **state)
{
	static const uint32_t ctl[] = {0x00, 0x07, 0x1B, 0x1F,	 0x7F,
				       0x80, 0x9B, 0x9F, 0xD800, 0x110000};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ctl) / sizeof(ctl[0]); i++)
		assert_int_equal(utf8_cp_width(ctl[i]), -1);
}

static void test_utf8_cp_width_of_alphabetic_text_is_one(void **state)
{
	static const uint32_t one[] = {'A',    ' ',    0xA0,   0xAD,
				       0xE9,   0x42F,  0x0627, 0x05D0,
				       0x0E01, 0x2424, 0xFFFD};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(one) / sizeof(one[0]); i++)
		assert_int_equal(utf8_cp_width(one[i]), 1);
}

static void test_utf8_width_adds_columns(void **state)
{
	static const char s[] = "\xe6\x97\xa5\xe6\x9c\xac"
				"abc"
				"e\xcc\x81"
				"\xf0\x9f\x98\x80";

	(void)state;
	assert_int_equal(utf8_width(s, strlen(s)), 2 + 2 + 3 + 1 + 2);
	assert_int_equal(utf8_width("", 0), 0);
}

static void test_utf8_fit_never_splits_a_wide_character(void **state)
{
	static const char s[] = "\xe6\x97\xa5\xe6\x9c\xac"; /* 2 x 2 cols */
	size_t used = 99;

	(void)state;
	assert_int_equal(utf8_fit(s, 6, 3, &used), 3);
	assert_int_equal(used, 2);
	assert_int_equal(utf8_fit(s, 6, 1, &used), 0);
	assert_int_equal(used, 0);
	assert_int_equal(utf8_fit(s, 6, 4, &used), 6);
	assert_int_equal(used, 4);
}

static void test_utf8_fit_keeps_combining_marks_with_base(void **state)
{
	static const char s[] = "ae\xcc\x81\xcc\xa3"
				"b";
	size_t used;

	(void)state;
	assert_int_equal(utf8_fit(s, strlen(s), 2, &used), 6);
	assert_int_equal(used, 2);
	/* The base does not fit: neither do its marks. */
	assert_int_equal(utf8_fit(s, strlen(s), 1, &used), 1);
	assert_int_equal(used, 1);
}

static void test_utf8_fit_takes_everything_when_there_is_room(void **state)
{
	static const char s[] = "Gr\xc3\xbc\xc3\x9f"
				"e \xf0\x9f\x91\x8b";
	size_t used;

	(void)state;
	assert_int_equal(utf8_fit(s, strlen(s), 80, &used), strlen(s));
	assert_int_equal(used, utf8_width(s, strlen(s)));
	assert_int_equal(utf8_fit(s, strlen(s), 0, NULL), 0);
}

static uint32_t rng_next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Builds a random string of whole characters of every width. */
static size_t random_text(char *out, size_t cap, uint32_t *seed)
{
	static const uint32_t pool[] = {
	    'a',    'Z',    ' ',     0xE9,   0x0416, 0x0301, 0x0308, 0x4E2D,
	    0x3042, 0xFF21, 0x1F600, 0x200D, 0x0627, 0x0E31, 0xFE0F};
	size_t len = 0, count = rng_next(seed) % 40;

	while (count-- && len + 4 <= cap) {
		uint32_t cp = pool[rng_next(seed) % (sizeof(pool) / 4)];

		len += utf8_encode(cp, out + len);
	}
	return len;
}

static void assert_fit_is_exact(const char *s, size_t n, size_t cols)
{
	size_t used, k = utf8_fit(s, n, cols, &used);
	uint32_t cp;

	assert_true(k <= n);
	assert_true(utf8_valid(s, k));
	assert_true(used <= cols);
	assert_int_equal(used, utf8_width(s, k));
	if (k == n)
		return;
	/* Stopped at a base character that would not fit. */
	assert_true(utf8_decode(s + k, n - k, &cp) > 0);
	assert_true(utf8_cp_width(cp) > 0);
	assert_true(used + (size_t)utf8_cp_width(cp) > cols);
}

static void test_utf8_fit_cuts_random_text_at_boundaries(void **state)
{
	uint32_t seed = 0x2545F491;
	char s[200];
	int round;

	(void)state;
	for (round = 0; round < 2000; round++) {
		size_t n = random_text(s, sizeof(s), &seed);
		size_t cols, total = utf8_width(s, n);

		for (cols = 0; cols <= total + 1; cols++)
			assert_fit_is_exact(s, n, cols);
	}
}

/* Capitals of Latin-1, Latin Extended-A and Cyrillic fold to their
 * two-byte lowercase; anything else is left to the ASCII rule. */
static void test_utf8_starts_folded_in_any_case(void **state)
{
	unsigned char f[2];

	(void)state;
	assert_true(utf8_starts_folded("\xd0\x9d\xd0\xb0\xd1\x88 x", 8,
				       "\xd0\xbd\xd0\xb0\xd1\x88", 6));
	assert_true(utf8_starts_folded("\xc5\x81"
				       "amanie",
				       8,
				       "\xc5\x82"
				       "amanie",
				       8));
	assert_true(utf8_starts_folded("GR\xc3\x9c\xc3\x9f", 6,
				       "gr\xc3\xbc\xc3\x9f", 6));
	/* Greek, its accented capitals too: "ΠΑΡΑΚΑΛΟΎΜΕ", "Έλεγχος". */
	assert_true(utf8_starts_folded(
	    "\xce\xa0\xce\x91\xce\xa1\xce\x9f\xce"
	    "\x8e",
	    10, "\xcf\x80\xce\xb1\xcf\x81\xce\xbf\xcf\x8d", 10));
	assert_true(
	    utf8_starts_folded("\xce\x88\xce\xbb", 4, "\xce\xad\xce\xbb", 4));
	assert_false(utf8_starts_folded("Nas", 3, "nash", 4));
	assert_false(utf8_starts_folded("\xd0\x9e", 2, "\xd0\xbd", 2));
	/* The last byte, read first, in either case and after a folded
	 * letter; a word that differs only there. */
	assert_true(utf8_starts_folded("\xc3\x89T\xc3\x89 X", 7,
				       "\xc3\xa9t\xc3\xa9 x", 7));
	assert_true(utf8_starts_folded("SCAN", 4, "scan", 4));
	assert_false(utf8_starts_folded("scans", 5, "scant", 5));
	assert_false(utf8_starts_folded("\xc3\x89ta", 4, "\xc3\xa9tb", 4));
	assert_false(utf8_fold_pair(0xd0, 0xbd, f)); /* already lowercase */
	utf8_fold_head('A', 'b', f);
	assert_int_equal(f[0], 'a');
	assert_int_equal(f[1], 'b');
}

/* Accented Latin letters give the ASCII letter they are written with;
 * anything else gives none. A text's characters are the bytes that
 * start one; its lowercase keeps every offset. */
static void test_utf8_ascii_base_drops_accents(void **state)
{
	(void)state;
	assert_int_equal(utf8_ascii_base(0xc3, 0xad), 'i'); /* í */
	assert_int_equal(utf8_ascii_base(0xc5, 0xb9), 'Z'); /* Ź */
	assert_int_equal(utf8_ascii_base(0xc3, 0x85), 'A'); /* Å */
	assert_int_equal(utf8_ascii_base(0xc4, 0x8d), 'c'); /* č */
	assert_int_equal(utf8_ascii_base(0xc5, 0x82), 'l'); /* ł */
	assert_int_equal(utf8_ascii_base(0xc3, 0x9f), 's'); /* ß */
	assert_int_equal(utf8_ascii_base(0xc5, 0xbf), 's'); /* ſ, the last */
	assert_int_equal(utf8_ascii_base(0xc3, 0x97), 0);   /* × */
	assert_int_equal(utf8_ascii_base(0xc2, 0xa0), 0);   /* no-break space */
	assert_int_equal(utf8_ascii_base(0xd0, 0x98), 0);   /* Cyrillic И */
	assert_int_equal(utf8_ascii_base(0xc3, 'a'), 0); /* no continuation */
	assert_int_equal(utf8_chars("IP-\xd0\xb0\xd0\xb4", 7), 5);
	assert_int_equal(utf8_chars("\xe8\xb4\xb5\xe6\x96\xb9:", 7), 3);
	assert_int_equal(utf8_chars("", 0), 0);
	/* Lowercase, offsets kept: ASCII eight at a time and alone, the
	 * two-byte capitals, and bytes of no capital as they are. */
	char low[64];
	const char *in = "SSH FROM 192.0.2.7: \xd0\xa1\xd0\x9f\xd0\x90 "
			 "\xc3\x89t\xc3\xa9 \xe6\x94\xbb Z@";
	const char *want = "ssh from 192.0.2.7: \xd1\x81\xd0\xbf\xd0\xb0 "
			   "\xc3\xa9t\xc3\xa9 \xe6\x94\xbb z@";
	size_t n = strlen(in);
	utf8_lower(low, in, n);
	low[n] = '\0';
	assert_string_equal(low, want);
}

/* A word's head is found in the text in any case, as
 * utf8_starts_folded() would match it, and nothing else is. */
static void test_utf8_heads_unfold_to_every_case(void **state)
{
	static uint8_t folded[UTF8_HEADS_BYTES], raw[UTF8_HEADS_BYTES];

	(void)state;
	utf8_heads_mark(folded, "scan");
	utf8_heads_mark(folded, "\xc3\xb6"
				"ffentlich"); /* öffentlich */
	utf8_heads_unfold(folded, raw);
	assert_true(utf8_heads_has(raw, "scan"));
	assert_true(utf8_heads_has(raw, "SCAN"));
	assert_true(utf8_heads_has(raw, "sC"));
	assert_true(utf8_heads_has(raw, "\xc3\xb6"
					"f"));
	assert_true(utf8_heads_has(raw, "\xc3\x96"
					"F")); /* ÖF */
	assert_false(utf8_heads_has(raw, "sa"));
	assert_false(utf8_heads_has(raw, "cs"));
	assert_false(utf8_heads_has(raw, "\xc3\xa4"
					 "f")); /* äf */
	assert_false(utf8_heads_has(folded, "SC"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_utf8_starts_folded_in_any_case),
	    cmocka_unit_test(test_utf8_heads_unfold_to_every_case),
	    cmocka_unit_test(test_utf8_decode_accepts_each_length_edge),
	    cmocka_unit_test(test_utf8_decode_rejects_above_10ffff),
	    cmocka_unit_test(test_utf8_decode_rejects_overlongs),
	    cmocka_unit_test(test_utf8_decode_rejects_surrogates),
	    cmocka_unit_test(test_utf8_decode_rejects_truncated_sequences),
	    cmocka_unit_test(test_utf8_decode_rejects_empty_input),
	    cmocka_unit_test(test_utf8_decode_rejects_stray_and_foreign_bytes),
	    cmocka_unit_test(test_utf8_encode_round_trips_every_scalar_value),
	    cmocka_unit_test(test_utf8_encode_writes_the_shortest_form),
	    cmocka_unit_test(test_utf8_encode_rejects_non_scalar_values),
	    cmocka_unit_test(test_utf8_invalid_len_is_the_maximal_subpart),
	    cmocka_unit_test(test_utf8_invalid_len_of_surrogate_is_one_byte),
	    cmocka_unit_test(test_utf8_valid_accepts_text_with_nul_bytes),
	    cmocka_unit_test(test_utf8_cp_width_of_cjk_is_two),
	    cmocka_unit_test(test_utf8_cp_width_of_emoji_is_two),
	    cmocka_unit_test(test_utf8_cp_width_of_combining_is_zero),
	    cmocka_unit_test(test_utf8_cp_width_of_controls_is_negative),
	    cmocka_unit_test(test_utf8_cp_width_of_alphabetic_text_is_one),
	    cmocka_unit_test(test_utf8_width_adds_columns),
	    cmocka_unit_test(test_utf8_fit_never_splits_a_wide_character),
	    cmocka_unit_test(test_utf8_fit_keeps_combining_marks_with_base),
	    cmocka_unit_test(test_utf8_fit_takes_everything_when_there_is_room),
	    cmocka_unit_test(test_utf8_fit_cuts_random_text_at_boundaries),
	    cmocka_unit_test(test_utf8_ascii_base_drops_accents),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
