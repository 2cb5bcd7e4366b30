/* argv.c: a command line split into words, for execvp. Quoting works as
 * in a shell so that a path with a space can be written, but no shell
 * ever sees the text. */
#include "core/argv.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <stdbool.h>
#include <stdlib.h>

char **argv_append(char **argv, const char *word)
{
	size_t n = 0;

	while (argv && argv[n])
		n++;
	argv = xreallocarray(argv, n + 2, sizeof *argv);
	argv[n] = xstrdup(word);
	argv[n + 1] = NULL;
	return argv;
}

void argv_free(char **argv)
{
	for (size_t i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* One word from *p on; false at the end of the text. */
static bool next_word(const char **p, struct buf *w, char *open)
{
	const char *s = *p;
	char quote = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return false;
	for (; *s && (quote || (*s != ' ' && *s != '\t')); s++) {
		if (quote && *s == quote)
			quote = 0;
		else if (!quote && (*s == '"' || *s == '\''))
			quote = *s;
		else if (*s == '\\' && quote != '\'' && s[1])
			buf_putc(w, *++s);
		else
			buf_putc(w, *s);
	}
	*open = quote;
	*p = s;
	return true;
}

char **argv_split(const char *command, struct err *e)
{
	const char *p = command ? command : "";
	struct buf w = BUF_INIT;
	char **argv = NULL, open = 0;

	while (!open && next_word(&p, &w, &open)) {
		argv = argv_append(argv, buf_cstr(&w));
		buf_reset(&w);
	}
	buf_free(&w);
	if (open) {
		argv_free(argv);
		err_set(e, "a quote (%c) is not closed in: %s", open, command);
		return NULL;
	}
	if (!argv)
		err_set(e, "no command given");
	return argv;
}
