/* fuzz_keymap.c: libFuzzer target for keymap files (`bind CONTEXT KEY
 * ACTION` lines) and key names. Checks that every key name the parser
 * accepts reads back through keymap_key_name() to the same key. */
#include "core/err.h"
#include "ui/keymap.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_key_name(const char *s)
{
	char name[64];
	struct err e;
	int key, again;

	if (keymap_key_parse(s, &key, &e) != 0)
		return;
	keymap_key_name(key, name, sizeof name);
	if (keymap_key_parse(name, &again, &e) != 0 || again != key) {
		fprintf(stderr,
			"key %d is named \"%s\", which reads back as %d\n", key,
			name, again);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct keymap *km = keymap_new();

	memcpy(text, data, size);
	text[size] = '\0';
	keymap_parse(km, "fuzz.keys", text);
	for (size_t i = 0; i < km->n; i++) {
		const struct keymap_binding *b = &km->v[i];

		if (keymap_binding_active(km, i) &&
		    keymap_lookup(km, b->ctx, b->key) != b->action) {
			fprintf(stderr, "binding %zu is active but not found\n",
				i);
			abort();
		}
	}
	if (!memchr(text, '\n', size))
		check_key_name(text);
	keymap_free(km);
	free(text);
	return 0;
}
