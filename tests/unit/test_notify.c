/* test_notify.c: the customer notification — To the customer's contact,
 * the template's subject and fields, the evidence lines, no thread under
 * the report, nothing of the reporter unless the template names
 * {reporter}, and the errors when a contact or our address is missing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "actions/notify.h"
#include "core/config.h"
#include "core/xalloc.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define IP "192.0.2.7"

struct fx {
	char dir[64];
	char *path, *tmpl;
	struct store *s;
	struct config *cfg;
	int64_t id;
	struct customer k;
};

static void add_report(struct fx *f)
{
	struct report *r = report_new();
	struct err e = {{0}};
	const char *raw = "From: Jane Reporter <jane@reporter.example>\r\n"
			  "Subject: SSH attack\r\n\r\nbody\r\n";
	struct store_message_in m = {
	    .uid = 10, .internal_date = 1000, .raw = raw, .len = strlen(raw)};
	bool added;

	assert_int_equal(
	    store_mailbox_get_or_create(f->s, "INBOX", &m.mailbox_id, &e), 0);
	r->reporter = xstrdup("reporter.example");
	r->from_addr = xstrdup("Jane Reporter <jane@reporter.example>");
	r->subject = xstrdup("SSH attack");
	r->problem = xstrdup("The host 192.0.2.7 attacked our SSH server.");
	r->action = xstrdup("Please stop it.");
	report_add_evidence(r, "Mar 21 18:54:17 sshd: Failed password from "
			       "192.0.2.7");
	report_add_ip(r, IP, true);
	assert_int_equal(store_message_add(f->s, &m, r, &f->id, &added, &e), 0);
	report_free(r);
}

static void write_template(struct fx *f, const char *text)
{
	FILE *fp = fopen(f->tmpl, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	struct err e = {{0}};
	char *dir;

	snprintf(f->dir, sizeof f->dir, "/tmp/test_notify.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	dir = xasprintf("%s/abusedesk", f->dir);
	mkdir(dir, 0700);
	free(dir);
	dir = xasprintf("%s/abusedesk/templates", f->dir);
	mkdir(dir, 0700);
	free(dir);
	setenv("XDG_CONFIG_HOME", f->dir, 1);
	f->tmpl =
	    xasprintf("%s/abusedesk/templates/%s.txt", f->dir, NOTIFY_TEMPLATE);
	f->path = xasprintf("%s/cache.db", f->dir);
	f->s = store_open(f->path, &e);
	if (!f->s)
		return -1;
	add_report(f);
	f->cfg = config_new();
	f->cfg->identity.email = xstrdup("abuse@example.net");
	f->k = (struct customer){.name = "Dental Ltd",
				 .contact = "it@dental.example",
				 .id = "C-7",
				 .line = 3};
	*state = f;
	return 0;
}

static void remove_in(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);

	unlink(p);
	rmdir(p);
	free(p);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	static const char *const left[] = {
	    "abusedesk/templates/" NOTIFY_TEMPLATE ".txt",
	    "abusedesk/templates/customer-short.txt",
	    "abusedesk/templates",
	    "abusedesk",
	    "cache.db",
	    "cache.db-wal",
	    "cache.db-shm",
	    "cache.db-journal",
	    "cache.db.sealed"};

	store_close(f->s);
	config_free(f->cfg);
	for (size_t i = 0; i < sizeof left / sizeof left[0]; i++)
		remove_in(f->dir, left[i]);
	rmdir(f->dir);
	free(f->path);
	free(f->tmpl);
	free(f);
	return 0;
}

static void test_notify_goes_to_the_contact_without_the_reporter(void **state)
{
	struct fx *f = *state;
	struct reply r;
	struct err e = {{0}};

	write_template(f, "Subject: Your address {ip}\n\nHello {customer},\n"
			  "{problem}\nAsked: {action}\n");
	assert_int_equal(
	    notify_start(f->s, f->cfg, f->id, IP, &f->k, NULL, &r, &e), 0);
	assert_string_equal(r.draft.to, "it@dental.example");
	assert_string_equal(r.draft.subject, "Your address 192.0.2.7");
	assert_non_null(strstr(r.draft.body,
			       "Hello Dental Ltd,\nThe host "
			       "192.0.2.7 attacked our SSH "
			       "server.\nAsked: Please stop it."));
	assert_non_null(strstr(r.draft.body, "  Mar 21 18:54:17 sshd: Failed "
					     "password from 192.0.2.7"));
	assert_null(strstr(r.draft.body, "reporter.example"));
	assert_null(strstr(r.draft.body, "Jane"));
	assert_null(r.in_reply_to);
	assert_null(r.references);
	reply_clear(&r);
}

static void test_notify_names_the_reporter_when_the_template_asks(void **state)
{
	struct fx *f = *state;
	struct reply r;
	struct err e = {{0}};

	write_template(f, "Hello {customer}, {reporter} wrote to us.\n");
	assert_int_equal(
	    notify_start(f->s, f->cfg, f->id, IP, &f->k, NULL, &r, &e), 0);
	assert_non_null(strstr(r.draft.body, "reporter.example wrote to us."));
	/* a template without a Subject: line gets ours */
	assert_string_equal(r.draft.subject,
			    "Abuse report about your address 192.0.2.7");
	reply_clear(&r);
}

static void test_notify_needs_a_contact_and_our_address(void **state)
{
	struct fx *f = *state;
	struct reply r;
	struct err e = {{0}};
	struct customer none = f->k;

	write_template(f, "Hello {customer}\n");
	none.contact = "";
	assert_int_equal(
	    notify_start(f->s, f->cfg, f->id, IP, &none, NULL, &r, &e), -1);
	assert_non_null(strstr(e.msg, "no contact address (line 3)"));
	free(f->cfg->identity.email);
	f->cfg->identity.email = NULL;
	assert_int_equal(
	    notify_start(f->s, f->cfg, f->id, IP, &f->k, NULL, &r, &e), -1);
	assert_non_null(strstr(e.msg, "[identity]"));
}

static void test_notify_takes_another_template_by_name(void **state)
{
	struct fx *f = *state;
	struct reply r;
	struct err e = {{0}};
	char *path =
	    xasprintf("%s/abusedesk/templates/customer-short.txt", f->dir);
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs("Subject: {ip} again\n\nDear {customer}, see below.\n", fp);
	fclose(fp);
	free(path);
	assert_int_equal(notify_start(f->s, f->cfg, f->id, IP, &f->k,
				      "customer-short", &r, &e),
			 0);
	assert_string_equal(r.template_name, "customer-short");
	assert_string_equal(r.draft.to, "it@dental.example");
	assert_string_equal(r.draft.subject, "192.0.2.7 again");
	assert_non_null(strstr(r.draft.body, "Dear Dental Ltd, see below."));
	reply_clear(&r);
	assert_int_equal(
	    notify_start(f->s, f->cfg, f->id, IP, &f->k, "nosuch", &r, &e), -1);
	assert_non_null(strstr(e.msg, "no template nosuch"));
	assert_null(r.template_name);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	    T(test_notify_goes_to_the_contact_without_the_reporter),
	    T(test_notify_names_the_reporter_when_the_template_asks),
	    T(test_notify_needs_a_contact_and_our_address),
	    T(test_notify_takes_another_template_by_name),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
