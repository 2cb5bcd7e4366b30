/* keymap.h: key bindings — `bind CONTEXT KEY ACTION` lines, parsed the same
 * way for the bundled keymaps and a user's file. A bad line is reported as
 * "file:line: reason" and the rest still loads. */
#ifndef UI_KEYMAP_H
#define UI_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* Where a binding holds. A context's own binding wins over an `any` one;
 * among equals the later line wins. */
enum ui_context {
	UI_CTX_GROUPS = 1u << 0,
	UI_CTX_MESSAGES = 1u << 1,
	UI_CTX_PAGER = 1u << 2,
	UI_CTX_ANY = UI_CTX_GROUPS | UI_CTX_MESSAGES | UI_CTX_PAGER,
};

/* Key codes: characters as themselves, ncurses KEY_* codes, and Meta (Esc
 * then a character) as KEYMAP_META | character. */
#define KEYMAP_META 0x200000

struct keymap_binding {
	unsigned ctx; /* one enum ui_context value */
	int key;
	int action; /* index into the actions table (ui/actions.h) */
};

struct keymap {
	struct keymap_binding *v;
	size_t n;
	char **errors; /* "file:line: reason" */
	size_t n_errors;
};

struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);

/* Parses text (name is used in messages). Returns the number of bad lines;
 * each one is added to km->errors. */
int keymap_parse(struct keymap *km, const char *name, const char *text);
/* Reads and parses a file. Returns -1 (e filled) when it cannot be read,
 * else the number of bad lines. */
int keymap_load_file(struct keymap *km, const char *path, struct err *e);

/* The action bound to key in ctx (one context), or -1. */
int keymap_lookup(const struct keymap *km, unsigned ctx, int key);
/* The first key (in the order of the files) that runs action in ctx (one
 * context), or -1 when none does. */
int keymap_key_for(const struct keymap *km, unsigned ctx, int action);
/* Whether binding i is the one in force (not overridden by a later line). */
bool keymap_binding_active(const struct keymap *km, size_t i);

/* "j", "<Enter>", "^D", "M-v", "<F1>": 0, or -1 with the reason in e. */
int keymap_key_parse(const char *s, int *key, struct err *e);
/* The name keymap_key_parse() reads back. */
void keymap_key_name(int key, char *out, size_t n);

/* "groups", "messages", "pager", "any"; 0 when unknown. */
unsigned keymap_context_parse(const char *s);
const char *keymap_context_name(unsigned ctx);

#endif
