/* https.h: the one HTTP request the program makes, the RFC 8058 one-click
 * unsubscribe POST, over libcurl: https only (redirects too), the
 * certificate and host name checked, no cookies, a short timeout. A plain
 * http URL only when the caller says the user allowed it. */
#ifndef MAIL_HTTPS_H
#define MAIL_HTTPS_H

#include "core/err.h"

#include <stdbool.h>

/* The User-Agent the program sends. */
#define HTTPS_USER_AGENT "abusedesk/" ABUSEDESK_VERSION

/* Seconds a POST may take, connecting included. */
#define HTTPS_TIMEOUT 15

/* libcurl is loaded, and its global state made, by the first POST (once,
 * whatever the thread); this gives that state back at exit. */
void https_cleanup(void);

/* What to POST; strings stay the caller's. */
struct https_post {
	const char *url;     /* https://, or http:// with allow_http */
	const char *body;    /* sent as application/x-www-form-urlencoded */
	const char *ca_file; /* PEM CAs trusted instead of the system store */
	/* The user confirmed a plain http URL twice; redirects are still
	 * followed to https only. */
	bool allow_http;
};

/* POSTs p. 0 when a server answered, with its HTTP status in *status (2xx
 * is success); -1 with e when none did (no connection, a certificate not
 * trusted, a redirect to anything but https, the timeout), and *lasting
 * true when trying again cannot help (the certificate, the redirect, the
 * URL) rather than a network that may come back. */
int https_post(const struct https_post *p, long *status, bool *lasting,
	       struct err *e);

/* Whether an answer's status means the request was taken. */
#define HTTPS_OK(status) ((status) >= 200 && (status) < 300)

#endif
