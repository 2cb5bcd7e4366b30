/* ipscan.h: candidate offending addresses in text, each scored by how much
 * its source is trusted and by the words around it ("source", "attacker",
 * "your customer" raise it; "victim", "target", "our server" lower it). */
#ifndef ANALYSIS_IPSCAN_H
#define ANALYSIS_IPSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ip.h"

/* Caps that keep a mail with a million addresses linear and small. */
#define IPSCAN_MAX_CANDS 20000
#define IPSCAN_MAX_MENTIONS 200000

/* Trust of a source, the base of every score from it. */
enum {
	IPSCAN_TRUST_FIELD = 100, /* a report format's source field */
	IPSCAN_TRUST_SUBJECT = 35,
	IPSCAN_TRUST_BODY = 10,
	IPSCAN_TRUST_EMBEDDED = -15, /* the reported mail, quoted or attached */
};

/* Scores from which an address counts as named by the report. */
enum { IPSCAN_SELECT = 25, IPSCAN_DROP = -50 };
/* A mention disowns its address when one cue at least this strong says
 * it is the attacked side or only mentioned, and its words sum to at
 * most IPSCAN_DISOWNED_NET ("attacks on our website from ADDR" names the
 * victim next to it, and sums to less). */
enum { IPSCAN_DISOWNED = -40, IPSCAN_DISOWNED_NET = -30 };

/* What the words around one mention say the address is. */
enum ipscan_hint {
	IPSCAN_HINT_NONE,
	IPSCAN_HINT_OFFENDER,
	IPSCAN_HINT_VICTIM,
	IPSCAN_HINT_MENTIONED,
};

struct ip_cand {
	struct ip_addr addr;
	int score;	/* best score over its mentions */
	unsigned first; /* order of its first mention */
	unsigned mentions;
	bool field; /* named by a format field */
	/* The reporter's words say, strongly, that it is theirs, attacked or
	 * only mentioned ("ADDR is our jump host", "ADDR is in another
	 * network") at one of its mentions at least. */
	bool disowned;
	unsigned char hints; /* 1 << enum ipscan_hint, over its mentions */
	/* The autonomous system its table row names ("AS64500", an "ASN"
	 * column), 0 when none does. */
	uint32_t asn;
	/* The mail addresses its rows name (IPSCAN_ROW_*): a table sent to
	 * many networks gives each row's abuse contact. */
	unsigned char row_mail;
};

/* What a row's mail address says of the address on it. */
enum { IPSCAN_ROW_RECIPIENT = 1, IPSCAN_ROW_OTHER = 2 };

struct ip_cands {
	struct ip_cand *v;
	size_t n, cap;
	unsigned *slots; /* open-addressing index into v, 0 = empty */
	size_t n_slots;
	unsigned mentions;
	bool truncated;
	/* The mailbox this copy of the mail was delivered to (lowercase),
	 * or NULL: a row that names it is the recipient's. */
	const char *recipient;
};

void ipscan_init(struct ip_cands *c);
void ipscan_free(struct ip_cands *c);

/* Records one mention of a with the given score. */
void ipscan_add(struct ip_cands *c, const struct ip_addr *a, int score,
		bool field);

/* The same, with what the words around this mention say the address is
 * (added to the candidate's hints). */
void ipscan_add_hint(struct ip_cands *c, const struct ip_addr *a, int score,
		     bool field, enum ipscan_hint hint);

/* The same for an address in a row that names its AS (0: none). */
void ipscan_add_row(struct ip_cands *c, const struct ip_addr *a, int score,
		    bool field, uint32_t asn);

/* The same for an address under a column or a key that names its side
 * (COLUMN_ROLE_* of columns.h): scored as a table's row would be. */
void ipscan_add_column(struct ip_cands *c, const struct ip_addr *a, int base,
		       int role);

/* Finds every address in text (defanged forms such as 192.0.2[.]1 and
 * addresses inside URLs included) and records it with base plus the score
 * of its context. Address ranges, networks and WHOIS lines are skipped. */
void ipscan_text(struct ip_cands *c, const char *text, size_t len, int base);

/* Like ipscan_text, without context scores (all 0), for callers that only
 * want the addresses. */
void ipscan_addresses(struct ip_cands *c, const char *text, size_t len);

/* Whether text says that the attacked side is the recipient's: the
 * sender is its customer, or one of its customers is the target
 * (data/roles, "yours"). */
bool ipscan_victim_is_yours(const char *text, size_t len);

/* Whether text says the writer's host is with name, the recipient's
 * (lowercase letters of its domain: "maplewave" for abuse@maplewave.net):
 * "hosted with MapleWave", "Kunde bei Maple Wave" (data/roles,
 * "yourshost"). Case matters not; a blank or a dash may part its letters.
 * False for a name of fewer than four letters. */
bool ipscan_names_host(const char *text, size_t len, const char *name);

/* Calls fn for each address that ipscan_addresses would record from
 * text (IPv4-mapped ones as IPv4), without recording anything, until fn
 * returns true; returns whether it did. */
bool ipscan_find(const char *text, size_t len,
		 bool (*fn)(const struct ip_addr *a, void *arg), void *arg);

/* Appends to out[n..max) the AS numbers that text names on its lines
 * without an address ("your autonomous system, AS64500", "the lines with
 * ASN 64500"): the networks a report is sent for. Returns the new n. */
size_t ipscan_named_asns(const char *text, size_t len, uint32_t *out,
			 size_t max, size_t n);

/* The context score of the address at text[off..off+n) on its line. */
int ipscan_context(const char *text, size_t len, size_t off, size_t n);

/* Copies text, turning "[.]", "(.)", "[dot]" and "[:]" back into "." and
 * ":", and "hxxp" into "http". NUL-terminated; free() it. */
char *ipscan_refang(const char *text, size_t len, size_t *out_len);

/* Sorts candidates by score (highest first), then by first mention. */
void ipscan_sort(struct ip_cands *c);

#endif
