/* paths.c: the config file, the data directory and the per-account database
 * file, following the XDG base directory spec, plus ~ expansion. */
#include "core/paths.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Longest account part of a database file name; leaves room for ".db" and
 * a hash within NAME_MAX (255). */
#define DB_NAME_MAX 200

static const char *home_dir(void)
{
	const char *h = getenv("HOME");
	struct passwd *pw;

	if (h && h[0] == '/')
		return h;
	pw = getpwuid(getuid());
	if (pw && pw->pw_dir && pw->pw_dir[0] == '/')
		return pw->pw_dir;
	return NULL;
}

/* $var/abusedesk when $var is absolute, else ~/fallback/abusedesk. */
static char *xdg_dir(const char *var, const char *fallback)
{
	const char *v = getenv(var);
	const char *home;

	if (v && v[0] == '/')
		return xasprintf("%s/abusedesk", v);
	home = home_dir();
	if (!home)
		return NULL;
	return xasprintf("%s/%s/abusedesk", home, fallback);
}

char *paths_config_file(void)
{
	char *dir = xdg_dir("XDG_CONFIG_HOME", ".config");
	char *file;

	if (!dir)
		return NULL;
	file = xasprintf("%s/config", dir);
	free(dir);
	return file;
}

char *paths_user_file(const char *folder, const char *name)
{
	char *dir = xdg_dir("XDG_CONFIG_HOME", ".config");
	char *file;

	if (!dir)
		return NULL;
	file = xasprintf("%s/%s/%s", dir, folder, name);
	free(dir);
	return file;
}

/* Beside the binary in a source tree (./abusedesk, build/abusedesk,
 * build/asan/abusedesk), else where make install put it. */
char *paths_bundled(const char *folder, const char *name)
{
	static const char *const up[] = {"", "../", "../../"};
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *p;

	if (n > 0) {
		exe[n] = '\0';
		const char *dir = dirname(exe);
		for (size_t i = 0; i < sizeof up / sizeof up[0]; i++) {
			p = xasprintf("%s/%s%s/%s", dir, up[i], folder, name);
			if (access(p, R_OK) == 0)
				return p;
			free(p);
		}
	}
	p = xasprintf("%s/%s/%s", ABUSEDESK_DATADIR, folder, name);
	if (access(p, R_OK) == 0)
		return p;
	free(p);
	return NULL;
}

char *paths_data_dir(void)
{
	return xdg_dir("XDG_DATA_HOME", ".local/share");
}

static int make_one_dir(const char *path, struct err *e)
{
	struct stat st;

	if (mkdir(path, 0700) == 0)
		return 0;
	if (errno != EEXIST)
		return err_set(e, "cannot create directory %s: %s", path,
			       strerror(errno));
	if (stat(path, &st) != 0)
		return err_set(e, "cannot use directory %s: %s", path,
			       strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return err_set(e, "%s is not a directory (move it away)", path);
	return 0;
}

int paths_ensure_dir(const char *dir, struct err *e)
{
	char *p;
	char *s;
	int rc = 0;

	if (!dir || !dir[0])
		return err_set(e, "cannot create a directory with no name");
	p = xstrdup(dir);
	/* Each prefix ending before a '/', then the whole path. */
	for (s = p + 1; rc == 0 && *s; s++) {
		if (*s != '/' || s[-1] == '/')
			continue;
		*s = '\0';
		rc = make_one_dir(p, e);
		*s = '/';
	}
	if (rc == 0)
		rc = make_one_dir(p, e);
	free(p);
	return rc;
}

static int is_safe_name_byte(unsigned char c, size_t pos)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return 1;
	if (c == '.')
		return pos > 0; /* no hidden files, no "." or ".." */
	return c == '@' || c == '+' || c == '-' || c == '_';
}

/* FNV-1a, to keep overlong names apart after truncation. */
static unsigned long name_hash(const char *s)
{
	unsigned long h = 2166136261UL;

	for (; *s; s++)
		h = ((h ^ (unsigned char)*s) * 16777619UL) & 0xffffffffUL;
	return h;
}

static char *safe_name(const char *account)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; account[i]; i++) {
		unsigned char c = (unsigned char)account[i];

		if (is_safe_name_byte(c, i))
			buf_putc(&b, (char)c);
		else
			buf_printf(&b, "%%%02X", c);
	}
	if (b.len == 0)
		buf_puts(&b, "%00");
	if (b.len > DB_NAME_MAX) {
		b.len = DB_NAME_MAX;
		b.data[b.len] = '\0';
		buf_printf(&b, "-%08lx", name_hash(account));
	}
	return buf_steal(&b);
}

char *paths_db_file(const char *account)
{
	char *dir = paths_data_dir();
	char *name;
	char *file;

	if (!dir)
		return NULL;
	name = safe_name(account ? account : "");
	file = xasprintf("%s/%s.db", dir, name);
	free(name);
	free(dir);
	return file;
}

static const char *user_home(const char *user, size_t len)
{
	char *name;
	struct passwd *pw;

	if (len == 0)
		return home_dir();
	name = xstrndup(user, len);
	pw = getpwnam(name);
	free(name);
	return pw && pw->pw_dir ? pw->pw_dir : NULL;
}

char *paths_expand_home(const char *p)
{
	const char *slash;
	const char *home;

	if (!p || p[0] != '~')
		return p ? xstrdup(p) : NULL;
	slash = strchr(p, '/');
	if (!slash)
		slash = p + strlen(p);
	home = user_home(p + 1, (size_t)(slash - p - 1));
	if (!home)
		return xstrdup(p);
	/* "/" as home must not turn "~/x" into "//x". */
	if (strcmp(home, "/") == 0 && *slash == '/')
		return xstrdup(slash);
	return xasprintf("%s%s", home, slash);
}

char *paths_abbrev_home(const char *p)
{
	const char *home = home_dir();
	size_t n;

	if (!p)
		return NULL;
	if (!home || strcmp(home, "/") == 0)
		return xstrdup(p);
	n = strlen(home);
	while (n > 1 && home[n - 1] == '/')
		n--;
	if (strncmp(p, home, n) == 0 && (p[n] == '/' || p[n] == '\0'))
		return xasprintf("~%s", p + n);
	return xstrdup(p);
}
