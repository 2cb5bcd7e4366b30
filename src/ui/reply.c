/* reply.c: r — a reply to the report selected, written through the
 * draft flow (draft.c): the template the report calls for, the editor,
 * the confirm screen, which warns when nobody may read the reply. */
#include "ui_priv.h"
#include "actions/reply.h"

static int64_t selected_message(struct ui *ui)
{
	struct screen *sc = ui->top;

	if (screen_is_pager(sc))
		return pager_message(sc);
	if (sc->ctx == UI_CTX_MESSAGES)
		return messages_selected(sc);
	return 0;
}

static int start(struct ui *ui, void *ctx, const char *tmpl, struct reply *r,
		 struct err *e)
{
	return reply_start(ui->store, ui->cfg, *(int64_t *)ctx, tmpl,
			   ui_selected_customer(ui), r, e);
}

static int queue(struct ui *ui, void *ctx, const struct reply *r, struct err *e)
{
	struct compose_msg m = {0};
	int rc = reply_build(ui->cfg, r, &m, e);

	(void)ctx;
	if (rc == 0)
		rc =
		    reply_queue(ui->store, &m, r->message_id, "reply", NULL, e);
	compose_msg_clear(&m);
	return rc;
}

static const struct draft_kind reply_kind = {"reply", "reply",
					     "Reply to report", start, queue};

void ui_reply(struct ui *ui)
{
	int64_t id = selected_message(ui);

	if (id <= 0) {
		ui_error(ui, "select a report first");
		return;
	}
	draft_run(ui, &reply_kind, &id);
}
