/* prose.h: whether a piece of a mail's text is a sentence a person wrote,
 * which can state a report's problem, or something else cut out as one: a
 * command line, a whois or header line, a key/value field, JSON or XML, a
 * CSV or table row, a log line, a bare URL or address, a signature or a
 * disclaimer. Used by lines.c only. */
#ifndef ANALYSIS_PROSE_H
#define ANALYSIS_PROSE_H

#include <stdbool.h>

/* orig is the sentence as cut (one line or wrapped lines joined), low its
 * lowercase copy. */
bool prose_is_statement(const char *orig, const char *low);

/* Whether low (a lowercase sentence) is a field whose key announces the
 * problem: "Issue: ...", "Reason: ...". */
bool prose_announces_problem(const char *low);

#endif
