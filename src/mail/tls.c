/* tls.c: trusting a TLS server, with GnuTLS: the chain against the system
 * store or a ca_file, checked for the host name and the server purpose; or
 * one pinned SHA-256 fingerprint. Every refusal says why and ends with the
 * two settings that can fix it. */
#include "mail/tls.h"
#include "core/buf.h"

#include <arpa/inet.h>
#include <errno.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <libetpan/libetpan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define TLS_HINT " (set ca_file or tls_fingerprint)"
/* Longest chain we look at; servers send 2-4 certificates. */
#define TLS_MAX_CHAIN 16

static int tls_refuse(struct err *e, const char *why)
{
	return err_set(e, "%s" TLS_HINT, why);
}

/* Certificate fields go into messages shown on a terminal: keep them to
 * printable ASCII. */
static void tls_put_safe(struct buf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i]; i++)
		buf_putc(b, s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?');
}

void tls_fingerprint(const void *der, size_t len,
		     char out[TLS_FINGERPRINT_SIZE])
{
	unsigned char md[TLS_SHA256_SIZE];
	char *p = out;

	out[0] = '\0';
	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, der, len, md) < 0)
		return;
	for (size_t i = 0; i < sizeof md; i++)
		p += sprintf(p, i ? ":%02X" : "%02X", md[i]);
}

static int tls_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int tls_fingerprint_parse(const char *text,
			  unsigned char sha256[TLS_SHA256_SIZE], struct err *e)
{
	size_t digits = 0;
	const char *p;

	if (strncasecmp(text, "sha256:", 7) == 0)
		text += 7;
	for (p = text; *p; p++) {
		int v = tls_hex((unsigned char)*p);

		if (*p == ':')
			continue;
		if (v < 0 || digits == 2 * TLS_SHA256_SIZE)
			break;
		if (digits % 2 == 0)
			sha256[digits / 2] = (unsigned char)(v << 4);
		else
			sha256[digits / 2] |= (unsigned char)v;
		digits++;
	}
	if (*p == '\0' && digits == 2 * TLS_SHA256_SIZE)
		return 0;
	return err_set(e, "tls_fingerprint must be a SHA-256 fingerprint: 64 "
			  "hex digits, as in AB:CD:...:EF");
}

static int tls_check_pin(const struct tls_der *leaf, const char *pin,
			 struct err *e)
{
	unsigned char want[TLS_SHA256_SIZE], got[TLS_SHA256_SIZE];
	char text[TLS_FINGERPRINT_SIZE];

	if (tls_fingerprint_parse(pin, want, e) < 0)
		return -1;
	if (gnutls_hash_fast(GNUTLS_DIG_SHA256, leaf->data, leaf->len, got) < 0)
		return tls_refuse(e, "cannot compute the certificate "
				     "fingerprint");
	if (memcmp(want, got, sizeof want) == 0)
		return 0;
	tls_fingerprint(leaf->data, leaf->len, text);
	return err_set(e,
		       "certificate fingerprint is %s, not the configured "
		       "tls_fingerprint" TLS_HINT,
		       text);
}

/* Appends SAN number i if it is a DNS name or an IP address. Returns 0
 * when there is no SAN number i. */
static int tls_put_san(struct buf *b, gnutls_x509_crt_t crt, unsigned i,
		       size_t before)
{
	char name[256], ip[INET6_ADDRSTRLEN];
	size_t size = sizeof name;
	int type =
	    gnutls_x509_crt_get_subject_alt_name(crt, i, name, &size, NULL);

	if (type == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
		return 0;
	if (type == GNUTLS_SAN_IPADDRESS &&
	    inet_ntop(size == 4 ? AF_INET : AF_INET6, name, ip, sizeof ip)) {
		buf_puts(b, b->len > before ? ", " : "");
		buf_puts(b, ip);
	} else if (type == GNUTLS_SAN_DNSNAME) {
		buf_puts(b, b->len > before ? ", " : "");
		tls_put_safe(b, name, size);
	}
	return 1;
}

/* Appends the certificate's DNS and IP names (the first few), or its CN
 * if it has none. */
static void tls_put_names(struct buf *b, gnutls_x509_crt_t crt)
{
	char name[256];
	size_t size = sizeof name;
	size_t before = b->len;
	unsigned i = 0;

	while (i < 8 && tls_put_san(b, crt, i, before))
		i++;
	if (b->len > before)
		return;
	if (gnutls_x509_crt_get_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0,
					  0, name, &size) == 0)
		tls_put_safe(b, name, size);
	else
		buf_puts(b, "no name");
}

static void tls_put_issuer(struct buf *b, gnutls_x509_crt_t crt)
{
	char name[256];
	size_t size = sizeof name;

	if (gnutls_x509_crt_check_issuer(crt, crt)) {
		buf_puts(b, "certificate is self-signed");
		return;
	}
	buf_puts(b, "certificate has an unknown issuer");
	if (gnutls_x509_crt_get_issuer_dn_by_oid(
		crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0, name, &size) == 0) {
		buf_puts(b, ", ");
		tls_put_safe(b, name, size);
	}
}

static void tls_put_date(struct buf *b, time_t t)
{
	char day[32];
	struct tm tm;

	if (t != (time_t)-1 && gmtime_r(&t, &tm) &&
	    strftime(day, sizeof day, "%Y-%m-%d", &tm))
		buf_puts(b, day);
	else
		buf_puts(b, "an unreadable date");
}

/* Names the first certificate of the chain that is outside its validity
 * period; the leaf is simply "certificate". */
static void tls_put_dates(struct buf *b, gnutls_x509_crt_t *crts, size_t n,
			  unsigned status)
{
	time_t now = time(NULL);

	for (size_t i = 0; i < n; i++) {
		time_t from = gnutls_x509_crt_get_activation_time(crts[i]);
		time_t until = gnutls_x509_crt_get_expiration_time(crts[i]);
		int early = (status & GNUTLS_CERT_NOT_ACTIVATED) && from > now;
		int late = (status & GNUTLS_CERT_EXPIRED) && until < now;

		if (!early && !late)
			continue;
		buf_puts(b, i ? "an issuer's certificate " : "certificate ");
		buf_puts(b, late ? "expired on " : "is not valid before ");
		tls_put_date(b, late ? until : from);
		return;
	}
	buf_puts(b, "certificate is outside its validity period");
}

static const struct {
	unsigned bit;
	const char *why;
} tls_reasons[] = {
    {GNUTLS_CERT_REVOKED, "certificate was revoked"},
    {GNUTLS_CERT_SIGNER_NOT_CA, "certificate was issued by a "
				"certificate that is not a CA"},
    {GNUTLS_CERT_INSECURE_ALGORITHM, "certificate uses an insecure "
				     "signature algorithm"},
    {GNUTLS_CERT_PURPOSE_MISMATCH, "certificate is not meant for a "
				   "TLS server"},
    {GNUTLS_CERT_SIGNATURE_FAILURE, "certificate signature is invalid"},
    {GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE, "certificate breaks its "
					     "issuer's constraints"},
    {GNUTLS_CERT_UNKNOWN_CRIT_EXTENSIONS, "certificate has unsupported "
					  "critical extensions"},
};

static void tls_sep(struct buf *b)
{
	if (b->len)
		buf_puts(b, "; ");
}

/* One sentence for everything GnuTLS found wrong, most useful first. */
static void tls_explain(struct buf *b, gnutls_x509_crt_t *crts, size_t n,
			unsigned status, const char *host)
{
	if (status & GNUTLS_CERT_SIGNER_NOT_FOUND)
		tls_put_issuer(b, crts[0]);
	if (status & GNUTLS_CERT_UNEXPECTED_OWNER) {
		tls_sep(b);
		buf_puts(b, "certificate is for ");
		tls_put_names(b, crts[0]);
		buf_puts(b, ", not ");
		tls_put_safe(b, host, strlen(host));
	}
	if (status & (GNUTLS_CERT_EXPIRED | GNUTLS_CERT_NOT_ACTIVATED)) {
		tls_sep(b);
		tls_put_dates(b, crts, n, status);
	}
	for (size_t i = 0; i < sizeof tls_reasons / sizeof tls_reasons[0];
	     i++) {
		if (status & tls_reasons[i].bit) {
			tls_sep(b);
			buf_puts(b, tls_reasons[i].why);
		}
	}
	if (!b->len)
		buf_puts(b, "certificate is not trusted");
}

static int tls_add_anchors(gnutls_x509_trust_list_t tl, const char *ca_file,
			   struct err *e)
{
	int r;

	if (!ca_file) {
		r = gnutls_x509_trust_list_add_system_trust(tl, 0, 0);
		if (r <= 0)
			return err_set(e, "no system CA certificates found "
					  "(install ca-certificates, or set "
					  "ca_file or tls_fingerprint)");
		return 0;
	}
	if (access(ca_file, R_OK) < 0)
		return err_set(e, "cannot read ca_file %s: %s", ca_file,
			       strerror(errno));
	r = gnutls_x509_trust_list_add_trust_file(tl, ca_file, NULL,
						  GNUTLS_X509_FMT_PEM, 0, 0);
	if (r <= 0)
		return err_set(e, "ca_file %s holds no PEM certificate",
			       ca_file);
	return 0;
}

static int tls_verify_crts(gnutls_x509_crt_t *crts, size_t n,
			   const struct tls_check *c, struct err *e)
{
	gnutls_x509_trust_list_t tl;
	gnutls_typed_vdata_st vd[2] = {
	    {GNUTLS_DT_DNS_HOSTNAME, (unsigned char *)c->host, 0},
	    {GNUTLS_DT_KEY_PURPOSE_OID,
	     (unsigned char *)GNUTLS_KP_TLS_WWW_SERVER, 0},
	};
	unsigned status = 0;
	struct buf why = BUF_INIT;
	int r;

	if (gnutls_x509_trust_list_init(&tl, 0) < 0)
		return err_set(e, "out of memory checking the certificate");
	r = tls_add_anchors(tl, c->ca_file, e);
	if (r == 0 && gnutls_x509_trust_list_verify_crt2(
			  tl, crts, (unsigned)n, vd, 2, 0, &status, NULL) < 0)
		r = tls_refuse(e, "certificate chain could not be checked");
	if (r == 0 && status) {
		tls_explain(&why, crts, n, status, c->host);
		r = tls_refuse(e, buf_cstr(&why));
		buf_free(&why);
	}
	gnutls_x509_trust_list_deinit(tl, 1);
	return r;
}

/* Imports chain into crts; *got says how many need freeing, also on error. */
static int tls_import(const struct tls_der *chain, size_t n,
		      gnutls_x509_crt_t *crts, size_t *got, struct err *e)
{
	for (*got = 0; *got < n; (*got)++) {
		gnutls_datum_t d = {(unsigned char *)chain[*got].data,
				    (unsigned)chain[*got].len};

		if (gnutls_x509_crt_init(&crts[*got]) < 0)
			return err_set(e, "out of memory reading certificates");
		if (gnutls_x509_crt_import(crts[*got], &d,
					   GNUTLS_X509_FMT_DER) < 0) {
			(*got)++;
			return tls_refuse(e, "server sent an unreadable "
					     "certificate");
		}
	}
	return 0;
}

int tls_verify_chain(const struct tls_der *chain, size_t n,
		     const struct tls_check *c, struct err *e)
{
	gnutls_x509_crt_t crts[TLS_MAX_CHAIN];
	size_t got = 0;
	int r;

	if (n == 0)
		return tls_refuse(e, "server sent no certificate");
	if (c->fingerprint && *c->fingerprint)
		return tls_check_pin(&chain[0], c->fingerprint, e);
	if (n > TLS_MAX_CHAIN)
		n = TLS_MAX_CHAIN;
	r = tls_import(chain, n, crts, &got, e);
	if (r == 0)
		r = tls_verify_crts(crts, n, c, e);
	while (got-- > 0)
		gnutls_x509_crt_deinit(crts[got]);
	return r;
}

int tls_verify_stream(mailstream *s, const struct tls_check *c, struct err *e)
{
	struct tls_der ders[TLS_MAX_CHAIN];
	carray *chain = s ? mailstream_get_certificate_chain(s) : NULL;
	size_t n;
	int r;

	if (!chain)
		return tls_refuse(e, "server sent no certificate");
	n = carray_count(chain);
	if (n > TLS_MAX_CHAIN)
		n = TLS_MAX_CHAIN;
	for (size_t i = 0; i < n; i++) {
		MMAPString *der = carray_get(chain, (unsigned)i);

		ders[i].data = (const unsigned char *)der->str;
		ders[i].len = der->len;
	}
	r = tls_verify_chain(ders, n, c, e);
	mailstream_certificate_chain_free(chain);
	return r;
}

int tls_stream_fingerprint(mailstream *s, char out[TLS_FINGERPRINT_SIZE],
			   struct err *e)
{
	unsigned char *der = NULL;
	ssize_t len = s ? mailstream_ssl_get_certificate(s, &der) : -1;

	if (len <= 0) {
		free(der);
		out[0] = '\0';
		return err_set(e, "server sent no certificate");
	}
	tls_fingerprint(der, (size_t)len, out);
	free(der);
	return 0;
}
