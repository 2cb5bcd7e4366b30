/* actions/smtp_secret.h: the SMTP password the user typed. When neither
 * ABUSEDESK_SMTP_PASSWORD nor [smtp] password_command gives one, the
 * screen (or a command run in a terminal) asks for it once and keeps it
 * here, in memory only, for the flush, which may run on the sync
 * worker's thread: the box has its own lock. A password the server
 * refuses is forgotten, so that the next send asks again. */
#ifndef ACTIONS_SMTP_SECRET_H
#define ACTIONS_SMTP_SECRET_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"

struct config;
struct store;

struct smtp_secret {
	pthread_mutex_t mu;
	char *password; /* NULL: none typed, or the server refused it */
};

void smtp_secret_init(struct smtp_secret *b);
/* Zeroes and frees the password. */
void smtp_secret_destroy(struct smtp_secret *b);
/* Takes password (malloc'd; zeroed when it is replaced or forgotten). */
void smtp_secret_set(struct smtp_secret *b, char *password);
bool smtp_secret_has(struct smtp_secret *b);
/* The password the user just typed: kept (taken as by smtp_secret_set),
 * and what waits in the outbox made due now, whatever its backoff, as
 * the user asked for it to go. Returns 0, or -1 with e filled (the
 * password is kept all the same). */
int smtp_secret_give(struct smtp_secret *b, struct store *s, char *password,
		     struct err *e);
/* A copy to use and password_free(), or NULL. */
char *smtp_secret_get(struct smtp_secret *b);
/* Forgets the password if it is still expected: a send that read it and
 * had it refused does not throw away one typed meanwhile. */
void smtp_secret_refused(struct smtp_secret *b, const char *expected);

/* Whether sending mail takes a password only the user can type: SMTP
 * (not [smtp] sendmail) with a user, and neither the environment nor a
 * password_command to give it. */
bool smtp_secret_needed(const struct config *cfg);

/* Whether to ask the user for the password now: it is needed, none is
 * held in b, and mail waits in the outbox for the SMTP server (*waiting
 * gets how many). 1 yes, 0 no, -1 with e filled. */
int smtp_secret_wanted(struct smtp_secret *b, const struct config *cfg,
		       struct store *s, int64_t *waiting, struct err *e);

/* The question to ask ("SMTP password for ops@smtp.example.net: "),
 * malloc'd. */
char *smtp_secret_prompt(const struct config *cfg);

#endif
