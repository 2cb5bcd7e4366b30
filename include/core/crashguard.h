/* crashguard.h: what happens when the program dies of a fault (SIGSEGV,
 * SIGBUS, SIGFPE, SIGILL, SIGABRT). A thread that reads hostile input names
 * what it is reading; if that work crashes, the name is appended to a
 * note file, so the next run can set that input aside instead of dying on
 * it again. Hooks (the screen's terminal restore) run before the process
 * dies by the same signal. Everything in the handler is async-signal-safe. */
#ifndef CORE_CRASHGUARD_H
#define CORE_CRASHGUARD_H

#include <stdbool.h>

#include "core/err.h"

#define CRASHGUARD_TAG_MAX 72

/* Installs the handlers once per process; note_path (copied) is where
 * crashes are noted (NULL keeps the one set before, if any). Also gives
 * the calling thread its own signal stack. */
int crashguard_install(const char *note_path, struct err *e);

/* Every other thread that calls crashguard_enter() needs a signal stack
 * of its own, so that a stack overflow can still be noted; freed when the
 * thread calls crashguard_thread_done(). */
void crashguard_thread_init(void);
void crashguard_thread_done(void);

/* What the calling thread is reading now (a content hash), until leave. */
void crashguard_enter(const char *tag);
void crashguard_leave(void);

/* fn runs in the signal handler before the process dies; it may only do
 * async-signal-safe things. At most four hooks. */
void crashguard_on_fatal(void (*fn)(int sig));

/* Reads the note file's tags (one a line) into a NULL-terminated array
 * (free with crashguard_tags_free) and removes the file. Returns the
 * count, 0 when there is no note. */
int crashguard_take_notes(const char *note_path, char ***tags, struct err *e);
void crashguard_tags_free(char **tags);

#endif
