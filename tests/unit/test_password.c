/* test_password.c: the environment, password_command and terminal prompt
 * ways of getting a password, and their error messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/password.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define ENV "ABUSEDESK_TEST_PASSWORD"

static const char tricky[] = "p a\"s's \\ w\xc3\xbcrd \xe2\x82\xac";

static int clear_env(void **state)
{
	(void)state;
	unsetenv(ENV);
	unsetenv("ABUSEDESK_PASSWORD");
	return 0;
}

/* Runs password_get with a command and no other way. */
static int from_cmd(const char *cmd, char **pw, struct err *e)
{
	return password_get(cmd, ENV, false, NULL, pw, e);
}

static void test_password_get_takes_first_line_of_command(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	assert_int_equal(from_cmd("printf 'secret\\nsecond line\\n'", &pw, &e),
			 0);
	assert_string_equal(pw, "secret");
	password_free(pw);
}

static void test_password_get_strips_crlf(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	assert_int_equal(from_cmd("printf 'secret\\r\\n'", &pw, &e), 0);
	assert_string_equal(pw, "secret");
	password_free(pw);
}

static void test_password_get_accepts_output_without_newline(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	assert_int_equal(from_cmd("printf secret", &pw, &e), 0);
	assert_string_equal(pw, "secret");
	password_free(pw);
}

static void test_password_get_reports_exit_status(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	assert_int_equal(from_cmd("echo secret; exit 3", &pw, &e), -1);
	assert_null(pw);
	assert_non_null(strstr(e.msg, "password command"));
	assert_non_null(strstr(e.msg, "exit status 3"));
}

static void test_password_get_quotes_command_stderr(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	assert_int_equal(
	    from_cmd("echo 'gpg: decryption failed' >&2; exit 2", &pw, &e), -1);
	assert_non_null(strstr(e.msg, "exit status 2"));
	assert_non_null(strstr(e.msg, "gpg: decryption failed"));
}

static void test_password_get_reports_missing_program(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	assert_int_equal(from_cmd("/nonexistent/abusedesk-pw", &pw, &e), -1);
	assert_null(pw);
	assert_non_null(strstr(e.msg, "127"));
	assert_non_null(strstr(e.msg, "not found"));
}

static void test_password_get_reports_killing_signal(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	assert_int_equal(from_cmd("echo secret; kill -TERM $$", &pw, &e), -1);
	assert_null(pw);
	assert_non_null(strstr(e.msg, "signal 15"));
}

static void test_password_get_rejects_empty_output(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	assert_int_equal(from_cmd("true", &pw, &e), -1);
	assert_null(pw);
	assert_non_null(strstr(e.msg, "printed nothing"));
}

static void test_password_get_rejects_empty_first_line(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	assert_int_equal(from_cmd("printf '\\nsecret\\n'", &pw, &e), -1);
	assert_non_null(strstr(e.msg, "printed nothing"));
}

static void test_password_get_rejects_overlong_first_line(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	assert_int_equal(
	    from_cmd("head -c 10000 /dev/zero | tr '\\000' a", &pw, &e), -1);
	assert_null(pw);
	assert_non_null(strstr(e.msg, "more than"));
}

static void test_password_get_drains_long_output(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	/* Stopping to read would kill the command with SIGPIPE. */
	assert_int_equal(
	    from_cmd("echo secret; head -c 1000000 /dev/zero", &pw, &e), 0);
	assert_string_equal(pw, "secret");
	password_free(pw);
}

static void test_password_get_gives_command_empty_stdin(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	assert_int_equal(
	    from_cmd("if read -r x; then echo line; else echo eof; fi", &pw,
		     &e),
	    0);
	assert_string_equal(pw, "eof");
	password_free(pw);
}

static void test_password_get_closes_inherited_fds(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;
	char *cmd;
	int fd = open("/dev/null", O_RDONLY); /* no O_CLOEXEC on purpose */

	(void)state;
	assert_true(fd > 2);
	cmd = xasprintf("if [ -e /proc/self/fd/%d ]; then echo leaked; "
			"else echo closed; fi",
			fd);
	assert_int_equal(from_cmd(cmd, &pw, &e), 0);
	assert_string_equal(pw, "closed");
	password_free(pw);
	free(cmd);
	close(fd);
}

static void
test_password_get_keeps_special_characters_from_command(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	setenv("ABUSEDESK_TEST_TRICKY", tricky, 1);
	assert_int_equal(
	    from_cmd("printf '%s\\n' \"$ABUSEDESK_TEST_TRICKY\"", &pw, &e), 0);
	assert_string_equal(pw, tricky);
	password_free(pw);
	unsetenv("ABUSEDESK_TEST_TRICKY");
}

static void test_password_get_keeps_special_characters_from_env(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	setenv(ENV, tricky, 1);
	assert_int_equal(password_get(NULL, ENV, false, NULL, &pw, &e), 0);
	assert_string_equal(pw, tricky);
	password_free(pw);
}

static void test_password_get_env_wins_over_command(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	setenv(ENV, "from-env", 1);
	assert_int_equal(from_cmd("echo from-command", &pw, &e), 0);
	assert_string_equal(pw, "from-env");
	password_free(pw);
}

static void test_password_get_ignores_empty_env(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	setenv(ENV, "", 1);
	assert_int_equal(from_cmd("echo from-command", &pw, &e), 0);
	assert_string_equal(pw, "from-command");
	password_free(pw);
}

static void test_password_get_without_any_way_names_them(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	assert_int_equal(
	    password_get(NULL, "ABUSEDESK_PASSWORD", false, NULL, &pw, &e), -1);
	assert_null(pw);
	assert_non_null(strstr(e.msg, "password_command"));
	assert_non_null(strstr(e.msg, "ABUSEDESK_PASSWORD"));
	assert_non_null(strstr(e.msg, "terminal"));
}

static void test_password_get_treats_empty_command_as_unset(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	assert_int_equal(
	    password_get("", "ABUSEDESK_PASSWORD", false, NULL, &pw, &e), -1);
	assert_non_null(strstr(e.msg, "password_command"));
}

static void test_password_get_refuses_line_breaks_from_env(void **state)
{
	static const char *const bad[] = {"pw\r\nA2 LOGOUT", "pw\n", "p\rw"};
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		setenv(ENV, bad[i], 1);
		assert_int_equal(password_get(NULL, ENV, false, NULL, &pw, &e),
				 -1);
		assert_null(pw);
		assert_non_null(strstr(e.msg, ENV));
		assert_non_null(strstr(e.msg, "line break"));
	}
}

static void test_password_get_refuses_cr_inside_command_line(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	assert_int_equal(from_cmd("printf 'pw\\rA2 LOGOUT\\n'", &pw, &e), -1);
	assert_null(pw);
	assert_non_null(strstr(e.msg, "password command"));
	assert_non_null(strstr(e.msg, "line break"));
}

static void
test_password_get_hides_password_variables_from_command(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;

	(void)state;
	setenv("ABUSEDESK_PASSWORD", "imap-secret", 1);
	setenv("ABUSEDESK_SMTP_PASSWORD", "smtp-secret", 1);
	setenv("ABUSEDESK_TEST_KEPT", "kept", 1);
	assert_int_equal(
	    from_cmd(
		"echo \"${ABUSEDESK_PASSWORD-none}-"
		"${ABUSEDESK_SMTP_PASSWORD-none}-${ABUSEDESK_TEST_KEPT-none}\"",
		&pw, &e),
	    0);
	assert_string_equal(pw, "none-none-kept");
	password_free(pw);
	unsetenv("ABUSEDESK_SMTP_PASSWORD");
	unsetenv("ABUSEDESK_TEST_KEPT");
}

static void test_password_child_env_drops_the_password_variables(void **state)
{
	char **env;
	bool kept = false;

	(void)state;
	setenv("ABUSEDESK_PASSWORD", "imap-secret", 1);
	setenv("ABUSEDESK_SMTP_PASSWORD", "smtp-secret", 1);
	setenv("ABUSEDESK_TEST_KEPT", "kept", 1);
	env = password_child_env();
	for (char **p = env; *p; p++) {
		assert_null(strstr(*p, "secret"));
		kept = kept || strcmp(*p, "ABUSEDESK_TEST_KEPT=kept") == 0;
	}
	assert_true(kept);
	free(env);
	unsetenv("ABUSEDESK_SMTP_PASSWORD");
	unsetenv("ABUSEDESK_TEST_KEPT");
}

static void test_password_free_accepts_null(void **state)
{
	(void)state;
	password_free(NULL);
}

/* The prompt tests run password_get in a child whose controlling terminal
 * is a fresh pseudo-terminal; the parent plays the user. */
struct pty_run {
	int master;
	char *slave_name;
	pid_t pid;
	int result; /* read end: the child writes what password_get gave */
};

static volatile sig_atomic_t child_got_sigint;

static void child_on_sigint(int sig)
{
	(void)sig;
	child_got_sigint = 1;
}

/* Reports "rc|password or message|whether our own SIGINT handler ran". */
static void prompt_child(const char *slave_name, int result)
{
	struct err e = {{0}};
	struct termios t;
	char *pw = NULL;
	int tty;
	int rc;

	signal(SIGINT, child_on_sigint);
	setsid();
	tty = open(slave_name, O_RDWR); /* becomes the controlling tty */
	if (tty < 0)
		_exit(90);
	rc = password_get(NULL, NULL, true, "Secret please: ", &pw, &e);
	if (tcgetattr(tty, &t) < 0 || !(t.c_lflag & ECHO))
		_exit(91);
	dprintf(result, "%d|%s|%d", rc, rc == 0 ? pw : e.msg,
		(int)child_got_sigint);
	password_free(pw);
	_exit(0);
}

static void pty_start(struct pty_run *r)
{
	int fds[2];

	r->master = posix_openpt(O_RDWR | O_NOCTTY);
	assert_true(r->master >= 0);
	assert_int_equal(grantpt(r->master), 0);
	assert_int_equal(unlockpt(r->master), 0);
	r->slave_name = xstrdup(ptsname(r->master));
	assert_int_equal(pipe(fds), 0);
	r->pid = fork();
	assert_true(r->pid >= 0);
	if (r->pid == 0) {
		close(fds[0]);
		close(r->master);
		prompt_child(r->slave_name, fds[1]);
	}
	close(fds[1]);
	r->result = fds[0];
}

/* Reads the terminal's output until want shows up; returns all of it. */
static char *pty_expect(struct pty_run *r, const char *want)
{
	static char seen[4096];
	size_t len = 0;
	struct pollfd p = {r->master, POLLIN, 0};

	seen[0] = '\0';
	while (!strstr(seen, want) && len + 1 < sizeof seen) {
		ssize_t n;

		if (poll(&p, 1, 5000) <= 0)
			break;
		n = read(r->master, seen + len, sizeof seen - 1 - len);
		if (n <= 0)
			break;
		len += (size_t)n;
		seen[len] = '\0';
	}
	return seen;
}

static void pty_finish(struct pty_run *r, int *status, char *res, size_t cap)
{
	ssize_t n;
	size_t len = 0;

	while ((n = read(r->result, res + len, cap - 1 - len)) > 0)
		len += (size_t)n;
	res[len] = '\0';
	assert_int_equal(waitpid(r->pid, status, 0), r->pid);
	close(r->result);
	close(r->master);
	free(r->slave_name);
}

static void test_password_get_prompts_on_tty_without_echo(void **state)
{
	struct pty_run r;
	char res[512];
	int status;

	(void)state;
	pty_start(&r);
	assert_non_null(
	    strstr(pty_expect(&r, "Secret please: "), "Secret please: "));
	assert_int_equal(write(r.master, "hunter 2\n", 9), 9);
	/* Echo off: the next output is the prompt's own newline. */
	assert_null(strstr(pty_expect(&r, "\n"), "hunter"));
	pty_finish(&r, &status, res, sizeof res);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(res, "0|hunter 2|0");
}

static void test_password_get_restores_tty_on_sigint(void **state)
{
	struct pty_run r;
	char res[512];
	int status;

	(void)state;
	pty_start(&r);
	pty_expect(&r, "Secret please: ");
	kill(r.pid, SIGINT);
	pty_finish(&r, &status, res, sizeof res);
	/* Exit status 91 would mean echo was left off. */
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	assert_string_equal(res, "-1|password entry interrupted|1");
}

static void test_password_get_without_tty_names_the_ways(void **state)
{
	struct err e = {{0}};
	char *pw = NULL;
	int fds[2];
	char res[512];
	ssize_t n;
	pid_t pid;

	(void)state;
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		setsid(); /* no controlling terminal any more */
		password_get(NULL, "ABUSEDESK_PASSWORD", true, NULL, &pw, &e);
		dprintf(fds[1], "%s", e.msg);
		_exit(0);
	}
	close(fds[1]);
	n = read(fds[0], res, sizeof res - 1);
	assert_true(n > 0);
	res[n] = '\0';
	close(fds[0]);
	waitpid(pid, NULL, 0);
	assert_non_null(strstr(res, "password_command"));
	assert_non_null(strstr(res, "ABUSEDESK_PASSWORD"));
}

#define T(f) cmocka_unit_test_setup(f, clear_env)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_password_get_takes_first_line_of_command),
	    T(test_password_get_strips_crlf),
	    T(test_password_get_accepts_output_without_newline),
	    T(test_password_get_reports_exit_status),
	    T(test_password_get_quotes_command_stderr),
	    T(test_password_get_reports_missing_program),
	    T(test_password_get_reports_killing_signal),
	    T(test_password_get_rejects_empty_output),
	    T(test_password_get_rejects_empty_first_line),
	    T(test_password_get_rejects_overlong_first_line),
	    T(test_password_get_drains_long_output),
	    T(test_password_get_gives_command_empty_stdin),
	    T(test_password_get_closes_inherited_fds),
	    T(test_password_get_keeps_special_characters_from_command),
	    T(test_password_get_keeps_special_characters_from_env),
	    T(test_password_get_env_wins_over_command),
	    T(test_password_get_ignores_empty_env),
	    T(test_password_get_without_any_way_names_them),
	    T(test_password_get_treats_empty_command_as_unset),
	    T(test_password_get_refuses_line_breaks_from_env),
	    T(test_password_get_refuses_cr_inside_command_line),
	    T(test_password_get_hides_password_variables_from_command),
	    T(test_password_child_env_drops_the_password_variables),
	    T(test_password_free_accepts_null),
	    T(test_password_get_prompts_on_tty_without_echo),
	    T(test_password_get_restores_tty_on_sigint),
	    T(test_password_get_without_tty_names_the_ways),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
