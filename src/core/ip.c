/* ip.c: IPv4 and IPv6 addresses: one scanner under both strict parsing and
 * prose scanning, RFC 5952 text, CIDR networks and special-purpose ranges.
 * The scanner reads whole groups only and looks at a bounded window. */
#include "core/ip.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reading one past the widest valid group tells "too long" from "ends". */
enum { DEC_RUN_MAX = 4, HEX_RUN_MAX = 5 };

static const uint8_t mapped_prefix[12] = {[10] = 0xff, [11] = 0xff};

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool is_dec(char c)
{
	return c >= '0' && c <= '9';
}

static size_t dec_run(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < DEC_RUN_MAX && is_dec(s[i]))
		i++;
	return i;
}

static size_t hex_run(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < HEX_RUN_MAX && hex_value(s[i]) >= 0)
		i++;
	return i;
}

/* One octet of a dotted quad; 0 if s does not start with one. Leading
 * zeros are refused because inet_aton() and friends read them as octal. */
static size_t scan_octet(const char *s, size_t n, uint8_t *out)
{
	size_t len = dec_run(s, n);
	unsigned v = 0;

	if (len == 0 || len > 3 || (len > 1 && s[0] == '0'))
		return 0;
	for (size_t i = 0; i < len; i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	if (v > 255)
		return 0;
	*out = (uint8_t)v;
	return len;
}

/* Exactly four octets; whatever follows the fourth is not looked at. */
static size_t scan_v4(const char *s, size_t n, uint8_t out[4])
{
	size_t p = 0;

	for (int i = 0; i < 4; i++) {
		size_t len;

		if (i > 0) {
			if (p >= n || s[p] != '.')
				return 0;
			p++;
		}
		len = scan_octet(s + p, n - p, &out[i]);
		if (len == 0)
			return 0;
		p += len;
	}
	return p;
}

/* The state of an IPv6 scan: groups read so far and where "::" stood. */
struct v6_scan {
	uint16_t g[8];
	int ng;
	int gap; /* index in g where "::" stands, or -1 */
};

static void v6_expand(const struct v6_scan *v, uint8_t out[16])
{
	uint16_t full[8] = {0};
	int tail = v->gap >= 0 ? v->ng - v->gap : 0;
	int head = v->ng - tail;

	for (int i = 0; i < head; i++)
		full[i] = v->g[i];
	for (int i = 0; i < tail; i++)
		full[8 - tail + i] = v->g[head + i];
	for (int i = 0; i < 8; i++) {
		out[2 * i] = (uint8_t)(full[i] >> 8);
		out[2 * i + 1] = (uint8_t)full[i];
	}
}

/* An IPv4 tail where a group would start: it must be the last two groups. */
static size_t scan_v6_tail(const char *s, size_t n, struct v6_scan *v)
{
	uint8_t q[4];
	size_t len;

	if (v->gap >= 0 ? v->ng > 5 : v->ng != 6)
		return 0;
	len = scan_v4(s, n, q);
	if (len == 0)
		return 0;
	v->g[v->ng++] = (uint16_t)(q[0] << 8 | q[1]);
	v->g[v->ng++] = (uint16_t)(q[2] << 8 | q[3]);
	return len;
}

/* One hex group; 0 if there is none, it is too long, or there is no room. */
static size_t scan_group(const char *s, size_t n, struct v6_scan *v)
{
	size_t len = hex_run(s, n);
	unsigned val = 0;

	if (len == 0 || len > 4 || v->ng == 8)
		return 0;
	for (size_t i = 0; i < len; i++)
		val = val << 4 | (unsigned)hex_value(s[i]);
	v->g[v->ng++] = (uint16_t)val;
	return len;
}

/* Remembers the text read so far as the best match if it is a whole
 * address; later matches are always longer. */
static void v6_keep(const struct v6_scan *v, size_t len, struct v6_scan *best,
		    size_t *best_len)
{
	if (v->gap >= 0 ? v->ng <= 7 : v->ng == 8) {
		*best = *v;
		*best_len = len;
	}
}

/* Walks separator, group, separator, group... A "::" ends a match only
 * when no hex digit follows, so that a spoilt group after it spoils the
 * match, and ":::" ends the scan. */
static size_t scan_v6(const char *s, size_t n, uint8_t out[16])
{
	struct v6_scan v = {.ng = 0, .gap = -1}, best = v;
	size_t p = 0, best_len = 0, len;

	for (;;) {
		if (n - p >= 2 && s[p] == ':' && s[p + 1] == ':') {
			if (v.gap >= 0)
				break;
			v.gap = v.ng;
			p += 2;
			if (p < n && s[p] == ':')
				break;
			if (p == n || hex_value(s[p]) < 0) {
				v6_keep(&v, p, &best, &best_len);
				break;
			}
		} else if (p > 0) {
			if (p == n || s[p] != ':')
				break;
			p++;
		}
		len = scan_v6_tail(s + p, n - p, &v);
		if (len > 0) {
			v6_keep(&v, p + len, &best, &best_len);
			break;
		}
		len = scan_group(s + p, n - p, &v);
		if (len == 0)
			break;
		p += len;
		v6_keep(&v, p, &best, &best_len);
	}
	if (best_len > 0)
		v6_expand(&best, out);
	return best_len;
}

/* A dotted quad has a '.' after its first group and IPv6 a ':', so at
 * most one of the two scans finds something. */
size_t ip_scan(const char *s, size_t n, struct ip_addr *out)
{
	struct ip_addr a = {.family = 4};
	size_t len = scan_v4(s, n, a.b);

	if (len == 0) {
		a.family = 6;
		len = scan_v6(s, n, a.b);
	}
	if (len > 0 && out)
		*out = a;
	return len;
}

int ip_parse(const char *s, size_t n, struct ip_addr *out)
{
	struct ip_addr a;

	if (n == 0 || ip_scan(s, n, &a) != n)
		return -1;
	*out = a;
	return 0;
}

static bool ip_is_mapped(const struct ip_addr *a)
{
	return a->family == 6 && memcmp(a->b, mapped_prefix, 12) == 0;
}

/* The longest run of two or more zero groups, first on a tie; len 0 if
 * there is none. */
static void zero_run(const uint16_t g[8], int *start, int *len)
{
	*start = -1;
	*len = 0;
	for (int i = 0; i < 8;) {
		int j = i;

		while (j < 8 && g[j] == 0)
			j++;
		if (j - i >= 2 && j - i > *len) {
			*start = i;
			*len = j - i;
		}
		i = j > i ? j : i + 1;
	}
}

static void format_v6(const uint8_t b[16], char *out)
{
	uint16_t g[8];
	int start, len;
	char *p = out;

	for (int i = 0; i < 8; i++)
		g[i] = (uint16_t)(b[2 * i] << 8 | b[2 * i + 1]);
	zero_run(g, &start, &len);
	for (int i = 0; i < 8; i++) {
		if (i == start) {
			*p++ = ':';
			*p++ = ':';
			i += len - 1;
			continue;
		}
		if (i > 0 && i != start + len)
			*p++ = ':';
		p += sprintf(p, "%x", (unsigned)g[i]);
	}
	*p = '\0';
}

void ip_format(const struct ip_addr *a, char out[IP_TEXT_MAX])
{
	const uint8_t *b = a->b;

	if (a->family == 4)
		snprintf(out, IP_TEXT_MAX, "%u.%u.%u.%u", b[0], b[1], b[2],
			 b[3]);
	else if (ip_is_mapped(a))
		snprintf(out, IP_TEXT_MAX, "::ffff:%u.%u.%u.%u", b[12], b[13],
			 b[14], b[15]);
	else
		format_v6(b, out);
}

void ip_unmap(struct ip_addr *a)
{
	uint8_t v4[4];

	if (!ip_is_mapped(a))
		return;
	memcpy(v4, a->b + 12, 4);
	memset(a->b, 0, sizeof a->b);
	memcpy(a->b, v4, 4);
	a->family = 4;
}

int ip_cmp(const struct ip_addr *a, const struct ip_addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	return memcmp(a->b, b->b, a->family == 4 ? 4 : 16);
}

/* --- networks --- */

static unsigned family_bits(uint8_t family)
{
	return family == 4 ? 32 : 128;
}

/* Clears every bit after the first prefix bits. */
static void mask_bits(uint8_t *b, size_t nbytes, unsigned prefix)
{
	for (size_t i = 0; i < nbytes; i++) {
		unsigned first = (unsigned)i * 8;

		if (prefix <= first)
			b[i] = 0;
		else if (prefix < first + 8)
			b[i] &= (uint8_t)(0xff << (8 - (prefix - first)));
	}
}

static bool prefix_equal(const uint8_t *a, const uint8_t *b, unsigned prefix)
{
	size_t whole = prefix / 8;
	unsigned rest = prefix % 8;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));

	if (memcmp(a, b, whole) != 0)
		return false;
	return rest == 0 || ((a[whole] ^ b[whole]) & mask) == 0;
}

/* Config text quoted in an error: printable, and short enough to leave
 * room for the rest of the sentence. */
static void quote_text(const char *s, size_t n, char out[72])
{
	size_t max = 64, o = 0;

	for (size_t i = 0; i < n && i < max; i++) {
		unsigned char c = (unsigned char)s[i];

		out[o++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	if (n > max) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}

static int cidr_error(const char *s, size_t n, struct err *e, const char *why)
{
	char q[72];

	quote_text(s, n, q);
	return err_set(e, "\"%s\": %s", q, why);
}

/* The decimal after "/": 1 to 3 digits, no larger than the family allows. */
static int parse_prefix(const char *s, size_t n, unsigned bits, unsigned *out)
{
	unsigned v = 0;

	if (n == 0 || n > 3)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!is_dec(s[i]))
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > bits)
		return -1;
	*out = v;
	return 0;
}

int cidr_parse(const char *s, size_t n, struct cidr *out, struct err *e)
{
	const char *slash = n ? memchr(s, '/', n) : NULL;
	size_t alen = slash ? (size_t)(slash - s) : n;
	struct cidr c;

	if (n == 0)
		return err_set(e, "empty network: write an address or "
				  "address/length, e.g. 192.0.2.0/24");
	if (ip_parse(s, alen, &c.base) < 0)
		return cidr_error(s, n, e,
				  "not an IP address or network (write e.g. "
				  "192.0.2.0/24 or 2001:db8::/32)");
	c.prefix = family_bits(c.base.family);
	if (slash &&
	    parse_prefix(slash + 1, n - alen - 1, c.prefix, &c.prefix) < 0)
		return cidr_error(s, n, e,
				  c.base.family == 4
				      ? "the length after / must be a "
					"number from 0 to 32 for IPv4"
				      : "the length after / must be a "
					"number from 0 to 128 for IPv6");
	mask_bits(c.base.b, sizeof c.base.b, c.prefix);
	*out = c;
	return 0;
}

/* Both sides seen as IPv6, IPv4 as ::ffff:a.b.c.d, so one comparison
 * serves every mix of families. */
static void as_v6(const struct ip_addr *a, uint8_t out[16])
{
	if (a->family == 6) {
		memcpy(out, a->b, 16);
		return;
	}
	memcpy(out, mapped_prefix, 12);
	memcpy(out + 12, a->b, 4);
}

bool ip_in_cidr(const struct ip_addr *a, const struct cidr *c)
{
	uint8_t x[16], net[16];
	unsigned prefix = c->prefix + (c->base.family == 4 ? 96 : 0);

	as_v6(a, x);
	as_v6(&c->base, net);
	return prefix_equal(x, net, prefix);
}

void ip_mask(struct ip_addr *a, unsigned prefix)
{
	mask_bits(a->b, sizeof a->b, prefix);
}

void cidr_format(const struct cidr *c, char *out, size_t outsz)
{
	char text[IP_TEXT_MAX];

	ip_format(&c->base, text);
	snprintf(out, outsz, "%s/%u", text, c->prefix);
}

static bool is_list_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int cidr_list_parse(const char *s, struct cidr_list *out, struct err *e)
{
	struct cidr_list l = {NULL, 0};
	size_t cap = 0;

	out->items = NULL;
	out->n = 0;
	while (*s) {
		size_t len = 0;

		if (is_list_sep(*s)) {
			s++;
			continue;
		}
		while (s[len] && !is_list_sep(s[len]))
			len++;
		if (l.n == cap) {
			cap = cap ? cap * 2 : 4;
			l.items = xreallocarray(l.items, cap, sizeof *l.items);
		}
		if (cidr_parse(s, len, &l.items[l.n], e) < 0) {
			cidr_list_free(&l);
			return -1;
		}
		l.n++;
		s += len;
	}
	*out = l;
	return 0;
}

bool cidr_list_contains(const struct cidr_list *l, const struct ip_addr *a)
{
	for (size_t i = 0; i < l->n; i++)
		if (ip_in_cidr(a, &l->items[i]))
			return true;
	return false;
}

void cidr_list_free(struct cidr_list *l)
{
	if (!l)
		return;
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

/* --- special-purpose ranges (RFC 6890 and its updates) --- */

struct class_range {
	uint8_t family;
	uint8_t prefix;
	uint8_t b[16];
	enum ip_class cls;
};

/* Searched in order: a narrower range comes before the one holding it. */
/* clang-format off */
static const struct class_range class_ranges[] = {
	{4, 32, {0, 0, 0, 0},          IP_CLASS_UNSPECIFIED},
	{4,  8, {0},                   IP_CLASS_RESERVED},      /* this host */
	{4,  8, {10},                  IP_CLASS_PRIVATE},
	{4, 10, {100, 64},             IP_CLASS_RESERVED},      /* CGN */
	{4,  8, {127},                 IP_CLASS_LOOPBACK},
	{4, 16, {169, 254},            IP_CLASS_LINK_LOCAL},
	{4, 12, {172, 16},             IP_CLASS_PRIVATE},
	{4, 24, {192, 0, 0},           IP_CLASS_RESERVED},      /* protocols */
	{4, 24, {192, 0, 2},           IP_CLASS_DOCUMENTATION},
	{4, 16, {192, 168},            IP_CLASS_PRIVATE},
	{4, 15, {198, 18},             IP_CLASS_RESERVED},      /* benchmark */
	{4, 24, {198, 51, 100},        IP_CLASS_DOCUMENTATION},
	{4, 24, {203, 0, 113},         IP_CLASS_DOCUMENTATION},
	{4,  4, {224},                 IP_CLASS_MULTICAST},
	{4,  4, {240},                 IP_CLASS_RESERVED},      /* +broadcast */
	{6, 128, {0},                  IP_CLASS_UNSPECIFIED},
	{6, 128, {[15] = 1},           IP_CLASS_LOOPBACK},
	{6, 96, {0, 0x64, 0xff, 0x9b}, IP_CLASS_GLOBAL},        /* NAT64 */
	{6,  8, {0},                   IP_CLASS_RESERVED},
	{6, 64, {0x01, 0x00},          IP_CLASS_RESERVED},      /* discard */
	{6, 32, {0x20, 0x01, 0x0d, 0xb8}, IP_CLASS_DOCUMENTATION},
	{6, 20, {0x3f, 0xff},          IP_CLASS_DOCUMENTATION},
	{6,  7, {0xfc},                IP_CLASS_PRIVATE},       /* ULA */
	{6, 10, {0xfe, 0x80},          IP_CLASS_LINK_LOCAL},
	{6, 10, {0xfe, 0xc0},          IP_CLASS_RESERVED},      /* site-local */
	{6,  8, {0xff},                IP_CLASS_MULTICAST},
};
/* clang-format on */

static const char *const class_names[] = {
    [IP_CLASS_GLOBAL] = "global",
    [IP_CLASS_PRIVATE] = "private",
    [IP_CLASS_LOOPBACK] = "loopback",
    [IP_CLASS_LINK_LOCAL] = "link-local",
    [IP_CLASS_DOCUMENTATION] = "documentation",
    [IP_CLASS_UNSPECIFIED] = "unspecified",
    [IP_CLASS_MULTICAST] = "multicast",
    [IP_CLASS_RESERVED] = "reserved",
};

enum ip_class ip_classify(const struct ip_addr *a)
{
	struct ip_addr x = *a;
	size_t count = sizeof class_ranges / sizeof class_ranges[0];

	ip_unmap(&x);
	for (size_t i = 0; i < count; i++) {
		const struct class_range *r = &class_ranges[i];

		if (r->family == x.family && prefix_equal(x.b, r->b, r->prefix))
			return r->cls;
	}
	return IP_CLASS_GLOBAL;
}

const char *ip_class_name(enum ip_class c)
{
	size_t count = sizeof class_names / sizeof class_names[0];

	if ((size_t)c >= count || !class_names[c])
		return "unknown";
	return class_names[c];
}
