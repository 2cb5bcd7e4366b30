/* test_import.c: Maildir, mbox and single-file import into a temporary
 * cache, from tests/fixtures/import and from files written here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "mail/import.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIXTURES "tests/fixtures/import"

struct fx {
	char dir[64];
	char *db;
	struct store *s;
	struct import_stats st;
	struct analysis_opts opts;
	struct err e;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);

	snprintf(f->dir, sizeof f->dir, "/tmp/test_import.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	f->db = xasprintf("%s/cache.db", f->dir);
	f->s = store_open(f->db, &f->e);
	if (!f->s) {
		fprintf(stderr, "%s\n", f->e.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char *cmd = xasprintf("rm -rf '%s'", f->dir);

	store_close(f->s);
	import_stats_free(&f->st);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", f->dir);
	free(cmd);
	free(f->db);
	free(f);
	return 0;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static int import(struct fx *f, const char *path)
{
	return import_path(f->s, path, &f->opts, &f->st, &f->e);
}

static int64_t count_messages(struct fx *f)
{
	struct store_counts c;

	assert_int_equal(store_counts(f->s, &c, &f->e), 0);
	return c.messages;
}

/* The raw bytes of the one message whose text matches word. */
static char *raw_of(struct fx *f, const char *word)
{
	int64_t *ids;
	size_t n, len;
	char *raw;

	assert_int_equal(store_search(f->s, word, &ids, &n, &f->e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_message_raw(f->s, ids[0], &raw, &len, &f->e), 1);
	free(ids);
	return raw;
}

static void test_import_maildir_reads_cur_and_new(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import(f, FIXTURES "/maildir"), 0);
	assert_int_equal(f->st.added, 2);
	assert_int_equal(f->st.n_errors, 0);
	free(raw_of(f, "unsolicited"));
	free(raw_of(f, "Repeated"));
}

static void test_import_mbox_splits_messages(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import(f, FIXTURES "/three.mbox"), 0);
	assert_int_equal(f->st.added, 3);
	assert_int_equal(f->st.n_errors, 0);
	assert_int_equal(count_messages(f), 3);
}

static void test_import_mbox_unescapes_from_lines(void **state)
{
	struct fx *f = *state;
	char *raw;

	assert_int_equal(import(f, FIXTURES "/three.mbox"), 0);
	raw = raw_of(f, "excerpt");
	assert_non_null(strstr(raw, "\nFrom the logs:"));
	assert_non_null(strstr(raw, "\n>From here on"));
	assert_null(strstr(raw, ">From the logs"));
	assert_null(strstr(raw, "From noc@")); /* the From_ line is not kept */
	free(raw);
}

static void test_import_mbox_drops_separator_line(void **state)
{
	struct fx *f = *state;
	char *raw;
	size_t n;

	assert_int_equal(import(f, FIXTURES "/three.mbox"), 0);
	raw = raw_of(f, "Second");
	n = strlen(raw);
	assert_true(n > 2);
	assert_string_equal(raw + n - 2, ".\n");
	free(raw);
}

static void test_import_mbox_tolerates_crlf(void **state)
{
	struct fx *f = *state;
	char *raw;
	size_t n;

	assert_int_equal(import(f, FIXTURES "/crlf.mbox"), 0);
	assert_int_equal(f->st.added, 2);
	raw = raw_of(f, "again");
	n = strlen(raw);
	assert_string_equal(raw + n - 4, "n.\r\n");
	assert_int_equal(strncmp(raw, "From: a@", 8), 0);
	free(raw);
}

static void test_import_eml_is_one_message(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import(f, FIXTURES "/single.eml"), 0);
	assert_int_equal(f->st.added, 1);
	assert_int_equal(f->st.n_errors, 0);
}

static void test_import_non_mail_file_is_named_and_others_import(void **state)
{
	struct fx *f = *state;
	char *md = xasprintf("%s/md", f->dir);
	char *sub = xasprintf("%s/new", md);
	char *good = xasprintf("%s/1.good", sub);
	char *bad = xasprintf("%s/2.notes.txt", sub);

	assert_int_equal(mkdir(md, 0700), 0);
	assert_int_equal(mkdir(sub, 0700), 0);
	write_file(good, "Subject: fine\n\nA message.\n");
	write_file(bad, "just some notes\n");
	assert_int_equal(import(f, md), 0);
	assert_int_equal(f->st.added, 1);
	assert_int_equal(f->st.n_errors, 1);
	assert_non_null(strstr(f->st.errors[0], "2.notes.txt"));
	assert_non_null(strstr(f->st.errors[0], "not a mail message"));
	free(md);
	free(sub);
	free(good);
	free(bad);
}

static void test_import_empty_file_is_an_error(void **state)
{
	struct fx *f = *state;
	char *p = xasprintf("%s/empty.eml", f->dir);

	write_file(p, "");
	assert_int_equal(import(f, p), 0);
	assert_int_equal(f->st.added, 0);
	assert_int_equal(f->st.n_errors, 1);
	assert_non_null(strstr(f->st.errors[0], "empty.eml"));
	free(p);
}

static void test_import_twice_adds_nothing(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import(f, FIXTURES "/three.mbox"), 0);
	assert_int_equal(import(f, FIXTURES "/maildir"), 0);
	f->st.added = 0;
	assert_int_equal(import(f, FIXTURES "/three.mbox"), 0);
	assert_int_equal(import(f, FIXTURES "/maildir"), 0);
	assert_int_equal(f->st.added, 0);
	assert_int_equal(f->st.present, 5);
	assert_int_equal(count_messages(f), 5);
}

static void test_import_missing_path_fails_naming_it(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import(f, FIXTURES "/no-such-file"), -1);
	assert_non_null(strstr(f->e.msg, "no-such-file"));
}

static void test_import_plain_folder_is_not_a_maildir(void **state)
{
	struct fx *f = *state;

	assert_int_equal(import(f, FIXTURES "/bad"), -1);
	assert_non_null(strstr(f->e.msg, "not a Maildir"));
}

static void test_import_commits_large_mbox_in_batches(void **state)
{
	struct fx *f = *state;
	char *p = xasprintf("%s/big.mbox", f->dir);
	FILE *fp = fopen(p, "w");
	size_t n = IMPORT_BATCH * 2 + 7;

	assert_non_null(fp);
	for (size_t i = 0; i < n; i++)
		fprintf(fp,
			"From x@example.org Mon Jan  1 00:00:00 2024\n"
			"Subject: number %zu\n\nbody %zu\n\n",
			i, i);
	fclose(fp);
	assert_int_equal(import(f, p), 0);
	assert_int_equal(f->st.added, n);
	assert_false(store_in_transaction(f->s));
	assert_int_equal(count_messages(f), (int64_t)n);
	free(p);
}

static void test_import_joins_callers_transaction(void **state)
{
	struct fx *f = *state;

	assert_int_equal(store_begin(f->s, &f->e), 0);
	assert_int_equal(import(f, FIXTURES "/three.mbox"), 0);
	assert_true(store_in_transaction(f->s));
	store_rollback(f->s);
	assert_int_equal(count_messages(f), 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_import_maildir_reads_cur_and_new),
	    T(test_import_mbox_splits_messages),
	    T(test_import_mbox_unescapes_from_lines),
	    T(test_import_mbox_drops_separator_line),
	    T(test_import_mbox_tolerates_crlf),
	    T(test_import_eml_is_one_message),
	    T(test_import_non_mail_file_is_named_and_others_import),
	    T(test_import_empty_file_is_an_error),
	    T(test_import_twice_adds_nothing),
	    T(test_import_missing_path_fails_naming_it),
	    T(test_import_plain_folder_is_not_a_maildir),
	    T(test_import_commits_large_mbox_in_batches),
	    T(test_import_joins_callers_transaction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
