/* replay.h: a key script for the hidden --replay option, which drives the
 * triage screen without a keyboard and times each key. A script is words
 * separated by blanks: key names as keymaps spell them (j, <Enter>, ^D,
 * M-v) and "quoted text", typed one character at a time (into prompts;
 * \" and \\ inside). A # at the start of a word comments out the rest of
 * the line. The run's latencies are kept per kind ("groups:down"). */
#ifndef UI_REPLAY_H
#define UI_REPLAY_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/err.h"

struct replay;

/* <Mail> in a script: the screen waits, untimed, until another process
 * has written to the cache (saying "replay: waiting for mail" on stderr
 * first), then does what the sync worker's word of new reports makes it
 * do, timed as "groups:new-mail". For bench/tui.sh. */
#define REPLAY_KEY_MAIL 0x7fffff01

/* name is used in messages ("keys.txt:3: unknown key <Foo>"). */
struct replay *replay_parse(const char *name, const char *text, struct err *e);
struct replay *replay_load(const char *path, struct err *e);
/* NULL-safe. */
void replay_free(struct replay *r);

/* The script's next key code (as keymap_key_parse() gives it); false at
 * its end. */
bool replay_next(struct replay *r, int *key);

/* Notes one key's latency, in seconds, under kind. */
void replay_record(struct replay *r, const char *kind, double seconds);

struct replay_stat {
	size_t n;
	double median_ms;
	double p99_ms; /* nearest rank */
	double max_ms;
};

/* The figures of one kind; false when no key of that kind was timed. */
bool replay_stat(const struct replay *r, const char *kind,
		 struct replay_stat *out);
/* One line per kind, in the order kinds first appeared:
 * "replay groups:down n=40 median=0.41ms p99=0.90ms max=1.02ms". */
void replay_summary(const struct replay *r, struct buf *b);

#endif
