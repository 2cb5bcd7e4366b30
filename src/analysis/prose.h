/* prose.h: whether a piece of a mail's text is a sentence a person wrote,
 * which can state a report's problem, or something else cut out as one: a
 * command line, a whois or header line, a key/value field, JSON or XML, a
 * CSV or table row, a log line, a bare URL or address, a signature or a
 * disclaimer. Used by lines.c only. */
#ifndef ANALYSIS_PROSE_H
#define ANALYSIS_PROSE_H

#include <stdbool.h>
#include <stddef.h>

/* orig is the sentence as cut (one line or wrapped lines joined), low its
 * lowercase copy. */
bool prose_is_statement(const char *orig, const char *low);

/* Whether low (a lowercase sentence) is a field whose key announces the
 * problem: "Issue: ...", "Reason: ...". */
bool prose_announces_problem(const char *low);

/* Whether orig is a caption: a few words and a colon that introduce the
 * list or table below ("Top reflectors in your network:"). It names what
 * follows; a sentence tells what happened. */
bool prose_caption(const char *orig);

/* Whether the line at s (n bytes) is a closing and nothing else
 * ("Regards,", "yours", "Mit freundlichen Grüßen"): the sender's name
 * follows. */
bool prose_closing_line(const char *s, size_t n);

/* Whether low (a lowercase sentence) opens with a header's or a letter's
 * key that states no problem ("subject: ...", "asunto: ..."). */
bool prose_opens_with_field(const char *low);

/* Whether the line at s (n bytes, any case) is a log or table row: it
 * opens with a time ("2024-01-15 10:22:01", "Jan 15 10:22:01") or with an
 * address followed by a time on the line ("192.0.2.1 - - [15/Jan/2024:
 * 10:22:01"). Such a line is a sentence of its own, and no statement. */
bool prose_log_row(const char *s, size_t n);

/* Whether the line at s (n bytes) is the separator a mail program puts
 * above the copy of the mail a reply answers ("-----Original
 * Message-----", "-------- Message d'origine --------"): rules, blanks
 * and a colon around one of the quote marks, nothing else. */
bool prose_reply_separator(const char *s, size_t n);

/* Whether the line at s (n bytes) is a mail header's field ("Received:
 * from ...", a name of letters, digits and '-' before a colon) or the
 * folded continuation of one (it opens with a blank). */
bool prose_header_line(const char *s, size_t n);

/* Whether the line at s (n bytes) is a rule of ten or more dashes (or
 * '=', '_', '*') and nothing else but blanks: the end of a pasted block
 * ("-------------------------------------"). */
bool prose_rule_line(const char *s, size_t n);

/* Whether the separator line at s is framed by rules ("-------- Original
 * Message --------"): a frame a closing rule can answer. One that ends in
 * a colon ("Your original message:") with a rule under it opens a copy
 * that runs on. */
bool prose_framed_separator(const char *s, size_t n);

#endif
