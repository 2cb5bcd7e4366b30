/* test_sync_worker.c: the background sync thread against the harness
 * Dovecot — first sync and the notify pipe, new mail seen through IDLE
 * within seconds, mail landed between a pass and the IDLE, wake for a
 * second mailbox, offline with a reason and
 * back after the link heals, a prompt stop; polling where the server has
 * no IDLE. Run by sync.sh. */
#include "sync_test.h"

#include <fcntl.h>

struct wfx {
	struct sync_fx *f;
	int pipe[2];
	struct sync_worker *w;
};

static struct wfx *wfx_start_polling(struct sync_fx *f, int poll_interval)
{
	struct wfx *x = xcalloc(1, sizeof *x);
	struct err e = {{0}};

	x->f = f;
	assert_int_equal(pipe2(x->pipe, O_CLOEXEC), 0);
	f->cfg->imap.poll_interval = poll_interval;
	x->w = sync_worker_start(&f->sc, f->db, x->pipe[1], &e);
	if (!x->w)
		fail_msg("%s", e.msg);
	return x;
}

/* Polling so rarely that only IDLE can bring news within a test. */
static struct wfx *wfx_start(struct sync_fx *f)
{
	return wfx_start_polling(f, 300);
}

static void wfx_stop(struct wfx *x)
{
	sync_worker_stop(x->w);
	close(x->pipe[0]);
	close(x->pipe[1]);
	fx_free(x->f);
	free(x);
}

/* Drains the pipe; returns how many bytes were there. */
static size_t drain(struct wfx *x)
{
	char buf[256];
	size_t n = 0;
	ssize_t k;

	fcntl(x->pipe[0], F_SETFL, O_NONBLOCK);
	while ((k = read(x->pipe[0], buf, sizeof buf)) > 0)
		n += (size_t)k;
	return n;
}

/* Waits up to secs for the worker to be idle with `added` new messages;
 * returns the seconds it took, or fails. */
static double wait_idle_with(struct wfx *x, uint64_t added, double secs)
{
	double t0 = now_s();
	struct sync_status st;

	secs = bound_s(secs);
	for (;;) {
		sync_worker_status(x->w, &st);
		if (st.state == SYNC_IDLE && st.added == added)
			return now_s() - t0;
		if (now_s() - t0 > secs)
			fail_msg("after %.1f s: state %d, %llu added, %s", secs,
				 st.state, (unsigned long long)st.added,
				 st.reason);
		usleep(20000);
	}
}

/* Waits up to secs until the worker is in the server's IDLE: news told
 * from then on reaches it at once. */
static void wait_listening(struct wfx *x, double secs)
{
	double t0 = now_s();
	struct sync_status st;

	secs = bound_s(secs);
	for (;;) {
		sync_worker_status(x->w, &st);
		if (st.listening)
			return;
		if (now_s() - t0 > secs)
			fail_msg("after %.1f s: not in IDLE (state %d)", secs,
				 st.state);
		usleep(20000);
	}
}

static void test_worker_syncs_at_start_and_notifies(void **state)
{
	struct sync_fx *f = fx_new("w-start");
	mailimap *m = other_open();
	struct sync_status st;
	struct wfx *x;

	(void)state;
	other_create(m, "w-start");
	fill_box(m, "w-start", "wstart", 0, 5);
	x = wfx_start(f);
	wait_idle_with(x, 5, 10);
	sync_worker_status(x->w, &st);
	assert_false(st.insecure);
	assert_true(drain(x) > 0);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), 5);
	other_close(m);
	wfx_stop(x);
}

static void test_worker_sees_new_mail_during_idle(void **state)
{
	struct sync_fx *f = fx_new("w-idle");
	mailimap *m = other_open();
	struct wfx *x;
	double took;

	(void)state;
	other_create(m, "w-idle");
	fill_box(m, "w-idle", "widle", 0, 2);
	x = wfx_start(f);
	wait_idle_with(x, 2, 10);
	wait_listening(x, 10);
	drain(x);
	fill_box(m, "w-idle", "widle", 2, 1);
	took = wait_idle_with(x, 3, 5);
	print_message("new mail seen after %.2f s\n", took);
	assert_true(drain(x) > 0);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), 3);
	other_close(m);
	wfx_stop(x);
}

/* Mail that lands after a pass and before the EXAMINE of the IDLE: the
 * hook after the pass delivers it, once, so it is in the EXAMINE's EXISTS
 * and IDLE never tells of it; only a look at the EXAMINE finds it before
 * poll_interval (300 s here). */
struct gap {
	mailimap *m;
	int passes;
};

static int deliver_in_gap(void *ctx, struct store *s, struct imap *im,
			  struct err *e)
{
	struct gap *g = ctx;

	(void)s;
	(void)im;
	(void)e;
	if (++g->passes == 1)
		fill_box(g->m, "w-gap", "wgap", 2, 1);
	return 0;
}

static void test_worker_sees_mail_landed_before_its_idle(void **state)
{
	struct sync_fx *f = fx_new("w-gap");
	struct gap g = {.m = other_open()};
	struct wfx *x;
	double took;

	(void)state;
	other_create(g.m, "w-gap");
	fill_box(g.m, "w-gap", "wgap", 0, 2);
	f->sc.after_pass = deliver_in_gap;
	f->sc.after_ctx = &g;
	x = wfx_start(f);
	took = wait_idle_with(x, 3, 10);
	print_message("mail of the gap seen after %.2f s\n", took);
	assert_true(g.passes >= 2);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), 3);
	wait_listening(x, 10);
	other_close(g.m);
	wfx_stop(x);
}

static void test_worker_wake_syncs_a_mailbox_idle_does_not_watch(void **state)
{
	struct sync_fx *f = fx_new("w-watched");
	mailimap *m = other_open();
	struct wfx *x;

	(void)state;
	other_create(m, "w-watched");
	other_create(m, "w-other");
	f->cfg->imap.mailboxes.v =
	    xreallocarray(f->cfg->imap.mailboxes.v, 2, sizeof(char *));
	f->cfg->imap.mailboxes.v[1] = xstrdup("w-other");
	f->cfg->imap.mailboxes.n = 2;
	x = wfx_start(f);
	wait_idle_with(x, 0, 10);
	wait_listening(x, 10);
	/* A marker in the watched mailbox, after the other's mail: the pass it
	 * starts syncs the watched mailbox first, so the other's mail lands
	 * after the marker only if the IDLE did not wake for it. */
	fill_box(m, "w-other", "wother", 0, 2);
	fill_box(m, "w-watched", "wmarker", 0, 1);
	wait_idle_with(x, 3, 10);
	assert_int_equal(q_int(f,
			       "SELECT count(*) FROM message m JOIN mailbox b"
			       " ON b.id = m.mailbox_id WHERE b.name = "
			       "'w-other' AND m.id < (SELECT max(m2.id) FROM "
			       "message m2 JOIN mailbox b2 ON b2.id = "
			       "m2.mailbox_id WHERE b2.name = 'w-watched')"),
			 0);
	wait_listening(x, 10);
	fill_box(m, "w-other", "wother", 2, 1);
	sync_worker_wake(x->w);
	wait_idle_with(x, 4, 5);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), 4);
	other_close(m);
	wfx_stop(x);
}

static void test_worker_goes_offline_with_reason_and_comes_back(void **state)
{
	struct sync_fx *f = fx_new("w-offline");
	mailimap *m = other_open();
	struct proxy *p = proxy_start(env_port("HARNESS_IMAP_PORT"), 1);
	struct sync_status st;
	struct wfx *x;
	double t0;

	(void)state;
	other_create(m, "w-offline");
	fill_box(m, "w-offline", "woffline", 0, 3);
	fx_set(&f->cfg->imap.host, "127.0.0.1");
	f->cfg->imap.port = p->port;
	f->cfg->imap.tls = CONFIG_TLS_NONE;
	x = wfx_start(f);
	t0 = now_s();
	do {
		usleep(20000);
		sync_worker_status(x->w, &st);
	} while (st.state != SYNC_OFFLINE && now_s() - t0 < bound_s(10));
	assert_int_equal(st.state, SYNC_OFFLINE);
	assert_true(st.insecure);
	assert_true(st.reason[0] != '\0');
	assert_true(st.retry_at >= (int64_t)time(NULL));
	print_message("offline: %s\n", st.reason);
	pthread_mutex_lock(&p->mu);
	p->cut_after = 0;
	pthread_mutex_unlock(&p->mu);
	wait_idle_with(x, 3, 10);
	other_close(m);
	wfx_stop(x);
	proxy_stop(p);
}

static void test_worker_stops_promptly_while_idle(void **state)
{
	struct sync_fx *f = fx_new("w-stop");
	mailimap *m = other_open();
	struct wfx *x;
	double t0;

	(void)state;
	other_create(m, "w-stop");
	x = wfx_start(f);
	wait_idle_with(x, 0, 10);
	wait_listening(x, 10);
	t0 = now_s();
	sync_worker_stop(x->w);
	x->w = NULL;
	assert_true(now_s() - t0 < bound_s(2.0));
	other_close(m);
	wfx_stop(x);
}

/* Only against a server without IDLE (sync.sh, SYNC_TEST_SERVER=NOIDLE):
 * the worker polls every poll_interval instead. */
static void test_worker_polls_a_server_without_idle(void **state)
{
	struct sync_fx *f = fx_new("w-poll");
	mailimap *m = other_open();
	struct wfx *x;
	double took;

	(void)state;
	other_create(m, "w-poll");
	x = wfx_start_polling(f, 1);
	wait_idle_with(x, 0, 10);
	fill_box(m, "w-poll", "wpoll", 0, 2);
	took = wait_idle_with(x, 2, 5);
	print_message("new mail seen after %.2f s by polling\n", took);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), 2);
	other_close(m);
	wfx_stop(x);
}

int main(void)
{
	const struct CMUnitTest polling[] = {
	    cmocka_unit_test(test_worker_polls_a_server_without_idle),
	};
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_worker_syncs_at_start_and_notifies),
	    cmocka_unit_test(test_worker_sees_new_mail_during_idle),
	    cmocka_unit_test(test_worker_sees_mail_landed_before_its_idle),
	    cmocka_unit_test(
		test_worker_wake_syncs_a_mailbox_idle_does_not_watch),
	    cmocka_unit_test(
		test_worker_goes_offline_with_reason_and_comes_back),
	    cmocka_unit_test(test_worker_stops_promptly_while_idle),
	};

	const char *server = getenv("SYNC_TEST_SERVER");

	signal(SIGPIPE, SIG_IGN);
	if (server && strcmp(server, "NOIDLE") == 0)
		return cmocka_run_group_tests(polling, NULL, NULL);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
