/* test_paths.c: XDG locations, ~ expansion, directory creation and the
 * database file name made from an account. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/paths.h"
#include "core/xalloc.h"

#include <ftw.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int make_tmpdir(void **state)
{
	char tmpl[] = "/tmp/abusedesk-paths-XXXXXX";

	assert_non_null(mkdtemp(tmpl));
	*state = xstrdup(tmpl);
	return 0;
}

static int remove_tmpdir(void **state)
{
	nftw(*state, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(*state);
	return 0;
}

static void test_paths_config_file_uses_absolute_xdg_config_home(void **state)
{
	char *p;

	(void)state;
	setenv("XDG_CONFIG_HOME", "/srv/cfg", 1);
	p = paths_config_file();
	assert_string_equal(p, "/srv/cfg/abusedesk/config");
	free(p);
}

static void
test_paths_config_file_ignores_relative_xdg_config_home(void **state)
{
	char *p;

	(void)state;
	setenv("HOME", "/home/op", 1);
	setenv("XDG_CONFIG_HOME", "relative/cfg", 1);
	p = paths_config_file();
	assert_string_equal(p, "/home/op/.config/abusedesk/config");
	free(p);
}

static void test_paths_config_file_defaults_under_home(void **state)
{
	char *p;

	(void)state;
	setenv("HOME", "/home/op", 1);
	unsetenv("XDG_CONFIG_HOME");
	p = paths_config_file();
	assert_string_equal(p, "/home/op/.config/abusedesk/config");
	free(p);
}

static void test_paths_data_dir_uses_absolute_xdg_data_home(void **state)
{
	char *p;

	(void)state;
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	p = paths_data_dir();
	assert_string_equal(p, "/srv/data/abusedesk");
	free(p);
}

static void test_paths_data_dir_ignores_empty_xdg_data_home(void **state)
{
	char *p;

	(void)state;
	setenv("HOME", "/home/op", 1);
	setenv("XDG_DATA_HOME", "", 1);
	p = paths_data_dir();
	assert_string_equal(p, "/home/op/.local/share/abusedesk");
	free(p);
}

static void test_paths_db_file_keeps_plain_account_readable(void **state)
{
	char *p;

	(void)state;
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	p = paths_db_file("ops@mail.example.net");
	assert_string_equal(p, "/srv/data/abusedesk/ops@mail.example.net.db");
	free(p);
}

static void test_paths_db_file_cannot_escape_data_dir(void **state)
{
	const char *bad[] = {"../x", "..", ".", "a/../../b", "/etc/passwd"};
	size_t i;

	(void)state;
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *p = paths_db_file(bad[i]);
		const char *name = p + strlen("/srv/data/abusedesk/");

		assert_memory_equal(p, "/srv/data/abusedesk/", 20);
		assert_null(strchr(name, '/'));
		assert_int_not_equal(name[0], '.');
		free(p);
	}
}

static void test_paths_db_file_keeps_distinct_accounts_apart(void **state)
{
	char *a;
	char *b;

	(void)state;
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	a = paths_db_file("a/b");
	b = paths_db_file("a_b");
	assert_string_not_equal(a, b);
	free(a);
	free(b);
}

static void test_paths_db_file_bounds_long_account_names(void **state)
{
	char account[600];
	char *a;
	char *b;

	(void)state;
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	memset(account, 'x', sizeof account - 1);
	account[sizeof account - 1] = '\0';
	a = paths_db_file(account);
	account[0] = 'y';
	b = paths_db_file(account);
	assert_true(strlen(strrchr(a, '/') + 1) <= 255);
	assert_string_not_equal(a, b);
	free(a);
	free(b);
}

static void test_paths_db_file_names_empty_account(void **state)
{
	char *p;

	(void)state;
	setenv("XDG_DATA_HOME", "/srv/data", 1);
	p = paths_db_file("");
	assert_string_not_equal(p, "/srv/data/abusedesk/.db");
	assert_non_null(strstr(p, "/srv/data/abusedesk/"));
	free(p);
}

static void test_paths_expand_home_expands_tilde_slash(void **state)
{
	char *p;

	(void)state;
	setenv("HOME", "/home/op", 1);
	p = paths_expand_home("~/certs/ca.pem");
	assert_string_equal(p, "/home/op/certs/ca.pem");
	free(p);
}

static void test_paths_expand_home_expands_lone_tilde(void **state)
{
	char *p;

	(void)state;
	setenv("HOME", "/home/op", 1);
	p = paths_expand_home("~");
	assert_string_equal(p, "/home/op");
	free(p);
}

static void test_paths_expand_home_expands_named_user(void **state)
{
	struct passwd *pw = getpwnam("root");
	char *want;
	char *p;

	(void)state;
	assert_non_null(pw);
	want = xasprintf("%s/x", pw->pw_dir);
	p = paths_expand_home("~root/x");
	assert_string_equal(p, want);
	free(p);
	free(want);
}

static void test_paths_expand_home_keeps_other_paths(void **state)
{
	const char *same[] = {"/etc/ssl/ca.pem", "rel/~x", "",
			      "~no-such-user-abusedesk/x"};
	size_t i;

	(void)state;
	setenv("HOME", "/home/op", 1);
	for (i = 0; i < sizeof same / sizeof same[0]; i++) {
		char *p = paths_expand_home(same[i]);

		assert_string_equal(p, same[i]);
		free(p);
	}
}

static void test_paths_abbrev_home_shortens_paths_under_home(void **state)
{
	char *a;
	char *b;

	(void)state;
	setenv("HOME", "/home/op", 1);
	a = paths_abbrev_home("/home/op/.config/abusedesk/config");
	b = paths_abbrev_home("/home/operator/x");
	assert_string_equal(a, "~/.config/abusedesk/config");
	assert_string_equal(b, "/home/operator/x");
	free(a);
	free(b);
}

static void test_paths_ensure_dir_creates_parents_private(void **state)
{
	char *dir = xasprintf("%s/a/b/c", (char *)*state);
	char *mid = xasprintf("%s/a/b", (char *)*state);
	struct err e = {{0}};
	struct stat st;

	assert_int_equal(paths_ensure_dir(dir, &e), 0);
	assert_int_equal(stat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(stat(mid, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	free(dir);
	free(mid);
}

static void test_paths_ensure_dir_accepts_existing_dir(void **state)
{
	struct err e = {{0}};
	struct stat st;

	assert_int_equal(chmod(*state, 0755), 0);
	assert_int_equal(paths_ensure_dir(*state, &e), 0);
	assert_int_equal(stat(*state, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0755);
}

static void test_paths_ensure_dir_rejects_file_in_the_way(void **state)
{
	char *file = xasprintf("%s/f", (char *)*state);
	char *dir = xasprintf("%s/f/sub", (char *)*state);
	struct err e = {{0}};
	FILE *f = fopen(file, "w");

	assert_non_null(f);
	fclose(f);
	assert_int_equal(paths_ensure_dir(dir, &e), -1);
	assert_non_null(strstr(e.msg, file));
	free(file);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
		test_paths_config_file_uses_absolute_xdg_config_home),
	    cmocka_unit_test(
		test_paths_config_file_ignores_relative_xdg_config_home),
	    cmocka_unit_test(test_paths_config_file_defaults_under_home),
	    cmocka_unit_test(test_paths_data_dir_uses_absolute_xdg_data_home),
	    cmocka_unit_test(test_paths_data_dir_ignores_empty_xdg_data_home),
	    cmocka_unit_test(test_paths_db_file_keeps_plain_account_readable),
	    cmocka_unit_test(test_paths_db_file_cannot_escape_data_dir),
	    cmocka_unit_test(test_paths_db_file_keeps_distinct_accounts_apart),
	    cmocka_unit_test(test_paths_db_file_bounds_long_account_names),
	    cmocka_unit_test(test_paths_db_file_names_empty_account),
	    cmocka_unit_test(test_paths_expand_home_expands_tilde_slash),
	    cmocka_unit_test(test_paths_expand_home_expands_lone_tilde),
	    cmocka_unit_test(test_paths_expand_home_expands_named_user),
	    cmocka_unit_test(test_paths_expand_home_keeps_other_paths),
	    cmocka_unit_test(test_paths_abbrev_home_shortens_paths_under_home),
	    cmocka_unit_test_setup_teardown(
		test_paths_ensure_dir_creates_parents_private, make_tmpdir,
		remove_tmpdir),
	    cmocka_unit_test_setup_teardown(
		test_paths_ensure_dir_accepts_existing_dir, make_tmpdir,
		remove_tmpdir),
	    cmocka_unit_test_setup_teardown(
		test_paths_ensure_dir_rejects_file_in_the_way, make_tmpdir,
		remove_tmpdir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
