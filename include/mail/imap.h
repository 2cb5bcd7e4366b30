/* imap.h: one logged-in IMAP session over libetpan, with the server's
 * certificate checked before the password leaves, errors as sentences, and
 * a watchdog for the dead links libetpan 1.9.4 would spin on forever. The
 * sync code drives the raw session (imap_session) for everything else. */
#ifndef MAIL_IMAP_H
#define MAIL_IMAP_H

#include <stddef.h>

#include "core/err.h"

struct mailimap;
struct imap;

/* Seconds for connect, TLS handshake and each wait for the server. */
#define IMAP_DEFAULT_TIMEOUT 30

/* Implicit TLS is zero, so a params struct left zeroed is the safe one. */
enum imap_tls {
	IMAP_TLS_IMPLICIT, /* TLS from the first byte (port 993) */
	IMAP_TLS_STARTTLS, /* plain, then STARTTLS before LOGIN, or fail */
	IMAP_TLS_NONE,	   /* no TLS at all: only when asked for by name */
};

/* Strings stay the caller's; imap_connect copies what it keeps. */
struct imap_params {
	const char *host;
	unsigned port; /* 0: 993 for implicit TLS, else 143 */
	enum imap_tls tls;
	const char *user;
	const char *password;
	const char *ca_file;	 /* see struct tls_check in mail/tls.h */
	const char *fingerprint; /* idem */
	unsigned timeout;	 /* 0: IMAP_DEFAULT_TIMEOUT */
};

/* Connects, checks TLS and logs in. Returns the session, or NULL with e
 * filled ("imap localhost:10143: login failed for ops:
 * [AUTHENTICATIONFAILED] Authentication failed."). */
struct imap *imap_connect(const struct imap_params *p, struct err *e);

/* imap_connect with the [imap] settings of k (core/config.h); password
 * NULL: from ABUSEDESK_PASSWORD or the password_command, never a
 * prompt. */
struct config;
struct imap *imap_connect_config(const struct config *k, const char *password,
				 struct err *e);

/* Says LOGOUT (briefly; not at all on a dead link) and frees everything.
 * NULL-safe. */
void imap_close(struct imap *im);

/* All mailbox names (LIST "" "*"), as the server spells them (modified
 * UTF-7). On success *names is an array of *n strings: free it with
 * imap_names_free. Returns 0 or -1 with e filled. */
int imap_list_mailboxes(struct imap *im, char ***names, size_t *n,
			struct err *e);
void imap_names_free(char **names, size_t n);

/* The libetpan session, for commands this module does not wrap. Valid
 * until imap_close. */
struct mailimap *imap_session(struct imap *im);

/* After a libetpan call on imap_session(im) returned r (not a success):
 * fills e with "imap HOST:PORT: WHAT: why", using the server's own words
 * when it answered NO or BAD, and marks the session dead when the link is
 * gone. Returns -1. */
int imap_fail(struct imap *im, int r, const char *what, struct err *e);

/* 0 once the link is known to be gone (then only imap_close is useful). */
int imap_alive(const struct imap *im);

/* From any thread: aborts the command in progress (it fails as a lost
 * link) and every later one. */
void imap_cancel(struct imap *im);

#endif
