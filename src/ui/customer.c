/* customer.c: the [customers] file while the screen runs — read at the
 * start, looked at again about once a second (the main loop wakes for
 * it), and every screen read again when it changed, so that rows and
 * the pager name the customer the file names now. */
#include "ui_priv.h"
#include "core/customers.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* Says what the read found wrong, once per new sentence. */
static void tell(struct ui *ui, const char *msg)
{
	if (strcmp(ui->customers_said, msg) == 0)
		return;
	snprintf(ui->customers_said, sizeof ui->customers_said, "%s", msg);
	if (*msg)
		ui_error(ui, "%s", msg);
}

static void tell_warnings(struct ui *ui)
{
	size_t n;
	const char *const *w = customers_warnings(ui->customers, &n);
	char msg[sizeof ui->customers_said];

	if (!n) {
		tell(ui, "");
		return;
	}
	snprintf(msg, sizeof msg, "%s%s", w[0],
		 n > 1 ? " (and more bad lines: abusedesk list shows all)"
		       : "");
	tell(ui, msg);
}

/* Returns 1 when the file was read. */
static int refresh(struct ui *ui)
{
	struct err e = {{0}};
	int rc = customers_refresh(ui->customers, (int64_t)time(NULL), &e);

	if (rc < 0)
		tell(ui, e.msg);
	else if (rc > 0)
		tell_warnings(ui);
	return rc;
}

void ui_customers_open(struct ui *ui)
{
	if (!ui->cfg->customers.file)
		return;
	ui->customers = customers_new(ui->cfg->customers.file);
	refresh(ui);
}

void ui_customers_check(struct ui *ui)
{
	if (ui->customers && refresh(ui) > 0)
		ui_reload(ui);
}

const struct customer *ui_customer(const struct ui *ui, const char *ip)
{
	return customers_lookup(ui->customers, ip);
}

const char *ui_selected_customer(struct ui *ui)
{
	struct screen *sc = ui->top;
	const char *ip = screen_is_pager(sc)	      ? pager_ip(sc)
			 : sc->ctx == UI_CTX_MESSAGES ? messages_group_ip(sc)
						      : NULL;
	const struct customer *k = ip ? ui_customer(ui, ip) : NULL;

	return k ? k->name : NULL;
}
