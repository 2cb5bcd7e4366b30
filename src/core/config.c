/* config.c: reads the INI-style config file into struct config. The option
 * table (config_options.c) drives everything: lookup, value parsing, the
 * "expected ..." half of each message and the defaults. */
#include "core/config.h"
#include "core/buf.h"
#include "core/paths.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Enum values are stored through an int. */
_Static_assert(sizeof(enum config_tls) == sizeof(int), "enum size");
_Static_assert(sizeof(enum config_color) == sizeof(int), "enum size");
_Static_assert(sizeof(enum config_sort) == sizeof(int), "enum size");

/* Longest piece of a faulty value quoted back in a message. */
#define SHOWN_MAX 40

struct config_state {
	int *line;	/* line of the file being read that set the option */
	bool *explicit; /* set by some file, so not derived from others */
};

struct parser {
	struct config *c;
	const struct config_option *opts;
	size_t n;
	const char *display; /* the file's name in messages, ~ abbreviated */
	const char *section; /* the table's spelling; NULL before the first */
	int lineno;
};

typedef int (*value_setter)(void *field, const struct config_option *o,
			    const char *v, struct err *e);
typedef void (*value_clearer)(void *field);

/* ---- values: one parser and one destructor per type ---- */

static void *field_of(struct config *c, const struct config_option *o)
{
	return (char *)c + o->offset;
}

static void show_value(const char *v, char *out, size_t cap)
{
	size_t i;

	for (i = 0; v[i] && i + 1 < cap && i < SHOWN_MAX; i++)
		out[i] =
		    (unsigned char)v[i] < 0x20 || v[i] == 0x7f ? '?' : v[i];
	out[i] = '\0';
	if (v[i] && cap > SHOWN_MAX + 3)
		strcpy(out + i, "...");
}

static int rejected(const struct config_option *o, const char *v, struct err *e)
{
	char shown[SHOWN_MAX + 4];
	char *want = config_option_expects(o);

	show_value(v, shown, sizeof shown);
	err_set(e, "expected %s, got '%s'", want, shown);
	free(want);
	return -1;
}

static void clear_string(void *field)
{
	char **s = field;

	free(*s);
	*s = NULL;
}

static void replace_string(void *field, char *s)
{
	clear_string(field);
	*(char **)field = s;
}

static int set_string(void *field, const struct config_option *o, const char *v,
		      struct err *e)
{
	if (!v[0] && o->def)
		return rejected(o, v, e);
	replace_string(field, v[0] ? xstrdup(v) : NULL);
	return 0;
}

static const char *find_choice(const char *const *choices, const char *v)
{
	for (; choices && *choices; choices++)
		if (strcasecmp(*choices, v) == 0)
			return *choices;
	return NULL;
}

static int set_path(void *field, const struct config_option *o, const char *v,
		    struct err *e)
{
	const char *choice = find_choice(o->choices, v);
	char *p;

	if (choice || (!v[0] && !o->def)) {
		replace_string(field, choice ? xstrdup(choice) : NULL);
		return 0;
	}
	/* Relative to what? Refusing is clearer than guessing. */
	if (v[0] != '/' && v[0] != '~')
		return rejected(o, v, e);
	p = paths_expand_home(v);
	if (p[0] != '/') {
		free(p);
		return rejected(o, v, e);
	}
	replace_string(field, p);
	return 0;
}

static int set_int(void *field, const struct config_option *o, const char *v,
		   struct err *e)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (!v[0] || *end || errno || n < o->min || n > o->max)
		return rejected(o, v, e);
	*(int *)field = (int)n;
	return 0;
}

/* Always with a '.' decimal point, whatever LC_NUMERIC the UI set. */
static double c_strtod(const char *s, char **end)
{
	locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	double d;

	if (!c)
		return strtod(s, end);
	d = strtod_l(s, end, c);
	freelocale(c);
	return d;
}

static int set_real(void *field, const struct config_option *o, const char *v,
		    struct err *e)
{
	char *end;
	double d;

	errno = 0;
	d = c_strtod(v, &end);
	if (!v[0] || *end || errno || !isfinite(d) || d < o->min || d > o->max)
		return rejected(o, v, e);
	*(double *)field = d;
	return 0;
}

static int set_bool(void *field, const struct config_option *o, const char *v,
		    struct err *e)
{
	static const char *const yes[] = {"yes", "true", "on", "1", NULL};
	static const char *const no[] = {"no", "false", "off", "0", NULL};

	if (find_choice(yes, v))
		*(bool *)field = true;
	else if (find_choice(no, v))
		*(bool *)field = false;
	else
		return rejected(o, v, e);
	return 0;
}

static int set_enum(void *field, const struct config_option *o, const char *v,
		    struct err *e)
{
	int i;

	for (i = 0; o->choices[i]; i++) {
		if (strcasecmp(o->choices[i], v) == 0) {
			memcpy(field, &i, sizeof i);
			return 0;
		}
	}
	return rejected(o, v, e);
}

static void clear_nothing(void *field)
{
	(void)field;
}

static void list_clear(struct config_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void list_push(struct config_list *l, char *s)
{
	l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
	l->v[l->n++] = s;
}

static void clear_list(void *field)
{
	list_clear(field);
}

/* Comma-separated, entries trimmed, empty entries (a trailing comma)
 * dropped. */
static void split_list(const char *v, struct config_list *out)
{
	while (*v) {
		size_t n = strcspn(v, ",");
		size_t start = 0;

		while (start < n && isspace((unsigned char)v[start]))
			start++;
		while (n > start && isspace((unsigned char)v[n - 1]))
			n--;
		if (n > start)
			list_push(out, xstrndup(v + start, n - start));
		v += strcspn(v, ",");
		if (*v == ',')
			v++;
	}
}

static int set_list(void *field, const struct config_option *o, const char *v,
		    struct err *e)
{
	struct config_list l = {NULL, 0};

	split_list(v, &l);
	if ((double)l.n < o->min) {
		list_clear(&l);
		return rejected(o, v, e);
	}
	list_clear(field);
	*(struct config_list *)field = l;
	return 0;
}

static bool is_domain(const char *d)
{
	size_t n = strlen(d);

	if (n == 0 || n > 253 || d[0] == '.' || d[n - 1] == '.' ||
	    strstr(d, ".."))
		return false;
	for (; *d; d++)
		if (!isalnum((unsigned char)*d) && !strchr(".-_", *d))
			return false;
	return true;
}

static int set_domains(void *field, const struct config_option *o,
		       const char *v, struct err *e)
{
	struct config_list l = {NULL, 0};

	split_list(v, &l);
	for (size_t i = 0; i < l.n; i++) {
		if (!is_domain(l.v[i])) {
			rejected(o, l.v[i], e);
			list_clear(&l);
			return -1;
		}
		for (char *p = l.v[i]; *p; p++)
			*p = (char)tolower((unsigned char)*p);
	}
	list_clear(field);
	*(struct config_list *)field = l;
	return 0;
}

static bool is_address(const char *a)
{
	const char *at = strrchr(a, '@');

	if (!at || at == a || !at[1] || !is_domain(at + 1))
		return false;
	for (; a < at; a++)
		if ((unsigned char)*a <= ' ' || strchr("<>,;\"", *a))
			return false;
	return true;
}

static int set_address(void *field, const struct config_option *o,
		       const char *v, struct err *e)
{
	if (v[0] && !is_address(v))
		return rejected(o, v, e);
	replace_string(field, v[0] ? xstrdup(v) : NULL);
	return 0;
}

static int set_cidrs(void *field, const struct config_option *o, const char *v,
		     struct err *e)
{
	struct cidr_list l = {NULL, 0};

	(void)o;
	if (cidr_list_parse(v, &l, e) < 0)
		return -1;
	cidr_list_free(field);
	*(struct cidr_list *)field = l;
	return 0;
}

static void clear_cidrs(void *field)
{
	cidr_list_free(field);
}

static int sha1_given(const struct config_option *o, const char *v,
		      struct err *e)
{
	size_t len;

	rejected(o, v, e);
	if (!e)
		return -1;
	len = strlen(e->msg);
	snprintf(e->msg + len, sizeof e->msg - len,
		 " (that is a SHA-1 fingerprint; ask openssl for -sha256)");
	return -1;
}

static int set_fingerprint(void *field, const struct config_option *o,
			   const char *v, struct err *e)
{
	char hex[65];
	size_t n = 0;

	if (!v[0]) {
		clear_string(field);
		return 0;
	}
	for (const char *p = v; *p; p++) {
		if (*p == ':')
			continue;
		if (!isxdigit((unsigned char)*p) || n == 64)
			return rejected(o, v, e);
		hex[n++] = (char)tolower((unsigned char)*p);
	}
	if (n != 64)
		return n == 40 ? sha1_given(o, v, e) : rejected(o, v, e);
	hex[n] = '\0';
	replace_string(field, xstrdup(hex));
	return 0;
}

static const struct {
	value_setter set;
	value_clearer clear;
} type_ops[] = {
    [CONFIG_STRING] = {set_string, clear_string},
    [CONFIG_PATH] = {set_path, clear_string},
    [CONFIG_INT] = {set_int, clear_nothing},
    [CONFIG_REAL] = {set_real, clear_nothing},
    [CONFIG_BOOL] = {set_bool, clear_nothing},
    [CONFIG_ENUM] = {set_enum, clear_nothing},
    [CONFIG_LIST] = {set_list, clear_list},
    [CONFIG_DOMAINS] = {set_domains, clear_list},
    [CONFIG_ADDRESS] = {set_address, clear_string},
    [CONFIG_CIDRS] = {set_cidrs, clear_cidrs},
    [CONFIG_FINGERPRINT] = {set_fingerprint, clear_string},
};

/* ---- descriptions for messages and documentation ---- */

static void put_choices(struct buf *b, const char *const *choices)
{
	for (size_t i = 0; choices[i]; i++) {
		if (i > 0)
			buf_puts(b, choices[i + 1] ? ", " : " or ");
		buf_puts(b, choices[i]);
	}
}

char *config_option_expects(const struct config_option *o)
{
	static const char *const fixed[] = {
	    [CONFIG_BOOL] = "yes or no",
	    [CONFIG_DOMAINS] = "a comma-separated list of domains",
	    [CONFIG_ADDRESS] = "an email address",
	    [CONFIG_CIDRS] = "a comma-separated list of networks",
	    [CONFIG_FINGERPRINT] = "a SHA-256 fingerprint (64 hex digits, "
				   "colons allowed)",
	};
	struct buf b = BUF_INIT;

	if (o->type == CONFIG_STRING)
		buf_puts(&b, o->def ? "non-empty text" : "text");
	else if (o->type == CONFIG_PATH && o->choices) {
		buf_puts(&b, "one of ");
		put_choices(&b, o->choices);
		buf_puts(&b, ", or a path");
	} else if (o->type == CONFIG_PATH)
		buf_puts(&b, "a path (absolute or starting with ~)");
	else if (o->type == CONFIG_INT)
		buf_printf(&b, "a number from %.0f to %.0f", o->min, o->max);
	else if (o->type == CONFIG_REAL)
		buf_printf(&b, "a number from %g to %g", o->min, o->max);
	else if (o->type == CONFIG_ENUM) {
		buf_puts(&b, "one of ");
		put_choices(&b, o->choices);
	} else if (o->type == CONFIG_LIST)
		buf_puts(&b, o->min >= 1 ? "a non-empty comma-separated list"
					 : "a comma-separated list");
	else
		buf_puts(&b, fixed[o->type]);
	return buf_steal(&b);
}

const char *config_option_default(const struct config_option *o)
{
	if (o->def_doc)
		return o->def_doc;
	return o->def ? o->def : "none";
}

/* ---- derived values and warnings ---- */

static size_t option_index(const char *section, const char *key)
{
	size_t n;
	const struct config_option *opts = config_options(&n);

	for (size_t i = 0; i < n; i++)
		if (!strcmp(opts[i].section, section) &&
		    !strcmp(opts[i].key, key))
			return i;
	abort(); /* a name below is not in the table: a bug */
}

static bool is_explicit(const struct config *c, const char *section,
			const char *key)
{
	return c->state->explicit[option_index(section, key)];
}

static int tls_port(enum config_tls tls, int implicit, int starttls, int none)
{
	if (tls == CONFIG_TLS_IMPLICIT)
		return implicit;
	return tls == CONFIG_TLS_STARTTLS ? starttls : none;
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

static bool same_string(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static char *default_account(const struct config *c)
{
	if (!c->imap.host)
		return xstrdup("local");
	if (!c->imap.user)
		return xstrdup(c->imap.host);
	return xasprintf("%s@%s", c->imap.user, c->imap.host);
}

static void resolve_smtp(struct config *c)
{
	if (!is_explicit(c, "smtp", "port"))
		c->smtp.port = tls_port(c->smtp.tls, 465, 587, 25);
	if (!is_explicit(c, "smtp", "user"))
		replace_string(&c->smtp.user, dup_or_null(c->imap.user));
	if (!is_explicit(c, "smtp", "password_command"))
		replace_string(&c->smtp.password_command,
			       same_string(c->smtp.user, c->imap.user)
				   ? dup_or_null(c->imap.password_command)
				   : NULL);
}

/* Fills the options whose default depends on other options. */
static void resolve(struct config *c)
{
	const char *no_color = getenv("NO_COLOR");

	if (!is_explicit(c, "imap", "port"))
		c->imap.port = tls_port(c->imap.tls, 993, 143, 143);
	if (!is_explicit(c, "imap", "account"))
		replace_string(&c->imap.account, default_account(c));
	resolve_smtp(c);
	if (c->ui.color == CONFIG_COLOR_AUTO && no_color && no_color[0])
		c->ui.color = CONFIG_COLOR_NEVER;
}

static void warn(struct config *c, char *msg)
{
	for (size_t i = 0; i < c->warnings.n; i++) {
		if (strcmp(c->warnings.v[i], msg) == 0) {
			free(msg);
			return;
		}
	}
	list_push(&c->warnings, msg);
}

static bool is_loopback(const char *host)
{
	struct ip_addr a;

	if (strcasecmp(host, "localhost") == 0)
		return true;
	return ip_parse(host, strlen(host), &a) == 0 &&
	       ip_classify(&a) == IP_CLASS_LOOPBACK;
}

static void warn_cleartext(struct config *c, const char *section,
			   const char *host, enum config_tls tls)
{
	if (host && tls == CONFIG_TLS_NONE && !is_loopback(host))
		warn(c, xasprintf("config: [%s] tls = none sends your "
				  "password to %s unencrypted",
				  section, host));
}

static void warn_permissions(struct config *c, const char *display, mode_t mode)
{
	if (mode & (S_IWGRP | S_IWOTH))
		warn(c, xasprintf("config: %s is writable by other users, "
				  "who could change password_command "
				  "(chmod 600 it)",
				  display));
	else if (mode & (S_IRGRP | S_IROTH))
		warn(c, xasprintf("config: %s is readable by other users "
				  "(chmod 600 it)",
				  display));
}

/* ---- new, free ---- */

struct config *config_new(void)
{
	struct config *c = xcalloc(1, sizeof *c);
	size_t n;
	const struct config_option *opts = config_options(&n);
	struct err e;

	c->state = xcalloc(1, sizeof *c->state);
	c->state->line = xcalloc(n, sizeof *c->state->line);
	c->state->explicit = xcalloc(n, sizeof *c->state->explicit);
	for (size_t i = 0; i < n; i++) {
		if (!opts[i].def)
			continue;
		/* A default that does not parse is a bug the tests catch. */
		if (type_ops[opts[i].type].set(field_of(c, &opts[i]), &opts[i],
					       opts[i].def, &e) < 0)
			abort();
	}
	resolve(c);
	return c;
}

void config_free(struct config *c)
{
	size_t n;
	const struct config_option *opts = config_options(&n);

	if (!c)
		return;
	for (size_t i = 0; i < n; i++)
		type_ops[opts[i].type].clear(field_of(c, &opts[i]));
	list_clear(&c->warnings);
	free(c->state->line);
	free(c->state->explicit);
	free(c->state);
	free(c);
}

/* ---- the file's syntax ---- */

/* Case-insensitive optimal string alignment distance (a swap of two
 * neighbours counts one), for "did you mean". Names are short. */
static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t d[33][33];

	if (la > 32 || lb > 32)
		return (size_t)-1;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t cost = tolower((unsigned char)a[i - 1]) !=
				      tolower((unsigned char)b[j - 1]);
			size_t best = d[i - 1][j - 1] + cost;

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

static bool close_enough(const char *typed, const char *known)
{
	size_t len = strlen(typed);
	size_t limit = len > 6 ? 2 : 1;

	return edit_distance(typed, known) <= limit;
}

static const char *find_section(const struct parser *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcasecmp(p->opts[i].section, name) == 0)
			return p->opts[i].section;
	return NULL;
}

static const struct config_option *
find_option(const struct parser *p, const char *section, const char *key)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->opts[i].section, section) &&
		    !strcasecmp(p->opts[i].key, key))
			return &p->opts[i];
	return NULL;
}

static int unknown_section(const struct parser *p, const char *name,
			   struct err *e)
{
	struct buf known = BUF_INIT;
	const char *prev = NULL;
	int rc;

	for (size_t i = 0; i < p->n; i++) {
		const char *s = p->opts[i].section;

		if (prev && !strcmp(prev, s))
			continue;
		if (close_enough(name, s)) {
			buf_free(&known);
			return err_set(e,
				       "unknown section [%s] (did you mean "
				       "[%s]?)",
				       name, s);
		}
		buf_printf(&known, "%s[%s]", prev ? ", " : "", s);
		prev = s;
	}
	rc = err_set(e, "unknown section [%s] (the sections are %s)", name,
		     buf_cstr(&known));
	buf_free(&known);
	return rc;
}

/* "[imap] or [smtp]": the sections that have this key. */
static void sections_with_key(const struct parser *p, const char *key,
			      struct buf *out)
{
	size_t found = 0;

	for (size_t i = 0; i < p->n; i++) {
		if (strcasecmp(p->opts[i].key, key) != 0)
			continue;
		buf_printf(out, "%s[%s]", found ? " or " : "",
			   p->opts[i].section);
		found++;
	}
}

/* Keys that were once documented and are read no more: a config that still
 * sets one loads, with a warning that says why, instead of failing. */
static const struct retired_key {
	const char *section, *key, *why;
} retired_keys[] = {
    {"ui", "confirm", "every send and unsubscribe asks once"},
};

static const struct retired_key *find_retired(const char *section,
					      const char *key)
{
	for (size_t i = 0; i < sizeof retired_keys / sizeof *retired_keys; i++)
		if (!strcasecmp(retired_keys[i].section, section) &&
		    !strcasecmp(retired_keys[i].key, key))
			return &retired_keys[i];
	return NULL;
}

static int unknown_key(const struct parser *p, const char *key, struct err *e)
{
	struct buf where = BUF_INIT;
	int rc;

	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->opts[i].section, p->section) &&
		    close_enough(key, p->opts[i].key))
			return err_set(e,
				       "unknown key '%s' in [%s] (did you "
				       "mean '%s'?)",
				       key, p->section, p->opts[i].key);
	sections_with_key(p, key, &where);
	if (where.len)
		rc = err_set(e, "unknown key '%s' in [%s] (it belongs in %s)",
			     key, p->section, buf_cstr(&where));
	else
		rc = err_set(e,
			     "unknown key '%s' in [%s] (see "
			     "abusedesk.conf(5) for the options)",
			     key, p->section);
	buf_free(&where);
	return rc;
}

static int outside_section(const struct parser *p, const char *key,
			   struct err *e)
{
	struct buf where = BUF_INIT;
	int rc;

	sections_with_key(p, key, &where);
	if (where.len)
		rc = err_set(e, "'%s' is outside any section (put it under %s)",
			     key, buf_cstr(&where));
	else
		rc = err_set(e,
			     "'%s' is outside any section (start with a "
			     "section line such as [imap])",
			     key);
	buf_free(&where);
	return rc;
}

static bool is_password_key(const char *key)
{
	static const char *const names[] = {"password", "pass", "passwd",
					    "secret", NULL};

	return find_choice(names, key) != NULL;
}

static int password_refused(const struct parser *p, struct err *e)
{
	bool smtp = p->section && !strcmp(p->section, "smtp");

	return err_set(e,
		       "passwords do not belong in the config file: set "
		       "password_command (e.g. pass show abuse/imap) or "
		       "the %s environment variable",
		       smtp ? CONFIG_SMTP_PASSWORD_ENV
			    : CONFIG_IMAP_PASSWORD_ENV);
}

static char *trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';
	return s;
}

/* After a value or a section line only a comment may follow. */
static bool only_comment(const char *s)
{
	s += strspn(s, " \t");
	return !*s || *s == '#' || *s == ';';
}

/* A double-quoted value, in place: \" and \\ are the only escapes. */
static int unquote(char *v, struct err *e)
{
	char *r = v + 1;
	char *w = v;

	for (; *r && *r != '"'; r++) {
		if (*r == '\\' && (r[1] == '"' || r[1] == '\\'))
			r++;
		*w++ = *r;
	}
	if (*r != '"')
		return err_set(e, "missing closing '\"' in the value");
	if (!only_comment(r + 1))
		return err_set(e, "unexpected text after the closing '\"' "
				  "(quote the whole value and write \\\" for "
				  "a quote inside)");
	*w = '\0';
	return 0;
}

/* An unquoted value ends where " #" starts a comment. */
static void cut_comment(char *v)
{
	for (char *p = v; *p; p++) {
		if (*p == '#' && (p == v || p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			break;
		}
	}
	trim(v);
}

static int parse_section(struct parser *p, char *line, struct err *e)
{
	char *close = strchr(line, ']');
	char *name;

	if (!close)
		return err_set(e, "expected ']' to end the section line");
	*close = '\0';
	name = trim(line + 1);
	if (!only_comment(close + 1))
		return err_set(e, "unexpected text after [%s]", name);
	if (!name[0])
		return err_set(e, "empty section name");
	p->section = find_section(p, name);
	return p->section ? 0 : unknown_section(p, name, e);
}

static int assign(struct parser *p, const struct config_option *o,
		  const char *v, struct err *e)
{
	size_t i = (size_t)(o - p->opts);
	struct config_state *st = p->c->state;

	if (st->line[i])
		return err_set(e,
			       "'%s' is already set in [%s] on line %d "
			       "(keep one of the two)",
			       o->key, o->section, st->line[i]);
	if (type_ops[o->type].set(field_of(p->c, o), o, v, e) < 0)
		return err_prefix(e, "%s", o->key);
	st->line[i] = p->lineno;
	st->explicit[i] = true;
	return 0;
}

static int parse_assignment(struct parser *p, char *line, struct err *e)
{
	char *eq = strchr(line, '=');
	const struct config_option *o;
	const struct retired_key *retired;
	char *key;
	char *v;

	if (!eq)
		return err_set(e, "expected 'key = value', got '%.*s'",
			       SHOWN_MAX, line);
	*eq = '\0';
	key = trim(line);
	v = trim(eq + 1);
	if (!key[0])
		return err_set(e, "expected a key before '='");
	if (is_password_key(key))
		return password_refused(p, e);
	if (!p->section)
		return outside_section(p, key, e);
	o = find_option(p, p->section, key);
	if (!o && (retired = find_retired(p->section, key))) {
		warn(p->c, xasprintf("config: %s:%d: [%s] %s is no longer "
				     "read (%s); remove it",
				     p->display, p->lineno, p->section, key,
				     retired->why));
		return 0;
	}
	if (!o)
		return unknown_key(p, key, e);
	if (v[0] == '"') {
		if (unquote(v, e) < 0)
			return err_prefix(e, "%s", o->key);
	} else
		cut_comment(v);
	return assign(p, o, v, e);
}

static int parse_line(struct parser *p, char *line, struct err *e)
{
	size_t len = strlen(line);

	if (len && line[len - 1] == '\n')
		line[--len] = '\0';
	if (len && line[len - 1] == '\r')
		line[--len] = '\0';
	if (p->lineno == 1 && !strncmp(line, "\xef\xbb\xbf", 3))
		line += 3; /* a byte order mark some editors write */
	line += strspn(line, " \t");
	if (!*line || *line == '#' || *line == ';')
		return 0;
	if (*line == '[')
		return parse_section(p, line, e);
	return parse_assignment(p, line, e);
}

static int parse_file(struct parser *p, FILE *f, struct err *e)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	while (rc == 0 && (len = getline(&line, &cap, f)) >= 0) {
		p->lineno++;
		if (strlen(line) != (size_t)len)
			rc = err_set(e, "a NUL byte: this is not a text file");
		else
			rc = parse_line(p, line, e);
		if (rc < 0)
			err_prefix(e, "%s:%d", p->display, p->lineno);
	}
	if (rc == 0 && ferror(f))
		rc = err_set(e, "%s: cannot read: %s", p->display,
			     strerror(errno));
	free(line);
	return rc;
}

/* ---- loading ---- */

static int open_config(const char *path, const char *display, FILE **f,
		       struct stat *st, struct err *e)
{
	*f = fopen(path, "re");
	if (!*f)
		return err_set(e, "cannot open %s: %s", display,
			       strerror(errno));
	if (fstat(fileno(*f), st) == 0 && S_ISREG(st->st_mode))
		return 0;
	fclose(*f);
	*f = NULL;
	return err_set(e, "%s is not a regular file", display);
}

static int load_file(struct config *c, const char *path, struct err *e)
{
	size_t n;
	struct parser p = {c, config_options(&n), 0, NULL, NULL, 0};
	char *display = paths_abbrev_home(path);
	struct stat st;
	FILE *f;
	int rc;

	p.n = n;
	p.display = display;
	rc = open_config(path, display, &f, &st, e);
	if (rc == 0) {
		warn_permissions(c, display, st.st_mode);
		memset(c->state->line, 0, n * sizeof *c->state->line);
		rc = parse_file(&p, f, e);
		fclose(f);
	}
	free(display);
	return rc;
}

int config_load(struct config *c, const char *path, bool must_exist,
		struct err *e)
{
	char *def = path ? NULL : paths_config_file();
	const char *file = path ? path : def;
	struct stat st;
	int rc = 0;

	if (!file && must_exist)
		return err_set(e, "no config file: HOME is not set");
	if (file && (must_exist || stat(file, &st) == 0 || errno != ENOENT))
		rc = load_file(c, file, e);
	free(def);
	resolve(c);
	warn_cleartext(c, "imap", c->imap.host, c->imap.tls);
	if (!c->smtp.sendmail)
		warn_cleartext(c, "smtp", c->smtp.host, c->smtp.tls);
	return rc;
}
