/* noise.h: per-report signs of bulk noise (auto-submitted, reminders and
 * threats, boilerplate, no action), mails that are no report at all
 * (acknowledgements, auto-replies), the reporter's case reference, and the
 * unsubscribe target of the outer message. */
#ifndef ANALYSIS_NOISE_H
#define ANALYSIS_NOISE_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis/report.h"

/* Outer header values the signals look at (each may be NULL). */
struct noise_headers {
	const char *precedence;
	const char *list_unsubscribe;
	const char *list_unsubscribe_post;
	const char *auto_submitted;
	const char *x_autoreply;
};

/* The noise phrases of a report's subject and own text, counted per kind
 * in one pass: what the readers below judge by. The text counts in three
 * prefixes, one per reader: its first 4 KB (what a mail says of itself),
 * 32 KB (a newsletter's marks) and 128 KB (bulk signals). */
#define NOISE_KINDS 10
#define NOISE_MARKS_BYTES ((size_t)4 << 10)
#define NOISE_NEWSLETTER_BYTES ((size_t)32 << 10)
#define NOISE_SCAN_MAX ((size_t)128 << 10)
enum {
	NOISE_TEXT_MARKS,
	NOISE_TEXT_NEWSLETTER,
	NOISE_TEXT_ALL,
	NOISE_TEXT_LIMITS
};

struct noise_text {
	int subject[NOISE_KINDS];
	int text[NOISE_TEXT_LIMITS][NOISE_KINDS];
	/* Where the text first says a case is closed; SIZE_MAX: nowhere. */
	size_t closed_at;
};

/* subject may be NULL. */
void noise_text_read(struct noise_text *t, const char *subject,
		     const char *text, size_t len);

/* Appends the noise signals of r (whose action and subject are already
 * set) judged from its own text, read into t. */
void noise_signals(struct report *r, const struct noise_headers *h,
		   const struct noise_text *t);

/* Sets r->automated and r->human, the two facts the noise rule of the
 * triage weighs, from r's action, category, format and signals (set
 * before). The one place that says what counts as automated. */
void noise_judge(struct report *r);

/* What a mail says of itself in its subject and first 4 KB, read once:
 * that it is a ticket acknowledgement or an auto-reply (in the subject
 * alone, or anywhere there), and that it closes a case ("we are closing
 * this ticket", "l'incident est clos": it names the address but reports
 * nothing). */
struct noise_marks {
	bool ack_in_subject, ack, closed;
};

void noise_marks_read(const struct noise_text *t, struct noise_marks *m);

/* True for a newsletter: it calls itself one ("newsletter", "in this
 * issue") and says the reader subscribed to it. */
bool noise_is_newsletter(const struct noise_text *t);

/* True when the subject answers another mail ("Re: ...", "[Ticket#1]
 * AW: ..."): a tag in brackets may come first. */
bool noise_subject_is_reply(const char *subject);

/* The reporter's ticket or case id from the subject or text ("[#1611959]",
 * "Case ID: A1234", "Ticket#2024..."); NULL when none. free() it. */
char *noise_case_ref(const char *subject, const char *text, size_t len);

/* Sets r's unsubscribe method and target from the outer message only: h
 * holds the outer List-Unsubscribe fields and text must be the report's
 * own body (no attached or quoted message, no attachment). In this order:
 * a one-click web URL, a mailto, a body instruction "reply with REMOVE in
 * the subject" (and the address it names), else a web URL without
 * one-click. */
void noise_unsubscribe(struct report *r, const struct noise_headers *h,
		       const char *text, size_t len);

#endif
