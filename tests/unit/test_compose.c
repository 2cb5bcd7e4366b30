/* test_compose.c: the bytes of the mail the desk writes — reply subject,
 * RFC 2047 headers, recipients, quoted-printable body — and the draft of
 * a reply from a template. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "actions/compose.h"
#include "core/xalloc.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void subject_is(const char *in, const char *want)
{
	char *s = compose_reply_subject(in);

	assert_string_equal(s, want);
	free(s);
}

static void test_reply_subject_adds_one_re(void **state)
{
	(void)state;
	subject_is("Spam from 192.0.2.1", "Re: Spam from 192.0.2.1");
	subject_is("Re: Spam", "Re: Spam");
	subject_is("RE: AW: Fwd: Spam", "Re: Spam");
	subject_is("AW[2]: WG: x", "Re: x");
	subject_is("", "Re: ");
	subject_is(NULL, "Re: ");
	/* A word that only starts like a prefix stays. */
	subject_is("Report: abuse", "Re: Report: abuse");
}

static void test_reply_subject_keeps_ticket_tags(void **state)
{
	(void)state;
	subject_is("[Case #AT-26619] Re: Abuse from 192.0.2.1",
		   "Re: [Case #AT-26619] Abuse from 192.0.2.1");
	subject_is("Re: [ticket#123] copyright notice",
		   "Re: [ticket#123] copyright notice");
	subject_is("[Case #1] x", "Re: [Case #1] x");
}

static void test_encode_header_ascii_unchanged(void **state)
{
	char *s = compose_encode_header("Abuse report", false);

	(void)state;
	assert_string_equal(s, "Abuse report");
	free(s);
	s = compose_encode_header("Doe, John", true);
	assert_string_equal(s, "\"Doe, John\"");
	free(s);
}

static void test_encode_header_utf8_q_words(void **state)
{
	char *s = compose_encode_header("Müller GmbH", true);

	(void)state;
	assert_string_equal(s, "=?UTF-8?Q?M=C3=BCller_GmbH?=");
	free(s);
	s = compose_encode_header("Beschwerde über 192.0.2.1 = ok?", false);
	assert_string_equal(
	    s, "=?UTF-8?Q?Beschwerde_=C3=BCber_192=2E0=2E2=2E1_=3D_ok=3F?=");
	free(s);
}

static void test_encode_header_long_splits_between_chars(void **state)
{
	char text[200] = "";
	char *s, *line;

	(void)state;
	for (int i = 0; i < 40; i++)
		strcat(text, "ü");
	s = compose_encode_header(text, false);
	/* Every line a whole word of at most 64 characters, no character
	 * cut between two words. */
	for (line = strtok(s, "\r\n"); line; line = strtok(NULL, "\r\n")) {
		line += *line == ' ';
		assert_true(strlen(line) <= 64);
		assert_int_equal(strncmp(line, "=?UTF-8?Q?", 10), 0);
		assert_int_equal((strlen(line) - 12) % 6, 0);
	}
	free(s);
}

static const struct compose_in base_in = {
    .from_name = "Abuse Desk",
    .from_email = "abuse@isp.example",
    .to = "reports@reporter.example",
    .subject = "Re: x",
    .body = "Hello.\n",
    .date = 1700000000,
    .message_id = "<fixed@isp.example>",
};

static void test_message_headers_and_7bit_body(void **state)
{
	struct compose_in in = base_in;
	struct compose_msg m;
	struct err e = {{0}};

	(void)state;
	in.in_reply_to = "<orig@reporter.example>";
	in.references = "<a@r.example> <orig@reporter.example>";
	in.bcc = "archive@isp.example";
	assert_int_equal(compose_message(&in, &m, &e), 0);
	assert_non_null(
	    strstr(m.raw, "\r\nFrom: Abuse Desk <abuse@isp.example>\r\n"));
	assert_non_null(strstr(m.raw, "\r\nTo: reports@reporter.example\r\n"));
	assert_non_null(strstr(m.raw, "\r\nSubject: Re: x\r\n"));
	assert_non_null(
	    strstr(m.raw, "\r\nIn-Reply-To: <orig@reporter.example>\r\n"));
	assert_non_null(strstr(m.raw, "\r\nReferences: <a@r.example> "
				      "<orig@reporter.example>\r\n"));
	assert_non_null(
	    strstr(m.raw, "\r\nMessage-ID: <fixed@isp.example>\r\n"));
	assert_non_null(
	    strstr(m.raw, "Content-Type: text/plain; charset=utf-8"));
	assert_non_null(
	    strstr(m.raw, "Transfer-Encoding: 7bit\r\n\r\nHello.\r\n"));
	assert_null(strstr(m.raw, "archive@"));
	assert_null(strstr(m.raw, "Bcc"));
	assert_int_equal(m.n_rcpt, 2);
	assert_string_equal(m.rcpt[0], "reports@reporter.example");
	assert_string_equal(m.rcpt[1], "archive@isp.example");
	assert_string_equal(m.from, "abuse@isp.example");
	assert_int_equal(strlen(m.raw), m.len);
	for (size_t i = 0; i < m.len; i++)
		if (m.raw[i] == '\n')
			assert_int_equal(m.raw[i - 1], '\r');
	compose_msg_clear(&m);
}

static void test_message_qp_body_for_utf8_and_long_lines(void **state)
{
	struct compose_in in = base_in;
	struct compose_msg m;
	struct err e = {{0}};
	char body[300];

	(void)state;
	memset(body, 'a', 200);
	strcpy(body + 200, "\nGrüße\n");
	in.body = body;
	assert_int_equal(compose_message(&in, &m, &e), 0);
	assert_non_null(strstr(m.raw, "Transfer-Encoding: quoted-printable"));
	assert_non_null(strstr(m.raw, "Gr=C3=BC=C3=9Fe\r\n"));
	for (char *l = strstr(m.raw, "\r\n\r\n") + 4; *l;) {
		char *eol = strstr(l, "\r\n");
		assert_non_null(eol);
		assert_true(eol - l <= 76);
		l = eol + 2;
	}
	compose_msg_clear(&m);
}

static void test_message_encodes_non_ascii_subject_and_name(void **state)
{
	struct compose_in in = base_in;
	struct compose_msg m;
	struct err e = {{0}};

	(void)state;
	in.from_name = "Jörg Müller";
	in.subject = "Re: Beschwerde über Spam";
	in.to = "\"Zoë Reporter\" <zoe@reporter.example>, b@x.example";
	assert_int_equal(compose_message(&in, &m, &e), 0);
	assert_non_null(strstr(m.raw,
			       "\r\nFrom: =?UTF-8?Q?J=C3=B6rg_M=C3=BCller?="
			       " <abuse@isp.example>\r\n"));
	assert_non_null(strstr(
	    m.raw, "\r\nSubject: =?UTF-8?Q?Re=3A_Beschwerde_=C3=BCber_Spam?="));
	assert_non_null(strstr(m.raw,
			       "To: =?UTF-8?Q?Zo=C3=AB_Reporter?= "
			       "<zoe@reporter.example>, b@x.example\r\n"));
	assert_int_equal(m.n_rcpt, 2);
	compose_msg_clear(&m);
}

static void test_message_refuses_bad_input(void **state)
{
	struct compose_in in = base_in;
	struct compose_msg m;
	struct err e = {{0}};

	(void)state;
	in.from_email = NULL;
	assert_int_equal(compose_message(&in, &m, &e), -1);
	assert_non_null(strstr(e.msg, "[identity]"));
	in = base_in;
	in.subject = "x\r\nBcc: victim@example.net";
	assert_int_equal(compose_message(&in, &m, &e), -1);
	in = base_in;
	in.to = "";
	assert_int_equal(compose_message(&in, &m, &e), -1);
	in.to = "not an address";
	assert_int_equal(compose_message(&in, &m, &e), -1);
}

static void test_message_id_in_our_domain(void **state)
{
	char *a = compose_message_id("abuse@isp.example");
	char *b = compose_message_id("abuse@isp.example");

	(void)state;
	assert_int_equal(strlen(a), strlen("<@isp.example>") + 32);
	assert_string_equal(a + 33, "@isp.example>");
	assert_string_not_equal(a, b);
	assert_null(compose_message_id("nodomain"));
	free(a);
	free(b);
}

static void test_payload_holds_the_contract_fields(void **state)
{
	struct compose_msg m;
	struct err e;
	char *text;
	json_t *j;

	(void)state;
	assert_int_equal(compose_message(&base_in, &m, &e), 0);
	text = compose_payload(&m, 42, "reply");
	j = json_loads(text, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(j, "message_id")),
			    "<fixed@isp.example>");
	assert_string_equal(json_string_value(json_object_get(j, "raw")),
			    m.raw);
	assert_int_equal(json_integer_value(json_object_get(j, "answered")),
			 42);
	assert_string_equal(
	    json_string_value(json_array_get(json_object_get(j, "rcpt"), 0)),
	    "reports@reporter.example");
	assert_string_equal(json_string_value(json_object_get(j, "purpose")),
			    "reply");
	json_decref(j);
	free(text);
	compose_msg_clear(&m);
}

static const struct compose_fields fields = {
    .ip = "192.0.2.7",
    .reporter = "reporter.example",
    .subject = "[Case #AT-1] Spam",
    .date = "2026-12-01",
    .problem = "Spam was sent.",
    .case_id = "AT-1",
};

static void test_fill_replaces_known_fields_only(void **state)
{
	char *s = compose_fill("{ip} {case} {customer}|{nope} {", &fields);

	(void)state;
	assert_string_equal(s, "192.0.2.7 AT-1 |{nope} {");
	free(s);
}

static const char *const evidence[] = {"2026-12-01 10:00 192.0.2.7 spam"};
static const struct compose_report report = {
    .from_addr = "noc@reporter.example",
    .reply_to = "tickets@reporter.example",
    .subject = "[Case #AT-1] Spam",
    .problem = "Spam was sent.",
    .action = "Please stop it.",
    .evidence = evidence,
    .n_evidence = 1,
};

static void test_reply_draft_to_subject_quote_signature(void **state)
{
	struct compose_draft d;
	struct err e;

	(void)state;
	assert_int_equal(compose_reply_draft(&report, "We act on {ip}.\n",
					     &fields, "Ops\nISP", &d, &e),
			 0);
	assert_string_equal(d.to, "tickets@reporter.example");
	assert_string_equal(d.subject, "Re: [Case #AT-1] Spam");
	assert_string_equal(d.body, "We act on 192.0.2.7.\n"
				    "\nOn 2026-12-01, tickets@reporter.example "
				    "wrote:\n"
				    "> Spam was sent.\n"
				    "> Please stop it.\n"
				    ">\n"
				    "> 2026-12-01 10:00 192.0.2.7 spam\n"
				    "\n-- \nOps\nISP\n");
	compose_draft_clear(&d);
}

static void test_reply_draft_template_headers(void **state)
{
	struct compose_report r = report;
	struct compose_draft d;
	struct err e;

	(void)state;
	r.reply_to = NULL;
	assert_int_equal(compose_reply_draft(&r,
					     "Subject: About {ip}\n"
					     "Cc: noc@isp.example\n\nBody\n",
					     &fields, NULL, &d, &e),
			 0);
	assert_string_equal(d.to, "noc@reporter.example");
	assert_string_equal(d.subject, "About 192.0.2.7");
	assert_string_equal(d.cc, "noc@isp.example");
	assert_int_equal(strncmp(d.body, "Body\n", 5), 0);
	compose_draft_clear(&d);
}

static void test_draft_text_round_trip(void **state)
{
	struct compose_draft d = {xstrdup("a@x.example"), xstrdup(""),
				  xstrdup("Re: y"), xstrdup("Body\n")};
	struct compose_draft back;
	char *text = compose_draft_text(&d);

	(void)state;
	compose_draft_parse(text, &back);
	assert_string_equal(back.to, "a@x.example");
	assert_string_equal(back.cc, "");
	assert_string_equal(back.subject, "Re: y");
	assert_string_equal(back.body, "Body\n");
	compose_draft_clear(&back);
	compose_draft_parse("just a body\n", &back);
	assert_string_equal(back.body, "just a body\n");
	assert_string_equal(back.to, "");
	compose_draft_clear(&back);
	free(text);
	compose_draft_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reply_subject_adds_one_re),
	    cmocka_unit_test(test_reply_subject_keeps_ticket_tags),
	    cmocka_unit_test(test_encode_header_ascii_unchanged),
	    cmocka_unit_test(test_encode_header_utf8_q_words),
	    cmocka_unit_test(test_encode_header_long_splits_between_chars),
	    cmocka_unit_test(test_message_headers_and_7bit_body),
	    cmocka_unit_test(test_message_qp_body_for_utf8_and_long_lines),
	    cmocka_unit_test(test_message_encodes_non_ascii_subject_and_name),
	    cmocka_unit_test(test_message_refuses_bad_input),
	    cmocka_unit_test(test_message_id_in_our_domain),
	    cmocka_unit_test(test_payload_holds_the_contract_fields),
	    cmocka_unit_test(test_fill_replaces_known_fields_only),
	    cmocka_unit_test(test_reply_draft_to_subject_quote_signature),
	    cmocka_unit_test(test_reply_draft_template_headers),
	    cmocka_unit_test(test_draft_text_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
