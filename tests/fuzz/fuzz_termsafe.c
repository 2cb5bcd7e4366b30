/* fuzz_termsafe.c: libFuzzer target for the one gate between mail and the
 * terminal. Checks what termsafe.h promises for every flag: valid UTF-8,
 * no ESC, no C0 or C1 control but the newline the pager keeps, no bidi
 * control, and at most 8 bytes out per byte in. */
#include "core/termsafe.h"
#include "core/utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const unsigned modes[] = {0, TERMSAFE_SINGLE_LINE,
				 TERMSAFE_KEEP_NEWLINES,
				 TERMSAFE_SINGLE_LINE | TERMSAFE_KEEP_NEWLINES};

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

static bool reorders(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static void fail(const char *what, unsigned flags, size_t at)
{
	fprintf(stderr, "termsafe (flags %u): %s at byte %zu of the output\n",
		flags, what, at);
	abort();
}

static void check(const char *out, size_t in_len, unsigned flags)
{
	bool keep_nl = flags == TERMSAFE_KEEP_NEWLINES;
	size_t n = strlen(out), i = 0;
	uint32_t cp;

	if (n > 8 * in_len)
		fail("longer than 8 times the input", flags, n);
	if (!utf8_valid(out, n))
		fail("invalid UTF-8", flags, 0);
	while (i < n) {
		int len = utf8_decode(out + i, n - i, &cp);

		if (len <= 0)
			fail("undecodable character", flags, i);
		if (cp == '\n' && !keep_nl)
			fail("newline", flags, i);
		else if (cp != '\n' && is_control(cp))
			fail("control character", flags, i);
		if (reorders(cp))
			fail("bidi control", flags, i);
		i += (size_t)len;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (size_t m = 0; m < sizeof modes / sizeof *modes; m++) {
		char *out = termsafe((const char *)data, size, modes[m]);

		check(out, size, modes[m]);
		free(out);
	}
	return 0;
}
