/* attach.c: the report's attachments, as mutt's attach menu — a list of
 * name, type and size over the pager; v views one as text (decoded and
 * terminal-safe; a binary one as a notice and a hex dump, never raw), s
 * saves it, | pipes it to the user's command. The content comes decoded
 * from the store, by the same path as the pager's body. */
#include "ui_priv.h"
#include "ui/actions.h"
#include "core/password.h"
#include "core/termsafe.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/* A binary attachment's view shows at most this much of it, in hex. */
enum { HEX_MAX = 4096, HEX_ROW = 16 };

struct attach_list {
	struct analysis_attachment *a;
	size_t n;
};

struct attach_view {
	const struct analysis_attachment
	    *a;	      /* the list's, below on the stack */
	char **lines; /* terminal-safe */
	size_t n_lines;
	char **rows; /* laid out for width */
	size_t n_rows;
	int width;
};

static const struct screen_ops list_ops, view_ops;

static const char *name_of(const struct analysis_attachment *a)
{
	return a->name && *a->name ? a->name : "(unnamed)";
}

/* "1.2 KB" */
static void human_size(size_t n, char *out, size_t sz)
{
	if (n < 1024)
		snprintf(out, sz, "%zu B", n);
	else if (n < 1024 * 1024)
		snprintf(out, sz, "%.1f KB", (double)n / 1024);
	else
		snprintf(out, sz, "%.1f MB", (double)n / (1024 * 1024));
}

/* ---- the list ---- */

static void list_line(const struct analysis_attachment *a, size_t i, int cols,
		      struct buf *b)
{
	char size[32], *name = ui_safe(name_of(a)), *type = ui_safe(a->type);
	int wide = cols - 4 - 1 - 28 - 1 - 10;

	human_size(a->len, size, sizeof size);
	buf_printf(b, "%3zu ", i + 1);
	layout_fit(b, name, (size_t)(wide > 8 ? wide : 8), true);
	buf_putc(b, ' ');
	layout_fit(b, type, 28, true);
	buf_printf(b, " %10s", size);
	free(name);
	free(type);
}

static void list_draw(struct ui *ui, struct screen *sc, int y, int rows,
		      int cols)
{
	struct attach_list *l = sc->data;
	struct buf b = BUF_INIT;

	(void)ui;
	screen_follow(sc, rows);
	for (int r = 0; r < rows && sc->top + (size_t)r < l->n; r++) {
		size_t i = sc->top + (size_t)r;
		buf_reset(&b);
		list_line(&l->a[i], i, cols, &b);
		ui_put(y + r, 0, buf_cstr(&b), cols,
		       i == sc->cursor ? UI_SELECTED : UI_NORMAL);
	}
	buf_free(&b);
}

static void list_free(struct screen *sc)
{
	struct attach_list *l = sc->data;

	analysis_attachments_free(l->a, l->n);
	free(l);
}

static void action_key(struct ui *ui, const char *action, char *out, size_t n)
{
	int k = keymap_key_for(ui->km, UI_CTX_PAGER, ui_action_find(action));

	if (k < 0)
		snprintf(out, n, "?");
	else
		keymap_key_name(k, out, n);
}

static void list_title(struct ui *ui, struct screen *sc, struct buf *b)
{
	struct attach_list *l = sc->data;
	char v[32], s[32], p[32];

	action_key(ui, "attachments", v, sizeof v);
	action_key(ui, "save-attachment", s, sizeof s);
	action_key(ui, "pipe-attachment", p, sizeof p);
	buf_printf(b, "Attachments: %zu    %s:view  %s:save  %s:pipe", l->n, v,
		   s, p);
}

static const struct screen_ops list_ops = {list_draw, NULL, list_free,
					   list_title};

void attach_open(struct ui *ui, int64_t message_id)
{
	struct attach_list *l = xcalloc(1, sizeof *l);
	struct screen *sc;
	struct err e = {{0}};

	if (store_message_attachments(ui->store, message_id, &l->a, &l->n, &e) <
		0 ||
	    !l->n) {
		if (l->n == 0 && !e.msg[0])
			ui_message(ui, "this report has no attachments");
		else
			ui_error(ui, "%s", e.msg);
		list_free(&(struct screen){.data = l});
		return;
	}
	sc = xcalloc(1, sizeof *sc);
	sc->ctx = UI_CTX_PAGER;
	sc->ops = &list_ops;
	sc->n = l->n;
	sc->data = l;
	ui_push(ui, sc);
}

/* ---- the view ---- */

static void add_line(struct attach_view *v, char *line)
{
	v->lines = xreallocarray(v->lines, v->n_lines + 1, sizeof *v->lines);
	v->lines[v->n_lines++] = line;
}

static void add_text(struct attach_view *v, const char *safe)
{
	for (const char *s = safe; *s;) {
		size_t n = strcspn(s, "\n");
		add_line(v, xstrndup(s, n));
		s += n + (s[n] == '\n');
	}
}

/* "00000010  00 1b 5b 32 ...  |..[2|": the ASCII column shows printable
 * ASCII only. */
static void hex_row(const unsigned char *p, size_t n, size_t off, struct buf *b)
{
	buf_printf(b, "%08zx ", off);
	for (size_t i = 0; i < HEX_ROW; i++) {
		if (i % 8 == 0)
			buf_putc(b, ' ');
		if (i < n)
			buf_printf(b, "%02x ", p[i]);
		else
			buf_puts(b, "   ");
	}
	buf_puts(b, " |");
	for (size_t i = 0; i < n; i++)
		buf_putc(b, p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.');
	buf_putc(b, '|');
}

static void add_hex(struct attach_view *v, const struct analysis_attachment *a)
{
	size_t max = a->len < HEX_MAX ? a->len : HEX_MAX;

	for (size_t off = 0; off < max; off += HEX_ROW) {
		struct buf b = BUF_INIT;
		size_t n = max - off < HEX_ROW ? max - off : HEX_ROW;
		hex_row((const unsigned char *)a->bytes + off, n, off, &b);
		add_line(v, buf_steal(&b));
		buf_free(&b);
	}
	if (max < a->len)
		add_line(v,
			 xasprintf("(%zu more bytes not shown)", a->len - max));
}

static void fill_view(struct attach_view *v,
		      const struct analysis_attachment *a)
{
	char *safe;

	if (a->text) {
		safe = termsafe_cstr(a->text, TERMSAFE_KEEP_NEWLINES);
		add_text(v, safe);
		free(safe);
		if (!v->n_lines)
			add_line(v, xstrdup("(empty)"));
		return;
	}
	safe = ui_safe(a->type);
	add_line(v, xasprintf("A binary attachment (%s, %zu bytes): not shown "
			      "as text. Save it or pipe it to a program.",
			      safe, a->len));
	free(safe);
	add_line(v, xstrdup(""));
	add_hex(v, a);
}

static void free_rows(struct attach_view *v)
{
	for (size_t i = 0; i < v->n_rows; i++)
		free(v->rows[i]);
	free(v->rows);
	v->rows = NULL;
	v->n_rows = 0;
}

static void lay_out(struct attach_view *v, size_t cols)
{
	size_t starts[1024];

	free_rows(v);
	for (size_t i = 0; i < v->n_lines; i++) {
		const char *s = v->lines[i];
		size_t len = strlen(s),
		       k = layout_wrap(s, len, cols, starts, 1024);
		for (size_t j = 0; j < k; j++) {
			size_t end = j + 1 < k ? starts[j + 1] : len;
			v->rows = xreallocarray(v->rows, v->n_rows + 1,
						sizeof *v->rows);
			v->rows[v->n_rows++] =
			    xstrndup(s + starts[j], end - starts[j]);
		}
	}
}

static void view_draw(struct ui *ui, struct screen *sc, int y, int rows,
		      int cols)
{
	struct attach_view *v = sc->data;

	(void)ui;
	if (v->width != cols) {
		lay_out(v, (size_t)cols - 1);
		v->width = cols;
		sc->n = v->n_rows;
		sc->cursor = 0;
	}
	sc->page = rows;
	screen_move(sc, 0);
	sc->top = sc->cursor;
	for (int r = 0; r < rows && sc->top + (size_t)r < v->n_rows; r++)
		ui_put(y + r, 0, v->rows[sc->top + (size_t)r], cols - 1,
		       UI_NORMAL);
}

static void view_free(struct screen *sc)
{
	struct attach_view *v = sc->data;

	free_rows(v);
	for (size_t i = 0; i < v->n_lines; i++)
		free(v->lines[i]);
	free(v->lines);
	free(v);
}

static void view_title(struct ui *ui, struct screen *sc, struct buf *b)
{
	struct attach_view *v = sc->data;
	char *name = ui_safe(name_of(v->a)), *type = ui_safe(v->a->type);

	(void)ui;
	buf_printf(b, "Attachment %s (%s, %zu bytes)", name, type, v->a->len);
	free(name);
	free(type);
}

static const struct screen_ops view_ops = {view_draw, NULL, view_free,
					   view_title};

static void view(struct ui *ui, const struct analysis_attachment *a)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct attach_view *v = xcalloc(1, sizeof *v);

	v->a = a;
	fill_view(v, a);
	sc->ctx = UI_CTX_PAGER;
	sc->ops = &view_ops;
	sc->scroll_only = true;
	sc->data = v;
	ui_push(ui, sc);
}

/* The attachment the list or the view on top means; NULL (and a word on
 * what to do) elsewhere. */
static const struct analysis_attachment *selected(struct ui *ui)
{
	struct screen *sc = ui->top;
	char k[32];

	if (sc->ops == &view_ops)
		return ((struct attach_view *)sc->data)->a;
	if (sc->ops == &list_ops && sc->cursor < sc->n)
		return &((struct attach_list *)sc->data)->a[sc->cursor];
	action_key(ui, "attachments", k, sizeof k);
	ui_message(ui, "%s lists the report's attachments; choose one there",
		   k);
	return NULL;
}

bool attach_on_top(const struct ui *ui)
{
	return ui->top->ops == &list_ops;
}

void attach_view(struct ui *ui)
{
	const struct analysis_attachment *a = selected(ui);

	if (a)
		view(ui, a);
}

/* ---- save ---- */

/* The file name to offer: the attachment's own, without a directory and
 * without leading dots (no hidden file, no "..") and control characters;
 * "attachment" when nothing is left. */
char *attach_default_name(const char *name)
{
	const char *base = name ? name : "";
	const char *slash = strrchr(base, '/');
	char *out;

	if (slash)
		base = slash + 1;
	while (*base == '.')
		base++;
	out = xstrdup(*base ? base : "attachment");
	for (char *p = out; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f || *p == '\\')
			*p = '_';
	return out;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* A new file, or with the user's yes an existing one, made 0600; -1 with
 * errno, or -2 when the user said no. */
static int open_target(struct ui *ui, const char *path)
{
	int fd = open(
	    path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	char *q, *safe;
	int yes;

	if (fd >= 0 || errno != EEXIST)
		return fd;
	safe = ui_safe(path);
	q = xasprintf("%s exists: overwrite it? (y/n) ", safe);
	yes = ui_ask(ui, q, "yn");
	free(q);
	free(safe);
	if (yes != 0)
		return -2;
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW);
	if (fd >= 0 && fchmod(fd, 0600) < 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

static void save(struct ui *ui, const struct analysis_attachment *a,
		 const char *path)
{
	int fd = open_target(ui, path);
	char *safe = ui_safe(path);

	if (fd == -2) {
		ui_message(ui, "not saved");
	} else if (fd < 0) {
		ui_error(ui, "cannot save to %s: %s", safe, strerror(errno));
	} else if (write_all(fd, a->bytes, a->len) < 0 || close(fd) < 0) {
		ui_error(ui, "cannot write %s: %s", safe, strerror(errno));
		fd = -1;
	} else {
		ui_message(ui, "saved %zu bytes to %s", a->len, safe);
	}
	free(safe);
}

void attach_save(struct ui *ui)
{
	const struct analysis_attachment *a = selected(ui);
	char *def, *path;

	if (!a)
		return;
	def = attach_default_name(a->name);
	path = ui_prompt(ui, "Save attachment to: ", def);
	free(def);
	if (path && *path)
		save(ui, a, path);
	free(path);
}

/* ---- pipe ---- */

/* In the child: the command as the user wrote it, by /bin/sh like mutt;
 * the attachment only on its standard input. */
static void exec_command(const char *cmd, char **env, int in, int err)
{
	char *argv[] = {"sh", "-c", (char *)cmd, NULL};

	struct sigaction dfl;
	sigset_t none;

	if (dup2(in, 0) < 0 || (err >= 0 && dup2(err, 2) < 0))
		_exit(126);
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigaction(SIGPIPE, &dfl, NULL);
	sigaction(SIGINT, &dfl, NULL);
	sigaction(SIGQUIT, &dfl, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execve("/bin/sh", argv, env);
	_exit(127);
}

/* Feeds the bytes and waits; a command that stops reading early is not
 * an error of ours. Returns the wait status, or -1. */
static int run_command(const char *cmd, const char *bytes, size_t len, int err)
{
	int fds[2], status = -1;
	char **env;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	env = password_child_env(); /* before fork: it allocates */
	pid = fork();
	if (pid == 0)
		exec_command(cmd, env, fds[0], err);
	free(env);
	close(fds[0]);
	if (pid < 0) {
		close(fds[1]);
		return -1;
	}
	write_all(fds[1], bytes, len);
	close(fds[1]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

/* One key on the terminal as the shell left it, before the screen comes
 * back. */
static void wait_any_key(void)
{
	struct termios t, raw;
	char c;

	fflush(stdout);
	if (tcgetattr(STDIN_FILENO, &t) < 0)
		return;
	raw = t;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	while (read(STDIN_FILENO, &c, 1) < 0 && errno == EINTR)
		;
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
}

/* The screen gives the terminal to the command while it runs (its errors
 * too, which go to the log while the screen runs); ^C then stops the
 * command, not the screen. */
static int suspended_run(struct ui *ui, const char *cmd,
			 const struct analysis_attachment *a)
{
	struct sigaction ign, old_int, old_quit, old_pipe;
	int status;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	def_prog_mode();
	endwin();
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	sigaction(SIGPIPE, &ign, &old_pipe);
	status = run_command(cmd, a->bytes, a->len, ui->saved_stderr);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	if (status < 0)
		printf("\ncannot run the command: %s", strerror(errno));
	else if (WIFEXITED(status) && WEXITSTATUS(status))
		printf("\nthe command exited with status %d",
		       WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("\nthe command was stopped by signal %d",
		       WTERMSIG(status));
	printf("\nPress any key to return to abusedesk...");
	wait_any_key();
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	return status;
}

void attach_pipe(struct ui *ui)
{
	const struct analysis_attachment *a = selected(ui);
	char *cmd;
	int status;

	if (!a)
		return;
	cmd = ui_prompt(ui, "Pipe attachment to: ", NULL);
	if (cmd && *cmd) {
		status = suspended_run(ui, cmd, a);
		if (status >= 0 && WIFEXITED(status) && !WEXITSTATUS(status))
			ui_message(ui, "piped %zu bytes", a->len);
		else
			ui_error(ui, "the command failed");
	}
	free(cmd);
}
