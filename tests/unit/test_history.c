/* test_history.c: an IP's history — its reports, every decision on it and
 * on its reports with their notes (the log of schema 12, kept through a
 * reopen, forgotten with an undone first decision), the outbox rows those
 * queued — the note of the decision in force on a report's row, and the
 * IPs whose decision carries a note. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/xalloc.h"
#include "store/history.h"
#include "store/store.h"
#include "store/triage.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define IP "192.0.2.7"

struct fx {
	char dir[64];
	char *path;
	struct store *s;
	int64_t mailbox;
	int n_added;
};

static int open_at(struct fx *f, int version)
{
	struct err e = {{0}};

	f->s = store_open_version(f->path, version, &e);
	if (!f->s || store_mailbox_get_or_create(f->s, STORE_LOCAL_MAILBOX,
						 &f->mailbox, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	return 0;
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/test_history.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	f->path = xasprintf("%s/cache.db", f->dir);
	*state = f;
	return open_at(f, STORE_SCHEMA_VERSION);
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

static int64_t add(struct fx *f, const char *reporter, const char *ip,
		   int64_t date)
{
	struct report *r = report_new();
	struct err e = {{0}};
	char *raw =
	    xasprintf("Subject: %d\r\n\r\nbody %d\r\n", f->n_added, f->n_added);
	struct store_message_in m = {.mailbox_id = f->mailbox,
				     .internal_date = 1000,
				     .raw = raw,
				     .len = strlen(raw)};
	int64_t id = 0;
	bool added;

	r->reporter = xstrdup(reporter);
	r->category = xstrdup("messaging");
	r->type = xstrdup("spam");
	r->date = date;
	report_add_ip(r, ip, true);
	f->n_added++;
	assert_int_equal(store_message_add(f->s, &m, r, &id, &added, &e), 0);
	free(raw);
	report_free(r);
	return id;
}

static void set_ip(struct fx *f, enum store_state st, const char *note)
{
	struct err e = {{0}};

	assert_int_equal(store_ip_state_set(f->s, IP, st, note, &e), 0);
}

static void history(struct fx *f, struct store_event **v, size_t *n)
{
	struct err e = {{0}};

	assert_int_equal(store_ip_history(f->s, IP, v, n, &e), 0);
}

static size_t count_kind(const struct store_event *v, size_t n,
			 enum store_event_kind k)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += v[i].kind == k;
	return c;
}

static void test_history_lists_reports_newest_first(void **state)
{
	struct fx *f = *state;
	struct store_event *v;
	size_t n;

	add(f, "a.example", IP, 2000);
	add(f, "b.example", IP, 3000);
	add(f, "c.example", "192.0.2.8", 4000);
	history(f, &v, &n);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].kind, STORE_EVENT_REPORT);
	assert_int_equal(v[0].t, 3000);
	assert_string_equal(v[0].reporter, "b.example");
	assert_string_equal(v[0].category, "messaging/spam");
	assert_int_equal(v[1].t, 2000);
	store_events_free(v, n);
}

static void test_history_keeps_a_resolve_through_a_reopen(void **state)
{
	struct fx *f = *state;
	struct store_event *v;
	size_t n;

	add(f, "a.example", IP, 2000);
	set_ip(f, STORE_STATE_RESOLVED, "customer cleaned the host");
	set_ip(f, STORE_STATE_OPEN, NULL);
	history(f, &v, &n);
	assert_int_equal(count_kind(v, n, STORE_EVENT_IP_STATE), 2);
	/* Same second: the later decision first. */
	assert_int_equal(v[0].kind, STORE_EVENT_IP_STATE);
	assert_int_equal(v[0].state, STORE_STATE_OPEN);
	assert_null(v[0].note);
	assert_int_equal(v[1].state, STORE_STATE_RESOLVED);
	assert_string_equal(v[1].note, "customer cleaned the host");
	store_events_free(v, n);
}

static void test_history_forgets_an_undone_first_decision(void **state)
{
	struct fx *f = *state;
	struct store_event *v;
	size_t n;
	struct err e = {{0}};
	int64_t id = add(f, "a.example", IP, 2000);

	assert_int_equal(
	    store_report_state_set(f->s, id, STORE_STATE_IGNORED, "dup", &e),
	    0);
	assert_int_equal(store_report_state_clear(f->s, id, &e), 0);
	history(f, &v, &n);
	assert_int_equal(count_kind(v, n, STORE_EVENT_REPORT_STATE), 0);
	store_events_free(v, n);
}

static void test_history_lists_report_decisions_and_outbox(void **state)
{
	struct fx *f = *state;
	struct store_event *v;
	size_t n;
	struct err e = {{0}};
	int64_t id = add(f, "a.example", IP, 2000);

	assert_int_equal(
	    store_report_state_set(f->s, id, STORE_STATE_IGNORED, "a test", &e),
	    0);
	assert_int_equal(store_outbox_add(f->s, "keyword", id,
					  "{\"state\":\"ignored\"}", &e),
			 0);
	assert_int_equal(
	    store_outbox_add(f->s, "keyword", 0,
			     "{\"ip\":\"" IP "\",\"state\":\"resolved\"}", &e),
	    0);
	assert_int_equal(
	    store_outbox_add(f->s, "keyword", 0, "{\"ip\":\"192.0.2.8\"}", &e),
	    0);
	history(f, &v, &n);
	assert_int_equal(count_kind(v, n, STORE_EVENT_REPORT_STATE), 1);
	assert_int_equal(count_kind(v, n, STORE_EVENT_OUTBOX), 2);
	for (size_t i = 0; i < n; i++) {
		if (v[i].kind == STORE_EVENT_REPORT_STATE) {
			assert_int_equal(v[i].message_id, id);
			assert_string_equal(v[i].note, "a test");
		}
		if (v[i].kind == STORE_EVENT_OUTBOX) {
			assert_string_equal(v[i].outbox_kind, "keyword");
			assert_string_equal(v[i].outbox_state, "queued");
		}
	}
	store_events_free(v, n);
}

static void test_noted_ips_are_those_with_a_note(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	char **ips;
	size_t n;

	set_ip(f, STORE_STATE_RESOLVED, "done");
	assert_int_equal(
	    store_ip_state_set(f->s, "192.0.2.1", STORE_STATE_IGNORED, "", &e),
	    0);
	assert_int_equal(store_ip_state_set(f->s, "192.0.2.2",
					    STORE_STATE_IGNORED, NULL, &e),
			 0);
	assert_int_equal(store_noted_ips(f->s, &ips, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ips[0], IP);
	store_noted_ips_free(ips, n);
}

/* The note a report's row shows is that of the decision its state
 * follows: the later of the report's and its IP's. */
static void test_row_note_follows_the_decision_in_force(void **state)
{
	struct fx *f = *state;
	static const char *const none[] = {NULL};
	struct triage_noise_rule rule = {none, 0, none, 0, 100, 1.0, NULL};
	struct err e = {{0}};
	struct triage *t = triage_open(f->s, &rule, &e);
	struct triage_message *m;
	size_t n;
	int64_t id = add(f, "a.example", IP, 2000);

	assert_non_null(t);
	set_ip(f, STORE_STATE_RESOLVED, "whole IP");
	assert_int_equal(
	    triage_messages_in_group(t, TRIAGE_IP, IP, &id, 1, &m, &n, &e), 0);
	assert_string_equal(m[0].note, "whole IP");
	triage_messages_free(m, n);
	assert_int_equal(
	    store_report_state_set(f->s, id, STORE_STATE_OPEN, NULL, &e), 0);
	assert_int_equal(
	    triage_messages_in_group(t, TRIAGE_IP, IP, &id, 1, &m, &n, &e), 0);
	assert_int_equal(m[0].state, STORE_STATE_OPEN);
	assert_null(m[0].note);
	triage_messages_free(m, n);
	triage_free(t);
}

/* Decisions stored before schema 12 begin the log; a cache still at 11
 * keeps writing decisions. */
static void test_schema_12_logs_earlier_decisions(void **state)
{
	struct fx *f = *state;
	struct store_event *v;
	size_t n;

	store_close(f->s);
	unlink(f->path);
	assert_int_equal(open_at(f, 11), 0);
	add(f, "a.example", IP, 2000);
	set_ip(f, STORE_STATE_RESOLVED, "before the log");
	store_close(f->s);
	assert_int_equal(open_at(f, STORE_SCHEMA_VERSION), 0);
	history(f, &v, &n);
	assert_int_equal(count_kind(v, n, STORE_EVENT_IP_STATE), 1);
	assert_string_equal(v[0].note, "before the log");
	store_events_free(v, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_history_lists_reports_newest_first, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_history_keeps_a_resolve_through_a_reopen, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_history_forgets_an_undone_first_decision, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_history_lists_report_decisions_and_outbox, setup,
		teardown),
	    cmocka_unit_test_setup_teardown(
		test_noted_ips_are_those_with_a_note, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_row_note_follows_the_decision_in_force, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_schema_12_logs_earlier_decisions, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
