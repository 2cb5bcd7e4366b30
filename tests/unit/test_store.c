/* test_store.c: the SQLite cache — file creation and modes, migrations,
 * storing messages and reports, groups, search, transactions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "store/stats.h"
#include "store/store.h"
#include "store/sync.h"
#include "store/triage.h"
#include "core/xalloc.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct fx {
	char dir[64];
	char *path;
	struct store *s;
	int64_t mailbox;
	struct triage *t; /* read_groups()'s: the groups' strings are its */
};

static void remove_db_files(const char *path)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal",
					     ".sealed"};

	for (size_t i = 0; i < 5; i++) {
		char *p = xasprintf("%s%s", path, suffix[i]);
		unlink(p);
		free(p);
	}
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/test_store.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	f->path = xasprintf("%s/cache.db", f->dir);
	*state = f;
	return 0;
}

static int setup_open(void **state)
{
	struct fx *f;
	struct err e = {{0}};

	if (setup(state) < 0)
		return -1;
	f = *state;
	f->s = store_open(f->path, &e);
	if (!f->s || store_mailbox_get_or_create(f->s, STORE_LOCAL_MAILBOX,
						 &f->mailbox, &e) < 0) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	triage_free(f->t);
	store_close(f->s);
	remove_db_files(f->path);
	rmdir(f->dir);
	free(f->path);
	free(f);
	return 0;
}

/* A report as the analysis would hand it over. */
static struct report *make_report(const char *subject, const char *reporter,
				  const char *category, int64_t date)
{
	struct report *r = report_new();

	r->subject = xstrdup(subject);
	r->from_addr = xasprintf("abuse@%s", reporter ? reporter : "x.test");
	r->reporter = reporter ? xstrdup(reporter) : NULL;
	r->category = xstrdup(category);
	r->type = xstrdup("spam");
	r->format = REPORT_FORMAT_ARF;
	r->date = date;
	r->text = xasprintf("Body of %s", subject);
	return r;
}

/* Adds a local message whose bytes are made from tag; returns its id. */
static int64_t add(struct fx *f, const char *tag, const struct report *r,
		   bool *added)
{
	struct err e = {{0}};
	char *raw = xasprintf("Subject: %s\r\n\r\nbody %s\r\n", tag, tag);
	struct store_message_in m = {.mailbox_id = f->mailbox,
				     .internal_date = 1000,
				     .raw = raw,
				     .len = strlen(raw)};
	int64_t id = 0;
	bool dummy;

	assert_int_equal(
	    store_message_add(f->s, &m, r, &id, added ? added : &dummy, &e), 0);
	free(raw);
	return id;
}

static int64_t add_simple(struct fx *f, const char *tag, const char *ip,
			  const char *reporter, int64_t date)
{
	struct report *r = make_report(tag, reporter, "messaging", date);
	int64_t id;

	if (ip)
		report_add_ip(r, ip, true);
	id = add(f, tag, r, NULL);
	report_free(r);
	return id;
}

static mode_t file_mode(const char *path)
{
	struct stat sb;

	assert_int_equal(stat(path, &sb), 0);
	return sb.st_mode & 0777;
}

static void test_store_open_creates_files_mode_0600(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	mode_t old = umask(022);
	char *wal, *shm;

	f->s = store_open(f->path, &e);
	umask(old);
	assert_non_null(f->s);
	assert_int_equal(
	    store_mailbox_get_or_create(f->s, "local", &f->mailbox, &e), 0);
	add_simple(f, "mode", "192.0.2.1", "a.test", 0);
	wal = xasprintf("%s-wal", f->path);
	shm = xasprintf("%s-shm", f->path);
	assert_int_equal(file_mode(f->path), 0600);
	assert_int_equal(file_mode(wal), 0600);
	assert_int_equal(file_mode(shm), 0600);
	free(wal);
	free(shm);
}

static void test_store_open_sets_wal_mode(void **state)
{
	struct fx *f = *state;
	sqlite3 *db;
	sqlite3_stmt *st;

	store_close(f->s);
	f->s = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(
	    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static bool has_table(const char *path, const char *name)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	bool yes;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT count(*) FROM sqlite_master"
					    " WHERE name = ?",
					    -1, &st, NULL),
			 SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	yes = sqlite3_column_int(st, 0) > 0;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return yes;
}

static void test_store_open_migrates_version_1(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct store_counts c;
	int64_t *ids;
	size_t n;

	f->s = store_open_version(f->path, 1, &e);
	assert_non_null(f->s);
	assert_int_equal(store_schema_version(f->s), 1);
	assert_int_equal(
	    store_mailbox_get_or_create(f->s, "local", &f->mailbox, &e), 0);
	add_simple(f, "old", "192.0.2.1", "a.test", 0);
	store_close(f->s);
	assert_false(has_table(f->path, "report_state"));

	f->s = store_open(f->path, &e);
	assert_non_null(f->s);
	assert_true(has_table(f->path, "report_state"));
	assert_int_equal(store_schema_version(f->s), STORE_SCHEMA_VERSION);
	assert_int_equal(store_counts(f->s, &c, &e), 0);
	assert_int_equal(c.messages, 1);
	/* The search index (contentless since version 6) keeps its rows. */
	assert_int_equal(store_search(f->s, "old", &ids, &n, &e), 0);
	assert_int_equal(n, 1);
	free(ids);
}

static void test_store_open_refuses_garbage_file(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	FILE *fp = fopen(f->path, "w");

	for (int i = 0; i < 200; i++)
		fputs("this is no database ", fp);
	fclose(fp);
	f->s = store_open(f->path, &e);
	assert_null(f->s);
	assert_non_null(strstr(e.msg, f->path));
	assert_non_null(strstr(e.msg, "not an abusedesk database"));
}

static void exec_raw(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* A sentence the program wrote stays marked as its own once stored, and
 * so does a report the analysis read only in part. */
/* Every schema since 9 keeps the derived problem and how far the mail was
 * read: the current one, and one between (a cache not yet migrated). */
static void keeps_derived_problem_at(void **state, int version)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct report *r = make_report("derived", "a.test", "messaging", 0);
	struct report *got;
	int64_t id;

	f->s = store_open_version(f->path, version, &e);
	assert_non_null(f->s);
	assert_int_equal(
	    store_mailbox_get_or_create(f->s, "local", &f->mailbox, &e), 0);
	r->problem = xstrdup("Spam sent from 192.0.2.9");
	r->problem_derived = true;
	report_set_analysis(r, REPORT_ANALYSIS_PARTIAL,
			    "MIME parts nested "
			    "too deep");
	id = add(f, "derived", r, NULL);
	report_free(r);
	assert_int_equal(store_report_get(f->s, id, &got, &e), 1);
	assert_true(got->problem_derived);
	assert_int_equal(got->analysis, REPORT_ANALYSIS_PARTIAL);
	assert_string_equal(got->analysis_note, "MIME parts nested too deep");
	assert_non_null(got->summary);
	assert_non_null(got->advice);
	report_free(got);
}

static void test_store_keeps_derived_problem_and_analysis(void **state)
{
	keeps_derived_problem_at(state, STORE_SCHEMA_VERSION);
}

static void test_store_keeps_derived_problem_at_version_9(void **state)
{
	keeps_derived_problem_at(state, 9);
}

/* The one number sql (its first column, first row) gives on the file. */
static int64_t scalar(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* "SELECT harm * 10 + deadline FROM triage_fact" of report id. */
static int64_t fact_urgency(const char *path, int64_t id)
{
	char sql[128];

	snprintf(
	    sql, sizeof sql,
	    "SELECT harm * 10 + deadline FROM triage_fact WHERE mid = %lld",
	    (long long)id);
	return scalar(path, sql);
}

/* Harm and deadline are kept on the report and beside its facts, and a
 * report derived again (reanalyze) brings its facts along. */
static void test_store_keeps_harm_and_deadline(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct report *r = make_report("phish", "a.test", "content", 0);
	struct report *got;
	int64_t id;

	f->s = store_open(f->path, &e);
	assert_non_null(f->s);
	assert_int_equal(
	    store_mailbox_get_or_create(f->s, "local", &f->mailbox, &e), 0);
	report_add_ip(r, "192.0.2.7", true);
	r->harm = 7;
	r->deadline = true;
	id = add(f, "phish", r, NULL);
	assert_int_equal(store_report_get(f->s, id, &got, &e), 1);
	assert_int_equal(got->harm, 7);
	assert_true(got->deadline);
	report_free(got);
	assert_int_equal(fact_urgency(f->path, id), 71);

	r->harm = 3;
	r->deadline = false;
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(store_report_replace(f->s, id, r, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	report_free(r);
	assert_int_equal(fact_urgency(f->path, id), 30);
}

/* A cache at schema 10 stores no harm; after the migration its reports
 * have rank 0 until derived again, new ones keep theirs, and a report
 * changed in place (the triggers) takes its facts along. */
static void test_store_harm_after_migration_from_version_10(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct report *r = make_report("v10", "a.test", "content", 0);
	struct report *got;
	int64_t old, id;
	char sql[96];

	f->s = store_open_version(f->path, 10, &e);
	assert_non_null(f->s);
	assert_int_equal(
	    store_mailbox_get_or_create(f->s, "local", &f->mailbox, &e), 0);
	report_add_ip(r, "192.0.2.8", true);
	r->harm = 7;
	old = add(f, "v10", r, NULL);
	assert_int_equal(store_report_get(f->s, old, &got, &e), 1);
	assert_int_equal(got->harm, 0);
	report_free(got);
	store_close(f->s);

	f->s = store_open(f->path, &e);
	assert_non_null(f->s);
	assert_int_equal(store_schema_version(f->s), STORE_SCHEMA_VERSION);
	assert_int_equal(fact_urgency(f->path, old), 0);
	r->deadline = true;
	id = add(f, "v11", r, NULL);
	report_free(r);
	assert_int_equal(fact_urgency(f->path, id), 71);
	snprintf(sql, sizeof sql,
		 "UPDATE report SET harm = 5 WHERE message_id = %lld",
		 (long long)old);
	exec_raw(f->path, sql);
	assert_int_equal(fact_urgency(f->path, old), 50);
}

/* A cache at schema 7 has no role column: it stores and reads its
 * addresses all the same, and after the migration they are offenders. */
static void test_store_roles_survive_migration_from_version_7(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct report *r = make_report("v7", "a.test", "messaging", 0);
	struct report *got;
	int64_t id;

	f->s = store_open_version(f->path, 7, &e);
	assert_non_null(f->s);
	assert_int_equal(
	    store_mailbox_get_or_create(f->s, "local", &f->mailbox, &e), 0);
	report_add_ip_role(r, "192.0.2.8", true, REPORT_IP_VICTIM);
	id = add(f, "v7", r, NULL);
	report_free(r);
	assert_int_equal(store_report_get(f->s, id, &got, &e), 1);
	assert_int_equal(got->n_ips, 1);
	assert_int_equal(got->ips[0].role, REPORT_IP_OFFENDER);
	report_free(got);
	store_close(f->s);

	f->s = store_open(f->path, &e);
	assert_non_null(f->s);
	assert_int_equal(store_schema_version(f->s), STORE_SCHEMA_VERSION);
	assert_int_equal(store_report_get(f->s, id, &got, &e), 1);
	assert_string_equal(got->ips[0].text, "192.0.2.8");
	assert_int_equal(got->ips[0].role, REPORT_IP_OFFENDER);
	report_free(got);
}

/* What our mail server said of the sender comes back as stored; a
 * method it said nothing of stays absent. */
static void test_store_keeps_sender_verdict(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct report *r = make_report("forged", "a.test", "messaging", 0);
	struct report *got;
	int64_t id, plain;

	r->auth_dkim = REPORT_AUTH_NONE;
	r->auth_spf = REPORT_AUTH_SOFTFAIL;
	r->auth_dmarc = REPORT_AUTH_FAIL;
	r->auth_verdict = REPORT_AUTH_NOT_VERIFIED;
	id = add(f, "forged", r, NULL);
	report_free(r);
	r = make_report("plain", "a.test", "messaging", 0);
	r->auth_dkim = REPORT_AUTH_PASS;
	r->auth_verdict = REPORT_AUTH_VERIFIED;
	plain = add(f, "plain", r, NULL);
	report_free(r);
	assert_int_equal(store_report_get(f->s, id, &got, &e), 1);
	assert_int_equal(got->auth_dkim, REPORT_AUTH_NONE);
	assert_int_equal(got->auth_spf, REPORT_AUTH_SOFTFAIL);
	assert_int_equal(got->auth_dmarc, REPORT_AUTH_FAIL);
	assert_int_equal(got->auth_verdict, REPORT_AUTH_NOT_VERIFIED);
	report_free(got);
	assert_int_equal(store_report_get(f->s, plain, &got, &e), 1);
	assert_int_equal(got->auth_dkim, REPORT_AUTH_PASS);
	assert_int_equal(got->auth_spf, REPORT_AUTH_ABSENT);
	assert_int_equal(got->auth_dmarc, REPORT_AUTH_ABSENT);
	assert_int_equal(got->auth_verdict, REPORT_AUTH_VERIFIED);
	report_free(got);
}

/* A cache at schema 11 has no sender columns: it stores and reads its
 * reports all the same (verdict unknown), and after the migration to 12
 * they are unknown until reanalysed while new ones keep theirs. */
static void test_store_sender_verdict_migration_from_version_11(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct report *r = make_report("v9", "a.test", "messaging", 0);
	struct report *got;
	int64_t old, id;

	f->s = store_open_version(f->path, 11, &e);
	assert_non_null(f->s);
	assert_int_equal(
	    store_mailbox_get_or_create(f->s, "local", &f->mailbox, &e), 0);
	r->auth_dmarc = REPORT_AUTH_FAIL;
	r->auth_verdict = REPORT_AUTH_NOT_VERIFIED;
	r->problem_derived = true;
	old = add(f, "v9", r, NULL);
	assert_int_equal(store_report_get(f->s, old, &got, &e), 1);
	assert_int_equal(got->auth_verdict, REPORT_AUTH_UNKNOWN);
	assert_true(got->problem_derived);
	report_free(got);
	store_close(f->s);

	f->s = store_open(f->path, &e);
	assert_non_null(f->s);
	assert_int_equal(store_schema_version(f->s), STORE_SCHEMA_VERSION);
	assert_int_equal(store_report_get(f->s, old, &got, &e), 1);
	assert_int_equal(got->auth_dmarc, REPORT_AUTH_ABSENT);
	assert_int_equal(got->auth_verdict, REPORT_AUTH_UNKNOWN);
	assert_true(got->problem_derived);
	report_free(got);
	id = add(f, "v10", r, NULL);
	report_free(r);
	assert_int_equal(store_report_get(f->s, id, &got, &e), 1);
	assert_int_equal(got->auth_dmarc, REPORT_AUTH_FAIL);
	assert_int_equal(got->auth_verdict, REPORT_AUTH_NOT_VERIFIED);
	report_free(got);
}

static void test_store_open_refuses_newer_schema(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};

	store_close(f->s);
	exec_raw(f->path, "UPDATE schema_version SET version = 99");
	f->s = store_open(f->path, &e);
	assert_null(f->s);
	assert_non_null(strstr(e.msg, f->path));
	assert_non_null(strstr(e.msg, "newer"));
}

static void test_store_open_refuses_foreign_database(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};

	exec_raw(f->path, "CREATE TABLE accounts(id INTEGER)");
	f->s = store_open(f->path, &e);
	assert_null(f->s);
	assert_non_null(strstr(e.msg, f->path));
	assert_non_null(strstr(e.msg, "another program"));
}

static void test_store_message_add_stores_raw(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t id = add_simple(f, "raw", NULL, "a.test", 0);
	char *raw;
	size_t len;

	assert_int_equal(store_message_raw(f->s, id, &raw, &len, &e), 1);
	assert_int_equal(len, strlen(raw));
	assert_non_null(strstr(raw, "Subject: raw"));
	free(raw);
}

static void add_seen_uid(struct fx *f, int64_t box, uint32_t uid)
{
	struct err e = {{0}};
	char *raw = xasprintf("Subject: %u\r\n\r\nbody %u\r\n", uid, uid);
	struct store_message_in m = {.mailbox_id = box,
				     .uid = uid,
				     .internal_date = 1000,
				     .flags = "\\Seen",
				     .raw = raw,
				     .len = strlen(raw)};
	struct report *r = make_report("d", "a.test", "messaging", 0);
	int64_t id;
	bool added;

	assert_int_equal(store_message_add(f->s, &m, r, &id, &added, &e), 0);
	assert_true(added);
	report_free(r);
	free(raw);
}

static uint64_t digest_all(struct fx *f, int64_t box)
{
	static const char *const seen[] = {"\\Seen"};
	struct store_digest one, all;
	struct err e = {{0}};

	assert_int_equal(store_sync_digests(f->s, box, seen, 1, &one, &all, &e),
			 0);
	assert_int_equal(one.n, all.n);
	return all.n;
}

/* A message added to a mailbox drops its flag digests (kept for a server
 * without CONDSTORE), so that the next pass counts it: by the store
 * itself since schema 21, not by a trigger. */
static void test_store_message_add_drops_the_flag_digests(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t box;

	assert_int_equal(store_mailbox_get_or_create(f->s, "INBOX", &box, &e),
			 0);
	add_seen_uid(f, box, 1);
	assert_int_equal(digest_all(f, box), 1);
	assert_int_equal(digest_all(f, box), 1); /* from the kept rows */
	add_seen_uid(f, box, 2);
	assert_int_equal(digest_all(f, box), 2);
}

static void test_store_message_add_same_content_twice_adds_nothing(void **state)
{
	struct fx *f = *state;
	struct report *r = make_report("dup", "a.test", "messaging", 0);
	struct store_counts c;
	struct err e = {{0}};
	bool added;
	int64_t first = add(f, "dup", r, &added), second;

	assert_true(added);
	second = add(f, "dup", r, &added);
	assert_false(added);
	assert_int_equal(second, first);
	assert_int_equal(store_counts(f->s, &c, &e), 0);
	assert_int_equal(c.messages, 1);
	assert_int_equal(c.reports, 1);
	report_free(r);
}

static void test_store_message_add_same_uid_twice_adds_nothing(void **state)
{
	struct fx *f = *state;
	struct report *r = make_report("uid", "a.test", "messaging", 0);
	struct store_message_in m = {.mailbox_id = f->mailbox, .uid = 7};
	struct err e = {{0}};
	bool added;

	m.raw = "Subject: one\r\n\r\n";
	m.len = strlen(m.raw);
	assert_int_equal(store_message_add(f->s, &m, r, NULL, &added, &e), 0);
	assert_true(added);
	m.raw = "Subject: other bytes, same uid\r\n\r\n";
	m.len = strlen(m.raw);
	assert_int_equal(store_message_add(f->s, &m, r, NULL, &added, &e), 0);
	assert_false(added);
	report_free(r);
}

static void test_store_message_has_content_knows_local_bytes(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	const char *raw = "Subject: known\r\n\r\nbody known\r\n";
	char hash[STORE_HASH_HEX];

	assert_int_equal(store_content_hash(raw, strlen(raw), hash, &e), 0);
	assert_int_equal(store_message_has_content(f->s, f->mailbox, hash, &e),
			 0);
	add_simple(f, "known", NULL, "a.test", 0);
	assert_int_equal(store_message_has_content(f->s, f->mailbox, hash, &e),
			 1);
}

static void test_store_report_reads_back_as_written(void **state)
{
	struct fx *f = *state;
	struct report *r = make_report("facts", "spamcop.net", "messaging", 5);
	struct report *got;
	struct err e = {{0}};
	int64_t id;

	report_add_ip(r, "192.0.2.7", true);
	report_add_ip_role(r, "2001:db8::1", false, REPORT_IP_VICTIM);
	report_add_evidence(r, "2024-01-01 sshd from 192.0.2.7");
	report_add_noise_signal(r, "auto-submitted");
	report_add_attachment(r, "a.csv", "text/csv", 42);
	r->problem = xstrdup("Spam sent from 192.0.2.7");
	r->unsub_method = REPORT_UNSUB_HTTPS;
	r->unsub_target = xstrdup("https://unsub.test/x");
	id = add(f, "facts", r, NULL);
	assert_int_equal(store_report_get(f->s, id, &got, &e), 1);
	assert_string_equal(got->reporter, "spamcop.net");
	assert_string_equal(got->problem, r->problem);
	assert_int_equal(got->format, r->format);
	assert_int_equal(got->n_ips, 2);
	assert_string_equal(got->ips[0].text, "192.0.2.7");
	assert_true(got->ips[0].in_scope);
	assert_int_equal(got->ips[0].role, REPORT_IP_OFFENDER);
	assert_string_equal(got->ips[1].text, "2001:db8::1");
	assert_false(got->ips[1].in_scope);
	assert_int_equal(got->ips[1].role, REPORT_IP_VICTIM);
	assert_int_equal(got->n_evidence, 1);
	assert_string_equal(got->evidence[0], r->evidence[0]);
	assert_string_equal(got->noise_signals[0], "auto-submitted");
	assert_int_equal(got->n_attachments, 1);
	assert_int_equal(got->attachments[0].size, 42);
	assert_int_equal(got->unsub_method, REPORT_UNSUB_HTTPS);
	report_free(got);
	report_free(r);
}

static void test_store_report_keeps_invalid_utf8_evidence(void **state)
{
	struct fx *f = *state;
	struct report *r = make_report("latin1", "a.test", "messaging", 0);
	struct report *got;
	struct err e = {{0}};
	int64_t id;

	report_add_evidence(r, "caf\xe9 192.0.2.1");
	id = add(f, "latin1", r, NULL);
	assert_int_equal(store_report_get(f->s, id, &got, &e), 1);
	assert_int_equal(got->n_evidence, 1);
	assert_string_equal(got->evidence[0], "caf\xEF\xBF\xBD 192.0.2.1");
	report_free(got);
	report_free(r);
}

/* The groups as the screen and `list` read them, every state, the most
 * recent first; no reporter is noise here, so every report is in them. */
static void read_groups(struct fx *f, struct triage_group **g, size_t *n)
{
	static const char *const none[] = {NULL};
	static const struct triage_noise_rule rule = {none,    0,   none, 0,
						      1000000, 1.0, NULL};
	struct triage_query every = {0};
	struct err e = {{0}};
	struct triage *t = triage_open(f->s, &rule, &e);

	assert_non_null(t);
	assert_int_equal(triage_groups(t, &every, NULL, g, n, &e), 0);
	triage_groups_sort(*g, *n, CONFIG_SORT_RECENT);
	triage_free(f->t);
	f->t = t;
}

/* The group of ip, or the no-IP row for NULL. */
static struct triage_group *find_group(struct triage_group *g, size_t n,
				       const char *ip)
{
	for (size_t i = 0; i < n; i++)
		if (ip ? strcmp(g[i].ip, ip) == 0 : g[i].kind == TRIAGE_NO_IP)
			return &g[i];
	return NULL;
}

/* A group's reports, newest first, as the messages screen reads them. */
static size_t read_group(struct fx *f, const char *ip,
			 struct triage_message **m)
{
	static const char *const none[] = {NULL};
	static const struct triage_noise_rule rule = {none,    0,   none, 0,
						      1000000, 1.0, NULL};
	struct triage_query every = {0};
	struct err e = {{0}};
	struct triage *t = triage_open(f->s, &rule, &e);
	int64_t *ids;
	size_t n_ids, n;

	assert_non_null(t);
	assert_int_equal(
	    triage_message_ids(t, &every, TRIAGE_IP, ip, &ids, &n_ids, &e), 0);
	assert_int_equal(
	    triage_messages_in_group(t, TRIAGE_IP, ip, ids, n_ids, m, &n, &e),
	    0);
	free(ids);
	triage_free(t);
	return n;
}

static void test_store_report_lists_keep_quotes_and_controls(void **state)
{
	struct fx *f = *state;
	struct report *r = make_report("quotes", "a.test", "messaging", 0);
	static const char *const odd[] = {"say \"hi\" \\ there",
					  "tab\there\x01\x1f end",
					  "caf\xc3\xa9 \xe2\x82\xac", ""};
	struct report *got;
	struct err e = {{0}};
	int64_t id;

	for (size_t i = 0; i < 4; i++)
		report_add_evidence(r, odd[i]);
	report_add_noise_signal(r, "bulk");
	id = add(f, "quotes", r, NULL);
	assert_int_equal(store_report_get(f->s, id, &got, &e), 1);
	assert_int_equal(got->n_evidence, 4);
	for (size_t i = 0; i < 4; i++)
		assert_string_equal(got->evidence[i], odd[i]);
	assert_int_equal(got->n_noise_signals, 1);
	assert_string_equal(got->noise_signals[0], "bulk");
	report_free(got);
	report_free(r);
}

static void test_store_groups_aggregate_reports_by_ip(void **state)
{
	struct fx *f = *state;
	struct triage_group *g, *a;
	size_t n;

	add_simple(f, "one", "192.0.2.1", "a.test", 100);
	add_simple(f, "two", "192.0.2.1", "b.test", 300);
	add_simple(f, "three", "192.0.2.1", "b.test", 200);
	add_simple(f, "four", "198.51.100.2", "a.test", 50);
	read_groups(f, &g, &n);
	assert_int_equal(n, 2);
	a = find_group(g, n, "192.0.2.1");
	assert_non_null(a);
	assert_int_equal(a->n_reports, 3);
	assert_int_equal(a->n_reporters, 2);
	assert_int_equal(a->first_seen, 100);
	assert_int_equal(a->last_seen, 300);
	assert_string_equal(a->categories, "messaging");
	assert_int_equal(a->state, STORE_STATE_OPEN);
	assert_string_equal(g[0].ip, "192.0.2.1"); /* most recent first */
	triage_groups_free(g, n);
}

static void test_store_groups_include_reports_without_ip(void **state)
{
	struct fx *f = *state;
	struct triage_group *g, *none;
	struct store_counts c;
	struct err e = {{0}};
	struct report *r = make_report("outside", "a.test", "messaging", 10);
	size_t n;

	add_simple(f, "with", "192.0.2.1", "a.test", 10);
	add_simple(f, "without", NULL, "a.test", 20);
	report_add_ip(r, "203.0.113.9", false); /* not ours: no group */
	add(f, "outside", r, NULL);
	read_groups(f, &g, &n);
	assert_int_equal(n, 3);
	none = find_group(g, n, NULL);
	assert_non_null(none);
	assert_string_equal(none->ip, "");
	assert_int_equal(none->n_reports, 1);
	assert_null(find_group(g, n, "203.0.113.9"));
	assert_int_equal(g[2].kind, TRIAGE_NO_IP); /* the IP groups first */
	assert_int_equal(g[1].kind, TRIAGE_OUT_OF_SCOPE);
	assert_int_equal(g[1].n_reports, 1);
	assert_int_equal(store_counts(f->s, &c, &e), 0);
	assert_int_equal(c.groups, n); /* the same groups */
	triage_groups_free(g, n);
	report_free(r);
}

static void test_store_groups_fall_back_to_internal_date(void **state)
{
	struct fx *f = *state;
	struct triage_group *g;
	size_t n;

	add_simple(f, "undated", "192.0.2.1", "a.test", 0);
	read_groups(f, &g, &n);
	assert_int_equal(n, 1);
	assert_int_equal(g[0].last_seen,
			 1000); /* the internal date add() uses */
	triage_groups_free(g, n);
}

static void test_store_groups_show_the_ip_state(void **state)
{
	struct fx *f = *state;
	struct triage_group *g;
	struct err e = {{0}};
	size_t n;

	add_simple(f, "done", "192.0.2.1", "a.test", 10);
	assert_int_equal(store_ip_state_set(f->s, "192.0.2.1",
					    STORE_STATE_RESOLVED, "fixed", &e),
			 0);
	read_groups(f, &g, &n);
	assert_int_equal(n, 1);
	assert_int_equal(g[0].state, STORE_STATE_RESOLVED);
	triage_groups_free(g, n);
}

static void test_store_report_state_needs_a_message(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t id = add_simple(f, "single", NULL, "a.test", 10);

	assert_int_equal(
	    store_report_state_set(f->s, id, STORE_STATE_IGNORED, NULL, &e), 0);
	assert_int_equal(store_report_state_set(f->s, id + 100,
						STORE_STATE_IGNORED, NULL, &e),
			 -1);
	assert_non_null(strstr(e.msg, "FOREIGN KEY"));
}

/* A note added afterwards leaves the decision where it stood in the
 * order: the report decided after its IP keeps its own state. */
static void test_store_note_set_keeps_the_decision(void **state)
{
	struct fx *f = *state;
	struct triage_message *rows;
	struct err e = {{0}};
	enum store_state st;
	char *note;
	size_t n;
	int64_t id = add_simple(f, "noted", "192.0.2.1", "a.test", 10);

	assert_int_equal(store_ip_note_set(f->s, "192.0.2.1", "early", &e), 0);
	assert_int_equal(store_ip_state_set(f->s, "192.0.2.1",
					    STORE_STATE_RESOLVED, NULL, &e),
			 0);
	assert_int_equal(
	    store_report_state_set(f->s, id, STORE_STATE_IGNORED, NULL, &e), 0);
	assert_int_equal(store_ip_note_set(f->s, "192.0.2.1", "ticket 7", &e),
			 1);
	assert_int_equal(store_report_note_set(f->s, id, "duplicate", &e), 1);
	assert_int_equal(store_ip_state_get(f->s, "192.0.2.1", &st, &note, &e),
			 1);
	assert_int_equal(st, STORE_STATE_RESOLVED);
	assert_string_equal(note, "ticket 7");
	free(note);
	assert_int_equal(store_report_state_get(f->s, id, &st, &note, &e), 1);
	assert_string_equal(note, "duplicate");
	free(note);
	n = read_group(f, "192.0.2.1", &rows);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].state, STORE_STATE_IGNORED);
	triage_messages_free(rows, n);
}

/* A decision put back as it was read takes its old place in the order:
 * the IP decided after it wins again, as before the change undone. */
static void test_store_decision_put_back_keeps_its_order(void **state)
{
	struct fx *f = *state;
	struct triage_message *rows;
	struct store_decision_saved was, again;
	struct err e = {{0}};
	size_t n;
	int64_t id = add_simple(f, "undone", "192.0.2.1", "a.test", 10);

	assert_int_equal(store_report_decision_get(f->s, id, &was, &e), 0);
	assert_null(was.note);
	assert_int_equal(
	    store_report_state_set(f->s, id, STORE_STATE_OPEN, "first", &e), 0);
	assert_int_equal(store_ip_state_set(f->s, "192.0.2.1",
					    STORE_STATE_RESOLVED, NULL, &e),
			 0);
	assert_int_equal(store_report_decision_get(f->s, id, &was, &e), 1);
	assert_int_equal(was.state, STORE_STATE_OPEN);
	assert_string_equal(was.note, "first");
	assert_int_equal(
	    store_report_state_set(f->s, id, STORE_STATE_IGNORED, NULL, &e), 0);
	assert_int_equal(store_report_decision_put(f->s, id, &was, &e), 0);
	assert_int_equal(store_report_decision_get(f->s, id, &again, &e), 1);
	assert_int_equal(again.seq, was.seq);
	assert_int_equal(again.updated_at, was.updated_at);
	assert_string_equal(again.note, "first");
	n = read_group(f, "192.0.2.1", &rows);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].state, STORE_STATE_RESOLVED);
	triage_messages_free(rows, n);
	free(was.note);
	free(again.note);
}

static void test_store_group_lists_its_reports_newest_first(void **state)
{
	struct fx *f = *state;
	struct triage_message *rows;
	size_t n;
	int64_t newer;

	add_simple(f, "older", "192.0.2.1", "a.test", 100);
	newer = add_simple(f, "newer", "192.0.2.1", "a.test", 200);
	add_simple(f, "elsewhere", "192.0.2.2", "a.test", 300);
	n = read_group(f, "192.0.2.1", &rows);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, newer);
	assert_string_equal(rows[0].subject, "newer");
	assert_string_equal(rows[0].reporter, "a.test");
	triage_messages_free(rows, n);
}

static void test_store_search_finds_body_word(void **state)
{
	struct fx *f = *state;
	struct report *r =
	    make_report("plain subject", "a.test", "messaging", 0);
	struct err e = {{0}};
	int64_t *ids, id;
	size_t n;

	free(r->text);
	r->text = xstrdup("The host was seen running a xyzzyscanner probe.");
	id = add(f, "search", r, NULL);
	add_simple(f, "unrelated", NULL, "a.test", 0);
	assert_int_equal(store_search(f->s, "xyzzyscanner", &ids, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], id);
	free(ids);
	report_free(r);
}

/* The index cannot drop one row: emptied and rebuilt in a transaction
 * that rolls back, it is as it was. */
static void test_store_search_reset_rolls_back(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t *ids;
	size_t n;
	int64_t id = add_simple(f, "keepme", NULL, "a.test", 0);

	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(store_search_reset(f->s, &e), 0);
	assert_int_equal(store_search(f->s, "keepme", &ids, &n, &e), 0);
	assert_int_equal(n, 0);
	free(ids);
	store_rollback(f->s);
	assert_int_equal(store_search(f->s, "keepme", &ids, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], id);
	free(ids);
}

static void test_store_rollback_leaves_nothing(void **state)
{
	struct fx *f = *state;
	struct store_counts c;
	struct err e = {{0}};

	assert_int_equal(store_begin(f->s, &e), 0);
	add_simple(f, "gone1", "192.0.2.1", "a.test", 0);
	add_simple(f, "gone2", NULL, "b.test", 0);
	store_rollback(f->s);
	assert_false(store_in_transaction(f->s));
	assert_int_equal(store_counts(f->s, &c, &e), 0);
	assert_int_equal(c.messages, 0);
	assert_int_equal(c.reports, 0);
	assert_int_equal(c.groups, 0);
}

static void test_store_report_replace_swaps_ips_and_text(void **state)
{
	struct fx *f = *state;
	struct report *r = make_report("again", "a.test", "messaging", 0);
	struct report *got;
	struct err e = {{0}};
	int64_t *ids;
	size_t n;
	int64_t id = add_simple(f, "again", "192.0.2.1", "a.test", 0);

	report_add_ip(r, "192.0.2.99", true);
	free(r->text);
	r->text = xstrdup("rederived plughword");
	/* As `reanalyze` does: the index is rebuilt in the same transaction. */
	assert_int_equal(store_begin(f->s, &e), 0);
	assert_int_equal(store_report_replace(f->s, id, r, &e), 0);
	assert_int_equal(store_search_reset(f->s, &e), 0);
	assert_int_equal(store_search_add(f->s, id, r, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(store_report_get(f->s, id, &got, &e), 1);
	assert_int_equal(got->n_ips, 1);
	assert_string_equal(got->ips[0].text, "192.0.2.99");
	assert_int_equal(store_search(f->s, "plughword", &ids, &n, &e), 0);
	assert_int_equal(n, 1);
	free(ids);
	assert_int_equal(store_search(f->s, "Body", &ids, &n, &e), 0);
	assert_int_equal(n, 0);
	free(ids);
	report_free(got);
	report_free(r);
}

struct seen {
	size_t n, stale;
	int64_t last;
};

static int count_raw(void *ctx, int64_t id, const char *raw, size_t len,
		     const char *hash, bool stale)
{
	(void)hash;
	struct seen *s = ctx;

	assert_true(len > 0 && raw[len] == '\0');
	assert_true(id > s->last);
	s->last = id;
	s->n++;
	s->stale += stale;
	return 0;
}

static void test_store_each_raw_visits_all_and_flags_outdated(void **state)
{
	struct fx *f = *state;
	struct seen all = {0}, outdated = {0};
	struct err e = {{0}};
	int64_t n = -1;

	add_simple(f, "a", NULL, "a.test", 0);
	add_simple(f, "b", NULL, "a.test", 0);
	add_simple(f, "c", NULL, "a.test", 0);
	assert_int_equal(store_each_raw(f->s, INT32_MAX, count_raw, &all, &e),
			 0);
	assert_int_equal(all.n, 3);
	assert_int_equal(all.stale, 3);
	assert_int_equal(
	    store_each_raw(f->s, ANALYZER_VERSION, count_raw, &outdated, &e),
	    0);
	assert_int_equal(outdated.n, 3);
	assert_int_equal(outdated.stale, 0);
	assert_int_equal(store_count_stale(f->s, ANALYZER_VERSION, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_count_stale(f->s, INT32_MAX, &n, &e), 0);
	assert_int_equal(n, 3);
}

static void test_store_mailbox_state_reads_back(void **state)
{
	struct fx *f = *state;
	struct store_mailbox m = {0}, got = {0};
	struct err e = {{0}};

	assert_int_equal(store_mailbox_get_or_create(f->s, "INBOX", &m.id, &e),
			 0);
	m.uidvalidity = 4242;
	m.uidnext = 17;
	m.highestmodseq = 1ULL << 40;
	m.synced_at = 1700000000;
	assert_int_equal(store_mailbox_set_state(f->s, &m, &e), 0);
	assert_int_equal(store_mailbox_get(f->s, "INBOX", &got, &e), 1);
	assert_memory_equal(&got, &m, sizeof m);
	assert_int_equal(store_mailbox_get(f->s, "Nope", &got, &e), 0);
}

/* Adds message uid of an IMAP mailbox, about ip; returns its id. */
static int64_t add_uid(struct fx *f, int64_t mailbox, uint32_t uid,
		       const char *ip, const char *reporter)
{
	struct report *r = make_report("uid", reporter, "messaging", 100);
	struct err e = {{0}};
	char *raw = xasprintf("Subject: %u\r\n\r\nbody %u\r\n", uid, uid);
	struct store_message_in m = {.mailbox_id = mailbox,
				     .uid = uid,
				     .internal_date = 1000,
				     .raw = raw,
				     .len = strlen(raw)};
	int64_t id = 0;
	bool added;

	if (ip)
		report_add_ip(r, ip, true);
	assert_int_equal(store_message_add(f->s, &m, r, &id, &added, &e), 0);
	assert_true(added);
	free(raw);
	report_free(r);
	return id;
}

static int64_t inbox(struct fx *f)
{
	struct err e = {{0}};
	int64_t id;

	assert_int_equal(store_mailbox_get_or_create(f->s, "INBOX", &id, &e),
			 0);
	return id;
}

/* Reports in the group of ip (NULL: the no-IP group); 0 when none. */
static int64_t group_reports(struct fx *f, const char *ip)
{
	struct triage_group *g;
	int64_t k = 0;
	size_t n;

	read_groups(f, &g, &n);
	for (size_t i = 0; i < n; i++)
		if (ip ? strcmp(g[i].ip, ip) == 0 : g[i].kind == TRIAGE_NO_IP)
			k = g[i].n_reports;
	triage_groups_free(g, n);
	return k;
}

static void test_store_groups_leave_out_gone_messages(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t box = inbox(f);

	add_uid(f, box, 1, "192.0.2.1", "a.test");
	add_uid(f, box, 2, "192.0.2.1", "a.test");
	add_uid(f, box, 3, NULL, "a.test");
	assert_int_equal(group_reports(f, "192.0.2.1"), 2);
	assert_int_equal(store_sync_gone(f->s, box, 1, &e), 1);
	assert_int_equal(group_reports(f, "192.0.2.1"), 1);
	assert_int_equal(store_sync_gone(f->s, box, 2, &e), 1);
	assert_int_equal(store_sync_gone(f->s, box, 3, &e), 1);
	assert_int_equal(group_reports(f, "192.0.2.1"), 0);
	assert_int_equal(group_reports(f, NULL), 0);
}

static void test_store_gone_message_stays_reviewable(void **state)
{
	struct fx *f = *state;
	struct triage_message *rows;
	struct err e = {{0}};
	int64_t box = inbox(f);
	int64_t id = add_uid(f, box, 1, "192.0.2.1", "a.test");
	size_t n;
	char *raw;
	size_t len;

	assert_int_equal(store_sync_gone(f->s, box, 1, &e), 1);
	n = read_group(f, "192.0.2.1", &rows);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, id);
	assert_true(rows[0].gone);
	triage_messages_free(rows, n);
	assert_int_equal(store_message_raw(f->s, id, &raw, &len, &e), 1);
	free(raw);
}

static void test_store_counts_leave_out_gone_messages(void **state)
{
	struct fx *f = *state;
	struct store_counts c;
	struct err e = {{0}};
	int64_t box = inbox(f);

	add_uid(f, box, 1, "192.0.2.1", "a.test");
	add_uid(f, box, 2, "192.0.2.2", "a.test");
	assert_int_equal(store_sync_gone(f->s, box, 2, &e), 1);
	assert_int_equal(store_counts(f->s, &c, &e), 0);
	assert_int_equal(c.messages, 2);
	assert_int_equal(c.reports, 1);
	assert_int_equal(c.groups, 1);
}

static void test_store_stats_leave_out_gone_messages(void **state)
{
	struct fx *f = *state;
	struct stats_category *c;
	struct stats_reporter *r;
	struct err e = {{0}};
	int64_t box = inbox(f);
	size_t nc, nr;

	add_uid(f, box, 1, "192.0.2.1", "a.test");
	add_uid(f, box, 2, "192.0.2.2", "a.test");
	add_uid(f, box, 3, "192.0.2.3", "b.test");
	assert_int_equal(store_sync_gone(f->s, box, 2, &e), 1);
	assert_int_equal(store_sync_gone(f->s, box, 3, &e), 1);
	assert_int_equal(stats_categories(f->s, &c, &nc, &e), 0);
	assert_int_equal(nc, 1);
	assert_int_equal(c[0].reports, 1);
	assert_int_equal(c[0].ips, 1);
	stats_categories_free(c, nc);
	assert_int_equal(stats_reporters(f->s, &r, &nr, &e), 0);
	assert_int_equal(nr, 1);
	assert_string_equal(r[0].domain, "a.test");
	assert_int_equal(r[0].reports, 1);
	assert_int_equal(r[0].ips, 1);
	stats_reporters_free(r, nr);
}

/* After a UIDVALIDITY change every message is gone until the sync finds
 * it again under its new UID; then it counts again. */
static void test_store_rebound_message_counts_again(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t box = inbox(f), id, back = 0, unbound;
	char *raw = xasprintf("Subject: %u\r\n\r\nbody %u\r\n", 1u, 1u);
	struct store_message_in m = {.mailbox_id = box,
				     .uid = 7,
				     .internal_date = 1000,
				     .raw = raw,
				     .len = strlen(raw)};

	id = add_uid(f, box, 1, "192.0.2.1", "a.test");
	assert_int_equal(store_sync_unbind(f->s, box, &e), 0);
	assert_int_equal(group_reports(f, "192.0.2.1"), 0);
	assert_int_equal(store_sync_unbound_load(f->s, box, &unbound, &e), 0);
	assert_int_equal(unbound, 1);
	assert_int_equal(store_sync_rebind(f->s, &m, &back, &e), 1);
	assert_int_equal(back, id);
	assert_int_equal(group_reports(f, "192.0.2.1"), 1);
	free(raw);
}

/* A reporter made in a transaction that is rolled back is made again:
 * no id of a row that no longer exists is kept. */
static void test_store_reporter_made_again_after_rollback(void **state)
{
	struct fx *f = *state;
	struct triage_group *g;
	struct err e = {{0}};
	size_t n;

	assert_int_equal(store_begin(f->s, &e), 0);
	add_simple(f, "first", "192.0.2.1", "new.test", 100);
	store_rollback(f->s);
	add_simple(f, "second", "192.0.2.1", "new.test", 100);
	read_groups(f, &g, &n);
	assert_int_equal(n, 1);
	assert_string_equal(g[0].reporters, "new.test");
	triage_groups_free(g, n);
}

/* The full-text rows of a transaction are written at its commit. */
static void test_store_search_finds_every_report_of_a_batch(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t *ids, want[3];
	size_t n;

	assert_int_equal(store_begin(f->s, &e), 0);
	want[0] = add_simple(f, "batchword one", NULL, "a.test", 0);
	want[1] = add_simple(f, "batchword two", "192.0.2.1", "b.test", 0);
	want[2] = add_simple(f, "batchword three", NULL, "a.test", 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(store_search(f->s, "batchword", &ids, &n, &e), 0);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < 3; i++)
		assert_true(ids[0] == want[i] || ids[1] == want[i] ||
			    ids[2] == want[i]);
	free(ids);
}

/* The hits read a slice at a time are the hits read at once, in the
 * same order: newest first, no hit twice, none left out. */
static void test_store_search_in_slices(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t *all, *part, before = 0;
	size_t n_all, n, got = 0, slices = 0;

	assert_int_equal(store_begin(f->s, &e), 0);
	for (int i = 0; i < 23; i++) {
		char tag[32];

		snprintf(tag, sizeof tag, "%s %d",
			 i % 3 ? "sliceword" : "otherword", i);
		add_simple(f, tag, NULL, "a.test", 0);
	}
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(store_search(f->s, "sliceword", &all, &n_all, &e), 0);
	assert_int_equal(n_all, 15);
	for (size_t i = 1; i < n_all; i++)
		assert_true(all[i] < all[i - 1]);
	do {
		assert_int_equal(store_search_slice(f->s, "sliceword", before,
						    4, &part, &n, &e),
				 0);
		assert_true(n <= 4);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(part[i], all[got + i]);
		got += n;
		before = n ? part[n - 1] : before;
		slices++;
		free(part);
	} while (n == 4 && slices < 10);
	assert_int_equal(got, n_all);
	assert_int_equal(slices, 4);
	/* The rest at once after the first slice. */
	assert_int_equal(
	    store_search_slice(f->s, "sliceword", all[3], 0, &part, &n, &e), 0);
	assert_int_equal(n, n_all - 4);
	assert_memory_equal(part, all + 4, n * sizeof *part);
	free(part);
	free(all);
}

/* A report written and replaced in one transaction leaves one search
 * row, with the new text. */
static void test_store_report_replaced_in_its_transaction(void **state)
{
	struct fx *f = *state;
	struct report *r = make_report("subject", "a.test", "messaging", 0);
	struct err e = {{0}};
	int64_t *ids, id;
	size_t n;

	assert_int_equal(store_begin(f->s, &e), 0);
	id = add_simple(f, "oldword", "192.0.2.1", "a.test", 0);
	free(r->text);
	r->text = xstrdup("newword");
	report_add_ip(r, "192.0.2.9", true);
	assert_int_equal(store_report_replace(f->s, id, r, &e), 0);
	/* The add's staged search row goes with the reset. */
	assert_int_equal(store_search_reset(f->s, &e), 0);
	assert_int_equal(store_search_add(f->s, id, r, &e), 0);
	assert_int_equal(store_commit(f->s, &e), 0);
	assert_int_equal(store_search(f->s, "oldword", &ids, &n, &e), 0);
	assert_int_equal(n, 0);
	free(ids);
	assert_int_equal(store_search(f->s, "newword", &ids, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], id);
	free(ids);
	assert_int_equal(group_reports(f, "192.0.2.1"), 0);
	assert_int_equal(group_reports(f, "192.0.2.9"), 1);
	report_free(r);
}

/* Whether another process sees this one's lock on the database file:
 * the SHARED lock that an open connection in WAL mode holds on SQLite's
 * shared byte range, which tells a closing connection elsewhere that it
 * is not the last one (else it checkpoints and deletes the -wal and
 * -shm files under the connections still open). */
static bool lock_seen_elsewhere(const char *path)
{
	enum { PENDING = 0x40000000, SHARED_FIRST = PENDING + 2 };
	int status = 0;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		struct flock fl = {.l_type = F_WRLCK,
				   .l_whence = SEEK_SET,
				   .l_start = SHARED_FIRST,
				   .l_len = 510};
		int fd = open(path, O_RDWR | O_CLOEXEC);

		_exit(fd >= 0 && fcntl(fd, F_GETLK, &fl) == 0 &&
			      fl.l_type != F_UNLCK
			  ? 0
			  : 1);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* A second connection of the process (the screen opens one for its sync
 * worker) must not drop the first one's locks: POSIX drops every lock a
 * process holds on a file when it closes any descriptor of that file. */
static void test_store_second_open_keeps_the_first_ones_lock(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	struct store *b;

	assert_true(lock_seen_elsewhere(f->path));
	b = store_open(f->path, &e);
	assert_non_null(b);
	assert_true(lock_seen_elsewhere(f->path));
	store_close(b);
	assert_true(lock_seen_elsewhere(f->path));
}

/* One integer from sql on path, on a connection of its own. */
static int64_t sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void fill(struct fx *f, int n)
{
	for (int i = 0; i < n; i++) {
		char tag[32];

		snprintf(tag, sizeof tag, "seal-%d", i);
		add_simple(f, tag, "192.0.2.1", "a.test", 1000 + i);
	}
}

static bool sealed(const struct fx *f)
{
	char *p = xasprintf("%s.sealed", f->path);
	bool yes = access(p, F_OK) == 0;

	free(p);
	return yes;
}

/* The write open of a cache left as a sound connection closed it reads a
 * few pages, not the whole file: the quick_check is skipped. Once the
 * file changed behind the seal, the check reads it all again. */
static void test_store_sealed_cache_opens_without_reading_it(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	int64_t pages;

	fill(f, 400);
	store_close(f->s);
	f->s = NULL;
	assert_true(sealed(f));
	pages = sql_int(f->path, "PRAGMA page_count");
	assert_true(pages > 40);
	f->s = store_open(f->path, &e);
	assert_non_null(f->s);
	assert_true(store_pages_read(f->s) < 12);
	store_close(f->s);
	/* Written by something else: the time of its last change moves. */
	assert_int_equal(utimensat(AT_FDCWD, f->path, NULL, 0), 0);
	f->s = store_open(f->path, &e);
	assert_non_null(f->s);
	assert_true(store_pages_read(f->s) >= pages - 2);
}

/* Bytes written over a sealed cache break the seal: the open checks,
 * refuses the damaged file and leaves no seal behind. */
static void test_store_damage_behind_the_seal_is_refused(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	unsigned char junk[4096];
	int64_t page, size;
	unsigned seed = 7;
	int fd;

	fill(f, 200);
	store_close(f->s);
	f->s = NULL;
	assert_true(sealed(f));
	page = sql_int(f->path, "SELECT rootpage FROM sqlite_master"
				" WHERE name = 'report_ip'");
	size = sql_int(f->path, "PRAGMA page_size");
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (unsigned char)rand_r(&seed);
	fd = open(f->path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, junk, sizeof junk, (page - 1) * size),
			 (ssize_t)sizeof junk);
	close(fd);
	f->s = store_open(f->path, &e);
	assert_null(f->s);
	assert_non_null(strstr(e.msg, "the cache is damaged"));
	assert_false(sealed(f));
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
#define TO(name) cmocka_unit_test_setup_teardown(name, setup_open, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_store_open_creates_files_mode_0600),
	    TO(test_store_open_sets_wal_mode),
	    T(test_store_open_migrates_version_1),
	    T(test_store_keeps_derived_problem_and_analysis),
	    T(test_store_keeps_derived_problem_at_version_9),
	    T(test_store_open_refuses_garbage_file),
	    T(test_store_roles_survive_migration_from_version_7),
	    T(test_store_keeps_harm_and_deadline),
	    T(test_store_harm_after_migration_from_version_10),
	    T(test_store_sender_verdict_migration_from_version_11),
	    TO(test_store_open_refuses_newer_schema),
	    T(test_store_open_refuses_foreign_database),
	    TO(test_store_message_add_drops_the_flag_digests),
	    TO(test_store_message_add_stores_raw),
	    TO(test_store_message_add_same_content_twice_adds_nothing),
	    TO(test_store_message_add_same_uid_twice_adds_nothing),
	    TO(test_store_message_has_content_knows_local_bytes),
	    TO(test_store_report_reads_back_as_written),
	    TO(test_store_keeps_sender_verdict),
	    TO(test_store_report_keeps_invalid_utf8_evidence),
	    TO(test_store_report_lists_keep_quotes_and_controls),
	    TO(test_store_groups_aggregate_reports_by_ip),
	    TO(test_store_groups_include_reports_without_ip),
	    TO(test_store_groups_fall_back_to_internal_date),
	    TO(test_store_groups_show_the_ip_state),
	    TO(test_store_report_state_needs_a_message),
	    TO(test_store_note_set_keeps_the_decision),
	    TO(test_store_decision_put_back_keeps_its_order),
	    TO(test_store_group_lists_its_reports_newest_first),
	    TO(test_store_search_finds_body_word),
	    TO(test_store_rollback_leaves_nothing),
	    TO(test_store_report_replace_swaps_ips_and_text),
	    TO(test_store_each_raw_visits_all_and_flags_outdated),
	    TO(test_store_search_reset_rolls_back),
	    TO(test_store_mailbox_state_reads_back),
	    TO(test_store_groups_leave_out_gone_messages),
	    TO(test_store_gone_message_stays_reviewable),
	    TO(test_store_counts_leave_out_gone_messages),
	    TO(test_store_stats_leave_out_gone_messages),
	    TO(test_store_rebound_message_counts_again),
	    TO(test_store_reporter_made_again_after_rollback),
	    TO(test_store_search_finds_every_report_of_a_batch),
	    TO(test_store_search_in_slices),
	    TO(test_store_report_replaced_in_its_transaction),
	    TO(test_store_second_open_keeps_the_first_ones_lock),
	    TO(test_store_sealed_cache_opens_without_reading_it),
	    TO(test_store_damage_behind_the_seal_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
