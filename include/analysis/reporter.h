/* reporter.h: who sent a report, as an organisation's registrable domain,
 * and who originally wrote a report that was forwarded inline. */
#ifndef ANALYSIS_REPORTER_H
#define ANALYSIS_REPORTER_H

#include <stdbool.h>

#include "analysis/mime.h"

/* The registrable domain of a mail address or host name, lowercased:
 * "abuse@reports.spamcop.net" -> "spamcop.net", "cert.example.co.uk" ->
 * "example.co.uk". NULL when there is no domain. free() it. */
char *reporter_domain(const char *addr_or_host);

/* When the mail forwards a report inline ("Fwd:", "---------- Forwarded
 * message ----------", "-----Original Message-----"), the address on the
 * forwarded header block's From: line; NULL otherwise. free() it. */
char *reporter_forwarded_from(const struct mime_doc *d, const char *subject);

/* When the mail forwards ("Fwd: ...") a complaint as an attachment, a
 * mail that was written to an abuse mailbox ("To: abuse@relay.example"):
 * the address of its From:, and in *at the index of its header block
 * among d's parts; NULL otherwise. free() it. */
char *reporter_relayed_complaint(const struct mime_doc *d, const char *subject,
				 size_t *at);

/* Whether the line p[0..n) is a forward's or a reply's separator
 * ("---------- Forwarded message ---------", "-----Original
 * Message-----"), after quote marks and blanks. */
bool reporter_forward_marker(const char *p, size_t n);

/* When a relay or a web form names who submitted the report to it, in a
 * field among the first lines of the text ("Reporter: Jane
 * <jane@example.org>", "Submitted by: ...", "Gemeldet von: ..."), that
 * address; NULL otherwise. free() it. */
char *reporter_submitted_by(const struct mime_doc *d);

/* The feedback provider of an ARF report (RFC 5965), when the enclosed
 * message itself shows it: its recipient's domain (Original-Rcpt-To,
 * else the message's To:) is the domain of the host that received it
 * (its topmost Received: "by"). The report's From: may be a third party
 * that runs the feedback loop for the provider, or another domain of
 * the provider's; these two facts agreeing name the mailbox provider
 * whose user complained. NULL when they do not. free() it. */
char *reporter_arf_provider(const struct mime_doc *d);

#endif
