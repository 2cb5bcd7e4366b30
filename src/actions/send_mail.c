/* send_mail.c: the flush handler of "mail" rows — a reply, a notice to a
 * customer, an unsubscribe mail. Its steps are recorded, so a run that a
 * crash cut off loses no mail and files it in Sent once: "" (to send),
 * "sent" (to file in Sent with \Seen), "filed" (to mark the report
 * answered), then done. After a crash the row is first looked for in the
 * Sent mailbox by its Message-ID; found, it is done but for the mark.
 * The one window SMTP leaves open: a crash after the server accepted the
 * DATA and before "sent" is recorded sends the same bytes (the same
 * Message-ID) once more, as nothing can ask the server what it took. */
#include "actions/smtp_secret.h"
#include "actions_priv.h"
#include "core/config.h"
#include "core/password.h"
#include "core/xalloc.h"
#include "mail/imap.h"
#include "mail/imap_write.h"
#include "mail/sendmail.h"
#include "mail/smtp.h"

#include <stdlib.h>
#include <string.h>

#define STEP_SENT "sent"
#define STEP_FILED "filed"

struct mail_job {
	const char *message_id;
	struct smtp_envelope env;
	int64_t answered;
};

/* The payload's fields, pointing into it. -1: it makes no sense. */
static int job_read(json_t *p, struct mail_job *j, struct err *e)
{
	json_t *rcpt = json_object_get(p, "rcpt"), *x;
	json_t *raw = json_object_get(p, "raw");
	const char **v;
	size_t i;

	memset(j, 0, sizeof *j);
	j->message_id = json_string_value(json_object_get(p, "message_id"));
	j->env.from = json_string_value(json_object_get(p, "from"));
	j->answered = json_integer_value(json_object_get(p, "answered"));
	if (!j->message_id || !j->env.from || !json_is_string(raw) ||
	    !json_is_array(rcpt) || !json_array_size(rcpt))
		return err_set(e, "a mail row needs message_id, from, rcpt "
				  "and raw");
	v = xcalloc(json_array_size(rcpt), sizeof *v);
	json_array_foreach(rcpt, i, x)
	{
		if (!json_is_string(x)) {
			free(v);
			return err_set(e, "a mail row's rcpt holds a "
					  "non-address");
		}
		v[i] = json_string_value(x);
	}
	j->env.rcpt = v;
	j->env.n_rcpt = json_array_size(rcpt);
	j->env.raw = json_string_value(raw);
	j->env.len = json_string_length(raw);
	return 0;
}

static const enum smtp_tls smtp_tls_of[] = {
    [CONFIG_TLS_IMPLICIT] = SMTP_TLS_IMPLICIT,
    [CONFIG_TLS_STARTTLS] = SMTP_TLS_STARTTLS,
    [CONFIG_TLS_NONE] = SMTP_TLS_NONE,
};

/* The environment's or password_command's password, else the one the
 * user typed (the flush itself runs where nobody can be asked). */
static char *smtp_password(const struct flush_ctx *c, struct err *e)
{
	const struct config *k = c->cfg;
	char *pw = NULL;

	if (smtp_secret_needed(k)) {
		pw = c->secret ? smtp_secret_get(c->secret) : NULL;
		if (!pw)
			err_set(e,
				"smtp: no password for %s: set "
				"password_command in [smtp] or %s, or type "
				"it when asked (the screen, or a command run "
				"in a terminal)",
				k->smtp.user, CONFIG_SMTP_PASSWORD_ENV);
		return pw;
	}
	if (password_get(k->smtp.password_command, CONFIG_SMTP_PASSWORD_ENV,
			 false, NULL, &pw, e) < 0) {
		err_prefix(e, "smtp");
		return NULL;
	}
	return pw;
}

static int send_smtp(const struct flush_ctx *c, const struct mail_job *j,
		     struct err *e)
{
	const struct config *k = c->cfg;
	struct smtp_params p = {.host = k->smtp.host,
				.port = (unsigned)k->smtp.port,
				.tls = smtp_tls_of[k->smtp.tls],
				.user = k->smtp.user,
				.ca_file = k->smtp.ca_file,
				.fingerprint = k->smtp.tls_fingerprint,
				.timeout = (unsigned)k->smtp.timeout};
	char *pw = NULL;
	int rc;

	if (p.user && *p.user && !(pw = smtp_password(c, e)))
		return -1;
	p.password = pw;
	rc = smtp_send(&p, &j->env, e);
	/* The one typed is forgotten, so that the next send asks again. */
	if (rc == SMTP_LOGIN_REFUSED && smtp_secret_needed(k) && c->secret) {
		smtp_secret_refused(c->secret, pw);
		err_prefix(e, "the password typed is forgotten, the next "
			      "send asks again");
	}
	password_free(pw);
	return rc < 0 ? -1 : 0;
}

static enum flush_result deliver(const struct flush_ctx *c,
				 const struct mail_job *j, struct err *e)
{
	const struct config *k = c->cfg;
	int rc = k->smtp.sendmail ? sendmail_send(k->smtp.sendmail, &j->env, e)
				  : send_smtp(c, j, e);

	return rc < 0 ? FLUSH_RETRY : FLUSH_DONE;
}

/* Whether an earlier, interrupted run already sent it: its copy is in
 * Sent. 1 yes, 0 no, -1 cannot tell now. */
static int already_sent(const struct flush_ctx *c, const struct mail_job *j,
			struct err *e)
{
	if (!c->cfg->imap.host)
		return 0;
	if (!c->im)
		return err_set(e, "waiting for the IMAP link to see whether "
				  "an interrupted send went out");
	int found = imap_has_message_id(c->im, c->cfg->imap.sent_mailbox,
					j->message_id, e);

	/* The server said NO with the link up: no such mailbox, so no
	 * copy either. A lost link is asked again later. */
	return found < 0 && imap_alive(c->im) ? 0 : found;
}

static enum flush_result file_copy(const struct flush_ctx *c,
				   const struct mail_job *j, struct err *e)
{
	static const char *const seen[] = {"\\Seen"};
	struct imap_flags f = {seen, 1};

	if (!c->cfg->imap.host)
		return FLUSH_DONE;
	if (!c->im) {
		err_set(e, "sent; waiting for the IMAP link to file it in %s",
			c->cfg->imap.sent_mailbox);
		return FLUSH_RETRY;
	}
	return imap_append(c->im, c->cfg->imap.sent_mailbox, j->env.raw,
			   j->env.len, &f, NULL, e) < 0
		   ? FLUSH_RETRY
		   : FLUSH_DONE;
}

static enum flush_result mark_answered(const struct flush_ctx *c,
				       const struct mail_job *j, struct err *e)
{
	static const char *const answered[] = {"\\Answered"};
	struct imap_flags f = {answered, 1};
	struct store_message_place *pl = NULL;
	size_t n = 0;
	char ids[32];
	int rc = 0;

	if (j->answered <= 0 || !c->cfg->imap.host)
		return FLUSH_DONE;
	if (!c->im) {
		err_set(e, "sent and filed; waiting for the IMAP link to mark "
			   "the report answered");
		return FLUSH_RETRY;
	}
	snprintf(ids, sizeof ids, "[%lld]", (long long)j->answered);
	if (store_message_places(c->s, ids, &pl, &n, e) < 0)
		return FLUSH_RETRY;
	/* A local import has no place on the server: nothing to mark. */
	if (n)
		rc = imap_uid_flags(c->im, pl[0].mailbox, pl[0].uidvalidity,
				    &pl[0].uid, 1, &f, true, e);
	store_message_places_free(pl, n);
	return rc < 0 ? FLUSH_RETRY : FLUSH_DONE;
}

/* Runs the steps from where the row is; each done one is recorded. A
 * row a crash interrupted is first looked for in Sent, whichever step it
 * was at: a copy there means it went out, and that it is filed. */
static enum flush_result run_steps(const struct flush_ctx *c,
				   const struct flush_row *r,
				   const struct mail_job *j, struct err *e)
{
	const char *step = r->step ? r->step : MAIL_STEP_UNSENT;
	enum flush_result rc = FLUSH_DONE;
	int filed = 0;

	if (r->interrupted && strcmp(step, STEP_FILED) != 0 &&
	    (filed = already_sent(c, j, e)) < 0)
		return FLUSH_RETRY;
	if (filed)
		step = STEP_FILED;
	if (strcmp(step, MAIL_STEP_UNSENT) == 0) {
		if ((rc = deliver(c, j, e)) != FLUSH_DONE)
			return rc;
		if (store_outbox_step(c->s, r->id, STEP_SENT, e) < 0)
			return FLUSH_RETRY;
		step = STEP_SENT;
	}
	if (strcmp(step, STEP_SENT) == 0) {
		if ((rc = file_copy(c, j, e)) != FLUSH_DONE)
			return rc;
	}
	if (strcmp(r->step ? r->step : "", STEP_FILED) != 0 &&
	    store_outbox_step(c->s, r->id, STEP_FILED, e) < 0)
		return FLUSH_RETRY;
	return mark_answered(c, j, e);
}

enum flush_result mail_send(const struct flush_ctx *c,
			    const struct flush_row *r, json_t *payload,
			    struct err *e)
{
	struct mail_job j;
	enum flush_result rc;

	if (job_read(payload, &j, e) < 0)
		return FLUSH_FAILED;
	rc = run_steps(c, r, &j, e);
	free((void *)j.env.rcpt);
	return rc;
}
