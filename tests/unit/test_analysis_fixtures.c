/* test_analysis_fixtures.c: the whole analysis on the mails in
 * tests/fixtures/analysis/, one test per fixture: addresses, reporter,
 * format, category/type and whether a concrete action was found. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analysis/analyze.h"
#include "analysis/noise.h"
#include "core/buf.h"
#include "core/ip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FIXTURES "tests/fixtures/analysis/"

struct fixture_case {
	const char *file;
	const char *ips; /* comma-separated, in order; "" for none */
	const char *reporter;
	const char *original_reporter; /* NULL when not forwarded */
	enum report_format format;
	const char *category, *type;
	bool action;
};

static const struct fixture_case cases[] = {
    /* A complaint a relay forwards as an attachment, written to its abuse
     * mailbox, is read as the report, its sender the original reporter;
     * a spam sample that reached an abuse mailbox asks for nothing and
     * stays a sample. */
    {"relayed_complaint_attached.eml", "192.0.2.91", "heronhost.example",
     "ruiz-taller.example", REPORT_FORMAT_FORWARDED, "connection",
     "login_attack", true},
    {"spam_sample_to_abuse.eml", "192.0.2.92", "parkmail.example", NULL,
     REPORT_FORMAT_PLAIN, "messaging", "spam", false},
    /* A ticket system's separator that names the complaint's sender. */
    {"ticket_separator_names_sender.eml", "192.0.2.93",
     "ridgeline-transit.example", "lakemail.example", REPORT_FORMAT_FORWARDED,
     "messaging", "spam", true},
    /* A ticket system sends from a no-reply address of its own and names
     * the reporter in Reply-To: it relays, as a forwarder does; a
     * reporter's own robot with a Reply-To of its own domain relays for
     * nobody. */
    {"ticket_relay_reply_to.eml", "192.0.2.88", "deskrelay.example",
     "cordillera-net.example", REPORT_FORMAT_FORWARDED, "infrastructure",
     "botnet", true},
    {"noreply_same_domain.eml", "192.0.2.89", "sentinel-watch.example", NULL,
     REPORT_FORMAT_PLAIN, "connection", "port_scan", true},
    /* A relay's own sentence names who submitted the report ("This
     * report was submitted through X on behalf of: ... Contact: ...");
     * "submitted" in a sentence of no report names no submitter. */
    {"relay_submitted_sentence.eml", "192.0.2.204", "tipline-relay.example",
     "kettlefields.example", REPORT_FORMAT_FORWARDED, "connection",
     "login_attack", true},
    {"submitted_no_relay.eml", "192.0.2.205", "olive-press.example", NULL,
     REPORT_FORMAT_PLAIN, "messaging", "spam", true},
    /* The kind of abuse in words of other languages (data/category/). */
    {"category_es.eml", "192.0.2.71", "redes-castilla.example", NULL,
     REPORT_FORMAT_PLAIN, "connection", "login_attack", true},
    {"category_ja.eml", "192.0.2.72", "yamabiko-net.example", NULL,
     REPORT_FORMAT_PLAIN, "connection", "port_scan", true},
    /* A Chinese word right after Latin letters ("SSH暴力破解"). */
    {"category_zh_latin.eml", "192.0.2.73", "huanghe-net.example", NULL,
     REPORT_FORMAT_PLAIN, "connection", "login_attack", true},
    /* A person tells of password guessing in their own words; a C2
     * written with hyphens; "infetado" as Portugal writes it. */
    {"category_login_in_words.eml", "192.0.2.66", "homebox.example", NULL,
     REPORT_FORMAT_PLAIN, "connection", "login_attack", true},
    {"category_c2_hyphenated.eml", "203.0.113.45", "ledgerbank.example", NULL,
     REPORT_FORMAT_PLAIN, "infrastructure", "botnet", true},
    {"category_pt_infetados.eml", "198.51.100.77", "cert-lusitano.example",
     NULL, REPORT_FORMAT_PLAIN, "infrastructure", "botnet", true},
    /* Kinds of abuse in pl, ru, ja, zh. */
    {"category_pl_open_resolver.eml", "198.51.100.41", "siedlce-net.example",
     NULL, REPORT_FORMAT_PLAIN, "vulnerability", "open_service", true},
    {"category_pl_fraud.eml", "203.0.113.58", "mazowsze-bank.example", NULL,
     REPORT_FORMAT_PLAIN, "content", "fraud", true},
    {"category_ru_copyright.eml", "198.51.100.84", "kinoprokat-media.example",
     NULL, REPORT_FORMAT_PLAIN, "copyright", "copyright", true},
    {"category_ru_ddos.eml", "203.0.113.19", "volga-host.example", NULL,
     REPORT_FORMAT_PLAIN, "connection", "ddos", true},
    {"category_ja_open_resolver.eml", "198.51.100.19", "sakura-dc.example",
     NULL, REPORT_FORMAT_PLAIN, "vulnerability", "open_service", true},
    {"category_ja_fraud.eml", "203.0.113.66", "kansai-shield.example", NULL,
     REPORT_FORMAT_PLAIN, "content", "fraud", true},
    {"category_zh_ddos.eml", "198.51.100.150", "changjiang-idc.example", NULL,
     REPORT_FORMAT_PLAIN, "connection", "ddos", true},
    {"category_zh_defacement.eml", "203.0.113.27", "zhujiang-net.example", NULL,
     REPORT_FORMAT_PLAIN, "content", "defacement", true},
    /* Kinds of abuse in de, nl, fr, es, it, pt. */
    {"category_de_fakeshop.eml", "203.0.113.45",
     "verbraucherhilfe-nord.example", NULL, REPORT_FORMAT_PLAIN, "content",
     "fraud", true},
    {"category_de_exchange.eml", "198.51.100.35", "cert-musterland.example",
     NULL, REPORT_FORMAT_PLAIN, "vulnerability", "cve", true},
    {"category_de_redis.eml", "192.0.2.177", "cert-musterland.example", NULL,
     REPORT_FORMAT_PLAIN, "vulnerability", "open_service", true},
    {"category_nl_ddos.eml", "192.0.2.144", "polderhost.example", NULL,
     REPORT_FORMAT_PLAIN, "connection", "ddos", true},
    {"category_nl_hacked_site.eml", "203.0.113.19", "webveilig.example", NULL,
     REPORT_FORMAT_PLAIN, "infrastructure", "compromised_server", true},
    {"category_fr_sqli.eml", "198.51.100.88", "hebergement-vallon.example",
     NULL, REPORT_FORMAT_PLAIN, "connection", "sql_injection", true},
    {"category_fr_arnaque.eml", "203.0.113.120", "conso-vigilance.example",
     NULL, REPORT_FORMAT_PLAIN, "content", "fraud", true},
    {"category_es_open_resolver.eml", "192.0.2.58", "csirt-meseta.example",
     NULL, REPORT_FORMAT_PLAIN, "vulnerability", "open_service", true},
    {"category_es_defacement.eml", "198.51.100.62", "hosting-andino.example",
     NULL, REPORT_FORMAT_PLAIN, "content", "defacement", true},
    {"category_it_malware.eml", "203.0.113.77", "laguna-net.example", NULL,
     REPORT_FORMAT_PLAIN, "content", "malware", true},
    {"category_it_web_scan.eml", "192.0.2.133", "colline-web.example", NULL,
     REPORT_FORMAT_PLAIN, "connection", "vulnerability_scanning", true},
    {"category_pt_golpe.eml", "198.51.100.150", "pagafacil.example", NULL,
     REPORT_FORMAT_PLAIN, "content", "fraud", true},
    {"category_pt_vulneravel.eml", "192.0.2.211", "csirt-atlantico.example",
     NULL, REPORT_FORMAT_PLAIN, "vulnerability", "cve", true},
    /* The spam's sender is the hop that handed it over, not the user
     * that submitted it to its own server. */
    {"forward_auth_relay.eml", "192.0.2.171", "lindenmail.example", NULL,
     REPORT_FORMAT_PLAIN, "messaging", "spam", true},
    /* A header pasted under a person's words: its relay chain names the
     * sender the words do not. */
    {"spam_pasted_whole_header.eml", "192.0.2.144", "homepost.example", NULL,
     REPORT_FORMAT_PLAIN, "messaging", "spam", true},
    /* A pasted header, and the reporter's own server named in words
     * that call it nothing: the relay chain names the sender. */
    /* The same, and the reporter's gateway named in words that call it
     * nothing: only mentioned beside the sender, no group of its own. */
    {"spam_pasted_header_keep_ours.eml", "203.0.113.86",
     "fernhill-joinery.example", NULL, REPORT_FORMAT_PLAIN, "messaging", "spam",
     true},
    {"spam_pasted_header_own_mx_named.eml", "203.0.113.71",
     "ridgeway-bakery.example", NULL, REPORT_FORMAT_PLAIN, "messaging", "spam",
     true},
    /* A whole header pasted, then the request signed with the author's
     * name split over two lines: still the reporter's words. */
    {"spam_whole_header_signature_split.eml", "192.0.2.166",
     "stadtwerke-lindenau.example", NULL, REPORT_FORMAT_PLAIN, "messaging",
     "spam", true},
    /* A whole header opened by Return-Path:, then the request signed
     * with the author's name: both read as such. */
    {"spam_header_then_signed_request.eml", "192.0.2.177",
     "correo-casa.example", NULL, REPORT_FORMAT_PLAIN, "messaging", "spam",
     true},
    /* A service anyone can query is the problem, not the DDoS it can
     * serve in. */
    {"open_memcached.eml", "192.0.2.7", "netprobe-research.example", NULL,
     REPORT_FORMAT_PLAIN, "vulnerability", "open_service", true},
    /* One table sent to the hosts' networks: the rows of the AS the
     * words name are this report's. */
    {"cert_batch_many_networks.eml", "192.0.2.31,192.0.2.32",
     "cert-north.example", NULL, REPORT_FORMAT_PLAIN, "vulnerability",
     "open_service", true},
    /* A proxy anyone can use is the problem, not the spam sent by it. */
    {"open_socks_proxy.eml", "192.0.2.208", "quiltersboard.example", NULL,
     REPORT_FORMAT_PLAIN, "vulnerability", "open_service", true},
    {"arf_embedded_unsub.eml", "203.0.113.77", "example.net", NULL,
     REPORT_FORMAT_ARF, "messaging", "spam", true},
    /* ARF: the mailbox provider whose server received the mail for its
     * own user, not the third party or other domain in From:. */
    {"arf_third_party_fbl.eml", "203.0.113.88", "mailbox.example", NULL,
     REPORT_FORMAT_ARF, "messaging", "spam", false},
    {"arf_provider_alias.eml", "203.0.113.90", "mailbox.example", NULL,
     REPORT_FORMAT_ARF, "messaging", "spam", false},
    /* When the recipient's domain is not the receiving host's (a domain
     * of the user's own, hosted by the provider), nothing names the
     * provider: From: stays the reporter. */
    {"arf_vanity_recipient.eml", "203.0.113.89", "fbl-operator.example", NULL,
     REPORT_FORMAT_ARF, "messaging", "spam", false},
    {"xarf_yaml.eml", "192.0.2.45", "example.org", NULL, REPORT_FORMAT_XARF,
     "connection", "login_attack", true},
    {"xarf_json.eml", "192.0.2.33", "example.com", NULL, REPORT_FORMAT_XARF,
     "connection", "ddos", false},
    {"acns_base64.eml", "198.51.100.61", "example.com", NULL,
     REPORT_FORMAT_ACNS, "copyright", "p2p", true},
    {"shadowserver_zip.eml", "192.0.2.10,192.0.2.11", "example.org", NULL,
     REPORT_FORMAT_SHADOWSERVER, "vulnerability", "open_service", false},
    {"spamcop.eml", "203.0.113.5", "spamcop.net", NULL, REPORT_FORMAT_SPAMCOP,
     "messaging", "spam", false},
    {"fail2ban.eml", "192.0.2.201", "example.org", NULL, REPORT_FORMAT_FAIL2BAN,
     "connection", "login_attack", true},
    /* A web form's relay names who submitted the report ("Gemeldet
     * von: ..."): the original reporter. */
    {"relay_submitter.eml", "192.0.2.203", "meldeportal.example",
     "hafenlicht.example", REPORT_FORMAT_FORWARDED, "connection",
     "login_attack", true},
    /* "Reporter e-mail:" names the submitter's address. */
    {"relay_reporter_email.eml", "192.0.2.140", "reportdesk.example",
     "fjell-payments.example", REPORT_FORMAT_FORWARDED, "other", "other", true},
    /* Outlook's forward prefix in Finnish and Norwegian ("VS:"), with
     * the original's header block and no separator line. */
    {"forwarded_vs_subject.eml", "198.51.100.222", "isp-fi.example",
     "sahkoposti.example", REPORT_FORMAT_FORWARDED, "content", "phishing",
     true},
    {"forwarded.eml", "198.51.100.23", "example.com", "example.org",
     REPORT_FORMAT_FORWARDED, "content", "phishing", true},
    {"defanged.eml", "192.0.2.45", "example.net", NULL, REPORT_FORMAT_PLAIN,
     "content", "malware", true},
    {"html_only.eml", "198.51.100.77", "example.com", NULL, REPORT_FORMAT_PLAIN,
     "content", "phishing", true},
    {"ipv6.eml", "2001:db8::bad", "example.org", NULL, REPORT_FORMAT_PLAIN,
     "connection", "port_scan", true},
    {"multi_ip.eml", "192.0.2.1,192.0.2.2,192.0.2.3", "example.com", NULL,
     REPORT_FORMAT_PLAIN, "connection", "ddos", true},
    {"victim_attacker.eml", "192.0.2.99", "example.net", NULL,
     REPORT_FORMAT_PLAIN, "connection", "login_attack", true},
    {"autoack.eml", "", "example.com", NULL, REPORT_FORMAT_UNKNOWN, "other",
     "other", false},
    {"unsub_reply.eml", "192.0.2.150", "example.com", NULL, REPORT_FORMAT_PLAIN,
     "messaging", "spam", false},
    {"latin1_mislabel.eml", "192.0.2.77", "example.de", NULL,
     REPORT_FORMAT_PLAIN, "content", "malware", true},
    {"trap_bare.eml", "203.0.113.145", "example.org", NULL, REPORT_FORMAT_PLAIN,
     "messaging", "spam", false},
    {"forward_attached_spam.eml", "192.0.2.66", "example.org", NULL,
     REPORT_FORMAT_PLAIN, "messaging", "spam", true},
    {"question.eml", "", "example.com", NULL, REPORT_FORMAT_UNKNOWN, "other",
     "other", false},
    /* Kinds that are easy to confuse. */
    {"open_resolver.eml", "192.0.2.53", "example.org", NULL,
     REPORT_FORMAT_PLAIN, "vulnerability", "open_service", true},
    {"ddos_reflection.eml", "192.0.2.123", "example.net", NULL,
     REPORT_FORMAT_PLAIN, "connection", "ddos", true},
    {"defaced_site.eml", "198.51.100.30", "example.org", NULL,
     REPORT_FORMAT_PLAIN, "content", "defacement", true},
    {"phishing_in_spam.eml", "203.0.113.80", "example.com", NULL,
     REPORT_FORMAT_PLAIN, "content", "phishing", true},
    {"ids_portscan.eml", "192.0.2.77", "example.com", NULL, REPORT_FORMAT_PLAIN,
     "connection", "port_scan", true},
    {"ids_login.eml", "192.0.2.78", "example.com", NULL, REPORT_FORMAT_PLAIN,
     "connection", "login_attack", true},
    {"ids_sqli.eml", "192.0.2.79", "example.com", NULL, REPORT_FORMAT_PLAIN,
     "connection", "sql_injection", true},
    {"sinkhole.eml", "192.0.2.80", "example.org", NULL, REPORT_FORMAT_PLAIN,
     "infrastructure", "botnet", true},
    {"autoreply_quoting.eml", "192.0.2.81", "example.net", NULL,
     REPORT_FORMAT_UNKNOWN, "other", "other", false},
};

#define N_CASES (sizeof cases / sizeof cases[0])

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	if (!f)
		fail_msg("cannot open %s (tests run from the repository root)",
			 path);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(*len + 1);
	assert_int_equal(fread(buf, 1, *len, f), *len);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* The report of fixture name, analysed with own networks (NULL: none). */
static struct report *analyze_scoped(const char *name, const char *networks)
{
	char path[256];
	size_t len;
	char *raw;
	struct cidr_list own = {0};
	struct analysis_opts o = {.own = &own};
	struct err e = {{0}};
	struct report *r;

	if (networks)
		assert_int_equal(cidr_list_parse(networks, &own, &e), 0);
	snprintf(path, sizeof path, FIXTURES "%s", name);
	raw = slurp(path, &len);
	r = analysis_run(raw, len, networks ? &o : NULL, &e);
	cidr_list_free(&own);
	free(raw);
	if (!r)
		fail_msg("%s: %s", name, e.msg);
	return r;
}

static struct report *analyze_fixture(const char *name)
{
	return analyze_scoped(name, NULL);
}

/* The addresses of one role, in order, comma-separated. */
static void role_equal(const struct report *r, enum report_ip_role role,
		       const char *want)
{
	char got[4096] = "";

	for (size_t i = 0; i < r->n_ips; i++) {
		if (r->ips[i].role != role)
			continue;
		if (got[0])
			strcat(got, ",");
		strcat(got, r->ips[i].text);
	}
	assert_string_equal(got, want);
}

static void ips_equal(const struct report *r, const char *want)
{
	role_equal(r, REPORT_IP_OFFENDER, want);
}

static const struct report_ip *ip_of(const struct report *r, const char *ip)
{
	for (size_t i = 0; i < r->n_ips; i++)
		if (strcmp(r->ips[i].text, ip) == 0)
			return &r->ips[i];
	fail_msg("%s not in the report", ip);
	return NULL;
}

static void test_fixture(void **state)
{
	const struct fixture_case *c = *state;
	struct report *r = analyze_fixture(c->file);

	ips_equal(r, c->ips);
	/* One role per address: none is listed twice. */
	for (size_t i = 0; i < r->n_ips; i++)
		for (size_t j = i + 1; j < r->n_ips; j++)
			if (strcmp(r->ips[i].text, r->ips[j].text) == 0)
				fail_msg("%s listed twice", r->ips[i].text);
	/* The report is grouped under its offenders only: an address named
	 * beside them (a victim elsewhere, a mere mention, a relay's weak
	 * tie) is no group of its own. */
	for (size_t i = 0; i < r->n_ips; i++)
		if (r->ips[i].in_scope !=
		    (r->ips[i].role == REPORT_IP_OFFENDER))
			fail_msg("%s: in scope %d as %s", r->ips[i].text,
				 r->ips[i].in_scope,
				 report_ip_role_name(r->ips[i].role));
	assert_non_null(r->reporter);
	assert_string_equal(r->reporter, c->reporter);
	if (c->original_reporter) {
		assert_non_null(r->original_reporter);
		assert_string_equal(r->original_reporter, c->original_reporter);
	} else
		assert_null(r->original_reporter);
	assert_string_equal(report_format_name(r->format),
			    report_format_name(c->format));
	assert_string_equal(r->category, c->category);
	assert_string_equal(r->type, c->type);
	assert_int_equal(r->action != NULL, c->action);
	report_free(r);
}

/* A plain part that only points at the HTML one ("Please view this
 * e-mail in an HTML-capable client") is no rendering of it: the HTML's
 * text is the report. */
static void test_plain_stub_gives_way_to_the_html(void **state)
{
	struct report *r = analyze_fixture("html_plain_stub.eml");

	(void)state;
	assert_string_equal(r->type, "sql_injection");
	assert_non_null(r->action);
	assert_non_null(strstr(r->action, "stop the attacks"));
	report_free(r);
}

/* The embedded spam's List-Unsubscribe is never ours to use. */
static void test_embedded_list_unsubscribe_is_ignored(void **state)
{
	struct report *r = analyze_fixture("arf_embedded_unsub.eml");

	(void)state;
	assert_int_equal(r->unsub_method, REPORT_UNSUB_NONE);
	assert_null(r->unsub_target);
	report_free(r);
}

static void test_embedded_headers_are_not_the_reporters(void **state)
{
	struct report *r = analyze_fixture("arf_embedded_unsub.eml");

	(void)state;
	assert_string_equal(r->from_addr, "fbl@feedback.mailhost.example.net");
	assert_string_equal(r->subject,
			    "Abuse report for a message from 203.0.113.77");
	report_free(r);
}

static void test_reply_remove_instruction_is_unsubscribe(void **state)
{
	struct report *r = analyze_fixture("unsub_reply.eml");

	(void)state;
	assert_int_equal(r->unsub_method, REPORT_UNSUB_REPLY);
	assert_string_equal(r->unsub_target, "REMOVE");
	report_free(r);
}

static bool has_signal(const struct report *r, const char *s)
{
	for (size_t i = 0; i < r->n_noise_signals; i++)
		if (strcmp(r->noise_signals[i], s) == 0)
			return true;
	return false;
}

static void test_reminder_wording_is_a_noise_signal(void **state)
{
	struct report *r = analyze_fixture("unsub_reply.eml");

	(void)state;
	assert_true(has_signal(r, "reminder"));
	assert_true(has_signal(r, "no-action"));
	report_free(r);
}

static void test_auto_reply_is_marked_auto_submitted(void **state)
{
	struct report *r = analyze_fixture("autoack.eml");

	(void)state;
	assert_true(r->auto_submitted);
	assert_true(has_signal(r, "auto-submitted"));
	report_free(r);
}

static void test_evidence_lines_carry_ip_and_time(void **state)
{
	struct report *r = analyze_fixture("fail2ban.eml");

	(void)state;
	assert_int_equal(r->n_evidence, 2);
	for (size_t i = 0; i < r->n_evidence; i++)
		assert_non_null(strstr(r->evidence[i], "192.0.2.201"));
	report_free(r);
}

static void test_mislabelled_latin1_keeps_its_text(void **state)
{
	struct report *r = analyze_fixture("latin1_mislabel.eml");

	(void)state;
	assert_non_null(strstr(r->text, "pr\xc3\xbc"
					"fen"));
	report_free(r);
}

static void test_html_link_target_is_kept(void **state)
{
	struct report *r = analyze_fixture("html_only.eml");

	(void)state;
	assert_non_null(strstr(r->text, "http://198.51.100.77/secure/"));
	assert_null(strstr(r->text, "color: red"));
	report_free(r);
}

static void test_own_networks_keep_only_inside_addresses(void **state)
{
	char path[] = FIXTURES "multi_ip.eml";
	struct cidr_list own = {0};
	struct analysis_opts o = {.own = &own};
	struct err e = {{0}};
	size_t len;
	char *raw = slurp(path, &len);

	(void)state;
	assert_int_equal(
	    cidr_list_parse("192.0.2.2/32, 203.0.113.0/24", &own, &e), 0);
	struct report *r = analysis_run(raw, len, &o, &e);
	/* 203.0.113.250 is ours too, but the report names it as the target. */
	ips_equal(r, "192.0.2.2");
	report_free(r);
	cidr_list_free(&own);
	free(raw);
}

/* The fixture is no report: other/other, asking for nothing. */
static void no_report_in(const char *file)
{
	struct report *r = analyze_fixture(file);

	assert_string_equal(r->category, "other");
	assert_null(r->action);
	report_free(r);
}

/* What the text (under k's subject) says of itself. */
static void marks_of(const struct report *k, const char *text,
		     struct noise_marks *m)
{
	struct noise_text nt;

	noise_text_read(&nt, k->subject, text, strlen(text));
	noise_marks_read(&nt, m);
}

/* Each text reads as an acknowledgement, or as a closure. */
static void marks_say(struct report *k, const char *const *texts, size_t n,
		      bool closed)
{
	struct noise_marks m;

	for (size_t i = 0; i < n; i++) {
		print_message("%s\n", texts[i]);
		marks_of(k, texts[i], &m);
		assert_true(closed ? m.closed : m.ack);
	}
}

/* A mail that is no report says so in its summary, whatever address it
 * names. Its problem line is the sentence that acknowledges the case, or,
 * for a notice that closes one, the sentence that tells what the case
 * was about (where none does, the closing one). */
static void test_no_report_says_what_it_is(void **state)
{
	struct report *r = analyze_fixture("ack_reply_closed.eml");

	(void)state;
	assert_true(r->no_report);
	assert_non_null(strstr(r->summary, "No abuse report recognised"));
	assert_string_equal(r->problem,
			    "We have spoken to the customer behind "
			    "198.51.100.23; the scanner was a forgotten test "
			    "job and has been stopped.");
	report_free(r);
	r = analyze_fixture("delisted_notice.eml");
	assert_true(r->no_report);
	assert_non_null(strstr(r->problem, "for hits on our spam traps"));
	report_free(r);
	r = analyze_fixture("delisted_de.eml");
	assert_true(r->no_report);
	assert_non_null(strstr(r->problem, "nicht mehr gelistet"));
	report_free(r);
	r = analyze_fixture("bounce_of_our_report.eml");
	assert_non_null(strstr(r->summary, "No abuse report recognised"));
	report_free(r);
	/* An auto-reply that quotes our own request asks nothing. */
	r = analyze_fixture("ack_quotes_our_request.eml");
	assert_true(r->no_report);
	assert_null(r->action);
	assert_string_equal(r->problem,
			    "This is an automated acknowledgement.");
	report_free(r);
}

/* The program's own problem sentence for an ARF report says its
 * feedback type in words ("authentication failure", not "auth-failure"). */
static void test_arf_feedback_type_in_words(void **state)
{
	struct report *r = analyze_fixture("dmarc_auth_failure.eml");

	(void)state;
	assert_true(r->problem_derived);
	assert_non_null(strstr(r->problem, "192.0.2.231"));
	assert_non_null(
	    strstr(r->problem, "reported as authentication failure"));
	report_free(r);
}

/* A finder who asks to be paid for a finding on our own site is no
 * report of a customer's abuse: category other, the signal and advice of
 * its own; a notice with one such word only is a report as before. */
static void test_bounty_beg_is_no_abuse_report(void **state)
{
	struct report *r = analyze_fixture("bounty_beg.eml");

	(void)state;
	assert_string_equal(r->category, "other");
	assert_true(report_has_noise_signal(r, "bounty"));
	assert_non_null(strstr(r->summary, "bounty"));
	report_free(r);
	r = analyze_fixture("vuln_notice.eml");
	assert_false(report_has_noise_signal(r, "bounty"));
	assert_string_equal(r->category, "vulnerability");
	report_free(r);
}

/* An answer to our report that thanks for it and asks for nothing is an
 * acknowledgement, though it names the address ours was about; one that
 * asks again is a report. */
static void test_reply_thanking_for_our_report_is_no_report(void **state)
{
	struct report *r;

	(void)state;
	no_report_in("ack_reply_closed.eml");
	no_report_in("ack_reply_closed_fr.eml");
	/* A notice that closes a case is none, though it is no reply and
	 * names the address; a complaint that the case was closed too
	 * early asks again, and is one. */
	no_report_in("closure_notice.eml");
	/* An out-of-office reply in German; a closure that asks for new
	 * reports to be filed anew asks nothing of us. */
	no_report_in("autoreply_de.eml");
	no_report_in("closed_notice_nl.eml");
	no_report_in("delisted_notice.eml");
	no_report_in("closed_resolution.eml");
	no_report_in("delisted_de.eml");
	no_report_in("delisted_named_list.eml");
	no_report_in("closed_ticket_de.eml");
	/* A bounce of our own mail. */
	no_report_in("bounce_of_our_report.eml");
	/* Marked auto-replied and saying it is an acknowledgement: the
	 * address it names is our report's. */
	no_report_in("ack_auto_replied_names_address.eml");
	/* A sales pitch that lets the reader unsubscribe is mass mail,
	 * whatever attacks it names. */
	no_report_in("sales_pitch.eml");
	/* So is a call for papers, whatever kinds of abuse it lists. */
	no_report_in("call_for_papers.eml");
	r = analyze_fixture("closed_but_continues.eml");
	assert_string_equal(r->category, "messaging");
	assert_non_null(r->action);
	report_free(r);
	r = analyze_fixture("reply_still_asks.eml");
	assert_string_equal(r->category, "connection");
	assert_non_null(r->action);
	report_free(r);
	assert_true(noise_subject_is_reply("[Ticket#12] AW: Scans"));
	assert_true(noise_subject_is_reply("Re: Scans"));
	assert_false(noise_subject_is_reply("Report: Scans"));
	assert_false(noise_subject_is_reply(NULL));
	/* Acknowledging a report, not receiving spam ("we received your
	 * junk mail again"). */
	struct report *k = report_new();
	const char *ack = "Hemos recibido su notificación y la revisaremos.";
	const char *spam = "Hemos recibido su correo basura otra vez.";
	struct noise_marks m;
	marks_of(k, ack, &m);
	assert_true(m.ack);
	marks_of(k, spam, &m);
	assert_false(m.ack);
	/* Thanks for the report, a message received, a ticket opened. */
	static const char *const acks[] = {
	    "Le agradecemos su reporte. Se ha generado el ticket TA-1.",
	    "Recebemos a sua mensagem e foi aberto o ticket 12.",
	    "Merci pour votre signalement, un ticket a été créé.",
	    "Vielen Dank für Ihre Meldung, ein Ticket wurde erstellt.",
	    "Abbiamo ricevuto la sua segnalazione.",
	    "Bedankt voor uw melding.",
	    "Dziękujemy za zgłoszenie.",
	    "Спасибо за ваше обращение, оно будет рассмотрено.",
	    "Ваше обращение получено и будет рассмотрено специалистами.",
	    "Заявка зарегистрирована под номером 4411.",
	    "Ваше звернення отримано, дякуємо.",
	    "この度はご報告をいただき、誠にありがとうございます。以下の内容で"
	    "受け付けいたしました。",
	};
	marks_say(k, acks, sizeof acks / sizeof acks[0], false);
	/* A ticket closed or a delisting done, in other words. */
	static const char *const closures[] = {
	    "Ticket #RB-1, which you opened on 2026-03-16 regarding the IP "
	    "address 192.0.2.9, has been closed.",
	    "Your delisting request for the following IP address has been "
	    "processed: 192.0.2.9",
	    "Your ticket [SX #448190] has been marked as resolved and closed.",
	    "Uprzejmie informujemy, że zgłoszenie nr PL-88231 zostało "
	    "zamknięte.",
	    "Status: zgłoszenie zamknięte",
	    "Váš tiket byl uzavřen.",
	    "Z naší strany považujeme případ za uzavřený.",
	    "Ваша заявка закрыта.",
	    "Vi vill meddela att ärende KNS-4471 nu är avslutat.",
	    "Saken er lukket fra vår side.",
	    "The address is no longer listed. DNS zones are rebuilt every 10 "
	    "minutes.",
	    "Sua solicitação de remoção #RM-1 foi processada com sucesso.",
	    "Os endereços informados não constam mais da lista.",
	    "La dirección 192.0.2.9 ya no figura en la lista.",
	    "Сондықтан инцидент жабылды.",
	    "Инцидент закрыт, дополнительных действий не требуется.",
	};
	marks_say(k, closures, sizeof closures / sizeof closures[0], true);
	/* A Dutch newsletter: what it calls itself and how it says the
	 * reader asked for it. */
	const char *nl = "In deze editie: ransomware-trends en een nieuw "
			 "DDoS-record.\n\nU ontvangt deze nieuwsbrief omdat u "
			 "zich heeft aangemeld. Afmelden\n";
	struct noise_text nt;
	noise_text_read(&nt, k->subject, nl, strlen(nl));
	assert_true(noise_is_newsletter(&nt));
	report_free(k);
}

/* What a mail says of itself counts in its first 4 KB only: a closure
 * quoted far below is an earlier mail's. The bulk signals read further. */
static void test_noise_marks_read_the_first_4k(void **state)
{
	const char *closed = "Your ticket has been closed.";
	struct buf b = BUF_INIT;
	struct noise_text nt;
	struct noise_marks m;

	(void)state;
	while (b.len < NOISE_MARKS_BYTES)
		buf_puts(&b, "We saw traffic from 192.0.2.9 again today.\n");
	buf_puts(&b, closed);
	noise_text_read(&nt, NULL, b.data, b.len);
	noise_marks_read(&nt, &m);
	assert_false(m.closed);
	buf_reset(&b);
	buf_puts(&b, closed);
	noise_text_read(&nt, NULL, b.data, b.len);
	noise_marks_read(&nt, &m);
	assert_true(m.closed);
	buf_free(&b);
}

/* An automatic acknowledgement that names the address only in its
 * subject and in the quote of our report is no report; one that tells of
 * another address in its own words is one. */
static void test_ack_quoting_our_report_is_no_report(void **state)
{
	struct report *r;

	(void)state;
	no_report_in("ack_auto_quotes_report.eml");
	r = analyze_fixture("ack_then_new_report.eml");
	assert_string_equal(r->category, "connection");
	report_free(r);
}

/* A newsletter that asks for nothing is no report, whatever addresses
 * it cites; one that asks about a host of ours is one. */
static void test_newsletter_is_no_report_unless_it_asks(void **state)
{
	struct report *r = analyze_fixture("newsletter_ioc.eml");

	(void)state;
	assert_string_equal(r->category, "other");
	report_free(r);
	r = analyze_fixture("newsletter_asks.eml");
	assert_string_equal(r->type, "port_scan");
	assert_non_null(r->action);
	report_free(r);
}

/* An address a table's column calls a mere mention stays one when the
 * prose names it again without a word for either side. */
static void test_mentioned_column_beats_a_bare_mention(void **state)
{
	struct report *r = analyze_fixture("resolver_answer_column.eml");

	(void)state;
	ips_equal(r, "192.0.2.21,192.0.2.22");
	role_equal(r, REPORT_IP_MENTIONED, "203.0.113.250");
	report_free(r);
}

/* A ticket system's notice that names the recipient as the case's
 * reporter has no other reporter: the recipient never reports to itself. */
static void test_submitter_is_never_the_recipient(void **state)
{
	struct report *r = analyze_fixture("ticket_names_us.eml");

	(void)state;
	assert_string_equal(r->reporter, "kestrel-net.example");
	assert_null(r->original_reporter);
	report_free(r);
}

/* A feed's CSV named "accessible-<service>" lists open services,
 * whatever its short prose says. */
static void test_accessible_csv_is_open_service(void **state)
{
	struct report *r = analyze_fixture("accessible_csv.eml");

	(void)state;
	ips_equal(r, "192.0.2.77,192.0.2.78");
	assert_string_equal(r->category, "vulnerability");
	assert_string_equal(r->type, "open_service");
	report_free(r);
}

/* A JSON attachment's keys say which side each address is on, as a
 * table's column names do: "ip" under "findings" is what the report is
 * about; the words of a key ("scanner_ips") are not prose about the
 * address. */
static void test_json_keys_name_the_sides(void **state)
{
	struct report *r = analyze_fixture("json_findings.eml");

	(void)state;
	ips_equal(r, "192.0.2.130,192.0.2.215");
	report_free(r);
}

/* A qualifier before the side in a key ("sample_dst", "first-target")
 * leaves the side: those addresses are the probed ones, not sources. */
static void test_json_compound_keys_keep_their_side(void **state)
{
	struct report *r = analyze_fixture("json_sample_dst.eml");

	(void)state;
	ips_equal(r, "2001:db8:500:1::2,2001:db8:500:7::beef");
	report_free(r);
}

/* JSON lines (an IDS's alerts, a record a line): "src_ip" is the
 * offender, "dest_ip" the attacked side, "sensor" the reporter's own. */
static void test_json_lines_name_source_target_and_sensor(void **state)
{
	struct report *r = analyze_fixture("json_lines_eve.eml");

	(void)state;
	ips_equal(r, "192.0.2.77");
	role_equal(r, REPORT_IP_MENTIONED, "203.0.113.9");
	role_equal(r, REPORT_IP_VICTIM, "198.51.100.20,198.51.100.21");
	report_free(r);
}

/* A table sent to many networks names each row's abuse contact: the
 * rows of the mailbox this copy was delivered to are the report's, the
 * others' rows are named only. */
static void test_rows_of_other_abuse_contacts_are_named_only(void **state)
{
	struct report *r = analyze_fixture("digest_abuse_contacts.eml");

	(void)state;
	ips_equal(r, "192.0.2.31,192.0.2.32");
	role_equal(r, REPORT_IP_MENTIONED, "198.51.100.40,203.0.113.90");
	report_free(r);
}

/* The target the reporter names is the victim, kept beside the
 * attacker, and the report is not grouped under it. */
static void test_named_target_is_the_victim(void **state)
{
	struct report *r = analyze_fixture("victim_attacker.eml");

	(void)state;
	role_equal(r, REPORT_IP_VICTIM, "198.51.100.4");
	assert_string_equal(r->ips[0].text, "192.0.2.99");
	assert_true(r->ips[0].in_scope);
	assert_false(ip_of(r, "198.51.100.4")->in_scope);
	report_free(r);
}

/* "our VPS A has been hammered by B": B did it, A suffered it. */
static void test_passive_attack_names_attacker_and_victim(void **state)
{
	struct report *r = analyze_fixture("victim_ours.eml");

	(void)state;
	ips_equal(r, "203.0.113.66");
	role_equal(r, REPORT_IP_VICTIM, "192.0.2.14");
	report_free(r);
}

/* A customer of ours tells of an attack on its machine: the report is
 * grouped under our address, the victim; the attacker is named, out of
 * scope. */
static void test_attack_on_our_address_is_grouped_under_it(void **state)
{
	struct report *r = analyze_scoped("victim_ours.eml", "192.0.2.0/24");

	(void)state;
	assert_int_equal(r->n_ips, 2);
	assert_string_equal(r->ips[0].text, "192.0.2.14");
	assert_int_equal(r->ips[0].role, REPORT_IP_VICTIM);
	assert_true(r->ips[0].in_scope);
	assert_string_equal(r->ips[1].text, "203.0.113.66");
	assert_int_equal(r->ips[1].role, REPORT_IP_OFFENDER);
	assert_false(r->ips[1].in_scope);
	report_free(r);
}

/* With own networks too, our address that the subject calls attacked is
 * the victim, though the body names it under a bare "IP" label. */
static void test_our_victim_under_a_label_is_no_offender(void **state)
{
	struct report *r =
	    analyze_scoped("victim_customer_label.eml", "198.51.100.0/24");

	(void)state;
	assert_int_equal(ip_of(r, "198.51.100.80")->role, REPORT_IP_VICTIM);
	assert_true(ip_of(r, "198.51.100.80")->in_scope);
	assert_int_equal(ip_of(r, "203.0.113.91")->role, REPORT_IP_OFFENDER);
	assert_false(ip_of(r, "203.0.113.91")->in_scope);
	report_free(r);
}

/* When one of ours offends, a victim of ours is named but the report is
 * grouped under the offender only. */
static void test_our_offender_outranks_our_victim(void **state)
{
	struct report *r =
	    analyze_scoped("multi_ip.eml", "192.0.2.2/32, 203.0.113.0/24");

	(void)state;
	assert_int_equal(ip_of(r, "203.0.113.250")->role, REPORT_IP_VICTIM);
	assert_false(ip_of(r, "203.0.113.250")->in_scope);
	assert_true(ip_of(r, "192.0.2.2")->in_scope);
	report_free(r);
}

/* A C&C column of an infection feed and a sinkhole's own address name
 * where the infected hosts called, not who offended. */
static void test_cc_column_and_sinkhole_are_mentioned(void **state)
{
	struct report *r = analyze_fixture("botnet_cc_column.eml");

	(void)state;
	ips_equal(r, "192.0.2.61,192.0.2.62,192.0.2.63");
	role_equal(r, REPORT_IP_MENTIONED,
		   "203.0.113.77,203.0.113.78,203.0.113.250");
	report_free(r);
}

/* Without own networks, a mail that says the attacked side is ours (the
 * sender is our customer; one of our customers is the target) is grouped
 * under the victim, the attackers named beside it; "a customer of
 * yours, ADDR, is attacking us" is an ordinary report about ADDR. */
static void test_victim_of_ours_is_the_group_without_networks(void **state)
{
	static const char *const victims[][3] = {
	    {"victim_customer_of_yours.eml", "198.51.100.20", "203.0.113.50"},
	    {"victim_your_customer_target.eml", "198.51.100.30", ""},
	    {"victim_customer_da.eml", "198.51.100.70",
	     "203.0.113.90,203.0.113.91"},
	    /* the subject calls it attacked; the body's "IP ADDR" label
	     * is no word of an attack */
	    {"victim_customer_label.eml", "198.51.100.80",
	     "203.0.113.91,203.0.113.92"},
	    /* a customer by the contract; the server at another provider
	     * that is not attacked is only mentioned */
	    {"victim_customer_ru.eml", "198.51.100.90",
	     "203.0.113.10,203.0.113.11"},
	    /* informal Romanian; "cel mai mult de la ADDR" is "mostly from";
	     * the tcpdump rows go to the victim */
	    {"victim_customer_ro.eml", "198.51.100.60",
	     "203.0.113.70,203.0.113.71"},
	};
	struct report *r;

	(void)state;
	for (size_t k = 0; k < sizeof victims / sizeof victims[0]; k++) {
		r = analyze_fixture(victims[k][0]);
		role_equal(r, REPORT_IP_VICTIM, victims[k][1]);
		assert_true(ip_of(r, victims[k][1])->in_scope);
		ips_equal(r, victims[k][2]);
		for (size_t i = 0; i < r->n_ips; i++)
			if (r->ips[i].role == REPORT_IP_OFFENDER)
				assert_false(r->ips[i].in_scope);
		report_free(r);
	}
	r = analyze_fixture("victim_customer_ru.eml");
	role_equal(r, REPORT_IP_MENTIONED, "192.0.2.200");
	report_free(r);
	/* Another provider tells of its customer's attack on ours and closes
	 * the case on its side: a report, grouped under our victim; the same
	 * closure in answer to a mail is none. */
	r = analyze_fixture("victim_provider_closed_fr.eml");
	role_equal(r, REPORT_IP_VICTIM, "198.51.100.61");
	assert_string_equal(r->type, "ddos");
	report_free(r);
	r = analyze_fixture("closed_reply_names_victim.eml");
	assert_string_equal(r->category, "other");
	report_free(r);
	/* Of two addresses the words call attacked, the one they also call
	 * not the recipient's ("ADDR isn't yours") is not grouped under. */
	r = analyze_fixture("victim_other_not_yours.eml");
	assert_string_equal(r->ips[0].text, "198.51.100.44");
	assert_int_equal(r->ips[0].role, REPORT_IP_VICTIM);
	assert_true(r->ips[0].in_scope);
	assert_false(ip_of(r, "203.0.113.77")->in_scope);
	report_free(r);
	/* "hosted with Larchfield" to abuse@larchfield.example: the
	 * writer's site is the recipient's customer's. */
	r = analyze_fixture("victim_hosted_with_name.eml");
	assert_string_equal(r->ips[0].text, "198.51.100.66");
	assert_int_equal(r->ips[0].role, REPORT_IP_VICTIM);
	report_free(r);
	r = analyze_fixture("customer_of_yours_attacks.eml");
	ips_equal(r, "198.51.100.40");
	assert_true(ip_of(r, "198.51.100.40")->in_scope);
	report_free(r);
}

/* A private or loopback address (a LAN workstation, a router's admin
 * page) beside a public one the report is about is left out; alone, as
 * in an anonymised sample, it is the offender. */
static void test_internal_address_beside_public_is_left_out(void **state)
{
	struct report *r = analyze_fixture("internal_beside_public.eml");

	(void)state;
	ips_equal(r, "203.0.113.12");
	for (size_t i = 0; i < r->n_ips; i++) {
		assert_string_not_equal(r->ips[i].text, "10.10.4.37");
		assert_string_not_equal(r->ips[i].text, "192.168.1.1");
	}
	report_free(r);
	r = analyze_fixture("internal_alone.eml");
	ips_equal(r, "10.0.0.7");
	report_free(r);
}

/* The writer's own words that disown an address ("ADDR is our own jump
 * host") outweigh a log line that names it. */
static void test_disowned_address_is_no_offender(void **state)
{
	struct report *r = analyze_fixture("disowned_in_log.eml");

	(void)state;
	ips_equal(r, "198.51.100.77,198.51.100.79");
	assert_int_equal(ip_of(r, "192.0.2.16")->role, REPORT_IP_VICTIM);
	report_free(r);
}

static void test_not_mail_is_an_error(void **state)
{
	struct err e = {{0}};
	const char junk[] = "\x89PNG\r\n\x1a\n binary";

	(void)state;
	assert_null(analysis_run(junk, sizeof junk - 1, NULL, &e));
	assert_true(strlen(e.msg) > 0);
}

/* An empty file may be read as NULL with length 0. */
static void test_empty_input_is_not_mail(void **state)
{
	struct err e = {{0}};

	(void)state;
	assert_null(analysis_run(NULL, 0, NULL, &e));
	assert_true(strlen(e.msg) > 0);
	assert_false(analysis_looks_like_mail("", 0));
}

/* A customer's forward of our own support's answer is the customer's
 * mail: no forward of a report, no acknowledgement though our answer
 * thanks them, and what it asks is the customer's, not what our answer
 * below asked of them. */
static void test_forward_of_our_own_answer_is_the_senders(void **state)
{
	struct report *r = analyze_fixture("forward_of_our_answer.eml");

	(void)state;
	assert_null(r->original_reporter);
	/* The thanks our answer opens with is no acknowledgement by the
	 * customer: the report is about the attack on its VPS. */
	assert_false(r->no_report);
	assert_non_null(r->action);
	assert_non_null(strstr(r->action, "block or filter this traffic"));
	report_free(r);
	/* The same below a forward's separator, with its header block in
	 * Spanish ("De:"), and no delivery fields: the mail's addressee is
	 * ours. */
	r = analyze_fixture("forward_of_our_answer_es.eml");
	assert_null(r->original_reporter);
	assert_true(r->forwards_ours);
	assert_non_null(r->action);
	assert_string_equal(r->action,
			    "Por favor, quitad esa web lo antes posible.");
	report_free(r);
}

int main(void)
{
	const struct CMUnitTest more[] = {
	    cmocka_unit_test(test_embedded_list_unsubscribe_is_ignored),
	    cmocka_unit_test(test_embedded_headers_are_not_the_reporters),
	    cmocka_unit_test(test_reply_remove_instruction_is_unsubscribe),
	    cmocka_unit_test(test_reminder_wording_is_a_noise_signal),
	    cmocka_unit_test(test_auto_reply_is_marked_auto_submitted),
	    cmocka_unit_test(test_evidence_lines_carry_ip_and_time),
	    cmocka_unit_test(test_mislabelled_latin1_keeps_its_text),
	    cmocka_unit_test(test_html_link_target_is_kept),
	    cmocka_unit_test(test_plain_stub_gives_way_to_the_html),
	    cmocka_unit_test(test_no_report_says_what_it_is),
	    cmocka_unit_test(test_arf_feedback_type_in_words),
	    cmocka_unit_test(test_own_networks_keep_only_inside_addresses),
	    cmocka_unit_test(test_named_target_is_the_victim),
	    cmocka_unit_test(test_rows_of_other_abuse_contacts_are_named_only),
	    cmocka_unit_test(test_reply_thanking_for_our_report_is_no_report),
	    cmocka_unit_test(test_noise_marks_read_the_first_4k),
	    cmocka_unit_test(test_accessible_csv_is_open_service),
	    cmocka_unit_test(test_submitter_is_never_the_recipient),
	    cmocka_unit_test(test_bounty_beg_is_no_abuse_report),
	    cmocka_unit_test(test_ack_quoting_our_report_is_no_report),
	    cmocka_unit_test(test_victim_of_ours_is_the_group_without_networks),
	    cmocka_unit_test(test_forward_of_our_own_answer_is_the_senders),
	    cmocka_unit_test(test_newsletter_is_no_report_unless_it_asks),
	    cmocka_unit_test(test_mentioned_column_beats_a_bare_mention),
	    cmocka_unit_test(test_json_keys_name_the_sides),
	    cmocka_unit_test(test_json_compound_keys_keep_their_side),
	    cmocka_unit_test(test_json_lines_name_source_target_and_sensor),
	    cmocka_unit_test(test_passive_attack_names_attacker_and_victim),
	    cmocka_unit_test(test_attack_on_our_address_is_grouped_under_it),
	    cmocka_unit_test(test_our_victim_under_a_label_is_no_offender),
	    cmocka_unit_test(test_our_offender_outranks_our_victim),
	    cmocka_unit_test(test_cc_column_and_sinkhole_are_mentioned),
	    cmocka_unit_test(test_internal_address_beside_public_is_left_out),
	    cmocka_unit_test(test_disowned_address_is_no_offender),
	    cmocka_unit_test(test_not_mail_is_an_error),
	    cmocka_unit_test(test_empty_input_is_not_mail),
	};
	struct CMUnitTest tests[N_CASES + sizeof more / sizeof more[0]];
	size_t n = 0;
	static char names[N_CASES][96];

	for (size_t i = 0; i < N_CASES; i++) {
		snprintf(names[i], sizeof names[i], "test_fixture_%s",
			 cases[i].file);
		tests[n++] = (struct CMUnitTest){names[i], test_fixture, NULL,
						 NULL, (void *)&cases[i]};
	}
	for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
		tests[n++] = more[i];
	return _cmocka_run_group_tests("analysis_fixtures", tests, n, NULL,
				       NULL);
}
