/* formats.h: the machine-readable report formats and their fields: ARF
 * (message/feedback-report), X-ARF 0.2 YAML and XARF v3/v4 JSON, ACNS XML,
 * CSV feeds such as Shadowserver's, SpamCop and fail2ban mails. Only the
 * reporter's own parts are read, never an embedded message. */
#ifndef ANALYSIS_FORMATS_H
#define ANALYSIS_FORMATS_H

#include <stdbool.h>

#include "analysis/advice.h"
#include "analysis/classify.h"
#include "analysis/ipscan.h"
#include "analysis/mime.h"
#include "analysis/report.h"

struct format_facts {
	enum report_format format; /* UNKNOWN when no format was recognised */
	struct category cat;	   /* from the format's fields */
	bool has_cat;
	struct problem_facts facts; /* for a derived problem sentence */
};

/* Recognises the format of the decoded mail and reads its fields: source
 * addresses go into c as field mentions. from is the outer From address
 * (may be NULL). */
void formats_read(const struct mime_doc *d, const char *from,
		  struct ip_cands *c, struct format_facts *f);

/* The value of "Key: value" when line (after any "> " quoting) starts with
 * key, any case; NULL otherwise. *n gets the trimmed value's length. */
const char *formats_field(const char *line, size_t len, const char *key,
			  size_t *n);

#endif
