/* fuzz_config.c: libFuzzer target for the config parser. config_load()
 * reads a path, so each input is written to one private temporary file,
 * loaded into fresh defaults, then loaded once more over the values it set
 * (as --config does after the default file). */
#include "core/config.h"
#include "core/err.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[4096];
static int fd = -1;

static void remove_file(void)
{
	unlink(path);
}

/* In memory (/dev/shm) where there is one: on a disk, truncating and
 * rewriting the file for every input makes the target 20 times slower. */
static void open_file(void)
{
	const char *tmp = getenv("TMPDIR");
	const char *dirs[] = {"/dev/shm", tmp && *tmp ? tmp : "/tmp"};

	for (size_t i = 0; fd < 0 && i < sizeof dirs / sizeof *dirs; i++) {
		snprintf(path, sizeof path, "%s/abusedesk-fuzz-config.XXXXXX",
			 dirs[i]);
		fd = mkstemp(path);
	}
	if (fd < 0) {
		perror("fuzz_config: mkstemp");
		abort();
	}
	atexit(remove_file);
}

static void write_input(const uint8_t *data, size_t size)
{
	size_t off = 0;

	if (fd < 0)
		open_file();
	if (ftruncate(fd, 0) != 0) {
		perror("fuzz_config: ftruncate");
		abort();
	}
	while (off < size) {
		ssize_t w = pwrite(fd, data + off, size - off, (off_t)off);

		if (w <= 0) {
			perror("fuzz_config: pwrite");
			abort();
		}
		off += (size_t)w;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config *c = config_new();
	struct err e;

	write_input(data, size);
	if (config_load(c, path, true, &e) == 0)
		config_load(c, path, true, &e);
	config_free(c);
	return 0;
}
