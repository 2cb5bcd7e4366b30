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
/* The same, of those whose flags hold keyword (case-insensitively). */
int store_sync_uids_with(struct store *s, int64_t mailbox_id,
			 const char *keyword, uint32_t **uids, size_t *n,
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
