/* test_outbox.c: the outbox rows the flush sends — claimed as 'sending'
 * before the network call (found again after a crash, left to another
 * live flusher until its lease runs out), sent, failed
 * with a backoff or for good, retried, dropped, counted, and one kind's
 * rows kept in their order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/xalloc.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define NOW 1700000000

struct fx {
	char dir[64];
	char *path;
	struct store *s;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	struct err e = {{0}};

	snprintf(f->dir, sizeof f->dir, "/tmp/test_outbox.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	f->path = xasprintf("%s/cache.db", f->dir);
	*state = f;
	f->s = store_open(f->path, &e);
	return f->s ? 0 : -1;
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

static int64_t put(struct fx *f, const char *kind)
{
	struct err e = {{0}};
	int64_t id = 0;

	assert_int_equal(store_outbox_put(f->s, kind, 0, "{}", &id, &e), 0);
	assert_true(id > 0);
	return id;
}

static int64_t claim(struct fx *f, int64_t now, bool *interrupted)
{
	struct store_outbox_row r;
	struct err e = {{0}};
	int rc = store_outbox_claim(f->s, now, &r, &e);
	int64_t id = r.id;

	assert_true(rc >= 0);
	if (interrupted)
		*interrupted = r.interrupted;
	store_outbox_row_free(&r);
	return rc ? id : 0;
}

static struct store_outbox_row get(struct fx *f, int64_t id)
{
	struct store_outbox_row r;
	struct err e = {{0}};

	assert_int_equal(store_outbox_get(f->s, id, &r, &e), 1);
	return r;
}

static void counts(struct fx *f, int64_t queued, int64_t failed)
{
	struct err e = {{0}};
	int64_t q, fl;

	assert_int_equal(store_outbox_queued(f->s, &q, &e), 0);
	assert_int_equal(store_outbox_failed(f->s, &fl, &e), 0);
	assert_int_equal(q, queued);
	assert_int_equal(fl, failed);
}

static void test_outbox_backoff_doubles_up_to_an_hour(void **state)
{
	(void)state;
	assert_int_equal(store_outbox_backoff(1), 30);
	assert_int_equal(store_outbox_backoff(2), 60);
	assert_int_equal(store_outbox_backoff(3), 120);
	assert_int_equal(store_outbox_backoff(7), 1920);
	assert_int_equal(store_outbox_backoff(8), 3600);
	assert_int_equal(store_outbox_backoff(1000), 3600);
}

static void test_outbox_claim_marks_sending_then_sent(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t id = put(f, "keyword");
	struct store_outbox_row r;
	bool intr = true;

	counts(f, 1, 0);
	assert_int_equal(claim(f, NOW, &intr), id);
	assert_false(intr);
	r = get(f, id);
	assert_int_equal(r.state, STORE_OUTBOX_SENDING);
	store_outbox_row_free(&r);
	counts(f, 1, 0);
	assert_int_equal(store_outbox_sent(f->s, id, NOW, &e), 0);
	r = get(f, id);
	assert_int_equal(r.state, STORE_OUTBOX_SENT);
	assert_int_equal(r.sent_at, NOW);
	store_outbox_row_free(&r);
	counts(f, 0, 0);
	assert_int_equal(claim(f, NOW, NULL), 0);
}

static void test_outbox_row_left_sending_is_claimed_as_interrupted(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t id = put(f, "keyword");
	bool intr = false;

	assert_int_equal(claim(f, NOW, NULL), id);
	assert_int_equal(store_outbox_step(f->s, id, "sent", &e), 0);
	/* a crash here: the next run finds it, with its step */
	assert_int_equal(claim(f, NOW, &intr), id);
	assert_true(intr);
	struct store_outbox_row r = get(f, id);
	assert_string_equal(r.step, "sent");
	store_outbox_row_free(&r);
}

static int64_t claim_on(struct store *s, int64_t now, bool *interrupted)
{
	struct store_outbox_row r;
	struct err e = {{0}};
	int rc = store_outbox_claim(s, now, &r, &e);
	int64_t id = r.id;

	assert_true(rc >= 0);
	if (interrupted)
		*interrupted = r.interrupted;
	store_outbox_row_free(&r);
	return rc ? id : 0;
}

/* Two flushers on one cache (two connections, as the screen's sync
 * worker and an `abusedesk sync` have): a row the other holds is left to
 * it while its lease runs; once the lease ran out it is taken over by
 * exactly one of them, and the first holder can no longer finish it. */
static void test_outbox_claim_lease_keeps_a_row_to_its_holder(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct store *b = store_open(f->path, &e);
	int64_t id = put(f, "mail");
	struct store_outbox_row r;
	bool intr = false;

	assert_non_null(b);
	assert_int_equal(claim(f, NOW, NULL), id);
	assert_int_equal(claim_on(b, NOW + 1, NULL), 0);
	assert_int_equal(claim_on(b, NOW + STORE_OUTBOX_LEASE_S - 1, NULL), 0);
	assert_int_equal(claim_on(b, NOW + STORE_OUTBOX_LEASE_S, &intr), id);
	assert_true(intr);
	/* Taken once: neither flusher takes it again while b holds it. */
	assert_int_equal(claim(f, NOW + STORE_OUTBOX_LEASE_S, NULL), 0);
	assert_int_equal(claim(f, NOW + STORE_OUTBOX_LEASE_S + 1, NULL), 0);
	/* The first holder, late, changes nothing. */
	assert_int_equal(store_outbox_step(f->s, id, "sent", &e), -1);
	assert_non_null(strstr(e.msg, "taken over"));
	assert_int_equal(store_outbox_sent(f->s, id, NOW, &e), 0);
	r = get(f, id);
	assert_int_equal(r.state, STORE_OUTBOX_SENDING);
	assert_string_equal(r.step, "");
	store_outbox_row_free(&r);
	assert_int_equal(store_outbox_step(b, id, "sent", &e), 0);
	assert_int_equal(store_outbox_sent(b, id, NOW, &e), 0);
	r = get(f, id);
	assert_int_equal(r.state, STORE_OUTBOX_SENT);
	assert_string_equal(r.step, "sent");
	store_outbox_row_free(&r);
	store_close(b);
}

/* A flusher killed with its row claimed: on this machine its process is
 * known to be gone, and the row is taken at once, lease or not. */
static void test_outbox_claim_of_a_dead_process_is_taken_at_once(void **state)
{
	struct fx *f = *state;
	int64_t id = put(f, "mail");
	bool intr = false;
	int status = 0;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		struct err e = {{0}};
		struct store *c = store_open(f->path, &e);

		_exit(c && claim_on(c, NOW, NULL) == id ? 0 : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	assert_int_equal(claim(f, NOW + 1, &intr), id);
	assert_true(intr);
}

static void test_outbox_fail_backs_off_and_counts_attempts(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t id = put(f, "keyword");
	struct store_outbox_row r;

	assert_int_equal(claim(f, NOW, NULL), id);
	assert_int_equal(
	    store_outbox_fail(f->s, id, "link lost", false, NOW, &e), 0);
	r = get(f, id);
	assert_int_equal(r.state, STORE_OUTBOX_QUEUED);
	assert_int_equal(r.attempts, 1);
	assert_string_equal(r.last_error, "link lost");
	assert_int_equal(r.next_attempt_at, NOW + 30);
	store_outbox_row_free(&r);
	assert_int_equal(claim(f, NOW + 29, NULL), 0);
	assert_int_equal(claim(f, NOW + 30, NULL), id);
	assert_int_equal(
	    store_outbox_fail(f->s, id, "link lost", false, NOW, &e), 0);
	r = get(f, id);
	assert_int_equal(r.attempts, 2);
	assert_int_equal(r.next_attempt_at, NOW + 60);
	store_outbox_row_free(&r);
	assert_int_equal(store_outbox_due_now(f->s, &e), 0);
	assert_int_equal(claim(f, NOW, NULL), id);
}

static void test_outbox_permanent_failure_waits_for_retry(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t id = put(f, "keyword");

	assert_int_equal(claim(f, NOW, NULL), id);
	assert_int_equal(
	    store_outbox_fail(f->s, id, "UIDVALIDITY changed", true, NOW, &e),
	    0);
	counts(f, 0, 1);
	assert_int_equal(claim(f, NOW + 99999, NULL), 0);
	assert_int_equal(store_outbox_retry(f->s, id, &e), 1);
	counts(f, 1, 0);
	assert_int_equal(claim(f, NOW, NULL), id);
	assert_int_equal(store_outbox_sent(f->s, id, NOW, &e), 0);
	assert_int_equal(store_outbox_retry(f->s, id, &e), 0);
	assert_int_equal(store_outbox_retry(f->s, 999, &e), 0);
}

static void test_outbox_one_kind_goes_in_order(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t a = put(f, "keyword"), b = put(f, "keyword");
	int64_t m = put(f, "mail");

	assert_int_equal(claim(f, NOW, NULL), a);
	assert_int_equal(store_outbox_fail(f->s, a, "NO", false, NOW, &e), 0);
	/* b waits behind a; the other kind does not */
	assert_int_equal(claim(f, NOW, NULL), m);
	assert_int_equal(store_outbox_sent(f->s, m, NOW, &e), 0);
	assert_int_equal(claim(f, NOW, NULL), 0);
	assert_int_equal(claim(f, NOW + 30, NULL), a);
	assert_int_equal(store_outbox_sent(f->s, a, NOW, &e), 0);
	assert_int_equal(claim(f, NOW, NULL), b);
}

static void test_outbox_a_waiting_mail_holds_no_other_back(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t a = put(f, "mail"), b = put(f, "mail"), p = put(f, "post");

	assert_int_equal(claim(f, NOW, NULL), a);
	assert_int_equal(
	    store_outbox_fail(f->s, a, "451 later", false, NOW, &e), 0);
	/* a waits for its retry; b and the POST go meanwhile */
	assert_int_equal(claim(f, NOW, NULL), b);
	assert_int_equal(store_outbox_sent(f->s, b, NOW, &e), 0);
	assert_int_equal(claim(f, NOW, NULL), p);
	assert_int_equal(store_outbox_sent(f->s, p, NOW, &e), 0);
	assert_int_equal(claim(f, NOW, NULL), 0);
	assert_int_equal(claim(f, NOW + 30, NULL), a);
}

static void test_outbox_unqueue_only_while_queued(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t a = put(f, "keyword"), b = put(f, "keyword");
	struct store_outbox_row *v;
	size_t n;

	assert_int_equal(claim(f, NOW, NULL), a);
	assert_int_equal(store_outbox_unqueue(f->s, a, &e), 0);
	assert_int_equal(store_outbox_unqueue(f->s, b, &e), 1);
	assert_int_equal(store_outbox_drop(f->s, a, &e), 1);
	assert_int_equal(store_outbox_drop(f->s, a, &e), 0);
	assert_int_equal(store_outbox_list(f->s, true, &v, &n, &e), 0);
	assert_int_equal(n, 0);
	store_outbox_rows_free(v, n);
}

static void test_outbox_list_leaves_sent_rows_out(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t a = put(f, "keyword"), b = put(f, "mail");
	struct store_outbox_row *v;
	size_t n;

	assert_int_equal(claim(f, NOW, NULL), a);
	assert_int_equal(store_outbox_sent(f->s, a, NOW, &e), 0);
	assert_int_equal(store_outbox_list(f->s, false, &v, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, b);
	assert_string_equal(v[0].kind, "mail");
	assert_string_equal(v[0].payload, "{}");
	store_outbox_rows_free(v, n);
	assert_int_equal(store_outbox_list(f->s, true, &v, &n, &e), 0);
	assert_int_equal(n, 2);
	store_outbox_rows_free(v, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_outbox_backoff_doubles_up_to_an_hour),
	    cmocka_unit_test_setup_teardown(
		test_outbox_claim_marks_sending_then_sent, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_outbox_row_left_sending_is_claimed_as_interrupted, setup,
		teardown),
	    cmocka_unit_test_setup_teardown(
		test_outbox_claim_lease_keeps_a_row_to_its_holder, setup,
		teardown),
	    cmocka_unit_test_setup_teardown(
		test_outbox_claim_of_a_dead_process_is_taken_at_once, setup,
		teardown),
	    cmocka_unit_test_setup_teardown(
		test_outbox_fail_backs_off_and_counts_attempts, setup,
		teardown),
	    cmocka_unit_test_setup_teardown(
		test_outbox_permanent_failure_waits_for_retry, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_outbox_a_waiting_mail_holds_no_other_back, setup,
		teardown),
	    cmocka_unit_test_setup_teardown(test_outbox_one_kind_goes_in_order,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_outbox_unqueue_only_while_queued, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_outbox_list_leaves_sent_rows_out, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
