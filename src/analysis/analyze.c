/* analyze.c: the entry point of the analysis. Reads the outer headers
 * (libetpan's RFC 5322 parser, RFC 2047 decoding), decodes the parts, and
 * runs the steps in order: format fields, addresses, reporter, category,
 * problem and action lines, evidence, noise and unsubscribe target, and
 * what our own mail server said of the sender. */
#include "analysis/analyze.h"
#include "analysis/advice.h"
#include "analysis/authres.h"
#include "analysis/classify.h"
#include "analysis/formats.h"
#include "analysis/headers.h"
#include "analysis/ipscan.h"
#include "analysis/lines.h"
#include "analysis/mime.h"
#include "analysis/noise.h"
#include "analysis/bulk.h"
#include "analysis/relays.h"
#include "analysis/reporter.h"
#include "analysis/urgency.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/ip.h"
#include "core/mailaddr.h"
#include "core/xalloc.h"
#include "jsonscan.h"

#include <ctype.h>
#include <libetpan/libetpan.h>
#include <limits.h>
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

/* Fields every mail carries at least one of; "name: value" lines alone
 * (a passwd file, a config file) are not mail. */
static const char *const mail_fields[] = {"from",
					  "to",
					  "cc",
					  "subject",
					  "date",
					  "received",
					  "message-id",
					  "return-path",
					  "mime-version",
					  "reply-to",
					  "sender",
					  "delivered-to",
					  "content-type",
					  "dkim-signature",
					  "x-mailer",
					  "in-reply-to",
					  NULL};

static bool is_mail_field(const char *p, size_t n)
{
	for (const char *const *f = mail_fields; *f; f++)
		if (strlen(*f) == n && strncasecmp(p, *f, n) == 0)
			return true;
	return n > 2 && strncasecmp(p, "x-", 2) == 0;
}

bool analysis_looks_like_mail(const char *raw, size_t len)
{
	/* Blank lines or an mbox "From " line may precede a saved .eml. */
	size_t i = headers_skip_envelope(raw, len);

	if (i >= len || !header_name_len(raw + i, len - i))
		return false;
	/* The header block, as far as it goes: a field mail has in it. */
	while (i < len) {
		const char *p = raw + i;
		const char *nl = memchr(p, '\n', len - i);
		size_t n = nl ? (size_t)(nl - p) : len - i, name;
		if (n == 0 || (n == 1 && p[0] == '\r'))
			break;
		if (p[0] != ' ' && p[0] != '\t') {
			name = header_name_len(p, n);
			if (!name)
				break;
			if (is_mail_field(p, name))
				return true;
		}
		i += n + 1;
	}
	return false;
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
	return date_to_unix(d->dt_year, d->dt_month, d->dt_day, d->dt_hour,
			    d->dt_min, d->dt_sec, d->dt_zone);
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
		if (strcasecmp(o->fld_name, "Auto-Submitted") != 0)
			continue;
		r->auto_submitted |= strncasecmp(o->fld_value, "no", 2) != 0;
		r->auto_replied |=
		    strncasecmp(o->fld_value, "auto-replied", 12) == 0;
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

/* A part of the reporter's own readable text: no embedded original, no
 * duplicate rendering. */
static bool own_part(const struct mime_part *p)
{
	return p->text && !p->alternative && !p->embedded;
}

/* The text parts of the attached mail whose header block is part hdr:
 * those after it, up to the next attached mail's. */
static size_t complaint_end(const struct mime_doc *d, size_t hdr)
{
	size_t i = hdr + 1;

	while (i < d->n && d->parts[i].embedded &&
	       strcmp(d->parts[i].type, "message/rfc822-headers") != 0)
		i++;
	return i;
}

/* A complaint a relay sends on as an attachment
 * (reporter_relayed_complaint()) is read as the report's own text, as an
 * inline forward's is, when it asks for something: a sample of spam sent
 * to an abuse mailbox asks for nothing. Returns its sender, or NULL. */
static char *own_relayed_complaint(struct mime_doc *d, const char *subject)
{
	size_t hdr = 0, end;
	char *from = reporter_relayed_complaint(d, subject, &hdr);
	char *asks = NULL;

	if (!from)
		return NULL;
	end = complaint_end(d, hdr);
	for (size_t i = hdr + 1; i < end && !asks; i++)
		if (d->parts[i].text && !d->parts[i].alternative)
			asks = lines_action(d->parts[i].text, d->parts[i].len);
	if (!asks) {
		free(from);
		return NULL;
	}
	free(asks);
	for (size_t i = hdr + 1; i < end; i++)
		d->parts[i].embedded = false;
	return from;
}

/* A body of a few words beside a text attachment that asks for
 * something ("The notification is attached"): the attachment is the
 * report, and its words are read as the body's. */
static void read_cover_note(struct mime_doc *d)
{
	enum { COVER_MAX = 300 };
	size_t body = 0;

	for (size_t i = 0; i < d->n; i++)
		if (own_part(&d->parts[i]) && !d->parts[i].attachment)
			body += mime_visible_chars(d->parts[i].text);
	if (body > COVER_MAX)
		return;
	for (size_t i = 0; i < d->n; i++) {
		struct mime_part *p = &d->parts[i];
		char *asks;
		if (!own_part(p) || !p->attachment ||
		    strcmp(p->type, "text/plain") != 0)
			continue;
		asks = lines_action(p->text, p->len);
		p->as_body = asks != NULL;
		free(asks);
	}
}

/* Room for the reporter's own text and its prose at once: a 25 MB body in
 * a doubling buffer would take 50. Returns whether the prose is the own
 * text whole (no attachment in it), which is then not copied twice. */
static bool reserve_text(const struct mime_doc *d, struct buf *own,
			 struct buf *prose)
{
	size_t own_len = 0, prose_len = 0;

	for (size_t i = 0; i < d->n; i++) {
		const struct mime_part *p = &d->parts[i];
		if (!own_part(p))
			continue;
		own_len += p->len + 1;
		if (!p->attachment || p->as_body)
			prose_len += p->len + 1;
	}
	if (own_len)
		buf_reserve(own, own_len);
	if (prose_len && prose_len != own_len)
		buf_reserve(prose, prose_len);
	return prose_len == own_len;
}

/* The reporter's own readable text, its prose (the body without
 * attachments) and the whole text for the pager. Returns true when the
 * prose is the own text: prose is then left empty. */
static bool collect_text(const struct mime_doc *d, struct buf *own,
			 struct buf *prose, struct buf *all)
{
	bool same = reserve_text(d, own, prose);

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
			if (pass == 0 && (!p->attachment || p->as_body) &&
			    !same) {
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
	return same;
}

static void scan_parts(const struct mime_doc *d, struct ip_cands *c)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct mime_part *p = &d->parts[i];
		int base =
		    p->embedded ? IPSCAN_TRUST_EMBEDDED : IPSCAN_TRUST_BODY;
		if (p->text && !p->alternative &&
		    !jsonscan_text(c, p->text, p->len, base))
			ipscan_text(c, p->text, p->len, base);
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

/* Victims and mentioned addresses kept beside the offenders: a report
 * names a few; a log full of them says nothing more. */
#define EXTRA_IPS 8

static bool hinted(const struct ip_cand *k, enum ipscan_hint h)
{
	return (k->hints & (1u << h)) != 0;
}

/* What the reporter's words made of an address no rule took for the
 * offender: a victim, an address only mentioned, or nothing to keep. */
static bool other_role(const struct ip_cand *k, enum report_ip_role *role)
{
	if (k->field || hinted(k, IPSCAN_HINT_OFFENDER))
		return false;
	if (hinted(k, IPSCAN_HINT_VICTIM)) {
		*role = REPORT_IP_VICTIM;
		return true;
	}
	if (hinted(k, IPSCAN_HINT_MENTIONED)) {
		*role = REPORT_IP_MENTIONED;
		return true;
	}
	return false;
}

struct picked {
	struct report *r;
	unsigned char *taken; /* per candidate */
	size_t n_extra;
	/* The recipient's mailbox, by the delivery fields or else the
	 * mail's first addressee: its domain names the recipient. */
	const char *mailbox;
};

static void pick(struct picked *p, const struct ip_cands *c, size_t i,
		 bool in_scope, enum report_ip_role role)
{
	char text[IP_TEXT_MAX];

	if (p->taken[i])
		return;
	if (p->r->n_ips >= ANALYSIS_MAX_IPS) {
		p->r->ips_truncated = true;
		return;
	}
	p->taken[i] = 1;
	ip_format(&c->v[i].addr, text);
	report_add_ip_role(p->r, text, in_scope, role);
}

/* The best score among the candidates a selection looks at: fields when
 * there are any, and with own networks set those inside (or outside). */
static int best_score(const struct ip_cands *c, bool fields,
		      const struct analysis_opts *o, int scope)
{
	int best = IPSCAN_DROP - 1000;

	for (size_t i = 0; i < c->n; i++)
		if ((!fields || c->v[i].field) &&
		    (scope < 0 || in_own(o, &c->v[i].addr) == (scope == 1)))
			best = c->v[i].score > best ? c->v[i].score : best;
	return best;
}

static bool own_victim(const struct ip_cand *k)
{
	return !k->field && hinted(k, IPSCAN_HINT_VICTIM) &&
	       k->score < IPSCAN_SELECT;
}

/* Whether the words call k an attacker, or a mere mention, beside a
 * victim. */
static bool also_other(const struct ip_cand *k)
{
	return hinted(k, IPSCAN_HINT_OFFENDER) ||
	       hinted(k, IPSCAN_HINT_MENTIONED);
}

/* Whether the words call k an attacker and nothing else: beside a victim
 * it is named even where its score is weaker ("and from\nADDR"). */
static bool only_offender(const struct ip_cand *k)
{
	return k->hints == (1u << IPSCAN_HINT_OFFENDER) && k->score > 0;
}

/* Names the attackers beside a victim of ours that the report is
 * grouped under: the best-scored addresses outside our networks (scope
 * 0), or of all when no networks are set (scope -1), and those only
 * called attackers. */
static void name_attackers(struct picked *p, const struct ip_cands *c,
			   const struct analysis_opts *o, bool fields,
			   int scope)
{
	int best = best_score(c, fields, o, scope);

	for (size_t i = 0; i < c->n; i++)
		if ((scope < 0 || !in_own(o, &c->v[i].addr)) &&
		    best >= IPSCAN_SELECT &&
		    (take_cand(&c->v[i], fields, best) ||
		     (!fields && only_offender(&c->v[i]))))
			pick(p, c, i, false, REPORT_IP_OFFENDER);
}

/* With own networks set, only addresses inside them are offenders, and
 * any of them not clearly a victim counts. An address of ours that was
 * attacked is the victim; the report is then grouped under it, and the
 * attacker outside is named beside it. */
static void select_scoped(struct picked *p, const struct ip_cands *c,
			  const struct analysis_opts *o, bool fields)
{
	int best = best_score(c, fields, o, 1);
	bool offender = false, victim = false;

	for (size_t i = 0; i < c->n; i++) {
		const struct ip_cand *k = &c->v[i];
		if (in_own(o, &k->addr) && !own_victim(k) &&
		    (take_cand(k, fields, best) || k->score >= 0)) {
			offender = true;
			pick(p, c, i, true, REPORT_IP_OFFENDER);
		}
	}
	/* Grouped under our victim only when none of ours offended. */
	for (size_t i = 0; i < c->n; i++) {
		if (in_own(o, &c->v[i].addr) && own_victim(&c->v[i])) {
			victim = true;
			pick(p, c, i, !offender, REPORT_IP_VICTIM);
		}
	}
	if (!offender && victim)
		name_attackers(p, c, o, fields, 0);
}

/* Whether the subject or the reporter's own text says that the attacked
 * side is the recipient's (ipscan_victim_is_yours()). */
static bool says_victim_is_yours(const struct report *r,
				 const struct mime_doc *d,
				 const char *recipient)
{
	char name[64] = "";
	char *domain = recipient ? reporter_domain(recipient) : NULL;

	/* The recipient's name as its mail domain says it ("maplewave"). */
	for (size_t i = 0;
	     domain && domain[i] && domain[i] != '.' && i + 1 < sizeof name;
	     i++) {
		name[i] = (char)tolower((unsigned char)domain[i]);
		name[i + 1] = '\0';
	}
	free(domain);
	if (r->subject &&
	    ipscan_victim_is_yours(r->subject, strlen(r->subject)))
		return true;
	for (size_t i = 0; i < d->n; i++)
		if (own_part(&d->parts[i]) && d->parts[i].text &&
		    (ipscan_victim_is_yours(d->parts[i].text,
					    d->parts[i].len) ||
		     ipscan_names_host(d->parts[i].text, d->parts[i].len,
				       name)))
			return true;
	return false;
}

/* Without own networks, a mail that says the attacked side is the
 * recipient's ("I am a customer of yours", "one of your customers is the
 * target") is grouped under the victims it names, as select_scoped()
 * does with networks; the attackers are named beside them. False, and
 * nothing picked, when it names no victim or does not say so. */
static bool select_victim_of_yours(struct picked *p, const struct ip_cands *c,
				   const struct mime_doc *d, bool fields)
{
	size_t first = 0;
	bool only = false;

	while (first < c->n && !own_victim(&c->v[first]))
		first++;
	/* The words are read only when there is a victim to group under. */
	if (first == c->n || !says_victim_is_yours(p->r, d, p->mailbox))
		return false;
	/* An address the words also call an attacker ("attempts against
	 * wp-login.php from ADDR") or not the recipient's ("ADDR isn't
	 * yours") is none where another is only attacked. */
	for (size_t i = first; i < c->n && !only; i++)
		only = own_victim(&c->v[i]) && !also_other(&c->v[i]);
	for (size_t i = first; i < c->n; i++)
		if (own_victim(&c->v[i]) && !(only && also_other(&c->v[i])))
			pick(p, c, i, true, REPORT_IP_VICTIM);
	name_attackers(p, c, NULL, fields, -1);
	return true;
}

/* An address taken only for a tie of weak scores, which the words call
 * a victim or a mere mention (a table's "answer" column beside "ip"):
 * beside an address the words do not call so, it is no offender. */
static bool weak_other(const struct ip_cand *k, bool fields)
{
	enum report_ip_role role;

	return !fields && k->score < IPSCAN_SELECT && other_role(k, &role);
}

/* AS numbers a report names that are looked at. */
#define NAMED_ASNS 8

/* A table of the hosts of many networks, sent to each of them ("only the
 * lines with ASN 64500 concern you"): the AS the words name, when the
 * rows hold several and the words name exactly one of those; else 0. */
static uint32_t named_row_asn(const struct ip_cands *c, const uint32_t *named,
			      size_t n_named)
{
	uint32_t first = 0, ours = 0;
	bool several = false;

	for (size_t i = 0; i < c->n; i++) {
		if (!c->v[i].asn)
			continue;
		several |= first && c->v[i].asn != first;
		first = first ? first : c->v[i].asn;
	}
	if (!several)
		return 0;
	for (size_t k = 0; k < n_named; k++) {
		bool rows = false;
		for (size_t i = 0; i < c->n && !rows; i++)
			rows = c->v[i].asn == named[k];
		if (rows && ours && ours != named[k])
			return 0;
		if (rows)
			ours = named[k];
	}
	return ours;
}

/* The AS numbers the subject and the reporter's own text name. */
static size_t named_asns(const struct report *r, const struct mime_doc *d,
			 uint32_t out[NAMED_ASNS])
{
	size_t n = 0;

	if (r->subject)
		n = ipscan_named_asns(r->subject, strlen(r->subject), out,
				      NAMED_ASNS, n);
	for (size_t i = 0; i < d->n; i++)
		if (own_part(&d->parts[i]))
			n = ipscan_named_asns(d->parts[i].text, d->parts[i].len,
					      out, NAMED_ASNS, n);
	return n;
}

/* Takes candidate k out of the running: below every score that is read,
 * no field, with only the hints given (what it is still said to be). */
static void drop_cand(struct ip_cand *k, unsigned char hints)
{
	k->score = IPSCAN_DROP - 1;
	k->field = false;
	k->hints = hints;
}

/* A table sent to many networks: the rows of another AS than ours are
 * only mentioned. */
static void other_as_rows(struct ip_cands *c, uint32_t ours)
{
	for (size_t i = 0; i < c->n && ours; i++)
		if (c->v[i].asn && c->v[i].asn != ours)
			drop_cand(&c->v[i], 1u << IPSCAN_HINT_MENTIONED);
}

/* A table sent to many networks that names each row's abuse contact
 * ("203.0.113.71   abuse@isp.example   844,102"): where some rows name
 * the mailbox this copy was delivered to, the rows that name only other
 * mailboxes are the other networks', named here only. */
static void other_contact_rows(struct ip_cands *c)
{
	bool ours = false;

	for (size_t i = 0; i < c->n; i++)
		ours |= (c->v[i].row_mail & IPSCAN_ROW_RECIPIENT) != 0;
	for (size_t i = 0; i < c->n && ours; i++)
		if (c->v[i].row_mail == IPSCAN_ROW_OTHER && !c->v[i].field)
			drop_cand(&c->v[i], 1u << IPSCAN_HINT_MENTIONED);
}

static bool internal_addr(const struct ip_addr *a)
{
	enum ip_class k = ip_classify(a);

	return k == IP_CLASS_PRIVATE || k == IP_CLASS_LOOPBACK ||
	       k == IP_CLASS_LINK_LOCAL;
}

/* A private, loopback or link-local address is a machine inside some
 * network (the reporter's workstation behind NAT, a router's LAN side):
 * beside a public address that the report is about at least as much,
 * it is nothing to act on, and left out. Alone, or ahead of every
 * public one (an anonymised sample), it stays a candidate. */
static void internal_beside_public(struct ip_cands *c)
{
	int best_public = INT_MIN;

	for (size_t i = 0; i < c->n; i++)
		if (!internal_addr(&c->v[i].addr) &&
		    c->v[i].score > best_public)
			best_public = c->v[i].score;
	for (size_t i = 0; i < c->n && best_public > INT_MIN; i++)
		if (internal_addr(&c->v[i].addr) &&
		    c->v[i].score <= best_public)
			drop_cand(&c->v[i], 0);
}

/* An address the reporter's own words disown ("ADDR is our jump host",
 * "ADDR is in another network, reported there") is not an offender for
 * a log line or a table row that also names it, beside addresses not
 * disowned: it keeps the role those words give it. */
static void disowned_beside_others(struct ip_cands *c)
{
	bool others = false;

	for (size_t i = 0; i < c->n; i++)
		others |= !c->v[i].disowned && c->v[i].score >= IPSCAN_SELECT;
	for (size_t i = 0; i < c->n && others; i++)
		if (c->v[i].disowned && !c->v[i].field)
			drop_cand(
			    &c->v[i],
			    c->v[i].hints &
				(unsigned char)~(1u << IPSCAN_HINT_OFFENDER));
}

/* Fields win over prose; the addresses the reporter's words make victims
 * or mere mentions follow the offenders, outside the report's scope. The
 * rows of other networks' AS in a table sent to many are left out. */
static void select_ips(struct report *r, struct ip_cands *c,
		       const struct analysis_opts *o, uint32_t ours,
		       const struct mime_doc *d, const char *mailbox)
{
	bool scoped = o && o->own && o->own->n;
	bool fields = has_field(c);
	struct picked p = {r, NULL, 0, mailbox};

	other_as_rows(c, ours);
	other_contact_rows(c);
	internal_beside_public(c);
	disowned_beside_others(c);
	ipscan_sort(c);
	p.taken = xcalloc(c->n ? c->n : 1, 1);
	if (scoped) {
		select_scoped(&p, c, o, fields);
	} else if (select_victim_of_yours(&p, c, d, fields)) {
		/* grouped under the victim */
	} else {
		int best = best_score(c, fields, o, -1);
		bool plain = false;
		for (size_t i = 0; i < c->n; i++)
			plain |= take_cand(&c->v[i], fields, best) &&
				 !weak_other(&c->v[i], fields);
		for (size_t i = 0; i < c->n; i++)
			if (take_cand(&c->v[i], fields, best) &&
			    !(plain && weak_other(&c->v[i], fields)))
				pick(&p, c, i, true, REPORT_IP_OFFENDER);
	}
	for (size_t i = 0; i < c->n && p.n_extra < EXTRA_IPS; i++) {
		enum report_ip_role role;
		if (p.taken[i] || !other_role(&c->v[i], &role))
			continue;
		pick(&p, c, i, false, role);
		p.n_extra++;
	}
	free(p.taken);
	r->ips_truncated |= c->truncated;
}

static bool has_offender(const struct report *r)
{
	for (size_t i = 0; i < r->n_ips; i++)
		if (r->ips[i].role == REPORT_IP_OFFENDER)
			return true;
	return false;
}

/* Whether the report names what it is grouped under: its offenders, or
 * a victim of ours (a customer's "our VPS is under attack"). */
static bool has_group(const struct report *r)
{
	for (size_t i = 0; i < r->n_ips; i++)
		if (r->ips[i].in_scope)
			return true;
	return false;
}

/* Whether the report is grouped under a victim of ours: an attack on it
 * is what it tells. */
static bool grouped_under_victim(const struct report *r)
{
	for (size_t i = 0; i < r->n_ips; i++)
		if (r->ips[i].in_scope)
			return r->ips[i].role == REPORT_IP_VICTIM;
	return false;
}

/* Adds the relay a as the offender, in front: it is what the report is
 * about. With own networks set, only one of ours counts. */
static bool add_relay(struct report *r, const struct ip_addr *a,
		      const struct analysis_opts *o)
{
	char text[IP_TEXT_MAX];
	bool scoped = o && o->own && o->own->n;

	if (scoped && !in_own(o, a))
		return false;
	ip_format(a, text);
	size_t at = 0;
	while (at < r->n_ips && strcmp(r->ips[at].text, text) != 0)
		at++;
	/* The reporter's words say it is no offender ("the mails came from
	 * ADDR, which is not in your network"). */
	if (at < r->n_ips && r->ips[at].role != REPORT_IP_OFFENDER)
		return false;
	/* Named already (by weak words): it moves to the front. */
	if (at == r->n_ips)
		report_add_ip_role(r, text, true, REPORT_IP_OFFENDER);
	memmove(r->ips + 1, r->ips, at * sizeof *r->ips);
	memset(&r->ips[0], 0, sizeof r->ips[0]);
	strcpy(r->ips[0].text, text);
	r->ips[0].in_scope = true;
	r->ips[0].role = REPORT_IP_OFFENDER;
	return true;
}

/* Whether an embedded part is a reported mail's header: attached whole,
 * or pasted into the reporter's text (mime.c splits it off there, from
 * its first header line on). */
static bool reported_header(const struct mime_part *p)
{
	if (!p->embedded || !p->text)
		return false;
	if (strcmp(p->type, "message/rfc822-headers") == 0)
		return true;
	return p->pasted_header;
}

/* A reported mail attached or pasted whole, whose sender the reporter's
 * words do not name: the last outside hop of its own relay chain sent
 * it. Returns whether it did. */
static bool relay_of_embedded(struct report *r, const struct mime_doc *d,
			      const struct analysis_opts *o,
			      const char *recipient)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct mime_part *p = &d->parts[i];
		struct ip_addr a;
		if (!reported_header(p))
			continue;
		return relays_offender(p->text, p->len, recipient, &a) &&
		       add_relay(r, &a, o);
	}
	return false;
}

/* Whether the reporter's words call a named address the doer ("the
 * fake site is on your server ADDR"), however weakly. */
static bool words_name_offender(const struct ip_cands *c)
{
	for (size_t i = 0; i < c->n; i++)
		if (hinted(&c->v[i], IPSCAN_HINT_OFFENDER) &&
		    c->v[i].score > IPSCAN_TRUST_BODY && !c->v[i].disowned)
			return true;
	return false;
}

/* Returns whether the offender is the sender of an attached mail. */
static bool find_ips(struct report *r, const struct mime_doc *d,
		     const struct analysis_opts *o, struct format_facts *f,
		     const char *recipient, const char *addressee)
{
	struct ip_cands c;
	bool relayed = false;

	ipscan_init(&c);
	c.recipient = recipient;
	formats_read(d, r->from_addr, &c, f);
	if (r->subject)
		ipscan_text(&c, r->subject, strlen(r->subject),
			    IPSCAN_TRUST_SUBJECT);
	uint32_t named[NAMED_ASNS];
	size_t n_named;

	scan_parts(d, &c);
	n_named = named_asns(r, d, named);
	select_ips(r, &c, o, named_row_asn(&c, named, n_named), d,
		   recipient ? recipient : addressee);
	if (!has_field(&c)) {
		/* No word named an offender for sure: the pasted mail's own
		 * relay chain says who sent it better than a weak tie. */
		bool weak = best_score(&c, false, o, -1) < IPSCAN_SELECT &&
			    !words_name_offender(&c);
		if ((!has_offender(r) || weak) &&
		    relay_of_embedded(r, d, o, recipient)) {
			relayed = true;
			for (size_t i = 1; weak && i < r->n_ips; i++)
				if (r->ips[i].role == REPORT_IP_OFFENDER) {
					r->ips[i].role = REPORT_IP_MENTIONED;
					r->ips[i].in_scope = false;
				}
		}
	}
	ipscan_free(&c);
	return relayed;
}

/* Whether addr is the recipient's own: who forwarded or submitted a
 * report is never the recipient itself (a ticket system's notice names us
 * as the reporter of the case it closes). */
static bool is_ours(const char *addr, const char *recipient)
{
	char *theirs = reporter_domain(addr),
	     *ours = reporter_domain(recipient);
	bool own = theirs && ours && strcmp(theirs, ours) == 0;

	free(theirs);
	free(ours);
	return own;
}

/* A ticket system or a web form that mails for someone sends from a
 * no-reply address of its own and names the reporter in Reply-To
 * ("noreply@tickets.desk.example", Reply-To: noc@isp.example): it relays
 * as a forwarder does, and the one answers go to is the original
 * reporter. NULL unless the two are of different domains. */
static char *reply_to_reporter(const char *from, const char *reply_to)
{
	char *theirs, *relay;

	if (!reply_to || !mailaddr_no_reply(from) ||
	    mailaddr_no_reply(reply_to))
		return NULL;
	theirs = reporter_domain(reply_to);
	relay = reporter_domain(from);
	if (theirs && relay && strcmp(theirs, relay) == 0) {
		free(theirs);
		theirs = NULL;
	}
	free(relay);
	return theirs;
}

/* Mailing lists and groups that rewrite From ("'CERT' via abuse") keep
 * the author in X-Original-From; that author is the reporter. */
static void find_reporter(struct report *r, const struct mime_doc *d,
			  const char *sender, const char *original_from,
			  const char *recipient, enum report_format format,
			  char *relayed_from)
{
	/* A forward of our own words (our support's answer sent back to
	 * us) is the sender's mail with a reply's copy below. */
	char *fwd = relayed_from ? relayed_from
				 : reporter_forwarded_from(d, r->subject);

	r->forwards_ours = fwd && is_ours(fwd, recipient);
	if (!fwd || r->forwards_ours) {
		free(fwd);
		fwd = reporter_submitted_by(d);
		if (fwd && is_ours(fwd, recipient)) {
			free(fwd);
			fwd = NULL;
		}
	}

	if (original_from)
		r->reporter = reporter_domain(original_from);
	if (!r->reporter && format == REPORT_FORMAT_ARF)
		r->reporter = reporter_arf_provider(d);
	if (!r->reporter)
		r->reporter = reporter_domain(r->from_addr);
	if (!r->reporter)
		r->reporter = reporter_domain(sender ? sender : r->reply_to);
	if (fwd) {
		r->original_reporter = reporter_domain(fwd);
		free(fwd);
	} else if (!is_ours(r->reply_to, recipient)) {
		r->original_reporter =
		    reply_to_reporter(r->from_addr, r->reply_to);
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

static bool asks_nothing(const struct buf *own)
{
	char *action = lines_action(own->data ? own->data : "", own->len);
	bool asks = action != NULL;

	free(action);
	return !asks;
}

static bool any_address(const struct ip_addr *a, void *arg)
{
	(void)a;
	(void)arg;
	return true;
}

/* Whether an address stands on a line of the sender's own, not only on
 * the quoted lines ("> ") of the mail it answers. */
static bool names_address_unquoted(const struct buf *own)
{
	const char *p = own->data ? own->data : "", *end = p + own->len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end, *q = p;
		while (q < eol && (*q == ' ' || *q == '\t'))
			q++;
		if (q < eol && *q != '>' &&
		    ipscan_find(p, (size_t)(eol - p), any_address, NULL))
			return true;
		p = eol + 1;
	}
	return false;
}

/* Whether the mail is no report: an automatic reply that says so in its
 * subject, even when it quotes a report, addresses and all, or that is
 * marked auto-replied and says so in its text; an acknowledgement that
 * asks for nothing and names no group (no offender, no victim of ours)
 * or answers our own report, though it names the address ours was about
 * (in its subject or only in the quote of ours): a reporter who quotes
 * our acknowledgement below a new request is heard; a newsletter that
 * asks for nothing, whatever addresses it cites. */
static bool no_report(const struct report *r, const struct format_facts *f,
		      const struct buf *own, const struct noise_text *nt)
{
	struct noise_marks m;

	if (f->format != REPORT_FORMAT_UNKNOWN)
		return false;
	noise_marks_read(nt, &m);
	if (r->auto_submitted && m.ack_in_subject)
		return true;
	/* An automatic answer to a mail that says it is one ("automated
	 * acknowledgement"): the address it names is of the mail it got. */
	if (r->auto_replied && m.ack && asks_nothing(own))
		return true;
	/* A provider that tells of its own customer's attack on ours and
	 * closes the case on its side ("l'incident est clos de notre côté")
	 * reports it; a closure in answer to a mail is none. */
	if (m.closed && asks_nothing(own) &&
	    (!grouped_under_victim(r) || noise_subject_is_reply(r->subject)))
		return true;
	if (m.ack)
		return (!has_group(r) || noise_subject_is_reply(r->subject) ||
			!names_address_unquoted(own)) &&
		       asks_nothing(own);
	return noise_is_newsletter(nt) && asks_nothing(own);
}

/* A spam report whose own words say what the mail was ("delivered to a
 * spam trap and classified as phishing"): the kind of its content is the
 * finer answer. */
static bool finer_than_spam(struct category format, struct category said)
{
	return strcmp(format.type, "spam") == 0 &&
	       strcmp(said.category, "content") == 0 &&
	       (strcmp(said.type, "phishing") == 0 ||
		strcmp(said.type, "malware") == 0);
}

/* Returns whether the mail is no report (no_report()). A mail forwarded
 * whole (relayed: its sender is the offender), whose words name no other
 * kind, is a complaint about that mail: spam. */
static bool find_format_and_category(struct report *r,
				     const struct format_facts *f,
				     const struct buf *own,
				     const struct noise_text *nt, bool relayed)
{
	struct category cat;
	bool prose = classify_text(r->subject, own->data ? own->data : "",
				   own->len, &cat);

	if (!prose && relayed) {
		cat = (struct category){"messaging", "spam"};
		prose = true;
	}
	bool ack = no_report(r, f, own, nt);

	r->no_report = ack;

	r->format = f->format;
	if (r->format == REPORT_FORMAT_UNKNOWN && r->original_reporter)
		r->format = REPORT_FORMAT_FORWARDED;
	if (r->format == REPORT_FORMAT_UNKNOWN && !ack &&
	    (has_group(r) || prose))
		r->format = REPORT_FORMAT_PLAIN;
	if (ack)
		cat = (struct category){"other", "other"};
	else if (f->has_cat && !(prose && finer_than_spam(f->cat, cat)))
		cat = f->cat;
	set_category(r, cat);
	return ack;
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

/* Some reporters put the whole request in the Subject ("Please close the
 * open proxy on 192.0.2.1") and only evidence in the body. Only a mail
 * written by its sender: a reply's subject is our own words quoted back,
 * a forward's or a spam report's often the spam's own. */
static void action_from_subject(struct report *r)
{
	if (r->action || !r->subject || r->format != REPORT_FORMAT_PLAIN ||
	    noise_subject_is_reply(r->subject))
		return;
	r->action = lines_action(r->subject, strlen(r->subject));
}

/* A sentence that closes a case (arg non-NULL) or acknowledges one: what
 * a mail that is no report says it is. */
static bool says_no_report(const char *sentence, void *arg)
{
	/* The sentence's own words: no subject. */
	struct noise_text nt;
	struct noise_marks m;

	noise_text_read(&nt, NULL, sentence, strlen(sentence));
	noise_marks_read(&nt, &m);
	return arg ? m.closed : m.ack;
}

/* The problem of a mail that is no report is what it says it is: that
 * it was received (an acknowledgement, an auto-reply). A notice that
 * closes a case ("Your ticket has been closed.", "removed from the
 * list") keeps the sentence that tells what the case was about, where
 * it has one ("It was listed for hits on our spam traps"): the summary
 * already says that it is no report. NULL to keep what was picked. */
static char *no_report_line(const char *t, size_t len, bool picked)
{
	static const char closed = 1;
	char *line = lines_first(t, len, says_no_report, (void *)&closed);

	if (line && picked) {
		free(line);
		return NULL;
	}
	return line ? line : lines_first(t, len, says_no_report, NULL);
}

/* Whether the line at p starts an older mail of a thread, as mail
 * programs write it: a quoted line, a rule of dashes or underscores, an
 * Outlook header block ("From: ..." over "Sent: ..."), "... wrote:". */
static bool thread_break(const char *p, const char *end)
{
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	size_t n;

	eol = eol ? eol : end;
	while (p < eol && (*p == ' ' || *p == '\t'))
		p++;
	n = (size_t)(eol - p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\r'))
		n--;
	if (n && *p == '>')
		return true;
	if (n >= 5 && (strspn(p, "-") >= 5 || strspn(p, "_") >= 5))
		return true;
	if (n >= 6 && memcmp(p + n - 6, "wrote:", 6) == 0)
		return true;
	return n > 5 && strncasecmp(p, "from:", 5) == 0 && eol < end &&
	       strncasecmp(eol + 1 + strspn(eol + 1, " \t"), "sent:", 5) == 0;
}

/* A thread whose newest words close the case ("No further action is
 * needed from your side, feel free to close the ticket") asks for
 * nothing, whatever the older mails quoted below it asked: the request
 * goes when nothing is asked up to the closing words and an older mail
 * starts between them and the request. */
static void drop_request_closed_before(struct report *r, const struct buf *own,
				       const struct noise_text *nt)
{
	const char *t = own->data, *end, *eol, *at;
	char head[24], *asks;
	bool older = false;

	if (!r->action || !t || nt->closed_at >= own->len)
		return;
	end = t + own->len;
	eol = memchr(t + nt->closed_at, '\n', own->len - nt->closed_at);
	if (!eol)
		return;
	snprintf(head, sizeof head, "%s", r->action);
	at = memmem(eol, (size_t)(end - eol), head, strlen(head));
	for (const char *p = eol + 1; at && p < at && !older;) {
		older = thread_break(p, end);
		p = memchr(p, '\n', (size_t)(end - p));
		p = p ? p + 1 : end;
	}
	if (!older)
		return;
	asks = lines_action(t, (size_t)(eol - t));
	if (!asks) {
		free(r->action);
		r->action = NULL;
	}
	free(asks);
}

/* The problem line is the one about the offenders: a sentence naming
 * only the victim is what happened to it, not what ours did. */
static void find_lines(struct report *r, const struct buf *prose,
		       const struct buf *own, const struct format_facts *f)
{
	const char *t = prose->data ? prose->data : "";

	lines_pick(t, prose->len, r->ips, r->n_ips,
		   r->original_reporter ? LINES_COPY_FORWARDED
		   : r->forwards_ours	? LINES_COPY_OURS
					: LINES_COPY_REPLY,
		   &r->problem, &r->action);
	char *says = r->no_report
			 ? no_report_line(t, prose->len, r->problem != NULL)
			 : NULL;
	if (says) {
		free(r->problem);
		r->problem = says;
	}
	/* What it asks is asked of every reader (a newsletter's advice) or
	 * is ours quoted back (an auto-reply). */
	if (r->no_report) {
		free(r->action);
		r->action = NULL;
	}
	action_from_subject(r);
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
	H_RETURN_PATH,
	H_RECEIVED_SPF,
	H_AUTH_RESULTS,
	H_LIST_ID,
	H_DELIVERED_TO,
	H_ORIGINAL_TO,
	H_RECEIVED,
	H_TO,
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
    [H_RETURN_PATH] = "Return-Path",
    [H_RECEIVED_SPF] = "Received-SPF",
    [H_AUTH_RESULTS] = "Authentication-Results",
    [H_LIST_ID] = "List-Id",
    [H_DELIVERED_TO] = "Delivered-To",
    [H_ORIGINAL_TO] = "X-Original-To",
    [H_RECEIVED] = "Received",
    [H_TO] = "To",
};

/* The domain of the envelope sender: Return-Path, else what the
 * receiver's SPF check read from MAIL FROM. NULL when unknown. */
static char *envelope_domain(char *const *hv)
{
	static const struct {
		int field;
		const char *key;
	} from[] = {{H_RETURN_PATH, ""},
		    {H_AUTH_RESULTS, "smtp.mailfrom="},
		    {H_RECEIVED_SPF, "envelope-from="}};
	char buf[256];

	for (size_t i = 0; i < sizeof from / sizeof from[0]; i++) {
		const char *v = hv[from[i].field], *p;
		size_t n;
		if (!v || !(p = strcasestr(v, from[i].key)))
			continue;
		p += strlen(from[i].key);
		p += strspn(p, " <\"");
		n = strcspn(p, " >;\"\t");
		if (n == 0 || n >= sizeof buf)
			continue;
		memcpy(buf, p, n);
		buf[n] = '\0';
		return reporter_domain(buf);
	}
	return NULL;
}

/* A mail that is itself the abuse, resent by whoever caught it (a
 * spamtrap, a bare forward): no report format, no words of a report, no
 * address in them, not automatic and not a list; its envelope sender is
 * not its author. Then the last outside hop of its relay chain sent it,
 * the envelope sender's domain reports it, and it is spam. */
static void trapped_mail(struct report *r, char *const *hv, const char *raw,
			 size_t len, const struct analysis_opts *o)
{
	struct ip_addr a;
	char *env, *author;

	if (r->format != REPORT_FORMAT_UNKNOWN || r->n_ips ||
	    r->auto_submitted || hv[H_LIST_ID] || hv[H_AUTO_SUBMITTED] ||
	    strcmp(r->category, "other") != 0)
		return;
	env = envelope_domain(hv);
	author = reporter_domain(r->from_addr);
	if (env && author && strcmp(env, author) != 0 &&
	    relays_offender(raw, len, NULL, &a) && add_relay(r, &a, o)) {
		free(r->reporter);
		r->reporter = env;
		env = NULL;
		r->format = REPORT_FORMAT_PLAIN;
		set_category(r, (struct category){"messaging", "spam"});
	}
	free(env);
	free(author);
}

/* The unsubscribe target is read from the outer header fields (hv) and
 * the report's own prose only: an attached or quoted message, or an
 * attachment, is the abuse itself, and its List-Unsubscribe or "reply
 * with REMOVE" is the spammer's, never ours to use. */
static void find_noise(struct report *r, char *const *hv, const struct buf *own,
		       const struct buf *prose, const struct noise_text *nt)
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
	noise_signals(r, &h, nt);
	noise_unsubscribe(r, &h, prose->data ? prose->data : "", prose->len);
}

/* A known bulk reporter's signature in the outer header or at the start
 * of the report's own text (a quoted or attached mail is not the
 * reporter's). hv holds raw_fields' values, then those of l's fields. */
static void find_bulk(struct report *r, const struct bulk_list *l,
		      const char *const *names, char *const *hv, size_t n,
		      const struct buf *own)
{
	const struct bulk_entry *b =
	    bulk_list_match(l, names + H_COUNT, hv + H_COUNT, n - H_COUNT,
			    r->subject, own->data, own->len);

	if (!b)
		return;
	r->bulk = xstrdup(b->why);
	report_add_noise_signal(r, "known-bulk");
}

/* The raw fields and the bulk signatures' in one reading of the header
 * block; returns how many names (and values in hv). */
static size_t read_raw_fields(const char *raw, size_t len,
			      const struct bulk_list *l, const char **names,
			      char **hv)
{
	size_t n = H_COUNT;

	memcpy(names, raw_fields, sizeof raw_fields);
	n += bulk_list_headers(l, names + H_COUNT, HEADERS_GET_MAX - H_COUNT);
	headers_get_all(raw, len, names, n, hv);
	return n;
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

static int64_t wall_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* When a message's analysis began, by both clocks. */
struct budget {
	int64_t cpu, wall;
};

/* Reading the thread's CPU clock is a system call, dearer than the
 * analysis of a small message's header: it is read again only when the
 * last reading is CPU_CLOCK_REUSE_MS old. The start is then put at the
 * last reading plus all the wall time since, which is never earlier than
 * the true start (a thread's CPU time runs no faster than the wall
 * clock): the budget may be overrun by that much, never cut short. */
#define CPU_CLOCK_REUSE_MS 5
static _Thread_local struct budget last_clock_read = {0, INT64_MIN / 2};

static struct budget budget_start(void)
{
	int64_t wall = wall_ms();
	struct budget *last = &last_clock_read;

	if (wall - last->wall >= CPU_CLOCK_REUSE_MS) {
		*last = (struct budget){cpu_ms(), wall};
		return *last;
	}
	return (struct budget){last->cpu + (wall - last->wall), wall};
}

/* True when the analysis has spent its budget; the stages after it are
 * left out and the report says so. A thread's CPU time never runs ahead
 * of the wall clock, so while that shows less than the budget the CPU
 * clock (a system call) need not be read. */
static bool over_budget(struct report *r, const struct budget *b)
{
	if (wall_ms() - b->wall < ANALYSIS_CPU_BUDGET_MS ||
	    cpu_ms() - b->cpu <= ANALYSIS_CPU_BUDGET_MS)
		return false;
	report_set_analysis(r, REPORT_ANALYSIS_PARTIAL,
			    "the analysis ran out of time; problem and action "
			    "lines were not looked for");
	return true;
}

/* How much of a message too large to analyse whole is read: up to the
 * last line end within the limit. */
static size_t within_max_bytes(struct report *r, const char *raw, size_t len,
			       const struct analysis_opts *opts)
{
	const char *nl;

	if (!opts || !opts->max_bytes || len <= opts->max_bytes)
		return len;
	report_set_analysis(r, REPORT_ANALYSIS_PARTIAL,
			    "the mail is larger than [limits] analyze_bytes; "
			    "only its start was read");
	nl = memrchr(raw, '\n', opts->max_bytes);
	return nl ? (size_t)(nl - raw) + 1 : opts->max_bytes;
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
	const char *names[HEADERS_GET_MAX];
	char *hv[HEADERS_GET_MAX];
	size_t n_hv;
	const struct bulk_list *bulk =
	    opts && opts->bulk ? opts->bulk : bulk_known();
	struct budget budget = budget_start();

	if (!analysis_looks_like_mail(raw, len)) {
		err_set(e, "not a mail message (no mail header such as From:, "
			   "Subject: or Received: at the start)");
		return NULL;
	}
	size_t skip = headers_skip_envelope(raw, len);
	raw += skip;
	len -= skip;
	r = report_new();
	len = within_max_bytes(r, raw, len, opts);
	d = mime_decode(raw, len);
	if (d->limit)
		report_set_analysis(r, REPORT_ANALYSIS_PARTIAL, d->limit);
	read_headers(r, d, raw, len);
	if (opts)
		authres_read(r, raw, len, opts->authserv_ids,
			     opts->n_authserv_ids);
	char *relayed_from = own_relayed_complaint(d, r->subject);
	read_cover_note(d);
	const struct buf *pr =
	    collect_text(d, &own, &prose, &all) ? &own : &prose;
	n_hv = read_raw_fields(raw, len, bulk, names, hv);
	char *recipient = relays_recipient(hv[H_DELIVERED_TO],
					   hv[H_ORIGINAL_TO], hv[H_RECEIVED]);
	/* Whose words are our own: the envelope's recipient, else the
	 * mail's first addressee (a mail saved without delivery fields). */
	char *addressee =
	    recipient ? NULL : relays_recipient(hv[H_TO], NULL, NULL);
	bool relayed = find_ips(r, d, opts, &f, recipient, addressee);
	find_reporter(r, d, hv[H_SENDER], hv[H_ORIGINAL_FROM],
		      recipient ? recipient : addressee, f.format,
		      relayed_from);
	free(addressee);
	free(recipient);
	struct noise_text nt;
	noise_text_read(&nt, r->subject, own.data ? own.data : "", own.len);
	if (!find_format_and_category(r, &f, &own, &nt, relayed))
		trapped_mail(r, hv, raw, len, opts);
	if (!over_budget(r, &budget)) {
		find_lines(r, pr, &own, &f);
		drop_request_closed_before(r, &own, &nt);
	}
	find_noise(r, hv, &own, pr, &nt);
	/* A beg for a bounty is about the recipient's own site, and no
	 * abuse of anyone's: its words of vulnerabilities do not count. */
	if (report_has_noise_signal(r, "bounty"))
		set_category(r, (struct category){"other", "other"});
	find_bulk(r, bulk, names, hv, n_hv, &own);
	noise_judge(r);
	urgency_fill(r, own.data ? own.data : "", own.len);
	for (size_t i = 0; i < n_hv; i++)
		free(hv[i]);
	add_attachments(r, d);
	advice_fill(r);
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

/* Takes the part's strings over. */
static void take_attachment(struct mime_part *p, struct analysis_attachment *a)
{
	a->name = p->name;
	a->type = p->type;
	a->bytes = p->bytes ? p->bytes : xstrdup("");
	a->len = p->bytes ? p->n_bytes : 0;
	a->text = p->text;
	p->name = p->type = p->bytes = p->text = NULL;
}

int analysis_attachments(const char *raw, size_t len,
			 struct analysis_attachment **out)
{
	struct mime_doc *d;
	int n = 0;

	*out = NULL;
	if (!analysis_looks_like_mail(raw, len))
		return -1;
	size_t skip = headers_skip_envelope(raw, len);
	d = mime_decode_keep(raw + skip, len - skip);
	for (size_t i = 0; i < d->n; i++)
		n += d->parts[i].attachment;
	if (n)
		*out = xcalloc((size_t)n, sizeof **out);
	n = 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->parts[i].attachment)
			take_attachment(&d->parts[i], &(*out)[n++]);
	mime_doc_free(d);
	return n;
}

void analysis_attachments_free(struct analysis_attachment *a, size_t n)
{
	for (size_t i = 0; a && i < n; i++) {
		free(a[i].name);
		free(a[i].type);
		free(a[i].bytes);
		free(a[i].text);
	}
	free(a);
}
