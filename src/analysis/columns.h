/* columns.h: what a table's column names say about the addresses in its
 * rows ("Src-IP ... Dst-IP", "source,destination"). Private to the
 * analysis: ipscan.c keeps one per scan. */
#ifndef ANALYSIS_COLUMNS_H
#define ANALYSIS_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

/* The table the scan is in, if any. Mentions must come in text order. */
struct columns {
	size_t prev_ls; /* line start of the last mention looked at */
	bool has_prev;
	bool valid; /* hdr_a..hdr_b is the header of the current table */
	size_t hdr_a, hdr_b;
	char delim; /* '\t', '|', ';', ',' or ' ' (aligned columns) */
	/* The last run of rows that start with an address, and the line
	 * above it that labels them all (ipscan.c's cache); run_heading:
	 * that line is a heading above a blank line. */
	bool run_valid, run_heading;
	size_t run_last_ls, run_label_ls, run_label_end;
};

void columns_init(struct columns *t);

/* What a column says of the addresses in it. */
enum {
	COLUMN_ROLE_VERSION = -3,   /* a version or build: no address */
	COLUMN_ROLE_MENTIONED = -2, /* C&C, sinkhole, a resolver's answer */
	COLUMN_ROLE_VICTIM = -1,    /* destination, target */
	COLUMN_ROLE_NONE = 0,
	COLUMN_ROLE_OFFENDER = 1, /* source, attacker */
	COLUMN_ROLE_SUBJECT = 2	  /* addresses of no side: what it lists */
};

/* The role a column or key called name[0..n) names ("src_ip",
 * "Destination"). */
int columns_name_role(const char *name, size_t n);

/* For the address at s[off..end) on the line starting at ls: the role its
 * column names, COLUMN_ROLE_NONE when no table header above says. */
int columns_role(struct columns *t, const char *s, size_t len, size_t ls,
		 size_t off, size_t end);

/* The cell of the row s[ls..le) under the header cell whose name starts
 * with name ("asn"), as [*a, *b); false when the table has no such
 * column. Call after columns_role() for that row. */
bool columns_cell(const struct columns *t, const char *s, size_t ls, size_t le,
		  const char *name, size_t *a, size_t *b);

#endif
