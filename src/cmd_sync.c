/* cmd_sync.c: `abusedesk sync` — one pass over the configured mailboxes,
 * then the outbox sent on the same session. A progress bar on stderr when it is
 * a terminal (messages, bytes, rate, ETA); one summary line on stdout at the
 * end. */
#include "cli.h"
#include "actions/flush.h"
#include "actions/smtp_secret.h"
#include "analysis/analyze.h"
#include "core/config.h"
#include "core/ip.h"
#include "core/password.h"
#include "mail/sync.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

static const char usage[] = "usage: abusedesk sync\n";

struct bar {
	bool tty;
	bool drawn;
	double start, last;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void draw(struct bar *b, const struct sync_progress *p, bool force)
{
	double t = now(), rate, left;
	int width = 24, filled;

	if (!b->tty || (!force && t - b->last < 0.1))
		return;
	b->last = t;
	rate = t > b->start ? (double)p->messages_done / (t - b->start) : 0;
	left = rate > 0 && p->messages_total > p->messages_done
		   ? (double)(p->messages_total - p->messages_done) / rate
		   : 0;
	filled = p->messages_total
		     ? (int)(width * p->messages_done / p->messages_total)
		     : width;
	fprintf(stderr,
		"\r%s [%-*.*s] %llu/%llu msgs %.1f MB %.0f msg/s ETA %d:%02d ",
		p->mailbox, width, filled, "########################",
		(unsigned long long)p->messages_done,
		(unsigned long long)p->messages_total, p->bytes_done / 1e6,
		rate, (int)left / 60, (int)left % 60);
	b->drawn = true;
}

static void on_progress(void *ctx, const struct sync_progress *p)
{
	draw(ctx, p, p->messages_done == p->messages_total);
}

static void summary(const struct sync_stats *st, double secs)
{
	printf("synced %u mailbox%s: %llu new (%.1f MB), %llu changed, %llu "
	       "gone",
	       st->mailboxes, st->mailboxes == 1 ? "" : "es",
	       (unsigned long long)st->added, st->bytes / 1e6,
	       (unsigned long long)st->changed, (unsigned long long)st->gone);
	if (st->rebound)
		printf(", %llu kept across a UIDVALIDITY change",
		       (unsigned long long)st->rebound);
	printf(" in %.1f s\n", secs);
}

/* tls = none is worth a warning only where the bytes leave the machine:
 * a server on the loopback interface (a local proxy, a test server) is
 * reached without crossing any network. */
static bool on_loopback(const char *host)
{
	struct ip_addr a;
	const char *h = host ? host : "";
	size_t n = strlen(h);

	if (n >= 2 && h[0] == '[' && h[n - 1] == ']') {
		h++;
		n -= 2;
	}
	if (ip_parse(h, n, &a) == 0)
		return ip_classify(&a) == IP_CLASS_LOOPBACK;
	return strcasecmp(host ? host : "", "localhost") == 0;
}

/* What the flush did, when it did anything; a row not sent is an error
 * the user should see. Without a link the rows that wait are tried
 * anyway, so that each keeps the attempt and why it failed. */
static int outbox_report(struct store *s, struct config *cfg,
			 struct flush_hook *h, bool linked)
{
	struct flush_ctx fc = {s, cfg, NULL, h->secret};
	struct err e = {{0}};

	if (!linked && flush_run(&fc, true, &h->st, &e) < 0) {
		cli_error("sync: %s", e.msg);
		return -1;
	}
	if (h->st.sent || h->st.retry || h->st.failed)
		printf("outbox: %u sent, %u to retry, %u failed\n", h->st.sent,
		       h->st.retry, h->st.failed);
	if (h->st.error[0])
		cli_error("sync: %s", h->st.error);
	return h->st.retry || h->st.failed ? -1 : 0;
}

static int run(struct cli *c, struct config *cfg, struct sync_config *sc,
	       struct flush_hook *h)
{
	struct bar bar = {.tty = isatty(STDERR_FILENO) != 0, .start = now()};
	struct sync_stats st = {0};
	struct store *s;
	struct err e = {{0}};
	int rc;

	s = cli_open_store(c);
	if (!s)
		return EXIT_RUNTIME;
	/* Asked now, before the progress bar: the flush after the pass
	 * cannot ask. */
	cli_smtp_secret(c, s, h->secret);
	if (cfg->imap.tls == CONFIG_TLS_NONE && !on_loopback(cfg->imap.host))
		fprintf(stderr,
			"%s: warning: tls = none: the password and the "
			"mail cross the network unencrypted\n",
			c->prog);
	rc = sync_run(s, sc, on_progress, &bar, &st, &e);
	if (bar.drawn)
		fputc('\n', stderr);
	if (rc < 0)
		cli_error("sync: %s", e.msg);
	else
		summary(&st, now() - bar.start);
	if (outbox_report(s, cfg, h, rc == 0) < 0)
		rc = -1;
	store_close(s);
	return rc < 0 ? EXIT_RUNTIME : EXIT_OK;
}

int cmd_sync(struct cli *c, int argc, char **argv)
{
	struct analysis_opts opts = {0};
	struct sync_config sc = {0};
	struct flush_hook flush = {0};
	struct smtp_secret box;
	struct config *cfg;
	char *pw;
	int status;

	if (argc > 1)
		return cli_usage_error(usage, "sync: unexpected argument '%s'",
				       argv[1]);
	if (c->offline) {
		cli_error("sync: --offline forbids the network");
		return EXIT_RUNTIME;
	}
	cfg = cli_config(c);
	if (!cfg || cli_analysis_opts(c, &opts) < 0)
		return EXIT_RUNTIME;
	if (!cfg->imap.host) {
		cli_error("sync: no IMAP server: set host in the [imap] "
			  "section of the configuration");
		return EXIT_RUNTIME;
	}
	pw = cli_imap_password(c); /* the sync itself never prompts */
	if (!pw)
		return EXIT_RUNTIME;
	smtp_secret_init(&box);
	flush =
	    (struct flush_hook){.cfg = cfg, .secret = &box, .now_all = true};
	sc = (struct sync_config){.config = cfg,
				  .analysis = &opts,
				  .password = pw,
				  .after_pass = flush_after_sync,
				  .after_ctx = &flush};
	status = run(c, cfg, &sc, &flush);
	smtp_secret_destroy(&box);
	password_free(pw);
	return status;
}
