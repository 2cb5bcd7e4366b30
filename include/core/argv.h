/* argv.h: a command line from the config or the environment ($VISUAL,
 * [smtp] sendmail) split into words the way a user expects, without a
 * shell: nothing is expanded and nothing else runs. */
#ifndef CORE_ARGV_H
#define CORE_ARGV_H

#include "core/err.h"

/* Splits command at spaces and tabs; "double" and 'single' quotes group
 * words, a backslash outside single quotes takes the next character as
 * it is. Returns a NULL-terminated array (argv_free), or NULL with e
 * filled (no word at all, a quote left open). */
char **argv_split(const char *command, struct err *e);

/* Appends word to a NULL-terminated array from argv_split; returns it. */
char **argv_append(char **argv, const char *word);

/* NULL-safe. */
void argv_free(char **argv);

#endif
