/* cmd_stats.c: `abusedesk stats [--json]` — how much of what arrives, and
 * from whom: totals, reports per category, and per reporter with the share
 * that asks for something and whether it counts as noise. */
#include "cli.h"
#include "core/config.h"
#include "core/json.h"
#include "core/termsafe.h"
#include "core/utf8.h"
#include "store/stats.h"
#include "store/triage.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] = "usage: abusedesk stats [--json]\n";

struct stats {
	struct store_counts totals;
	struct stats_category *categories;
	size_t n_categories;
	struct stats_reporter *reporters;
	size_t n_reporters;
	struct triage_noise *noise;
	size_t n_noise;
};

static bool is_noise(const struct stats *st, const char *domain)
{
	for (size_t i = 0; i < st->n_noise; i++)
		if (strcmp(st->noise[i].reporter, domain) == 0)
			return true;
	return false;
}

static int load_noise(struct store *s, const struct config *cfg,
		      struct stats *st, struct err *e)
{
	struct triage_noise_rule rule;
	struct triage_query q = {0};
	struct triage *t;
	int rc;

	triage_rule_from_config(&rule, cfg);
	t = triage_open(s, &rule, e);
	if (!t)
		return -1;
	rc = triage_noise_list(t, &q, &st->noise, &st->n_noise, e);
	triage_free(t);
	return rc;
}

static int load(struct store *s, const struct config *cfg, struct stats *st,
		struct err *e)
{
	if (store_counts(s, &st->totals, e) < 0 ||
	    stats_categories(s, &st->categories, &st->n_categories, e) < 0 ||
	    stats_reporters(s, &st->reporters, &st->n_reporters, e) < 0)
		return -1;
	return load_noise(s, cfg, st, e);
}

static void stats_free(struct stats *st)
{
	stats_categories_free(st->categories, st->n_categories);
	stats_reporters_free(st->reporters, st->n_reporters);
	triage_noise_free(st->noise, st->n_noise);
}

static int percent(int64_t part, int64_t whole)
{
	return whole ? (int)((part * 100 + whole / 2) / whole) : 0;
}

/* Reporter domains come from mail: made safe, then cut to the column. */
static void print_domain(const char *domain, bool tty, size_t width)
{
	char *safe =
	    tty ? termsafe_cstr(domain, TERMSAFE_SINGLE_LINE) : strdup(domain);
	size_t used = 0, bytes = utf8_fit(safe, strlen(safe), width, &used);

	printf("%.*s%*s", (int)bytes, safe, (int)(width - used), "");
	free(safe);
}

static void print_table(const struct stats *st, bool tty)
{
	printf("%lld messages, %lld reports, %lld IP groups, %zu reporters "
	       "(%zu noise)\n\n%-34s %8s %6s\n",
	       (long long)st->totals.messages, (long long)st->totals.reports,
	       (long long)st->totals.groups, st->n_reporters, st->n_noise,
	       "CATEGORY/TYPE", "REPORTS", "IPS");
	for (size_t i = 0; i < st->n_categories; i++) {
		const struct stats_category *c = &st->categories[i];
		char name[64];
		snprintf(name, sizeof name, "%s/%s", c->category, c->type);
		printf("%-34s %8lld %6lld\n", name, (long long)c->reports,
		       (long long)c->ips);
	}
	printf("\n%-34s %8s %6s %7s  %s\n", "REPORTER", "REPORTS", "IPS",
	       "ACTION", "NOISE");
	for (size_t i = 0; i < st->n_reporters; i++) {
		const struct stats_reporter *r = &st->reporters[i];
		print_domain(r->domain, tty, 34);
		printf(" %8lld %6lld %6d%%  %s\n", (long long)r->reports,
		       (long long)r->ips, percent(r->with_action, r->reports),
		       is_noise(st, r->domain) ? "noise" : "-");
	}
}

static json_t *reporter_json(const struct stats *st,
			     const struct stats_reporter *r)
{
	return json_pack(
	    "{s:s?, s:I, s:I, s:I, s:b}", "reporter", r->domain, "reports",
	    (json_int_t)r->reports, "ips", (json_int_t)r->ips, "with_action",
	    (json_int_t)r->with_action, "noise", is_noise(st, r->domain));
}

static int print_json(const struct stats *st)
{
	json_t *cats = json_array(), *reps = json_array(), *o;
	int rc;

	for (size_t i = 0; i < st->n_categories; i++) {
		const struct stats_category *c = &st->categories[i];
		json_array_append_new(
		    cats, json_pack("{s:s?, s:s?, s:I, s:I}", "category",
				    c->category, "type", c->type, "reports",
				    (json_int_t)c->reports, "ips",
				    (json_int_t)c->ips));
	}
	for (size_t i = 0; i < st->n_reporters; i++)
		json_array_append_new(reps,
				      reporter_json(st, &st->reporters[i]));
	o = json_pack("{s:I, s:I, s:I, s:o, s:o}", "messages",
		      (json_int_t)st->totals.messages, "reports",
		      (json_int_t)st->totals.reports, "groups",
		      (json_int_t)st->totals.groups, "categories", cats,
		      "reporters", reps);
	rc = json_print_safe(o, JSON_COMPACT, stdout);
	json_decref(o);
	return rc;
}

static int parse_options(int argc, char **argv, bool *json)
{
	static const struct option longopts[] = {
	    {"json", no_argument, NULL, 'j'}, {NULL, 0, NULL, 0}};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch != 'j')
			return cli_usage_error(usage,
					       "stats: unknown option '%s'",
					       argv[optind - 1]);
		*json = true;
	}
	if (optind < argc)
		return cli_usage_error(usage, "stats: unexpected argument '%s'",
				       argv[optind]);
	return -1;
}

int cmd_stats(struct cli *c, int argc, char **argv)
{
	struct stats st = {0};
	struct err e = {{0}};
	struct store *s;
	bool json = false;
	int status = parse_options(argc, argv, &json);

	if (status >= 0)
		return status;
	s = cli_open_store_readonly(c);
	if (!s)
		return EXIT_RUNTIME;
	if (load(s, c->config, &st, &e) < 0) {
		cli_error("stats: %s", e.msg);
		status = EXIT_RUNTIME;
	} else if (json) {
		status = print_json(&st) < 0 ? EXIT_RUNTIME : EXIT_OK;
	} else {
		print_table(&st, isatty(STDOUT_FILENO));
		status = EXIT_OK;
	}
	stats_free(&st);
	store_close(s);
	return status;
}
