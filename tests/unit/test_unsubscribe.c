/* test_unsubscribe.c: the choice of unsubscribe method (one-click POST,
 * then mailto, then the body's reply instruction), the mailto parser, the
 * rule that plain http needs a second yes, and the one transaction that
 * records an attempt, queues its outbox row and marks the reporter as
 * noise, with the "still sending" count that follows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "actions/unsubscribe.h"
#include "core/config.h"
#include "core/xalloc.h"
#include "store/reporter_noise.h"
#include "store/store.h"
#include "store/unsubscribe.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NOW 1700000000

static struct report *rep(enum report_unsub m, const char *target,
			  bool one_click)
{
	struct report *r = report_new();

	r->from_addr = xstrdup("bot@reports.example");
	r->reporter = xstrdup("reports.example");
	r->subject = xstrdup("spam from 192.0.2.7");
	r->unsub_method = m;
	r->unsub_target = target ? xstrdup(target) : NULL;
	r->unsub_one_click = one_click;
	return r;
}

static void test_choose_one_click_https_is_post(void **state)
{
	struct report *r =
	    rep(REPORT_UNSUB_HTTPS, "https://u.example/x?id=1", true);
	struct unsub_plan p;

	(void)state;
	unsub_choose(r, &p);
	assert_int_equal(p.how, UNSUB_POST);
	assert_string_equal(p.url, "https://u.example/x?id=1");
	assert_false(p.plain_http);
	unsub_plan_free(&p);
	report_free(r);
}

static void test_choose_web_page_without_one_click_is_nothing(void **state)
{
	struct report *r =
	    rep(REPORT_UNSUB_HTTPS, "https://u.example/x", false);
	struct unsub_plan p;

	(void)state;
	unsub_choose(r, &p);
	assert_int_equal(p.how, UNSUB_NONE);
	assert_non_null(strstr(p.why, "web page"));
	unsub_plan_free(&p);
	report_free(r);
}

static void test_choose_mailto(void **state)
{
	struct report *r =
	    rep(REPORT_UNSUB_MAILTO, "mailto:leave@u.example?subject=stop%20it",
		false);
	struct unsub_plan p;

	(void)state;
	unsub_choose(r, &p);
	assert_int_equal(p.how, UNSUB_MAILTO);
	assert_string_equal(p.to, "leave@u.example");
	assert_string_equal(p.subject, "stop it");
	unsub_plan_free(&p);
	report_free(r);
}

static void test_choose_reply_to_named_address_first(void **state)
{
	struct report *r = rep(REPORT_UNSUB_REPLY, "REMOVE", false);
	struct unsub_plan p;

	(void)state;
	r->reply_to = xstrdup("desk@reports.example");
	r->unsub_address = xstrdup("optout@reports.example");
	unsub_choose(r, &p);
	assert_int_equal(p.how, UNSUB_REPLY);
	assert_string_equal(p.to, "optout@reports.example");
	assert_string_equal(p.subject, "REMOVE");
	unsub_plan_free(&p);
	free(r->unsub_address);
	r->unsub_address = NULL;
	unsub_choose(r, &p);
	assert_string_equal(p.to, "desk@reports.example");
	unsub_plan_free(&p);
	free(r->reply_to);
	r->reply_to = NULL;
	unsub_choose(r, &p);
	assert_string_equal(p.to, "bot@reports.example");
	unsub_plan_free(&p);
	report_free(r);
}

static void test_choose_nothing_says_why(void **state)
{
	struct report *r = rep(REPORT_UNSUB_NONE, NULL, false);
	struct unsub_plan p;

	(void)state;
	unsub_choose(r, &p);
	assert_int_equal(p.how, UNSUB_NONE);
	assert_non_null(strstr(p.why, "no way to unsubscribe"));
	assert_false(unsub_may_go(&p, true, true));
	unsub_plan_free(&p);
	report_free(r);
}

static void test_mailto_decodes_subject_and_body(void **state)
{
	struct unsub_plan p = {0};
	struct err e = {{0}};

	(void)state;
	assert_int_equal(
	    unsub_mailto_parse("mailto:a%40b@x.example,c@y.example?Subject="
			       "un%2Dsub%20me&body=line%0D%0Atwo&cc=evil@z",
			       &p, &e),
	    0);
	assert_string_equal(p.to, "a@b@x.example,c@y.example");
	assert_string_equal(p.subject, "un-sub me");
	assert_string_equal(p.body, "line\r\ntwo");
	unsub_plan_free(&p);
}

static void test_mailto_defaults_and_extra_to(void **state)
{
	struct unsub_plan p = {0};
	struct err e = {{0}};

	(void)state;
	assert_int_equal(
	    unsub_mailto_parse("MAILTO:l@x.example?to=m@x.example", &p, &e), 0);
	assert_string_equal(p.to, "l@x.example, m@x.example");
	assert_string_equal(p.subject, "unsubscribe");
	assert_string_equal(p.body, "unsubscribe");
	unsub_plan_free(&p);
}

static void test_mailto_without_address_fails(void **state)
{
	struct unsub_plan p = {0};
	struct err e = {{0}};

	(void)state;
	assert_int_equal(unsub_mailto_parse("mailto:?subject=x", &p, &e), -1);
	assert_non_null(strstr(e.msg, "no address"));
	unsub_plan_free(&p);
	assert_int_equal(unsub_mailto_parse("https://x", &p, &e), -1);
	unsub_plan_free(&p);
}

static void test_mailto_stray_percent_kept(void **state)
{
	struct unsub_plan p = {0};
	struct err e = {{0}};

	(void)state;
	assert_int_equal(unsub_mailto_parse(
			     "mailto:l@x.example?subject=100%&body=%4", &p, &e),
			 0);
	assert_string_equal(p.subject, "100%");
	assert_string_equal(p.body, "%4");
	unsub_plan_free(&p);
}

static void test_plain_http_needs_second_yes(void **state)
{
	struct report *r = rep(REPORT_UNSUB_HTTPS, "http://u.example/x", true);
	struct unsub_plan p;
	char *q;

	(void)state;
	unsub_choose(r, &p);
	assert_int_equal(p.how, UNSUB_POST);
	assert_true(p.plain_http);
	q = unsub_http_question(&p);
	assert_non_null(q);
	free(q);
	assert_false(unsub_may_go(&p, true, false));
	assert_false(unsub_may_go(&p, false, true));
	assert_true(unsub_may_go(&p, true, true));
	unsub_plan_free(&p);
	report_free(r);
}

static void test_https_needs_one_yes(void **state)
{
	struct report *r = rep(REPORT_UNSUB_HTTPS, "https://u.example/x", true);
	struct unsub_plan p;
	char *q;

	(void)state;
	unsub_choose(r, &p);
	assert_null(unsub_http_question(&p));
	q = unsub_question(&p);
	assert_string_equal(q, "Unsubscribe by one-click POST to "
			       "https://u.example/x?");
	free(q);
	assert_false(unsub_may_go(&p, false, false));
	assert_true(unsub_may_go(&p, true, false));
	unsub_plan_free(&p);
	report_free(r);
}

/* The post handler, called as the flush calls it, on payloads it must
 * refuse without touching the network. */
static void test_post_handler_refuses_bad_payloads(void **state)
{
	struct flush_ctx c = {NULL, NULL, NULL, NULL};
	struct flush_row r = {1, "post", 0, 0, "", false};
	struct err e = {{0}};
	json_t *p = json_pack("{s:s}", "body", "List-Unsubscribe=One-Click");

	(void)state;
	assert_int_equal(unsub_post_send(&c, &r, p, &e), FLUSH_FAILED);
	assert_non_null(strstr(e.msg, "no url"));
	json_object_set_new(p, "url", json_string("ftp://u.example/x"));
	assert_int_equal(unsub_post_send(&c, &r, p, &e), FLUSH_FAILED);
	assert_non_null(strstr(e.msg, "only https"));
	/* A run cut off after the server's 2xx does not ask again. */
	r.interrupted = true;
	r.step = "HTTP 204";
	assert_int_equal(unsub_post_send(&c, &r, p, &e), FLUSH_DONE);
	r.step = "HTTP 503";
	assert_int_equal(unsub_post_send(&c, &r, p, &e), FLUSH_FAILED);
	json_decref(p);
}

/* ---- with a cache ---- */

struct fx {
	char dir[64];
	char *path;
	struct store *s;
	int64_t mailbox;
	int n;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	struct err e = {{0}};

	snprintf(f->dir, sizeof f->dir, "/tmp/test_unsub.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	f->path = xasprintf("%s/cache.db", f->dir);
	*state = f;
	f->s = store_open(f->path, &e);
	if (!f->s)
		return -1;
	return store_mailbox_get_or_create(f->s, "INBOX", &f->mailbox, &e);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal",
					     ".sealed"};

	store_close(f->s);
	for (size_t i = 0; i < 5; i++) {
		char *p = xasprintf("%s%s", f->path, suffix[i]);
		unlink(p);
		free(p);
	}
	rmdir(f->dir);
	free(f->path);
	free(f);
	return 0;
}

static int64_t add(struct fx *f, struct report *r, int64_t date)
{
	struct err e = {{0}};
	char *raw = xasprintf("Subject: %d\r\n\r\nbody %d\r\n", f->n, f->n);
	struct store_message_in m = {.mailbox_id = f->mailbox,
				     .internal_date = date,
				     .raw = raw,
				     .len = strlen(raw)};
	int64_t id = 0;
	bool added;

	f->n++;
	r->date = date;
	report_add_ip(r, "192.0.2.7", true);
	assert_int_equal(store_message_add(f->s, &m, r, &id, &added, &e), 0);
	free(raw);
	report_free(r);
	return id;
}

static void test_queue_post_records_attempt_row_and_noise(void **state)
{
	struct fx *f = *state;
	int64_t id = add(
	    f, rep(REPORT_UNSUB_HTTPS, "https://u.example/1", true), NOW - 100);
	struct store_unsub_status st;
	struct store_outbox_row row;
	enum store_noise_mode mode;
	struct report *r = NULL;
	struct unsub_plan p;
	struct err e = {{0}};
	int64_t attempt = 0;
	json_t *j;

	assert_int_equal(store_report_get(f->s, id, &r, &e), 1);
	unsub_choose(r, &p);
	assert_int_equal(unsub_queue(f->s, NULL, id, &p, NOW, &attempt, &e), 1);
	assert_true(attempt > 0);
	assert_int_equal(store_unsub_latest(f->s, "reports.example", &st, &e),
			 1);
	assert_string_equal(st.method, "post");
	assert_string_equal(st.target, "https://u.example/1");
	assert_string_equal(st.state, "queued");
	assert_int_equal(st.created_at, NOW);
	assert_int_equal(st.since, 0);
	assert_int_equal(store_outbox_get(f->s, st.outbox_id, &row, &e), 1);
	assert_string_equal(row.kind, "post");
	j = json_loads(row.payload, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(j, "url")),
			    "https://u.example/1");
	assert_string_equal(json_string_value(json_object_get(j, "body")),
			    "List-Unsubscribe=One-Click");
	assert_int_equal(json_integer_value(json_object_get(j, "attempt")),
			 attempt);
	json_decref(j);
	store_outbox_row_free(&row);
	assert_int_equal(
	    store_reporter_noise_get(f->s, "reports.example", &mode, &e), 1);
	assert_int_equal(mode, STORE_NOISE_MARKED);
	store_unsub_status_free(&st);
	unsub_plan_free(&p);
	report_free(r);
}

static void test_still_sending_counts_newer_reports(void **state)
{
	struct fx *f = *state;
	int64_t id = add(
	    f, rep(REPORT_UNSUB_HTTPS, "https://u.example/1", true), NOW - 100);
	struct store_unsub_status st;
	struct report *r = NULL;
	struct unsub_plan p;
	struct err e = {{0}};
	int64_t attempt = 0;

	assert_int_equal(store_report_get(f->s, id, &r, &e), 1);
	unsub_choose(r, &p);
	assert_int_equal(unsub_queue(f->s, NULL, id, &p, NOW, &attempt, &e), 1);
	add(f, rep(REPORT_UNSUB_NONE, NULL, false), NOW + 10);
	add(f, rep(REPORT_UNSUB_NONE, NULL, false), NOW + 20);
	add(f, rep(REPORT_UNSUB_NONE, NULL, false), NOW - 50);
	assert_int_equal(store_unsub_latest(f->s, "reports.example", &st, &e),
			 1);
	assert_int_equal(st.since, 2);
	store_unsub_status_free(&st);
	unsub_plan_free(&p);
	report_free(r);
}

static void test_queue_mail_needs_identity(void **state)
{
	struct fx *f = *state;
	int64_t id =
	    add(f, rep(REPORT_UNSUB_MAILTO, "mailto:l@u.example", false), NOW);
	struct config *cfg = config_new();
	struct store_unsub_status st;
	struct store_outbox_row row;
	struct report *r = NULL;
	struct unsub_plan p;
	struct err e = {{0}};
	int64_t attempt = 0;
	json_t *j;

	assert_int_equal(store_report_get(f->s, id, &r, &e), 1);
	unsub_choose(r, &p);
	assert_int_equal(unsub_queue(f->s, cfg, id, &p, NOW, &attempt, &e), -1);
	assert_non_null(strstr(e.msg, "[identity] email"));
	assert_int_equal(store_unsub_latest(f->s, "reports.example", &st, &e),
			 0);
	cfg->identity.email = xstrdup("abuse@isp.example");
	assert_int_equal(unsub_queue(f->s, cfg, id, &p, NOW, &attempt, &e), 1);
	assert_int_equal(store_unsub_latest(f->s, "reports.example", &st, &e),
			 1);
	assert_string_equal(st.method, "mailto");
	assert_int_equal(store_outbox_get(f->s, st.outbox_id, &row, &e), 1);
	assert_string_equal(row.kind, "mail");
	j = json_loads(row.payload, 0, NULL);
	assert_string_equal(json_string_value(json_object_get(j, "purpose")),
			    "unsubscribe");
	assert_non_null(strstr(json_string_value(json_object_get(j, "raw")),
			       "Subject: unsubscribe\r\n"));
	json_decref(j);
	store_outbox_row_free(&row);
	store_unsub_status_free(&st);
	unsub_plan_free(&p);
	report_free(r);
	config_free(cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_choose_one_click_https_is_post),
	    cmocka_unit_test(test_choose_web_page_without_one_click_is_nothing),
	    cmocka_unit_test(test_choose_mailto),
	    cmocka_unit_test(test_choose_reply_to_named_address_first),
	    cmocka_unit_test(test_choose_nothing_says_why),
	    cmocka_unit_test(test_mailto_decodes_subject_and_body),
	    cmocka_unit_test(test_mailto_defaults_and_extra_to),
	    cmocka_unit_test(test_mailto_without_address_fails),
	    cmocka_unit_test(test_mailto_stray_percent_kept),
	    cmocka_unit_test(test_plain_http_needs_second_yes),
	    cmocka_unit_test(test_https_needs_one_yes),
	    cmocka_unit_test(test_post_handler_refuses_bad_payloads),
	    cmocka_unit_test_setup_teardown(
		test_queue_post_records_attempt_row_and_noise, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_still_sending_counts_newer_reports, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_queue_mail_needs_identity,
					    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
