/* unsub.c: the unsubscribe key — on a report (the list's row, the pager's
 * report) or a noise reporter's row (its newest report that offers a way).
 * It asks once, showing the method and the target, and a second time for
 * plain http; then queues the attempt (actions/unsubscribe.h) and wakes
 * the sync worker, whose flush sends it: the screen never waits for the
 * network. */
#include "ui_priv.h"
#include "actions/unsubscribe.h"
#include "core/xalloc.h"
#include "store/unsubscribe.h"

#include <stdlib.h>
#include <time.h>

/* The report the key means: 0 once the reason is said. */
static int64_t target(struct ui *ui)
{
	struct screen *sc = ui->top;
	struct err e = {{0}};
	const char *why = NULL;
	char *domain;
	int64_t id = 0;
	int rc;

	if (sc->ctx == UI_CTX_MESSAGES)
		id = messages_selected(sc);
	else if (screen_is_pager(sc))
		id = pager_message(sc);
	if (id || sc->ctx != UI_CTX_GROUPS) {
		if (!id)
			ui_error(ui, "select a report first");
		return id;
	}
	if (!(domain = groups_reporter(sc, &why))) {
		ui_error(ui, "%s", why);
		return 0;
	}
	rc = store_unsub_report_of(ui->store, domain, &id, &e);
	if (rc < 0)
		ui_error(ui, "%s", e.msg);
	else if (rc == 0)
		ui_error(ui, "no report of this reporter offers a way to "
			     "unsubscribe");
	free(domain);
	return rc > 0 ? id : 0;
}

/* "QUESTION [y/N]" at the bottom: true for y. The question holds mail
 * text, made safe first. */
static bool confirm(struct ui *ui, const char *question)
{
	char *safe = ui_safe(question);
	char *q = xasprintf("%s [y/N]", safe);
	int key = ui_ask_key(ui, q);

	free(q);
	free(safe);
	return key == 'y' || key == 'Y';
}

static bool agreed(struct ui *ui, const struct unsub_plan *p)
{
	char *q = unsub_question(p), *http = unsub_http_question(p);
	bool yes = confirm(ui, q), yes_http = yes && http && confirm(ui, http);

	free(q);
	free(http);
	return unsub_may_go(p, yes, yes_http);
}

/* The plan for report id; false once the reason is said. */
static bool plan(struct ui *ui, int64_t id, struct unsub_plan *p)
{
	struct report *r = NULL;
	struct err e = {{0}};
	int rc = store_report_get(ui->store, id, &r, &e);

	if (rc <= 0) {
		ui_error(ui, "%s", rc < 0 ? e.msg : "the report is gone");
		return false;
	}
	unsub_choose(r, p);
	report_free(r);
	if (p->how == UNSUB_NONE)
		ui_error(ui, "%s", p->why);
	return p->how != UNSUB_NONE;
}

void ui_unsubscribe(struct ui *ui)
{
	struct unsub_plan p = {0};
	struct err e = {{0}};
	int64_t attempt, id = target(ui);

	if (!id || !plan(ui, id, &p))
		goto out;
	if (!agreed(ui, &p)) {
		ui_message(ui, "not unsubscribed");
		goto out;
	}
	if (unsub_queue(ui->store, ui->cfg, id, &p, (int64_t)time(NULL),
			&attempt, &e) <= 0) {
		ui_error(ui, "%s", e.msg);
		goto out;
	}
	if (triage_refresh(ui->triage, &e) < 0)
		ui_error(ui, "%s", e.msg);
	ui_reload(ui);
	if (ui_sync_now(ui))
		ui_message(
		    ui, "unsubscribe queued (%s); the reporter is noise now",
		    ui->worker ? "sending it now" : "the next sync sends it");
out:
	unsub_plan_free(&p);
}
