/* cmd_list.c: `abusedesk list [--all] [--json]` — the groups of reports by
 * offending IP with the noise reporters set apart, as the screen's first
 * list shows them (the same read model, order and collapse), as a table
 * for people or as JSON for scripts. */
#include "cli.h"
#include "core/config.h"
#include "core/customers.h"
#include "core/json.h"
#include "core/termsafe.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "store/store.h"
#include "store/triage.h"

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] = "usage: abusedesk list [--all] [--json]\n";

struct list_opts {
	bool json;
	bool all; /* resolved and ignored groups too */
};

/* The screen's first list: its groups, sorted, and its noise rows, each
 * with the reason it is noise. */
struct listing {
	struct triage_group *g;
	size_t ng;
	struct triage_noise *z;
	size_t nz;
	char (*why)[96];
	struct customers *customers; /* NULL: no [customers] file */
};

static int parse_options(int argc, char **argv, struct list_opts *o)
{
	static const struct option longopts[] = {
	    {"json", no_argument, NULL, 'j'},
	    {"all", no_argument, NULL, 'a'},
	    {NULL, 0, NULL, 0}};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == 'j' || ch == 'a') {
			*(ch == 'j' ? &o->json : &o->all) = true;
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

static int load_listing(struct triage *t, const struct config *cfg, bool all,
			struct listing *l, struct err *e)
{
	struct triage_query q = {.only_open = !(all || cfg->ui.show_resolved)};

	if (triage_lists(t, &q, &l->g, &l->ng, &l->z, &l->nz, e) < 0)
		return -1;
	triage_groups_sort(l->g, l->ng, cfg->ui.sort);
	l->why = xcalloc(l->nz ? l->nz : 1, sizeof *l->why);
	for (size_t i = 0; i < l->nz; i++)
		if (triage_noise_why(t, l->z[i].reporter, l->why[i],
				     sizeof l->why[i], e) < 0)
			return -1;
	return 0;
}

/* The [customers] file, read once; what is wrong with it is a warning,
 * the list comes all the same. */
static struct customers *load_customers(const struct config *cfg)
{
	struct customers *c;
	struct err e = {{0}};
	const char *const *w;
	size_t n;

	if (!cfg->customers.file)
		return NULL;
	c = customers_new(cfg->customers.file);
	if (customers_refresh(c, (int64_t)time(NULL), &e) < 0)
		cli_error("warning: %s", e.msg);
	w = customers_warnings(c, &n);
	for (size_t i = 0; i < n; i++)
		cli_error("warning: %s", w[i]);
	return c;
}

static const struct customer *group_customer(const struct listing *l,
					     const struct triage_group *g)
{
	return g->kind == TRIAGE_IP ? customers_lookup(l->customers, g->ip)
				    : NULL;
}

static void listing_free(struct listing *l)
{
	customers_free(l->customers);
	triage_groups_free(l->g, l->ng);
	triage_noise_free(l->z, l->nz);
	free(l->why);
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

static size_t width_of(const char *s)
{
	return utf8_width(s, strlen(s));
}

/* The customer column, when there is a [customers] file: "-" for a
 * group none holds. */
static void customer_cell(const struct listing *l, char *name, size_t w)
{
	if (!l->customers)
		return;
	pad(stdout, name, w);
	fputs("  ", stdout);
}

static void print_groups(const struct listing *l, bool tty)
{
	char **ips = xcalloc(l->ng + 1, sizeof *ips);
	char **cats = xcalloc(l->ng + 1, sizeof *cats);
	char **custs = xcalloc(l->ng + 1, sizeof *custs);
	size_t ip_w = 2, cat_w = 10, cust_w = 8;
	char seen[16];

	for (size_t i = 0; i < l->ng; i++) {
		const struct customer *k = group_customer(l, &l->g[i]);
		ips[i] = shown(triage_group_label(&l->g[i]), tty);
		cats[i] = shown(l->g[i].categories, tty);
		custs[i] = shown(k ? k->name : "-", tty);
		ip_w = width_of(ips[i]) > ip_w ? width_of(ips[i]) : ip_w;
		cat_w = width_of(cats[i]) > cat_w ? width_of(cats[i]) : cat_w;
		cust_w =
		    width_of(custs[i]) > cust_w ? width_of(custs[i]) : cust_w;
	}
	pad(stdout, "IP", ip_w);
	printf("  ");
	customer_cell(l, "CUSTOMER", cust_w);
	printf("REPORTS  U   REPORTERS  ");
	pad(stdout, "CATEGORIES", cat_w);
	printf("  LAST SEEN   STATE\n");
	for (size_t i = 0; i < l->ng; i++) {
		const struct triage_group *g = &l->g[i];
		pad(stdout, ips[i], ip_w);
		printf("  ");
		customer_cell(l, custs[i], cust_w);
		printf("%7lld  %s  %9lld  ", (long long)g->n_reports,
		       triage_urgency_mark(g->urgency),
		       (long long)g->n_reporters);
		pad(stdout, cats[i], cat_w);
		day(g->last_seen, seen);
		printf("  %-10s  %s\n", seen, triage_group_state(g));
		free(ips[i]);
		free(cats[i]);
		free(custs[i]);
	}
	free(ips);
	free(cats);
	free(custs);
}

/* The noise reporters, collapsed as on the screen: one line each. */
static void print_noise(const struct listing *l, bool tty)
{
	if (!l->nz)
		return;
	printf("\nNOISE REPORTERS (collapsed)\n");
	for (size_t i = 0; i < l->nz; i++) {
		char *rep = shown(l->z[i].reporter, tty);
		printf("  %s  %lld reports  %lld IPs  noise: %s\n", rep,
		       (long long)l->z[i].n_reports, (long long)l->z[i].n_ips,
		       l->why[i]);
		free(rep);
	}
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

static const char *kind_name(enum triage_kind k)
{
	return k == TRIAGE_IP		  ? "ip"
	       : k == TRIAGE_OUT_OF_SCOPE ? "out_of_scope"
					  : "no_ip";
}

/* {"name", "contact", "id", "prefix"}; contact and id null when the
 * file gives none. */
static json_t *customer_json(const struct customer *k)
{
	json_t *o = json_object();
	char net[IP_TEXT_MAX + 4];

	cidr_format(&k->net, net, sizeof net);
	json_object_set_new(o, "name", json_text(k->name));
	json_object_set_new(o, "contact",
			    *k->contact ? json_text(k->contact) : json_null());
	json_object_set_new(o, "id", *k->id ? json_text(k->id) : json_null());
	json_object_set_new(o, "prefix", json_string(net));
	return o;
}

static json_t *group_json(const struct listing *l, const struct triage_group *g)
{
	json_t *o = json_object();
	const struct customer *k = group_customer(l, g);

	json_object_set_new(o, "kind", json_string(kind_name(g->kind)));
	json_object_set_new(
	    o, "ip", g->kind == TRIAGE_IP ? json_text(g->ip) : json_null());
	json_object_set_new(o, "reports", json_integer(g->n_reports));
	json_object_set_new(o, "open", json_integer(g->n_open));
	json_object_set_new(o, "harm", json_integer(g->harm));
	json_object_set_new(o, "urgency", json_integer(g->urgency));
	json_object_set_new(o, "reporters", json_integer(g->n_reporters));
	json_object_set_new(o, "reporter_domains", json_list(g->reporters));
	json_object_set_new(o, "categories", json_list(g->categories));
	json_object_set_new(o, "first_seen", json_time(g->first_seen));
	json_object_set_new(o, "last_seen", json_time(g->last_seen));
	json_object_set_new(o, "state",
			    json_string(store_state_name(g->state)));
	if (g->kind == TRIAGE_IP)
		json_object_set_new(o, "customer",
				    k ? customer_json(k) : json_null());
	return o;
}

static json_t *noise_json(const struct triage_noise *z, const char *why)
{
	json_t *o = json_object();

	json_object_set_new(o, "kind", json_string("noise"));
	json_object_set_new(o, "reporter", json_text(z->reporter));
	json_object_set_new(o, "reports", json_integer(z->n_reports));
	json_object_set_new(o, "ips", json_integer(z->n_ips));
	json_object_set_new(o, "why", json_text(why));
	return o;
}

/* One array, in the screen's order: the groups, then the noise rows. */
static int print_json(const struct listing *l)
{
	json_t *a = json_array();
	int rc;

	for (size_t i = 0; i < l->ng; i++)
		json_array_append_new(a, group_json(l, &l->g[i]));
	for (size_t i = 0; i < l->nz; i++)
		json_array_append_new(a, noise_json(&l->z[i], l->why[i]));
	rc = json_print_safe(a, JSON_INDENT(2), stdout);
	json_decref(a);
	return rc;
}

static int list_from(struct store *s, const struct config *cfg,
		     const struct list_opts *o)
{
	struct triage_noise_rule rule;
	struct listing l = {0};
	struct err e = {{0}};
	struct triage *t;
	int status = EXIT_OK;

	triage_rule_from_config(&rule, cfg);
	l.customers = load_customers(cfg);
	t = triage_open(s, &rule, &e);
	if (!t || load_listing(t, cfg, o->all, &l, &e) < 0) {
		cli_error("%s", e.msg);
		status = EXIT_RUNTIME;
	} else if (o->json) {
		status = print_json(&l) < 0 ? EXIT_RUNTIME : EXIT_OK;
	} else {
		print_groups(&l, isatty(STDOUT_FILENO));
		print_noise(&l, isatty(STDOUT_FILENO));
	}
	listing_free(&l);
	triage_free(t);
	return status;
}

int cmd_list(struct cli *c, int argc, char **argv)
{
	struct list_opts o = {false, false};
	struct config *cfg;
	struct store *s;
	int status = parse_options(argc, argv, &o);

	if (status >= 0)
		return status;
	cfg = cli_config(c);
	if (!cfg)
		return EXIT_RUNTIME;
	s = cli_open_store_readonly(c);
	if (!s)
		return EXIT_RUNTIME;
	status = list_from(s, cfg, &o);
	if (fflush(stdout) != 0) {
		cli_error("cannot write the list");
		status = EXIT_RUNTIME;
	}
	store_close(s);
	return status;
}
