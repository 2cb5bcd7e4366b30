/* outbox_claim.c: who holds an outbox row marked 'sending'. Each
 * connection names itself (this boot, its pid, a random part) when it
 * claims a row; another flusher takes a 'sending' row over only when its
 * holder is gone: a process of this boot that no longer runs (a crash,
 * a kill: at once), or a lease that ran out (a holder on another
 * machine, a pid used again). */
#include "store_priv.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* The kernel's id of this boot: a pid means something only within it. */
static void boot_id(char *out, size_t size)
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");

	out[0] = '\0';
	if (!f)
		return;
	if (fgets(out, (int)size, f))
		out[strcspn(out, "\n/")] = '\0';
	fclose(f);
}

static void random_hex(char *out, size_t n_bytes)
{
	unsigned char b[16];
	uint64_t t = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);

	if (n_bytes > sizeof b)
		n_bytes = sizeof b;
	/* Without entropy the time and pid still set connections apart. */
	if (getrandom(b, n_bytes, GRND_NONBLOCK) != (ssize_t)n_bytes)
		for (size_t i = 0; i < n_bytes; i++)
			b[i] = (unsigned char)(t >> (8 * (i % 8)) ^ i);
	for (size_t i = 0; i < n_bytes; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

/* A claim "BOOT/PID/RANDOM" whose process is known to be gone: same
 * boot, and no such pid. Anything else may still be alive. */
static bool holder_gone(const char *claim, const char *boot)
{
	size_t n = strlen(boot);
	char *end;
	long pid;

	if (!claim || !n || strncmp(claim, boot, n) != 0 || claim[n] != '/')
		return false;
	pid = strtol(claim + n + 1, &end, 10);
	if (pid <= 0 || *end != '/')
		return false;
	return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

static void claim_gone_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const struct store *s = sqlite3_user_data(ctx);
	char boot[sizeof s->claim];

	(void)argc;
	snprintf(boot, sizeof boot, "%.*s", (int)strcspn(s->claim, "/"),
		 s->claim);
	sqlite3_result_int(
	    ctx, holder_gone((const char *)sqlite3_value_text(argv[0]), boot));
}

int store_claim_register(struct store *s)
{
	char boot[48], rnd[17];

	boot_id(boot, sizeof boot);
	random_hex(rnd, 8);
	snprintf(s->claim, sizeof s->claim, "%s/%ld/%s", boot, (long)getpid(),
		 rnd);
	/* Not deterministic: a process ends between two calls. */
	return sqlite3_create_function_v2(s->db, "outbox_claim_gone", 1,
					  SQLITE_UTF8, s, claim_gone_fn, NULL,
					  NULL, NULL);
}
