/* draft.c: a mail the operator writes from a template (r, a reply; c, a
 * customer notification): the draft edited in $VISUAL/$EDITOR (the screen
 * suspended meanwhile), then a confirm screen (y send, e edit, t another
 * template, q cancel). Nothing is queued without the y; the sync worker's
 * flush sends, never this thread. */
#include "ui_priv.h"
#include "actions/reply.h"
#include "core/argv.h"
#include "core/buf.h"
#include "core/password.h"
#include "core/xalloc.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

enum { DRAFT_MAX = 1024 * 1024 };

/* ---- the editor ---- */

static char *draft_file(const struct draft_kind *k, const char *text,
			struct err *e)
{
	const char *tmp = getenv("TMPDIR");
	char *path = xasprintf("%s/abusedesk-%s-XXXXXX",
			       tmp && *tmp ? tmp : "/tmp", k->verb);
	int fd = mkstemp(path); /* mode 0600 */
	size_t n = strlen(text);

	if (fd < 0) {
		err_set(e, "cannot make a draft file in %s: %s",
			tmp && *tmp ? tmp : "/tmp", strerror(errno));
		free(path);
		return NULL;
	}
	if (write(fd, text, n) != (ssize_t)n) {
		err_set(e, "cannot write the draft: %s", strerror(errno));
		close(fd);
		unlink(path);
		free(path);
		return NULL;
	}
	close(fd);
	return path;
}

static char *read_draft(const char *path)
{
	struct buf b = BUF_INIT;

	if (buf_read_file(&b, path, DRAFT_MAX) < 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

static const char *editor_command(void)
{
	const char *v = getenv("VISUAL");

	if (!v || !*v)
		v = getenv("EDITOR");
	return v && *v ? v : "vi";
}

/* Runs the editor on path with the screen handed over to it, without
 * the password variables in its environment. */
static int run_editor(const char *path, struct err *e)
{
	char **argv = argv_split(editor_command(), e), **env;
	int status = -1;
	pid_t pid;

	if (!argv)
		return err_prefix(e, "$VISUAL/$EDITOR");
	argv = argv_append(argv, path);
	env = password_child_env(); /* before fork: it allocates */
	def_prog_mode();
	endwin();
	pid = fork();
	if (pid == 0) {
		execvpe(argv[0], argv, env);
		_exit(127);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	reset_prog_mode();
	refresh();
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		err_set(e, "the editor %s failed (exit status %d)", argv[0],
			WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	free(env);
	argv_free(argv);
	return pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) ? -1 : 0;
}

static bool blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

/* The draft edited: what the operator saved replaces it (To, Cc,
 * Subject and the body; From, Date and Message-ID stay ours). 1 edited,
 * 0 the user dropped it, -1 error. */
static int edit(struct ui *ui, const struct draft_kind *k, struct reply *r,
		struct err *e)
{
	char *before = compose_draft_text(&r->draft), *after = NULL;
	char *path = draft_file(k, before, e);
	int rc = -1;

	if (path && run_editor(path, e) == 0)
		after = read_draft(path);
	if (path)
		unlink(path);
	free(path);
	if (after) {
		compose_draft_clear(&r->draft);
		compose_draft_parse(after, &r->draft);
		rc = 1;
		if ((strcmp(before, after) == 0 || blank(r->draft.body)) &&
		    ui_ask(ui, "Abort unmodified message? (y/n) ", "yn") != 1)
			rc = 0;
	}
	free(before);
	free(after);
	return rc;
}

/* ---- the confirm screen ---- */

struct confirm {
	const struct draft_kind *k;
	const struct reply *r;
	char **names; /* the templates, listed while one is asked for */
	size_t n_names;
};

static void confirm_line(int *y, int end, const char *label, const char *text,
			 int cols, enum ui_attr a)
{
	char *safe = ui_safe(text ? text : "");
	char *line = xasprintf("%s%s", label, safe);

	if (*y < end)
		ui_put((*y)++, 0, line, cols, a);
	free(line);
	free(safe);
}

static void confirm_warning(int *y, int end, const struct confirm *c, int cols)
{
	char *label;

	if (!c->r->warning)
		return;
	label = xasprintf("Warning: nobody may read this %s: ", c->k->noun);
	confirm_line(y, end, label, c->r->warning, cols, UI_ERROR);
	free(label);
}

static void confirm_draw(struct ui *ui, struct screen *sc, int y, int rows,
			 int cols)
{
	const struct confirm *c = sc->data;
	const struct reply *r = c->r;
	const char *p = r->draft.body;
	int end = y + rows;

	(void)ui;
	for (size_t i = 0; i < c->n_names; i++)
		confirm_line(&y, end, "Template: ", c->names[i], cols,
			     UI_NORMAL);
	if (c->n_names)
		y++;
	confirm_line(&y, end, "To: ", r->draft.to, cols, UI_NORMAL);
	if (*r->draft.cc)
		confirm_line(&y, end, "Cc: ", r->draft.cc, cols, UI_NORMAL);
	confirm_line(&y, end, "Subject: ", r->draft.subject, cols, UI_NORMAL);
	confirm_warning(&y, end, c, cols);
	y++;
	while (p && *p && y < end) {
		const char *eol = strchr(p, '\n');
		char *one = xstrndup(p, eol ? (size_t)(eol - p) : strlen(p));

		confirm_line(&y, end, "", one, cols, UI_DIM);
		free(one);
		p = eol ? eol + 1 : "";
	}
}

static void confirm_title(struct ui *ui, struct screen *sc, struct buf *b)
{
	const struct confirm *c = sc->data;

	(void)ui;
	buf_printf(b, "%s %lld (template %s)", c->k->title,
		   (long long)c->r->message_id, c->r->template_name);
}

static void confirm_free(struct screen *sc)
{
	struct confirm *c = sc->data;

	reply_template_names_free(c->names, c->n_names);
	free(c);
}

static const struct screen_ops confirm_ops = {confirm_draw, NULL, confirm_free,
					      confirm_title};

/* The template name typed, with the templates listed, asked again while
 * it names none; NULL when none was given. */
static char *ask_template(struct ui *ui, struct confirm *c)
{
	char *label = xstrdup("Template: "), *name, *text = NULL;

	c->names = reply_template_names(&c->n_names);
	while ((name = ui_prompt(ui, label, "")) && *name &&
	       reply_template_load(name, &text, NULL) < 0) {
		char *safe = ui_safe(name);

		free(label);
		label = xasprintf("No template %s. Template: ", safe);
		free(safe);
		free(name);
	}
	if (name && !*name) {
		free(name);
		name = NULL;
	}
	free(text);
	free(label);
	reply_template_names_free(c->names, c->n_names);
	c->names = NULL;
	c->n_names = 0;
	return name;
}

/* What the user chose. Only y sends: every other key, Esc and ^G
 * included, leaves the draft unsent. */
enum choice { SEND, EDIT, TEMPLATE, CANCEL, ASK_AGAIN };

static enum choice confirm(struct ui *ui, const struct draft_kind *k,
			   const struct reply *r, char **tmpl)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct confirm *c = xcalloc(1, sizeof *c);
	static const enum choice by_key[] = {SEND, EDIT, TEMPLATE, CANCEL};
	int key;
	enum choice ch;

	c->k = k;
	c->r = r;
	sc->ctx = ui->top->ctx;
	sc->ops = &confirm_ops;
	sc->data = c;
	ui_push(ui, sc);
	key = ui_ask(ui, "y send, e edit, t template, q cancel: ", "yetq");
	ch = key < 0 ? CANCEL : by_key[key];
	if (ch == TEMPLATE) {
		free(*tmpl);
		*tmpl = ask_template(ui, c);
		if (!*tmpl)
			ch = ASK_AGAIN;
	}
	ui_pop(ui);
	return ch;
}

/* ---- the flow ---- */

static void queue(struct ui *ui, const struct draft_kind *k, void *ctx,
		  const struct reply *r)
{
	struct err e = {{0}};

	if (k->queue(ui, ctx, r, &e) < 0) {
		ui_error(ui, "%s: %s", k->verb, e.msg);
		return;
	}
	if (ui_sync_now(ui))
		ui_message(ui, "%s queued: the outbox sends it", k->noun);
}

/* Edits and confirms r until queued or cancelled; true to start again
 * with the template in *tmpl. */
static bool edit_confirm(struct ui *ui, const struct draft_kind *k, void *ctx,
			 struct reply *r, char **tmpl)
{
	struct err e = {{0}};
	enum choice ch;

	for (;;) {
		int rc = edit(ui, k, r, &e);

		if (rc <= 0) {
			if (rc < 0)
				ui_error(ui, "%s: %s", k->verb, e.msg);
			else
				ui_message(ui, "%s not sent", k->noun);
			return false;
		}
		while ((ch = confirm(ui, k, r, tmpl)) == ASK_AGAIN)
			;
		if (ch == EDIT)
			continue;
		if (ch == SEND)
			queue(ui, k, ctx, r);
		else if (ch == CANCEL)
			ui_message(ui, "%s not sent", k->noun);
		return ch == TEMPLATE;
	}
}

void draft_run(struct ui *ui, const struct draft_kind *k, void *ctx)
{
	struct err e = {{0}};
	char *tmpl = NULL;
	struct reply r;
	bool again = true;

	while (again) {
		if (k->start(ui, ctx, tmpl, &r, &e) < 0) {
			ui_error(ui, "%s: %s", k->verb, e.msg);
			break;
		}
		again = edit_confirm(ui, k, ctx, &r, &tmpl);
		reply_clear(&r);
	}
	free(tmpl);
}
