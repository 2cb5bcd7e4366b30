/* notify.c: c — tells the customer of the IP selected about a report on
 * it, through the draft flow a reply takes (draft.c): the
 * customer-notification template edited, confirmed, queued only after a
 * y; the outbox sends it. On the groups screen the group's newest report
 * is the one told of. */
#include "ui_priv.h"
#include "actions/notify.h"
#include "core/customers.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The IP and report the selection means; false with a word why not. */
static bool target(struct ui *ui, char ip[REPORT_IP_TEXT_MAX], int64_t *id)
{
	struct screen *sc = ui->top;
	const char *s = NULL;
	enum triage_kind kind;

	*id = 0;
	if (sc->ctx == UI_CTX_GROUPS) {
		struct triage_query q;
		int64_t *ids = NULL;
		size_t n = 0;
		struct err e = {{0}};
		if (!groups_selected(sc, &kind, ip) || kind != TRIAGE_IP)
			return false;
		ui_query(ui, &q);
		q.only_open = false;
		if (triage_message_ids(ui->triage, &q, TRIAGE_IP, ip, &ids, &n,
				       &e) < 0)
			ui_error(ui, "%s", e.msg);
		*id = n ? ids[0] : 0;
		free(ids);
		return *id > 0;
	}
	if (sc->ctx == UI_CTX_MESSAGES) {
		s = messages_group_ip(sc);
		*id = messages_selected(sc);
	} else if (screen_is_pager(sc)) {
		s = pager_ip(sc);
		*id = pager_message(sc);
	}
	if (!s || !*id)
		return false;
	snprintf(ip, REPORT_IP_TEXT_MAX, "%s", s);
	return true;
}

/* What the notification is about. */
struct notify_ctx {
	int64_t id;
	const char *ip;
	const struct customer *k;
};

static int start(struct ui *ui, void *ctx, const char *tmpl, struct reply *r,
		 struct err *e)
{
	const struct notify_ctx *n = ctx;

	return notify_start(ui->store, ui->cfg, n->id, n->ip, n->k, tmpl, r, e);
}

static int queue(struct ui *ui, void *ctx, const struct reply *r, struct err *e)
{
	(void)ctx;
	return notify_queue(ui->store, ui->cfg, r, e);
}

static const struct draft_kind notify_kind = {
    "notify", "notification", "Customer notification about report", start,
    queue};

void ui_notify(struct ui *ui)
{
	char ip[REPORT_IP_TEXT_MAX];
	struct notify_ctx n = {.ip = ip};

	if (!target(ui, ip, &n.id)) {
		ui_error(ui, "select a group of ours or a report first");
		return;
	}
	n.k = ui_customer(ui, ip);
	if (!n.k) {
		ui_error(ui,
			 ui->customers ? "no customer holds %s in the "
					 "customers file"
				       : "no customers file: set [customers] "
					 "file to notify customers (%s)",
			 ip);
		return;
	}
	draft_run(ui, &notify_kind, &n);
}
