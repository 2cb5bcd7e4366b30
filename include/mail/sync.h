/* sync.h: keeping the cache in step with the IMAP server — new messages in
 * batches, flag and keyword changes, expunges, UIDVALIDITY changes — either
 * once (sync_run, for `abusedesk sync`) or in a background thread that
 * stays connected and IDLEs (sync_worker_*, for the TUI). */
#ifndef MAIL_SYNC_H
#define MAIL_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct analysis_opts;
struct config;
struct imap;
struct store;

/* Batches of new messages are bounded by the sum of their RFC822.SIZE.
 * Up to five are held at once (fetched, analysed, being written), with
 * their reports: the bound sets most of the sync's peak memory. */
#define SYNC_BATCH_BYTES ((size_t)2 << 20)

/* The keywords other operators set on the server (see DESIGN.md). */
#define SYNC_KEYWORD_RESOLVED "$AbuseResolved"
#define SYNC_KEYWORD_IGNORED "$AbuseIgnored"

/* What a sync needs. The pointers are the caller's and must stay valid
 * until sync_run() returns or sync_worker_stop() has returned. */
struct sync_config {
	const struct config *config; /* [imap] */
	const struct analysis_opts *analysis;
	/* NULL: from ABUSEDESK_PASSWORD or password_command; a sync never
	 * prompts (ask before, e.g. before curses starts). */
	const char *password;
	size_t batch_bytes; /* 0: SYNC_BATCH_BYTES */
	/* Called after each pass with the syncing thread's own store
	 * connection and its live IMAP session (sync_run(): before the
	 * logout; the worker: after every pass), for the layer above to send
	 * what waits (the command line sets the outbox flush). It may SELECT
	 * any mailbox: the next pass EXAMINEs again. Returns -1 with e filled
	 * when the link or the store failed. NULL: none. */
	int (*after_pass)(void *ctx, struct store *s, struct imap *im,
			  struct err *e);
	void *after_ctx;
};

struct sync_progress {
	const char *mailbox;
	/* New messages. The total is the server's count until the last one
	 * is in, then exact. */
	uint64_t messages_done, messages_total;
	uint64_t bytes_done;
};

/* Called after each stored batch (and once when the totals are known).
 * Batches are written by a thread of the sync's own while the next one is
 * fetched, so fn may run on that thread, never twice at once. */
typedef void (*sync_progress_fn)(void *ctx, const struct sync_progress *p);

struct sync_stats {
	uint64_t added;	  /* new messages stored */
	uint64_t bytes;	  /* their size */
	uint64_t changed; /* messages whose flags changed */
	uint64_t gone;	  /* messages newly marked expunged */
	uint64_t rebound; /* kept across a UIDVALIDITY change */
	unsigned mailboxes;
};

/* One pass over the configured mailboxes: connects, logs in, syncs each,
 * logs out. Adds to *st. Every batch is committed with the mailbox state,
 * so a failure (or a kill) keeps what was stored and the next run resumes.
 * fn may be NULL. Returns 0, or -1 with e saying what failed. */
int sync_run(struct store *s, const struct sync_config *c, sync_progress_fn fn,
	     void *ctx, struct sync_stats *st, struct err *e);

/* ---- the background worker ---- */

struct sync_worker;

enum sync_state {
	SYNC_CONNECTING,
	SYNC_SYNCING,
	SYNC_IDLE, /* up to date, waiting (IDLE or poll) */
	SYNC_OFFLINE,
};

struct sync_status {
	enum sync_state state;
	uint64_t done, total; /* SYNC_SYNCING: new messages */
	int64_t since;	      /* SYNC_IDLE: Unix time the last sync ended */
	int64_t retry_at;     /* SYNC_OFFLINE: Unix time of the next try */
	uint64_t added;	      /* new messages since the worker started */
	bool insecure;	  /* tls = none: worth a warning in the status bar */
	bool listening;	  /* SYNC_IDLE: in the server's IDLE, so new mail
			     in the first mailbox shows at once */
	char reason[256]; /* SYNC_OFFLINE: why, a sentence */
};

/* Starts a thread with its own connection to the cache at db_path. It
 * syncs, then waits for news (IDLE, or polls every poll_interval), and
 * reconnects with backoff after errors. It writes one byte to notify_fd
 * (non-blocking; -1 for none) whenever new reports landed or the status
 * changed. c is copied (its pointers are not: see struct sync_config).
 * Returns NULL with e filled when the thread could not start. */
struct sync_worker *sync_worker_start(const struct sync_config *c,
				      const char *db_path, int notify_fd,
				      struct err *e);
/* A copy of the current status (taken under the worker's lock). */
void sync_worker_status(struct sync_worker *w, struct sync_status *out);
/* Sync now: interrupts IDLE, the poll wait or the backoff. */
void sync_worker_wake(struct sync_worker *w);
/* Stops the thread (cancelling any network wait), joins it and frees w.
 * What was committed stays. NULL-safe. */
void sync_worker_stop(struct sync_worker *w);

#endif
