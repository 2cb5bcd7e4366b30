/* store_priv.h: what the files of src/store share and nobody else sees —
 * the connection, its cache of prepared statements, small step helpers. */
#ifndef STORE_PRIV_H
#define STORE_PRIV_H

#include "store/store.h"
#include "core/buf.h"

#include <sqlite3.h>

/* One slot per named query; each is prepared on first use and reused. */
enum store_stmt {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_SCHEMA_VERSION,
	ST_MAILBOX_INSERT,
	ST_MAILBOX_GET,
	ST_MAILBOX_SET,
	ST_MESSAGE_INSERT,
	ST_MESSAGE_FIND_UID,
	ST_MESSAGE_FIND_HASH,
	ST_MESSAGE_HEADERS_SET,
	ST_REPORTER_UPSERT,
	ST_REPORT_INSERT,
	ST_REPORT_DELETE,
	ST_REPORT_IP_INSERT,
	ST_REPORT_IP_INSERT_ROLE,
	/* src/store/pending.c */
	ST_FTS_INSERT,
	ST_FTS_RESET,
	ST_FACT_CLEAR,
	ST_FACT_FILL,
	ST_FACT_FILL_V9,
	ST_FACT_FILL_V10,
	ST_STAT_ADD,
	ST_STAT_ADD_V9,
	ST_VERSION_BUMP,
	ST_EACH_RAW,
	ST_COUNT_STALE,
	ST_MESSAGE_RAW,
	ST_RAW_DICT,
	ST_RAW_DICT_ADD,
	ST_REPORT_GET,
	ST_REPORT_IPS_GET,
	ST_REPORT_IPS_GET_ROLE,
	ST_SEARCH,
	ST_COUNTS,
	ST_IP_STATE_SET,
	ST_REPORT_STATE_SET,
	ST_IP_STATE_GET,
	ST_REPORT_STATE_GET,
	ST_IP_STATE_CLEAR,
	ST_REPORT_STATE_CLEAR,
	ST_IP_NOTE_SET,
	ST_REPORT_NOTE_SET,
	ST_IP_DECISION_GET,
	ST_REPORT_DECISION_GET,
	ST_IP_DECISION_PUT,
	ST_REPORT_DECISION_PUT,
	/* src/store/reporter_noise.c */
	ST_REPORTER_NOISE_GET,
	ST_REPORTER_NOISE_SET,
	ST_REPORTER_MODES,
	ST_REPORT_REPORTER,
	/* src/store/sync.c */
	ST_SYNC_UIDS,
	/* src/store/flag_digest.c */
	ST_DIGEST_GET,
	ST_DIGEST_SCAN,
	ST_DIGEST_DROP,
	ST_DIGEST_PUT,
	ST_SYNC_FLAGS_GET,
	ST_SYNC_FLAGS_SET,
	ST_SYNC_GONE,
	ST_SYNC_UNBIND,
	ST_SYNC_UNBOUND_CLEAR,
	ST_SYNC_UNBOUND_FILL,
	ST_SYNC_UNBOUND_FIND,
	ST_SYNC_UNBOUND_DROP,
	ST_SYNC_REBIND,
	ST_SYNC_MESSAGE_IPS,
	ST_SYNC_IP_LACKING,
	/* src/store/stats.c */
	ST_STATS_CATEGORIES,
	ST_STATS_REPORTERS,
	ST_QUARANTINE_ADD,
	ST_QUARANTINE_LIST,
	/* src/store/triage*.c */
	ST_BEGIN_READ,
	ST_TRIAGE_REPORTERS,
	ST_TRIAGE_NOISE_CLEAR,
	ST_TRIAGE_NOISE_ADD,
	ST_TRIAGE_NOISE_WHY,
	ST_TRIAGE_VERSION,
	ST_TRIAGE_CACHE_GET,
	ST_TRIAGE_CACHE_PUT,
	ST_TRIAGE_MESSAGE_IDS,
	ST_TRIAGE_MESSAGE_ROW,
	/* src/store/activity.c */
	ST_TRIAGE_ACTIVITY,
	/* src/store/outbox.c */
	ST_OUTBOX_ADD,
	ST_OUTBOX_QUEUED,
	ST_OUTBOX_WAITING_AT,
	ST_OUTBOX_FAILED,
	ST_OUTBOX_LIST,
	ST_OUTBOX_GET,
	ST_OUTBOX_CLAIM,
	ST_OUTBOX_MARK,
	ST_OUTBOX_DUE_NOW,
	ST_OUTBOX_STEP,
	ST_OUTBOX_SENT,
	ST_OUTBOX_FAIL,
	ST_OUTBOX_RETRY,
	ST_OUTBOX_DROP,
	ST_OUTBOX_UNQUEUE,
	ST_OUTBOX_PLACES,
	ST_IP_MESSAGES,
	/* src/store/history.c */
	ST_HISTORY,
	ST_NOTED_IPS,
	/* src/store/unsubscribe.c */
	ST_UNSUB_ADD,
	ST_UNSUB_LINK,
	ST_UNSUB_LATEST,
	ST_UNSUB_REPORT,
	ST_COUNT
};

struct store_pending;
struct store_reporters;

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmt[ST_COUNT];
	struct store_pending *pending;	   /* pending.c; NULL until used */
	struct store_reporters *reporters; /* report.c: domain to id */
	struct raw_codec *codec;	   /* raw_codec.c; NULL until used */
	bool readonly;	/* store_open_readonly(): no checkpoint thread */
	bool sound;	/* the file was found sound at the open (checked, or
			   sealed): its close may seal it (seal.c) */
	char claim[96]; /* outbox_claim.c: this connection's name on the
			   outbox rows it claims */
	int version;	/* of the schema once opened; older ones (tests) keep
			   their facts by the triggers of their own version */
};

/* What the store took for a report sent by a machine in bulk before the
 * analysis said so itself (schema 10, report.automated): frozen, for the
 * migrations that wrote it and for caches opened at an older schema. */
#define STORE_AUTOMATED_V3(R)                                                  \
	"(coalesce(" R ".action, '') = '' OR " R ".category = 'copyright'"     \
	" OR " R ".auto_submitted OR EXISTS (SELECT 1 FROM"                    \
	" json_each(" R ".noise_signals) WHERE value IN ('bulk', 'reminder',"  \
	" 'threat', 'list-unsubscribe')))"

/* How a message's raw bytes are kept (raw_codec.c, schema 16). */
enum raw_codec_kind {
	RAW_PLAIN = 0, /* as older versions kept every row */
	RAW_ZSTD = 1,  /* a zstd frame made before the cache had a dictionary */
	RAW_ZSTD_DICT = 2 /* one made with the dictionary its frame names */
};
#define STORE_RAW_CODEC_VERSION 16

/* The flag digests of a mailbox (flag_digest.c, from schema 20) are
 * dropped when a message is added to it: by a trigger at version 20, by
 * store_message_add from 21 on. Returns 0, or -1 with e filled. */
#define STORE_DIGEST_VERSION 20
int store_digest_drop(struct store *s, int64_t mailbox_id, struct err *e);

static inline bool raw_codec_column(const struct store *s)
{
	return s->version >= STORE_RAW_CODEC_VERSION;
}

/* Packs raw into out (reset first); returns the codec, or -1 with e. */
int raw_pack(struct store *s, const void *raw, size_t len, struct buf *out,
	     struct err *e);
/* A NUL-terminated copy of a stored message, unpacked; NULL with e
 * filled when its bytes cannot be read. */
char *raw_unpack(struct store *s, const void *blob, size_t n, int codec,
		 size_t *len, struct err *e);
void raw_codec_free(struct raw_codec *c);

/* seal.c: whether db is, to the inode and the nanosecond, the file a
 * sound connection last closed; a new seal for db as it is now; none. */
bool store_seal_holds(const char *db);
void store_seal_write(const char *db);
void store_seal_break(const char *db);

/* The sentence for a damaged cache: the file, then SQLite's first
 * finding. abusedesk(1) says how to rebuild or rescue it. */
#define STORE_DAMAGED_FMT                                                      \
	"%s: the cache is damaged (%s); nothing is written to it. Move it "    \
	"aside and sync or import again, or rescue it with sqlite3's "         \
	".recover (abusedesk(1), DAMAGED CACHE)"

/* A decision from a state column and its seq (state.c). */
struct store_decision store_decision_from(sqlite3_value *state,
					  sqlite3_value *seq);
/* A decision from a statement's state column i and seq column i + 1. */
struct store_decision store_decision_column(sqlite3_stmt *st, int i);
/* Registers report_state(), the state rule in SQL, on s's connection. */
int store_state_register(struct store *s);
/* Names the connection (s->claim) and gives its SQL the function
 * outbox_claim_gone(claim): 1 when that claim's process is known to be
 * gone (outbox_claim.c). An SQLite result code. */
int store_claim_register(struct store *s);

/* The cached statement for id, reset and unbound, preparing sql the first
 * time. NULL (e filled) when SQLite refuses it. */
sqlite3_stmt *store_stmt(struct store *s, enum store_stmt id, const char *sql,
			 struct err *e);

/* Fills e with "FILE: what: SQLite's reason" and returns -1. */
int store_fail(struct store *s, struct err *e, const char *what);

/* Steps a statement that returns no rows; resets it. 0 or -1. */
int store_exec(struct store *s, sqlite3_stmt *st, struct err *e,
	       const char *what);

/* Binds s, or NULL when s is NULL. */
int store_bind_text(sqlite3_stmt *st, int i, const char *s);

/* A malloc'd copy of a text column; NULL for SQL NULL. */
char *store_column_dup(sqlite3_stmt *st, int i);

/* Reads one row of st into the size-byte element at row. */
typedef void (*store_row_fn)(sqlite3_stmt *st, void *row);

/* Steps st to its end, reading each row into a growing array of size-byte
 * elements (*out, *n; the caller frees, also after an error, with what it
 * holds). Resets st. 0, or -1 with e saying what failed ("cannot read
 * the groups"). */
int store_collect(struct store *s, sqlite3_stmt *st, size_t size,
		  store_row_fn read, void **out, size_t *n, const char *what,
		  struct err *e);

/* store_collect() of the first column as int64_t ids: 0, or -1 with e
 * and *ids NULL. */
int store_collect_ids(struct store *s, sqlite3_stmt *st, int64_t **ids,
		      size_t *n, const char *what, struct err *e);

/* Runs fn inside a transaction of its own when the caller has none. */
int store_in_txn(struct store *s,
		 int (*fn)(struct store *, void *, struct err *), void *arg,
		 struct err *e);

/* Writes the report rows of a message: report, report IPs, reporter
 * (src/store/report.c); not its full-text row (store_search_add()). */
int store_report_write(struct store *s, int64_t message_id,
		       const struct report *r, struct err *e);
/* Removes them again (not the reporter, which others may share). */
int store_report_delete(struct store *s, int64_t message_id, struct err *e);

/* The rows derived from the reports a transaction wrote (pending.c): a
 * written report is staged, and so is a message to index for search
 * (store_search_add() in store.h); store_commit() flushes what is staged
 * (triage facts, reporter counts, version, full-text rows) before it commits; a
 * reader of the triage tables inside the transaction flushes first. A rollback
 * drops what is staged. */
void store_pending_report(struct store *s, int64_t id);
bool store_pending_has(struct store *s, int64_t id);
int store_pending_flush(struct store *s, struct err *e);
void store_pending_drop(struct store *s);
void store_pending_free(struct store *s);

/* Forgets the cached reporter ids (after a rollback, or at close). */
void store_reporters_forget(struct store *s);

/* Brings the schema to version target (src/store/schema.c). */
int store_migrate(struct store *s, int target, struct err *e);

#endif
