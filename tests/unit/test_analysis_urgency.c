/* test_analysis_urgency.c: a report's harm rank (data/urgency/harm.txt) and
 * whether it sets a deadline (data/deadline/LANG.txt), on sentences and on
 * whole invented mails in tests/fixtures/analysis/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analysis/analyze.h"
#include "analysis/urgency.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURES "tests/fixtures/analysis/"

static bool deadline(const char *s)
{
	return urgency_deadline(s, strlen(s));
}

/* Live harm first, then spam, scans and open services; copyright last. */
static void test_urgency_harm_puts_live_harm_first(void **state)
{
	(void)state;
	int botnet = urgency_harm("infrastructure", "botnet");
	int phishing = urgency_harm("content", "phishing");
	int compromised = urgency_harm("infrastructure", "compromised_server");
	int ddos = urgency_harm("connection", "ddos");
	int login = urgency_harm("connection", "login_attack");
	int spam = urgency_harm("messaging", "spam");
	int copyright = urgency_harm("copyright", "p2p");

	assert_int_equal(botnet, URGENCY_HARM_MAX);
	assert_int_equal(phishing, URGENCY_HARM_MAX);
	assert_true(phishing > compromised);
	assert_true(compromised > ddos && ddos > login);
	assert_true(login > spam);
	assert_int_equal(urgency_harm("connection", "port_scan"), spam);
	assert_int_equal(urgency_harm("vulnerability", "open_service"), spam);
	assert_true(copyright < spam);
	assert_int_equal(copyright, 1);
}

/* A type of its own wins over its category; a category the table does
 * not know ranks as "other", between spam and copyright. */
static void test_urgency_harm_falls_back_to_category_then_other(void **state)
{
	(void)state;
	int other = urgency_harm("other", "other");

	assert_int_equal(urgency_harm("connection", "sql_injection"),
			 urgency_harm("connection", NULL));
	assert_true(urgency_harm("connection", "ddos") >
		    urgency_harm("connection", "sql_injection"));
	assert_int_equal(urgency_harm("reputation", "blocklist"), other);
	assert_int_equal(urgency_harm(NULL, NULL), other);
	assert_true(other > urgency_harm("copyright", "copyright"));
	assert_true(other < urgency_harm("messaging", "spam"));
}

static void test_urgency_deadline_english(void **state)
{
	(void)state;
	assert_true(deadline("Please remove the page within 24 hours."));
	assert_true(deadline("Fix this WITHIN 48\nHOURS or we escalate."));
	assert_true(deadline("We expect an answer within 72hrs."));
	assert_true(deadline("Act within 24h, thank you."));
	assert_true(deadline("Please confirm within ten minutes by mail."));
	assert_true(deadline("Respond within twenty-four hours."));
	assert_true(deadline("Please act by 5 December."));
	assert_true(deadline("Please act by December 5th at noon."));
	assert_true(deadline("Please act by 7 Dec. at the latest."));
	assert_true(deadline("Answer no later than Friday."));
	assert_true(deadline("The following deadline applies: 2026-12-05."));
	assert_true(deadline("It must be gone within 2 business days."));
}

/* Words of a deadline without one: no number, the wrong unit, a word that
 * only starts like one, a time in the past. */
static void test_urgency_deadline_needs_the_whole_phrase(void **state)
{
	(void)state;
	assert_false(deadline("The site is hosted within your network."));
	assert_false(deadline("We saw 40 attempts within the last 24 hours."));
	assert_false(deadline("Traffic within 24 hosts was seen."));
	assert_false(deadline("Deadlines are set by our legal team."));
	assert_false(deadline("It was sent by 5 hosts in December."));
	assert_false(deadline("withinn 24 hours"));
	assert_false(deadline("Seen within 123456 hours."));
	assert_false(deadline(""));
	assert_false(urgency_deadline(NULL, 0));
}

static void test_urgency_deadline_german(void **state)
{
	(void)state;
	assert_true(
	    deadline("Bitte beheben Sie das innerhalb von 48 Stunden."));
	assert_true(deadline("Bitte innerhalb 3 Tagen antworten."));
	assert_true(deadline("Wir erwarten eine Antwort bis zum 5. Dezember."));
	assert_true(
	    deadline("Bitte innerhalb von vierundzwanzig Stunden handeln."));
	assert_true(deadline("Frist: 7 Tage"));
	assert_false(deadline("Die fristlose Kündigung droht."));
}

static void test_urgency_deadline_french(void **state)
{
	(void)state;
	assert_true(deadline("Merci de corriger sous 48 heures."));
	assert_true(deadline("Merci de répondre dans un délai de 7 jours."));
	assert_true(deadline("Merci d’agir d’ici le 5 décembre."));
	assert_true(deadline("Merci de répondre avant le 12 janvier."));
	assert_false(deadline("Le site est hébergé sous votre réseau."));
}

static void test_urgency_deadline_spanish_and_dutch(void **state)
{
	(void)state;
	assert_true(deadline("Por favor, resuélvalo dentro de 24 horas."));
	assert_true(deadline("Responda en un plazo de 5 días."));
	assert_true(deadline("Responda antes del 5 de diciembre."));
	assert_true(deadline("Graag binnen 2 werkdagen oplossen."));
	assert_true(deadline("Graag oplossen vóór 5 december."));
	assert_false(deadline("Dentro de su red hay un servidor."));
}

static struct report *analyze_fixture(const char *name)
{
	char path[256];
	FILE *f;
	char *raw;
	long len;
	struct err e = {{0}};
	struct report *r;

	snprintf(path, sizeof path, FIXTURES "%s", name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open %s (tests run from the repository root)",
			 path);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	raw = malloc((size_t)len + 1);
	assert_int_equal(fread(raw, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	r = analysis_run(raw, (size_t)len, NULL, &e);
	free(raw);
	if (!r)
		fail_msg("%s: %s", name, e.msg);
	return r;
}

static void facts_are(const char *file, int harm, bool has_deadline)
{
	struct report *r = analyze_fixture(file);

	if (r->harm != harm || r->deadline != has_deadline)
		fail_msg("%s: harm %d deadline %d, want %d and %d", file,
			 r->harm, r->deadline, harm, has_deadline);
	report_free(r);
}

/* One invented report per language that sets a deadline, and reports of
 * each kind that set none. */
static void test_urgency_facts_of_whole_reports(void **state)
{
	(void)state;
	int phishing = urgency_harm("content", "phishing");

	facts_are("deadline_en.eml", phishing, true);
	facts_are("deadline_de.eml",
		  urgency_harm("infrastructure", "compromised_server"), true);
	facts_are("deadline_fr.eml", phishing, true);
	facts_are("deadline_es.eml", phishing, true);
	facts_are("html_only.eml", phishing, false);
	facts_are("spamcop.eml", urgency_harm("messaging", "spam"), false);
	facts_are("acns_base64.eml", urgency_harm("copyright", "p2p"), false);
}

/* An acknowledgement is no report: no harm, and the time it promises to
 * answer in is no deadline for us. */
static void test_urgency_acknowledgement_has_no_harm(void **state)
{
	(void)state;
	facts_are("autoack.eml", 0, false);
	facts_are("ack_deadline.eml", 0, false);
	facts_are("autoreply_quoting.eml", 0, false);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_urgency_harm_puts_live_harm_first),
	    cmocka_unit_test(
		test_urgency_harm_falls_back_to_category_then_other),
	    cmocka_unit_test(test_urgency_deadline_english),
	    cmocka_unit_test(test_urgency_deadline_needs_the_whole_phrase),
	    cmocka_unit_test(test_urgency_deadline_german),
	    cmocka_unit_test(test_urgency_deadline_french),
	    cmocka_unit_test(test_urgency_deadline_spanish_and_dutch),
	    cmocka_unit_test(test_urgency_facts_of_whole_reports),
	    cmocka_unit_test(test_urgency_acknowledgement_has_no_harm),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
