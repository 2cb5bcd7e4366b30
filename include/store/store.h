/* store.h: the SQLite cache — raw messages, the report facts derived from
 * them, per-IP and per-report states, the outbox. Every query is a named
 * function here; statements are prepared once per connection and reused.
 * One struct store is one connection: a thread opens its own. */
#ifndef STORE_STORE_H
#define STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "analysis/analyze.h"
#include "analysis/report.h"
#include "core/err.h"

struct store;

/* The newest schema this program knows (see src/store/schema.c). */
#define STORE_SCHEMA_VERSION 21

/* Opens the cache at path for writing, creating it (mode 0600) when
 * missing, and brings its schema up to date. Refuses a file that is not a
 * database, a database of another program, or one written by a newer
 * abusedesk; the error names the file (or the folder, when SQLite cannot
 * write its -wal and -shm files there). Before it writes anything it runs
 * SQLite's quick_check and refuses a damaged cache (the error says what to
 * do): about 0.25 s on a warm 100,000-report (390 MB) cache, 0.9 s cold,
 * seconds on a million. So the check is skipped when the file is, to the
 * inode and the nanosecond of its last change, the one a connection that
 * had found it sound closed (seal.c): any later change to the file (by
 * another program, a copy, bytes put over it, a writer that died after
 * writing to it) brings the check back. */
struct store *store_open(const char *path, struct err *e);
/* Like store_open() but migrates only up to version (1..latest); for
 * tests that need an older database. */
struct store *store_open_version(const char *path, int version, struct err *e);

enum store_mode {
	STORE_CHECKED,	 /* store_open(): quick_check first, unless sealed */
	STORE_UNCHECKED, /* for the screen, which must start at once: its
			    sync worker opens a checked connection */
};
struct store *store_open_mode(const char *path, enum store_mode mode,
			      int version, struct err *e);

/* Opens an existing cache for reading only: no file is created, nothing
 * migrated or checked, and a file or folder the user may not write is
 * fine. Refuses a cache whose schema is not this program's (a write open
 * upgrades it). Every writing call fails on it. */
struct store *store_open_readonly(const char *path, struct err *e);

/* SQLite's integrity check of the whole file: quick_check (structure of
 * every page, not whether indexes match their tables) or, when full,
 * integrity_check. Returns 0 when sound, 1 when damaged with *problems
 * set to SQLite's findings, one a line (at most 100; free() it), or -1
 * when the check could not run (e filled). */
int store_check(struct store *s, bool full, char **problems, struct err *e);

/* The pages this connection has read from the file since it opened
 * (SQLite's cache misses): how much of the cache a piece of work read. */
int64_t store_pages_read(struct store *s);

/* This connection's page cache, in kB (best effort): a sync's is sized
 * for its writes; the screen reads the facts in one pass and small lists,
 * and keeps less. */
void store_cache_kb(struct store *s, int kb);

/* NULL-safe. After a connection that found the file sound (checked at
 * the open, or sealed), it seals the file (seal.c): the next write open
 * of the file as it is then skips the quick_check. */
void store_close(struct store *s);
/* The schema version of the open database. */
int store_schema_version(struct store *s);

/* One write transaction (BEGIN IMMEDIATE, so two writers queue on the busy
 * timeout rather than fail mid-way). They do not nest. */
int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
/* Never fails visibly: a rollback outside a transaction does nothing. */
void store_rollback(struct store *s);
bool store_in_transaction(struct store *s);
/* Many reads in one snapshot, for the price of one: 1 when begun here, 0
 * inside a transaction already, -1 on error; store_read_end() takes that
 * result. A deferred transaction: no write lock is taken. */
int store_read_begin(struct store *s, struct err *e);
void store_read_end(struct store *s, int begun);
/* Moves when another connection (another process) commits a change to the
 * cache; -1 when it cannot be read. */
int64_t store_data_version(struct store *s);

/* ---- mailboxes ---- */

struct store_mailbox {
	int64_t id;
	uint32_t uidvalidity; /* 0: never synced */
	uint32_t uidnext;
	uint64_t highestmodseq; /* 0: server has no CONDSTORE */
	int64_t synced_at;	/* Unix time, 0: never */
};

/* The mailbox is created (with zero state) when missing. */
int store_mailbox_get_or_create(struct store *s, const char *name, int64_t *id,
				struct err *e);
/* Returns 1 and fills *out, 0 when there is no such mailbox, -1 on error. */
int store_mailbox_get(struct store *s, const char *name,
		      struct store_mailbox *out, struct err *e);
/* Writes the sync state of mailbox m->id. */
int store_mailbox_set_state(struct store *s, const struct store_mailbox *m,
			    struct err *e);

/* ---- messages and reports ---- */

/* The name of the mailbox local imports go to. */
#define STORE_LOCAL_MAILBOX "local"

struct store_message_in {
	int64_t mailbox_id;
	uint32_t uid; /* 0: a local import, keyed by its content hash */
	int64_t internal_date; /* Unix time; 0 when unknown */
	const char *flags;     /* IMAP flags, space separated; may be NULL */
	uint64_t modseq;
	const char *raw;
	size_t len;	  /* the stored size */
	const char *hash; /* store_content_hash() of raw; NULL: made here */
};

/* The key of a message's content: sha256 of its bytes, in lowercase hex.
 * A caller with a thread to spare computes it there (store_message_in). */
#define STORE_HASH_HEX 65
int store_content_hash(const char *raw, size_t len, char hex[STORE_HASH_HEX],
		       struct err *e);

/* Stores one message with its report r (which may not be NULL): message,
 * report, report IPs, the reporter (created by domain when new) and the
 * full-text row. Joins the caller's transaction, or makes its own when
 * there is none. A message already there (same mailbox and uid, or the same
 * bytes imported locally) changes nothing: *added is false and *id is the
 * existing row. id may be NULL. On failure inside the caller's transaction,
 * part of the message may be written: the caller rolls back. */
int store_message_add(struct store *s, const struct store_message_in *m,
		      const struct report *r, int64_t *id, bool *added,
		      struct err *e);

/* Whether a local import of the bytes with this store_content_hash() is
 * already in the mailbox: lets an importer skip the analysis of what it
 * would not store. Returns 1, 0, or -1 on error. */
int store_message_has_content(struct store *s, int64_t mailbox_id,
			      const char *hash, struct err *e);

/* The readable text of a stored message, decoded for display (the body
 * the pager shows under the stored report). */
int store_message_text(struct store *s, int64_t message_id, char **text,
		       struct err *e);
/* Its attachments, decoded the same way, for the pager's list (view,
 * save, pipe): *n of them in *out (analysis_attachments_free()). */
int store_message_attachments(struct store *s, int64_t message_id,
			      struct analysis_attachment **out, size_t *n,
			      struct err *e);

/* ---- messages whose analysis crashed (quarantine.c) ---- */

/* Where the crash guard notes what it was analysing: beside the cache.
 * The caller frees it. */
char *store_crash_note_path(const struct store *s);
/* Moves the crash guard's notes into the cache and removes the note
 * file. Returns how many messages were set aside, or -1. */
int store_quarantine_absorb(struct store *s, struct err *e);
/* The set of messages set aside, to look up by content hash. */
struct store_quarantine;
int store_quarantine_load(struct store *s, struct store_quarantine **q,
			  struct err *e);
bool store_quarantined(const struct store_quarantine *q, const char *hash);
void store_quarantine_free(struct store_quarantine *q);

/* Replaces the report of a stored message (re-analysis): report, report
 * IPs and the header columns; not its full-text row, which only a rebuild
 * of the whole index changes (below). IP and report states stay. Same
 * transaction rule as store_message_add(). */
int store_report_replace(struct store *s, int64_t message_id,
			 const struct report *r, struct err *e);

/* The full-text index keeps no copy of the text (schema 6), so a row
 * cannot be taken out alone: a re-analysis empties the index and adds
 * every message again, in one transaction. A message added twice between
 * two resets is still listed once by a search, but both texts' words
 * find it. */
int store_search_reset(struct store *s, struct err *e);
int store_search_add(struct store *s, int64_t message_id,
		     const struct report *r, struct err *e);

/* Called with each message's raw bytes, valid only during the call, and
 * whether its report is missing or older than the walk's below_version.
 * Returning non-zero stops the walk; store_each_raw() then returns it. */
/* hash is the message's store_content_hash(), as stored with it. */
typedef int (*store_raw_fn)(void *ctx, int64_t message_id, const char *raw,
			    size_t len, const char *hash, bool stale);

/* Visits every message in id order, one at a time, so memory stays flat;
 * a report is stale when missing or derived by an analyzer older than
 * below_version (INT32_MAX: every report). fn may write to the store
 * (replace the report, commit) but must not call store_each_raw()
 * itself. Returns 0, fn's non-zero value, or -1 with e filled. */
/* How many reports are stale for below_version. */
int store_count_stale(struct store *s, int below_version, int64_t *n,
		      struct err *e);
int store_each_raw(struct store *s, int below_version, store_raw_fn fn,
		   void *ctx, struct err *e);

/* Called now and then by a long store task: done of total so far. */
typedef void (*store_progress_fn)(void *ctx, int64_t done, int64_t total);

/* Keeps the raw messages small: trains the cache's zstd dictionary once
 * it holds enough mail and has none, then packs the rows an older version
 * stored plain and, with a dictionary, those packed before it (in
 * batches, each its own transaction: an interrupted run goes on where it
 * stopped). With STORE_RAW_COMPACT, the freed room goes back to the disk
 * after (VACUUM: the whole file is rewritten; not while others write).
 * Cheap when there is nothing to do. Returns 0, or -1 with e filled. */
#define STORE_RAW_COMPACT 1u
int store_raw_maintain(struct store *s, unsigned flags,
		       store_progress_fn progress, void *ctx, struct err *e);

/* Trains the cache's zstd dictionary as soon as it holds enough mail to
 * train a full one on (and has none), so that a long first sync packs the
 * rest of its mail with it instead of packing everything twice. Cheap
 * once there is one; call it between transactions. Returns 0, or -1. */
int store_raw_train(struct store *s, struct err *e);

/* One message's raw bytes, malloc'd (and NUL-terminated past *len).
 * Returns 1, 0 when there is no such message, -1 on error. */
int store_message_raw(struct store *s, int64_t message_id, char **raw,
		      size_t *len, struct err *e);

/* The unfolded value of the first field called name in a stored
 * message's outer header block (References, ...), for what the report
 * does not keep: 1 with *value (free() it), 0 when absent, -1 on error. */
int store_message_header(struct store *s, int64_t message_id, const char *name,
			 char **value, struct err *e);

/* The report stored for a message, rebuilt as a struct report (free it
 * with report_free()); text is not kept in the report table and stays
 * NULL. Returns 1, 0 when there is none, -1 on error. */
int store_report_get(struct store *s, int64_t message_id, struct report **out,
		     struct err *e);

/* Full-text search over subjects and decoded text (FTS5 query syntax).
 * Fills *ids (malloc'd) with the matching message ids, newest first, like
 * every list of the screen: ranking every hit by relevance costs a tenth
 * of a second per 70,000 hits, and among many near-identical notices
 * relevance says little. */
int store_search(struct store *s, const char *query, int64_t **ids, size_t *n,
		 struct err *e);

/* The same hits a slice at a time: at most max (0: all) of those older
 * than the message `before` (0: from the newest). A word in every other
 * report hits millions at ten million reports, and reading them all takes
 * a third of a second; a slice of a thousand takes a millisecond. */
int store_search_slice(struct store *s, const char *query, int64_t before,
		       size_t max, int64_t **ids, size_t *n, struct err *e);

/* ---- states ---- */

enum store_state {
	STORE_STATE_OPEN,
	STORE_STATE_RESOLVED,
	STORE_STATE_IGNORED,
};

/* "open", "resolved", "ignored". */
const char *store_state_name(enum store_state st);
/* The state of that name; false (and *out untouched) for another name. */
bool store_state_parse(const char *name, enum store_state *out);

/* One decision, as stored: seq orders all decisions, IPs' and reports'
 * alike (a later one has a larger seq). */
struct store_decision {
	bool set; /* false: nothing was ever decided */
	enum store_state state;
	int64_t seq;
};

/* The state a report is in: the later of the decision on the report
 * itself and the one on the IP of its group (the IP's on a tie); open
 * when there is neither. Either may be NULL. The one rule: the lists, a
 * search hit and the pager all ask it (in SQL, as report_state()). */
enum store_state store_state_of(const struct store_decision *report,
				const struct store_decision *ip);
/* The decision store_state_of() follows: report or ip, or NULL when
 * neither is set. */
const struct store_decision *
store_decision_in_force(const struct store_decision *report,
			const struct store_decision *ip);

/* The state of every report about ip (its group); note may be NULL. */
int store_ip_state_set(struct store *s, const char *ip, enum store_state st,
		       const char *note, struct err *e);
/* The state of one report, apart from its group. */
int store_report_state_set(struct store *s, int64_t message_id,
			   enum store_state st, const char *note,
			   struct err *e);
/* The stored decision on an IP or a report: 1 with *st and *note
 * (malloc'd, may be NULL; note itself may be NULL when not wanted), 0
 * when none was ever made, -1 on error. */
int store_ip_state_get(struct store *s, const char *ip, enum store_state *st,
		       char **note, struct err *e);
int store_report_state_get(struct store *s, int64_t message_id,
			   enum store_state *st, char **note, struct err *e);
/* A decision whole, as stored, to put back exactly what an undo undoes:
 * its note, its time and its place in the order of decisions too. */
struct store_decision_saved {
	enum store_state state;
	char *note; /* malloc'd, may be NULL */
	int64_t updated_at;
	int64_t seq;
};
/* 1 and *d, 0 (and *d empty) when none was ever made, -1 on error. */
int store_ip_decision_get(struct store *s, const char *ip,
			  struct store_decision_saved *d, struct err *e);
int store_report_decision_get(struct store *s, int64_t message_id,
			      struct store_decision_saved *d, struct err *e);
/* Writes a decision back as store_*_decision_get() read it. */
int store_ip_decision_put(struct store *s, const char *ip,
			  const struct store_decision_saved *d, struct err *e);
int store_report_decision_put(struct store *s, int64_t message_id,
			      const struct store_decision_saved *d,
			      struct err *e);
/* The note of the decision stored on an IP or a report, changed without
 * touching the decision (its state, time and place in the order); note
 * may be NULL. 1, 0 when no decision was made to note on, -1 on error. */
int store_ip_note_set(struct store *s, const char *ip, const char *note,
		      struct err *e);
int store_report_note_set(struct store *s, int64_t message_id, const char *note,
			  struct err *e);
/* Forgets a decision, as if it had never been made (undo of a first one). */
int store_ip_state_clear(struct store *s, const char *ip, struct err *e);
int store_report_state_clear(struct store *s, int64_t message_id,
			     struct err *e);

/* ---- outbox (outbox.c) ---- */

/* Queues the network work a decision owes: kind ("keyword", ...), the
 * message it concerns (0: none) and a JSON payload. */
int store_outbox_add(struct store *s, const char *kind, int64_t message_id,
		     const char *payload, struct err *e);
/* The same, with the new row's id in *id. */
int store_outbox_put(struct store *s, const char *kind, int64_t message_id,
		     const char *payload, int64_t *id, struct err *e);
/* How many outbox rows wait to be sent (queued, or claimed and not done). */
int store_outbox_queued(struct store *s, int64_t *n, struct err *e);
/* How many rows of kind wait at step ("" before the first), queued or
 * claimed. */
int store_outbox_waiting_at(struct store *s, const char *kind, const char *step,
			    int64_t *n, struct err *e);
/* How many failed for good (until `abusedesk outbox retry`). */
int store_outbox_failed(struct store *s, int64_t *n, struct err *e);

enum store_outbox_state {
	STORE_OUTBOX_QUEUED,
	STORE_OUTBOX_SENDING, /* claimed: its network call under way, or
				 interrupted by a crash */
	STORE_OUTBOX_SENT,
	STORE_OUTBOX_FAILED,
};
/* "queued", "sending", "sent", "failed". */
const char *store_outbox_state_name(enum store_outbox_state st);

struct store_outbox_row {
	int64_t id;
	char *kind;
	int64_t message_id; /* 0: none */
	char *payload;
	enum store_outbox_state state;
	int64_t attempts;
	char *last_error;			      /* NULL: none */
	int64_t created_at, next_attempt_at, sent_at; /* Unix time; 0: none */
	char *step; /* how far a handler got; "" at first */
	/* store_outbox_claim(): the row was found 'sending', claimed by a run
	 * that did not finish it (a crash, a kill). */
	bool interrupted;
};
void store_outbox_row_free(struct store_outbox_row *r);
void store_outbox_rows_free(struct store_outbox_row *v, size_t n);

/* Every row, oldest first; sent ones too when all. */
int store_outbox_list(struct store *s, bool all, struct store_outbox_row **v,
		      size_t *n, struct err *e);
/* One row: 1, 0 when there is no such id, -1 on error. */
int store_outbox_get(struct store *s, int64_t id, struct store_outbox_row *r,
		     struct err *e);

/* How long a claim holds a 'sending' row against another flusher whose
 * holder may still be alive (another machine, a pid used again): longer
 * than any network timeout; each recorded step renews it. */
#define STORE_OUTBOX_LEASE_S 600

/* Takes the next row to send and marks it 'sending' with this
 * connection's claim, in one transaction of its own: one left 'sending'
 * (interrupted) whose holder is gone (its process ended on this boot,
 * or its lease of STORE_OUTBOX_LEASE_S ran out), else the oldest queued
 * row due at now. A row another live flusher holds is left to it. Rows
 * of one kind go in the order they were queued: a row waits while an
 * older one of its kind is still to be sent. Returns 1 with *r filled
 * (free it), 0 when nothing is due, -1 on error. */
int store_outbox_claim(struct store *s, int64_t now, struct store_outbox_row *r,
		       struct err *e);
/* Every queued row due at once (a user asked to send now). */
int store_outbox_due_now(struct store *s, struct err *e);
/* Records how far the row's handler got (see struct store_outbox_row)
 * and renews the claim's lease; -1 when another flusher took the row
 * over (or it is gone): the handler stops there. store_outbox_sent() and
 * _fail() likewise change only a row that is this connection's or
 * nobody's. */
int store_outbox_step(struct store *s, int64_t id, const char *step,
		      struct err *e);
int store_outbox_sent(struct store *s, int64_t id, int64_t now, struct err *e);
/* A try that failed: attempts + 1 and the error kept; permanent makes it
 * 'failed', else it is queued again for now + store_outbox_backoff(). */
int store_outbox_fail(struct store *s, int64_t id, const char *error,
		      bool permanent, int64_t now, struct err *e);
/* Seconds to wait after the attempts-th failed try: 30 s doubled per
 * try, at most an hour. */
int64_t store_outbox_backoff(int64_t attempts);
/* Queued again and due at once (a failed row too). 1, 0 when there is
 * no such row or it was sent, -1 on error. */
int store_outbox_retry(struct store *s, int64_t id, struct err *e);
/* Deletes the row, whatever its state. 1, 0 when none, -1 on error. */
int store_outbox_drop(struct store *s, int64_t id, struct err *e);
/* Deletes the row only while it is still 'queued' (nothing sent yet):
 * 1 deleted, 0 not (it is being sent or was), -1 on error. */
int store_outbox_unqueue(struct store *s, int64_t id, struct err *e);

/* The messages of a store_outbox_claim()ed keyword row, where the server
 * has them: each present message of ids (a JSON array of message ids)
 * with a UID, with its mailbox's name and UIDVALIDITY, ordered by mailbox
 * then UID. */
struct store_message_place {
	char *mailbox;
	uint32_t uidvalidity;
	uint32_t uid;
};
int store_message_places(struct store *s, const char *ids_json,
			 struct store_message_place **v, size_t *n,
			 struct err *e);
void store_message_places_free(struct store_message_place *v, size_t n);
/* The present messages an IP decision covers: the in-scope reports about
 * ip that are still on the server, ascending (*ids malloc'd). */
int store_ip_messages(struct store *s, const char *ip, int64_t **ids, size_t *n,
		      struct err *e);

/* ---- counts ---- */

/* Every message in the cache; the reports and groups of those still on
 * the server (expunged ones stay for review but are no open work). */
struct store_counts {
	int64_t messages;
	int64_t reports;
	int64_t groups; /* as triage.h makes them: IP groups, and the
			   out-of-scope and no-IP rows when they have reports */
};

int store_counts(struct store *s, struct store_counts *out, struct err *e);

#endif
