/* cmd_decide.c: `abusedesk resolve|ignore|reopen IP` and `... --message
 * ID`, with an optional --note — the screen's decisions for scripts,
 * made through the same actions (actions/state.h): the state in the
 * cache and the keyword row in the outbox, which the next sync sends. */
#include "cli.h"
#include "actions/state.h"
#include "core/ip.h"
#include "store/store.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: abusedesk resolve|ignore|reopen IP [--note TEXT]\n"
    "       abusedesk resolve|ignore|reopen --message ID [--note TEXT]\n";

/* The verbs and the state each one sets. */
static const struct {
	const char *verb;
	enum store_state st;
} verbs[] = {
    {"resolve", STORE_STATE_RESOLVED},
    {"ignore", STORE_STATE_IGNORED},
    {"reopen", STORE_STATE_OPEN},
};

struct decide_opts {
	const char *note;
	const char *message; /* --message ID */
	const char *ip;
};

static int parse(int argc, char **argv, struct decide_opts *o)
{
	static const struct option longs[] = {
	    {"note", required_argument, NULL, 'n'},
	    {"message", required_argument, NULL, 'm'},
	    {NULL, 0, NULL, 0}};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		if (ch == 'n')
			o->note = optarg;
		else if (ch == 'm')
			o->message = optarg;
		else
			return cli_usage_error(usage, "%s: unknown option '%s'",
					       argv[0], argv[optind - 1]);
	}
	if (optind < argc)
		o->ip = argv[optind++];
	if (optind < argc || !o->ip == !o->message)
		return cli_usage_error(
		    usage, "%s: give one IP or one --message ID", argv[0]);
	return 0;
}

/* The target as the command line names it; the error says what is wrong
 * with it (2: usage, 1: not in the cache). */
static int target_of(struct store *s, const struct decide_opts *o,
		     struct action_target *t, struct err *e)
{
	struct ip_addr a;
	struct report *r = NULL;
	int64_t *ids = NULL;
	size_t n = 0;
	char *end;

	memset(t, 0, sizeof *t);
	if (o->ip) {
		if (ip_parse(o->ip, strlen(o->ip), &a) < 0)
			return err_set(e, "'%s' is not an IP address", o->ip),
			       EXIT_USAGE;
		ip_format(&a, t->ip);
		t->is_ip = true;
		if (store_ip_messages(s, t->ip, &ids, &n, e) < 0)
			return EXIT_RUNTIME;
		free(ids);
		if (!n)
			return err_set(e, "no report about %s in the cache",
				       t->ip),
			       EXIT_RUNTIME;
		return EXIT_OK;
	}
	t->message_id = strtoll(o->message, &end, 10);
	if (*end || t->message_id <= 0)
		return err_set(e, "'%s' is not a message id", o->message),
		       EXIT_USAGE;
	int rc = store_report_get(s, t->message_id, &r, e);
	report_free(r);
	if (rc == 0)
		err_set(e, "no report with id %s in the cache", o->message);
	return rc == 1 ? EXIT_OK : EXIT_RUNTIME;
}

static int decide(struct cli *c, enum store_state st,
		  const struct decide_opts *o, const char *verb)
{
	struct action_target t;
	struct err e = {{0}};
	struct store *s = cli_open_store(c);
	int rc;

	if (!s)
		return EXIT_RUNTIME;
	rc = target_of(s, o, &t, &e);
	if (rc == EXIT_OK &&
	    action_decide(s, &t, st, o->note && *o->note ? o->note : NULL, NULL,
			  &e) < 0)
		rc = EXIT_RUNTIME;
	store_close(s);
	if (rc == EXIT_USAGE)
		return cli_usage_error(usage, "%s: %s", verb, e.msg);
	if (rc != EXIT_OK) {
		cli_error("%s: %s", verb, e.msg);
		return rc;
	}
	if (t.is_ip)
		printf("%s %s\n", t.ip, store_state_name(st));
	else
		printf("report %" PRId64 " %s\n", t.message_id,
		       store_state_name(st));
	return EXIT_OK;
}

int cmd_decide(struct cli *c, int argc, char **argv)
{
	struct decide_opts o = {0};
	int rc = parse(argc, argv, &o);

	if (rc != 0)
		return rc;
	for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
		if (strcmp(argv[0], verbs[i].verb) == 0)
			return decide(c, verbs[i].st, &o, argv[0]);
	return cli_usage_error(usage, "unknown command '%s'", argv[0]);
}
