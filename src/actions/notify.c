/* notify.c: the customer notification — the template's Subject: and body
 * filled with the report's facts, the evidence lines after it, the
 * signature; sent like a reply, through the outbox. */
#include "actions/notify.h"
#include "actions/reply.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/xalloc.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The evidence lines, each indented: what the customer can check. */
static void put_evidence(struct buf *b, const struct report *r)
{
	if (!r->n_evidence)
		return;
	buf_puts(b, "\nThe evidence in the report:\n\n");
	for (size_t i = 0; i < r->n_evidence; i++) {
		const char *p = r->evidence[i];
		while (*p) {
			size_t n = strcspn(p, "\n");
			buf_puts(b, "  ");
			buf_append(b, p, n);
			buf_putc(b, '\n');
			p += n + (p[n] == '\n');
		}
	}
}

/* The template filled: its Subject: line (else one of ours) and its
 * body, the evidence and the signature. */
static void draft_of(const struct report *r, const char *tmpl,
		     const struct compose_fields *f, const char *sig,
		     struct compose_draft *d)
{
	char *filled = compose_fill(tmpl, f);
	struct buf b = BUF_INIT;

	compose_draft_parse(filled, d);
	free(filled);
	if (!*d->subject) {
		free(d->subject);
		d->subject =
		    xasprintf("Abuse report about your address %s", f->ip);
	}
	buf_puts(&b, d->body);
	put_evidence(&b, r);
	if (sig && *sig)
		buf_printf(&b, "\n-- \n%s", sig);
	free(d->body);
	d->body = buf_steal(&b);
}

static void fill(const struct report *r, const char *ip,
		 const struct customer *k, const char *tmpl, const char *sig,
		 struct compose_draft *d)
{
	char date[32] = "";
	struct tm tm;
	time_t t = (time_t)r->date;
	/* {reporter} only where the template writes it. */
	struct compose_fields f = {
	    .ip = ip,
	    .reporter = r->reporter,
	    .subject = r->subject,
	    .date = date,
	    .problem = r->problem ? r->problem : r->summary,
	    /* the reporter's own request only, never our advice in its
	       name */
	    .action = r->action ? r->action : "nothing in particular",
	    .case_id = r->case_ref,
	    .customer = k->name,
	};

	if (r->date && localtime_r(&t, &tm))
		strftime(date, sizeof date, "%Y-%m-%d", &tm);
	draft_of(r, tmpl, &f, sig, d);
	free(d->to);
	d->to = xstrdup(k->contact);
}

int notify_start(struct store *s, const struct config *cfg, int64_t message_id,
		 const char *ip, const struct customer *k,
		 const char *tmpl_name, struct reply *out, struct err *e)
{
	struct report *r = NULL;
	char *tmpl = NULL, *sig = NULL;
	int rc;

	memset(out, 0, sizeof *out);
	out->message_id = message_id;
	if (!cfg->identity.email)
		return err_set(e, "set email in [identity] to notify a "
				  "customer: mail goes out From that address");
	if (!*k->contact)
		return err_set(e,
			       "the customers file gives %s no contact "
			       "address (line %u)",
			       k->name, k->line);
	rc = store_report_get(s, message_id, &r, e);
	if (rc == 0)
		err_set(e, "no report with message id %lld",
			(long long)message_id);
	if (!tmpl_name)
		tmpl_name = NOTIFY_TEMPLATE;
	if (rc <= 0 || reply_template_load(tmpl_name, &tmpl, e) < 0) {
		report_free(r);
		return -1;
	}
	sig = reply_signature(cfg);
	out->template_name = xstrdup(tmpl_name);
	fill(r, ip, k, tmpl, sig, &out->draft);
	free(tmpl);
	free(sig);
	report_free(r);
	return 0;
}

int notify_queue(struct store *s, const struct config *cfg,
		 const struct reply *r, struct err *e)
{
	struct compose_msg m = {0};
	int rc = reply_build(cfg, r, &m, e);

	if (rc == 0)
		rc = reply_queue(s, &m, 0, "notify", NULL, e);
	compose_msg_clear(&m);
	return rc;
}
