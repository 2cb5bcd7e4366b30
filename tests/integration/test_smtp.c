/* test_smtp.c: mail/smtp and mail/sendmail for real — STARTTLS and AUTH
 * against the harness SMTP sink, a certificate for another name refused
 * before AUTH, a refused recipient told in the server's words, implicit
 * TLS (port 465) with a self-signed certificate trusted through ca_file
 * and refused without it, and a
 * stand-in sendmail that records its argv and stdin.
 * Run by tests/integration/smtp.sh, which exports the servers; without
 * them every test is skipped. */
#include "mail/sendmail.h"
#include "mail/smtp.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

static const char *env(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

#define NEED(name)                                                             \
	do {                                                                   \
		if (!env(name)) {                                              \
			print_message("# %s is not set: run "                  \
				      "tests/integration/smtp.sh\n",           \
				      name);                                   \
			skip();                                                \
		}                                                              \
	} while (0)

static const char message[] = "From: abuse@isp.example\r\n"
			      "To: reports@reporter.example\r\n"
			      "Subject: test\r\n"
			      "\r\n"
			      ".a line that needs dot-stuffing\r\n"
			      "body\r\n";
static const char *const rcpt[] = {"reports@reporter.example",
				   "archive@isp.example"};
static const struct smtp_envelope envelope = {"abuse@isp.example", rcpt, 2,
					      message, sizeof message - 1};

static struct smtp_params params(const char *port_var)
{
	struct smtp_params p = {
	    .host = env("HARNESS_HOST"),
	    .port = (unsigned)strtoul(env(port_var), NULL, 10),
	    .tls = SMTP_TLS_STARTTLS,
	    .user = "ops",
	    .password = "smtp-secret",
	    .ca_file = env("HARNESS_CA"),
	    .timeout = 10,
	};
	return p;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}

static char *sink_file(const char *dir_var, int n, const char *ext)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%04d.%s", env(dir_var), n, ext);
	return slurp(path);
}

static void test_starttls_auth_sends_the_bytes(void **state)
{
	struct smtp_params p;
	struct err e = {{0}};
	char *eml, *json;

	(void)state;
	NEED("SMTP_GOOD_PORT");
	p = params("SMTP_GOOD_PORT");
	assert_int_equal(smtp_send(&p, &envelope, &e), 0);
	eml = sink_file("SMTP_GOOD_DIR", 1, "eml");
	json = sink_file("SMTP_GOOD_DIR", 1, "json");
	assert_non_null(eml);
	/* aiosmtpd keeps the bytes as received, dots un-stuffed. */
	assert_string_equal(eml, message);
	assert_non_null(strstr(json, "\"auth\": \"ops\""));
	assert_non_null(strstr(json, "\"tls\": true"));
	assert_non_null(strstr(json, "archive@isp.example"));
	free(eml);
	free(json);
}

static void test_wrong_password_is_the_servers_words(void **state)
{
	struct smtp_params p;
	struct err e = {{0}};

	(void)state;
	NEED("SMTP_GOOD_PORT");
	p = params("SMTP_GOOD_PORT");
	p.password = "nope";
	/* Told apart from a lost link: the password typed is forgotten. */
	assert_int_equal(smtp_send(&p, &envelope, &e), SMTP_LOGIN_REFUSED);
	print_message("# %s\n", e.msg);
	assert_non_null(strstr(e.msg, "login failed for ops"));
	assert_non_null(strstr(e.msg, "535"));
}

static void test_refused_recipient_says_which(void **state)
{
	const char *const bad[] = {"reports@reporter.example",
				   "gone@reporter.example"};
	struct smtp_envelope m = envelope;
	struct smtp_params p;
	struct err e = {{0}};
	char want[128];

	(void)state;
	NEED("SMTP_GOOD_PORT");
	p = params("SMTP_GOOD_PORT");
	m.rcpt = bad;
	assert_int_equal(smtp_send(&p, &m, &e), -1);
	snprintf(want, sizeof want,
		 "smtp %s:%s: RCPT TO <gone@reporter.example>"
		 " refused: 550",
		 env("HARNESS_HOST"), env("SMTP_GOOD_PORT"));
	print_message("# %s\n", e.msg);
	assert_int_equal(strncmp(e.msg, want, strlen(want)), 0);
}

static void test_wrong_certificate_refused_before_auth(void **state)
{
	struct smtp_params p;
	struct err e = {{0}};

	(void)state;
	NEED("SMTP_WRONG_PORT");
	p = params("SMTP_WRONG_PORT");
	assert_int_equal(smtp_send(&p, &envelope, &e), -1);
	print_message("# %s\n", e.msg);
	assert_non_null(strstr(e.msg, "wrong.example"));
	/* Nothing reached the server (it requires AUTH for MAIL FROM). */
	assert_null(sink_file("SMTP_WRONG_DIR", 1, "json"));
}

static void test_no_starttls_refused(void **state)
{
	struct smtp_params p;
	struct err e = {{0}};

	(void)state;
	NEED("SMTP_PLAIN_PORT");
	p = params("SMTP_PLAIN_PORT");
	assert_int_equal(smtp_send(&p, &envelope, &e), -1);
	assert_non_null(strstr(e.msg, "does not offer STARTTLS"));
	p.tls = SMTP_TLS_NONE;
	p.user = NULL;
	assert_int_equal(smtp_send(&p, &envelope, &e), 0);
}

static int sink_count(const char *dir_var)
{
	int n = 0;
	char *f;

	while ((f = sink_file(dir_var, n + 1, "json"))) {
		free(f);
		n++;
	}
	return n;
}

/* Port 465 style: TLS from the first byte, the self-signed certificate
 * trusted through ca_file, then AUTH and the message. */
static void test_implicit_tls_sends_the_bytes(void **state)
{
	struct smtp_params p;
	struct err e = {{0}};
	int before;
	char *eml, *json;

	(void)state;
	NEED("SMTP_IMPLICIT_PORT");
	p = params("SMTP_IMPLICIT_PORT");
	p.tls = SMTP_TLS_IMPLICIT;
	p.ca_file = env("SMTP_SELF_CERT");
	before = sink_count("SMTP_IMPLICIT_DIR");
	assert_int_equal(smtp_send(&p, &envelope, &e), 0);
	eml = sink_file("SMTP_IMPLICIT_DIR", before + 1, "eml");
	json = sink_file("SMTP_IMPLICIT_DIR", before + 1, "json");
	assert_non_null(eml);
	assert_string_equal(eml, message);
	assert_non_null(strstr(json, "\"auth\": \"ops\""));
	assert_non_null(strstr(json, "\"tls\": true"));
	free(eml);
	free(json);
}

/* The same server with its certificate not trusted (the system's store,
 * or a CA that did not sign it): refused before a word of SMTP. */
static void test_implicit_tls_untrusted_certificate_refused(void **state)
{
	struct smtp_params p;
	struct err e = {{0}};
	int before;

	(void)state;
	NEED("SMTP_IMPLICIT_PORT");
	p = params("SMTP_IMPLICIT_PORT");
	p.tls = SMTP_TLS_IMPLICIT;
	before = sink_count("SMTP_IMPLICIT_DIR");
	p.ca_file = NULL;
	assert_int_equal(smtp_send(&p, &envelope, &e), -1);
	print_message("# %s\n", e.msg);
	assert_non_null(strstr(e.msg, "certificate"));
	memset(&e, 0, sizeof e);
	p.ca_file = env("HARNESS_CA");
	assert_int_equal(smtp_send(&p, &envelope, &e), -1);
	print_message("# %s\n", e.msg);
	assert_non_null(strstr(e.msg, "certificate"));
	assert_int_equal(sink_count("SMTP_IMPLICIT_DIR"), before);
}

static void test_sendmail_argv_and_stdin(void **state)
{
	char cmd[512], *argv_seen, *in_seen;
	struct err e = {{0}};

	(void)state;
	NEED("SENDMAIL_STUB");
	snprintf(cmd, sizeof cmd, "%s -t -i 'a b'", env("SENDMAIL_STUB"));
	assert_int_equal(sendmail_send(cmd, &envelope, &e), 0);
	argv_seen = slurp(env("SENDMAIL_ARGV"));
	in_seen = slurp(env("SENDMAIL_STDIN"));
	assert_string_equal(argv_seen, "-t\n-i\na b\n--\n"
				       "reports@reporter.example\n"
				       "archive@isp.example\n");
	assert_string_equal(in_seen, message);
	free(argv_seen);
	free(in_seen);
}

static void test_sendmail_failure_carries_stderr(void **state)
{
	char cmd[512];
	struct err e = {{0}};

	(void)state;
	NEED("SENDMAIL_STUB");
	snprintf(cmd, sizeof cmd, "%s --fail", env("SENDMAIL_STUB"));
	assert_int_equal(sendmail_send(cmd, &envelope, &e), -1);
	print_message("# %s\n", e.msg);
	assert_non_null(strstr(e.msg, "exited with status 75"));
	assert_non_null(strstr(e.msg, "queue is full"));
	assert_int_equal(sendmail_send("/nonexistent/sendmail", &envelope, &e),
			 -1);
	assert_non_null(strstr(e.msg, "cannot run /nonexistent/sendmail"));
	assert_int_equal(sendmail_send("'open", &envelope, &e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_starttls_auth_sends_the_bytes),
	    cmocka_unit_test(test_wrong_password_is_the_servers_words),
	    cmocka_unit_test(test_refused_recipient_says_which),
	    cmocka_unit_test(test_wrong_certificate_refused_before_auth),
	    cmocka_unit_test(test_no_starttls_refused),
	    cmocka_unit_test(test_implicit_tls_sends_the_bytes),
	    cmocka_unit_test(test_implicit_tls_untrusted_certificate_refused),
	    cmocka_unit_test(test_sendmail_argv_and_stdin),
	    cmocka_unit_test(test_sendmail_failure_carries_stderr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
