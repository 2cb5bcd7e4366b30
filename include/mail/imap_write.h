/* imap_write.h: the few writes the desk makes on the IMAP server: flags
 * added to or taken from messages (the shared $Abuse* keywords, \Answered),
 * a message appended to a mailbox (the copy of a sent reply, with \Seen),
 * and a look for a Message-ID in a mailbox (whether a send that a crash
 * interrupted already went out). Each call SELECTs the mailbox it names,
 * so a session left EXAMINEd by the sync is fine to pass. */
#ifndef MAIL_IMAP_WRITE_H
#define MAIL_IMAP_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct imap;

/* Flags as IMAP spells them: system flags with their backslash
 * ("\\Seen", "\\Answered"), keywords bare ("$AbuseResolved"). */
struct imap_flags {
	const char *const *v;
	size_t n;
};

/* What a write found about its mailbox. */
enum imap_write_result {
	IMAP_WRITE_DONE = 0,
	/* The mailbox's UIDVALIDITY is not the one given: the UIDs name
	 * other messages now, so nothing was written (not worth a retry). */
	IMAP_WRITE_STALE = 1,
};

/* Adds (add true) or removes the flags on the messages with these UIDs
 * in mailbox, after checking that its UIDVALIDITY is uidvalidity (0: not
 * checked). UIDs that no longer exist are not an error (the server skips
 * them). Returns an enum imap_write_result, or -1 with e filled (the link,
 * a NO from the server, a keyword the mailbox cannot keep). */
int imap_uid_flags(struct imap *im, const char *mailbox, uint32_t uidvalidity,
		   const uint32_t *uids, size_t n_uids,
		   const struct imap_flags *flags, bool add, struct err *e);

/* Appends the message (CRLF line ends, as sent) to mailbox with flags.
 * *uid gets the new message's UID when the server says it (UIDPLUS),
 * else 0; uid may be NULL. Returns 0 or -1 with e filled. */
int imap_append(struct imap *im, const char *mailbox, const char *msg,
		size_t len, const struct imap_flags *flags, uint32_t *uid,
		struct err *e);

/* Whether mailbox holds a message whose Message-ID header is message_id
 * (given with its angle brackets, as in the header). Returns 1 found, 0
 * not found, -1 with e filled. */
int imap_has_message_id(struct imap *im, const char *mailbox,
			const char *message_id, struct err *e);

#endif
