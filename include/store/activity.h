/* activity.h: how often an IP was reported lately — reports per week over
 * the last weeks, for the sparkline on its row. One indexed query per IP,
 * asked for the rows on the screen only. */
#ifndef STORE_ACTIVITY_H
#define STORE_ACTIVITY_H

#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

#define STORE_ACTIVITY_WEEKS 8

/* The reports about ip (an address of ours, canonical text) still on
 * the server, by the week they came in (Date:, else the internal date),
 * over the STORE_ACTIVITY_WEEKS weeks that end at end (its second
 * included), oldest week first. 0, or -1 with e filled. */
int store_activity(struct store *s, const char *ip, int64_t end,
		   int64_t counts[STORE_ACTIVITY_WEEKS], struct err *e);

#endif
