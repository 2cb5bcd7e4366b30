/* test_sync.c: the sync algorithm against the harness Dovecot — first
 * sync, new mail, the nothing-changed fast path, flags and keywords from
 * another client, expunges, a UIDVALIDITY change, batches, \Seen never
 * set. Each test has its own mailbox and cache. Run by sync.sh, also
 * against servers that hide QRESYNC or CONDSTORE (SYNC_TEST_SERVER). */
#include "sync_test.h"

static bool no_condstore(void)
{
	const char *inst = getenv("SYNC_TEST_SERVER");

	return inst && strcmp(inst, "NOCOND") == 0;
}

static void test_sync_first_sync_stores_every_message_and_byte(void **state)
{
	struct sync_fx *f = fx_new("t-first");
	mailimap *m = other_open();
	struct sync_stats st = {0};
	uint64_t bytes;

	(void)state;
	other_create(m, "t-first");
	bytes = fill_box(m, "t-first", "first", 0, 300);
	fx_sync_ok(f, &st);
	assert_int_equal(st.added, 300);
	assert_int_equal(st.bytes, bytes);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), 300);
	assert_int_equal(q_int(f, "SELECT sum(size) FROM message"),
			 (int64_t)bytes);
	assert_int_equal(q_int(f, "SELECT count(DISTINCT uid) FROM message"),
			 300);
	assert_int_equal(q_int(f, "SELECT count(*) FROM report"), 300);
	other_close(m);
	fx_free(f);
}

static void test_sync_stores_the_exact_bytes(void **state)
{
	struct sync_fx *f = fx_new("t-bytes");
	mailimap *m = other_open();
	size_t len;
	char *msg = gen_message("bytes", 77, &len), *back = NULL;
	size_t back_len = 0;
	struct store *s;
	struct err e = {{0}};
	int64_t id;
	uint32_t uid;

	(void)state;
	other_create(m, "t-bytes");
	uid = other_append(m, "t-bytes", msg, len);
	fx_sync_ok(f, NULL);
	id = q_int(f, "SELECT id FROM message WHERE uid = %u", uid);
	s = store_open(f->db, &e);
	assert_non_null(s);
	/* Read back through the store, which keeps it compressed. */
	assert_int_equal(store_message_raw(s, id, &back, &back_len, &e), 1);
	assert_int_equal(back_len, len);
	assert_memory_equal(back, msg, len);
	store_close(s);
	free(back);
	free(msg);
	other_close(m);
	fx_free(f);
}

static void test_sync_new_mail_appears_on_next_sync(void **state)
{
	struct sync_fx *f = fx_new("t-new");
	mailimap *m = other_open();
	struct sync_stats st = {0};

	(void)state;
	other_create(m, "t-new");
	fill_box(m, "t-new", "new", 0, 5);
	fx_sync_ok(f, NULL);
	fill_box(m, "t-new", "new", 5, 3);
	fx_sync_ok(f, &st);
	assert_int_equal(st.added, 3);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), 8);
	assert_int_equal(
	    q_int(f, "SELECT uidnext FROM mailbox WHERE name = 't-new'"),
	    q_int(f, "SELECT max(uid) + 1 FROM message"));
	other_close(m);
	fx_free(f);
}

static void test_sync_nothing_changed_sends_no_fetch(void **state)
{
	struct sync_fx *f = fx_new("t-same");
	mailimap *m = other_open();
	struct proxy *p = proxy_start(server_port("IMAP_PORT"), 0);
	struct sync_stats st = {0};

	(void)state;
	other_create(m, "t-same");
	fill_box(m, "t-same", "same", 0, 20);
	fx_set(&f->cfg->imap.host, "127.0.0.1");
	f->cfg->imap.port = p->port;
	f->cfg->imap.tls = CONFIG_TLS_NONE;
	fx_sync_ok(f, NULL);
	assert_non_null(strstr(p->sent, "FETCH"));
	proxy_forget(p);
	fx_sync_ok(f, &st);
	assert_int_equal(st.added + st.changed + st.gone, 0);
	assert_non_null(p->sent);
	assert_non_null(strstr(p->sent, "EXAMINE"));
	assert_null(strstr(p->sent, "BODY"));
	/* Without CONDSTORE a few UID SEARCHes tell, not a sweep. */
	assert_null(strstr(p->sent, "FETCH"));
	if (!no_condstore())
		assert_null(strstr(p->sent, "SEARCH"));
	else
		assert_non_null(strstr(p->sent, "SEARCH"));
	proxy_stop(p);
	other_close(m);
	fx_free(f);
}

/* How often needle occurs in hay. */
static unsigned count_of(const char *hay, const char *needle)
{
	unsigned n = 0;

	for (const char *p = hay; p && (p = strstr(p, needle)); p++)
		n++;
	return n;
}

/* \Seen added (or taken away, with remove) on UIDs lo..hi by another
 * client. */
static void other_seen(mailimap *m, const char *box, uint32_t lo, uint32_t hi,
		       bool remove)
{
	struct mailimap_flag_list *fl = mailimap_flag_list_new_empty();
	struct mailimap_set *set = mailimap_set_new_interval(lo, hi);
	struct mailimap_store_att_flags *sf;

	assert_int_equal(mailimap_select(m, box), MAILIMAP_NO_ERROR);
	mailimap_flag_list_add(fl, mailimap_flag_new_seen());
	sf = remove ? mailimap_store_att_flags_new_remove_flags_silent(fl)
		    : mailimap_store_att_flags_new_add_flags_silent(fl);
	assert_int_equal(mailimap_uid_store(m, set, sf), MAILIMAP_NO_ERROR);
	mailimap_store_att_flags_free(sf);
	mailimap_set_free(set);
}

/* A sync that finds nothing changed is constant work, whatever the size
 * of the mailbox: it reads a few pages of the cache (no quick_check of
 * the whole file, no pass over the messages), sends no FETCH and at most
 * one UID SEARCH per compared flag; and it still sees one flag change. */
static void test_sync_nothing_changed_reads_a_few_pages(void **state)
{
	enum { N = 600, MAX_PAGES = 16, QUIET_SEARCHES = 7 };
	struct sync_fx *f = fx_new("t-few");
	mailimap *m = other_open();
	struct proxy *p = proxy_start(server_port("IMAP_PORT"), 0);
	struct sync_stats st = {0};
	int64_t pages, size;

	(void)state;
	other_create(m, "t-few");
	fill_box(m, "t-few", "few", 0, N);
	/* Most messages read: the digest of those without \Seen is asked. */
	other_seen(m, "t-few", 1, N - 10, false);
	fx_set(&f->cfg->imap.host, "127.0.0.1");
	f->cfg->imap.port = p->port;
	f->cfg->imap.tls = CONFIG_TLS_NONE;
	fx_sync_ok(f, NULL);
	/* The cache is much bigger than what the quiet pass may read. */
	size = q_int(f, "PRAGMA page_count");
	if (size < 4 * MAX_PAGES)
		fail_msg("the cache has only %lld pages", (long long)size);
	/* As a new `abusedesk sync` would: a connection of its own. */
	store_close(f->s);
	f->s = NULL;
	proxy_forget(p);
	fx_sync_ok(f, &st);
	assert_int_equal(st.added + st.changed + st.gone, 0);
	pages = store_pages_read(f->s);
	if (pages > MAX_PAGES)
		fail_msg("a quiet sync read %lld of the cache's %lld pages",
			 (long long)pages, (long long)size);
	assert_null(strstr(p->sent, "FETCH"));
	assert_true(count_of(p->sent, "SEARCH") <=
		    (no_condstore() ? QUIET_SEARCHES : 0));
	other_seen(m, "t-few", 3, 3, true);
	fx_sync_ok(f, &st);
	assert_int_equal(st.changed, 1);
	assert_int_equal(
	    q_int(f,
		  "SELECT count(*) FROM message WHERE flags LIKE '%%Seen%%'"),
	    N - 11);
	proxy_stop(p);
	other_close(m);
	fx_free(f);
}

static void test_sync_flags_from_another_client_arrive(void **state)
{
	static const char *const flags[] = {"\\Seen", "\\Flagged", "$Label1"};
	struct sync_fx *f = fx_new("t-flags");
	mailimap *m = other_open();
	struct sync_stats st = {0};
	char *got;

	(void)state;
	other_create(m, "t-flags");
	fill_box(m, "t-flags", "flags", 0, 10);
	fx_sync_ok(f, NULL);
	other_flag(m, "t-flags", 4, flags, 3);
	fx_sync_ok(f, &st);
	assert_int_equal(st.changed, 1);
	got = q_text(f, "SELECT flags FROM message WHERE uid = 4");
	assert_non_null(got);
	assert_non_null(strstr(got, "\\Seen"));
	assert_non_null(strstr(got, "\\Flagged"));
	assert_non_null(strstr(got, "$Label1"));
	assert_int_equal(q_int(f, "SELECT count(*) FROM message WHERE flags"
				  " != ''"),
			 1);
	free(got);
	other_close(m);
	fx_free(f);
}

static void test_sync_resolved_keyword_sets_report_and_ip_state(void **state)
{
	static const char *const kw[] = {SYNC_KEYWORD_RESOLVED};
	struct sync_fx *f = fx_new("t-kw");
	mailimap *m = other_open();
	size_t len;
	char *msg = gen_message("kw", 9, &len);
	uint32_t a, b;

	(void)state;
	other_create(m, "t-kw");
	/* Two reports about the same address 10.0.0.9. */
	a = other_append(m, "t-kw", msg, len);
	b = other_append(m, "t-kw", msg, len);
	fx_sync_ok(f, NULL);
	other_flag(m, "t-kw", a, kw, 1);
	fx_sync_ok(f, NULL);
	assert_int_equal(q_int(f,
			       "SELECT count(*) FROM report_state rs JOIN"
			       " message m ON m.id = rs.message_id WHERE"
			       " m.uid = %u AND rs.state = 'resolved'",
			       a),
			 1);
	assert_int_equal(q_int(f, "SELECT count(*) FROM ip_state"), 0);
	other_flag(m, "t-kw", b, kw, 1);
	fx_sync_ok(f, NULL);
	assert_int_equal(q_int(f, "SELECT count(*) FROM ip_state WHERE"
				  " ip = '10.0.0.9' AND state = 'resolved'"),
			 1);
	free(msg);
	other_close(m);
	fx_free(f);
}

/* Reports that arrive already resolved by a colleague, in one batch: the
 * IP is resolved once every one of its reports carries the keyword, and
 * not while one stored before lacks it. */
static void test_sync_new_mail_resolved_in_one_batch(void **state)
{
	static const char *const kw[] = {SYNC_KEYWORD_RESOLVED};
	struct sync_fx *f = fx_new("t-kw1");
	mailimap *m = other_open();
	size_t len;
	char *nine = gen_message("kw1", 9, &len);
	char *ten = gen_message("kw1", 10, &len);
	uint32_t uid;

	(void)state;
	other_create(m, "t-kw1");
	/* 10.0.0.9 twice, both resolved; 10.0.0.10 twice, the second
	 * resolved: when it is stored, the first is already in the batch. */
	other_flag(m, "t-kw1", other_append(m, "t-kw1", nine, strlen(nine)), kw,
		   1);
	other_flag(m, "t-kw1", other_append(m, "t-kw1", nine, strlen(nine)), kw,
		   1);
	other_append(m, "t-kw1", ten, strlen(ten));
	uid = other_append(m, "t-kw1", ten, strlen(ten));
	other_flag(m, "t-kw1", uid, kw, 1);
	fx_sync_ok(f, NULL);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), 4);
	assert_int_equal(q_int(f, "SELECT count(*) FROM ip_state WHERE"
				  " ip = '10.0.0.9' AND state = 'resolved'"),
			 1);
	assert_int_equal(q_int(f, "SELECT count(*) FROM ip_state WHERE"
				  " ip = '10.0.0.10'"),
			 0);
	free(nine);
	free(ten);
	other_close(m);
	fx_free(f);
}

static void test_sync_expunged_message_is_marked_gone(void **state)
{
	struct sync_fx *f = fx_new("t-gone");
	mailimap *m = other_open();
	struct sync_stats st = {0};

	(void)state;
	other_create(m, "t-gone");
	fill_box(m, "t-gone", "gone", 0, 6);
	fx_sync_ok(f, NULL);
	other_expunge(m, "t-gone", 2);
	other_expunge(m, "t-gone", 5);
	fx_sync_ok(f, &st);
	assert_int_equal(st.gone, 2);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message WHERE gone"
				  " AND uid IN (2, 5)"),
			 2);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), 6);
	other_close(m);
	fx_free(f);
}

static void test_sync_uidvalidity_change_keeps_local_state(void **state)
{
	struct sync_fx *f = fx_new("t-uv");
	mailimap *m = other_open();
	struct sync_stats st = {0};
	struct err e = {{0}};
	int64_t id, uv;
	char *note;

	(void)state;
	other_create(m, "t-uv");
	fill_box(m, "t-uv", "uv", 0, 8);
	fx_sync_ok(f, NULL);
	uv = q_int(f, "SELECT uidvalidity FROM mailbox WHERE name = 't-uv'");
	id = q_int(f, "SELECT id FROM message WHERE uid = 3");
	assert_int_equal(store_report_state_set(fx_store(f), id,
						STORE_STATE_RESOLVED,
						"called them", &e),
			 0);
	/* Deleted and recreated: new UIDVALIDITY, same mail, one more.
	 * Dovecot takes a new mailbox's UIDVALIDITY from the clock. */
	for (time_t t0 = time(NULL); time(NULL) == t0;)
		usleep(10000);
	other_create(m, "t-uv");
	fill_box(m, "t-uv", "uv", 0, 9);
	fx_sync_ok(f, &st);
	assert_int_not_equal(
	    q_int(f, "SELECT uidvalidity FROM mailbox WHERE name = 't-uv'"),
	    uv);
	assert_int_equal(st.rebound, 8);
	assert_int_equal(st.added, 1);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), 9);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message WHERE gone"),
			 0);
	note = q_text(f, "SELECT note FROM report_state");
	assert_string_equal(note, "called them");
	assert_int_equal(q_int(f, "SELECT message_id FROM report_state"), id);
	assert_true(q_int(f, "SELECT uid FROM message WHERE id = %lld",
			  (long long)id) > 0);
	free(note);
	other_close(m);
	fx_free(f);
}

static void test_sync_small_batches_store_everything(void **state)
{
	struct sync_fx *f = fx_new("t-batch");
	mailimap *m = other_open();
	struct sync_stats st = {0};
	uint64_t bytes;

	(void)state;
	other_create(m, "t-batch");
	bytes = fill_box(m, "t-batch", "batch", 0, 40);
	f->sc.batch_bytes = 5000;
	fx_sync_ok(f, &st);
	assert_int_equal(st.added, 40);
	assert_int_equal(q_int(f, "SELECT sum(size) FROM message"),
			 (int64_t)bytes);
	other_close(m);
	fx_free(f);
}

struct totals_seen {
	uint64_t done, total, done_bytes, calls;
	bool backwards, total_below_done;
};

static void on_totals(void *ctx, const struct sync_progress *p)
{
	struct totals_seen *t = ctx;

	t->backwards |= p->messages_done < t->done;
	t->total_below_done |= p->messages_total < p->messages_done;
	t->done = p->messages_done;
	t->total = p->messages_total;
	t->done_bytes = p->bytes_done;
	t->calls++;
}

/* New messages stream in one UID FETCH lo:* and are cut into batches by
 * size: over sparse UIDs every message is stored once, the progress
 * figures only grow and end exact. Then new mail that was expunged
 * before the sync: UID FETCH lo:* still answers with the last message,
 * which is not new and not stored again. */
static void test_sync_sparse_uids_in_small_batches(void **state)
{
	struct sync_fx *f = fx_new("t-stream");
	mailimap *m = other_open();
	struct sync_stats st = {0};
	struct totals_seen t = {0};
	struct err e = {{0}};
	uint64_t bytes;

	(void)state;
	other_create(m, "t-stream");
	fill_box(m, "t-stream", "stream", 0, 40);
	for (uint32_t uid = 4; uid <= 36; uid++)
		if (uid != 20)
			other_expunge(m, "t-stream", uid);
	f->sc.batch_bytes = 3000;
	assert_int_equal(sync_run(fx_store(f), &f->sc, on_totals, &t, &st, &e),
			 0);
	assert_int_equal(st.added, 8);
	assert_int_equal(q_int(f,
			       "SELECT count(DISTINCT uid) FROM message"
			       " WHERE uid IN (1, 2, 3, 20, 37, 38, 39, 40)"),
			 8);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), 8);
	bytes = (uint64_t)q_int(f, "SELECT sum(size) FROM message");
	assert_true(t.calls >= 3);
	assert_false(t.backwards);
	assert_false(t.total_below_done);
	assert_int_equal(t.done, 8);
	assert_int_equal(t.total, 8);
	assert_int_equal(t.done_bytes, bytes);
	fill_box(m, "t-stream", "late", 0, 3);
	for (uint32_t uid = 41; uid <= 43; uid++)
		other_expunge(m, "t-stream", uid);
	memset(&st, 0, sizeof st);
	fx_sync_ok(f, &st);
	assert_int_equal(st.added, 0);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), 8);
	assert_int_equal(q_int(f, "SELECT uidnext FROM mailbox"
				  " WHERE name = 't-stream'"),
			 44);
	other_close(m);
	fx_free(f);
}

/* UIDs that start far above the cache's: the first spans bring nothing
 * and grow until they reach the mail. */
static void test_sync_uids_that_start_high(void **state)
{
	struct sync_fx *f = fx_new("t-high");
	mailimap *m = other_open();
	struct sync_stats st = {0};

	(void)state;
	other_create(m, "t-high");
	fill_box(m, "t-high", "high", 0, 300);
	other_expunge_range(m, "t-high", 1, 290);
	fx_sync_ok(f, &st);
	assert_int_equal(st.added, 10);
	assert_int_equal(q_int(f, "SELECT min(uid) FROM message"), 291);
	assert_int_equal(q_int(f, "SELECT count(DISTINCT uid) FROM message"),
			 10);
	other_close(m);
	fx_free(f);
}

/* INTERNALDATE is asked only for a message without a Date: field; it is
 * the date the cache gives it. */
static void test_sync_undated_message_gets_its_arrival_date(void **state)
{
	static const char undated[] =
	    "From: abuse@reporter.example\r\n"
	    "Subject: no date here\r\n"
	    "Message-ID: <undated@reporter.example>\r\n"
	    "\r\n"
	    "Spam from 10.0.0.77 this morning.\r\n";
	struct sync_fx *f = fx_new("t-undated");
	mailimap *m = other_open();
	int64_t now = (int64_t)time(NULL), t;
	uint32_t uid;

	(void)state;
	other_create(m, "t-undated");
	fill_box(m, "t-undated", "dated", 0, 2);
	uid = other_append(m, "t-undated", undated, strlen(undated));
	fx_sync_ok(f, NULL);
	t = q_int(f, "SELECT internal_date FROM message WHERE uid = %u", uid);
	assert_true(t > now - 600 && t < now + 600);
	assert_int_equal(
	    q_int(f, "SELECT date FROM message WHERE uid = %u", uid), 0);
	/* Every message keeps its arrival time, dated ones too. */
	assert_int_equal(q_int(f,
			       "SELECT count(*) FROM message"
			       " WHERE date > 0 AND internal_date > %lld",
			       (long long)(now - 600)),
			 2);
	assert_int_equal(q_int(f,
			       "SELECT count(*) FROM triage_fact"
			       " WHERE mid = (SELECT id FROM message"
			       " WHERE uid = %u) AND t = %lld",
			       uid, (long long)t),
			 1);
	other_close(m);
	fx_free(f);
}

static void test_sync_never_sets_seen(void **state)
{
	struct sync_fx *f = fx_new("t-peek");
	mailimap *m = other_open();
	char *flags;

	(void)state;
	other_create(m, "t-peek");
	fill_box(m, "t-peek", "peek", 0, 1);
	fx_sync_ok(f, NULL);
	flags = other_flags(m, "t-peek", 1);
	/* MAILIMAP_FLAG_SEEN is 3. */
	assert_null(strstr(flags, " 3"));
	free(flags);
	other_close(m);
	fx_free(f);
}

static void test_sync_missing_mailbox_fails_with_its_name(void **state)
{
	struct sync_fx *f = fx_new("t-no-such-box");
	struct err e;

	(void)state;
	assert_int_equal(fx_sync(f, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "t-no-such-box"));
	fx_free(f);
}

static void test_sync_wrong_password_fails_at_login(void **state)
{
	struct sync_fx *f = fx_new("INBOX");
	struct err e;

	(void)state;
	f->sc.password = "not-the-password";
	assert_int_equal(fx_sync(f, NULL, &e), -1);
	assert_non_null(strstr(e.msg, "login"));
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
		test_sync_first_sync_stores_every_message_and_byte),
	    cmocka_unit_test(test_sync_stores_the_exact_bytes),
	    cmocka_unit_test(test_sync_new_mail_appears_on_next_sync),
	    cmocka_unit_test(test_sync_nothing_changed_sends_no_fetch),
	    cmocka_unit_test(test_sync_nothing_changed_reads_a_few_pages),
	    cmocka_unit_test(test_sync_flags_from_another_client_arrive),
	    cmocka_unit_test(
		test_sync_resolved_keyword_sets_report_and_ip_state),
	    cmocka_unit_test(test_sync_new_mail_resolved_in_one_batch),
	    cmocka_unit_test(test_sync_expunged_message_is_marked_gone),
	    cmocka_unit_test(test_sync_uidvalidity_change_keeps_local_state),
	    cmocka_unit_test(test_sync_small_batches_store_everything),
	    cmocka_unit_test(test_sync_sparse_uids_in_small_batches),
	    cmocka_unit_test(test_sync_uids_that_start_high),
	    cmocka_unit_test(test_sync_undated_message_gets_its_arrival_date),
	    cmocka_unit_test(test_sync_never_sets_seen),
	    cmocka_unit_test(test_sync_missing_mailbox_fails_with_its_name),
	    cmocka_unit_test(test_sync_wrong_password_fails_at_login),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
