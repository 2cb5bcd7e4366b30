/* cli.h: what main.c hands to each command (src/cmd_*.c), and the helpers
 * commands share. Layer 7: only main.c and the commands include this. */
#ifndef CLI_H
#define CLI_H

#include <stdbool.h>

struct store;

/* Exit codes (abusedesk(1)). */
enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

struct cli {
	const char *prog;        /* "abusedesk" */
	const char *config_path; /* --config FILE, or NULL for the default */
	const char *db_path;     /* --db FILE, or NULL: from the account */
	bool offline;            /* --offline: never open a socket */
	bool demo;               /* --demo */
};

/* Prints "abusedesk: <message>" on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a usage error and returns EXIT_USAGE. */
int cli_usage_error(const char *usage, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Opens (creating it if needed) the cache the command line names: --db, or
 * the account's file in the data directory. Prints the reason on failure
 * and returns NULL. */
struct store *cli_open_store(const struct cli *c);

/* Commands: argv[0] is the command name; options after it are the
 * command's own (global options were already taken out). */
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);

#endif
