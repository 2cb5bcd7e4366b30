/* actions.h: what a key can do. One table of {name, description, contexts,
 * function}: the keymap parser checks names against it, the help screen
 * lists it, and the main loop runs its functions. */
#ifndef UI_ACTIONS_H
#define UI_ACTIONS_H

#include <stddef.h>

struct ui;

struct ui_action {
	const char *name;
	const char *description;
	unsigned contexts; /* enum ui_context bits (ui/keymap.h) */
	void (*run)(struct ui *ui);
};

const struct ui_action *ui_actions(size_t *n);
/* Index of the action called name, or -1. */
int ui_action_find(const char *name);

#endif
