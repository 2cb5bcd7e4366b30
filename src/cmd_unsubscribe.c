/* cmd_unsubscribe.c: `abusedesk unsubscribe --message ID [--yes]
 * [--allow-http]` — the screen's unsubscribe for scripts: the method the
 * report offers is shown and asked for (on a terminal, unless --yes), plain
 * http only with --allow-http; the attempt is queued as the screen queues
 * it, the outbox flushed once, and what came of it printed. */
#include "cli.h"
#include "actions/unsubscribe.h"
#include "core/config.h"
#include "core/termsafe.h"
#include "core/xalloc.h"
#include "store/reporter_noise.h"
#include "store/store.h"
#include "store/unsubscribe.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "usage: abusedesk unsubscribe --message ID [--yes] [--allow-http]\n";

struct unsub_opts {
	int64_t message_id;
	bool yes;
	bool allow_http;
};

static int parse(int argc, char **argv, struct unsub_opts *o)
{
	static const struct option longs[] = {
	    {"message", required_argument, NULL, 'm'},
	    {"yes", no_argument, NULL, 'y'},
	    {"allow-http", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0}};
	char *end;
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		if (ch == 'm') {
			o->message_id = strtoll(optarg, &end, 10);
			if (*end || o->message_id <= 0)
				return cli_usage_error(
				    usage,
				    "unsubscribe: '%s' is not a message id",
				    optarg);
		} else if (ch == 'y') {
			o->yes = true;
		} else if (ch == 'h') {
			o->allow_http = true;
		} else {
			return cli_usage_error(
			    usage, "unsubscribe: unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (optind < argc || !o->message_id)
		return cli_usage_error(usage,
				       "unsubscribe: give one --message ID");
	return 0;
}

/* Text from mail, safe for the terminal it goes to. */
static char *shown(const char *s, bool tty)
{
	return tty ? termsafe_cstr(s, TERMSAFE_SINGLE_LINE) : xstrdup(s);
}

/* "QUESTION [y/N] " on stderr, the answer from the terminal. */
static bool ask(const char *question)
{
	char line[32];
	char *q = shown(question, true);

	fprintf(stderr, "%s [y/N] ", q);
	free(q);
	fflush(stderr);
	if (!fgets(line, sizeof line, stdin))
		return false;
	return line[0] == 'y' || line[0] == 'Y';
}

/* Whether the user wants p sent: 1 yes, 0 no (said), -1 usage error. */
static int agreed(const struct unsub_plan *p, const struct unsub_opts *o)
{
	char *q = unsub_question(p);
	bool yes = o->yes;

	if (!yes && !isatty(STDIN_FILENO)) {
		free(q);
		cli_error("unsubscribe: not on a terminal: give --yes to "
			  "unsubscribe without being asked");
		return -1;
	}
	if (!yes)
		yes = ask(q);
	free(q);
	if (yes && p->plain_http && !o->allow_http) {
		cli_error("unsubscribe: the address is plain http, which "
			  "anyone on the way can read and change; give "
			  "--allow-http to send it all the same");
		return -1;
	}
	if (!unsub_may_go(p, yes, o->allow_http)) {
		puts("unsubscribe: nothing sent");
		return 0;
	}
	return 1;
}

/* The attempt's result: its outbox row's state. */
static int say_result(struct store *s, int64_t message_id, bool tty)
{
	struct store_unsub_status st;
	struct err e = {{0}};
	char *domain = NULL, *who, *target, *why;
	bool http;
	int rc = store_report_reporter(s, message_id, &domain, &e);

	if (rc > 0)
		rc = store_unsub_latest(s, domain, &st, &e);
	if (rc <= 0) {
		cli_error("unsubscribe: %s", rc < 0 ? e.msg : "no attempt");
		free(domain);
		return EXIT_RUNTIME;
	}
	who = shown(domain, tty);
	target = shown(st.target, tty);
	why = shown(st.last_error ? st.last_error : "", tty);
	/* A POST's step is the server's answer ("HTTP 200"). */
	http = st.step && strncmp(st.step, "HTTP ", 5) == 0;
	printf("unsubscribe %s by %s to %s: %s%s%s%s%s%s\n", who, st.method,
	       target, st.state ? st.state : "dropped", http ? " (" : "",
	       http ? st.step : "", http ? ")" : "", *why ? ": " : "", why);
	free(who);
	free(target);
	free(why);
	rc = st.state && strcmp(st.state, "failed") == 0 ? EXIT_RUNTIME
							 : EXIT_OK;
	store_unsub_status_free(&st);
	free(domain);
	return rc;
}

/* The plan for the report, or an exit status (e says why). */
static int plan_of(struct store *s, int64_t id, struct unsub_plan *p,
		   struct err *e)
{
	struct report *r = NULL;
	int rc = store_report_get(s, id, &r, e);

	if (rc == 0)
		err_set(e, "no report with id %" PRId64 " in the cache", id);
	if (rc > 0)
		unsub_choose(r, p);
	report_free(r);
	if (rc > 0 && p->how == UNSUB_NONE)
		return err_set(e, "%s", p->why), EXIT_RUNTIME;
	return rc > 0 ? EXIT_OK : EXIT_RUNTIME;
}

static int run(struct cli *c, struct store *s, const struct unsub_opts *o)
{
	struct unsub_plan p = {0};
	struct err e = {{0}};
	int64_t attempt;
	int rc = plan_of(s, o->message_id, &p, &e), yes = 0;

	if (rc == EXIT_OK && (yes = agreed(&p, o)) <= 0)
		rc = yes < 0 ? EXIT_USAGE : EXIT_OK;
	if (yes > 0 && unsub_queue(s, c->config, o->message_id, &p,
				   (int64_t)time(NULL), &attempt, &e) <= 0)
		rc = EXIT_RUNTIME;
	if (rc == EXIT_RUNTIME)
		cli_error("unsubscribe: %s", e.msg);
	if (yes > 0 && rc == EXIT_OK) {
		/* A mail's copy is filed in Sent at once; a POST needs no
		 * IMAP link. Its result is the row's, said below. */
		cli_flush_now(c, s, "unsubscribe", p.how != UNSUB_POST, NULL);
		rc = say_result(s, o->message_id, isatty(STDOUT_FILENO));
	}
	unsub_plan_free(&p);
	return rc;
}

int cmd_unsubscribe(struct cli *c, int argc, char **argv)
{
	struct unsub_opts o = {0};
	struct store *s;
	int rc = parse(argc, argv, &o);

	if (rc != 0)
		return rc;
	if (!cli_config(c) || !(s = cli_open_store(c)))
		return EXIT_RUNTIME;
	rc = run(c, s, &o);
	store_close(s);
	return rc;
}
