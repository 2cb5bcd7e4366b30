/* formats.c: readers for the report formats that carry fields, tried in
 * order of how precise they are. A reader that recognises its format adds
 * the source addresses it names and, when it says so, the category. */
#include "analysis/formats.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

struct reader {
	enum report_format format;
	bool (*read)(const struct mime_doc *d, const char *from,
		     struct ip_cands *c, struct format_facts *f);
};

static bool own_text(const struct mime_part *p)
{
	return p->text && !p->embedded;
}

/* Case-insensitive search that stays fast on long text: memmem finds the
 * word's tail (which the callers give in a case that mail uses), and the
 * first letter is then compared in any case. */
static bool has_word_ci(const char *text, size_t len, const char *word)
{
	size_t wl = strlen(word);
	const char *p = text, *end = text + len;

	while (p < end &&
	       (p = memmem(p, (size_t)(end - p), word + 1, wl - 1))) {
		if (p > text && tolower((unsigned char)p[-1]) == word[0])
			return true;
		p++;
	}
	return false;
}

const char *formats_field(const char *line, size_t len, const char *key,
			  size_t *n)
{
	size_t i = 0, kl = strlen(key);

	while (i < len && (line[i] == '>' || line[i] == ' ' || line[i] == '\t'))
		i++;
	if (len - i < kl || strncasecmp(line + i, key, kl) != 0)
		return NULL;
	for (i += kl; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
		;
	if (i >= len || line[i] != ':')
		return NULL;
	for (i++; i < len && isspace((unsigned char)line[i]); i++)
		;
	size_t end = len;
	while (end > i && isspace((unsigned char)line[end - 1]))
		end--;
	*n = end - i;
	return line + i;
}

/* Copies the value v[0..n) into a fact, blanks around it trimmed and
 * control characters made spaces, cut to fit at a character; a fact
 * already set is kept unless over is true. */
static void fact_put(char *dst, size_t size, const char *v, size_t n, bool over)
{
	if (dst[0] && !over)
		return;
	while (n && isspace((unsigned char)*v))
		v++, n--;
	while (n && isspace((unsigned char)v[n - 1]))
		n--;
	/* Feeds write "-" or "n/a" in a cell they have nothing for. */
	if ((n == 1 && *v == '-') || (n == 3 && strncasecmp(v, "n/a", 3) == 0))
		return;
	if (n >= size) {
		n = size - 1;
		while (n && ((unsigned char)v[n] & 0xC0) == 0x80)
			n--;
	}
	for (size_t i = 0; i < n; i++)
		dst[i] = (unsigned char)v[i] < 0x20 ? ' ' : v[i];
	dst[n] = '\0';
}

#define FACT(dst, v, n) fact_put(dst, sizeof(dst), v, n, false)

/* The host of a URL ("hxxp://site.example/x" gives "site.example"), or
 * the value itself when it is a domain; nothing when it names none. */
static void fact_site(struct problem_facts *pf, const char *v, size_t n)
{
	const char *scheme = memmem(v, n, "://", 3);

	if (scheme) {
		n -= (size_t)(scheme + 3 - v);
		v = scheme + 3;
	}
	size_t host = 0;
	bool name = false;
	while (host < n && v[host] != '/' && v[host] != '?' &&
	       !isspace((unsigned char)v[host]))
		name |= isalpha((unsigned char)v[host++]);
	/* An address is no site name, and "-" says there is none. */
	if (name)
		FACT(pf->site, v, host);
}

/* A record's time: the first one kept, the last one updated. */
static void fact_time(struct problem_facts *pf, const char *v, size_t n)
{
	if (!n)
		return;
	FACT(pf->first, v, n);
	fact_put(pf->last, sizeof pf->last, v, n, true);
}

/* Calls fn for every line of text; stops when fn returns false. */
static void each_line(const char *text, size_t len,
		      bool (*fn)(const char *line, size_t n, void *arg),
		      void *arg)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (!fn(p, n, arg))
			return;
		p += n + 1;
	}
}

/* Every address in a field's value is a field mention: "Source: 192.0.2.1"
 * as well as "Source: http://192.0.2.1/phish/". */
static void add_value_ips(struct ip_cands *c, const char *v, size_t n)
{
	struct ip_cands tmp;

	ipscan_init(&tmp);
	ipscan_text(&tmp, v, n, 0);
	for (size_t i = 0; i < tmp.n; i++)
		ipscan_add(c, &tmp.v[i].addr, IPSCAN_TRUST_FIELD, true);
	ipscan_free(&tmp);
}

static void set_cat_name(struct format_facts *f, const char *v, size_t n)
{
	char *name = xstrndup(v, n);
	struct category cat;

	if (classify_name(name, &cat)) {
		f->cat = cat;
		f->has_cat = true;
	}
	free(name);
}

/* ---- ARF (RFC 5965) ---- */

struct arf_state {
	struct ip_cands *c;
	struct format_facts *f;
};

/* The feedback types of RFC 5965 and RFC 6591, their kind, and how the
 * problem the program writes says them. */
static const struct name_rule_arf {
	const char *feedback_type;
	struct category cat;
	const char *said;
} arf_types[] = {
    {"abuse", {"messaging", "spam"}, "abuse"},
    {"opt-out", {"messaging", "spam"}, "opt-out"},
    {"fraud", {"content", "fraud"}, "fraud"},
    {"virus", {"content", "malware"}, "virus"},
    {"auth-failure", {"other", "other"}, "authentication failure"},
    {"not-spam", {"other", "other"}, "not spam"},
};

static bool arf_line(const char *line, size_t len, void *arg)
{
	struct arf_state *s = arg;
	const char *v;
	size_t n;

	struct problem_facts *pf = &s->f->facts;

	if ((v = formats_field(line, len, "Source-IP", &n)))
		add_value_ips(s->c, v, n);
	if ((v = formats_field(line, len, "Arrival-Date", &n)) ||
	    (v = formats_field(line, len, "Received-Date", &n)))
		FACT(pf->first, v, n);
	if ((v = formats_field(line, len, "Reported-Domain", &n)) ||
	    (v = formats_field(line, len, "Reported-Uri", &n)))
		fact_site(pf, v, n);
	if ((v = formats_field(line, len, "Incidents", &n)))
		pf->count = (unsigned)strtoul(v, NULL, 10);
	if ((v = formats_field(line, len, "Feedback-Type", &n))) {
		FACT(pf->kind, v, n);
		for (size_t i = 0; i < COUNT(arf_types); i++)
			if (n == strlen(arf_types[i].feedback_type) &&
			    strncasecmp(v, arf_types[i].feedback_type, n) ==
				0) {
				s->f->cat = arf_types[i].cat;
				s->f->has_cat = true;
				fact_put(pf->kind, sizeof pf->kind,
					 arf_types[i].said,
					 strlen(arf_types[i].said), true);
			}
	}
	return true;
}

static bool read_arf(const struct mime_doc *d, const char *from,
		     struct ip_cands *c, struct format_facts *f)
{
	struct arf_state s = {c, f};
	bool found = false;

	(void)from;
	for (size_t i = 0; i < d->n; i++) {
		const struct mime_part *p = &d->parts[i];
		if (!own_text(p) ||
		    strcmp(p->type, "message/feedback-report") != 0)
			continue;
		each_line(p->text, p->len, arf_line, &s);
		found = true;
	}
	return found;
}

/* ---- X-ARF 0.2 (YAML in report.txt) ---- */

struct xarf_state {
	struct ip_cands *c;
	struct format_facts *f;
	bool reported_from, report_type;
};

static bool xarf_probe(const char *line, size_t len, void *arg)
{
	struct xarf_state *s = arg;
	size_t n;

	s->reported_from |=
	    formats_field(line, len, "Reported-From", &n) != NULL;
	s->report_type |= formats_field(line, len, "Report-Type", &n) != NULL ||
			  formats_field(line, len, "Schema-URL", &n) != NULL;
	return true;
}

static bool xarf_line(const char *line, size_t len, void *arg)
{
	struct xarf_state *s = arg;
	const char *v;
	size_t n;

	struct problem_facts *pf = &s->f->facts;

	if ((v = formats_field(line, len, "Source", &n)))
		add_value_ips(s->c, v, n);
	else if ((v = formats_field(line, len, "Report-Type", &n))) {
		set_cat_name(s->f, v, n);
		FACT(pf->kind, v, n);
	} else if ((v = formats_field(line, len, "Date", &n)))
		FACT(pf->first, v, n);
	else if ((v = formats_field(line, len, "Port", &n)))
		FACT(pf->port, v, n);
	else if ((v = formats_field(line, len, "Domain", &n)))
		fact_site(pf, v, n);
	else if (!s->f->has_cat &&
		 (v = formats_field(line, len, "Category", &n)))
		set_cat_name(s->f, v, n);
	return true;
}

static bool read_xarf_yaml(const struct mime_doc *d, const char *from,
			   struct ip_cands *c, struct format_facts *f)
{
	bool found = false;

	(void)from;
	for (size_t i = 0; i < d->n; i++) {
		const struct mime_part *p = &d->parts[i];
		struct xarf_state s = {c, f, false, false};
		if (!own_text(p) || !p->attachment)
			continue;
		each_line(p->text, p->len, xarf_probe, &s);
		if (!s.reported_from || !s.report_type)
			continue;
		each_line(p->text, p->len, xarf_line, &s);
		found = true;
	}
	return found;
}

/* ---- XARF v3/v4 JSON ---- */

static const char *const json_source_keys[] = {
    "source_identifier", "source", "sourceip", "source_ip", "ip", NULL};
static const char *const json_cat_keys[] = {"class", "category", "reportclass",
					    NULL};
static const char *const json_type_keys[] = {"type", "reporttype",
					     "report_type", NULL};

static const char *const json_port_keys[] = {
    "port", "destinationport", "destination_port", "dst_port", NULL};
static const char *const json_proto_keys[] = {"protocol", "transport", NULL};
static const char *const json_time_keys[] = {
    "date",	  "time",	"timestamp",   "firstseen",
    "first_seen", "reportedat", "reported_at", NULL};
static const char *const json_site_keys[] = {"url", "domain", "hostname",
					     "fqdn", NULL};

static bool key_in(const char *k, const char *const *set)
{
	for (; *set; set++)
		if (strcasecmp(k, *set) == 0)
			return true;
	return false;
}

static void json_facts(struct problem_facts *pf, const char *k, json_t *v)
{
	char num[24];
	const char *s = num;
	size_t n;

	if (json_is_integer(v))
		n = (size_t)snprintf(num, sizeof num, "%lld",
				     (long long)json_integer_value(v));
	else if (json_is_string(v))
		s = json_string_value(v), n = json_string_length(v);
	else
		return;
	if (key_in(k, json_type_keys))
		FACT(pf->kind, s, n);
	else if (key_in(k, json_port_keys))
		FACT(pf->port, s, n);
	else if (key_in(k, json_proto_keys))
		FACT(pf->proto, s, n);
	else if (key_in(k, json_time_keys))
		FACT(pf->first, s, n);
	else if (key_in(k, json_site_keys))
		fact_site(pf, s, n);
}

static void json_walk(json_t *j, struct ip_cands *c, struct format_facts *f,
		      int depth)
{
	const char *k;
	json_t *v;

	if (depth > 8 || !json_is_object(j))
		return;
	json_object_foreach(j, k, v)
	{
		if (json_is_string(v) && key_in(k, json_source_keys))
			add_value_ips(c, json_string_value(v),
				      json_string_length(v));
		else if (json_is_string(v) && key_in(k, json_type_keys))
			set_cat_name(f, json_string_value(v),
				     json_string_length(v));
		else if (json_is_string(v) && !f->has_cat &&
			 key_in(k, json_cat_keys))
			set_cat_name(f, json_string_value(v),
				     json_string_length(v));
		else if (json_is_object(v))
			json_walk(v, c, f, depth + 1);
		json_facts(&f->facts, k, v);
	}
}

static bool looks_like_xarf_json(const struct mime_part *p)
{
	size_t i = 0;

	while (i < p->len && isspace((unsigned char)p->text[i]))
		i++;
	if (i >= p->len || p->text[i] != '{')
		return false;
	return has_word_ci(p->text, p->len, "xarf") ||
	       has_word_ci(p->text, p->len, "xARF") ||
	       has_word_ci(p->text, p->len, "source_identifier") ||
	       has_word_ci(p->text, p->len, "reportClass");
}

static bool read_xarf_json(const struct mime_doc *d, const char *from,
			   struct ip_cands *c, struct format_facts *f)
{
	bool found = false;

	(void)from;
	for (size_t i = 0; i < d->n; i++) {
		const struct mime_part *p = &d->parts[i];
		json_error_t jerr;
		json_t *j;
		if (!own_text(p) || !looks_like_xarf_json(p))
			continue;
		j = json_loadb(p->text, p->len, 0, &jerr);
		if (!j)
			continue;
		json_walk(j, c, f, 0);
		json_decref(j);
		found = true;
	}
	return found;
}

/* ---- ACNS (XML inside the notice) ---- */

static const char *const p2p_words[] = {
    "<type>p2p", "bittorrent", "gnutella", "edonkey", "protocol=\"p2p", NULL};

/* ACNS names peer-to-peer sharing in <Type>, a Protocol attribute of
 * <SubType> or a <Protocol> element, depending on its version. */
static bool acns_p2p(const char *text)
{
	for (const char *const *q = p2p_words; *q; q++)
		if (strcasestr(text, *q))
			return true;
	return false;
}

static void acns_ips(const char *text, size_t len, struct ip_cands *c)
{
	const char *p = text, *end = text + len;
	static const char tag[] = "<IP_Address>";

	while ((p = memmem(p, (size_t)(end - p), tag, sizeof tag - 1))) {
		p += sizeof tag - 1;
		const char *close = memchr(p, '<', (size_t)(end - p));
		if (!close)
			break;
		struct ip_addr a;
		const char *v = p;
		size_t n = (size_t)(close - p);
		while (n && isspace((unsigned char)*v))
			v++, n--;
		while (n && isspace((unsigned char)v[n - 1]))
			n--;
		if (ip_parse(v, n, &a) == 0)
			ipscan_add(c, &a, IPSCAN_TRUST_FIELD, true);
		p = close;
	}
}

/* The text of the first <tag> element, or NULL; *n gets its length. */
static const char *xml_text(const char *text, size_t len, const char *tag,
			    size_t *n)
{
	char open[32];
	int k = snprintf(open, sizeof open, "<%s>", tag);
	const char *p = memmem(text, len, open, (size_t)k), *close;

	if (!p)
		return NULL;
	p += k;
	close = memchr(p, '<', (size_t)(text + len - p));
	if (!close)
		return NULL;
	*n = (size_t)(close - p);
	return p;
}

/* The facts of a notice: when it was seen, on which port, by which
 * protocol. */
static void acns_facts(const char *text, size_t len, struct problem_facts *pf)
{
	const char *v;
	size_t n;

	if ((v = xml_text(text, len, "TimeStamp", &n)))
		FACT(pf->first, v, n);
	if ((v = xml_text(text, len, "Port", &n)))
		FACT(pf->port, v, n);
	if ((v = xml_text(text, len, "Protocol", &n)) ||
	    (v = xml_text(text, len, "Type", &n)))
		FACT(pf->kind, v, n);
}

static bool read_acns(const struct mime_doc *d, const char *from,
		      struct ip_cands *c, struct format_facts *f)
{
	bool found = false;

	(void)from;
	for (size_t i = 0; i < d->n; i++) {
		const struct mime_part *p = &d->parts[i];
		if (!own_text(p) || !strstr(p->text, "<Infringement"))
			continue;
		acns_ips(p->text, p->len, c);
		acns_facts(p->text, p->len, &f->facts);
		f->cat = acns_p2p(p->text)
			     ? (struct category){"copyright", "p2p"}
			     : (struct category){"copyright", "copyright"};
		f->has_cat = true;
		found = true;
	}
	return found;
}

/* ---- CSV feeds (Shadowserver and others) ---- */

/* Columns that name the reported host, most specific first; columns such
 * as dst_ip, cc or server_ip name victims or controllers and are ignored. */
static const char *const csv_source_cols[] = {
    "src_ip",	  "source_ip", "sourceip", "clientip", "client_ip",   "ip",
    "ip_address", "ipaddress", "src",	   "source",   "infected_ip", NULL};

/* Columns that say what the row is about ("ssh-brute-force", "Shadowserver
 * Botnet Drone"). */
static const char *const csv_kind_cols[] = {
    "report_type", "botname", "category", "threat", "type", "infection", NULL};

/* Shadowserver's report names, the part of the file name after the date. */
static const struct {
	const char *prefix;
	struct category cat;
} csv_report_names[] = {
    {"scan_", {"vulnerability", "open_service"}},
    {"accessible", {"vulnerability", "open_service"}},
    {"dns_openresolver", {"vulnerability", "open_service"}},
    {"sinkhole", {"infrastructure", "botnet"}},
    {"botnet", {"infrastructure", "botnet"}},
    {"drone", {"infrastructure", "botnet"}},
    {"compromised", {"infrastructure", "compromised_server"}},
    {"ddos", {"connection", "ddos"}},
    {"honeypot_brute", {"connection", "login_attack"}},
    {"ssh_brute", {"connection", "login_attack"}},
};

/* Splits one CSV line (quotes honoured, no embedded newlines) into at most
 * max fields; returns the count. Fields point into buf, which is modified. */
static size_t csv_split(char *buf, char **fields, size_t max)
{
	size_t n = 0;
	char *p = buf;

	while (n < max) {
		char *out = p;
		fields[n++] = p;
		bool quoted = *p == '"';
		if (quoted)
			p++;
		while (*p && (quoted || (*p != ',' && *p != ';'))) {
			if (quoted && *p == '"') {
				if (p[1] != '"') {
					quoted = false;
					p++;
					continue;
				}
				p++;
			}
			*out++ = *p++;
		}
		bool more = *p == ',' || *p == ';';
		*out = '\0';
		if (!more)
			break;
		p++;
	}
	return n;
}

#define CSV_MAX_COLS 128

static long find_column(char **cols, size_t n, const char *const *names)
{
	for (const char *const *k = names; *k; k++)
		for (size_t i = 0; i < n; i++)
			if (strcmp(cols[i], *k) == 0)
				return (long)i;
	return -1;
}

/* Columns with the facts of a derived problem sentence. */
static const char *const csv_time_cols[] = {"timestamp", "time", "date",
					    "first_seen", NULL};
static const char *const csv_port_cols[] = {"port", NULL};
/* The network of the row's host, for a feed sent to many networks. */
static const char *const csv_asn_cols[] = {"asn", NULL};
static const char *const csv_proto_cols[] = {"protocol", NULL};
/* The reported host's own name; not http_host, which names the server a
 * drone called. */
static const char *const csv_site_cols[] = {"hostname", "host", "domain",
					    "url",	"fqdn", NULL};

/* The columns of a CSV file that matter; -1 for each one it lacks. */
struct csv_cols {
	long src, kind, time, port, proto, site, asn;
	bool timestamp; /* a "timestamp" column, as Shadowserver's have */
};

/* Reads a CSV header line into k; k->src is -1 when it names no source
 * column. */
static void csv_header(const char *line, size_t len, struct csv_cols *k)
{
	char *buf = xstrndup(line, len);
	char *cols[CSV_MAX_COLS];
	size_t n = csv_split(buf, cols, CSV_MAX_COLS);

	*k = (struct csv_cols){-1, -1, -1, -1, -1, -1, -1, false};
	if (n < 3) {
		free(buf);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		for (char *q = cols[i]; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		k->timestamp |= strcmp(cols[i], "timestamp") == 0;
	}
	k->src = find_column(cols, n, csv_source_cols);
	k->kind = find_column(cols, n, csv_kind_cols);
	k->time = find_column(cols, n, csv_time_cols);
	k->port = find_column(cols, n, csv_port_cols);
	k->proto = find_column(cols, n, csv_proto_cols);
	k->site = find_column(cols, n, csv_site_cols);
	k->asn = find_column(cols, n, csv_asn_cols);
	free(buf);
}

struct csv_state {
	struct ip_cands *c;
	struct format_facts *f;
	struct csv_cols k;
	bool header_done;
};

static const char *csv_cell(char **cols, size_t n, long i)
{
	return i >= 0 && (size_t)i < n && *cols[i] ? cols[i] : NULL;
}

/* The facts of a row that names its source: a record counted, its time,
 * and the first port, protocol and site given. */
static void csv_row_facts(struct csv_state *s, char **cols, size_t n)
{
	struct problem_facts *pf = &s->f->facts;
	const char *v;

	pf->count++;
	if ((v = csv_cell(cols, n, s->k.time)))
		fact_time(pf, v, strlen(v));
	if ((v = csv_cell(cols, n, s->k.port)))
		FACT(pf->port, v, strlen(v));
	if ((v = csv_cell(cols, n, s->k.proto)))
		FACT(pf->proto, v, strlen(v));
	if ((v = csv_cell(cols, n, s->k.site)))
		fact_site(pf, v, strlen(v));
	if ((v = csv_cell(cols, n, s->k.kind)))
		FACT(pf->kind, v, strlen(v));
}

/* The first row whose kind column names a category decides. */
static void csv_row_kind(struct csv_state *s, char **cols, size_t n)
{
	struct category cat;

	if (s->f->has_cat || s->k.kind < 0 || (size_t)s->k.kind >= n ||
	    !*cols[s->k.kind])
		return;
	if (classify_name(cols[s->k.kind], &cat) ||
	    classify_text(cols[s->k.kind], "", 0, &cat)) {
		s->f->cat = cat;
		s->f->has_cat = true;
	}
}

static bool csv_row(const char *line, size_t len, void *arg)
{
	struct csv_state *s = arg;
	char *buf, *cols[CSV_MAX_COLS];
	struct ip_addr a;

	if (!s->header_done) {
		s->header_done = true;
		return true;
	}
	buf = xstrndup(line, len);
	size_t n = csv_split(buf, cols, CSV_MAX_COLS);
	if ((size_t)s->k.src < n &&
	    ip_parse(cols[s->k.src], strlen(cols[s->k.src]), &a) == 0) {
		const char *asn = csv_cell(cols, n, s->k.asn);
		if (asn && (asn[0] == 'A' || asn[0] == 'a') &&
		    (asn[1] == 'S' || asn[1] == 's'))
			asn += 2;
		ipscan_add_row(s->c, &a, IPSCAN_TRUST_FIELD, true,
			       asn ? (uint32_t)strtoul(asn, NULL, 10) : 0);
		csv_row_facts(s, cols, n);
	}
	csv_row_kind(s, cols, n);
	free(buf);
	return s->c->mentions < IPSCAN_MAX_MENTIONS;
}

/* A feed's report name, which its file name carries after the date:
 * "2024-05-06-scan_ntp-asn.csv" is "scan_ntp". */
static void csv_report_name(const char *name, struct problem_facts *pf)
{
	const char *p = name;

	while (*p && (isdigit((unsigned char)*p) || *p == '-'))
		p++;
	size_t n = strcspn(p, "-.");
	if (n >= 3)
		FACT(pf->kind, p, n);
}

static void csv_category(const char *name, struct format_facts *f)
{
	if (!name || f->has_cat)
		return;
	for (size_t i = 0; i < COUNT(csv_report_names); i++)
		if (strcasestr(name, csv_report_names[i].prefix)) {
			f->cat = csv_report_names[i].cat;
			f->has_cat = true;
			return;
		}
}

static bool read_csv(const struct mime_doc *d, const char *from,
		     struct ip_cands *c, struct format_facts *f)
{
	bool shadow = false, found = false;

	for (size_t i = 0; i < d->n; i++) {
		const struct mime_part *p = &d->parts[i];
		const char *nl;
		if (!own_text(p) || !p->attachment)
			continue;
		nl = memchr(p->text, '\n', p->len);
		size_t first = nl ? (size_t)(nl - p->text) : p->len;
		struct csv_state s = {c, f, {0}, false};
		csv_header(p->text, first, &s.k);
		if (s.k.src < 0)
			continue;
		csv_category(p->name, f);
		each_line(p->text, p->len, csv_row, &s);
		if (p->name && !f->facts.kind[0])
			csv_report_name(p->name, &f->facts);
		shadow |= s.k.timestamp;
		found = true;
	}
	if (found && (shadow || (from && strcasestr(from, "shadowserver"))))
		f->format = REPORT_FORMAT_SHADOWSERVER;
	return found;
}

/* ---- SpamCop ---- */

static bool spamcop_line(const char *line, size_t len, void *arg)
{
	struct ip_cands *c = arg;
	size_t i = 0;

	while (i < len && (line[i] == '>' || line[i] == ' '))
		i++;
	if (len - i > 11 && strncmp(line + i, "Email from ", 11) == 0) {
		add_value_ips(c, line + i + 11,
			      len - i - 11 > 48 ? 48 : len - i - 11);
		return true;
	}
	/* "http://spamvertised.example/x is 192.0.2.1; <date>" */
	const char *is = memmem(line + i, len - i, " is ", 4);
	if (is && memmem(line + i, (size_t)(is - line - i), "://", 3)) {
		const char *v = is + 4;
		const char *semi = memchr(v, ';', (size_t)(line + len - v));
		if (semi)
			add_value_ips(c, v, (size_t)(semi - v));
	}
	return true;
}

static bool read_spamcop(const struct mime_doc *d, const char *from,
			 struct ip_cands *c, struct format_facts *f)
{
	bool found = false;

	(void)from;
	for (size_t i = 0; i < d->n; i++) {
		const struct mime_part *p = &d->parts[i];
		if (!own_text(p) || !strstr(p->text, "SpamCop V"))
			continue;
		each_line(p->text, p->len, spamcop_line, c);
		found = true;
	}
	if (found) {
		f->cat = (struct category){"messaging", "spam"};
		f->has_cat = true;
	}
	return found;
}

/* ---- fail2ban ---- */

static bool read_fail2ban(const struct mime_doc *d, const char *from,
			  struct ip_cands *c, struct format_facts *f)
{
	bool found = from && strcasestr(from, "fail2ban");

	(void)c;
	for (size_t i = 0; i < d->n && !found; i++)
		found =
		    own_text(&d->parts[i]) &&
		    (has_word_ci(d->parts[i].text, d->parts[i].len,
				 "fail2ban") ||
		     has_word_ci(d->parts[i].text, d->parts[i].len,
				 "fail2Ban")) &&
		    has_word_ci(d->parts[i].text, d->parts[i].len, "banned");
	if (found) {
		f->cat = (struct category){"connection", "login_attack"};
		f->has_cat = true;
	}
	return found;
}

/* Most precise first; the first format recognised names the report. */
static const struct reader readers[] = {
    {REPORT_FORMAT_ACNS, read_acns},
    {REPORT_FORMAT_XARF, read_xarf_json},
    {REPORT_FORMAT_XARF, read_xarf_yaml},
    {REPORT_FORMAT_ARF, read_arf},
    {REPORT_FORMAT_PLAIN, read_csv},
    {REPORT_FORMAT_SPAMCOP, read_spamcop},
    {REPORT_FORMAT_FAIL2BAN, read_fail2ban},
};

void formats_read(const struct mime_doc *d, const char *from,
		  struct ip_cands *c, struct format_facts *f)
{
	memset(f, 0, sizeof *f);
	for (size_t i = 0; i < COUNT(readers); i++) {
		if (!readers[i].read(d, from, c, f))
			continue;
		if (f->format == REPORT_FORMAT_UNKNOWN)
			f->format = readers[i].format;
		return;
	}
}
