/* err.h: the error a lower layer hands up to main.c or ui/.
 * A function that fails returns -1 (or NULL) and fills a caller's struct err
 * with one sentence a user can act on. Only main.c and ui/ print it. */
#ifndef CORE_ERR_H
#define CORE_ERR_H

struct err {
	char msg[256];
};

/* Sets e->msg (NULL-safe: e may be NULL). Always returns -1, so callers can
 * write `return err_set(e, "...")`. */
int err_set(struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prefixes an existing message: "context: old message". Returns -1. */
int err_prefix(struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
