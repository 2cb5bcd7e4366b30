/* jsonscan.h: the addresses of a JSON document, each scored by the side
 * its key names. Private to the analysis. */
#ifndef ANALYSIS_JSONSCAN_H
#define ANALYSIS_JSONSCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis/ipscan.h"

/* Records the addresses of text into c, with base plus what each key
 * says (ipscan_add_column), when text is JSON: one document, or several
 * one after another (JSON lines). Returns false, recording nothing, when
 * it is not. */
bool jsonscan_text(struct ip_cands *c, const char *text, size_t len, int base);

#endif
