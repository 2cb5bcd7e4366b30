/* test_imap_write.c: mail/imap_write against a harness Dovecot: keywords
 * and \Answered added and taken away by UID, nothing written when the
 * UIDVALIDITY is not the one given, APPEND with \Seen (also into a mailbox
 * that does not exist yet), and the look for a Message-ID.
 * Run by tests/integration/imap_write.sh, which puts three messages (UIDs
 * 1-3) in INBOX; without its variables every test is skipped. */
#include "mail/imap.h"
#include "mail/imap_write.h"

#include <libetpan/libetpan.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

static struct imap *login(void **state)
{
	struct err e = {{0}};
	struct imap_params p = {
	    .host = env("HARNESS_HOST"),
	    .tls = IMAP_TLS_IMPLICIT,
	    .user = env("HARNESS_USER"),
	    .password = env("HARNESS_PASS"),
	    .ca_file = env("HARNESS_CA"),
	    .timeout = 10,
	};
	struct imap *im;

	(void)state;
	if (!env("HARNESS_IMAPS_PORT")) {
		print_message("# run tests/integration/imap_write.sh\n");
		skip();
	}
	p.port = (unsigned)strtoul(env("HARNESS_IMAPS_PORT"), NULL, 10);
	im = imap_connect(&p, &e);
	if (!im)
		fail_msg("%s", e.msg);
	return im;
}

/* The flags of message uid in mailbox, as "\Seen $AbuseResolved " (each
 * followed by a space), read with a plain FETCH. */
static void flags_of(struct imap *im, const char *mailbox, uint32_t uid,
		     char *out, size_t size)
{
	mailimap *s = imap_session(im);
	struct mailimap_fetch_type *ft =
	    mailimap_fetch_type_new_fetch_att_list_empty();
	struct mailimap_set *set = mailimap_set_new_single(uid);
	clist *res = NULL;

	*out = 0;
	assert_int_equal(mailimap_examine(s, mailbox), MAILIMAP_NO_ERROR);
	mailimap_fetch_type_new_fetch_att_list_add(
	    ft, mailimap_fetch_att_new_flags());
	assert_int_equal(mailimap_uid_fetch(s, set, ft, &res),
			 MAILIMAP_NO_ERROR);
	for (clistiter *c = clist_begin(res); c; c = clist_next(c)) {
		struct mailimap_msg_att *att = clist_content(c);

		for (clistiter *i = clist_begin(att->att_list); i;
		     i = clist_next(i)) {
			struct mailimap_msg_att_item *it = clist_content(i);
			struct mailimap_msg_att_dynamic *dyn;

			if (it->att_type != MAILIMAP_MSG_ATT_ITEM_DYNAMIC)
				continue;
			dyn = it->att_data.att_dyn;
			for (clistiter *f = dyn && dyn->att_list
						? clist_begin(dyn->att_list)
						: NULL;
			     f; f = clist_next(f)) {
				struct mailimap_flag_fetch *ff =
				    clist_content(f);
				struct mailimap_flag *fl = ff->fl_flag;
				const char *name =
				    !fl ? "\\Recent"
				    : fl->fl_type == MAILIMAP_FLAG_KEYWORD
					? fl->fl_data.fl_keyword
				    : fl->fl_type == MAILIMAP_FLAG_SEEN
					? "\\Seen"
				    : fl->fl_type == MAILIMAP_FLAG_ANSWERED
					? "\\Answered"
					: "\\Other";

				strncat(out, name, size - strlen(out) - 2);
				strcat(out, " ");
			}
		}
	}
	mailimap_fetch_list_free(res);
	mailimap_fetch_type_free(ft);
	mailimap_set_free(set);
}

static bool has_flag(struct imap *im, const char *mailbox, uint32_t uid,
		     const char *flag)
{
	char flags[512], want[128];

	flags_of(im, mailbox, uid, flags, sizeof flags);
	snprintf(want, sizeof want, "%s ", flag);
	return strstr(flags, want) != NULL;
}

static uint32_t inbox_uidvalidity(struct imap *im)
{
	mailimap *s = imap_session(im);

	assert_int_equal(mailimap_examine(s, "INBOX"), MAILIMAP_NO_ERROR);
	return s->imap_selection_info->sel_uidvalidity;
}

static void test_keywords_are_added_and_taken_away(void **state)
{
	struct imap *im = login(state);
	static const char *const names[] = {"$AbuseResolved", "\\Answered"};
	struct imap_flags flags = {names, 2};
	uint32_t uids[] = {1, 3};
	uint32_t uv = inbox_uidvalidity(im);
	struct err e = {{0}};

	assert_int_equal(
	    imap_uid_flags(im, "INBOX", uv, uids, 2, &flags, true, &e),
	    IMAP_WRITE_DONE);
	assert_true(has_flag(im, "INBOX", 1, "$AbuseResolved"));
	assert_true(has_flag(im, "INBOX", 3, "$AbuseResolved"));
	assert_true(has_flag(im, "INBOX", 3, "\\Answered"));
	assert_false(has_flag(im, "INBOX", 2, "$AbuseResolved"));
	/* Taken away again, on one message; the other keeps it. */
	flags.n = 1;
	assert_int_equal(
	    imap_uid_flags(im, "INBOX", uv, uids, 1, &flags, false, &e),
	    IMAP_WRITE_DONE);
	assert_false(has_flag(im, "INBOX", 1, "$AbuseResolved"));
	assert_true(has_flag(im, "INBOX", 3, "$AbuseResolved"));
	imap_close(im);
}

static void test_a_changed_uidvalidity_writes_nothing(void **state)
{
	struct imap *im = login(state);
	static const char *const names[] = {"$AbuseIgnored"};
	struct imap_flags flags = {names, 1};
	uint32_t uid = 2;
	uint32_t uv = inbox_uidvalidity(im);
	struct err e = {{0}};

	assert_int_equal(
	    imap_uid_flags(im, "INBOX", uv + 1, &uid, 1, &flags, true, &e),
	    IMAP_WRITE_STALE);
	assert_false(has_flag(im, "INBOX", 2, "$AbuseIgnored"));
	imap_close(im);
}

static void test_a_missing_mailbox_is_an_error(void **state)
{
	struct imap *im = login(state);
	static const char *const names[] = {"$AbuseIgnored"};
	struct imap_flags flags = {names, 1};
	uint32_t uid = 2;
	struct err e = {{0}};

	assert_int_equal(
	    imap_uid_flags(im, "No/Such", 0, &uid, 1, &flags, true, &e), -1);
	assert_non_null(strstr(e.msg, "No/Such"));
	imap_close(im);
}

static const char sent[] = "From: ops@example.net\r\n"
			   "To: r1@example.org\r\n"
			   "Subject: Re: report 1\r\n"
			   "Message-ID: <reply-1@example.net>\r\n"
			   "\r\n"
			   "Done.\r\n";

static void test_append_files_the_message_seen(void **state)
{
	struct imap *im = login(state);
	static const char *const names[] = {"\\Seen"};
	struct imap_flags flags = {names, 1};
	uint32_t uid = 0;
	struct err e = {{0}};

	assert_int_equal(
	    imap_has_message_id(im, "Sent", "<reply-1@example.net>", &e), 0);
	assert_int_equal(
	    imap_append(im, "Sent", sent, strlen(sent), &flags, &uid, &e), 0);
	assert_true(uid > 0);
	assert_true(has_flag(im, "Sent", uid, "\\Seen"));
	assert_int_equal(
	    imap_has_message_id(im, "Sent", "<reply-1@example.net>", &e), 1);
	/* An id inside a longer one is not the same id. */
	assert_int_equal(
	    imap_has_message_id(im, "Sent", "<ply-1@example.net>", &e), 0);
	imap_close(im);
}

static void test_append_makes_a_missing_mailbox(void **state)
{
	struct imap *im = login(state);
	struct err e = {{0}};

	assert_int_equal(
	    imap_append(im, "Outgoing", sent, strlen(sent), NULL, NULL, &e), 0);
	assert_int_equal(
	    imap_has_message_id(im, "Outgoing", "<reply-1@example.net>", &e),
	    1);
	imap_close(im);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_keywords_are_added_and_taken_away),
	    cmocka_unit_test(test_a_changed_uidvalidity_writes_nothing),
	    cmocka_unit_test(test_a_missing_mailbox_is_an_error),
	    cmocka_unit_test(test_append_files_the_message_seen),
	    cmocka_unit_test(test_append_makes_a_missing_mailbox),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
