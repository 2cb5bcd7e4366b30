/* demo.c: `abusedesk --demo` — the bundled demo mailbox imported into a
 * temporary cache, with the demo's own networks and mail servers as
 * "ours", so a new user sees the program at work without any server. */
#include "cli.h"
#include "core/config.h"
#include "core/ip.h"
#include "core/xalloc.h"
#include "mail/import.h"

#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The networks the demo mailbox treats as ours (demo/README.md). */
static const char demo_networks[] =
    "192.0.2.0/24, 198.51.100.0/24, 2001:db8:100::/48";

/* Next to the binary in a source tree (./abusedesk, build/abusedesk,
 * build/asan/abusedesk), else where `make install` put it. */
static char *find_demo_mailbox(void)
{
	static const char *const rel[] = {"demo", "../demo", "../../demo"};
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);

	if (n > 0) {
		exe[n] = '\0';
		const char *dir = dirname(exe);
		for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
			char *p = xasprintf("%s/%s/demo.mbox", dir, rel[i]);
			if (access(p, R_OK) == 0)
				return p;
			free(p);
		}
	}
	if (access(ABUSEDESK_DATADIR "/demo/demo.mbox", R_OK) == 0)
		return xstrdup(ABUSEDESK_DATADIR "/demo/demo.mbox");
	return NULL;
}

/* The demo's own mail servers: their Authentication-Results are
 * believed (demo/README.md). */
static const char *const demo_authserv_ids[] = {"mx1.kestrelhost.example",
						"mx2.kestrelhost.example"};

static void use_demo_authserv_ids(struct config *cfg)
{
	struct config_list *l = &cfg->analysis.authserv_ids;
	size_t n = sizeof demo_authserv_ids / sizeof demo_authserv_ids[0];

	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = xcalloc(n, sizeof *l->v);
	for (l->n = 0; l->n < n; l->n++)
		l->v[l->n] = xstrdup(demo_authserv_ids[l->n]);
}

static int use_demo_networks(struct config *cfg)
{
	struct err e = {{0}};

	cidr_list_free(&cfg->networks.own);
	if (cidr_list_parse(demo_networks, &cfg->networks.own, &e) < 0) {
		cli_error("demo networks: %s", e.msg);
		return -1;
	}
	return 0;
}

static int import_demo(struct cli *c, const char *mbox)
{
	struct import_stats st = {0};
	struct analysis_opts opts = {0};
	struct err e = {{0}};
	struct store *s;
	int rc;

	if (cli_analysis_opts(c, &opts) < 0)
		return -1;
	s = cli_open_store(c);
	if (!s)
		return -1;
	rc = import_path(s, mbox, &opts, &st, &e);
	if (rc < 0)
		cli_error("%s", e.msg);
	import_stats_free(&st);
	store_close(s);
	return rc;
}

int demo_prepare(struct cli *c, char **tmpdir)
{
	struct config *cfg = cli_config(c);
	char *mbox = find_demo_mailbox();
	const char *tmp = getenv("TMPDIR");
	char *tmpl =
	    xasprintf("%s/abusedesk-demo.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	int rc = -1;

	*tmpdir = NULL;
	if (!mbox) {
		cli_error(
		    "the demo mailbox demo.mbox was found neither next to "
		    "the program nor in %s/demo",
		    ABUSEDESK_DATADIR);
		goto out;
	}
	if (!cfg || use_demo_networks(cfg) < 0)
		goto out;
	use_demo_authserv_ids(cfg);
	if (!mkdtemp(tmpl)) {
		cli_error("cannot create a temporary folder for the demo");
		goto out;
	}
	*tmpdir = xstrdup(tmpl);
	c->db_path = xasprintf("%s/demo.db", tmpl);
	rc = import_demo(c, mbox);
out:
	free(tmpl);
	free(mbox);
	return rc;
}

void demo_cleanup(struct cli *c, char *tmpdir)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal",
					     ".sealed"};

	if (!tmpdir)
		return;
	for (size_t i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		char *p = xasprintf("%s%s", c->db_path, suffix[i]);
		unlink(p);
		free(p);
	}
	rmdir(tmpdir);
	free((char *)c->db_path);
	c->db_path = NULL;
	free(tmpdir);
}
