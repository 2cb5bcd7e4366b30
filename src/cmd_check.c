/* cmd_check.c: `abusedesk check` — SQLite's full integrity check of the
 * cache, and what to do when it finds damage. */
#include "cli.h"
#include "store/store.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage[] = "usage: abusedesk check\n";

static int parse_options(int argc, char **argv)
{
	static const struct option longopts[] = {{NULL, 0, NULL, 0}};

	opterr = 0;
	if (getopt_long(argc, argv, "", longopts, NULL) != -1)
		return cli_usage_error(usage, "check: unknown option '%s'",
				       argv[optind - 1]);
	if (optind < argc)
		return cli_usage_error(usage, "check: unexpected argument '%s'",
				       argv[optind]);
	return -1;
}

static void print_way_out(const char *path)
{
	fprintf(stderr,
		"To rebuild it, move it aside and fetch or import the mail "
		"again:\n"
		"  mv '%s' '%s.damaged'; abusedesk sync   (or abusedesk "
		"import PATH...)\n"
		"States, notes and noise marks live only in the cache; to "
		"rescue what is still readable instead:\n"
		"  mv '%s' '%s.damaged'; sqlite3 '%s.damaged' .recover | "
		"sqlite3 '%s'\n",
		path, path, path, path, path, path);
}

int cmd_check(struct cli *c, int argc, char **argv)
{
	struct err e = {{0}};
	struct store *s;
	char *path, *problems = NULL;
	int status = parse_options(argc, argv), rc;

	if (status >= 0)
		return status;
	path = cli_db_path(c);
	if (!path)
		return EXIT_RUNTIME;
	s = store_open_readonly(path, &e);
	if (!s) {
		cli_error("%s", e.msg);
		free(path);
		return EXIT_RUNTIME;
	}
	rc = store_check(s, true, &problems, &e);
	store_close(s);
	if (rc < 0)
		cli_error("%s", e.msg);
	else if (rc == 0)
		printf("%s: ok\n", path);
	else {
		cli_error("%s: the cache is damaged; SQLite finds:", path);
		fprintf(stderr, "%s\n", problems);
		print_way_out(path);
	}
	free(problems);
	free(path);
	return rc == 0 ? EXIT_OK : EXIT_RUNTIME;
}
