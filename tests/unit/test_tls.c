/* test_tls.c: mail/tls on certificate chains made here with GnuTLS — trust
 * through a ca_file, host names and IP literals, validity dates, purpose,
 * self-signed and unknown issuers, pinning, and the fingerprint text. */
#include "mail/tls.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>

#define DAY (24 * 60 * 60)

/* A certificate and its key, made by make_cert. */
struct cert {
	gnutls_x509_crt_t crt;
	gnutls_x509_privkey_t key;
	gnutls_datum_t der;
};

struct spec {
	const char *cn;
	const char *dns; /* NULL: no DNS name */
	const char *ip;	 /* IPv4 text, NULL: no IP address */
	int from_days;	 /* validity relative to now */
	int until_days;
	bool ca;
	const char *purpose; /* NULL: TLS server */
};

static unsigned serial;

static void set_names(gnutls_x509_crt_t crt, const struct spec *s)
{
	unsigned char ip[4];

	assert_int_equal(
	    gnutls_x509_crt_set_dn_by_oid(crt, GNUTLS_OID_X520_COMMON_NAME, 0,
					  s->cn, (unsigned)strlen(s->cn)),
	    0);
	if (s->dns)
		assert_int_equal(gnutls_x509_crt_set_subject_alt_name(
				     crt, GNUTLS_SAN_DNSNAME, s->dns,
				     (unsigned)strlen(s->dns),
				     GNUTLS_FSAN_APPEND),
				 0);
	if (s->ip) {
		assert_int_equal(sscanf(s->ip, "%hhu.%hhu.%hhu.%hhu", &ip[0],
					&ip[1], &ip[2], &ip[3]),
				 4);
		assert_int_equal(
		    gnutls_x509_crt_set_subject_alt_name(
			crt, GNUTLS_SAN_IPADDRESS, ip, 4, GNUTLS_FSAN_APPEND),
		    0);
	}
}

static void set_usage(gnutls_x509_crt_t crt, const struct spec *s)
{
	assert_int_equal(gnutls_x509_crt_set_basic_constraints(crt, s->ca, -1),
			 0);
	assert_int_equal(gnutls_x509_crt_set_key_usage(
			     crt, s->ca ? GNUTLS_KEY_KEY_CERT_SIGN
					: GNUTLS_KEY_DIGITAL_SIGNATURE),
			 0);
	if (!s->ca)
		assert_int_equal(
		    gnutls_x509_crt_set_key_purpose_oid(
			crt, s->purpose ? s->purpose : GNUTLS_KP_TLS_WWW_SERVER,
			0),
		    0);
}

/* Makes a certificate after s, signed by issuer (NULL: by itself). */
static struct cert make_cert(const struct spec *s, const struct cert *issuer)
{
	struct cert c;
	time_t now = time(NULL);
	unsigned char sn[4] = {0x10, 0, 0, (unsigned char)++serial};

	assert_int_equal(gnutls_x509_privkey_init(&c.key), 0);
	assert_int_equal(gnutls_x509_privkey_generate(
			     c.key, GNUTLS_PK_ECDSA,
			     GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1),
			     0),
			 0);
	assert_int_equal(gnutls_x509_crt_init(&c.crt), 0);
	gnutls_x509_crt_set_version(c.crt, 3);
	gnutls_x509_crt_set_serial(c.crt, sn, sizeof sn);
	gnutls_x509_crt_set_activation_time(c.crt, now + s->from_days * DAY);
	gnutls_x509_crt_set_expiration_time(c.crt, now + s->until_days * DAY);
	assert_int_equal(gnutls_x509_crt_set_key(c.crt, c.key), 0);
	set_names(c.crt, s);
	set_usage(c.crt, s);
	assert_int_equal(gnutls_x509_crt_sign2(c.crt,
					       issuer ? issuer->crt : c.crt,
					       issuer ? issuer->key : c.key,
					       GNUTLS_DIG_SHA256, 0),
			 0);
	assert_int_equal(
	    gnutls_x509_crt_export2(c.crt, GNUTLS_X509_FMT_DER, &c.der), 0);
	return c;
}

static void free_cert(struct cert *c)
{
	gnutls_free(c->der.data);
	gnutls_x509_crt_deinit(c->crt);
	gnutls_x509_privkey_deinit(c->key);
}

/* Writes c as PEM to a new temp file; returns its path (free it). */
static char *write_pem(const struct cert *c)
{
	char *path = strdup("/tmp/test_tls_ca.XXXXXX");
	gnutls_datum_t pem;
	int fd;

	assert_non_null(path);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(
	    gnutls_x509_crt_export2(c->crt, GNUTLS_X509_FMT_PEM, &pem), 0);
	assert_int_equal(write(fd, pem.data, pem.size), (ssize_t)pem.size);
	close(fd);
	gnutls_free(pem.data);
	return path;
}

/* A CA in a ca_file, and a leaf from it made after leaf_spec. */
struct world {
	struct cert ca;
	struct cert leaf;
	char *ca_file;
};

static const struct spec ca_spec = {"Test CA", NULL, NULL, -1, 30, true, NULL};

static void world_make(struct world *w, const struct spec *leaf_spec)
{
	w->ca = make_cert(&ca_spec, NULL);
	w->leaf = make_cert(leaf_spec, &w->ca);
	w->ca_file = write_pem(&w->ca);
}

static void world_free(struct world *w)
{
	unlink(w->ca_file);
	free(w->ca_file);
	free_cert(&w->leaf);
	free_cert(&w->ca);
}

/* Verifies [leaf, ca] for host with ca_file and the given pin. */
static int check(const struct world *w, const char *host, const char *pin,
		 struct err *e)
{
	struct tls_der chain[2] = {{w->leaf.der.data, w->leaf.der.size},
				   {w->ca.der.data, w->ca.der.size}};
	struct tls_check c = {host, w->ca_file, pin};

	return tls_verify_chain(chain, 2, &c, e);
}

/* The refusal must end with the hint and contain every needle. */
static void assert_says(const struct err *e, ...)
{
	const char *needle;
	const char *hint = "(set ca_file or tls_fingerprint)";
	size_t len = strlen(e->msg);
	va_list ap;

	va_start(ap, e);
	while ((needle = va_arg(ap, const char *)))
		if (!strstr(e->msg, needle))
			fail_msg("\"%s\" does not say \"%s\"", e->msg, needle);
	va_end(ap);
	if (len < strlen(hint) || strcmp(e->msg + len - strlen(hint), hint))
		fail_msg("\"%s\" lacks the hint", e->msg);
}

static const struct spec good = {"localhost", "localhost", "127.0.0.1", -1,
				 30,	      false,	   NULL};

/* ---- chains ---- */

static void test_tls_accepts_chain_from_ca_file(void **state)
{
	struct world w;
	struct err e = {{0}};

	(void)state;
	world_make(&w, &good);
	assert_int_equal(check(&w, "localhost", NULL, &e), 0);
	world_free(&w);
}

static void test_tls_refuses_wrong_host_naming_both(void **state)
{
	struct spec s = good;
	struct world w;
	struct err e = {{0}};

	(void)state;
	s.dns = "wrong.example";
	s.ip = NULL;
	world_make(&w, &s);
	assert_int_equal(check(&w, "localhost", NULL, &e), -1);
	assert_says(&e, "certificate is for wrong.example, not localhost",
		    NULL);
	world_free(&w);
}

static void test_tls_ip_literal_matches_ip_san(void **state)
{
	struct world w;
	struct err e = {{0}};

	(void)state;
	world_make(&w, &good);
	assert_int_equal(check(&w, "127.0.0.1", NULL, &e), 0);
	world_free(&w);
}

static void test_tls_ip_literal_refused_without_ip_san(void **state)
{
	struct spec s = good;
	struct world w;
	struct err e = {{0}};

	(void)state;
	s.ip = NULL;
	world_make(&w, &s);
	assert_int_equal(check(&w, "127.0.0.1", NULL, &e), -1);
	assert_says(&e, "certificate is for localhost, not 127.0.0.1", NULL);
	world_free(&w);
}

static void test_tls_names_the_ip_of_a_certificate(void **state)
{
	struct spec s = good;
	struct world w;
	struct err e = {{0}};

	(void)state;
	s.dns = NULL;
	s.ip = "192.0.2.7";
	world_make(&w, &s);
	assert_int_equal(check(&w, "127.0.0.1", NULL, &e), -1);
	assert_says(&e, "certificate is for 192.0.2.7, not 127.0.0.1", NULL);
	world_free(&w);
}

/* The date as tls.c prints it, for a time days from now. */
static void day_text(int days, char *out, size_t size)
{
	time_t t = time(NULL) + days * DAY;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, size, "%Y-%m-%d", &tm);
}

static void test_tls_refuses_expired_with_its_date(void **state)
{
	struct spec s = good;
	struct world w;
	struct err e = {{0}};
	char day[32], want[64];

	(void)state;
	s.from_days = -10;
	s.until_days = -2;
	world_make(&w, &s);
	day_text(-2, day, sizeof day);
	snprintf(want, sizeof want, "certificate expired on %s", day);
	assert_int_equal(check(&w, "localhost", NULL, &e), -1);
	assert_says(&e, want, NULL);
	world_free(&w);
}

static void test_tls_refuses_not_yet_valid_with_its_date(void **state)
{
	struct spec s = good;
	struct world w;
	struct err e = {{0}};
	char day[32], want[64];

	(void)state;
	s.from_days = 3;
	world_make(&w, &s);
	day_text(3, day, sizeof day);
	snprintf(want, sizeof want, "certificate is not valid before %s", day);
	assert_int_equal(check(&w, "localhost", NULL, &e), -1);
	assert_says(&e, want, NULL);
	world_free(&w);
}

static void test_tls_refuses_a_client_certificate(void **state)
{
	struct spec s = good;
	struct world w;
	struct err e = {{0}};

	(void)state;
	s.purpose = GNUTLS_KP_TLS_WWW_CLIENT;
	world_make(&w, &s);
	assert_int_equal(check(&w, "localhost", NULL, &e), -1);
	assert_says(&e, "not meant for a TLS server", NULL);
	world_free(&w);
}

static void test_tls_refuses_self_signed(void **state)
{
	struct cert self = make_cert(&good, NULL);
	struct tls_der chain = {self.der.data, self.der.size};
	struct tls_check c = {"localhost", NULL, NULL};
	struct err e = {{0}};

	(void)state;
	/* The system store (or none) does not know it either way. */
	assert_int_equal(tls_verify_chain(&chain, 1, &c, &e), -1);
	assert_true(strstr(e.msg, "self-signed") ||
		    strstr(e.msg, "no system CA certificates"));
	free_cert(&self);
}

static void test_tls_refuses_unknown_issuer_naming_it(void **state)
{
	struct spec other = ca_spec;
	struct world w;
	struct cert stranger;
	struct err e = {{0}};

	(void)state;
	world_make(&w, &good);
	other.cn = "Stranger CA";
	stranger = make_cert(&other, NULL);
	free_cert(&w.leaf);
	w.leaf = make_cert(&good, &stranger);
	assert_int_equal(check(&w, "localhost", NULL, &e), -1);
	assert_says(&e, "unknown issuer", "Stranger CA", NULL);
	free_cert(&stranger);
	world_free(&w);
}

static void test_tls_missing_ca_file_is_named(void **state)
{
	struct world w;
	struct err e = {{0}};

	(void)state;
	world_make(&w, &good);
	unlink(w.ca_file);
	assert_int_equal(check(&w, "localhost", NULL, &e), -1);
	assert_non_null(strstr(e.msg, w.ca_file));
	assert_non_null(strstr(e.msg, "No such file"));
	world_free(&w);
}

static void test_tls_refuses_an_empty_chain(void **state)
{
	struct tls_check c = {"localhost", NULL, NULL};
	struct err e = {{0}};

	(void)state;
	assert_int_equal(tls_verify_chain(NULL, 0, &c, &e), -1);
	assert_says(&e, "no certificate", NULL);
}

static void test_tls_keeps_control_characters_out(void **state)
{
	struct spec s = good;
	struct world w;
	struct err e = {{0}};

	(void)state;
	/* GnuTLS cleans DNS names it writes, not a CN: the name shown
	 * when there is no DNS name. */
	s.cn = "evil\x1b[2J.example";
	s.dns = NULL;
	s.ip = NULL;
	world_make(&w, &s);
	assert_int_equal(check(&w, "localhost", NULL, &e), -1);
	assert_null(strchr(e.msg, '\x1b'));
	assert_says(&e, "evil?[2J.example", NULL);
	world_free(&w);
}

/* ---- pinning ---- */

/* The leaf's SHA-256 as computed by GnuTLS itself, in our text form. */
static void gnutls_fingerprint_text(const struct cert *c, char *out)
{
	unsigned char md[32];
	size_t size = sizeof md;

	assert_int_equal(gnutls_x509_crt_get_fingerprint(
			     c->crt, GNUTLS_DIG_SHA256, md, &size),
			 0);
	for (size_t i = 0; i < size; i++)
		out += sprintf(out, i ? ":%02X" : "%02X", md[i]);
}

static void test_tls_fingerprint_is_colon_separated_upper_hex(void **state)
{
	struct cert c = make_cert(&good, NULL);
	char got[TLS_FINGERPRINT_SIZE], want[TLS_FINGERPRINT_SIZE];

	(void)state;
	tls_fingerprint(c.der.data, c.der.size, got);
	gnutls_fingerprint_text(&c, want);
	assert_string_equal(got, want);
	assert_int_equal(strlen(got), TLS_FINGERPRINT_SIZE - 1);
	free_cert(&c);
}

static void test_tls_pin_accepts_the_leaf_whatever_else(void **state)
{
	struct spec s = good;
	struct world w;
	struct err e = {{0}};
	char pin[TLS_FINGERPRINT_SIZE];

	(void)state;
	s.dns = "wrong.example";
	s.until_days = -1;
	world_make(&w, &s);
	tls_fingerprint(w.leaf.der.data, w.leaf.der.size, pin);
	assert_int_equal(check(&w, "localhost", pin, &e), 0);
	world_free(&w);
}

static void test_tls_pin_ignores_case_colons_and_prefix(void **state)
{
	struct world w;
	struct err e = {{0}};
	char pin[TLS_FINGERPRINT_SIZE], bare[80] = "sha256:";
	size_t n = strlen(bare);

	(void)state;
	world_make(&w, &good);
	tls_fingerprint(w.leaf.der.data, w.leaf.der.size, pin);
	for (const char *p = pin; *p; p++)
		if (*p != ':')
			bare[n++] =
			    (char)(*p >= 'A' && *p <= 'F' ? *p + 32 : *p);
	bare[n] = '\0';
	assert_int_equal(check(&w, "localhost", bare, &e), 0);
	world_free(&w);
}

static void test_tls_pin_mismatch_shows_the_actual_one(void **state)
{
	struct world w;
	struct err e = {{0}};
	char actual[TLS_FINGERPRINT_SIZE], pin[TLS_FINGERPRINT_SIZE];

	(void)state;
	world_make(&w, &good);
	tls_fingerprint(w.leaf.der.data, w.leaf.der.size, actual);
	/* The CA's fingerprint: a real one, of another certificate. */
	tls_fingerprint(w.ca.der.data, w.ca.der.size, pin);
	assert_int_equal(check(&w, "localhost", pin, &e), -1);
	assert_says(&e, actual, "not the configured tls_fingerprint", NULL);
	world_free(&w);
}

static void test_tls_fingerprint_parse_rejects_short(void **state)
{
	unsigned char md[TLS_SHA256_SIZE];
	struct err e = {{0}};

	(void)state;
	assert_int_equal(tls_fingerprint_parse("AB:CD:EF", md, &e), -1);
	assert_non_null(strstr(e.msg, "64 hex digits"));
}

static void test_tls_fingerprint_parse_rejects_other_characters(void **state)
{
	char text[TLS_FINGERPRINT_SIZE + 8];
	unsigned char md[TLS_SHA256_SIZE];
	struct err e = {{0}};

	(void)state;
	memset(text, 'a', 64);
	strcpy(text + 64, "");
	assert_int_equal(tls_fingerprint_parse(text, md, &e), 0);
	text[10] = 'g';
	assert_int_equal(tls_fingerprint_parse(text, md, &e), -1);
	text[10] = 'a';
	strcpy(text + 64, "aa");
	assert_int_equal(tls_fingerprint_parse(text, md, &e), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_tls_accepts_chain_from_ca_file),
	    cmocka_unit_test(test_tls_refuses_wrong_host_naming_both),
	    cmocka_unit_test(test_tls_ip_literal_matches_ip_san),
	    cmocka_unit_test(test_tls_ip_literal_refused_without_ip_san),
	    cmocka_unit_test(test_tls_names_the_ip_of_a_certificate),
	    cmocka_unit_test(test_tls_refuses_expired_with_its_date),
	    cmocka_unit_test(test_tls_refuses_not_yet_valid_with_its_date),
	    cmocka_unit_test(test_tls_refuses_a_client_certificate),
	    cmocka_unit_test(test_tls_refuses_self_signed),
	    cmocka_unit_test(test_tls_refuses_unknown_issuer_naming_it),
	    cmocka_unit_test(test_tls_missing_ca_file_is_named),
	    cmocka_unit_test(test_tls_refuses_an_empty_chain),
	    cmocka_unit_test(test_tls_keeps_control_characters_out),
	    cmocka_unit_test(test_tls_fingerprint_is_colon_separated_upper_hex),
	    cmocka_unit_test(test_tls_pin_accepts_the_leaf_whatever_else),
	    cmocka_unit_test(test_tls_pin_ignores_case_colons_and_prefix),
	    cmocka_unit_test(test_tls_pin_mismatch_shows_the_actual_one),
	    cmocka_unit_test(test_tls_fingerprint_parse_rejects_short),
	    cmocka_unit_test(
		test_tls_fingerprint_parse_rejects_other_characters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
