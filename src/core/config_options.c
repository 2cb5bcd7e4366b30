/* config_options.c: the one table of configuration options. Defaults are
 * written in the config file's own syntax and parsed like a user's value;
 * doc/abusedesk.conf.5 documents exactly these rows (a unit test checks). */
#include "core/config.h"

#include <stddef.h>

#define AT(field) .offset = offsetof(struct config, field)

static const char *const tls_modes[] = {"implicit", "starttls", "none", NULL};
static const char *const colors[] = {"auto", "always", "never", NULL};
static const char *const sorts[] = {"urgency", "recent", "count", NULL};
static const char *const keymaps[] = {"default", "vi", "emacs", NULL};

static const struct config_option options[] = {
    {"imap", "host", CONFIG_STRING, AT(imap.host),
     .help =
	 "Host name of the IMAP server; without it only the demo and imported "
	 "mail can be read."},
    {"imap", "port", CONFIG_INT, AT(imap.port),
     .def_doc = "993 with tls = implicit, 143 otherwise", .min = 1,
     .max = 65535, .help = "Port of the IMAP server."},
    {"imap", "tls", CONFIG_ENUM, AT(imap.tls), .def = "implicit",
     .choices = tls_modes,
     .help =
	 "How the connection is encrypted: TLS from the first byte, STARTTLS, "
	 "or not at all."},
    {"imap", "user", CONFIG_STRING, AT(imap.user),
     .help = "Login name on the server."},
    {"imap", "password_command", CONFIG_STRING, AT(imap.password_command),
     .help = "Shell command whose first line of output is the password."},
    {"imap", "mailboxes", CONFIG_LIST, AT(imap.mailboxes), .def = "INBOX",
     .min = 1, .help = "Mailboxes to read abuse reports from."},
    {"imap", "sent_mailbox", CONFIG_STRING, AT(imap.sent_mailbox),
     .def = "Sent",
     .help = "Mailbox where a copy of each sent reply is filed, marked "
	     "seen."},
    {"imap", "ca_file", CONFIG_PATH, AT(imap.ca_file),
     .help =
	 "PEM file of certificate authorities trusted instead of the system "
	 "store."},
    {"imap", "tls_fingerprint", CONFIG_FINGERPRINT, AT(imap.tls_fingerprint),
     .help = "SHA-256 fingerprint of the server certificate, for self-signed "
	     "servers."},
    {"imap", "timeout", CONFIG_INT, AT(imap.timeout), .def = "30", .min = 1,
     .max = 3600, .help = "Seconds to wait for the server before giving up."},
    {"imap", "account", CONFIG_STRING, AT(imap.account),
     .def_doc = "user@host, or local without host",
     .help = "Name of the local database of this mailbox."},
    {"imap", "poll_interval", CONFIG_INT, AT(imap.poll_interval), .def = "300",
     .min = 10, .max = 86400,
     .help = "Seconds between two background syncs while abusedesk runs."},

    {"smtp", "host", CONFIG_STRING, AT(smtp.host),
     .help = "Host name of the SMTP submission server."},
    {"smtp", "port", CONFIG_INT, AT(smtp.port),
     .def_doc = "465 with tls = implicit, 587 with starttls, 25 with none",
     .min = 1, .max = 65535, .help = "Port of the SMTP server."},
    {"smtp", "tls", CONFIG_ENUM, AT(smtp.tls), .def = "starttls",
     .choices = tls_modes, .help = "How the connection is encrypted."},
    {"smtp", "user", CONFIG_STRING, AT(smtp.user), .def_doc = "the [imap] user",
     .help = "Login name on the SMTP server."},
    {"smtp", "password_command", CONFIG_STRING, AT(smtp.password_command),
     .def_doc = "the [imap] password_command when the user is the same",
     .help = "Shell command whose first line of output is the SMTP password."},
    {"smtp", "ca_file", CONFIG_PATH, AT(smtp.ca_file),
     .help =
	 "PEM file of certificate authorities trusted instead of the system "
	 "store."},
    {"smtp", "tls_fingerprint", CONFIG_FINGERPRINT, AT(smtp.tls_fingerprint),
     .help = "SHA-256 fingerprint of the server certificate, for self-signed "
	     "servers."},
    {"smtp", "timeout", CONFIG_INT, AT(smtp.timeout), .def = "30", .min = 1,
     .max = 3600, .help = "Seconds to wait for the server before giving up."},
    {"smtp", "sendmail", CONFIG_PATH, AT(smtp.sendmail),
     .help = "A sendmail-compatible program used instead of SMTP."},

    {"identity", "name", CONFIG_STRING, AT(identity.name),
     .help = "Display name in the From of replies."},
    {"identity", "email", CONFIG_ADDRESS, AT(identity.email),
     .help = "Address in the From of replies."},
    {"identity", "organization", CONFIG_STRING, AT(identity.organization),
     .help = "Organization header of replies."},
    {"identity", "signature_file", CONFIG_PATH, AT(identity.signature_file),
     .help = "File appended to replies as the signature."},
    {"identity", "bcc", CONFIG_ADDRESS, AT(identity.bcc),
     .help = "Address that gets a blind copy of every reply."},

    {"networks", "own", CONFIG_CIDRS, AT(networks.own),
     .help =
	 "The networks you answer for; addresses outside are out of scope."},

    {"customers", "file", CONFIG_PATH, AT(customers.file),
     .help = "A CSV file of prefix, customer name, contact address and an "
	     "optional customer id; the longest prefix holding an address "
	     "names its customer."},

    {"analysis", "authserv_id", CONFIG_DOMAINS, AT(analysis.authserv_ids),
     .help = "Your own mail servers' names in their Authentication-Results "
	     "headers; a report's sender is checked only against those "
	     "headers."},

    {"noise", "reporters", CONFIG_DOMAINS, AT(noise.reporters),
     .help = "Reporter domains always treated as noise."},
    {"noise", "never", CONFIG_DOMAINS, AT(noise.never),
     .help = "Reporter domains never treated as noise."},
    {"noise", "min_reports", CONFIG_INT, AT(noise.min_reports), .def = "20",
     .min = 1, .max = 1000000,
     .help = "Reports from one reporter before it can count as noise."},
    {"noise", "bulk_share", CONFIG_REAL, AT(noise.bulk_share), .def = "0.8",
     .max = 1,
     .help =
	 "Share of a reporter's reports that look automated (no action line, "
	 "bulk-mail signs, copyright notices) that makes it noise."},

    {"ui", "keymap", CONFIG_PATH, AT(ui.keymap), .def = "default",
     .choices = keymaps,
     .help = "Key bindings: a bundled keymap or a keymap file."},
    {"ui", "color", CONFIG_ENUM, AT(ui.color), .def = "auto", .choices = colors,
     .help = "Whether to use colors."},
    {"ui", "sort", CONFIG_ENUM, AT(ui.sort), .def = "urgency", .choices = sorts,
     .help = "Order of the IP groups."},
    {"ui", "date_format", CONFIG_STRING, AT(ui.date_format),
     .def = "%Y-%m-%d %H:%M", .help = "How dates are shown (strftime)."},
    {"ui", "show_resolved", CONFIG_BOOL, AT(ui.show_resolved), .def = "no",
     .help = "Whether resolved and ignored IPs stay in the list."},
    {"ui", "advance", CONFIG_BOOL, AT(ui.advance), .def = "yes",
     .help = "Whether resolving or ignoring moves on to the next open row, "
	     "and the pager to the next open report."},
    {"ui", "ask_note", CONFIG_BOOL, AT(ui.ask_note), .def = "no",
     .help = "Whether resolving, ignoring and reopening ask for a note "
	     "first."},
    {"ui", "help_line", CONFIG_BOOL, AT(ui.help_line), .def = "no",
     .help = "Whether a line at the top names the main keys of the screen "
	     "shown, from the keymap in force."},

    {"limits", "analyze_bytes", CONFIG_INT, AT(limits.analyze_bytes),
     .def = "26214400", .min = 65536, .max = 1073741824,
     .help = "A mail larger than this many bytes is stored whole and "
	     "analysed on its first this many bytes only."},

    {"unsubscribe", "ca_file", CONFIG_PATH, AT(unsubscribe.ca_file),
     .help = "PEM file of certificate authorities trusted for the one-click "
	     "unsubscribe request over HTTPS instead of the system store."},
};

const struct config_option *config_options(size_t *n)
{
	*n = sizeof options / sizeof options[0];
	return options;
}
