/* test_buf.c: the growable buffer and the error buffer of core. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/err.h"

static void test_buf_empty_is_empty_string(void **state)
{
	struct buf b = BUF_INIT;
	char *s;

	(void)state;
	assert_string_equal(buf_cstr(&b), "");
	buf_reserve(&b, 100);
	assert_string_equal(buf_cstr(&b), "");
	s = buf_steal(&b);
	assert_string_equal(s, "");
	assert_null(b.data);
	free(s);
}

static void test_buf_appends_keep_nul_and_binary(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	buf_puts(&b, "ab");
	buf_append(&b, "\0c", 2);
	buf_putc(&b, 'd');
	assert_int_equal(b.len, 5);
	assert_memory_equal(b.data, "ab\0cd", 5);
	assert_int_equal(b.data[5], '\0');
	buf_free(&b);
}

static void test_buf_grows_past_many_doublings(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	for (int i = 0; i < 100000; i++)
		buf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 200000);
	assert_true(b.cap > b.len);
	assert_memory_equal(b.data + 199996, "8,9,", 4);
	buf_free(&b);
}

static void test_buf_reset_keeps_memory(void **state)
{
	struct buf b = BUF_INIT;
	char *before;

	(void)state;
	buf_puts(&b, "hello world");
	before = b.data;
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	assert_ptr_equal(b.data, before);
	buf_free(&b);
}

static void test_buf_printf_long_output(void **state)
{
	struct buf b = BUF_INIT;
	char big[5000];

	(void)state;
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	buf_puts(&b, "<");
	buf_printf(&b, "%s>", big);
	assert_int_equal(b.len, 5000 + 1);
	assert_int_equal(b.data[b.len - 1], '>');
	buf_free(&b);
}

/* A file is read whole, or its first max bytes; a missing one is -1. */
static void test_buf_read_file_whole_cut_and_missing(void **state)
{
	char path[] = "/tmp/abusedesk-buf-XXXXXX";
	int fd = mkstemp(path);
	struct buf b = BUF_INIT;
	char big[10000];

	(void)state;
	assert_true(fd >= 0);
	memset(big, 'x', sizeof big);
	assert_int_equal(write(fd, big, sizeof big), (ssize_t)sizeof big);
	close(fd);
	assert_int_equal(buf_read_file(&b, path, SIZE_MAX), 0);
	assert_int_equal(b.len, sizeof big);
	buf_reset(&b);
	assert_int_equal(buf_read_file(&b, path, 5000), 0);
	assert_int_equal(b.len, 5000);
	buf_reset(&b);
	assert_int_equal(buf_read_file(&b, path, 0), 0);
	assert_int_equal(b.len, 0);
	unlink(path);
	assert_int_equal(buf_read_file(&b, path, 10), -1);
	buf_free(&b);
}

static void test_err_set_returns_minus_one_and_formats(void **state)
{
	struct err e = {{0}};

	(void)state;
	assert_int_equal(err_set(&e, "port %d is closed", 143), -1);
	assert_string_equal(e.msg, "port 143 is closed");
	assert_int_equal(err_set(NULL, "ignored"), -1);
}

static void test_err_prefix_adds_context_and_truncates(void **state)
{
	struct err e = {{0}};
	char long_text[400];

	(void)state;
	err_set(&e, "connection refused");
	err_prefix(&e, "imap %s:%d", "localhost", 143);
	assert_string_equal(e.msg, "imap localhost:143: connection refused");
	memset(long_text, 'a', sizeof long_text - 1);
	long_text[sizeof long_text - 1] = '\0';
	err_set(&e, "%s", long_text);
	err_prefix(&e, "ctx");
	assert_int_equal(strlen(e.msg), sizeof e.msg - 1);
	assert_memory_equal(e.msg, "ctx: aaa", 8);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_buf_empty_is_empty_string),
	    cmocka_unit_test(test_buf_appends_keep_nul_and_binary),
	    cmocka_unit_test(test_buf_grows_past_many_doublings),
	    cmocka_unit_test(test_buf_reset_keeps_memory),
	    cmocka_unit_test(test_buf_read_file_whole_cut_and_missing),
	    cmocka_unit_test(test_buf_printf_long_output),
	    cmocka_unit_test(test_err_set_returns_minus_one_and_formats),
	    cmocka_unit_test(test_err_prefix_adds_context_and_truncates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
