/* cli.c: what the commands share — the configuration, loaded once, the
 * cache the command line names, and how an error or a usage error is
 * said (main.c and every cmd_*.c use these; none of them prints its own). */
#include "cli.h"
#include "actions/flush.h"
#include "actions/smtp_secret.h"
#include "analysis/analyze.h"
#include "analysis/bulk.h"
#include "core/config.h"
#include "core/crashguard.h"
#include "core/err.h"
#include "core/password.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "mail/imap.h"
#include "store/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct config *cli_config(struct cli *c)
{
	struct err e = {{0}};
	struct config *cfg;

	if (c->config)
		return c->config;
	cfg = config_new();
	if (config_load(cfg, c->config_path, c->config_path != NULL, &e) < 0) {
		cli_error("%s", e.msg);
		config_free(cfg);
		return NULL;
	}
	for (size_t i = 0; i < cfg->warnings.n; i++)
		cli_error("warning: %s", cfg->warnings.v[i]);
	/* The known bulk reporters are read with the configuration, so a
	 * bad line of the user's file is told before anything runs. */
	if (bulk_known_load(&e) < 0)
		cli_error("warning: %s", e.msg);
	c->config = cfg;
	return cfg;
}

const char cli_usage[] =
    "usage: abusedesk [--config FILE] [--db FILE] [--offline] [--demo]\n"
    "       abusedesk [global options] COMMAND [ARGS...]\n"
    "       abusedesk --help | --version\n";

static void verror(const char *fmt, va_list ap)
{
	fputs("abusedesk: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
}

int cli_usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(fmt, ap);
	va_end(ap);
	fputs(usage ? usage : cli_usage, stderr);
	return EXIT_USAGE;
}

int cli_analysis_opts(struct cli *c, struct analysis_opts *opts)
{
	struct config *cfg = cli_config(c);

	if (!cfg)
		return -1;
	*opts = (struct analysis_opts){
	    .own = &cfg->networks.own,
	    .max_bytes = (size_t)cfg->limits.analyze_bytes,
	    .authserv_ids = cfg->analysis.authserv_ids.v,
	    .n_authserv_ids = cfg->analysis.authserv_ids.n,
	};
	return 0;
}

/* The account's database in the data directory, which is created 0700. */
static char *default_db_path(struct config *cfg, struct err *e)
{
	char *dir = paths_data_dir();

	if (!dir) {
		err_set(e, "no data directory: set HOME or XDG_DATA_HOME, "
			   "or give --db FILE");
		return NULL;
	}
	if (paths_ensure_dir(dir, e) < 0) {
		free(dir);
		return NULL;
	}
	free(dir);
	return paths_db_file(cfg->imap.account);
}

char *cli_db_path(struct cli *c)
{
	struct err e = {{0}};
	struct config *cfg = cli_config(c);
	char *path;

	if (!cfg)
		return NULL;
	path = c->db_path ? xstrdup(c->db_path) : default_db_path(cfg, &e);
	if (!path)
		cli_error("%s", e.msg);
	return path;
}

/* A process that holds a password writes no core file and cannot be read
 * by another process of the same user (ptrace, /proc/PID/mem). */
static void keep_secrets_in(void)
{
	struct rlimit none = {0, 0};

	setrlimit(RLIMIT_CORE, &none);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

char *cli_imap_password(struct cli *c)
{
	struct err e = {{0}};
	struct config *cfg = cli_config(c);
	char *prompt, *pw = NULL;
	int rc;

	if (!cfg)
		return NULL;
	keep_secrets_in();
	prompt = xasprintf("Password for %s: ", cfg->imap.account);
	rc = password_get(cfg->imap.password_command, CONFIG_IMAP_PASSWORD_ENV,
			  isatty(STDIN_FILENO) != 0, prompt, &pw, &e);
	free(prompt);
	if (rc < 0) {
		cli_error("%s", e.msg);
		return NULL;
	}
	return pw;
}

/* A crash while a message is analysed is noted beside the cache, so that
 * the next run stores that message unanalysed instead of dying again. */
static int cli_guard_crashes(struct store *s)
{
	struct err e = {{0}};
	char *note = store_crash_note_path(s);
	int rc = crashguard_install(note, &e);

	free(note);
	if (rc < 0)
		cli_error("%s", e.msg);
	return rc;
}

enum open_how { OPEN_WRITE, OPEN_WRITE_UNCHECKED, OPEN_READ };

/* The one-time packing of a cache an older version wrote: a bar on a
 * terminal, at most ten redraws a second. */
static void packing(void *ctx, int64_t done, int64_t total)
{
	static const char hashes[] = "##############################";
	struct timespec *last = ctx, now;
	int width = (int)sizeof hashes - 1;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (done < total && now.tv_sec * 10 + now.tv_nsec / 100000000 ==
				last->tv_sec * 10 + last->tv_nsec / 100000000)
		return;
	*last = now;
	fprintf(stderr, "\rcompressing the cache [%-*.*s] %lld/%lld%s", width,
		(int)(width * done / (total ? total : 1)), hashes,
		(long long)done, (long long)total, done < total ? "" : "\n");
}

static int maintain(struct store *s)
{
	struct timespec last = {0};
	struct err e = {{0}};

	if (store_raw_maintain(s, STORE_RAW_COMPACT,
			       isatty(STDERR_FILENO) ? packing : NULL, &last,
			       &e) < 0) {
		cli_error("%s", e.msg);
		return -1;
	}
	return 0;
}

static struct store *open_store(struct cli *c, enum open_how how)
{
	struct err e = {{0}};
	struct store *s;
	char *path = cli_db_path(c);

	if (!path)
		return NULL;
	/* A command that only reads creates a missing cache as it always
	 * did, so that it shows an empty one rather than an error. */
	if (how == OPEN_READ && access(path, F_OK) == 0)
		s = store_open_readonly(path, &e);
	else
		s = store_open_mode(path,
				    how == OPEN_WRITE_UNCHECKED
					? STORE_UNCHECKED
					: STORE_CHECKED,
				    STORE_SCHEMA_VERSION, &e);
	if (!s)
		cli_error("%s", e.msg);
	free(path);
	if (s && how != OPEN_READ &&
	    (cli_guard_crashes(s) < 0 || maintain(s) < 0)) {
		store_close(s);
		return NULL;
	}
	return s;
}

struct store *cli_open_store(struct cli *c)
{
	return open_store(c, OPEN_WRITE);
}

struct store *cli_open_store_unchecked(struct cli *c)
{
	return open_store(c, OPEN_WRITE_UNCHECKED);
}

struct store *cli_open_store_readonly(struct cli *c)
{
	return open_store(c, OPEN_READ);
}

void cli_smtp_secret(struct cli *c, struct store *s, struct smtp_secret *box)
{
	struct config *cfg = cli_config(c);
	struct err e = {{0}};
	int64_t waiting = 0;
	char *prompt, *pw = NULL;
	int rc;

	if (!cfg || !isatty(STDIN_FILENO))
		return;
	rc = smtp_secret_wanted(box, cfg, s, &waiting, &e);
	if (rc < 0)
		cli_error("%s", e.msg);
	if (rc <= 0)
		return;
	keep_secrets_in();
	prompt = smtp_secret_prompt(cfg);
	if (password_get(NULL, NULL, true, prompt, &pw, &e) < 0 ||
	    smtp_secret_give(box, s, pw, &e) < 0)
		cli_error("%s", e.msg);
	free(prompt);
}

int cli_flush_now(struct cli *c, struct store *s, const char *who,
		  bool with_imap, struct flush_stats *st)
{
	struct config *cfg = cli_config(c);
	struct err e = {{0}};
	struct imap *im = NULL;
	char *pw;
	int rc;

	if (with_imap && cfg->imap.host && (pw = cli_imap_password(c))) {
		im = imap_connect_config(cfg, pw, &e);
		password_free(pw);
		if (!im)
			cli_error("%s: %s (the copy is filed later)", who,
				  e.msg);
	}
	struct smtp_secret box;
	smtp_secret_init(&box);
	cli_smtp_secret(c, s, &box);
	struct flush_ctx fc = {s, cfg, im, &box};
	rc = flush_run(&fc, false, st, &e);
	smtp_secret_destroy(&box);
	imap_close(im);
	if (rc < 0)
		cli_error("%s: %s", who, e.msg);
	return rc;
}
