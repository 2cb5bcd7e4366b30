/* net.c: reaching a mail server, for IMAP and SMTP alike. We open the TCP
 * connection ourselves, so "refused", "timed out" and "unknown host" each
 * get their sentence, and let libetpan do TLS; mail/tls then vets the
 * certificate. */
#include "net.h"
#include "mail/tls.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

int net_ms_left(const struct timespec *deadline)
{
	struct timespec now;
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (deadline->tv_sec - now.tv_sec) * 1000 +
	     (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return ms > 0 ? (int)ms : 0;
}

void net_deadline_in(struct timespec *ts, long ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_nsec += ms * 1000000L;
	ts->tv_sec += ts->tv_nsec / 1000000000L;
	ts->tv_nsec %= 1000000000L;
}

/* Waits for a non-blocking connect to finish: 0 or an errno. */
static int net_wait_connect(int fd, const struct timespec *deadline)
{
	struct pollfd p = {fd, POLLOUT, 0};
	int r = poll(&p, 1, net_ms_left(deadline));
	int err = 0;
	socklen_t len = sizeof err;

	if (r == 0)
		return ETIMEDOUT;
	if (r < 0 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		return errno;
	return err;
}

/* Connects one address within the deadline. Returns the descriptor in
 * blocking mode, as libetpan wants it, or -errno. */
static int net_try_addr(const struct addrinfo *ai,
			const struct timespec *deadline)
{
	int fd = socket(ai->ai_family,
			SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	int err = 0;

	if (fd < 0)
		return -errno;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0)
		err = errno == EINPROGRESS ? net_wait_connect(fd, deadline)
					   : errno;
	if (!err && fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0)
		err = errno;
	if (err) {
		close(fd);
		return -err;
	}
	return fd;
}

static int net_tcp_error(const char *label, int err, unsigned timeout,
			 struct err *e)
{
	if (err == ECONNREFUSED)
		return err_set(e,
			       "%s: connection refused (is the server "
			       "running, and is the port right?)",
			       label);
	if (err == ETIMEDOUT)
		return err_set(e, "%s: connection timed out after %u s", label,
			       timeout);
	return err_set(e, "%s: cannot connect: %s", label, strerror(err));
}

int net_connect(const char *label, const char *host, unsigned port,
		unsigned timeout, struct err *e)
{
	struct addrinfo hints = {.ai_socktype = SOCK_STREAM};
	struct addrinfo *res, *ai;
	struct timespec deadline;
	char service[16];
	int fd = -ENOENT, r;

	snprintf(service, sizeof service, "%u", port);
	r = getaddrinfo(host, service, &hints, &res);
	if (r != 0)
		return err_set(e, "%s: cannot find the host: %s", label,
			       r == EAI_SYSTEM ? strerror(errno)
					       : gai_strerror(r));
	net_deadline_in(&deadline, timeout * 1000L);
	for (ai = res; ai; ai = ai->ai_next) {
		fd = net_try_addr(ai, &deadline);
		if (fd >= 0 || fd == -ETIMEDOUT)
			break;
	}
	freeaddrinfo(res);
	if (fd < 0)
		return net_tcp_error(label, -fd, timeout, e);
	/* libetpan waits with select(), which cannot watch higher ones. */
	if (fd >= FD_SETSIZE) {
		close(fd);
		return err_set(e, "%s: too many open files", label);
	}
	return fd;
}

/* SNI carries host names only (RFC 6066), never address literals. */
void net_sni(struct mailstream_ssl_context *ctx, void *data)
{
	const char *host = data;
	unsigned char addr[sizeof(struct in6_addr)];

	if (inet_pton(AF_INET, host, addr) != 1 &&
	    inet_pton(AF_INET6, host, addr) != 1)
		mailstream_ssl_set_server_name(ctx, (char *)host);
}

int net_verify(const char *label, mailstream *st, const struct tls_check *c,
	       struct err *e)
{
	if (tls_verify_stream(st, c, e) < 0)
		return err_prefix(e, "%s", label);
	return 0;
}

mailstream *net_stream(const char *label, const char *host, int fd, bool tls,
		       unsigned timeout, struct err *e)
{
	struct timespec deadline;
	mailstream *st;

	if (!tls) {
		st = mailstream_socket_open_timeout(fd, timeout);
		if (!st)
			err_set(e, "%s: out of memory", label);
		return st;
	}
	net_deadline_in(&deadline, timeout * 1000L);
	st = mailstream_ssl_open_with_callback_timeout(fd, timeout, net_sni,
						       (void *)host);
	if (st)
		return st;
	close(fd);
	if (net_ms_left(&deadline) == 0)
		err_set(e, "%s: TLS handshake timed out after %u s", label,
			timeout);
	else
		err_set(e,
			"%s: TLS handshake failed (does this port speak "
			"implicit TLS? else try tls = starttls)",
			label);
	return NULL;
}
