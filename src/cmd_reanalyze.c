/* cmd_reanalyze.c: `abusedesk reanalyze [--all]` — re-derives reports from
 * the raw messages the cache keeps, after the analysis (or [networks] own)
 * changed, and then rebuilds the search index from every message. Nothing
 * is fetched again; states and notes are kept. One transaction: stopped
 * half-way, it changes nothing. */
#include "cli.h"
#include "analysis/analyze.h"
#include "mail/guard.h"
#include "store/store.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static const char usage[] = "usage: abusedesk reanalyze [--all]\n";

struct progress {
	struct store_quarantine *quarantine; /* crashed before: not analysed */
	struct store *store;
	struct analysis_opts opts;
	int64_t seen, total; /* messages */
	int64_t done;	     /* reports re-derived */
	bool tty;
	struct timespec last_draw;
	struct err e;
};

static double since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - t->tv_sec) +
	       (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

/* A bar on a terminal, redrawn at most ten times a second. */
static void draw(struct progress *p, bool final)
{
	int width = 30, filled;

	if (!p->tty || (!final && since(&p->last_draw) < 0.1))
		return;
	clock_gettime(CLOCK_MONOTONIC, &p->last_draw);
	filled = p->total ? (int)(width * p->seen / p->total) : width;
	fprintf(stderr, "\rreanalyzing [%-*.*s] %lld/%lld", width, filled,
		"##############################", (long long)p->seen,
		(long long)p->total);
	if (final)
		fputc('\n', stderr);
}

/* Every message is analysed for the search index; only a stale report
 * is replaced. */
static int rederive(void *ctx, int64_t id, const char *raw, size_t len,
		    const char *hash, bool stale)
{
	struct progress *p = ctx;
	struct err why = {{0}};
	struct report *r;
	int rc = 0;

	r = guard_analyze(raw, len, hash, p->quarantine, &p->opts, &why);
	if (!r) /* not mail at all: kept, with the reason */
		r = guard_unanalysed(why.msg);
	if (stale) {
		rc = store_report_replace(p->store, id, r, &p->e);
		p->done++;
	}
	if (rc == 0)
		rc = store_search_add(p->store, id, r, &p->e);
	report_free(r);
	p->seen++;
	draw(p, false);
	return rc < 0 ? -1 : 0;
}

static int parse_options(int argc, char **argv, bool *all)
{
	static const struct option longopts[] = {
	    {"all", no_argument, NULL, 'a'}, {NULL, 0, NULL, 0}};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch != 'a')
			return cli_usage_error(usage,
					       "reanalyze: unknown option '%s'",
					       argv[optind - 1]);
		*all = true;
	}
	if (optind < argc)
		return cli_usage_error(
		    usage, "reanalyze: unexpected argument '%s'", argv[optind]);
	return -1;
}

/* With no stale report nothing changes, the search index included. */
static int run(struct progress *p, int below)
{
	int64_t stale;

	if (store_count_stale(p->store, below, &stale, &p->e) < 0)
		return -1;
	if (stale == 0)
		return 0;
	if (store_count_stale(p->store, INT32_MAX, &p->total, &p->e) < 0 ||
	    store_begin(p->store, &p->e) < 0)
		return -1;
	if (store_search_reset(p->store, &p->e) < 0) {
		store_rollback(p->store);
		return -1;
	}
	if (store_each_raw(p->store, below, rederive, p, &p->e) != 0) {
		store_rollback(p->store);
		return -1;
	}
	return store_commit(p->store, &p->e);
}

int cmd_reanalyze(struct cli *c, int argc, char **argv)
{
	struct progress p = {.tty = isatty(STDERR_FILENO)};
	bool all = false;
	int status = parse_options(argc, argv, &all);

	if (status >= 0)
		return status;
	if (cli_analysis_opts(c, &p.opts) < 0)
		return EXIT_RUNTIME;
	p.store = cli_open_store(c);
	if (!p.store)
		return EXIT_RUNTIME;
	if (store_quarantine_absorb(p.store, &p.e) < 0 ||
	    store_quarantine_load(p.store, &p.quarantine, &p.e) < 0)
		status = -1;
	else
		status = run(&p, all ? INT32_MAX : ANALYZER_VERSION);
	store_quarantine_free(p.quarantine);
	draw(&p, true);
	if (status < 0)
		cli_error("reanalyze: %s", p.e.msg);
	else
		fprintf(stderr,
			"re-derived %lld report%s (analysis version %d)\n",
			(long long)p.done, p.done == 1 ? "" : "s",
			ANALYZER_VERSION);
	store_close(p.store);
	return status < 0 ? EXIT_RUNTIME : EXIT_OK;
}
