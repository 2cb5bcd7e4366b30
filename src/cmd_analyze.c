/* cmd_analyze.c: `abusedesk analyze [--networks CIDR,...] FILE...` — one
 * JSON object per file, one line each, in the order of the arguments; "-"
 * reads one message from stdin. Without --networks, [networks] own of the
 * configuration applies. Exit status 1 when any file failed. */
#include "analysis/analyze.h"
#include "cli.h"
#include "core/buf.h"
#include "core/ip.h"
#include "core/json.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "usage: abusedesk analyze [--networks CIDR[,CIDR...]] FILE...\n";

/* Mail bigger than this is no abuse report anyone can read. */
#define ANALYZE_MAX_FILE ((size_t)256 << 20)

/* jansson refuses invalid UTF-8; mail text is mostly valid, and what is
 * not gets '?' for each bad byte rather than losing the whole string. */
static json_t *jstr(const char *s)
{
	struct buf b = BUF_INIT;
	size_t n, i = 0;
	json_t *j;

	if (!s)
		return json_null();
	n = strlen(s);
	if (utf8_valid(s, n))
		return json_stringn(s, n);
	while (i < n) {
		uint32_t cp;
		int k = utf8_decode(s + i, n - i, &cp);
		if (k > 0) {
			buf_append(&b, s + i, (size_t)k);
			i += (size_t)k;
		} else {
			buf_putc(&b, '?');
			i++;
		}
	}
	j = json_stringn(b.data ? b.data : "", b.len);
	buf_free(&b);
	return j;
}

static json_t *jstrings(char **v, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, jstr(v[i]));
	return a;
}

/* A method our server gave no result for is null. */
static json_t *auth_result(enum report_auth_result a)
{
	return a == REPORT_AUTH_ABSENT
		   ? json_null()
		   : json_string(report_auth_result_name(a));
}

static json_t *auth_json(const struct report *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "dkim", auth_result(r->auth_dkim));
	json_object_set_new(o, "spf", auth_result(r->auth_spf));
	json_object_set_new(o, "dmarc", auth_result(r->auth_dmarc));
	json_object_set_new(
	    o, "verdict",
	    json_string(report_auth_verdict_name(r->auth_verdict)));
	return o;
}

static json_t *report_json(const char *file, const struct report *r)
{
	json_t *o = json_object(), *ips = json_array(), *roles = json_array();
	json_t *scope = json_array(), *unsub = json_object();

	for (size_t i = 0; i < r->n_ips; i++) {
		json_array_append_new(ips, json_string(r->ips[i].text));
		json_array_append_new(
		    roles, json_string(report_ip_role_name(r->ips[i].role)));
		json_array_append_new(scope, json_boolean(r->ips[i].in_scope));
	}
	json_object_set_new(unsub, "method",
			    json_string(report_unsub_name(r->unsub_method)));
	json_object_set_new(unsub, "target", jstr(r->unsub_target));
	if (r->unsub_address)
		json_object_set_new(unsub, "address", jstr(r->unsub_address));
	json_object_set_new(o, "file", jstr(file));
	json_object_set_new(o, "ips", ips);
	json_object_set_new(o, "roles", roles);
	json_object_set_new(o, "in_scope", scope);
	if (r->ips_truncated)
		json_object_set_new(o, "ips_truncated", json_true());
	json_object_set_new(o, "reporter", jstr(r->reporter));
	json_object_set_new(o, "original_reporter", jstr(r->original_reporter));
	json_object_set_new(o, "format",
			    json_string(report_format_name(r->format)));
	json_object_set_new(o, "category", jstr(r->category));
	json_object_set_new(o, "type", jstr(r->type));
	json_object_set_new(o, "problem", jstr(r->problem));
	if (r->problem_derived)
		json_object_set_new(o, "problem_derived", json_true());
	json_object_set_new(o, "action", jstr(r->action));
	json_object_set_new(o, "harm", json_integer(r->harm));
	json_object_set_new(o, "deadline", json_boolean(r->deadline));
	json_object_set_new(o, "summary", jstr(r->summary));
	json_object_set_new(o, "advice", jstr(r->advice));
	json_object_set_new(o, "evidence",
			    jstrings(r->evidence, r->n_evidence));
	json_object_set_new(o, "noise_signals",
			    jstrings(r->noise_signals, r->n_noise_signals));
	json_object_set_new(o, "bulk", jstr(r->bulk));
	json_object_set_new(o, "unsubscribe", unsub);
	json_object_set_new(o, "auth", auth_json(r));
	json_object_set_new(o, "analysis",
			    json_string(report_analysis_name(r->analysis)));
	json_object_set_new(o, "analysis_note", jstr(r->analysis_note));
	return o;
}

static void print_json(json_t *o)
{
	json_print_safe(o, JSON_COMPACT | JSON_PRESERVE_ORDER, stdout);
	json_decref(o);
}

static void print_error(const char *file, const char *msg)
{
	json_t *o = json_object();

	json_object_set_new(o, "file", jstr(file));
	json_object_set_new(o, "error", jstr(msg));
	print_json(o);
}

/* Reads all of f into b; -1 with a sentence in e on failure. */
static int read_all(FILE *f, struct buf *b, struct err *e)
{
	char chunk[65536];
	size_t n;

	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (b->len + n > ANALYZE_MAX_FILE)
			return err_set(e, "larger than %zu MB: not analysed",
				       ANALYZE_MAX_FILE >> 20);
		buf_append(b, chunk, n);
	}
	if (ferror(f))
		return err_set(e, "cannot read: %s", strerror(errno));
	return 0;
}

static int read_file(const char *path, struct buf *b, struct err *e)
{
	struct stat st;
	FILE *f;
	int rc;

	if (strcmp(path, "-") == 0)
		return read_all(stdin, b, e);
	f = fopen(path, "rb");
	if (!f)
		return err_set(e, "cannot open: %s", strerror(errno));
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size <= ANALYZE_MAX_FILE)
		buf_reserve(b, (size_t)st.st_size); /* read once, no regrowth */
	rc = read_all(f, b, e);
	fclose(f);
	return rc;
}

/* Returns true when the file was analysed. */
static bool analyze_one(const char *path, const struct analysis_opts *opts)
{
	struct buf b = BUF_INIT;
	struct err e = {{0}};
	struct report *r = NULL;

	if (read_file(path, &b, &e) == 0)
		r = analysis_run(b.data ? b.data : "", b.len, opts, &e);
	buf_free(&b);
	if (!r) {
		print_error(path, e.msg);
		return false;
	}
	print_json(report_json(path, r));
	report_free(r);
	return true;
}

static int parse_options(int argc, char **argv, const char **networks)
{
	static const struct option longopts[] = {
	    {"networks", required_argument, NULL, 'n'}, {NULL, 0, NULL, 0}};
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (ch == 'n') {
			*networks = optarg;
			continue;
		}
		if (optopt == 'n')
			return cli_usage_error(
			    usage, "analyze: --networks needs a value");
		return cli_usage_error(usage, "analyze: unknown option '%s'",
				       argv[optind - 1]);
	}
	if (optind >= argc)
		return cli_usage_error(usage,
				       "analyze: give at least one FILE");
	return -1;
}

int cmd_analyze(struct cli *c, int argc, char **argv)
{
	const char *networks = NULL;
	struct cidr_list own = {0};
	struct analysis_opts opts = {0};
	struct err e = {{0}};
	int status = parse_options(argc, argv, &networks);
	bool failed = false;

	if (status >= 0)
		return status;
	if (networks && cidr_list_parse(networks, &own, &e) < 0)
		return cli_usage_error(usage, "analyze: --networks: %s", e.msg);
	if (cli_analysis_opts(c, &opts) < 0) {
		cidr_list_free(&own);
		return EXIT_RUNTIME;
	}
	if (networks)
		opts.own = &own;
	for (int i = optind; i < argc; i++) {
		failed |= !analyze_one(argv[i], &opts);
		fflush(stdout);
	}
	cidr_list_free(&own);
	return failed ? EXIT_RUNTIME : EXIT_OK;
}
