/* password.c: a password from the environment, the user's password_command
 * (run with fork/execv, never through popen or system) or a no-echo prompt
 * on the terminal. Every buffer that held a password is zeroed. */
#include "core/password.h"
#include "core/config.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/* Bounds on what we keep of a command's output or a typed line. */
#define PASSWORD_MAX 4096
#define STDERR_MAX 200

struct sink {
	char *buf;
	size_t cap; /* bytes kept, at most cap - 1, always NUL-terminated */
	size_t len;
	bool overflow; /* the stream had more than we kept */
};

struct child {
	pid_t pid;
	int out;
	int err;
};

static const char no_way_msg[] =
    "no password: set password_command in the config%s%s%s, "
    "or run abusedesk in a terminal to be asked";

static int no_way(const char *env_name, struct err *e)
{
	bool env = env_name && env_name[0];

	return err_set(e, no_way_msg, env ? ", set " : "", env ? env_name : "",
		       env ? " in the environment" : "");
}

char **password_child_env(void)
{
	extern char **environ;
	static const char *const drop[] = {CONFIG_IMAP_PASSWORD_ENV "=",
					   CONFIG_SMTP_PASSWORD_ENV "="};
	size_t n = 0, k = 0;
	char **env;

	while (environ[n])
		n++;
	env = xcalloc(n + 1, sizeof *env);
	for (size_t i = 0; i < n; i++) {
		bool keep = true;

		for (size_t d = 0; d < sizeof drop / sizeof drop[0]; d++)
			if (strncmp(environ[i], drop[d], strlen(drop[d])) == 0)
				keep = false;
		if (keep)
			env[k++] = environ[i];
	}
	return env;
}

/* In the child, between fork and exec: only async-signal-safe calls. */
static void exec_shell(const char *command, char **env, int in, int out,
		       int err)
{
	char *argv[] = {"sh", "-c", (char *)command, NULL};
	struct sigaction dfl;
	sigset_t none;

	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(126);
	close_range(3, ~0U, 0);
	/* The command should not inherit our signal mask or ignored SIGPIPE. */
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGPIPE, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execve("/bin/sh", argv, env);
	_exit(127);
}

static int spawn(const char *command, struct child *c, struct err *e)
{
	int out[2] = {-1, -1};
	int errp[2] = {-1, -1};
	int in = open("/dev/null", O_RDONLY | O_CLOEXEC);
	char **env = password_child_env();

	if (in < 0 || pipe2(out, O_CLOEXEC) < 0 || pipe2(errp, O_CLOEXEC) < 0)
		goto fail;
	c->pid = fork();
	if (c->pid < 0)
		goto fail;
	if (c->pid == 0)
		exec_shell(command, env, in, out[1], errp[1]);
	free(env);
	close(in);
	close(out[1]);
	close(errp[1]);
	c->out = out[0];
	c->err = errp[0];
	return 0;
fail:
	err_set(e, "cannot run the password command: %s", strerror(errno));
	free(env);
	for (int i = 0; i < 2; i++) {
		if (out[i] >= 0)
			close(out[i]);
		if (errp[i] >= 0)
			close(errp[i]);
	}
	if (in >= 0)
		close(in);
	return -1;
}

/* Reads what is there; returns 0 at end of stream. Past the sink's
 * capacity the bytes are drained and dropped, so the child never blocks. */
static int sink_read(int fd, struct sink *s)
{
	char drop[512];
	ssize_t n;

	if (s->len + 1 < s->cap)
		n = read(fd, s->buf + s->len, s->cap - 1 - s->len);
	else
		n = read(fd, drop, sizeof drop);
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 1 : 0;
	if (n == 0)
		return 0;
	if (s->len + 1 < s->cap)
		s->len += (size_t)n;
	else
		s->overflow = true;
	s->buf[s->len] = '\0';
	explicit_bzero(drop, sizeof drop);
	return 1;
}

static void collect(struct child *c, struct sink *out, struct sink *err)
{
	struct pollfd p[2] = {{c->out, POLLIN, 0}, {c->err, POLLIN, 0}};
	struct sink *sinks[2] = {out, err};
	int open_fds = 2;

	while (open_fds > 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (p[i].fd < 0 || !p[i].revents)
				continue;
			if (sink_read(p[i].fd, sinks[i]))
				continue;
			close(p[i].fd);
			p[i].fd = -1;
			open_fds--;
		}
	}
	for (int i = 0; i < 2; i++)
		if (p[i].fd >= 0)
			close(p[i].fd);
}

static int reap(pid_t pid, int *status, struct err *e)
{
	while (waitpid(pid, status, 0) < 0) {
		if (errno != EINTR)
			return err_set(e,
				       "cannot wait for the password "
				       "command: %s",
				       strerror(errno));
	}
	return 0;
}

/* The first line of what the command wrote to stderr, printable. */
static void first_line(char *s)
{
	char *p;

	s[strcspn(s, "\r\n")] = '\0';
	for (p = s; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
}

static int command_failed(int status, char *errtext, struct err *e)
{
	const char *sep = errtext[0] ? ": " : "";

	first_line(errtext);
	if (WIFSIGNALED(status))
		return err_set(e,
			       "the password command was killed by signal "
			       "%d (%s)%s%s",
			       WTERMSIG(status), strsignal(WTERMSIG(status)),
			       sep, errtext);
	if (WEXITSTATUS(status) == 127)
		return err_set(e,
			       "the password command failed with exit "
			       "status 127 (command not found)%s%s",
			       sep, errtext);
	return err_set(e, "the password command failed with exit status %d%s%s",
		       WEXITSTATUS(status), sep, errtext);
}

/* The first line of the command's output, without its \r\n. */
static int take_first_line(struct sink *s, char **out, struct err *e)
{
	size_t n = strcspn(s->buf, "\n");

	if (n == s->len && s->overflow)
		return err_set(e,
			       "the password command printed more than "
			       "%d bytes on its first line",
			       PASSWORD_MAX - 1);
	if (n > 0 && s->buf[n - 1] == '\r')
		n--;
	if (n == 0)
		return err_set(e, "the password command printed nothing (it "
				  "should print the password on its first "
				  "line)");
	*out = xstrndup(s->buf, n);
	return 0;
}

static int from_command(const char *command, char **out, struct err *e)
{
	char outbuf[PASSWORD_MAX];
	char errbuf[STDERR_MAX];
	struct sink so = {outbuf, sizeof outbuf, 0, false};
	struct sink se = {errbuf, sizeof errbuf, 0, false};
	struct child c;
	int status;
	int rc;

	outbuf[0] = errbuf[0] = '\0';
	if (spawn(command, &c, e) < 0)
		return -1;
	collect(&c, &so, &se);
	rc = reap(c.pid, &status, e);
	if (rc == 0 && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
		rc = command_failed(status, errbuf, e);
	if (rc == 0)
		rc = take_first_line(&so, out, e);
	explicit_bzero(outbuf, sizeof outbuf);
	return rc;
}

/* Signals that end a prompt: the terminal is restored, then they are
 * delivered again with the caller's own handling. */
static const int prompt_signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP};
#define N_PROMPT_SIGNALS (sizeof prompt_signals / sizeof prompt_signals[0])

static volatile sig_atomic_t prompt_caught;

static void prompt_on_signal(int sig)
{
	prompt_caught = sig;
}

static void catch_signals(struct sigaction *saved)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = prompt_on_signal;
	sigemptyset(&sa.sa_mask);
	prompt_caught = 0;
	for (size_t i = 0; i < N_PROMPT_SIGNALS; i++)
		sigaction(prompt_signals[i], &sa, &saved[i]);
}

static void restore_signals(const struct sigaction *saved)
{
	for (size_t i = 0; i < N_PROMPT_SIGNALS; i++)
		sigaction(prompt_signals[i], &saved[i], NULL);
}

static void write_all(int fd, const char *s)
{
	size_t len = strlen(s);

	while (len > 0) {
		ssize_t n = write(fd, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

/* Reads one line; polls so that a signal taken by another thread still
 * ends the prompt. Returns its length, or -1 (interrupted, end of input,
 * error). */
static ssize_t read_line(int fd, char *buf, size_t cap)
{
	struct pollfd p = {fd, POLLIN, 0};
	size_t len = 0;

	while (!prompt_caught && len + 1 < cap) {
		ssize_t n;

		if (poll(&p, 1, 200) <= 0)
			continue;
		n = read(fd, buf + len, cap - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		len += (size_t)n;
		if (buf[len - 1] == '\n')
			return (ssize_t)len - 1;
	}
	return -1;
}

static int ask_on(int tty, const char *prompt, char *line, size_t cap,
		  struct err *e)
{
	struct termios old;
	struct termios quiet;
	struct sigaction saved[N_PROMPT_SIGNALS];
	ssize_t n;

	if (tcgetattr(tty, &old) < 0)
		return err_set(e, "cannot ask for the password: %s",
			       strerror(errno));
	catch_signals(saved);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL);
	quiet.c_lflag |= ICANON;
	if (tcsetattr(tty, TCSAFLUSH, &quiet) < 0) {
		restore_signals(saved);
		return err_set(e, "cannot turn off echo on the terminal: %s",
			       strerror(errno));
	}
	write_all(tty, prompt ? prompt : "Password: ");
	n = read_line(tty, line, cap);
	tcsetattr(tty, TCSAFLUSH, &old);
	write_all(tty, "\n");
	restore_signals(saved);
	if (prompt_caught) {
		raise(prompt_caught);
		return err_set(e, "password entry interrupted");
	}
	if (n <= 0)
		return err_set(e, "no password entered");
	line[n] = '\0';
	if (n > 0 && line[n - 1] == '\r')
		line[n - 1] = '\0';
	return 0;
}

/* Returns 1 when there is no terminal to ask on. */
static int from_prompt(const char *prompt, char **out, struct err *e)
{
	char line[PASSWORD_MAX];
	int tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	int rc;

	if (tty < 0)
		return 1;
	rc = ask_on(tty, prompt, line, sizeof line, e);
	close(tty);
	if (rc == 0 && line[0] == '\0')
		rc = err_set(e, "no password entered");
	if (rc == 0)
		*out = xstrdup(line);
	explicit_bzero(line, sizeof line);
	return rc;
}

static int get(const char *command, const char *env_name, bool may_prompt,
	       const char *prompt, char **out, const char **from, struct err *e)
{
	const char *env = env_name ? getenv(env_name) : NULL;
	int rc;

	if (env && env[0]) {
		*from = env_name;
		*out = xstrdup(env);
		return 0;
	}
	*from = "the password command's first line";
	if (command && command[0])
		return from_command(command, out, e);
	if (!may_prompt)
		return no_way(env_name, e);
	*from = "the typed password";
	rc = from_prompt(prompt, out, e);
	return rc == 1 ? no_way(env_name, e) : rc;
}

int password_get(const char *command, const char *env_name, bool may_prompt,
		 const char *prompt, char **out, struct err *e)
{
	const char *from = NULL;

	*out = NULL;
	if (get(command, env_name, may_prompt, prompt, out, &from, e) < 0)
		return -1;
	/* A CR or LF would end the server command that carries the password
	 * and start another one of the password's making. */
	if (strpbrk(*out, "\r\n")) {
		password_free(*out);
		*out = NULL;
		return err_set(e,
			       "%s holds a line break (CR or LF), which no "
			       "server login can carry: refused",
			       from);
	}
	return 0;
}

void password_free(char *p)
{
	if (!p)
		return;
	explicit_bzero(p, strlen(p));
	free(p);
}
