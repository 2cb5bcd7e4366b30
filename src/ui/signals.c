/* signals.c: a hang-up (the SSH link dropped), TERM or an interrupt end
 * the screen the way Q does: the sync worker stops between transactions,
 * the terminal is given back and a demo's temporary cache is removed,
 * where the default action would kill the process where it stands. The
 * handler only notes the signal and writes a byte to a pipe that the main
 * loop polls with the keyboard. It stays until main() is done, so that a
 * second signal (a hang-up often comes twice) cannot cut the clean-up
 * short; main() then dies by the signal. */
#include "ui_priv.h"

#include "core/crashguard.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static const int quit_signals[] = {SIGHUP, SIGINT, SIGTERM};
enum { N_QUIT_SIGNALS = sizeof quit_signals / sizeof quit_signals[0] };

static struct sigaction saved[N_QUIT_SIGNALS];
static bool installed[N_QUIT_SIGNALS];
static volatile sig_atomic_t caught;
static int wake[2] = {-1, -1};

static void on_quit_signal(int sig)
{
	int saved_errno = errno;

	caught = sig;
	if (wake[1] >= 0 && write(wake[1], "", 1) < 0) {
		/* the pipe is full: a byte is waiting already */
	}
	errno = saved_errno;
}

void ui_signals_hold(void)
{
	struct sigaction sa = {.sa_handler = on_quit_signal};

	/* No SA_RESTART: a blocking read of a key returns at once. */
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < N_QUIT_SIGNALS; i++) {
		/* What the caller ignores (nohup) stays ignored; what is
		 * ours already keeps the action saved before it. */
		if (installed[i] ||
		    sigaction(quit_signals[i], NULL, &saved[i]) < 0 ||
		    saved[i].sa_handler == SIG_IGN)
			continue;
		installed[i] = sigaction(quit_signals[i], &sa, NULL) == 0;
	}
}

int ui_signals_install(void)
{
	if (pipe2(wake, O_CLOEXEC | O_NONBLOCK) < 0)
		wake[0] = wake[1] = -1;
	ui_signals_hold();
	return wake[0];
}

void ui_signals_remove(void)
{
	for (int i = 0; i < 2; i++) {
		int fd = wake[i];
		wake[i] = -1; /* before the close: the handler may run */
		if (fd >= 0)
			close(fd);
	}
}

int ui_quit_signal(void)
{
	return caught;
}

void ui_reraise_quit_signal(void)
{
	for (size_t i = 0; i < N_QUIT_SIGNALS; i++) {
		if (installed[i])
			sigaction(quit_signals[i], &saved[i], NULL);
		installed[i] = false;
	}
	if (caught) {
		signal(caught, SIG_DFL);
		raise(caught);
	}
}

/* ---- a crash gives the terminal back ---- */

static struct termios shell_modes;
static bool have_shell_modes;
static char restore_seq[256];
static size_t restore_len;

static void append_cap(const char *name)
{
	char *cap = tigetstr(name);
	size_t n;

	if (!cap || cap == (char *)-1)
		return;
	n = strlen(cap);
	if (restore_len + n < sizeof restore_seq) {
		memcpy(restore_seq + restore_len, cap, n);
		restore_len += n;
	}
}

/* In the fatal-signal handler: only write() and tcsetattr(). */
static void restore_terminal(int sig)
{
	(void)sig;
	if (restore_len && write(STDOUT_FILENO, restore_seq, restore_len) < 0) {
		/* the terminal is gone */
	}
	if (have_shell_modes)
		tcsetattr(STDIN_FILENO, TCSANOW, &shell_modes);
}

void ui_signals_note_shell_modes(void)
{
	have_shell_modes = tcgetattr(STDIN_FILENO, &shell_modes) == 0;
}

void ui_signals_on_crash(void)
{
	struct err e;

	restore_len = 0;
	append_cap("sgr0");
	append_cap("cnorm");
	append_cap("rmcup");
	append_cap("rmkx");
	if (crashguard_install(NULL, &e) == 0)
		crashguard_on_fatal(restore_terminal);
}
