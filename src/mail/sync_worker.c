/* sync_worker.c: the background sync of the TUI — a thread with its own
 * cache connection that syncs, waits for news with IDLE (or polls), and
 * reconnects with backoff; its status is copied out under a lock, and a
 * byte on the caller's pipe says "look again". */
#include "sync_priv.h"
#include "core/config.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* IDLE is renewed well before the 30 minutes after which servers may end
 * it (RFC 2177). */
enum { IDLE_MAX_S = 25 * 60, BACKOFF_MAX_S = 300 };

struct sync_worker {
	struct sync_config cfg;
	char *password;
	char *db_path;
	int notify_fd;
	pthread_t th;
	pthread_mutex_t mu; /* guards the fields below */
	pthread_cond_t cv;
	bool stop, wake;
	struct sync_status status;
	double last_notify;
	struct sync_conn conn;
};

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Called with w->mu held. A full pipe means the reader has news to read
 * anyway, so a failed write is fine. */
static void notify(struct sync_worker *w)
{
	char c = 1;

	w->last_notify = mono();
	if (w->notify_fd >= 0 && write(w->notify_fd, &c, 1) < 0 &&
	    errno != EAGAIN)
		w->notify_fd = -1;
}

static void set_state(struct sync_worker *w, enum sync_state st,
		      const char *reason, int retry_in)
{
	pthread_mutex_lock(&w->mu);
	w->status.state = st;
	snprintf(w->status.reason, sizeof w->status.reason, "%s",
		 reason ? reason : "");
	w->status.retry_at = retry_in ? (int64_t)time(NULL) + retry_in : 0;
	if (st == SYNC_IDLE)
		w->status.since = (int64_t)time(NULL);
	if (st != SYNC_SYNCING)
		w->status.done = w->status.total = 0;
	notify(w);
	pthread_mutex_unlock(&w->mu);
}

static void on_progress(void *ctx, const struct sync_progress *p)
{
	struct sync_worker *w = ctx;

	pthread_mutex_lock(&w->mu);
	w->status.done = p->messages_done;
	w->status.total = p->messages_total;
	/* A few updates a second are plenty for a status bar. */
	if (mono() - w->last_notify > 0.25 ||
	    p->messages_done == p->messages_total)
		notify(w);
	pthread_mutex_unlock(&w->mu);
}

/* Waits up to secs for wake() or stop(); returns true on stop. */
static bool pause_for(struct sync_worker *w, int secs)
{
	struct timespec ts;
	bool stop;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += secs;
	pthread_mutex_lock(&w->mu);
	while (!w->stop && !w->wake &&
	       pthread_cond_timedwait(&w->cv, &w->mu, &ts) != ETIMEDOUT)
		;
	w->wake = false;
	stop = w->stop;
	pthread_mutex_unlock(&w->mu);
	return stop;
}

static bool stopping(struct sync_worker *w)
{
	bool stop;

	pthread_mutex_lock(&w->mu);
	stop = w->stop;
	pthread_mutex_unlock(&w->mu);
	return stop;
}

/* One pass over the mailboxes on the open connection. */
static int pass(struct sync_worker *w, struct store *s, struct err *e)
{
	const struct config_list *boxes = &w->cfg.config->imap.mailboxes;
	struct sync_stats st = {0};
	int rc = 0;

	pthread_mutex_lock(&w->mu);
	w->wake = false;
	pthread_mutex_unlock(&w->mu);
	set_state(w, SYNC_SYNCING, NULL, 0);
	for (size_t i = 0; rc == 0 && i < boxes->n; i++)
		rc = sync_mailbox(&w->conn, s, &w->cfg, boxes->v[i],
				  on_progress, w, &st, e);
	pthread_mutex_lock(&w->mu);
	w->status.added += st.added + st.rebound;
	pthread_mutex_unlock(&w->mu);
	return rc;
}

/* Whether the EXAMINE before an IDLE found the mailbox as the last pass
 * left it. IDLE tells only what changes after that EXAMINE: mail that
 * landed between the pass and the EXAMINE is in its EXISTS and would wait
 * for poll_interval. Without CONDSTORE only new mail shows here, and
 * without [UIDNEXT] in the reply (Courier) nothing does: the next pass
 * after the IDLE finds it. */
static int box_as_left(struct sync_conn *c, struct store *s, const char *name,
		       uint64_t hms, bool *same, struct err *e)
{
	const struct mailimap_selection_info *sel =
	    c->imap->imap_selection_info;
	struct store_mailbox m;
	int rc = store_mailbox_get(s, name, &m, e);

	*same = false;
	if (rc < 0)
		return -1;
	if (rc == 0)
		return 0;
	*same = m.uidvalidity == sel->sel_uidvalidity &&
		(!sel->sel_uidnext || m.uidnext == sel->sel_uidnext) &&
		(!hms || m.highestmodseq == hms);
	return 0;
}

/* IDLE on the first mailbox, or a plain wait without IDLE. Each IDLE ends
 * after poll_interval at the latest and a sync follows: some servers
 * (Courier) look at the mailbox only once a minute while idling, and other
 * mailboxes get no IDLE at all. Returns at once when the mailbox changed
 * since the pass; -1 when the link or the store broke. */
static int wait_for_news(struct sync_worker *w, struct store *s, struct err *e)
{
	const struct config *k = w->cfg.config;
	const char *box = k->imap.mailboxes.v[0];
	int poll = k->imap.poll_interval > 0 ? k->imap.poll_interval : 300;
	int secs = poll < IDLE_MAX_S ? poll : IDLE_MAX_S;
	uint64_t hms;
	bool wake, same;

	pthread_mutex_lock(&w->mu);
	wake = w->wake;
	pthread_mutex_unlock(&w->mu);
	if (wake)
		return 0;
	if (!w->conn.has_idle) {
		pause_for(w, poll);
		return 0;
	}
	if (sync_conn_examine(&w->conn, box, &hms, e) < 0 ||
	    box_as_left(&w->conn, s, box, hms, &same, e) < 0)
		return -1;
	if (!same)
		return 0;
	return sync_conn_idle(&w->conn, secs, e) < 0 ? -1 : 0;
}

static void offline(struct sync_worker *w, const char *why, int *backoff)
{
	sync_conn_close(&w->conn);
	set_state(w, SYNC_OFFLINE, why, *backoff);
	pause_for(w, *backoff);
	*backoff = *backoff * 2 > BACKOFF_MAX_S ? BACKOFF_MAX_S : *backoff * 2;
}

static void run(struct sync_worker *w, struct store *s)
{
	int backoff = 1;
	struct err e;

	while (!stopping(w)) {
		memset(&e, 0, sizeof e);
		if (!w->conn.imap) {
			set_state(w, SYNC_CONNECTING, NULL, 0);
			if (sync_conn_open(&w->conn, &w->cfg, &e) < 0) {
				offline(w, e.msg, &backoff);
				continue;
			}
		}
		if (stopping(w))
			break;
		if (pass(w, s, &e) < 0 ||
		    sync_conn_after_pass(&w->conn, s, &w->cfg, &e) < 0) {
			offline(w, e.msg, &backoff);
			continue;
		}
		backoff = 1;
		set_state(w, SYNC_IDLE, NULL, 0);
		if (!stopping(w) && wait_for_news(w, s, &e) < 0)
			sync_conn_close(&w->conn);
	}
}

static void *worker_main(void *arg)
{
	struct sync_worker *w = arg;
	struct err e = {{0}};
	struct store *s = store_open(w->db_path, &e);

	if (!s) {
		set_state(w, SYNC_OFFLINE, e.msg, 0);
		while (!pause_for(w, 3600))
			;
		return NULL;
	}
	run(w, s);
	sync_conn_close(&w->conn);
	store_close(s);
	return NULL;
}

/* The thread takes no asynchronous signal: they stay with the thread that
 * started it (the screen waits for them), whatever that one blocks. */
static int start_thread(struct sync_worker *w)
{
	sigset_t all, before;
	int rc;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &before);
	rc = pthread_create(&w->th, NULL, worker_main, w);
	pthread_sigmask(SIG_SETMASK, &before, NULL);
	return rc;
}

struct sync_worker *sync_worker_start(const struct sync_config *c,
				      const char *db_path, int notify_fd,
				      struct err *e)
{
	struct sync_worker *w = xcalloc(1, sizeof *w);

	w->cfg = *c;
	if (c->password)
		w->password = xstrdup(c->password);
	w->cfg.password = w->password;
	w->db_path = xstrdup(db_path);
	w->notify_fd = notify_fd;
	if (notify_fd >= 0)
		fcntl(notify_fd, F_SETFL,
		      fcntl(notify_fd, F_GETFL) | O_NONBLOCK);
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->cv, NULL);
	sync_conn_init(&w->conn);
	w->status.state = SYNC_CONNECTING;
	w->status.insecure = c->config->imap.tls == CONFIG_TLS_NONE;
	if (start_thread(w) != 0) {
		err_set(e, "cannot start the sync thread");
		sync_conn_destroy(&w->conn);
		pthread_cond_destroy(&w->cv);
		pthread_mutex_destroy(&w->mu);
		free(w->db_path);
		free(w->password);
		free(w);
		return NULL;
	}
	return w;
}

void sync_worker_status(struct sync_worker *w, struct sync_status *out)
{
	pthread_mutex_lock(&w->mu);
	*out = w->status;
	pthread_mutex_unlock(&w->mu);
	pthread_mutex_lock(&w->conn.mu);
	out->listening = out->state == SYNC_IDLE && w->conn.idling;
	pthread_mutex_unlock(&w->conn.mu);
}

void sync_worker_wake(struct sync_worker *w)
{
	pthread_mutex_lock(&w->mu);
	w->wake = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	sync_conn_interrupt_idle(&w->conn);
}

void sync_worker_stop(struct sync_worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	sync_conn_interrupt_idle(&w->conn);
	sync_conn_cancel(&w->conn);
	pthread_join(w->th, NULL);
	sync_conn_destroy(&w->conn);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	free(w->db_path);
	if (w->password)
		memset(w->password, 0, strlen(w->password));
	free(w->password);
	free(w);
}
