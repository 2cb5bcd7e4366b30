/* sync_pipe.c: a one-slot queue with one consumer thread. The sync chains
 * two (fetch -> analysis -> writer), so the three run at once while at
 * most five batches are held. A consumer stops at its first failure; what
 * it committed before stays, and its producer learns of the failure at
 * its next push. */
#include "sync_priv.h"
#include "core/crashguard.h"
#include "core/xalloc.h"

#include <stdlib.h>

enum { PIPE_SLOTS = 1 };

struct sync_pipe {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	void *slot[PIPE_SLOTS];
	size_t head, count;
	bool closed;
	int rc;
	struct err e;
	sync_pipe_fn fn;
	void (*drop)(void *item);
	void *ctx;
};

static void *pipe_main(void *arg)
{
	struct sync_pipe *p = arg;

	crashguard_thread_init();
	pthread_mutex_lock(&p->mu);
	for (;;) {
		void *item;
		int rc;

		while (!p->count && !p->closed)
			pthread_cond_wait(&p->cv, &p->mu);
		if (!p->count)
			break;
		item = p->slot[p->head];
		p->head = (p->head + 1) % PIPE_SLOTS;
		p->count--;
		pthread_cond_broadcast(&p->cv);
		if (p->rc) {
			p->drop(item);
			continue;
		}
		pthread_mutex_unlock(&p->mu);
		rc = p->fn(p->ctx, item, &p->e);
		pthread_mutex_lock(&p->mu);
		if (rc < 0)
			p->rc = -1;
	}
	pthread_mutex_unlock(&p->mu);
	crashguard_thread_done();
	return NULL;
}

struct sync_pipe *sync_pipe_start(sync_pipe_fn fn, void (*drop)(void *item),
				  void *ctx, struct err *e)
{
	struct sync_pipe *p = xcalloc(1, sizeof *p);

	p->fn = fn;
	p->drop = drop;
	p->ctx = ctx;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	if (pthread_create(&p->th, NULL, pipe_main, p) != 0) {
		pthread_cond_destroy(&p->cv);
		pthread_mutex_destroy(&p->mu);
		free(p);
		err_set(e, "cannot start a thread of the sync");
		return NULL;
	}
	return p;
}

int sync_pipe_push(struct sync_pipe *p, void *item)
{
	int rc;

	pthread_mutex_lock(&p->mu);
	while (p->count == PIPE_SLOTS && !p->rc)
		pthread_cond_wait(&p->cv, &p->mu);
	rc = p->rc;
	if (!rc) {
		p->slot[(p->head + p->count) % PIPE_SLOTS] = item;
		p->count++;
		pthread_cond_broadcast(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
	if (rc)
		p->drop(item);
	return rc;
}

int sync_pipe_finish(struct sync_pipe *p, struct err *e)
{
	int rc;

	pthread_mutex_lock(&p->mu);
	p->closed = true;
	pthread_cond_broadcast(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->th, NULL);
	rc = p->rc;
	if (rc)
		*e = p->e;
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p);
	return rc;
}
