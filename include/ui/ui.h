/* ui.h: the triage screen — IP groups, a group's reports, the pager, help —
 * on an open cache. The UI reads only from the store and never waits for
 * the network: background work (sync) runs in a worker that reports
 * through a pipe the main loop polls together with the keyboard. */
#ifndef UI_UI_H
#define UI_UI_H

#include <stdbool.h>

#include "core/config.h"
#include "core/err.h"
#include "store/store.h"

/* Background work the UI can start (`$`, and once at start when online).
 * start() runs it in a thread of its own (with its own store connection)
 * and returns at once. The worker writes lines to notify_fd:
 *   "+\n"          new reports are in the store: re-read the lists
 *   "TEXT\n"       the sync state for the status bar ("3 of 12", "idle")
 * and closes notify_fd when it is done. Returns 0, or -1 with e filled. */
struct ui_worker {
	int (*start)(void *ctx, int notify_fd, struct err *e);
	void *ctx;
};

struct ui_opts {
	const char *account; /* for the status bar */
	/* The sync state to show when there is no worker: "offline",
	 * "no account configured", ... */
	const char *offline_reason;
	const struct ui_worker *worker; /* NULL: no sync */
	/* For the start-up benchmark: draw one full frame, then return. */
	bool exit_after_first_frame;
	/* For the key benchmark: a key script (ui/replay.h) instead of the
	 * keyboard; the per-key latencies go to stderr at the end. */
	const char *replay;
};

/* Runs the screen until the user quits. Returns 0, or -1 with e filled
 * when the terminal or the store fails. */
int ui_run(struct store *s, const struct config *cfg,
	   const struct ui_opts *opts, struct err *e);

#endif
