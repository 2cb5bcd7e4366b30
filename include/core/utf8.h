/* utf8.h: decoding, validating and measuring UTF-8 text in terminal columns.
 * Pure functions of their arguments: no locale, no allocation. Widths come
 * from tables built from Unicode data, so they do not depend on setlocale(). */
#ifndef CORE_UTF8_H
#define CORE_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Length (1..4) of the valid UTF-8 sequence at s, with *cp set; -1 for an
 * invalid, overlong, surrogate (U+D800..U+DFFF), above-U+10FFFF or
 * truncated sequence, or when n is 0. Reads at most n bytes. */
int utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Writes cp as UTF-8 into out and returns its length (1..4); returns 0 and
 * writes nothing for a surrogate or a value above U+10FFFF. */
size_t utf8_encode(uint32_t cp, char out[4]);

/* Length (>= 1) of the ill-formed bytes at s that make up one "maximal
 * subpart" in Unicode's sense: the unit to replace by one U+FFFD. Call it
 * where utf8_decode() returned -1 (and n > 0). */
size_t utf8_invalid_len(const char *s, size_t n);

/* Whether the n bytes at s are entirely valid UTF-8 (NUL bytes included). */
bool utf8_valid(const char *s, size_t n);

/* Display columns of one code point: 0 for combining marks and invisible
 * format characters, 2 for wide and fullwidth East Asian characters and
 * emoji shown as emoji, -1 for C0 and C1 controls, DEL and values that are
 * not Unicode scalar values, 1 otherwise. */
int utf8_cp_width(uint32_t cp);

/* Columns of the n bytes at s. Meant for text that went through termsafe();
 * an invalid byte or a control still counts one column, so the result is
 * the same as what utf8_fit() counts. */
size_t utf8_width(const char *s, size_t n);

/* How many bytes of s fit in cols columns: never splits a character, never
 * leaves a wide character half shown, keeps the combining marks that follow
 * a character with it. *used (if not NULL) gets the columns those bytes
 * take, which is at most cols; the UI pads the rest. */
size_t utf8_fit(const char *s, size_t n, size_t cols, size_t *used);

/* The lowercase of the two-byte capital a b (Latin-1, Latin Extended-A,
 * Greek, Cyrillic) into out; false for anything else, a lowercase letter
 * included. Both forms take two bytes, so a folded copy of a text keeps
 * its offsets: the analysis' word lists match in any case with it. */
bool utf8_fold_pair(unsigned char a, unsigned char b, unsigned char out[2]);

/* The characters in the n bytes at s: the bytes that start one. */
size_t utf8_chars(const char *s, size_t n);

/* The ASCII letter the two-byte Latin letter a b (U+00C0 to U+017F) is
 * written with, without its accent ('c' for "č", 'A' for "Å"); 0 for
 * anything else. For names that are matched as ASCII. */
char utf8_ascii_base(unsigned char a, unsigned char b);

/* The lowercase of the n bytes at s into d (n bytes, apart from s):
 * ASCII letters and the two-byte capitals utf8_fold_pair() knows; every
 * other byte as it is, so that offsets into d are offsets into s. */
void utf8_lower(char *d, const char *s, size_t n);

/* Whether the n bytes at s start with the lowercase word w (wn bytes) in
 * any case: ASCII letters and the capitals utf8_fold_pair() knows. */
bool utf8_starts_folded(const char *s, size_t n, const char *w, size_t wn);

/* The first two bytes of s (a, b) as utf8_starts_folded() compares them:
 * for a hash of a word list's first two bytes. */
void utf8_fold_head(unsigned char a, unsigned char b, unsigned char out[2]);

/* A set of two-byte heads: bit a * 256 + b. A word list marks the first
 * two bytes of its (lowercase) words with utf8_heads_mark(), and
 * utf8_heads_unfold() gives every pair of text bytes that folds to one of
 * them, so that a text position no word can start at costs one look-up. */
#define UTF8_HEADS_BYTES (65536 / 8)

void utf8_heads_mark(uint8_t set[UTF8_HEADS_BYTES], const char *word);
void utf8_heads_unfold(const uint8_t folded[UTF8_HEADS_BYTES],
		       uint8_t raw[UTF8_HEADS_BYTES]);

/* Whether the two bytes at s are in the set. */
static inline bool utf8_heads_has(const uint8_t set[UTF8_HEADS_BYTES],
				  const char *s)
{
	unsigned ab = (unsigned)(unsigned char)s[0] << 8 | (unsigned char)s[1];

	return set[ab / 8] & (1u << (ab % 8));
}

#endif
