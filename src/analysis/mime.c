/* mime.c: walks libetpan's MIME tree and turns every part into UTF-8 text
 * (or notes it as a binary attachment). An attached message contributes its
 * header block and its parts, all marked embedded. */
#include "analysis/mime.h"
#include "mime_bound.h"
#include "prose.h"
#include "analysis/attach.h"
#include "analysis/charset.h"
#include "analysis/html.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <libetpan/libetpan.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct walk {
	struct mime_doc *doc;
	size_t text_total;
	bool keep; /* the attachments' bytes too */
};

static char *lower_dup(const char *s)
{
	char *d = xstrdup(s);

	for (char *p = d; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return d;
}

static const char *const discrete_names[] = {
    [MAILMIME_DISCRETE_TYPE_TEXT] = "text",
    [MAILMIME_DISCRETE_TYPE_IMAGE] = "image",
    [MAILMIME_DISCRETE_TYPE_AUDIO] = "audio",
    [MAILMIME_DISCRETE_TYPE_VIDEO] = "video",
    [MAILMIME_DISCRETE_TYPE_APPLICATION] = "application",
};

static const char *main_type(const struct mailmime_type *t)
{
	if (t->tp_type == MAILMIME_TYPE_DISCRETE_TYPE) {
		const struct mailmime_discrete_type *d =
		    t->tp_data.tp_discrete_type;
		if (d->dt_type == MAILMIME_DISCRETE_TYPE_EXTENSION)
			return d->dt_extension;
		if (d->dt_type > 0 &&
		    d->dt_type <= MAILMIME_DISCRETE_TYPE_APPLICATION)
			return discrete_names[d->dt_type];
		return "application";
	}
	const struct mailmime_composite_type *c = t->tp_data.tp_composite_type;
	if (c->ct_type == MAILMIME_COMPOSITE_TYPE_MESSAGE)
		return "message";
	if (c->ct_type == MAILMIME_COMPOSITE_TYPE_MULTIPART)
		return "multipart";
	return c->ct_token ? c->ct_token : "application";
}

/* "type/subtype" in lowercase; text/plain when the part has no header. */
static char *content_type(const struct mailmime_content *ct)
{
	char *s, *l;

	if (!ct || !ct->ct_type || !ct->ct_subtype)
		return xstrdup("text/plain");
	s = xasprintf("%s/%s", main_type(ct->ct_type), ct->ct_subtype);
	l = lower_dup(s);
	free(s);
	return l;
}

static struct mime_part *add_part(struct walk *w, const char *type,
				  bool embedded)
{
	struct mime_doc *d = w->doc;
	struct mime_part *p;

	if (d->n >= MIME_MAX_PARTS) {
		d->limit = "more MIME parts than are read";
		return NULL;
	}
	d->parts = xreallocarray(d->parts, d->n + 1, sizeof *d->parts);
	p = &d->parts[d->n++];
	memset(p, 0, sizeof *p);
	p->type = xstrdup(type);
	p->embedded = embedded;
	return p;
}

/* Where text of len bytes is cut to fit in room: after the last whole
 * line that fits, or at a character boundary when no line ends there. */
static size_t fitting_prefix(const char *text, size_t len, size_t room)
{
	size_t n = len < room ? len : room;
	const char *nl = n ? memrchr(text, '\n', n) : NULL;

	if (n == len)
		return n;
	if (nl)
		return (size_t)(nl - text) + 1;
	while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
		n--;
	return n;
}

/* Takes ownership of text; keeps what fits in the text budget, so that a
 * log or CSV too long to read whole still gives its first lines. */
static void set_text(struct walk *w, struct mime_part *p, char *text,
		     size_t len)
{
	size_t keep = fitting_prefix(text, len, MIME_MAX_TEXT - w->text_total);

	if (keep < len) {
		w->doc->limit = "text beyond the size that is read";
		text[keep] = '\0';
	}
	w->text_total += keep;
	p->text = text;
	p->len = keep;
}

static void read_zip(struct walk *w, struct mime_part *p, const char *data,
		     size_t len)
{
	struct buf b = BUF_INIT;
	size_t left = MIME_MAX_TEXT - w->text_total;

	if (attach_unzip(data, len, &b, left) <= 0) {
		buf_free(&b);
		p->len = len;
		return;
	}
	size_t n;
	char *text = charset_to_utf8(NULL, b.data ? b.data : "", b.len, &n);
	buf_free(&b);
	set_text(w, p, text, n);
}

static void read_content(struct walk *w, struct mime_part *p,
			 const char *charset, const char *data, size_t len)
{
	enum attach_kind kind = attach_kind(p->type, p->name);
	size_t n;
	char *text;

	if (kind == ATTACH_ZIP) {
		read_zip(w, p, data, len);
		return;
	}
	if (kind == ATTACH_BINARY) {
		p->len = len;
		return;
	}
	text = charset_to_utf8(charset, data, len, &n);
	if (kind == ATTACH_HTML) {
		char *plain = html_to_text(text, n, &n, &w->doc->limit);
		free(text);
		text = plain;
	}
	set_text(w, p, text, n);
}

static const char *part_name(const struct mailmime_single_fields *sf)
{
	if (sf->fld_disposition_filename)
		return sf->fld_disposition_filename;
	return sf->fld_content_name;
}

static bool is_attachment(const struct mailmime_single_fields *sf)
{
	const struct mailmime_disposition *d = sf->fld_disposition;

	if (d && d->dsp_type &&
	    d->dsp_type->dsp_type == MAILMIME_DISPOSITION_TYPE_ATTACHMENT)
		return true;
	return part_name(sf) != NULL;
}

/* libetpan's quoted-printable decoder reads one byte past the end of a
 * body that ends in "=" and one character other than a line end; such a
 * body is decoded from a copy with a NUL after it. */
static bool qp_reads_past_end(int encoding, const char *s, size_t len)
{
	return encoding == MAILMIME_MECHANISM_QUOTED_PRINTABLE && len >= 2 &&
	       s[len - 2] == '=' && s[len - 1] != '\n' && s[len - 1] != '\r';
}

/* A copy of an attachment's content; a text part's line ends become the
 * system's own (a lone LF), as mutt saves them. */
static void keep_bytes(struct mime_part *p, const char *data, size_t len)
{
	bool text = strncmp(p->type, "text/", 5) == 0;
	size_t k = 0;

	p->bytes = xmalloc(len ? len : 1);
	for (size_t i = 0; i < len; i++)
		if (!(text && data[i] == '\r' && i + 1 < len &&
		      data[i + 1] == '\n'))
			p->bytes[k++] = data[i];
	p->n_bytes = k;
}

/* Whether libetpan's decoding of a body would change more than its last
 * line end: a 7bit, 8bit or binary body (most of a large mail) is read in
 * place rather than from libetpan's copy of it. */
static bool decodes_as_is(int encoding)
{
	return encoding != MAILMIME_MECHANISM_QUOTED_PRINTABLE &&
	       encoding != MAILMIME_MECHANISM_BASE64;
}

/* The body without its last line end, as libetpan's copy would be. */
static size_t without_last_line_end(const char *s, size_t len)
{
	if (len == 0 || s[len - 1] != '\n')
		return len;
	len--;
	return len && s[len - 1] == '\r' ? len - 1 : len;
}

static void walk_single(struct walk *w, struct mailmime *m, bool embedded)
{
	struct mailmime_single_fields sf;
	const struct mailmime_data *body = m->mm_data.mm_single;
	char *type = content_type(m->mm_content_type);
	struct mime_part *p = add_part(w, type, embedded);
	char *decoded = NULL;
	size_t idx = 0, dlen = 0;

	free(type);
	if (!p || !body || body->dt_type != MAILMIME_DATA_TEXT)
		return;
	mailmime_single_fields_init(&sf, m->mm_mime_fields, m->mm_content_type);
	if (part_name(&sf))
		p->name = xstrdup(part_name(&sf));
	p->attachment = is_attachment(&sf);
	const char *data = body->dt_data.dt_text.dt_data;
	size_t len = body->dt_data.dt_text.dt_length;
	char *copy = NULL;
	if (body->dt_encoded && decodes_as_is(body->dt_encoding)) {
		len = without_last_line_end(data, len);
	} else if (body->dt_encoded &&
		   qp_reads_past_end(body->dt_encoding, data, len)) {
		copy = xcalloc(1, len + 1);
		data = memcpy(copy, data, len);
	}
	if (body->dt_encoded && !decodes_as_is(body->dt_encoding) &&
	    mailmime_part_parse(data, len, &idx, body->dt_encoding, &decoded,
				&dlen) == MAILIMF_NO_ERROR) {
		data = decoded;
		len = dlen;
	}
	read_content(w, p, sf.fld_content_charset, data, len);
	if (w->keep && p->attachment)
		keep_bytes(p, data, len);
	if (decoded)
		mailmime_decoded_part_free(decoded);
	free(copy);
}

/* Where the header block of a message ends: at its first empty line. */
static const char *header_end(const char *s, const char *end)
{
	for (const char *q = s; q + 1 < end; q++) {
		if (q[0] != '\n')
			continue;
		if (q[1] == '\n')
			return q + 1;
		if (q[1] == '\r' && q + 2 < end && q[2] == '\n')
			return q + 1;
	}
	return end;
}

static void add_text_part(struct walk *w, const char *type, bool embedded,
			  const char *s, size_t len)
{
	struct mime_part *p = add_part(w, type, embedded);
	size_t n;
	char *text;

	if (!p)
		return;
	text = charset_to_utf8(NULL, s, len, &n);
	set_text(w, p, text, n);
}

/* The header block of an attached message, as text: the reported mail's
 * Received lines are evidence, never the reporter's own headers. */
static void add_embedded_headers(struct walk *w, const struct mailmime *m)
{
	const char *start, *end;

	if (!m->mm_body || m->mm_body->dt_type != MAILMIME_DATA_TEXT)
		return;
	start = m->mm_body->dt_data.dt_text.dt_data;
	end = header_end(start, start + m->mm_body->dt_data.dt_text.dt_length);
	add_text_part(w, "message/rfc822-headers", true, start,
		      (size_t)(end - start));
}

static void walk_mime(struct walk *w, struct mailmime *m, bool embedded,
		      int depth);

static bool part_is(const struct mime_part *p, const char *type)
{
	return strcmp(p->type, type) == 0 && !p->attachment && p->text;
}

size_t mime_visible_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += !isspace((unsigned char)*s);
	return n;
}

/* multipart/alternative: when a real plain-text rendering exists, the
 * HTML ones are marked as duplicates. A plain part is no real rendering
 * when it is short, or under half as long as the HTML's text ("Please
 * view this e-mail in an HTML-capable client" above a link): then it is
 * the duplicate. */
static void mark_alternatives(struct walk *w, size_t from)
{
	struct mime_doc *d = w->doc;
	size_t plain = 0, html = 0;

	for (size_t i = from; i < d->n; i++) {
		const struct mime_part *p = &d->parts[i];
		size_t n = p->text ? mime_visible_chars(p->text) : 0;
		if (part_is(p, "text/plain") && n > plain)
			plain = n;
		if (part_is(p, "text/html") && n > html)
			html = n;
	}
	bool real_plain = plain >= 40 && plain * 2 >= html;
	for (size_t i = from; i < d->n; i++) {
		struct mime_part *p = &d->parts[i];
		if (part_is(p, real_plain ? "text/html" : "text/plain") &&
		    (real_plain || html > 0))
			p->alternative = true;
	}
}

static void walk_multiple(struct walk *w, struct mailmime *m, bool embedded,
			  int depth)
{
	size_t from = w->doc->n;
	const char *sub =
	    m->mm_content_type ? m->mm_content_type->ct_subtype : "";

	for (clistiter *it = clist_begin(m->mm_data.mm_multipart.mm_mp_list);
	     it; it = clist_next(it))
		walk_mime(w, clist_content(it), embedded, depth + 1);
	if (sub && strcasecmp(sub, "alternative") == 0)
		mark_alternatives(w, from);
}

static void walk_mime(struct walk *w, struct mailmime *m, bool embedded,
		      int depth)
{
	if (!m)
		return;
	if (depth > MIME_MAX_DEPTH) {
		w->doc->limit = "MIME parts nested too deep";
		return;
	}
	switch (m->mm_type) {
	case MAILMIME_SINGLE:
		walk_single(w, m, embedded);
		break;
	case MAILMIME_MULTIPLE:
		walk_multiple(w, m, embedded, depth);
		break;
	case MAILMIME_MESSAGE:
		if (depth > 0) {
			embedded = true;
			add_embedded_headers(w, m);
		}
		walk_mime(w, m->mm_data.mm_message.mm_msg_mime, embedded,
			  depth + 1);
		break;
	}
}

/* When libetpan cannot parse the structure, the body after the header
 * block is still worth reading. */
static void add_raw_body(struct walk *w, const char *raw, size_t len)
{
	const char *body = header_end(raw, raw + len);

	add_text_part(w, "text/plain", false, body, (size_t)(raw + len - body));
}

/* Lines that start a quoted copy of the reported mail inside a report's
 * own text: from there on the text is evidence, not the reporter's words. */
static const char *const inline_markers[] = {
    "[ offending message ]",	"offending message:",
    "original spam:",		"---- start of the original message",
    "the spam message follows", NULL};
static const char *const raw_header_starts[] = {
    "received:", "return-path:", "delivered-to:", "x-originating-ip:", NULL};

/* Offset of line content after quote marks and blanks. */
static size_t skip_quote(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && (p[i] == '>' || p[i] == ' ' || p[i] == '\t'))
		i++;
	return i;
}

/* The sets are in lowercase; most lines fail on their first letter. */
static bool starts_with_any(const char *p, size_t n, const char *const *set)
{
	int c = n ? tolower((unsigned char)p[0]) : 0;

	for (; *set; set++)
		if (c == (*set)[0] && n >= strlen(*set) &&
		    strncasecmp(p, *set, strlen(*set)) == 0)
			return true;
	return false;
}

static bool header_like(const char *p, size_t n)
{
	size_t q = skip_quote(p, n);

	return (n > 0 && (p[0] == ' ' || p[0] == '\t')) ||
	       prose_header_line(p + q, n - q);
}

/* Where a quoted original starts in text: a marker line, or a run of at
 * least three raw header lines opened by Received:/Return-Path:.
 * *marked says which. */
static size_t inline_original(const char *text, size_t len, bool *marked)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		size_t q = skip_quote(p, n);
		*marked = starts_with_any(p + q, n - q, inline_markers);
		if (*marked)
			return (size_t)(p - text);
		if (starts_with_any(p + q, n - q, raw_header_starts) && nl) {
			const char *l2 = nl + 1;
			const char *nl2 = memchr(l2, '\n', (size_t)(end - l2));
			if (nl2 && header_like(l2, (size_t)(nl2 - l2)) &&
			    header_like(nl2 + 1, (size_t)(end - nl2 - 1)))
				return (size_t)(p - text);
		}
		p += n + 1;
	}
	return len;
}

/* The words that close a quoted copy on a framed line of its own ("---
 * sample ends ---", "----- End forwarded message -----", "[ Ende der
 * Nachricht ]"): below it, the reporter writes again. */
static const char *const end_words[] = {"end",	  "ends",  "ende", "fin",
					"fine",	  "einde", "slut", "konec",
					"koniec", NULL};

/* The longest closing line looked at. */
#define END_LINE_MAX 80

/* Whether p[0..n) is such a closing line: framed by rules
 * (prose_framed_separator()) or by brackets, with one of end_words as a
 * word of its own. */
static bool quote_end_line(const char *p, size_t n)
{
	while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
		n--;
	while (n && *p == ' ')
		p++, n--;
	if (n < 6 || n > END_LINE_MAX ||
	    !((p[0] == '[' && p[n - 1] == ']') || prose_framed_separator(p, n)))
		return false;
	for (size_t i = 1; i + 1 < n; i++) {
		if (!isalpha((unsigned char)p[i]) ||
		    isalpha((unsigned char)p[i - 1]))
			continue;
		size_t k = i;
		while (k < n && isalpha((unsigned char)p[k]))
			k++;
		for (const char *const *w = end_words; *w; w++)
			if (strlen(*w) == k - i &&
			    strncasecmp(p + i, *w, k - i) == 0)
				return true;
		i = k;
	}
	return false;
}

/* Where a quoted copy from text + at ends: after its closing line, or at
 * len when none closes it. */
static size_t quote_end(const char *text, size_t at, size_t len)
{
	const char *p = text + at, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (quote_end_line(p, n))
			return nl ? (size_t)(nl + 1 - text) : len;
		p += n + 1;
	}
	return len;
}

/* Fields that only a whole message's header has: a reporter pasting a few
 * Received: lines and a From: or Subject: shows where the mail came from,
 * and goes on writing after them. One of them beside the Received: lines
 * ("the part of the headers he told me to send": Received:, Date:,
 * X-Originating-IP:) is still an excerpt; with another of them, or with
 * the author or the subject, it is the whole header. */
static const char *const whole_message_fields[] = {
    "message-id:", "date:", "mime-version:", "content-type:", NULL};
static const char *const author_fields[] = {"from:", "subject:", NULL};

/* Whether text holds the author's name as a signature: the whole name,
 * or two of its words of four bytes or more, each as a whole word (a
 * signature often splits "Service informatique - Mairie de Valbrune"
 * over lines). */
static bool signed_by(const char *text, size_t n, const char *author)
{
	const char *w = author;
	int found = 0;

	if (memmem(text, n, author, strlen(author)))
		return true;
	while (*w) {
		size_t k = 0;
		while (w[k] && !isspace((unsigned char)w[k]) && w[k] != '-' &&
		       w[k] != ',')
			k++;
		for (const char *p = text;
		     k >= 4 && (p = memmem(p, n - (size_t)(p - text), w, k));
		     p += k) {
			bool start =
			    p == text || !isalnum((unsigned char)p[-1]);
			bool end = (size_t)(p - text) + k == n ||
				   !isalnum((unsigned char)p[k]);
			if (start && end) {
				found++;
				break;
			}
		}
		w += k;
		while (*w &&
		       (isspace((unsigned char)*w) || *w == '-' || *w == ','))
			w++;
	}
	return found >= 2;
}

/* Where the raw header lines from text + at end: the offset after them
 * when they are such an excerpt (the reporter's words go on below), or
 * when the words below are signed with the name of the mail's author
 * (a whole header pasted, then the reporter's request); len when they
 * head a whole message (its body follows, not the reporter's). */
static size_t header_excerpt_end(const char *text, size_t at, size_t len,
				 const char *author)
{
	const char *p = text + at, *end = text + len;
	int whole = 0;
	bool by = false;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		size_t q = skip_quote(p, n);
		if (q == n || !header_like(p, n))
			break;
		whole += starts_with_any(p + q, n - q, whole_message_fields);
		by |= starts_with_any(p + q, n - q, author_fields);
		p += n + (nl != NULL);
	}
	if ((whole >= 2 || (whole && by)) &&
	    !(author && signed_by(p, (size_t)(end - p), author)))
		return quote_end(text, (size_t)(p - text), len);
	return (size_t)(p - text);
}

/* The display name of the mail's author (From:), as UTF-8, when it is
 * long enough to tell a signature by; NULL otherwise. free() it. */
static char *author_name(const struct mailimf_fields *h)
{
	struct mailimf_single_fields sf;
	struct mailimf_mailbox *mb;
	char *out = NULL, *copy;
	size_t idx = 0;

	if (!h)
		return NULL;
	mailimf_single_fields_init(&sf, (struct mailimf_fields *)h);
	if (!sf.fld_from || !sf.fld_from->frm_mb_list ||
	    !clist_begin(sf.fld_from->frm_mb_list->mb_list))
		return NULL;
	mb = clist_content(clist_begin(sf.fld_from->frm_mb_list->mb_list));
	if (!mb->mb_display_name ||
	    mailmime_encoded_phrase_parse("utf-8", mb->mb_display_name,
					  strlen(mb->mb_display_name), &idx,
					  "utf-8", &out) != MAILIMF_NO_ERROR ||
	    !out)
		return NULL;
	copy = strlen(out) >= 5 ? xstrdup(out) : NULL;
	free(out);
	return copy;
}

/* Moves text[at..to) of part p to a new embedded part (header: the span
 * opens with a pasted mail's header lines): the reporter's text keeps
 * what is around it. False when no part can be added. */
static bool embed_span(struct walk *w, size_t i, size_t at, size_t to,
		       bool header)
{
	struct mime_part *t = add_part(w, "text/plain", true);
	struct mime_part *p = &w->doc->parts[i];

	if (!t)
		return false;
	t->pasted_header = header;
	t->text = xstrndup(p->text + at, to - at);
	t->len = to - at;
	memmove(p->text + at, p->text + to, p->len - to);
	p->len -= to - at;
	p->text[p->len] = '\0';
	return true;
}

/* A reporter rarely pastes more than a few header excerpts. */
#define MAX_EXCERPTS 8

/* Splits each of the reporter's text parts at a quoted original; the
 * original becomes an embedded part of its own: everything from a marker
 * or a whole message's header on, or a header excerpt alone. */
static void split_inline_originals(struct walk *w)
{
	size_t n = w->doc->n;
	char *author = NULL;
	bool looked = false;

	for (size_t i = 0; i < n; i++) {
		size_t from = 0;

		for (int k = 0; k < MAX_EXCERPTS; k++) {
			struct mime_part *p = &w->doc->parts[i];
			bool marked = false;
			size_t at, to;

			if (!p->text || p->embedded || p->len <= from)
				break;
			at = from + inline_original(p->text + from,
						    p->len - from, &marked);
			if (at >= p->len)
				break;
			if (!marked && !looked) {
				author = author_name(w->doc->header);
				looked = true;
			}
			to = marked ? quote_end(p->text, at, p->len)
				    : header_excerpt_end(p->text, at, p->len,
							 author);
			if (!embed_span(w, i, at, to, !marked))
				goto out;
			from = at;
		}
	}
out:
	free(author);
}

/* The outer header fields, which libetpan parsed for the structure anyway,
 * are detached from the tree and kept, so that nobody parses them again. */
static void keep_header(struct mime_doc *d, struct mailmime *root)
{
	if (root->mm_type != MAILMIME_MESSAGE ||
	    !root->mm_data.mm_message.mm_fields)
		return;
	d->header = root->mm_data.mm_message.mm_fields;
	root->mm_data.mm_message.mm_fields = NULL;
}

/* The outer fields anything reads from libetpan's parse: analyze.c's
 * envelope fields and Auto-Submitted, and the MIME fields. */
static const char *const read_fields[] = {
    "from",	  "reply-to",	    "date", "subject",
    "message-id", "auto-submitted", NULL};

static bool field_is_read(const char *name, size_t n)
{
	int c = tolower((unsigned char)name[0]);

	if (n >= 8 && c == 'c' && strncasecmp(name, "content-", 8) == 0)
		return true;
	for (const char *const *k = read_fields; *k; k++)
		if (c == (*k)[0] && strlen(*k) == n &&
		    strncasecmp(name, *k, n) == 0)
			return true;
	return false;
}

/* A line of a field as libetpan reads it whole: a CR only before the LF,
 * and a continuation line not blank. */
static bool plain_field_line(const char *p, size_t n, bool first)
{
	const char *cr = memchr(p, '\r', n);
	bool blank = true;

	if (cr && cr != p + n - 1)
		return false;
	for (size_t i = 0; i < n && blank; i++)
		blank = p[i] == ' ' || p[i] == '\t' || p[i] == '\r';
	return first || !blank;
}

/* The length of the header field at s ("Name:" with the continuation
 * lines after it), *name_len its name's; 0 when s is no field that
 * libetpan surely reads from its first byte to its last LF: the end of
 * the header block, or anything unusual. */
static size_t field_extent(const char *s, size_t n, size_t *name_len)
{
	size_t i = 0, pos = 0;

	while (i < n && (unsigned char)s[i] > ' ' && s[i] != ':')
		i++;
	if (i == 0 || i >= n || s[i] != ':')
		return 0;
	*name_len = i;
	do {
		const char *nl = memchr(s + pos, '\n', n - pos);
		if (!nl || !plain_field_line(s + pos, (size_t)(nl - s) - pos,
					     pos == 0))
			return 0;
		pos = (size_t)(nl - s) + 1;
	} while (pos < n && (s[pos] == ' ' || s[pos] == '\t'));
	return pos;
}

/* libetpan turns every outer header field into a list entry, and most of a
 * report's header block is Received, signature and spam-filter fields
 * that nothing reads. The structure is parsed from a copy without them:
 * the copy keeps the fields that are read, in order, and everything from
 * the first line that is not a plain field (the blank line, usually)
 * byte for byte, so libetpan stops where it would have and the body is
 * the same. The copy goes to out (room for len bytes); false when nothing
 * was left out. */
static bool without_unread_fields(const char *raw, size_t len, char *out,
				  size_t *out_len)
{
	size_t i = 0, o = 0, n, name;
	bool dropped = false;

	while (i < len && (n = field_extent(raw + i, len - i, &name))) {
		if (field_is_read(raw + i, name)) {
			memcpy(out + o, raw + i, n);
			o += n;
		} else {
			dropped = true;
		}
		i += n;
	}
	memcpy(out + o, raw + i, len - i);
	*out_len = o + len - i;
	return dropped;
}

/* How many bytes without_unread_fields would leave out. */
static size_t unread_bytes(const char *raw, size_t len)
{
	size_t i = 0, n, name, unread = 0;

	while (i < len && (n = field_extent(raw + i, len - i, &name))) {
		if (!field_is_read(raw + i, name))
			unread += n;
		i += n;
	}
	return unread;
}

/* Whether to parse from a copy without the unread fields: yes when the
 * copy is free (on the stack) or the fields are a good part of the mail;
 * a 25 MB body under a few Received lines is parsed in place, sparing a
 * second 25 MB. */
static bool worth_a_copy(const char *raw, size_t len, size_t stack)
{
	size_t unread = unread_bytes(raw, len);

	return unread && (len <= stack || unread >= len / 8);
}

/* Most reports fit: their copy needs no allocation. */
enum { MIME_STACK_COPY = 32 << 10 };

static struct mime_doc *decode(const char *raw, size_t len, bool keep)
{
	struct walk w = {xcalloc(1, sizeof(struct mime_doc)), 0, keep};
	struct mailmime *root = NULL;
	char stack[MIME_STACK_COPY];
	char *heap = NULL;
	size_t idx = 0, plen = len;
	const char *parsed = raw;

	if (worth_a_copy(raw, len, sizeof stack)) {
		char *copy = len > sizeof stack ? (heap = xmalloc(len)) : stack;
		without_unread_fields(raw, len, copy, &plen);
		parsed = copy;
	}
	plen = mime_bound(parsed, plen, &w.doc->limit);
	charset_init();
	if (mailmime_parse(parsed, plen, &idx, &root) == MAILIMF_NO_ERROR &&
	    root) {
		walk_mime(&w, root, false, 0);
		keep_header(w.doc, root);
		mailmime_free(root);
	}
	free(heap);
	if (w.doc->n == 0)
		add_raw_body(&w, raw, len);
	split_inline_originals(&w);
	return w.doc;
}

struct mime_doc *mime_decode(const char *raw, size_t len)
{
	return decode(raw, len, false);
}

struct mime_doc *mime_decode_keep(const char *raw, size_t len)
{
	return decode(raw, len, true);
}

void mime_doc_free(struct mime_doc *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n; i++) {
		free(d->parts[i].type);
		free(d->parts[i].name);
		free(d->parts[i].text);
		free(d->parts[i].bytes);
	}
	free(d->parts);
	if (d->header)
		mailimf_fields_free(d->header);
	free(d);
}
