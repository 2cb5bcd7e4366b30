/* termsafe.h: the one gate between text from mail and the terminal.
 * Every string that came from mail (subjects, bodies, addresses, file names)
 * goes through termsafe() before it reaches ncurses or a tty. The result can
 * not move the cursor, change modes or colours, set the window title, make
 * hyperlinks, write the clipboard or reorder text; legitimate text in any
 * script, wide characters, emoji and combining marks come out byte for byte.
 *
 * What happens to the rest:
 * - C0 controls and DEL that a flag does not keep become their Unicode
 *   control pictures (U+2400..U+241F, DEL U+2421): one column, visible,
 *   never mistaken for text the sender typed, never a raw control byte.
 * - An escape sequence (CSI, OSC, DCS, SOS, PM, APC, two-byte ESC forms) is
 *   removed whole, also when unterminated at the end of the input; an ESC
 *   that starts no sequence shows as U+241B. A string sequence ends at BEL,
 *   ST (ESC \ or U+009C), CAN, SUB, or another ESC.
 * - C1 controls (U+0080..U+009F) are removed, with the sequence that CSI,
 *   OSC, DCS, SOS, PM and APC introduce; NEL (U+0085) counts as a newline.
 * - Bytes that are not valid UTF-8 become U+FFFD, one per maximal invalid
 *   subpart; the output is at most 8 times the input.
 * - Bidi overrides, embeddings and isolates (U+202A..U+202E,
 *   U+2066..U+2069) become a visible marker, U+21C4 (one column), so that
 *   reordered text shows that it was; the direction marks U+061C, U+200E
 *   and U+200F are removed, and so are the invisible characters that only
 *   serve to hide or split words: U+200B, U+2060..U+2064, U+206A..U+206F,
 *   U+FEFF, U+FFF9..U+FFFB. ZWNJ and ZWJ (U+200C, U+200D) stay: scripts and
 * emoji sequences need them.
 * - Line breaks (LF, CR LF, U+2028, U+2029, NEL) and tabs follow the flags.
 *   A lone CR (which would let text overwrite itself) never survives. */
#ifndef CORE_TERMSAFE_H
#define CORE_TERMSAFE_H

#include <stddef.h>

enum {
	/* Line breaks, lone CRs and tabs each become one space: list rows,
	 * headers, the status bar, prompts. Wins over KEEP_NEWLINES. */
	TERMSAFE_SINGLE_LINE = 1u << 0,
	/* For the pager: line breaks become \n (CR LF counts once), a lone CR
	 * is dropped, a tab becomes spaces up to the next multiple of 8
	 * columns. */
	TERMSAFE_KEEP_NEWLINES = 1u << 1,
};

/* With neither flag, tabs and line breaks show as control pictures too.
 * Returns a malloc'd, NUL-terminated, valid UTF-8 string; free() it. s may
 * be NULL when n is 0. Time is linear in n. */
char *termsafe(const char *s, size_t n, unsigned flags);

/* termsafe() of a NUL-terminated string; NULL gives "". */
char *termsafe_cstr(const char *s, unsigned flags);

#endif
