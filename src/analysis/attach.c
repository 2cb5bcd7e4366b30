/* attach.c: which attachments carry report text, and reading zipped ones
 * with libzip straight from memory. */
#include "analysis/attach.h"

#include <string.h>
#include <strings.h>
#include <zip.h>

struct kind_rule {
	const char *match; /* type, "type/" prefix, or ".ext" */
	enum attach_kind kind;
};

/* First match wins; types before extensions, so a mislabelled .csv sent as
 * application/octet-stream is still read. */
static const struct kind_rule kind_rules[] = {
    {"text/html", ATTACH_HTML},
    {"application/xhtml+xml", ATTACH_HTML},
    {"text/", ATTACH_TEXT},
    {"message/", ATTACH_TEXT},
    {"application/json", ATTACH_TEXT},
    {"application/xml", ATTACH_TEXT},
    {"application/yaml", ATTACH_TEXT},
    {"application/x-yaml", ATTACH_TEXT},
    {"application/csv", ATTACH_TEXT},
    {"application/x-csv", ATTACH_TEXT},
    {"application/zip", ATTACH_ZIP},
    {"application/x-zip-compressed", ATTACH_ZIP},
    {"application/x-zip", ATTACH_ZIP},
    {".zip", ATTACH_ZIP},
    {".csv", ATTACH_TEXT},
    {".txt", ATTACH_TEXT},
    {".log", ATTACH_TEXT},
    {".json", ATTACH_TEXT},
    {".xml", ATTACH_TEXT},
    {".yaml", ATTACH_TEXT},
    {".yml", ATTACH_TEXT},
    {".eml", ATTACH_TEXT},
    {".htm", ATTACH_HTML},
    {".html", ATTACH_HTML},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static bool rule_matches(const struct kind_rule *r, const char *type,
			 const char *name)
{
	size_t n = strlen(r->match);

	if (r->match[0] == '.')
		return name && has_suffix(name, r->match);
	if (r->match[n - 1] == '/')
		return strncasecmp(type, r->match, n) == 0;
	return strcasecmp(type, r->match) == 0;
}

enum attach_kind attach_kind(const char *type, const char *name)
{
	for (size_t i = 0; i < COUNT(kind_rules); i++)
		if (rule_matches(&kind_rules[i], type ? type : "", name))
			return kind_rules[i].kind;
	return ATTACH_BINARY;
}

static bool entry_is_text(const char *name)
{
	return attach_kind("application/octet-stream", name) == ATTACH_TEXT;
}

/* Reads one entry, up to *left bytes. */
static void read_entry(zip_t *z, zip_uint64_t i, struct buf *out, size_t *left)
{
	zip_file_t *f = zip_fopen_index(z, i, 0);
	char chunk[16384];
	zip_int64_t got;

	if (!f)
		return;
	while (*left > 0 &&
	       (got = zip_fread(f, chunk,
				*left < sizeof chunk ? *left : sizeof chunk)) >
		   0) {
		buf_append(out, chunk, (size_t)got);
		*left -= (size_t)got;
	}
	zip_fclose(f);
	buf_putc(out, '\n');
}

int attach_unzip(const char *s, size_t n, struct buf *out, size_t cap)
{
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *z;
	int read = 0;

	zip_error_init(&zerr);
	src = zip_source_buffer_create(s, n, 0, &zerr);
	if (!src) {
		zip_error_fini(&zerr);
		return -1;
	}
	z = zip_open_from_source(src, ZIP_RDONLY, &zerr);
	if (!z) {
		zip_source_free(src);
		zip_error_fini(&zerr);
		return -1;
	}
	zip_int64_t entries = zip_get_num_entries(z, 0);
	for (zip_int64_t i = 0; i < entries && cap > 0; i++) {
		const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
		if (!name || !entry_is_text(name))
			continue;
		read_entry(z, (zip_uint64_t)i, out, &cap);
		read++;
	}
	zip_discard(z);
	zip_error_fini(&zerr);
	return read;
}
