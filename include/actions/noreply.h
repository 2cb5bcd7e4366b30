/* noreply.h: whether anybody reads a reply to a report: the one rule the
 * reply's confirm screen warns by. The phrases are data
 * (data/noreply/phrases.txt, built in). */
#ifndef ACTIONS_NOREPLY_H
#define ACTIONS_NOREPLY_H

#include <stdbool.h>
#include <stddef.h>

/* What the rule looks at; NULL strings count as absent. */
struct noreply_facts {
	bool auto_submitted;   /* Auto-Submitted present and not "no" */
	const char *from_addr; /* the outer From */
	const char *reply_to;  /* the outer Reply-To */
	const char *text;      /* the report's readable text */
};

/* NULL when a reply will likely be read; else a sentence saying why not
 * ("the sender is noreply@example.net"), written to buf. */
const char *noreply_reason(const struct noreply_facts *f, char *buf,
			   size_t size);

#endif
