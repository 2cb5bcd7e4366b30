/* unsubscribe.c: the choice of method, the mailto parser, the questions
 * and their rule, and the one transaction that queues an attempt. The
 * sending is the outbox's (unsub_post.c for "post" rows). */
#include "actions/unsubscribe.h"
#include "actions/compose.h"
#include "actions_priv.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/xalloc.h"
#include "store/reporter_noise.h"
#include "store/unsubscribe.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define UNSUB_DEFAULT_WORD "unsubscribe"

void unsub_plan_free(struct unsub_plan *p)
{
	if (!p)
		return;
	free(p->target);
	free(p->url);
	free(p->to);
	free(p->subject);
	free(p->body);
	memset(p, 0, sizeof *p);
}

/* ---- mailto ---- */

static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* s[0, n) with %XX decoded (a stray % stays as written). */
static char *percent_decode(const char *s, size_t n)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		int hi = -1, lo = -1;
		if (s[i] == '%' && i + 2 < n) {
			hi = hex((unsigned char)s[i + 1]);
			lo = hi >= 0 ? hex((unsigned char)s[i + 2]) : -1;
		}
		if (hi >= 0 && lo >= 0) {
			buf_putc(&b, (char)(hi * 16 + lo));
			i += 2;
		} else {
			buf_putc(&b, s[i]);
		}
	}
	return buf_steal(&b);
}

static void add_to(struct unsub_plan *p, const char *s, size_t n)
{
	char *a = percent_decode(s, n);

	if (*a) {
		char *to = p->to ? xasprintf("%s, %s", p->to, a) : xstrdup(a);
		free(p->to);
		p->to = to;
	}
	free(a);
}

/* One "name=value" of the query: to, subject and body are taken. */
static void hfield(struct unsub_plan *p, const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n);
	size_t k = eq ? (size_t)(eq - s) : n;
	const char *v = eq ? eq + 1 : s + n;
	size_t vn = (size_t)(s + n - v);

	if (k == 2 && strncasecmp(s, "to", 2) == 0) {
		add_to(p, v, vn);
	} else if (k == 7 && strncasecmp(s, "subject", 7) == 0 && !p->subject) {
		p->subject = percent_decode(v, vn);
	} else if (k == 4 && strncasecmp(s, "body", 4) == 0 && !p->body) {
		p->body = percent_decode(v, vn);
	}
}

int unsub_mailto_parse(const char *uri, struct unsub_plan *p, struct err *e)
{
	const char *s = uri, *q;

	if (strncasecmp(s, "mailto:", 7) != 0)
		return err_set(e, "not a mailto: address");
	s += 7;
	q = strchr(s, '?');
	add_to(p, s, q ? (size_t)(q - s) : strlen(s));
	while (q && *q) {
		const char *f = q + 1, *amp = strchr(f, '&');
		size_t n = amp ? (size_t)(amp - f) : strlen(f);
		hfield(p, f, n);
		q = amp;
	}
	if (!p->to)
		return err_set(e, "the mailto: names no address");
	if (!p->subject)
		p->subject = xstrdup(UNSUB_DEFAULT_WORD);
	if (!p->body)
		p->body = xstrdup(UNSUB_DEFAULT_WORD);
	return 0;
}

/* ---- the choice ---- */

static bool is_https(const char *url)
{
	return strncasecmp(url, "https://", 8) == 0;
}

static bool is_web(const char *url)
{
	return is_https(url) || strncasecmp(url, "http://", 7) == 0;
}

static void choose_web(const struct report *r, struct unsub_plan *p)
{
	if (!r->unsub_one_click || !is_web(r->unsub_target)) {
		snprintf(p->why, sizeof p->why,
			 "the reporter offers only a web page to unsubscribe "
			 "(no one-click request): open it yourself");
		return;
	}
	p->how = UNSUB_POST;
	p->url = xstrdup(r->unsub_target);
	p->target = xstrdup(r->unsub_target);
	p->plain_http = !is_https(r->unsub_target);
}

static void choose_mailto(const struct report *r, struct unsub_plan *p)
{
	struct err e = {{0}};

	if (unsub_mailto_parse(r->unsub_target, p, &e) < 0) {
		unsub_plan_free(p);
		snprintf(p->why, sizeof p->why, "List-Unsubscribe: %s", e.msg);
		return;
	}
	p->how = UNSUB_MAILTO;
	p->target = xstrdup(r->unsub_target);
}

/* The reply goes to the address the instruction names, else where a
 * reply to the report would go. */
static void choose_reply(const struct report *r, struct unsub_plan *p)
{
	const char *to = r->unsub_address ? r->unsub_address
			 : r->reply_to	  ? r->reply_to
					  : r->from_addr;

	if (!to || !*to) {
		snprintf(p->why, sizeof p->why,
			 "the report asks for a reply but has no address");
		return;
	}
	p->how = UNSUB_REPLY;
	p->to = xstrdup(to);
	p->target = xstrdup(to);
	p->subject = xstrdup(r->unsub_target);
	p->body = xstrdup(r->unsub_target);
}

void unsub_choose(const struct report *r, struct unsub_plan *p)
{
	memset(p, 0, sizeof *p);
	if (r->unsub_method == REPORT_UNSUB_NONE || !r->unsub_target ||
	    !*r->unsub_target) {
		snprintf(p->why, sizeof p->why,
			 "this report offers no way to unsubscribe (no "
			 "List-Unsubscribe, no instruction in its text)");
		return;
	}
	switch (r->unsub_method) {
	case REPORT_UNSUB_HTTPS:
		choose_web(r, p);
		break;
	case REPORT_UNSUB_MAILTO:
		choose_mailto(r, p);
		break;
	case REPORT_UNSUB_REPLY:
		choose_reply(r, p);
		break;
	case REPORT_UNSUB_NONE:
		break;
	}
}

/* ---- the questions ---- */

char *unsub_question(const struct unsub_plan *p)
{
	switch (p->how) {
	case UNSUB_POST:
		return xasprintf("Unsubscribe by one-click POST to %s?",
				 p->url);
	case UNSUB_MAILTO:
		return xasprintf("Unsubscribe by mail to %s (subject \"%s\")?",
				 p->to, p->subject);
	case UNSUB_REPLY:
		return xasprintf(
		    "Unsubscribe by a reply to %s with subject \"%s\"?", p->to,
		    p->subject);
	case UNSUB_NONE:
		break;
	}
	return xstrdup(p->why);
}

char *unsub_http_question(const struct unsub_plan *p)
{
	if (p->how != UNSUB_POST || !p->plain_http)
		return NULL;
	return xstrdup("That address is plain http: anyone on the way can "
		       "read and change the request. Send it all the same?");
}

bool unsub_may_go(const struct unsub_plan *p, bool yes, bool yes_to_http)
{
	if (p->how == UNSUB_NONE || !yes)
		return false;
	return !(p->how == UNSUB_POST && p->plain_http) || yes_to_http;
}

void unsub_still_sending(const struct store_unsub_status *st, char *out,
			 size_t n)
{
	time_t t = (time_t)st->created_at;
	struct tm tm;
	char day[16] = "?";

	if (localtime_r(&t, &tm))
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
	snprintf(out, n, "still sending: %lld since unsubscribe on %s",
		 (long long)st->since, day);
}

/* ---- the queue ---- */

static const char *method_name(enum unsub_how how)
{
	return how == UNSUB_POST     ? STORE_UNSUB_POST
	       : how == UNSUB_MAILTO ? STORE_UNSUB_MAILTO
				     : STORE_UNSUB_REPLY;
}

/* The "mail" row's payload: the message as the mail sender takes it. */
static char *mail_payload(const struct config *cfg, const struct unsub_plan *p,
			  struct err *e)
{
	struct compose_in in = {0};
	struct compose_msg m;
	char *payload;

	if (!cfg || !cfg->identity.email) {
		err_set(e, "set [identity] email to unsubscribe by mail");
		return NULL;
	}
	in.from_name = cfg->identity.name;
	in.from_email = cfg->identity.email;
	in.to = p->to;
	in.subject = p->subject;
	in.body = p->body;
	if (compose_message(&in, &m, e) < 0)
		return NULL;
	payload = compose_payload(&m, 0, "unsubscribe");
	compose_msg_clear(&m);
	return payload;
}

/* The "post" row's payload; NULL when the URL is not valid text. */
static char *post_payload(const struct unsub_plan *p, int64_t attempt_id,
			  struct err *e)
{
	json_t *o =
	    json_pack("{s:s, s:s, s:I}", "url", p->url, "body",
		      UNSUB_ONE_CLICK_BODY, "attempt", (json_int_t)attempt_id);
	char *text;

	if (!o) {
		err_set(e, "the unsubscribe address is not valid UTF-8 text");
		return NULL;
	}
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return text;
}

/* Inside the transaction: the attempt, its row, the noise mark. */
static int queue_rows(struct store *s, int64_t message_id,
		      const struct unsub_plan *p, const char *mail, int64_t now,
		      int64_t *attempt_id, struct err *e)
{
	char *payload, *domain = NULL;
	int64_t outbox_id;
	int rc = store_unsub_attempt_add(s, message_id, method_name(p->how),
					 p->target, now, attempt_id, e);

	if (rc == 0)
		err_set(e, "this report names no reporter");
	if (rc <= 0)
		return rc;
	payload = mail ? xstrdup(mail) : post_payload(p, *attempt_id, e);
	if (!payload)
		return -1;
	rc = store_unsub_attempt_queue(s, *attempt_id,
				       mail ? OUTBOX_MAIL : OUTBOX_POST,
				       message_id, payload, &outbox_id, e);
	free(payload);
	if (rc == 0)
		rc = store_report_reporter(s, message_id, &domain, e);
	if (rc > 0)
		rc = store_reporter_noise_set(s, domain, STORE_NOISE_MARKED, e);
	free(domain);
	return rc < 0 ? -1 : 1;
}

int unsub_queue(struct store *s, const struct config *cfg, int64_t message_id,
		const struct unsub_plan *p, int64_t now, int64_t *attempt_id,
		struct err *e)
{
	char *mail = NULL;
	int rc;

	*attempt_id = 0;
	if (p->how == UNSUB_NONE)
		return err_set(e, "%s", p->why);
	if (p->how != UNSUB_POST && !(mail = mail_payload(cfg, p, e)))
		return -1;
	if (store_begin(s, e) < 0) {
		free(mail);
		return -1;
	}
	rc = queue_rows(s, message_id, p, mail, now, attempt_id, e);
	free(mail);
	if (rc > 0 && store_commit(s, e) < 0)
		rc = -1;
	if (rc <= 0)
		store_rollback(s);
	return rc;
}
