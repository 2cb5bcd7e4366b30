/* cmd_reply.c: `abusedesk reply --message ID [--template NAME] [--send]`
 * — the reply the screen's r composes, for scripts: printed as the exact
 * bytes it would send, or queued in the outbox and the outbox flushed
 * once, so that the mail really leaves. */
#include "cli.h"
#include "actions/flush.h"
#include "actions/reply.h"
#include "core/config.h"
#include "store/store.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: abusedesk reply --message ID [--template NAME] [--send]\n";

struct reply_opts {
	int64_t message_id;
	const char *tmpl;
	bool send;
};

static int parse(int argc, char **argv, struct reply_opts *o)
{
	static const struct option longs[] = {
	    {"message", required_argument, NULL, 'm'},
	    {"template", required_argument, NULL, 't'},
	    {"send", no_argument, NULL, 's'},
	    {NULL, 0, NULL, 0}};
	char *end;
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		if (ch == 'm') {
			o->message_id = strtoll(optarg, &end, 10);
			if (*end || o->message_id <= 0)
				return cli_usage_error(
				    usage, "reply: '%s' is not a message id",
				    optarg);
		} else if (ch == 't') {
			o->tmpl = optarg;
		} else if (ch == 's') {
			o->send = true;
		} else {
			return cli_usage_error(usage,
					       "reply: unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (optind < argc || !o->message_id)
		return cli_usage_error(usage, "reply: give one --message ID");
	return 0;
}

/* One flush with the IMAP link when there is a server, so the copy is
 * filed in Sent and the report marked answered at once. */
static int flush_once(struct cli *c, struct store *s)
{
	struct flush_stats st = {0};

	if (cli_flush_now(c, s, "reply", true, &st) < 0)
		return EXIT_RUNTIME;
	if (st.error[0])
		cli_error("reply: %s", st.error);
	return st.retry || st.failed ? EXIT_RUNTIME : EXIT_OK;
}

static int compose(struct store *s, struct config *cfg,
		   const struct reply_opts *o, struct compose_msg *m,
		   struct err *e)
{
	struct reply r;
	int rc = reply_start(s, cfg, o->message_id, o->tmpl, NULL, &r, e);

	if (rc == 0)
		rc = reply_build(cfg, &r, m, e);
	reply_clear(&r);
	return rc;
}

static int run(struct cli *c, struct config *cfg, const struct reply_opts *o)
{
	struct store *s = cli_open_store(c);
	struct compose_msg m = {0};
	struct err e = {{0}};
	int rc = EXIT_RUNTIME;

	if (!s)
		return EXIT_RUNTIME;
	if (compose(s, cfg, o, &m, &e) < 0) {
		cli_error("reply: %s", e.msg);
	} else if (!o->send) {
		rc = fwrite(m.raw, 1, m.len, stdout) == m.len ? EXIT_OK
							      : EXIT_RUNTIME;
	} else if (reply_queue(s, &m, o->message_id, "reply", NULL, &e) < 0) {
		cli_error("reply: %s", e.msg);
	} else {
		rc = flush_once(c, s);
		if (rc == EXIT_OK)
			printf("reply %s sent\n", m.message_id);
	}
	compose_msg_clear(&m);
	store_close(s);
	return rc;
}

int cmd_reply(struct cli *c, int argc, char **argv)
{
	struct reply_opts o = {0};
	struct config *cfg;
	int rc = parse(argc, argv, &o);

	if (rc != 0)
		return rc;
	cfg = cli_config(c);
	if (!cfg)
		return EXIT_RUNTIME;
	if (o.send && c->offline) {
		cli_error("reply: --offline forbids the network");
		return EXIT_RUNTIME;
	}
	return run(c, cfg, &o);
}
