/* notify.c: c — tells the customer of the IP selected about a report on
 * it: the notification (customer-notification template) shown whole,
 * queued only after a yes; the outbox sends it. On the groups screen the
 * group's newest report is the one told of. */
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

/* ---- the notification shown before it goes ---- */

static void show_draw(struct ui *ui, struct screen *sc, int y, int rows,
		      int cols)
{
	const struct reply *r = sc->data;
	const char *p = r->draft.body;
	int end = y + rows;
	char *to = ui_safe(r->draft.to), *subj = ui_safe(r->draft.subject);
	char *line = xasprintf("To: %s", to);

	(void)ui;
	ui_put(y++, 0, line, cols, UI_NORMAL);
	free(line);
	line = xasprintf("Subject: %s", subj);
	ui_put(y++, 0, line, cols, UI_NORMAL);
	free(line);
	free(to);
	free(subj);
	y++;
	while (p && *p && y < end) {
		size_t n = strcspn(p, "\n");
		char *one = xstrndup(p, n), *safe = ui_safe(one);
		ui_put(y++, 0, safe, cols, UI_DIM);
		free(safe);
		free(one);
		p += n + (p[n] == '\n');
	}
}

static void show_title(struct ui *ui, struct screen *sc, struct buf *b)
{
	const struct reply *r = sc->data;

	(void)ui;
	buf_printf(b, "Customer notification about report %lld (template %s)",
		   (long long)r->message_id, r->template_name);
}

static void show_free(struct screen *sc)
{
	(void)sc; /* the caller's reply */
}

static const struct screen_ops show_ops = {show_draw, NULL, show_free,
					   show_title};

/* Shows r and asks; true on a yes. */
static bool confirmed(struct ui *ui, struct reply *r)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	char *to = ui_safe(r->draft.to);
	char *q = xasprintf("Send this notification to %s? (y/n) ", to);
	int k;

	sc->ctx = ui->top->ctx;
	sc->ops = &show_ops;
	sc->data = r;
	ui_push(ui, sc);
	k = ui_ask(ui, q, "yn");
	ui_pop(ui);
	free(q);
	free(to);
	return k == 0;
}

void ui_notify(struct ui *ui)
{
	char ip[REPORT_IP_TEXT_MAX];
	const struct customer *k;
	struct err e = {{0}};
	struct reply r;
	int64_t id;

	if (!target(ui, ip, &id)) {
		ui_error(ui, "select a group of ours or a report first");
		return;
	}
	k = ui_customer(ui, ip);
	if (!k) {
		ui_error(ui,
			 ui->customers ? "no customer holds %s in the "
					 "customers file"
				       : "no customers file: set [customers] "
					 "file to notify customers (%s)",
			 ip);
		return;
	}
	if (notify_start(ui->store, ui->cfg, id, ip, k, &r, &e) < 0) {
		ui_error(ui, "notify: %s", e.msg);
		return;
	}
	if (!confirmed(ui, &r))
		ui_message(ui, "notification not sent");
	else if (notify_queue(ui->store, ui->cfg, &r, &e) < 0)
		ui_error(ui, "notify: %s", e.msg);
	else {
		ui_sync_now(ui);
		ui_message(ui, "notification queued: the outbox sends it");
	}
	reply_clear(&r);
}
