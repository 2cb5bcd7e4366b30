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

/* A report of about BIG_SIZE bytes: a short text part and an attachment of
 * random bytes in base64. Raw mail is stored compressed, so only bytes that
 * do not compress make the cache (and its WAL) grow past the bound. */
static char *big_message(unsigned i, size_t *len)
{
	static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				  "abcdefghijklmnopqrstuvwxyz0123456789+/";
	uint64_t x = 0x9E3779B97F4A7C15ull * (i + 1);
	char *m = xmalloc(BIG_SIZE + 1);
	int n = snprintf(m, BIG_SIZE,
			 "From: abuse@reporter%u.example\r\n"
			 "To: abuse@isp.example\r\n"
			 "Subject: [big] spam from 10.0.%u.%u\r\n"
			 "Message-ID: <big-%u@reporter.example>\r\n"
			 "Date: Mon, 6 May 2024 10:00:00 +0000\r\n"
			 "MIME-Version: 1.0\r\n"
			 "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
			 "--b\r\nContent-Type: text/plain\r\n\r\n"
			 "We received unsolicited mail from 10.0.%u.%u.\r\n"
			 "--b\r\nContent-Type: application/octet-stream\r\n"
			 "Content-Transfer-Encoding: base64\r\n\r\n",
			 i % 7, (i >> 8) & 255, i & 255, i, (i >> 8) & 255,
			 i & 255);
	size_t end = BIG_SIZE - 8;

	for (size_t p = (size_t)n; p + 78 <= end; p += 78) {
		for (size_t j = 0; j < 76; j++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			m[p + j] = b64[x % 64];
		}
		memcpy(m + p + 76, "\r\n", 2);
		*len = p + 78;
	}
	memcpy(m + *len, "--b--\r\n", 7);
	*len += 7;
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
	/* More was written than the bound, so the bound means something. */
	assert_true(q_int(f, "SELECT sum(length(raw)) FROM message") >
		    WAL_BOUND);
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
