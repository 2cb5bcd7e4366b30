/* seal.c: the note beside the cache (ACCOUNT.db.sealed) that spares a
 * write open the quick_check. A connection that found the file sound
 * writes, when it closes, what the file then is (device, inode, size,
 * modification and change times); a later open whose file is still
 * exactly that was written by nobody since, and is the file that was
 * found sound. The check reads every page (seconds on a million reports),
 * so it runs only when the file changed outside a sound session: a crash,
 * a copy, another tool, bytes written over it. `abusedesk check` reads
 * the whole file whatever the seal says. */
#include "store_priv.h"
#include "core/xalloc.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SEAL_FORMAT "abusedesk seal 1"

static char *seal_path(const char *db)
{
	return xasprintf("%s.sealed", db);
}

/* The one line a seal holds for the file as it is now; false when the
 * file cannot be looked at. */
static bool seal_line(const char *db, char *line, size_t size)
{
	struct stat sb;

	if (stat(db, &sb) < 0 || !S_ISREG(sb.st_mode))
		return false;
	snprintf(line, size,
		 SEAL_FORMAT " %" PRIuMAX " %" PRIuMAX " %" PRIdMAX " %" PRIdMAX
			     ".%09ld %" PRIdMAX ".%09ld\n",
		 (uintmax_t)sb.st_dev, (uintmax_t)sb.st_ino,
		 (intmax_t)sb.st_size, (intmax_t)sb.st_mtim.tv_sec,
		 sb.st_mtim.tv_nsec, (intmax_t)sb.st_ctim.tv_sec,
		 sb.st_ctim.tv_nsec);
	return true;
}

bool store_seal_holds(const char *db)
{
	char *path = seal_path(db), want[256], got[256] = "";
	FILE *f = fopen(path, "re");
	bool same = false;

	if (f && fgets(got, sizeof got, f))
		same =
		    seal_line(db, want, sizeof want) && strcmp(got, want) == 0;
	if (f)
		fclose(f);
	free(path);
	return same;
}

/* Written aside and renamed, so that a reader sees a whole seal or none;
 * a seal that cannot be written only costs the next open its check. */
void store_seal_write(const char *db)
{
	char *path = seal_path(db), *tmp = xasprintf("%s.XXXXXX", path);
	char line[256];
	int fd = mkostemp(tmp, O_CLOEXEC);
	bool ok = fd >= 0 && seal_line(db, line, sizeof line);

	if (ok)
		ok = write(fd, line, strlen(line)) == (ssize_t)strlen(line);
	if (fd >= 0 && close(fd) < 0)
		ok = false;
	if (fd >= 0 && (!ok || rename(tmp, path) < 0))
		unlink(tmp);
	free(tmp);
	free(path);
}

void store_seal_break(const char *db)
{
	char *path = seal_path(db);

	unlink(path);
	free(path);
}
