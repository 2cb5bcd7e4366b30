/* test_analysis_decode.c: from mail bytes to readable UTF-8 parts:
 * charsets, HTML, nested multipart, transfer encodings, attached messages,
 * inline quoted originals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analysis/analyze.h"
#include "analysis/charset.h"
#include "analysis/headers.h"
#include "analysis/html.h"
#include "analysis/mime.h"
#include "core/buf.h"

#include <libetpan/libetpan.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void test_charset_converts_latin1_label(void **state)
{
	char *s = charset_to_utf8("iso-8859-1", "caf\xe9", 4, NULL);

	(void)state;
	assert_string_equal(s, "caf\xc3\xa9");
	free(s);
}

static void test_charset_keeps_utf8_under_wrong_latin1_label(void **state)
{
	char *s = charset_to_utf8("iso-8859-1", "caf\xc3\xa9", 5, NULL);

	(void)state;
	assert_string_equal(s, "caf\xc3\xa9");
	free(s);
}

static void test_charset_reads_invalid_utf8_as_windows_1252(void **state)
{
	char *s = charset_to_utf8("utf-8", "\x93quoted\x94", 8, NULL);

	(void)state;
	assert_string_equal(s, "\xe2\x80\x9cquoted\xe2\x80\x9d");
	free(s);
}

/* Labels mail programs write that iconv does not know: Outlook's Korean
 * "ks_c_5601-1987", "x-sjis", and the names Python's email package
 * writes ("eucgb2312_cn"), in bodies and in RFC 2047 words alike. */
static void test_charset_reads_the_labels_iconv_lacks(void **state)
{
	char *s = charset_to_utf8("ks_c_5601-1987",
				  "\xbe\xc8\xb3\xe7\xc7\xcf\xbc\xbc\xbf\xe4",
				  10, NULL);

	(void)state;
	assert_string_equal(s, "\xec\x95\x88\xeb\x85\x95\xed\x95\x98\xec"
			       "\x84\xb8\xec\x9a\x94");
	free(s);
	s = charset_to_utf8("x-sjis", "\x83\x65\x83\x58\x83\x67", 6, NULL);
	assert_string_equal(s, "\xe3\x83\x86\xe3\x82\xb9\xe3\x83\x88");
	free(s);
	s = charset_to_utf8("eucgb2312_cn", "\xcd\xf5\xc0\xda", 4, NULL);
	assert_string_equal(s, "\xe7\x8e\x8b\xe7\xa3\x8a");
	free(s);
}

static void test_charset_unknown_label_falls_back(void **state)
{
	char *s = charset_to_utf8("x-no-such-charset", "ok \xff", 4, NULL);

	(void)state;
	assert_string_equal(s, "ok \xc3\xbf");
	free(s);
}

static void test_charset_normalises_crlf_and_nul(void **state)
{
	size_t n;
	char *s = charset_to_utf8(NULL, "a\r\nb\0c", 6, &n);

	(void)state;
	assert_int_equal(n, 5);
	assert_string_equal(s, "a\nb c");
	free(s);
}

static void test_charset_keeps_lone_cr(void **state)
{
	size_t n;
	char *s = charset_to_utf8(NULL, "\0a\rb\r\r\nc\r\0", 10, &n);

	(void)state;
	assert_int_equal(n, 9);
	assert_memory_equal(s, " a\rb\r\nc\r ", 10);
	free(s);
}

static void test_charset_finds_high_byte_after_long_ascii(void **state)
{
	const char *t = "0123456789abcdefghijklmnopq caf\xe9";
	char *s = charset_to_utf8(NULL, t, strlen(t), NULL);

	(void)state;
	assert_string_equal(s, "0123456789abcdefghijklmnopq caf\xc3\xa9");
	free(s);
}

/* libetpan's own conversions go through charset_init()'s hook: ASCII and
 * valid UTF-8 are copied, the rest is converted by iconv with "?" for
 * what iconv rejects, as libetpan itself would. */
static char *phrase(const char *s)
{
	size_t idx = 0;
	char *out = NULL;

	assert_int_equal(mailmime_encoded_phrase_parse("us-ascii", s, strlen(s),
						       &idx, "utf-8", &out),
			 MAILIMF_NO_ERROR);
	return out;
}

static void test_charset_hook_decodes_header_words(void **state)
{
	static const char *const cases[][2] = {
	    {"=?UTF-8?B?w6l0w6k=?=", "\xc3\xa9t\xc3\xa9"},
	    {"=?ISO-8859-1?Q?caf=E9?=", "caf\xc3\xa9"},
	    {"=?us-ascii?Q?plain_text?=", "plain text"},
	    {"=?UTF-8?Q?a=FFb?=", "a?b"},
	    {"=?windows-1252?Q?=93q=94?=", "\xe2\x80\x9cq\xe2\x80\x9d"},
	    {"no words at all", "no words at all"},
	};

	(void)state;
	charset_init();
	assert_non_null(extended_charconv);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *out = phrase(cases[i][0]);
		assert_string_equal(out, cases[i][1]);
		free(out);
	}
}

static void test_html_drops_script_and_keeps_hidden_link(void **state)
{
	const char *h =
	    "<html><head><script>var x=1;</script></head><body>"
	    "<p>See <a href=\"http://192.0.2.9/x\">here</a></p></body></html>";
	char *s = html_to_text(h, strlen(h), NULL, NULL);

	(void)state;
	assert_null(strstr(s, "var x"));
	assert_non_null(strstr(s, "here <http://192.0.2.9/x>"));
	free(s);
}

/* Headings, paragraphs and tables stand apart by a blank line; the
 * <div>s a mail program writes a paragraph's lines in, and <br>, only
 * end a line. */
static void test_html_paragraphs_stand_apart(void **state)
{
	const char *h = "<h3>Attacks from your network</h3><p>Hi,</p>"
			"<p>we see scans.</p><div>Line one</div><div>line "
			"two<br>line three</div><table><tr><td>a</td>"
			"<td>b</td></tr></table><p>Thanks</p>";
	char *s = html_to_text(h, strlen(h), NULL, NULL);

	(void)state;
	assert_string_equal(s, "Attacks from your network\n\nHi,\n\nwe see "
			       "scans.\n\nLine one\nline two\nline three\n\n"
			       "a\tb\t\n\nThanks\n\n");
	free(s);
}

static void test_html_does_not_repeat_autolinked_url(void **state)
{
	const char *h = "<a href=\"http://192.0.2.9:80/\">192.0.2.9:80</a>";
	char *s = html_to_text(h, strlen(h), NULL, NULL);

	(void)state;
	assert_null(strstr(s, "<http"));
	free(s);
}

/* A page whose text comes out longer than the page (every link's
 * target shown after its short text) read after another page: each
 * gets its own text, and the parser never reads the output buffer
 * (libxml2's static input buffer did, once the output grew; the
 * sanitizers and valgrind see it). */
static void test_html_longer_than_the_page_after_another(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	char *sa, *sb;

	(void)state;
	buf_puts(&a, "<p>fail2ban banned 192.0.2.188 for sshd</p>");
	for (int i = 0; i < 60; i++)
		buf_printf(&b,
			   "<p><a href=\"https://phish-%02d.example/login/"
			   "account/verify/step/%02d\">x</a></p>",
			   i, i);
	sa = html_to_text(a.data, a.len, NULL, NULL);
	sb = html_to_text(b.data, b.len, NULL, NULL);
	assert_non_null(strstr(sa, "fail2ban"));
	assert_null(strstr(sb, "fail2ban"));
	assert_non_null(strstr(sb, "x <https://phish-00.example/login/"));
	assert_non_null(strstr(sb, "x <https://phish-59.example/login/"
				   "account/verify/step/59>"));
	free(sa);
	free(sb);
	buf_free(&a);
	buf_free(&b);
}

static void test_html_keeps_pre_lines(void **state)
{
	const char *h = "<pre>line one\nline two</pre>";
	char *s = html_to_text(h, strlen(h), NULL, NULL);

	(void)state;
	assert_non_null(strstr(s, "line one\nline two"));
	free(s);
}

static const char nested[] =
    "From: a@example.org\r\nSubject: x\r\nMIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"o\"\r\n\r\n"
    "--o\r\nContent-Type: multipart/alternative; boundary=\"i\"\r\n\r\n"
    "--i\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    "The host 192.0.2.1 sent spam to our users, caf=C3=A9 and more text "
    "here.\r\n"
    "--i\r\nContent-Type: text/html\r\n\r\n<p>The host sent spam</p>\r\n"
    "--i--\r\n"
    "--o\r\nContent-Type: message/rfc822\r\n\r\n"
    "Received: from x (x [198.51.100.3])\r\nSubject: spam\r\n"
    "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    "QnV5IG5vdw==\r\n"
    "--o--\r\n";

static const struct mime_part *find_part(const struct mime_doc *d,
					 const char *type, bool embedded)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->parts[i].type, type) == 0 &&
		    d->parts[i].embedded == embedded)
			return &d->parts[i];
	return NULL;
}

static void test_mime_decodes_nested_quoted_printable(void **state)
{
	struct mime_doc *d = mime_decode(nested, sizeof nested - 1);
	const struct mime_part *p = find_part(d, "text/plain", false);

	(void)state;
	assert_non_null(p);
	assert_non_null(strstr(p->text, "caf\xc3\xa9"));
	mime_doc_free(d);
}

static void test_mime_marks_html_alternative_as_duplicate(void **state)
{
	struct mime_doc *d = mime_decode(nested, sizeof nested - 1);
	const struct mime_part *p = find_part(d, "text/html", false);

	(void)state;
	assert_non_null(p);
	assert_true(p->alternative);
	mime_doc_free(d);
}

static void test_mime_attached_message_is_embedded(void **state)
{
	struct mime_doc *d = mime_decode(nested, sizeof nested - 1);
	const struct mime_part *h =
	    find_part(d, "message/rfc822-headers", true);
	const struct mime_part *b = find_part(d, "text/plain", true);

	(void)state;
	assert_non_null(h);
	assert_non_null(strstr(h->text, "198.51.100.3"));
	assert_non_null(b);
	assert_string_equal(b->text, "Buy now");
	mime_doc_free(d);
}

static void test_mime_splits_inline_offending_message(void **state)
{
	static const char m[] =
	    "From: a@example.org\n\nEmail from 192.0.2.4\n\n"
	    "[ Offending message ]\nReceived: from y\nSubject: s\n\nbody\n";
	struct mime_doc *d = mime_decode(m, sizeof m - 1);

	(void)state;
	assert_int_equal(d->n, 2);
	assert_false(d->parts[0].embedded);
	assert_null(strstr(d->parts[0].text, "Received"));
	assert_true(d->parts[1].embedded);
	mime_doc_free(d);
}

/* A few pasted header lines show where a spam came from; the reporter's
 * words go on below them. A whole message's header (Date:, Message-ID:)
 * is followed by that message's body, never the reporter's. */
static void test_mime_header_excerpt_keeps_the_words_after_it(void **state)
{
	static const char excerpt[] =
	    "From: a@example.org\n\nSpam from 192.0.2.4 every day.\n\n"
	    "Received: from y ([192.0.2.4])\n\tby mx.example.org;\n"
	    "From: b@example.net\nSubject: cheap pills\n\n"
	    "Please stop this spam.\n\n"
	    "Received: from z ([192.0.2.4])\n\tby mx.example.org;\n"
	    "Received: from w\n\nRegards, Ann\n";
	static const char whole[] =
	    "From: a@example.org\n\nSpam from 192.0.2.4.\n\n"
	    "Received: from y ([192.0.2.4])\nDate: Fri, 4 Dec 2026\n"
	    "Subject: cheap pills\n\nPlease buy now.\n";
	struct mime_doc *d = mime_decode(excerpt, sizeof excerpt - 1);

	(void)state;
	assert_int_equal(d->n, 3);
	assert_false(d->parts[0].embedded);
	assert_string_equal(d->parts[0].text,
			    "Spam from 192.0.2.4 every day.\n\n"
			    "\nPlease stop this spam.\n\n"
			    "\nRegards, Ann");
	assert_int_equal(d->parts[0].len, strlen(d->parts[0].text));
	assert_true(d->parts[1].embedded);
	assert_non_null(strstr(d->parts[1].text, "Subject: cheap pills"));
	assert_true(d->parts[1].pasted_header);
	assert_true(d->parts[2].embedded);
	assert_non_null(strstr(d->parts[2].text, "Received: from w"));
	mime_doc_free(d);

	d = mime_decode(whole, sizeof whole - 1);
	assert_int_equal(d->n, 2);
	assert_string_equal(d->parts[0].text, "Spam from 192.0.2.4.\n\n");
	assert_non_null(strstr(d->parts[1].text, "Please buy now."));
	mime_doc_free(d);
	/* Received:, Date: and X-Originating-IP: alone are "the part of
	 * the headers" a person was told to send: the words below are
	 * theirs. */
	static const char part[] =
	    "From: a@example.org\n\nThreats from 192.0.2.66.\n\n"
	    "Received: from y ([192.0.2.66])\n\tby mx.example.org;\n"
	    "Date: Fri, 4 Dec 2026\nX-Originating-IP: [10.8.0.6]\n\n"
	    "I'd like you to make them stop.\n";
	d = mime_decode(part, sizeof part - 1);
	assert_non_null(strstr(d->parts[0].text, "make them stop"));
	mime_doc_free(d);
}

/* A whole header pasted, then words signed with the author's name (an
 * encoded one here): those words are the reporter's, not the spam's. */
static void test_mime_signed_words_after_a_whole_header(void **state)
{
	static const char m[] =
	    "From: =?utf-8?B?Q2FybG9zIE3DqW5kZXo=?= <c@example.org>\n\n"
	    "Spam from your server. The header:\n\n"
	    "Return-Path: <s@spam.example>\n"
	    "Received: from y ([192.0.2.4])\n\tby mx.example.org;\n"
	    "Date: Fri, 4 Dec 2026\nMessage-ID: <1@spam.example>\n\n"
	    "Por favor, corten el spam.\n\nUn saludo,\nCarlos M\xc3\xa9ndez\n";
	struct mime_doc *d = mime_decode(m, sizeof m - 1);

	(void)state;
	assert_int_equal(d->n, 2);
	assert_non_null(strstr(d->parts[0].text, "corten el spam"));
	assert_null(strstr(d->parts[0].text, "Message-ID"));
	assert_true(d->parts[1].embedded);
	assert_non_null(strstr(d->parts[1].text, "Return-Path"));
	assert_true(d->parts[1].pasted_header);
	mime_doc_free(d);
}

static void test_mime_keeps_outer_header_fields(void **state)
{
	struct mime_doc *d = mime_decode(nested, sizeof nested - 1);
	struct mailimf_single_fields sf;

	(void)state;
	assert_non_null(d->header);
	mailimf_single_fields_init(&sf, d->header);
	assert_non_null(sf.fld_subject);
	assert_string_equal(sf.fld_subject->sbj_value, "x");
	assert_non_null(sf.fld_from);
	mime_doc_free(d);
}

/* The subject as libetpan's phrase decoder gives it, straight from the
 * parsed Subject field of m. */
static char *decoder_subject(const char *m)
{
	struct mailimf_fields *f = NULL;
	struct mailimf_single_fields sf;
	size_t idx = 0, at = 0;
	char *out = NULL;

	assert_int_equal(
	    mailimf_envelope_and_optional_fields_parse(m, strlen(m), &idx, &f),
	    MAILIMF_NO_ERROR);
	mailimf_single_fields_init(&sf, f);
	assert_non_null(sf.fld_subject);
	assert_int_equal(
	    mailmime_encoded_phrase_parse("utf-8", sf.fld_subject->sbj_value,
					  strlen(sf.fld_subject->sbj_value),
					  &at, "utf-8", &out),
	    MAILIMF_NO_ERROR);
	mailimf_fields_free(f);
	return out;
}

static void test_plain_subject_reads_as_the_phrase_decoder(void **state)
{
	static const char *const subjects[] = {"Brute force attack",
					       "   lead",
					       "trail \t ",
					       "a \t b  c",
					       "x=y ?z = ? w",
					       "\"quoted\" (c) <a@b>",
					       "\t",
					       "one"};
	char m[256];

	(void)state;
	for (size_t i = 0; i < sizeof subjects / sizeof *subjects; i++) {
		struct err e;
		snprintf(m, sizeof m,
			 "From: a@example.org\nSubject: %s\n\nbody\n",
			 subjects[i]);
		struct report *r = analysis_run(m, strlen(m), NULL, &e);
		char *want = decoder_subject(m);
		assert_non_null(r);
		assert_non_null(r->subject);
		assert_string_equal(r->subject, want);
		free(want);
		report_free(r);
	}
}

static void test_mime_reads_structure_after_trace_fields(void **state)
{
	static const char m[] =
	    "Received: from a (a [192.0.2.1])\n\tby b; Mon, 6 May 2024\n"
	    "DKIM-Signature: v=1; b=abc\n def\n"
	    "From: x@example.org\nX-Spam: no\nSubject: s\n"
	    "Content-Type: text/html\n\n<p>The host sent spam</p>\n";
	struct mime_doc *d = mime_decode(m, sizeof m - 1);
	struct mailimf_single_fields sf;

	(void)state;
	assert_int_equal(d->n, 1);
	assert_string_equal(d->parts[0].type, "text/html");
	assert_non_null(strstr(d->parts[0].text, "The host sent spam"));
	assert_null(strstr(d->parts[0].text, "<p>"));
	mailimf_single_fields_init(&sf, d->header);
	assert_non_null(sf.fld_subject);
	assert_string_equal(sf.fld_subject->sbj_value, "s");
	mime_doc_free(d);
}

/* libetpan ends the header block at the first line it cannot read as a
 * field; what follows, the rest of the header included, is the body. */
static void test_mime_header_ends_at_unreadable_line(void **state)
{
	static const char m[] =
	    "From: x@example.org\nReceived: from a\nno colon here\n"
	    "Content-Type: text/html\n\n<p>hi</p>\n";
	struct mime_doc *d = mime_decode(m, sizeof m - 1);

	(void)state;
	assert_int_equal(d->n, 1);
	assert_string_equal(d->parts[0].type, "text/plain");
	assert_non_null(strstr(d->parts[0].text, "Content-Type: text/html"));
	mime_doc_free(d);
}

/* A blank continuation line belongs to the field before it. */
static void test_mime_header_reads_past_blank_fold(void **state)
{
	static const char m[] = "From: x@example.org\nReceived: from a\n \n"
				"Content-Type: text/html\n\n<p>hi</p>\n";
	struct mime_doc *d = mime_decode(m, sizeof m - 1);

	(void)state;
	assert_int_equal(d->n, 1);
	assert_string_equal(d->parts[0].type, "text/html");
	mime_doc_free(d);
}

static void test_headers_get_all_agrees_with_headers_get(void **state)
{
	static const char m[] =
	    " stray: continuation\r\n"
	    "Precedence: bulk\r\n"
	    "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
	    "List-Unsubscribe: <https://u.example/x>,\r\n"
	    "\t<mailto:u@example.org>\r\n"
	    "Precedence: list\r\n"
	    "Sender:\r\n s@example.org\r\n"
	    "\r\n"
	    "X-Autoreply: yes\r\n";
	static const char *const names[] = {
	    "Precedence", "List-Unsubscribe", "List-Unsubscribe-Post",
	    "Sender",	  "X-Autoreply",      "stray"};
	char *all[6];

	(void)state;
	headers_get_all(m, sizeof m - 1, names, 6, all);
	assert_string_equal(all[0], "bulk");
	assert_string_equal(all[3], "s@example.org");
	assert_null(all[4]);
	assert_null(all[5]);
	for (size_t i = 0; i < 6; i++) {
		char *one = headers_get(m, sizeof m - 1, names[i]);
		if (!one) {
			assert_null(all[i]);
			continue;
		}
		assert_non_null(all[i]);
		assert_string_equal(all[i], one);
		free(one);
		free(all[i]);
	}
}

static void test_mime_caps_the_number_of_parts(void **state)
{
	size_t cap = 64 + (MIME_MAX_PARTS + 10) * 40;
	char *m = malloc(cap);
	size_t o =
	    (size_t)sprintf(m, "From: a@example.org\nMIME-Version: 1.0\n"
			       "Content-Type: multipart/mixed; boundary=b\n\n");
	struct mime_doc *d;

	(void)state;
	for (int i = 0; i < MIME_MAX_PARTS + 10; i++)
		o += (size_t)sprintf(m + o,
				     "--b\nContent-Type: text/plain\n\nx\n");
	o += (size_t)sprintf(m + o, "--b--\n");
	d = mime_decode(m, o);
	assert_int_equal(d->n, MIME_MAX_PARTS);
	assert_non_null(d->limit);
	mime_doc_free(d);
	free(m);
}

/* A multipart nested n deep, with a text part at the outer level first. */
static char *nested_multiparts(int n, size_t *len)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "From: a@example.org\nMIME-Version: 1.0\n"
		     "Content-Type: multipart/mixed; boundary=\"b0\"\n\n"
		     "--b0\nContent-Type: text/plain\n\nscan from 192.0.2.4\n");
	for (int i = 1; i < n; i++)
		buf_printf(&b,
			   "--b%d\nContent-Type: multipart/mixed; "
			   "boundary=\"b%d\"\n\n",
			   i - 1, i);
	buf_printf(&b, "--b%d\nContent-Type: text/plain\n\ndeep\n", n - 1);
	for (int i = n - 1; i >= 0; i--)
		buf_printf(&b, "--b%d--\n", i);
	*len = b.len;
	return buf_steal(&b);
}

static void test_mime_nesting_past_the_cap_is_not_parsed(void **state)
{
	size_t len;
	char *m = nested_multiparts(5000, &len);
	struct mime_doc *d = mime_decode(m, len);

	(void)state;
	assert_non_null(d->limit);
	assert_non_null(strstr(d->limit, "nested too deep"));
	assert_true(d->n >= 1);
	assert_non_null(strstr(d->parts[0].text, "192.0.2.4"));
	mime_doc_free(d);
	free(m);
}

static void test_mime_nesting_within_the_cap_is_read_whole(void **state)
{
	size_t len;
	char *m = nested_multiparts(10, &len);
	struct mime_doc *d = mime_decode(m, len);

	(void)state;
	assert_null(d->limit);
	assert_int_equal(d->n, 2);
	assert_string_equal(d->parts[1].text, "deep");
	mime_doc_free(d);
	free(m);
}

static void test_mime_nested_messages_past_the_cap_are_not_parsed(void **state)
{
	struct buf b = BUF_INIT;
	struct mime_doc *d;

	(void)state;
	buf_puts(&b, "From: a@example.org\nContent-Type: message/rfc822\n\n");
	for (int i = 0; i < 20000; i++)
		buf_puts(&b, "From: b@example.org\n"
			     "Content-Type: message/rfc822\n\n");
	buf_puts(&b, "From: c@example.org\n\nbody\n");
	d = mime_decode(b.data, b.len);
	assert_non_null(d->limit);
	mime_doc_free(d);
	buf_free(&b);
}

static void test_html_tag_with_too_many_attributes_is_cut(void **state)
{
	struct buf b = BUF_INIT;
	const char *limit = NULL;
	char *s;

	(void)state;
	buf_puts(&b, "<p");
	for (int i = 0; i < 100000; i++)
		buf_printf(&b, " a%d=\"v>\"", i);
	buf_puts(&b, ">phishing at 192.0.2.8</p>");
	s = html_to_text(b.data, b.len, NULL, &limit);
	assert_non_null(limit);
	assert_non_null(strstr(s, "phishing at 192.0.2.8"));
	free(s);
	buf_free(&b);
}

static void test_html_ordinary_tags_are_not_cut(void **state)
{
	const char *h = "<a href=\"http://203.0.113.5/login\" class=x "
			"id=y>log in</a>";
	const char *limit = NULL;
	char *s = html_to_text(h, strlen(h), NULL, &limit);

	(void)state;
	assert_null(limit);
	assert_non_null(strstr(s, "http://203.0.113.5/login"));
	free(s);
}

static void test_analysis_says_what_a_cap_left_out(void **state)
{
	size_t len;
	char *m = nested_multiparts(3000, &len);
	struct err e = {{0}};
	struct report *r = analysis_run(m, len, NULL, &e);

	(void)state;
	assert_non_null(r);
	assert_int_equal(r->analysis, REPORT_ANALYSIS_PARTIAL);
	assert_non_null(strstr(r->analysis_note, "nested too deep"));
	assert_int_equal(r->n_ips, 1);
	report_free(r);
	free(m);
}

static void test_looks_like_mail_wants_a_mail_field(void **state)
{
	const char *passwd =
	    "root:x:0:0:root:/root:/bin/bash\n"
	    "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";
	const char *conf = "[imap]\nhost: a\n";
	const char *mail = "X-Spam-Score: 3\nSubject: hello\n\nbody\n";
	const char *folded = "Received: from a\n by b\nFrom: x@example.org\n\n";

	(void)state;
	assert_false(analysis_looks_like_mail(passwd, strlen(passwd)));
	assert_false(analysis_looks_like_mail(conf, strlen(conf)));
	assert_true(analysis_looks_like_mail(mail, strlen(mail)));
	assert_true(analysis_looks_like_mail(folded, strlen(folded)));
}

static char *read_fixture(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (!f)
		fail_msg("cannot open %s (run from the repository root)", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_steal(&b);
}

/* The pager's attachments: names, types, the decoded bytes, the text of
 * a zip's CSV, and no text for a binary part. */
static void test_attachments_are_decoded_for_the_pager(void **state)
{
	size_t len;
	char *raw = read_fixture("tests/fixtures/attach/three.eml", &len);
	struct analysis_attachment *a;
	int n = analysis_attachments(raw, len, &a);

	(void)state;
	assert_int_equal(n, 3);
	assert_string_equal(a[0].name, "notes.txt");
	assert_string_equal(a[0].type, "text/plain");
	assert_non_null(strstr(a[0].text, "caf\u00e9 \u2014 end of notes."));
	/* saved as a Unix text file: LF line ends */
	assert_int_equal(a[0].len, 111);
	assert_null(memchr(a[0].bytes, '\r', a[0].len));
	assert_non_null(memmem(a[0].bytes, a[0].len, "caf\u00e9", 5));
	assert_string_equal(a[1].name, "scan.zip");
	assert_int_equal(a[1].len, 243);
	assert_memory_equal(a[1].bytes, "PK\3\4", 4);
	assert_non_null(
	    strstr(a[1].text, "2026-03-20 10:05:00,192.0.2.23,2323"));
	assert_string_equal(a[2].name, "../.capture.bin");
	assert_null(a[2].text);
	assert_int_equal(a[2].len, 277);
	assert_memory_equal(a[2].bytes, "\x89PNG\r\n\x1a\n\0\x1b[2J", 13);
	analysis_attachments_free(a, (size_t)n);
	assert_int_equal(analysis_attachments("no mail", 7, &a), -1);
	free(raw);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_charset_converts_latin1_label),
	    cmocka_unit_test(test_charset_keeps_utf8_under_wrong_latin1_label),
	    cmocka_unit_test(test_charset_reads_invalid_utf8_as_windows_1252),
	    cmocka_unit_test(test_charset_unknown_label_falls_back),
	    cmocka_unit_test(test_charset_normalises_crlf_and_nul),
	    cmocka_unit_test(test_charset_keeps_lone_cr),
	    cmocka_unit_test(test_charset_finds_high_byte_after_long_ascii),
	    cmocka_unit_test(test_charset_hook_decodes_header_words),
	    cmocka_unit_test(test_html_drops_script_and_keeps_hidden_link),
	    cmocka_unit_test(test_html_does_not_repeat_autolinked_url),
	    cmocka_unit_test(test_html_paragraphs_stand_apart),
	    cmocka_unit_test(test_html_keeps_pre_lines),
	    cmocka_unit_test(test_html_longer_than_the_page_after_another),
	    cmocka_unit_test(test_mime_decodes_nested_quoted_printable),
	    cmocka_unit_test(test_mime_marks_html_alternative_as_duplicate),
	    cmocka_unit_test(test_mime_attached_message_is_embedded),
	    cmocka_unit_test(test_mime_splits_inline_offending_message),
	    cmocka_unit_test(test_mime_header_excerpt_keeps_the_words_after_it),
	    cmocka_unit_test(test_mime_signed_words_after_a_whole_header),
	    cmocka_unit_test(test_mime_keeps_outer_header_fields),
	    cmocka_unit_test(test_plain_subject_reads_as_the_phrase_decoder),
	    cmocka_unit_test(test_mime_reads_structure_after_trace_fields),
	    cmocka_unit_test(test_mime_header_ends_at_unreadable_line),
	    cmocka_unit_test(test_mime_header_reads_past_blank_fold),
	    cmocka_unit_test(test_headers_get_all_agrees_with_headers_get),
	    cmocka_unit_test(test_mime_caps_the_number_of_parts),
	    cmocka_unit_test(test_mime_nesting_past_the_cap_is_not_parsed),
	    cmocka_unit_test(test_mime_nesting_within_the_cap_is_read_whole),
	    cmocka_unit_test(
		test_mime_nested_messages_past_the_cap_are_not_parsed),
	    cmocka_unit_test(test_html_tag_with_too_many_attributes_is_cut),
	    cmocka_unit_test(test_html_ordinary_tags_are_not_cut),
	    cmocka_unit_test(test_analysis_says_what_a_cap_left_out),
	    cmocka_unit_test(test_looks_like_mail_wants_a_mail_field),
	    cmocka_unit_test(test_attachments_are_decoded_for_the_pager),
	    cmocka_unit_test(test_charset_reads_the_labels_iconv_lacks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
