/* tls.h: whether to trust the server at the other end of a TLS stream.
 * libetpan checks nothing itself; IMAP and SMTP call tls_verify_stream()
 * right after the handshake, before anything secret is sent. */
#ifndef MAIL_TLS_H
#define MAIL_TLS_H

#include <stddef.h>

#include <libetpan/mailstream.h>

#include "core/err.h"

/* A SHA-256 fingerprint as text: 32 bytes in upper-case hex joined by
 * colons ("AB:CD:..."), the form `openssl x509 -fingerprint -sha256`
 * prints, plus the NUL. */
#define TLS_FINGERPRINT_SIZE 96
#define TLS_SHA256_SIZE 32

/* What the peer must prove. Strings stay the caller's. */
struct tls_check {
	/* The name we connected to: a DNS name, or an IP literal that must
	 * then match an IP address in the certificate. */
	const char *host;
	/* PEM file of trusted CAs used instead of the system store; NULL for
	 * the system store. */
	const char *ca_file;
	/* When set, exactly the leaf certificate with this SHA-256 is
	 * accepted, whatever its issuer, names or dates, and nothing else.
	 * Colons, case and a "SHA256:" prefix do not matter. */
	const char *fingerprint;
};

/* One DER-encoded certificate; a chain starts with the server's own. */
struct tls_der {
	const unsigned char *data;
	size_t len;
};

/* Verifies the certificate chain of the TLS stream s. Returns 0 when it
 * is trusted; otherwise -1 with e saying why ("certificate is for
 * wrong.example, not localhost (set ca_file or tls_fingerprint)"). */
int tls_verify_stream(mailstream *s, const struct tls_check *c, struct err *e);

/* The same for a chain the caller already has. */
int tls_verify_chain(const struct tls_der *chain, size_t n,
		     const struct tls_check *c, struct err *e);

/* Writes the SHA-256 of a DER certificate to out, in the form above. */
void tls_fingerprint(const void *der, size_t len,
		     char out[TLS_FINGERPRINT_SIZE]);

/* The fingerprint of the server certificate of stream s, for showing a
 * user what to pin on first use. Returns 0, or -1 with e filled. */
int tls_stream_fingerprint(mailstream *s, char out[TLS_FINGERPRINT_SIZE],
			   struct err *e);

/* Parses a configured fingerprint (see struct tls_check). Returns 0, or -1
 * with e saying what a valid one looks like: for checking a config. */
int tls_fingerprint_parse(const char *text,
			  unsigned char sha256[TLS_SHA256_SIZE], struct err *e);

#endif
