/* authres.h: "is the report genuine?" — what our own mail server wrote of
 * the sender in the outer message's Authentication-Results fields
 * (RFC 8601), and the one verdict drawn from it. */
#ifndef ANALYSIS_AUTHRES_H
#define ANALYSIS_AUTHRES_H

#include <stddef.h>

#include "analysis/report.h"

/* At most this many fields, and results in one field, are read: real
 * mail has a few; the rest of a hostile header block is not looked at. */
#define AUTHRES_MAX_FIELDS 32
#define AUTHRES_MAX_RESULTS 64

/* Reads the Authentication-Results fields of the header block at raw (the
 * outer message's only: an attached message is body here) whose
 * authserv-id is one of ids (in any case; a version number may follow
 * it), and sets r's auth_dkim, auth_spf, auth_dmarc and auth_verdict.
 * Fields of any other authserv-id are ignored, as RFC 8601 section 5
 * says: anyone can write them. With no ids nothing is read. r->from_addr
 * must be set already (its domain is the one checked).
 *
 * Several results for one method: for DKIM a pass wins (one good
 * signature is enough); for SPF and DMARC the worst result wins. The
 * verdict:
 *   not verified  DMARC fail, or a DMARC result about another domain
 *                 than the From: domain (its header.from);
 *   verified      DMARC pass, or with no DMARC verdict (none, or no
 *                 result) a DKIM pass whose signing domain (header.d,
 *                 else header.i's) has the From: domain's registrable
 *                 domain;
 *   unknown       anything else: no field of ours, or nothing in it
 *                 that decides. */
void authres_read(struct report *r, const char *raw, size_t len,
		  char *const *ids, size_t n_ids);

#endif
