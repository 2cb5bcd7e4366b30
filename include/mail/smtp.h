/* smtp.h: sending one message by SMTP submission (libetpan), with the
 * server's certificate checked as IMAP does before AUTH, and every
 * failure a sentence holding the server's own words ("smtp
 * localhost:2525: RCPT TO <x@y> refused: 550 no such user"). */
#ifndef MAIL_SMTP_H
#define MAIL_SMTP_H

#include <stddef.h>

#include "core/err.h"

#define SMTP_DEFAULT_TIMEOUT 30

/* Implicit TLS is zero, so a zeroed params struct is the safe one. */
enum smtp_tls {
	SMTP_TLS_IMPLICIT, /* TLS from the first byte (port 465) */
	SMTP_TLS_STARTTLS, /* plain, STARTTLS, EHLO again, or fail */
	SMTP_TLS_NONE,	   /* only when asked for by name */
};

/* Strings stay the caller's. */
struct smtp_params {
	const char *host;
	unsigned port; /* 0: 465 implicit, 587 starttls, 25 none */
	enum smtp_tls tls;
	const char *user;     /* NULL: no AUTH */
	const char *password; /* needed with user */
	const char *ca_file;  /* see struct tls_check in mail/tls.h */
	const char *fingerprint;
	unsigned timeout; /* 0: SMTP_DEFAULT_TIMEOUT */
};

/* The envelope and the bytes of one message (CRLF line ends). */
struct smtp_envelope {
	const char *from;
	const char *const *rcpt;
	size_t n_rcpt;
	const char *raw;
	size_t len;
};

/* Connects, secures, authenticates and sends the message to every
 * recipient (one refused recipient fails the whole send, before DATA).
 * Returns 0, or -1 with e filled, or SMTP_LOGIN_REFUSED (e filled too)
 * when the server said the user and password are wrong (535). */
#define SMTP_LOGIN_REFUSED (-2)
int smtp_send(const struct smtp_params *p, const struct smtp_envelope *m,
	      struct err *e);

#endif
