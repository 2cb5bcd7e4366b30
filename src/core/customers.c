/* customers.c: the [customers] CSV, parsed by libcsv one line at a time
 * (so every error names its line; a quoted field cannot span lines), kept
 * as prefixes sorted by family, length (longest first) and address: a
 * lookup is one binary search per prefix length in use, fast with 100k
 * prefixes, and the first hit is the longest prefix. */
#include "core/customers.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <csv.h>
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Warnings kept of one read; the last then counts the rest. */
enum { WARN_MAX = 50, FIELDS_MAX = 4 };

/* The prefixes of one family and length: [start, end) of the entries. */
struct level {
	uint8_t family;
	unsigned prefix;
	size_t start, end;
};

struct customers {
	char *path;
	struct customer *v;
	size_t n;
	struct level *levels;
	size_t n_levels;
	char **warn;
	size_t n_warn;
	/* What the file was when last read, and when it was last looked at. */
	bool read_once, looked;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	int64_t looked_at;
};

/* One line's fields as libcsv hands them over. */
struct row {
	char *f[FIELDS_MAX];
	size_t n; /* fields seen, may exceed FIELDS_MAX */
};

/* What one read builds before it replaces the loaded customers. */
struct load {
	const char *path;
	struct customer *v;
	size_t n, cap;
	char **warn;
	size_t n_warn, n_bad;
	bool header_checked;
};

struct customers *customers_new(const char *path)
{
	struct customers *c = xcalloc(1, sizeof *c);

	c->path = path ? xstrdup(path) : NULL;
	return c;
}

static void free_entries(struct customer *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].contact);
		free(v[i].id);
	}
	free(v);
}

static void free_warnings(char **w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i]);
	free(w);
}

void customers_free(struct customers *c)
{
	if (!c)
		return;
	free_entries(c->v, c->n);
	free_warnings(c->warn, c->n_warn);
	free(c->levels);
	free(c->path);
	free(c);
}

static void warn(struct load *l, unsigned line, const char *why)
{
	l->n_bad++;
	if (l->n_warn == WARN_MAX) {
		free(l->warn[WARN_MAX - 1]);
		l->warn[WARN_MAX - 1] =
		    xasprintf("%s: %zu more bad lines, the last on line %u",
			      l->path, l->n_bad - (WARN_MAX - 1), line);
		return;
	}
	l->warn = xreallocarray(l->warn, l->n_warn + 1, sizeof *l->warn);
	l->warn[l->n_warn++] = xasprintf("%s:%u: %s", l->path, line, why);
}

/* ---- one line ---- */

static void on_field(void *s, size_t len, void *data)
{
	struct row *r = data;

	if (r->n < FIELDS_MAX)
		r->f[r->n] = xstrndup(s ? s : "", s ? len : 0);
	r->n++;
}

static void row_clear(struct row *r)
{
	for (size_t i = 0; i < r->n && i < FIELDS_MAX; i++)
		free(r->f[i]);
	memset(r, 0, sizeof *r);
}

/* Splits one line into fields; -1 with why on broken quoting. */
static int split(const char *line, size_t len, struct row *r, const char **why)
{
	struct csv_parser p;
	int rc = 0;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		abort();
	if (csv_parse(&p, line, len, on_field, NULL, r) != len) {
		*why = "a quote stands inside a field (write the field "
		       "in quotes, with a quote doubled: \"a \"\"b\"\"\")";
		rc = -1;
	} else if (csv_fini(&p, on_field, NULL, r) != 0) {
		*why = "a quoted field is not closed (a field cannot go on "
		       "to the next line)";
		rc = -1;
	}
	csv_free(&p);
	return rc;
}

static bool is_blank(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return *s == '\0';
}

/* A first row whose first field is a word, such as "prefix", names the
 * columns. */
static bool is_header(const char *first)
{
	for (const char *s = first; *s; s++)
		if (isdigit((unsigned char)*s) || *s == ':')
			return false;
	return true;
}

/* An IPv4-mapped IPv6 prefix is kept as the IPv4 prefix it is, so that
 * one lookup finds it. */
static void unmap_net(struct cidr *n)
{
	if (n->base.family != 6 || n->prefix < 96)
		return;
	struct ip_addr a = n->base;
	ip_unmap(&a);
	if (a.family == 4) {
		n->base = a;
		n->prefix -= 96;
	}
}

static char *trimmed(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

static void add_row(struct load *l, const struct row *r, unsigned line)
{
	struct customer c = {.line = line};
	struct err e = {{0}};
	char *prefix;

	if (r->n < 2 || r->n > FIELDS_MAX) {
		warn(l, line,
		     "expected prefix, name, contact and an optional "
		     "customer id");
		return;
	}
	prefix = trimmed(r->f[0]);
	if (cidr_parse(prefix, strlen(prefix), &c.net, &e) < 0) {
		warn(l, line, e.msg);
		free(prefix);
		return;
	}
	free(prefix);
	unmap_net(&c.net);
	c.name = trimmed(r->f[1]);
	if (!*c.name) {
		warn(l, line, "the customer has no name");
		free(c.name);
		return;
	}
	c.contact = trimmed(r->n > 2 ? r->f[2] : "");
	c.id = trimmed(r->n > 3 ? r->f[3] : "");
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n++] = c;
}

static void read_line(struct load *l, char *line, size_t len, unsigned no)
{
	struct row r = {.n = 0};
	const char *why;

	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	if (is_blank(line) || line[strspn(line, " \t")] == '#')
		return;
	if (split(line, len, &r, &why) < 0) {
		warn(l, no, why);
	} else if (!l->header_checked && r.n && is_header(r.f[0])) {
		/* the column names */
	} else {
		add_row(l, &r, no);
	}
	l->header_checked = true;
	row_clear(&r);
}

/* ---- the sorted prefixes ---- */

static int cmp_entry(const void *pa, const void *pb)
{
	const struct customer *a = pa, *b = pb;
	int c;

	if (a->net.base.family != b->net.base.family)
		return a->net.base.family < b->net.base.family ? -1 : 1;
	if (a->net.prefix != b->net.prefix)
		return a->net.prefix > b->net.prefix ? -1 : 1;
	c = ip_cmp(&a->net.base, &b->net.base);
	if (c)
		return c;
	return a->line < b->line ? -1 : a->line > b->line;
}

static bool same_net(const struct cidr *a, const struct cidr *b)
{
	return a->prefix == b->prefix && ip_cmp(&a->base, &b->base) == 0;
}

/* A prefix listed twice keeps its first line (the sort keeps lines in
 * order). */
static void drop_duplicates(struct load *l)
{
	size_t k = 0;

	for (size_t i = 0; i < l->n; i++) {
		struct customer *c = &l->v[i];
		if (k && same_net(&c->net, &l->v[k - 1].net)) {
			char *why = xasprintf("the prefix is listed already "
					      "on line %u; this line is "
					      "skipped",
					      l->v[k - 1].line);
			warn(l, c->line, why);
			free(why);
			free(c->name);
			free(c->contact);
			free(c->id);
			continue;
		}
		l->v[k++] = *c;
	}
	l->n = k;
}

static void build_levels(struct customers *c)
{
	free(c->levels);
	c->levels = NULL;
	c->n_levels = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct cidr *n = &c->v[i].net;
		struct level *lv =
		    c->n_levels ? &c->levels[c->n_levels - 1] : NULL;
		if (lv && lv->family == n->base.family &&
		    lv->prefix == n->prefix) {
			lv->end = i + 1;
			continue;
		}
		c->levels = xreallocarray(c->levels, c->n_levels + 1,
					  sizeof *c->levels);
		c->levels[c->n_levels++] =
		    (struct level){n->base.family, n->prefix, i, i + 1};
	}
}

static int cmp_base(const void *key, const void *elem)
{
	return ip_cmp(key, &((const struct customer *)elem)->net.base);
}

const struct customer *customers_find(const struct customers *c,
				      const struct ip_addr *a)
{
	struct ip_addr x;

	if (!c || !a)
		return NULL;
	x = *a;
	ip_unmap(&x);
	for (size_t i = 0; i < c->n_levels; i++) {
		const struct level *lv = &c->levels[i];
		struct ip_addr key = x;
		const struct customer *hit;
		if (lv->family != x.family)
			continue;
		ip_mask(&key, lv->prefix);
		hit = bsearch(&key, c->v + lv->start, lv->end - lv->start,
			      sizeof *c->v, cmp_base);
		if (hit)
			return hit;
	}
	return NULL;
}

const struct customer *customers_lookup(const struct customers *c,
					const char *ip)
{
	struct ip_addr a;

	if (!c || !ip || ip_parse(ip, strlen(ip), &a) < 0)
		return NULL;
	return customers_find(c, &a);
}

/* ---- reading the file ---- */

static int read_file(FILE *fp, struct load *l, struct err *e)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned no = 0;

	while ((len = getline(&line, &cap, fp)) >= 0)
		read_line(l, line, (size_t)len, ++no);
	free(line);
	if (ferror(fp))
		return err_set(e, "%s: %s", l->path, strerror(errno));
	return 0;
}

/* Replaces what c holds with what l read. */
static void take(struct customers *c, struct load *l)
{
	free_entries(c->v, c->n);
	free_warnings(c->warn, c->n_warn);
	c->v = l->v;
	c->n = l->n;
	c->warn = l->warn;
	c->n_warn = l->n_warn;
	build_levels(c);
}

static bool changed(const struct customers *c, const struct stat *st)
{
	return !c->read_once || st->st_dev != c->dev || st->st_ino != c->ino ||
	       st->st_size != c->size ||
	       st->st_mtim.tv_sec != c->mtime.tv_sec ||
	       st->st_mtim.tv_nsec != c->mtime.tv_nsec;
}

static int load(struct customers *c, FILE *fp, const struct stat *st,
		struct err *e)
{
	struct load l = {.path = c->path};

	if (read_file(fp, &l, e) < 0) {
		free_entries(l.v, l.n);
		free_warnings(l.warn, l.n_warn);
		return -1;
	}
	qsort(l.v, l.n, sizeof *l.v, cmp_entry);
	drop_duplicates(&l);
	take(c, &l);
	c->read_once = true;
	c->dev = st->st_dev;
	c->ino = st->st_ino;
	c->size = st->st_size;
	c->mtime = st->st_mtim;
	return 1;
}

int customers_refresh(struct customers *c, int64_t now, struct err *e)
{
	struct stat st;
	FILE *fp;
	int rc;

	if (!c || !c->path ||
	    (c->looked && now >= c->looked_at && now - c->looked_at < 1))
		return 0;
	c->looked = true;
	c->looked_at = now;
	if (stat(c->path, &st) < 0)
		return err_set(e, "customers file %s: %s", c->path,
			       strerror(errno));
	if (!changed(c, &st))
		return 0;
	fp = fopen(c->path, "re");
	if (!fp)
		return err_set(e, "customers file %s: %s", c->path,
			       strerror(errno));
	rc = load(c, fp, &st, e);
	fclose(fp);
	return rc;
}

const char *const *customers_warnings(const struct customers *c, size_t *n)
{
	*n = c ? c->n_warn : 0;
	return c ? (const char *const *)c->warn : NULL;
}

size_t customers_count(const struct customers *c)
{
	return c ? c->n : 0;
}
