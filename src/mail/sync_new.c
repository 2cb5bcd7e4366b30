/* sync_new.c: the new messages of a mailbox, in three stages — this
 * thread fetches spans of UIDs and cuts them into batches bounded by
 * RFC822.SIZE, one thread analyses them, one stores each in a transaction
 * with its reports and the new mailbox state. */
#include "sync_priv.h"
#include "analysis/analyze.h"
#include "mail/guard.h"
#include "core/xalloc.h"
#include "store/sync.h"

#include <stdlib.h>
#include <string.h>

struct msg {
	uint32_t uid;
	int64_t internal_date;
	uint64_t modseq;
	char *flags;
	char *raw;
	size_t len;
	struct report *r;
	char hash[STORE_HASH_HEX]; /* "" until the analysis stage makes it */
};

/* The raw messages of a batch lie back to back in one block (each with a
 * NUL after it): one allocation instead of one per message, freed whole
 * by the writer, so the threads do not trade small chunks back and forth
 * and the heap does not fragment over a long sync. */
struct batch {
	struct msg *v;
	size_t n, cap;
	char *block;
	size_t block_used, block_cap;
	uint64_t bytes;	    /* the sum of the messages' RFC822.SIZE */
	uint64_t total;	    /* new messages in all, as known at its fetch */
	uint32_t next_uid;  /* the mailbox state once the batch is stored */
	struct batch *next; /* in box.spent */
};

/* Whether the block has room for len bytes and a NUL. A batch ends where
 * the next message would not fit: its sizes add up to at most the bound,
 * the NULs included, unless a single message is larger. The length of
 * the bytes that came is what counts here, not the RFC822.SIZE announced
 * with them (the same number from an honest server): the block holds
 * those bytes. */
static bool batch_fits(const struct batch *bt, size_t len)
{
	return bt->block_used + len + 1 <= bt->block_cap;
}

/* block_min is the block's size, unless the first message needs more. */
static void batch_add(struct batch *bt, struct sync_att *a, size_t block_min)
{
	struct msg *m;

	if (!bt->block) {
		bt->block_cap = a->len + 1 > block_min ? a->len + 1 : block_min;
		bt->block = xmalloc(bt->block_cap);
	}
	if (bt->n == bt->cap) {
		bt->cap = bt->cap ? bt->cap * 2 : 64;
		bt->v = xreallocarray(bt->v, bt->cap, sizeof *bt->v);
	}
	m = &bt->v[bt->n++];
	*m = (struct msg){.uid = a->uid,
			  .internal_date = a->internal_date,
			  .modseq = a->modseq,
			  .flags = a->flags,
			  .raw = bt->block + bt->block_used,
			  .len = a->len};
	a->flags = NULL;
	if (a->len)
		memcpy(m->raw, a->raw, a->len);
	m->raw[a->len] = '\0';
	bt->block_used += a->len + 1;
	bt->bytes += a->size ? a->size : a->len;
	bt->next_uid = a->uid + 1;
}

static void batch_free(void *item)
{
	struct batch *bt = item;

	for (size_t i = 0; i < bt->n; i++) {
		free(bt->v[i].flags);
		report_free(bt->v[i].r);
	}
	free(bt->v);
	free(bt->block);
	free(bt);
}

static void progress(struct box *b)
{
	if (b->fn)
		b->fn(b->fnctx, &b->pr);
}

/* Mail the analysis cannot read is kept all the same, unanalysed with the
 * reason: the cache holds every message of the mailbox. */
static struct report *analyze(const struct msg *m, const struct box *b)
{
	struct err why = {{0}};
	struct report *r = guard_analyze(m->raw, m->len, m->hash, b->quarantine,
					 b->cfg->analysis, &why);

	return r ? r : guard_unanalysed(why.msg);
}

static int msg_store(struct box *b, struct msg *m, struct err *e)
{
	struct store_message_in in = {.mailbox_id = b->m.id,
				      .uid = m->uid,
				      .internal_date = m->internal_date,
				      .flags = m->flags ? m->flags : "",
				      .modseq = m->modseq,
				      .raw = m->raw,
				      .len = m->len,
				      .hash = m->hash[0] ? m->hash : NULL};
	int64_t id = 0;
	bool added = false;
	int rc = 0;

	if (b->rebind)
		rc = store_sync_rebind(b->s, &in, &id, e);
	if (rc > 0) {
		b->st->rebound++;
		return 0;
	}
	if (rc == 0 && !m->r)
		m->r = analyze(m, b);
	if (rc < 0 || store_message_add(b->s, &in, m->r, &id, &added, e) < 0)
		return -1;
	if (!added)
		return 0;
	b->st->added++;
	b->st->bytes += m->len;
	return sync_flags_states(b->s, id, NULL, in.flags, e);
}

/* The raw mail goes at once; the rest waits for the analysis stage. */
static void batch_spend(struct box *b, struct batch *bt)
{
	free(bt->block);
	bt->block = NULL;
	pthread_mutex_lock(&b->spent_mu);
	bt->next = b->spent;
	b->spent = bt;
	pthread_mutex_unlock(&b->spent_mu);
}

static void spent_free(struct box *b)
{
	struct batch *bt, *next;

	pthread_mutex_lock(&b->spent_mu);
	bt = b->spent;
	b->spent = NULL;
	pthread_mutex_unlock(&b->spent_mu);
	for (; bt; bt = next) {
		next = bt->next;
		batch_free(bt);
	}
}

/* One transaction: the batch's messages and reports, and the state that
 * says the next run starts at bt->next_uid. Runs on the writer thread. */
static int batch_store(void *ctx, void *item, struct err *e)
{
	struct box *b = ctx;
	struct batch *bt = item;
	struct store_mailbox m = b->m;
	int rc = store_begin(b->s, e);

	for (size_t i = 0; rc == 0 && i < bt->n; i++)
		rc = msg_store(b, &bt->v[i], e);
	if (rc == 0) {
		m.uidvalidity = b->uidvalidity;
		m.uidnext = bt->next_uid;
		m.highestmodseq = b->hms;
		rc = store_mailbox_set_state(b->s, &m, e);
	}
	if (rc == 0)
		rc = store_commit(b->s, e);
	if (rc < 0)
		store_rollback(b->s);
	else
		b->m = m;
	if (rc == 0)
		rc = store_raw_train(b->s, e);
	if (rc == 0) {
		b->pr.bytes_done += bt->bytes;
		b->pr.messages_done += bt->n;
		b->pr.messages_total = bt->total;
		progress(b);
	}
	batch_spend(b, bt);
	return rc < 0 ? -1 : 0;
}

/* The middle stage, on its own thread so that the next batch is fetched
 * while this one is analysed: analyses the batch, and hashes it for the
 * writer, and hands it on. A rebind needs no analysis: it is tried first,
 * on the writer. */
static int batch_analyse(void *ctx, void *item, struct err *e)
{
	struct box *b = ctx;
	struct batch *bt = item;

	spent_free(b);
	for (size_t i = 0; i < bt->n; i++) {
		struct msg *m = &bt->v[i];
		if (store_content_hash(m->raw, m->len, m->hash, NULL) < 0)
			m->hash[0] = '\0';
		if (!b->rebind)
			m->r = analyze(m, b);
	}
	spent_free(b); /* what the writer finished meanwhile */
	if (sync_pipe_push(b->writer, bt) < 0)
		return err_set(e, "the cache writer stopped");
	return 0;
}

/* New messages are fetched a span of UIDs at a time, each span sized
 * from what came so far to answer about one batch's worth of bytes (libetpan
 * buffers much of one answer; this keeps it to a few MB), and cut into
 * batches as they stream in: the batch being filled goes to the analysis
 * stage before a message would take the sum of its sizes past the bound,
 * so a few batches are held however large the mailbox. */
struct stream {
	struct box *b;
	struct sync_pipe *an;
	struct batch *bt; /* being filled */
	size_t limit;
	uint32_t lo; /* the span being fetched starts here */
	uint64_t seen, expected;
	uint64_t seen_bytes;
	uint32_t span;	     /* UIDs of the last span asked for (0: none) */
	uint64_t span_bytes; /* what it brought */
	unsigned pushed;     /* batches handed on */
};

enum {
	BATCH_FIRST = 256 << 10, /* bytes bounding the first batch */
	SPAN_FIRST = 256,	 /* UIDs in the first span */
	SPAN_MAX = 1 << 20,
};

/* UIDs to ask for next: the bound's worth at the last span's bytes per
 * UID, or twice the last span when it brought nothing (UIDs that start
 * high, or a gap). */
static uint32_t stream_span(const struct stream *sm)
{
	double span;

	if (!sm->span)
		return SPAN_FIRST;
	if (!sm->span_bytes)
		span = 2.0 * sm->span;
	else
		span = (double)sm->limit * sm->span / (double)sm->span_bytes;
	if (span < 1)
		return 1;
	return span > SPAN_MAX ? SPAN_MAX : (uint32_t)span;
}

static int stream_push(struct stream *sm)
{
	struct batch *bt = sm->bt;

	sm->bt = NULL;
	sm->pushed++;
	bt->total = sm->seen > sm->expected ? sm->seen : sm->expected;
	return sync_pipe_push(sm->an, bt) < 0 ? -1 : 0;
}

/* The bound of the next batch: the first ones small, so that the other
 * stages start early, and the last ones too (by the server's count of
 * what is left), so that they all finish close together. */
static size_t stream_limit(const struct stream *sm)
{
	uint64_t left = sm->expected > sm->seen ? sm->expected - sm->seen : 0;
	uint64_t bytes_left = sm->seen ? left * (sm->seen_bytes / sm->seen) : 0;
	size_t lim = sm->limit;
	size_t least = sm->limit < BATCH_FIRST ? sm->limit : BATCH_FIRST;

	if (sm->pushed < 4 && ((size_t)BATCH_FIRST << sm->pushed) < lim)
		lim = (size_t)BATCH_FIRST << sm->pushed;
	if (sm->seen && bytes_left / 3 < lim)
		lim = (size_t)(bytes_left / 3);
	return lim < least ? least : lim;
}

/* UID FETCH lo:* answers with the last message even when its UID is
 * below lo, so the range is checked here. */
static int on_new(void *ctx, struct sync_att *a)
{
	struct stream *sm = ctx;

	if (!a->has_body || a->uid < sm->lo)
		return 0;
	if (sm->bt && !batch_fits(sm->bt, a->len) && stream_push(sm) < 0)
		return -1;
	if (!sm->bt)
		sm->bt = xcalloc(1, sizeof *sm->bt);
	batch_add(sm->bt, a, stream_limit(sm));
	sm->seen++;
	sm->seen_bytes += a->len;
	return 0;
}

/* Stops both stages, upstream first; the first failure downstream is the
 * one to tell, since the stages before it only saw it stop. */
static int stages_finish(struct box *b, struct sync_pipe *an, int rc)
{
	struct err ae = {{0}}, we = {{0}};
	int arc = an ? sync_pipe_finish(an, &ae) : 0;
	int wrc = b->writer ? sync_pipe_finish(b->writer, &we) : 0;

	b->writer = NULL;
	spent_free(b);
	if (wrc < 0)
		*b->e = we;
	else if (arc < 0)
		*b->e = ae;
	return wrc < 0 || arc < 0 || rc < 0 ? -1 : 0;
}

/* How many new messages to expect, for the progress figures: the UIDs the
 * server gave out since, or all of its messages when fewer. */
static uint64_t new_expected(const struct box *b)
{
	uint32_t exists = b->c->imap->imap_selection_info
			      ? b->c->imap->imap_selection_info->sel_exists
			      : 0;
	uint64_t gap =
	    b->uidnext > b->m.uidnext ? b->uidnext - b->m.uidnext : exists;

	return gap < exists ? gap : exists;
}

/* Fetches span after span up to the last one, lo:*, which also takes in
 * what arrived since EXAMINE. */
static int stream_spans(struct stream *sm, int items)
{
	struct box *b = sm->b;
	bool last = false;
	int rc = 0;

	while (rc == 0 && !last) {
		uint32_t span = stream_span(sm);
		uint32_t hi = sm->lo + span - 1;
		uint64_t before = sm->seen_bytes;
		struct mailimap_set *set;

		last = !b->uidnext || hi < sm->lo || hi + 1 >= b->uidnext;
		set = mailimap_set_new_interval(sm->lo, last ? 0 : hi);
		rc = sync_fetch(b->c, set, items, 0, NULL, on_new, sm, b->e);
		mailimap_set_free(set);
		sm->span = span;
		sm->span_bytes = sm->seen_bytes - before;
		sm->lo = hi + 1;
	}
	return rc;
}

/* Three stages: this thread fetches, one thread analyses, one writes. */
int sync_new_messages(struct box *b)
{
	struct stream sm = {.b = b,
			    .limit = b->cfg->batch_bytes ? b->cfg->batch_bytes
							 : SYNC_BATCH_BYTES,
			    .lo = b->m.uidnext,
			    .expected = new_expected(b)};
	int items = SYNC_F_FLAGS | SYNC_F_DATE | SYNC_F_SIZE | SYNC_F_BODY |
		    (b->c->condstore ? SYNC_F_MODSEQ : 0);
	int64_t unbound = 0;
	int rc = store_sync_unbound_load(b->s, b->m.id, &unbound, b->e);

	if (rc < 0)
		return -1;
	b->rebind = unbound > 0;
	b->pr.messages_total = sm.expected;
	progress(b);
	b->writer = sync_pipe_start(batch_store, batch_free, b, b->e);
	if (b->writer)
		sm.an = sync_pipe_start(batch_analyse, batch_free, b, b->e);
	if (!sm.an)
		return stages_finish(b, NULL, -1);
	rc = stream_spans(&sm, items);
	if (rc == 0 && sm.bt) {
		sm.expected = sm.seen;
		rc = stream_push(&sm);
	}
	if (sm.bt)
		batch_free(sm.bt);
	rc = stages_finish(b, sm.an, rc);
	if (rc == 0 && b->pr.messages_total != b->pr.messages_done) {
		b->pr.messages_total = b->pr.messages_done;
		progress(b);
	}
	return rc;
}
