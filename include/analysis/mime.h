/* mime.h: one mail as readable parts. Transfer encodings and charsets are
 * undone (UTF-8 out), HTML becomes text, text attachments and zipped CSV
 * are read; the parts of an attached message are marked as embedded, so
 * the reported mail is never mistaken for the reporter's own words. */
#ifndef ANALYSIS_MIME_H
#define ANALYSIS_MIME_H

#include <stdbool.h>
#include <stddef.h>

struct mailimf_fields;

/* Caps that keep any input linear in time and bounded in memory. */
#define MIME_MAX_PARTS 1000
#define MIME_MAX_TEXT ((size_t)64 << 20)

struct mime_part {
	char *type;	 /* lowercase "text/plain", "message/rfc822-headers" */
	char *name;	 /* attachment file name, or NULL */
	char *text;	 /* UTF-8, NUL-terminated; NULL when not read as text */
	size_t len;	 /* length of text, or the decoded size of a binary */
	bool embedded;	 /* inside an attached or quoted message */
	bool attachment; /* named or "attachment" rather than the body */
	bool alternative; /* another rendering of a part already kept */
	/* An attachment read as the body: the body only points to it
	 * ("the notification is attached"). */
	bool as_body;
	/* A mail pasted into the reporter's text, from its header lines on
	 * (Received:, Return-Path:, ...): embedded, type text/plain. */
	bool pasted_header;
	/* The decoded content of an attachment, byte for byte, when the
	 * mail was decoded by mime_decode_keep(); else NULL. */
	char *bytes;
	size_t n_bytes;
};

struct mime_doc {
	struct mime_part *parts;
	size_t n;
	/* What was left out to stay within the caps, as a sentence (static
	 * storage: "MIME parts nested too deep"), or NULL. */
	const char *limit;
	/* The outer header fields (libetpan's list), parsed once along with
	 * the structure; NULL when the structure could not be parsed. */
	struct mailimf_fields *header;
};

/* Decodes the message in raw (which need not outlive the call). Never
 * fails: unparsable structure gives one part holding the body as text. */
struct mime_doc *mime_decode(const char *raw, size_t len);
/* mime_decode() that also keeps each attachment's decoded bytes, for
 * saving or piping it. */
struct mime_doc *mime_decode_keep(const char *raw, size_t len);
void mime_doc_free(struct mime_doc *d);

/* The characters of s that are not white space. */
size_t mime_visible_chars(const char *s);

#endif
