/* sync_priv.h: what the files of the sync share — the connection with its
 * watchdog, one mailbox's sync in progress, and the helpers that read
 * libetpan's FETCH results. Nobody outside src/mail/sync*.c sees this. */
#ifndef MAIL_SYNC_PRIV_H
#define MAIL_SYNC_PRIV_H

#include "mail/sync.h"
#include "store/store.h"

#include <libetpan/libetpan.h>
#include <pthread.h>
#include <stdbool.h>

/* ---- sync_conn.c: one IMAP connection ---- */

struct sync_conn {
	struct imap *im;    /* mail/imap.h: connect, TLS, login, watchdog */
	mailimap *imap;	    /* its libetpan session, NULL when closed */
	pthread_mutex_t mu; /* guards im and imap against other threads */
	bool idling;	    /* between mailstream_setup/unsetup_idle */
	bool interrupt;	    /* an interruption came before the IDLE wait */
	bool condstore, qresync, has_idle;
	char *selected; /* the mailbox selected, or NULL */
};

void sync_conn_init(struct sync_conn *c);
/* Closes when open; frees the locks. */
void sync_conn_destroy(struct sync_conn *c);
/* Connects, verifies TLS and logs in (mail/imap.h), enables QRESYNC when
 * offered. */
int sync_conn_open(struct sync_conn *c, const struct sync_config *cfg,
		   struct err *e);
/* Logs out when the link is healthy, closes it without a word otherwise.
 * The struct may be opened again. */
void sync_conn_close(struct sync_conn *c);
/* Any thread: aborts the command in progress (or the next one). */
void sync_conn_cancel(struct sync_conn *c);
/* Any thread: ends an IDLE wait. */
void sync_conn_interrupt_idle(struct sync_conn *c);
/* Turns a libetpan result into an error naming what failed; a broken
 * link also drops the connection. Returns -1. */
int sync_conn_fail(struct sync_conn *c, int r, const char *what, struct err *e);
/* EXAMINE (with CONDSTORE when the server has it). */
int sync_conn_examine(struct sync_conn *c, const char *mailbox,
		      uint64_t *highestmodseq, struct err *e);
/* Runs cfg->after_pass (when set) on the open connection; afterwards no
 * mailbox counts as selected, whatever the hook SELECTed. */
int sync_conn_after_pass(struct sync_conn *c, struct store *s,
			 const struct sync_config *cfg, struct err *e);
/* IDLE on the selected mailbox until news, timeout or interruption.
 * Returns 1 when the server sent something, 0 otherwise, -1 on error. */
int sync_conn_idle(struct sync_conn *c, int seconds, struct err *e);

static inline bool sync_ok(int r)
{
	return r == MAILIMAP_NO_ERROR || r == MAILIMAP_NO_ERROR_AUTHENTICATED ||
	       r == MAILIMAP_NO_ERROR_NON_AUTHENTICATED;
}

/* ---- sync.c ---- */

/* Syncs one mailbox on an open connection (see sync_run()). */
int sync_mailbox(struct sync_conn *c, struct store *s,
		 const struct sync_config *cfg, const char *name,
		 sync_progress_fn fn, void *ctx, struct sync_stats *st,
		 struct err *e);

/* ---- sync.c, sync_new.c: one mailbox ---- */

struct batch;

/* One mailbox being synced. */
struct box {
	struct sync_conn *c;
	struct store *s;
	const struct sync_config *cfg;
	struct sync_stats *st;
	sync_progress_fn fn;
	void *fnctx;
	struct err *e;
	const char *name;
	struct store_mailbox m; /* the cache's state, as committed */
	uint32_t uidvalidity;	/* the server's */
	uint32_t uidnext;
	uint32_t exists; /* EXISTS of the EXAMINE */
	uint64_t hms;
	bool rebind; /* unbound messages wait for their new UID */
	/* Messages whose analysis crashed before: stored unanalysed. */
	struct store_quarantine *quarantine;
	struct sync_progress pr;
	struct sync_pipe *writer; /* the analysis stage hands batches here */
	/* Stored batches, handed back to the analysis stage to free: most of
	 * their memory is reports it allocated, and a thread frees its own
	 * allocations far cheaper than another one can. */
	pthread_mutex_t spent_mu;
	struct batch *spent;
};

/* Fetches, analyses and stores the messages above the cache's UIDNEXT
 * (sync_new.c). */
int sync_new_messages(struct box *b);

/* ---- sync_pipe.c: one stage of the sync, a consumer thread ---- */

/* Consumes item (and frees it); returns -1 with e filled on failure. */
typedef int (*sync_pipe_fn)(void *ctx, void *item, struct err *e);
struct sync_pipe;

/* Starts the consumer thread; drop frees an item nobody will consume. */
struct sync_pipe *sync_pipe_start(sync_pipe_fn fn, void (*drop)(void *item),
				  void *ctx, struct err *e);
/* Queues item, waiting while both slots are full. Returns -1 (item
 * dropped) once the consumer has failed. */
int sync_pipe_push(struct sync_pipe *p, void *item);
/* Lets the consumer finish the queue, joins it and frees p; returns its
 * status, with its error in e. */
int sync_pipe_finish(struct sync_pipe *p, struct err *e);

/* ---- sync_fetch.c: FETCH results ---- */

/* What one FETCH response told about a message. raw points into
 * libetpan's memory and is valid only during the handler. */
struct sync_att {
	uint32_t uid;
	int64_t internal_date;
	uint32_t size; /* RFC822.SIZE; 0 when not fetched */
	uint64_t modseq;
	char *flags; /* malloc'd, space separated; NULL when not fetched */
	const char *raw;
	size_t len;
	bool has_body;
};

typedef int (*sync_att_fn)(void *ctx, struct sync_att *a);

/* UID FETCH set (items) [CHANGEDSINCE modseq [VANISHED]], calling fn for
 * each message as it arrives, so that memory stays flat. With vanished,
 * *vanished receives every UID the server reported expunged. */
enum {
	SYNC_F_FLAGS = 1,
	SYNC_F_SIZE = 2, /* RFC822.SIZE */
	SYNC_F_BODY = 4, /* BODY.PEEK[] */
	SYNC_F_MODSEQ = 8,
	SYNC_F_DATE = 16, /* INTERNALDATE */
};
struct sync_uids {
	uint32_t *v;
	size_t n, cap;
};
void sync_uids_add(struct sync_uids *u, uint32_t uid);
void sync_uids_free(struct sync_uids *u);

int sync_fetch(struct sync_conn *c, struct mailimap_set *set, int items,
	       uint64_t changedsince, struct sync_uids *vanished,
	       sync_att_fn fn, void *ctx, struct err *e);
/* UID SEARCH UID lo:hi into *out (ascending). */
int sync_search_uids(struct sync_conn *c, uint32_t lo, uint32_t hi,
		     struct sync_uids *out, struct err *e);
/* UID SEARCH for the messages with flag (a system flag such as \\Seen,
 * or a keyword), or with un for those without it, its UIDs lo..hi into
 * *out (ascending). */
int sync_search_flag(struct sync_conn *c, const char *flag, bool un,
		     uint32_t lo, uint32_t hi, struct sync_uids *out,
		     struct err *e);
/* A set of UIDs as IMAP ranges. */
struct mailimap_set *sync_set_of(const uint32_t *uids, size_t n);

/* ---- sync_flags.c: flags, keywords, expunges ---- */

/* Whether the space separated flags hold keyword (any case). */
bool sync_flags_has(const char *flags, const char *keyword);
/* The i-th shared keyword ($AbuseResolved, ...); NULL past the last. */
const char *sync_flags_shared(size_t i);
/* A message's flags went from old (NULL: new message) to now: turns the
 * shared keywords into report and IP states. */
int sync_flags_states(struct store *s, int64_t message_id, const char *old,
		      const char *now, struct err *e);

#endif
