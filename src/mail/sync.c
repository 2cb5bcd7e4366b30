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

struct meta {
	uint32_t uid, size;
};

/* The sizes of new messages, asked for a window of UIDs at a time just
 * before they are needed, so that the first batch is on its way after one
 * short round trip rather than after the size of every message, and the
 * list stays short however large the mailbox. */
struct metas {
	struct meta *v;
	size_t n, cap;
	size_t head;	    /* v[head..n) wait for a batch */
	uint64_t pending;   /* their bytes */
	uint32_t lo;	    /* the next window starts here */
	uint32_t width;	    /* UIDs per window; doubles where UIDs are sparse */
	uint32_t min_uid;   /* of the window being fetched */
	bool done;	    /* lo:* was asked: every new message is known */
	uint64_t seen_n, seen_bytes;
};

/* UID FETCH lo:* answers with the last message even when its UID is
 * below lo, so the range is checked here. */
static int on_meta(void *ctx, struct sync_att *a)
{
	struct metas *m = ctx;

	if (a->uid < m->min_uid)
		return 0;
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 1024;
		m->v = xreallocarray(m->v, m->cap, sizeof *m->v);
	}
	m->v[m->n++] = (struct meta){a->uid, a->size};
	m->pending += a->size;
	m->seen_n++;
	m->seen_bytes += a->size;
	return 0;
}

/* The totals for the progress figures: exact once the last window is
 * known, until then the UIDs left below the server's UIDNEXT at their
 * average size so far. */
static void metas_totals(const struct box *b, const struct metas *mt,
			 uint64_t *n, uint64_t *bytes)
{
	uint64_t left = 0;

	if (!mt->done && b->uidnext > mt->lo)
		left = b->uidnext - mt->lo;
	*n = mt->seen_n + left;
	*bytes = mt->seen_bytes +
		 (mt->seen_n ? left * (mt->seen_bytes / mt->seen_n) : 0);
}

struct msg {
	uint32_t uid;
	int64_t internal_date;
	uint64_t modseq;
	char *flags;
	char *raw;
	size_t len;
	struct report *r;
};

struct batch {
	struct msg *v;
	size_t n, cap;
	uint64_t bytes;
	/* What the metadata announced, for the progress figures. */
	uint64_t meta_bytes;
	size_t meta_n;
	uint64_t total_n, total_bytes; /* the totals as known at its fetch */
	uint32_t next_uid; /* the mailbox state once the batch is stored */
};

static int on_body(void *ctx, struct sync_att *a)
{
	struct batch *bt = ctx;
	struct msg *m;

	if (!a->has_body)
		return 0;
	if (bt->n == bt->cap) {
		bt->cap = bt->cap ? bt->cap * 2 : 64;
		bt->v = xreallocarray(bt->v, bt->cap, sizeof *bt->v);
	}
	m = &bt->v[bt->n++];
	*m = (struct msg){.uid = a->uid,
			  .internal_date = a->internal_date,
			  .modseq = a->modseq,
			  .flags = a->flags,
			  .raw = xmalloc(a->len + 1),
			  .len = a->len};
	a->flags = NULL;
	if (a->len)
		memcpy(m->raw, a->raw, a->len);
	m->raw[a->len] = '\0';
	bt->bytes += a->len;
	return 0;
}

static void batch_free(void *item)
{
	struct batch *bt = item;

	for (size_t i = 0; i < bt->n; i++) {
		free(bt->v[i].flags);
		free(bt->v[i].raw);
		report_free(bt->v[i].r);
	}
	free(bt->v);
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
				      .len = m->len};
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
		b->pr.bytes_done += bt->meta_bytes;
		b->pr.messages_done += bt->meta_n;
		b->pr.messages_total = bt->total_n;
		b->pr.bytes_total = bt->total_bytes;
		progress(b);
	}
	batch_free(bt);
	return rc < 0 ? -1 : 0;
}

/* The middle stage, on its own thread so that the next batch is fetched
 * while this one is analysed: analyses the batch and hands it on to the
 * writer. A rebind needs no analysis: it is tried first, on the writer. */
static int batch_analyse(void *ctx, void *item, struct err *e)
{
	struct box *b = ctx;
	struct batch *bt = item;

	for (size_t i = 0; !b->rebind && i < bt->n; i++)
		bt->v[i].r = analyze(&bt->v[i], b->cfg);
	if (sync_pipe_push(b->writer, bt) < 0)
		return err_set(e, "the cache writer stopped");
	return 0;
}

/* Fetches one batch on this thread and queues it for analysis. */
static int batch_run(struct box *b, struct sync_pipe *p, struct metas *mt,
		     size_t n)
{
	struct batch *bt = xcalloc(1, sizeof *bt);
	uint32_t *uids = xreallocarray(NULL, n, sizeof *uids);
	const struct meta *v = mt->v + mt->head;
	struct mailimap_set *set;
	int items = SYNC_F_FLAGS | SYNC_F_BODY;
	int rc;

	for (size_t i = 0; i < n; i++) {
		uids[i] = v[i].uid;
		bt->meta_bytes += v[i].size;
	}
	bt->meta_n = n;
	mt->head += n;
	mt->pending -= bt->meta_bytes;
	metas_totals(b, mt, &bt->total_n, &bt->total_bytes);
	bt->next_uid = v[n - 1].uid + 1;
	set = sync_set_of(uids, n);
	free(uids);
	if (b->c->condstore)
		items |= SYNC_F_MODSEQ;
	rc = sync_fetch(b->c, set, items, 0, NULL, on_body, bt, b->e);
	mailimap_set_free(set);
	if (rc < 0) {
		batch_free(bt);
		return -1;
	}
	return sync_pipe_push(p, bt) < 0 ? 1 : 0;
}

/* How many of v (at least one) fit in one batch. */
static size_t batch_len(const struct meta *v, size_t n, size_t limit)
{
	size_t k = 0, sum = 0;

	while (k < n && (k == 0 || sum + v[k].size <= limit))
		sum += v[k++].size;
	return k;
}

/* Sizes of the next window of UIDs. The last window is lo:*, which also
 * takes in what arrived since EXAMINE. */
static int metas_window(struct box *b, struct metas *mt)
{
	uint32_t hi = mt->lo + mt->width - 1;
	size_t before = mt->n;
	struct mailimap_set *set;
	int rc;

	if (mt->head > 0 && mt->head * 2 >= mt->n) {
		memmove(mt->v, mt->v + mt->head,
			(mt->n - mt->head) * sizeof *mt->v);
		mt->n -= mt->head;
		before = mt->n;
		mt->head = 0;
	}
	mt->done = !b->uidnext || hi < mt->lo || hi + 1 >= b->uidnext;
	set = mailimap_set_new_interval(mt->lo, mt->done ? 0 : hi);
	mt->min_uid = mt->lo;
	rc = sync_fetch(b->c, set, SYNC_F_SIZE, 0, NULL, on_meta, mt, b->e);
	mailimap_set_free(set);
	if (!mt->done) {
		mt->lo = hi + 1;
		if ((mt->n - before) * 2 < mt->width && mt->width < (1u << 30))
			mt->width *= 2;
	}
	return rc;
}

/* Windows are fetched until a whole batch is known, or the last one. */
static int metas_fill(struct box *b, struct metas *mt, size_t limit)
{
	while (!mt->done && mt->pending < limit)
		if (metas_window(b, mt) < 0)
			return -1;
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
	if (wrc < 0)
		*b->e = we;
	else if (arc < 0)
		*b->e = ae;
	return wrc < 0 || arc < 0 || rc < 0 ? -1 : 0;
}

/* Three stages: this thread fetches, one thread analyses, one writes. */
static int batches(struct box *b, struct metas *mt, size_t limit)
{
	struct sync_pipe *an = NULL;
	size_t k;
	int rc;

	b->writer = sync_pipe_start(batch_store, batch_free, b, b->e);
	if (b->writer)
		an = sync_pipe_start(batch_analyse, batch_free, b, b->e);
	rc = an ? 0 : -1;
	while (rc == 0 && (rc = metas_fill(b, mt, limit)) == 0 &&
	       mt->head < mt->n) {
		k = batch_len(mt->v + mt->head, mt->n - mt->head, limit);
		rc = batch_run(b, an, mt, k);
	}
	return stages_finish(b, an, rc);
}

static int box_new(struct box *b)
{
	size_t limit =
	    b->cfg->batch_bytes ? b->cfg->batch_bytes : SYNC_BATCH_BYTES;
	struct metas mt = {.lo = b->m.uidnext,
			   .width = b->cfg->meta_window ? b->cfg->meta_window
							: SYNC_META_WINDOW};
	int64_t unbound = 0;
	int rc = 0;

	while (rc == 0 && mt.n == 0 && !mt.done)
		rc = metas_window(b, &mt);
	if (rc == 0 && mt.n)
		rc = store_sync_unbound_load(b->s, b->m.id, &unbound, b->e);
	b->rebind = unbound > 0;
	if (rc == 0 && mt.n) {
		metas_totals(b, &mt, &b->pr.messages_total,
			     &b->pr.bytes_total);
		progress(b);
		rc = batches(b, &mt, limit);
	}
	free(mt.v);
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
	rc = box_sync(&b);
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
