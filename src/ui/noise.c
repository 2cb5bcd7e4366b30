/* noise.c: the noise key — marks or unmarks as noise the reporter of what
 * is selected (a noise row, a group with one reporter, a report, the
 * pager's report), and its undo, which puts the mode back exactly as it
 * was, auto included. The lists follow at once. Over tagged rows, the
 * first row's toggle decides, and every other reporter gets that mode. */
#include "ui_priv.h"
#include "core/xalloc.h"

#include <stdlib.h>

/* The reporter the key means, malloc'd; NULL once the reason is said. */
static char *target(struct ui *ui)
{
	struct screen *sc = ui->top;
	struct err e = {{0}};
	const char *why = NULL;
	char *domain = NULL;
	int64_t id = 0;
	int rc;

	if (sc->ctx == UI_CTX_GROUPS) {
		domain = groups_reporter(sc, &why);
		if (!domain)
			ui_error(ui, "%s", why);
		return domain;
	}
	if (sc->ctx == UI_CTX_MESSAGES)
		id = messages_selected(sc);
	else if (screen_is_pager(sc))
		id = pager_message(sc);
	if (!id) {
		ui_error(ui, "select a report first");
		return NULL;
	}
	rc = store_report_reporter(ui->store, id, &domain, &e);
	if (rc < 0)
		ui_error(ui, "%s", e.msg);
	else if (rc == 0)
		ui_error(ui, "this report names no reporter");
	return domain;
}

/* The noise reporters are decided again, then every screen reads them. */
static void refresh(struct ui *ui)
{
	struct err e = {{0}};

	if (triage_refresh(ui->triage, &e) < 0)
		ui_error(ui, "%s", e.msg);
	ui_reload(ui);
}

/* The message after a change: what was done and, when the configuration
 * still overrules the mark, that it does. */
static void say(struct ui *ui, const struct ui_undo *u,
		enum store_noise_mode now)
{
	struct err e = {{0}};
	char why[128];
	int noise =
	    triage_noise_why(ui->triage, u->reporter, why, sizeof why, &e);

	if (noise < 0)
		ui_error(ui, "%s", e.msg);
	else if (now == STORE_NOISE_MARKED && !noise)
		ui_message(ui,
			   "%s, but [noise] never keeps it apart (U undoes)",
			   u->label);
	else
		ui_message(ui, "%s (U undoes)", u->label);
}

/* In a batch after its first row: the mode the first toggle set. 1 when
 * set, 2 when the reporter has it already (a reporter of several rows
 * changes once), 0 when it is gone, -1 on error. */
static int batch_set(struct ui *ui, struct ui_undo *u,
		     enum store_noise_mode *now, struct err *e)
{
	int rc =
	    store_reporter_noise_get(ui->store, u->reporter, &u->noise_was, e);

	*now = ui->batch_noise;
	if (rc <= 0)
		return rc;
	if (u->noise_was == *now)
		return 2;
	return store_reporter_noise_set(ui->store, u->reporter, *now, e);
}

void ui_noise_toggle(struct ui *ui)
{
	struct ui_undo u = {0};
	struct err e = {{0}};
	enum store_noise_mode now;
	int rc;

	u.reporter = target(ui);
	if (!u.reporter)
		return;
	if (ui->batch && ui->batch_noise_set)
		rc = batch_set(ui, &u, &now, &e);
	else
		rc = store_reporter_noise_toggle(
		    ui->store, ui->triage, u.reporter, &u.noise_was, &now, &e);
	if (rc == 2) {
		free(u.reporter);
		return;
	}
	if (rc <= 0) {
		ui->batch_stop = rc < 0;
		if (rc < 0)
			ui_error(ui, "%s", e.msg);
		else
			ui_error(ui, "%s is no longer in the cache",
				 u.reporter);
		free(u.reporter);
		return;
	}
	u.label = xasprintf("%s %s as noise", u.reporter,
			    now == STORE_NOISE_MARKED ? "marked" : "unmarked");
	u.batch = ui->batch;
	ui_undo_push(ui, &u);
	if (ui->batch) {
		ui->batch_noise_set = true;
		ui->batch_noise = now;
		return;
	}
	refresh(ui);
	say(ui, &u, now);
}

int ui_noise_undo(struct ui *ui, const struct ui_undo *u, struct err *e)
{
	if (store_reporter_noise_set(ui->store, u->reporter, u->noise_was, e) <
	    0)
		return -1;
	return triage_refresh(ui->triage, e);
}
