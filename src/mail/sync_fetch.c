/* sync_fetch.c: UID FETCH with a per-message handler, so a large answer is
 * read message by message instead of held whole; reading FLAGS,
 * INTERNALDATE, MODSEQ and the body out of libetpan's structures; VANISHED
 * collected from every response (libetpan keeps only the first); UID
 * SEARCH and UID sets. */
#include "sync_priv.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

void sync_uids_add(struct sync_uids *u, uint32_t uid)
{
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 256;
		u->v = xreallocarray(u->v, u->cap, sizeof *u->v);
	}
	u->v[u->n++] = uid;
}

void sync_uids_free(struct sync_uids *u)
{
	free(u->v);
	memset(u, 0, sizeof *u);
}

static int uid_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Sorts and removes duplicates. */
static void uids_normalize(struct sync_uids *u)
{
	size_t k = 0;

	if (u->n < 2)
		return;
	qsort(u->v, u->n, sizeof *u->v, uid_cmp);
	for (size_t i = 1; i < u->n; i++)
		if (u->v[i] != u->v[k])
			u->v[++k] = u->v[i];
	u->n = k + 1;
}

struct mailimap_set *sync_set_of(const uint32_t *uids, size_t n)
{
	struct mailimap_set *set = mailimap_set_new_empty();
	size_t i = 0;

	while (i < n) {
		size_t j = i;

		while (j + 1 < n && uids[j + 1] == uids[j] + 1)
			j++;
		mailimap_set_add_interval(set, uids[i], uids[j]);
		i = j + 1;
	}
	return set;
}

/* ---- reading one FETCH response ---- */

static int64_t date_time(const struct mailimap_date_time *d)
{
	return date_to_unix(d->dt_year, d->dt_month, d->dt_day, d->dt_hour,
			    d->dt_min, d->dt_sec, d->dt_zone);
}

static void flag_text(struct buf *b, const struct mailimap_flag *f)
{
	static const char *const names[] = {
	    [MAILIMAP_FLAG_ANSWERED] = "\\Answered",
	    [MAILIMAP_FLAG_FLAGGED] = "\\Flagged",
	    [MAILIMAP_FLAG_DELETED] = "\\Deleted",
	    [MAILIMAP_FLAG_SEEN] = "\\Seen",
	    [MAILIMAP_FLAG_DRAFT] = "\\Draft",
	};

	if (b->len)
		buf_putc(b, ' ');
	if (f->fl_type == MAILIMAP_FLAG_KEYWORD && f->fl_data.fl_keyword)
		buf_puts(b, f->fl_data.fl_keyword);
	else if (f->fl_type == MAILIMAP_FLAG_EXTENSION &&
		 f->fl_data.fl_extension)
		buf_printf(b, "\\%s", f->fl_data.fl_extension);
	else if (f->fl_type >= 0 && f->fl_type <= MAILIMAP_FLAG_DRAFT)
		buf_puts(b, names[f->fl_type]);
}

/* \Recent belongs to one session, so it is not kept. */
static char *flags_text(clist *l)
{
	struct buf b = BUF_INIT;

	for (clistiter *it = l ? clist_begin(l) : NULL; it;
	     it = clist_next(it)) {
		struct mailimap_flag_fetch *ff = clist_content(it);

		if (ff->fl_type == MAILIMAP_FLAG_FETCH_OTHER && ff->fl_flag)
			flag_text(&b, ff->fl_flag);
	}
	buf_reserve(&b, 0);
	return buf_steal(&b);
}

static void static_read(const struct mailimap_msg_att_static *s,
			struct sync_att *a)
{
	switch (s->att_type) {
	case MAILIMAP_MSG_ATT_UID:
		a->uid = s->att_data.att_uid;
		break;
	case MAILIMAP_MSG_ATT_RFC822_SIZE:
		a->size = s->att_data.att_rfc822_size;
		break;
	case MAILIMAP_MSG_ATT_INTERNALDATE:
		if (s->att_data.att_internal_date)
			a->internal_date =
			    date_time(s->att_data.att_internal_date);
		break;
	case MAILIMAP_MSG_ATT_BODY_SECTION:
		if (s->att_data.att_body_section) {
			a->raw = s->att_data.att_body_section->sec_body_part;
			a->len = s->att_data.att_body_section->sec_length;
			a->has_body = true;
		}
		break;
	}
}

static void ext_read(const struct mailimap_extension_data *x,
		     struct sync_att *a)
{
	const struct mailimap_condstore_fetch_mod_resp *m;

	if (!x || x->ext_extension->ext_id != MAILIMAP_EXTENSION_CONDSTORE ||
	    x->ext_type != MAILIMAP_CONDSTORE_TYPE_FETCH_DATA)
		return;
	m = x->ext_data;
	if (m)
		a->modseq = m->cs_modseq_value;
}

static void att_read(struct mailimap_msg_att *ma, struct sync_att *a)
{
	for (clistiter *it = clist_begin(ma->att_list); it;
	     it = clist_next(it)) {
		struct mailimap_msg_att_item *item = clist_content(it);

		if (item->att_type == MAILIMAP_MSG_ATT_ITEM_STATIC &&
		    item->att_data.att_static)
			static_read(item->att_data.att_static, a);
		else if (item->att_type == MAILIMAP_MSG_ATT_ITEM_DYNAMIC &&
			 item->att_data.att_dyn && !a->flags)
			a->flags = flags_text(item->att_data.att_dyn->att_list);
		else if (item->att_type == MAILIMAP_MSG_ATT_ITEM_EXTENSION)
			ext_read(item->att_data.att_extension_data, a);
	}
}

struct fetch_run {
	sync_att_fn fn;
	void *ctx;
	int rc; /* the first failure of fn; later messages are skipped */
};

static void att_handler(struct mailimap_msg_att *ma, void *ctx)
{
	struct fetch_run *run = ctx;
	struct sync_att a;

	if (run->rc)
		return;
	memset(&a, 0, sizeof a);
	att_read(ma, &a);
	if (a.uid)
		run->rc = run->fn(run->ctx, &a);
	free(a.flags);
}

/* libetpan calls the handler only when a progress function is set. */
static void progress_none(size_t cur, size_t max, void *ctx)
{
	(void)cur;
	(void)max;
	(void)ctx;
}

static struct mailimap_fetch_type *fetch_type(int items)
{
	struct mailimap_fetch_type *ft =
	    mailimap_fetch_type_new_fetch_att_list_empty();

	mailimap_fetch_type_new_fetch_att_list_add(
	    ft, mailimap_fetch_att_new_uid());
	if (items & SYNC_F_FLAGS)
		mailimap_fetch_type_new_fetch_att_list_add(
		    ft, mailimap_fetch_att_new_flags());
	if (items & SYNC_F_MODSEQ)
		mailimap_fetch_type_new_fetch_att_list_add(
		    ft, mailimap_fetch_att_new_modseq());
	if (items & SYNC_F_DATE)
		mailimap_fetch_type_new_fetch_att_list_add(
		    ft, mailimap_fetch_att_new_internaldate());
	if (items & SYNC_F_SIZE)
		mailimap_fetch_type_new_fetch_att_list_add(
		    ft, mailimap_fetch_att_new_rfc822_size());
	if (items & SYNC_F_BODY)
		mailimap_fetch_type_new_fetch_att_list_add(
		    ft, mailimap_fetch_att_new_body_peek_section(
			    mailimap_section_new(NULL)));
	return ft;
}

static void vanished_add(struct sync_uids *out,
			 const struct mailimap_qresync_vanished *v,
			 uint32_t max)
{
	clist *l = v && v->qr_known_uids ? v->qr_known_uids->set_list : NULL;

	for (clistiter *it = l ? clist_begin(l) : NULL; it;
	     it = clist_next(it)) {
		struct mailimap_set_item *si = clist_content(it);
		uint32_t hi = si->set_last == 0 || si->set_last > max
				  ? max
				  : si->set_last;

		for (uint32_t u = si->set_first; u && u <= hi; u++) {
			sync_uids_add(out, u);
			if (u == UINT32_MAX)
				break;
		}
	}
}

/* Every VANISHED of the last command, not only the first. */
static void vanished_collect(struct sync_conn *c, struct sync_uids *out,
			     uint32_t max)
{
	struct mailimap_response_info *ri = c->imap->imap_response_info;
	clist *l = ri ? ri->rsp_extension_list : NULL;

	for (clistiter *it = l ? clist_begin(l) : NULL; it;
	     it = clist_next(it)) {
		struct mailimap_extension_data *x = clist_content(it);

		if (x &&
		    x->ext_extension->ext_id == MAILIMAP_EXTENSION_QRESYNC &&
		    x->ext_type == MAILIMAP_QRESYNC_TYPE_VANISHED)
			vanished_add(out, x->ext_data, max);
	}
}

static uint32_t set_max(const struct mailimap_set *set)
{
	uint32_t max = 0;

	for (clistiter *it = clist_begin(set->set_list); it;
	     it = clist_next(it)) {
		struct mailimap_set_item *si = clist_content(it);
		uint32_t hi = si->set_last ? si->set_last : UINT32_MAX;

		if (hi > max)
			max = hi;
	}
	return max;
}

int sync_fetch(struct sync_conn *c, struct mailimap_set *set, int items,
	       uint64_t changedsince, struct sync_uids *vanished,
	       sync_att_fn fn, void *ctx, struct err *e)
{
	struct mailimap_fetch_type *ft = fetch_type(items);
	struct mailimap_qresync_vanished *van = NULL;
	struct fetch_run run = {fn, ctx, 0};
	clist *res = NULL;
	int r;

	mailimap_set_msg_att_handler(c->imap, att_handler, &run);
	mailimap_set_progress_callback(c->imap, NULL, progress_none, NULL);
	if (vanished)
		r = mailimap_uid_fetch_qresync(c->imap, set, ft, changedsince,
					       &res, &van);
	else if (changedsince)
		r = mailimap_uid_fetch_changedsince(c->imap, set, ft,
						    changedsince, &res);
	else
		r = mailimap_uid_fetch(c->imap, set, ft, &res);
	mailimap_set_msg_att_handler(c->imap, NULL, NULL);
	mailimap_set_progress_callback(c->imap, NULL, NULL, NULL);
	mailimap_fetch_type_free(ft);
	/* On failure libetpan has freed the list without resetting res. */
	if (!sync_ok(r))
		return sync_conn_fail(c, r, "UID FETCH failed", e);
	if (res)
		mailimap_fetch_list_free(res);
	if (vanished) {
		vanished_add(vanished, van, set_max(set));
		vanished_collect(c, vanished, set_max(set));
		uids_normalize(vanished);
	}
	if (van)
		mailimap_qresync_vanished_free(van);
	return run.rc ? -1 : 0;
}

/* UID SEARCH key, the UIDs lo..hi of its answer into *out (ascending);
 * takes key. */
static int search(struct sync_conn *c, struct mailimap_search_key *key,
		  uint32_t lo, uint32_t hi, struct sync_uids *out,
		  struct err *e)
{
	clist *res = NULL;
	int r = mailimap_uid_search(c->imap, NULL, key, &res);

	mailimap_search_key_free(key);
	if (!sync_ok(r))
		return sync_conn_fail(c, r, "UID SEARCH failed", e);
	for (clistiter *it = res ? clist_begin(res) : NULL; it;
	     it = clist_next(it)) {
		uint32_t *u = clist_content(it);

		if (*u >= lo && *u <= hi)
			sync_uids_add(out, *u);
	}
	if (res)
		mailimap_search_result_free(res);
	uids_normalize(out);
	return 0;
}

int sync_search_uids(struct sync_conn *c, uint32_t lo, uint32_t hi,
		     struct sync_uids *out, struct err *e)
{
	struct mailimap_set *set = mailimap_set_new_interval(lo, hi);

	return search(c, mailimap_search_key_new_uid(set), lo, hi, out, e);
}

/* The search key of a flag, or with un of its absence: the system flags
 * have their own keys, any other flag is a keyword. */
static struct mailimap_search_key *flag_key(const char *flag, bool un)
{
	static const struct {
		const char *name;
		int type, untype;
	} sys[] = {
	    {"\\Seen", MAILIMAP_SEARCH_KEY_SEEN, MAILIMAP_SEARCH_KEY_UNSEEN},
	    {"\\Answered", MAILIMAP_SEARCH_KEY_ANSWERED,
	     MAILIMAP_SEARCH_KEY_UNANSWERED},
	    {"\\Flagged", MAILIMAP_SEARCH_KEY_FLAGGED,
	     MAILIMAP_SEARCH_KEY_UNFLAGGED},
	    {"\\Deleted", MAILIMAP_SEARCH_KEY_DELETED,
	     MAILIMAP_SEARCH_KEY_UNDELETED},
	    {"\\Draft", MAILIMAP_SEARCH_KEY_DRAFT, MAILIMAP_SEARCH_KEY_UNDRAFT},
	};

	for (size_t i = 0; i < sizeof sys / sizeof *sys; i++)
		if (strcasecmp(flag, sys[i].name) == 0)
			return mailimap_search_key_new(
			    un ? sys[i].untype : sys[i].type, NULL, NULL, NULL,
			    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
			    NULL, NULL, NULL, 0, NULL, NULL, NULL, NULL, NULL,
			    NULL, 0, NULL, NULL, NULL);
	return un ? mailimap_search_key_new_unkeyword(xstrdup(flag))
		  : mailimap_search_key_new_keyword(xstrdup(flag));
}

int sync_search_flag(struct sync_conn *c, const char *flag, bool un,
		     uint32_t lo, uint32_t hi, struct sync_uids *out,
		     struct err *e)
{
	return search(c, flag_key(flag, un), lo, hi, out, e);
}
