/* compose_reply.c: the draft of a reply — its subject, the template with
 * its fields filled, the quote of the report and the signature — and the
 * draft as the text the user edits. */
#include "actions/compose.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Prefixes a reply or forward puts before a subject, in the languages
 * reporters write in; each is followed by ':' (or "[2]:"). */
static const char *const reply_prefixes[] = {"re", "aw",  "fwd",  "fw",
					     "wg", "sv",  "antw", "vs",
					     "tr", "odp", "rif",  NULL};

/* The length of "Re:" or "AW[2]:" at s, or 0. */
static size_t prefix_len(const char *s)
{
	for (const char *const *p = reply_prefixes; *p; p++) {
		size_t n = strlen(*p);
		const char *q = s + n;

		if (strncasecmp(s, *p, n) != 0)
			continue;
		if (*q == '[' || *q == '(') {
			while (isdigit((unsigned char)*++q))
				;
			if (*q != ']' && *q != ')')
				continue;
			q++;
		}
		if (*q == ':')
			return (size_t)(q + 1 - s);
	}
	return 0;
}

/* The length of a "[tag]" at s followed by a prefix, or 0: such a tag
 * (a list name, "[Case #1]") is kept while the prefix after it goes. */
static size_t tag_before_prefix(const char *s)
{
	const char *end = *s == '[' ? strchr(s, ']') : NULL;
	const char *after = end ? end + 1 : NULL;

	while (after && *after == ' ')
		after++;
	return after && prefix_len(after) ? (size_t)(end + 1 - s) : 0;
}

char *compose_reply_subject(const char *original)
{
	struct buf tags = BUF_INIT;
	const char *s = original ? original : "";
	char *out;

	for (;;) {
		size_t n;

		while (*s == ' ' || *s == '\t')
			s++;
		if ((n = prefix_len(s))) {
			s += n;
		} else if ((n = tag_before_prefix(s))) {
			buf_append(&tags, s, n);
			buf_putc(&tags, ' ');
			s += n;
		} else {
			break;
		}
	}
	out = xasprintf("Re: %s%s", buf_cstr(&tags), s);
	buf_free(&tags);
	return out;
}

/* ---- templates ---- */

static const char *field_value(const struct compose_fields *f, const char *name,
			       size_t n)
{
	const struct {
		const char *name, *value;
	} t[] = {{"ip", f->ip},		  {"reporter", f->reporter},
		 {"subject", f->subject}, {"date", f->date},
		 {"problem", f->problem}, {"action", f->action},
		 {"case", f->case_id},	  {"customer", f->customer}};

	for (size_t i = 0; i < sizeof t / sizeof *t; i++)
		if (strlen(t[i].name) == n && strncmp(t[i].name, name, n) == 0)
			return t[i].value ? t[i].value : "";
	return NULL;
}

char *compose_fill(const char *tmpl, const struct compose_fields *f)
{
	struct buf b = BUF_INIT;
	const char *p = tmpl ? tmpl : "";

	while (*p) {
		const char *end = *p == '{' ? strchr(p, '}') : NULL;
		const char *v =
		    end ? field_value(f, p + 1, (size_t)(end - p - 1)) : NULL;

		if (v) {
			buf_puts(&b, v);
			p = end + 1;
		} else {
			buf_putc(&b, *p++);
		}
	}
	return buf_steal(&b);
}

/* ---- the draft ---- */

void compose_draft_clear(struct compose_draft *d)
{
	if (!d)
		return;
	free(d->to);
	free(d->cc);
	free(d->subject);
	free(d->body);
	memset(d, 0, sizeof *d);
}

/* The header this draft line sets, or NULL: To, Cc, Subject. */
static char **draft_field(struct compose_draft *d, const char *line,
			  size_t *name_len)
{
	static const char *const names[] = {"to", "cc", "subject"};
	char **slots[] = {&d->to, &d->cc, &d->subject};

	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(names[i]);

		if (strncasecmp(line, names[i], n) == 0 && line[n] == ':') {
			*name_len = n + 1;
			return slots[i];
		}
	}
	return NULL;
}

static char *trimmed(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* Reads "Name: value" lines (folded lines joined) until a blank line;
 * returns where the body starts, or NULL when text has no header block
 * (its first line is no header this draft knows). */
static const char *draft_headers(const char *text, struct compose_draft *d)
{
	const char *p = text;
	char **last = NULL;
	size_t skip;

	if (!draft_field(d, text, &skip))
		return NULL;
	while (*p && *p != '\n' && !(*p == '\r' && p[1] == '\n')) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		char **slot = draft_field(d, p, &skip);

		if (slot) {
			free(*slot);
			*slot = trimmed(p + skip, n - skip);
			last = slot;
		} else if ((*p == ' ' || *p == '\t') && last) {
			char *more = trimmed(p, n);
			char *joined = xasprintf("%s %s", *last, more);
			free(*last);
			free(more);
			*last = joined;
		} else {
			last = NULL;
		}
		p += n + (eol ? 1 : 0);
	}
	if (*p == '\r')
		p++;
	return *p == '\n' ? p + 1 : p;
}

void compose_draft_parse(const char *text, struct compose_draft *out)
{
	const char *body;

	memset(out, 0, sizeof *out);
	body = draft_headers(text, out);
	out->body = xstrdup(body ? body : text);
	if (!out->to)
		out->to = xstrdup("");
	if (!out->cc)
		out->cc = xstrdup("");
	if (!out->subject)
		out->subject = xstrdup("");
}

char *compose_draft_text(const struct compose_draft *d)
{
	return xasprintf("To: %s\nCc: %s\nSubject: %s\n\n%s",
			 d->to ? d->to : "", d->cc ? d->cc : "",
			 d->subject ? d->subject : "", d->body ? d->body : "");
}

/* "> " before every line of text. */
static void quote_lines(struct buf *b, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);
		size_t shown = n && p[n - 1] == '\r' ? n - 1 : n;

		buf_puts(b, shown ? "> " : ">");
		buf_append(b, p, shown);
		buf_putc(b, '\n');
		p += n + (eol ? 1 : 0);
	}
}

static bool set(const char *s)
{
	return s && *s;
}

/* The report's problem and action lines and its evidence: what the reply
 * answers, not the whole mail. */
static void put_quote(struct buf *b, const struct compose_report *r,
		      const char *who, const struct compose_fields *f)
{
	if (!set(r->problem) && !set(r->action) && !r->n_evidence)
		return;
	if (set(f->date))
		buf_printf(b, "\nOn %s, %s wrote:\n", f->date, who);
	else
		buf_printf(b, "\n%s wrote:\n", who);
	if (set(r->problem))
		quote_lines(b, r->problem);
	if (set(r->action))
		quote_lines(b, r->action);
	if (r->n_evidence && (set(r->problem) || set(r->action)))
		buf_puts(b, ">\n");
	for (size_t i = 0; i < r->n_evidence; i++)
		quote_lines(b, r->evidence[i]);
}

/* A template's own header lines ("Subject:", "Cc:") up to a blank line
 * go to d; returns the body of the template. */
static const char *template_headers(const char *tmpl,
				    const struct compose_fields *f,
				    struct compose_draft *d)
{
	struct compose_draft h;
	const char *body = draft_headers(tmpl, memset(&h, 0, sizeof h));

	if (!body)
		return tmpl;
	if (set(h.subject))
		d->subject = compose_fill(h.subject, f);
	if (set(h.cc))
		d->cc = compose_fill(h.cc, f);
	compose_draft_clear(&h);
	return body;
}

int compose_reply_draft(const struct compose_report *r, const char *tmpl,
			const struct compose_fields *f, const char *signature,
			struct compose_draft *out, struct err *e)
{
	const char *to = set(r->reply_to) ? r->reply_to : r->from_addr;
	struct buf b = BUF_INIT;
	char *text;

	memset(out, 0, sizeof *out);
	if (!set(to))
		return err_set(e, "the report has no From or Reply-To "
				  "address to answer");
	text = compose_fill(template_headers(tmpl ? tmpl : "", f, out), f);
	buf_puts(&b, text);
	free(text);
	if (b.len && b.data[b.len - 1] != '\n')
		buf_putc(&b, '\n');
	put_quote(&b, r, to, f);
	if (set(signature)) {
		buf_puts(&b, "\n-- \n");
		buf_puts(&b, signature);
		if (b.data[b.len - 1] != '\n')
			buf_putc(&b, '\n');
	}
	out->to = xstrdup(to);
	if (!out->cc)
		out->cc = xstrdup("");
	if (!out->subject)
		out->subject = compose_reply_subject(r->subject);
	out->body = buf_steal(&b);
	return 0;
}
