/* limit.h: the limit pattern language of the `l` key and the words of the
 * `/` search. A pattern is terms separated by blanks:
 *   ip:192.0.2.0/24  reporter:spamcop.net  cat:copyright  state:open
 *   since:7d (also 12h, 30m, 2w, or a date 2026-03-01)
 * A bare address or network (192.0.2.5, 2001:db8::/32) is an ip: term.
 * Terms of the same key are alternatives; different keys must all match;
 * a leading ! negates a term. */
#ifndef UI_LIMIT_H
#define UI_LIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "store/triage.h"

struct limit;

/* now is the time since: counts back from. Returns NULL with e filled
 * ("since:7x: expected a number and m, h, d or w") on a bad pattern. */
struct limit *limit_parse(const char *pattern, int64_t now, struct err *e);
void limit_free(struct limit *l);

/* Whether a report passes; fits triage_filter_fn (ctx is the limit). */
bool limit_match(void *limit, const struct triage_fact *f);

/* The FTS5 query for what the user typed: each word quoted, so that
 * addresses and punctuation never make a syntax error. NULL when there are
 * no words. Free the result. */
char *limit_search_query(const char *words);

#endif
