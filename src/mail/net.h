/* net.h: what IMAP and SMTP share to reach a server: a TCP connection
 * bounded by the timeout with a sentence for each way it fails, the
 * stream over it (plain, or TLS with SNI), and the certificate check
 * before anything secret is sent. Used only inside src/mail/. */
#ifndef MAIL_NET_H
#define MAIL_NET_H

#include <stdbool.h>
#include <time.h>

#include <libetpan/libetpan.h>

#include "core/err.h"

struct tls_check;

/* Milliseconds from now to deadline (CLOCK_MONOTONIC), 0 when past. */
int net_ms_left(const struct timespec *deadline);
/* The monotonic time ms from now. */
void net_deadline_in(struct timespec *ts, long ms);

/* Connects to host:port within timeout seconds, trying each address.
 * Returns a blocking descriptor, or -1 with e filled ("LABEL: connection
 * refused (...)"). label starts every message ("smtp HOST:PORT"). */
int net_connect(const char *label, const char *host, unsigned port,
		unsigned timeout, struct err *e);

/* The stream over fd (which it takes): plain, or TLS with the handshake
 * done (SNI set to host unless it is an address literal). NULL with e
 * filled. The certificate is not checked yet: see net_verify. */
mailstream *net_stream(const char *label, const char *host, int fd, bool tls,
		       unsigned timeout, struct err *e);

/* The TLS callback that sets SNI; data is the host name. For libetpan's
 * *_starttls_with_callback. */
void net_sni(struct mailstream_ssl_context *ctx, void *data);

/* tls_verify_stream with the error prefixed by label. */
int net_verify(const char *label, mailstream *st, const struct tls_check *c,
	       struct err *e);

#endif
