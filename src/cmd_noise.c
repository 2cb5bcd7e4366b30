/* cmd_noise.c: `abusedesk noise mark|unmark|auto DOMAIN` and `abusedesk
 * noise list [--json]` — the user's noise marks on reporters, as the
 * screen's key sets them, for scripts; and which reporters are noise, why,
 * and which the user unmarked. */
#include "cli.h"
#include "actions/unsubscribe.h"
#include "core/json.h"
#include "core/termsafe.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "store/reporter_noise.h"
#include "store/triage.h"
#include "store/unsubscribe.h"

#include <ctype.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] = "usage: abusedesk noise list [--json]\n"
			    "       abusedesk noise mark|unmark|auto DOMAIN\n";

/* The verbs that set a mode. */
static const struct {
	const char *verb;
	enum store_noise_mode mode;
} verbs[] = {
    {"mark", STORE_NOISE_MARKED},
    {"unmark", STORE_NOISE_NEVER},
    {"auto", STORE_NOISE_AUTO},
};

/* One reporter as the rule sees it now. */
struct entry {
	const struct store_reporter_mode *r;
	bool noise;
	char why[128]; /* the rule's reason, or what the mode says */
	bool unsubscribed;
	struct store_unsub_status unsub; /* the latest attempt, if any */
};

/* The triage that answers "noise, and why" by the configured rule. */
static struct triage *open_rule(struct cli *c, struct store *s,
				struct triage_noise_rule *rule, struct err *e)
{
	triage_rule_from_config(rule, c->config);
	return triage_open(s, rule, e);
}

static int entry_read(struct triage *t, const struct store_reporter_mode *r,
		      struct entry *out, struct err *e)
{
	const char *says = store_noise_mode_says(r->mode);
	int rc = triage_noise_why(t, r->domain, out->why, sizeof out->why, e);

	if (rc < 0)
		return -1;
	out->r = r;
	out->noise = rc == 1;
	if (!out->noise)
		snprintf(out->why, sizeof out->why, "%s", says ? says : "");
	return 0;
}

/* ---- mark, unmark, auto ---- */

static char *lowercase(const char *s)
{
	char *d = xstrdup(s);

	for (char *p = d; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

/* "DOMAIN: noise, why (was MODE)" on stdout. */
static int say_now(struct cli *c, struct store *s, const char *domain,
		   enum store_noise_mode was, enum store_noise_mode now,
		   struct err *e)
{
	struct store_reporter_mode r = {(char *)domain, now, 0};
	struct triage_noise_rule rule;
	struct triage *t = open_rule(c, s, &rule, e);
	struct entry en;
	int rc;

	if (!t)
		return -1;
	rc = entry_read(t, &r, &en, e);
	triage_free(t);
	if (rc < 0)
		return -1;
	printf("%s: %s%s%s (was %s)\n", domain,
	       en.noise ? "noise" : "not noise", en.why[0] ? ", " : "", en.why,
	       store_noise_mode_name(was));
	return 0;
}

static int set_mode(struct cli *c, enum store_noise_mode mode, const char *arg)
{
	char *domain = lowercase(arg);
	struct err e = {{0}};
	enum store_noise_mode was;
	struct store *s = cli_open_store(c);
	int rc = s ? store_reporter_noise_get(s, domain, &was, &e) : -1;

	if (rc > 0)
		rc = store_reporter_noise_set(s, domain, mode, &e);
	if (rc > 0)
		rc = say_now(c, s, domain, was, mode, &e) < 0 ? -1 : 1;
	if (rc == 0)
		err_set(&e,
			"no reporter %s in the cache (a reporter not seen yet "
			"goes in [noise] reporters or never)",
			domain);
	if (rc <= 0 && s)
		cli_error("noise: %s", e.msg);
	store_close(s);
	free(domain);
	return rc > 0 ? EXIT_OK : EXIT_RUNTIME;
}

/* ---- list ---- */

/* The reporters worth listing: noise, or with a mode the user set. */
static int entries(struct cli *c, struct store *s, struct entry **out,
		   size_t *n, struct store_reporter_mode **v, size_t *nv,
		   struct err *e)
{
	struct triage_noise_rule rule;
	struct triage *t;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (store_reporter_modes(s, v, nv, e) < 0 ||
	    !(t = open_rule(c, s, &rule, e)))
		return -1;
	*out = xcalloc(*nv ? *nv : 1, sizeof **out);
	for (size_t i = 0; rc == 0 && i < *nv; i++) {
		struct entry *en = &(*out)[*n];
		rc = entry_read(t, &(*v)[i], en, e);
		if (rc < 0 || (!en->noise && (*v)[i].mode == STORE_NOISE_AUTO))
			continue;
		rc = store_unsub_latest(s, (*v)[i].domain, &en->unsub, e);
		en->unsubscribed = rc == 1;
		rc = rc < 0 ? -1 : 0;
		++*n;
	}
	triage_free(t);
	return rc;
}

/* Reporter domains come from mail: made safe on a terminal. */
static void print_table(const struct entry *v, size_t n, bool tty)
{
	printf("%-34s %8s  %-5s  %s\n", "REPORTER", "REPORTS", "MODE", "NOISE");
	for (size_t i = 0; i < n; i++) {
		const char *d = v[i].r->domain;
		char *safe =
		    tty ? termsafe_cstr(d, TERMSAFE_SINGLE_LINE) : xstrdup(d);
		size_t used = 0,
		       bytes = utf8_fit(safe, strlen(safe), 34, &used);

		char still[96] = "";
		if (v[i].unsubscribed)
			unsub_still_sending(&v[i].unsub, still, sizeof still);
		printf("%.*s%*s %8lld  %-5s  %s%s%s%s%s\n", (int)bytes, safe,
		       (int)(34 - used), "", (long long)v[i].r->reports,
		       store_noise_mode_name(v[i].r->mode),
		       v[i].noise ? "yes" : "no", v[i].why[0] ? ": " : "",
		       v[i].why, still[0] ? "; " : "", still);
		free(safe);
	}
}

/* jansson wants valid UTF-8; a domain from mail may not be. */
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

/* The latest unsubscribe attempt and what came of it; the reports sent
 * since are counted, not stored. */
static json_t *unsub_json(const struct store_unsub_status *u)
{
	json_t *o = json_pack("{s:I, s:s, s:o, s:s?, s:I}", "at",
			      (json_int_t)u->created_at, "method", u->method,
			      "target", json_text(u->target), "state", u->state,
			      "still_sending", (json_int_t)u->since);

	if (u->last_error)
		json_object_set_new(o, "last_error", json_text(u->last_error));
	return o;
}

static int print_json(const struct entry *v, size_t n)
{
	json_t *a = json_array();
	int rc;

	for (size_t i = 0; i < n; i++) {
		json_t *o =
		    json_pack("{s:o, s:I, s:s, s:b, s:s?}", "reporter",
			      json_text(v[i].r->domain), "reports",
			      (json_int_t)v[i].r->reports, "mode",
			      store_noise_mode_name(v[i].r->mode), "noise",
			      v[i].noise, "why", v[i].why[0] ? v[i].why : NULL);
		if (v[i].unsubscribed)
			json_object_set_new(o, "unsubscribe",
					    unsub_json(&v[i].unsub));
		json_array_append_new(a, o);
	}
	rc = json_print_safe(a, JSON_INDENT(2), stdout);
	json_decref(a);
	return rc;
}

static int list(struct cli *c, bool json)
{
	struct store_reporter_mode *v = NULL;
	struct entry *en = NULL;
	size_t n = 0, nv = 0;
	struct err e = {{0}};
	struct store *s = cli_open_store_readonly(c);
	int status = EXIT_OK;

	if (!s)
		return EXIT_RUNTIME;
	if (entries(c, s, &en, &n, &v, &nv, &e) < 0) {
		cli_error("noise: %s", e.msg);
		status = EXIT_RUNTIME;
	} else if (json) {
		status = print_json(en, n) < 0 ? EXIT_RUNTIME : EXIT_OK;
	} else {
		print_table(en, n, isatty(STDOUT_FILENO));
	}
	if (status == EXIT_OK && fflush(stdout) != 0) {
		cli_error("cannot write the list");
		status = EXIT_RUNTIME;
	}
	for (size_t i = 0; i < n; i++)
		store_unsub_status_free(&en[i].unsub);
	free(en);
	store_reporter_modes_free(v, nv);
	store_close(s);
	return status;
}

/* ---- arguments ---- */

static int parse_options(int argc, char **argv, bool *json)
{
	static const struct option longopts[] = {
	    {"json", no_argument, NULL, 'j'}, {NULL, 0, NULL, 0}};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch != 'j')
			return cli_usage_error(usage,
					       "noise: unknown option '%s'",
					       argv[optind - 1]);
		*json = true;
	}
	return -1;
}

/* The verb's index in verbs, or -1 (with *status) when the arguments
 * do not fit it; list is the one past the end. */
static int pick(int argc, char **argv, bool json, int *status)
{
	int left = argc - optind;
	const char *verb = left > 0 ? argv[optind] : NULL;
	size_t n = sizeof verbs / sizeof verbs[0];

	*status = EXIT_USAGE;
	if (!verb) {
		cli_usage_error(usage, "noise: list, mark, unmark or auto?");
		return -1;
	}
	if (strcmp(verb, "list") == 0 && left == 1)
		return (int)n;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(verb, verbs[i].verb) != 0)
			continue;
		if (left == 2 && !json)
			return (int)i;
		cli_usage_error(usage,
				json ? "noise %s: --json is for list"
				     : "noise %s: give one DOMAIN",
				verb);
		return -1;
	}
	if (strcmp(verb, "list") == 0)
		cli_usage_error(usage, "noise list: unexpected argument '%s'",
				argv[optind + 1]);
	else
		cli_usage_error(usage, "noise: unknown action '%s'", verb);
	return -1;
}

int cmd_noise(struct cli *c, int argc, char **argv)
{
	bool json = false;
	int status = parse_options(argc, argv, &json);
	int i = status >= 0 ? -1 : pick(argc, argv, json, &status);

	if (i < 0)
		return status;
	if (!cli_config(c))
		return EXIT_RUNTIME;
	if ((size_t)i == sizeof verbs / sizeof verbs[0])
		return list(c, json);
	return set_mode(c, verbs[i].mode, argv[optind + 1]);
}
