/* cmd_list.c: `abusedesk list [--json]` — the groups of reports by
 * offending IP, as a table for people or as JSON for scripts. */
#include "cli.h"
#include "core/json.h"
#include "core/termsafe.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "store/store.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] = "usage: abusedesk list [--json]\n";

static const char no_ip_label[] = "(no IP)";

static int parse_options(int argc, char **argv, bool *json)
{
	static const struct option longopts[] = {
	    {"json", no_argument, NULL, 'j'}, {NULL, 0, NULL, 0}};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == 'j') {
			*json = true;
			continue;
		}
		if (optopt)
			return cli_usage_error(
			    usage, "list: unknown option '-%c'", optopt);
		return cli_usage_error(usage, "list: unknown option '%s'",
				       argv[optind - 1]);
	}
	if (optind < argc)
		return cli_usage_error(usage, "list: unexpected argument '%s'",
				       argv[optind]);
	return -1;
}

/* ---- table ---- */

/* Mail-derived text for the table: made safe when a terminal shows it. */
static char *shown(const char *s, bool tty)
{
	return tty ? termsafe_cstr(s, TERMSAFE_SINGLE_LINE) : xstrdup(s);
}

static void day(int64_t t, char out[16])
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || !gmtime_r(&tt, &tm) ||
	    !strftime(out, 16, "%Y-%m-%d", &tm))
		snprintf(out, 16, "-");
}

static void pad(FILE *fp, const char *s, size_t width)
{
	size_t w = utf8_width(s, strlen(s));

	fputs(s, fp);
	for (; w < width; w++)
		fputc(' ', fp);
}

static void print_table(const struct store_group *g, size_t n, bool tty)
{
	char **ips = xcalloc(n + 1, sizeof *ips);
	char **cats = xcalloc(n + 1, sizeof *cats);
	size_t ip_w = 2, cat_w = 10;
	char seen[16];

	for (size_t i = 0; i < n; i++) {
		ips[i] = shown(g[i].no_ip ? no_ip_label : g[i].ip, tty);
		cats[i] = shown(g[i].categories, tty);
		if (utf8_width(ips[i], strlen(ips[i])) > ip_w)
			ip_w = utf8_width(ips[i], strlen(ips[i]));
		if (utf8_width(cats[i], strlen(cats[i])) > cat_w)
			cat_w = utf8_width(cats[i], strlen(cats[i]));
	}
	pad(stdout, "IP", ip_w);
	printf("  REPORTS  REPORTERS  ");
	pad(stdout, "CATEGORIES", cat_w);
	printf("  LAST SEEN\n");
	for (size_t i = 0; i < n; i++) {
		pad(stdout, ips[i], ip_w);
		printf("  %7lld  %9lld  ", (long long)g[i].n_reports,
		       (long long)g[i].n_reporters);
		pad(stdout, cats[i], cat_w);
		day(g[i].last_seen, seen);
		printf("  %s\n", seen);
		free(ips[i]);
		free(cats[i]);
	}
	free(ips);
	free(cats);
}

/* ---- JSON ---- */

/* jansson wants valid UTF-8; mail does not always give it. */
static json_t *json_text(const char *s)
{
	char *safe;
	json_t *j;

	if (utf8_valid(s, strlen(s)))
		return json_string(s);
	safe = termsafe_cstr(s, TERMSAFE_SINGLE_LINE);
	j = json_string(safe);
	free(safe);
	return j;
}

static json_t *json_list(const char *comma_separated)
{
	json_t *a = json_array();
	char *copy = xstrdup(comma_separated), *save = NULL;

	for (char *t = strtok_r(copy, ",", &save); t;
	     t = strtok_r(NULL, ",", &save))
		json_array_append_new(a, json_text(t));
	free(copy);
	return a;
}

static json_t *json_time(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[32];

	if (t <= 0 || !gmtime_r(&tt, &tm) ||
	    !strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return json_null();
	return json_string(s);
}

static json_t *group_json(const struct store_group *g)
{
	json_t *o = json_object();

	json_object_set_new(o, "ip", g->no_ip ? json_null() : json_text(g->ip));
	json_object_set_new(o, "reports", json_integer(g->n_reports));
	json_object_set_new(o, "reporters", json_integer(g->n_reporters));
	json_object_set_new(o, "reporter_domains", json_list(g->reporters));
	json_object_set_new(o, "categories", json_list(g->categories));
	json_object_set_new(o, "first_seen", json_time(g->first_seen));
	json_object_set_new(o, "last_seen", json_time(g->last_seen));
	json_object_set_new(o, "state", json_text(g->state));
	return o;
}

static int print_json(const struct store_group *g, size_t n)
{
	json_t *a = json_array();
	int rc;

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, group_json(&g[i]));
	rc = json_print_safe(a, JSON_INDENT(2), stdout);
	json_decref(a);
	return rc;
}

int cmd_list(struct cli *c, int argc, char **argv)
{
	struct store_group *g;
	struct err e = {{0}};
	struct store *s;
	bool json = false;
	size_t n;
	int status = parse_options(argc, argv, &json);

	if (status >= 0)
		return status;
	s = cli_open_store_readonly(c);
	if (!s)
		return EXIT_RUNTIME;
	if (store_groups(s, &g, &n, &e) < 0) {
		cli_error("%s", e.msg);
		store_close(s);
		return EXIT_RUNTIME;
	}
	status = EXIT_OK;
	if (json && print_json(g, n) < 0)
		status = EXIT_RUNTIME;
	else if (!json)
		print_table(g, n, isatty(STDOUT_FILENO));
	if (fflush(stdout) != 0) {
		cli_error("cannot write the list");
		status = EXIT_RUNTIME;
	}
	store_groups_free(g, n);
	store_close(s);
	return status;
}
