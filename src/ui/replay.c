/* replay.c: the key scripts of --replay — parsing key names and quoted text
 * into key codes — and the latencies of a run, kept per kind of key, with
 * their median and 99th percentile. */
#include "ui/replay.h"
#include "core/utf8.h"
#include "core/xalloc.h"
#include "ui/keymap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct kind {
	char *name;
	double *ms;
	size_t n;
};

struct replay {
	int *keys;
	size_t n, next;
	struct kind *kinds;
	size_t n_kinds;
};

static void add_key(struct replay *r, int key)
{
	r->keys = xreallocarray(r->keys, r->n + 1, sizeof *r->keys);
	r->keys[r->n++] = key;
}

/* "text" at *p (past the opening quote): every character becomes a key. */
static int parse_text(struct replay *r, const char **p, struct err *e)
{
	const char *s = *p;
	uint32_t cp;

	while (*s && *s != '"') {
		if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
			s++;
		int k = utf8_decode(s, strlen(s), &cp);
		if (k <= 0)
			return err_set(e, "text is not valid UTF-8");
		add_key(r, (int)cp);
		s += k;
	}
	if (*s != '"')
		return err_set(e, "text without its closing quote");
	*p = s + 1;
	return 0;
}

static int parse_word(struct replay *r, const char **p, struct err *e)
{
	size_t n = strcspn(*p, " \t\r\n");
	char *w = xstrndup(*p, n);
	int key = REPLAY_KEY_MAIL, rc = 0;

	if (strcmp(w, "<Mail>") != 0)
		rc = keymap_key_parse(w, &key, e);
	if (rc == 0)
		add_key(r, key);
	free(w);
	*p += n;
	return rc;
}

static int parse_line(struct replay *r, const char *s, struct err *e)
{
	while (*s) {
		s += strspn(s, " \t\r");
		if (!*s || *s == '#')
			return 0;
		if (*s == '"') {
			s++;
			if (parse_text(r, &s, e) < 0)
				return -1;
		} else if (parse_word(r, &s, e) < 0) {
			return -1;
		}
	}
	return 0;
}

struct replay *replay_parse(const char *name, const char *text, struct err *e)
{
	struct replay *r = xcalloc(1, sizeof *r);
	char *copy = xstrdup(text), *save = NULL;
	int line = 0;

	for (char *l = copy; l; l = save) {
		save = strchr(l, '\n');
		if (save)
			*save++ = '\0';
		line++;
		if (parse_line(r, l, e) < 0) {
			err_prefix(e, "%s:%d", name, line);
			free(copy);
			replay_free(r);
			return NULL;
		}
	}
	free(copy);
	return r;
}

struct replay *replay_load(const char *path, struct err *e)
{
	FILE *f = fopen(path, "r");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	struct replay *r;

	if (!f) {
		err_set(e, "%s: cannot read the key script: %s", path,
			strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	r = replay_parse(path, buf_cstr(&b), e);
	buf_free(&b);
	return r;
}

void replay_free(struct replay *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_kinds; i++) {
		free(r->kinds[i].name);
		free(r->kinds[i].ms);
	}
	free(r->kinds);
	free(r->keys);
	free(r);
}

bool replay_next(struct replay *r, int *key)
{
	if (r->next >= r->n)
		return false;
	*key = r->keys[r->next++];
	return true;
}

static struct kind *kind_find(const struct replay *r, const char *name)
{
	for (size_t i = 0; i < r->n_kinds; i++)
		if (strcmp(r->kinds[i].name, name) == 0)
			return &r->kinds[i];
	return NULL;
}

void replay_record(struct replay *r, const char *kind, double seconds)
{
	struct kind *k = kind_find(r, kind);

	if (!k) {
		r->kinds =
		    xreallocarray(r->kinds, r->n_kinds + 1, sizeof *r->kinds);
		k = &r->kinds[r->n_kinds++];
		*k = (struct kind){xstrdup(kind), NULL, 0};
	}
	k->ms = xreallocarray(k->ms, k->n + 1, sizeof *k->ms);
	k->ms[k->n++] = seconds * 1000.0;
}

static int cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return a < b ? -1 : a > b;
}

bool replay_stat(const struct replay *r, const char *kind,
		 struct replay_stat *out)
{
	const struct kind *k = kind_find(r, kind);
	double *v;
	size_t rank;

	if (!k || !k->n)
		return false;
	v = xmalloc(k->n * sizeof *v);
	memcpy(v, k->ms, k->n * sizeof *v);
	qsort(v, k->n, sizeof *v, cmp_double);
	out->n = k->n;
	out->median_ms =
	    k->n % 2 ? v[k->n / 2] : (v[k->n / 2 - 1] + v[k->n / 2]) / 2.0;
	rank = (k->n * 99 + 99) / 100; /* ceil(0.99 n), 1-based */
	out->p99_ms = v[rank - 1];
	out->max_ms = v[k->n - 1];
	free(v);
	return true;
}

void replay_summary(const struct replay *r, struct buf *b)
{
	struct replay_stat s;

	for (size_t i = 0; i < r->n_kinds; i++) {
		if (!replay_stat(r, r->kinds[i].name, &s))
			continue;
		buf_printf(b,
			   "replay %s n=%zu median=%.2fms p99=%.2fms "
			   "max=%.2fms\n",
			   r->kinds[i].name, s.n, s.median_ms, s.p99_ms,
			   s.max_ms);
	}
}
