/* test_imap_connect.c: mail/imap against the harness servers — logging in
 * over plain, STARTTLS and implicit TLS, and every way a connection must be
 * refused (bad password, wrong or untrusted certificate, pinning, closed
 * port, silent or broken servers) without the password leaving.
 * Run by tests/integration/imap_connect.sh, which exports the servers'
 * addresses; without them every test is skipped. */
#include "mail/imap.h"

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

/* Skips the calling test unless the harness exported name. */
#define NEED(name)                                                             \
	do {                                                                   \
		if (!env(name)) {                                              \
			print_message("# %s is not set: run "                  \
				      "tests/integration/imap_connect.sh\n",   \
				      name);                                   \
			skip();                                                \
		}                                                              \
	} while (0)

static unsigned env_port(const char *name)
{
	return (unsigned)strtoul(env(name), NULL, 10);
}

/* The main user at localhost, trusting the harness CA. */
static struct imap_params params(const char *port_var, enum imap_tls tls)
{
	struct imap_params p = {
	    .host = env("HARNESS_HOST"),
	    .port = env_port(port_var),
	    .tls = tls,
	    .user = env("HARNESS_USER"),
	    .password = env("HARNESS_PASS"),
	    .ca_file = env("HARNESS_CA"),
	    .timeout = 10,
	};

	return p;
}

static void assert_lists_inbox(const struct imap_params *p)
{
	struct err e = {{0}};
	struct imap *im = imap_connect(p, &e);
	char **names = NULL;
	size_t n = 0;
	bool inbox = false;

	if (!im)
		fail_msg("imap_connect: %s", e.msg);
	if (imap_list_mailboxes(im, &names, &n, &e) < 0) {
		imap_close(im);
		fail_msg("imap_list_mailboxes: %s", e.msg);
	}
	for (size_t i = 0; i < n; i++)
		inbox = inbox || strcmp(names[i], "INBOX") == 0;
	imap_names_free(names, n);
	imap_close(im);
	assert_true(inbox);
}

/* Connecting must fail, with every one of the needles in the message. */
static void assert_refused(const struct imap_params *p, ...)
{
	struct err e = {{0}};
	struct imap *im = imap_connect(p, &e);
	const char *needle;
	va_list ap;

	if (im) {
		imap_close(im);
		fail_msg("connected; expected a refusal");
	}
	print_message("# %s\n", e.msg);
	va_start(ap, p);
	while ((needle = va_arg(ap, const char *)))
		if (!strstr(e.msg, needle))
			fail_msg("\"%s\" does not say \"%s\"", e.msg, needle);
	va_end(ap);
}

static long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : 0;
}

/* The text appended to path since offset (free it). */
static char *file_since(const char *path, long offset)
{
	FILE *f = fopen(path, "r");
	char *text = calloc(1, 65536);
	size_t got = 0;

	assert_non_null(text);
	if (f) {
		if (fseek(f, offset, SEEK_SET) == 0)
			got = fread(text, 1, 65535, f);
		fclose(f);
	}
	text[got] = '\0';
	return text;
}

/* How long a server's log line is waited for: a moment on a quiet
 * machine, seconds on a loaded one (5 s was once too short with both
 * cores busy). Only a failing test waits the whole time. */
#define LOG_WAIT_POLLS 600 /* of 50 ms: 30 s */

/* Polls for needle in what path gained since offset; the servers write
 * their logs a moment after the client is gone. */
static bool wait_in_file(const char *path, long offset, const char *needle)
{
	for (int i = 0; i < LOG_WAIT_POLLS; i++) {
		char *text = file_since(path, offset);
		bool found = strstr(text, needle) != NULL;

		free(text);
		if (found)
			return true;
		usleep(50 * 1000);
	}
	return false;
}

static double now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- logging in ---- */

static void test_imap_plain_login_lists_inbox(void **state)
{
	(void)state;
	NEED("HARNESS_IMAP_PORT");
	struct imap_params p = params("HARNESS_IMAP_PORT", IMAP_TLS_NONE);

	assert_lists_inbox(&p);
}

static void test_imap_starttls_login_lists_inbox(void **state)
{
	(void)state;
	NEED("HARNESS_IMAP_PORT");
	struct imap_params p = params("HARNESS_IMAP_PORT", IMAP_TLS_STARTTLS);

	assert_lists_inbox(&p);
}

static void test_imap_implicit_tls_login_lists_inbox(void **state)
{
	(void)state;
	NEED("HARNESS_IMAPS_PORT");
	struct imap_params p = params("HARNESS_IMAPS_PORT", IMAP_TLS_IMPLICIT);

	assert_lists_inbox(&p);
}

static void test_imap_ip_literal_matches_ip_san(void **state)
{
	(void)state;
	NEED("HARNESS_IMAPS_PORT");
	struct imap_params p = params("HARNESS_IMAPS_PORT", IMAP_TLS_IMPLICIT);

	p.host = "127.0.0.1";
	assert_lists_inbox(&p);
}

static void test_imap_login_quotes_a_hard_password(void **state)
{
	(void)state;
	NEED("HARNESS_PASS2");
	struct imap_params p = params("HARNESS_IMAPS_PORT", IMAP_TLS_IMPLICIT);

	p.user = env("HARNESS_USER2");
	p.password = env("HARNESS_PASS2");
	assert_lists_inbox(&p);
}

static void test_imap_wrong_password_says_login_failed(void **state)
{
	(void)state;
	NEED("HARNESS_IMAPS_PORT");
	struct imap_params p = params("HARNESS_IMAPS_PORT", IMAP_TLS_IMPLICIT);
	char label[64];

	p.password = "not-the-password";
	snprintf(label, sizeof label, "imap localhost:%u: ", p.port);
	assert_refused(&p, label, "login failed for ops",
		       "[AUTHENTICATIONFAILED]", NULL);
}

/* ---- certificates ---- */

/* The wrong-name server must be dropped after the handshake: its log then
 * shows a disconnect with no authentication attempt, and no login. */
static void assert_wrong_host_refused(enum imap_tls tls, const char *port)
{
	const char *log = env("HARNESS_WRONG_DOVECOT_LOG");
	struct imap_params p = params(port, tls);
	long before = file_size(log);
	char *text;

	assert_refused(&p, "certificate is for wrong.example, not localhost",
		       "(set ca_file or tls_fingerprint)", NULL);
	assert_true(wait_in_file(log, before, "no auth attempts"));
	text = file_since(log, before);
	assert_null(strstr(text, "Login: user="));
	assert_null(strstr(text, "auth failed"));
	free(text);
}

static void test_imap_wrong_host_refused_before_login(void **state)
{
	(void)state;
	NEED("HARNESS_WRONG_IMAPS_PORT");
	NEED("HARNESS_WRONG_DOVECOT_LOG");
	assert_wrong_host_refused(IMAP_TLS_IMPLICIT,
				  "HARNESS_WRONG_IMAPS_PORT");
}

static void test_imap_wrong_host_refused_before_login_starttls(void **state)
{
	(void)state;
	NEED("HARNESS_WRONG_IMAP_PORT");
	NEED("HARNESS_WRONG_DOVECOT_LOG");
	assert_wrong_host_refused(IMAP_TLS_STARTTLS, "HARNESS_WRONG_IMAP_PORT");
}

static void test_imap_unknown_ca_refused(void **state)
{
	(void)state;
	NEED("HARNESS_IMAPS_PORT");
	struct imap_params p = params("HARNESS_IMAPS_PORT", IMAP_TLS_IMPLICIT);

	p.ca_file = NULL;
	assert_refused(&p, "unknown issuer", "abusedesk harness CA",
		       "(set ca_file or tls_fingerprint)", NULL);
}

static void test_imap_self_signed_refused_without_pin(void **state)
{
	(void)state;
	NEED("HARNESS_SELF_IMAPS_PORT");
	struct imap_params p =
	    params("HARNESS_SELF_IMAPS_PORT", IMAP_TLS_IMPLICIT);

	assert_refused(&p, "self-signed", "(set ca_file or tls_fingerprint)",
		       NULL);
}

static void test_imap_self_signed_accepted_with_its_fingerprint(void **state)
{
	(void)state;
	NEED("HARNESS_SELF_IMAPS_PORT");
	NEED("HARNESS_SELF_FINGERPRINT");
	struct imap_params p =
	    params("HARNESS_SELF_IMAPS_PORT", IMAP_TLS_IMPLICIT);

	p.ca_file = NULL;
	p.fingerprint = env("HARNESS_SELF_FINGERPRINT");
	assert_lists_inbox(&p);
}

static void test_imap_pin_accepted_over_starttls(void **state)
{
	(void)state;
	NEED("HARNESS_SELF_IMAP_PORT");
	NEED("HARNESS_SELF_FINGERPRINT");
	struct imap_params p =
	    params("HARNESS_SELF_IMAP_PORT", IMAP_TLS_STARTTLS);

	p.fingerprint = env("HARNESS_SELF_FINGERPRINT");
	assert_lists_inbox(&p);
}

static void test_imap_wrong_fingerprint_refused_with_actual_one(void **state)
{
	(void)state;
	NEED("HARNESS_SELF_IMAPS_PORT");
	NEED("HARNESS_SELF_FINGERPRINT");
	struct imap_params p =
	    params("HARNESS_SELF_IMAPS_PORT", IMAP_TLS_IMPLICIT);

	p.fingerprint = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:"
			"00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
	assert_refused(&p, "fingerprint", env("HARNESS_SELF_FINGERPRINT"),
		       "(set ca_file or tls_fingerprint)", NULL);
}

static void test_imap_pin_of_another_server_refuses_good_chain(void **state)
{
	(void)state;
	NEED("HARNESS_IMAPS_PORT");
	NEED("HARNESS_SELF_FINGERPRINT");
	struct imap_params p = params("HARNESS_IMAPS_PORT", IMAP_TLS_IMPLICIT);

	/* A pin means that certificate and nothing else, even one the CA
	 * vouches for. */
	p.fingerprint = env("HARNESS_SELF_FINGERPRINT");
	assert_refused(&p, "not the configured tls_fingerprint", NULL);
}

/* ---- the network and misbehaving servers ---- */

static void test_imap_closed_port_says_connection_refused(void **state)
{
	(void)state;
	NEED("HARNESS_CLOSED_PORT");
	struct imap_params p = params("HARNESS_CLOSED_PORT", IMAP_TLS_IMPLICIT);

	assert_refused(&p, "connection refused", NULL);
}

static void test_imap_unknown_host_is_named(void **state)
{
	(void)state;
	NEED("HARNESS_IMAPS_PORT");
	struct imap_params p = params("HARNESS_IMAPS_PORT", IMAP_TLS_IMPLICIT);

	p.host = "no-such-host.invalid";
	assert_refused(&p, "imap no-such-host.invalid:", "cannot find the host",
		       NULL);
}

static void test_imap_implicit_tls_on_plain_port_fails_handshake(void **state)
{
	(void)state;
	NEED("HARNESS_IMAP_PORT");
	struct imap_params p = params("HARNESS_IMAP_PORT", IMAP_TLS_IMPLICIT);

	assert_refused(&p, "TLS handshake failed", NULL);
}

static void test_imap_silent_server_times_out(void **state)
{
	(void)state;
	NEED("HARNESS_FAKE_SILENT_PORT");
	struct imap_params p =
	    params("HARNESS_FAKE_SILENT_PORT", IMAP_TLS_NONE);
	double start = now_seconds();

	p.timeout = 1;
	assert_refused(&p, "timed out after 1 s", NULL);
	assert_true(now_seconds() - start < 5);
}

static void test_imap_silent_server_times_out_in_handshake(void **state)
{
	(void)state;
	NEED("HARNESS_FAKE_SILENT_PORT");
	struct imap_params p =
	    params("HARNESS_FAKE_SILENT_PORT", IMAP_TLS_IMPLICIT);
	double start = now_seconds();

	p.timeout = 1;
	assert_refused(&p, "TLS handshake timed out after 1 s", NULL);
	assert_true(now_seconds() - start < 5);
}

static void test_imap_bye_greeting_gives_server_text(void **state)
{
	(void)state;
	NEED("HARNESS_FAKE_BYE_PORT");
	struct imap_params p = params("HARNESS_FAKE_BYE_PORT", IMAP_TLS_NONE);

	assert_refused(&p, "fake server is full", NULL);
}

/* The commands a fake server received since offset, and whether LOGIN
 * was among them. */
static bool fake_saw_login(const char *mode, long offset)
{
	char path[512];
	char *text;
	bool login;

	snprintf(path, sizeof path, "%s/%s.log", env("HARNESS_FAKE_DIR"), mode);
	text = file_since(path, offset);
	login = strstr(text, "LOGIN") != NULL;
	free(text);
	return login;
}

static long fake_log_size(const char *mode)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s.log", env("HARNESS_FAKE_DIR"), mode);
	return file_size(path);
}

static void test_imap_starttls_missing_stops_before_login(void **state)
{
	(void)state;
	NEED("HARNESS_FAKE_NO_STARTTLS_PORT");
	struct imap_params p =
	    params("HARNESS_FAKE_NO_STARTTLS_PORT", IMAP_TLS_STARTTLS);
	long before = fake_log_size("no-starttls");

	assert_refused(&p, "does not offer STARTTLS", NULL);
	assert_false(fake_saw_login("no-starttls", before));
}

static void test_imap_starttls_refused_stops_before_login(void **state)
{
	(void)state;
	NEED("HARNESS_FAKE_STARTTLS_NO_PORT");
	struct imap_params p =
	    params("HARNESS_FAKE_STARTTLS_NO_PORT", IMAP_TLS_STARTTLS);
	long before = fake_log_size("starttls-no");

	assert_refused(&p, "STARTTLS failed", "STARTTLS is broken here", NULL);
	assert_false(fake_saw_login("starttls-no", before));
}

static void spinning(int sig)
{
	static const char msg[] = "# still spinning after 20 s: no watchdog\n";

	(void)sig;
	if (write(2, msg, sizeof msg - 1) < 0)
		_exit(2);
	_exit(1);
}

/* libetpan 1.9.4 loops forever when a plain connection ends inside a
 * literal; the watchdog must turn that into an error, well before the
 * 30 s timeout. Without one this test would never end, hence the alarm. */
static void test_imap_eof_inside_literal_fails_instead_of_spinning(void **state)
{
	(void)state;
	NEED("HARNESS_FAKE_EOF_IN_LITERAL_PORT");
	struct imap_params p =
	    params("HARNESS_FAKE_EOF_IN_LITERAL_PORT", IMAP_TLS_NONE);
	struct err e = {{0}};
	struct imap *im;
	char **names = NULL;
	size_t n = 0;
	double start;

	p.timeout = 30;
	im = imap_connect(&p, &e);
	if (!im)
		fail_msg("imap_connect: %s", e.msg);
	start = now_seconds();
	signal(SIGALRM, spinning);
	alarm(20);
	assert_int_equal(imap_list_mailboxes(im, &names, &n, &e), -1);
	alarm(0);
	assert_true(now_seconds() - start < 10);
	assert_non_null(strstr(e.msg, "the server closed the connection"));
	assert_false(imap_alive(im));
	imap_close(im);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_imap_plain_login_lists_inbox),
	    cmocka_unit_test(test_imap_starttls_login_lists_inbox),
	    cmocka_unit_test(test_imap_implicit_tls_login_lists_inbox),
	    cmocka_unit_test(test_imap_ip_literal_matches_ip_san),
	    cmocka_unit_test(test_imap_login_quotes_a_hard_password),
	    cmocka_unit_test(test_imap_wrong_password_says_login_failed),
	    cmocka_unit_test(test_imap_wrong_host_refused_before_login),
	    cmocka_unit_test(
		test_imap_wrong_host_refused_before_login_starttls),
	    cmocka_unit_test(test_imap_unknown_ca_refused),
	    cmocka_unit_test(test_imap_self_signed_refused_without_pin),
	    cmocka_unit_test(
		test_imap_self_signed_accepted_with_its_fingerprint),
	    cmocka_unit_test(test_imap_pin_accepted_over_starttls),
	    cmocka_unit_test(
		test_imap_wrong_fingerprint_refused_with_actual_one),
	    cmocka_unit_test(
		test_imap_pin_of_another_server_refuses_good_chain),
	    cmocka_unit_test(test_imap_closed_port_says_connection_refused),
	    cmocka_unit_test(test_imap_unknown_host_is_named),
	    cmocka_unit_test(
		test_imap_implicit_tls_on_plain_port_fails_handshake),
	    cmocka_unit_test(test_imap_silent_server_times_out),
	    cmocka_unit_test(test_imap_silent_server_times_out_in_handshake),
	    cmocka_unit_test(test_imap_bye_greeting_gives_server_text),
	    cmocka_unit_test(test_imap_starttls_missing_stops_before_login),
	    cmocka_unit_test(test_imap_starttls_refused_stops_before_login),
	    cmocka_unit_test(
		test_imap_eof_inside_literal_fails_instead_of_spinning),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
