/* sendmail.c: one message through a local sendmail-compatible program, run
 * by argv (fork/execvp, never a shell), fed on stdin while its stderr is
 * read, so that neither side can block the other. */
#include "mail/sendmail.h"
#include "core/argv.h"
#include "core/password.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

enum { STDERR_KEEP = 200 };

struct run {
	pid_t pid;
	int in;	 /* the program's stdin, -1 once all is written */
	int err; /* its stderr (and stdout), -1 at its end */
	char said[STDERR_KEEP];
	size_t said_len;
};

/* In the child, between fork and exec: only async-signal-safe calls. */
static void sendmail_exec(char **argv, char **env, int in, int err)
{
	struct sigaction dfl;
	sigset_t none;
	int devnull = open("/dev/null", O_WRONLY);

	if (dup2(in, 0) < 0 || dup2(err, 2) < 0 ||
	    dup2(devnull >= 0 ? devnull : err, 1) < 0)
		_exit(126);
	close_range(3, ~0U, 0);
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGPIPE, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execvpe(argv[0], argv, env);
	_exit(127);
}

static int sendmail_spawn(char **argv, struct run *r, struct err *e)
{
	int in[2], errp[2];
	char **env;

	if (pipe2(in, O_CLOEXEC) < 0)
		return err_set(e, "sendmail: %s", strerror(errno));
	if (pipe2(errp, O_CLOEXEC) < 0) {
		close(in[0]);
		close(in[1]);
		return err_set(e, "sendmail: %s", strerror(errno));
	}
	env = password_child_env(); /* before fork: it allocates */
	r->pid = fork();
	if (r->pid == 0)
		sendmail_exec(argv, env, in[0], errp[1]);
	free(env);
	close(in[0]);
	close(errp[1]);
	r->in = in[1];
	r->err = errp[0];
	if (r->pid < 0) {
		close(r->in);
		close(r->err);
		return err_set(e, "sendmail: cannot start %s: %s", argv[0],
			       strerror(errno));
	}
	return 0;
}

static void sendmail_read_err(struct run *r)
{
	char tmp[512];
	ssize_t n = read(r->err, tmp, sizeof tmp);
	size_t room = sizeof r->said - 1 - r->said_len;

	if (n <= 0) {
		close(r->err);
		r->err = -1;
		return;
	}
	if ((size_t)n > room)
		n = (ssize_t)room;
	memcpy(r->said + r->said_len, tmp, (size_t)n);
	r->said_len += (size_t)n;
}

/* Writes the message and reads stderr until both ends are done. A
 * program that stops reading early (it failed) is not an error here: its
 * exit status says so. */
static void sendmail_feed(struct run *r, const char *raw, size_t len)
{
	size_t done = 0;

	while (r->in >= 0 || r->err >= 0) {
		struct pollfd p[2] = {{r->in, POLLOUT, 0}, {r->err, POLLIN, 0}};

		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (r->in >= 0 && (p[0].revents & (POLLOUT | POLLERR))) {
			ssize_t n = write(r->in, raw + done, len - done);

			if (n > 0)
				done += (size_t)n;
			if (n < 0 || done == len) {
				close(r->in);
				r->in = -1;
			}
		}
		if (r->err >= 0 && (p[1].revents & (POLLIN | POLLHUP)))
			sendmail_read_err(r);
	}
}

static int sendmail_status(struct run *r, const char *prog, struct err *e)
{
	int status;

	while (waitpid(r->pid, &status, 0) < 0)
		if (errno != EINTR)
			return err_set(e, "sendmail: %s", strerror(errno));
	r->said[r->said_len] = '\0';
	r->said[strcspn(r->said, "\r\n")] = '\0';
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return err_set(e, "sendmail: cannot run %s", prog);
	if (WIFSIGNALED(status))
		return err_set(e, "sendmail: %s was killed by signal %d%s%s",
			       prog, WTERMSIG(status), *r->said ? ": " : "",
			       r->said);
	return err_set(e, "sendmail: %s exited with status %d%s%s", prog,
		       WEXITSTATUS(status), *r->said ? ": " : "", r->said);
}

int sendmail_send(const char *command, const struct smtp_envelope *m,
		  struct err *e)
{
	struct run r = {0};
	char **argv = argv_split(command, e);
	int rc;

	if (!argv)
		return err_prefix(e, "sendmail");
	argv = argv_append(argv, "--");
	for (size_t i = 0; i < m->n_rcpt; i++)
		argv = argv_append(argv, m->rcpt[i]);
	/* A program that exits before reading everything must not kill
	 * us with SIGPIPE (IMAP and SMTP ignore it for good as well). */
	signal(SIGPIPE, SIG_IGN);
	rc = sendmail_spawn(argv, &r, e);
	if (rc == 0) {
		sendmail_feed(&r, m->raw, m->len);
		rc = sendmail_status(&r, argv[0], e);
	}
	argv_free(argv);
	return rc;
}
