/* lines.h: the sentences a person triaging wants first: the problem line
 * (what happened), the action line (what the reporter asks for, when it is
 * something concrete), and evidence (log lines with the address and a time). */
#ifndef ANALYSIS_LINES_H
#define ANALYSIS_LINES_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis/report.h"

/* The longest sentence read, in characters (not bytes). */
#define LINES_MAX_SENTENCE 400
#define LINES_MAX_EVIDENCE 20

/* The sentence of text that best says what happened, by the problem words
 * of data/problem/LANG.txt; NULL when none does. Only prose counts: never
 * a command, a header, whois or short key/value line, JSON, XML, a table,
 * CSV or log row, a bare URL or address, a signature or a disclaimer. ips
 * are the report's addresses (canonical text) with their roles: a
 * sentence that names an offender is raised, one that names only a victim
 * or a mentioned address lowered (with no offender, every address counts
 * as one). free() the result. */
char *lines_problem(const char *text, size_t len, const struct report_ip *ips,
		    size_t n_ips);

/* The first sentence of text, not quoted, for which fn returns true;
 * NULL when none. free() the result. */
char *lines_first(const char *text, size_t len,
		  bool (*fn)(const char *sentence, void *arg), void *arg);

/* The sentence that asks most for something concrete (take down, stop,
 * disconnect, secure, notify the customer, investigate rank above check
 * or update; a direct request above a soft or conditional one; the first
 * of equals), in any language with a word file in data/request/; NULL
 * when nothing concrete is asked: unsubscribe hints, reply instructions,
 * forwarding boilerplate, disclaimers and blocklist threats do not count.
 * free() the result. */
char *lines_action(const char *text, size_t len);

/* What the copy below a separator is. */
enum lines_copy {
	/* Below a reply's separator ("-----Original Message-----"), after
	 * text of the sender's own, an earlier mail's lines, quoted as
	 * '>' lines are: their requests are not this sender's. */
	LINES_COPY_REPLY,
	/* The mail forwards a report: what is below is what it sends. */
	LINES_COPY_FORWARDED,
	/* The mail forwards our own words back to us: below a forward's
	 * separator too, the lines are quoted. */
	LINES_COPY_OURS,
};

/* Both of the above from one reading of text; either pointer may be NULL
 * when that line is not wanted. When both are wanted they are never the
 * same sentence: the problem is then the next best one (or NULL). copy
 * tells what the lines below a separator are. */
void lines_pick(const char *text, size_t len, const struct report_ip *ips,
		size_t n_ips, enum lines_copy copy, char **problem,
		char **action);

/* Appends to r's evidence the lines of text that carry one of r's
 * addresses and a time of day or date, at most LINES_MAX_EVIDENCE. */
void lines_evidence(struct report *r, const char *text, size_t len);

#endif
