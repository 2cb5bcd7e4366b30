/* sync_conn.c: the sync's IMAP connection on top of mail/imap.h (which
 * connects with timeouts set first, checks TLS before LOGIN and watches for
 * the plain-TCP end-of-stream spin): QRESYNC enabled when offered, EXAMINE,
 * IDLE that another thread can interrupt, errors as sentences. */
#include "sync_priv.h"
#include "core/config.h"
#include "core/xalloc.h"
#include "mail/imap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

void sync_conn_init(struct sync_conn *c)
{
	memset(c, 0, sizeof *c);
	pthread_mutex_init(&c->mu, NULL);
}

void sync_conn_destroy(struct sync_conn *c)
{
	sync_conn_close(c);
	pthread_mutex_destroy(&c->mu);
}

int sync_conn_open(struct sync_conn *c, const struct sync_config *cfg,
		   struct err *e)
{
	struct imap *im;

	if (!cfg->config->imap.host || !*cfg->config->imap.host)
		return err_set(e, "no IMAP server: set host in the [imap] "
				  "section of the configuration");
	im = imap_connect_config(cfg->config, cfg->password, e);
	if (!im)
		return -1;
	pthread_mutex_lock(&c->mu);
	c->im = im;
	c->imap = imap_session(im);
	pthread_mutex_unlock(&c->mu);
	free(c->selected);
	c->selected = NULL;
	capabilities(c);
	return 0;
}

/* Another thread may hold c->mu to cancel or interrupt: the session is
 * taken from under it first. */
void sync_conn_close(struct sync_conn *c)
{
	struct imap *im;

	pthread_mutex_lock(&c->mu);
	im = c->im;
	c->im = NULL;
	c->imap = NULL;
	pthread_mutex_unlock(&c->mu);
	imap_close(im);
	free(c->selected);
	c->selected = NULL;
}

void sync_conn_cancel(struct sync_conn *c)
{
	pthread_mutex_lock(&c->mu);
	imap_cancel(c->im);
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

int sync_conn_fail(struct sync_conn *c, int r, const char *what, struct err *e)
{
	return imap_fail(c->im, r, what, e);
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

int sync_conn_after_pass(struct sync_conn *c, struct store *s,
			 const struct sync_config *cfg, struct err *e)
{
	int rc;

	if (!cfg->after_pass || !c->im)
		return 0;
	rc = cfg->after_pass(cfg->after_ctx, s, c->im, e);
	free(c->selected);
	c->selected = NULL;
	return rc;
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
