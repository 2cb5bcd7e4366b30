/* test_triage.c: the triage screen's reads — groups and noise reporters
 * from the facts kept for them (schema 3, made per transaction since
 * schema 4), expunged reports, the kept lists and what
 * makes them out of date, filters, a group's ids, search. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/xalloc.h"
#include "store/store.h"
#include "store/sync.h"
#include "store/triage.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fx {
	char dir[64];
	char *path;
	struct store *s;
	struct triage *t;
	int64_t mailbox;
	int n_added;
};

static const char *const no_domains[] = {NULL};

/* Noise: at least 3 reports, nearly all automated. */
static const struct triage_noise_rule rule = {no_domains, 0, no_domains,
					      0,	  3, 0.9};

static int open_store(struct fx *f, int version)
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
	struct err e = {{0}};

	snprintf(f->dir, sizeof f->dir, "/tmp/test_triage.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	f->path = xasprintf("%s/cache.db", f->dir);
	*state = f;
	if (open_store(f, STORE_SCHEMA_VERSION) < 0)
		return -1;
	f->t = triage_open(f->s, &rule, &e);
	return f->t ? 0 : -1;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};

	triage_free(f->t);
	store_close(f->s);
	for (size_t i = 0; i < 4; i++) {
		char *p = xasprintf("%s%s", f->path, suffix[i]);
		unlink(p);
		free(p);
	}
	rmdir(f->dir);
	free(f->path);
	free(f);
	return 0;
}

/* A report from reporter about ip (NULL: none); human reports ask for
 * something, bots do not. */
static struct report *make(const char *reporter, const char *ip,
			   const char *category, int64_t date, bool bot)
{
	struct report *r = report_new();

	r->subject = xasprintf("%s about %s", category, ip ? ip : "nothing");
	r->from_addr = xasprintf("abuse@%s", reporter);
	r->reporter = xstrdup(reporter);
	r->category = xstrdup(category);
	r->format = bot ? REPORT_FORMAT_ARF : REPORT_FORMAT_PLAIN;
	r->action = bot ? NULL : xstrdup("Please stop it.");
	r->date = date;
	r->text = xasprintf("Body %s %s", category, ip ? ip : "");
	if (ip)
		report_add_ip(r, ip, true);
	return r;
}

static int64_t add_report(struct fx *f, struct report *r)
{
	struct err e = {{0}};
	char *raw =
	    xasprintf("Subject: %d\r\n\r\nbody %d\r\n", f->n_added, f->n_added);
	struct store_message_in m = {.mailbox_id = f->mailbox,
				     .internal_date = 1000,
				     .raw = raw,
				     .len = strlen(raw)};
	int64_t id = 0;
	bool added;

	f->n_added++;
	assert_int_equal(store_message_add(f->s, &m, r, &id, &added, &e), 0);
	free(raw);
	report_free(r);
	return id;
}

static int64_t add(struct fx *f, const char *reporter, const char *ip,
		   int64_t date)
{
	return add_report(f, make(reporter, ip, "messaging", date, false));
}

struct lists {
	struct triage_group *g;
	size_t ng;
	struct triage_noise *z;
	size_t nz;
};

static void lists_read(struct fx *f, const struct triage_query *q,
		       struct lists *l)
{
	struct err e = {{0}};

	assert_int_equal(
	    triage_lists(f->t, q, &l->g, &l->ng, &l->z, &l->nz, &e), 0);
}

static void lists_free(struct lists *l)
{
	triage_groups_free(l->g, l->ng);
	triage_noise_free(l->z, l->nz);
}

static const struct triage_group *find(const struct lists *l, const char *ip)
{
	for (size_t i = 0; i < l->ng; i++)
		if (strcmp(l->g[i].ip, ip) == 0)
			return &l->g[i];
	return NULL;
}

static int64_t reports_of(struct fx *f, const struct triage_query *q,
			  const char *ip)
{
	struct lists l;
	const struct triage_group *g;
	int64_t n;

	lists_read(f, q, &l);
	g = find(&l, ip);
	n = g ? g->n_reports : 0;
	lists_free(&l);
	return n;
}

static const struct triage_query open_only = {NULL, NULL, true};

static void test_triage_groups_count_reports_per_ip(void **state)
{
	struct fx *f = *state;

	add(f, "a.test", "192.0.2.1", 100);
	add(f, "b.test", "192.0.2.1", 200);
	add(f, "a.test", "192.0.2.2", 300);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 2);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.2"), 1);
}

/* An attack on our address, told by our customer: the report is grouped
 * under our victim (in scope), not under the attacker outside. */
static void test_triage_victim_of_ours_is_the_group(void **state)
{
	struct fx *f = *state;
	struct report *r = make("shop.test", NULL, "connection", 100, false);

	report_add_ip_role(r, "192.0.2.14", true, REPORT_IP_VICTIM);
	report_add_ip_role(r, "203.0.113.66", false, REPORT_IP_OFFENDER);
	add_report(f, r);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.14"), 1);
	assert_int_equal(reports_of(f, &open_only, "203.0.113.66"), 0);
}

static void test_triage_group_has_its_reporters_and_dates(void **state)
{
	struct fx *f = *state;
	struct lists l;
	const struct triage_group *g;

	add(f, "a.test", "192.0.2.1", 100);
	add(f, "b.test", "192.0.2.1", 300);
	add(f, "a.test", "192.0.2.1", 200);
	lists_read(f, &open_only, &l);
	g = find(&l, "192.0.2.1");
	assert_non_null(g);
	assert_int_equal(g->n_reporters, 2);
	assert_string_equal(g->reporters, "a.test,b.test");
	assert_int_equal(g->first_seen, 100);
	assert_int_equal(g->last_seen, 300);
	assert_int_equal(g->n_human, 3);
	lists_free(&l);
}

/* The second read comes from triage_cache: it must say the same. */
static void test_triage_kept_lists_read_back_the_same(void **state)
{
	struct fx *f = *state;
	struct lists a, b;

	add(f, "a.test", "192.0.2.1", 100);
	add(f, "b.test", "192.0.2.1", 300);
	add(f, "c.test", NULL, 50);
	lists_read(f, &open_only, &a);
	lists_read(f, &open_only, &b);
	assert_int_equal(a.ng, b.ng);
	for (size_t i = 0; i < a.ng; i++) {
		assert_int_equal(a.g[i].kind, b.g[i].kind);
		assert_string_equal(a.g[i].ip, b.g[i].ip);
		assert_int_equal(a.g[i].n_reports, b.g[i].n_reports);
		assert_string_equal(a.g[i].categories, b.g[i].categories);
		assert_string_equal(a.g[i].reporters, b.g[i].reporters);
		assert_int_equal(a.g[i].last_seen, b.g[i].last_seen);
		assert_string_equal(a.g[i].state, b.g[i].state);
	}
	lists_free(&a);
	lists_free(&b);
}

static void test_triage_lists_see_a_new_report(void **state)
{
	struct fx *f = *state;

	add(f, "a.test", "192.0.2.1", 100);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 1);
	add(f, "b.test", "192.0.2.1", 200);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 2);
}

static void test_triage_resolved_ip_leaves_the_open_list(void **state)
{
	struct fx *f = *state;
	struct triage_query all = {NULL, NULL, false};
	struct err e = {{0}};
	struct lists l;

	add(f, "a.test", "192.0.2.1", 100);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 1);
	assert_int_equal(store_ip_state_set(f->s, "192.0.2.1",
					    STORE_STATE_RESOLVED, NULL, &e),
			 0);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 0);
	lists_read(f, &all, &l);
	assert_non_null(find(&l, "192.0.2.1"));
	assert_string_equal(find(&l, "192.0.2.1")->state, "resolved");
	lists_free(&l);
}

static void test_triage_replaced_report_moves_group(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t id = add(f, "a.test", "192.0.2.1", 100);
	struct report *r = make("a.test", "192.0.2.9", "messaging", 100, false);

	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 1);
	assert_int_equal(store_report_replace(f->s, id, r, &e), 0);
	report_free(r);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 0);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.9"), 1);
}

static void test_triage_bulk_reporter_is_collapsed(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct lists l;
	struct triage_group *g;
	size_t n;

	for (int i = 0; i < 3; i++)
		add_report(f,
			   make("bot.test", "192.0.2.5", "copyright", i, true));
	add(f, "a.test", "192.0.2.1", 100);
	assert_int_equal(triage_refresh(f->t, &e), 0);
	lists_read(f, &open_only, &l);
	assert_null(find(&l, "192.0.2.5"));
	assert_int_equal(l.nz, 1);
	assert_string_equal(l.z[0].reporter, "bot.test");
	assert_int_equal(l.z[0].n_reports, 3);
	assert_int_equal(l.z[0].n_ips, 1);
	lists_free(&l);
	assert_int_equal(
	    triage_groups(f->t, &open_only, "bot.test", &g, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(g[0].ip, "192.0.2.5");
	triage_groups_free(g, n);
}

static bool only_phishing(void *ctx, const struct triage_fact *fact)
{
	(void)ctx;
	return fact->category && strcmp(fact->category, "phishing") == 0;
}

static void test_triage_filter_keeps_matching_reports(void **state)
{
	struct fx *f = *state;
	struct triage_query q = {only_phishing, NULL, true};

	add(f, "a.test", "192.0.2.1", 100);
	add_report(f, make("b.test", "192.0.2.1", "phishing", 200, false));
	add(f, "a.test", "192.0.2.2", 100);
	assert_int_equal(reports_of(f, &q, "192.0.2.1"), 1);
	assert_int_equal(reports_of(f, &q, "192.0.2.2"), 0);
}

static void test_triage_message_ids_newest_first(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t old = add(f, "a.test", "192.0.2.1", 100);
	int64_t mid = add(f, "a.test", "192.0.2.1", 300);
	int64_t *ids;
	size_t n;

	add(f, "a.test", "192.0.2.2", 200);
	assert_int_equal(triage_message_ids(f->t, NULL, TRIAGE_IP, "192.0.2.1",
					    &ids, &n, &e),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], mid);
	assert_int_equal(ids[1], old);
	free(ids);
}

static void test_triage_message_in_group_has_group_state(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t id = add(f, "a.test", "192.0.2.1", 100);
	struct triage_message *m;
	size_t n;

	assert_int_equal(store_ip_state_set(f->s, "192.0.2.1",
					    STORE_STATE_IGNORED, NULL, &e),
			 0);
	assert_int_equal(triage_messages_in_group(f->t, TRIAGE_IP, "192.0.2.1",
						  &id, 1, &m, &n, &e),
			 0);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].state, "ignored");
	assert_string_equal(m[0].reporter, "a.test");
	triage_messages_free(m, n);
}

static void test_triage_search_newest_first(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t a = add_report(f, make("a.test", NULL, "phishing", 1, false));
	int64_t b = add_report(f, make("a.test", NULL, "phishing", 2, false));
	int64_t *ids;
	size_t n;

	add(f, "a.test", NULL, 3);
	assert_int_equal(triage_search(f->t, "phishing", &ids, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], b);
	assert_int_equal(ids[1], a);
	free(ids);
}

/* How many lists triage_cache holds at the current version. */
static int kept_now(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int n = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT count(*) FROM triage_cache"
					    " c JOIN triage_version v"
					    " ON c.version = v.v",
					    -1, &st, NULL),
			 SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

/* A resolve only re-reads states; the lists it makes are kept when the
 * triage is freed, for the next start. */
static void
test_triage_lists_after_a_state_change_are_kept_at_exit(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};

	add(f, "a.test", "192.0.2.1", 100);
	add(f, "a.test", "192.0.2.2", 100);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 1);
	assert_int_equal(store_ip_state_set(f->s, "192.0.2.1",
					    STORE_STATE_RESOLVED, NULL, &e),
			 0);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 0);
	assert_int_equal(kept_now(f->path), 0);
	triage_free(f->t);
	f->t = NULL;
	assert_int_equal(kept_now(f->path), 2);
	f->t = triage_open(f->s, &rule, &e);
	assert_non_null(f->t);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 0);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.2"), 1);
}

/* A cache from before schema 3: the migration derives the facts. */
static void test_triage_migration_derives_facts(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};

	triage_free(f->t);
	store_close(f->s);
	unlink(f->path);
	assert_int_equal(open_store(f, 2), 0);
	add(f, "a.test", "192.0.2.1", 100);
	add(f, "b.test", "192.0.2.1", 200);
	store_close(f->s);
	assert_int_equal(open_store(f, STORE_SCHEMA_VERSION), 0);
	f->t = triage_open(f->s, &rule, &e);
	assert_non_null(f->t);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 2);
}

/* Message uid of the IMAP mailbox INBOX, about ip; returns its id. */
static int64_t add_uid(struct fx *f, uint32_t uid, const char *ip)
{
	struct report *r = make("a.test", ip, "messaging", 100 + uid, false);
	struct err e = {{0}};
	char *raw = xasprintf("Subject: %u\r\n\r\nbody %u\r\n", uid, uid);
	struct store_message_in m = {
	    .uid = uid, .internal_date = 1000, .raw = raw, .len = strlen(raw)};
	int64_t id = 0;
	bool added;

	assert_int_equal(
	    store_mailbox_get_or_create(f->s, "INBOX", &m.mailbox_id, &e), 0);
	assert_int_equal(store_message_add(f->s, &m, r, &id, &added, &e), 0);
	free(raw);
	report_free(r);
	return id;
}

static void gone(struct fx *f, uint32_t uid)
{
	struct err e = {{0}};
	int64_t box;

	assert_int_equal(store_mailbox_get_or_create(f->s, "INBOX", &box, &e),
			 0);
	assert_int_equal(store_sync_gone(f->s, box, uid, &e), 1);
}

static const struct triage_query every = {NULL, NULL, false};

static void test_triage_gone_report_leaves_the_counts(void **state)
{
	struct fx *f = *state;

	add_uid(f, 1, "192.0.2.1");
	add_uid(f, 2, "192.0.2.1");
	assert_int_equal(reports_of(f, &every, "192.0.2.1"), 2);
	gone(f, 1);
	assert_int_equal(reports_of(f, &every, "192.0.2.1"), 1);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 1);
	gone(f, 2);
	assert_int_equal(reports_of(f, &every, "192.0.2.1"), 0);
}

static void test_triage_gone_report_is_listed_but_not_open(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t id = add_uid(f, 1, "192.0.2.1");
	struct triage_message *m;
	int64_t *ids;
	size_t n;

	add_uid(f, 2, "192.0.2.1");
	gone(f, 1);
	assert_int_equal(
	    triage_messages(f->t, &every, TRIAGE_IP, "192.0.2.1", &m, &n, &e),
	    0);
	assert_int_equal(n, 2);
	assert_int_equal(m[1].id, id);
	assert_true(m[1].gone);
	assert_false(m[0].gone);
	triage_messages_free(m, n);
	assert_int_equal(triage_message_ids(f->t, &open_only, TRIAGE_IP,
					    "192.0.2.1", &ids, &n, &e),
			 0);
	assert_int_equal(n, 1);
	assert_true(ids[0] != id);
	free(ids);
	assert_int_equal(triage_messages_by_id(f->t, &id, 1, &m, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_true(m[0].gone);
	triage_messages_free(m, n);
}

/* Every list of reports carries the stored verdict on the sender, which
 * the screen marks; nothing is derived again. */
static void test_triage_messages_carry_sender_verdict(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct report *r =
	    make("cert.test", "192.0.2.1", "messaging", 200, false);
	struct triage_message *m;
	int64_t forged, ids[2];
	size_t n;

	r->auth_dmarc = REPORT_AUTH_FAIL;
	r->auth_verdict = REPORT_AUTH_NOT_VERIFIED;
	forged = add_report(f, r);
	ids[1] = add(f, "a.test", "192.0.2.1", 100);
	ids[0] = forged;
	assert_int_equal(
	    triage_messages(f->t, &every, TRIAGE_IP, "192.0.2.1", &m, &n, &e),
	    0);
	assert_int_equal(n, 2);
	assert_int_equal(m[0].id, forged);
	assert_int_equal(m[0].auth, REPORT_AUTH_NOT_VERIFIED);
	assert_int_equal(m[1].auth, REPORT_AUTH_UNKNOWN);
	triage_messages_free(m, n);
	assert_int_equal(triage_messages_in_group(f->t, TRIAGE_IP, "192.0.2.1",
						  ids, 2, &m, &n, &e),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(m[0].auth, REPORT_AUTH_NOT_VERIFIED);
	assert_int_equal(m[1].auth, REPORT_AUTH_UNKNOWN);
	triage_messages_free(m, n);
	assert_int_equal(triage_messages_by_id(f->t, &forged, 1, &m, &n, &e),
			 0);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].auth, REPORT_AUTH_NOT_VERIFIED);
	triage_messages_free(m, n);
}

static void test_triage_rebound_report_counts_again(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	char *raw = xasprintf("Subject: %u\r\n\r\nbody %u\r\n", 1u, 1u);
	struct store_message_in m = {
	    .uid = 9, .internal_date = 1000, .raw = raw, .len = strlen(raw)};
	int64_t unbound, id;

	add_uid(f, 1, "192.0.2.1");
	assert_int_equal(
	    store_mailbox_get_or_create(f->s, "INBOX", &m.mailbox_id, &e), 0);
	assert_int_equal(store_sync_unbind(f->s, m.mailbox_id, &e), 0);
	assert_int_equal(reports_of(f, &every, "192.0.2.1"), 0);
	assert_int_equal(
	    store_sync_unbound_load(f->s, m.mailbox_id, &unbound, &e), 0);
	assert_int_equal(store_sync_rebind(f->s, &m, &id, &e), 1);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 1);
	free(raw);
}

/* Facts are made at the commit; a reader inside the transaction sees
 * the reports written so far all the same. */
static void test_triage_lists_see_reports_of_an_open_transaction(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};

	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 0);
	assert_int_equal(store_begin(f->s, &e), 0);
	add(f, "a.test", "192.0.2.1", 100);
	add(f, "b.test", "192.0.2.1", 200);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 2);
	add(f, "c.test", "192.0.2.1", 300);
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 3);
}

/* The counts that decide noise add up over a batch of one transaction,
 * and a batch that is rolled back counts for nothing. */
static void test_triage_batch_counts_each_reporter(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct lists l;

	assert_int_equal(store_begin(f->s, &e), 0);
	for (int i = 0; i < 3; i++)
		add_report(
		    f, make("gone.test", "192.0.2.6", "copyright", i, true));
	store_rollback(f->s);
	assert_int_equal(store_begin(f->s, &e), 0);
	for (int i = 0; i < 2; i++)
		add_report(f,
			   make("bot.test", "192.0.2.5", "copyright", i, true));
	add(f, "a.test", "192.0.2.1", 100);
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(triage_refresh(f->t, &e), 0);
	lists_read(f, &open_only, &l);
	assert_int_equal(l.nz, 0);
	assert_null(find(&l, "192.0.2.6"));
	lists_free(&l);
	add_report(f, make("bot.test", "192.0.2.5", "copyright", 9, true));
	assert_int_equal(triage_refresh(f->t, &e), 0);
	lists_read(f, &open_only, &l);
	assert_int_equal(l.nz, 1);
	assert_string_equal(l.z[0].reporter, "bot.test");
	assert_int_equal(l.z[0].n_reports, 3);
	lists_free(&l);
}

/* A cache of schema 3 with an expunged message: the migration marks its
 * facts. */
static void test_triage_migration_marks_gone_reports(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};

	triage_free(f->t);
	store_close(f->s);
	unlink(f->path);
	assert_int_equal(open_store(f, 3), 0);
	add_uid(f, 1, "192.0.2.1");
	add_uid(f, 2, "192.0.2.1");
	gone(f, 2);
	store_close(f->s);
	assert_int_equal(open_store(f, STORE_SCHEMA_VERSION), 0);
	f->t = triage_open(f->s, &rule, &e);
	assert_non_null(f->t);
	assert_int_equal(reports_of(f, &every, "192.0.2.1"), 1);
}

/* The noise row's reason comes from the rule that made it noise. */
static void test_triage_noise_says_why(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	char why[96];

	for (int i = 0; i < 3; i++)
		add_report(f,
			   make("bot.test", "192.0.2.5", "copyright", i, true));
	add(f, "a.test", "192.0.2.1", 100);
	assert_int_equal(triage_refresh(f->t, &e), 0);
	assert_int_equal(
	    triage_noise_why(f->t, "bot.test", why, sizeof why, &e), 1);
	assert_string_equal(why, "3 reports, 100% automated");
	assert_int_equal(triage_noise_why(f->t, "a.test", why, sizeof why, &e),
			 0);
}

/* A copyright enforcement sender on the shipped list is noise before it
 * has a history in this cache. */
static void
test_triage_known_bulk_reporter_is_noise_from_its_first_report(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct lists l;
	char why[96];

	add_report(f,
		   make("ip-echelon.com", "192.0.2.6", "copyright", 1, true));
	assert_int_equal(triage_refresh(f->t, &e), 0);
	lists_read(f, &open_only, &l);
	assert_null(find(&l, "192.0.2.6"));
	assert_int_equal(l.nz, 1);
	assert_string_equal(l.z[0].reporter, "ip-echelon.com");
	lists_free(&l);
	assert_int_equal(
	    triage_noise_why(f->t, "ip-echelon.com", why, sizeof why, &e), 1);
	assert_string_equal(why, "known copyright enforcement sender");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	    T(test_triage_noise_says_why),
	    T(test_triage_known_bulk_reporter_is_noise_from_its_first_report),
	    T(test_triage_groups_count_reports_per_ip),
	    T(test_triage_victim_of_ours_is_the_group),
	    T(test_triage_group_has_its_reporters_and_dates),
	    T(test_triage_kept_lists_read_back_the_same),
	    T(test_triage_lists_see_a_new_report),
	    T(test_triage_resolved_ip_leaves_the_open_list),
	    T(test_triage_replaced_report_moves_group),
	    T(test_triage_bulk_reporter_is_collapsed),
	    T(test_triage_filter_keeps_matching_reports),
	    T(test_triage_message_ids_newest_first),
	    T(test_triage_message_in_group_has_group_state),
	    T(test_triage_search_newest_first),
	    T(test_triage_lists_after_a_state_change_are_kept_at_exit),
	    T(test_triage_migration_derives_facts),
	    T(test_triage_gone_report_leaves_the_counts),
	    T(test_triage_gone_report_is_listed_but_not_open),
	    T(test_triage_messages_carry_sender_verdict),
	    T(test_triage_rebound_report_counts_again),
	    T(test_triage_lists_see_reports_of_an_open_transaction),
	    T(test_triage_batch_counts_each_reporter),
	    T(test_triage_migration_marks_gone_reports),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
