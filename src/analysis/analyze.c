/* analyze.c: the entry point of the analysis. For now it reads the outer
 * headers (libetpan's RFC 5322 parser, RFC 2047 decoding) and marks every
 * report as not yet understood; the report-reading rules build on this. */
#include "analysis/analyze.h"
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
	size_t i = 0;

	/* An mbox "From " line may precede the headers of a saved .eml. */
	if (len >= 5 && memcmp(raw, "From ", 5) == 0) {
		const char *nl = memchr(raw, '\n', len);
		if (!nl)
			return false;
		i = (size_t)(nl - raw) + 1;
	}
	return header_name_len(raw + i, len - i) > 0;
}

static bool is_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n = *p < 0x80 ? 1 : (*p >> 5) == 6 ? 2 : (*p >> 4) == 14 ? 3
			: (*p >> 3) == 30 ? 4 : 0;
		if (!n)
			return false;
		for (int k = 1; k < n; k++)
			if ((p[k] & 0xC0) != 0x80)
				return false;
		p += n;
	}
	return true;
}

/* RFC 2047 words to UTF-8; raw 8-bit text is taken as UTF-8 when it is
 * valid, else as Latin-1, so nothing is lost. */
static char *decode_phrase(const char *s)
{
	size_t idx = 0;
	char *out = NULL;
	const char *dflt = is_utf8(s) ? "utf-8" : "iso-8859-1";

	if (mailmime_encoded_phrase_parse(dflt, s, strlen(s), &idx, "utf-8",
					  &out) != MAILIMF_NO_ERROR || !out)
		return xstrdup(s);
	char *copy = xstrdup(out);
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

	if (!rt || !rt->rt_addr_list || clist_isempty(rt->rt_addr_list->ad_list))
		return;
	a = clist_content(clist_begin(rt->rt_addr_list->ad_list));
	if (a->ad_type == MAILIMF_ADDRESS_MAILBOX && a->ad_data.ad_mailbox->mb_addr_spec)
		*addr = xstrdup(a->ad_data.ad_mailbox->mb_addr_spec);
}

static void read_optional(struct report *r, const struct mailimf_fields *f)
{
	for (clistiter *it = clist_begin(f->fld_list); it; it = clist_next(it)) {
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

static void read_headers(struct report *r, const char *raw, size_t len)
{
	struct mailimf_fields *f = NULL;
	struct mailimf_single_fields sf;
	size_t idx = 0;

	if (mailimf_envelope_and_optional_fields_parse(raw, len, &idx, &f) !=
	    MAILIMF_NO_ERROR)
		return;
	mailimf_single_fields_init(&sf, f);
	if (sf.fld_message_id && sf.fld_message_id->mid_value)
		r->message_id = xstrdup(sf.fld_message_id->mid_value);
	if (sf.fld_subject && sf.fld_subject->sbj_value)
		r->subject = decode_phrase(sf.fld_subject->sbj_value);
	if (sf.fld_from)
		read_mailbox(sf.fld_from->frm_mb_list, &r->from_addr, &r->from_name);
	read_reply_to(sf.fld_reply_to, &r->reply_to);
	if (sf.fld_orig_date && sf.fld_orig_date->dt_date_time)
		r->date = imf_date_to_unix(sf.fld_orig_date->dt_date_time);
	read_optional(r, f);
	mailimf_fields_free(f);
}

struct report *analysis_run(const char *raw, size_t len,
			    const struct analysis_opts *opts, struct err *e)
{
	struct report *r;

	(void)opts;
	if (!analysis_looks_like_mail(raw, len)) {
		err_set(e, "not a mail message (no header block at the start)");
		return NULL;
	}
	r = report_new();
	read_headers(r, raw, len);
	r->format = REPORT_FORMAT_UNKNOWN;
	r->category = xstrdup("other");
	r->type = xstrdup("other");
	return r;
}
