/* sync_test.h: what the sync tests share — the harness Dovecot's address
 * from the environment (tests/integration/sync.sh sets it), "another
 * client" that appends, flags, expunges and recreates mailboxes, generated
 * reports, a fresh cache per test, SQL counts, and a loopback TCP proxy
 * that can cut the link after N bytes from the server. Static functions
 * only: each test program includes it once. */
#ifndef SYNC_TEST_H
#define SYNC_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analysis/analyze.h"
#include "core/config.h"
#include "core/xalloc.h"
#include "mail/sync.h"
#include "store/store.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <libetpan/libetpan.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static inline const char *env_or_skip(const char *name)
{
	const char *v = getenv(name);

	if (!v || !*v) {
		fprintf(stderr,
			"%s is not set: run tests/integration/sync.sh\n", name);
		exit(1);
	}
	return v;
}

static inline int env_port(const char *name)
{
	return atoi(env_or_skip(name));
}

/* The port of the server the tests talk to: the harness's main Dovecot,
 * or with SYNC_TEST_SERVER=NAME the instance NAME (see sync.sh). */
static inline int server_port(const char *which)
{
	const char *inst = getenv("SYNC_TEST_SERVER");
	char var[128];

	if (inst && *inst)
		snprintf(var, sizeof var, "HARNESS_%s_%s", inst, which);
	else
		snprintf(var, sizeof var, "HARNESS_%s", which);
	return env_port(var);
}

static inline double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A time bound of a test, stretched by HARNESS_SLOWDOWN for a run under
 * valgrind (make check-valgrind). */
static inline double bound_s(double secs)
{
	const char *env = getenv("HARNESS_SLOWDOWN");
	double k = env ? atof(env) : 1;

	return secs * (k > 1 ? k : 1);
}

/* ---- another client ---- */

static inline mailimap *other_open(void)
{
	mailimap *m = mailimap_new(0, NULL);
	int r;

	mailimap_set_timeout(m, 20);
	r = mailimap_socket_connect(m, "127.0.0.1",
				    (uint16_t)server_port("IMAP_PORT"));
	assert_true(r == MAILIMAP_NO_ERROR_NON_AUTHENTICATED ||
		    r == MAILIMAP_NO_ERROR);
	r = mailimap_login(m, env_or_skip("HARNESS_USER"),
			   env_or_skip("HARNESS_PASS"));
	assert_int_equal(r, MAILIMAP_NO_ERROR);
	return m;
}

static inline void other_close(mailimap *m)
{
	mailimap_logout(m);
	mailimap_free(m);
}

static inline void other_create(mailimap *m, const char *box)
{
	mailimap_delete(m, box);
	assert_int_equal(mailimap_create(m, box), MAILIMAP_NO_ERROR);
}

static inline uint32_t other_append(mailimap *m, const char *box,
				    const char *msg, size_t len)
{
	uint32_t uidvalidity = 0, uid = 0;
	int r = mailimap_uidplus_append(m, box, NULL, NULL, msg, len,
					&uidvalidity, &uid);

	assert_int_equal(r, MAILIMAP_NO_ERROR);
	return uid;
}

/* STORE +FLAGS (\Seen), (\Flagged) and keywords on one UID. */
static inline void other_flag(mailimap *m, const char *box, uint32_t uid,
			      const char *const *flags, size_t n)
{
	struct mailimap_flag_list *fl = mailimap_flag_list_new_empty();
	struct mailimap_store_att_flags *sf;
	struct mailimap_set *set = mailimap_set_new_single(uid);

	assert_int_equal(mailimap_select(m, box), MAILIMAP_NO_ERROR);
	for (size_t i = 0; i < n; i++) {
		struct mailimap_flag *f;

		if (strcmp(flags[i], "\\Seen") == 0)
			f = mailimap_flag_new_seen();
		else if (strcmp(flags[i], "\\Flagged") == 0)
			f = mailimap_flag_new_flagged();
		else
			f = mailimap_flag_new_flag_keyword(xstrdup(flags[i]));
		mailimap_flag_list_add(fl, f);
	}
	sf = mailimap_store_att_flags_new_add_flags_silent(fl);
	assert_int_equal(mailimap_uid_store(m, set, sf), MAILIMAP_NO_ERROR);
	mailimap_store_att_flags_free(sf);
	mailimap_set_free(set);
}

static inline void other_expunge_range(mailimap *m, const char *box,
				       uint32_t lo, uint32_t hi)
{
	struct mailimap_flag_list *fl = mailimap_flag_list_new_empty();
	struct mailimap_store_att_flags *sf;
	struct mailimap_set *set = mailimap_set_new_interval(lo, hi);

	assert_int_equal(mailimap_select(m, box), MAILIMAP_NO_ERROR);
	mailimap_flag_list_add(fl, mailimap_flag_new_deleted());
	sf = mailimap_store_att_flags_new_add_flags_silent(fl);
	assert_int_equal(mailimap_uid_store(m, set, sf), MAILIMAP_NO_ERROR);
	mailimap_store_att_flags_free(sf);
	mailimap_set_free(set);
	assert_int_equal(mailimap_expunge(m), MAILIMAP_NO_ERROR);
}

static inline void other_expunge(mailimap *m, const char *box, uint32_t uid)
{
	other_expunge_range(m, box, uid, uid);
}

/* The server's flags of one UID, as one string. */
static inline char *other_flags(mailimap *m, const char *box, uint32_t uid)
{
	struct mailimap_fetch_type *ft =
	    mailimap_fetch_type_new_fetch_att_list_empty();
	struct mailimap_set *set = mailimap_set_new_single(uid);
	clist *res = NULL;
	char *out = xstrdup("");

	assert_int_equal(mailimap_examine(m, box), MAILIMAP_NO_ERROR);
	mailimap_fetch_type_new_fetch_att_list_add(
	    ft, mailimap_fetch_att_new_flags());
	assert_int_equal(mailimap_uid_fetch(m, set, ft, &res),
			 MAILIMAP_NO_ERROR);
	for (clistiter *i = clist_begin(res); i; i = clist_next(i)) {
		struct mailimap_msg_att *a = clist_content(i);
		for (clistiter *j = clist_begin(a->att_list); j;
		     j = clist_next(j)) {
			struct mailimap_msg_att_item *it = clist_content(j);
			if (it->att_type != MAILIMAP_MSG_ATT_ITEM_DYNAMIC ||
			    !it->att_data.att_dyn->att_list)
				continue;
			for (clistiter *k =
				 clist_begin(it->att_data.att_dyn->att_list);
			     k; k = clist_next(k)) {
				struct mailimap_flag_fetch *ff =
				    clist_content(k);
				char *n;
				if (!ff->fl_flag)
					continue;
				n = xasprintf("%s %d", out,
					      ff->fl_flag->fl_type);
				free(out);
				out = n;
			}
		}
	}
	mailimap_fetch_list_free(res);
	mailimap_fetch_type_free(ft);
	mailimap_set_free(set);
	return out;
}

/* ---- generated reports ---- */

/* Report i: CRLF lines, an in-scope address 10.x.y.z, a size that varies
 * between about 0.5 and 4.5 KB. tag makes the Message-ID unique per test. */
static inline char *gen_message(const char *tag, unsigned i, size_t *len)
{
	size_t want = 500 + (size_t)(i * 7919u % 4000u);
	char *head = xasprintf(
	    "From: abuse@reporter%u.example\r\n"
	    "To: abuse@isp.example\r\n"
	    "Subject: [%s] spam from 10.%u.%u.%u\r\n"
	    "Message-ID: <%s-%u@reporter.example>\r\n"
	    "Date: Mon, 6 May 2024 10:%02u:00 +0000\r\n"
	    "\r\n"
	    "We received unsolicited mail from 10.%u.%u.%u at 10:%02u UTC.\r\n",
	    i % 7, tag, (i >> 16) & 255, (i >> 8) & 255, i & 255, tag, i,
	    i % 60, (i >> 16) & 255, (i >> 8) & 255, i & 255, i % 60);
	size_t n = strlen(head);
	char *m = xmalloc(want > n ? want + 3 : n + 3);

	memcpy(m, head, n);
	free(head);
	while (n + 2 < want) {
		size_t k = want - n - 2 < 70 ? want - n - 2 : 70;
		for (size_t j = 0; j < k; j++)
			m[n + j] = (char)('a' + (i + j) % 26);
		n += k;
		m[n++] = '\r';
		m[n++] = '\n';
	}
	m[n] = '\0';
	*len = n;
	return m;
}

/* Appends n generated messages; returns their total size. */
static inline uint64_t fill_box(mailimap *m, const char *box, const char *tag,
				unsigned first, unsigned n)
{
	uint64_t bytes = 0;

	for (unsigned i = first; i < first + n; i++) {
		size_t len;
		char *msg = gen_message(tag, i, &len);

		other_append(m, box, msg, len);
		bytes += len;
		free(msg);
	}
	return bytes;
}

/* ---- the client's configuration and cache ---- */

struct sync_fx {
	char dir[64];
	char *db;
	struct config *cfg;
	struct analysis_opts opts;
	struct sync_config sc;
	struct store *s;
};

static inline void fx_set(char **field, const char *v)
{
	free(*field);
	*field = v ? xstrdup(v) : NULL;
}

/* A config for one mailbox on the harness's TLS port with its CA. */
static inline struct sync_fx *fx_new(const char *box)
{
	struct sync_fx *f = xcalloc(1, sizeof *f);
	struct config *c = config_new();

	snprintf(f->dir, sizeof f->dir, "/tmp/test_sync.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->db = xasprintf("%s/cache.db", f->dir);
	fx_set(&c->imap.host, env_or_skip("HARNESS_HOST"));
	c->imap.port = server_port("IMAPS_PORT");
	c->imap.tls = CONFIG_TLS_IMPLICIT;
	fx_set(&c->imap.user, env_or_skip("HARNESS_USER"));
	fx_set(&c->imap.ca_file, env_or_skip("HARNESS_CA"));
	c->imap.timeout = 10;
	for (size_t i = 0; i < c->imap.mailboxes.n; i++)
		free(c->imap.mailboxes.v[i]);
	c->imap.mailboxes.v =
	    xreallocarray(c->imap.mailboxes.v, 1, sizeof(char *));
	c->imap.mailboxes.v[0] = xstrdup(box);
	c->imap.mailboxes.n = 1;
	f->cfg = c;
	f->sc.config = c;
	f->sc.analysis = &f->opts;
	f->sc.password = env_or_skip("HARNESS_PASS");
	return f;
}

static inline struct store *fx_store(struct sync_fx *f)
{
	struct err e = {{0}};

	if (!f->s)
		f->s = store_open(f->db, &e);
	if (!f->s)
		fail_msg("%s", e.msg);
	return f->s;
}

static inline void fx_free(struct sync_fx *f)
{
	char *cmd;

	if (!f)
		return;
	store_close(f->s);
	config_free(f->cfg);
	cmd = xasprintf("rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(cmd);
	free(f->db);
	free(f);
}

/* Runs one sync; returns its status, with the error in e. */
static inline int fx_sync(struct sync_fx *f, struct sync_stats *st,
			  struct err *e)
{
	struct sync_stats dummy = {0};

	memset(e, 0, sizeof *e);
	return sync_run(fx_store(f), &f->sc, NULL, NULL, st ? st : &dummy, e);
}

static inline void fx_sync_ok(struct sync_fx *f, struct sync_stats *st)
{
	struct err e;

	if (fx_sync(f, st, &e) < 0)
		fail_msg("sync failed: %s", e.msg);
}

/* One integer from SQL on the cache (a connection of its own). */
static inline int64_t q_int(struct sync_fx *f, const char *fmt, ...)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = -1;
	va_list ap;
	char *sql;

	va_start(ap, fmt);
	sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	assert_int_equal(
	    sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	sqlite3_free(sql);
	return v;
}

static inline char *q_text(struct sync_fx *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *v = NULL;

	assert_int_equal(
	    sqlite3_open_v2(f->db, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* ---- a loopback proxy that can cut the link ---- */

struct proxy {
	int lfd;
	int port;
	int target;
	size_t cut_after; /* bytes from the server; 0: never */
	pthread_t th;
	volatile int stop;
	pthread_mutex_t mu;
	char *sent; /* what the client sent, for inspection */
	size_t sent_len;
	size_t from_server;
	int connections;
};

static inline int proxy_connect(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET,
				.sin_port = htons((uint16_t)port)};
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Copies one read from `from` to `to`; 0 at end of stream. */
static inline ssize_t proxy_copy(struct proxy *p, int from, int to,
				 bool upstream)
{
	char buf[16384];
	ssize_t n = read(from, buf, sizeof buf);
	size_t k;

	if (n <= 0)
		return 0;
	k = (size_t)n;
	pthread_mutex_lock(&p->mu);
	if (upstream) {
		p->sent = xrealloc(p->sent, p->sent_len + k + 1);
		memcpy(p->sent + p->sent_len, buf, k);
		p->sent_len += k;
		p->sent[p->sent_len] = '\0';
	} else if (p->cut_after) {
		if (p->from_server + k > p->cut_after)
			k = p->cut_after - p->from_server;
		p->from_server += k;
	}
	pthread_mutex_unlock(&p->mu);
	if (k && write(to, buf, k) != (ssize_t)k)
		return 0;
	return !upstream && p->cut_after && p->from_server >= p->cut_after ? 0
									   : n;
}

static inline void proxy_serve(struct proxy *p, int cfd)
{
	int sfd = proxy_connect(p->target);
	struct pollfd fds[2] = {{cfd, POLLIN, 0}, {sfd, POLLIN, 0}};

	while (sfd >= 0 && !p->stop) {
		if (poll(fds, 2, 100) <= 0)
			continue;
		if ((fds[0].revents & (POLLIN | POLLHUP)) &&
		    proxy_copy(p, cfd, sfd, true) == 0)
			break;
		if ((fds[1].revents & (POLLIN | POLLHUP)) &&
		    proxy_copy(p, sfd, cfd, false) == 0)
			break;
	}
	if (sfd >= 0)
		close(sfd);
	close(cfd);
}

static inline void *proxy_main(void *arg)
{
	struct proxy *p = arg;

	while (!p->stop) {
		struct pollfd pf = {p->lfd, POLLIN, 0};
		int cfd;

		if (poll(&pf, 1, 100) <= 0)
			continue;
		cfd = accept4(p->lfd, NULL, NULL, SOCK_CLOEXEC);
		if (cfd < 0)
			continue;
		pthread_mutex_lock(&p->mu);
		p->connections++;
		p->from_server = 0;
		pthread_mutex_unlock(&p->mu);
		proxy_serve(p, cfd);
	}
	return NULL;
}

/* Forwards 127.0.0.1:p->port to target_port, one connection at a time;
 * with cut_after, closes both sides once that many bytes came from the
 * server (under TLS, this cuts the TCP stream below the TLS records). */
static inline struct proxy *proxy_start(int target_port, size_t cut_after)
{
	struct proxy *p = xcalloc(1, sizeof *p);
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t al = sizeof a;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	p->target = target_port;
	p->cut_after = cut_after;
	pthread_mutex_init(&p->mu, NULL);
	p->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	assert_true(p->lfd >= 0);
	assert_int_equal(bind(p->lfd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(p->lfd, 4), 0);
	getsockname(p->lfd, (struct sockaddr *)&a, &al);
	p->port = ntohs(a.sin_port);
	assert_int_equal(pthread_create(&p->th, NULL, proxy_main, p), 0);
	return p;
}

/* Clears the record of what the client sent. */
static inline void proxy_forget(struct proxy *p)
{
	pthread_mutex_lock(&p->mu);
	free(p->sent);
	p->sent = NULL;
	p->sent_len = 0;
	pthread_mutex_unlock(&p->mu);
}

static inline void proxy_stop(struct proxy *p)
{
	p->stop = 1;
	pthread_join(p->th, NULL);
	close(p->lfd);
	pthread_mutex_destroy(&p->mu);
	free(p->sent);
	free(p);
}

#endif
