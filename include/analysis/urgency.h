/* urgency.h: the facts of one report that say how soon it wants handling —
 * the harm its kind of abuse does (a rank, from data/urgency/harm.txt) and
 * whether it sets a deadline (data/deadline/LANG.txt). The store makes a
 * group's urgency from them (store/urgency.h). */
#ifndef ANALYSIS_URGENCY_H
#define ANALYSIS_URGENCY_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis/report.h"

/* The highest rank data/urgency/harm.txt may give. */
#define URGENCY_HARM_MAX 7

/* The harm rank of a kind of abuse, 1 (copyright) to URGENCY_HARM_MAX:
 * the rank of category/type, else of category, else of "other". Either
 * may be NULL. */
int urgency_harm(const char *category, const char *type);

/* Whether text (any of the languages of data/deadline) sets a deadline:
 * "within 24 hours", "by 5 December", "innerhalb von 48 Stunden". Only
 * its start is read. */
bool urgency_deadline(const char *text, size_t len);

/* Sets r->harm and r->deadline from r's format, category, type and
 * subject and from text, the reporter's own words. A mail that is no
 * report (format unknown: an acknowledgement, an auto-reply) has harm 0
 * and no deadline. */
void urgency_fill(struct report *r, const char *text, size_t len);

#endif
