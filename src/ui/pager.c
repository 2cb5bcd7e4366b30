/* pager.c: one report. A box on top answers "what is the problem, what
 * should I do" (Problem:, Action:, reporter, category, whether our mail
 * server verified the sender, attachments); then
 * the decoded body, derived again from the raw mail, with problem, action
 * and evidence lines in bold, underline and reverse; a key shows the raw
 * source instead. Long lines wrap. */
#include "ui_priv.h"
#include "ui/find.h"
#include "core/termsafe.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum pline_kind { PL_TEXT, PL_BOX, PL_BOX_TOP, PL_BOX_BOTTOM };

struct pline {
	enum pline_kind kind;
	enum ui_attr a;
	char *label; /* PL_BOX: "Problem: " */
	char *text;  /* terminal-safe */
};

struct vline {
	size_t line, off, len;
};

struct pager {
	int64_t id;
	char *group_ip;		/* the group it was opened from; NULL: none */
	enum store_state state; /* as that group's list shows it */
	bool raw;
	char *title;
	struct pline *lines;
	size_t n_lines;
	struct vline *v; /* wrapped, for width */
	size_t n_v;
	int width;
	size_t match_v; /* the line n and N go on from, when at_match */
	bool at_match;
};

static void add_line(struct pager *p, enum pline_kind k, enum ui_attr a,
		     const char *label, char *text)
{
	p->lines = xreallocarray(p->lines, p->n_lines + 1, sizeof *p->lines);
	p->lines[p->n_lines++] =
	    (struct pline){k, a, label ? xstrdup(label) : NULL, text};
}

static void add_box(struct pager *p, enum ui_attr a, const char *label,
		    const char *mail_text)
{
	add_line(p, PL_BOX, a, label, ui_safe(mail_text));
}

static void clear_lines(struct pager *p)
{
	for (size_t i = 0; i < p->n_lines; i++) {
		free(p->lines[i].label);
		free(p->lines[i].text);
	}
	free(p->lines);
	free(p->v);
	p->lines = NULL;
	p->v = NULL;
	p->n_lines = p->n_v = 0;
	p->width = 0;
}

/* What our mail server's Authentication-Results said of the sender, as
 * stored: "DKIM pass, SPF fail, DMARC fail — not verified". Nothing when
 * it said nothing (or no authserv_id is set). */
static void box_sender(struct pager *p, const struct report *r)
{
	const struct {
		const char *name;
		enum report_auth_result res;
	} m[] = {{"DKIM", r->auth_dkim},
		 {"SPF", r->auth_spf},
		 {"DMARC", r->auth_dmarc}};
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
		if (m[i].res != REPORT_AUTH_ABSENT)
			buf_printf(&b, "%s%s %s", b.len ? ", " : "", m[i].name,
				   report_auth_result_name(m[i].res));
	if (b.len || r->auth_verdict != REPORT_AUTH_UNKNOWN) {
		buf_printf(&b, "%s%s", b.len ? " \u2014 " : "",
			   report_auth_verdict_name(r->auth_verdict));
		add_box(p,
			r->auth_verdict == REPORT_AUTH_NOT_VERIFIED ? UI_PROBLEM
								    : UI_BOX,
			"Sender: ", buf_cstr(&b));
	}
	buf_free(&b);
}

static void box_facts(struct ui *ui, struct pager *p, const struct report *r)
{
	struct buf b = BUF_INIT;
	char date[64];

	buf_printf(&b, "%s", r->reporter ? r->reporter : "unknown");
	if (r->original_reporter)
		buf_printf(&b, " (for %s)", r->original_reporter);
	buf_printf(&b, "    Category: %s/%s    Format: %s",
		   r->category ? r->category : "other",
		   r->type ? r->type : "other", report_format_name(r->format));
	add_box(p, UI_BOX, "Reporter: ", buf_cstr(&b));
	buf_reset(&b);
	ui_date(ui, r->date, date, sizeof date);
	buf_printf(&b, "%s    Date: %s", r->from_addr ? r->from_addr : "-",
		   date);
	add_box(p, UI_BOX, "From: ", buf_cstr(&b));
	box_sender(p, r);
	add_box(p, UI_BOX, "Subject: ", r->subject ? r->subject : "");
	buf_reset(&b);
	for (size_t i = 0; i < r->n_ips; i++) {
		const struct report_ip *ip = &r->ips[i];
		buf_printf(&b, "%s%s", i ? ", " : "", ip->text);
		if (ip->role != REPORT_IP_OFFENDER)
			buf_printf(&b, " (%s)", report_ip_role_name(ip->role));
		else if (!ip->in_scope)
			buf_puts(&b, " (not ours)");
	}
	add_box(p, UI_BOX, "IPs: ", r->n_ips ? buf_cstr(&b) : "none found");
	buf_free(&b);
}

static void box_attachments(struct pager *p, const struct report *r)
{
	for (size_t i = 0; i < r->n_attachments; i++) {
		const struct report_attachment *a = &r->attachments[i];
		char *s = xasprintf("%s (%s, %zu bytes)",
				    a->name ? a->name : "unnamed",
				    a->type ? a->type : "?", a->size);
		add_box(p, UI_BOX, "Attachment: ", s);
		free(s);
	}
}

/* The two answers the box exists for. Where the sender did not state the
 * problem or ask for anything, the program's own summary and advice
 * stand in, marked as such. */
static void box_answers(struct pager *p, const struct report *r)
{
	char *action;

	if (r->problem && !r->problem_derived) {
		add_box(p, UI_PROBLEM, "Problem: ", r->problem);
	} else if (r->problem) {
		char *s = xasprintf("%s (derived; the report states none)",
				    r->problem);
		add_box(p, UI_PROBLEM, "Problem: ", s);
		free(s);
	} else {
		char *s = xasprintf("%s (derived; the report states none)",
				    r->summary ? r->summary : "");
		add_box(p, UI_PROBLEM, "Problem: ", s);
		free(s);
	}
	if (r->action) {
		add_box(p, UI_ACTION, "Action: ", r->action);
		return;
	}
	action = xasprintf("No action requested. Suggested: %s",
			   r->advice ? r->advice : "");
	add_box(p, UI_ACTION, "Action: ", action);
	free(action);
}

static void build_box(struct ui *ui, struct pager *p, const struct report *r)
{
	add_line(p, PL_BOX_TOP, UI_BOX, NULL, xstrdup(""));
	if (r->analysis != REPORT_ANALYSIS_FULL)
		add_box(p, UI_PROBLEM,
			r->analysis == REPORT_ANALYSIS_NONE
			    ? "Not analysed: "
			    : "Partly analysed: ",
			r->analysis_note ? r->analysis_note : "no reason kept");
	box_answers(p, r);
	box_facts(ui, p, r);
	box_attachments(p, r);
	add_line(p, PL_BOX_BOTTOM, UI_BOX, NULL, xstrdup(""));
}

/* Whether line and sentence overlap enough to mark the line: the line
 * holds the sentence's start, or a long line is part of the sentence. */
static bool overlaps(const char *line, const char *sentence)
{
	char head[41];
	size_t n;

	if (!sentence || !*sentence)
		return false;
	while (*line == ' ' || *line == '>')
		line++;
	n = strlen(line);
	snprintf(head, sizeof head, "%s", sentence);
	if (strstr(line, head))
		return true;
	return n >= 24 && strstr(sentence, line) != NULL;
}

static enum ui_attr line_style(const struct report *r, const char *line)
{
	if (overlaps(line, r->problem))
		return UI_PROBLEM;
	if (overlaps(line, r->action))
		return UI_ACTION;
	for (size_t i = 0; i < r->n_evidence; i++)
		if (overlaps(line, r->evidence[i]))
			return UI_EVIDENCE;
	return UI_NORMAL;
}

/* Splits terminal-safe text (with \n) into lines of the given style, or
 * styled by r when r is not NULL. */
static void add_text(struct pager *p, const char *safe, const struct report *r)
{
	const char *s = safe;

	while (*s) {
		size_t n = strcspn(s, "\n");
		char *line = xstrndup(s, n);
		add_line(p, PL_TEXT, r ? line_style(r, line) : UI_NORMAL, NULL,
			 line);
		s += n + (s[n] == '\n');
	}
}

/* The box shows the report as stored (what the lists show too); only the
 * body is decoded again, for display. */
static int build_decoded(struct ui *ui, struct pager *p, struct err *e)
{
	struct report *r = NULL;
	char *text = NULL, *safe;
	int rc = store_report_get(ui->store, p->id, &r, e);

	if (rc == 0)
		rc = err_set(e, "the report is no longer in the cache");
	if (rc > 0)
		rc = store_message_text(ui->store, p->id, &text, e);
	if (rc < 0) {
		report_free(r);
		return -1;
	}
	build_box(ui, p, r);
	add_line(p, PL_TEXT, UI_NORMAL, NULL, xstrdup(""));
	safe = termsafe_cstr(text, TERMSAFE_KEEP_NEWLINES);
	add_text(p, safe, r);
	free(safe);
	free(text);
	free(p->title);
	p->title = ui_safe(r->subject ? r->subject : "(no subject)");
	report_free(r);
	return 0;
}

/* The report's state by the one rule, as the list it was opened from
 * shows it (a search hit: under its first address of ours). */
static void read_state(struct ui *ui, struct pager *p)
{
	struct triage_message *m = NULL;
	struct err e = {{0}};
	size_t n = 0;
	int rc =
	    p->group_ip
		? triage_messages_in_group(ui->triage, TRIAGE_IP, p->group_ip,
					   &p->id, 1, &m, &n, &e)
		: triage_messages_by_id(ui->triage, &p->id, 1, &m, &n, &e);

	p->state = rc == 0 && n ? m[0].state : STORE_STATE_OPEN;
	triage_messages_free(m, n);
}

static int pager_load(struct ui *ui, struct screen *sc, struct err *e)
{
	struct pager *p = sc->data;
	char *raw = NULL;
	size_t len = 0;
	int rc;

	clear_lines(p);
	read_state(ui, p);
	if (!p->raw)
		return build_decoded(ui, p, e);
	rc = store_message_raw(ui->store, p->id, &raw, &len, e);
	if (rc == 0)
		rc = err_set(e, "the report is no longer in the cache");
	if (rc > 0) {
		char *safe = termsafe(raw, len, TERMSAFE_KEEP_NEWLINES);
		add_text(p, safe, NULL);
		free(safe);
	}
	free(raw);
	return rc < 0 ? -1 : 0;
}

/* A reload (a state changed, new mail) reads the state again only:
 * deriving the report again would cost a decode and move nothing. */
static int pager_reload(struct ui *ui, struct screen *sc, struct err *e)
{
	(void)e;
	read_state(ui, sc->data);
	return 0;
}

static void pager_free(struct screen *sc)
{
	struct pager *p = sc->data;

	clear_lines(p);
	free(p->title);
	free(p->group_ip);
	free(p);
}

static void pager_title(struct ui *ui, struct screen *sc, struct buf *b)
{
	struct pager *p = sc->data;

	(void)ui;
	buf_printf(b, "%s", p->raw ? "[raw] " : "");
	if (p->state != STORE_STATE_OPEN)
		buf_printf(b, "[%s] ", store_state_name(p->state));
	buf_puts(b, p->title ? p->title : "");
}

/* Box lines wrap inside the box, after their label. */
static void rewrap(struct pager *p, int cols)
{
	size_t starts[512];

	free(p->v);
	p->v = NULL;
	p->n_v = 0;
	p->width = cols;
	p->at_match = false;
	for (size_t i = 0; i < p->n_lines; i++) {
		const struct pline *l = &p->lines[i];
		size_t w = (size_t)cols - 1, len = strlen(l->text), k;
		if (l->kind == PL_BOX)
			w = (size_t)cols - 4 -
			    utf8_width(l->label, strlen(l->label));
		k = layout_wrap(l->text, len, w > 8 ? w : 8, starts, 512);
		p->v = xreallocarray(p->v, p->n_v + k, sizeof *p->v);
		for (size_t j = 0; j < k; j++) {
			size_t end = j + 1 < k ? starts[j + 1] : len;
			p->v[p->n_v++] =
			    (struct vline){i, starts[j], end - starts[j]};
		}
	}
}

static void draw_rule(int y, int cols, bool top)
{
	mvaddch(y, 0, top ? ACS_ULCORNER : ACS_LLCORNER);
	mvhline(y, 1, ACS_HLINE, cols - 2);
	mvaddch(y, cols - 1, top ? ACS_URCORNER : ACS_LRCORNER);
}

/* The last search's matches on the piece of a line that v shows, painted
 * over it from column x; a match cut by the wrap shows on both lines. */
static void paint_matches(struct ui *ui, const struct pline *l,
			  const struct vline *v, int y, int x)
{
	size_t plen = ui->find ? strlen(ui->find) : 0, end = v->off + v->len;
	size_t from = v->off >= plen ? v->off - plen + 1 : 0, at, len;
	bool icase = plen && find_ignores_case(ui->find);

	while (plen && find_in(l->text, from, ui->find, icase, &at, &len) &&
	       at < end) {
		size_t s = at > v->off ? at : v->off;
		size_t e = at + len < end ? at + len : end;
		if (s < e) {
			char *piece = xstrndup(l->text + s, e - s);
			int col =
			    x + (int)utf8_width(l->text + v->off, s - v->off);
			ui_put(y, col, piece, (int)utf8_width(piece, e - s),
			       UI_MATCH);
			free(piece);
		}
		from = at + len;
	}
}

static void draw_vline(struct ui *ui, struct pager *p, const struct vline *v,
		       int y, int cols)
{
	const struct pline *l = &p->lines[v->line];
	char *piece = xstrndup(l->text + v->off, v->len);
	int x = 0;

	if (l->kind == PL_BOX_TOP || l->kind == PL_BOX_BOTTOM) {
		attr_set(ui_attr(ui, UI_BOX), 0, NULL);
		draw_rule(y, cols, l->kind == PL_BOX_TOP);
		attr_set(A_NORMAL, 0, NULL);
	} else if (l->kind == PL_BOX) {
		int lw = (int)utf8_width(l->label, strlen(l->label));
		ui_put(y, 0, "\u2502 ", 2, UI_BOX);
		if (v->off == 0)
			ui_put(y, 2, l->label, lw, l->a);
		ui_put(y, 2 + lw, piece, cols - 3 - lw, l->a);
		paint_matches(ui, l, v, y, 2 + lw);
		ui_put(y, cols - 1, "\u2502", 1, UI_BOX);
	} else {
		ui_put(y, x, piece, cols - 1, l->a);
		paint_matches(ui, l, v, y, x);
	}
	free(piece);
}

static void pager_draw(struct ui *ui, struct screen *sc, int y, int rows,
		       int cols)
{
	struct pager *p = sc->data;

	if (p->width != cols) {
		size_t first = sc->cursor < p->n_v ? p->v[sc->cursor].line : 0;
		rewrap(p, cols);
		sc->n = p->n_v;
		sc->cursor = 0;
		while (sc->cursor + 1 < p->n_v && p->v[sc->cursor].line < first)
			sc->cursor++;
	}
	sc->page = rows;
	screen_move(sc, 0);
	sc->top = sc->cursor;
	for (int r = 0; r < rows && sc->top + (size_t)r < p->n_v; r++)
		draw_vline(ui, p, &p->v[sc->top + (size_t)r], y + r, cols);
}

static const struct screen_ops pager_ops = {pager_draw, pager_reload,
					    pager_free, pager_title};

struct screen *pager_new(struct ui *ui, int64_t message_id,
			 const char *group_ip)
{
	struct screen *sc = xcalloc(1, sizeof *sc);
	struct pager *p = xcalloc(1, sizeof *p);
	struct err e = {{0}};

	p->id = message_id;
	p->group_ip = group_ip ? xstrdup(group_ip) : NULL;
	sc->ctx = UI_CTX_PAGER;
	sc->ops = &pager_ops;
	sc->scroll_only = true;
	sc->data = p;
	if (pager_load(ui, sc, &e) < 0)
		ui_error(ui, "%s", e.msg);
	return sc;
}

void pager_toggle_raw(struct ui *ui, struct screen *sc)
{
	struct pager *p = sc->data;
	struct err e = {{0}};

	p->raw = !p->raw;
	sc->cursor = 0;
	if (pager_load(ui, sc, &e) < 0)
		ui_error(ui, "%s", e.msg);
}

int64_t pager_message(struct screen *sc)
{
	return ((struct pager *)sc->data)->id;
}

const char *pager_group_ip(struct screen *sc)
{
	return ((struct pager *)sc->data)->group_ip;
}

void pager_show(struct ui *ui, struct screen *sc, int64_t message_id)
{
	struct pager *p = sc->data;
	struct err e = {{0}};

	p->id = message_id;
	p->raw = false;
	sc->cursor = 0;
	if (pager_load(ui, sc, &e) < 0)
		ui_error(ui, "%s", e.msg);
}

/* ---- search inside the report ---- */

static bool match_begins(const struct pager *p, size_t i, const char *pat,
			 bool icase)
{
	const struct vline *v = &p->v[i];
	size_t at, len;

	return find_in(p->lines[v->line].text, v->off, pat, icase, &at, &len) &&
	       at < v->off + v->len;
}

/* Goes to the first line from `from` on, going dir (1 or -1) and round
 * the end once, where a match of the last search begins. */
static void go_to_match(struct ui *ui, struct screen *sc, size_t from, int dir)
{
	struct pager *p = sc->data;
	bool icase = find_ignores_case(ui->find);

	for (size_t k = 0; k < p->n_v; k++) {
		size_t i = dir > 0 ? (from + k) % p->n_v
				   : (from + p->n_v - k % p->n_v) % p->n_v;
		if (!match_begins(p, i, ui->find, icase))
			continue;
		sc->cursor = p->match_v = i;
		p->at_match = true;
		if (dir > 0 ? i < from : i > from)
			ui_message(ui, dir > 0
					   ? "search wrapped to the top"
					   : "search wrapped to the bottom");
		return;
	}
	ui_error(ui, "not found: %s", ui->find);
}

void pager_search(struct ui *ui, struct screen *sc)
{
	char *pat = ui_prompt(ui, "Search the report: ", NULL);

	if (!pat)
		return;
	if (*pat) {
		free(ui->find);
		ui->find = pat;
	} else {
		free(pat); /* Enter alone: the last search again */
	}
	if (ui->find)
		go_to_match(ui, sc, sc->cursor, 1);
}

void pager_search_next(struct ui *ui, struct screen *sc, int dir)
{
	struct pager *p = sc->data;
	size_t cur = sc->cursor;

	if (!ui->find) {
		ui_error(ui, "no search yet: / searches the report");
		return;
	}
	if (!p->n_v)
		return;
	/* From the match gone to, while it is on the screen: the last page
	 * cannot scroll it to the top. */
	if (p->at_match && p->match_v >= sc->cursor &&
	    p->match_v < sc->cursor + (size_t)(sc->page > 0 ? sc->page : 1))
		cur = p->match_v;
	go_to_match(ui, sc,
		    dir > 0 ? (cur + 1) % p->n_v : (cur + p->n_v - 1) % p->n_v,
		    dir);
}

bool screen_is_pager(const struct screen *sc)
{
	return sc->ops == &pager_ops;
}
