/* imap_write.c: flags by UID, APPEND, and a look for a Message-ID, each
 * on a mailbox it SELECTs itself (a session left EXAMINEd read-only by
 * the sync could not write). */
#include "mail/imap_write.h"
#include "mail/imap.h"

#include <libetpan/libetpan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool write_ok(int r)
{
	return r == MAILIMAP_NO_ERROR || r == MAILIMAP_NO_ERROR_AUTHENTICATED ||
	       r == MAILIMAP_NO_ERROR_NON_AUTHENTICATED;
}

static int fail(struct imap *im, int r, const char *what, const char *mailbox,
		struct err *e)
{
	char text[200];

	snprintf(text, sizeof text, "%s in %s", what, mailbox);
	return imap_fail(im, r, text, e);
}

/* SELECTs mailbox read-write; *uidvalidity gets its UIDVALIDITY. */
static int select_box(struct imap *im, const char *mailbox,
		      uint32_t *uidvalidity, struct err *e)
{
	mailimap *s = imap_session(im);
	int r = mailimap_select(s, mailbox);

	if (!write_ok(r) || !s->imap_selection_info)
		return fail(im, r, "cannot open the mailbox", mailbox, e);
	*uidvalidity = s->imap_selection_info->sel_uidvalidity;
	return 0;
}

static struct mailimap_flag *flag_new(const char *name)
{
	static const struct {
		const char *name;
		struct mailimap_flag *(*make)(void);
	} system_flags[] = {
	    {"\\Seen", mailimap_flag_new_seen},
	    {"\\Answered", mailimap_flag_new_answered},
	    {"\\Flagged", mailimap_flag_new_flagged},
	    {"\\Deleted", mailimap_flag_new_deleted},
	    {"\\Draft", mailimap_flag_new_draft},
	};
	char *keyword;

	for (size_t i = 0; i < sizeof system_flags / sizeof system_flags[0];
	     i++)
		if (strcasecmp(name, system_flags[i].name) == 0)
			return system_flags[i].make();
	if (name[0] == '\\')
		return NULL; /* a system flag we do not write */
	keyword = strdup(name);
	return keyword ? mailimap_flag_new_flag_keyword(keyword) : NULL;
}

/* NULL when a flag cannot be written (unknown system flag, memory). */
static struct mailimap_flag_list *flag_list_new(const struct imap_flags *f)
{
	struct mailimap_flag_list *fl = mailimap_flag_list_new_empty();

	for (size_t i = 0; fl && f && i < f->n; i++) {
		struct mailimap_flag *flag = flag_new(f->v[i]);

		if (!flag ||
		    mailimap_flag_list_add(fl, flag) != MAILIMAP_NO_ERROR) {
			if (flag)
				mailimap_flag_free(flag);
			mailimap_flag_list_free(fl);
			return NULL;
		}
	}
	return fl;
}

static struct mailimap_set *uid_set_new(const uint32_t *uids, size_t n)
{
	struct mailimap_set *set = mailimap_set_new_empty();

	for (size_t i = 0; set && i < n; i++)
		if (mailimap_set_add_single(set, uids[i]) !=
		    MAILIMAP_NO_ERROR) {
			mailimap_set_free(set);
			return NULL;
		}
	return set;
}

static int store_flags(struct imap *im, const char *mailbox,
		       const uint32_t *uids, size_t n,
		       const struct imap_flags *flags, bool add, struct err *e)
{
	struct mailimap_flag_list *fl = flag_list_new(flags);
	struct mailimap_set *set = fl ? uid_set_new(uids, n) : NULL;
	struct mailimap_store_att_flags *sf = NULL;
	int r;

	if (set)
		sf = add ? mailimap_store_att_flags_new_add_flags_silent(fl)
			 : mailimap_store_att_flags_new_remove_flags_silent(fl);
	if (!sf) {
		if (set)
			mailimap_set_free(set);
		if (fl)
			mailimap_flag_list_free(fl);
		return err_set(e,
			       "cannot write flags in %s: a flag is not one "
			       "IMAP can store, or out of memory",
			       mailbox);
	}
	r = mailimap_uid_store(imap_session(im), set, sf);
	mailimap_store_att_flags_free(sf);
	mailimap_set_free(set);
	if (!write_ok(r))
		return fail(im, r, "cannot store flags", mailbox, e);
	return 0;
}

int imap_uid_flags(struct imap *im, const char *mailbox, uint32_t uidvalidity,
		   const uint32_t *uids, size_t n_uids,
		   const struct imap_flags *flags, bool add, struct err *e)
{
	uint32_t now = 0;

	if (n_uids == 0 || !flags || flags->n == 0)
		return IMAP_WRITE_DONE;
	if (select_box(im, mailbox, &now, e) < 0)
		return -1;
	if (uidvalidity && now != uidvalidity)
		return IMAP_WRITE_STALE;
	if (store_flags(im, mailbox, uids, n_uids, flags, add, e) < 0)
		return -1;
	return IMAP_WRITE_DONE;
}

int imap_append(struct imap *im, const char *mailbox, const char *msg,
		size_t len, const struct imap_flags *flags, uint32_t *uid,
		struct err *e)
{
	struct mailimap_flag_list *fl = NULL;
	uint32_t uidvalidity = 0, new_uid = 0;
	int r;

	if (uid)
		*uid = 0;
	if (flags && flags->n && !(fl = flag_list_new(flags)))
		return err_set(e,
			       "cannot append to %s: a flag is not one "
			       "IMAP can store, or out of memory",
			       mailbox);
	r = mailimap_uidplus_append(imap_session(im), mailbox, fl, NULL, msg,
				    len, &uidvalidity, &new_uid);
	/* A configured mailbox that does not exist yet ([TRYCREATE]) is
	 * made once, as mail clients do with their Sent folder. */
	if (r == MAILIMAP_ERROR_APPEND && imap_alive(im) &&
	    write_ok(mailimap_create(imap_session(im), mailbox)))
		r = mailimap_uidplus_append(imap_session(im), mailbox, fl, NULL,
					    msg, len, &uidvalidity, &new_uid);
	if (fl)
		mailimap_flag_list_free(fl);
	if (!write_ok(r))
		return fail(im, r, "cannot append the message", mailbox, e);
	if (uid)
		*uid = new_uid;
	return 0;
}

/* A Message-ID as SEARCH HEADER wants it: the whole id; the server
 * matches substrings, so the brackets keep one id from matching a longer
 * one that contains it. */
int imap_has_message_id(struct imap *im, const char *mailbox,
			const char *message_id, struct err *e)
{
	struct mailimap_search_key *key;
	clist *found = NULL;
	uint32_t uidvalidity = 0;
	char *name, *value;
	int r, n;

	if (select_box(im, mailbox, &uidvalidity, e) < 0)
		return -1;
	name = strdup("Message-ID");
	value = strdup(message_id);
	key =
	    name && value ? mailimap_search_key_new_header(name, value) : NULL;
	if (!key) {
		free(name);
		free(value);
		return err_set(e, "out of memory");
	}
	r = mailimap_uid_search(imap_session(im), NULL, key, &found);
	mailimap_search_key_free(key);
	if (!write_ok(r))
		return fail(im, r, "cannot search", mailbox, e);
	n = found && !clist_isempty(found);
	if (found)
		mailimap_search_result_free(found);
	return n;
}
