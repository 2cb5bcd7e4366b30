/* test_config.c: defaults, every value type and its rejection message,
 * the file syntax and its errors, derived defaults and warnings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/config.h"
#include "core/xalloc.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Each test gets an empty HOME and a fresh config. */
struct fx {
	char *home;
	char *file; /* $HOME/cfg, written by load() */
	struct config *c;
	struct err e;
};

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	char tmpl[] = "/tmp/abusedesk-config-XXXXXX";

	assert_non_null(mkdtemp(tmpl));
	f->home = xstrdup(tmpl);
	f->file = xasprintf("%s/cfg", f->home);
	setenv("HOME", f->home, 1);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("NO_COLOR");
	f->c = config_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	config_free(f->c);
	nftw(f->home, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f->home);
	free(f->file);
	free(f);
	return 0;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
	assert_int_equal(chmod(path, mode), 0);
}

static int load(struct fx *f, const char *text)
{
	write_file(f->file, text, 0600);
	memset(&f->e, 0, sizeof f->e);
	return config_load(f->c, f->file, true, &f->e);
}

/* Loads text that must fail; the message must contain want. */
static void load_fails(struct fx *f, const char *text, const char *want)
{
	assert_int_equal(load(f, text), -1);
	if (!strstr(f->e.msg, want))
		fail_msg("message '%s' lacks '%s'", f->e.msg, want);
}

static void load_ok(struct fx *f, const char *text)
{
	if (load(f, text) != 0)
		fail_msg("unexpected error: %s", f->e.msg);
}

/* ---- defaults ---- */

static void test_config_new_fills_imap_defaults(void **state)
{
	struct config *c = ((struct fx *)*state)->c;

	assert_null(c->imap.host);
	assert_int_equal(c->imap.tls, CONFIG_TLS_IMPLICIT);
	assert_int_equal(c->imap.port, 993);
	assert_int_equal(c->imap.mailboxes.n, 1);
	assert_string_equal(c->imap.mailboxes.v[0], "INBOX");
	assert_int_equal(c->imap.timeout, 30);
	assert_string_equal(c->imap.account, "local");
}

static void test_config_new_fills_smtp_defaults(void **state)
{
	struct config *c = ((struct fx *)*state)->c;

	assert_int_equal(c->smtp.tls, CONFIG_TLS_STARTTLS);
	assert_int_equal(c->smtp.port, 587);
	assert_null(c->smtp.sendmail);
}

static void test_config_new_fills_noise_and_ui_defaults(void **state)
{
	struct config *c = ((struct fx *)*state)->c;

	assert_int_equal(c->noise.min_reports, 20);
	assert_true(c->noise.bulk_share > 0.79 && c->noise.bulk_share < 0.81);
	assert_int_equal(c->networks.own.n, 0);
	assert_string_equal(c->ui.keymap, "default");
	assert_int_equal(c->ui.color, CONFIG_COLOR_AUTO);
	assert_int_equal(c->ui.sort, CONFIG_SORT_URGENCY);
	assert_string_equal(c->ui.date_format, "%Y-%m-%d %H:%M");
	assert_false(c->ui.show_resolved);
}

static void test_config_options_rows_are_complete_and_unique(void **state)
{
	size_t n;
	const struct config_option *o = config_options(&n);

	(void)state;
	assert_true(n > 30);
	for (size_t i = 0; i < n; i++) {
		assert_true(o[i].help && o[i].help[0]);
		assert_true(o[i].type != CONFIG_ENUM || o[i].choices);
		for (size_t j = i + 1; j < n; j++)
			assert_false(!strcmp(o[i].section, o[j].section) &&
				     !strcmp(o[i].key, o[j].key));
	}
}

static void test_config_option_expects_describes_range(void **state)
{
	size_t n;
	const struct config_option *o = config_options(&n);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		char *s = config_option_expects(&o[i]);

		if (!strcmp(o[i].section, "imap") && !strcmp(o[i].key, "port"))
			assert_string_equal(s, "a number from 1 to 65535");
		if (!strcmp(o[i].section, "imap") && !strcmp(o[i].key, "tls"))
			assert_string_equal(
			    s, "one of implicit, starttls or none");
		assert_true(s[0]);
		free(s);
	}
}

/* ---- locations ---- */

static void test_config_load_accepts_missing_default_file(void **state)
{
	struct fx *f = *state;

	assert_int_equal(config_load(f->c, NULL, false, &f->e), 0);
	assert_int_equal(f->c->imap.port, 993);
}

static void test_config_load_rejects_missing_given_file(void **state)
{
	struct fx *f = *state;

	assert_int_equal(
	    config_load(f->c, "/nonexistent/abusedesk.conf", true, &f->e), -1);
	assert_non_null(strstr(f->e.msg, "/nonexistent/abusedesk.conf"));
	assert_non_null(strstr(f->e.msg, "No such file"));
}

static void test_config_load_reads_xdg_config_home(void **state)
{
	struct fx *f = *state;
	char *dir = xasprintf("%s/xdg/abusedesk", f->home);
	char *xdg = xasprintf("%s/xdg", f->home);
	char *file = xasprintf("%s/config", dir);

	assert_int_equal(mkdir(xdg, 0700), 0);
	assert_int_equal(mkdir(dir, 0700), 0);
	write_file(file, "[imap]\nhost = imap.example.net\n", 0600);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	assert_int_equal(config_load(f->c, NULL, false, &f->e), 0);
	assert_string_equal(f->c->imap.host, "imap.example.net");
	free(dir);
	free(xdg);
	free(file);
}

static void test_config_load_rejects_directory(void **state)
{
	struct fx *f = *state;

	assert_int_equal(config_load(f->c, f->home, true, &f->e), -1);
	assert_non_null(strstr(f->e.msg, "not a regular file"));
}

/* ---- values ---- */

static void test_config_load_reads_strings_and_numbers(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\nhost = imap.example.net\nport = 1993\n"
		   "user = abuse desk\ntimeout = 5\n");
	assert_string_equal(f->c->imap.host, "imap.example.net");
	assert_int_equal(f->c->imap.port, 1993);
	assert_string_equal(f->c->imap.user, "abuse desk");
	assert_int_equal(f->c->imap.timeout, 5);
}

static void test_config_load_rejects_non_number(void **state)
{
	load_fails(*state, "[imap]\n\nport = abc\n",
		   "cfg:3: port: expected a number from 1 to 65535, got 'abc'");
}

static void test_config_load_rejects_number_out_of_range(void **state)
{
	load_fails(*state, "[imap]\nport = 65536\n",
		   "cfg:2: port: expected a number from 1 to 65535, got "
		   "'65536'");
}

static void test_config_load_rejects_number_with_trailing_text(void **state)
{
	load_fails(*state, "[smtp]\ntimeout = 30s\n",
		   "cfg:2: timeout: expected a number from 1 to 3600, got "
		   "'30s'");
}

static void test_config_load_reads_enum_ignoring_case(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\ntls = STARTTLS\n[ui]\nsort = recent\n");
	assert_int_equal(f->c->imap.tls, CONFIG_TLS_STARTTLS);
	assert_int_equal(f->c->ui.sort, CONFIG_SORT_RECENT);
}

static void test_config_load_rejects_unknown_enum_value(void **state)
{
	load_fails(*state, "[imap]\ntls = ssl\n",
		   "cfg:2: tls: expected one of implicit, starttls or none, "
		   "got 'ssl'");
}

static void test_config_load_reads_every_bool_spelling(void **state)
{
	const char *yes[] = {"yes", "true", "on", "1", "Yes"};
	const char *no[] = {"no", "false", "off", "0", "OFF"};
	struct fx *f = *state;

	for (size_t i = 0; i < 5; i++) {
		char *t = xasprintf("[ui]\nshow_resolved = %s\n", yes[i]);
		char *u = xasprintf("[ui]\nshow_resolved = %s\n", no[i]);

		load_ok(f, t);
		assert_true(f->c->ui.show_resolved);
		load_ok(f, u);
		assert_false(f->c->ui.show_resolved);
		free(t);
		free(u);
	}
}

static void test_config_load_rejects_bad_bool(void **state)
{
	load_fails(*state, "[ui]\nshow_resolved = maybe\n",
		   "cfg:2: show_resolved: expected yes or no, got 'maybe'");
}

static void test_config_load_reads_real(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[noise]\nbulk_share = 0.5\n");
	assert_true(f->c->noise.bulk_share > 0.49 &&
		    f->c->noise.bulk_share < 0.51);
}

static void test_config_load_rejects_real_out_of_range(void **state)
{
	load_fails(*state, "[noise]\nbulk_share = 1.5\n",
		   "cfg:2: bulk_share: expected a number from 0 to 1, "
		   "got '1.5'");
}

static void test_config_load_rejects_real_nan(void **state)
{
	load_fails(*state, "[noise]\nbulk_share = nan\n",
		   "expected a number from 0 to 1, got 'nan'");
}

static void test_config_load_reads_string_list(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\nmailboxes = INBOX, Junk ,Abuse/Spam,\n");
	assert_int_equal(f->c->imap.mailboxes.n, 3);
	assert_string_equal(f->c->imap.mailboxes.v[0], "INBOX");
	assert_string_equal(f->c->imap.mailboxes.v[1], "Junk");
	assert_string_equal(f->c->imap.mailboxes.v[2], "Abuse/Spam");
}

static void test_config_load_rejects_empty_mailbox_list(void **state)
{
	load_fails(*state, "[imap]\nmailboxes = ,\n",
		   "cfg:2: mailboxes: expected a non-empty comma-separated "
		   "list");
}

static void test_config_load_expands_home_in_path(void **state)
{
	struct fx *f = *state;
	char *want = xasprintf("%s/certs/ca.pem", f->home);

	load_ok(f, "[imap]\nca_file = ~/certs/ca.pem\n");
	assert_string_equal(f->c->imap.ca_file, want);
	free(want);
}

static void test_config_load_rejects_relative_path(void **state)
{
	load_fails(*state, "[identity]\nsignature_file = sig.txt\n",
		   "cfg:2: signature_file: expected a path (absolute or "
		   "starting with ~), got 'sig.txt'");
}

static void test_config_load_takes_keymap_name_or_path(void **state)
{
	struct fx *f = *state;
	char *want = xasprintf("%s/my.keys", f->home);

	load_ok(f, "[ui]\nkeymap = vi\n");
	assert_string_equal(f->c->ui.keymap, "vi");
	load_ok(f, "[ui]\nkeymap = ~/my.keys\n");
	assert_string_equal(f->c->ui.keymap, want);
	free(want);
}

static void test_config_load_rejects_unknown_keymap_name(void **state)
{
	load_fails(*state, "[ui]\nkeymap = vim\n",
		   "keymap: expected one of default, vi or emacs, or a path, "
		   "got 'vim'");
}

static void test_config_load_normalises_fingerprint(void **state)
{
	struct fx *f = *state;
	const char *colons = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:"
			     "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

	char *text = xasprintf("[imap]\ntls_fingerprint = %s\n", colons);

	load_ok(f, text);
	assert_string_equal(f->c->imap.tls_fingerprint,
			    "abcdef0123456789abcdef0123456789"
			    "abcdef0123456789abcdef0123456789");
	free(text);
}

static void test_config_load_rejects_short_fingerprint(void **state)
{
	load_fails(*state, "[smtp]\ntls_fingerprint = abcd\n",
		   "cfg:2: tls_fingerprint: expected a SHA-256 fingerprint");
}

static void test_config_load_explains_sha1_fingerprint(void **state)
{
	load_fails(*state,
		   "[imap]\ntls_fingerprint = "
		   "0123456789abcdef0123456789abcdef01234567\n",
		   "SHA-1");
}

static void test_config_load_reads_cidr_list(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[networks]\nown = 192.0.2.0/24, 2001:db8::/32\n");
	assert_int_equal(f->c->networks.own.n, 2);
	assert_int_equal(f->c->networks.own.items[0].prefix, 24);
	assert_int_equal(f->c->networks.own.items[1].prefix, 32);
}

static void test_config_load_rejects_bad_cidr(void **state)
{
	load_fails(*state, "[networks]\nown = 192.0.2.0/24, 198.51.100.0/33\n",
		   "cfg:2: own: \"198.51.100.0/33\"");
}

static void test_config_load_lowercases_domains(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[noise]\nreporters = SpamCop.net, abuse.example.org\n");
	assert_int_equal(f->c->noise.reporters.n, 2);
	assert_string_equal(f->c->noise.reporters.v[0], "spamcop.net");
	assert_string_equal(f->c->noise.reporters.v[1], "abuse.example.org");
}

/* Our mail servers' authserv-ids, compared without regard to case; none
 * by default (the sender is not checked). */
static void test_config_load_authserv_ids(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\nhost = imap.example.net\n");
	assert_int_equal(f->c->analysis.authserv_ids.n, 0);
	load_ok(f,
		"[analysis]\nauthserv_id = MX1.example.net, mx2.example.net\n");
	assert_int_equal(f->c->analysis.authserv_ids.n, 2);
	assert_string_equal(f->c->analysis.authserv_ids.v[0],
			    "mx1.example.net");
	assert_string_equal(f->c->analysis.authserv_ids.v[1],
			    "mx2.example.net");
}

static void test_config_load_rejects_bad_domain(void **state)
{
	load_fails(*state, "[noise]\nnever = ok.example, spam cop.net\n",
		   "cfg:2: never: expected a comma-separated list of domains, "
		   "got 'spam cop.net'");
}

static void test_config_load_reads_address(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[identity]\nemail = abuse@example.net\n");
	assert_string_equal(f->c->identity.email, "abuse@example.net");
}

static void test_config_load_rejects_address_with_name(void **state)
{
	load_fails(*state, "[identity]\nemail = Abuse <abuse@example.net>\n",
		   "cfg:2: email: expected an email address, got");
}

static void test_config_load_rejects_empty_date_format(void **state)
{
	load_fails(*state, "[ui]\ndate_format =\n",
		   "cfg:2: date_format: expected non-empty text, got ''");
}

static void test_config_load_clears_string_with_empty_value(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[identity]\norganization =\n");
	assert_null(f->c->identity.organization);
}

/* ---- syntax ---- */

static void test_config_load_skips_comment_lines(void **state)
{
	struct fx *f = *state;

	load_ok(f, "# a comment\n; another\n  # indented\n\n[imap] # here\n"
		   "host = imap.example.net\n");
	assert_string_equal(f->c->imap.host, "imap.example.net");
}

static void test_config_load_cuts_comment_after_space(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\nhost = imap.example.net   # the server\n"
		   "password_command = pass show abuse#imap\n");
	assert_string_equal(f->c->imap.host, "imap.example.net");
	assert_string_equal(f->c->imap.password_command,
			    "pass show abuse#imap");
}

static void test_config_load_keeps_quoted_spaces_and_hash(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[identity]\nname = \"  Abuse # Desk \" # comment\n");
	assert_string_equal(f->c->identity.name, "  Abuse # Desk ");
}

static void test_config_load_unescapes_quoted_value(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\npassword_command = \"pass show \\\"a b\\\" "
		   "\\\\x \\n\"\n");
	assert_string_equal(f->c->imap.password_command,
			    "pass show \"a b\" \\x \\n");
}

static void test_config_load_rejects_unterminated_quote(void **state)
{
	load_fails(*state, "[identity]\nname = \"Abuse Desk\n",
		   "cfg:2: name: missing closing '\"'");
}

static void test_config_load_rejects_text_after_quote(void **state)
{
	load_fails(*state, "[identity]\nname = \"Abuse\" Desk\n",
		   "cfg:2: name: unexpected text after the closing '\"'");
}

static void test_config_load_accepts_crlf_bom_and_indent(void **state)
{
	struct fx *f = *state;

	load_ok(f, "\xef\xbb\xbf[imap]\r\n   host = imap.example.net\r\n");
	assert_string_equal(f->c->imap.host, "imap.example.net");
}

static void test_config_load_ignores_case_of_names(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[IMAP]\nHost = imap.example.net\n");
	assert_string_equal(f->c->imap.host, "imap.example.net");
}

static void test_config_load_suggests_key_for_typo(void **state)
{
	load_fails(*state, "[imap]\n# x\nhots = imap.example.net\n",
		   "cfg:3: unknown key 'hots' in [imap] (did you mean "
		   "'host'?)");
}

static void test_config_load_names_section_of_misplaced_key(void **state)
{
	load_fails(*state, "[imap]\nsendmail = /usr/sbin/sendmail\n",
		   "cfg:2: unknown key 'sendmail' in [imap] (it belongs in "
		   "[smtp])");
}

static void test_config_load_rejects_unknown_key(void **state)
{
	load_fails(*state, "[ui]\nwallpaper = blue\n",
		   "cfg:2: unknown key 'wallpaper' in [ui]");
}

/* [ui] confirm never did anything (every send and unsubscribe asks once,
 * whatever the config says) and was taken out: a config that still sets
 * it loads, with a warning that names the line. */
static void test_config_load_warns_about_retired_ui_confirm(void **state)
{
	struct fx *f = *state;

	write_file(f->file, "[ui]\nconfirm = no\n", 0600);
	assert_int_equal(config_load(f->c, f->file, true, &f->e), 0);
	assert_int_equal(f->c->warnings.n, 1);
	assert_string_equal(f->c->warnings.v[0],
			    "config: ~/cfg:2: [ui] confirm is no longer read "
			    "(every send and unsubscribe asks once); remove "
			    "it");
}

static void test_config_load_suggests_section_for_typo(void **state)
{
	load_fails(*state, "[imapp]\nhost = x\n",
		   "cfg:1: unknown section [imapp] (did you mean [imap]?)");
}

static void test_config_load_lists_sections_for_unknown_one(void **state)
{
	load_fails(*state, "[server]\n",
		   "unknown section [server] (the sections are [imap], "
		   "[smtp], [identity], [networks], [customers], [analysis], "
		   "[noise], [ui], [limits], [unsubscribe])");
}

static void test_config_load_rejects_key_outside_section(void **state)
{
	load_fails(*state, "host = imap.example.net\n",
		   "cfg:1: 'host' is outside any section (put it under "
		   "[imap] or [smtp])");
}

static void test_config_load_rejects_unclosed_section(void **state)
{
	load_fails(*state, "[imap\n", "cfg:1: expected ']'");
}

static void test_config_load_rejects_duplicate_key(void **state)
{
	load_fails(*state, "[imap]\nport = 993\n[smtp]\n[imap]\nport = 143\n",
		   "cfg:5: 'port' is already set in [imap] on line 2");
}

static void test_config_load_rejects_missing_equals(void **state)
{
	load_fails(*state, "[imap]\nhost imap.example.net\n",
		   "cfg:2: expected 'key = value', got 'host "
		   "imap.example.net'");
}

static void test_config_load_rejects_missing_key(void **state)
{
	load_fails(*state, "[imap]\n= x\n", "cfg:2: expected a key");
}

static void test_config_load_refuses_password_key(void **state)
{
	struct fx *f = *state;

	load_fails(f, "[imap]\npassword = hunter2\n", "cfg:2: ");
	assert_non_null(strstr(f->e.msg, "password_command"));
	assert_non_null(strstr(f->e.msg, "ABUSEDESK_PASSWORD"));
	assert_null(strstr(f->e.msg, "hunter2"));
}

static void test_config_load_refuses_smtp_pass_key(void **state)
{
	load_fails(*state, "[smtp]\npass = hunter2\n",
		   "ABUSEDESK_SMTP_PASSWORD");
}

static void test_config_load_later_file_overrides_earlier(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\nport = 1993\n");
	load_ok(f, "[imap]\nport = 2993\n");
	assert_int_equal(f->c->imap.port, 2993);
}

/* ---- derived values ---- */

static void test_config_load_derives_imap_port_from_tls(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\ntls = starttls\n");
	assert_int_equal(f->c->imap.port, 143);
}

static void test_config_load_keeps_explicit_port(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\nport = 10993\ntls = starttls\n");
	assert_int_equal(f->c->imap.port, 10993);
}

static void test_config_load_derives_smtp_port_from_tls(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[smtp]\ntls = implicit\n");
	assert_int_equal(f->c->smtp.port, 465);
	config_free(f->c);
	f->c = config_new();
	load_ok(f, "[smtp]\ntls = none\nhost = localhost\n");
	assert_int_equal(f->c->smtp.port, 25);
}

static void test_config_load_derives_account_from_user_host(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\nhost = imap.example.net\nuser = ops\n");
	assert_string_equal(f->c->imap.account, "ops@imap.example.net");
}

static void test_config_load_keeps_explicit_account(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\nhost = imap.example.net\naccount = work\n");
	assert_string_equal(f->c->imap.account, "work");
}

static void test_config_load_smtp_inherits_imap_login(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\nuser = ops\npassword_command = pass show x\n");
	assert_string_equal(f->c->smtp.user, "ops");
	assert_string_equal(f->c->smtp.password_command, "pass show x");
}

static void test_config_load_smtp_other_user_gets_no_command(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\nuser = ops\npassword_command = pass show x\n"
		   "[smtp]\nuser = mailer\n");
	assert_string_equal(f->c->smtp.user, "mailer");
	assert_null(f->c->smtp.password_command);
}

static void test_config_no_color_turns_auto_into_never(void **state)
{
	struct fx *f = *state;

	setenv("NO_COLOR", "1", 1);
	load_ok(f, "[ui]\ncolor = auto\n");
	assert_int_equal(f->c->ui.color, CONFIG_COLOR_NEVER);
}

static void test_config_no_color_yields_to_explicit_always(void **state)
{
	struct fx *f = *state;

	setenv("NO_COLOR", "1", 1);
	load_ok(f, "[ui]\ncolor = always\n");
	assert_int_equal(f->c->ui.color, CONFIG_COLOR_ALWAYS);
}

/* ---- warnings ---- */

static void test_config_load_warns_about_readable_file(void **state)
{
	struct fx *f = *state;

	write_file(f->file, "[imap]\n", 0644);
	assert_int_equal(config_load(f->c, f->file, true, &f->e), 0);
	assert_int_equal(f->c->warnings.n, 1);
	assert_string_equal(f->c->warnings.v[0],
			    "config: ~/cfg is readable by other users "
			    "(chmod 600 it)");
}

static void test_config_load_warns_about_writable_file(void **state)
{
	struct fx *f = *state;

	write_file(f->file, "[imap]\n", 0620);
	assert_int_equal(config_load(f->c, f->file, true, &f->e), 0);
	assert_int_equal(f->c->warnings.n, 1);
	assert_non_null(strstr(f->c->warnings.v[0], "writable"));
}

static void test_config_load_private_file_gives_no_warning(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\nhost = imap.example.net\n");
	assert_int_equal(f->c->warnings.n, 0);
}

static void test_config_load_warns_about_cleartext_login(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\nhost = imap.example.net\ntls = none\n");
	assert_int_equal(f->c->warnings.n, 1);
	assert_non_null(strstr(f->c->warnings.v[0], "unencrypted"));
}

static void test_config_load_allows_cleartext_to_loopback(void **state)
{
	struct fx *f = *state;

	load_ok(f, "[imap]\nhost = 127.0.0.1\ntls = none\n");
	assert_int_equal(f->c->warnings.n, 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_config_new_fills_imap_defaults),
	    T(test_config_new_fills_smtp_defaults),
	    T(test_config_new_fills_noise_and_ui_defaults),
	    T(test_config_options_rows_are_complete_and_unique),
	    T(test_config_option_expects_describes_range),
	    T(test_config_load_accepts_missing_default_file),
	    T(test_config_load_rejects_missing_given_file),
	    T(test_config_load_reads_xdg_config_home),
	    T(test_config_load_rejects_directory),
	    T(test_config_load_reads_strings_and_numbers),
	    T(test_config_load_rejects_non_number),
	    T(test_config_load_rejects_number_out_of_range),
	    T(test_config_load_rejects_number_with_trailing_text),
	    T(test_config_load_reads_enum_ignoring_case),
	    T(test_config_load_rejects_unknown_enum_value),
	    T(test_config_load_reads_every_bool_spelling),
	    T(test_config_load_rejects_bad_bool),
	    T(test_config_load_reads_real),
	    T(test_config_load_rejects_real_out_of_range),
	    T(test_config_load_rejects_real_nan),
	    T(test_config_load_reads_string_list),
	    T(test_config_load_rejects_empty_mailbox_list),
	    T(test_config_load_expands_home_in_path),
	    T(test_config_load_rejects_relative_path),
	    T(test_config_load_takes_keymap_name_or_path),
	    T(test_config_load_rejects_unknown_keymap_name),
	    T(test_config_load_normalises_fingerprint),
	    T(test_config_load_rejects_short_fingerprint),
	    T(test_config_load_explains_sha1_fingerprint),
	    T(test_config_load_reads_cidr_list),
	    T(test_config_load_rejects_bad_cidr),
	    T(test_config_load_lowercases_domains),
	    T(test_config_load_authserv_ids),
	    T(test_config_load_rejects_bad_domain),
	    T(test_config_load_reads_address),
	    T(test_config_load_rejects_address_with_name),
	    T(test_config_load_rejects_empty_date_format),
	    T(test_config_load_clears_string_with_empty_value),
	    T(test_config_load_skips_comment_lines),
	    T(test_config_load_cuts_comment_after_space),
	    T(test_config_load_keeps_quoted_spaces_and_hash),
	    T(test_config_load_unescapes_quoted_value),
	    T(test_config_load_rejects_unterminated_quote),
	    T(test_config_load_rejects_text_after_quote),
	    T(test_config_load_accepts_crlf_bom_and_indent),
	    T(test_config_load_ignores_case_of_names),
	    T(test_config_load_suggests_key_for_typo),
	    T(test_config_load_names_section_of_misplaced_key),
	    T(test_config_load_rejects_unknown_key),
	    T(test_config_load_warns_about_retired_ui_confirm),
	    T(test_config_load_suggests_section_for_typo),
	    T(test_config_load_lists_sections_for_unknown_one),
	    T(test_config_load_rejects_key_outside_section),
	    T(test_config_load_rejects_unclosed_section),
	    T(test_config_load_rejects_duplicate_key),
	    T(test_config_load_rejects_missing_equals),
	    T(test_config_load_rejects_missing_key),
	    T(test_config_load_refuses_password_key),
	    T(test_config_load_refuses_smtp_pass_key),
	    T(test_config_load_later_file_overrides_earlier),
	    T(test_config_load_derives_imap_port_from_tls),
	    T(test_config_load_keeps_explicit_port),
	    T(test_config_load_derives_smtp_port_from_tls),
	    T(test_config_load_derives_account_from_user_host),
	    T(test_config_load_keeps_explicit_account),
	    T(test_config_load_smtp_inherits_imap_login),
	    T(test_config_load_smtp_other_user_gets_no_command),
	    T(test_config_no_color_turns_auto_into_never),
	    T(test_config_no_color_yields_to_explicit_always),
	    T(test_config_load_warns_about_readable_file),
	    T(test_config_load_warns_about_writable_file),
	    T(test_config_load_private_file_gives_no_warning),
	    T(test_config_load_warns_about_cleartext_login),
	    T(test_config_load_allows_cleartext_to_loopback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
