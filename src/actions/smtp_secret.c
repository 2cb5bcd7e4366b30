/* smtp_secret.c: the SMTP password the user typed, kept for the flush. */
#include "actions/smtp_secret.h"
#include "actions_priv.h"
#include "core/config.h"
#include "core/password.h"
#include "core/xalloc.h"
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

void smtp_secret_init(struct smtp_secret *b)
{
	pthread_mutex_init(&b->mu, NULL);
	b->password = NULL;
}

void smtp_secret_destroy(struct smtp_secret *b)
{
	password_free(b->password);
	b->password = NULL;
	pthread_mutex_destroy(&b->mu);
}

void smtp_secret_set(struct smtp_secret *b, char *password)
{
	pthread_mutex_lock(&b->mu);
	password_free(b->password);
	b->password = password;
	pthread_mutex_unlock(&b->mu);
}

int smtp_secret_give(struct smtp_secret *b, struct store *s, char *password,
		     struct err *e)
{
	smtp_secret_set(b, password);
	return store_outbox_due_now(s, e);
}

bool smtp_secret_has(struct smtp_secret *b)
{
	bool has;

	pthread_mutex_lock(&b->mu);
	has = b->password != NULL;
	pthread_mutex_unlock(&b->mu);
	return has;
}

char *smtp_secret_get(struct smtp_secret *b)
{
	char *copy;

	pthread_mutex_lock(&b->mu);
	copy = b->password ? xstrdup(b->password) : NULL;
	pthread_mutex_unlock(&b->mu);
	return copy;
}

void smtp_secret_refused(struct smtp_secret *b, const char *expected)
{
	pthread_mutex_lock(&b->mu);
	if (b->password && expected && strcmp(b->password, expected) == 0) {
		password_free(b->password);
		b->password = NULL;
	}
	pthread_mutex_unlock(&b->mu);
}

bool smtp_secret_needed(const struct config *cfg)
{
	const char *env = getenv(CONFIG_SMTP_PASSWORD_ENV);

	return !cfg->smtp.sendmail && cfg->smtp.host && cfg->smtp.user &&
	       *cfg->smtp.user && !(env && *env) &&
	       !(cfg->smtp.password_command && *cfg->smtp.password_command);
}

int smtp_secret_wanted(struct smtp_secret *b, const struct config *cfg,
		       struct store *s, int64_t *waiting, struct err *e)
{
	*waiting = 0;
	if (!smtp_secret_needed(cfg) || smtp_secret_has(b))
		return 0;
	if (store_outbox_waiting_at(s, OUTBOX_MAIL, MAIL_STEP_UNSENT, waiting,
				    e) < 0)
		return -1;
	return *waiting > 0;
}

char *smtp_secret_prompt(const struct config *cfg)
{
	return xasprintf("SMTP password for %s@%s: ", cfg->smtp.user,
			 cfg->smtp.host);
}
