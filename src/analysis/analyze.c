/* analyze.c: the entry point of the analysis. Reads the outer headers
 * (libetpan's RFC 5322 parser, RFC 2047 decoding), decodes the parts, and
 * runs the steps in order: format fields, addresses, reporter, category,
 * problem and action lines, evidence, noise and unsubscribe target. */
#include "analysis/analyze.h"
#include "analysis/advice.h"
#include "analysis/classify.h"
#include "analysis/formats.h"
#include "analysis/headers.h"
#include "analysis/ipscan.h"
#include "analysis/lines.h"
#include "analysis/mime.h"
#include "analysis/noise.h"
#include "analysis/reporter.h"
#include "core/buf.h"
#include "core/ip.h"
#include "core/xalloc.h"

#include <libetpan/libetpan.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* A header line is "name:" with printable non-space name characters. */
static size_t header_name_len(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && p[i] > 32 && p[i] < 127 && p[i] != ':')
		i++;
	return (i > 0 && i < n && p[i] == ':') ? i : 0;
}

bool analysis_looks_like_mail(const char *raw, size_t len)
{
	/* Blank lines or an mbox "From " line may precede a saved .eml. */
	size_t i = headers_skip_envelope(raw, len);

	return i < len && header_name_len(raw + i, len - i) > 0;
}

static bool is_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = *p < 0x80	  ? 1
			: (*p >> 5) == 6  ? 2
			: (*p >> 4) == 14 ? 3
			: (*p >> 3) == 30 ? 4
					  : 0;
		if (!n)
			return false;
		for (int k = 1; k < n; k++)
			if ((p[k] & 0xC0) != 0x80)
				return false;
		p += n;
	}
	return true;
}

/* Printable ASCII without encoded words, the common subject, comes out of
 * libetpan's phrase decoder as its words joined by single spaces, with one
 * trailing space when it ends in blanks. Done here, that costs no iconv
 * descriptor per word. NULL when s needs the decoder. */
static char *plain_phrase(const char *s)
{
	struct buf b = BUF_INIT;
	const char *p = s;

	for (; *p; p++)
		if ((*p < 0x20 && *p != '\t') || *p > 0x7e ||
		    (p[0] == '=' && p[1] == '?'))
			return NULL;
	buf_reserve(&b, (size_t)(p - s));
	for (p = s; *p;) {
		size_t n = strcspn(p, " \t");
		if (n && b.len)
			buf_putc(&b, ' ');
		buf_append(&b, p, n);
		p += n;
		p += strspn(p, " \t");
	}
	if (p > s && (p[-1] == ' ' || p[-1] == '\t'))
		buf_putc(&b, ' ');
	return buf_steal(&b);
}

/* RFC 2047 words to UTF-8; raw 8-bit text is taken as UTF-8 when it is
 * valid, else as Latin-1, so nothing is lost. */
static char *decode_phrase(const char *s)
{
	const char *dflt = is_utf8(s) ? "utf-8" : "iso-8859-1";
	size_t idx = 0;
	char *out = plain_phrase(s), *copy;

	if (out)
		return out;
	if (mailmime_encoded_phrase_parse(dflt, s, strlen(s), &idx, "utf-8",
					  &out) != MAILIMF_NO_ERROR ||
	    !out)
		return xstrdup(s);
	copy = xstrdup(out);
	free(out);
	return copy;
}

static int64_t imf_date_to_unix(const struct mailimf_date_time *d)
{
	struct tm tm = {0};
	int64_t t;
	int zone = d->dt_zone; /* +HHMM as an int */

	tm.tm_year = d->dt_year - 1900;
	tm.tm_mon = d->dt_month - 1;
	tm.tm_mday = d->dt_day;
	tm.tm_hour = d->dt_hour;
	tm.tm_min = d->dt_min;
	tm.tm_sec = d->dt_sec;
	t = (int64_t)timegm(&tm);
	return t - ((zone / 100) * 3600 + (zone % 100) * 60);
}

static void read_mailbox(const struct mailimf_mailbox_list *l, char **addr,
			 char **name)
{
	struct mailimf_mailbox *mb;

	if (!l || !l->mb_list || clist_isempty(l->mb_list))
		return;
	mb = clist_content(clist_begin(l->mb_list));
	if (mb->mb_addr_spec)
		*addr = xstrdup(mb->mb_addr_spec);
	if (mb->mb_display_name && name)
		*name = decode_phrase(mb->mb_display_name);
}

static void read_reply_to(const struct mailimf_reply_to *rt, char **addr)
{
	struct mailimf_address *a;

	if (!rt || !rt->rt_addr_list ||
	    clist_isempty(rt->rt_addr_list->ad_list))
		return;
	a = clist_content(clist_begin(rt->rt_addr_list->ad_list));
	if (a->ad_type == MAILIMF_ADDRESS_MAILBOX &&
	    a->ad_data.ad_mailbox->mb_addr_spec)
		*addr = xstrdup(a->ad_data.ad_mailbox->mb_addr_spec);
}

static void read_optional(struct report *r, const struct mailimf_fields *f)
{
	for (clistiter *it = clist_begin(f->fld_list); it;
	     it = clist_next(it)) {
		struct mailimf_field *fld = clist_content(it);
		struct mailimf_optional_field *o;

		if (fld->fld_type != MAILIMF_FIELD_OPTIONAL_FIELD)
			continue;
		o = fld->fld_data.fld_optional_field;
		if (strcasecmp(o->fld_name, "Auto-Submitted") == 0 &&
		    strncasecmp(o->fld_value, "no", 2) != 0)
			r->auto_submitted = true;
	}
}

static void read_fields(struct report *r, struct mailimf_fields *f)
{
	struct mailimf_single_fields sf;

	mailimf_single_fields_init(&sf, f);
	if (sf.fld_message_id && sf.fld_message_id->mid_value)
		r->message_id = xstrdup(sf.fld_message_id->mid_value);
	if (sf.fld_subject && sf.fld_subject->sbj_value)
		r->subject = decode_phrase(sf.fld_subject->sbj_value);
	if (sf.fld_from)
		read_mailbox(sf.fld_from->frm_mb_list, &r->from_addr,
			     &r->from_name);
	read_reply_to(sf.fld_reply_to, &r->reply_to);
	if (sf.fld_orig_date && sf.fld_orig_date->dt_date_time)
		r->date = imf_date_to_unix(sf.fld_orig_date->dt_date_time);
	read_optional(r, f);
}

/* The MIME parse has read the header block already; parsing it here is
 * only for a message whose structure libetpan gave up on. */
static void read_headers(struct report *r, const struct mime_doc *d,
			 const char *raw, size_t len)
{
	struct mailimf_fields *f = NULL;
	size_t idx = 0;

	if (d->header) {
		read_fields(r, d->header);
		return;
	}
	if (mailimf_envelope_and_optional_fields_parse(raw, len, &idx, &f) !=
	    MAILIMF_NO_ERROR)
		return;
	read_fields(r, f);
	mailimf_fields_free(f);
}

/* The reporter's own readable text (no embedded original, no duplicate
 * rendering), its prose (the body without attachments), and the whole
 * text for the pager. */
static void collect_text(const struct mime_doc *d, struct buf *own,
			 struct buf *prose, struct buf *all)
{
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < d->n; i++) {
			const struct mime_part *p = &d->parts[i];
			if (!p->text || p->alternative ||
			    p->embedded != (pass == 1))
				continue;
			if (pass == 0) {
				buf_append(own, p->text, p->len);
				buf_putc(own, '\n');
			}
			if (pass == 0 && !p->attachment) {
				buf_append(prose, p->text, p->len);
				buf_putc(prose, '\n');
			}
			if (all->len + p->len > ANALYSIS_MAX_TEXT)
				continue;
			if (pass == 1 && all->len)
				buf_puts(all,
					 "\n----- attached message -----\n");
			buf_append(all, p->text, p->len);
			buf_putc(all, '\n');
		}
	}
}

static void scan_parts(const struct mime_doc *d, struct ip_cands *c)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct mime_part *p = &d->parts[i];
		if (p->text && !p->alternative)
			ipscan_text(c, p->text, p->len,
				    p->embedded ? IPSCAN_TRUST_EMBEDDED
						: IPSCAN_TRUST_BODY);
	}
}

static bool has_field(const struct ip_cands *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].field)
			return true;
	return false;
}

/* Whether candidate k is taken, given the best score of the candidates
 * still in play. */
static bool take_cand(const struct ip_cand *k, bool fields, int best)
{
	if (fields)
		return k->field;
	if (best >= IPSCAN_SELECT)
		return k->score >= IPSCAN_SELECT;
	return best >= 0 && k->score == best;
}

static bool in_own(const struct analysis_opts *o, const struct ip_addr *a)
{
	return o && o->own && o->own->n && cidr_list_contains(o->own, a);
}

/* Fields win over prose; with own networks set, only addresses inside them
 * are kept, and any of them not clearly a victim counts. */
static void select_ips(struct report *r, struct ip_cands *c,
		       const struct analysis_opts *o)
{
	bool scoped = o && o->own && o->own->n;
	bool fields = has_field(c);
	int best = IPSCAN_DROP - 1000;
	char text[IP_TEXT_MAX];

	ipscan_sort(c);
	for (size_t i = 0; i < c->n; i++)
		if ((!fields || c->v[i].field) &&
		    (!scoped || in_own(o, &c->v[i].addr)))
			best = c->v[i].score > best ? c->v[i].score : best;
	for (size_t i = 0; i < c->n; i++) {
		const struct ip_cand *k = &c->v[i];
		bool take =
		    scoped ? in_own(o, &k->addr) &&
				 (take_cand(k, fields, best) || k->score >= 0)
			   : take_cand(k, fields, best);
		if (!take)
			continue;
		if (r->n_ips >= ANALYSIS_MAX_IPS) {
			r->ips_truncated = true;
			break;
		}
		ip_format(&k->addr, text);
		report_add_ip(r, text, true);
	}
	r->ips_truncated |= c->truncated;
}

static void find_ips(struct report *r, const struct mime_doc *d,
		     const struct analysis_opts *o, struct format_facts *f)
{
	struct ip_cands c;

	ipscan_init(&c);
	formats_read(d, r->from_addr, &c, f);
	if (r->subject)
		ipscan_text(&c, r->subject, strlen(r->subject),
			    IPSCAN_TRUST_SUBJECT);
	scan_parts(d, &c);
	select_ips(r, &c, o);
	ipscan_free(&c);
}

/* Mailing lists and groups that rewrite From ("'CERT' via abuse") keep
 * the author in X-Original-From; that author is the reporter. */
static void find_reporter(struct report *r, const struct mime_doc *d,
			  const char *sender, const char *original_from)
{
	char *fwd = reporter_forwarded_from(d, r->subject);

	if (original_from)
		r->reporter = reporter_domain(original_from);
	if (!r->reporter)
		r->reporter = reporter_domain(r->from_addr);
	if (!r->reporter)
		r->reporter = reporter_domain(sender ? sender : r->reply_to);
	if (fwd) {
		r->original_reporter = reporter_domain(fwd);
		free(fwd);
	}
	if (r->original_reporter && r->reporter &&
	    strcmp(r->original_reporter, r->reporter) == 0) {
		free(r->original_reporter);
		r->original_reporter = NULL;
	}
}

static void set_category(struct report *r, struct category cat)
{
	free(r->category);
	free(r->type);
	r->category = xstrdup(cat.category);
	r->type = xstrdup(cat.type);
}

static void find_format_and_category(struct report *r,
				     const struct format_facts *f,
				     const struct buf *own)
{
	struct category cat;
	bool prose = classify_text(r->subject, own->data ? own->data : "",
				   own->len, &cat);
	bool ack =
	    !r->n_ips && f->format == REPORT_FORMAT_UNKNOWN &&
	    noise_is_acknowledgement(r, own->data ? own->data : "", own->len);

	r->format = f->format;
	if (r->format == REPORT_FORMAT_UNKNOWN && r->original_reporter)
		r->format = REPORT_FORMAT_FORWARDED;
	if (r->format == REPORT_FORMAT_UNKNOWN && !ack && (r->n_ips || prose))
		r->format = REPORT_FORMAT_PLAIN;
	if (ack)
		cat = (struct category){"other", "other"};
	else if (f->has_cat)
		cat = f->cat;
	set_category(r, cat);
}

/* Where the text states no problem, the program writes the sentence
 * itself from the fields, and says so. An ARF report's text is written by
 * the same machine from the same fields (RFC 5965), so its fields say it
 * best and with the arrival time. */
static void derive_problem(struct report *r, const struct format_facts *f)
{
	if (r->problem && r->format != REPORT_FORMAT_ARF)
		return;
	if (!r->n_ips && !f->facts.kind[0])
		return;
	free(r->problem);
	r->problem = advice_problem(r, &f->facts);
	r->problem_derived = true;
}

static void find_lines(struct report *r, const struct buf *prose,
		       const struct buf *own, const struct format_facts *f)
{
	const char *t = prose->data ? prose->data : "";

	lines_pick(t, prose->len, r->ips, r->n_ips, &r->problem, &r->action);
	derive_problem(r, f);
	lines_evidence(r, own->data ? own->data : "", own->len);
}

/* The outer fields read from the raw header block (libetpan's list has
 * the rest), all in one reading. */
enum {
	H_SENDER,
	H_ORIGINAL_FROM,
	H_PRECEDENCE,
	H_LIST_UNSUBSCRIBE,
	H_LIST_UNSUBSCRIBE_POST,
	H_AUTO_SUBMITTED,
	H_X_AUTOREPLY,
	H_COUNT
};

static const char *const raw_fields[H_COUNT] = {
    [H_SENDER] = "Sender",
    [H_ORIGINAL_FROM] = "X-Original-From",
    [H_PRECEDENCE] = "Precedence",
    [H_LIST_UNSUBSCRIBE] = "List-Unsubscribe",
    [H_LIST_UNSUBSCRIBE_POST] = "List-Unsubscribe-Post",
    [H_AUTO_SUBMITTED] = "Auto-Submitted",
    [H_X_AUTOREPLY] = "X-Autoreply",
};

static void find_noise(struct report *r, char *const *hv, const struct buf *own)
{
	struct noise_headers h = {
	    hv[H_PRECEDENCE],
	    hv[H_LIST_UNSUBSCRIBE],
	    hv[H_LIST_UNSUBSCRIBE_POST],
	    hv[H_AUTO_SUBMITTED],
	    hv[H_X_AUTOREPLY],
	};
	const char *t = own->data ? own->data : "";

	r->case_ref = noise_case_ref(r->subject, t, own->len);
	noise_signals(r, &h, t, own->len);
	noise_unsubscribe(r, &h, t, own->len);
}

/* Thread CPU time in milliseconds: the budget counts this message's work,
 * not the time other threads took from it. */
static int64_t cpu_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* True when the analysis has spent its budget; the stages after it are
 * left out and the report says so. */
static bool over_budget(struct report *r, int64_t start)
{
	if (cpu_ms() - start <= ANALYSIS_CPU_BUDGET_MS)
		return false;
	report_set_analysis(r, REPORT_ANALYSIS_PARTIAL,
			    "the analysis ran out of time; problem and action "
			    "lines were not looked for");
	return true;
}

static void add_attachments(struct report *r, const struct mime_doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->parts[i].attachment)
			report_add_attachment(r, d->parts[i].name,
					      d->parts[i].type,
					      d->parts[i].len);
}

struct report *analysis_run(const char *raw, size_t len,
			    const struct analysis_opts *opts, struct err *e)
{
	struct report *r;
	struct mime_doc *d;
	struct format_facts f;
	struct buf own = BUF_INIT, prose = BUF_INIT, all = BUF_INIT;
	char *hv[H_COUNT];
	int64_t start = cpu_ms();

	if (!analysis_looks_like_mail(raw, len)) {
		err_set(e, "not a mail message (no header block at the start)");
		return NULL;
	}
	size_t skip = headers_skip_envelope(raw, len);
	raw += skip;
	len -= skip;
	r = report_new();
	d = mime_decode(raw, len);
	if (d->limit)
		report_set_analysis(r, REPORT_ANALYSIS_PARTIAL, d->limit);
	read_headers(r, d, raw, len);
	collect_text(d, &own, &prose, &all);
	find_ips(r, d, opts, &f);
	headers_get_all(raw, len, raw_fields, H_COUNT, hv);
	find_reporter(r, d, hv[H_SENDER], hv[H_ORIGINAL_FROM]);
	find_format_and_category(r, &f, &own);
	if (!over_budget(r, start))
		find_lines(r, &prose, &own, &f);
	find_noise(r, hv, &own);
	for (size_t i = 0; i < H_COUNT; i++)
		free(hv[i]);
	add_attachments(r, d);
	r->text = buf_steal(&all);
	buf_free(&own);
	buf_free(&prose);
	mime_doc_free(d);
	return r;
}

char *analysis_text(const char *raw, size_t len)
{
	struct buf own = BUF_INIT, prose = BUF_INIT, all = BUF_INIT;
	struct mime_doc *d;

	if (!analysis_looks_like_mail(raw, len))
		return NULL;
	size_t skip = headers_skip_envelope(raw, len);
	d = mime_decode(raw + skip, len - skip);
	collect_text(d, &own, &prose, &all);
	buf_free(&own);
	buf_free(&prose);
	mime_doc_free(d);
	if (!all.data)
		return xstrdup("");
	return buf_steal(&all);
}
