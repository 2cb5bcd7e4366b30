/* relays.h: the relay that handed a mail to the receiving side, read from
 * its Received: lines. Used when a report is the abusive mail itself (a
 * spamtrap's copy, a bare forward) and names no address in words. */
#ifndef ANALYSIS_RELAYS_H
#define ANALYSIS_RELAYS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/ip.h"

/* Walks the Received: fields of the header block at the start of hdr from
 * the top and gives the address of the first "from" hop that is not the
 * receiving side's own: a host that itself received the mail further down
 * the chain ("by" names) is a relay of the receiver, an internal address
 * (private, loopback) a hop inside it. When that hop relayed a mail
 * written in a webmail ("from [ADDR] ... (via HTTP)" further down) and
 * is not of recipient's domain (the mailbox the report came to, or
 * NULL), the writer's connection is given instead. Returns false when no
 * hop is left. */
bool relays_offender(const char *hdr, size_t len, const char *recipient,
		     struct ip_addr *out);

/* The mailbox this copy of the mail was delivered to, lowercase, from
 * the values of its first Delivered-To, X-Original-To and Received:
 * fields (each may be NULL): the first two, or the "for <...>" of the
 * topmost Received: field, the receiving side's own. NULL when none says
 * it. free() it. */
char *relays_recipient(const char *delivered_to, const char *original_to,
		       const char *received);

#endif
