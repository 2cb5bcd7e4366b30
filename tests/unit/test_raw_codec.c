/* test_raw_codec.c: raw messages kept compressed in the cache — read back
 * byte for byte (also a mail that begins with zstd's own magic number),
 * packed smaller, a cache of an older version packed in place by
 * store_raw_maintain (resumable, with progress), the dictionary trained on
 * the cache's own mail and read by a second connection, and damaged bytes
 * refused with an error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analysis/report.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "store/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct fx {
	char dir[64];
	char *path;
	struct store *s;
	int64_t mailbox;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/test_raw_codec.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	f->path = xasprintf("%s/cache.db", f->dir);
	*state = f;
	return 0;
}

static void open_at(struct fx *f, int version)
{
	struct err e = {{0}};

	f->s = version ? store_open_version(f->path, version, &e)
		       : store_open(f->path, &e);
	if (!f->s)
		fail_msg("%s", e.msg);
	assert_int_equal(store_mailbox_get_or_create(f->s, STORE_LOCAL_MAILBOX,
						     &f->mailbox, &e),
			 0);
}

static int teardown(void **state)
{
	struct fx *f = *state;
	static const char *const suffix[] = {"", "-wal", "-shm", ".sealed"};

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

/* A report-like mail of some kilobytes, different for each n. */
static char *mail(int n, size_t *len)
{
	struct buf b = BUF_INIT;

	buf_printf(&b,
		   "From: abuse-reports@reporter%d.example\r\n"
		   "To: abuse@example.net\r\nSubject: Abuse report #%d\r\n"
		   "Message-ID: <r%d@reporter.example>\r\n\r\n",
		   n % 7, n, n);
	/* The reporter's boilerplate, the same in every report: what a
	 * dictionary is for. */
	buf_puts(&b,
		 "Dear network operator,\r\n\r\nThis is an automated report "
		 "from the abuse monitoring service. One of the hosts in your "
		 "network has been seen attacking our servers. Please "
		 "investigate the host, take the necessary measures to stop "
		 "the attacks, and inform your customer. Log lines with "
		 "timestamps in UTC follow.\r\n\r\n");
	for (int i = 0; i < 40; i++)
		buf_printf(
		    &b,
		    "2026-11-%02d 02:%02d:%02d sshd[%d]: Failed password "
		    "for root from 192.0.2.%d port %d ssh2\r\n",
		    1 + i % 28, i, (n * 7 + i) % 60, 1000 + n + i, n % 250,
		    40000 + i * n % 20000);
	*len = b.len;
	return buf_steal(&b);
}

static int64_t add_bytes(struct fx *f, const char *raw, size_t len)
{
	struct err e = {{0}};
	struct report *r = report_new();
	struct store_message_in m = {.mailbox_id = f->mailbox,
				     .internal_date = 1000,
				     .raw = raw,
				     .len = len};
	int64_t id = 0;
	bool added = false;

	assert_int_equal(store_message_add(f->s, &m, r, &id, &added, &e), 0);
	assert_true(added);
	report_free(r);
	return id;
}

static void assert_reads_back(struct fx *f, int64_t id, const char *raw,
			      size_t len)
{
	struct err e = {{0}};
	char *got = NULL;
	size_t n = 0;

	assert_int_equal(store_message_raw(f->s, id, &got, &n, &e), 1);
	assert_int_equal(n, len);
	assert_memory_equal(got, raw, len);
	assert_int_equal(got[n], '\0');
	free(got);
}

static int64_t q_int(struct fx *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int64_t v = -1;

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void test_a_message_is_kept_packed_and_read_back_whole(void **state)
{
	struct fx *f = *state;
	size_t len;
	char *raw;
	int64_t id;

	open_at(f, 0);
	raw = mail(1, &len);
	id = add_bytes(f, raw, len);
	assert_reads_back(f, id, raw, len);
	assert_int_equal(q_int(f, "SELECT raw_codec FROM message"), 1);
	assert_true(q_int(f, "SELECT length(raw) FROM message") <
		    (int64_t)len / 2);
	assert_int_equal(q_int(f, "SELECT size FROM message"), (int64_t)len);
	free(raw);
}

static void test_a_mail_that_looks_packed_is_still_read_whole(void **state)
{
	struct fx *f = *state;
	/* zstd's magic, then a frame header that claims a size: a reader
	 * guessing the codec from the bytes would try to unpack it. */
	static const char raw[] = "\x28\xb5\x2f\xfd\x20\x05hello, NUL\0and on";
	int64_t id;

	open_at(f, 0);
	id = add_bytes(f, raw, sizeof raw - 1);
	assert_reads_back(f, id, raw, sizeof raw - 1);
}

static void progress(void *ctx, int64_t done, int64_t total)
{
	int64_t *last = ctx;

	assert_true(done <= total);
	assert_true(done > last[0]);
	last[0] = done;
	last[1] = total;
}

/* n plain rows, as a cache of schema 15 holds them. */
static void old_cache_with(struct fx *f, int n, char **raws, size_t *lens,
			   int64_t *ids)
{
	open_at(f, 15);
	for (int i = 0; i < n; i++) {
		raws[i] = mail(i, &lens[i]);
		ids[i] = add_bytes(f, raws[i], lens[i]);
	}
	store_close(f->s);
}

static void test_an_older_cache_is_packed_in_place(void **state)
{
	struct fx *f = *state;
	enum { N = 600 };
	char *raws[N];
	size_t lens[N];
	int64_t ids[N], seen[2] = {0, 0};
	struct err e = {{0}};

	old_cache_with(f, N, raws, lens, ids);
	open_at(f, 0);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"
				  " WHERE raw_codec = 0"),
			 N);
	assert_reads_back(f, ids[3], raws[3], lens[3]);
	assert_int_equal(
	    store_raw_maintain(f->s, STORE_RAW_COMPACT, progress, seen, &e), 0);
	assert_int_equal(seen[0], N);
	assert_int_equal(seen[1], N);
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"
				  " WHERE raw_codec = 0"),
			 0);
	for (int i = 0; i < N; i++) {
		assert_reads_back(f, ids[i], raws[i], lens[i]);
		free(raws[i]);
	}
	/* Done once: a second run finds nothing to pack. */
	seen[0] = seen[1] = 0;
	assert_int_equal(
	    store_raw_maintain(f->s, STORE_RAW_COMPACT, progress, seen, &e), 0);
	assert_int_equal(seen[0], 0);
}

/* Dies, as a killed process would, once the first batch is committed. */
static void die_after_first_batch(void *ctx, int64_t done, int64_t total)
{
	(void)ctx;
	(void)total;
	if (done > 0)
		_exit(0);
}

static void test_an_interrupted_packing_goes_on_where_it_stopped(void **state)
{
	struct fx *f = *state;
	enum { N = 700 };
	char *raws[N];
	size_t lens[N];
	int64_t ids[N], seen[2] = {0, 0}, left;
	struct err e = {{0}};
	pid_t pid;
	int status = -1;

	old_cache_with(f, N, raws, lens, ids);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		open_at(f, 0);
		store_raw_maintain(f->s, 0, die_after_first_batch, NULL, &e);
		_exit(3);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	left = q_int(f, "SELECT count(*) FROM message WHERE raw_codec = 0");
	assert_true(left > 0 && left < N);
	open_at(f, 0);
	assert_int_equal(
	    store_raw_maintain(f->s, STORE_RAW_COMPACT, progress, seen, &e), 0);
	assert_int_equal(seen[1], left);
	assert_int_equal(seen[0], left);
	for (int i = 0; i < N; i++) {
		assert_reads_back(f, ids[i], raws[i], lens[i]);
		free(raws[i]);
	}
}

static void test_the_dictionary_is_trained_and_read_by_others(void **state)
{
	struct fx *f = *state;
	enum { N = 1100 };
	struct err e = {{0}};
	size_t len, plain_len;
	char *raw;
	int64_t id, without, with;

	open_at(f, 0);
	for (int i = 0; i < N; i++) {
		raw = mail(i, &len);
		add_bytes(f, raw, len);
		free(raw);
	}
	raw = mail(5000, &plain_len);
	add_bytes(f, raw, plain_len);
	without = q_int(f, "SELECT length(raw) FROM message"
			   " ORDER BY id DESC LIMIT 1");
	assert_int_equal(q_int(f, "SELECT count(*) FROM raw_dict"), 0);
	assert_int_equal(store_raw_maintain(f->s, 0, NULL, NULL, &e), 0);
	assert_int_equal(q_int(f, "SELECT count(*) FROM raw_dict"), 1);
	/* What was packed before it is packed again with it. */
	assert_int_equal(q_int(f, "SELECT count(*) FROM message"
				  " WHERE raw_codec != 2"),
			 0);
	/* The same bytes again, in another mailbox, now with it. */
	assert_int_equal(
	    store_mailbox_get_or_create(f->s, "INBOX", &f->mailbox, &e), 0);
	id = add_bytes(f, raw, plain_len);
	with = q_int(f, "SELECT length(raw) FROM message"
			" ORDER BY id DESC LIMIT 1");
	print_message("# %zu bytes packed without the dictionary: %lld, with "
		      "it: %lld\n",
		      plain_len, (long long)without, (long long)with);
	assert_true(with < without);
	/* Another connection has not read the dictionary yet. */
	store_close(f->s);
	f->s = NULL;
	open_at(f, 0);
	assert_reads_back(f, id, raw, plain_len);
	free(raw);
}

/* A long first sync calls store_raw_train between its transactions: it
 * trains no dictionary on a few messages (the end of the sync's
 * store_raw_maintain does, on what there is), and one as soon as there
 * are enough to train a full one, so that the rest is packed with it. */
static void test_a_long_first_sync_trains_as_soon_as_it_can(void **state)
{
	struct fx *f = *state;
	enum { FULL = 1000 };
	struct err e = {{0}};
	size_t len;
	char *raw;
	int i = 0;

	open_at(f, 0);
	for (; i < FULL - 1; i++) {
		raw = mail(i, &len);
		add_bytes(f, raw, len);
		free(raw);
		if (i % 250 == 249) {
			assert_int_equal(store_raw_train(f->s, &e), 0);
			assert_int_equal(
			    q_int(f, "SELECT count(*) FROM raw_dict"), 0);
		}
	}
	raw = mail(i, &len);
	add_bytes(f, raw, len);
	free(raw);
	assert_int_equal(store_raw_train(f->s, &e), 0);
	assert_int_equal(q_int(f, "SELECT count(*) FROM raw_dict"), 1);
	raw = mail(FULL + 1, &len);
	add_bytes(f, raw, len);
	free(raw);
	assert_int_equal(q_int(f, "SELECT raw_codec FROM message"
				  " ORDER BY id DESC LIMIT 1"),
			 2);
	/* Once there is one, asking again trains nothing new. */
	assert_int_equal(store_raw_train(f->s, &e), 0);
	assert_int_equal(q_int(f, "SELECT count(*) FROM raw_dict"), 1);
}

static void test_damaged_bytes_are_an_error(void **state)
{
	struct fx *f = *state;
	struct err e = {{0}};
	size_t len, n;
	char *raw = mail(1, &len), *got = NULL;
	int64_t id;
	sqlite3 *db;

	open_at(f, 0);
	id = add_bytes(f, raw, len);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
				      "UPDATE message SET raw ="
				      " substr(raw, 1, length(raw) / 2)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(store_message_raw(f->s, id, &got, &n, &e), -1);
	assert_non_null(strstr(e.msg, "cannot be read"));
	free(raw);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	    T(test_a_message_is_kept_packed_and_read_back_whole),
	    T(test_a_mail_that_looks_packed_is_still_read_whole),
	    T(test_an_older_cache_is_packed_in_place),
	    T(test_an_interrupted_packing_goes_on_where_it_stopped),
	    T(test_the_dictionary_is_trained_and_read_by_others),
	    T(test_a_long_first_sync_trains_as_soon_as_it_can),
	    T(test_damaged_bytes_are_an_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
