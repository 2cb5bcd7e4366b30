/* compose.c: the bytes of a message we send. The headers are written here
 * (libetpan's builder neither RFC 2047-encodes nor makes a Message-ID in
 * our domain); libetpan parses the address lists and quoted-printable
 * encodes the body. */
#include "actions/compose.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <jansson.h>
#include <libetpan/libetpan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

/* RFC 5322 wants lines under 78 characters; RFC 2047 lines holding
 * encoded-words under 76, so a word leaves room for "Subject: ". */
enum { LINE_MAX_SOFT = 76, WORD_MAX = 64, BODY_LINE_MAX = 76 };

static bool has_line_break(const char *s)
{
	return s && strpbrk(s, "\r\n");
}

static bool plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return false;
	return true;
}

/* ---- RFC 2047 ---- */

/* Characters a Q-encoded word may carry as themselves (RFC 2047 5(3)). */
static bool q_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || strchr("!*+-/", c);
}

/* The length of the UTF-8 sequence that starts with c (1 for a stray
 * byte), so that a word never splits a character. */
static size_t utf8_span(unsigned char c)
{
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;
}

static size_t q_len(const unsigned char *p, size_t n)
{
	size_t len = 0;

	for (size_t i = 0; i < n && p[i]; i++)
		len += q_plain(p[i]) || p[i] == ' ' ? 1 : 3;
	return len;
}

static void q_put(struct buf *b, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n && p[i]; i++) {
		if (p[i] == ' ')
			buf_putc(b, '_');
		else if (q_plain(p[i]))
			buf_putc(b, (char)p[i]);
		else
			buf_printf(b, "=%02X", p[i]);
	}
}

static char *encode_words(const char *text)
{
	static const char open[] = "=?UTF-8?Q?", close[] = "?=";
	const size_t room = WORD_MAX - strlen(open) - strlen(close);
	const unsigned char *p = (const unsigned char *)text;
	struct buf b = BUF_INIT;
	size_t used = 0;

	buf_puts(&b, open);
	while (*p) {
		size_t n = utf8_span(*p), len = q_len(p, n);

		if (used + len > room) {
			buf_printf(&b, "%s\r\n %s", close, open);
			used = 0;
		}
		q_put(&b, p, n);
		used += len;
		while (n-- && *p)
			p++;
	}
	buf_puts(&b, close);
	return buf_steal(&b);
}

static char *quote_phrase(const char *text)
{
	struct buf b = BUF_INIT;

	buf_putc(&b, '"');
	for (const char *p = text; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_putc(&b, '\\');
		buf_putc(&b, *p);
	}
	buf_putc(&b, '"');
	return buf_steal(&b);
}

char *compose_encode_header(const char *text, bool phrase)
{
	if (!plain_ascii(text))
		return encode_words(text);
	if (phrase && strpbrk(text, "()<>[]:;@\\,.\""))
		return quote_phrase(text);
	return xstrdup(text);
}

/* ---- headers ---- */

/* Appends "Name: value" folded at spaces before LINE_MAX_SOFT where it
 * can (a word longer than a line stays whole), and CRLF. */
static void put_folded(struct buf *b, const char *name, const char *value)
{
	size_t col = strlen(name) + 2;
	const char *p = value;

	buf_printf(b, "%s: ", name);
	while (*p) {
		const char *sp = strchr(p + 1, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);

		if (p != value && *p == ' ' && col + n > LINE_MAX_SOFT) {
			buf_puts(b, "\r\n");
			col = 0;
		}
		buf_append(b, p, n);
		col += n;
		p += n;
	}
	buf_puts(b, "\r\n");
}

/* Appends an encoded value, which carries its own folding. */
static void put_encoded(struct buf *b, const char *name, const char *text,
			bool phrase)
{
	char *v = compose_encode_header(text, phrase);

	if (strstr(v, "=?"))
		buf_printf(b, "%s: %s\r\n", name, v);
	else
		put_folded(b, name, v);
	free(v);
}

static char *mailbox_text(const char *name, const char *addr)
{
	char *n, *out;

	if (!name || !*name)
		return xstrdup(addr);
	n = compose_encode_header(name, true);
	out = xasprintf("%s <%s>", n, addr);
	free(n);
	return out;
}

static void date_text(time_t t, char *out, size_t size)
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed",
					   "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr",
					     "May", "Jun", "Jul", "Aug",
					     "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	char zone[8];

	localtime_r(&t, &tm);
	strftime(zone, sizeof zone, "%z", &tm);
	snprintf(out, size, "%s, %02d %s %d %02d:%02d:%02d %s",
		 days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
		 tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec, zone);
}

char *compose_message_id(const char *email)
{
	const char *at = email ? strrchr(email, '@') : NULL;
	unsigned char r[16];
	char hex[sizeof r * 2 + 1];

	if (!at || !at[1])
		return NULL;
	if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
		abort();
	for (size_t i = 0; i < sizeof r; i++)
		snprintf(hex + 2 * i, 3, "%02x", r[i]);
	return xasprintf("<%s@%s>", hex, at + 1);
}

/* ---- addresses ---- */

static void add_unique(char ***v, size_t *n, const char *addr)
{
	for (size_t i = 0; i < *n; i++)
		if (strcasecmp((*v)[i], addr) == 0)
			return;
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(addr);
}

static bool addr_ok(const char *a)
{
	const char *at = a ? strrchr(a, '@') : NULL;

	return at && at != a && at[1] && !strpbrk(a, " \t\r\n<>,;\"");
}

/* Calls fn for each mailbox of list (groups give their members). */
static int each_mailbox(const char *list,
			void (*fn)(void *, const struct mailimf_mailbox *),
			void *ctx, struct err *e)
{
	struct mailimf_address_list *al = NULL;
	size_t idx = 0;

	if (mailimf_address_list_parse(list, strlen(list), &idx, &al) !=
	    MAILIMF_NO_ERROR)
		return err_set(e, "not a list of addresses: %s", list);
	for (clistiter *it = clist_begin(al->ad_list); it;
	     it = clist_next(it)) {
		struct mailimf_address *a = clist_content(it);
		clist *mbs = NULL;

		if (a->ad_type == MAILIMF_ADDRESS_MAILBOX) {
			fn(ctx, a->ad_data.ad_mailbox);
			continue;
		}
		if (a->ad_data.ad_group->grp_mb_list)
			mbs = a->ad_data.ad_group->grp_mb_list->mb_list;
		for (clistiter *m = mbs ? clist_begin(mbs) : NULL; m;
		     m = clist_next(m))
			fn(ctx, clist_content(m));
	}
	mailimf_address_list_free(al);
	return 0;
}

struct addr_acc {
	char ***v;
	size_t *n;
	const char *bad;
	struct buf *header; /* the header value, re-encoded; may be NULL */
};

static void addr_take(void *ctx, const struct mailimf_mailbox *mb)
{
	struct addr_acc *a = ctx;
	char *t;

	if (!addr_ok(mb->mb_addr_spec)) {
		a->bad = a->bad ? a->bad : "";
		return;
	}
	add_unique(a->v, a->n, mb->mb_addr_spec);
	if (!a->header)
		return;
	t = mb->mb_display_name
		? mailbox_text(mb->mb_display_name, mb->mb_addr_spec)
		: xstrdup(mb->mb_addr_spec);
	buf_printf(a->header, "%s%s", a->header->len ? ", " : "", t);
	free(t);
}

static int addresses(const char *list, char ***v, size_t *n, struct buf *header,
		     struct err *e)
{
	struct addr_acc a = {v, n, NULL, header};
	size_t before = *n;

	if (has_line_break(list))
		return err_set(e, "an address line holds a line break");
	if (each_mailbox(list, addr_take, &a, e) < 0)
		return -1;
	if (a.bad)
		return err_set(e, "not a mail address in: %s", list);
	return (int)(*n - before);
}

int compose_addresses(const char *list, char ***v, size_t *n, struct err *e)
{
	return addresses(list, v, n, NULL, e);
}

/* ---- the body ---- */

/* LF or CRLF in, LF out, so that one rule decides the encoding. */
static char *body_lf(const char *body)
{
	struct buf b = BUF_INIT;

	for (const char *p = body ? body : ""; *p; p++)
		if (!(*p == '\r' && p[1] == '\n'))
			buf_putc(&b, *p);
	if (!b.len || b.data[b.len - 1] != '\n')
		buf_putc(&b, '\n');
	return buf_steal(&b);
}

/* Whether the body may go as it is: 7-bit, short lines, no bare CR.
 * Trailing spaces may stay: the signature's "-- " line has one. */
static bool body_plain(const char *t)
{
	size_t col = 0;

	for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
		if (*p >= 0x80 || *p == '\r' || *p == 0)
			return false;
		if (*p == '\n') {
			col = 0;
		} else if (++col > BODY_LINE_MAX) {
			return false;
		}
	}
	return true;
}

static void body_crlf(struct buf *b, const char *t)
{
	for (; *t; t++) {
		if (*t == '\n')
			buf_putc(b, '\r');
		buf_putc(b, *t);
	}
}

static void body_qp(struct buf *b, const char *t)
{
	MMAPString *m = mmap_string_new("");
	int col = 0;

	mailmime_quoted_printable_write_mem(m, &col, 1, t, strlen(t));
	buf_append(b, m->str, m->len);
	if (m->len < 2 || strcmp(m->str + m->len - 2, "\r\n") != 0)
		buf_puts(b, "\r\n");
	mmap_string_free(m);
}

static void put_body(struct buf *b, const char *body)
{
	char *t = body_lf(body);
	bool plain = body_plain(t);

	buf_puts(b, "MIME-Version: 1.0\r\n"
		    "Content-Type: text/plain; charset=utf-8\r\n");
	buf_printf(b, "Content-Transfer-Encoding: %s\r\n\r\n",
		   plain ? "7bit" : "quoted-printable");
	if (plain)
		body_crlf(b, t);
	else
		body_qp(b, t);
	free(t);
}

/* ---- the message ---- */

static int check_in(const struct compose_in *in, struct err *e)
{
	const char *one_line[] = {in->from_name,   in->subject,
				  in->in_reply_to, in->references,
				  in->message_id,  in->bcc};

	if (!addr_ok(in->from_email))
		return err_set(e, "no sender address: set email in [identity]");
	for (size_t i = 0; i < sizeof one_line / sizeof *one_line; i++)
		if (has_line_break(one_line[i]))
			return err_set(e, "a header holds a line break");
	if (!in->to || !*in->to)
		return err_set(e, "no recipient: the To line is empty");
	return 0;
}

static int put_recipients(struct buf *b, const struct compose_in *in,
			  struct compose_msg *out, struct err *e)
{
	struct buf h = BUF_INIT;

	if (addresses(in->to, &out->rcpt, &out->n_rcpt, &h, e) <= 0) {
		buf_free(&h);
		return e && !*e->msg ? err_set(e, "no recipient in To") : -1;
	}
	put_folded(b, "To", buf_cstr(&h));
	buf_reset(&h);
	if (in->cc && *in->cc) {
		if (addresses(in->cc, &out->rcpt, &out->n_rcpt, &h, e) < 0) {
			buf_free(&h);
			return -1;
		}
		if (h.len)
			put_folded(b, "Cc", buf_cstr(&h));
	}
	buf_free(&h);
	if (in->bcc && *in->bcc &&
	    addresses(in->bcc, &out->rcpt, &out->n_rcpt, NULL, e) < 0)
		return -1;
	return 0;
}

static void put_thread(struct buf *b, const struct compose_in *in)
{
	if (in->in_reply_to && *in->in_reply_to)
		buf_printf(b, "In-Reply-To: %s\r\n", in->in_reply_to);
	if (in->references && *in->references)
		put_folded(b, "References", in->references);
}

int compose_message(const struct compose_in *in, struct compose_msg *out,
		    struct err *e)
{
	struct buf b = BUF_INIT;
	char date[64], *from;

	memset(out, 0, sizeof *out);
	if (e)
		*e->msg = '\0';
	if (check_in(in, e) < 0)
		return -1;
	out->message_id = in->message_id ? xstrdup(in->message_id)
					 : compose_message_id(in->from_email);
	out->from = xstrdup(in->from_email);
	date_text(in->date ? in->date : time(NULL), date, sizeof date);
	buf_printf(&b, "Date: %s\r\n", date);
	from = mailbox_text(in->from_name, in->from_email);
	buf_printf(&b, "From: %s\r\n", from);
	free(from);
	if (put_recipients(&b, in, out, e) < 0) {
		buf_free(&b);
		compose_msg_clear(out);
		return -1;
	}
	put_encoded(&b, "Subject", in->subject ? in->subject : "", false);
	if (in->organization && *in->organization)
		put_encoded(&b, "Organization", in->organization, false);
	buf_printf(&b, "Message-ID: %s\r\n", out->message_id);
	put_thread(&b, in);
	put_body(&b, in->body);
	out->len = b.len;
	out->raw = buf_steal(&b);
	return 0;
}

void compose_msg_clear(struct compose_msg *m)
{
	if (!m)
		return;
	free(m->message_id);
	free(m->from);
	for (size_t i = 0; i < m->n_rcpt; i++)
		free(m->rcpt[i]);
	free(m->rcpt);
	free(m->raw);
	memset(m, 0, sizeof *m);
}

char *compose_payload(const struct compose_msg *m, int64_t answered,
		      const char *purpose)
{
	json_t *o = json_object(), *rcpt = json_array();
	char *text;

	for (size_t i = 0; i < m->n_rcpt; i++)
		json_array_append_new(rcpt, json_string(m->rcpt[i]));
	json_object_set_new(o, "message_id", json_string(m->message_id));
	json_object_set_new(o, "from", json_string(m->from));
	json_object_set_new(o, "rcpt", rcpt);
	json_object_set_new(o, "raw", json_stringn(m->raw, m->len));
	if (answered > 0)
		json_object_set_new(o, "answered", json_integer(answered));
	json_object_set_new(o, "purpose", json_string(purpose));
	text = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!text)
		abort();
	return text;
}
