/* cmd_tui.c: `abusedesk` with no command, and `abusedesk --demo` — the
 * triage screen on the cache. Sync is not built yet, so the UI gets no
 * worker and says why in its status bar. */
#include "cli.h"
#include "core/config.h"
#include "store/store.h"
#include "ui/ui.h"

#include <unistd.h>

static const char *offline_reason(struct cli *c, const struct config *cfg)
{
	if (c->demo)
		return "demo, offline";
	if (c->offline)
		return "offline";
	if (!cfg->imap.host)
		return "no account configured";
	return "offline: sync is not available yet";
}

int cmd_tui(struct cli *c)
{
	struct config *cfg = cli_config(c);
	struct ui_opts opts = {0};
	struct err e = {{0}};
	struct store *s;
	int rc;

	if (!cfg)
		return EXIT_RUNTIME;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error("the triage screen needs a terminal; for scripts, "
			  "use 'abusedesk list'");
		return EXIT_USAGE;
	}
	s = cli_open_store(c);
	if (!s)
		return EXIT_RUNTIME;
	opts.account = c->demo ? "demo" : cfg->imap.account;
	opts.offline_reason = offline_reason(c, cfg);
	opts.exit_after_first_frame = c->exit_after_first_frame;
	opts.replay = c->replay;
	rc = ui_run(s, cfg, &opts, &e);
	store_close(s);
	if (rc < 0) {
		cli_error("%s", e.msg);
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}
