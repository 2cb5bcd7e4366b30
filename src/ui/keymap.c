/* keymap.c: reading `bind CONTEXT KEY ACTION` lines into a binding list, and
 * the names of keys both ways. The bundled keymaps and a user's file go
 * through the same parser, so the defaults are also the example. */
#include "ui/keymap.h"
#include "ui/actions.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	int key;
} named_keys[] = {
    {"Enter", '\n'},	  {"Return", '\r'},	 {"Space", ' '},
    {"Tab", '\t'},	  {"Esc", 27},		 {"Backspace", KEY_BACKSPACE},
    {"Up", KEY_UP},	  {"Down", KEY_DOWN},	 {"Left", KEY_LEFT},
    {"Right", KEY_RIGHT}, {"PageUp", KEY_PPAGE}, {"PageDown", KEY_NPAGE},
    {"Home", KEY_HOME},	  {"End", KEY_END},	 {"Delete", KEY_DC},
    {"Insert", KEY_IC},
};

#define N_NAMED (sizeof named_keys / sizeof named_keys[0])

static const struct {
	const char *name;
	unsigned ctx;
} contexts[] = {
    {"groups", UI_CTX_GROUPS},
    {"messages", UI_CTX_MESSAGES},
    {"pager", UI_CTX_PAGER},
    {"any", UI_CTX_ANY},
};

unsigned keymap_context_parse(const char *s)
{
	for (size_t i = 0; i < sizeof contexts / sizeof contexts[0]; i++)
		if (strcmp(s, contexts[i].name) == 0)
			return contexts[i].ctx;
	return 0;
}

const char *keymap_context_name(unsigned ctx)
{
	for (size_t i = 0; i < sizeof contexts / sizeof contexts[0]; i++)
		if (contexts[i].ctx == ctx)
			return contexts[i].name;
	return "?";
}

static int bracket_key(const char *s, size_t len, int *key, struct err *e)
{
	for (size_t i = 0; i < N_NAMED; i++) {
		if (strlen(named_keys[i].name) == len &&
		    strncasecmp(s, named_keys[i].name, len) == 0) {
			*key = named_keys[i].key;
			return 0;
		}
	}
	if ((s[0] == 'F' || s[0] == 'f') && len >= 2 && len <= 3) {
		int n = atoi(s + 1);
		if (n >= 1 && n <= 12) {
			*key = KEY_F(n);
			return 0;
		}
	}
	return err_set(e, "unknown key <%.*s>", (int)len, s);
}

int keymap_key_parse(const char *s, int *key, struct err *e)
{
	size_t len = strlen(s);

	if (len == 1 && (unsigned char)s[0] > ' ' &&
	    (unsigned char)s[0] < 127) {
		*key = (unsigned char)s[0];
		return 0;
	}
	if (len == 2 && s[0] == '^' && s[1] >= '?' && s[1] <= '_') {
		*key = s[1] == '?' ? 127 : s[1] & 0x1f;
		return 0;
	}
	if (len == 2 && s[0] == '^' && s[1] >= 'a' && s[1] <= 'z') {
		*key = s[1] & 0x1f;
		return 0;
	}
	if (len == 3 && (s[0] == 'M' || s[0] == 'A') && s[1] == '-' &&
	    (unsigned char)s[2] > ' ' && (unsigned char)s[2] < 127) {
		*key = KEYMAP_META | (unsigned char)s[2];
		return 0;
	}
	if (len >= 3 && s[0] == '<' && s[len - 1] == '>')
		return bracket_key(s + 1, len - 2, key, e);
	return err_set(e, "unknown key '%s' (a character, ^X, M-x or <Name>)",
		       s);
}

void keymap_key_name(int key, char *out, size_t n)
{
	for (size_t i = 0; i < N_NAMED; i++) {
		if (named_keys[i].key == key) {
			snprintf(out, n, "<%s>", named_keys[i].name);
			return;
		}
	}
	if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(out, n, "<F%d>", key - KEY_F(0));
	else if (key & KEYMAP_META)
		snprintf(out, n, "M-%c", key & 0x7f);
	else if (key == 127)
		snprintf(out, n, "^?");
	else if (key >= 0 && key < ' ')
		snprintf(out, n, "^%c", key + '@');
	else if (key > ' ' && key < 127)
		snprintf(out, n, "%c", key);
	else
		snprintf(out, n, "<%d>", key);
}

struct keymap *keymap_new(void)
{
	return xcalloc(1, sizeof(struct keymap));
}

void keymap_free(struct keymap *km)
{
	if (!km)
		return;
	for (size_t i = 0; i < km->n_errors; i++)
		free(km->errors[i]);
	free(km->errors);
	free(km->v);
	free(km);
}

static void add_error(struct keymap *km, const char *name, int line,
		      const char *why)
{
	km->errors =
	    xreallocarray(km->errors, km->n_errors + 1, sizeof *km->errors);
	km->errors[km->n_errors++] = xasprintf("%s:%d: %s", name, line, why);
}

/* Splits line into at most max words at blanks; returns how many. */
static int split_words(char *line, char **w, int max)
{
	int n = 0;
	char *save = NULL;

	for (char *t = strtok_r(line, " \t\r", &save); t;
	     t = strtok_r(NULL, " \t\r", &save)) {
		if (n == max)
			return max + 1;
		w[n++] = t;
	}
	return n;
}

static int bind_words(struct keymap *km, char **w, int n, struct err *e)
{
	const struct ui_action *acts = ui_actions(NULL);
	unsigned ctx;
	int key, act;

	if (n != 4 || strcmp(w[0], "bind") != 0)
		return err_set(e, "expected 'bind CONTEXT KEY ACTION'");
	ctx = keymap_context_parse(w[1]);
	if (!ctx)
		return err_set(e,
			       "unknown context '%s' (groups, messages, "
			       "pager or any)",
			       w[1]);
	if (keymap_key_parse(w[2], &key, e) < 0)
		return -1;
	act = ui_action_find(w[3]);
	if (act < 0)
		return err_set(e, "unknown action '%s'", w[3]);
	if (!(acts[act].contexts & ctx))
		return err_set(e, "action '%s' does nothing in %s", w[3], w[1]);
	km->v = xreallocarray(km->v, km->n + 1, sizeof *km->v);
	km->v[km->n++] = (struct keymap_binding){ctx, key, act};
	return 0;
}

/* One line, without its newline; blank lines and # comments are fine. */
static int parse_line(struct keymap *km, char *line, struct err *e)
{
	char *w[5];
	int n;

	line += strspn(line, " \t");
	if (*line == '\0' || *line == '#' || *line == '\r')
		return 0;
	n = split_words(line, w, 4);
	return bind_words(km, w, n, e);
}

int keymap_parse(struct keymap *km, const char *name, const char *text)
{
	char *copy = xstrdup(text), *p = copy;
	int lineno = 0, bad = 0;

	while (p) {
		char *nl = strchr(p, '\n');
		struct err e = {{0}};
		if (nl)
			*nl = '\0';
		lineno++;
		if (parse_line(km, p, &e) < 0) {
			add_error(km, name, lineno, e.msg);
			bad++;
		}
		p = nl ? nl + 1 : NULL;
	}
	free(copy);
	return bad;
}

int keymap_load_file(struct keymap *km, const char *path, struct err *e)
{
	FILE *f = fopen(path, "r");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t got;
	int bad;

	if (!f)
		return err_set(e, "%s: cannot read: %s", path, strerror(errno));
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, got);
	fclose(f);
	bad = keymap_parse(km, path, buf_cstr(&b));
	buf_free(&b);
	return bad;
}

static int lookup_in(const struct keymap *km, unsigned ctx, int key)
{
	for (size_t i = km->n; i-- > 0;)
		if (km->v[i].ctx == ctx && km->v[i].key == key)
			return km->v[i].action;
	return -1;
}

int keymap_lookup(const struct keymap *km, unsigned ctx, int key)
{
	int a = lookup_in(km, ctx, key);

	return a >= 0 ? a : lookup_in(km, UI_CTX_ANY, key);
}

int keymap_key_for(const struct keymap *km, unsigned ctx, int action)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].action == action && (km->v[i].ctx & ctx) &&
		    keymap_lookup(km, ctx, km->v[i].key) == action)
			return km->v[i].key;
	return -1;
}

bool keymap_binding_active(const struct keymap *km, size_t i)
{
	for (size_t j = i + 1; j < km->n; j++)
		if (km->v[j].ctx == km->v[i].ctx &&
		    km->v[j].key == km->v[i].key)
			return false;
	return true;
}
