/* reply.c: a reply to a stored report — which template, the fields it
 * fills from the report, the thread headers from the stored message, the
 * signature — and the "mail" outbox row it becomes. */
#include "actions/reply.h"
#include "actions/noreply.h"
#include "actions_priv.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/paths.h"
#include "core/xalloc.h"
#include "store/store.h"

#include <dirent.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What a report is, for the choice of its template. */
enum reply_case { CASE_NOT_OURS, CASE_VICTIM, CASE_COPYRIGHT, CASE_OTHER };

/* The template each case calls for. */
static const struct {
	enum reply_case c;
	const char *tmpl;
} by_case[] = {
    {CASE_NOT_OURS, "not-our-address"},
    {CASE_VICTIM, "victim-notified"},
    {CASE_COPYRIGHT, "copyright-forwarded-to-customer"},
    {CASE_OTHER, "acknowledged-and-customer-notified"},
};

/* The address of ours the report is about: the first in scope. */
static const struct report_ip *our_ip(const struct report *r)
{
	for (size_t i = 0; i < r->n_ips; i++)
		if (r->ips[i].in_scope)
			return &r->ips[i];
	return NULL;
}

static enum reply_case case_of(const struct report *r)
{
	const struct report_ip *ip = our_ip(r);

	if (!ip)
		return CASE_NOT_OURS;
	if (ip->role == REPORT_IP_VICTIM)
		return CASE_VICTIM;
	if (r->category && strcmp(r->category, "copyright") == 0)
		return CASE_COPYRIGHT;
	return CASE_OTHER;
}

static const char *template_of(enum reply_case c)
{
	for (size_t i = 0; i < sizeof by_case / sizeof *by_case; i++)
		if (by_case[i].c == c)
			return by_case[i].tmpl;
	return by_case[sizeof by_case / sizeof *by_case - 1].tmpl;
}

const char *reply_template_for(struct store *s, int64_t message_id)
{
	struct report *r = NULL;
	enum reply_case c = CASE_OTHER;

	if (store_report_get(s, message_id, &r, NULL) == 1)
		c = case_of(r);
	report_free(r);
	return template_of(c);
}

/* ---- template files ---- */

static bool name_ok(const char *name)
{
	return name && *name && !strchr(name, '/') && name[0] != '.';
}

/* Reads a small text file whole (its first max bytes); NULL when it
 * cannot. */
static char *read_text(const char *path, size_t max)
{
	struct buf b = BUF_INIT;

	if (buf_read_file(&b, path, max) < 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

enum { TEMPLATE_MAX = 64 * 1024, SIGNATURE_MAX = 16 * 1024 };

char *reply_signature(const struct config *cfg)
{
	return cfg->identity.signature_file
		   ? read_text(cfg->identity.signature_file, SIGNATURE_MAX)
		   : NULL;
}

int reply_template_load(const char *name, char **text, struct err *e)
{
	char *file, *path;

	*text = NULL;
	if (!name_ok(name))
		return err_set(e, "not a template name: %s", name ? name : "");
	file = xasprintf("%s.txt", name);
	path = paths_user_file("templates", file);
	*text = path ? read_text(path, TEMPLATE_MAX) : NULL;
	free(path);
	if (!*text) {
		path = paths_bundled("templates", file);
		*text = path ? read_text(path, TEMPLATE_MAX) : NULL;
		free(path);
	}
	free(file);
	if (!*text)
		return err_set(e,
			       "no template %s (templates/%s.txt in the "
			       "config folder or the installed data)",
			       name, name);
	return 0;
}

static void names_add_dir(const char *dir, char ***v, size_t *n)
{
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *de;

	while (d && (de = readdir(d))) {
		size_t len = strlen(de->d_name);
		bool dup = false;

		if (len < 5 || strcmp(de->d_name + len - 4, ".txt") != 0 ||
		    de->d_name[0] == '.')
			continue;
		for (size_t i = 0; i < *n; i++)
			dup =
			    dup || (strlen((*v)[i]) == len - 4 &&
				    strncmp((*v)[i], de->d_name, len - 4) == 0);
		if (dup)
			continue;
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		(*v)[(*n)++] = xstrndup(de->d_name, len - 4);
	}
	if (d)
		closedir(d);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **reply_template_names(size_t *n)
{
	char *user = paths_user_file("templates", "");
	char *one = paths_bundled("templates", "resolved.txt");
	char **v = NULL;

	*n = 0;
	names_add_dir(user, &v, n);
	names_add_dir(one ? dirname(one) : NULL, &v, n);
	free(user);
	free(one);
	if (*n)
		qsort(v, *n, sizeof *v, name_cmp);
	return v;
}

void reply_template_names_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* ---- the draft ---- */

static char *bracketed(const char *id)
{
	return id && *id ? xasprintf("<%s>", id) : NULL;
}

static void thread_headers(struct store *s, const struct report *r,
			   struct reply *out)
{
	char *refs = NULL;

	out->in_reply_to = bracketed(r->message_id);
	store_message_header(s, out->message_id, "References", &refs, NULL);
	if (refs && out->in_reply_to)
		out->references = xasprintf("%s %s", refs, out->in_reply_to);
	else if (out->in_reply_to)
		out->references = xstrdup(out->in_reply_to);
	free(refs);
}

static char *warning_of(struct store *s, const struct report *r,
			int64_t message_id)
{
	char *text = NULL, buf[200];
	struct noreply_facts f = {r->auto_submitted, r->from_addr, r->reply_to,
				  NULL};
	const char *why;

	if (store_message_text(s, message_id, &text, NULL) >= 0)
		f.text = text;
	why = noreply_reason(&f, buf, sizeof buf);
	free(text);
	return why ? xstrdup(why) : NULL;
}

static int draft_of(const struct report *r, const char *tmpl_text,
		    const char *customer, const char *signature,
		    struct compose_draft *d, struct err *e)
{
	const struct report_ip *ip = our_ip(r);
	char date[32] = "";
	struct tm tm;
	time_t t = (time_t)r->date;
	struct compose_fields f = {
	    .ip = ip	     ? ip->text
		  : r->n_ips ? r->ips[0].text
			     : NULL,
	    .reporter = r->reporter ? r->reporter : r->from_addr,
	    .subject = r->subject,
	    .date = date,
	    .problem = r->problem,
	    .action = r->action,
	    .case_id = r->case_ref,
	    .customer = customer,
	};
	struct compose_report cr = {r->from_addr,
				    r->reply_to,
				    r->subject,
				    f.reporter,
				    r->problem,
				    r->action,
				    (const char *const *)r->evidence,
				    r->n_evidence};

	if (r->date && localtime_r(&t, &tm))
		strftime(date, sizeof date, "%Y-%m-%d", &tm);
	return compose_reply_draft(&cr, tmpl_text, &f, signature, d, e);
}

static int load_report(struct store *s, int64_t id, struct report **r,
		       struct err *e)
{
	int rc = store_report_get(s, id, r, e);

	if (rc == 0)
		return err_set(e, "no report with message id %lld",
			       (long long)id);
	return rc < 0 ? -1 : 0;
}

int reply_start(struct store *s, const struct config *cfg, int64_t message_id,
		const char *tmpl, const char *customer, struct reply *out,
		struct err *e)
{
	struct report *r = NULL;
	char *text = NULL, *sig = NULL;
	int rc = -1;

	memset(out, 0, sizeof *out);
	out->message_id = message_id;
	if (!cfg->identity.email)
		return err_set(e, "set email in [identity] to reply: replies "
				  "go out From that address");
	if (load_report(s, message_id, &r, e) < 0)
		return -1;
	out->template_name = xstrdup(tmpl ? tmpl : template_of(case_of(r)));
	if (reply_template_load(out->template_name, &text, e) < 0)
		goto done;
	sig = reply_signature(cfg);
	if (draft_of(r, text, customer, sig, &out->draft, e) < 0)
		goto done;
	thread_headers(s, r, out);
	out->warning = warning_of(s, r, message_id);
	rc = 0;
done:
	free(text);
	free(sig);
	report_free(r);
	if (rc < 0)
		reply_clear(out);
	return rc;
}

int reply_build(const struct config *cfg, const struct reply *r,
		struct compose_msg *out, struct err *e)
{
	struct compose_in in = {
	    .from_name = cfg->identity.name,
	    .from_email = cfg->identity.email,
	    .organization = cfg->identity.organization,
	    .to = r->draft.to,
	    .cc = r->draft.cc,
	    .bcc = cfg->identity.bcc,
	    .subject = r->draft.subject,
	    .body = r->draft.body,
	    .in_reply_to = r->in_reply_to,
	    .references = r->references,
	};

	return compose_message(&in, out, e);
}

int reply_queue(struct store *s, const struct compose_msg *m, int64_t answered,
		const char *purpose, int64_t *row, struct err *e)
{
	char *payload = compose_payload(m, answered, purpose);
	int64_t id = 0;
	int rc = store_outbox_put(s, OUTBOX_MAIL, answered, payload, &id, e);

	free(payload);
	if (row)
		*row = id;
	return rc;
}

void reply_clear(struct reply *r)
{
	if (!r)
		return;
	free(r->template_name);
	compose_draft_clear(&r->draft);
	free(r->in_reply_to);
	free(r->references);
	free(r->warning);
	memset(r, 0, sizeof *r);
}
