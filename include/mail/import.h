/* import.h: local mail sources into the cache — a Maildir folder, an mbox
 * file, or a single message file (.eml or any name). Messages go to the
 * mailbox "local" without a uid, keyed by their content, so importing the
 * same mail twice adds nothing. */
#ifndef MAIL_IMPORT_H
#define MAIL_IMPORT_H

#include <stddef.h>

#include "analysis/analyze.h"
#include "core/err.h"
#include "store/store.h"

/* Messages are committed in batches of this many. */
#define IMPORT_BATCH 500

struct import_stats {
	/* Counted when committed: a batch that failed to commit (a full
	 * disk) counts in neither. */
	size_t added;	/* new messages stored */
	size_t present; /* messages the cache already had */
	/* One sentence per file or mbox message that was not imported,
	 * starting with the file's name: "notes.txt: not a mail message
	 * (no header block at the start)". */
	char **errors;
	size_t n_errors;
};

/* Frees the error list and zeroes the counts; NULL-safe. */
void import_stats_free(struct import_stats *st);

/* Imports everything at path, adding to *st (which may carry counts from
 * earlier paths). A file that is not mail is recorded in st->errors and
 * the rest still imports. Returns -1 (e filled) only when path can not be
 * read at all or the cache fails; what was committed before stays. Joins
 * the caller's transaction if there is one; otherwise commits every
 * IMPORT_BATCH messages and at the end. */
int import_path(struct store *s, const char *path,
		const struct analysis_opts *opts, struct import_stats *st,
		struct err *e);

#endif
