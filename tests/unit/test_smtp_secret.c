/* test_smtp_secret.c: when a typed SMTP password is needed (SMTP with a
 * user, no environment variable, no password_command, no sendmail), the
 * mails that wait for it (queued, not yet taken by the server) and when
 * to ask, giving one (kept, the waiting rows due at once), and forgetting
 * only the one the server refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "actions/smtp_secret.h"
#include "core/config.h"
#include "core/xalloc.h"
#include "store/store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NOW 1700000000

struct fx {
	char dir[64];
	char *path;
	struct store *s;
	struct config *cfg;
	struct smtp_secret box;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	struct err e = {{0}};

	snprintf(f->dir, sizeof f->dir, "/tmp/test_smtp_secret.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	f->path = xasprintf("%s/cache.db", f->dir);
	f->s = store_open(f->path, &e);
	if (!f->s)
		return -1;
	f->cfg = config_new();
	f->cfg->smtp.host = xstrdup("smtp.example.net");
	f->cfg->smtp.user = xstrdup("ops");
	unsetenv(CONFIG_SMTP_PASSWORD_ENV);
	smtp_secret_init(&f->box);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	static const char *const suffix[] = {"", "-wal", "-shm"};

	smtp_secret_destroy(&f->box);
	config_free(f->cfg);
	store_close(f->s);
	for (size_t i = 0; i < 3; i++) {
		char *p = xasprintf("%s%s", f->path, suffix[i]);
		unlink(p);
		free(p);
	}
	rmdir(f->dir);
	free(f->path);
	free(f);
	return 0;
}

static void test_needed_only_when_nothing_else_gives_it(void **state)
{
	struct fx *f = *state;

	assert_true(smtp_secret_needed(f->cfg));
	setenv(CONFIG_SMTP_PASSWORD_ENV, "from-env", 1);
	assert_false(smtp_secret_needed(f->cfg));
	setenv(CONFIG_SMTP_PASSWORD_ENV, "", 1);
	assert_true(smtp_secret_needed(f->cfg)); /* empty is none */
	unsetenv(CONFIG_SMTP_PASSWORD_ENV);
	f->cfg->smtp.password_command = xstrdup("pass show smtp");
	assert_false(smtp_secret_needed(f->cfg));
	free(f->cfg->smtp.password_command);
	f->cfg->smtp.password_command = NULL;
	f->cfg->smtp.sendmail = xstrdup("/usr/sbin/sendmail -t -i");
	assert_false(smtp_secret_needed(f->cfg));
	free(f->cfg->smtp.sendmail);
	f->cfg->smtp.sendmail = NULL;
	free(f->cfg->smtp.user);
	f->cfg->smtp.user = NULL;
	assert_false(smtp_secret_needed(f->cfg)); /* no AUTH at all */
}

static int64_t put(struct fx *f, const char *kind)
{
	struct err e = {{0}};
	int64_t id = 0;

	assert_int_equal(store_outbox_put(f->s, kind, 0, "{}", &id, &e), 0);
	return id;
}

/* How many mails wait for a password, asked as the screen asks: to ask
 * exactly when some do. */
static int64_t waiting(struct fx *f)
{
	struct err e = {{0}};
	int64_t n = -1;
	int rc = smtp_secret_wanted(&f->box, f->cfg, f->s, &n, &e);

	assert_int_equal(rc, n > 0);
	return n;
}

static void test_waiting_mail_is_unsent_mail(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row r;
	struct err e = {{0}};
	int64_t mail;

	assert_int_equal(waiting(f), 0);
	mail = put(f, "mail");
	assert_int_equal(waiting(f), 1);
	/* Claimed and still before the server: waits. */
	assert_int_equal(store_outbox_claim(f->s, NOW, &r, &e), 1);
	assert_int_equal(r.id, mail);
	store_outbox_row_free(&r);
	assert_int_equal(waiting(f), 1);
	put(f, "keyword");
	put(f, "post");
	assert_int_equal(waiting(f), 1); /* other kinds need no SMTP */
	/* A password held: nothing to ask, whatever waits. */
	smtp_secret_set(&f->box, xstrdup("held"));
	assert_int_equal(waiting(f), 0);
	smtp_secret_set(&f->box, NULL);
	assert_int_equal(waiting(f), 1);
	/* Taken by the server, only its copy left to file: no password. */
	assert_int_equal(store_outbox_step(f->s, mail, "sent", &e), 0);
	assert_int_equal(waiting(f), 0);
}

static void test_give_keeps_it_and_makes_the_rows_due(void **state)
{
	struct fx *f = *state;
	struct store_outbox_row r;
	struct err e = {{0}};
	int64_t id = put(f, "mail");
	char *copy;

	assert_int_equal(store_outbox_claim(f->s, NOW, &r, &e), 1);
	store_outbox_row_free(&r);
	assert_int_equal(
	    store_outbox_fail(f->s, id, "no password", false, NOW, &e), 0);
	/* Backed off: nothing due now... */
	assert_int_equal(store_outbox_claim(f->s, NOW + 1, &r, &e), 0);
	assert_false(smtp_secret_has(&f->box));
	assert_int_equal(
	    smtp_secret_give(&f->box, f->s, xstrdup("typed-1"), &e), 0);
	assert_true(smtp_secret_has(&f->box));
	/* ...until a password is given. */
	assert_int_equal(store_outbox_claim(f->s, NOW + 1, &r, &e), 1);
	assert_int_equal(r.id, id);
	store_outbox_row_free(&r);
	copy = smtp_secret_get(&f->box);
	assert_string_equal(copy, "typed-1");
	free(copy);
}

static void test_refused_forgets_only_the_one_refused(void **state)
{
	struct fx *f = *state;

	smtp_secret_set(&f->box, xstrdup("second"));
	/* A send that read an older password does not drop a newer one. */
	smtp_secret_refused(&f->box, "first");
	assert_true(smtp_secret_has(&f->box));
	smtp_secret_refused(&f->box, "second");
	assert_false(smtp_secret_has(&f->box));
	assert_null(smtp_secret_get(&f->box));
	smtp_secret_refused(&f->box, "second"); /* nothing left: no harm */
	assert_false(smtp_secret_has(&f->box));
}

static void test_prompt_names_user_and_host(void **state)
{
	struct fx *f = *state;
	char *p = smtp_secret_prompt(f->cfg);

	assert_string_equal(p, "SMTP password for ops@smtp.example.net: ");
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(
		test_needed_only_when_nothing_else_gives_it, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_waiting_mail_is_unsent_mail,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_give_keeps_it_and_makes_the_rows_due, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		test_refused_forgets_only_the_one_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_prompt_names_user_and_host,
					    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
