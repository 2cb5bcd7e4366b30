/* termsafe.c: turns hostile text from mail into text a terminal shows
 * without changing its state (the rules are in termsafe.h). One pass over
 * the input; escape sequences are skipped by scanners that never look back. */
#include "core/termsafe.h"
#include "core/buf.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define TS_ESC 0x1B
#define TS_NEWLINE_PICTURE 0x2424 /* SYMBOL FOR NEWLINE */
#define TS_TAB_STOP 8

struct ts {
	struct buf out;
	bool single; /* TERMSAFE_SINGLE_LINE */
	bool keep;   /* TERMSAFE_KEEP_NEWLINES (and not single) */
	size_t col;  /* columns since the last newline written, for tabs */
};

struct ts_range {
	uint32_t first;
	uint32_t last;
};

/* Shown as TS_BIDI_MARKER: an override, embedding or isolate reorders
 * what follows ("evil\u202Etxt.exe" reads as "evilexe.txt"); the operator
 * is shown that one was there instead of the reordered text. */
#define TS_BIDI_MARKER 0x21C4 /* RIGHTWARDS ARROW OVER LEFTWARDS ARROW */
/* clang-format off */
static const struct ts_range ts_bidi_marked[] = {
	{0x202A, 0x202E}, /* embeddings and overrides */
	{0x2066, 0x2069}, /* isolates */
};
/* clang-format on */

/* Removed: marks that steer the direction of neutral characters, and
 * characters that hide and split words while taking no room. ZWNJ and
 * ZWJ are not here on purpose. */
/* clang-format off */
static const struct ts_range ts_removed[] = {
	{0x061C, 0x061C}, /* ARABIC LETTER MARK */
	{0x200B, 0x200B}, /* ZERO WIDTH SPACE */
	{0x200E, 0x200F}, /* LRM, RLM */
	{0x2060, 0x2065}, /* word joiner, invisible operators */
	{0x206A, 0x206F}, /* deprecated format characters */
	{0xFEFF, 0xFEFF}, /* ZERO WIDTH NO-BREAK SPACE (BOM) */
	{0xFFF9, 0xFFFB}, /* interlinear annotation */
};
/* clang-format on */

static bool ts_in(const struct ts_range *r, size_t n, uint32_t cp)
{
	for (size_t i = 0; i < n; i++)
		if (cp >= r[i].first && cp <= r[i].last)
			return true;
	return false;
}

#define TS_IN(set, cp) ts_in(set, sizeof(set) / sizeof((set)[0]), cp)

/* Appends a character known to be one column wide. */
static void ts_put_cp(struct ts *t, uint32_t cp)
{
	char u[4];

	buf_append(&t->out, u, utf8_encode(cp, u));
	t->col++;
}

/* Appends count spaces, at most one tab stop's worth. */
static void ts_put_space(struct ts *t, size_t count)
{
	static const char spaces[] = "        ";

	buf_append(&t->out, spaces, count);
	t->col += count;
}

/* A control code as its Unicode control picture: visible, one column. */
static void ts_picture(struct ts *t, unsigned char c)
{
	ts_put_cp(t, c == 0x7F ? 0x2421 : 0x2400 + (uint32_t)c);
}

static void ts_newline(struct ts *t)
{
	if (t->single) {
		ts_put_space(t, 1);
	} else if (t->keep) {
		buf_putc(&t->out, '\n');
		t->col = 0;
	} else {
		ts_put_cp(t, TS_NEWLINE_PICTURE);
	}
}

/* CSI body after "ESC [" or U+009B: parameter and intermediate bytes, then
 * one final byte. Any other byte ends it unconsumed, so a stray "ESC [" can
 * not swallow the text that follows. */
static size_t ts_csi_len(const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (i < n && p[i] >= 0x20 && p[i] <= 0x3F)
		i++;
	if (i < n && p[i] >= 0x40 && p[i] <= 0x7E)
		i++;
	return i;
}

/* Control string body (OSC, DCS, SOS, PM, APC) with its terminator. An
 * ESC that is not ESC \ ends the string unconsumed: terminals start the
 * next sequence there, and so do we. Unterminated: the rest of the input. */
static size_t ts_string_len(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (p[i]) {
		case 0x07: /* BEL */
		case 0x18: /* CAN */
		case 0x1A: /* SUB */
			return i + 1;
		case TS_ESC:
			return i + 1 < n && p[i + 1] == '\\' ? i + 2 : i;
		case 0xC2: /* U+009C ST */
			if (i + 1 < n && p[i + 1] == 0x9C)
				return i + 2;
			break;
		default:
			break;
		}
	}
	return n;
}

/* Length of the escape sequence at p (p[0] is ESC), or 0 for an ESC that
 * starts none (followed by a control, a non-ASCII byte, or nothing). */
static size_t ts_esc_len(const unsigned char *p, size_t n)
{
	size_t i = 1;

	if (n < 2)
		return 0;
	switch (p[1]) {
	case '[':
		return 2 + ts_csi_len(p + 2, n - 2);
	case ']':
	case 'P':
	case 'X':
	case '^':
	case '_':
		return 2 + ts_string_len(p + 2, n - 2);
	default:
		break;
	}
	/* nF and Fp/Fe/Fs forms: intermediates 0x20-0x2F, then a final. */
	while (i < n && p[i] >= 0x20 && p[i] <= 0x2F)
		i++;
	if (i < n && p[i] >= 0x30 && p[i] <= 0x7E)
		return i + 1;
	return i > 1 ? i : 0;
}

/* A C1 control code point; p is what follows it. Returns how many of those
 * bytes belong to the sequence it introduces. */
static size_t ts_c1(struct ts *t, uint32_t cp, const unsigned char *p, size_t n)
{
	switch (cp) {
	case 0x9B: /* CSI */
		return ts_csi_len(p, n);
	case 0x90: /* DCS */
	case 0x98: /* SOS */
	case 0x9D: /* OSC */
	case 0x9E: /* PM */
	case 0x9F: /* APC */
		return ts_string_len(p, n);
	case 0x85: /* NEL */
		ts_newline(t);
		return 0;
	default:
		return 0;
	}
}

/* A C0 control other than ESC, or DEL. Returns the bytes it used. */
static size_t ts_control(struct ts *t, const unsigned char *p, size_t n)
{
	switch (p[0]) {
	case '\n':
		if (!t->single && !t->keep)
			break;
		ts_newline(t);
		return 1;
	case '\r':
		if (!t->single && !t->keep)
			break;
		if (n > 1 && p[1] == '\n') {
			ts_newline(t);
			return 2;
		}
		/* A lone CR would let later text overwrite earlier text. */
		if (t->single)
			ts_put_space(t, 1);
		return 1;
	case '\t':
		if (t->single)
			ts_put_space(t, 1);
		else if (t->keep)
			ts_put_space(t, TS_TAB_STOP - t->col % TS_TAB_STOP);
		else
			break;
		return 1;
	default:
		break;
	}
	ts_picture(t, p[0]);
	return 1;
}

/* A valid non-ASCII character of len bytes at p. Returns the bytes used,
 * which include a sequence that a C1 control introduces. */
static size_t ts_char(struct ts *t, uint32_t cp, const unsigned char *p,
		      size_t len, size_t n)
{
	if (cp < 0xA0)
		return len + ts_c1(t, cp, p + len, n - len);
	if (cp == 0x2028 || cp == 0x2029) {
		ts_newline(t);
		return len;
	}
	if (TS_IN(ts_removed, cp))
		return len;
	if (TS_IN(ts_bidi_marked, cp)) {
		ts_put_cp(t, TS_BIDI_MARKER);
		return len;
	}
	buf_append(&t->out, p, len);
	if (t->keep)
		t->col += (size_t)utf8_cp_width(cp);
	return len;
}

static size_t ts_ascii_run(struct ts *t, const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (i < n && p[i] >= 0x20 && p[i] < 0x7F)
		i++;
	buf_append(&t->out, p, i);
	t->col += i;
	return i;
}

/* Handles what starts at p and returns how many bytes it used (>= 1). */
static size_t ts_step(struct ts *t, const unsigned char *p, size_t n)
{
	const char *s = (const char *)p;
	uint32_t cp;
	size_t esc;
	int len;

	if (p[0] >= 0x20 && p[0] < 0x7F)
		return ts_ascii_run(t, p, n);
	if (p[0] == TS_ESC) {
		esc = ts_esc_len(p, n);
		if (esc)
			return esc;
		ts_picture(t, TS_ESC);
		return 1;
	}
	if (p[0] < 0x80)
		return ts_control(t, p, n);
	len = utf8_decode(s, n, &cp);
	if (len < 0) {
		ts_put_cp(t, 0xFFFD);
		return utf8_invalid_len(s, n);
	}
	return ts_char(t, cp, p, (size_t)len, n);
}

char *termsafe(const char *s, size_t n, unsigned flags)
{
	const unsigned char *p = (const unsigned char *)s;
	struct ts t = {BUF_INIT, false, false, 0};
	size_t i = 0;

	t.single = (flags & TERMSAFE_SINGLE_LINE) != 0;
	t.keep = !t.single && (flags & TERMSAFE_KEEP_NEWLINES) != 0;
	buf_reserve(&t.out, n + n / 4 + 16);
	buf_reset(&t.out); /* reserve alone leaves the memory unterminated */
	while (i < n)
		i += ts_step(&t, p + i, n - i);
	return buf_steal(&t.out);
}

char *termsafe_cstr(const char *s, unsigned flags)
{
	if (!s)
		return termsafe("", 0, flags);
	return termsafe(s, strlen(s), flags);
}
