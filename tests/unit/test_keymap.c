/* test_keymap.c: the keymap parser — key names both ways, contexts, bad
 * lines reported as file:line with the rest still loaded, overrides — and
 * that the bundled keymaps parse without a single error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "ui/actions.h"
#include "ui/keymap.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tests run from the top of the source tree (tests/run does). */
#ifndef SRCDIR
#define SRCDIR "."
#endif

static int key(const char *s)
{
	struct err e = {{0}};
	int k = -1;

	if (keymap_key_parse(s, &k, &e) < 0)
		fail_msg("keymap_key_parse refused \"%s\": %s", s, e.msg);
	return k;
}

static int action(const char *name)
{
	int a = ui_action_find(name);

	if (a < 0)
		fail_msg("no action %s", name);
	return a;
}

static void test_keymap_key_parse_reads_plain_control_meta_and_named(void **st)
{
	(void)st;
	assert_int_equal(key("j"), 'j');
	assert_int_equal(key("$"), '$');
	assert_int_equal(key("^D"), 4);
	assert_int_equal(key("^d"), 4);
	assert_int_equal(key("M-v"), KEYMAP_META | 'v');
	assert_int_equal(key("<Enter>"), '\n');
	assert_int_equal(key("<space>"), ' ');
	assert_int_equal(key("<PageDown>"), KEY_NPAGE);
	assert_int_equal(key("<F5>"), KEY_F(5));
}

static void test_keymap_key_parse_rejects_unknown_names(void **st)
{
	struct err e = {{0}};
	int k;

	(void)st;
	assert_int_equal(keymap_key_parse("<Nope>", &k, &e), -1);
	assert_non_null(strstr(e.msg, "Nope"));
	assert_int_equal(keymap_key_parse("jj", &k, &e), -1);
	assert_int_equal(keymap_key_parse("<F13>", &k, &e), -1);
}

static void test_keymap_key_name_reads_back(void **st)
{
	static const char *const names[] = {"j",       "^D",	  "M-v",
					    "<Enter>", "<Space>", "<PageUp>",
					    "<F12>",   "?",	  "!"};
	char out[32];

	(void)st;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		keymap_key_name(key(names[i]), out, sizeof out);
		assert_string_equal(out, names[i]);
	}
}

static void test_keymap_lookup_prefers_own_context_over_any(void **st)
{
	struct keymap *km = keymap_new();

	(void)st;
	assert_int_equal(keymap_parse(km, "t",
				      "bind pager q quit\n"
				      "bind any q back\n"),
			 0);
	assert_int_equal(keymap_lookup(km, UI_CTX_PAGER, 'q'), action("quit"));
	assert_int_equal(keymap_lookup(km, UI_CTX_GROUPS, 'q'), action("back"));
	assert_int_equal(keymap_lookup(km, UI_CTX_GROUPS, 'x'), -1);
	keymap_free(km);
}

static void test_keymap_later_line_overrides_earlier(void **st)
{
	struct keymap *km = keymap_new();

	(void)st;
	keymap_parse(km, "default", "bind any j down\n");
	keymap_parse(km, "user", "bind any j up\n");
	assert_int_equal(keymap_lookup(km, UI_CTX_MESSAGES, 'j'), action("up"));
	assert_false(keymap_binding_active(km, 0));
	assert_true(keymap_binding_active(km, 1));
	keymap_free(km);
}

static void test_keymap_bad_line_names_file_and_line_and_rest_loads(void **st)
{
	struct keymap *km = keymap_new();

	(void)st;
	assert_int_equal(keymap_parse(km, "my.keys",
				      "# comment\n"
				      "\n"
				      "bind any j down\n"
				      "bind nowhere k up\n"
				      "bind any k fly\n"
				      "bind any <Bad> up\n"
				      "bind any k\n"
				      "bind pager o sort\n"
				      "bind any k up\n"),
			 5);
	assert_int_equal(km->n_errors, 5);
	assert_non_null(strstr(km->errors[0], "my.keys:4: "));
	assert_non_null(strstr(km->errors[0], "nowhere"));
	assert_non_null(strstr(km->errors[1], "my.keys:5: "));
	assert_non_null(strstr(km->errors[1], "fly"));
	assert_non_null(strstr(km->errors[2], "my.keys:6: "));
	assert_non_null(strstr(km->errors[3], "my.keys:7: "));
	assert_non_null(strstr(km->errors[4], "my.keys:8: "));
	assert_int_equal(keymap_lookup(km, UI_CTX_GROUPS, 'j'), action("down"));
	assert_int_equal(keymap_lookup(km, UI_CTX_GROUPS, 'k'), action("up"));
	keymap_free(km);
}

static void test_keymap_load_file_reports_missing_file(void **st)
{
	struct keymap *km = keymap_new();
	struct err e = {{0}};

	(void)st;
	assert_int_equal(keymap_load_file(km, "/nonexistent/x.keys", &e), -1);
	assert_non_null(strstr(e.msg, "/nonexistent/x.keys"));
	keymap_free(km);
}

static void check_bundled(const char *path)
{
	struct keymap *km = keymap_new();
	struct err e = {{0}};
	char full[512];

	snprintf(full, sizeof full, "%s/%s", SRCDIR, path);
	if (keymap_load_file(km, full, &e) != 0)
		fail_msg("%s: %s %s", path, e.msg,
			 km->n_errors ? km->errors[0] : "");
	assert_true(km->n > 0);
	keymap_free(km);
}

static void test_keymap_bundled_files_parse_cleanly(void **st)
{
	(void)st;
	check_bundled("keymaps/default.keys");
	check_bundled("keymaps/vi.keys");
	check_bundled("keymaps/emacs.keys");
}

static void test_keymap_default_binds_every_issue_key(void **st)
{
	static const struct {
		const char *key, *action;
	} want[] = {{"j", "down"},   {"k", "up"},     {"q", "back"},
		    {"i", "back"},   {"/", "search"}, {"d", "resolve"},
		    {"!", "ignore"}, {"U", "undo"},   {"?", "help"},
		    {"$", "sync"},   {"l", "limit"},  {"<Enter>", "open"}};
	struct keymap *km = keymap_new();
	struct err e = {{0}};

	(void)st;
	keymap_load_file(km, SRCDIR "/keymaps/default.keys", &e);
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_int_equal(
		    keymap_lookup(km, UI_CTX_GROUPS, key(want[i].key)),
		    action(want[i].action));
	keymap_free(km);
}

/* The pager as mutt's: j and k walk the list, n and N the matches; the
 * vi keymap keeps j and k for lines, and h goes back in the pager too. */
static void test_keymap_pager_walks_the_list_but_not_in_vi(void **st)
{
	struct keymap *km = keymap_new();
	struct err e = {{0}};

	(void)st;
	keymap_load_file(km, SRCDIR "/keymaps/default.keys", &e);
	assert_int_equal(keymap_lookup(km, UI_CTX_PAGER, key("j")),
			 action("next-report"));
	assert_int_equal(keymap_lookup(km, UI_CTX_PAGER, key("k")),
			 action("previous-report"));
	assert_int_equal(keymap_lookup(km, UI_CTX_PAGER, key("n")),
			 action("search-next"));
	assert_int_equal(keymap_lookup(km, UI_CTX_PAGER, key("N")),
			 action("search-previous"));
	assert_int_equal(keymap_lookup(km, UI_CTX_PAGER, key("<Enter>")),
			 action("down"));
	assert_int_equal(keymap_lookup(km, UI_CTX_GROUPS, key(";")),
			 action("tag-prefix"));
	keymap_load_file(km, SRCDIR "/keymaps/vi.keys", &e);
	assert_int_equal(keymap_lookup(km, UI_CTX_PAGER, key("j")),
			 action("down"));
	assert_int_equal(keymap_lookup(km, UI_CTX_PAGER, key("k")),
			 action("up"));
	assert_int_equal(keymap_lookup(km, UI_CTX_PAGER, key("h")),
			 action("back"));
	keymap_free(km);
}

/* A mutt user presses u after d to take it back: u undoes in every
 * context of every bundled keymap, and unsubscribing (a network action)
 * is on X, never on u. */
static void test_keymap_u_undoes_everywhere_and_x_unsubscribes(void **st)
{
	static const char *const over[] = {NULL, "vi", "emacs"};
	static const unsigned ctx[] = {UI_CTX_GROUPS, UI_CTX_MESSAGES,
				       UI_CTX_PAGER};

	(void)st;
	for (size_t i = 0; i < sizeof over / sizeof over[0]; i++) {
		struct keymap *km = keymap_new();
		struct err e = {{0}};
		char path[128];

		keymap_load_file(km, SRCDIR "/keymaps/default.keys", &e);
		if (over[i]) {
			snprintf(path, sizeof path, SRCDIR "/keymaps/%s.keys",
				 over[i]);
			keymap_load_file(km, path, &e);
		}
		for (size_t c = 0; c < sizeof ctx / sizeof ctx[0]; c++) {
			assert_int_equal(keymap_lookup(km, ctx[c], key("u")),
					 action("undo"));
			assert_int_equal(keymap_lookup(km, ctx[c], key("X")),
					 action("unsubscribe"));
		}
		keymap_free(km);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(
		test_keymap_key_parse_reads_plain_control_meta_and_named),
	    cmocka_unit_test(test_keymap_key_parse_rejects_unknown_names),
	    cmocka_unit_test(test_keymap_key_name_reads_back),
	    cmocka_unit_test(test_keymap_lookup_prefers_own_context_over_any),
	    cmocka_unit_test(test_keymap_later_line_overrides_earlier),
	    cmocka_unit_test(
		test_keymap_bad_line_names_file_and_line_and_rest_loads),
	    cmocka_unit_test(test_keymap_load_file_reports_missing_file),
	    cmocka_unit_test(test_keymap_bundled_files_parse_cleanly),
	    cmocka_unit_test(test_keymap_default_binds_every_issue_key),
	    cmocka_unit_test(test_keymap_pager_walks_the_list_but_not_in_vi),
	    cmocka_unit_test(
		test_keymap_u_undoes_everywhere_and_x_unsubscribes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
