/* sync.c: the sync of one mailbox — EXAMINE, the nothing-changed fast path,
 * UIDVALIDITY changes, flag changes and expunges (QRESYNC, CONDSTORE or a
 * sweep), then new messages (sync_new.c). */
#include "sync_priv.h"
#include "core/config.h"
#include "core/xalloc.h"
#include "store/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* ---- one mailbox ---- */

static int box_select(struct box *b)
{
	struct mailimap_selection_info *sel;

	if (sync_conn_examine(b->c, b->name, &b->hms, b->e) < 0)
		return -1;
	sel = b->c->imap->imap_selection_info;
	b->uidvalidity = sel->sel_uidvalidity;
	b->uidnext = sel->sel_uidnext;
	b->exists = sel->sel_exists;
	return 0;
}

static bool box_unchanged(const struct box *b)
{
	return b->m.uidvalidity == b->uidvalidity && b->uidnext &&
	       b->m.uidnext == b->uidnext && b->hms &&
	       b->m.highestmodseq == b->hms;
}

/* The flags a quiet pass looks at: the system flags and the shared
 * keywords (sync_flags.c); a keyword of another client's own shows at
 * the next pass that finds a change. */
static const char *const system_flags[] = {"\\Seen", "\\Answered", "\\Flagged",
					   "\\Deleted", "\\Draft"};
enum { N_SYSTEM_FLAGS = sizeof system_flags / sizeof *system_flags };

static const char *quiet_flag(size_t i)
{
	return i < N_SYSTEM_FLAGS ? system_flags[i]
				  : sync_flags_shared(i - N_SYSTEM_FLAGS);
}

enum { QUIET_MAX = 16 };

/* The names of quiet_flag() in flags; their number. */
static size_t quiet_flags(const char *flags[QUIET_MAX])
{
	size_t n = 0;

	while (n < QUIET_MAX && quiet_flag(n)) {
		flags[n] = quiet_flag(n);
		n++;
	}
	return n;
}

/* Whether the server's messages with flag are the cache's (here, of all
 * its present ones). When most carry it, the messages without it are
 * asked for instead: the shorter answer. */
static int flag_same(struct box *b, const char *flag,
		     const struct store_digest *here,
		     const struct store_digest *all, bool *same)
{
	bool un = here->n > all->n / 2;
	struct store_digest want = *here, got = {0};
	struct sync_uids there = {0};
	int rc =
	    sync_search_flag(b->c, flag, un, 1, b->m.uidnext - 1, &there, b->e);

	if (un)
		want = (struct store_digest){all->n - here->n,
					     all->sum - here->sum};
	for (size_t i = 0; rc == 0 && i < there.n; i++)
		store_digest_add(&got, there.v[i]);
	*same = rc == 0 && got.n == want.n && got.sum == want.sum;
	sync_uids_free(&there);
	return rc;
}

/* Without CONDSTORE no HIGHESTMODSEQ says that nothing changed; the next
 * cheapest proof, before a sweep of every flag: the same UIDVALIDITY and
 * UIDNEXT (nothing new), EXISTS the number of messages the cache holds
 * present (nothing expunged), and each flag of quiet_flag() on the same
 * messages (one UID SEARCH each, against the cache's digests: a few rows,
 * not a pass over the mailbox). */
static int box_quiet(struct box *b, bool *quiet)
{
	const char *flags[QUIET_MAX];
	struct store_digest here[QUIET_MAX], all;
	size_t n = quiet_flags(flags);
	bool same = true;

	*quiet = false;
	if (b->hms || !b->uidnext || b->m.uidvalidity != b->uidvalidity ||
	    b->m.uidnext != b->uidnext)
		return 0;
	if (store_sync_digests(b->s, b->m.id, flags, n, here, &all, b->e) < 0)
		return -1;
	if (all.n != b->exists)
		return 0;
	for (size_t i = 0; same && i < n; i++)
		if (flag_same(b, flags[i], &here[i], &all, &same) < 0)
			return -1;
	*quiet = same;
	return 0;
}

/* After a pass that changed the mailbox, on a server without CONDSTORE:
 * the digests the next quiet pass compares are made now, by the pass that
 * already read the whole mailbox. */
static int box_digests(struct box *b)
{
	const char *flags[QUIET_MAX];
	struct store_digest here[QUIET_MAX], all;
	size_t n = quiet_flags(flags);

	if (b->c->condstore)
		return 0;
	return store_sync_digests(b->s, b->m.id, flags, n, here, &all, b->e);
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
	bool quiet = false;

	if (box_load(b) < 0 || box_select(b) < 0)
		return -1;
	if (box_unchanged(b))
		return 0;
	if (box_quiet(b, &quiet) < 0)
		return -1;
	if (quiet)
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
	if ((!b->uidnext || b->uidnext > b->m.uidnext) &&
	    sync_new_messages(b) < 0)
		return -1;
	if (box_finish(b) < 0)
		return -1;
	return box_digests(b);
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
	if (store_quarantine_absorb(s, e) < 0 ||
	    store_quarantine_load(s, &b.quarantine, e) < 0)
		return -1;
	pthread_mutex_init(&b.spent_mu, NULL);
	rc = box_sync(&b);
	/* New mail may be what the cache's dictionary is trained on, and
	 * what came before it is packed again with it (once). */
	if (rc == 0 && st->added > 0)
		rc = store_raw_maintain(s, 0, NULL, NULL, e);
	pthread_mutex_destroy(&b.spent_mu);
	store_quarantine_free(b.quarantine);
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
	if (rc == 0)
		rc = sync_conn_after_pass(&c, s, cfg, e);
	sync_conn_destroy(&c);
	return rc;
}
