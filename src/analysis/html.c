/* html.c: HTML mail parts to plain text with libxml2's forgiving HTML
 * parser, read as events (SAX). Whitespace is collapsed as a browser would,
 * except inside <pre>, where log excerpts keep their lines. */
#include "analysis/html.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* Links open inside one another this deep keep their targets. */
#define HTML_MAX_LINKS 16

/* The text so far, and where the parser's events stand: the parser calls
 * us as it reads (SAX), so no tree of the page is built; a page of 300,000
 * links costs its text, not a node per tag. */
struct html_out {
	struct buf b;
	int pre;  /* inside how many <pre> */
	int skip; /* inside a skipped element, how deep */
	struct html_link {
		char *href;   /* NULL: not a link to show */
		size_t start; /* where its text starts in b */
	} links[HTML_MAX_LINKS];
	int n_links; /* open <a> elements, possibly more than kept */
};

static const char *const skipped[] = {"script", "style", "head", "title", NULL};
static const char *const blocks[] = {
    "p",      "div",	    "br",   "tr",      "li", "ul",	"ol",
    "table",  "pre",	    "h1",   "h2",      "h3", "h4",	"h5",
    "h6",     "blockquote", "hr",   "dt",      "dd", "section", "article",
    "header", "footer",	    "form", "address", NULL};
static const char *const cells[] = {"td", "th", NULL};
/* Blocks that stand apart as paragraphs (a heading, a paragraph, a
 * table): a blank line around them, so that no sentence of the text
 * runs across them. A <div> or <br> only ends a line: mail programs
 * write a paragraph's lines as <div>s. */
static const char *const paragraphs[] = {
    "p",  "h1",	   "h2",	 "h3",	"h4", "h5", "h6",
    "hr", "table", "blockquote", "pre", "ul", "ol", NULL};

static bool name_in(const xmlChar *name, const char *const *set)
{
	for (; *set; set++)
		if (strcasecmp((const char *)name, *set) == 0)
			return true;
	return false;
}

static bool named(const xmlChar *name, const char *what)
{
	return strcasecmp((const char *)name, what) == 0;
}

static bool ends_with_space(const struct buf *b)
{
	return b->len == 0 || b->data[b->len - 1] == ' ' ||
	       b->data[b->len - 1] == '\n' || b->data[b->len - 1] == '\t';
}

static void newline(struct html_out *o)
{
	while (o->b.len && o->b.data[o->b.len - 1] == ' ')
		o->b.data[--o->b.len] = '\0';
	if (o->b.len && o->b.data[o->b.len - 1] != '\n')
		buf_putc(&o->b, '\n');
}

static void blank_line(struct html_out *o)
{
	newline(o);
	if (o->b.len >= 2 && o->b.data[o->b.len - 2] != '\n')
		buf_putc(&o->b, '\n');
}

static void put_text(struct html_out *o, const char *s, size_t n)
{
	if (o->pre) {
		buf_append(&o->b, s, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r' ||
			     c == '\f';
		if (!space)
			buf_putc(&o->b, c);
		else if (!ends_with_space(&o->b))
			buf_putc(&o->b, ' ');
	}
}

/* The href without its scheme and trailing slash: autolinked text such as
 * "192.0.2.1:8080" already shows "http://192.0.2.1:8080/". */
static bool text_shows_href(const char *text, const char *href)
{
	const char *h = strstr(href, "://");
	size_t n;

	h = h ? h + 3 : href;
	n = strlen(h);
	while (n && h[n - 1] == '/')
		n--;
	return n == 0 || memmem(text, strlen(text), h, n) != NULL;
}

static const char *attr(const xmlChar **atts, const char *name)
{
	for (; atts && atts[0]; atts += 2)
		if (named(atts[0], name))
			return atts[1] ? (const char *)atts[1] : "";
	return NULL;
}

/* A link's target is shown after its text when the text does not show
 * it already ("click here" hides the URL a phishing report is about). */
static void link_open(struct html_out *o, const xmlChar **atts)
{
	const char *href = attr(atts, "href");

	if (o->n_links < HTML_MAX_LINKS)
		o->links[o->n_links] = (struct html_link){
		    href && *href && strncasecmp(href, "mailto:", 7) != 0
			? xstrdup(href)
			: NULL,
		    o->b.len};
	o->n_links++;
}

static void link_close(struct html_out *o)
{
	char *href;
	size_t start;

	if (o->n_links == 0 || --o->n_links >= HTML_MAX_LINKS)
		return;
	href = o->links[o->n_links].href;
	start = o->links[o->n_links].start;
	if (href &&
	    !text_shows_href(o->b.data ? o->b.data + start : "", href)) {
		if (!ends_with_space(&o->b))
			buf_putc(&o->b, ' ');
		buf_printf(&o->b, "<%s> ", href);
	}
	free(href);
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct html_out *o = ctx;

	if (o->skip || name_in(name, skipped)) {
		o->skip++;
		return;
	}
	if (name_in(name, paragraphs))
		blank_line(o);
	else if (name_in(name, blocks))
		newline(o);
	o->pre += named(name, "pre");
	if (named(name, "a"))
		link_open(o, atts);
}

static void on_end(void *ctx, const xmlChar *name)
{
	struct html_out *o = ctx;

	if (o->skip) {
		o->skip--;
		return;
	}
	if (named(name, "a"))
		link_close(o);
	o->pre -= named(name, "pre") && o->pre > 0;
	if (name_in(name, paragraphs))
		blank_line(o);
	else if (name_in(name, blocks))
		newline(o);
	else if (name_in(name, cells))
		buf_putc(&o->b, '\t');
}

static void on_text(void *ctx, const xmlChar *ch, int len)
{
	struct html_out *o = ctx;

	if (!o->skip && len > 0)
		put_text(o, (const char *)ch, (size_t)len);
}

/* libxml2 checks each attribute of a tag against all the others before
 * it, so a tag with 200,000 attributes takes minutes. Attributes past
 * this many in one tag are left out; no page needs them. */
#define HTML_MAX_ATTRIBUTES 256

/* The end of the tag opened at p (just past its '>', or end), and in
 * *cut where the attribute past the cap starts (NULL when within it).
 * Quoted values are skipped as libxml2 reads them. */
static const char *tag_end(const char *p, const char *end, const char **cut)
{
	int attributes = 0;
	bool space = false;
	char quote = 0, prev = 0;

	*cut = NULL;
	for (; p < end; p++) {
		char c = *p;
		if (quote) {
			quote = c == quote ? 0 : quote;
			continue;
		}
		if (c == '>')
			return p + 1;
		if (c == '"' || c == '\'') {
			quote = prev == '=' ? c : 0;
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = true;
			continue;
		} else if (space && c != '=' && prev != '=' &&
			   ++attributes > HTML_MAX_ATTRIBUTES && !*cut) {
			*cut = p;
		}
		space = false;
		prev = c;
	}
	return end;
}

/* A copy of the HTML with every tag cut to HTML_MAX_ATTRIBUTES, or NULL
 * when no tag has more (and nothing was copied). */
static char *html_bounded(const char *s, size_t n, size_t *out_len)
{
	const char *p = s, *end = s + n, *lt, *from = s;
	struct buf b = BUF_INIT;

	while ((lt = memchr(p, '<', (size_t)(end - p)))) {
		const char *cut, *te = tag_end(lt + 1, end, &cut);
		if (cut) {
			buf_append(&b, from, (size_t)(cut - from));
			buf_puts(&b, ">");
			from = te;
		}
		p = te;
	}
	if (!b.data)
		return NULL;
	buf_append(&b, from, (size_t)(end - from));
	*out_len = b.len;
	return buf_steal(&b);
}

/* Reads the page with the SAX callbacks above, into o, from a copy of it
 * in a memory input buffer: libxml2 2.9's static input buffer, which
 * read the caller's bytes in place, read freed memory once the text
 * grew past the page (and so mixed another page's words into this one).
 * The text is UTF-8 already, so a <meta> charset is not obeyed. */
static void html_read(const char *s, size_t n, struct html_out *o)
{
	htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
	xmlParserInputBufferPtr in;
	xmlParserInputPtr input;

	if (!ctxt)
		return;
	in = xmlParserInputBufferCreateMem(s, (int)n, XML_CHAR_ENCODING_UTF8);
	input =
	    in ? xmlNewIOInputStream(ctxt, in, XML_CHAR_ENCODING_UTF8) : NULL;
	if (!input) {
		xmlFreeParserInputBuffer(in);
		htmlFreeParserCtxt(ctxt);
		return;
	}
	inputPush(ctxt, input);
	memset(ctxt->sax, 0, sizeof *ctxt->sax);
	ctxt->sax->startElement = on_start;
	ctxt->sax->endElement = on_end;
	ctxt->sax->characters = on_text;
	ctxt->sax->cdataBlock = on_text;
	ctxt->sax->initialized = 1;
	ctxt->userData = o;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
				     HTML_PARSE_NONET | HTML_PARSE_RECOVER |
				     HTML_PARSE_IGNORE_ENC);
	htmlParseDocument(ctxt);
	if (ctxt->myDoc)
		xmlFreeDoc(ctxt->myDoc);
	htmlFreeParserCtxt(ctxt);
	while (o->n_links > 0)
		link_close(o);
}

char *html_to_text(const char *s, size_t n, size_t *out_len, const char **limit)
{
	struct html_out o = {.b = BUF_INIT};
	size_t bn = 0;
	char *bounded = html_bounded(s, n, &bn);

	if (bounded && limit)
		*limit = "HTML tags with more attributes than are read";
	if (bounded) {
		s = bounded;
		n = bn;
	}
	/* The text is rarely longer than the page: room for it at once spares
	 * a large page the copies of a doubling buffer. */
	buf_reserve(&o.b, n + 1);
	if (n > 0 && n < (size_t)1 << 30)
		html_read(s, n, &o);
	free(bounded);
	newline(&o);
	if (out_len)
		*out_len = o.b.len;
	return buf_steal(&o.b);
}
