/* crashguard.c: fault handlers on an alternate stack, the per-thread tag
 * of the input being read, and the note file the next run reads. */
#include "core/crashguard.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MAX_HOOKS = 4 };

static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
static char note_path[4096];
static void (*hooks[MAX_HOOKS])(int);
static volatile sig_atomic_t n_hooks;
static bool installed;
static _Thread_local char thread_tag[CRASHGUARD_TAG_MAX];
static _Thread_local void *thread_stack;

static void write_note(int sig)
{
	char line[CRASHGUARD_TAG_MAX + 16];
	size_t n = 0;
	int fd;

	if (!note_path[0] || !thread_tag[0])
		return;
	for (const char *t = thread_tag; *t && n < CRASHGUARD_TAG_MAX; t++)
		line[n++] = *t;
	line[n++] = '\t';
	line[n++] = (char)('0' + sig / 10 % 10);
	line[n++] = (char)('0' + sig % 10);
	line[n++] = '\n';
	fd = open(note_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	if (fd < 0)
		return;
	if (write(fd, line, n) < 0) {
		/* nothing more can be done from here */
	}
	close(fd);
}

static void on_fatal(int sig)
{
	write_note(sig);
	for (sig_atomic_t i = 0; i < n_hooks; i++)
		hooks[i](sig);
	/* Die by the same signal: it is blocked while this runs, and goes off
	 * with its default action when the handler returns. */
	signal(sig, SIG_DFL);
	raise(sig);
}

void crashguard_thread_init(void)
{
	stack_t ss = {0};

	if (thread_stack)
		return;
	ss.ss_size = (size_t)SIGSTKSZ * 4;
	thread_stack = xmalloc(ss.ss_size);
	ss.ss_sp = thread_stack;
	if (sigaltstack(&ss, NULL) < 0) {
		free(thread_stack);
		thread_stack = NULL;
	}
}

void crashguard_thread_done(void)
{
	stack_t ss = {.ss_flags = SS_DISABLE};

	if (!thread_stack)
		return;
	sigaltstack(&ss, NULL);
	free(thread_stack);
	thread_stack = NULL;
}

int crashguard_install(const char *path, struct err *e)
{
	struct sigaction sa = {.sa_handler = on_fatal,
			       .sa_flags = SA_ONSTACK | SA_RESETHAND};

	if (path && strlen(path) >= sizeof note_path)
		return err_set(e, "%s: path too long for the crash note", path);
	if (path)
		snprintf(note_path, sizeof note_path, "%s", path);
	crashguard_thread_init();
	if (installed)
		return 0;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof fatal_signals / sizeof *fatal_signals;
	     i++)
		if (sigaction(fatal_signals[i], &sa, NULL) < 0)
			return err_set(e, "cannot install a signal handler: %s",
				       strerror(errno));
	installed = true;
	return 0;
}

void crashguard_enter(const char *tag)
{
	snprintf(thread_tag, sizeof thread_tag, "%s", tag ? tag : "");
}

void crashguard_leave(void)
{
	thread_tag[0] = '\0';
}

void crashguard_on_fatal(void (*fn)(int sig))
{
	for (sig_atomic_t i = 0; i < n_hooks; i++)
		if (hooks[i] == fn)
			return;
	if (n_hooks < MAX_HOOKS) {
		hooks[n_hooks] = fn;
		n_hooks = n_hooks + 1;
	}
}

int crashguard_take_notes(const char *path, char ***tags, struct err *e)
{
	FILE *f = fopen(path, "re");
	char line[CRASHGUARD_TAG_MAX + 16];
	size_t n = 0;

	*tags = xcalloc(1, sizeof **tags);
	if (!f)
		return errno == ENOENT
			   ? 0
			   : err_set(e, "%s: %s", path, strerror(errno));
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\t\n")] = '\0';
		if (!line[0])
			continue;
		*tags = xreallocarray(*tags, n + 2, sizeof **tags);
		(*tags)[n++] = xstrdup(line);
		(*tags)[n] = NULL;
	}
	fclose(f);
	unlink(path);
	return (int)n;
}

void crashguard_tags_free(char **tags)
{
	if (!tags)
		return;
	for (char **t = tags; *t; t++)
		free(*t);
	free(tags);
}
