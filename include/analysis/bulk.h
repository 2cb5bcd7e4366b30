/* bulk.h: the known bulk reporters — senders whose reports are noise from
 * the first day — by registrable domain and by signature (a header field
 * or the start of the text that carries a fixed phrase). The lines are
 * data (data/noise/bulk_reporters.txt, which says the format); the user's
 * file of the same lines adds to them and takes lines back. */
#ifndef ANALYSIS_BULK_H
#define ANALYSIS_BULK_H

#include <stddef.h>

#include "core/err.h"

/* One line: a domain, or a signature (header or body, and a pattern). */
struct bulk_entry {
	char *domain;  /* lowercase; NULL for a signature */
	char *header;  /* the field a signature reads; NULL for the body */
	char *pattern; /* lowercase substring of a signature */
	char *kind;    /* "copyright", "webspam", "blacklist", ... */
	char *why;     /* what the noise row says: "known copyright bot" */
};

struct bulk_list {
	struct bulk_entry *v;
	size_t n;
};

/* How much of a report's own text a body signature reads. */
#define BULK_BODY_MAX 1024

struct bulk_list *bulk_list_new(void);
void bulk_list_free(struct bulk_list *l);

/* Adds the lines of text to l, in order; a line "-DOMAIN" or "-header:NAME
 * <TAB> PATTERN" / "-body <TAB> PATTERN" removes what was added before.
 * A line that is none of these is skipped; the first such is named in e
 * ("NAME:LINE: ...") and -1 returned, the others are still read. */
int bulk_list_parse(struct bulk_list *l, const char *name, const char *text,
		    struct err *e);

/* bulk_list_parse() of a file's content; -1 (and e) when it cannot be
 * read or has a bad line. */
int bulk_list_read(struct bulk_list *l, const char *path, struct err *e);

/* The domain's line (any case), or NULL. */
const struct bulk_entry *bulk_list_domain(const struct bulk_list *l,
					  const char *domain);

/* The first signature that the message matches: raw is the message (its
 * outer header block is read), subject its decoded Subject (which a
 * "header:Subject" line reads instead of the raw field), and text the
 * report's own text, of which the first BULK_BODY_MAX bytes are read.
 * NULL when none matches. */
const struct bulk_entry *bulk_list_signature(const struct bulk_list *l,
					     const char *raw, size_t len,
					     const char *subject,
					     const char *text, size_t text_len);

/* The list in force, read once per process: the bundled file (beside the
 * binary in a source tree, else under the installed data folder; the
 * built-in copy when neither is there), then the user's
 * $XDG_CONFIG_HOME/abusedesk/bulk_reporters when it exists. Never NULL. */
const struct bulk_list *bulk_known(void);

/* Reads the list in force now (bulk_known() does on first use): -1 and e
 * when the user's file has a bad line or cannot be read, whose other
 * lines still count. */
int bulk_known_load(struct err *e);

#endif
