/* test_actions.c: decisions through the actions layer — the keyword row
 * each writes beside the state (which keywords, on which messages), and
 * the undo: a row still queued is taken back, one already sent is
 * answered by the keywords of the state put back; and the flush's table
 * of kinds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "actions/flush.h"
#include "actions/state.h"
#include "core/xalloc.h"
#include "store/store.h"

#include <jansson.h>
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
	int64_t ids[3]; /* three reports about IP */
};

static int64_t add(struct fx *f, int i)
{
	struct report *r = report_new();
	struct err e = {{0}};
	char *raw = xasprintf("Subject: %d\r\n\r\nbody %d\r\n", i, i);
	struct store_message_in m = {.mailbox_id = f->mailbox,
				     .uid = (uint32_t)(10 + i),
				     .internal_date = 1000,
				     .raw = raw,
				     .len = strlen(raw)};
	int64_t id = 0;
	bool added;

	r->reporter = xstrdup("reporter.example");
	r->category = xstrdup("messaging");
	report_add_ip(r, IP, true);
	assert_int_equal(store_message_add(f->s, &m, r, &id, &added, &e), 0);
	free(raw);
	report_free(r);
	return id;
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	struct err e = {{0}};

	snprintf(f->dir, sizeof f->dir, "/tmp/test_actions.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	f->path = xasprintf("%s/cache.db", f->dir);
	*state = f;
	f->s = store_open(f->path, &e);
	if (!f->s ||
	    store_mailbox_get_or_create(f->s, "INBOX", &f->mailbox, &e) < 0)
		return -1;
	for (int i = 0; i < 3; i++)
		f->ids[i] = add(f, i);
	return 0;
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

static struct action_target ip_target(void)
{
	struct action_target t = {.is_ip = true};

	snprintf(t.ip, sizeof t.ip, "%s", IP);
	return t;
}

static size_t rows(struct fx *f, struct store_outbox_row **v)
{
	struct err e = {{0}};
	size_t n;

	assert_int_equal(store_outbox_list(f->s, true, v, &n, &e), 0);
	return n;
}

/* The payload of the only (or last) row. */
static json_t *last_payload(struct fx *f)
{
	struct store_outbox_row *v;
	size_t n = rows(f, &v);
	json_t *p;

	assert_true(n > 0);
	p = json_loads(v[n - 1].payload, 0, NULL);
	assert_non_null(p);
	store_outbox_rows_free(v, n);
	return p;
}

static const char *first(json_t *p, const char *key)
{
	return json_string_value(json_array_get(json_object_get(p, key), 0));
}

static void
test_actions_resolve_ip_queues_one_row_for_its_messages(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct action_target t = ip_target();
	enum store_state st;
	json_t *p, *m;

	assert_int_equal(
	    action_decide(f->s, &t, STORE_STATE_RESOLVED, "done", NULL, &e), 0);
	assert_int_equal(store_ip_state_get(f->s, IP, &st, NULL, &e), 1);
	assert_int_equal(st, STORE_STATE_RESOLVED);
	p = last_payload(f);
	assert_string_equal(first(p, "add"), "$AbuseResolved");
	assert_string_equal(first(p, "remove"), "$AbuseIgnored");
	assert_string_equal(json_string_value(json_object_get(p, "ip")), IP);
	m = json_object_get(p, "messages");
	assert_int_equal(json_array_size(m), 3);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(json_integer_value(json_array_get(m, i)),
				 f->ids[i]);
	json_decref(p);
}

static void test_actions_reopen_report_takes_both_keywords(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct action_target t = {.message_id = f->ids[1]};
	json_t *p;

	assert_int_equal(
	    action_decide(f->s, &t, STORE_STATE_OPEN, NULL, NULL, &e), 0);
	p = last_payload(f);
	assert_int_equal(json_array_size(json_object_get(p, "add")), 0);
	assert_int_equal(json_array_size(json_object_get(p, "remove")), 2);
	assert_int_equal(json_integer_value(
			     json_array_get(json_object_get(p, "messages"), 0)),
			 f->ids[1]);
	json_decref(p);
}

static void test_actions_undo_of_a_queued_change_deletes_its_row(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct action_target t = ip_target();
	struct action_undo u;
	struct store_outbox_row *v;
	enum store_state st;

	assert_int_equal(
	    action_decide(f->s, &t, STORE_STATE_IGNORED, NULL, &u, &e), 0);
	assert_true(u.outbox_id > 0);
	assert_false(u.had);
	assert_int_equal(action_undo(f->s, &u, &e), 0);
	assert_int_equal(rows(f, &v), 0);
	free(v);
	assert_int_equal(store_ip_state_get(f->s, IP, &st, NULL, &e), 0);
	action_undo_free(&u);
}

static void test_actions_undo_of_a_sent_change_queues_the_reverse(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct action_target t = ip_target();
	struct action_undo u;
	struct store_outbox_row r, *v;
	size_t n;
	json_t *p;

	assert_int_equal(
	    action_decide(f->s, &t, STORE_STATE_RESOLVED, NULL, &u, &e), 0);
	assert_int_equal(store_outbox_claim(f->s, 1, &r, &e), 1);
	assert_int_equal(r.id, u.outbox_id);
	assert_int_equal(store_outbox_sent(f->s, r.id, 1, &e), 0);
	store_outbox_row_free(&r);
	assert_int_equal(action_undo(f->s, &u, &e), 0);
	n = rows(f, &v);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].state, STORE_OUTBOX_SENT);
	assert_int_equal(v[1].state, STORE_OUTBOX_QUEUED);
	store_outbox_rows_free(v, n);
	p = last_payload(f);
	assert_string_equal(json_string_value(json_object_get(p, "state")),
			    "open");
	assert_int_equal(json_array_size(json_object_get(p, "add")), 0);
	json_decref(p);
	action_undo_free(&u);
}

static void test_actions_undo_puts_the_earlier_decision_back(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct action_target t = ip_target();
	struct action_undo u;
	enum store_state st;
	char *note = NULL;

	assert_int_equal(
	    action_decide(f->s, &t, STORE_STATE_IGNORED, "first", NULL, &e), 0);
	assert_int_equal(
	    action_decide(f->s, &t, STORE_STATE_RESOLVED, NULL, &u, &e), 0);
	assert_true(u.had);
	assert_int_equal(action_undo(f->s, &u, &e), 0);
	assert_int_equal(store_ip_state_get(f->s, IP, &st, &note, &e), 1);
	assert_int_equal(st, STORE_STATE_IGNORED);
	assert_string_equal(note, "first");
	free(note);
	action_undo_free(&u);
}

static void test_actions_flush_table_knows_the_keyword_kind(void **state)
{
	(void)state;
	assert_non_null(flush_handler("keyword"));
	assert_null(flush_handler("no-such-kind"));
	assert_null(flush_handler(NULL));
}

/* Without a link the keyword row is tried, kept queued with the attempt
 * and the reason, and nothing is lost. */
static void test_actions_flush_without_a_link_keeps_the_row(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct action_target t = ip_target();
	struct flush_ctx c = {f->s, NULL, NULL, NULL};
	struct flush_stats st = {0};
	struct store_outbox_row *v;
	size_t n;

	assert_int_equal(
	    action_decide(f->s, &t, STORE_STATE_RESOLVED, NULL, NULL, &e), 0);
	assert_int_equal(flush_run(&c, true, &st, &e), 0);
	assert_int_equal(st.retry, 1);
	assert_int_equal(st.sent, 0);
	assert_non_null(strstr(st.error, "not connected"));
	n = rows(f, &v);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].state, STORE_OUTBOX_QUEUED);
	assert_int_equal(v[0].attempts, 1);
	store_outbox_rows_free(v, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_actions_resolve_ip_queues_one_row_for_its_messages, setup,
		teardown),
	    cmocka_unit_test_setup_teardown(
		test_actions_reopen_report_takes_both_keywords, setup,
		teardown),
	    cmocka_unit_test_setup_teardown(
		test_actions_undo_of_a_queued_change_deletes_its_row, setup,
		teardown),
	    cmocka_unit_test_setup_teardown(
		test_actions_undo_of_a_sent_change_queues_the_reverse, setup,
		teardown),
	    cmocka_unit_test_setup_teardown(
		test_actions_undo_puts_the_earlier_decision_back, setup,
		teardown),
	    cmocka_unit_test(test_actions_flush_table_knows_the_keyword_kind),
	    cmocka_unit_test_setup_teardown(
		test_actions_flush_without_a_link_keeps_the_row, setup,
		teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
