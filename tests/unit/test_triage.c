/* test_triage.c: the triage screen's reads — groups and noise reporters
 * from the facts kept for them (schema 3, made per transaction since
 * schema 4), expunged reports, the kept lists and what
 * makes them out of date, filters, a group's ids, search. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analysis/bulk.h"
#include "analysis/urgency.h"
#include "core/xalloc.h"
#include "store/reporter_noise.h"
#include "store/store.h"
#include "store/sync.h"
#include "analysis/noise.h"
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
static const struct triage_noise_rule rule = {no_domains, 0,   no_domains, 0,
					      3,	  0.9, NULL};

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
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal",
					     ".sealed"};

	triage_free(f->t);
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
	noise_judge(r); /* as the analysis does last */
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
	struct triage *own; /* lists_whole()'s: the groups' strings are its */
};

static void lists_read(struct fx *f, const struct triage_query *q,
		       struct lists *l)
{
	struct err e = {{0}};

	l->own = NULL;
	assert_int_equal(
	    triage_lists(f->t, q, &l->g, &l->ng, &l->z, &l->nz, &e), 0);
}

static void lists_free(struct lists *l)
{
	triage_groups_free(l->g, l->ng);
	triage_noise_free(l->z, l->nz);
	triage_free(l->own);
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
static const struct triage_query every = {NULL, NULL, false};

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

	struct triage_message *m;
	struct err e = {{0}};
	int64_t id, other;
	size_t n;

	report_add_ip_role(r, "192.0.2.14", true, REPORT_IP_VICTIM);
	report_add_ip_role(r, "203.0.113.66", false, REPORT_IP_OFFENDER);
	id = add_report(f, r);
	other = add(f, "a.test", "192.0.2.14", 50);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.14"), 2);
	assert_int_equal(reports_of(f, &open_only, "203.0.113.66"), 0);
	/* Its row says so, in its group and as a search hit; the offender
	 * report beside it does not. */
	assert_int_equal(triage_messages_in_group(f->t, TRIAGE_IP, "192.0.2.14",
						  &id, 1, &m, &n, &e),
			 0);
	assert_true(n == 1 && m[0].victim);
	triage_messages_free(m, n);
	assert_int_equal(triage_messages_by_id(f->t, &id, 1, &m, &n, &e), 0);
	assert_true(n == 1 && m[0].victim);
	triage_messages_free(m, n);
	assert_int_equal(triage_messages_by_id(f->t, &other, 1, &m, &n, &e), 0);
	assert_true(n == 1 && !m[0].victim);
	triage_messages_free(m, n);
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

/* Enough groups that their strings fill more than one of the kept
 * strings' chunks, and one reporters list longer than a quarter chunk
 * (kept on its own): every row still reads its own strings. */
static void test_triage_many_strings_read_back(void **state)
{
	struct fx *f = *state;
	enum { GROUPS = 2600, REPORTERS = 600 };
	struct lists l;
	char ip[32], rep[64];
	const struct triage_group *g;
	size_t len = 0;

	for (int i = 0; i < GROUPS; i++) {
		snprintf(ip, sizeof ip, "10.%d.%d.%d", i / 65536, i / 256 % 256,
			 i % 256);
		snprintf(rep, sizeof rep, "reporter-%04d.test", i);
		add(f, rep, ip, 100 + i);
	}
	for (int i = 0; i < REPORTERS; i++) {
		snprintf(rep, sizeof rep, "a-rather-long-reporter-%04d.test",
			 i);
		add(f, rep, "192.0.2.9", 100);
		len += strlen(rep) + 1;
	}
	lists_read(f, &every, &l);
	assert_int_equal(l.ng, GROUPS + 1);
	for (int i = 0; i < GROUPS; i += 97) {
		snprintf(ip, sizeof ip, "10.%d.%d.%d", i / 65536, i / 256 % 256,
			 i % 256);
		snprintf(rep, sizeof rep, "reporter-%04d.test", i);
		g = find(&l, ip);
		assert_non_null(g);
		assert_string_equal(g->reporters, rep);
	}
	g = find(&l, "192.0.2.9");
	assert_non_null(g);
	assert_int_equal(g->n_reporters, REPORTERS);
	assert_int_equal(strlen(g->reporters), len - 1);
	assert_true(strncmp(g->reporters, "a-rather-long-reporter-0000.test,",
			    33) == 0);
	assert_non_null(
	    strstr(g->reporters, ",a-rather-long-reporter-0599.test"));
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
		assert_int_equal(a.g[i].state, b.g[i].state);
		assert_int_equal(a.g[i].harm, b.g[i].harm);
		assert_int_equal(a.g[i].urgency, b.g[i].urgency);
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
	assert_int_equal(find(&l, "192.0.2.1")->state, STORE_STATE_RESOLVED);
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
	assert_int_equal(m[0].state, STORE_STATE_IGNORED);
	assert_string_equal(m[0].reporter, "a.test");
	triage_messages_free(m, n);
}

/* The limit's state: term, as a filter. */
static bool state_is(void *ctx, const struct triage_fact *fact)
{
	return fact->state == *(const enum store_state *)ctx;
}

/* One decision of the sequences below: on the report or on its IP. */
struct decision_step {
	bool on_ip;
	enum store_state st;
};

static const struct decision_step steps[] = {
    {false, STORE_STATE_RESOLVED}, {false, STORE_STATE_IGNORED},
    {false, STORE_STATE_OPEN},	   {true, STORE_STATE_RESOLVED},
    {true, STORE_STATE_IGNORED},   {true, STORE_STATE_OPEN},
};
enum { N_STEPS = sizeof steps / sizeof *steps };

/* The state of report id as each reader shows it: the group list (its
 * open count; the group holds only this report), the group's messages,
 * a search hit, and the limit's state: term (the filtered group list). */
static void assert_every_reader_says(struct fx *f, int64_t id,
				     enum store_state want)
{
	struct triage_query limited = {state_is, &want, false};
	struct triage_message *m;
	struct err e = {{0}};
	struct lists l;
	size_t n;

	lists_read(f, &every, &l);
	assert_int_equal(find(&l, "192.0.2.1")->n_open,
			 want == STORE_STATE_OPEN);
	lists_free(&l);
	lists_read(f, &limited, &l);
	assert_non_null(find(&l, "192.0.2.1"));
	lists_free(&l);
	assert_int_equal(triage_messages_in_group(f->t, TRIAGE_IP, "192.0.2.1",
						  &id, 1, &m, &n, &e),
			 0);
	assert_int_equal(m[0].state, want);
	triage_messages_free(m, n);
	assert_int_equal(triage_messages_by_id(f->t, &id, 1, &m, &n, &e), 0);
	assert_int_equal(m[0].state, want);
	triage_messages_free(m, n);
}

/* Every sequence of three decisions, made within the same second: the
 * later of the report's and its IP's decision is the report's state, and
 * every reader agrees. */
static void test_triage_state_is_one_rule_for_every_reader(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t id = add(f, "a.test", "192.0.2.1", 100);

	for (int k = 0; k < N_STEPS * N_STEPS * N_STEPS; k++) {
		enum store_state want = STORE_STATE_OPEN;
		assert_int_equal(store_ip_state_clear(f->s, "192.0.2.1", &e),
				 0);
		assert_int_equal(store_report_state_clear(f->s, id, &e), 0);
		for (int i = 0, code = k; i < 3; i++, code /= N_STEPS) {
			const struct decision_step *d = &steps[code % N_STEPS];
			assert_int_equal(
			    d->on_ip ? store_ip_state_set(f->s, "192.0.2.1",
							  d->st, NULL, &e)
				     : store_report_state_set(f->s, id, d->st,
							      NULL, &e),
			    0);
			want = d->st;
		}
		assert_every_reader_says(f, id, want);
	}
}

static void test_search_lists_hits_newest_first(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t a = add_report(f, make("a.test", NULL, "phishing", 1, false));
	int64_t b = add_report(f, make("a.test", NULL, "phishing", 2, false));
	int64_t *ids;
	size_t n;

	add(f, "a.test", NULL, 3);
	assert_int_equal(store_search(f->s, "phishing", &ids, &n, &e), 0);
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
	assert_int_equal(triage_message_ids(f->t, &every, TRIAGE_IP,
					    "192.0.2.1", &ids, &n, &e),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(triage_messages_in_group(f->t, TRIAGE_IP, "192.0.2.1",
						  ids, n, &m, &n, &e),
			 0);
	free(ids);
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
	assert_string_equal(why, "known copyright bot");
}

/* A reporter most of whose reports carry a known bulk reporter's
 * signature is noise for that signature's why, however they read; one
 * with a signature on a few of its reports is not. */
static void test_triage_signature_on_most_reports_is_noise(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	char why[96];

	for (int i = 0; i < 3; i++) {
		struct report *r =
		    make("notices.example", "192.0.2.7", "spam", 10 + i, false);
		r->bulk = i < 2 ? xstrdup("referrer-spam notices") : NULL;
		add_report(f, r);
	}
	for (int i = 0; i < 3; i++) {
		struct report *r =
		    make("person.example", "192.0.2.8", "spam", 10 + i, false);
		r->bulk = i < 1 ? xstrdup("referrer-spam notices") : NULL;
		add_report(f, r);
	}
	assert_int_equal(triage_refresh(f->t, &e), 0);
	assert_int_equal(
	    triage_noise_why(f->t, "notices.example", why, sizeof why, &e), 1);
	assert_string_equal(why, "referrer-spam notices");
	assert_int_equal(
	    triage_noise_why(f->t, "person.example", why, sizeof why, &e), 0);
}

/* The rule reads the list it is given: a user's line that takes a
 * shipped domain back makes that reporter an ordinary one, and a domain
 * the user adds is noise for the user's why. */
static void test_triage_known_list_of_the_rule_decides(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct bulk_list *l = bulk_list_new();
	struct triage_noise_rule mine = rule;
	char why[96];

	assert_int_equal(bulk_list_parse(l, "shipped",
					 "ip-echelon.com\tcopyright\tknown "
					 "copyright bot\n",
					 &e),
			 0);
	assert_int_equal(bulk_list_parse(l, "user",
					 "-ip-echelon.com\n"
					 "mailer.example\tmonitor\tmy own "
					 "reason\n",
					 &e),
			 0);
	mine.known = l;
	triage_free(f->t);
	f->t = triage_open(f->s, &mine, &e);
	assert_non_null(f->t);
	add_report(f,
		   make("ip-echelon.com", "192.0.2.6", "copyright", 1, true));
	add_report(f, make("mailer.example", "192.0.2.9", "spam", 2, false));
	assert_int_equal(triage_refresh(f->t, &e), 0);
	assert_int_equal(
	    triage_noise_why(f->t, "ip-echelon.com", why, sizeof why, &e), 0);
	assert_int_equal(
	    triage_noise_why(f->t, "mailer.example", why, sizeof why, &e), 1);
	assert_string_equal(why, "my own reason");
	triage_free(f->t);
	f->t = NULL;
	bulk_list_free(l);
}

/* The noise row of a reporter, or NULL. */
static const struct triage_noise *noise_row(const struct lists *l,
					    const char *reporter)
{
	for (size_t i = 0; i < l->nz; i++)
		if (strcmp(l->z[i].reporter, reporter) == 0)
			return &l->z[i];
	return NULL;
}

static void set_mode(struct fx *f, const char *domain,
		     enum store_noise_mode mode)
{
	struct err e = {{0}};

	assert_int_equal(store_reporter_noise_set(f->s, domain, mode, &e), 1);
	assert_int_equal(triage_refresh(f->t, &e), 0);
}

/* A person's reports are noise once the user marks their sender. */
static void test_triage_marked_reporter_is_noise_marked_by_you(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct lists l;
	char why[96];

	add(f, "person.test", "192.0.2.1", 100);
	set_mode(f, "person.test", STORE_NOISE_MARKED);
	lists_read(f, &open_only, &l);
	assert_null(find(&l, "192.0.2.1"));
	assert_non_null(noise_row(&l, "person.test"));
	lists_free(&l);
	assert_int_equal(
	    triage_noise_why(f->t, "person.test", why, sizeof why, &e), 1);
	assert_string_equal(why, "marked by you");
}

/* A known bulk sender the user unmarks is an ordinary reporter again:
 * its group is listed and it has no noise row. */
static void test_triage_unmarked_bulk_reporter_is_not_noise(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct lists l;
	char why[96];

	add_report(f,
		   make("ip-echelon.com", "192.0.2.6", "copyright", 1, true));
	set_mode(f, "ip-echelon.com", STORE_NOISE_NEVER);
	lists_read(f, &open_only, &l);
	assert_non_null(find(&l, "192.0.2.6"));
	assert_null(noise_row(&l, "ip-echelon.com"));
	lists_free(&l);
	assert_int_equal(
	    triage_noise_why(f->t, "ip-echelon.com", why, sizeof why, &e), 0);
}

/* Back to auto, the rule decides again as if nothing had been marked. */
static void test_triage_auto_noise_mode_restores_the_rule(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	enum store_noise_mode m;
	char why[96];

	add(f, "person.test", "192.0.2.1", 100);
	add_report(f,
		   make("ip-echelon.com", "192.0.2.6", "copyright", 1, true));
	set_mode(f, "person.test", STORE_NOISE_MARKED);
	set_mode(f, "ip-echelon.com", STORE_NOISE_NEVER);
	set_mode(f, "person.test", STORE_NOISE_AUTO);
	set_mode(f, "ip-echelon.com", STORE_NOISE_AUTO);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.1"), 1);
	assert_int_equal(reports_of(f, &open_only, "192.0.2.6"), 0);
	assert_int_equal(
	    triage_noise_why(f->t, "ip-echelon.com", why, sizeof why, &e), 1);
	assert_string_equal(why, "known copyright bot");
	assert_int_equal(store_reporter_noise_get(f->s, "person.test", &m, &e),
			 1);
	assert_int_equal(m, STORE_NOISE_AUTO);
}

/* The key: noise for whatever reason becomes never, anything else noise;
 * the mode before is given back for undo. */
static void test_triage_noise_toggle_flips_what_counts_now(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	enum store_noise_mode was, now;

	add(f, "person.test", "192.0.2.1", 100);
	add_report(f,
		   make("ip-echelon.com", "192.0.2.6", "copyright", 1, true));
	assert_int_equal(store_reporter_noise_toggle(f->s, f->t, "person.test",
						     &was, &now, &e),
			 1);
	assert_int_equal(was, STORE_NOISE_AUTO);
	assert_int_equal(now, STORE_NOISE_MARKED);
	assert_int_equal(store_reporter_noise_toggle(f->s, f->t, "person.test",
						     &was, &now, &e),
			 1);
	assert_int_equal(was, STORE_NOISE_MARKED);
	assert_int_equal(now, STORE_NOISE_NEVER);
	assert_int_equal(store_reporter_noise_toggle(
			     f->s, f->t, "ip-echelon.com", &was, &now, &e),
			 1);
	assert_int_equal(was, STORE_NOISE_AUTO);
	assert_int_equal(now, STORE_NOISE_NEVER);
	assert_int_equal(store_reporter_noise_toggle(f->s, f->t, "nobody.test",
						     &was, &now, &e),
			 0);
}

/* A domain with no reports is not made a reporter by a mark. */
static void
test_triage_noise_mark_of_unknown_domain_changes_nothing(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct store_reporter_mode *v;
	size_t n;

	add(f, "person.test", "192.0.2.1", 100);
	assert_int_equal(store_reporter_noise_set(f->s, "nobody.test",
						  STORE_NOISE_MARKED, &e),
			 0);
	assert_int_equal(store_reporter_modes(f->s, &v, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].domain, "person.test");
	assert_int_equal(v[0].reports, 1);
	store_reporter_modes_free(v, n);
}

/* What the key on a report or in the pager marks: its reporter. */
static void test_triage_report_reporter_names_the_sender(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t id = add(f, "person.test", "192.0.2.1", 100);
	struct report *r = make("x.test", "192.0.2.2", "spam", 1, false);
	int64_t anon;
	char *d = NULL;

	free(r->reporter);
	r->reporter = NULL;
	anon = add_report(f, r);
	assert_int_equal(store_report_reporter(f->s, id, &d, &e), 1);
	assert_string_equal(d, "person.test");
	free(d);
	assert_int_equal(store_report_reporter(f->s, anon, &d, &e), 0);
	assert_null(d);
	assert_int_equal(store_report_reporter(f->s, anon + 1, &d, &e), 0);
}

/* ---- urgency ---- */

/* A report of kind category/type with the harm the analysis gives it. */
static struct report *make_kind(const char *reporter, const char *ip,
				const char *category, const char *type,
				int64_t date, bool bot)
{
	struct report *r = make(reporter, ip, category, date, bot);

	r->type = xstrdup(type);
	r->harm = urgency_harm(category, type);
	return r;
}

static int64_t add_kind(struct fx *f, const char *reporter, const char *ip,
			const char *category, const char *type, int64_t date)
{
	return add_report(f,
			  make_kind(reporter, ip, category, type, date, true));
}

/* An automatic reply that quotes an address: no report, no harm. */
static void add_ack(struct fx *f, const char *reporter, const char *ip)
{
	struct report *r = make(reporter, ip, "other", 50, true);

	r->format = REPORT_FORMAT_UNKNOWN;
	add_report(f, r);
}

/* The urgency of ip's group as the open list gives it; -1 when absent. */
static int urgency_of(struct fx *f, const char *ip)
{
	struct lists l;
	const struct triage_group *g;
	int u;

	lists_read(f, &open_only, &l);
	g = find(&l, ip);
	u = g ? g->urgency : -1;
	lists_free(&l);
	return u;
}

/* Harm decides: phishing above spam above copyright, whatever the dates
 * (the spam is newest), and the marks say so. */
static void test_triage_urgency_puts_live_harm_first(void **state)
{
	struct fx *f = *state;
	int phish, spam, copy;

	add_kind(f, "a.test", "192.0.2.1", "content", "phishing", 100);
	add_kind(f, "b.test", "192.0.2.2", "messaging", "spam", 300);
	add_kind(f, "c.test", "192.0.2.3", "copyright", "p2p", 200);
	phish = urgency_of(f, "192.0.2.1");
	spam = urgency_of(f, "192.0.2.2");
	copy = urgency_of(f, "192.0.2.3");
	assert_true(phish > spam);
	assert_true(spam > copy);
	assert_true(copy > 0);
	assert_string_equal(triage_urgency_mark(phish), "7 ");
	assert_string_equal(triage_urgency_mark(spam), "3 ");
	assert_string_equal(triage_urgency_mark(0), "  ");
}

/* A person's report, a deadline and repetition each raise a group by
 * one, all three together still below the next harm up. */
static void test_triage_urgency_raised_within_its_harm(void **state)
{
	struct fx *f = *state;
	struct report *r;
	int base;

	add_kind(f, "a.test", "192.0.2.1", "messaging", "spam", 100);
	add_report(f, make_kind("b.test", "192.0.2.2", "messaging", "spam", 100,
				false));
	r = make_kind("c.test", "192.0.2.3", "messaging", "spam", 100, true);
	r->deadline = true;
	add_report(f, r);
	add_kind(f, "d.test", "192.0.2.4", "messaging", "spam", 100);
	add_kind(f, "e.test", "192.0.2.4", "messaging", "spam", 100);
	r = make_kind("f.test", "192.0.2.5", "messaging", "spam", 100, false);
	r->deadline = true;
	add_report(f, r);
	add_kind(f, "g.test", "192.0.2.5", "messaging", "spam", 100);
	add_kind(f, "g.test", "192.0.2.5", "messaging", "spam", 100);
	add_kind(f, "h.test", "192.0.2.6", "connection", "login_attack", 100);

	base = urgency_of(f, "192.0.2.1");
	assert_int_equal(urgency_of(f, "192.0.2.2"), base + 1); /* person */
	assert_int_equal(urgency_of(f, "192.0.2.3"), base + 1); /* deadline */
	assert_int_equal(urgency_of(f, "192.0.2.4"),
			 base + 1); /* 2 reporters */
	assert_int_equal(urgency_of(f, "192.0.2.5"), base + 3);
	assert_true(urgency_of(f, "192.0.2.6") > base + 3);
	assert_string_equal(triage_urgency_mark(base + 3), "3+");
	assert_string_equal(triage_urgency_mark(urgency_of(f, "192.0.2.6")),
			    "4 ");
}

/* Only acknowledgements, or harm told only by a noise reporter or only
 * by closed reports: the group sinks below a copyright notice. */
static void test_triage_urgency_sinks_noise_and_acknowledgements(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t id;

	add_kind(f, "c.test", "192.0.2.1", "copyright", "p2p", 100);
	add_ack(f, "a.test", "192.0.2.2");
	for (int i = 0; i < 3; i++)
		add_kind(f, "bot.test", "192.0.2.3", "content", "phishing", i);
	add_ack(f, "b.test", "192.0.2.3");
	id = add_kind(f, "d.test", "192.0.2.4", "content", "phishing", 100);
	add_ack(f, "e.test", "192.0.2.4");
	assert_int_equal(
	    store_report_state_set(f->s, id, STORE_STATE_RESOLVED, NULL, &e),
	    0);
	assert_true(urgency_of(f, "192.0.2.3") > urgency_of(f, "192.0.2.1"));
	assert_int_equal(triage_refresh(f->t, &e), 0);

	assert_true(urgency_of(f, "192.0.2.1") > 0);
	assert_int_equal(urgency_of(f, "192.0.2.2"), 0);
	assert_int_equal(urgency_of(f, "192.0.2.3"), 0);
	assert_int_equal(urgency_of(f, "192.0.2.4"), 0);
}

/* In the list of one noise reporter its own reports count. */
static void test_triage_urgency_of_a_noise_reporters_groups(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct triage_group *g;
	size_t n;

	for (int i = 0; i < 3; i++)
		add_kind(f, "bot.test", "192.0.2.3", "content", "phishing", i);
	add_kind(f, "a.test", "192.0.2.1", "messaging", "spam", 100);
	assert_int_equal(triage_refresh(f->t, &e), 0);
	assert_true(triage_groups(f->t, &open_only, "bot.test", &g, &n, &e) >=
		    0);
	assert_int_equal(n, 1);
	assert_int_equal(g[0].harm, urgency_harm("content", "phishing"));
	assert_string_equal(triage_urgency_mark(g[0].urgency), "7+");
	triage_groups_free(g, n);
}

/* ---- the main list kept per group, against a whole pass ---- */

static bool every_fact(void *ctx, const struct triage_fact *fact)
{
	(void)ctx;
	(void)fact;
	return true;
}

/* The lists as a triage opened now makes them in one pass over every
 * fact (a filter that keeps all is never the list kept per group). */
static void lists_whole(struct fx *f, bool only_open, struct lists *l)
{
	struct triage_query q = {every_fact, NULL, only_open};
	struct err e = {{0}};
	struct triage *t = triage_open(f->s, &rule, &e);

	assert_non_null(t);
	assert_int_equal(triage_lists(t, &q, &l->g, &l->ng, &l->z, &l->nz, &e),
			 0);
	l->own = t;
}

static void assert_same_lists(struct lists *a, struct lists *b)
{
	assert_int_equal(a->ng, b->ng);
	assert_int_equal(a->nz, b->nz);
	triage_groups_sort(a->g, a->ng, CONFIG_SORT_URGENCY);
	triage_groups_sort(b->g, b->ng, CONFIG_SORT_URGENCY);
	for (size_t i = 0; i < a->ng; i++) {
		const struct triage_group *x = &a->g[i], *y = &b->g[i];
		assert_int_equal(x->kind, y->kind);
		assert_string_equal(x->ip, y->ip);
		assert_int_equal(x->n_reports, y->n_reports);
		assert_int_equal(x->n_reporters, y->n_reporters);
		assert_int_equal(x->n_open, y->n_open);
		assert_int_equal(x->n_noise, y->n_noise);
		assert_int_equal(x->n_human, y->n_human);
		assert_int_equal(x->n_action, y->n_action);
		assert_string_equal(x->categories, y->categories);
		assert_string_equal(x->reporters, y->reporters);
		assert_int_equal(x->first_seen, y->first_seen);
		assert_int_equal(x->last_seen, y->last_seen);
		assert_int_equal(x->state, y->state);
		assert_int_equal(x->harm, y->harm);
		assert_int_equal(x->urgency, y->urgency);
	}
	for (size_t i = 0; i < a->nz; i++) {
		assert_string_equal(a->z[i].reporter, b->z[i].reporter);
		assert_int_equal(a->z[i].n_reports, b->z[i].n_reports);
		assert_int_equal(a->z[i].n_ips, b->z[i].n_ips);
	}
}

static const char *const inc_ips[] = {
    "192.0.2.1",    "192.0.2.2",   "192.0.2.3",	  "198.51.100.7",
    "198.51.100.8", "203.0.113.9", "2001:db8::1", "2001:db8::2"};
static const char *const inc_reporters[] = {
    "bot1.example", "bot2.example", "person.example", "desk.example.org"};
static const char *const inc_cats[] = {"messaging", "connection", "content"};

static const char *pick_ip(unsigned *seed)
{
	return inc_ips[rand_r(seed) % (sizeof inc_ips / sizeof *inc_ips)];
}

/* The sparklines from the reports in memory are the cache's. */
static void assert_same_activity(struct fx *f)
{
	for (size_t i = 0; i < sizeof inc_ips / sizeof *inc_ips; i++) {
		int64_t a[STORE_ACTIVITY_WEEKS], b[STORE_ACTIVITY_WEEKS];
		struct err e = {{0}};
		assert_int_equal(
		    triage_activity(f->t, inc_ips[i], 5000000, a, &e), 0);
		assert_int_equal(
		    store_activity(f->s, inc_ips[i], 5000000, b, &e), 0);
		assert_memory_equal(a, b, sizeof a);
	}
}

/* A report of a random reporter about zero, one or two of the IPs. */
static struct report *random_report(unsigned *seed)
{
	int k = rand_r(seed) % 4;
	const char *rep = inc_reporters[k];
	struct report *r =
	    make(rep, rand_r(seed) % 8 ? pick_ip(seed) : NULL,
		 inc_cats[rand_r(seed) % 3], 1000 + rand_r(seed) % 5000, k < 2);

	if (rand_r(seed) % 5 == 0)
		report_add_ip(r, pick_ip(seed), true);
	if (rand_r(seed) % 6 == 0)
		report_add_ip(r, "192.0.2.200", false); /* not ours */
	return r;
}

/* Expunged on the server, unless it was already. */
static void gone_maybe(struct fx *f, uint32_t uid)
{
	struct err e = {{0}};
	int64_t box;

	assert_int_equal(store_mailbox_get_or_create(f->s, "INBOX", &box, &e),
			 0);
	assert_true(store_sync_gone(f->s, box, uid, &e) >= 0);
}

/* One random change of the kinds the screen sees between two frames. */
static void random_change(struct fx *f, unsigned *seed, uint32_t *uid)
{
	struct err e = {{0}};
	int64_t id = 1 + rand_r(seed) % (f->n_added + *uid + 1);
	static const enum store_state st[] = {
	    STORE_STATE_OPEN, STORE_STATE_RESOLVED, STORE_STATE_IGNORED};

	switch (rand_r(seed) % 8) {
	case 0:
	case 1:
		add_report(f, random_report(seed));
		break;
	case 2:
		add_uid(f, ++*uid, pick_ip(seed));
		break;
	case 3:
		if (*uid)
			gone_maybe(f, 1 + rand_r(seed) % *uid);
		break;
	case 4:
		assert_int_equal(store_ip_state_set(f->s, pick_ip(seed),
						    st[rand_r(seed) % 3], NULL,
						    &e),
				 0);
		break;
	case 5:
		store_ip_state_clear(f->s, pick_ip(seed), &e);
		break;
	case 6:
		if (rand_r(seed) % 2)
			store_report_state_set(f->s, id, st[rand_r(seed) % 3],
					       NULL, &e);
		else
			store_report_state_clear(f->s, id, &e);
		break;
	default: {
		struct report *r = random_report(seed);
		store_report_replace(f->s, id, r, &e);
		report_free(r);
	}
	}
}

/* Random batches of new mail and decisions: the lists the screen's
 * triage brings up to date are those a whole pass makes, every time. */
static void test_triage_kept_per_group_is_the_whole_pass(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	unsigned seed = 15;
	uint32_t uid = 0;
	size_t noise = 0;

	for (int batch = 0; batch < 80; batch++) {
		bool open = batch % 5 != 4;
		int n = 1 + rand_r(&seed) % 6;
		struct lists a, b;
		bool txn = rand_r(&seed) % 2;
		if (txn)
			assert_int_equal(store_begin(f->s, &e), 0);
		for (int i = 0; i < n; i++)
			random_change(f, &seed, &uid);
		if (txn)
			assert_int_equal(store_commit(f->s, &e), 0);
		assert_int_equal(triage_refresh(f->t, &e), 0);
		lists_read(f, open ? &open_only : &every, &a);
		lists_whole(f, open, &b);
		assert_same_lists(&a, &b);
		assert_same_activity(f);
		noise += a.nz;
		lists_free(&a);
		lists_free(&b);
	}
	assert_true(noise > 0); /* the noise counts were compared too */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	    T(test_triage_noise_says_why),
	    T(test_triage_known_bulk_reporter_is_noise_from_its_first_report),
	    T(test_triage_signature_on_most_reports_is_noise),
	    T(test_triage_known_list_of_the_rule_decides),
	    T(test_triage_groups_count_reports_per_ip),
	    T(test_triage_victim_of_ours_is_the_group),
	    T(test_triage_group_has_its_reporters_and_dates),
	    T(test_triage_many_strings_read_back),
	    T(test_triage_kept_lists_read_back_the_same),
	    T(test_triage_lists_see_a_new_report),
	    T(test_triage_resolved_ip_leaves_the_open_list),
	    T(test_triage_replaced_report_moves_group),
	    T(test_triage_bulk_reporter_is_collapsed),
	    T(test_triage_filter_keeps_matching_reports),
	    T(test_triage_message_ids_newest_first),
	    T(test_triage_message_in_group_has_group_state),
	    T(test_search_lists_hits_newest_first),
	    T(test_triage_state_is_one_rule_for_every_reader),
	    T(test_triage_lists_after_a_state_change_are_kept_at_exit),
	    T(test_triage_migration_derives_facts),
	    T(test_triage_gone_report_leaves_the_counts),
	    T(test_triage_gone_report_is_listed_but_not_open),
	    T(test_triage_messages_carry_sender_verdict),
	    T(test_triage_rebound_report_counts_again),
	    T(test_triage_lists_see_reports_of_an_open_transaction),
	    T(test_triage_batch_counts_each_reporter),
	    T(test_triage_migration_marks_gone_reports),
	    T(test_triage_marked_reporter_is_noise_marked_by_you),
	    T(test_triage_unmarked_bulk_reporter_is_not_noise),
	    T(test_triage_auto_noise_mode_restores_the_rule),
	    T(test_triage_noise_toggle_flips_what_counts_now),
	    T(test_triage_noise_mark_of_unknown_domain_changes_nothing),
	    T(test_triage_report_reporter_names_the_sender),
	    T(test_triage_urgency_puts_live_harm_first),
	    T(test_triage_urgency_raised_within_its_harm),
	    T(test_triage_urgency_sinks_noise_and_acknowledgements),
	    T(test_triage_urgency_of_a_noise_reporters_groups),
	    T(test_triage_kept_per_group_is_the_whole_pass),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
