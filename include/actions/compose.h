/* compose.h: mail the desk writes — a plain new message (From our
 * identity, To, Subject, body) and a reply to a report, built from a
 * template, as the exact RFC 5322 bytes to send and to file in Sent
 * (CRLF line ends, RFC 2047 headers, a UTF-8 text/plain body, quoted-
 * printable when it is not short 7-bit lines). Pure logic: no network,
 * no files, no terminal. */
#ifndef ACTIONS_COMPOSE_H
#define ACTIONS_COMPOSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/err.h"

/* ---- a message ---- */

/* What a message says. Strings stay the caller's; NULL means absent. */
struct compose_in {
	const char *from_name;	  /* display name, UTF-8 */
	const char *from_email;	  /* required: the envelope sender too */
	const char *organization; /* an Organization header when set */
	const char *to;		  /* required: addresses, comma separated */
	const char *cc;
	const char *bcc;     /* an extra recipient only, never a header */
	const char *subject; /* UTF-8 */
	const char *body;    /* UTF-8, LF or CRLF line ends */
	/* Message-IDs of the mail answered, with their angle brackets. */
	const char *in_reply_to;
	const char *references; /* space separated */
	time_t date;		/* 0: now */
	const char *message_id; /* "<...>"; NULL: a new one in our domain */
};

/* The message as queued: the mail outbox payload's fields. */
struct compose_msg {
	char *message_id; /* "<random@our.domain>" */
	char *from;	  /* envelope sender */
	char **rcpt;	  /* To, Cc and Bcc addresses, bare, no duplicates */
	size_t n_rcpt;
	char *raw; /* the whole message, CRLF, NUL-terminated */
	size_t len;
};

/* Builds a message. Returns 0, or -1 with e saying what is wrong (no
 * sender, no recipient, a header holding a line break). */
int compose_message(const struct compose_in *in, struct compose_msg *out,
		    struct err *e);
/* Frees the fields and zeroes *m. NULL-safe. */
void compose_msg_clear(struct compose_msg *m);

/* A new Message-ID in the domain of email: "<hex@domain>", 128 random
 * bits from getrandom. free() it; NULL when email has no domain. */
char *compose_message_id(const char *email);

/* The mail outbox payload ({"message_id", "from", "rcpt", "raw",
 * "answered" when answered > 0, "purpose"}) as JSON text; free() it. */
char *compose_payload(const struct compose_msg *m, int64_t answered,
		      const char *purpose);

/* ---- pieces, public for their tests and the reply ---- */

/* A header value for Subject or a display name: unchanged when printable
 * ASCII, else RFC 2047 encoded-words (UTF-8, Q), each at most 64
 * characters, joined by CRLF SP. phrase: a display name (quoted when it
 * holds specials, and the stricter Q alphabet). free() it. */
char *compose_encode_header(const char *text, bool phrase);

/* The subject of a reply: "Re: " and the original with its leading
 * Re:/RE:/AW:/Fwd:/Fw:/WG:/SV: prefixes (and "[...]" list tags before
 * them kept) taken off, so "Re: AW: [Case #1] x" becomes
 * "Re: [Case #1] x". free() it. */
char *compose_reply_subject(const char *original);

/* The addresses of a To/Cc line ("A <a@x>, b@y"), bare. Returns how many
 * were added to *v (grown with xrealloc), or -1 with e filled when one
 * is not an address. */
int compose_addresses(const char *list, char ***v, size_t *n, struct err *e);

/* ---- a reply from a template ---- */

/* The fields a template may name: {ip}, {reporter}, {subject}, {date},
 * {problem}, {action}, {case}, {customer}. NULL counts as "". */
struct compose_fields {
	const char *ip;
	const char *reporter;
	const char *subject;
	const char *date;
	const char *problem;
	const char *action;
	const char *case_id;
	const char *customer;
};

/* The template text with each {field} replaced; an unknown {word} is
 * left as written. free() it. */
char *compose_fill(const char *tmpl, const struct compose_fields *f);

/* The draft the user edits: a header block (To:, Cc:, Subject:), a blank
 * line and the body, LF line ends. */
struct compose_draft {
	char *to;
	char *cc;
	char *subject;
	char *body;
};
void compose_draft_clear(struct compose_draft *d);

/* What a reply starts from: the report's outer headers and facts. */
struct compose_report {
	const char *from_addr; /* outer From */
	const char *reply_to;  /* outer Reply-To; wins over From */
	const char *subject;
	const char *reporter; /* the reporter's name or domain */
	const char *problem;
	const char *action;
	const char *const *evidence;
	size_t n_evidence;
};

/* The draft of a reply: To from Reply-To else From, the reply subject
 * (or the template's own "Subject:" line, filled), the template's "Cc:"
 * line, the filled template body, the quote (problem, action, evidence
 * lines, each "> "), and "-- " and the signature when given. A template
 * may start with "Subject:" and "Cc:" lines ended by a blank line. */
int compose_reply_draft(const struct compose_report *r, const char *tmpl,
			const struct compose_fields *f, const char *signature,
			struct compose_draft *out, struct err *e);

/* The draft as text to edit, and back. compose_draft_parse takes the
 * header lines it knows (any case) until the first blank line; a
 * missing header block leaves all of text as the body. */
char *compose_draft_text(const struct compose_draft *d);
void compose_draft_parse(const char *text, struct compose_draft *out);

#endif
