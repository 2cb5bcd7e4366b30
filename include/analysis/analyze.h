/* analyze.h: from the raw bytes of one mail to its report facts.
 * Knows nothing of IMAP, SQLite or ncurses: bytes in, facts out. */
#ifndef ANALYSIS_ANALYZE_H
#define ANALYSIS_ANALYZE_H

#include <stddef.h>

#include "analysis/report.h"
#include "core/err.h"

struct cidr_list;
struct bulk_list;

/* At most this many addresses are kept per report (report.ips_truncated
 * says when more were named), and this much text for the pager. */
#define ANALYSIS_MAX_IPS 1000
#define ANALYSIS_MAX_TEXT ((size_t)4 << 20)

/* CPU time one message may take before the slower stages are left out
 * (the report then says so). Every stage is linear, so only hostile mail
 * comes near it. */
#define ANALYSIS_CPU_BUDGET_MS 1000

struct analysis_opts {
	/* Our own networks; NULL or empty means "no list": context decides. */
	const struct cidr_list *own;
	/* A larger message is analysed on its first max_bytes (cut after a
	 * line); 0 means no limit. */
	size_t max_bytes;
	/* Our mail servers' authserv-ids ([analysis] authserv_id): only the
	 * Authentication-Results fields that name one are read
	 * (analysis/authres.h). None: the sender is not checked. */
	char *const *authserv_ids;
	size_t n_authserv_ids;
	/* The known bulk reporters whose signatures are looked for; NULL:
	 * the list in force (bulk_known()). */
	const struct bulk_list *bulk;
};

/* True when the bytes start like an RFC 5322 message (a header block).
 * Used to tell a file that is not mail from a mail nobody understood. */
bool analysis_looks_like_mail(const char *raw, size_t len);

/* Derives the report of one message. Never fails on odd mail: a message
 * nothing understood gets format UNKNOWN and whatever headers were readable.
 * Returns NULL (and fills e) only when the bytes are not mail at all.
 * The caller frees the result with report_free(). */
struct report *analysis_run(const char *raw, size_t len,
			    const struct analysis_opts *opts, struct err *e);

/* The readable text of a message as the pager shows it (what
 * analysis_run() puts in report.text), or NULL when the bytes are not
 * mail. The caller frees it. */
char *analysis_text(const char *raw, size_t len);

/* One attachment of a message, as the pager lists it (the parts
 * report.attachments names, in that order). */
struct analysis_attachment {
	char *name;  /* the file name it came with, or NULL */
	char *type;  /* lowercase MIME type */
	char *bytes; /* decoded content, byte for byte */
	size_t len;
	char *text; /* UTF-8 to read (a zip: its text files), NULL if binary */
};

/* The attachments of the message in raw, decoded. Returns how many
 * (*out malloc'd, NULL when none), or -1 when the bytes are not mail. */
int analysis_attachments(const char *raw, size_t len,
			 struct analysis_attachment **out);
void analysis_attachments_free(struct analysis_attachment *a, size_t n);

#endif
