/* store/sync.h: the queries IMAP sync needs beyond store.h — which UIDs the
 * cache holds, flag and expunge updates, re-binding messages to new UIDs
 * after a UIDVALIDITY change, and the look-ups that turn the shared
 * keywords into report and IP states. All join the caller's transaction. */
#ifndef STORE_SYNC_H
#define STORE_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "store/store.h"

/* The UIDs of mailbox's messages that are still on the server (not gone),
 * ascending, in *uids (malloc'd; NULL when none). */
int store_sync_uids(struct store *s, int64_t mailbox_id, uint32_t **uids,
		    size_t *n, struct err *e);

/* A set of UIDs in brief: how many, and the sum of a hash of each, so
 * that one UID more, fewer or other changes it (flag_digest.c). */
struct store_digest {
	uint64_t n, sum;
};
void store_digest_add(struct store_digest *d, uint32_t uid);
/* The digests of mailbox_id's present messages whose flags hold flags[i]
 * (without regard to case) in out[i], i < n, and of all its present
 * messages in *all: a few rows of the cache, or, when a change to the
 * mailbox dropped them, one pass over its messages whose result is
 * kept. */
int store_sync_digests(struct store *s, int64_t mailbox_id,
		       const char *const *flags, size_t n,
		       struct store_digest *out, struct store_digest *all,
		       struct err *e);

/* Sets the flags and modseq of message uid. Returns 1 with *id and
 * *old_flags (malloc'd, the flags before) filled, 0 when the cache has no
 * such message, -1 on error. */
int store_sync_flags_set(struct store *s, int64_t mailbox_id, uint32_t uid,
			 const char *flags, uint64_t modseq, int64_t *id,
			 char **old_flags, struct err *e);

/* Marks message uid as expunged on the server. Returns 1 when it was
 * present, 0 when unknown or already gone, -1 on error. */
int store_sync_gone(struct store *s, int64_t mailbox_id, uint32_t uid,
		    struct err *e);

/* After a UIDVALIDITY change: every message of the mailbox loses its UID
 * and counts as gone until store_sync_rebind() finds it again. Reports and
 * their states stay with the rows. */
int store_sync_unbind(struct store *s, int64_t mailbox_id, struct err *e);

/* Prepares the rebind look-up for mailbox and says how many of its
 * messages wait for a new UID (0: no rebind needed). */
int store_sync_unbound_load(struct store *s, int64_t mailbox_id, int64_t *n,
			    struct err *e);

/* Gives an unbound message with the same content (and so the same
 * Message-ID) m's UID, flags, modseq and internal date, and makes it
 * present again. Returns 1 with *id filled, 0 when none matches. */
int store_sync_rebind(struct store *s, const struct store_message_in *m,
		      int64_t *id, struct err *e);

/* The in-scope IPs of a message's report, in *ips (malloc'd array of
 * REPORT_IP_TEXT_MAX strings). */
int store_sync_message_ips(struct store *s, int64_t message_id,
			   char (**ips)[REPORT_IP_TEXT_MAX], size_t *n,
			   struct err *e);

/* How many present in-scope reports about ip lack the IMAP keyword
 * (compared without regard to case). */
int store_sync_ip_lacking(struct store *s, const char *ip, const char *keyword,
			  int64_t *n, struct err *e);

#endif
