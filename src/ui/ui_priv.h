/* ui_priv.h: what the files of src/ui share and nobody else sees — the UI
 * state, the screen stack and the helpers screens draw with. Each screen
 * (groups.c, messages.c, pager.c, help.c) is a draw function plus the
 * actions it offers; actions.c maps action names to them. */
#ifndef UI_PRIV_H
#define UI_PRIV_H

#include "actions/state.h"
#include "core/buf.h"
#include "store/reporter_noise.h"
#include "store/triage.h"
#include "ui/keymap.h"
#include "ui/layout.h"
#include "ui/limit.h"
#include "ui/ui.h"

#include <stdint.h>

struct ui;
struct screen;
struct tags;
struct customers;
struct customer;

struct screen_ops {
	/* Paints rows lines of the body from line y; must not touch others. */
	void (*draw)(struct ui *ui, struct screen *sc, int y, int rows,
		     int cols);
	/* (Re-)reads the screen's data from the store. */
	int (*load)(struct ui *ui, struct screen *sc, struct err *e);
	void (*free)(struct screen *sc);
	/* The title line (terminal-safe). */
	void (*title)(struct ui *ui, struct screen *sc, struct buf *b);
};

struct screen {
	unsigned ctx; /* enum ui_context */
	const struct screen_ops *ops;
	size_t cursor, top, n; /* selected row, first row shown, rows */
	bool scroll_only;      /* pager and help: cursor is the first line */
	int page;	       /* body rows at the last draw */
	struct screen *below;
	void *data;
	struct tags *tags; /* tag.c: the rows tagged here; NULL: none yet */
};

struct ui_undo {
	/* A decision or a note (actions/state.h): what it was about and
	 * what was stored before. */
	struct action_undo act;
	char *label; /* "192.0.2.1 resolved" */
	/* A noise mark (noise.c): the reporter and its mode before; NULL
	 * for a state change. */
	char *reporter;
	enum store_noise_mode noise_was;
	unsigned batch; /* the tagged batch it was part of; 0: none */
};

enum ui_attr {
	UI_NORMAL,
	UI_TITLE,
	UI_STATUS,
	UI_SELECTED,
	UI_DIM,
	UI_PROBLEM,
	UI_ACTION,
	UI_EVIDENCE,
	UI_BOX,
	UI_ERROR,
	UI_MATCH, /* the pager's search hits */
	UI_NATTR
};

struct ui {
	struct store *store;
	struct triage *triage;
	const struct config *cfg;
	const struct ui_opts *opts;
	struct keymap *km;
	struct screen *top;
	struct limit *limit;
	char *limit_text;
	bool show_resolved;
	enum config_sort sort;
	char msg[512];
	bool msg_error;
	char sync_state[128];
	int notify_fd; /* worker's pipe, -1 when none */
	int signal_fd; /* signals.c: readable after a quit signal, or -1 */
	struct sync_worker *worker; /* NULL when there is no sync */
	uint64_t synced_added;	    /* new messages the screen has shown */
	int saved_stderr;	    /* stderr while the screen runs: -1 */
	size_t open_groups;	    /* for the status bar, from the groups */
	bool quit;
	bool color;
	struct ui_undo *undo;
	size_t n_undo;
	/* tag.c: the batch an action runs in over the tagged rows (0: none)
	 * and how many there were. While one runs, a change neither reloads
	 * nor moves the cursor, a note is asked once for all, the first noise
	 * toggle decides the mode of every reporter, and a failure or a
	 * cancelled prompt stops it. */
	unsigned batch, n_batches;
	char *batch_note;
	bool batch_noise_set, batch_stop;
	enum store_noise_mode batch_noise;
	char *find; /* the pager's last search, for n and N */
	struct triage_noise_rule rule;
	/* customer.c: the [customers] file (NULL: none) and the last thing
	 * said about it, so that it is said once. */
	struct customers *customers;
	char customers_said[256];
};

/* ui.c */
/* `$`: wakes the sync worker, or says why there is none. False when
 * mail waits for an SMTP password the user did not give (said). */
bool ui_sync_now(struct ui *ui);
/* When mail waits in the outbox for an SMTP password that only the user
 * can give and none was typed yet, asks for it (the worker's flush reads
 * it, woken). ui_sync_now() does this first. False when the user gave
 * none: the screen says so, and the mail stays queued. */
bool ui_ask_smtp_password(struct ui *ui);
void ui_message(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ui_error(struct ui *ui, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ui_push(struct ui *ui, struct screen *sc);
void ui_pop(struct ui *ui);
/* Re-reads every screen on the stack, keeping the cursors where they are. */
void ui_reload(struct ui *ui);
void ui_query(const struct ui *ui, struct triage_query *q);
/* ui_query() narrowed by f too (a tag pattern): both must keep a report.
 * q points into *n, which must outlive it. */
struct ui_narrow {
	struct triage_query limit;
	triage_filter_fn f;
	void *ctx;
};
void ui_query_narrow(const struct ui *ui, struct triage_query *q,
		     struct ui_narrow *n, triage_filter_fn f, void *ctx);
/* Asks for a line at the bottom; NULL when cancelled. Free the result. */
char *ui_prompt(struct ui *ui, const char *label, const char *initial);
/* The same for a password: nothing typed is shown, and the buffer is
 * zeroed. Free the result with password_free(). */
char *ui_prompt_secret(struct ui *ui, const char *label);
/* Asks question at the bottom, to be answered with one of keys (lowercase
 * ASCII; either case answers): the index of the key pressed, or -1 when
 * cancelled (Esc, ^G). Other keys are not taken. */
int ui_ask(struct ui *ui, const char *question, const char *keys);
/* Shows label at the bottom and reads one key, as the keymap looks keys
 * up; -1 when cancelled (Esc, ^G) or the screen is quitting. */
int ui_ask_key(struct ui *ui, const char *label);
/* Paints s (terminal-safe already) at y, x in at most cols columns. */
void ui_put(int y, int x, const char *s, int cols, enum ui_attr a);
/* termsafe() of mail text as one line, malloc'd. */
char *ui_safe(const char *s);
unsigned ui_attr(const struct ui *ui, enum ui_attr a);
/* "2026-03-02 14:00" by [ui] date_format, into out. */
void ui_date(const struct ui *ui, int64_t t, char *out, size_t n);
/* Moves a screen's cursor by delta rows, clamped. */
void screen_move(struct screen *sc, long delta);
/* Keeps the cursor in the rows shown. */
void screen_follow(struct screen *sc, int rows);
void screen_free(struct screen *sc);

/* groups.c */
struct screen *groups_new(struct ui *ui);
void groups_open(struct ui *ui, struct screen *sc);
void groups_toggle(struct ui *ui, struct screen *sc);
/* The reporter the noise key means on the selected row, malloc'd: a
 * noise row's (or its IPs'), or a group's only reporter; NULL and *why. */
char *groups_reporter(struct screen *sc, const char **why);
/* The group under the cursor: 1 and *kind/ip, 0 on a noise row. */
int groups_selected(struct screen *sc, enum triage_kind *kind,
		    char ip[REPORT_IP_TEXT_MAX]);
/* Puts the cursor on the group of ip; false when it is not listed. */
bool groups_jump(struct screen *sc, const char *ip);
/* Row i as a group of an IP of ours (a tag and a decision take only
 * those): true and ip. */
bool groups_row_ip(struct screen *sc, size_t i, char ip[REPORT_IP_TEXT_MAX]);
/* Whether row i is a group with open work. */
bool groups_row_open(struct screen *sc, size_t i);
/* The IPs of the groups listed that have a report passing f too (the
 * limit still applies), malloc'd, *n of them. */
int groups_matching(struct ui *ui, struct screen *sc, triage_filter_fn f,
		    void *ctx, char (**ips)[REPORT_IP_TEXT_MAX], size_t *n,
		    struct err *e);
/* Sorts again by ui->sort. */
void groups_sort(struct ui *ui, struct screen *sc);
/* The orders' names by enum config_sort, as [ui] sort spells them. */
const char *const *groups_sort_names(void);

/* messages.c */
struct screen *messages_new_group(struct ui *ui, enum triage_kind kind,
				  const char *ip, const char *label);
/* The hits of an FTS query, newest first; *out NULL: none. */
int messages_new_search(struct ui *ui, const char *query, const char *label,
			struct screen **out, struct err *e);
/* Whether sc is a search with hits left to read, and reading them: a
 * slice, or all that are left. */
bool messages_reading(const struct screen *sc);
void messages_read_ahead(struct ui *ui, struct screen *sc, bool all);
void messages_open(struct ui *ui, struct screen *sc);
int64_t messages_selected(struct screen *sc);
int64_t messages_row_id(struct screen *sc, size_t i);
/* Whether row i is an open report (read from the store when not yet). */
bool messages_row_open(struct ui *ui, struct screen *sc, size_t i);
/* The IP of the group listed, NULL for a search's hits or the rows of
 * no IP of ours. */
const char *messages_group_ip(struct screen *sc);
/* The ids listed whose reports pass f too, malloc'd, *n of them. */
int messages_matching(struct ui *ui, struct screen *sc, triage_filter_fn f,
		      void *ctx, int64_t **ids, size_t *n, struct err *e);
/* The IP of the group listed, NULL for a search or a row without one. */
const char *messages_ip(struct screen *sc);

/* pager.c */
struct screen *pager_new(struct ui *ui, int64_t message_id,
			 const char *group_ip);
void pager_toggle_raw(struct ui *ui, struct screen *sc);
/* b: the whole box, or the compact one again. */
void pager_toggle_box(struct ui *ui, struct screen *sc);
int64_t pager_message(struct screen *sc);
const char *pager_group_ip(struct screen *sc);
/* The IP the pager is about: its group's, else the report's first of
 * ours; NULL when it names none. */
const char *pager_ip(struct screen *sc);
/* Opens the URL view on the report's links. */
void pager_urls(struct ui *ui, struct screen *sc);
bool screen_is_pager(const struct screen *sc);
/* Shows another report of the same list, from its top. */
void pager_show(struct ui *ui, struct screen *sc, int64_t message_id);
/* `/` in the pager: asks for text and goes to its first match from the
 * top line on; matches are highlighted until another search. */
void pager_search(struct ui *ui, struct screen *sc);
/* n and N: the next (dir 1) or previous (-1) match of the last search. */
void pager_search_next(struct ui *ui, struct screen *sc, int dir);

/* urls.c: every URL and mail address in texts (terminal-safe), once
 * each, in order, whole; the caller keeps texts. */
struct screen *urls_new(struct ui *ui, const char *const *texts, size_t n);

/* history.c: what happened to ip, newest first; ui_history() opens it
 * on the IP of the selection (a group, a report, the pager's). */
struct screen *history_new(struct ui *ui, const char *ip);
void ui_history(struct ui *ui);

/* draft.c: a mail written from a template, the same way for each kind:
 * the draft edited in $VISUAL/$EDITOR (a 0600 file, removed after; the
 * editor runs without the password variables), then a confirm screen,
 * y send, e edit again, t another template (start over), q cancel. Only
 * y queues anything. */
struct reply;
struct draft_kind {
	const char *verb;  /* "reply": before an error, in the file's name */
	const char *noun;  /* "reply", "notification": in what is said */
	const char *title; /* "Reply to report": the confirm screen's title */
	/* Starts *r from template tmpl (NULL: the one the kind calls for).
	 * 0, or -1 with e filled and *r left empty. */
	int (*start)(struct ui *ui, void *ctx, const char *tmpl,
		     struct reply *r, struct err *e);
	/* Builds the message of the draft and queues it. 0, or -1 with e. */
	int (*queue)(struct ui *ui, void *ctx, const struct reply *r,
		     struct err *e);
};
/* Runs the flow for kind k; ctx goes to its functions. */
void draft_run(struct ui *ui, const struct draft_kind *k, void *ctx);
/* reply.c: r, a reply to the selected report: edit, confirm, queue. */
void ui_reply(struct ui *ui);

/* hints.c: the help line of the screen shown, appended to b. */
void hints_line(struct ui *ui, struct buf *b);

/* firstrun.c: the groups screen's text on a cache without mail. */
void firstrun_draw(struct ui *ui, int y, int rows, int cols);

/* customer.c: the [customers] file, read at the start and again when it
 * changed (check: at most once a second, then every screen reloads). */
void ui_customers_open(struct ui *ui);
void ui_customers_check(struct ui *ui);
/* The customer of ip (customers_lookup()); NULL: none, or no file. */
const struct customer *ui_customer(const struct ui *ui, const char *ip);
/* The customer's name for the report the pager or list on top is about
 * ({customer} of a reply); NULL when none. */
const char *ui_selected_customer(struct ui *ui);

/* attach.c: the report's attachments over the pager (the store decodes
 * them). open pushes the list of message_id's (or says there is none);
 * view, save and pipe act on the attachment the list or the view on top
 * means, and otherwise say how to choose one. */
void attach_open(struct ui *ui, int64_t message_id);
bool attach_on_top(const struct ui *ui);
void attach_view(struct ui *ui);
void attach_save(struct ui *ui);
void attach_pipe(struct ui *ui);
/* The file name save offers for an attachment's name (NULL: none): no
 * directory, no leading dots, no control characters. Free it. */
char *attach_default_name(const char *name);

/* notify.c: c, the customer of the selected IP told about its report:
 * edit, confirm, queue, as a reply. */
void ui_notify(struct ui *ui);

/* help.c */
struct screen *help_new(struct ui *ui);

/* state.c: resolve, ignore, reopen, a note on a decision, undo. */
void ui_state_change(struct ui *ui, enum store_state st);
void ui_annotate(struct ui *ui);
void ui_undo_last(struct ui *ui);
/* Takes over u's strings. */
void ui_undo_push(struct ui *ui, const struct ui_undo *u);
void ui_undo_free(struct ui *ui);

/* advance.c: after a decision on the selected row (u, at row `at`
 * before the lists were read again), the cursor moves to the next open
 * row, and the pager to the next open report of its list or back. True
 * when it moved on. */
bool ui_advance(struct ui *ui, const struct ui_undo *u, size_t at);
/* j and k in the pager: the next (1) or previous (-1) report of the list
 * it was opened from. */
void ui_pager_step(struct ui *ui, long delta);

/* tag.c: tags on the rows of the groups or of a list of reports. */
void tags_free(struct tags *t);
bool tag_row(struct screen *sc, size_t i);
/* The tagged rows listed (an IP listed twice counts once). */
size_t tag_count(struct screen *sc);
/* t: tags or untags the selected row and moves down. */
void tag_toggle(struct ui *ui);
/* T and ^T: tags (on) or untags the rows matching a limit pattern; an
 * empty pattern untags every row. */
void tag_pattern(struct ui *ui, bool on);
/* ;: the next key's action on every tagged row, as one batch. */
void tag_prefix(struct ui *ui);

/* noise.c: the noise key, and the undo of a noise mark (0 or -1). */
void ui_noise_toggle(struct ui *ui);
/* unsub.c: the unsubscribe key. */
void ui_unsubscribe(struct ui *ui);
int ui_noise_undo(struct ui *ui, const struct ui_undo *u, struct err *e);

/* signals.c: SIGHUP, SIGINT and SIGTERM make the main loop quit (see
 * ui_quit_signal() in ui/ui.h). Install returns a file descriptor that
 * becomes readable when one came, or -1; remove closes it, and the
 * handler keeps noting signals until ui_reraise_quit_signal(). */
int ui_signals_install(void);
/* A crash (SIGSEGV and the like) gives the terminal back as it was:
 * note the shell's modes before initscr(), arm after it. */
void ui_signals_note_shell_modes(void);
void ui_signals_on_crash(void);
void ui_signals_remove(void);

#endif
