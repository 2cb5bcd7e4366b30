/* test_config_doc.c: doc/abusedesk.conf.5 and the option table agree: every
 * option is documented under its section with its value and default, no
 * documented option is unknown, and the EXAMPLE loads cleanly. Run from
 * the repository root. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/buf.h"
#include "core/config.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAN_PAGE "doc/abusedesk.conf.5"

/* One option as the man page documents it. */
struct doc_option {
	char *section;
	char *key;
	char *value; /* first text line of its paragraph */
	char *def;   /* second text line */
};

struct doc {
	char **lines;
	size_t n;
	struct doc_option *opts;
	size_t n_opts;
};

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The text of a roff line without the escapes this page uses. */
static char *plain(const char *s)
{
	static const char *const map[][2] = {
	    {"\\-", "-"}, {"\\e", "\\"}, {"\\(dq", "\""},
	    {"\\&", ""},  {"\\%", ""},	 {"\\fB", ""},
	    {"\\fI", ""}, {"\\fR", ""},	 {"\\fP", ""},
	};
	struct buf b = BUF_INIT;

	while (*s) {
		size_t i;

		for (i = 0; i < sizeof map / sizeof map[0]; i++)
			if (starts(s, map[i][0]))
				break;
		if (i < sizeof map / sizeof map[0]) {
			buf_puts(&b, map[i][1]);
			s += strlen(map[i][0]);
		} else
			buf_putc(&b, *s++);
	}
	return buf_steal(&b);
}

static void read_lines(struct doc *d)
{
	FILE *f = fopen(MAN_PAGE, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	if (!f)
		fail_msg("cannot open " MAN_PAGE " (run from the repository "
			 "root)");
	while ((len = getline(&line, &cap, f)) >= 0) {
		if (len && line[len - 1] == '\n')
			line[len - 1] = '\0';
		d->lines = xreallocarray(d->lines, d->n + 1, sizeof *d->lines);
		d->lines[d->n++] = xstrdup(line);
	}
	free(line);
	fclose(f);
}

/* The i-th text line (not a request such as .br) after line at. */
static char *text_line(const struct doc *d, size_t at, int nth)
{
	for (size_t i = at + 1; i < d->n; i++) {
		if (d->lines[i][0] == '.')
			continue;
		if (nth-- == 0)
			return plain(d->lines[i]);
	}
	return xstrdup("");
}

static void add_option(struct doc *d, const char *section, size_t at)
{
	struct doc_option *o;

	d->opts = xreallocarray(d->opts, d->n_opts + 1, sizeof *d->opts);
	o = &d->opts[d->n_opts++];
	o->section = xstrdup(section);
	o->key = plain(d->lines[at] + 3);
	o->value = text_line(d, at, 0);
	o->def = text_line(d, at, 1);
}

/* Options are the ".TP" + ".B key" items under ".SS [section]" inside
 * ".SH OPTIONS". */
static void find_options(struct doc *d)
{
	bool in_options = false;
	char section[64] = "";

	for (size_t i = 0; i < d->n; i++) {
		const char *l = d->lines[i];

		if (starts(l, ".SH "))
			in_options = strcmp(l, ".SH OPTIONS") == 0;
		if (in_options && starts(l, ".SS ["))
			sscanf(l, ".SS [%63[^]]", section);
		if (in_options && section[0] && starts(l, ".TP") &&
		    i + 1 < d->n && starts(d->lines[i + 1], ".B "))
			add_option(d, section, i + 1);
	}
}

static int setup(void **state)
{
	struct doc *d = xcalloc(1, sizeof *d);

	read_lines(d);
	find_options(d);
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	struct doc *d = *state;

	for (size_t i = 0; i < d->n; i++)
		free(d->lines[i]);
	for (size_t i = 0; i < d->n_opts; i++) {
		free(d->opts[i].section);
		free(d->opts[i].key);
		free(d->opts[i].value);
		free(d->opts[i].def);
	}
	free(d->lines);
	free(d->opts);
	free(d);
	return 0;
}

static const struct doc_option *
find_doc(const struct doc *d, const struct config_option *o, size_t *count)
{
	const struct doc_option *found = NULL;

	*count = 0;
	for (size_t i = 0; i < d->n_opts; i++) {
		if (strcmp(d->opts[i].section, o->section) ||
		    strcmp(d->opts[i].key, o->key))
			continue;
		found = &d->opts[i];
		(*count)++;
	}
	return found;
}

static void test_config_doc_documents_every_option_once(void **state)
{
	size_t n;
	const struct config_option *o = config_options(&n);

	for (size_t i = 0; i < n; i++) {
		size_t count;

		find_doc(*state, &o[i], &count);
		if (count != 1)
			fail_msg("[%s] %s is documented %zu times under .SS "
				 "[%s] in " MAN_PAGE,
				 o[i].section, o[i].key, count, o[i].section);
	}
}

static void test_config_doc_documents_no_unknown_option(void **state)
{
	struct doc *d = *state;
	size_t n;
	const struct config_option *o = config_options(&n);

	assert_true(d->n_opts > 0);
	for (size_t j = 0; j < d->n_opts; j++) {
		bool known = false;

		for (size_t i = 0; i < n && !known; i++)
			known = !strcmp(d->opts[j].section, o[i].section) &&
				!strcmp(d->opts[j].key, o[i].key);
		if (!known)
			fail_msg("" MAN_PAGE " documents [%s] %s, which the "
				 "option table does not have",
				 d->opts[j].section, d->opts[j].key);
	}
}

static void test_config_doc_states_each_value_type(void **state)
{
	size_t n;
	const struct config_option *o = config_options(&n);

	for (size_t i = 0; i < n; i++) {
		size_t count;
		const struct doc_option *doc = find_doc(*state, &o[i], &count);
		char *want = config_option_expects(&o[i]);
		char *line = xasprintf("Value: %s.", want);

		if (doc && strcmp(doc->value, line) != 0)
			fail_msg("[%s] %s: the page says '%s', the table '%s'",
				 o[i].section, o[i].key, doc->value, line);
		free(want);
		free(line);
	}
}

static void test_config_doc_states_each_default(void **state)
{
	size_t n;
	const struct config_option *o = config_options(&n);

	for (size_t i = 0; i < n; i++) {
		size_t count;
		const struct doc_option *doc = find_doc(*state, &o[i], &count);
		char *line =
		    xasprintf("Default: %s.", config_option_default(&o[i]));

		if (doc && strcmp(doc->def, line) != 0)
			fail_msg("[%s] %s: the page says '%s', the table '%s'",
				 o[i].section, o[i].key, doc->def, line);
		free(line);
	}
}

/* The lines between .nf and .fi after .SH EXAMPLE, as plain text. */
static char *example_text(const struct doc *d)
{
	struct buf b = BUF_INIT;
	bool in_example = false;
	bool in_nf = false;

	for (size_t i = 0; i < d->n; i++) {
		const char *l = d->lines[i];

		if (starts(l, ".SH "))
			in_example = strcmp(l, ".SH EXAMPLE") == 0;
		else if (in_example && strcmp(l, ".nf") == 0)
			in_nf = true;
		else if (strcmp(l, ".fi") == 0)
			in_nf = false;
		else if (in_example && in_nf) {
			char *p = plain(l);

			buf_printf(&b, "%s\n", p);
			free(p);
		}
	}
	return buf_steal(&b);
}

static void test_config_doc_example_loads_cleanly(void **state)
{
	char dir[] = "/tmp/abusedesk-confdoc-XXXXXX";
	char *text = example_text(*state);
	char *file;
	struct config *c;
	struct err e = {{0}};
	FILE *f;

	assert_true(strlen(text) > 100);
	assert_non_null(mkdtemp(dir));
	file = xasprintf("%s/config", dir);
	f = fopen(file, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	chmod(file, 0600);
	setenv("HOME", dir, 1);
	c = config_new();
	if (config_load(c, file, true, &e) != 0)
		fail_msg("the EXAMPLE does not load: %s", e.msg);
	assert_int_equal(c->warnings.n, 0);
	assert_string_equal(c->imap.password_command, "pass show abuse/imap");
	config_free(c);
	unlink(file);
	rmdir(dir);
	free(file);
	free(text);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_config_doc_documents_every_option_once),
	    T(test_config_doc_documents_no_unknown_option),
	    T(test_config_doc_states_each_value_type),
	    T(test_config_doc_states_each_default),
	    T(test_config_doc_example_loads_cleanly),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
