/* test_sync_link.c: the sync when things go wrong — killed with SIGKILL at
 * random moments, the link cut in the middle of a FETCH (plain and TLS),
 * certificates for the wrong host or from an unknown issuer refused before
 * LOGIN, a pinned self-signed certificate accepted. Run by sync.sh. */
#include "sync_test.h"
#include "mail/imap.h"

#include <sys/wait.h>

/* Kills per run of the suite; `make faults` asks for 50 (FAULT_KILLS). */
enum { KILL_RUNS = 5 };

static int kill_runs(void)
{
	const char *env = getenv("FAULT_KILLS");
	int n = env ? atoi(env) : 0;

	return n > 0 ? n : KILL_RUNS;
}

/* The messages the server holds are all in the cache exactly once. */
static void assert_complete(struct sync_fx *f, unsigned n, uint64_t bytes)
{
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), n);
	assert_int_equal(q_int(f, "SELECT count(DISTINCT uid) FROM message"),
			 n);
	assert_int_equal(
	    q_int(f, "SELECT count(DISTINCT message_id) FROM message"), n);
	assert_int_equal(q_int(f, "SELECT count(*) FROM report"), n);
	assert_int_equal(q_int(f, "SELECT sum(size) FROM message"),
			 (int64_t)bytes);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message WHERE gone"),
			 0);
}

/* PRAGMA integrity_check says ok (or no cache was made yet). */
static bool integrity_ok(struct sync_fx *f)
{
	char *v;
	bool ok;

	if (access(f->db, F_OK) != 0)
		return true;
	v = q_text(f, "PRAGMA integrity_check");
	ok = v && strcmp(v, "ok") == 0;
	free(v);
	return ok;
}

/* A sync in a child process with a connection to the cache of its own;
 * returns the child's pid. */
static pid_t sync_child(struct sync_fx *f)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		struct err e;
		struct sync_stats st = {0};
		struct store *s = store_open(f->db, &e);
		int rc = s ? sync_run(s, &f->sc, NULL, NULL, &st, &e) : -1;

		/* Closed, not left to _exit: valgrind counts what a child
		 * leaks (make check-valgrind). */
		store_close(s);
		_exit(rc == 0 ? 0 : 1);
	}
	return pid;
}

static double child_seconds(struct sync_fx *f)
{
	double t0 = now_s();
	int status;
	pid_t pid = sync_child(f);

	waitpid(pid, &status, 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	return now_s() - t0;
}

/* Each run finds new mail (so that there is always a batch to interrupt)
 * and is killed after a random delay up to the time of the first full
 * sync; at the end one sync must leave exactly the server's messages. */
static void test_sync_killed_at_random_moments_ends_complete(void **state)
{
	struct sync_fx *probe = fx_new("t-kill");
	struct sync_fx *f = fx_new("t-kill");
	mailimap *m = other_open();
	const char *env = getenv("SYNC_TEST_SEED");
	unsigned seed = env ? (unsigned)atoi(env) : (unsigned)time(NULL);
	unsigned n = 100, per_run = 10, killed = 0, damaged = 0;
	int runs = kill_runs();
	uint64_t bytes;
	double full;

	(void)state;
	other_create(m, "t-kill");
	bytes = fill_box(m, "t-kill", "kill", 0, n);
	probe->sc.batch_bytes = f->sc.batch_bytes = 8192;
	full = child_seconds(probe);
	print_message("seed %u (SYNC_TEST_SEED), a full sync takes %.3f s\n",
		      seed, full);
	for (int run = 0; run < runs; run++) {
		useconds_t delay =
		    (useconds_t)(rand_r(&seed) % (unsigned)(full * 0.5e6 + 1));
		pid_t pid;
		int status;

		bytes += fill_box(m, "t-kill", "kill", n, per_run);
		n += per_run;
		pid = sync_child(f);
		usleep(delay);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		killed += WIFSIGNALED(status);
		damaged += !integrity_ok(f);
	}
	/* The others had finished their work before the kill came. */
	print_message("%u of %d runs killed mid-way\n", killed, runs);
	assert_int_equal(damaged, 0);
	fx_sync_ok(f, NULL);
	assert_complete(f, n, bytes);
	other_close(m);
	fx_free(probe);
	fx_free(f);
}

/* Syncs through a proxy that cuts the link after `cut` bytes from the
 * server; the sync must fail soon (no hang), keep what it committed, and a
 * sync without the cut must complete the cache. */
static void cut_mid_fetch(const char *box, bool tls)
{
	struct sync_fx *f = fx_new(box);
	mailimap *m = other_open();
	struct proxy *p;
	struct err e;
	uint64_t bytes;
	double t0;
	int64_t before;

	other_create(m, box);
	bytes = fill_box(m, box, box, 0, 60);
	p = proxy_start(
	    env_port(tls ? "HARNESS_IMAPS_PORT" : "HARNESS_IMAP_PORT"),
	    (size_t)(bytes / 2));
	fx_set(&f->cfg->imap.host, "127.0.0.1");
	f->cfg->imap.port = p->port;
	f->cfg->imap.tls = tls ? CONFIG_TLS_IMPLICIT : CONFIG_TLS_NONE;
	f->cfg->imap.timeout = 30;
	f->sc.batch_bytes = 16384;
	t0 = now_s();
	assert_int_equal(fx_sync(f, NULL, &e), -1);
	print_message("cut after %.2f s: %s\n", now_s() - t0, e.msg);
	assert_true(now_s() - t0 < bound_s(5.0));
	before = q_int(f, "SELECT count(*) FROM message");
	assert_true(before > 0 && before < 60);
	proxy_stop(p);
	f->cfg->imap.port =
	    env_port(tls ? "HARNESS_IMAPS_PORT" : "HARNESS_IMAP_PORT");
	fx_sync_ok(f, NULL);
	assert_complete(f, 60, bytes);
	other_close(m);
	fx_free(f);
}

static void
test_sync_plain_link_cut_mid_fetch_neither_hangs_nor_loses(void **state)
{
	(void)state;
	cut_mid_fetch("t-cut-plain", false);
}

static void
test_sync_tls_link_cut_mid_fetch_neither_hangs_nor_loses(void **state)
{
	(void)state;
	cut_mid_fetch("t-cut-tls", true);
}

/* How many logins of the test user the instance's log shows. */
static int logins(const char *log_var)
{
	FILE *fp = fopen(env_or_skip(log_var), "r");
	char line[2048];
	int n = 0;

	assert_non_null(fp);
	while (fgets(line, sizeof line, fp))
		n += strstr(line, "Login: user=<ops>") != NULL;
	fclose(fp);
	return n;
}

/* Logs in once on the instance's plain port and waits until its log
 * shows that login: a login of the refused connection before it would
 * have been written first, so exactly one more than before means the
 * refused one never logged in. No fixed wait for a log line that should
 * not come. */
static void after_marker_login(const char *port_var, const char *log_var,
			       int before)
{
	char plain_var[64];
	const char *s = strstr(port_var, "IMAPS_PORT");
	struct imap_params p = {.host = "127.0.0.1",
				.tls = IMAP_TLS_NONE,
				.user = env_or_skip("HARNESS_USER"),
				.password = env_or_skip("HARNESS_PASS"),
				.timeout = 10};
	struct imap *im;
	struct err e = {{0}};
	double t0 = now_s();

	assert_non_null(s);
	snprintf(plain_var, sizeof plain_var, "%.*sIMAP_PORT",
		 (int)(s - port_var), port_var);
	p.port = env_port(plain_var);
	im = imap_connect(&p, &e);
	if (!im)
		fail_msg("marker login: %s", e.msg);
	imap_close(im);
	while (logins(log_var) == before && now_s() - t0 < bound_s(10))
		usleep(20000);
	assert_int_equal(logins(log_var), before + 1);
}

static void refused(const char *port_var, const char *log_var, const char *ca,
		    const char *fingerprint, const char *why)
{
	struct sync_fx *f = fx_new("INBOX");
	int before = logins(log_var);
	struct err e;

	f->cfg->imap.port = env_port(port_var);
	fx_set(&f->cfg->imap.ca_file, ca);
	fx_set(&f->cfg->imap.tls_fingerprint, fingerprint);
	assert_int_equal(fx_sync(f, NULL, &e), -1);
	print_message("%s\n", e.msg);
	assert_non_null(strstr(e.msg, why));
	after_marker_login(port_var, log_var, before);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), 0);
	fx_free(f);
}

static void test_sync_refuses_wrong_host_certificate_before_login(void **state)
{
	(void)state;
	refused("HARNESS_WRONG_IMAPS_PORT", "HARNESS_WRONG_DOVECOT_LOG",
		env_or_skip("HARNESS_CA"), NULL, "certificate is for");
}

static void test_sync_refuses_unknown_issuer_before_login(void **state)
{
	(void)state;
	refused("HARNESS_IMAPS_PORT", "HARNESS_DOVECOT_LOG", NULL, NULL,
		"unknown issuer");
}

static void test_sync_refuses_self_signed_without_pin(void **state)
{
	(void)state;
	refused("HARNESS_SELF_IMAPS_PORT", "HARNESS_SELF_DOVECOT_LOG", NULL,
		NULL, "self-signed");
}

static void test_sync_refuses_wrong_fingerprint_before_login(void **state)
{
	(void)state;
	refused("HARNESS_SELF_IMAPS_PORT", "HARNESS_SELF_DOVECOT_LOG", NULL,
		"00000000000000000000000000000000"
		"00000000000000000000000000000000",
		"not the configured tls_fingerprint");
}

static void test_sync_accepts_pinned_self_signed_server(void **state)
{
	struct sync_fx *f = fx_new("INBOX");

	(void)state;
	f->cfg->imap.port = env_port("HARNESS_SELF_IMAPS_PORT");
	fx_set(&f->cfg->imap.ca_file, NULL);
	fx_set(&f->cfg->imap.tls_fingerprint,
	       env_or_skip("HARNESS_SELF_FINGERPRINT"));
	fx_sync_ok(f, NULL);
	assert_int_equal(q_int(f, "SELECT count(*) FROM mailbox WHERE"
				  " name = 'INBOX' AND uidvalidity > 0"),
			 1);
	fx_free(f);
}

static void test_sync_starttls_verifies_and_syncs(void **state)
{
	struct sync_fx *f = fx_new("t-starttls");
	mailimap *m = other_open();

	(void)state;
	other_create(m, "t-starttls");
	fill_box(m, "t-starttls", "starttls", 0, 3);
	f->cfg->imap.port = env_port("HARNESS_IMAP_PORT");
	f->cfg->imap.tls = CONFIG_TLS_STARTTLS;
	fx_sync_ok(f, NULL);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"), 3);
	other_close(m);
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sync_killed_at_random_moments_ends_complete),
	    cmocka_unit_test(
		test_sync_plain_link_cut_mid_fetch_neither_hangs_nor_loses),
	    cmocka_unit_test(
		test_sync_tls_link_cut_mid_fetch_neither_hangs_nor_loses),
	    cmocka_unit_test(
		test_sync_refuses_wrong_host_certificate_before_login),
	    cmocka_unit_test(test_sync_refuses_unknown_issuer_before_login),
	    cmocka_unit_test(test_sync_refuses_self_signed_without_pin),
	    cmocka_unit_test(test_sync_refuses_wrong_fingerprint_before_login),
	    cmocka_unit_test(test_sync_accepts_pinned_self_signed_server),
	    cmocka_unit_test(test_sync_starttls_verifies_and_syncs),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
