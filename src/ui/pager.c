/* pager.c: one report. A box on top answers "what is the problem, what
 * should I do": compact (Problem:, Action:, the decision's note, one line
 * of facts, the IPs; five rows at most, a third of the body), one line
 * when the terminal is short, or whole (b: every fact, whether our mail
 * server verified the sender, attachments). Then
 * the decoded body, derived again from the raw mail, with problem, action
 * and evidence lines in bold, underline and reverse; a key shows the raw
 * source instead. Long lines wrap, never inside a link. */
#include "ui_priv.h"
#include "ui/find.h"
#include "core/customers.h"
#include "core/termsafe.h"
#include "core/utf8.h"
#include "core/xalloc.h"

#include <curses.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct pline {
	enum ui_attr a;
	char *label; /* box lines: "Problem: " */
	char *text;  /* terminal-safe */
};

/* Which boxes a box line is in: the compact one (at most five rows, by
 * priority), the full one (the b key), or both. */
enum { BOX_COMPACT = 1, BOX_FULL = 2, BOX_BOTH = 3 };

/* The compact box's lines by priority (layout_box_rows()). */
enum { PRIO_PROBLEM, PRIO_ACTION, PRIO_IPS, PRIO_NOTE, PRIO_FACTS };

struct boxline {
	struct pline l;
	unsigned in;
	int prio;
	bool ips;  /* the compact IP list, fitted to the width when laid out */
	bool note; /* the decision's note, set when the state is read */
	/* The facts line with the customer in it, and the full box's
	 * customer line: set with the state, as the file may change. */
	bool facts, customer;
};

enum vkind { V_TEXT, V_BOX, V_TOP, V_BOTTOM, V_ONE };

struct vline {
	enum vkind kind;
	const struct pline *l; /* NULL for the rules */
	size_t off, len;
	size_t text; /* V_TEXT: the index of its line, to keep the place */
};

struct pager {
	int64_t id;
	char *group_ip;		/* the group it was opened from; NULL: none */
	char *first_ip;		/* the report's first address of ours */
	enum store_state state; /* as that group's list shows it */
	bool raw;
	bool full; /* the whole box (b), not the compact one */
	char *title;
	/* The compact facts line before and after the customer's place. */
	char *facts_head, *facts_tail;
	struct boxline *box;
	size_t n_box;
	char **ips; /* "192.0.2.1 (victim)", terminal-safe */
	size_t n_ips;
	char **heads; /* addresses of the headers, for the URL view */
	size_t n_heads;
	struct pline *lines; /* the text under the box */
	size_t n_lines;
	struct vline *v; /* laid out for width and rows */
	size_t n_v;
	int width, rows; /* of the last layout; 0: lay out again */
	bool laid_full;
	size_t match_v; /* the line n and N go on from, when at_match */
	bool at_match;
};

static void add_line(struct pager *p, enum ui_attr a, char *text)
{
	p->lines = xreallocarray(p->lines, p->n_lines + 1, sizeof *p->lines);
	p->lines[p->n_lines++] = (struct pline){a, NULL, text};
}

/* Takes over text (terminal-safe already). */
static struct boxline *add_boxline(struct pager *p, unsigned in, int prio,
				   enum ui_attr a, const char *label,
				   char *text)
{
	p->box = xreallocarray(p->box, p->n_box + 1, sizeof *p->box);
	p->box[p->n_box] = (struct boxline){
	    {a, xstrdup(label), text}, in, prio, false, false, false, false};
	return &p->box[p->n_box++];
}

static struct boxline *add_box(struct pager *p, unsigned in, int prio,
			       enum ui_attr a, const char *label,
			       const char *mail_text)
{
	return add_boxline(p, in, prio, a, label, ui_safe(mail_text));
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void clear_lines(struct pager *p)
{
	for (size_t i = 0; i < p->n_lines; i++)
		free(p->lines[i].text);
	for (size_t i = 0; i < p->n_box; i++) {
		free(p->box[i].l.label);
		free(p->box[i].l.text);
	}
	free_strings(p->ips, p->n_ips);
	free_strings(p->heads, p->n_heads);
	free(p->lines);
	free(p->box);
	free(p->v);
	p->lines = NULL;
	p->box = NULL;
	p->v = NULL;
	p->ips = p->heads = NULL;
	p->n_lines = p->n_box = p->n_v = p->n_ips = p->n_heads = 0;
	free(p->first_ip);
	free(p->facts_head);
	free(p->facts_tail);
	p->first_ip = p->facts_head = p->facts_tail = NULL;
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
		add_box(p, BOX_FULL, 0,
			r->auth_verdict == REPORT_AUTH_NOT_VERIFIED ? UI_PROBLEM
								    : UI_BOX,
			"Sender: ", buf_cstr(&b));
	}
	buf_free(&b);
}

static void add_head(struct pager *p, const char *mail_text)
{
	if (!mail_text || !*mail_text)
		return;
	p->heads = xreallocarray(p->heads, p->n_heads + 1, sizeof *p->heads);
	p->heads[p->n_heads++] = ui_safe(mail_text);
}

/* The addresses, each with its role when it is no offender of ours; the
 * first of ours is what the history key means here. */
static void box_ips(struct pager *p, const struct report *r, struct buf *all)
{
	p->ips = xcalloc(r->n_ips ? r->n_ips : 1, sizeof *p->ips);
	for (size_t i = 0; i < r->n_ips; i++) {
		const struct report_ip *ip = &r->ips[i];
		char *s = ip->role != REPORT_IP_OFFENDER
			      ? xasprintf("%s (%s)", ip->text,
					  report_ip_role_name(ip->role))
			  : !ip->in_scope ? xasprintf("%s (not ours)", ip->text)
					  : xstrdup(ip->text);
		p->ips[p->n_ips++] = ui_safe(s);
		buf_printf(all, "%s%s", i ? ", " : "", s);
		free(s);
		if (ip->in_scope && !p->first_ip)
			p->first_ip = xstrdup(ip->text);
	}
}

/* The compact box's one line of facts: reporter, category, the customer
 * (set_customer()), format, case and how far the analysis read the
 * mail. */
static void box_summary(struct pager *p, const struct report *r)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, "%s", r->reporter ? r->reporter : "unknown");
	if (r->original_reporter)
		buf_printf(&b, " (for %s)", r->original_reporter);
	buf_printf(&b, " \u00b7 %s/%s", r->category ? r->category : "other",
		   r->type ? r->type : "other");
	p->facts_head = buf_steal(&b);
	buf_printf(&b, " \u00b7 %s", report_format_name(r->format));
	if (r->case_ref)
		buf_printf(&b, " \u00b7 case %s", r->case_ref);
	if (r->auth_verdict == REPORT_AUTH_NOT_VERIFIED)
		buf_puts(&b, " \u00b7 sender not verified");
	if (r->analysis != REPORT_ANALYSIS_FULL)
		buf_printf(&b, " \u00b7 %s",
			   r->analysis == REPORT_ANALYSIS_NONE
			       ? "not analysed"
			       : "partly analysed");
	p->facts_tail = xstrdup(buf_cstr(&b));
	add_box(p, BOX_COMPACT, PRIO_FACTS, UI_BOX, "Reporter: ", "")->facts =
	    true;
	buf_free(&b);
}

static void box_facts(struct ui *ui, struct pager *p, const struct report *r)
{
	struct buf b = BUF_INIT;
	char date[64];

	box_summary(p, r);
	buf_printf(&b, "%s", r->reporter ? r->reporter : "unknown");
	if (r->original_reporter)
		buf_printf(&b, " (for %s)", r->original_reporter);
	buf_printf(&b, "    Category: %s/%s    Format: %s",
		   r->category ? r->category : "other",
		   r->type ? r->type : "other", report_format_name(r->format));
	add_box(p, BOX_FULL, 0, UI_BOX, "Reporter: ", buf_cstr(&b));
	buf_reset(&b);
	ui_date(ui, r->date, date, sizeof date);
	buf_printf(&b, "%s    Date: %s", r->from_addr ? r->from_addr : "-",
		   date);
	add_box(p, BOX_FULL, 0, UI_BOX, "From: ", buf_cstr(&b));
	box_sender(p, r);
	/* The title shows the subject, cut to the width; whole here. */
	add_box(p, BOX_FULL, 0, UI_BOX,
		"Subject: ", r->subject ? r->subject : "");
	buf_reset(&b);
	box_ips(p, r, &b);
	add_box(p, BOX_FULL, 0, UI_BOX,
		"IPs: ", r->n_ips ? buf_cstr(&b) : "none found");
	add_box(p, BOX_FULL, 0, UI_BOX, "Customer: ", "")->customer = true;
	add_boxline(p, BOX_COMPACT, PRIO_IPS, UI_BOX, "IPs: ", xstrdup(""))
	    ->ips = true;
	buf_free(&b);
}

static void box_attachments(struct pager *p, const struct report *r)
{
	for (size_t i = 0; i < r->n_attachments; i++) {
		const struct report_attachment *a = &r->attachments[i];
		char *s = xasprintf("%s (%s, %zu bytes)",
				    a->name ? a->name : "unnamed",
				    a->type ? a->type : "?", a->size);
		add_box(p, BOX_FULL, 0, UI_BOX, "Attachment: ", s);
		free(s);
	}
}

/* The two answers the box exists for. Where the sender did not state the
 * problem or ask for anything, the program's own summary and advice
 * stand in, marked as such; a sentence that is both is shown once. */
static void box_answers(struct pager *p, const struct report *r)
{
	const char *problem = r->problem ? r->problem : r->summary;
	char *action;

	if (r->problem && r->action && strcmp(r->problem, r->action) == 0) {
		add_box(p, BOX_BOTH, PRIO_PROBLEM, UI_PROBLEM,
			"Problem and action: ", r->problem);
		return;
	}
	if (r->problem && !r->problem_derived) {
		add_box(p, BOX_BOTH, PRIO_PROBLEM, UI_PROBLEM,
			"Problem: ", r->problem);
	} else {
		char *s = xasprintf("%s (derived; the report states none)",
				    problem ? problem : "");
		add_box(p, BOX_BOTH, PRIO_PROBLEM, UI_PROBLEM, "Problem: ", s);
		free(s);
	}
	if (r->action) {
		add_box(p, BOX_BOTH, PRIO_ACTION, UI_ACTION,
			"Action: ", r->action);
		return;
	}
	action = xasprintf("No action requested. Suggested: %s",
			   r->advice ? r->advice : "");
	add_box(p, BOX_BOTH, PRIO_ACTION, UI_ACTION, "Action: ", action);
	free(action);
}

static void build_box(struct ui *ui, struct pager *p, const struct report *r)
{
	if (r->analysis != REPORT_ANALYSIS_FULL)
		add_box(p, BOX_FULL, 0, UI_PROBLEM,
			r->analysis == REPORT_ANALYSIS_NONE
			    ? "Not analysed: "
			    : "Partly analysed: ",
			r->analysis_note ? r->analysis_note : "no reason kept");
	box_answers(p, r);
	add_boxline(p, BOX_BOTH, PRIO_NOTE, UI_NORMAL, "Note: ", xstrdup(""))
	    ->note = true;
	box_facts(ui, p, r);
	box_attachments(p, r);
	add_head(p, r->from_addr);
	add_head(p, r->reply_to);
	add_head(p, r->unsub_target);
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
		add_line(p, r ? line_style(r, line) : UI_NORMAL, line);
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
	safe = termsafe_cstr(text, TERMSAFE_KEEP_NEWLINES);
	add_text(p, safe, r);
	free(safe);
	free(text);
	free(p->title);
	p->title = ui_safe(r->subject ? r->subject : "(no subject)");
	report_free(r);
	return 0;
}

static void set_note(struct pager *p, const char *note)
{
	for (size_t i = 0; i < p->n_box; i++) {
		if (!p->box[i].note)
			continue;
		free(p->box[i].l.text);
		p->box[i].l.text = ui_safe(note ? note : "");
	}
	p->width = 0;
}

static char *customer_text(const struct customer *k)
{
	struct buf b = BUF_INIT;
	char net[IP_TEXT_MAX + 4];
	char *safe;

	cidr_format(&k->net, net, sizeof net);
	buf_puts(&b, k->name);
	if (*k->contact)
		buf_printf(&b, " <%s>", k->contact);
	if (*k->id)
		buf_printf(&b, "    Id: %s", k->id);
	buf_printf(&b, "    Prefix: %s", net);
	safe = ui_safe(buf_cstr(&b));
	buf_free(&b);
	return safe;
}

/* The customer of the IP the pager is about, by the [customers] file as
 * it is now: on the facts line and, whole, on a line of the full box. */
static void set_customer(struct ui *ui, struct pager *p)
{
	const char *ip = p->group_ip ? p->group_ip : p->first_ip;
	const struct customer *k = ip ? ui_customer(ui, ip) : NULL;

	for (size_t i = 0; i < p->n_box; i++) {
		struct boxline *b = &p->box[i];
		char *s;
		if (b->facts) {
			s = xasprintf("%s%s%s%s", p->facts_head,
				      k ? " \u00b7 customer " : "",
				      k ? k->name : "", p->facts_tail);
			free(b->l.text);
			b->l.text = ui_safe(s);
			free(s);
		} else if (b->customer) {
			free(b->l.text);
			b->l.text = k ? customer_text(k) : xstrdup("");
		}
	}
	p->width = 0;
}

/* The report's state by the one rule, as the list it was opened from
 * shows it (a search hit: under its first address of ours), with the
 * note of the decision it follows. */
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
	set_note(p, rc == 0 && n ? m[0].note : NULL);
	triage_messages_free(m, n);
}

static int pager_load(struct ui *ui, struct screen *sc, struct err *e)
{
	struct pager *p = sc->data;
	char *raw = NULL;
	size_t len = 0;
	int rc;

	clear_lines(p);
	if (!p->raw) {
		rc = build_decoded(ui, p, e);
		read_state(ui, p);
		set_customer(ui, p);
		return rc;
	}
	read_state(ui, p);
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
	set_customer(ui, sc->data);
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

/* ---- layout ---- */

static char nothing[] = "";
static const struct pline blank = {UI_NORMAL, NULL, nothing};

static void add_v(struct pager *p, struct vline v)
{
	p->v = xreallocarray(p->v, p->n_v + 1, sizeof *p->v);
	p->v[p->n_v++] = v;
}

/* Columns left for a box line's text after its label. */
static size_t box_width(const struct pline *l, int cols)
{
	size_t lw = utf8_width(l->label, strlen(l->label));
	size_t w = (size_t)cols > lw + 4 ? (size_t)cols - 4 - lw : 0;

	return w > 8 ? w : 8;
}

/* Puts line l's pieces at width w; at most max rows (0: all), the last
 * one then running on to be cut with "…" when drawn. */
static void add_pieces(struct pager *p, const struct pline *l, enum vkind k,
		       size_t text, size_t w, size_t max)
{
	size_t starts[1024];
	size_t len = strlen(l->text);
	size_t n = layout_wrap(l->text, len, w, starts, 1024);

	for (size_t j = 0; j < n && (!max || j < max); j++) {
		bool last = j + 1 == n || (max && j + 1 == max);
		size_t end = last ? len : starts[j + 1];
		add_v(p,
		      (struct vline){k, l, starts[j], end - starts[j], text});
	}
}

static size_t piece_count(const struct pline *l, size_t w)
{
	size_t starts[1024];

	return layout_wrap(l->text, strlen(l->text), w, starts, 1024);
}

static bool box_shown(const struct boxline *b, unsigned in)
{
	return (b->in & in) && (b->ips || b->l.text[0]);
}

/* The compact IP list fits its one line at this width. */
static void fit_ips(struct pager *p, struct boxline *b, int cols)
{
	struct buf l = BUF_INIT;

	layout_list(&l, (const char *const *)p->ips, p->n_ips,
		    box_width(&b->l, cols));
	free(b->l.text);
	b->l.text = p->n_ips ? buf_steal(&l) : xstrdup("none found");
	buf_free(&l);
}

/* The compact box's lines (a handful: at most 16 are looked at), each
 * given the rows layout_box_rows() shares out. */
static void lay_compact(struct pager *p, int cols, int budget)
{
	struct layout_boxline want[16];
	struct boxline *line[16];
	int rows[16], n = 0;

	for (size_t i = 0; i < p->n_box && n < 16; i++) {
		struct boxline *b = &p->box[i];
		if (b->ips)
			fit_ips(p, b, cols);
		if (!box_shown(b, BOX_COMPACT))
			continue;
		line[n] = b;
		want[n].want = (int)piece_count(&b->l, box_width(&b->l, cols));
		want[n++].prio = b->prio;
	}
	layout_box_rows(want, n, budget, rows);
	for (int i = 0; i < n; i++)
		if (rows[i])
			add_pieces(p, &line[i]->l, V_BOX, 0,
				   box_width(&line[i]->l, cols),
				   (size_t)rows[i]);
}

/* The box for the height: the compact one, the full one (b), or only
 * the problem line when the compact one would take too much. */
static void lay_box(struct pager *p, int cols, int rows)
{
	int budget = layout_box_budget(rows);

	if (!p->full && !budget) {
		for (size_t i = 0; i < p->n_box; i++)
			if (p->box[i].prio == PRIO_PROBLEM &&
			    box_shown(&p->box[i], BOX_COMPACT)) {
				const struct pline *l = &p->box[i].l;
				add_v(p, (struct vline){V_ONE, l, 0,
							strlen(l->text), 0});
				break;
			}
		return;
	}
	add_v(p, (struct vline){V_TOP, NULL, 0, 0, 0});
	if (p->full) {
		for (size_t i = 0; i < p->n_box; i++)
			if (box_shown(&p->box[i], BOX_FULL))
				add_pieces(p, &p->box[i].l, V_BOX, 0,
					   box_width(&p->box[i].l, cols), 0);
	} else {
		lay_compact(p, cols, budget);
	}
	add_v(p, (struct vline){V_BOTTOM, NULL, 0, 0, 0});
	add_v(p, (struct vline){V_TEXT, &blank, 0, 0, 0});
}

/* Lays the box and the text out for cols and rows, keeping the first
 * line of text shown where it was. */
static void layout(struct pager *p, struct screen *sc, int cols, int rows)
{
	size_t keep = SIZE_MAX;

	if (sc->cursor < p->n_v && p->v[sc->cursor].kind == V_TEXT &&
	    p->v[sc->cursor].l != &blank)
		keep = p->v[sc->cursor].text;
	free(p->v);
	p->v = NULL;
	p->n_v = 0;
	p->width = cols;
	p->at_match = false;
	p->rows = rows;
	p->laid_full = p->full;
	if (!p->raw)
		lay_box(p, cols, rows);
	for (size_t i = 0; i < p->n_lines; i++)
		add_pieces(p, &p->lines[i], V_TEXT, i, (size_t)cols - 1, 0);
	sc->n = p->n_v;
	sc->cursor = 0;
	while (keep != SIZE_MAX && sc->cursor + 1 < p->n_v &&
	       (p->v[sc->cursor].kind != V_TEXT ||
		p->v[sc->cursor].l == &blank || p->v[sc->cursor].text < keep))
		sc->cursor++;
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

static void draw_vline(struct ui *ui, const struct vline *v, int y, int cols)
{
	const struct pline *l = v->l;
	char *piece = l ? xstrndup(l->text + v->off, v->len) : NULL;
	int lw =
	    l && l->label ? (int)utf8_width(l->label, strlen(l->label)) : 0;

	if (v->kind == V_TOP || v->kind == V_BOTTOM) {
		attr_set(ui_attr(ui, UI_BOX), 0, NULL);
		draw_rule(y, cols, v->kind == V_TOP);
		attr_set(A_NORMAL, 0, NULL);
	} else if (v->kind == V_BOX) {
		ui_put(y, 0, "\u2502 ", 2, UI_BOX);
		if (v->off == 0)
			ui_put(y, 2, l->label, lw, l->a);
		ui_put(y, 2 + lw, piece, cols - 3 - lw, l->a);
		paint_matches(ui, l, v, y, 2 + lw);
		ui_put(y, cols - 1, "\u2502", 1, UI_BOX);
	} else if (v->kind == V_ONE) {
		ui_put(y, 0, l->label, lw, l->a);
		ui_put(y, lw, piece, cols - 1 - lw, l->a);
		paint_matches(ui, l, v, y, lw);
	} else {
		ui_put(y, 0, piece, cols - 1, l->a);
		paint_matches(ui, l, v, y, 0);
	}
	free(piece);
}

static void pager_draw(struct ui *ui, struct screen *sc, int y, int rows,
		       int cols)
{
	struct pager *p = sc->data;

	if (p->width != cols || p->rows != rows || p->laid_full != p->full)
		layout(p, sc, cols, rows);
	sc->page = rows;
	screen_move(sc, 0);
	sc->top = sc->cursor;
	for (int r = 0; r < rows && sc->top + (size_t)r < p->n_v; r++)
		draw_vline(ui, &p->v[sc->top + (size_t)r], y + r, cols);
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

void pager_toggle_box(struct ui *ui, struct screen *sc)
{
	struct pager *p = sc->data;

	if (p->raw) {
		ui_message(ui, "the raw source has no box");
		return;
	}
	p->full = !p->full;
	sc->cursor = 0;
	p->width = 0;
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

	return v->l && find_in(v->l->text, v->off, pat, icase, &at, &len) &&
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

const char *pager_ip(struct screen *sc)
{
	struct pager *p = sc->data;

	return p->group_ip ? p->group_ip : p->first_ip;
}

void pager_urls(struct ui *ui, struct screen *sc)
{
	struct pager *p = sc->data;
	size_t n = p->n_heads + p->n_lines;
	const char **texts = xcalloc(n ? n : 1, sizeof *texts);

	for (size_t i = 0; i < p->n_heads; i++)
		texts[i] = p->heads[i];
	for (size_t i = 0; i < p->n_lines; i++)
		texts[p->n_heads + i] = p->lines[i].text;
	ui_push(ui, urls_new(ui, texts, n));
	free(texts);
}

bool screen_is_pager(const struct screen *sc)
{
	return sc->ops == &pager_ops;
}
