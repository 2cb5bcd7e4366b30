/* advice.h: the program's own answers to "what is the problem" and "what
 * should I do", derived from a report's category and type, for the reports
 * whose senders did not say (most automated ones). */
#ifndef ANALYSIS_ADVICE_H
#define ANALYSIS_ADVICE_H

#include "analysis/report.h"

/* A one-line summary of what the report is about: "Spam sent from
 * 198.51.100.61". Never NULL; the caller frees it. */
char *advice_summary(const struct report *r);

/* The next step an abuse desk usually takes for this kind of report.
 * Never NULL; a static string. */
const char *advice_todo(const char *category, const char *type);

/* Sets r->summary and r->advice from r's facts (replacing any). */
void advice_fill(struct report *r);

#endif
