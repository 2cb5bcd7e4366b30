/* ip.h: IPv4 and IPv6 addresses and networks: strict parsing, scanning
 * inside prose, RFC 5952 canonical text (the key groups are stored under),
 * CIDR membership for the operator's own networks, and address classes. */
#ifndef CORE_IP_H
#define CORE_IP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct ip_addr {
	uint8_t family; /* 4 or 6 */
	uint8_t b[16];	/* v4 uses b[0..3]; the parser leaves the rest zero */
};

/* Room for the longest canonical text plus the NUL. */
enum { IP_TEXT_MAX = 46 };

/* Parses exactly the n bytes at s as one address: a dotted quad (no
 * leading zeros, since 010 reads as octal to some tools) or any IPv6 text
 * RFC 4291 allows, including an IPv4 tail. Zone ids (fe80::1%eth0) are
 * refused. Returns 0 and fills *out, or -1. */
int ip_parse(const char *s, size_t n, struct ip_addr *out);

/* Finds the longest address that starts at s[0], reading no byte at or
 * past s[n] and at most a few dozen bytes in all. A digit or hex group is
 * never cut: "1.2.3.456" and "2001:db8::12345" give 0. What follows the
 * match is left to the caller, who sees it at s[len]:
 *   "192.0.2.1."   -> 9  (sentence end)     "2001:db8::1:" -> 11
 *   "1.2.3.4.5"    -> 7  (".5" follows)     "1.2.3.4:80"   -> 7
 *   "fe80::1%eth0" -> 7  ("%eth0" follows)  ":", ":::1"    -> 0
 * A caller that wants whole words checks s[len] (and s[-1]) itself.
 * Returns the length and fills *out (out may be NULL), or returns 0. */
size_t ip_scan(const char *s, size_t n, struct ip_addr *out);

/* Canonical text (RFC 5952): lowercase hex without leading zeros, the
 * longest run of two or more zero groups shown as "::" (the first on a
 * tie), and IPv4-mapped addresses as ::ffff:192.0.2.1. */
void ip_format(const struct ip_addr *a, char out[IP_TEXT_MAX]);

/* Turns ::ffff:a.b.c.d into a.b.c.d, so that one host is one group;
 * any other address is left as it is. */
void ip_unmap(struct ip_addr *a);

/* A total order for sorting: IPv4 before IPv6, then by bytes. */
int ip_cmp(const struct ip_addr *a, const struct ip_addr *b);

enum ip_class {
	IP_CLASS_GLOBAL,
	IP_CLASS_PRIVATE,	/* RFC 1918, fc00::/7 */
	IP_CLASS_LOOPBACK,	/* 127/8, ::1 */
	IP_CLASS_LINK_LOCAL,	/* 169.254/16, fe80::/10 */
	IP_CLASS_DOCUMENTATION, /* 192.0.2/24 and friends, 2001:db8::/32 */
	IP_CLASS_UNSPECIFIED,	/* 0.0.0.0, :: */
	IP_CLASS_MULTICAST,	/* 224/4, ff00::/8 */
	IP_CLASS_RESERVED,	/* 0/8, 100.64/10, 198.18/15, 240/4, ... */
};

/* The special-purpose range an address falls in; IPv4-mapped addresses
 * are classified as their IPv4 address. */
enum ip_class ip_classify(const struct ip_addr *a);
/* A lowercase one-word name for the class ("global", "private", ...). */
const char *ip_class_name(enum ip_class c);

struct cidr {
	struct ip_addr base; /* host bits are always zero */
	unsigned prefix;     /* 0..32 for IPv4, 0..128 for IPv6 */
};

/* Parses the n bytes at s as "address/length" or a bare address (a /32 or
 * /128). Host bits are cleared, as configs often write 192.0.2.1/24.
 * Returns 0, or -1 with a sentence naming the text in *e. */
int cidr_parse(const char *s, size_t n, struct cidr *out, struct err *e);

/* Membership across families follows IPv4-mapped IPv6: ::ffff:192.0.2.1 is
 * in 192.0.2.0/24, 192.0.2.1 is in ::ffff:0:0/96, and ::/0 holds every
 * address of both families. */
bool ip_in_cidr(const struct ip_addr *a, const struct cidr *c);

/* Clears every bit of a after its first prefix bits (of its family). */
void ip_mask(struct ip_addr *a, unsigned prefix);

/* "base/prefix", base in canonical text; truncated to fit outsz. */
void cidr_format(const struct cidr *c, char *out, size_t outsz);

struct cidr_list {
	struct cidr *items;
	size_t n;
};

/* Parses networks separated by commas and/or whitespace ("" is an empty
 * list). On error *out is left empty and *e names the bad entry. The
 * caller frees a parsed list with cidr_list_free(). */
int cidr_list_parse(const char *s, struct cidr_list *out, struct err *e);
bool cidr_list_contains(const struct cidr_list *l, const struct ip_addr *a);
/* Frees the items and empties the list; NULL-safe. */
void cidr_list_free(struct cidr_list *l);

#endif
