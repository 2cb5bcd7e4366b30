/* test_termsafe.c: hostile text from mail must come out unable to change the
 * terminal's state, and legitimate text of any script must come out intact. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/termsafe.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What termsafe.h promises to write for what it cannot pass on. */
#define PIC_NUL "\xe2\x90\x80"	   /* U+2400 */
#define PIC_BEL "\xe2\x90\x87"	   /* U+2407 */
#define PIC_BS "\xe2\x90\x88"	   /* U+2408 */
#define PIC_TAB "\xe2\x90\x89"	   /* U+2409 */
#define PIC_LF "\xe2\x90\x8a"	   /* U+240A */
#define PIC_CR "\xe2\x90\x8d"	   /* U+240D */
#define PIC_ESC "\xe2\x90\x9b"	   /* U+241B */
#define PIC_DEL "\xe2\x90\xa1"	   /* U+2421 */
#define PIC_NEWLINE "\xe2\x90\xa4" /* U+2424, a Unicode line break */
#define FFFD "\xef\xbf\xbd"

static const unsigned modes[] = {0, TERMSAFE_SINGLE_LINE,
				 TERMSAFE_KEEP_NEWLINES};

static bool reorders_or_hides(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200B || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || cp == 0x2028 ||
	       cp == 0x2029;
}

/* The promise itself: valid UTF-8, no control but the kept newline, no
 * bidi control. */
static void assert_terminal_safe(const char *out, unsigned flags)
{
	bool keep = flags == TERMSAFE_KEEP_NEWLINES;
	size_t i = 0, n = strlen(out);
	uint32_t cp;

	assert_true(utf8_valid(out, n));
	while (i < n) {
		int len = utf8_decode(out + i, n - i, &cp);

		assert_true(len > 0);
		if (cp == '\n')
			assert_true(keep);
		else
			assert_true(utf8_cp_width(cp) >= 0);
		assert_false(reorders_or_hides(cp));
		i += (size_t)len;
	}
}

static void expect(const char *in, size_t n, unsigned flags, const char *want)
{
	char *out = termsafe(in, n, flags);

	assert_string_equal(out, want);
	assert_terminal_safe(out, flags);
	free(out);
}

/* A literal's bytes, NULs included, through termsafe(). */
#define EXPECT(flags, in, want) expect(in, sizeof(in) - 1, flags, want)
#define EXPECT_ALL_MODES(in, want)                                             \
	do {                                                                   \
		size_t m_;                                                     \
		for (m_ = 0; m_ < sizeof(modes) / sizeof(modes[0]); m_++)      \
			EXPECT(modes[m_], in, want);                           \
	} while (0)

static void test_termsafe_removes_csi_clear_screen(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("before\x1b[2Jafter\x1b[H", "beforeafter");
}

static void test_termsafe_removes_sgr_colours(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("\x1b[31mred\x1b[0m \x1b[38;2;255;0;0mtrue\x1b[m",
			 "red true");
}

static void test_termsafe_removes_osc_title_ended_by_bel(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("x\x1b]0;you have been pwned\x07y", "xy");
}

static void test_termsafe_removes_osc8_hyperlink_keeps_its_text(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("\x1b]8;;http://x.example/\x1b\\click\x1b]8;;\x1b\\",
			 "click");
}

static void test_termsafe_removes_osc52_clipboard_write(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("a\x1b]52;c;Y3VybCB4fHNo\x07"
			 "b\x1b]52;p;?\x1b\\c",
			 "abc");
}

static void test_termsafe_removes_unterminated_osc_at_end(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("before\x1b]0;title without end", "before");
	EXPECT_ALL_MODES("before\x1b]", "before");
}

static void test_termsafe_ends_string_at_the_next_escape(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("\x1b]0;title\x1b[2Jtext", "text");
}

static void test_termsafe_removes_dcs_sos_pm_apc_strings(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("1\x1bP1$r0m\x1b\\"
			 "2\x1bXsos\x1b\\"
			 "3\x1b^pm\x1b\\"
			 "4\x1b_apc\x1b\\"
			 "5\x1bPq#0;2;0;0;0#0~~@@vv\x1b\\",
			 "12345");
}

static void test_termsafe_removes_two_byte_escapes(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("a\x1b"
			 "c"
			 "b\x1b"
			 "7"
			 "c\x1b=d\x1b(Be\x1b#8f\x1b)0g\x1b%Gh\x1b\\i",
			 "abcdefghi");
}

static void test_termsafe_shows_an_escape_that_starts_nothing(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("end\x1b", "end" PIC_ESC);
	EXPECT_ALL_MODES("\x1b\x1b\x1b[1m!", PIC_ESC PIC_ESC "!");
	EXPECT_ALL_MODES("\x1b\xc3\xa9", PIC_ESC "\xc3\xa9");
}

static void test_termsafe_csi_cut_by_a_control_spares_the_text(void **state)
{
	(void)state;
	EXPECT(TERMSAFE_KEEP_NEWLINES, "\x1b[31\nvisible", "\nvisible");
	EXPECT(TERMSAFE_SINGLE_LINE, "\x1b[\x07visible", PIC_BEL "visible");
}

static void test_termsafe_replaces_raw_c1_bytes(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("\x9b"
			 "2J",
			 FFFD "2J");
	EXPECT_ALL_MODES("\x9d"
			 "0;t\x07",
			 FFFD "0;t" PIC_BEL);
}

static void test_termsafe_removes_encoded_c1_csi_and_its_sequence(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("a\xc2\x9b"
			 "2Jb\xc2\x9b"
			 "31mc",
			 "abc");
}

static void test_termsafe_removes_encoded_c1_osc_and_its_string(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("a\xc2\x9d"
			 "0;title\xc2\x9c"
			 "b\xc2\x9d"
			 "0;t2\x07"
			 "c\xc2\x90"
			 "dcs\xc2\x9c"
			 "d",
			 "abcd");
}

static void test_termsafe_removes_other_c1_controls(void **state)
{
	char in[6] = "a";
	uint32_t cp;

	(void)state;
	for (cp = 0x80; cp <= 0x9F; cp++) {
		if (cp == 0x85 || cp == 0x90 || cp == 0x98 || cp == 0x9B ||
		    cp >= 0x9D)
			continue; /* a newline, or it starts a sequence */
		assert_int_equal(utf8_encode(cp, in + 1), 2);
		in[3] = 'b';
		expect(in, 4, TERMSAFE_SINGLE_LINE, "ab");
	}
}

static void test_termsafe_replaces_overlong_escapes(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("\xc0\x9b[2J", FFFD FFFD "[2J");
	EXPECT_ALL_MODES("\xe0\x80\x9b[2J", FFFD FFFD FFFD "[2J");
	EXPECT_ALL_MODES("\xc0\x80", FFFD FFFD);
}

static void test_termsafe_replaces_encoded_surrogates(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("\xed\xa0\x80x\xed\xbf\xbf",
			 FFFD FFFD FFFD "x" FFFD FFFD FFFD);
}

static void test_termsafe_replaces_five_and_six_byte_forms(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("\xf8\x88\x80\x80\x80", FFFD FFFD FFFD FFFD FFFD);
	EXPECT_ALL_MODES("\xfc\x84\x80\x80\x80\x80",
			 FFFD FFFD FFFD FFFD FFFD FFFD);
	EXPECT_ALL_MODES("\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);
}

static void test_termsafe_replaces_truncated_sequence_at_end(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("ok\xe6\x97", "ok" FFFD);
	EXPECT_ALL_MODES("ok\xf0\x9f\x98", "ok" FFFD);
	EXPECT_ALL_MODES("ok\xc3", "ok" FFFD);
}

static void test_termsafe_shows_nul_bytes_in_the_middle(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("a\0b\0\0c", "a" PIC_NUL "b" PIC_NUL PIC_NUL "c");
}

#define BIDI_MARK "\xe2\x87\x84" /* U+21C4 */

static void test_termsafe_marks_bidi_override(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("evil\u202Etxt.exe", "evil" BIDI_MARK "txt.exe");
}

static void test_termsafe_marks_every_override_and_isolate(void **state)
{
	static const uint32_t bidi[] = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
					0x2066, 0x2067, 0x2068, 0x2069};
	char in[8];
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(bidi) / sizeof(bidi[0]); i++) {
		in[0] = 'a';
		len = utf8_encode(bidi[i], in + 1);
		in[1 + len] = 'b';
		expect(in, len + 2, 0, "a" BIDI_MARK "b");
	}
}

static void test_termsafe_removes_direction_marks(void **state)
{
	static const uint32_t marks[] = {0x061C, 0x200E, 0x200F};
	char in[8];
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
		in[0] = 'a';
		len = utf8_encode(marks[i], in + 1);
		in[1 + len] = 'b';
		expect(in, len + 2, 0, "ab");
	}
}

static void test_termsafe_removes_invisible_word_splitters(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("\uFEFFpay\u200Bpal\u2060.com", "paypal.com");
}

static void test_termsafe_keeps_zwnj_and_zwj(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("می\u200Cخواهم \U0001F469\u200D\U0001F4BB",
			 "می\u200Cخواهم \U0001F469\u200D\U0001F4BB");
}

static void test_termsafe_shows_bel_and_backspace_as_pictures(void **state)
{
	(void)state;
	EXPECT_ALL_MODES("ding\x07", "ding" PIC_BEL);
	EXPECT_ALL_MODES("paid\b\b\b\bDUE!",
			 "paid" PIC_BS PIC_BS PIC_BS PIC_BS "DUE!");
	EXPECT_ALL_MODES("x\x7fy\x01\x1f", "x" PIC_DEL "y\xe2\x90\x81"
					   "\xe2\x90\x9f");
}

static void test_termsafe_single_line_spaces_out_a_carriage_return(void **state)
{
	(void)state;
	EXPECT(TERMSAFE_SINGLE_LINE, "Invoice paid\rInvoice OVERDUE",
	       "Invoice paid Invoice OVERDUE");
}

static void test_termsafe_pager_drops_a_lone_carriage_return(void **state)
{
	(void)state;
	EXPECT(TERMSAFE_KEEP_NEWLINES, "paid\rOVERDUE\r", "paidOVERDUE");
}

static void test_termsafe_single_line_turns_breaks_into_spaces(void **state)
{
	(void)state;
	EXPECT(TERMSAFE_SINGLE_LINE, "a\nb\r\nc\td\n\ne", "a b c d  e");
}

static void test_termsafe_pager_keeps_newlines_and_folds_crlf(void **state)
{
	(void)state;
	EXPECT(TERMSAFE_KEEP_NEWLINES, "a\nb\r\nc\r\n\r\nd", "a\nb\nc\n\nd");
}

static void test_termsafe_pager_expands_tabs_to_multiples_of_8(void **state)
{
	(void)state;
	EXPECT(TERMSAFE_KEEP_NEWLINES, "\tx", "        x");
	EXPECT(TERMSAFE_KEEP_NEWLINES, "abc\tx\ty", "abc     x       y");
	EXPECT(TERMSAFE_KEEP_NEWLINES, "abcdefgh\tx", "abcdefgh        x");
	EXPECT(TERMSAFE_KEEP_NEWLINES, "abcdefghij\nab\tx",
	       "abcdefghij\nab      x");
}

static void test_termsafe_pager_tabs_count_columns_not_bytes(void **state)
{
	(void)state;
	/* Two wide characters take 4 columns; e + U+0301 takes 1. */
	EXPECT(TERMSAFE_KEEP_NEWLINES, "名前\tvalue", "名前    value");
	EXPECT(TERMSAFE_KEEP_NEWLINES, "e\u0301\tx", "e\u0301       x");
	EXPECT(TERMSAFE_KEEP_NEWLINES, "\x01\tx", "\xe2\x90\x81       x");
}

static void test_termsafe_treats_unicode_separators_as_newlines(void **state)
{
	(void)state;
	EXPECT(TERMSAFE_KEEP_NEWLINES,
	       "a\u2028b\u2029c\xc2\x85"
	       "d",
	       "a\nb\nc\nd");
	EXPECT(TERMSAFE_SINGLE_LINE,
	       "a\u2028b\u2029c\xc2\x85"
	       "d",
	       "a b c d");
	EXPECT(0, "a\u2028b", "a" PIC_NEWLINE "b");
}

static void test_termsafe_without_flags_shows_breaks_as_pictures(void **state)
{
	(void)state;
	EXPECT(0, "a\nb\tc\r\nd", "a" PIC_LF "b" PIC_TAB "c" PIC_CR PIC_LF "d");
}

static void test_termsafe_single_line_wins_over_keep_newlines(void **state)
{
	(void)state;
	EXPECT(TERMSAFE_SINGLE_LINE | TERMSAFE_KEEP_NEWLINES, "a\nb\tc",
	       "a b c");
}

static const char *const legitimate[] = {
    "Grüße aus München: Straße, Äpfel, Öl, Übermaß",
    "Привет, мир! Ёжик в тумане. Жалоба на спам",
    "日本語のテキスト、カタカナとひらがな。全角ＡＢＣ",
    "中文测试：垃圾邮件投诉，请处理。",
    "مرحبا بالعالم، هذه شكوى بخصوص البريد المزعج",
    "עברית: תלונה על דואר זבל",
    "한국어 텍스트와 스팸 신고",
    "ภาษาไทย สวัสดีครับ",
    "नमस्ते दुनिया, क्‍ष",
    "e\u0301 é a\u0300\u0301\u0302 Z\u0335\u0322",
    "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466 "
    "\U0001F44D\U0001F3FD \U0001F3F3\uFE0F\u200D\U0001F308 "
    "\U0001F1E9\U0001F1EA",
    "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067"
    "\U000E007F",
    "\u00A0non-breaking, soft\u00ADhyphen, \uFFFD itself, private \uE000",
};

static void test_termsafe_keeps_legitimate_text_byte_for_byte(void **state)
{
	size_t i, m;

	(void)state;
	for (i = 0; i < sizeof(legitimate) / sizeof(legitimate[0]); i++)
		for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++)
			expect(legitimate[i], strlen(legitimate[i]), modes[m],
			       legitimate[i]);
}

static void test_termsafe_pager_keeps_multiline_text(void **state)
{
	static const char text[] = "Dear abuse team,\n\n"
				   "日本語 \U0001F600 Ünïcödé\n"
				   "    indented line\n";

	(void)state;
	EXPECT(TERMSAFE_KEEP_NEWLINES, text, text);
}

static void test_termsafe_accepts_null_and_empty_input(void **state)
{
	char *out;

	(void)state;
	out = termsafe(NULL, 0, TERMSAFE_SINGLE_LINE);
	assert_string_equal(out, "");
	free(out);
	out = termsafe_cstr(NULL, 0);
	assert_string_equal(out, "");
	free(out);
}

static void test_termsafe_cstr_stops_at_the_nul(void **state)
{
	char *out;

	(void)state;
	out = termsafe_cstr("a\x1b[1mb\0c", TERMSAFE_SINGLE_LINE);
	assert_string_equal(out, "ab");
	free(out);
}

static void test_termsafe_output_grows_at_most_eightfold(void **state)
{
	static const char worst[] = {'\t', '\x01', '\xff', '\0'};
	char in[64];
	size_t i, m;

	(void)state;
	for (i = 0; i < sizeof(worst); i++) {
		memset(in, worst[i], sizeof(in));
		for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++) {
			char *out = termsafe(in, sizeof(in), modes[m]);

			assert_true(strlen(out) <= 8 * sizeof(in));
			assert_terminal_safe(out, modes[m]);
			free(out);
		}
	}
}

static uint32_t rng_next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Pieces that tend to start or end sequences, mixed with random bytes. */
static const char *const pieces[] = {
    "\x1b",
    "[",
    "]",
    "P",
    "\\",
    "\x07",
    "\x9b",
    "\x9c",
    "\xc2\x9b",
    "\xc2\x9c",
    "\xc2\x9d",
    "\xc2\x85",
    "\r",
    "\n",
    "\t",
    "\r\n",
    "0;",
    "31m",
    "\xe2\x80\xae",
    "\xe2\x81\xa6",
    "\xe2\x80\xa8",
    "\xef\xbb\xbf",
    "\xe6\x97\xa5",
    "\xcc\x81",
    "\xf0\x9f\x98\x80",
    "\xed\xa0\x80",
    "\xc0\x9b",
    "\xf8\x88\x80\x80\x80",
    "\xe2\x80\x8b",
    "\x18",
};

static size_t random_bytes(char *out, size_t cap, uint32_t *seed)
{
	size_t len = 0, want = rng_next(seed) % (cap + 1);

	while (len < want) {
		const char *p = pieces[rng_next(seed) %
				       (sizeof(pieces) / sizeof(pieces[0]))];
		size_t k = strlen(p);

		if (rng_next(seed) % 2 == 0 || len + k > want) {
			out[len++] = (char)rng_next(seed);
			continue;
		}
		memcpy(out + len, p, k);
		len += k;
	}
	return len;
}

static void assert_safe_and_stable(const char *in, size_t n, unsigned flags)
{
	char *out = termsafe(in, n, flags);
	char *again;

	assert_terminal_safe(out, flags);
	assert_true(strlen(out) <= 8 * n);
	/* What is safe passes unchanged: nothing safe gets mangled. */
	again = termsafe_cstr(out, flags);
	assert_string_equal(again, out);
	free(again);
	free(out);
}

static void test_termsafe_random_bytes_give_safe_output(void **state)
{
	uint32_t seed = 20240611;
	char in[300];
	size_t m;
	int round;

	(void)state;
	for (round = 0; round < 4000; round++) {
		size_t n = random_bytes(in, sizeof(in), &seed);

		for (m = 0; m < sizeof(modes) / sizeof(modes[0]); m++)
			assert_safe_and_stable(in, n, modes[m]);
	}
}

/* The CPU time this thread spent in termsafe() on n bytes of unit
 * repeated: CPU time, so that a busy machine does not change it much. */
static double cpu_seconds_of(const char *unit, size_t n, unsigned flags)
{
	size_t k = strlen(unit), i;
	char *in = malloc(n);
	struct timespec t0, t1;
	char *out;

	assert_non_null(in);
	for (i = 0; i < n; i++)
		in[i] = unit[i % k];
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
	out = termsafe(in, n, flags);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
	assert_non_null(out);
	free(out);
	free(in);
	return (double)(t1.tv_sec - t0.tv_sec) +
	       (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

/* The least CPU time of three runs: page faults and cache misses caused
 * by tests beside this one only ever add time. */
static double least_cpu_seconds_of(const char *unit, size_t n, unsigned flags)
{
	double best = cpu_seconds_of(unit, n, flags);
	int run;

	for (run = 1; run < 3; run++) {
		double t = cpu_seconds_of(unit, n, flags);

		if (t < best)
			best = t;
	}
	return best;
}

/* Ten times the input costs about ten times the work, never a hundred
 * (a quadratic escape scan would take hours here): a ratio measured in
 * the same run, with a floor for the noise of a shared machine. Absolute
 * speed is the benchmarks' business. */
static void linear_on_10mb(const char *unit, unsigned flags)
{
	double one = least_cpu_seconds_of(unit, 1u << 20, flags);
	double ten = least_cpu_seconds_of(unit, 10u << 20, flags);

	if (ten > 40 * one + 0.25)
		fail_msg("10 MB took %.3f s of CPU, 1 MB %.3f s", ten, one);
}

static void test_termsafe_takes_linear_time_on_10mb(void **state)
{
	(void)state;
	linear_on_10mb("Grüße 日本語 \x1b[31mred\x1b[0m\t\xff\r\n",
		       TERMSAFE_KEEP_NEWLINES);
	linear_on_10mb("\x1b[", TERMSAFE_SINGLE_LINE);
	linear_on_10mb("\x1b]", TERMSAFE_SINGLE_LINE);
	linear_on_10mb("\xe2\x80\xae\xcc\x81\xc2\x9b", 0);
	linear_on_10mb("\t", TERMSAFE_KEEP_NEWLINES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_termsafe_removes_csi_clear_screen),
	    cmocka_unit_test(test_termsafe_removes_sgr_colours),
	    cmocka_unit_test(test_termsafe_removes_osc_title_ended_by_bel),
	    cmocka_unit_test(
		test_termsafe_removes_osc8_hyperlink_keeps_its_text),
	    cmocka_unit_test(test_termsafe_removes_osc52_clipboard_write),
	    cmocka_unit_test(test_termsafe_removes_unterminated_osc_at_end),
	    cmocka_unit_test(test_termsafe_ends_string_at_the_next_escape),
	    cmocka_unit_test(test_termsafe_removes_dcs_sos_pm_apc_strings),
	    cmocka_unit_test(test_termsafe_removes_two_byte_escapes),
	    cmocka_unit_test(test_termsafe_shows_an_escape_that_starts_nothing),
	    cmocka_unit_test(
		test_termsafe_csi_cut_by_a_control_spares_the_text),
	    cmocka_unit_test(test_termsafe_replaces_raw_c1_bytes),
	    cmocka_unit_test(
		test_termsafe_removes_encoded_c1_csi_and_its_sequence),
	    cmocka_unit_test(
		test_termsafe_removes_encoded_c1_osc_and_its_string),
	    cmocka_unit_test(test_termsafe_removes_other_c1_controls),
	    cmocka_unit_test(test_termsafe_replaces_overlong_escapes),
	    cmocka_unit_test(test_termsafe_replaces_encoded_surrogates),
	    cmocka_unit_test(test_termsafe_replaces_five_and_six_byte_forms),
	    cmocka_unit_test(test_termsafe_replaces_truncated_sequence_at_end),
	    cmocka_unit_test(test_termsafe_shows_nul_bytes_in_the_middle),
	    cmocka_unit_test(test_termsafe_marks_bidi_override),
	    cmocka_unit_test(test_termsafe_marks_every_override_and_isolate),
	    cmocka_unit_test(test_termsafe_removes_direction_marks),
	    cmocka_unit_test(test_termsafe_removes_invisible_word_splitters),
	    cmocka_unit_test(test_termsafe_keeps_zwnj_and_zwj),
	    cmocka_unit_test(test_termsafe_shows_bel_and_backspace_as_pictures),
	    cmocka_unit_test(
		test_termsafe_single_line_spaces_out_a_carriage_return),
	    cmocka_unit_test(test_termsafe_pager_drops_a_lone_carriage_return),
	    cmocka_unit_test(
		test_termsafe_single_line_turns_breaks_into_spaces),
	    cmocka_unit_test(test_termsafe_pager_keeps_newlines_and_folds_crlf),
	    cmocka_unit_test(
		test_termsafe_pager_expands_tabs_to_multiples_of_8),
	    cmocka_unit_test(test_termsafe_pager_tabs_count_columns_not_bytes),
	    cmocka_unit_test(
		test_termsafe_treats_unicode_separators_as_newlines),
	    cmocka_unit_test(
		test_termsafe_without_flags_shows_breaks_as_pictures),
	    cmocka_unit_test(test_termsafe_single_line_wins_over_keep_newlines),
	    cmocka_unit_test(test_termsafe_keeps_legitimate_text_byte_for_byte),
	    cmocka_unit_test(test_termsafe_pager_keeps_multiline_text),
	    cmocka_unit_test(test_termsafe_accepts_null_and_empty_input),
	    cmocka_unit_test(test_termsafe_cstr_stops_at_the_nul),
	    cmocka_unit_test(test_termsafe_output_grows_at_most_eightfold),
	    cmocka_unit_test(test_termsafe_random_bytes_give_safe_output),
	    cmocka_unit_test(test_termsafe_takes_linear_time_on_10mb),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
