/* cmd_tui.c: `abusedesk` with no command, and `abusedesk --demo` — the
 * triage screen on the cache, with the sync worker running behind it when
 * an account is configured (and neither --offline nor --demo is given). */
#include "cli.h"
#include "actions/flush.h"
#include "actions/smtp_secret.h"
#include "analysis/analyze.h"
#include "core/config.h"
#include "core/password.h"
#include "mail/sync.h"
#include "store/store.h"
#include "ui/ui.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *offline_reason(struct cli *c, const struct config *cfg)
{
	if (c->demo)
		return "demo, offline";
	if (c->offline)
		return "offline (--offline)";
	if (!cfg->imap.host)
		return "no account configured";
	return NULL;
}

/* The sync behind the screen; the password is asked here, before curses
 * takes the terminal, and the worker started and stopped here. */
struct online {
	struct analysis_opts analysis;
	struct sync_config sync;
	char *password;
	char *db_path;
	struct sync_worker *worker;
	struct flush_hook flush; /* the outbox, sent after each pass */
	struct smtp_secret smtp; /* a typed SMTP password, for the flush */
	int pipe[2];	   /* the worker writes to [1], the screen polls [0] */
	char why_not[320]; /* the worker could not start: the status says */
};

/* Without a worker the screen runs offline and says why. */
static void start_worker(struct online *on, struct ui_opts *opts)
{
	struct err e = {{0}};

	if (pipe2(on->pipe, O_CLOEXEC | O_NONBLOCK) < 0) {
		snprintf(on->why_not, sizeof on->why_not,
			 "cannot start sync: %s", strerror(errno));
	} else if (!(on->worker = sync_worker_start(&on->sync, on->db_path,
						    on->pipe[1], &e))) {
		snprintf(on->why_not, sizeof on->why_not,
			 "cannot start sync: %s", e.msg);
	} else {
		opts->worker = on->worker;
		opts->notify_fd = on->pipe[0];
		opts->smtp_secret = &on->smtp;
		return;
	}
	opts->offline_reason = on->why_not;
}

static void stop_worker(struct online *on)
{
	sync_worker_stop(on->worker);
	for (int i = 0; i < 2; i++)
		if (on->pipe[i] >= 0)
			close(on->pipe[i]);
}

static int go_online(struct cli *c, struct config *cfg, struct online *on)
{
	if (cli_analysis_opts(c, &on->analysis) < 0)
		return -1;
	on->db_path = cli_db_path(c);
	if (!on->db_path)
		return -1;
	on->password = cli_imap_password(c);
	if (!on->password)
		return -1;
	on->flush = (struct flush_hook){.cfg = cfg, .secret = &on->smtp};
	on->sync = (struct sync_config){.config = cfg,
					.analysis = &on->analysis,
					.password = on->password,
					.after_pass = flush_after_sync,
					.after_ctx = &on->flush};
	return 0;
}

/* The screen's connection is opened (and any upgrade made) before the
 * worker starts: the worker's first batch may hold the write lock longer
 * than a connection waits for it. */
static int run(struct cli *c, struct config *cfg, struct online *on,
	       struct ui_opts *opts)
{
	struct err e = {{0}};
	/* The screen must start at once on a big cache: the quick_check runs
	 * in the sync worker, which opens its own checked connection, and
	 * `abusedesk check` runs it by hand. */
	struct store *s = cli_open_store_unchecked(c);
	int rc;

	if (!s)
		return EXIT_RUNTIME;
	if (on)
		start_worker(on, opts);
	rc = ui_run(s, cfg, opts, &e);
	if (on)
		stop_worker(on);
	store_close(s);
	if (rc < 0) {
		cli_error("%s", e.msg);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

int cmd_tui(struct cli *c)
{
	struct config *cfg = cli_config(c);
	struct ui_opts opts = {.notify_fd = -1};
	struct online on = {.pipe = {-1, -1}};
	int status = EXIT_RUNTIME;

	if (!cfg)
		return EXIT_RUNTIME;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error("the triage screen needs a terminal; for scripts, "
			  "use 'abusedesk list'");
		return EXIT_USAGE;
	}
	smtp_secret_init(&on.smtp);
	opts.account = c->demo ? "demo" : cfg->imap.account;
	opts.config_path = c->config_path;
	opts.offline_reason = offline_reason(c, cfg);
	opts.exit_after_first_frame = c->exit_after_first_frame;
	opts.replay = c->replay;
	if (opts.offline_reason)
		status = run(c, cfg, NULL, &opts);
	else if (go_online(c, cfg, &on) == 0)
		status = run(c, cfg, &on, &opts);
	password_free(on.password);
	smtp_secret_destroy(&on.smtp);
	free(on.db_path);
	return status;
}
