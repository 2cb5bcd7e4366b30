/* attach.h: which attachments are read as text, and the text inside zip
 * archives (Shadowserver sends its CSV zipped). */
#ifndef ANALYSIS_ATTACH_H
#define ANALYSIS_ATTACH_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"

enum attach_kind {
	ATTACH_BINARY, /* listed, not read */
	ATTACH_TEXT,   /* text/plain, CSV, JSON, XML, YAML, logs */
	ATTACH_HTML,
	ATTACH_ZIP,
};

/* Decides from the lowercase MIME type and the file name (may be NULL). */
enum attach_kind attach_kind(const char *type, const char *name);

/* Appends to out the text of the entries of the zip archive in s whose
 * names look like text (.csv, .txt, .json, .xml, .yaml, .log), reading at
 * most cap bytes in all. Returns the number of entries read, or -1 when s
 * is not a readable zip archive. */
int attach_unzip(const char *s, size_t n, struct buf *out, size_t cap);

#endif
