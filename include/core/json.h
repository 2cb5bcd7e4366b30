/* json.h: JSON for the command line's output. jansson writes every
 * character of a string raw but the C0 controls, '"' and '\'; mail text
 * can carry characters that a terminal or an editor acts on or hides,
 * and those leave here as \u escapes, while the rest of non-ASCII text
 * stays readable. */
#ifndef CORE_JSON_H
#define CORE_JSON_H

#include <jansson.h>
#include <stddef.h>
#include <stdio.h>

/* True for the code points written escaped: DEL and the C1 controls
 * (U+007F-U+009F), the zero-width and invisible characters (U+200B-U+200F,
 * U+2060-U+2065, U+FEFF), the line and paragraph separators (U+2028,
 * U+2029), the bidi embeddings, overrides and isolates (U+202A-U+202E,
 * U+2066-U+2069). */
int json_cp_escaped(unsigned cp);

/* json_dumps(j, flags) with those code points as \uXXXX; malloc'd, NULL
 * when jansson fails. */
char *json_dump_safe(const json_t *j, size_t flags);

/* Writes json_dump_safe(j, flags) and a newline to fp. 0, or -1 when
 * jansson or the write fails. */
int json_print_safe(const json_t *j, size_t flags, FILE *fp);

#endif
