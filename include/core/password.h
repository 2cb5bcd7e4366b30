/* password.h: getting a server password without storing it anywhere.
 * Secrets never live in the config file; they come, in this order, from an
 * environment variable, from the user's password_command, or from a no-echo
 * prompt on the terminal. */
#ifndef CORE_PASSWORD_H
#define CORE_PASSWORD_H

#include "core/err.h"

#include <stdbool.h>

/* Fills *out with a password (free it with password_free):
 *  1. env_name (e.g. "ABUSEDESK_PASSWORD"), when set and not empty;
 *  2. else command, when not NULL or empty: run as /bin/sh -c command with
 *     stdin from /dev/null; the first line of its output is the password.
 *     A non-zero exit, a signal or empty output is an error that carries
 *     the first line the command wrote to stderr;
 *  3. else, when may_prompt, asks on /dev/tty with echo off, showing
 *     prompt (e.g. "Password for ops@imap.example.net: "). The terminal is
 *     restored on every path; an interrupting signal (SIGINT, ...) is
 *     re-raised after that. A curses UI must leave curses mode first.
 * Otherwise fails with a message naming the three ways. A password holding
 * a CR or LF is refused, whichever way it came. The command runs without
 * the password variables (ABUSEDESK_PASSWORD, ABUSEDESK_SMTP_PASSWORD) in
 * its environment. env_name, command and prompt may be NULL. */
int password_get(const char *command, const char *env_name, bool may_prompt,
		 const char *prompt, char **out, struct err *e);

/* The environment a command of the user's runs with (password_command,
 * the editor of a draft): ours without the password variables, which it
 * has no business reading (nor its children, which may log their
 * environment). Build it before fork: the array is malloc'd (free() it,
 * not the strings, which are environ's). */
char **password_child_env(void);

/* Zeroes and frees a password. NULL-safe. */
void password_free(char *p);

#endif
