/* cli.h: what main.c hands to each command (src/cmd_*.c), and the helpers
 * commands share. Layer 7: only main.c and the commands include this. */
#ifndef CLI_H
#define CLI_H

#include <stdbool.h>

struct store;
struct config;
struct analysis_opts;

/* Exit codes (abusedesk(1)). */
enum { EXIT_OK = 0, EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

struct cli {
	const char *prog;	 /* "abusedesk" */
	const char *config_path; /* --config FILE, or NULL for the default */
	const char *db_path;	 /* --db FILE, or NULL: from the account */
	bool offline;		 /* --offline: never open a socket */
	bool demo;		 /* --demo */
	bool exit_after_first_frame; /* hidden: start-up benchmark */
	const char *replay;	     /* hidden: --replay FILE, key benchmark */
	struct config *config;	     /* loaded on first use by cli_config() */
};

/* Prints "abusedesk: <message>" on stderr. */
/* The general usage lines, for --help and a usage error. */
extern const char cli_usage[];

void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a usage error and returns EXIT_USAGE. */
int cli_usage_error(const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The configuration: --config FILE (which must exist) or the default file
 * (which may be missing). Loaded once; prints warnings and errors; NULL on
 * error. Freed by main. */
struct config *cli_config(struct cli *c);

/* Fills opts from the configuration ([networks] own, [limits]
 * analyze_bytes, [analysis] authserv_id). Returns -1 when the
 * configuration could not be loaded (already printed). */
int cli_analysis_opts(struct cli *c, struct analysis_opts *opts);

/* The IMAP password: ABUSEDESK_PASSWORD, the password_command, or a prompt
 * when standard input is a terminal. Prints the reason and returns NULL on
 * failure. Free with password_free(). */
char *cli_imap_password(struct cli *c);

/* The cache file the command line names: --db, or the account's file in
 * the data directory (created 0700). Prints the reason; NULL on failure. */
char *cli_db_path(struct cli *c);

/* Opens (creating it if needed) the cache the command line names: --db, or
 * the account's file in the data directory, for writing; a damaged cache
 * is refused (store_open()). Prints the reason on failure and returns
 * NULL. */
struct store *cli_open_store(struct cli *c);
/* The same without the quick_check, for the screen (see cmd_tui.c). */
struct store *cli_open_store_unchecked(struct cli *c);
/* For commands that only read: an existing cache is opened read-only (a
 * file or folder the user may not write is fine); a missing one is
 * created as by cli_open_store(). */
struct store *cli_open_store_readonly(struct cli *c);

/* --demo: imports the bundled demo mailbox into a new temporary cache and
 * points c->db_path at it; *tmpdir is the folder to give demo_cleanup().
 * Prints the reason and returns -1 on failure. */
int demo_prepare(struct cli *c, char **tmpdir);
void demo_cleanup(struct cli *c, char *tmpdir);

/* Commands: argv[0] is the command name; options after it are the
 * command's own (global options were already taken out). */
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_list(struct cli *c, int argc, char **argv);
int cmd_reanalyze(struct cli *c, int argc, char **argv);
int cmd_stats(struct cli *c, int argc, char **argv);
int cmd_noise(struct cli *c, int argc, char **argv);
int cmd_analyze(struct cli *c, int argc, char **argv);
int cmd_sync(struct cli *c, int argc, char **argv);
int cmd_check(struct cli *c, int argc, char **argv);
int cmd_reply(struct cli *c, int argc, char **argv);
/* resolve, ignore and reopen (argv[0] says which). */
int cmd_decide(struct cli *c, int argc, char **argv);
int cmd_outbox(struct cli *c, int argc, char **argv);
int cmd_unsubscribe(struct cli *c, int argc, char **argv);
/* The triage screen (no command; --demo after demo_prepare()). */
int cmd_tui(struct cli *c);

struct store;
struct flush_stats;

/* When mail waits in the outbox and only the user can give the SMTP
 * password (actions/smtp_secret.h), asks for it on the terminal (when
 * standard input is one) and keeps it in box. A failed prompt is said on
 * stderr; the mail then stays queued. */
struct smtp_secret;
void cli_smtp_secret(struct cli *c, struct store *s, struct smtp_secret *box);

/* Sends what is due in the outbox once, now, for a command that just
 * queued something: with the IMAP link when with_imap and a server is
 * configured (a mail's copy is filed in Sent at once), else without it
 * (that part waits for the next sync). Stats go to *st. Messages start
 * with who. Returns 0, or -1 when the store failed (said on stderr). */
int cli_flush_now(struct cli *c, struct store *s, const char *who,
		  bool with_imap, struct flush_stats *st);

#endif
