/* state.c: resolve, ignore and reopen a group (all its reports) or one
 * report, with an optional note, and undo. The new state and an outbox row
 * (for the server's keywords) are written in one transaction; the undo
 * stack lives for the session and remembers what was stored before (noise
 * marks join it: noise.c). */
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

static int remember(struct ui *ui, struct ui_undo *u, struct err *e)
{
	int rc = u->is_ip
		     ? store_ip_state_get(ui->store, u->ip, &u->st, &u->note, e)
		     : store_report_state_get(ui->store, u->message_id, &u->st,
					      &u->note, e);

	if (rc < 0)
		return -1;
	u->had = rc == 1;
	return 0;
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

/* clear: forget the state instead of setting st (undo of a first change). */
static int write_state(struct ui *ui, const struct ui_undo *u,
		       enum store_state st, const char *note, bool clear,
		       struct err *e)
{
	int rc;

	if (store_begin(ui->store, e) < 0)
		return -1;
	if (clear)
		rc = u->is_ip ? store_ip_state_clear(ui->store, u->ip, e)
			      : store_report_state_clear(ui->store,
							 u->message_id, e);
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

void ui_state_change(struct ui *ui, enum store_state st)
{
	struct ui_undo u;
	struct err e = {{0}};
	char *note;

	if (target(ui, &u) < 0) {
		ui_error(ui, "select an IP group or a report first");
		return;
	}
	note = ui_prompt(ui, "Note (Enter for none): ", NULL);
	if (!note)
		return;
	if (remember(ui, &u, &e) < 0 ||
	    write_state(ui, &u, st, *note ? note : NULL, false, &e) < 0) {
		free(u.note);
		free(note);
		ui_error(ui, "%s", e.msg);
		return;
	}
	free(note);
	push_undo(ui, &u, st);
	ui_reload(ui);
	ui_message(ui, "%s (U undoes)", ui->undo[ui->n_undo - 1].label);
}

void ui_undo_last(struct ui *ui)
{
	struct ui_undo *u;
	struct err e = {{0}};

	if (!ui->n_undo) {
		ui_message(ui, "nothing to undo");
		return;
	}
	u = &ui->undo[ui->n_undo - 1];
	if ((u->reporter
		 ? ui_noise_undo(ui, u, &e)
		 : write_state(ui, u, u->st, u->note, !u->had, &e)) < 0) {
		ui_error(ui, "%s", e.msg);
		return;
	}
	ui_message(ui, "undone: %s", u->label);
	free(u->note);
	free(u->label);
	free(u->reporter);
	ui->n_undo--;
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
