/* html.c: HTML mail parts to plain text with libxml2's forgiving HTML
 * parser. Whitespace is collapsed as a browser would, except inside <pre>,
 * where log excerpts keep their lines. */
#include "analysis/html.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* libxml2 caps the tree depth itself; this only keeps our recursion sane. */
#define HTML_MAX_DEPTH 512

struct html_out {
	struct buf b;
	int pre; /* inside how many <pre> */
};

static const char *const skipped[] = {"script", "style", "head", "title", NULL};
static const char *const blocks[] = {
    "p",      "div",	    "br",   "tr",      "li", "ul",	"ol",
    "table",  "pre",	    "h1",   "h2",      "h3", "h4",	"h5",
    "h6",     "blockquote", "hr",   "dt",      "dd", "section", "article",
    "header", "footer",	    "form", "address", NULL};
static const char *const cells[] = {"td", "th", NULL};

static bool name_in(const xmlChar *name, const char *const *set)
{
	for (; *set; set++)
		if (strcasecmp((const char *)name, *set) == 0)
			return true;
	return false;
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

static void put_text(struct html_out *o, const char *s)
{
	if (o->pre) {
		buf_puts(&o->b, s);
		return;
	}
	for (; *s; s++) {
		bool space = *s == ' ' || *s == '\n' || *s == '\t' ||
			     *s == '\r' || *s == '\f';
		if (!space)
			buf_putc(&o->b, *s);
		else if (!ends_with_space(&o->b))
			buf_putc(&o->b, ' ');
	}
}

static void walk(struct html_out *o, xmlNode *n, int depth);

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

/* The link target goes after the link text when the text does not show it
 * already ("click here" hides the URL a phishing report is about). */
static void put_link(struct html_out *o, xmlNode *n, int depth)
{
	xmlChar *href = xmlGetProp(n, (const xmlChar *)"href");
	size_t start = o->b.len;

	walk(o, n->children, depth + 1);
	if (href && *href && strncasecmp((char *)href, "mailto:", 7) != 0 &&
	    !text_shows_href(o->b.data ? o->b.data + start : "",
			     (char *)href)) {
		if (!ends_with_space(&o->b))
			buf_putc(&o->b, ' ');
		buf_printf(&o->b, "<%s> ", (char *)href);
	}
	xmlFree(href);
}

static void put_element(struct html_out *o, xmlNode *n, int depth)
{
	bool block = name_in(n->name, blocks);
	bool is_pre = strcasecmp((const char *)n->name, "pre") == 0;

	if (name_in(n->name, skipped))
		return;
	if (block)
		newline(o);
	o->pre += is_pre;
	if (strcasecmp((const char *)n->name, "a") == 0)
		put_link(o, n, depth);
	else
		walk(o, n->children, depth + 1);
	o->pre -= is_pre;
	if (block)
		newline(o);
	else if (name_in(n->name, cells))
		buf_putc(&o->b, '\t');
}

static void walk(struct html_out *o, xmlNode *n, int depth)
{
	if (depth > HTML_MAX_DEPTH)
		return;
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)
			put_text(o, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			put_element(o, n, depth);
	}
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
 * when no tag has more. */
static char *html_bounded(const char *s, size_t n, size_t *out_len)
{
	const char *p = s, *end = s + n, *lt;
	struct buf b = BUF_INIT;
	bool cut_any = false;

	while ((lt = memchr(p, '<', (size_t)(end - p)))) {
		const char *cut, *te = tag_end(lt + 1, end, &cut);
		if (cut) {
			buf_append(&b, p, (size_t)(cut - p));
			buf_puts(&b, ">");
			cut_any = true;
		} else {
			buf_append(&b, p, (size_t)(te - p));
		}
		p = te;
	}
	if (!cut_any) {
		buf_free(&b);
		return NULL;
	}
	buf_append(&b, p, (size_t)(end - p));
	*out_len = b.len;
	return buf_steal(&b);
}

char *html_to_text(const char *s, size_t n, size_t *out_len, const char **limit)
{
	struct html_out o = {BUF_INIT, 0};
	htmlDocPtr doc = NULL;
	size_t bn = 0;
	char *bounded = html_bounded(s, n, &bn);

	if (bounded && limit)
		*limit = "HTML tags with more attributes than are read";
	if (bounded) {
		s = bounded;
		n = bn;
	}
	if (n > 0 && n < (size_t)1 << 30)
		doc = htmlReadMemory(s, (int)n, NULL, "UTF-8",
				     HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
					 HTML_PARSE_NONET | HTML_PARSE_RECOVER);
	free(bounded);
	if (doc)
		walk(&o, xmlDocGetRootElement(doc), 0);
	xmlFreeDoc(doc);
	newline(&o);
	if (out_len)
		*out_len = o.b.len;
	return buf_steal(&o.b);
}
