/* smtp.c: one message by SMTP on libetpan. mail/net opens the connection
 * and the TLS stream; the certificate is checked before EHLO on implicit
 * TLS and right after STARTTLS (then EHLO again: what the server offered
 * in the clear is stale), always before AUTH. AUTH goes through libetpan's
 * SASL (PLAIN, else LOGIN). */
#include "mail/smtp.h"
#include "mail/tls.h"
#include "net.h"
#include "core/xalloc.h"

#include <libetpan/libetpan.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct smtp {
	mailsmtp *s;
	const struct smtp_params *p;
	char *label; /* "smtp HOST:PORT" */
	unsigned timeout;
};

static pthread_once_t smtp_sigpipe_once = PTHREAD_ONCE_INIT;

/* libetpan writes with send(..., 0): a closed peer would kill us. */
static void smtp_ignore_sigpipe(void)
{
	signal(SIGPIPE, SIG_IGN);
}

/* "what: 550 the server's words", or why the link failed. */
static int smtp_fail(struct smtp *c, int r, const char *what, struct err *e)
{
	char said[200] = "";
	const char *resp = c->s->response;

	if (r == MAILSMTP_ERROR_STREAM)
		snprintf(said, sizeof said,
			 "the connection was lost or timed out after %u s",
			 c->timeout);
	else if (r == MAILSMTP_ERROR_SSL)
		snprintf(said, sizeof said, "TLS failed");
	else if (c->s->response_code && resp)
		snprintf(said, sizeof said, "%d %s", c->s->response_code, resp);
	else
		snprintf(said, sizeof said, "%s", mailsmtp_strerror(r));
	/* The server's text may end in a line break. */
	said[strcspn(said, "\r\n")] = '\0';
	return err_set(e, "%s: %s: %s", c->label, what, said);
}

static int smtp_verify(struct smtp *c, mailstream *st, struct err *e)
{
	struct tls_check t = {c->p->host, c->p->ca_file, c->p->fingerprint};

	return net_verify(c->label, st, &t, e);
}

static int smtp_ehlo(struct smtp *c, struct err *e)
{
	int r = mailesmtp_ehlo(c->s);

	if (r != MAILSMTP_NO_ERROR)
		return smtp_fail(c, r, "EHLO refused", e);
	return 0;
}

static int smtp_open(struct smtp *c, unsigned port, struct err *e)
{
	bool tls = c->p->tls == SMTP_TLS_IMPLICIT;
	int fd = net_connect(c->label, c->p->host, port, c->timeout, e);
	mailstream *st;
	int r;

	if (fd < 0)
		return -1;
	st = net_stream(c->label, c->p->host, fd, tls, c->timeout, e);
	if (!st)
		return -1;
	if (tls && smtp_verify(c, st, e) < 0) {
		mailstream_close(st);
		return -1;
	}
	r = mailsmtp_connect(c->s, st);
	if (r != MAILSMTP_NO_ERROR)
		return smtp_fail(c, r, "no greeting", e);
	return smtp_ehlo(c, e);
}

static int smtp_starttls(struct smtp *c, struct err *e)
{
	int r;

	if (!(c->s->esmtp & MAILSMTP_ESMTP_STARTTLS))
		return err_set(e,
			       "%s: the server does not offer STARTTLS (use "
			       "tls = implicit and its TLS port)",
			       c->label);
	r = mailsmtp_socket_starttls_with_callback(c->s, net_sni,
						   (void *)c->p->host);
	if (r != MAILSMTP_NO_ERROR)
		return smtp_fail(c, r, "STARTTLS failed", e);
	if (smtp_verify(c, c->s->stream, e) < 0)
		return -1;
	return smtp_ehlo(c, e);
}

static int smtp_auth(struct smtp *c, struct err *e)
{
	const struct smtp_params *p = c->p;
	const char *mech;
	char what[160];
	int r;

	if (!p->password)
		return err_set(e, "%s: no password for %s", c->label, p->user);
	if (strpbrk(p->password, "\r\n"))
		return err_set(e, "%s: the password holds a line break",
			       c->label);
	if (c->s->auth & MAILSMTP_AUTH_PLAIN)
		mech = "PLAIN";
	else if (c->s->auth & MAILSMTP_AUTH_LOGIN)
		mech = "LOGIN";
	else
		return err_set(e,
			       "%s: the server offers no AUTH PLAIN or LOGIN "
			       "for user %s",
			       c->label, p->user);
	r = mailesmtp_auth_sasl(c->s, mech, p->host, NULL, NULL, p->user,
				p->user, p->password, NULL);
	if (r == MAILSMTP_NO_ERROR)
		return 0;
	snprintf(what, sizeof what, "login failed for %s", p->user);
	smtp_fail(c, r, what, e);
	/* RFC 4954: 535, the credentials are wrong (not a lost link). */
	return r != MAILSMTP_ERROR_STREAM && r != MAILSMTP_ERROR_SSL &&
		       c->s->response_code == 535
		   ? SMTP_LOGIN_REFUSED
		   : -1;
}

/* libetpan ends DATA with CRLF "." CRLF whatever the message ends with:
 * the message's own last line break is that CRLF, so the server gets the
 * bytes exactly as filed in Sent. */
static size_t smtp_data_len(const struct smtp_envelope *m)
{
	if (m->len >= 2 && memcmp(m->raw + m->len - 2, "\r\n", 2) == 0)
		return m->len - 2;
	return m->len;
}

static int smtp_transaction(struct smtp *c, const struct smtp_envelope *m,
			    struct err *e)
{
	char what[320];
	int r = mailesmtp_mail(c->s, m->from, 0, NULL);

	if (r != MAILSMTP_NO_ERROR) {
		snprintf(what, sizeof what, "MAIL FROM <%s> refused", m->from);
		return smtp_fail(c, r, what, e);
	}
	for (size_t i = 0; i < m->n_rcpt; i++) {
		r = mailesmtp_rcpt(c->s, m->rcpt[i], 0, NULL);
		if (r != MAILSMTP_NO_ERROR) {
			snprintf(what, sizeof what, "RCPT TO <%s> refused",
				 m->rcpt[i]);
			return smtp_fail(c, r, what, e);
		}
	}
	r = mailsmtp_data(c->s);
	if (r != MAILSMTP_NO_ERROR)
		return smtp_fail(c, r, "DATA refused", e);
	r = mailsmtp_data_message(c->s, m->raw, smtp_data_len(m));
	if (r != MAILSMTP_NO_ERROR)
		return smtp_fail(c, r, "the message was refused", e);
	return 0;
}

static int smtp_check(const struct smtp_params *p,
		      const struct smtp_envelope *m, struct err *e)
{
	if (!p->host || !*p->host)
		return err_set(e, "smtp: no server host name configured "
				  "([smtp] host, or [smtp] sendmail)");
	if (p->port > 65535)
		return err_set(e, "smtp %s: port %u is not a TCP port", p->host,
			       p->port);
	if (!m->from || !m->n_rcpt)
		return err_set(e,
			       "smtp %s: a message needs a sender and a "
			       "recipient",
			       p->host);
	return 0;
}

static unsigned smtp_port(const struct smtp_params *p)
{
	if (p->port)
		return p->port;
	return p->tls == SMTP_TLS_IMPLICIT   ? 465
	       : p->tls == SMTP_TLS_STARTTLS ? 587
					     : 25;
}

static int smtp_run(struct smtp *c, unsigned port,
		    const struct smtp_envelope *m, struct err *e)
{
	int rc;

	if (smtp_open(c, port, e) < 0)
		return -1;
	if (c->p->tls == SMTP_TLS_STARTTLS && smtp_starttls(c, e) < 0)
		return -1;
	if (c->p->user && *c->p->user && (rc = smtp_auth(c, e)) < 0)
		return rc;
	if (smtp_transaction(c, m, e) < 0)
		return -1;
	mailsmtp_quit(c->s);
	return 0;
}

int smtp_send(const struct smtp_params *p, const struct smtp_envelope *m,
	      struct err *e)
{
	unsigned port = smtp_port(p);
	struct smtp c = {.p = p};
	int rc;

	if (smtp_check(p, m, e) < 0)
		return -1;
	pthread_once(&smtp_sigpipe_once, smtp_ignore_sigpipe);
	c.timeout = p->timeout ? p->timeout : SMTP_DEFAULT_TIMEOUT;
	c.label =
	    xasprintf(strchr(p->host, ':') ? "smtp [%s]:%u" : "smtp %s:%u",
		      p->host, port);
	c.s = mailsmtp_new(0, NULL);
	if (!c.s)
		abort();
	/* Only streams made after this get it (LIBETPAN.md). */
	mailsmtp_set_timeout(c.s, c.timeout);
	rc = smtp_run(&c, port, m, e);
	mailsmtp_free(c.s);
	free(c.label);
	return rc;
}
