/* report.c: the report record — allocation, names of its enums, appenders. */
#include "analysis/report.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>

static const char *const format_names[] = {
    [REPORT_FORMAT_UNKNOWN] = "unknown",
    [REPORT_FORMAT_ARF] = "arf",
    [REPORT_FORMAT_XARF] = "xarf",
    [REPORT_FORMAT_ACNS] = "acns",
    [REPORT_FORMAT_SHADOWSERVER] = "shadowserver",
    [REPORT_FORMAT_SPAMCOP] = "spamcop",
    [REPORT_FORMAT_FAIL2BAN] = "fail2ban",
    [REPORT_FORMAT_FORWARDED] = "forwarded",
    [REPORT_FORMAT_PLAIN] = "plain",
};

static const char *const unsub_names[] = {
    [REPORT_UNSUB_NONE] = "none",
    [REPORT_UNSUB_HTTPS] = "https",
    [REPORT_UNSUB_MAILTO] = "mailto",
    [REPORT_UNSUB_REPLY] = "reply",
};

static const char *const analysis_names[] = {
    [REPORT_ANALYSIS_FULL] = "full",
    [REPORT_ANALYSIS_PARTIAL] = "partial",
    [REPORT_ANALYSIS_NONE] = "none",
};

static const char *const auth_result_names[] = {
    [REPORT_AUTH_ABSENT] = "",
    [REPORT_AUTH_PASS] = "pass",
    [REPORT_AUTH_NONE] = "none",
    [REPORT_AUTH_NEUTRAL] = "neutral",
    [REPORT_AUTH_POLICY] = "policy",
    [REPORT_AUTH_TEMPERROR] = "temperror",
    [REPORT_AUTH_PERMERROR] = "permerror",
    [REPORT_AUTH_SOFTFAIL] = "softfail",
    [REPORT_AUTH_FAIL] = "fail",
};

static const char *const auth_verdict_names[] = {
    [REPORT_AUTH_UNKNOWN] = "unknown",
    [REPORT_AUTH_VERIFIED] = "verified",
    [REPORT_AUTH_NOT_VERIFIED] = "not verified",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Each table of names starts with the enum's default (value 0), which
 * stands for a value or a name the table does not know. */
static const char *name_at(const char *const *names, size_t n, size_t i)
{
	return i < n ? names[i] : names[0];
}

static size_t index_of(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return 0;
}

struct report *report_new(void)
{
	return xcalloc(1, sizeof(struct report));
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void report_free(struct report *r)
{
	if (!r)
		return;
	free(r->message_id);
	free(r->from_addr);
	free(r->from_name);
	free(r->reply_to);
	free(r->subject);
	free(r->reporter);
	free(r->original_reporter);
	free(r->category);
	free(r->type);
	free(r->problem);
	free(r->action);
	free(r->case_ref);
	free(r->ips);
	free_strings(r->evidence, r->n_evidence);
	free_strings(r->noise_signals, r->n_noise_signals);
	free(r->unsub_target);
	free(r->unsub_address);
	free(r->bulk);
	for (size_t i = 0; i < r->n_attachments; i++) {
		free(r->attachments[i].name);
		free(r->attachments[i].type);
	}
	free(r->attachments);
	free(r->summary);
	free(r->advice);
	free(r->analysis_note);
	free(r->text);
	free(r);
}

const char *report_format_name(enum report_format f)
{
	return name_at(format_names, COUNT(format_names), (size_t)f);
}

enum report_format report_format_from_name(const char *name)
{
	return (enum report_format)index_of(format_names, COUNT(format_names),
					    name);
}

const char *report_unsub_name(enum report_unsub u)
{
	return name_at(unsub_names, COUNT(unsub_names), (size_t)u);
}

enum report_unsub report_unsub_from_name(const char *name)
{
	return (enum report_unsub)index_of(unsub_names, COUNT(unsub_names),
					   name);
}

const char *report_auth_result_name(enum report_auth_result a)
{
	return name_at(auth_result_names, COUNT(auth_result_names), (size_t)a);
}

enum report_auth_result report_auth_result_from_name(const char *name)
{
	return (enum report_auth_result)index_of(
	    auth_result_names, COUNT(auth_result_names), name);
}

const char *report_auth_verdict_name(enum report_auth_verdict v)
{
	return name_at(auth_verdict_names, COUNT(auth_verdict_names),
		       (size_t)v);
}

enum report_auth_verdict report_auth_verdict_from_name(const char *name)
{
	return (enum report_auth_verdict)index_of(
	    auth_verdict_names, COUNT(auth_verdict_names), name);
}

static const char *const role_names[] = {
    [REPORT_IP_OFFENDER] = "offender",
    [REPORT_IP_VICTIM] = "victim",
    [REPORT_IP_MENTIONED] = "mentioned",
};

const char *report_ip_role_name(enum report_ip_role role)
{
	return name_at(role_names, COUNT(role_names), (size_t)role);
}

enum report_ip_role report_ip_role_from_name(const char *name)
{
	return (enum report_ip_role)index_of(role_names, COUNT(role_names),
					     name);
}

void report_add_ip_role(struct report *r, const char *canonical, bool in_scope,
			enum report_ip_role role)
{
	struct report_ip *ip;

	r->ips = xreallocarray(r->ips, r->n_ips + 1, sizeof *r->ips);
	ip = &r->ips[r->n_ips++];
	memset(ip, 0, sizeof *ip);
	strncpy(ip->text, canonical, sizeof ip->text - 1);
	ip->in_scope = in_scope;
	ip->role = role;
}

void report_add_ip(struct report *r, const char *canonical, bool in_scope)
{
	report_add_ip_role(r, canonical, in_scope, REPORT_IP_OFFENDER);
}

static void push_string(char ***v, size_t *n, const char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

void report_add_evidence(struct report *r, const char *line)
{
	push_string(&r->evidence, &r->n_evidence, line);
}

void report_add_noise_signal(struct report *r, const char *signal)
{
	push_string(&r->noise_signals, &r->n_noise_signals, signal);
}

bool report_has_noise_signal(const struct report *r, const char *signal)
{
	for (size_t i = 0; i < r->n_noise_signals; i++)
		if (strcmp(r->noise_signals[i], signal) == 0)
			return true;
	return false;
}

void report_add_attachment(struct report *r, const char *name, const char *type,
			   size_t size)
{
	struct report_attachment *a;

	r->attachments = xreallocarray(r->attachments, r->n_attachments + 1,
				       sizeof *r->attachments);
	a = &r->attachments[r->n_attachments++];
	a->name = name ? xstrdup(name) : NULL;
	a->type = xstrdup(type ? type : "application/octet-stream");
	a->size = size;
}

const char *report_analysis_name(enum report_analysis a)
{
	return name_at(analysis_names, COUNT(analysis_names), (size_t)a);
}

enum report_analysis report_analysis_from_name(const char *name)
{
	return (enum report_analysis)index_of(analysis_names,
					      COUNT(analysis_names), name);
}

void report_set_analysis(struct report *r, enum report_analysis a,
			 const char *why)
{
	if (a > r->analysis)
		r->analysis = a;
	if (why && !r->analysis_note)
		r->analysis_note = xstrdup(why);
}
