/* config.h: the user's settings. Every option is one row of one table
 * (section, key, type, default, help): the parser, its error messages,
 * the help text and the abusedesk.conf(5) page all follow that table.
 * The file is INI-style: [section], key = value, # and ; comment lines. */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H

#include "core/err.h"
#include "core/ip.h"

#include <stdbool.h>
#include <stddef.h>

/* Where passwords come from besides password_command (see password.h). */
#define CONFIG_IMAP_PASSWORD_ENV "ABUSEDESK_PASSWORD"
#define CONFIG_SMTP_PASSWORD_ENV "ABUSEDESK_SMTP_PASSWORD"

enum config_tls { CONFIG_TLS_IMPLICIT, CONFIG_TLS_STARTTLS, CONFIG_TLS_NONE };
enum config_color {
	CONFIG_COLOR_AUTO,
	CONFIG_COLOR_ALWAYS,
	CONFIG_COLOR_NEVER
};
enum config_sort { CONFIG_SORT_URGENCY, CONFIG_SORT_RECENT, CONFIG_SORT_COUNT };

struct config_list {
	char **v;
	size_t n;
};

/* Strings are NULL when unset. Paths have ~ expanded. Fingerprints are 64
 * lowercase hex digits without colons. Domains are lowercase. */
struct config {
	struct {
		char *host;
		int port; /* 993 with tls = implicit, else 143 */
		enum config_tls tls;
		char *user;
		char *password_command;
		struct config_list mailboxes; /* at least one */
		char *sent_mailbox;	      /* copies of sent mail */
		char *ca_file;
		char *tls_fingerprint;
		int timeout;	   /* seconds */
		char *account;	   /* never NULL: "<user>@<host>" or "local" */
		int poll_interval; /* seconds between background syncs */
	} imap;
	struct {
		char *host;
		int port; /* 465 implicit, 587 starttls, 25 none */
		enum config_tls tls;
		char *user;		/* defaults to imap.user */
		char *password_command; /* imap's when the user is the same */
		char *ca_file;
		char *tls_fingerprint;
		int timeout;
		char *sendmail; /* when set, used instead of SMTP */
	} smtp;
	struct {
		char *name;
		char *email;
		char *organization;
		char *signature_file;
		char *bcc;
	} identity;
	struct {
		struct cidr_list own;
	} networks;
	struct {
		char *file; /* CSV of prefix, name, contact, id (customers.h) */
	} customers;
	struct {
		/* Our mail servers' authserv-ids (RFC 8601): the only
		 * Authentication-Results fields believed. Empty: none are. */
		struct config_list authserv_ids;
	} analysis;
	struct {
		struct config_list reporters; /* always noise */
		struct config_list never;     /* never noise */
		int min_reports;
		double bulk_share; /* 0..1 */
	} noise;
	struct {
		char *keymap; /* "default", "vi", "emacs" or a path */
		enum config_color color; /* NO_COLOR turns auto into never */
		enum config_sort sort;
		char *date_format; /* strftime */
		bool show_resolved;
		bool advance;	/* a decision moves on to the next open row */
		bool ask_note;	/* a decision asks for a note */
		bool help_line; /* a line of keys at the top */
	} ui;
	struct {
		int analyze_bytes; /* a larger mail is analysed on its start */
	} limits;
	struct {
		char *ca_file; /* CAs for the one-click POST; NULL: system */
	} unsubscribe;
	/* Sentences for the caller to show, e.g. about file permissions. */
	struct config_list warnings;
	struct config_state *state; /* private to config.c */
};

/* A struct config with every default filled in. */
struct config *config_new(void);
void config_free(struct config *c);

/* Reads path over c's current values; path NULL means the default file
 * (paths_config_file()). A missing file is fine unless must_exist (give
 * true for --config). On error, e says "file:line: what was expected",
 * and c holds the values read before the faulty line. */
int config_load(struct config *c, const char *path, bool must_exist,
		struct err *e);

enum config_type {
	CONFIG_STRING,
	CONFIG_PATH, /* ~ expanded; choices, when given, are names also allowed
		      */
	CONFIG_INT,
	CONFIG_REAL,
	CONFIG_BOOL, /* yes/no, true/false, on/off, 1/0 */
	CONFIG_ENUM,
	CONFIG_LIST, /* comma-separated; min is the least number of entries */
	CONFIG_DOMAINS,
	CONFIG_ADDRESS,
	CONFIG_CIDRS,
	CONFIG_FINGERPRINT,
};

struct config_option {
	const char *section;
	const char *key;
	enum config_type type;
	const char *def;     /* in config syntax; NULL when there is none */
	const char *def_doc; /* the default in words, when it is derived */
	const char *help;    /* one sentence */
	double min, max;     /* CONFIG_INT, CONFIG_REAL, CONFIG_LIST */
	const char *const *choices; /* NULL-terminated; CONFIG_ENUM, _PATH */
	size_t offset;		    /* of the value in struct config */
};

/* The table, in file order (section by section). */
const struct config_option *config_options(size_t *n);

/* What a value must look like, e.g. "a number from 1 to 65535" or "one of
 * implicit, starttls, none"; the text error messages use. Free it. */
char *config_option_expects(const struct config_option *o);

/* The default in words: def_doc, else def, else "none". */
const char *config_option_default(const struct config_option *o);

#endif
