/* test_noreply.c: the one rule by which the reply's confirm screen warns
 * that nobody may read a reply. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "actions/noreply.h"

#include <string.h>

static const char *why(const struct noreply_facts *f)
{
	static char buf[200];

	return noreply_reason(f, buf, sizeof buf);
}

static void test_noreply_a_person_is_read(void **state)
{
	struct noreply_facts f = {false, "noc@reporter.example", NULL,
				  "Please stop the spam. Reply to this mail."};

	(void)state;
	assert_null(why(&f));
}

static void test_noreply_auto_submitted(void **state)
{
	struct noreply_facts f = {true, "noc@reporter.example", NULL, ""};

	(void)state;
	assert_string_equal(why(&f), "the report is marked Auto-Submitted");
}

static void test_noreply_sender_address(void **state)
{
	struct noreply_facts f = {false, "NoReply@reporter.example", NULL,
				  NULL};

	(void)state;
	assert_string_equal(why(&f),
			    "the reply goes to NoReply@reporter.example");
	f.from_addr = "do-not-reply@x.example";
	assert_non_null(why(&f));
	/* A Reply-To that a person reads wins over a no-reply From. */
	f.reply_to = "tickets@x.example";
	assert_null(why(&f));
	/* "noreply" inside a name is no sign. */
	f.reply_to = NULL;
	f.from_addr = "annoreplyx@x.example";
	assert_null(why(&f));
}

static void test_noreply_text_across_lines_and_case(void **state)
{
	struct noreply_facts f = {false, "noc@x.example", NULL,
				  "Thanks.\nThis mailbox is\n  NOT monitored."};

	(void)state;
	assert_string_equal(
	    why(&f), "the report says \"this mailbox is not monitored\"");
	f.text = "Bitte antworten Sie nicht auf diese Nachricht.";
	assert_non_null(why(&f));
	f.text = "Please DO NOT REPLY to this message.";
	assert_non_null(why(&f));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_noreply_a_person_is_read),
	    cmocka_unit_test(test_noreply_auto_submitted),
	    cmocka_unit_test(test_noreply_sender_address),
	    cmocka_unit_test(test_noreply_text_across_lines_and_case),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
