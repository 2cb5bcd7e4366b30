/* bulk.c: the known bulk reporters — their lines parsed, looked up by
 * domain and matched by signature — and the one list in force per
 * process (bundled file, else the built-in copy, then the user's file). */
#include "analysis/bulk.h"
#include "core/buf.h"
#include "core/paths.h"
#include "core/xalloc.h"

#include <errno.h>
#include <libgen.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* data/noise/bulk_reporters.txt as it was at build time, for a binary
 * that finds no bundled file. */
static const char builtin_text[] =
#include "bulk_reporters_text.inc"
    ;

struct bulk_list *bulk_list_new(void)
{
	return xcalloc(1, sizeof(struct bulk_list));
}

static void entry_free(struct bulk_entry *b)
{
	free(b->domain);
	free(b->header);
	free(b->pattern);
	free(b->kind);
	free(b->why);
}

void bulk_list_free(struct bulk_list *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n; i++)
		entry_free(&l->v[i]);
	free(l->v);
	free(l);
}

/* A lowercase copy of at most max bytes of s (ASCII letters only, in
 * patterns and text alike), for plain strstr: strcasestr is several
 * times slower on the text every report has. */
static char *lower_copy(const char *s, size_t max)
{
	size_t n = strnlen(s, max);
	char *d = xmalloc(n + 1);

	for (size_t i = 0; i < n; i++)
		d[i] = (char)((unsigned)((unsigned char)s[i] - 'A') < 26u
				  ? s[i] | 0x20
				  : s[i]);
	d[n] = '\0';
	return d;
}

/* Splits line at TABs into at most max fields; returns how many. */
static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;

	while (n < max) {
		f[n++] = line;
		line = strchr(line, '\t');
		if (!line)
			break;
		*line++ = '\0';
	}
	return line ? max + 1 : n;
}

/* Whether e is what the key fields (f[0] and, for a signature, f[1])
 * name; f[0] is "domain", "header:NAME" or "body". */
static bool entry_is(const struct bulk_entry *b, char **f, size_t n)
{
	if (strncasecmp(f[0], "header:", 7) == 0)
		return n >= 2 && b->header &&
		       strcasecmp(b->header, f[0] + 7) == 0 &&
		       strcasecmp(b->pattern, f[1]) == 0;
	if (strcasecmp(f[0], "body") == 0)
		return n >= 2 && !b->domain && !b->header &&
		       strcasecmp(b->pattern, f[1]) == 0;
	return b->domain && strcasecmp(b->domain, f[0]) == 0;
}

static void list_remove(struct bulk_list *l, char **f, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < l->n; i++) {
		if (entry_is(&l->v[i], f, n))
			entry_free(&l->v[i]);
		else
			l->v[k++] = l->v[i];
	}
	l->n = k;
}

/* One line's fields into l: a domain line has three, a signature four. */
static const char *list_add(struct bulk_list *l, char **f, size_t n)
{
	bool header = strncasecmp(f[0], "header:", 7) == 0;
	bool sig = header || strcasecmp(f[0], "body") == 0;
	struct bulk_entry b = {0};

	if (n != (sig ? 4u : 3u))
		return sig ? "a signature is four fields: WHERE, PATTERN, "
			     "KIND, WHY"
			   : "a domain line is three fields: DOMAIN, KIND, "
			     "WHY";
	if (sig && (!f[1][0] || (header && !f[0][7])))
		return "a signature needs a header name and a pattern";
	if (!sig && !strchr(f[0], '.'))
		return "not a domain, nor header:NAME or body";
	if (sig) {
		b.header = header ? xstrdup(f[0] + 7) : NULL;
		b.pattern = lower_copy(f[1], SIZE_MAX);
	} else
		b.domain = lower_copy(f[0], SIZE_MAX);
	b.kind = xstrdup(f[n - 2]);
	b.why = xstrdup(f[n - 1]);
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = b;
	return NULL;
}

static const char *parse_line(struct bulk_list *l, char *line)
{
	char *f[5];
	size_t n;

	line[strcspn(line, "\r")] = '\0';
	if (!line[0] || line[0] == '#')
		return NULL;
	n = split_tabs(line[0] == '-' ? line + 1 : line, f, 4);
	if (n > 4)
		return "more than four TAB-separated fields";
	if (line[0] != '-')
		return list_add(l, f, n);
	list_remove(l, f, n);
	return NULL;
}

int bulk_list_parse(struct bulk_list *l, const char *name, const char *text,
		    struct err *e)
{
	char *copy = xstrdup(text), *p = copy;
	int rc = 0;

	for (size_t no = 1; p; no++) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		const char *bad = parse_line(l, p);
		if (bad && rc == 0)
			rc = err_set(e, "%s:%zu: %s", name, no, bad);
		p = nl ? nl + 1 : NULL;
	}
	free(copy);
	return rc;
}

int bulk_list_read(struct bulk_list *l, const char *path, struct err *e)
{
	struct buf b = BUF_INIT;
	int rc;

	if (buf_read_file(&b, path, SIZE_MAX) < 0) {
		buf_free(&b);
		return err_set(e, "cannot read %s: %s", path, strerror(errno));
	}
	rc = bulk_list_parse(l, path, b.data ? b.data : "", e);
	buf_free(&b);
	return rc;
}

const struct bulk_entry *bulk_list_domain(const struct bulk_list *l,
					  const char *domain)
{
	for (size_t i = 0; domain && i < l->n; i++)
		if (l->v[i].domain && strcasecmp(l->v[i].domain, domain) == 0)
			return &l->v[i];
	return NULL;
}

size_t bulk_list_headers(const struct bulk_list *l, const char **names,
			 size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++) {
		const char *h = l->v[i].header;
		bool seen = !h || strcasecmp(h, "subject") == 0;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcasecmp(names[k], h) == 0;
		if (!seen && n < max)
			names[n++] = h;
	}
	return n;
}

/* Where a signature looks, lowered once per field: the body's start,
 * the subject, then the fields in names' order. */
struct bulk_view {
	char *body, *subject;
	char **fields;
};

static const char *view_of(const struct bulk_entry *b, struct bulk_view *v,
			   const char *const *names, char *const *values,
			   size_t n)
{
	if (!b->header)
		return v->body;
	if (strcasecmp(b->header, "subject") == 0)
		return v->subject;
	for (size_t k = 0; k < n; k++)
		if (strcasecmp(names[k], b->header) == 0) {
			if (!v->fields[k] && values[k])
				v->fields[k] = lower_copy(values[k], SIZE_MAX);
			return v->fields[k];
		}
	return NULL;
}

const struct bulk_entry *bulk_list_match(const struct bulk_list *l,
					 const char *const *names,
					 char *const *values, size_t n,
					 const char *subject, const char *text,
					 size_t text_len)
{
	struct bulk_view v = {
	    lower_copy(text ? text : "",
		       text_len < BULK_BODY_MAX ? text_len : BULK_BODY_MAX),
	    lower_copy(subject ? subject : "", SIZE_MAX),
	    xcalloc(n ? n : 1, sizeof(char *))};
	const struct bulk_entry *hit = NULL;

	for (size_t i = 0; i < l->n && !hit; i++) {
		const struct bulk_entry *b = &l->v[i];
		const char *in =
		    b->domain ? NULL : view_of(b, &v, names, values, n);
		if (in && strstr(in, b->pattern))
			hit = b;
	}
	for (size_t k = 0; k < n; k++)
		free(v.fields[k]);
	free(v.fields);
	free(v.body);
	free(v.subject);
	return hit;
}

/* ---- the list in force ---- */

static struct bulk_list *known;
static struct err known_err;
static int known_rc;
static pthread_once_t known_once = PTHREAD_ONCE_INIT;

/* The bundled file: data/noise in a source tree, noise/ when installed. */
static char *bundled_path(void)
{
	char *p = paths_bundled("data/noise", "bulk_reporters.txt");

	return p ? p : paths_bundled("noise", "bulk_reporters.txt");
}

static char *user_path(void)
{
	char *cfg = paths_config_file(), *p;

	if (!cfg)
		return NULL;
	p = xasprintf("%s/bulk_reporters", dirname(cfg));
	free(cfg);
	return p;
}

static void known_read(void)
{
	char *bundled = bundled_path(), *user = user_path();
	struct err ignored;

	known = bulk_list_new();
	if (bundled)
		bulk_list_read(known, bundled, &ignored);
	else
		bulk_list_parse(known, "built-in", builtin_text, &ignored);
	if (user && access(user, F_OK) == 0)
		known_rc = bulk_list_read(known, user, &known_err);
	free(bundled);
	free(user);
}

const struct bulk_list *bulk_known(void)
{
	pthread_once(&known_once, known_read);
	return known;
}

int bulk_known_load(struct err *e)
{
	bulk_known();
	if (known_rc < 0)
		err_set(e, "%s", known_err.msg);
	return known_rc;
}
