/* firstrun.c: what the groups screen says instead of an empty list when
 * the cache holds no mail at all — how to import mail, where the
 * configuration goes with a minimal account in it, and the demo — so
 * that a first start teaches the next step. */
#include "ui_priv.h"
#include "core/paths.h"
#include "core/xalloc.h"

#include <stdlib.h>

void firstrun_draw(struct ui *ui, int y, int rows, int cols)
{
	char *path = ui->opts->config_path ? xstrdup(ui->opts->config_path)
					   : paths_config_file();
	char *shown = path ? paths_abbrev_home(path) : NULL;
	/* A path from the command line: shown as safely as mail. */
	char *safe = ui_safe(shown ? shown : "the configuration file");
	char *where = xasprintf("      %s", safe);
	const char *const lines[] = {
	    "The cache is empty: there is no mail to triage yet.",
	    "",
	    "  Import the mail you have (Maildir, mbox or .eml files):",
	    "      abusedesk import ~/Mail/abuse",
	    "  Or read an IMAP mailbox: write its account into",
	    where,
	    "  for example",
	    "      [imap]",
	    "      host = imap.example.net",
	    "      user = abuse@example.net",
	    "      password_command = pass show abuse-imap",
	    "      [networks]",
	    "      own = 192.0.2.0/24, 2001:db8::/32",
	    "  and start abusedesk again: it syncs in the background.",
	    "  To look around first, on sample mail:  abusedesk --demo",
	};

	for (size_t i = 0; i < sizeof lines / sizeof lines[0] && (int)i < rows;
	     i++)
		ui_put(y + (int)i, 1, lines[i], cols - 2,
		       i == 0 ? UI_NORMAL : UI_DIM);
	free(where);
	free(safe);
	free(shown);
	free(path);
}
