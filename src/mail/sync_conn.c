/* sync_conn.c: the sync's IMAP connection — connect with timeouts set
 * first, TLS checked before LOGIN, QRESYNC enabled, EXAMINE, IDLE — and the
 * watchdog that cancels a stream whose peer has gone, because libetpan
 * 1.9.4 spins forever on end-of-stream in the middle of a plain literal. */
#include "sync_priv.h"
#include "core/config.h"
#include "core/password.h"
#include "core/xalloc.h"

#include <errno.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>

/* The watchdog looks every WATCHDOG_MS; a stream whose peer hung up and
 * whose socket holds nothing more to read for WATCHDOG_STRIKES looks in a
 * row is stuck, not busy. */
enum { WATCHDOG_MS = 200, WATCHDOG_STRIKES = 3 };

static void sni_callback(struct mailstream_ssl_context *ctx, void *host)
{
	mailstream_ssl_set_server_name(ctx, host);
}

/* ---- TLS verification ---- */

static int cert_reason(unsigned status, const char *host, struct err *e)
{
	const char *why = "is not trusted";

	if (status & GNUTLS_CERT_EXPIRED)
		why = "has expired";
	else if (status & GNUTLS_CERT_NOT_ACTIVATED)
		why = "is not valid yet";
	else if (status & GNUTLS_CERT_UNEXPECTED_OWNER)
		why = "is for another host name";
	else if (status & GNUTLS_CERT_SIGNER_NOT_FOUND)
		why = "comes from an unknown issuer";
	else if (status & GNUTLS_CERT_REVOKED)
		why = "was revoked";
	return err_set(e,
		       "%s: the server's certificate %s (set ca_file to the "
		       "issuing CA, or tls_fingerprint to pin this server)",
		       host, why);
}

static int fingerprint_check(mailstream *st, const char *host, const char *want,
			     struct err *e)
{
	unsigned char *der = NULL, d[32];
	ssize_t n = mailstream_ssl_get_certificate(st, &der);
	char hex[65];

	if (n <= 0 || gnutls_hash_fast(GNUTLS_DIG_SHA256, der, (size_t)n, d)) {
		free(der);
		return err_set(e, "%s: cannot read the server's certificate",
			       host);
	}
	free(der);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	if (strcmp(hex, want) != 0)
		return err_set(e,
			       "%s: the server's certificate has SHA-256 %s, "
			       "not the tls_fingerprint of the configuration",
			       host, hex);
	return 0;
}

static int chain_import(carray *ch, gnutls_x509_crt_t *crts, unsigned *n)
{
	*n = 0;
	for (unsigned i = 0; ch && i < carray_count(ch) && i < 16; i++) {
		MMAPString *s = carray_get(ch, i);
		gnutls_datum_t d = {(unsigned char *)s->str, (unsigned)s->len};

		if (gnutls_x509_crt_init(&crts[*n]) < 0)
			return -1;
		if (gnutls_x509_crt_import(crts[*n], &d, GNUTLS_X509_FMT_DER)) {
			gnutls_x509_crt_deinit(crts[*n]);
			return -1;
		}
		(*n)++;
	}
	return *n ? 0 : -1;
}

static int trust_verify(gnutls_x509_crt_t *crts, unsigned n, const char *host,
			const char *ca_file, struct err *e)
{
	gnutls_x509_trust_list_t tl;
	gnutls_typed_vdata_st vd[2] = {
	    {GNUTLS_DT_DNS_HOSTNAME, (void *)host, 0},
	    {GNUTLS_DT_KEY_PURPOSE_OID, (void *)GNUTLS_KP_TLS_WWW_SERVER, 0}};
	unsigned status = 0;
	int rc = 0, added;

	if (gnutls_x509_trust_list_init(&tl, 0) < 0)
		return err_set(e, "out of memory");
	if (ca_file)
		added = gnutls_x509_trust_list_add_trust_file(
		    tl, ca_file, NULL, GNUTLS_X509_FMT_PEM, 0, 0);
	else
		added = gnutls_x509_trust_list_add_system_trust(tl, 0, 0);
	if (added <= 0)
		rc = err_set(e, "%s: no trusted certificates in %s", host,
			     ca_file ? ca_file : "the system store");
	else if (gnutls_x509_trust_list_verify_crt2(tl, crts, n, vd, 2, 0,
						    &status, NULL) < 0 ||
		 status)
		rc =
		    cert_reason(status ? status : GNUTLS_CERT_INVALID, host, e);
	gnutls_x509_trust_list_deinit(tl, 1);
	return rc;
}

static int chain_verify(mailstream *st, const char *host, const char *ca_file,
			struct err *e)
{
	gnutls_x509_crt_t crts[16];
	carray *ch = mailstream_get_certificate_chain(st);
	unsigned n = 0;
	int rc = chain_import(ch, crts, &n);

	if (ch)
		mailstream_certificate_chain_free(ch);
	if (rc < 0)
		rc = err_set(e, "%s: cannot read the server's certificate",
			     host);
	else
		rc = trust_verify(crts, n, host, ca_file, e);
	for (unsigned i = 0; i < n; i++)
		gnutls_x509_crt_deinit(crts[i]);
	return rc;
}

static int tls_verify(struct sync_conn *c, const struct config *cfg,
		      struct err *e)
{
	mailstream *st = c->imap->imap_stream;

	if (cfg->imap.tls_fingerprint)
		return fingerprint_check(st, cfg->imap.host,
					 cfg->imap.tls_fingerprint, e);
	return chain_verify(st, cfg->imap.host, cfg->imap.ca_file, e);
}

/* ---- connect and log in ---- */

static int connect_stream(struct sync_conn *c, const struct config *cfg,
			  struct err *e)
{
	struct mailimap_capability_data *caps;
	const char *host = cfg->imap.host;
	uint16_t port = (uint16_t)cfg->imap.port;
	int r;

	if (cfg->imap.tls == CONFIG_TLS_IMPLICIT)
		r = mailimap_ssl_connect_with_callback(
		    c->imap, host, port, sni_callback, (void *)host);
	else
		r = mailimap_socket_connect(c->imap, host, port);
	if (!sync_ok(r))
		return sync_conn_fail(c, r, "cannot connect", e);
	if (cfg->imap.tls == CONFIG_TLS_STARTTLS) {
		r = mailimap_socket_starttls_with_callback(
		    c->imap, sni_callback, (void *)host);
		if (!sync_ok(r))
			return sync_conn_fail(c, r, "STARTTLS failed", e);
		/* The pre-TLS capabilities are stale (LIBETPAN.md §1). */
		caps = NULL;
		if (sync_ok(mailimap_capability(c->imap, &caps)) && caps)
			mailimap_capability_data_free(caps);
	}
	if (cfg->imap.tls != CONFIG_TLS_NONE)
		return tls_verify(c, cfg, e);
	return 0;
}

static int login(struct sync_conn *c, const struct sync_config *cfg,
		 struct err *e)
{
	const struct config *k = cfg->config;
	char *pw = NULL;
	int r;

	if (cfg->password)
		pw = xstrdup(cfg->password);
	else if (password_get(k->imap.password_command,
			      CONFIG_IMAP_PASSWORD_ENV, false, NULL, &pw,
			      e) < 0)
		return -1;
	r = mailimap_login(c->imap, k->imap.user ? k->imap.user : "", pw);
	password_free(pw);
	if (!sync_ok(r))
		return sync_conn_fail(c, r, "login failed", e);
	return 0;
}

static void capabilities(struct sync_conn *c)
{
	struct mailimap_capability_data *caps, *enabled = NULL;
	clist *l;

	c->condstore = mailimap_has_condstore(c->imap);
	c->qresync = mailimap_has_qresync(c->imap) && c->condstore;
	c->has_idle = mailimap_has_idle(c->imap);
	if (!c->qresync)
		return;
	l = clist_new();
	clist_append(l, mailimap_capability_new(MAILIMAP_CAPABILITY_NAME, NULL,
						xstrdup("QRESYNC")));
	caps = mailimap_capability_data_new(l);
	if (!sync_ok(mailimap_enable(c->imap, caps, &enabled)))
		c->qresync = false;
	if (enabled)
		mailimap_capability_data_free(enabled);
	mailimap_capability_data_free(caps);
}

/* ---- the watchdog ---- */

static bool link_ended(struct sync_conn *c)
{
	mailstream *st = c->imap ? c->imap->imap_stream : NULL;
	struct pollfd p;
	int fd, queued = 0;

	if (!st || c->idling)
		return false;
	fd = mailstream_low_get_fd(mailstream_get_low(st));
	if (fd < 0)
		return false;
	p = (struct pollfd){fd, POLLIN | POLLRDHUP, 0};
	if (poll(&p, 1, 0) != 1 || !(p.revents & (POLLRDHUP | POLLHUP)))
		return false;
	return ioctl(fd, FIONREAD, &queued) == 0 && queued == 0;
}

static void *watchdog_main(void *arg)
{
	struct sync_conn *c = arg;
	int strikes = 0;

	pthread_mutex_lock(&c->mu);
	while (!c->closing) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += WATCHDOG_MS * 1000000L;
		ts.tv_sec += ts.tv_nsec / 1000000000L;
		ts.tv_nsec %= 1000000000L;
		pthread_cond_timedwait(&c->cv, &c->mu, &ts);
		if (c->closing)
			break;
		strikes = link_ended(c) ? strikes + 1 : 0;
		if (strikes >= WATCHDOG_STRIKES) {
			mailstream_cancel(c->imap->imap_stream);
			strikes = 0;
		}
	}
	pthread_mutex_unlock(&c->mu);
	return NULL;
}

static void watchdog_start(struct sync_conn *c)
{
	c->closing = false;
	c->watchdog_on =
	    pthread_create(&c->watchdog, NULL, watchdog_main, c) == 0;
}

static void watchdog_stop(struct sync_conn *c)
{
	if (!c->watchdog_on)
		return;
	pthread_mutex_lock(&c->mu);
	c->closing = true;
	pthread_cond_signal(&c->cv);
	pthread_mutex_unlock(&c->mu);
	pthread_join(c->watchdog, NULL);
	c->watchdog_on = false;
}

/* ---- the public face ---- */

void sync_conn_init(struct sync_conn *c)
{
	memset(c, 0, sizeof *c);
	pthread_mutex_init(&c->mu, NULL);
	pthread_cond_init(&c->cv, NULL);
}

void sync_conn_destroy(struct sync_conn *c)
{
	sync_conn_close(c);
	pthread_cond_destroy(&c->cv);
	pthread_mutex_destroy(&c->mu);
}

int sync_conn_open(struct sync_conn *c, const struct sync_config *cfg,
		   struct err *e)
{
	const struct config *k = cfg->config;
	mailimap *m;

	if (!k->imap.host || !*k->imap.host)
		return err_set(e, "no IMAP server: set host in the [imap] "
				  "section of the configuration");
	signal(SIGPIPE, SIG_IGN);
	m = mailimap_new(0, NULL);
	if (!m)
		return err_set(e, "out of memory");
	/* Only streams created after this call get the timeout. */
	mailimap_set_timeout(m, k->imap.timeout > 0 ? k->imap.timeout : 60);
	pthread_mutex_lock(&c->mu);
	c->imap = m;
	c->cancelled = false;
	pthread_mutex_unlock(&c->mu);
	free(c->selected);
	c->selected = NULL;
	if (connect_stream(c, k, e) < 0 || login(c, cfg, e) < 0) {
		sync_conn_close(c);
		return -1;
	}
	capabilities(c);
	watchdog_start(c);
	return 0;
}

/* Closes the stream without a word to the server: a dead link would
 * otherwise block LOGOUT for a whole timeout. */
static void drop_stream(struct sync_conn *c)
{
	pthread_mutex_lock(&c->mu);
	if (c->imap && c->imap->imap_stream) {
		mailstream_close(c->imap->imap_stream);
		c->imap->imap_stream = NULL;
	}
	pthread_mutex_unlock(&c->mu);
}

void sync_conn_close(struct sync_conn *c)
{
	mailimap *m = c->imap;

	watchdog_stop(c);
	if (!m)
		return;
	if (m->imap_stream && !c->cancelled)
		mailimap_logout(m);
	drop_stream(c);
	pthread_mutex_lock(&c->mu);
	c->imap = NULL;
	pthread_mutex_unlock(&c->mu);
	mailimap_free(m);
	free(c->selected);
	c->selected = NULL;
}

void sync_conn_cancel(struct sync_conn *c)
{
	pthread_mutex_lock(&c->mu);
	c->cancelled = true;
	if (c->imap && c->imap->imap_stream)
		mailstream_cancel(c->imap->imap_stream);
	pthread_mutex_unlock(&c->mu);
}

void sync_conn_interrupt_idle(struct sync_conn *c)
{
	pthread_mutex_lock(&c->mu);
	if (c->idling && c->imap && c->imap->imap_stream)
		mailstream_interrupt_idle(c->imap->imap_stream);
	else
		c->interrupt = true;
	pthread_mutex_unlock(&c->mu);
}

static const char *server_text(struct sync_conn *c)
{
	const char *t = c->imap ? c->imap->imap_response : NULL;

	return t && *t ? t : "refused";
}

int sync_conn_fail(struct sync_conn *c, int r, const char *what, struct err *e)
{
	switch (r) {
	case MAILIMAP_ERROR_STREAM:
	case MAILIMAP_ERROR_PARSE:
	case MAILIMAP_ERROR_FATAL:
	case MAILIMAP_ERROR_CONNECTION_REFUSED:
	case MAILIMAP_ERROR_SSL:
	case MAILIMAP_ERROR_STARTTLS:
		drop_stream(c);
		if (c->cancelled)
			return err_set(e, "%s: cancelled", what);
		if (r == MAILIMAP_ERROR_CONNECTION_REFUSED)
			return err_set(e, "%s: the server cannot be reached",
				       what);
		if (r == MAILIMAP_ERROR_SSL || r == MAILIMAP_ERROR_STARTTLS)
			return err_set(e, "%s: TLS could not be set up", what);
		return err_set(e,
			       "%s: the connection broke (the server closed "
			       "it, or it timed out)",
			       what);
	case MAILIMAP_ERROR_MEMORY:
		return err_set(e, "%s: out of memory", what);
	default:
		return err_set(e, "%s: the server said: %s", what,
			       server_text(c));
	}
}

int sync_conn_examine(struct sync_conn *c, const char *mailbox,
		      uint64_t *highestmodseq, struct err *e)
{
	int r;

	*highestmodseq = 0;
	if (c->condstore)
		r = mailimap_examine_condstore(c->imap, mailbox, highestmodseq);
	else
		r = mailimap_examine(c->imap, mailbox);
	free(c->selected);
	c->selected = NULL;
	if (!sync_ok(r) || !c->imap->imap_selection_info) {
		char what[160];

		snprintf(what, sizeof what, "cannot open mailbox %s", mailbox);
		return sync_conn_fail(c, r, what, e);
	}
	c->selected = xstrdup(mailbox);
	return 0;
}

/* Returns false when an interruption is already pending: then there is
 * no wait at all. */
static bool set_idling(struct sync_conn *c, bool on)
{
	bool wait = true;

	pthread_mutex_lock(&c->mu);
	if (on && c->interrupt)
		wait = false;
	c->interrupt = false;
	c->idling = on && wait;
	pthread_mutex_unlock(&c->mu);
	return wait;
}

int sync_conn_idle(struct sync_conn *c, int seconds, struct err *e)
{
	mailstream *st = c->imap->imap_stream;
	int r, w = MAILSTREAM_IDLE_HASDATA;

	/* IDLE without a selected mailbox crashes libetpan. */
	if (!c->selected || !c->imap->imap_selection_info)
		return err_set(e, "IDLE needs a selected mailbox");
	r = mailimap_idle(c->imap);
	if (!sync_ok(r))
		return sync_conn_fail(c, r, "IDLE failed", e);
	if (mailstream_setup_idle(st) < 0)
		return err_set(e, "IDLE failed: cannot wait on the connection");
	if (!set_idling(c, true))
		w = MAILSTREAM_IDLE_INTERRUPTED;
	else if (st->read_buffer_len == 0)
		w = mailstream_wait_idle(st, seconds);
	set_idling(c, false);
	mailstream_unsetup_idle(st);
	r = mailimap_idle_done(c->imap);
	if (!sync_ok(r))
		return sync_conn_fail(c, r, "IDLE failed", e);
	if (w == MAILSTREAM_IDLE_ERROR || w == MAILSTREAM_IDLE_CANCELLED)
		return err_set(e, "IDLE failed: the connection broke");
	return w == MAILSTREAM_IDLE_HASDATA;
}
