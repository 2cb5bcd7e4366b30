/* test_sync_stages.c: new mail flows through three stages (fetch, analysis,
 * writer) in many batches and is stored in UID order; a mailbox larger
 * than the cache's checkpoint thresholds leaves a bounded WAL behind and
 * no WAL at all once the cache is closed. Run by sync.sh. */
#include "sync_test.h"

#include <sys/stat.h>

enum {
	BIG_N = 1000,		      /* messages of the large mailbox */
	BIG_SIZE = 100 * 1024,	      /* bytes each: 100 MB in all */
	WAL_BOUND = 64 * 1024 * 1024, /* the store's limit and one commit */
};

/* A report of about BIG_SIZE bytes: generated head, long body lines. */
static char *big_message(unsigned i, size_t *len)
{
	size_t head;
	char *small = gen_message("big", i, &head);
	char *m = xmalloc(BIG_SIZE + 1);

	memcpy(m, small, head);
	free(small);
	for (size_t n = head; n + 80 <= BIG_SIZE; n += 80) {
		memset(m + n, 'a' + (char)((i + n) % 26), 78);
		memcpy(m + n + 78, "\r\n", 2);
	}
	*len = head + (BIG_SIZE - head) / 80 * 80;
	m[*len] = '\0';
	return m;
}

static int64_t file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (int64_t)sb.st_size : -1;
}

static void test_sync_many_batches_keep_uid_order(void **state)
{
	struct sync_fx *f = fx_new("t-stages");
	mailimap *m = other_open();
	struct sync_stats st = {0};
	uint64_t bytes;

	(void)state;
	other_create(m, "t-stages");
	bytes = fill_box(m, "t-stages", "stages", 0, 200);
	f->sc.batch_bytes = 3000; /* one or two messages a batch */
	fx_sync_ok(f, &st);
	assert_int_equal(st.added, 200);
	assert_int_equal(q_int(f, "SELECT sum(size) FROM message"),
			 (int64_t)bytes);
	assert_int_equal(q_int(f, "SELECT count(*) FROM report"), 200);
	/* Rows are added in the order the batches were fetched. */
	assert_int_equal(q_int(f, "SELECT count(*) FROM message a, message b"
				  " WHERE a.id < b.id AND a.uid > b.uid"),
			 0);
	assert_int_equal(q_int(f, "SELECT uidnext FROM mailbox"),
			 q_int(f, "SELECT max(uid) + 1 FROM message"));
	other_close(m);
	fx_free(f);
}

static void test_sync_large_mailbox_keeps_the_wal_bounded(void **state)
{
	struct sync_fx *f = fx_new("t-big");
	mailimap *m = other_open();
	struct sync_stats st = {0};
	uint64_t bytes = 0;
	char *wal = xasprintf("%s-wal", f->db);

	(void)state;
	other_create(m, "t-big");
	for (unsigned i = 0; i < BIG_N; i++) {
		size_t len;
		char *msg = big_message(i, &len);

		other_append(m, "t-big", msg, len);
		bytes += len;
		free(msg);
	}
	fx_sync_ok(f, &st);
	assert_int_equal(st.added, BIG_N);
	/* The WAL file keeps the size of its longest run. */
	assert_in_range(file_size(wal), 0, WAL_BOUND);
	store_close(f->s);
	f->s = NULL;
	assert_int_equal(file_size(wal), -1);
	assert_int_equal(q_int(f, "SELECT sum(size) FROM message"),
			 (int64_t)bytes);
	free(wal);
	other_close(m);
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sync_many_batches_keep_uid_order),
	    cmocka_unit_test(test_sync_large_mailbox_keeps_the_wal_bounded),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
