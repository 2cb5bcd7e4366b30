/* state.c: the screen's side of resolve, ignore and reopen on a group
 * (all its reports) or one report, at once (or after a note, with [ui]
 * ask_note), a note added to a decision afterwards, and undo: what is
 * selected, the prompts and messages, and the undo stack of the session,
 * which holds the records the actions layer (actions/state.h) returns
 * (noise marks join it: noise.c); a batch over tagged rows (tag.c) is
 * undone whole. */
#include "ui_priv.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a state change applies to: the screen's selection. */
static int target(struct ui *ui, struct action_target *t)
{
	struct screen *sc = ui->top;
	enum triage_kind kind;

	memset(t, 0, sizeof *t);
	if (sc->ctx == UI_CTX_GROUPS) {
		if (!groups_selected(sc, &kind, t->ip))
			return -1;
		t->is_ip = true;
		return kind == TRIAGE_IP ? 0 : -1;
	}
	if (sc->ctx == UI_CTX_MESSAGES)
		t->message_id = messages_selected(sc);
	else if (screen_is_pager(sc))
		t->message_id = pager_message(sc);
	return t->message_id ? 0 : -1;
}

/* What the note key means on a report: its own decision, or, when it has
 * none, the decision on the IP of the group it is listed under. */
static const char *group_ip(struct screen *sc)
{
	if (sc->ctx == UI_CTX_MESSAGES)
		return messages_group_ip(sc);
	return screen_is_pager(sc) ? pager_group_ip(sc) : NULL;
}

/* A sync soon, so that the keywords reach the server and a colleague
 * sees the decision. */
static void share(struct ui *ui)
{
	if (ui->worker)
		sync_worker_wake(ui->worker);
}

void ui_undo_push(struct ui *ui, const struct ui_undo *u)
{
	ui->undo = xreallocarray(ui->undo, ui->n_undo + 1, sizeof *ui->undo);
	ui->undo[ui->n_undo++] = *u;
}

static void push_undo(struct ui *ui, struct ui_undo *u, enum store_state st)
{
	u->label = u->act.t.is_ip
		       ? xasprintf("%s %s", u->act.t.ip, store_state_name(st))
		       : xasprintf("report %s", store_state_name(st));
	ui_undo_push(ui, u);
}

/* A note typed at the prompt; a batch asks once for all its rows. NULL
 * when cancelled, which stops a batch. */
static char *ask(struct ui *ui, const char *label, const char *initial)
{
	char *note;

	if (ui->batch && ui->batch_note)
		return xstrdup(ui->batch_note);
	note = ui_prompt(ui, label, initial);
	if (!note)
		ui->batch_stop = true;
	else if (ui->batch)
		ui->batch_note = xstrdup(note);
	return note;
}

static void failed(struct ui *ui, const char *msg)
{
	ui_error(ui, "%s", msg);
	ui->batch_stop = true;
}

/* After a change outside a batch: the lists read again, the cursor on to
 * the next open row when [ui] advance asks it, and what was done. */
static void done(struct ui *ui, const struct ui_undo *u, size_t at, bool onward)
{
	const char *label = ui->undo[ui->n_undo - 1].label;

	ui_reload(ui);
	if (onward && ui->cfg->ui.advance && !ui_advance(ui, u, at))
		ui_message(ui, "%s (U undoes); no open one below", label);
	else
		ui_message(ui, "%s (U undoes)", label);
}

void ui_state_change(struct ui *ui, enum store_state st)
{
	struct action_target t;
	struct ui_undo u = {0};
	struct err e = {{0}};
	char *note = NULL;
	size_t at = ui->top->cursor;

	if (target(ui, &t) < 0) {
		failed(ui, "select an IP group or a report first");
		return;
	}
	if (ui->cfg->ui.ask_note &&
	    !(note = ask(ui, "Note (Enter for none): ", NULL)))
		return;
	if (action_decide(ui->store, &t, st, note && *note ? note : NULL,
			  &u.act, &e) < 0) {
		free(note);
		failed(ui, e.msg);
		return;
	}
	free(note);
	u.batch = ui->batch;
	push_undo(ui, &u, st);
	share(ui);
	if (!ui->batch)
		done(ui, &u, at, st != STORE_STATE_OPEN);
}

/* The decision a note goes on: 0 with u filled by action_remember(), 1
 * when there is none to note on, -1 on error. */
static int noted(struct ui *ui, struct action_target *t, struct action_undo *u,
		 struct err *e)
{
	const char *ip;

	if (action_remember(ui->store, t, u, e) < 0)
		return -1;
	if (u->had || t->is_ip || !(ip = group_ip(ui->top)))
		return u->had ? 0 : 1;
	action_undo_free(u);
	t->is_ip = true;
	snprintf(t->ip, sizeof t->ip, "%s", ip);
	if (action_remember(ui->store, t, u, e) < 0)
		return -1;
	return u->had ? 0 : 1;
}

void ui_annotate(struct ui *ui)
{
	struct action_target t;
	struct ui_undo u = {0};
	struct err e = {{0}};
	char *note;
	int rc;

	if (target(ui, &t) < 0) {
		failed(ui, "select an IP group or a report first");
		return;
	}
	rc = noted(ui, &t, &u.act, &e);
	if (rc != 0) {
		action_undo_free(&u.act);
		failed(ui, rc < 0 ? e.msg
				  : "no decision to note on yet: resolve, "
				    "ignore or reopen first");
		return;
	}
	if (!(note = ask(ui, "Note: ", u.act.note))) {
		action_undo_free(&u.act);
		return;
	}
	if (action_note(ui->store, &u.act, *note ? note : NULL, &e) < 0) {
		action_undo_free(&u.act);
		free(note);
		failed(ui, e.msg);
		return;
	}
	free(note);
	u.batch = ui->batch;
	u.label = t.is_ip ? xasprintf("note on %s", t.ip)
			  : xstrdup("note on the report");
	ui_undo_push(ui, &u);
	if (!ui->batch)
		ui_message(ui, "%s saved (U undoes)", u.label);
}

static int undo_one(struct ui *ui, const struct ui_undo *u, struct err *e)
{
	if (u->reporter)
		return ui_noise_undo(ui, u, e);
	return action_undo(ui->store, &u->act, e);
}

static void undo_drop(struct ui *ui)
{
	struct ui_undo *u = &ui->undo[--ui->n_undo];

	action_undo_free(&u->act);
	free(u->label);
	free(u->reporter);
}

/* The last change, or every change of the last batch, newest first. */
void ui_undo_last(struct ui *ui)
{
	struct err e = {{0}};
	unsigned batch;
	size_t n = 0;
	char *label;

	if (!ui->n_undo) {
		ui_message(ui, "nothing to undo");
		return;
	}
	batch = ui->undo[ui->n_undo - 1].batch;
	label = xstrdup(ui->undo[ui->n_undo - 1].label);
	do {
		if (undo_one(ui, &ui->undo[ui->n_undo - 1], &e) < 0)
			break;
		undo_drop(ui);
		n++;
	} while (batch && ui->n_undo &&
		 ui->undo[ui->n_undo - 1].batch == batch);
	if (e.msg[0])
		ui_error(ui, "%s", e.msg);
	else if (n > 1)
		ui_message(ui, "undone: %zu changes to tagged rows", n);
	else
		ui_message(ui, "undone: %s", label);
	free(label);
	if (n)
		share(ui);
	ui_reload(ui);
}

void ui_undo_free(struct ui *ui)
{
	for (size_t i = 0; i < ui->n_undo; i++) {
		action_undo_free(&ui->undo[i].act);
		free(ui->undo[i].label);
		free(ui->undo[i].reporter);
	}
	free(ui->undo);
	ui->undo = NULL;
	ui->n_undo = 0;
}
