/* cmd_import.c: `abusedesk import PATH...` — Maildir folders, mbox files
 * and single message files into the cache, with one summary line. */
#include "cli.h"
#include "mail/import.h"

#include <getopt.h>
#include <stdio.h>

static const char usage[] = "usage: abusedesk import PATH...\n";

static const char *plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/* Prints the errors st gained since *shown. */
static void print_new_errors(const struct import_stats *st, size_t *shown)
{
	for (; *shown < st->n_errors; (*shown)++)
		cli_error("%s", st->errors[*shown]);
}

static int parse_options(int argc, char **argv)
{
	static const struct option longopts[] = {{NULL, 0, NULL, 0}};
	int ch;

	opterr = 0;
	ch = getopt_long(argc, argv, "", longopts, NULL);
	if (ch != -1 && optopt)
		return cli_usage_error(usage, "import: unknown option '-%c'",
				       optopt);
	if (ch != -1)
		return cli_usage_error(usage, "import: unknown option '%s'",
				       argv[optind - 1]);
	if (optind >= argc)
		return cli_usage_error(usage, "import: give at least one PATH");
	return -1;
}

int cmd_import(struct cli *c, int argc, char **argv)
{
	struct import_stats st = {0};
	struct analysis_opts opts = {0};
	struct store *s;
	size_t shown = 0, failed = 0;
	int status = parse_options(argc, argv), first = optind;

	if (status >= 0)
		return status;
	if (cli_analysis_opts(c, &opts) < 0)
		return EXIT_RUNTIME;
	s = cli_open_store(c);
	if (!s)
		return EXIT_RUNTIME;
	for (int i = first; i < argc; i++) {
		struct err e = {{0}};
		if (import_path(s, argv[i], &opts, &st, &e) < 0) {
			cli_error("%s", e.msg);
			failed++;
		}
		print_new_errors(&st, &shown);
	}
	failed += st.n_errors;
	fprintf(stderr,
		"imported %zu message%s (%zu already present) from %d path%s; "
		"%zu error%s\n",
		st.added, plural(st.added), st.present, argc - first,
		plural((size_t)(argc - first)), failed, plural(failed));
	import_stats_free(&st);
	store_close(s);
	return failed ? EXIT_RUNTIME : EXIT_OK;
}
