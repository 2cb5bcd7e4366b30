/* ui.c: the main loop — terminal set-up, the keymaps, one frame (title,
 * the top screen, status bar, message line), and a poll on the keyboard
 * and the worker's pipe. Frames are painted with erase() and doupdate(),
 * so ncurses sends only what changed. */
#include "ui_priv.h"
#include "ui/actions.h"
#include "ui/replay.h"
#include "actions/smtp_secret.h"
#include "core/customers.h"
#include "core/password.h"
#include "core/paths.h"
#include "core/termsafe.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

enum { MIN_COLS = 60, MIN_ROWS = 10 };

/* Used only when keymaps/default.keys cannot be found, so that the user
 * can still leave and read the reason. */
static const char fallback_keys[] = "bind any q back\n"
				    "bind any Q quit\n"
				    "bind any j down\n"
				    "bind any k up\n"
				    "bind any <Down> down\n"
				    "bind any <Up> up\n"
				    "bind groups <Enter> open\n"
				    "bind messages <Enter> open\n"
				    "bind any ? help\n";

void ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_error = false;
}

void ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui->msg, sizeof ui->msg, fmt, ap);
	va_end(ap);
	ui->msg_error = true;
}

void screen_free(struct screen *sc)
{
	if (!sc)
		return;
	sc->ops->free(sc);
	tags_free(sc->tags);
	free(sc);
}

void ui_push(struct ui *ui, struct screen *sc)
{
	sc->below = ui->top;
	ui->top = sc;
}

void ui_pop(struct ui *ui)
{
	struct screen *sc = ui->top;

	if (!sc->below) {
		ui->quit = true;
		return;
	}
	ui->top = sc->below;
	screen_free(sc);
}

void ui_query(const struct ui *ui, struct triage_query *q)
{
	q->filter = ui->limit ? limit_match : NULL;
	q->filter_ctx = ui->limit;
	q->only_open = !ui->show_resolved;
}

static bool narrow_keep(void *p, const struct triage_fact *f)
{
	const struct ui_narrow *n = p;

	if (n->limit.filter && !n->limit.filter(n->limit.filter_ctx, f))
		return false;
	return n->f(n->ctx, f);
}

void ui_query_narrow(const struct ui *ui, struct triage_query *q,
		     struct ui_narrow *n, triage_filter_fn f, void *ctx)
{
	ui_query(ui, &n->limit);
	n->f = f;
	n->ctx = ctx;
	*q = n->limit;
	q->filter = narrow_keep;
	q->filter_ctx = n;
}

static void reload_from(struct ui *ui, struct screen *sc)
{
	struct err e = {{0}};

	if (!sc)
		return;
	reload_from(ui, sc->below);
	if (sc->ops->load && sc->ops->load(ui, sc, &e) < 0)
		ui_error(ui, "%s", e.msg);
}

void ui_reload(struct ui *ui)
{
	reload_from(ui, ui->top);
	xalloc_release_freed();
}

void screen_move(struct screen *sc, long delta)
{
	long max = sc->n ? (long)sc->n - 1 : 0;
	long c = (long)sc->cursor + delta;

	if (sc->scroll_only) {
		max = (long)sc->n - sc->page;
		if (max < 0)
			max = 0;
	}
	sc->cursor = (size_t)(c < 0 ? 0 : c > max ? max : c);
}

void screen_follow(struct screen *sc, int rows)
{
	sc->page = rows;
	if (sc->scroll_only) {
		sc->top = sc->cursor;
		return;
	}
	if (sc->n && sc->cursor >= sc->n)
		sc->cursor = sc->n - 1;
	if (sc->cursor < sc->top)
		sc->top = sc->cursor;
	if (rows > 0 && sc->cursor >= sc->top + (size_t)rows)
		sc->top = sc->cursor - (size_t)rows + 1;
}

char *ui_safe(const char *s)
{
	return termsafe_cstr(s, TERMSAFE_SINGLE_LINE);
}

void ui_date(const struct ui *ui, int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (t <= 0 || !localtime_r(&tt, &tm) ||
	    strftime(out, n, ui->cfg->ui.date_format, &tm) == 0)
		snprintf(out, n, "-");
}

/* ---- attributes ---- */

static const struct {
	unsigned mono;
	short fg, bg;
} attr_spec[UI_NATTR] = {
    [UI_NORMAL] = {A_NORMAL, -1, -1},
    [UI_TITLE] = {A_REVERSE, COLOR_WHITE, COLOR_BLUE},
    [UI_STATUS] = {A_REVERSE, COLOR_WHITE, COLOR_BLUE},
    [UI_SELECTED] = {A_REVERSE, -1, -1},
    [UI_DIM] = {A_DIM, COLOR_BLUE, -1},
    [UI_PROBLEM] = {A_BOLD, COLOR_RED, -1},
    [UI_ACTION] = {A_UNDERLINE, COLOR_YELLOW, -1},
    [UI_EVIDENCE] = {A_REVERSE, COLOR_CYAN, -1},
    [UI_BOX] = {A_NORMAL, COLOR_GREEN, -1},
    [UI_ERROR] = {A_BOLD, COLOR_RED, -1},
    [UI_MATCH] = {A_BOLD | A_REVERSE, COLOR_YELLOW, -1},
};

/* The monochrome attribute always applies, so the styles still differ
 * with NO_COLOR; colour only adds to it. */
unsigned ui_attr(const struct ui *ui, enum ui_attr a)
{
	unsigned v = attr_spec[a].mono;

	if (ui->color && attr_spec[a].fg >= 0)
		v |= COLOR_PAIR(a);
	if (ui->color && (a == UI_TITLE || a == UI_STATUS))
		v &= ~(unsigned)A_REVERSE;
	return v;
}

static void colors_init(struct ui *ui)
{
	bool want = ui->cfg->ui.color == CONFIG_COLOR_ALWAYS ||
		    (ui->cfg->ui.color == CONFIG_COLOR_AUTO && has_colors());

	ui->color = false;
	if (!want || start_color() != OK)
		return;
	use_default_colors();
	for (int a = 1; a < UI_NATTR; a++)
		if (attr_spec[a].fg >= 0)
			init_pair((short)a, attr_spec[a].fg, attr_spec[a].bg);
	ui->color = true;
}

static struct ui *current_ui;	 /* for ui_put's colour choice */
static struct replay *replaying; /* --replay: keys come from the script */

void ui_put(int y, int x, const char *s, int cols, enum ui_attr a)
{
	struct buf b = BUF_INIT;
	unsigned at = current_ui ? ui_attr(current_ui, a) : A_NORMAL;

	if (cols <= 0)
		return;
	layout_fit(&b, s, (size_t)cols,
		   a == UI_SELECTED || a == UI_TITLE || a == UI_STATUS);
	attr_set(at, PAIR_NUMBER(at), NULL);
	mvaddstr(y, x, buf_cstr(&b));
	attr_set(A_NORMAL, 0, NULL);
	buf_free(&b);
}

/* ---- keymaps ---- */

static char *bundled_keymap(const char *name)
{
	char *file = xasprintf("%s.keys", name);
	char *p = paths_bundled("keymaps", file);

	free(file);
	return p;
}

static void load_keys_file(struct ui *ui, const char *path)
{
	struct err e = {{0}};

	if (keymap_load_file(ui->km, path, &e) < 0)
		ui_error(ui, "%s", e.msg);
}

static void load_bundled(struct ui *ui, const char *name)
{
	char *p = bundled_keymap(name);

	if (!p) {
		ui_error(ui, "keymap '%s' not found (keymaps/%s.keys)", name,
			 name);
		return;
	}
	load_keys_file(ui, p);
	free(p);
}

/* The user's overrides: keys beside the configuration file. */
static void load_user_keys(struct ui *ui)
{
	char *cfg = paths_config_file(), *p;

	if (!cfg)
		return;
	p = xasprintf("%s/keys", dirname(cfg));
	if (access(p, F_OK) == 0)
		load_keys_file(ui, p);
	free(p);
	free(cfg);
}

static void keymaps_load(struct ui *ui)
{
	const char *want = ui->cfg->ui.keymap ? ui->cfg->ui.keymap : "default";
	char *def = bundled_keymap("default");

	ui->km = keymap_new();
	if (def)
		load_keys_file(ui, def);
	else
		keymap_parse(ui->km, "built-in keys", fallback_keys);
	free(def);
	if (strcmp(want, "vi") == 0 || strcmp(want, "emacs") == 0)
		load_bundled(ui, want);
	else if (strcmp(want, "default") != 0)
		load_keys_file(ui, want);
	load_user_keys(ui);
	if (!def)
		ui_error(ui, "keymaps/default.keys not found: only q, j, k, "
			     "Enter and ? work");
	else if (ui->km->n_errors)
		ui_error(ui, "%s%s", ui->km->errors[0],
			 ui->km->n_errors > 1 ? " (and more)" : "");
}

/* The first key bound to action name on the screen shown. */
static void key_for(struct ui *ui, const char *name, char *out, size_t n)
{
	int k = keymap_key_for(ui->km, ui->top->ctx, ui_action_find(name));

	snprintf(out, n, "?");
	if (k >= 0)
		keymap_key_name(k, out, n);
}

/* ---- one frame ---- */

/* Where the screen is, as mutt says it: the row of a list (12/340), how
 * far a text is read (40%). */
static void position(const struct screen *sc, struct buf *b)
{
	size_t end = sc->top + (size_t)(sc->page > 0 ? sc->page : 0);

	if (sc->scroll_only)
		buf_printf(b, " %zu%% |",
			   end >= sc->n ? (size_t)100 : end * 100 / sc->n);
	else
		buf_printf(b, " %zu/%zu |", sc->n ? sc->cursor + 1 : 0, sc->n);
}

static void draw_status(struct ui *ui, int y, int cols)
{
	struct buf b = BUF_INIT;
	struct err e = {{0}};
	int64_t queued = 0, failed = 0;
	size_t tagged;
	char help[32];
	char *acct = ui_safe(ui->opts->account ? ui->opts->account : "local");

	store_outbox_queued(ui->store, &queued, &e);
	store_outbox_failed(ui->store, &failed, &e);
	key_for(ui, "help", help, sizeof help);
	position(ui->top, &b);
	buf_printf(&b, " %s | %s | %zu open | outbox: %lld queued", acct,
		   ui->sync_state, ui->open_groups, (long long)queued);
	if (failed)
		buf_printf(&b, ", %lld failed", (long long)failed);
	if (ui->limit_text)
		buf_printf(&b, " | limit: %s", ui->limit_text);
	if (ui->show_resolved)
		buf_puts(&b, " | showing resolved");
	if ((tagged = tag_count(ui->top)) > 0)
		buf_printf(&b, " | %zu tagged", tagged);
	buf_printf(&b, " | %s:help", help);
	ui_put(y, 0, buf_cstr(&b), cols, UI_STATUS);
	buf_free(&b);
	free(acct);
}

/* With [ui] help_line, the keys take the first row and the title the
 * second. */
static int draw_top(struct ui *ui, int cols)
{
	struct buf b = BUF_INIT;
	int y = 0;

	if (ui->cfg->ui.help_line) {
		hints_line(ui, &b);
		ui_put(y++, 0, buf_cstr(&b), cols, UI_STATUS);
		buf_reset(&b);
	}
	buf_puts(&b, " ");
	ui->top->ops->title(ui, ui->top, &b);
	ui_put(y++, 0, buf_cstr(&b), cols, UI_TITLE);
	buf_free(&b);
	return y;
}

static void draw_frame(struct ui *ui)
{
	struct screen *sc = ui->top;
	int rows, cols, top;

	getmaxyx(stdscr, rows, cols);
	erase();
	if (cols < MIN_COLS || rows < MIN_ROWS) {
		ui_put(0, 0, "terminal too small", cols, UI_ERROR);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	top = draw_top(ui, cols);
	screen_follow(sc, rows - 2 - top);
	sc->ops->draw(ui, sc, top, rows - 2 - top, cols);
	draw_status(ui, rows - 2, cols);
	if (ui->msg[0]) {
		char *m = ui_safe(ui->msg);
		ui_put(rows - 1, 0, m, cols - 1,
		       ui->msg_error ? UI_ERROR : UI_NORMAL);
		free(m);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- input ---- */

static void wait_input(struct ui *ui, bool worker, bool busy);

/* One key as get_wch() gives it (OK, KEY_CODE_YES or ERR): from the
 * replay script when there is one, and then the end of the script quits.
 * The keyboard is read without blocking (ncurses may hold keys already
 * read), then waited for; ERR comes with ui->quit set. */
static int get_key(struct ui *ui, wint_t *ch)
{
	int key;

	if (!replaying) {
		int rc;
		while ((rc = get_wch(ch)) == ERR && !ui->quit)
			wait_input(ui, false, false);
		return rc;
	}
	if (!replay_next(replaying, &key)) {
		ui->quit = true;
		return ERR;
	}
	*ch = (wint_t)key;
	return key >= KEY_MIN && key <= KEY_MAX ? KEY_CODE_YES : OK;
}

/* One key as a code keymap_lookup() understands; Esc followed at once by a
 * character is Meta. */
static int read_key(int *out)
{
	wint_t ch;
	int rc = get_wch(&ch);

	if (rc == ERR)
		return -1;
	if (rc == OK && ch == 27) {
		timeout(30);
		wint_t next;
		int r2 = get_wch(&next);
		nodelay(stdscr, TRUE);
		if (r2 == OK && next > ' ' && next < 127) {
			*out = KEYMAP_META | (int)next;
			return 0;
		}
		if (r2 != ERR)
			unget_wch(next);
	}
	*out = (int)ch;
	return 0;
}

static void run_key(struct ui *ui, int key)
{
	const struct ui_action *acts = ui_actions(NULL);
	int a;

	if (key == KEY_RESIZE)
		return;
	if (key == '\r')
		key = '\n';
	a = keymap_lookup(ui->km, ui->top->ctx, key);
	if (a < 0) {
		char name[32];
		keymap_key_name(key, name, sizeof name);
		ui_message(ui, "%s is not bound here", name);
		return;
	}
	ui->msg[0] = '\0';
	acts[a].run(ui);
}

/* The status bar's words for the worker's state. The reason comes from a
 * server or the network: it goes through termsafe when drawn. */
static void format_sync_state(const struct sync_status *st, char *out, size_t n)
{
	char when[16] = "";
	time_t t;

	switch (st->state) {
	case SYNC_CONNECTING:
		snprintf(out, n, "connecting");
		break;
	case SYNC_SYNCING:
		snprintf(out, n, "syncing %llu of %llu",
			 (unsigned long long)st->done,
			 (unsigned long long)st->total);
		break;
	case SYNC_IDLE:
		t = (time_t)st->since;
		strftime(when, sizeof when, "%H:%M", localtime(&t));
		snprintf(out, n, "idle since %s%s", when,
			 st->insecure ? " (unencrypted)" : "");
		break;
	case SYNC_OFFLINE: {
		/* The reason may quote a server: made safe like mail. */
		char *safe = termsafe_cstr(st->reason, TERMSAFE_SINGLE_LINE);
		snprintf(out, n, "offline: %.*s", (int)(n > 10 ? n - 10 : 0),
			 safe);
		free(safe);
		break;
	}
	}
}

/* New reports landed: the noise reporters decided again and the lists
 * brought up to date (the groups they touched only); the cursor stays on
 * its row. */
static void new_reports(struct ui *ui)
{
	struct err e = {{0}};

	if (triage_refresh(ui->triage, &e) < 0)
		ui_error(ui, "%s", e.msg);
	ui_reload(ui);
}

/* The worker wrote a byte: the status changed, maybe new reports landed. */
static void read_notify(struct ui *ui)
{
	char buf[64];
	struct sync_status st;

	while (read(ui->notify_fd, buf, sizeof buf) > 0)
		;
	sync_worker_status(ui->worker, &st);
	format_sync_state(&st, ui->sync_state, sizeof ui->sync_state);
	if (st.added != ui->synced_added) {
		ui->synced_added = st.added;
		new_reports(ui);
	}
}

bool ui_ask_smtp_password(struct ui *ui)
{
	struct smtp_secret *box = ui->opts->smtp_secret;
	struct err e = {{0}};
	int64_t waiting = 0;
	char *prompt, *pw;
	int rc =
	    box ? smtp_secret_wanted(box, ui->cfg, ui->store, &waiting, &e) : 0;

	if (rc < 0)
		ui_error(ui, "%s", e.msg);
	if (rc <= 0)
		return true;
	prompt = smtp_secret_prompt(ui->cfg);
	pw = ui_prompt_secret(ui, prompt);
	free(prompt);
	if (pw && *pw) {
		if (smtp_secret_give(box, ui->store, pw, &e) < 0)
			ui_error(ui, "%s", e.msg);
		if (ui->worker)
			sync_worker_wake(ui->worker);
		return true;
	}
	password_free(pw);
	ui_message(ui,
		   "no SMTP password: %lld mail%s wait%s in the outbox (the "
		   "sync key asks again)",
		   (long long)waiting, waiting == 1 ? "" : "s",
		   waiting == 1 ? "s" : "");
	return false;
}

bool ui_sync_now(struct ui *ui)
{
	bool ok;

	if (!ui->worker) {
		ui_message(ui, "no sync: %s", ui->sync_state);
		return true;
	}
	ok = ui_ask_smtp_password(ui);
	sync_worker_wake(ui->worker);
	if (ok)
		ui_message(ui, "syncing now");
	return ok;
}

/* Until the keyboard has something, a quit signal came (before the wait
 * too: the flag is looked at first) or, with worker, the sync worker
 * said something; busy, not at all. A terminal that is gone (a read would fail
 * at once, forever) ends the screen. poll() skips a descriptor of -1. */
static void wait_input(struct ui *ui, bool worker, bool busy)
{
	struct pollfd p[3] = {
	    {.fd = STDIN_FILENO, .events = POLLIN},
	    {.fd = worker ? ui->notify_fd : -1, .events = POLLIN},
	    {.fd = ui->signal_fd, .events = POLLIN}};
	/* The customers file is looked at about once a second. */
	int wait = busy ? 0 : ui->customers ? 1000 : -1;
	int rc = ui_quit_signal() ? 0 : poll(p, 3, wait);

	if ((rc < 0 && errno != EINTR) || ui_quit_signal() ||
	    (p[0].revents & (POLLHUP | POLLERR | POLLNVAL)))
		ui->quit = true;
	if (p[1].fd >= 0 && (p[1].revents & (POLLIN | POLLHUP)))
		read_notify(ui);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "groups:down": where a key ran and what it did, to group latencies. */
static void key_kind(struct ui *ui, int key, char *out, size_t n)
{
	int a = keymap_lookup(ui->km, ui->top->ctx, key == '\r' ? '\n' : key);

	snprintf(out, n, "%s:%s", keymap_context_name(ui->top->ctx),
		 a < 0 ? "unbound" : ui_actions(NULL)[a].name);
}

/* After the first frame, while the user reads it: the reports into
 * memory, so that the first limit does not wait for them. */
static void idle_work(struct ui *ui)
{
	struct err e = {{0}};

	if (triage_prepare(ui->triage, &e) < 0)
		ui_error(ui, "%s", e.msg);
	xalloc_release_freed();
}

/* Between keys: the next slice of a search's hits, of the topmost
 * search that has some left. Whether it read one (the frame shows it). */
static bool read_ahead(struct ui *ui)
{
	struct screen *sc = ui->top;

	while (sc && !messages_reading(sc))
		sc = sc->below;
	if (sc)
		messages_read_ahead(ui, sc, false);
	return sc != NULL;
}

/* <Mail> in a replay: until another process wrote to the cache (two
 * minutes at most), untimed. */
static void replay_mail_wait(struct ui *ui)
{
	int64_t v0 = store_data_version(ui->store);
	struct timespec pause = {0, 5000000};

	fprintf(stderr, "replay: waiting for mail\n");
	fflush(stderr);
	for (int i = 0; i < 24000 && !ui_quit_signal(); i++) {
		if (store_data_version(ui->store) != v0)
			return;
		nanosleep(&pause, NULL);
	}
}

/* The screen's page cache. The first frame reads each page it needs once
 * (4 MB of them at 100,000 reports): a small cache spares it a fresh page
 * of memory for each. Searches and lists read the same pages again: 4 MB
 * then, while the facts in memory are what counts at a million reports. */
#define FIRST_FRAME_CACHE_KB 1024
#define CACHE_KB 4096

static void first_frame(struct ui *ui)
{
	draw_frame(ui);
	store_cache_kb(ui->store, CACHE_KB);
}

/* --replay: each key is timed from the moment it is read until its frame
 * is on the terminal (doupdate() returned), prompts it opens included. */
static void replay_loop(struct ui *ui)
{
	char kind[64];
	int key;

	first_frame(ui);
	idle_work(ui);
	while (!ui->quit && replay_next(replaying, &key)) {
		double t0;
		if (key == REPLAY_KEY_MAIL) {
			replay_mail_wait(ui);
			t0 = now_s();
			new_reports(ui);
			draw_frame(ui);
			replay_record(replaying, "groups:new-mail",
				      now_s() - t0);
			continue;
		}
		t0 = now_s();
		key_kind(ui, key, kind, sizeof kind);
		run_key(ui, key);
		if (!ui->quit)
			draw_frame(ui);
		replay_record(replaying, kind, now_s() - t0);
		/* As between a user's keys, timed on its own. */
		for (int i = 0; i < 4 && !ui->quit; i++) {
			t0 = now_s();
			if (!read_ahead(ui))
				break;
			draw_frame(ui);
			replay_record(replaying, "search:read-ahead",
				      now_s() - t0);
		}
	}
}

static void main_loop(struct ui *ui)
{
	int key;

	nodelay(stdscr, TRUE);
	if (replaying) {
		replay_loop(ui);
		return;
	}
	first_frame(ui);
	if (ui->opts->exit_after_first_frame)
		return;
	/* Mail left in the outbox by an earlier run goes out only with it. */
	if (ui->worker)
		ui_ask_smtp_password(ui);
	idle_work(ui);
	while (!ui->quit) {
		bool busy;

		draw_frame(ui);
		busy = read_ahead(ui);
		wait_input(ui, true, busy);
		ui_customers_check(ui);
		while (!ui->quit && read_key(&key) == 0)
			run_key(ui, key);
	}
}

/* ---- the prompt ---- */

static void prompt_draw(struct ui *ui, const char *label, const char *text)
{
	int rows, cols;
	struct buf b = BUF_INIT;
	char *safe = ui_safe(text);

	draw_frame(ui);
	getmaxyx(stdscr, rows, cols);
	buf_printf(&b, "%s%s", label, safe);
	move(rows - 1, 0);
	clrtoeol();
	ui_put(rows - 1, 0, buf_cstr(&b), cols - 1, UI_NORMAL);
	curs_set(1);
	wnoutrefresh(stdscr);
	doupdate();
	buf_free(&b);
	free(safe);
}

static void prompt_backspace(struct buf *b)
{
	while (b->len > 0) {
		unsigned char c = (unsigned char)b->data[--b->len];
		if ((c & 0xc0) != 0x80)
			break;
	}
	if (b->data)
		b->data[b->len] = '\0';
}

/* A key typed at a prompt; a buffer of max bytes (0: any) takes no
 * character past it. */
static bool prompt_key(struct buf *b, int rc, wint_t ch, bool *done, size_t max)
{
	char mb[MB_LEN_MAX];
	mbstate_t st = {0};
	size_t n;

	if (rc == KEY_CODE_YES) {
		if (ch == KEY_BACKSPACE)
			prompt_backspace(b);
		else if (ch == KEY_ENTER)
			*done = true;
		return true;
	}
	if (ch == '\n' || ch == '\r')
		*done = true;
	else if (ch == 27 || ch == 7)
		return false;
	else if (ch == 127 || ch == 8)
		prompt_backspace(b);
	else if (ch == 21)
		buf_reset(b);
	else if (ch >= ' ' &&
		 (n = wcrtomb(mb, (wchar_t)ch, &st)) != (size_t)-1 &&
		 (!max || b->len + n < max))
		buf_append(b, mb, n);
	return true;
}

/* A secret's room, reserved at once so that no copy of it is left
 * behind by a realloc; what is typed past it is cut. */
#define SECRET_MAX 1024

static bool prompt_loop(struct ui *ui, const char *label, struct buf *b,
			bool secret)
{
	bool done = false, ok = true;
	wint_t ch;

	ui->msg[0] = '\0';
	while (ok && !done) {
		prompt_draw(ui, label, secret ? "" : buf_cstr(b));
		int rc = get_key(ui, &ch);
		if (rc == ERR && ui->quit)
			ok = false;
		if (rc == ERR || (rc == KEY_CODE_YES && ch == KEY_RESIZE))
			continue;
		ok = prompt_key(b, rc, ch, &done, secret ? SECRET_MAX : 0);
	}
	curs_set(0);
	return ok;
}

char *ui_prompt_secret(struct ui *ui, const char *label)
{
	struct buf b = BUF_INIT;
	char *out = NULL;

	buf_reserve(&b, SECRET_MAX);
	b.data[0] = '\0';
	if (prompt_loop(ui, label, &b, true))
		out = xstrdup(b.data);
	explicit_bzero(b.data, b.cap);
	buf_free(&b);
	return out;
}

char *ui_prompt(struct ui *ui, const char *label, const char *initial)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, initial ? initial : "");
	if (!prompt_loop(ui, label, &b, false)) {
		buf_free(&b);
		return NULL;
	}
	if (!b.data)
		return xstrdup("");
	return buf_steal(&b);
}

int ui_ask(struct ui *ui, const char *question, const char *keys)
{
	const char *hit = NULL;
	wint_t ch;

	ui->msg[0] = '\0';
	while (!hit) {
		prompt_draw(ui, question, "");
		int rc = get_key(ui, &ch);
		if ((rc == ERR && ui->quit) ||
		    (rc == OK && (ch == 27 || ch == 7)))
			break;
		if (rc == OK && ch > ' ' && ch < 127)
			hit = strchr(keys, tolower((int)ch));
	}
	curs_set(0);
	return hit ? (int)(hit - keys) : -1;
}

int ui_ask_key(struct ui *ui, const char *label)
{
	wint_t ch;
	int rc;

	ui->msg[0] = '\0';
	do {
		prompt_draw(ui, label, "");
		rc = get_key(ui, &ch);
		if (rc == ERR && ui->quit)
			break;
	} while (rc == ERR || (rc == KEY_CODE_YES && ch == KEY_RESIZE));
	curs_set(0);
	if (rc == ERR || (rc == OK && (ch == 27 || ch == 7)))
		return -1;
	return rc == OK && ch == '\r' ? '\n' : (int)ch;
}

/* ---- set-up ---- */

static void noise_rule(struct ui *ui)
{
	triage_rule_from_config(&ui->rule, ui->cfg);
}

/* libetpan and GnuTLS print some errors straight to stderr, which would
 * scribble over the screen: while it runs, stderr goes to a log file in
 * the data directory (or nowhere). */
static void stderr_to_log(struct ui *ui)
{
	char *dir = paths_data_dir(), *path;
	int fd = -1;

	if (dir && paths_ensure_dir(dir, NULL) == 0) {
		path = xasprintf("%s/abusedesk.log", dir);
		fd =
		    open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
		free(path);
	}
	free(dir);
	if (fd < 0)
		fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	fflush(stderr);
	ui->saved_stderr = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 0);
	dup2(fd, STDERR_FILENO);
	close(fd);
}

static void stderr_restore(struct ui *ui)
{
	if (ui->saved_stderr < 0)
		return;
	fflush(stderr);
	dup2(ui->saved_stderr, STDERR_FILENO);
	close(ui->saved_stderr);
	ui->saved_stderr = -1;
}

/* The worker the caller started, if any: the screen only watches it. */
static void watch_worker(struct ui *ui)
{
	snprintf(ui->sync_state, sizeof ui->sync_state, "%s",
		 ui->opts->offline_reason ? ui->opts->offline_reason
					  : "offline");
	if (!ui->opts->worker)
		return;
	ui->worker = ui->opts->worker;
	ui->notify_fd = ui->opts->notify_fd;
	snprintf(ui->sync_state, sizeof ui->sync_state, "connecting");
}

static void ui_teardown(struct ui *ui)
{
	while (ui->top) {
		struct screen *sc = ui->top;
		ui->top = sc->below;
		screen_free(sc);
	}
	ui->worker = NULL; /* the caller's, which stops it */
	stderr_restore(ui);
	ui_undo_free(ui);
	free(ui->find);
	free(ui->batch_note);
	limit_free(ui->limit);
	free(ui->limit_text);
	keymap_free(ui->km);
	triage_free(ui->triage);
	customers_free(ui->customers);
	current_ui = NULL;
}

/* The latencies go to stderr once the terminal is given back. */
static void replay_stop(void)
{
	struct buf b = BUF_INIT;

	if (!replaying)
		return;
	replay_summary(replaying, &b);
	fputs(buf_cstr(&b), stderr);
	buf_free(&b);
	replay_free(replaying);
	replaying = NULL;
}

static void term_start(struct ui *ui)
{
	ui_signals_note_shell_modes();
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	colors_init(ui);
	ui_signals_on_crash();
}

int ui_run(struct store *s, const struct config *cfg,
	   const struct ui_opts *opts, struct err *e)
{
	struct ui ui = {.store = s,
			.cfg = cfg,
			.opts = opts,
			.notify_fd = -1,
			.signal_fd = -1,
			.saved_stderr = -1};
	struct screen *home;

	store_cache_kb(s, FIRST_FRAME_CACHE_KB);
	noise_rule(&ui);
	ui.show_resolved = cfg->ui.show_resolved;
	ui.sort = cfg->ui.sort;
	if (opts->replay && !(replaying = replay_load(opts->replay, e)))
		return -1;
	ui.triage = triage_open(s, &ui.rule, e);
	if (!ui.triage) {
		replay_stop();
		return -1;
	}
	current_ui = &ui;
	keymaps_load(&ui);
	ui_customers_open(&ui);
	home = groups_new(&ui);
	ui_push(&ui, home);
	ui.signal_fd = ui_signals_install();
	watch_worker(&ui);
	if (ui.worker)
		stderr_to_log(&ui);
	term_start(&ui);
	main_loop(&ui);
	endwin();
	ui_teardown(&ui);
	ui_signals_remove();
	replay_stop();
	return 0;
}
