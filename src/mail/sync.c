/* sync.c: the sync of one mailbox — EXAMINE, the nothing-changed fast path,
 * UIDVALIDITY changes, flag changes and expunges (QRESYNC, CONDSTORE or a
 * sweep), then new messages in batches bounded by RFC822.SIZE, each batch
 * stored in one transaction with its reports and the new mailbox state. */
#include "sync_priv.h"
#include "analysis/analyze.h"
#include "core/config.h"
#include "core/xalloc.h"
#include "store/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	uint64_t hms;
	bool rebind; /* unbound messages wait for their new UID */
	struct sync_progress pr;
	struct sync_pipe *writer; /* the analysis stage hands batches here */
	/* Stored batches, handed back to the analysis stage to free: most of
	 * their memory is reports it allocated, and a thread frees its own
	 * allocations far cheaper than another one can. */
	pthread_mutex_t spent_mu;
	struct batch *spent;
};

/* ---- flag changes and expunges ---- */

struct flag_change {
	uint32_t uid;
	uint64_t modseq;
	char *flags;
};

struct changes {
	struct flag_change *v;
	size_t n, cap;
	struct sync_uids present; /* sweep only: every UID seen */
	bool sweep;
};

static int on_flags(void *ctx, struct sync_att *a)
{
	struct changes *ch = ctx;

	if (ch->sweep)
		sync_uids_add(&ch->present, a->uid);
	if (!a->flags)
		return 0;
	if (ch->n == ch->cap) {
		ch->cap = ch->cap ? ch->cap * 2 : 64;
		ch->v = xreallocarray(ch->v, ch->cap, sizeof *ch->v);
	}
	ch->v[ch->n++] = (struct flag_change){a->uid, a->modseq, a->flags};
	a->flags = NULL;
	return 0;
}

static void changes_free(struct changes *ch)
{
	for (size_t i = 0; i < ch->n; i++)
		free(ch->v[i].flags);
	free(ch->v);
	sync_uids_free(&ch->present);
}

static int flag_apply(struct box *b, const struct flag_change *f)
{
	int64_t id = 0;
	char *old = NULL;
	int rc = store_sync_flags_set(b->s, b->m.id, f->uid, f->flags,
				      f->modseq, &id, &old, b->e);

	if (rc <= 0)
		return rc;
	if (strcmp(old ? old : "", f->flags) != 0) {
		b->st->changed++;
		rc =
		    sync_flags_states(b->s, id, old ? old : "", f->flags, b->e);
	}
	free(old);
	return rc < 0 ? -1 : 0;
}

/* Marks gone what the cache holds below the old UIDNEXT and the server
 * does not (present is sorted). */
static int gone_by_difference(struct box *b, const struct sync_uids *present)
{
	uint32_t *local;
	size_t n, j = 0;
	int rc = store_sync_uids(b->s, b->m.id, &local, &n, b->e);

	for (size_t i = 0; rc == 0 && i < n && local[i] < b->m.uidnext; i++) {
		while (j < present->n && present->v[j] < local[i])
			j++;
		if (j < present->n && present->v[j] == local[i])
			continue;
		rc = store_sync_gone(b->s, b->m.id, local[i], b->e);
		b->st->gone += rc > 0;
		rc = rc < 0 ? -1 : 0;
	}
	free(local);
	return rc;
}

static int gone_listed(struct box *b, const struct sync_uids *vanished)
{
	for (size_t i = 0; i < vanished->n; i++) {
		int rc = store_sync_gone(b->s, b->m.id, vanished->v[i], b->e);

		if (rc < 0)
			return -1;
		b->st->gone += rc > 0;
	}
	return 0;
}

/* Asks the server what changed below the old UIDNEXT. */
static int changes_fetch(struct box *b, struct changes *ch,
			 struct sync_uids *vanished)
{
	struct mailimap_set *set =
	    mailimap_set_new_interval(1, b->m.uidnext - 1);
	bool modseq = b->c->condstore && b->m.highestmodseq && b->hms;
	int items = SYNC_F_FLAGS | (b->c->condstore ? SYNC_F_MODSEQ : 0);
	int rc;

	ch->sweep = !modseq;
	if (modseq && b->c->qresync)
		rc = sync_fetch(b->c, set, items, b->m.highestmodseq, vanished,
				on_flags, ch, b->e);
	else if (modseq)
		rc = sync_fetch(b->c, set, items, b->m.highestmodseq, NULL,
				on_flags, ch, b->e);
	else
		rc = sync_fetch(b->c, set, items, 0, NULL, on_flags, ch, b->e);
	mailimap_set_free(set);
	if (rc == 0 && modseq && !b->c->qresync)
		rc = sync_search_uids(b->c, 1, b->m.uidnext - 1, &ch->present,
				      b->e);
	return rc;
}

static int changes_store(struct box *b, struct changes *ch,
			 struct sync_uids *vanished)
{
	bool diff = !(b->c->condstore && b->c->qresync && !ch->sweep);
	int rc = store_begin(b->s, b->e);

	for (size_t i = 0; rc == 0 && i < ch->n; i++)
		rc = flag_apply(b, &ch->v[i]);
	if (rc == 0)
		rc = diff ? gone_by_difference(b, &ch->present)
			  : gone_listed(b, vanished);
	if (rc == 0) {
		struct store_mailbox m = b->m;

		m.highestmodseq = b->hms;
		rc = store_mailbox_set_state(b->s, &m, b->e);
		if (rc == 0 && (rc = store_commit(b->s, b->e)) == 0)
			b->m = m;
	}
	if (rc < 0)
		store_rollback(b->s);
	return rc;
}

static int box_changes(struct box *b)
{
	struct changes ch = {0};
	struct sync_uids vanished = {0};
	int rc = changes_fetch(b, &ch, &vanished);

	if (rc == 0)
		rc = changes_store(b, &ch, &vanished);
	changes_free(&ch);
	sync_uids_free(&vanished);
	return rc;
}

/* ---- new messages ---- */

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
	uint64_t bytes;		  /* the sum of the messages' RFC822.SIZE */
	uint64_t total;		  /* new messages in all, as known at its fetch */
	uint32_t next_uid;	  /* the mailbox state once the batch is stored */
	struct batch *next;	  /* in box.spent */
};

/* Whether the block has room for len bytes and a NUL. A batch ends where
 * the next message would not fit: its sizes add up to at most the bound,
 * the NULs included, unless a single message is larger. */
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
	bt->bytes += a->len;
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

/* Mail the analysis cannot read is kept all the same, as format unknown:
 * the cache holds every message of the mailbox. */
static struct report *analyze(const struct msg *m, const struct sync_config *c)
{
	struct err why;
	struct report *r = analysis_run(m->raw, m->len, c->analysis, &why);

	return r ? r : report_new();
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
		m->r = analyze(m, b->cfg);
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
			m->r = analyze(m, b->cfg);
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
	uint32_t lo;	  /* the span being fetched starts here */
	uint64_t seen, expected;
	uint64_t seen_bytes;
	uint32_t span;	      /* UIDs of the last span asked for (0: none) */
	uint64_t span_bytes;  /* what it brought */
	unsigned pushed;      /* batches handed on */
};

enum { BATCH_FIRST = 256 << 10 };

enum { SPAN_FIRST = 256, SPAN_MAX = 1 << 20 };

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
	uint64_t gap = b->uidnext > b->m.uidnext ? b->uidnext - b->m.uidnext
						  : exists;

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
static int box_new(struct box *b)
{
	struct stream sm = {.b = b,
			    .limit = b->cfg->batch_bytes ? b->cfg->batch_bytes
							 : SYNC_BATCH_BYTES,
			    .lo = b->m.uidnext,
			    .expected = new_expected(b)};
	int items = SYNC_F_FLAGS | SYNC_F_BODY |
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

/* ---- dates ---- */

static int on_date(void *ctx, struct sync_att *a)
{
	struct box *b = ctx;

	if (!a->internal_date)
		return 0;
	return store_sync_internal_date(b->s, b->m.id, a->uid,
					a->internal_date, b->e);
}

/* INTERNALDATE is asked only for the messages without a readable Date:
 * field, the only ones whose date it gives: for every other message a
 * Maildir server would stat() its file for nothing (a fifth of what the
 * whole FETCH of a 100k mailbox costs Dovecot). Messages left undated by
 * an interrupted run are found again by the next. */
static int box_dates(struct box *b)
{
	struct mailimap_set *set;
	uint32_t *uids;
	size_t n;
	int rc = store_sync_undated(b->s, b->m.id, &uids, &n, b->e);

	if (rc < 0 || n == 0)
		return rc;
	set = sync_set_of(uids, n);
	free(uids);
	rc = store_begin(b->s, b->e);
	if (rc == 0)
		rc = sync_fetch(b->c, set, SYNC_F_DATE, 0, NULL, on_date, b,
				b->e);
	if (rc == 0)
		rc = store_commit(b->s, b->e);
	if (rc < 0)
		store_rollback(b->s);
	mailimap_set_free(set);
	return rc;
}

/* ---- one mailbox ---- */

static int box_select(struct box *b)
{
	struct mailimap_selection_info *sel;

	if (sync_conn_examine(b->c, b->name, &b->hms, b->e) < 0)
		return -1;
	sel = b->c->imap->imap_selection_info;
	b->uidvalidity = sel->sel_uidvalidity;
	b->uidnext = sel->sel_uidnext;
	return 0;
}

static bool box_unchanged(const struct box *b)
{
	return b->m.uidvalidity == b->uidvalidity && b->uidnext &&
	       b->m.uidnext == b->uidnext && b->hms &&
	       b->m.highestmodseq == b->hms;
}

/* The old UIDs mean nothing now: every message waits to be found again
 * by its content, and the mailbox is fetched from the start. */
static int box_revalidate(struct box *b)
{
	struct store_mailbox m = b->m;
	int rc = store_begin(b->s, b->e);

	m.uidvalidity = b->uidvalidity;
	m.uidnext = 1;
	m.highestmodseq = 0;
	if (rc == 0)
		rc = store_sync_unbind(b->s, m.id, b->e);
	if (rc == 0)
		rc = store_mailbox_set_state(b->s, &m, b->e);
	if (rc == 0)
		rc = store_commit(b->s, b->e);
	if (rc < 0) {
		store_rollback(b->s);
		return -1;
	}
	b->m = m;
	return 0;
}

static int box_finish(struct box *b)
{
	struct store_mailbox m = b->m;

	if (b->uidnext > m.uidnext)
		m.uidnext = b->uidnext;
	m.uidvalidity = b->uidvalidity;
	m.highestmodseq = b->hms;
	m.synced_at = (int64_t)time(NULL);
	if (store_mailbox_set_state(b->s, &m, b->e) < 0)
		return -1;
	b->m = m;
	return 0;
}

static int box_load(struct box *b)
{
	int64_t id;
	int rc = store_mailbox_get_or_create(b->s, b->name, &id, b->e);

	if (rc == 0)
		rc = store_mailbox_get(b->s, b->name, &b->m, b->e);
	if (rc == 0)
		return err_set(b->e, "mailbox %s vanished from the cache",
			       b->name);
	return rc < 0 ? -1 : 0;
}

static int box_sync(struct box *b)
{
	if (box_load(b) < 0 || box_select(b) < 0)
		return -1;
	if (box_unchanged(b))
		return 0;
	if (b->m.uidvalidity && b->m.uidvalidity != b->uidvalidity &&
	    box_revalidate(b) < 0)
		return -1;
	if (b->m.uidvalidity != b->uidvalidity) {
		b->m.uidvalidity = b->uidvalidity;
		b->m.uidnext = 1;
		b->m.highestmodseq = 0;
	}
	if (b->m.uidnext == 0)
		b->m.uidnext = 1;
	if (b->m.uidnext > 1 && box_changes(b) < 0)
		return -1;
	if ((!b->uidnext || b->uidnext > b->m.uidnext) && box_new(b) < 0)
		return -1;
	if (box_dates(b) < 0)
		return -1;
	return box_finish(b);
}

int sync_mailbox(struct sync_conn *c, struct store *s,
		 const struct sync_config *cfg, const char *name,
		 sync_progress_fn fn, void *ctx, struct sync_stats *st,
		 struct err *e)
{
	struct box b = {.c = c,
			.s = s,
			.cfg = cfg,
			.st = st,
			.fn = fn,
			.fnctx = ctx,
			.e = e,
			.name = name};
	int rc;

	b.pr.mailbox = name;
	pthread_mutex_init(&b.spent_mu, NULL);
	rc = box_sync(&b);
	pthread_mutex_destroy(&b.spent_mu);
	if (rc < 0)
		err_prefix(e, "%s", name);
	else
		st->mailboxes++;
	return rc;
}

int sync_run(struct store *s, const struct sync_config *cfg,
	     sync_progress_fn fn, void *ctx, struct sync_stats *st,
	     struct err *e)
{
	const struct config_list *boxes = &cfg->config->imap.mailboxes;
	struct sync_conn c;
	int rc;

	sync_conn_init(&c);
	rc = sync_conn_open(&c, cfg, e);
	for (size_t i = 0; rc == 0 && i < boxes->n; i++)
		rc = sync_mailbox(&c, s, cfg, boxes->v[i], fn, ctx, st, e);
	sync_conn_destroy(&c);
	return rc;
}
