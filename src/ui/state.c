/* state.c: resolve, ignore and reopen a group (all its reports) or one
 * report, at once (or after a note, with [ui] ask_note), a note added to
 * a decision afterwards, and undo. The new state and an outbox row (for
 * the server's keywords) are written in one transaction; the undo stack
 * lives for the session and remembers what was stored before (noise marks
 * join it: noise.c); a batch over tagged rows (tag.c) is undone whole. */
#include "ui_priv.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a state change applies to: the screen's selection. */
static int target(struct ui *ui, struct ui_undo *u)
{
	struct screen *sc = ui->top;
	enum triage_kind kind;

	memset(u, 0, sizeof *u);
	if (sc->ctx == UI_CTX_GROUPS) {
		if (!groups_selected(sc, &kind, u->ip))
			return -1;
		u->is_ip = true;
		return kind == TRIAGE_IP ? 0 : -1;
	}
	if (sc->ctx == UI_CTX_MESSAGES)
		u->message_id = messages_selected(sc);
	else if (screen_is_pager(sc))
		u->message_id = pager_message(sc);
	return u->message_id ? 0 : -1;
}

/* The decision stored before a change, whole, for its undo. */
static int remember(struct ui *ui, struct ui_undo *u, struct err *e)
{
	struct store_decision_saved d;
	int rc = u->is_ip ? store_ip_decision_get(ui->store, u->ip, &d, e)
			  : store_report_decision_get(ui->store, u->message_id,
						      &d, e);

	if (rc < 0)
		return -1;
	u->had = rc == 1;
	u->st = d.state;
	u->note = d.note;
	u->updated_at = d.updated_at;
	u->seq = d.seq;
	return 0;
}

/* Puts back what remember() read: the decision as it was, in its old
 * place in the order, or none when there was none. */
static int restore(struct ui *ui, const struct ui_undo *u, struct err *e)
{
	struct store_decision_saved d = {u->st, u->note, u->updated_at, u->seq};

	if (!u->had)
		return u->is_ip ? store_ip_state_clear(ui->store, u->ip, e)
				: store_report_state_clear(ui->store,
							   u->message_id, e);
	return u->is_ip
		   ? store_ip_decision_put(ui->store, u->ip, &d, e)
		   : store_report_decision_put(ui->store, u->message_id, &d, e);
}

/* What the note key means on a report: its own decision, or, when it has
 * none, the decision on the IP of the group it is listed under. */
static const char *group_ip(struct screen *sc)
{
	if (sc->ctx == UI_CTX_MESSAGES)
		return messages_group_ip(sc);
	return screen_is_pager(sc) ? pager_group_ip(sc) : NULL;
}

static int queue_keyword(struct ui *ui, const struct ui_undo *u,
			 enum store_state st, struct err *e)
{
	char payload[128];

	if (u->is_ip)
		snprintf(payload, sizeof payload,
			 "{\"ip\":\"%s\",\"state\":\"%s\"}", u->ip,
			 store_state_name(st));
	else
		snprintf(payload, sizeof payload, "{\"state\":\"%s\"}",
			 store_state_name(st));
	return store_outbox_add(ui->store, "keyword", u->message_id, payload,
				e);
}

/* undo: put back what u remembers instead of setting st. */
static int write_state(struct ui *ui, const struct ui_undo *u,
		       enum store_state st, const char *note, bool undo,
		       struct err *e)
{
	int rc;

	if (store_begin(ui->store, e) < 0)
		return -1;
	if (undo)
		rc = restore(ui, u, e);
	else
		rc = u->is_ip
			 ? store_ip_state_set(ui->store, u->ip, st, note, e)
			 : store_report_state_set(ui->store, u->message_id, st,
						  note, e);
	if (rc < 0 || queue_keyword(ui, u, st, e) < 0 ||
	    store_commit(ui->store, e) < 0) {
		store_rollback(ui->store);
		return -1;
	}
	return 0;
}

void ui_undo_push(struct ui *ui, const struct ui_undo *u)
{
	ui->undo = xreallocarray(ui->undo, ui->n_undo + 1, sizeof *ui->undo);
	ui->undo[ui->n_undo++] = *u;
}

static void push_undo(struct ui *ui, struct ui_undo *u, enum store_state st)
{
	u->label = u->is_ip ? xasprintf("%s %s", u->ip, store_state_name(st))
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
	struct ui_undo u;
	struct err e = {{0}};
	char *note = NULL;
	size_t at = ui->top->cursor;

	if (target(ui, &u) < 0) {
		failed(ui, "select an IP group or a report first");
		return;
	}
	if (ui->cfg->ui.ask_note &&
	    !(note = ask(ui, "Note (Enter for none): ", NULL)))
		return;
	if (remember(ui, &u, &e) < 0 ||
	    write_state(ui, &u, st, note && *note ? note : NULL, false, &e) <
		0) {
		free(u.note);
		free(note);
		failed(ui, e.msg);
		return;
	}
	free(note);
	u.batch = ui->batch;
	push_undo(ui, &u, st);
	if (!ui->batch)
		done(ui, &u, at, st != STORE_STATE_OPEN);
}

/* The decision a note goes on: 0 with u filled as remember() does, 1
 * when there is none to note on, -1 on error. */
static int noted(struct ui *ui, struct ui_undo *u, struct err *e)
{
	const char *ip;

	if (remember(ui, u, e) < 0)
		return -1;
	if (u->had || u->is_ip || !(ip = group_ip(ui->top)))
		return u->had ? 0 : 1;
	u->is_ip = true;
	snprintf(u->ip, sizeof u->ip, "%s", ip);
	if (remember(ui, u, e) < 0)
		return -1;
	return u->had ? 0 : 1;
}

static int note_set(struct ui *ui, const struct ui_undo *u, const char *note,
		    struct err *e)
{
	return u->is_ip
		   ? store_ip_note_set(ui->store, u->ip, note, e)
		   : store_report_note_set(ui->store, u->message_id, note, e);
}

void ui_annotate(struct ui *ui)
{
	struct ui_undo u;
	struct err e = {{0}};
	char *note;
	int rc;

	if (target(ui, &u) < 0) {
		failed(ui, "select an IP group or a report first");
		return;
	}
	rc = noted(ui, &u, &e);
	if (rc != 0) {
		free(u.note);
		failed(ui, rc < 0 ? e.msg
				  : "no decision to note on yet: resolve, "
				    "ignore or reopen first");
		return;
	}
	if (!(note = ask(ui, "Note: ", u.note))) {
		free(u.note);
		return;
	}
	if (note_set(ui, &u, *note ? note : NULL, &e) < 0) {
		free(u.note);
		free(note);
		failed(ui, e.msg);
		return;
	}
	free(note);
	u.note_only = true;
	u.batch = ui->batch;
	u.label = u.is_ip ? xasprintf("note on %s", u.ip)
			  : xstrdup("note on the report");
	ui_undo_push(ui, &u);
	if (!ui->batch)
		ui_message(ui, "%s saved (U undoes)", u.label);
}

static int undo_one(struct ui *ui, const struct ui_undo *u, struct err *e)
{
	if (u->reporter)
		return ui_noise_undo(ui, u, e);
	if (u->note_only)
		return note_set(ui, u, u->note, e) < 0 ? -1 : 0;
	return write_state(ui, u, u->st, NULL, true, e);
}

static void undo_drop(struct ui *ui)
{
	struct ui_undo *u = &ui->undo[--ui->n_undo];

	free(u->note);
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
	ui_reload(ui);
}

void ui_undo_free(struct ui *ui)
{
	for (size_t i = 0; i < ui->n_undo; i++) {
		free(ui->undo[i].note);
		free(ui->undo[i].label);
		free(ui->undo[i].reporter);
	}
	free(ui->undo);
	ui->undo = NULL;
	ui->n_undo = 0;
}
