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

/* The distinct header fields the signatures read, Subject aside (which
 * is read decoded), into names (at most max); returns how many. */
size_t bulk_list_headers(const struct bulk_list *l, const char **names,
			 size_t max);

/* The first signature that the message matches, or NULL. values[i] is
 * the outer header field names[i] (NULL when absent; a signature on a
 * field not among names never matches), subject the decoded Subject,
 * and text the report's own text, of which the first BULK_BODY_MAX bytes
 * are read. */
const struct bulk_entry *bulk_list_match(const struct bulk_list *l,
					 const char *const *names,
					 char *const *values, size_t n,
					 const char *subject, const char *text,
					 size_t text_len);

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
