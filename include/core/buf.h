/* buf.h: a growable byte buffer, always NUL-terminated after data[len]. */
#ifndef CORE_BUF_H
#define CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data; /* NULL until the first append; then data[len] == '\0' */
	size_t len;
	size_t cap;
};

#define BUF_INIT                                                               \
	{                                                                      \
		NULL, 0, 0                                                     \
	}

void buf_init(struct buf *b);
void buf_free(struct buf *b);
/* Empties the buffer but keeps its memory for reuse. */
void buf_reset(struct buf *b);
void buf_reserve(struct buf *b, size_t extra);
void buf_append(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Hands the NUL-terminated contents to the caller (free() it) and leaves
 * the buffer empty. Never returns NULL. */
char *buf_steal(struct buf *b);
/* The contents as a C string ("" when empty); valid until the next change. */
const char *buf_cstr(const struct buf *b);
/* Appends the file at path, its first max bytes when it is longer; -1
 * (errno set) when it cannot be opened or read. */
int buf_read_file(struct buf *b, const char *path, size_t max);

#endif
