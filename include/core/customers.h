/* customers.h: who holds an address of ours — the [customers] file, a CSV
 * of prefix, name, contact and an optional id, read again when it changes,
 * and the customer of an address by the longest prefix that holds it. The
 * screen, the pager and `list` all ask customers_lookup(). */
#ifndef CORE_CUSTOMERS_H
#define CORE_CUSTOMERS_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/ip.h"

struct customer {
	struct cidr net;
	char *name;    /* never empty */
	char *contact; /* "" when the file gives none */
	char *id;      /* "" when the file gives none */
	unsigned line; /* in the file, for messages */
};

struct customers;

/* path NULL: no file, and no address has a customer. Nothing is read
 * until the first customers_refresh(). */
struct customers *customers_new(const char *path);
void customers_free(struct customers *c);

/* Reads the file when it changed since it was last read (another inode,
 * size or modification time), looking at most once a second by now (in
 * seconds; a caller may call it often). Returns 1 when the file was read,
 * 0 when it was not looked at or had not changed, -1 when it cannot be
 * read: e says why and the customers read before stay. A bad line is
 * skipped with a warning "FILE:LINE: why" and the rest still loads. */
int customers_refresh(struct customers *c, int64_t now, struct err *e);

/* The warnings of the last read (bad lines), at most a few dozen: past
 * that the last one says how many more there were. */
const char *const *customers_warnings(const struct customers *c, size_t *n);

/* How many prefixes the last read loaded. */
size_t customers_count(const struct customers *c);

/* The customer whose prefix holds a, the longest such prefix; NULL when
 * none does. An IPv4-mapped IPv6 address is looked up as IPv4. */
const struct customer *customers_find(const struct customers *c,
				      const struct ip_addr *a);

/* The customer of an address in text (a group's IP): the one way every
 * view finds it. NULL when c is NULL, the text is no address or none
 * holds it. */
const struct customer *customers_lookup(const struct customers *c,
					const char *ip);

#endif
