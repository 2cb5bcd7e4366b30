/* advice.h: the program's own answers to "what is the problem" and "what
 * should I do", derived from a report's category and type, for the reports
 * whose senders did not say (most automated ones). */
#ifndef ANALYSIS_ADVICE_H
#define ANALYSIS_ADVICE_H

#include "analysis/report.h"

/* What a report's fields say beyond category and addresses, as the
 * report writes it; an empty string or 0 when it does not say. */
struct problem_facts {
	char kind[48];		  /* the format's name: "abuse", "scan_ntp" */
	char port[8];		  /* "11211" */
	char proto[8];		  /* "udp" */
	char first[40], last[40]; /* times of the first and last record */
	char site[96];		  /* the host name of a URL, or a domain name */
	unsigned count;		  /* records (rows, log lines) */
};

/* A one-line summary of what the report is about: "Spam sent from
 * 198.51.100.61". Never NULL; the caller frees it. */
char *advice_summary(const struct report *r);

/* The problem sentence the program writes itself from f, for a report
 * whose text states none: "Open or vulnerable service on 192.0.2.7 port
 * 11211/udp, reported as scan_memcached: 3 records between ... and ...".
 * Never NULL; the caller frees it. */
char *advice_problem(const struct report *r, const struct problem_facts *f);

/* The next step an abuse desk usually takes for this kind of report.
 * Never NULL; a static string. */
const char *advice_todo(const char *category, const char *type);

/* Sets r->summary and r->advice from r's facts (replacing any). */
void advice_fill(struct report *r);

#endif
