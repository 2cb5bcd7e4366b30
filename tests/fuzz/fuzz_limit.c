/* fuzz_limit.c: libFuzzer target for the limit patterns of the `l` key and
 * the search words of `/`: a pattern that parses is matched against a few
 * reports, and the FTS5 query of the same words is built. */
#include "core/err.h"
#include "store/triage.h"
#include "ui/limit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* 2026-03-01 12:00 UTC: since: counts back from it. */
#define NOW ((int64_t)1772366400)

static const struct triage_fact facts[] = {
    {"192.0.2.7", "spamcop.net", "messaging", STORE_STATE_OPEN, NOW - 3600},
    {"2001:db8::1", "example.org", "copyright", STORE_STATE_RESOLVED,
     NOW - 864000},
    {NULL, NULL, NULL, STORE_STATE_IGNORED, 0},
    {"not an address", "", "", STORE_STATE_OPEN, INT64_MIN},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct limit *l;
	struct err e;

	memcpy(text, data, size);
	text[size] = '\0';
	l = limit_parse(text, NOW, &e);
	for (size_t i = 0; l && i < sizeof facts / sizeof *facts; i++)
		limit_match(l, &facts[i]);
	limit_free(l);
	free(limit_search_query(text));
	free(text);
	return 0;
}
