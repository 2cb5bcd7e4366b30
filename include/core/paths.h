/* paths.h: where abusedesk keeps its files (XDG base directories).
 * XDG_CONFIG_HOME and XDG_DATA_HOME count only when they are absolute, as
 * the XDG spec says; otherwise ~/.config and ~/.local/share are used. The
 * home directory is $HOME when absolute, else the password database.
 * Every char * returned is the caller's to free(). */
#ifndef CORE_PATHS_H
#define CORE_PATHS_H

#include "core/err.h"

/* $XDG_CONFIG_HOME/abusedesk/config; NULL when no home can be found. */
char *paths_config_file(void);

/* $XDG_CONFIG_HOME/abusedesk/FOLDER/NAME, where a user's file overrides
 * a bundled one of that name; NULL when no home can be found. */
char *paths_user_file(const char *folder, const char *name);

/* A file shipped with abusedesk (FOLDER "keymaps", "templates"; NAME
 * "default.keys"): beside the binary in a source tree, else under the
 * installed data folder. NULL when there is none. */
char *paths_bundled(const char *folder, const char *name);

/* $XDG_DATA_HOME/abusedesk; NULL when no home can be found. */
char *paths_data_dir(void);

/* mkdir -p: creates the missing directories of dir with mode 0700 and
 * leaves existing ones as they are. Fails when a component is not a
 * directory. */
int paths_ensure_dir(const char *dir, struct err *e);

/* <data dir>/<account>.db, the account turned into one safe file name:
 * bytes other than letters, digits and "@+-_." (and a leading ".") become
 * %XX, so "../x" stays inside the directory and distinct accounts never
 * share a file. NULL when no home can be found. */
char *paths_db_file(const char *account);

/* "~" and "~/..." become the home directory, "~user/..." that user's;
 * anything else (or an unknown user) is returned unchanged, as a copy. */
char *paths_expand_home(const char *p);

/* The reverse, for messages: a path under the home directory is shown as
 * "~/...". Always returns a copy. */
char *paths_abbrev_home(const char *p);

#endif
