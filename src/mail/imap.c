/* imap.c: an IMAP session on libetpan. mail/net opens the connection
 * (each way it fails with its sentence), libetpan does TLS and IMAP,
 * mail/tls vets the certificate before LOGIN, and a watchdog thread
 * runs against libetpan 1.9.4's endless loop on a plain connection that
 * ends inside a literal (LIBETPAN.md). */
#include "mail/imap.h"
#include "mail/tls.h"
#include "net.h"
#include "core/xalloc.h"

#include <libetpan/libetpan.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

/* The watchdog looks every WATCH_MS. A link whose peer has hung up and
 * whose socket holds nothing unread for WATCH_STRIKES looks in a row is
 * finished: cancel it so a read spinning on end-of-file returns. */
enum { WATCH_MS = 200, WATCH_STRIKES = 3 };
/* LOGOUT on the way out should not hold up a quitting program. */
enum { LOGOUT_TIMEOUT = 3 };

struct imap {
	mailimap *s;
	char *host;
	char *label; /* "imap HOST:PORT", the start of every message */
	unsigned timeout;
	bool dead;

	pthread_mutex_t mu; /* guards closing and s->imap_stream */
	pthread_cond_t cv;
	pthread_t watchdog;
	bool watching;
	bool closing;
	/* Set from other threads, read without the lock. */
	atomic_bool cancelled;
	atomic_bool hung_up; /* the watchdog cancelled a finished link */
};

static pthread_once_t imap_sigpipe_once = PTHREAD_ONCE_INIT;

/* libetpan writes with send(..., 0): a closed peer would kill us. */
static void imap_ignore_sigpipe(void)
{
	signal(SIGPIPE, SIG_IGN);
}

/* ---- the TCP connection ---- */

/* ---- errors ---- */

/* Whether the peer has closed its end; libetpan reports that and a
 * timeout alike. */
static bool imap_peer_closed(struct imap *im)
{
	mailstream *st = im->s->imap_stream;
	struct pollfd p;

	if (!st)
		return true;
	p = (struct pollfd){mailstream_low_get_fd(mailstream_get_low(st)),
			    POLLIN | POLLRDHUP, 0};
	return p.fd < 0 || (poll(&p, 1, 0) == 1 &&
			    (p.revents & (POLLRDHUP | POLLHUP | POLLERR)));
}

/* The server's last words: "[CODE] text", or "" when it said nothing. */
static void imap_server_text(struct imap *im, char *out, size_t size)
{
	const char *text = im->s->imap_response;
	const char *code = im->s->imap_response_info
			       ? im->s->imap_response_info->rsp_atom
			       : NULL;

	snprintf(out, size, "%s%s%s%s", code ? "[" : "", code ? code : "",
		 code ? "] " : "", text ? text : "");
}

static bool imap_link_lost(int r)
{
	return r == MAILIMAP_ERROR_STREAM || r == MAILIMAP_ERROR_PARSE ||
	       r == MAILIMAP_ERROR_FATAL || r == MAILIMAP_ERROR_SSL ||
	       r == MAILIMAP_ERROR_CONNECTION_REFUSED;
}

static void imap_lost_why(struct imap *im, int r, char *why, size_t size)
{
	char said[160];

	imap_server_text(im, said, sizeof said);
	if (im->cancelled)
		snprintf(why, size, "cancelled");
	else if (r == MAILIMAP_ERROR_FATAL && *said)
		snprintf(why, size, "the server ended the session: %s", said);
	else if (im->hung_up || imap_peer_closed(im))
		snprintf(why, size, "the server closed the connection");
	else if (r == MAILIMAP_ERROR_PARSE)
		snprintf(why, size, "the server's answer makes no sense");
	else if (r == MAILIMAP_ERROR_SSL)
		snprintf(why, size, "TLS failed");
	else
		snprintf(why, size, "timed out after %u s", im->timeout);
}

int imap_fail(struct imap *im, int r, const char *what, struct err *e)
{
	char why[200];

	if (imap_link_lost(r)) {
		imap_lost_why(im, r, why, sizeof why);
		im->dead = true;
	} else if (r == MAILIMAP_ERROR_MEMORY) {
		snprintf(why, sizeof why, "out of memory");
	} else if (r == MAILIMAP_ERROR_BAD_STATE) {
		snprintf(why, sizeof why, "not allowed in this session state");
	} else {
		imap_server_text(im, why, sizeof why);
		if (!*why)
			snprintf(why, sizeof why, "refused by the server");
	}
	return err_set(e, "%s: %s: %s", im->label, what, why);
}

/* ---- the watchdog ---- */

static bool imap_link_finished(struct imap *im)
{
	mailstream *st = im->s->imap_stream;
	struct pollfd p;
	int queued = 0;

	if (!st)
		return false;
	p = (struct pollfd){mailstream_low_get_fd(mailstream_get_low(st)),
			    POLLIN | POLLRDHUP, 0};
	if (p.fd < 0 || poll(&p, 1, 0) != 1 ||
	    !(p.revents & (POLLRDHUP | POLLHUP)))
		return false;
	return ioctl(p.fd, FIONREAD, &queued) == 0 && queued == 0;
}

static void *imap_watch_main(void *arg)
{
	struct imap *im = arg;
	int strikes = 0;
	struct timespec ts;

	pthread_mutex_lock(&im->mu);
	while (!im->closing) {
		net_deadline_in(&ts, WATCH_MS);
		pthread_cond_timedwait(&im->cv, &im->mu, &ts);
		if (im->closing || im->hung_up)
			continue;
		strikes = imap_link_finished(im) ? strikes + 1 : 0;
		if (strikes >= WATCH_STRIKES) {
			im->hung_up = true;
			mailstream_cancel(im->s->imap_stream);
		}
	}
	pthread_mutex_unlock(&im->mu);
	return NULL;
}

/* Started once connected and logged in: before that libetpan swaps the
 * stream under us (greeting, STARTTLS), and no literal is expected. */
static void imap_watch_start(struct imap *im)
{
	im->watching =
	    pthread_create(&im->watchdog, NULL, imap_watch_main, im) == 0;
}

/* Also ends imap_cancel's access to the stream, which LOGOUT frees. */
static void imap_watch_stop(struct imap *im)
{
	pthread_mutex_lock(&im->mu);
	im->closing = true;
	pthread_cond_signal(&im->cv);
	pthread_mutex_unlock(&im->mu);
	if (im->watching)
		pthread_join(im->watchdog, NULL);
	im->watching = false;
}

void imap_cancel(struct imap *im)
{
	if (!im)
		return;
	pthread_mutex_lock(&im->mu);
	im->cancelled = true;
	if (!im->closing && im->s->imap_stream)
		mailstream_cancel(im->s->imap_stream);
	pthread_mutex_unlock(&im->mu);
}

/* ---- session life ---- */

/* Closes the link without a word: LOGOUT on a dead link would wait for a
 * whole timeout first. */
static void imap_drop_stream(struct imap *im)
{
	pthread_mutex_lock(&im->mu);
	if (im->s->imap_stream) {
		mailstream_close(im->s->imap_stream);
		im->s->imap_stream = NULL;
	}
	pthread_mutex_unlock(&im->mu);
}

static void imap_free(struct imap *im)
{
	imap_watch_stop(im);
	imap_drop_stream(im);
	mailimap_free(im->s);
	pthread_cond_destroy(&im->cv);
	pthread_mutex_destroy(&im->mu);
	free(im->host);
	free(im->label);
	free(im);
}

void imap_close(struct imap *im)
{
	mailstream *st;

	if (!im)
		return;
	imap_watch_stop(im);
	st = im->s->imap_stream;
	if (st && !im->dead && !im->cancelled && !im->hung_up) {
		mailstream_low_set_timeout(mailstream_get_low(st),
					   LOGOUT_TIMEOUT);
		mailimap_logout(im->s);
	}
	imap_free(im);
}

static struct imap *imap_new(const struct imap_params *p, unsigned port)
{
	struct imap *im = xcalloc(1, sizeof *im);
	pthread_condattr_t ca;

	im->host = xstrdup(p->host);
	/* An IPv6 literal needs brackets to keep its port apart. */
	im->label =
	    xasprintf(strchr(p->host, ':') ? "imap [%s]:%u" : "imap %s:%u",
		      p->host, port);
	im->timeout = p->timeout ? p->timeout : IMAP_DEFAULT_TIMEOUT;
	pthread_mutex_init(&im->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&im->cv, &ca);
	pthread_condattr_destroy(&ca);
	im->s = mailimap_new(0, NULL);
	if (!im->s) {
		fprintf(stderr, "abusedesk: out of memory\n");
		abort();
	}
	/* Only streams made after this get it (LIBETPAN.md). */
	mailimap_set_timeout(im->s, im->timeout);
	return im;
}

struct mailimap *imap_session(struct imap *im)
{
	return im->s;
}

int imap_alive(const struct imap *im)
{
	return im && !im->dead && !im->cancelled && !im->hung_up &&
	       im->s->imap_stream;
}

/* ---- connecting ---- */

static int imap_verify(struct imap *im, mailstream *st,
		       const struct imap_params *p, struct err *e)
{
	struct tls_check c = {p->host, p->ca_file, p->fingerprint};

	return net_verify(im->label, st, &c, e);
}

/* TCP, TLS for implicit TLS (checked before the greeting is even read),
 * then the greeting. Returns 1 when the server pre-authenticated us. */
static int imap_open(struct imap *im, const struct imap_params *p,
		     unsigned port, struct err *e)
{
	int fd = net_connect(im->label, im->host, port, im->timeout, e);
	char said[160];
	mailstream *st;
	int r;

	if (fd < 0)
		return -1;
	st = net_stream(im->label, im->host, fd, p->tls == IMAP_TLS_IMPLICIT,
			im->timeout, e);
	if (!st)
		return -1;
	if (p->tls == IMAP_TLS_IMPLICIT && imap_verify(im, st, p, e) < 0) {
		mailstream_close(st);
		return -1;
	}
	r = mailimap_connect(im->s, st);
	if (r == MAILIMAP_NO_ERROR_AUTHENTICATED)
		return 1;
	if (r == MAILIMAP_NO_ERROR_NON_AUTHENTICATED)
		return 0;
	if (r == MAILIMAP_ERROR_DONT_ACCEPT_CONNECTION) {
		imap_server_text(im, said, sizeof said);
		return err_set(e, "%s: the server turned us away: %s",
			       im->label, *said ? said : "BYE");
	}
	return imap_fail(im, r, "no greeting", e);
}

static int imap_capabilities(struct imap *im, struct err *e)
{
	struct mailimap_capability_data *caps = NULL;
	int r = mailimap_capability(im->s, &caps);

	if (r != MAILIMAP_NO_ERROR)
		return imap_fail(im, r, "CAPABILITY failed", e);
	mailimap_capability_data_free(caps);
	return 0;
}

static int imap_starttls(struct imap *im, const struct imap_params *p,
			 struct err *e)
{
	struct mailimap_connection_info *ci = im->s->imap_connection_info;
	int r;

	if ((!ci || !ci->imap_capability) && imap_capabilities(im, e) < 0)
		return -1;
	if (!mailimap_has_extension(im->s, "STARTTLS"))
		return err_set(e,
			       "%s: the server does not offer STARTTLS (use "
			       "tls = implicit and its TLS port)",
			       im->label);
	r = mailimap_socket_starttls_with_callback(im->s, net_sni, im->host);
	if (r == MAILIMAP_ERROR_STARTTLS)
		return imap_fail(im, MAILIMAP_ERROR_STARTTLS, "STARTTLS failed",
				 e);
	if (r != MAILIMAP_NO_ERROR) {
		im->dead = true;
		return err_set(e, "%s: TLS handshake after STARTTLS failed",
			       im->label);
	}
	if (imap_verify(im, im->s->imap_stream, p, e) < 0)
		return -1;
	/* What the server offered before TLS is stale (LIBETPAN.md). */
	return imap_capabilities(im, e);
}

static int imap_login(struct imap *im, const struct imap_params *p,
		      struct err *e)
{
	char what[160];
	int r = mailimap_login(im->s, p->user, p->password);

	if (r == MAILIMAP_NO_ERROR)
		return 0;
	snprintf(what, sizeof what, "login failed for %s", p->user);
	return imap_fail(im, r, what, e);
}

static int imap_check_params(const struct imap_params *p, struct err *e)
{
	if (!p->host || !*p->host)
		return err_set(e, "imap: no server host name configured");
	if (!p->user || !*p->user)
		return err_set(e, "imap %s: no user name configured", p->host);
	if (!p->password)
		return err_set(e, "imap %s: no password for %s", p->host,
			       p->user);
	if (p->port > 65535)
		return err_set(e, "imap %s: port %u is not a TCP port", p->host,
			       p->port);
	return 0;
}

static int imap_start(struct imap *im, const struct imap_params *p,
		      unsigned port, struct err *e)
{
	int preauth = imap_open(im, p, port, e);

	if (preauth < 0)
		return -1;
	if (p->tls == IMAP_TLS_STARTTLS && preauth)
		return err_set(e,
			       "%s: the server logged us in before STARTTLS "
			       "(PREAUTH), so TLS cannot start; use tls = "
			       "implicit",
			       im->label);
	if (p->tls == IMAP_TLS_STARTTLS && imap_starttls(im, p, e) < 0)
		return -1;
	if (!preauth && imap_login(im, p, e) < 0)
		return -1;
	return 0;
}

struct imap *imap_connect(const struct imap_params *p, struct err *e)
{
	unsigned port = p->port;
	struct imap *im;

	if (imap_check_params(p, e) < 0)
		return NULL;
	pthread_once(&imap_sigpipe_once, imap_ignore_sigpipe);
	if (!port)
		port = p->tls == IMAP_TLS_IMPLICIT ? 993 : 143;
	im = imap_new(p, port);
	if (imap_start(im, p, port, e) < 0) {
		imap_free(im);
		return NULL;
	}
	imap_watch_start(im);
	return im;
}

/* ---- commands ---- */

static void imap_names_add(char ***names, size_t *n, const char *name)
{
	*names = xreallocarray(*names, *n + 1, sizeof **names);
	(*names)[(*n)++] = xstrdup(name);
}

int imap_list_mailboxes(struct imap *im, char ***names, size_t *n,
			struct err *e)
{
	clist *list = NULL;
	clistiter *it;
	int r;

	*names = NULL;
	*n = 0;
	if (!imap_alive(im))
		return err_set(e, "%s: the connection is gone", im->label);
	r = mailimap_list(im->s, "", "*", &list);
	if (r != MAILIMAP_NO_ERROR)
		return imap_fail(im, r, "LIST failed", e);
	for (it = clist_begin(list); it; it = clist_next(it)) {
		struct mailimap_mailbox_list *mb = clist_content(it);

		if (mb && mb->mb_name)
			imap_names_add(names, n, mb->mb_name);
	}
	mailimap_list_result_free(list);
	return 0;
}

void imap_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}
