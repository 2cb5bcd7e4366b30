/* cmd_outbox.c: `abusedesk outbox [list] [--all] [--json]`, `outbox retry
 * ID` and `outbox drop ID` — the network work that waits in the cache
 * (the keywords that share decisions, ...), what failed and why, and the
 * hand that sends a failed row again or gives it up. */
#include "cli.h"
#include "core/json.h"
#include "core/termsafe.h"
#include "core/xalloc.h"
#include "store/store.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] = "usage: abusedesk outbox [list] [--all] [--json]\n"
			    "       abusedesk outbox retry|drop ID\n";

struct outbox_opts {
	bool json;
	bool all; /* sent rows too */
};

static json_t *time_json(int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;
	char s[32];

	if (t <= 0 || !gmtime_r(&tt, &tm) ||
	    !strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return json_null();
	return json_string(s);
}

static json_t *row_json(const struct store_outbox_row *r)
{
	json_t *o = json_object();
	json_t *p = json_loads(r->payload ? r->payload : "", 0, NULL);

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "kind", json_string(r->kind));
	json_object_set_new(o, "message_id",
			    r->message_id ? json_integer(r->message_id)
					  : json_null());
	json_object_set_new(o, "state",
			    json_string(store_outbox_state_name(r->state)));
	json_object_set_new(o, "attempts", json_integer(r->attempts));
	json_object_set_new(o, "last_error",
			    r->last_error ? json_string(r->last_error)
					  : json_null());
	json_object_set_new(o, "created_at", time_json(r->created_at));
	json_object_set_new(o, "next_attempt_at",
			    time_json(r->next_attempt_at));
	json_object_set_new(o, "sent_at", time_json(r->sent_at));
	json_object_set_new(o, "step", json_string(r->step));
	json_object_set_new(o, "payload", p ? p : json_null());
	return o;
}

/* What the row concerns: the report (the id --message takes), else the
 * IP of a decision on a group, else "-". */
static char *row_target(const struct store_outbox_row *r)
{
	json_t *p = json_loads(r->payload ? r->payload : "", 0, NULL);
	const char *ip = json_string_value(json_object_get(p, "ip"));
	char *t;

	if (r->message_id)
		t = xasprintf("message %" PRId64, r->message_id);
	else if (ip)
		t = xasprintf("ip %s", ip);
	else
		t = xstrdup("-");
	json_decref(p);
	return t;
}

static void row_text(const struct store_outbox_row *r)
{
	char *err = r->last_error
			? termsafe_cstr(r->last_error, TERMSAFE_SINGLE_LINE)
			: NULL;
	char *raw = row_target(r);
	char *target = termsafe_cstr(raw, TERMSAFE_SINGLE_LINE);

	printf("%" PRId64 "\t%s\t%s\t%" PRId64 " attempts\t%s%s%s\n", r->id,
	       r->kind, store_outbox_state_name(r->state), r->attempts, target,
	       err ? "\t" : "", err ? err : "");
	free(target);
	free(raw);
	free(err);
}

static int list(struct cli *c, const struct outbox_opts *o)
{
	struct store_outbox_row *v = NULL;
	struct err e = {{0}};
	struct store *s = cli_open_store_readonly(c);
	size_t n = 0;
	json_t *a;
	int rc;

	if (!s)
		return EXIT_RUNTIME;
	rc = store_outbox_list(s, o->all, &v, &n, &e);
	store_close(s);
	if (rc < 0) {
		cli_error("outbox: %s", e.msg);
		return EXIT_RUNTIME;
	}
	if (!o->json) {
		for (size_t i = 0; i < n; i++)
			row_text(&v[i]);
		store_outbox_rows_free(v, n);
		return EXIT_OK;
	}
	a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, row_json(&v[i]));
	store_outbox_rows_free(v, n);
	rc = json_print_safe(a, JSON_INDENT(2), stdout);
	json_decref(a);
	return rc < 0 ? EXIT_RUNTIME : EXIT_OK;
}

/* retry or drop one row. */
static int one(struct cli *c, const char *verb, const char *arg)
{
	struct err e = {{0}};
	char *end;
	int64_t id = strtoll(arg, &end, 10);
	struct store *s;
	int rc;

	if (*end || id <= 0)
		return cli_usage_error(usage, "outbox %s: '%s' is not a row id",
				       verb, arg);
	if (!(s = cli_open_store(c)))
		return EXIT_RUNTIME;
	rc = strcmp(verb, "retry") == 0 ? store_outbox_retry(s, id, &e)
					: store_outbox_drop(s, id, &e);
	store_close(s);
	if (rc == 0)
		err_set(&e, "no row %s%s", arg,
			verb[0] == 'r' ? " waiting or failed" : "");
	if (rc <= 0) {
		cli_error("outbox %s: %s", verb, e.msg);
		return EXIT_RUNTIME;
	}
	printf("outbox row %" PRId64 " %s\n", id,
	       verb[0] == 'r' ? "queued again" : "dropped");
	return EXIT_OK;
}

static int parse(int argc, char **argv, struct outbox_opts *o)
{
	static const struct option longs[] = {{"json", no_argument, NULL, 'j'},
					      {"all", no_argument, NULL, 'a'},
					      {NULL, 0, NULL, 0}};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		if (ch == 'j')
			o->json = true;
		else if (ch == 'a')
			o->all = true;
		else
			return cli_usage_error(usage,
					       "outbox: unknown option '%s'",
					       argv[optind - 1]);
	}
	return 0;
}

int cmd_outbox(struct cli *c, int argc, char **argv)
{
	struct outbox_opts o = {0};
	int rc = parse(argc, argv, &o);
	int left = argc - optind;
	const char *verb = left > 0 ? argv[optind] : "list";

	if (rc != 0)
		return rc;
	if (strcmp(verb, "list") == 0 && left <= 1)
		return list(c, &o);
	if ((strcmp(verb, "retry") == 0 || strcmp(verb, "drop") == 0) &&
	    left == 2)
		return one(c, verb, argv[optind + 1]);
	return cli_usage_error(usage, "outbox: unexpected arguments");
}
