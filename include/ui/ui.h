/* ui.h: the triage screen — IP groups, a group's reports, the pager, help —
 * on an open cache. The UI reads only from the store and never waits for
 * the network: background work (sync) runs in a worker that reports
 * through a pipe the main loop polls together with the keyboard. */
#ifndef UI_UI_H
#define UI_UI_H

#include <stdbool.h>

#include "core/config.h"
#include "core/err.h"
#include "mail/sync.h"
#include "store/store.h"

struct smtp_secret;

struct ui_opts {
	const char *account; /* for the status bar */
	/* --config FILE, for the first start's advice; NULL: the default. */
	const char *config_path;
	/* The sync state to show when there is no worker: "offline",
	 * "no account configured", ... */
	const char *offline_reason;
	/* Background sync (mail/sync.h), started by the caller: the screen
	 * shows its status, wakes it on the sync key, and polls notify_fd
	 * (the read end of the pipe the worker writes to when the status
	 * changed or new reports landed). NULL and -1: no sync. The caller
	 * stops it after ui_run(). */
	struct sync_worker *worker;
	int notify_fd;
	/* Where a typed SMTP password goes for the worker's flush
	 * (actions/smtp_secret.h); NULL: never asked for. */
	struct smtp_secret *smtp_secret;
	/* For the start-up benchmark: draw one full frame, then return. */
	bool exit_after_first_frame;
	/* For the key benchmark: a key script (ui/replay.h) instead of the
	 * keyboard; the per-key latencies go to stderr at the end. */
	const char *replay;
};

/* Runs the screen until the user quits, or a hang-up, interrupt or TERM
 * signal ends it just as cleanly. Returns 0, or -1 with e filled when the
 * terminal or the store fails. */
int ui_run(struct store *s, const struct config *cfg,
	   const struct ui_opts *opts, struct err *e);

/* The signal that ended the screen, 0 when none did. Such signals that
 * come later are only noted, until the caller, done with its clean-up,
 * calls ui_reraise_quit_signal(): it gives the signals back their former
 * action and ends the process by the signal noted, so that its parent
 * sees why; without one it returns. */
int ui_quit_signal(void);
void ui_reraise_quit_signal(void);
/* From now on such signals are only noted, as above, before the screen
 * runs: for a caller that has made something to clean up first (the
 * demo's temporary cache). */
void ui_signals_hold(void);

#endif
