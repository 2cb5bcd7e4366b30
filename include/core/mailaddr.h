/* mailaddr.h: a mail address found in running text by its '@' (an
 * unsubscribe instruction's "remove@list.example", a table row's abuse
 * contact), without parsing the text as a header. */
#ifndef CORE_MAILADDR_H
#define CORE_MAILADDR_H

#include <stdbool.h>
#include <stddef.h>

/* The address whose '@' is s[at], within s[from, to): the characters an
 * address is written with (letters, digits, "._%+-") on either side, a
 * closing dot left out. Its span goes to [*a, *b). False when a side is
 * empty or the domain has no dot. */
bool mailaddr_span(const char *s, size_t from, size_t to, size_t at, size_t *a,
		   size_t *b);

/* The first mail address in s[from, to) (an '@' that opens none is
 * passed over), copied; NULL when there is none. free() it. */
char *mailaddr_first(const char *s, size_t from, size_t to);

/* Whether addr ("noreply@example.net") is a sender nobody reads: its
 * local part starts as one of the no-reply addresses of
 * data/noreply/phrases.txt. False for NULL. */
bool mailaddr_no_reply(const char *addr);

#endif
