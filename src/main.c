/* main.c: the command line. Takes the global options out of argv wherever
 * they stand (before or after the command), then dispatches to a command
 * from the table below. */
#include "cli.h"
#include "core/config.h"
#include "core/xalloc.h"
#include "mail/https.h"
#include "ui/ui.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *summary;
};

static const struct command commands[] = {
    {"sync", cmd_sync, "fetch new mail from the IMAP server once"},
    {"import", cmd_import, "import Maildir folders, mbox files or .eml files"},
    {"analyze", cmd_analyze,
     "print what the analysis finds in mail files, as JSON"},
    {"reanalyze", cmd_reanalyze, "re-derive every report from the stored mail"},
    {"list", cmd_list, "list the reports grouped by offending IP"},
    {"stats", cmd_stats, "print counts per reporter and category"},
    {"noise", cmd_noise, "mark or unmark reporters as noise, or list them"},
    {"check", cmd_check, "check the cache for damage (SQLite integrity_check)"},
    {"resolve", cmd_decide, "resolve an IP's reports or one report"},
    {"ignore", cmd_decide, "ignore an IP's reports or one report"},
    {"reopen", cmd_decide, "reopen an IP's reports or one report"},
    {"outbox", cmd_outbox, "list, retry or drop what waits to be sent"},
    {"reply", cmd_reply, "compose a reply to a report, print or send it"},
    {"unsubscribe", cmd_unsubscribe,
     "unsubscribe from the reporter of a report (asks first)"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void print_help(void)
{
	fputs(cli_usage, stdout);
	puts("\nTriage an abuse@ mailbox: reports grouped by offending IP.\n"
	     "Without a command, opens the triage screen.\n\ncommands:");
	for (size_t i = 0; i < N_COMMANDS; i++)
		printf("  %-12s %s\n", commands[i].name, commands[i].summary);
	puts("\nglobal options (before or after the command):\n"
	     "  --config FILE  read this configuration file\n"
	     "  --db FILE      use this cache database\n"
	     "  --offline      never connect to a server\n"
	     "  --demo         open the bundled demo mailbox\n"
	     "  --help, --version\n\nSee abusedesk(1) and abusedesk.conf(5).");
}

/* Matches "--name", "--name=value" and "--name value" at argv[*i]. For an
 * option with a value, stores it in *value and advances *i as needed.
 * Returns 1 on a match, 0 on none, -1 when the value is missing. */
static int take_option(char **argv, int argc, int *i, const char *name,
		       const char **value)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '\0') {
		if (!value)
			return 1;
		if (*i + 1 >= argc)
			return -1;
		*value = argv[++*i];
		return 1;
	}
	if (a[n] == '=' && value) {
		*value = a + n + 1;
		return 1;
	}
	return 0;
}

enum global_result { GLOBAL_NONE, GLOBAL_TAKEN, GLOBAL_EXIT };

/* One argument: is it a global option? Sets *status for --help, --version
 * and errors, which end the program. */
static enum global_result take_global(struct cli *c, char **argv, int argc,
				      int *i, int *status)
{
	const char *a = argv[*i];
	int r;

	if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
		print_help();
		*status = EXIT_OK;
		return GLOBAL_EXIT;
	}
	if (strcmp(a, "--version") == 0) {
		printf("abusedesk %s\n", ABUSEDESK_VERSION);
		*status = EXIT_OK;
		return GLOBAL_EXIT;
	}
	if (strcmp(a, "--offline") == 0)
		return (c->offline = true), GLOBAL_TAKEN;
	if (strcmp(a, "--demo") == 0)
		return (c->demo = true), GLOBAL_TAKEN;
	if (strcmp(a, "--exit-after-first-frame") == 0)
		return (c->exit_after_first_frame = true), GLOBAL_TAKEN;
	if ((r = take_option(argv, argc, i, "--config", &c->config_path)) ||
	    (r = take_option(argv, argc, i, "--db", &c->db_path)) ||
	    (r = take_option(argv, argc, i, "--replay", &c->replay))) {
		if (r > 0)
			return GLOBAL_TAKEN;
		*status = cli_usage_error(NULL, "option '%s' needs a value", a);
		return GLOBAL_EXIT;
	}
	return GLOBAL_NONE;
}

/* Moves the global options out of argv; the rest keeps its order in *rest.
 * Returns -1 to continue, or an exit status. */
static int split_globals(struct cli *c, int argc, char **argv, int *rest_argc,
			 char **rest)
{
	int status = EXIT_OK;
	bool after_dashes = false;

	*rest_argc = 0;
	for (int i = 1; i < argc; i++) {
		if (!after_dashes && strcmp(argv[i], "--") == 0) {
			after_dashes = true;
			rest[(*rest_argc)++] = argv[i];
			continue;
		}
		if (!after_dashes) {
			enum global_result g =
			    take_global(c, argv, argc, &i, &status);
			if (g == GLOBAL_EXIT)
				return status;
			if (g == GLOBAL_TAKEN)
				continue;
		}
		rest[(*rest_argc)++] = argv[i];
	}
	rest[*rest_argc] = NULL;
	return -1;
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* The demo: the bundled mailbox in a temporary cache, then the screen. */
static int run_demo(struct cli *c)
{
	char *tmpdir = NULL;
	int status = EXIT_RUNTIME;

	/* A hang-up while the demo's cache is filled must not leave it. */
	ui_signals_hold();
	if (demo_prepare(c, &tmpdir) == 0 && !ui_quit_signal())
		status = cmd_tui(c);
	demo_cleanup(c, tmpdir);
	return status;
}

static int run_tui(struct cli *c)
{
	if (c->demo)
		return run_demo(c);
	return cmd_tui(c);
}

int main(int argc, char **argv)
{
	struct cli c = {.prog = "abusedesk"};
	char **rest = xcalloc((size_t)argc + 1, sizeof *rest);
	int rest_argc, status;
	const struct command *cmd;

	setlocale(LC_ALL, "");
	status = split_globals(&c, argc, argv, &rest_argc, rest);
	if (status >= 0)
		goto out;
	if (rest_argc == 0) {
		status = run_tui(&c);
		goto out;
	}
	if (rest[0][0] == '-') {
		status = cli_usage_error(NULL, "unknown option '%s'", rest[0]);
		goto out;
	}
	cmd = find_command(rest[0]);
	if (!cmd) {
		status = cli_usage_error(NULL, "unknown command '%s'", rest[0]);
		goto out;
	}
	optind = 0; /* commands use getopt_long on their own argv */
	status = cmd->run(&c, rest_argc, rest);
out:
	config_free(c.config);
	free(rest);
	https_cleanup();
	ui_reraise_quit_signal();
	return status;
}
