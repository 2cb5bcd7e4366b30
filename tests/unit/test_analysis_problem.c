/* test_analysis_problem.c: the problem shown for a report: a sentence a
 * person wrote, never a command, a field, JSON, XML, a table, CSV or log
 * row, a bare URL or a signature; and where the mail states none, the
 * program's own sentence from the report's fields, marked derived. The
 * mails are invented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analysis/analyze.h"
#include "analysis/lines.h"
#include "core/err.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct report_ip ip7 = {"192.0.2.7", true, REPORT_IP_OFFENDER};

/* The problem of text must be want (NULL: none at all). */
static void problem_is(const char *text, const char *want)
{
	char *p = lines_problem(text, strlen(text), &ip7, 1);

	if (!want) {
		if (p)
			fail_msg("problem %s, expected none", p);
		return;
	}
	assert_non_null(p);
	assert_string_equal(p, want);
	free(p);
}

/* What a bank's team found, in the Portuguese third person past, over
 * a detection time; Spanish log-in attempts over a count of them; a
 * payment its holder does not recognise over a disclaimer, which is
 * never the problem. */
static void
test_found_by_a_team_login_attempts_and_unrecognised_payment(void **state)
{
	(void)state;
	problem_is("A equipe de Segurança do Banco identificou uma página que "
		   "coleta dados de cartão de clientes.\n"
		   "Detectado em: 03/10/2025 às 08h42\n",
		   "A equipe de Segurança do Banco identificou uma página que "
		   "coleta dados de cartão de clientes.");
	problem_is("Les escribo porque estamos viendo miles de intentos de "
		   "inicio de sesión contra nuestra tienda.\n\n"
		   "En total van unos 86.000 intentos y 40 cuentas "
		   "comprometidas.\n",
		   "Les escribo porque estamos viendo miles de intentos de "
		   "inicio de sesión contra nuestra tienda.");
	problem_is("Se obtuvo que la transferencia no reconocida fue ordenada "
		   "desde la dirección IP 192.0.2.7.\n\n"
		   "Queda prohibida su reproducción o difusión sin "
		   "autorización.\n",
		   "Se obtuvo que la transferencia no reconocida fue ordenada "
		   "desde la dirección IP 192.0.2.7.");
}

/* The deed a police request investigates is its problem, over the
 * request's legal frame (English, German, Swedish). */
static void test_deed_a_police_request_investigates(void **state)
{
	(void)state;
	problem_is("This request is made under Schedule 2 of the Data "
		   "Protection Act 2018.\n\n"
		   "The victim's online banking account was accessed without "
		   "authorisation from 192.0.2.7.\n",
		   "The victim's online banking account was accessed without "
		   "authorisation from 192.0.2.7.");
	problem_is("Wir ermitteln gegen Unbekannt.\n\n"
		   "Der unbekannte Täter hat sich unter Verwendung der "
		   "IP-Adresse 192.0.2.7 in das Kundenkonto der Geschädigten "
		   "eingeloggt.\n",
		   "Der unbekannte Täter hat sich unter Verwendung der "
		   "IP-Adresse 192.0.2.7 in das Kundenkonto der Geschädigten "
		   "eingeloggt.");
	problem_is("Polismyndigheten utreder ett ärende.\n\n"
		   "Målsäganden har betalat 6 400 kronor för en mobiltelefon "
		   "som aldrig levererades.\n",
		   "Målsäganden har betalat 6 400 kronor för en mobiltelefon "
		   "som aldrig levererades.");
}

/* What a scan of open services found is its problem; where the
 * reporter's own scanners are is none. */
static void test_hosts_that_answered_a_scan(void **state)
{
	(void)state;
	/* A page that harvests logins states the problem, over who sent
	 * the mail that links to it. */
	problem_is("Our Compliance team identified a campaign that was sent "
		   "through an account on our platform.\n\n"
		   "The links in these messages lead to a "
		   "credential-harvesting page hosted on your network:\n",
		   "The links in these messages lead to a "
		   "credential-harvesting page hosted on your network:");
	problem_is("Two hosts in your address space responded to our probes "
		   "on 2025-11-05:\n\n  192.0.2.7  11211/udp\n\n"
		   "Our scanners originate from 198.51.100.128/28.\n",
		   "Two hosts in your address space responded to our probes "
		   "on 2025-11-05:");
}

/* An address in a link's query names a page about it, not what the
 * sentence is about; as the link's host it is the place reported. */
static void test_address_in_a_links_query_names_a_page(void **state)
{
	(void)state;
	problem_is("your Server/Customer with the IP: 192.0.2.7 has attacked "
		   "one of our servers/partners.\n"
		   "This is the 3 Attack (we reported) from this IP; see: "
		   "https://www.blocklist.example/en/view.html?ip=192.0.2.7\n",
		   "your Server/Customer with the IP: 192.0.2.7 has attacked "
		   "one of our servers/partners.");
}

/* Software that no longer receives security updates is a weakness, not
 * a case that has ended; Hungarian traffic flooding in, Slovak
 * scanning. */
static void test_end_of_life_flood_and_slovak_scanning(void **state)
{
	(void)state;
	problem_is("Attached is the report for 2025-03-12.\n\n"
		   "This report identifies servers that are running versions "
		   "with known vulnerabilities, or versions that no longer "
		   "receive security updates.\n",
		   "This report identifies servers that are running versions "
		   "with known vulnerabilities, or versions that no longer "
		   "receive security updates.");
	problem_is("Nem tudom, miért éppen engem támadnak.\n\n"
		   "A router naplója szerint hatalmas mennyiségű UDP-forgalom "
		   "érkezik a címemre.\n",
		   "A router naplója szerint hatalmas mennyiségű UDP-forgalom "
		   "érkezik a címemre.");
	problem_is("Dobrý deň,\n\nz adresy 192.0.2.7 prebieha masívne "
		   "skenovanie našich rozsahov.\n",
		   "z adresy 192.0.2.7 prebieha masívne skenovanie našich "
		   "rozsahov.");
}

/* The problem of a mail of two paragraphs, first and second, must be
 * want. */
static void problem_of_two_is(const char *first, const char *second,
			      const char *want)
{
	char text[512];

	snprintf(text, sizeof text, "%s\n\n%s\n", first, second);
	problem_is(text, want);
}

static const char prose[] = "We observed SSH attacks from 192.0.2.7.";

/* A sentence that names only an address beside the case (a C&C server
 * elsewhere) is about that one: the sentence about ours is the problem.
 * One naming only the victim may still tell the attack. */
static void test_problem_not_about_a_mentioned_address(void **state)
{
	const struct report_ip ips[] = {
	    {"198.51.100.9", true, REPORT_IP_OFFENDER},
	    {"192.0.2.214", false, REPORT_IP_MENTIONED},
	    {"203.0.113.66", false, REPORT_IP_VICTIM},
	};
	const char *t = "The malicious files are served from your network.\n"
			"The malware was detected calling its C2 server "
			"192.0.2.214, which is outside your network.\n";
	const char *v = "Our customer 203.0.113.66 was hit by a DDoS attack "
			"of 40 Gbit/s.\nThanks for your help.\n";
	char *p = lines_problem(t, strlen(t), ips, 3);

	(void)state;
	assert_non_null(p);
	assert_string_equal(
	    p, "The malicious files are served from your network.");
	free(p);
	p = lines_problem(v, strlen(v), ips, 3);
	assert_non_null(p);
	assert_non_null(strstr(p, "DDoS attack"));
	free(p);
}

/* In a victim's report grouped under our attacked address, the sentence
 * that names it tells the problem, as one naming an offender would. */
static void test_problem_names_the_attacked_address_of_ours(void **state)
{
	const struct report_ip ips[] = {
	    {"203.0.113.44", true, REPORT_IP_VICTIM},
	    {"198.51.100.61", false, REPORT_IP_OFFENDER},
	};
	const char *t = "Nuestro servidor 203.0.113.44 está recibiendo miles "
			"de intentos de acceso por SSH desde todo el mundo.\n"
			"Ya hemos instalado fail2ban, pero los ataques "
			"continúan.\n";
	char *p = lines_problem(t, strlen(t), ips, 2);

	(void)state;
	assert_non_null(p);
	assert_non_null(strstr(p, "203.0.113.44"));
	free(p);
}

/* The attacker named beside our victim is not what such a report is
 * about: the sentence that tells the attack on the victim beats the one
 * that only says where the attack came from. */
static void test_problem_of_a_victim_report_is_not_the_attacker(void **state)
{
	const struct report_ip ips[] = {
	    {"203.0.113.44", true, REPORT_IP_VICTIM},
	    {"198.51.100.150", false, REPORT_IP_OFFENDER},
	};
	const char *t = "Od kilku dni nasz serwer jest atakowany metodą brute "
			"force na usługę pulpitu zdalnego (RDP).\n\n"
			"Wszystkie próby pochodzą z adresu 198.51.100.150, "
			"który według bazy whois nie należy do Państwa "
			"sieci.\n";
	char *p = lines_problem(t, strlen(t), ips, 2);

	(void)state;
	assert_non_null(p);
	assert_non_null(strstr(p, "brute force"));
	free(p);
}

/* A wrapped line that opens with a date goes on with the sentence it
 * continues; a log row below prose is a line of its own. */
static void test_problem_sentence_wraps_over_a_date(void **state)
{
	(void)state;
	problem_is("Hosts were seen in the 24 hours ending\n2026-12-02 00:00 "
		   "UTC. A host appearing in this\nreport is very likely "
		   "infected with malware (192.0.2.7).\n",
		   "A host appearing in this report is very likely infected "
		   "with malware (192.0.2.7).");
}

/* A site that sends its visitors elsewhere, or was broken into, is the
 * problem, though the mail names no address. */
static void test_problem_site_redirects(void **state)
{
	char *p;
	const char *t = "Hoje fui ao vosso site e fui reencaminhado para um "
			"site de apostas online.\n\nTentei duas vezes.\n";

	(void)state;
	p = lines_problem(t, strlen(t), NULL, 0);
	assert_non_null(p);
	assert_non_null(strstr(p, "reencaminhado"));
	free(p);
	t = "Your support page redirects to a casino site.\n";
	p = lines_problem(t, strlen(t), NULL, 0);
	assert_non_null(p);
	free(p);
}

/* That the writer is a customer of ours says whose the address is, not
 * what happened: the sentence that tells the harm wins over it. */
static void test_problem_is_not_whose_the_address_is(void **state)
{
	const struct report_ip ips[] = {{"192.0.2.7", true, REPORT_IP_VICTIM}};
	const char *t = "Somos clientes vuestros (IP fija 192.0.2.7), y en "
			"esa IP tenemos alojada nuestra tienda online.\n\n"
			"Nos están suplantando la tienda y tenemos miedo.\n";
	char *p = lines_problem(t, strlen(t), ips, 1);

	(void)state;
	assert_non_null(p);
	assert_string_equal(p,
			    "Nos están suplantando la tienda y tenemos miedo.");
	free(p);
}

/* A shop that takes the money and never sends the goods: the sentence
 * that says so beats the one of where it is hosted. */
static void test_problem_shop_that_never_sends(void **state)
{
	(void)state;
	problem_is("Esa tienda es un fraude: cobran y nunca envían los "
		   "productos.\n\nLa web está alojada en vuestra red, en la "
		   "IP 192.0.2.7.\n",
		   "Esa tienda es un fraude: cobran y nunca envían los "
		   "productos.");
}

/* Slovenian problem words from their own file. */
static void test_problem_slovenian(void **state)
{
	(void)state;
	problem_is("Pozdravljeni,\n\nna strežniku z naslovom 192.0.2.7 "
		   "gostuje lažna spletna stran, ki posnema spletno banko.\n\n"
		   "Lep pozdrav\n",
		   "na strežniku z naslovom 192.0.2.7 gostuje lažna spletna "
		   "stran, ki posnema spletno banko.");
}

/* Catalan problem words from their own file: the sentence that tells
 * the attack beats the one about the writer's technician. */
static void test_problem_catalan(void **state)
{
	(void)state;
	problem_is("La cooperativa està rebent un atac de denegació de "
		   "servei des d'ahir.\n\nL'informàtic diu que és un "
		   "\"SYN flood\" des de milers d'adreces.\n",
		   "La cooperativa està rebent un atac de denegació de servei "
		   "des d'ahir.");
}

/* What such a service or flaw can be used for is the risk, not what was
 * found. */
static void test_problem_is_not_what_a_flaw_allows(void **state)
{
	(void)state;
	problem_of_two_is("We found an Exchange server at 192.0.2.7 that is "
			  "vulnerable to CVE-2024-21410.",
			  "This type of flaw allows an attacker to log in with "
			  "stolen NTLM hashes.",
			  "We found an Exchange server at 192.0.2.7 that is "
			  "vulnerable to CVE-2024-21410.");
	problem_of_two_is("Wij hebben een kwetsbare Exchange-server "
			  "aangetroffen op 192.0.2.7.",
			  "Misbruik van deze kwetsbaarheid stelt een aanvaller "
			  "in staat om in te loggen.",
			  "Wij hebben een kwetsbare Exchange-server "
			  "aangetroffen op 192.0.2.7.");
	/* German: a service open to the Internet, and what it may be
	 * abused for. */
	problem_of_two_is(
	    "Die Systeme in Ihrem Netzbereich betreiben einen "
	    "offen aus dem Internet erreichbaren "
	    "Memcached-Server.",
	    "Offene Memcached-Server können für "
	    "DDoS-Reflection-Angriffe mit einem Faktor von bis zu "
	    "50.000 missbraucht werden.",
	    "Die Systeme in Ihrem Netzbereich betreiben einen "
	    "offen aus dem Internet erreichbaren "
	    "Memcached-Server.");
	/* What such hosts usually are. */
	problem_of_two_is("The following host in your network was found to "
			  "expose the Remote Desktop Protocol service to the "
			  "Internet:",
			  "Exposed RDP services are a frequent entry point for "
			  "ransomware operators and password-guessing attacks.",
			  "The following host in your network was found to "
			  "expose the Remote Desktop Protocol service to the "
			  "Internet:");
}

/* "This is an automated summary ..." says what the mail is, not what
 * happened. */
static void test_problem_is_not_what_the_mail_is(void **state)
{
	(void)state;
	problem_of_two_is("This is an automated summary generated by our "
			  "intrusion detection system.",
			  "It is sent to the networks whose hosts triggered "
			  "scan signatures against ours.",
			  "It is sent to the networks whose hosts triggered "
			  "scan signatures against ours.");
}

/* The text's first line, unpunctuated above a blank line, is its
 * heading: it names the kind, the sentence below tells what happened. */
static void test_problem_is_not_the_heading(void **state)
{
	(void)state;
	problem_of_two_is("PhishFeed Alert - active phishing on your network",
			  "The following phishing URLs were found on hosts "
			  "announced by your network.",
			  "The following phishing URLs were found on hosts "
			  "announced by your network.");
	/* A shop said to be fraudulent is the problem. */
	problem_is("Hello,\n\nWe have verified that the web shop "
		   "sale.example is a fraudulent online shop.\n",
		   "We have verified that the web shop sale.example is a "
		   "fraudulent online shop.");
}

/* What was not seen is no problem (German "nicht beobachtet"); a
 * reminder's words of the notice sent before ("we informed you") say
 * less than those of what goes on ("we still see"); an open resolver is
 * used in an amplification attack. */
static void test_problem_not_seen_reminder_amplification(void **state)
{
	(void)state;
	problem_is("Anmeldeversuche haben wir nicht beobachtet, es handelt "
		   "sich um Portscans.\n\nSeit gestern gibt es Portscans von "
		   "diesem Server.\n",
		   "Seit gestern gibt es Portscans von diesem Server.");
	problem_is("Last week we informed you about SSH scans from your "
		   "network.\n\nWe still see scans on port 22 from this "
		   "system.\n",
		   "We still see scans on port 22 from this system.");
	/* Advice, however it opens ("We also recommend that you ..."),
	 * says what to do, not what happened. */
	problem_is("We have found a phishing page hosted on your network.\n\n"
		   "We also recommend that you check the account for further "
		   "malicious content, as attackers often deploy phishing kits "
		   "on a compromised site.\n",
		   "We have found a phishing page hosted on your network.");
	problem_is("Am Montag hatten wir Sie über Portscans aus Ihrem Netz "
		   "informiert.\n\nLeider sehen wir weiterhin Portscans von "
		   "diesem System.\n",
		   "Leider sehen wir weiterhin Portscans von diesem System.");
	problem_is("We are under attack since yesterday evening.\n\nYour DNS "
		   "server is used in an amplification attack against us.\n",
		   "Your DNS server is used in an amplification attack "
		   "against us.");
}

/* Harm told in a person's plain words says the problem, over the
 * sentence that only says where the address is. */
static void test_problem_in_plain_words(void **state)
{
	(void)state;
	problem_is("Someone posted my home IP 192.0.2.7 in a chat.\n\nEvery "
		   "time I go live my internet gets knocked offline.\n",
		   "Every time I go live my internet gets knocked offline.");
	problem_is("When I looked it up, the site is on 192.0.2.7, which I "
		   "think is yours.\n\nThis morning the whole front page had "
		   "been replaced with a black page.\n",
		   "This morning the whole front page had been replaced with a "
		   "black page.");
	problem_is("The URL path suggests that the server hosts an old "
		   "blog.\n\nOur workstation downloaded a second-stage payload "
		   "from 192.0.2.7.\n",
		   "Our workstation downloaded a second-stage payload from "
		   "192.0.2.7.");
	problem_is("My husband says the site is on 192.0.2.7 in your network."
		   "\n\nThe page looked exactly like the bank's login page.\n",
		   "The page looked exactly like the bank's login page.");
	problem_is("From what I can tell the site is hosted on 192.0.2.7, one "
		   "of yours.\n\nA hotel site is using eleven of my "
		   "photographs without my permission.\n",
		   "A hotel site is using eleven of my photographs without my "
		   "permission.");
}

/* A few words and a colon above a list name what follows: the sentence
 * below that tells what happened is the problem. */
static void test_problem_is_not_a_caption(void **state)
{
	(void)state;
	problem_is("Peak rate : 2.1 Gbps\n\n"
		   "Top reflectors in your network:\n"
		   "  192.0.2.7     0.9 Gbps   monlist responses\n\n"
		   "Your server at 192.0.2.7 appears to be an open NTP server, "
		   "and it was used to reflect a large volume of traffic.\n",
		   "Your server at 192.0.2.7 appears to be an open NTP server, "
		   "and it was used to reflect a large volume of traffic.");
}

/* Harassment told in a person's words. */
static void test_problem_harassment(void **state)
{
	(void)state;
	problem_of_two_is("Hi,",
			  "For three weeks I have been receiving abusive and "
			  "threatening emails from someone.",
			  "For three weeks I have been receiving abusive and "
			  "threatening emails from someone.");
}

/* The harms a sentence says may follow are not done: "may be used to"
 * halves its problem words. Who the reporter is ("We operate
 * sinkholes") and what is not malicious do not tell the problem either. */
static void test_problem_is_not_what_may_follow(void **state)
{
	static const char found[] =
	    "The following hosts in your network contacted our sinkhole "
	    "during the last 24 hours, which strongly indicates that they "
	    "are infected.";

	(void)state;
	problem_of_two_is("We operate sinkholes for domains previously used "
			  "as command-and-control (C2) servers by malware "
			  "families. The following hosts in your network "
			  "contacted our sinkhole during the last 24 hours, "
			  "which strongly indicates that they are infected.",
			  "Infected hosts may be used to send spam, "
			  "participate in DDoS attacks or steal credentials. "
			  "The sinkhole addresses listed above belong to us; "
			  "they are not malicious and should not be blocked.",
			  found);
}

/* Czech: a cheated buyer's "jde o podvodný e-shop" beats a sentence that
 * only says where the shop runs ("nástroj na zjištění IP adresy", a tool
 * for finding out the address, is no finding). */
static void test_problem_czech_fake_shop(void **state)
{
	(void)state;
	problem_of_two_is("Teprve potom jsem zjistila, že jde o podvodný "
			  "e-shop.",
			  "Podle nástroje na zjištění IP adresy běží tato "
			  "stránka na adrese 192.0.2.7, která patří vaší "
			  "společnosti.",
			  "Teprve potom jsem zjistila, že jde o podvodný "
			  "e-shop.");
}

/* Italian: a page that imitates a login is the problem, not where the
 * domain points; a reminder's "still active" tells it too. */
static void test_problem_italian_imitation_and_reminder(void **state)
{
	(void)state;
	problem_of_two_is("I clienti hanno ricevuto un'e-mail che invita a "
			  "scaricare la fattura da una pagina che imita il "
			  "login di Microsoft 365.",
			  "Il dominio punta all'indirizzo IP 192.0.2.7, che "
			  "risulta appartenere alla vostra rete.",
			  "I clienti hanno ricevuto un'e-mail che invita a "
			  "scaricare la fattura da una pagina che imita il "
			  "login di Microsoft 365.");
	problem_of_two_is("Vi avevamo segnalato il sito di phishing il "
			  "23/03/2026.",
			  "Il sito di phishing è ancora attivo.",
			  "Il sito di phishing è ancora attivo.");
}

/* What the writer does not know is no problem; the traffic they saw
 * is. */
static void test_problem_is_not_a_doubt(void **state)
{
	(void)state;
	problem_of_two_is("Our mail server has been getting a lot of "
			  "connections from 192.0.2.7 over the last week.",
			  "I don't know if this is malicious or just a "
			  "misconfigured server.",
			  "Our mail server has been getting a lot of "
			  "connections from 192.0.2.7 over the last week.");
}

/* A problem word denied ("has not been compromised") or a sentence that
 * says whose the address is by the registry ("valt volgens de RIPE-database
 * onder uw beheer") is not the problem. */
static void test_problem_is_not_a_denial_or_the_registry(void **state)
{
	(void)state;
	problem_is("Our real mail server is 192.0.2.7 and it has not been "
		   "compromised. The lookalike domain on 192.0.2.7 sends "
		   "phishing mails to our customers.",
		   "The lookalike domain on 192.0.2.7 sends phishing mails to "
		   "our customers.");
	problem_is("Het adres 192.0.2.7 valt volgens de RIPE-database onder "
		   "uw beheer. Onze server wordt al dagen bestookt met "
		   "SSH-inlogpogingen vanaf 192.0.2.7.",
		   "Onze server wordt al dagen bestookt met SSH-inlogpogingen "
		   "vanaf 192.0.2.7.");
}

static void test_problem_is_never_a_command_line(void **state)
{
	(void)state;
	problem_is("curl -v -H \"Host: shop.example\" "
		   "http://192.0.2.7/phishing/malware-detected\n\n"
		   "We observed SSH attacks from 192.0.2.7.\n",
		   prose);
	problem_is("You can confirm the attack: wget http://192.0.2.7/x "
		   "detected malware\n",
		   NULL);
	problem_is("$ ssh root@192.0.2.7 attack detected malware botnet\n",
		   NULL);
}

static void test_telnet_in_prose_is_no_command(void **state)
{
	(void)state;
	problem_is("telnet is exposed and we detected attacks from "
		   "192.0.2.7.\n",
		   "telnet is exposed and we detected attacks from "
		   "192.0.2.7.");
}

static void test_problem_is_never_a_whois_or_header_line(void **state)
{
	(void)state;
	problem_is("descr: Hosting provider with compromised and infected "
		   "malware botnet servers in the attack network\n\n"
		   "We observed SSH attacks from 192.0.2.7.\n",
		   prose);
	problem_is("Subject: Phishing attack detected on 192.0.2.7 with "
		   "malware and botnet traffic observed today\n",
		   NULL);
}

static void test_short_field_is_no_problem(void **state)
{
	(void)state;
	problem_is("Source IP: 192.0.2.7\nAttack type: brute force\n", NULL);
}

static void test_problem_is_never_json_or_xml(void **state)
{
	(void)state;
	problem_is("{\"type\": \"phishing\", \"detected\": \"malware attack on "
		   "192.0.2.7\"}\n",
		   NULL);
	problem_is("<report><type>phishing attack detected</type><ip>192.0.2.7"
		   "</ip></report>\n",
		   NULL);
}

static void test_problem_is_never_a_table_csv_or_log_row(void **state)
{
	(void)state;
	problem_is("| 192.0.2.7 | brute force attack detected | ssh |\n", NULL);
	problem_is("2024-05-06 10:00:00,192.0.2.7,ssh,brute,attack,detected\n",
		   NULL);
	problem_is("May 6 10:22:01 gw sshd[1234]: attack detected, failed "
		   "password for root from 192.0.2.7 port 50123 ssh2\n",
		   NULL);
	problem_is("2024-05-06 10:22:01 attack detected from 192.0.2.7 by the "
		   "malware sensor\n",
		   NULL);
	problem_is("192.0.2.7 192.0.2.8 192.0.2.9 198.51.100.1 attack\n", NULL);
	problem_is(
	    "Time Source Target Threat Kind Seen\n"
	    "02:10 192.0.2.7:5123 198.51.100.1:22 SSH attack probe EDT\n"
	    "02:11 192.0.2.7:5124 198.51.100.1:22 SSH attack probe EDT\n",
	    NULL);
	/* A row of aligned columns that opens with an address. */
	problem_is("Addresses listed:\n\n  192.0.2.7     SpamGrid CBL, L1   "
		   "since 2025-03-14  (spam trap hits detected)\n",
		   NULL);
	/* An HTML table's row: its cells apart by tabs. */
	problem_is("\t192.0.2.7\tTCP/23, TCP/2323\t1,517\tET SCAN Telnet "
		   "brute-force scan detected from the host\n",
		   NULL);
}

static void test_prose_with_many_numbers_is_a_sentence(void **state)
{
	(void)state;
	problem_is("On 2024-05-06 at 10:22:01 UTC, 192.0.2.7 attacked "
		   "203.0.113.5 on port 22.\n",
		   "On 2024-05-06 at 10:22:01 UTC, 192.0.2.7 attacked "
		   "203.0.113.5 on port 22.");
	problem_is("We saw 1,204 SSH attacks from 192.0.2.7 between 02:10:00 "
		   "and 04:55:00 UTC.\n",
		   "We saw 1,204 SSH attacks from 192.0.2.7 between 02:10:00 "
		   "and 04:55:00 UTC.");
}

static void test_fields_run_together_are_no_sentence(void **state)
{
	(void)state;
	problem_is("IP address: 192.0.2.7 Port: 443 Malware: Qbot detected "
		   "First seen: 2024-05-06 attack botnet infected host\n",
		   NULL);
}

static void test_problem_is_never_a_bare_url(void **state)
{
	(void)state;
	problem_is("hxxp://phishing-attack.example/malware/detected.php "
		   "(192.0.2.7)\n",
		   NULL);
}

static void test_problem_is_never_a_signature(void **state)
{
	(void)state;
	problem_is("Sincerely, the team that detected the attacks, the malware "
		   "and the botnet on 192.0.2.7\n",
		   NULL);
	problem_is("This email and any attachments are confidential; malware "
		   "attack detected on 192.0.2.7 is no excuse.\n",
		   NULL);
}

static void test_line_announcing_the_issue_wins(void **state)
{
	(void)state;
	problem_is("The host 192.0.2.7 is infected with malware.\n\n"
		   "Issue: Botnet infection detected\n",
		   "Issue: Botnet infection detected");
	/* A key whose value only names the kind announces nothing. */
	problem_is("Threat Type: Credential Phishing\n\n"
		   "We have identified a phishing site targeting our customers "
		   "on infrastructure under your administration.\n",
		   "We have identified a phishing site targeting our customers "
		   "on infrastructure under your administration.");
}

static void test_bullet_or_rule_before_a_sentence_is_dropped(void **state)
{
	(void)state;
	problem_is("------ We observed SSH attacks from 192.0.2.7.\n", prose);
	problem_is("- Issue: Botnet infection detected\n",
		   "Issue: Botnet infection detected");
}

static void test_hedged_sentence_loses_to_a_statement(void **state)
{
	(void)state;
	problem_is("The host may be used for spam, malware and attacks.\n\n"
		   "We detected brute force attacks.\n",
		   "We detected brute force attacks.");
}

static void test_conditional_sentence_loses_to_a_statement(void **state)
{
	(void)state;
	problem_is("We observed brute force attacks.\n\n"
		   "If further attacks, malware or phishing are detected, the "
		   "host is blocked.\n",
		   "We observed brute force attacks.");
}

static void test_problem_words_of_other_languages(void **state)
{
	(void)state;
	problem_is("Sehr geehrte Damen und Herren, bitte beachten Sie die "
		   "Hinweise.\n\n"
		   "Wir haben einen Angriff von Ihrem Netz festgestellt.\n",
		   "Wir haben einen Angriff von Ihrem Netz festgestellt.");
	problem_is("Merci de votre attention et de votre aide.\n\n"
		   "Nous avons decouvert un site de phishing chez vous.\n",
		   "Nous avons decouvert un site de phishing chez vous.");
	problem_is("Een melding betekent dat er phishing kan zijn.\n\n"
		   "Wij hebben een melding ontvangen van phishing in uw "
		   "netwerk.\n",
		   "Wij hebben een melding ontvangen van phishing in uw "
		   "netwerk.");
}

static struct report *analyze(const char *mail)
{
	struct err e = {{0}};
	struct report *r = analysis_run(mail, strlen(mail), NULL, &e);

	assert_non_null(r);
	return r;
}

/* A wrapped prose line with a colon in it ("the reflectors: it answered
 * ...") goes on its sentence; a "Key: value" line stays a field. */
static void test_colon_in_wrapped_prose_is_no_field(void **state)
{
	char raw[4096];
	FILE *f =
	    fopen("tests/fixtures/analysis/problem_wrapped_colon.eml", "rb");
	size_t len;
	struct err e = {{0}};
	struct report *r;

	(void)state;
	if (!f)
		fail_msg("cannot open the fixture (tests run from the "
			 "repository root)");
	len = fread(raw, 1, sizeof raw, f);
	fclose(f);
	r = analysis_run(raw, len, NULL, &e);
	assert_non_null(r);
	assert_non_null(r->problem);
	assert_string_equal(r->problem,
			    "just a heads-up: 192.0.2.7 ran a full TCP port "
			    "scan against our servers this morning.");
	report_free(r);
	problem_is("The host is one of\nthe reflectors: it answered "
		   "192.0.2.7 queries.\nSource: 192.0.2.7\n",
		   "The host is one of the reflectors: it answered 192.0.2.7 "
		   "queries.");
}

/* What was found beats what such things can do in general. */
static void test_background_sentence_loses_to_the_finding(void **state)
{
	char raw[4096];
	FILE *f = fopen("tests/fixtures/analysis/problem_background.eml", "rb");
	size_t len;
	struct err e = {{0}};
	struct report *r;

	(void)state;
	if (!f)
		fail_msg("cannot open the fixture (tests run from the "
			 "repository root)");
	len = fread(raw, 1, sizeof raw, f);
	fclose(f);
	r = analysis_run(raw, len, NULL, &e);
	assert_non_null(r);
	assert_non_null(r->problem);
	assert_string_equal(r->problem,
			    "we found memcached servers in your network that "
			    "answer on UDP port 11211 to anyone.");
	report_free(r);
	problem_is("Hosts in your network respond to recursive DNS queries "
		   "from anywhere:\n\nOpen resolvers are used in DNS "
		   "amplification DDoS attacks.\n",
		   "Hosts in your network respond to recursive DNS queries "
		   "from anywhere:");
}

static void test_prose_problem_is_not_derived(void **state)
{
	struct report *r = analyze(
	    "From: abuse@reporter.example\nTo: abuse@isp.example\n"
	    "Subject: Attacks from 192.0.2.7\n\n"
	    "We observed SSH brute force attacks from 192.0.2.7 against our "
	    "servers.\n");

	(void)state;
	assert_non_null(r->problem);
	assert_false(r->problem_derived);
	assert_non_null(strstr(r->problem, "We observed SSH"));
	report_free(r);
}

/* An ARF report's problem comes from its fields, with the arrival time. */
static void test_arf_problem_is_derived_from_its_fields(void **state)
{
	struct report *r = analyze(
	    "From: fbl@mailbox.example\nTo: abuse@isp.example\n"
	    "Subject: FW: spam\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=feedback-report; "
	    "boundary=\"b1\"\n\n"
	    "--b1\nContent-Type: text/plain\n\n"
	    "This is an email abuse report for a message from 192.0.2.7.\n"
	    "--b1\nContent-Type: message/feedback-report\n\n"
	    "Feedback-Type: abuse\nUser-Agent: fbl/1.0\nVersion: 1\n"
	    "Source-IP: 192.0.2.7\n"
	    "Arrival-Date: Mon, 6 May 2024 10:00:00 +0000\n"
	    "--b1--\n");

	(void)state;
	assert_true(r->problem_derived);
	assert_string_equal(r->problem,
			    "Spam sent from 192.0.2.7, reported as abuse: at "
			    "Mon, 6 May 2024 10:00:00 +0000");
	report_free(r);
}

/* A body of a few words beside a text attachment that asks for
 * something: the attachment's words are the report's. */
static const char cover_mail[] =
    "From: soc@mitigate.example\nTo: abuse@isp.example\n"
    "Subject: Attack notification FS-1\nMIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"c1\"\n\n"
    "--c1\nContent-Type: text/plain\n\n"
    "This is an automated message. The notification is attached.\n"
    "--c1\nContent-Type: text/plain; name=\"notification.txt\"\n"
    "Content-Disposition: attachment; filename=\"notification.txt\"\n\n"
    "Sources in your network:\n  192.0.2.60\n\n"
    "The host listed above sent attack traffic to our customer.\n"
    "We ask you to identify the responsible customer and stop the "
    "traffic.\n"
    "--c1--\n";

static void test_cover_note_attachment_is_read(void **state)
{
	struct report *r = analyze(cover_mail);

	(void)state;
	assert_non_null(r->action);
	assert_non_null(strstr(r->action, "identify the responsible customer"));
	assert_int_equal(r->n_attachments, 1);
	report_free(r);
}

/* The same attachment beside a body that says more is an attachment:
 * the body's own words are the report. */
static void test_long_body_attachment_is_not_read(void **state)
{
	static const char mail[] =
	    "From: soc@mitigate.example\nTo: abuse@isp.example\n"
	    "Subject: Notification\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/mixed; boundary=\"c1\"\n\n"
	    "--c1\nContent-Type: text/plain\n\n"
	    "Our monitoring saw a flood of UDP packets from 192.0.2.60 "
	    "against our customer's game servers between 10:00 and 11:00 "
	    "UTC on Monday. The packets came from port 123 and look like "
	    "an NTP amplification. The attached file holds a sample of "
	    "what we captured, for your own records and your customer's; "
	    "we have filtered the traffic on our side and need nothing "
	    "more from you at this point.\n"
	    "--c1\nContent-Type: text/plain; name=\"sample.txt\"\n"
	    "Content-Disposition: attachment; filename=\"sample.txt\"\n\n"
	    "Please stop the attack.\n"
	    "--c1--\n";
	struct report *r = analyze(mail);

	(void)state;
	assert_null(r->action);
	report_free(r);
}

/* A reply that closes the case above the mails it answers: what the
 * oldest of them asked is answered. */
static const char closing_thread[] =
    "From: ops@game.example\nTo: abuse@isp.example\n"
    "Subject: Re: [Abuse #4471] Flood from 192.0.2.101\n\n"
    "Hello,\n\nthe flood from 192.0.2.101 ended on Monday. "
    "No further action is needed from your side.\n\nOps\n\n"
    "%s"
    "Hello abuse team,\n\n192.0.2.101 is flooding our game servers "
    "with UDP traffic.\nPlease stop this attack immediately.\n";

static void test_closed_thread_asks_nothing(void **state)
{
	static const char *const breaks[] = {
	    "-----------------------------------------\n",
	    "From: Ops <ops@game.example>\nSent: Monday, June 3, 2024\n"
	    "To: abuse@isp.example\n\n",
	    "On Mon, 3 Jun 2024, Ops <ops@game.example> wrote:\n"};
	char mail[2048];
	struct report *r;

	(void)state;
	for (size_t i = 0; i < sizeof breaks / sizeof *breaks; i++) {
		snprintf(mail, sizeof mail, closing_thread, breaks[i]);
		r = analyze(mail);
		assert_null(r->action);
		report_free(r);
	}
	/* No older mail between: the request stands. */
	snprintf(mail, sizeof mail, closing_thread, "");
	r = analyze(mail);
	assert_non_null(r->action);
	report_free(r);
}

/* An ARF spam report whose words say the mail was phishing is about
 * phishing; one that says nothing more is about spam. */
static void test_arf_said_phishing_is_phishing(void **state)
{
	static const char fmt[] =
	    "From: fbl@trap.example\nTo: abuse@isp.example\n"
	    "Subject: Abuse report for 192.0.2.80\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/report; report-type=feedback-report; "
	    "boundary=\"b1\"\n\n"
	    "--b1\nContent-Type: text/plain\n\n"
	    "This is an email abuse report for a message from 192.0.2.80.\n"
	    "%s"
	    "--b1\nContent-Type: message/feedback-report\n\n"
	    "Feedback-Type: abuse\nUser-Agent: trap/1.0\nVersion: 1\n"
	    "Source-IP: 192.0.2.80\n"
	    "--b1--\n";
	char mail[1024];
	struct report *r;

	(void)state;
	snprintf(mail, sizeof mail, fmt,
		 "The mail was phishing: it imitated a bank's login page.\n");
	r = analyze(mail);
	assert_string_equal(r->category, "content");
	assert_string_equal(r->type, "phishing");
	report_free(r);
	snprintf(mail, sizeof mail, fmt, "");
	r = analyze(mail);
	assert_string_equal(r->type, "spam");
	report_free(r);
}

/* A phishing mail attached, sent from another network: the site the
 * reporter says is on the recipient's server is the offender, and the
 * sender the reporter says is not the recipient's is none. */
static const char attached_lure[] =
    "From: ingrid@mail.example\nTo: abuse@isp.example\n"
    "Subject: Phishing\nMIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"m1\"\n\n"
    "--m1\nContent-Type: text/plain; charset=utf-8\n\n"
    "%s\n"
    "--m1\nContent-Type: message/rfc822\n\n"
    "Received: from mx.lure.example (mx.lure.example [198.51.100.147])\n"
    "\tby mx.mail.example; Mon, 10 Jun 2024 08:00:00 +0000\n"
    "From: Bank <service@bank.example>\nSubject: Verify\n\n"
    "Log in here: http://192.0.2.222/bank/login\n"
    "--m1--\n";

static void test_attached_lure_names_the_site(void **state)
{
	static const char *const words[] = {
	    "The link goes to a fake bank site that is on your server "
	    "192.0.2.222. Please take it offline.",
	    "The link goes to the site at 192.0.2.222. The mails came from "
	    "198.51.100.147, which is not in your network. Please take the "
	    "site offline."};
	char mail[2048];

	(void)state;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		struct report *r;
		snprintf(mail, sizeof mail, attached_lure, words[i]);
		r = analyze(mail);
		assert_true(r->n_ips >= 1);
		assert_string_equal(r->ips[0].text, "192.0.2.222");
		for (size_t k = 0; k < r->n_ips; k++)
			if (strcmp(r->ips[k].text, "198.51.100.147") == 0)
				assert_int_not_equal(r->ips[k].role,
						     REPORT_IP_OFFENDER);
		report_free(r);
	}
}

/* A follow-up that quotes our acknowledgement below a new request, about
 * a site with no address named, is a report that asks. */
static void test_request_above_quoted_acknowledgement(void **state)
{
	struct report *r = analyze(
	    "From: jessa@mail.example\nTo: abuse@isp.example\n"
	    "Subject: Re: [Ticket#1234] Page about me\n\n"
	    "Hello again,\n\nthe page with my address is still there: "
	    "hxxps://board[.]example/t/jessa\n\n"
	    "Please remove the page as soon as possible.\n\nJessa\n\n"
	    "On Mon, 10 Jun 2024, Abuse Desk <abuse@isp.example> wrote:\n"
	    "> Thank you for contacting us. Your report has been received and\n"
	    "> assigned ticket number 1234.\n");

	(void)state;
	assert_false(r->no_report);
	assert_non_null(r->action);
	assert_non_null(strstr(r->action, "remove the page"));
	report_free(r);
}

/* A feed's CSV rows give the port, the protocol, the count and the span. */
static void test_csv_feed_problem_is_derived(void **state)
{
	struct report *r =
	    analyze("From: feeds@feed.example\nTo: abuse@isp.example\n"
		    "Subject: Open service report\nMIME-Version: 1.0\n"
		    "Content-Type: multipart/mixed; boundary=\"b2\"\n\n"
		    "--b2\nContent-Type: text/plain\n\n"
		    "Attached is the list.\n"
		    "--b2\nContent-Type: text/csv\n"
		    "Content-Disposition: attachment; "
		    "filename=\"2024-05-06-scan_memcached-asn.csv\"\n\n"
		    "timestamp,ip,protocol,port,hostname\n"
		    "2024-05-06 02:10:00,192.0.2.7,udp,11211,-\n"
		    "2024-05-06 04:55:00,192.0.2.7,udp,11211,198.51.100.9\n"
		    "--b2--\n");

	(void)state;
	assert_true(r->problem_derived);
	assert_non_null(strstr(r->problem, "on 192.0.2.7 port 11211/udp"));
	assert_non_null(strstr(r->problem, "reported as scan_memcached"));
	/* "-" and an address are no domain. */
	assert_null(strstr(r->problem, "domain"));
	assert_non_null(strstr(r->problem, ": 2 records between 2024-05-06 "
					   "02:10:00 and 2024-05-06 04:55:00"));
	report_free(r);
}

/* A mail of a command and a table only states no problem of its own. */
static void test_command_and_table_mail_gets_a_derived_problem(void **state)
{
	struct report *r = analyze(
	    "From: abuse@reporter.example\nTo: abuse@isp.example\n"
	    "Subject: phishing\n\n"
	    "curl -v -H \"Host: bank-login.example\" http://192.0.2.7/\n\n"
	    "| url | ip |\n| http://bank-login.example/ | 192.0.2.7 |\n");

	(void)state;
	assert_true(r->problem_derived);
	assert_non_null(strstr(r->problem, "192.0.2.7"));
	assert_null(strstr(r->problem, "curl"));
	report_free(r);
}

/* A sentence that points at the report elsewhere ("the complaint quoted
 * below") loses to the one that states the deed, even without the
 * address; with no such sentence, none is the problem. */
static void test_wrapper_sentence_loses_to_the_deed(void **state)
{
	(void)state;
	problem_is("We have received the abuse complaint quoted below about "
		   "192.0.2.7.\n\n"
		   "The host 192.0.2.7 has been trying to log in to our mail "
		   "server all night.\n",
		   "The host 192.0.2.7 has been trying to log in to our mail "
		   "server all night.");
	problem_is("This is an automated message about 192.0.2.7, see below "
		   "for details.\n\n"
		   "Reason: spam\n\n"
		   "The address was seen delivering unsolicited mail to our "
		   "spamtraps.\n",
		   "The address was seen delivering unsolicited mail to our "
		   "spamtraps.");
	problem_is("Please see below the report we received for your "
		   "network.\n",
		   NULL);
}

/* What a phishing page does, or that a service answers anyone, says the
 * problem better than where it is hosted. */
static void test_deed_outweighs_the_location(void **state)
{
	(void)state;
	problem_is("We found phishing pages which imitate a bank to steal "
		   "logins.\nThey are hosted on 192.0.2.7 in your network:\n",
		   "We found phishing pages which imitate a bank to steal "
		   "logins.");
	problem_is("Our crawler detected a phishing page for a mail provider.\n"
		   "It is served from 192.0.2.7 in your network:\n",
		   "Our crawler detected a phishing page for a mail provider.");
	problem_is("We received 12 complaints from buyers about the shop "
		   "shoes.example on 192.0.2.7.\nThe shop takes payment in "
		   "advance and never delivers.\n",
		   "The shop takes payment in advance and never delivers.");
	problem_is("It has come to our attention that your network hosts "
		   "pirated films.\nThe files are at these locations on "
		   "192.0.2.7:\n",
		   "It has come to our attention that your network hosts "
		   "pirated films.");
}

/* Whose the address is says where the problem is: what a person was sent
 * or was cheated of says what it is, in each language with a word file. */
static void test_problem_is_what_happened_not_whose_address(void **state)
{
	(void)state;
	problem_is("The site is served from 192.0.2.7, which belongs to "
		   "your organisation.\n\n"
		   "It takes payment by bank transfer and never ships the "
		   "goods.\n",
		   "It takes payment by bank transfer and never ships the "
		   "goods.");
	problem_is("For two weeks I have been getting 20 emails a day "
		   "about casino bonuses.\n\n"
		   "The headers say they come from 192.0.2.7, which is "
		   "registered to you.\n",
		   "For two weeks I have been getting 20 emails a day "
		   "about casino bonuses.");
	problem_is("Veertig klanten hebben een fiets betaald die nooit is "
		   "geleverd.\n\n"
		   "De webwinkel draait op 192.0.2.7 in uw netwerk.\n",
		   "Veertig klanten hebben een fiets betaald die nooit is "
		   "geleverd.");
	problem_is("Die Adresse 192.0.2.7 gehört zu Ihrem Netz.\n\n"
		   "Wir bekommen seit Montag 30 Mails pro Tag mit "
		   "Werbung.\n",
		   "Wir bekommen seit Montag 30 Mails pro Tag mit "
		   "Werbung.");
	/* Naming the address still counts when nothing else is said. */
	problem_is("The address 192.0.2.7 belongs to your network and "
		   "attacked our mail server.\n",
		   "The address 192.0.2.7 belongs to your network and "
		   "attacked our mail server.");
}

/* Each language with a problem word file: the sentence that says what
 * the address did, not the one that says whose it is (both name it). */
/* Fraud said of what is done is a problem, with no address named (a
 * URL-only report); a fraud team is none. */
static void test_problem_fraud_said_of_what_is_done(void **state)
{
	static const char text[] =
	    "Dear Sir,\n\nI paid the fee on 28 May and nobody replies.\n"
	    "The office says there is no such offer, so this is fraud using "
	    "your name.\n";
	static const char team[] =
	    "Dear Sir,\n\nOur fraud team has read your mail.\n";
	char *p = lines_problem(text, strlen(text), NULL, 0);

	(void)state;
	assert_non_null(p);
	assert_non_null(strstr(p, "this is fraud"));
	free(p);
	assert_null(lines_problem(team, strlen(team), NULL, 0));
}

/* What a scanner says it does not do lists harms that were not done. */
static void test_problem_harms_not_done_are_none(void **state)
{
	static const char text[] =
	    "Hello,\n\nWe do not attempt to log in, send exploits or request "
	    "any content beyond the handshake.\n";
	char *p = lines_problem(text, strlen(text), NULL, 0);

	(void)state;
	assert_null(p);
}

static void test_problem_words_in_other_languages(void **state)
{
	static const char *const pairs[][2] = {
	    {"L'indirizzo 192.0.2.7 appartiene alla vostra rete.",
	     "Abbiamo rilevato attacchi SSH dall'indirizzo 192.0.2.7."},
	    {"O endereço 192.0.2.7 pertence à sua rede.",
	     "Foram observadas tentativas de login a partir de 192.0.2.7."},
	    {"Adres 192.0.2.7 należy do Państwa sieci.",
	     "Wykryliśmy atak z adresu 192.0.2.7 na nasz serwer."},
	    {"Адрес 192.0.2.7 принадлежит вашей сети.",
	     "С адреса 192.0.2.7 зафиксирован подбор паролей SSH."},
	    {"192.0.2.7は貴社に割り当てられています。",
	     "192.0.2.7からの攻撃を検知しました。"},
	    {"192.0.2.7属于贵方网络。", "我们检测到来自192.0.2.7的攻击。"},
	    /* Czech, Swedish, Ukrainian, Korean and Turkish, each from its
	     * own word file. */
	    {"Obracíme se na Vás jako na poskytovatele serveru 192.0.2.7.",
	     "Na serveru 192.0.2.7 je umístěn škodlivý soubor."},
	    {"Adressen 192.0.2.7 tillhör ert nätverk.",
	     "Vi har upptäckt inloggningsförsök från 192.0.2.7."},
	    {"Адреса 192.0.2.7 належить вашій компанії.",
	     "Ми виявили фішинговий сайт на адресі 192.0.2.7."},
	    {"192.0.2.7 주소에 대해 연락드립니다.",
	     "192.0.2.7에서 피싱 사이트가 발견되었습니다."},
	    {"192.0.2.7 adresi sizin müşterinize aittir.",
	     "192.0.2.7 adresinden kaba kuvvet saldırısı tespit edildi."},
	    /* Published without consent (Turkish): what happened. */
	    {"Merhaba, ben 192.0.2.7 hakkında yazıyorum.",
	     "192.0.2.7 adresindeki sitede kişisel verilerim izinsiz olarak "
	     "yayınlanmıştır."},
	    /* A risk ("おそれがあります") or a guess ("вероятно") is weaker
	     * than what was seen. */
	    {"192.0.2.7は攻撃の踏み台として悪用されるおそれがあります。",
	     "192.0.2.7でオープンリゾルバが稼働していることを確認いたし"
	     "ました。"},
	    {"Узел 192.0.2.7, вероятно, заражён.",
	     "Узел 192.0.2.7 обращается к серверам ботнета, это "
	     "зафиксировано."},
	};
	(void)state;
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		problem_of_two_is(pairs[i][0], pairs[i][1], pairs[i][1]);
}

/* Who sends a notice for whom, what services of a kind are used for,
 * a guess and a greeting-like count of reports lose to what the address
 * did: each pair's second sentence wins through a word of its own file. */
static void test_problem_preamble_and_background_lose(void **state)
{
	static const char *const pairs[][2] = {
	    {"We write to you on behalf of Example Films as their authorized "
	     "agent regarding infringing activity.",
	     "The client at 192.0.2.7 shared an unlicensed copy of the "
	     "film."},
	    {"Summary of events, first observed on Monday:",
	     "Our terminal server has seen thousands of failed logons from "
	     "192.0.2.7."},
	    {"Services like these are used as amplifiers in DDoS attacks.",
	     "The host 192.0.2.7 answers unauthenticated memcached queries."},
	    {"Servidores como este são frequentemente abusados em ataques "
	     "DDoS.",
	     "Detetámos um varrimento de portos a partir de 192.0.2.7."},
	    {"Wij ontvingen meldingen over deze website.",
	     "Het betreft een frauduleuze webwinkel."},
	    {"送信元は192.0.2.7のようです。", "スパムを検知しました。"},
	};
	(void)state;
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		problem_of_two_is(pairs[i][0], pairs[i][1], pairs[i][1]);
}

/* A colon after a long opening is prose going on, not a field: the
 * sentence runs on over the wrap. Chinese fields with a full-width colon
 * are lines of their own, not one long sentence. */
static void test_colon_in_prose_and_full_width_fields(void **state)
{
	(void)state;
	problem_is("FYI and for action: one of your customers is the target "
		   "of a volumetric\nDDoS attack, and we had to blackhole the "
		   "address 192.0.2.7.\n",
		   "FYI and for action: one of your customers is the target of "
		   "a volumetric DDoS attack, and we had to blackhole the "
		   "address 192.0.2.7.");
	problem_is("恶意程序下载地址：hxxp://192.0.2.7/a.exe\n"
		   "恶意程序名称：Trojan.Agent（远程控制木马）\n"
		   "首次发现时间：2026年12月2日\n\n"
		   "我中心发现，IP地址192.0.2.7上存在恶意程序传播行为。\n",
		   "我中心发现，IP地址192.0.2.7上存在恶意程序传播行为。");
}

/* A date written "24. 11. 2026", Italian references ("ns. rif.") and a
 * salutation on the line above do not cut a sentence or join it; the
 * items of a list opened by bullets ("■") are lines of their own. */
static void test_dates_references_and_salutations(void **state)
{
	(void)state;
	problem_is("Z adresy 192.0.2.7 probíhají od 24. 11. 2026 opakované "
		   "pokusy o zneužití zranitelností.\n",
		   "Z adresy 192.0.2.7 probíhají od 24. 11. 2026 opakované "
		   "pokusy o zneužití zranitelností.");
	problem_is(
	    "Vi sollecitiamo in merito alla segnalazione (ns. rif. "
	    "PH-1, Vs. rif. KH-2): il sito di phishing su 192.0.2.7 è "
	    "ancora attivo.\n",
	    "Vi sollecitiamo in merito alla segnalazione (ns. rif. PH-1, "
	    "Vs. rif. KH-2): il sito di phishing su 192.0.2.7 è ancora "
	    "attivo.");
	problem_is("■攻撃元IPアドレス　192.0.2.7\n"
		   "■件数　約86,000件（うち312件でログイン成功）\n"
		   "■攻撃先　www.shop.example\n\n"
		   "当社のサイトに対し、192.0.2.7から大量の不正ログイン試行が"
		   "行われております。\n",
		   "当社のサイトに対し、192.0.2.7から大量の不正ログイン試行が"
		   "行われております。");
	problem_is("Prezados,\nIdentificamos uma página fraudulenta "
		   "hospedada no endereço IP 192.0.2.7.\n",
		   "Identificamos uma página fraudulenta hospedada no endereço "
		   "IP 192.0.2.7.");
}

/* Why the notice came to this mailbox is no problem; what a sensor
 * recorded the address doing is. What the sender writes now outweighs
 * the earlier mail quoted below it, however much that one says. */
static void test_notice_reason_and_quoted_original_lose(void **state)
{
	(void)state;
	problem_of_two_is("You receive this notice because you are listed "
			  "as the abuse contact for 192.0.2.0/24.",
			  "Our sensors recorded 192.0.2.7 probing 3,412 "
			  "ports.",
			  "Our sensors recorded 192.0.2.7 probing 3,412 "
			  "ports.");
	problem_is("We reported it last week and the phishing site on "
		   "192.0.2.7 is still online.\n\n"
		   "> We found a phishing site impersonating our bank, hosted "
		   "on 192.0.2.7 in your network.\n",
		   "We reported it last week and the phishing site on "
		   "192.0.2.7 is still online.");
}

/* A sentence that only says where ("hosted on ADDR in your network")
 * counts half of it: one that says what happened wins. */
static void test_problem_where_alone_counts_half(void **state)
{
	(void)state;
	problem_is("The shop is hosted on 192.0.2.7 in your network.\n\n"
		   "Customers paid for bikes but never received them.\n",
		   "Customers paid for bikes but never received them.");
	problem_is("We saw repeated attempts to exploit CVE-2021-44228 from "
		   "192.0.2.7.\n\n"
		   "The payload points to 203.0.113.9, an attacker server that "
		   "is not in your network.\n",
		   "We saw repeated attempts to exploit CVE-2021-44228 from "
		   "192.0.2.7.");
	problem_is("The address 192.0.2.7 appears to be an open reflector.\n\n"
		   "Our network was hit by a DDoS attack from 192.0.2.7.\n",
		   "Our network was hit by a DDoS attack from 192.0.2.7.");
}

/* A sentence may open with a date and hold a time ("12.03.2026 between
 * 03:10 and 03:55 ..."): a word between them makes it prose, not a log
 * row. A line ending in a colon goes on the sentence that runs into it,
 * even when it opens with a capital noun ("... als\nReflektoren
 * missbraucht:"). */
static void test_problem_dated_sentence_and_colon_line(void **state)
{
	(void)state;
	problem_is("12.03.2026 between 03:10 and 03:55 the host 192.0.2.7 "
		   "attacked our mail server.\n",
		   "12.03.2026 between 03:10 and 03:55 the host 192.0.2.7 "
		   "attacked our mail server.");
	problem_is("Am 11.03.2026 wurden offene DNS-Resolver aus Ihrem Netz "
		   "als\nReflektoren missbraucht:\n\n192.0.2.7  53/udp\n",
		   "Am 11.03.2026 wurden offene DNS-Resolver aus Ihrem Netz "
		   "als Reflektoren missbraucht:");
	problem_is("2026-03-12 03:10:44 192.0.2.7 attack detected\n", NULL);
}

/* What a host attempted is what happened; a generality about such hosts
 * ("in our experience ... usually") is what is likely. */
static void test_problem_attempt_over_generality(void **state)
{
	(void)state;
	problem_is("Between 02:11 and 05:47 UTC the host 192.0.2.7 attempted "
		   "1,184 SSH password logins against 6 of our sensors.\n\n"
		   "In our experience such hosts are usually compromised "
		   "themselves and have been added to a brute-force botnet.\n",
		   "Between 02:11 and 05:47 UTC the host 192.0.2.7 attempted "
		   "1,184 SSH password logins against 6 of our sensors.");
	/* What such a service "is often exploited" for is what may
	 * follow, not what was found. */
	problem_is("We identified an exposed SMB service on 192.0.2.7, "
		   "reachable from the internet:\n\nAn exposed SMB service "
		   "is often exploited to spread ransomware and for "
		   "brute-force attacks on user accounts.\n",
		   "We identified an exposed SMB service on 192.0.2.7, "
		   "reachable from the internet:");
	problem_is("Identificámos um sistema na vossa rede com o serviço SMB "
		   "(192.0.2.7) acessível a partir da Internet:\n\nUm serviço "
		   "SMB exposto é frequentemente explorado para a propagação "
		   "de ransomware e para ataques de força bruta a contas de "
		   "utilizador.\n",
		   "Identificámos um sistema na vossa rede com o serviço SMB "
		   "(192.0.2.7) acessível a partir da Internet:");
	/* What such services "are routinely abused" for, and what such
	 * connections "indicate", explain the finding; they are not it. */
	problem_is("During our weekly measurement we found an open recursive "
		   "DNS resolver in your network at 192.0.2.53.\n\nOpen "
		   "resolvers answer queries from any address on the Internet "
		   "and are routinely abused as reflectors in DNS "
		   "amplification DDoS attacks.\n",
		   "During our weekly measurement we found an open recursive "
		   "DNS resolver in your network at 192.0.2.53.");
	problem_is("The following hosts in your network connected to one of "
		   "our sinkhole servers during the last 24 hours.\n\n"
		   "Connections to a sinkhole indicate that the host is very "
		   "likely infected with the malware family named below.\n",
		   "The following hosts in your network connected to one of "
		   "our sinkhole servers during the last 24 hours.");
	problem_is("The attached file lists devices that connected to one of "
		   "our sinkhole servers.\n\nSuch connections are a strong "
		   "indicator that the device is infected with malware.\n",
		   "The attached file lists devices that connected to one of "
		   "our sinkhole servers.");
	/* What a notice says it is not is no problem. */
	problem_is("The hosts below, which belong to your network, respond "
		   "to recursive DNS queries from anyone.\n\nThis is not a "
		   "report of an attack originating from your network.\n",
		   "The hosts below, which belong to your network, respond "
		   "to recursive DNS queries from anyone.");
}

/* What the law makes of such deeds in general is a notice's frame: the
 * sentence that says what this address did is the problem. */
static void test_problem_legal_frame_is_no_finding(void **state)
{
	(void)state;
	problem_is("We have received information that an individual has "
		   "utilized the IP address below to offer downloading of the "
		   "copyrighted motion picture listed below.\n\nThe "
		   "distribution of unauthorized copies of copyrighted motion "
		   "pictures constitutes copyright infringement under "
		   "applicable law.\n",
		   "We have received information that an individual has "
		   "utilized the IP address below to offer downloading of the "
		   "copyrighted motion picture listed below.");
}

/* What was not seen, what the sender's own system is not, the legal
 * ground of a notice, how its reports are made, who the sender acts for,
 * and where a forward puts the report, in several languages: none is
 * the problem beside the sentence that states it. */
static void test_problem_not_seen_and_frames(void **state)
{
	(void)state;
	problem_is("Bij een meting hebben wij vastgesteld dat op 192.0.2.7 een "
		   "NTP-server draait die reageert op monlist-verzoeken.\n\nEr "
		   "is géén aanval vanaf uw adres waargenomen; het gaat om een "
		   "kwetsbare configuratie.\n",
		   "Bij een meting hebben wij vastgesteld dat op 192.0.2.7 een "
		   "NTP-server draait die reageert op monlist-verzoeken.");
	problem_is("Our monitoring shows that your account was used to share "
		   "this copyrighted recording.\n\nHarborlight represents "
		   "Ridgeback Records, the owner of the copyrighted recording, "
		   "against unauthorized sharing.\n",
		   "Our monitoring shows that your account was used to share "
		   "this copyrighted recording.");
	problem_is("Our daily report of publicly accessible Redis instances "
		   "names 192.0.2.7.\n\nReports are generated daily as long as "
		   "vulnerable and publicly accessible instances are "
		   "observed.\n",
		   "Our daily report of publicly accessible Redis instances "
		   "names 192.0.2.7.");
	problem_is("La page hébergée sur 192.0.2.7 a été défigurée.\n\nAucun "
		   "contenu d'hameçonnage ni fichier malveillant n'a été "
		   "observé sur la page.\n",
		   "La page hébergée sur 192.0.2.7 a été défigurée.");
	problem_is(
	    "Vi inoltro qui sotto un messaggio di spam malevolo "
	    "ricevuto dal server 192.0.2.7.\n\nIl messaggio di spam è "
	    "stato inviato dal server 192.0.2.7.\n",
	    "Il messaggio di spam è stato inviato dal server 192.0.2.7.");
}

/* A firewall's key=value log line is evidence, never the problem (a
 * URL's query is no log); what was not observed is no problem either. */
static void test_problem_key_value_log_and_not_observed(void **state)
{
	(void)state;
	problem_is(
	    "Our firewall saw thousands of failed VPN logins from your "
	    "network.\n\ndate=2026-03-22 time=01:12:44 devname=\"FGT60F\" "
	    "logid=\"0101039426\" type=\"event\" subtype=\"vpn\" "
	    "level=\"alert\" srcip=192.0.2.7 user=\"admin\" "
	    "reason=\"brute force attack detected\" msg=\"SSL user failed "
	    "to log in\"\n",
	    "Our firewall saw thousands of failed VPN logins from your "
	    "network.");
	problem_is("We detected a phishing page hosted on your network: "
		   "hxxp://192.0.2.7/a?x=1&y=2&z=3&w=4 impersonating a bank.\n",
		   "We detected a phishing page hosted on your network: "
		   "hxxp://192.0.2.7/a?x=1&y=2&z=3&w=4 impersonating a bank.");
	problem_is("Our scan found an exposed SMB service on 192.0.2.7.\n\nWe "
		   "have not observed 192.0.2.7 participating in an attack.\n",
		   "Our scan found an exposed SMB service on 192.0.2.7.");
}

/* Indonesian and Vietnamese: the greeting is no problem ("Kepada Yth.",
 * "Kính gửi:"), the sentence that says what is hosted is. */
static void test_problem_indonesian_and_vietnamese(void **state)
{
	(void)state;
	problem_is(
	    "Kepada Yth.\nTim Abuse Example Hosting\n\nDengan hormat,\n\n"
	    "Kami ingin melaporkan sebuah situs penipuan investasi yang "
	    "di-hosting pada jaringan Anda.\n",
	    "Kami ingin melaporkan sebuah situs penipuan investasi yang "
	    "di-hosting pada jaringan Anda.");
	problem_is("Kính gửi: Bộ phận xử lý lạm dụng (Abuse) - Example "
		   "Hosting\n\nChúng tôi phát hiện một trang web giả mạo ngân "
		   "hàng đang được lưu trữ trên hệ thống của quý công ty.\n",
		   "Chúng tôi phát hiện một trang web giả mạo ngân hàng đang "
		   "được lưu trữ trên hệ thống của quý công ty.");
}

/* Swahili: the greeting is no problem ("Habari,"), the sentence that
 * says what the page imitates is. */
static void test_problem_swahili(void **state)
{
	(void)state;
	problem_is("Habari,\n\nSisi ni timu ya usalama ya benki ya Mfano.\n"
		   "Tumegundua ukurasa bandia unaoiba nywila za wateja kwenye "
		   "seva 192.0.2.9 katika mtandao wenu.\n",
		   "Tumegundua ukurasa bandia unaoiba nywila za wateja kwenye "
		   "seva 192.0.2.9 katika mtandao wenu.");
}

/* Hindi and Albanian: the greeting is no problem, the sentence of what
 * was done is. */
static void test_problem_hindi_and_albanian(void **state)
{
	(void)state;
	problem_is("नमस्ते,\n\nआपके नेटवर्क के सर्वर 192.0.2.9 से हमारे "
		   "ग्राहकों को फ़र्ज़ी लोन ऑफ़र भेजे जा रहे हैं।\n",
		   "आपके नेटवर्क के सर्वर 192.0.2.9 से हमारे ग्राहकों को "
		   "फ़र्ज़ी लोन ऑफ़र भेजे जा रहे हैं।");
	problem_is("Përshëndetje,\n\nFaqja në serverin tuaj 192.0.2.9 "
		   "mashtron njerëzit me kredi të rreme.\n",
		   "Faqja në serverin tuaj 192.0.2.9 mashtron njerëzit me "
		   "kredi të rreme.");
}

/* A number's dot before a word in lowercase (a date's ordinal, a year
 * written "2026.") ends no sentence; a list's number at a line's start
 * still stands apart from its item. */
static void test_problem_ordinal_dot_ends_no_sentence(void **state)
{
	(void)state;
	problem_is("Poštovani,\n\nnaš IDS je zabilježio da IP adresa 192.0.2.7 "
		   "iz vaše mreže od 28. travnja 2026. skenira naš adresni "
		   "prostor.\n",
		   "naš IDS je zabilježio da IP adresa 192.0.2.7 iz vaše mreže "
		   "od 28. travnja 2026. skenira naš adresni prostor.");
	/* A spam's forged unsubscribe link is what it did, no footer. */
	problem_is(
	    "Hello,\n\nTo recap: 192.0.2.7 sent around 18,000 "
	    "unsolicited messages to our customers, all with forged "
	    "unsubscribe links.\n",
	    "To recap: 192.0.2.7 sent around 18,000 unsolicited messages "
	    "to our customers, all with forged unsubscribe links.");
	static const char list[] = "We ask you to do the following:\n\n"
				   "1. suspend the account on 192.0.2.7;\n"
				   "2. preserve all logs for 90 days.\n";
	char *a = lines_action(list, strlen(list));

	assert_non_null(a);
	if (strstr(a, "preserve"))
		fail_msg("the list's items ran together: %s", a);
	free(a);
}

/* Arabic: the greeting is no problem, the sentence that says the site
 * is a fraud hosted in the recipient's network is. */
static void test_problem_arabic(void **state)
{
	(void)state;
	problem_is("السادة فريق مكافحة إساءة الاستخدام المحترمين،\n\n"
		   "رصدنا موقعاً احتيالياً مستضافاً على العنوان 192.0.2.9 "
		   "التابع لشبكتكم.\n",
		   "رصدنا موقعاً احتيالياً مستضافاً على العنوان 192.0.2.9 "
		   "التابع لشبكتكم.");
}

/* A fake platform reported by name is the problem; so is a Thai
 * sentence that names the phishing; a signature that ends in its mail
 * address never is, nor the sender's word that its own scanners are
 * harmless. */
static void test_problem_fake_platform_thai_and_signature(void **state)
{
	(void)state;
	problem_is("Dear Sir/Madam,\n\nI would like to report a fake "
		   "investment platform that is using your server. It "
		   "resolves to 192.0.2.7.\n",
		   "I would like to report a fake investment platform that is "
		   "using your server.");
	problem_is("เรียน ทีม abuse\n\nพบเว็บไซต์ฟิชชิงที่แอบอ้างบริษัทขนส่งบนเซิร์ฟเวอร์ "
		   "192.0.2.7\n",
		   "พบเว็บไซต์ฟิชชิงที่แอบอ้างบริษัทขนส่งบนเซิร์ฟเวอร์ 192.0.2.7");
	/* The sender's own scanners, said to be harmless, are no problem. */
	problem_is("Hello,\n\nOur scanning hosts are in 198.51.100.128/27; "
		   "traffic from these addresses is expected and not "
		   "malicious.\n",
		   NULL);
	static const char sig[] = "迷惑メール観測ネットワーク 運用チーム "
				  "trap-ops@spamtrap.example\n";
	char *p = lines_problem(sig, strlen(sig), NULL, 0);

	if (p)
		fail_msg("the signature \"%s\" was taken for the problem", p);
}

/* A Cobalt Strike "team server" is what a report of one is about, over
 * the sentence that describes its certificate. */
static void test_problem_team_server(void **state)
{
	(void)state;
	problem_is("We identified two Cobalt Strike team servers operating on "
		   "your address space:\n\n  192.0.2.140 443/tcp\n\nBoth "
		   "servers present the default certificate and serve a "
		   "beacon configuration that imitates CDN requests.\n",
		   "We identified two Cobalt Strike team servers operating on "
		   "your address space:");
}

/* What happened, in the words of more languages: a Swedish site that
 * "har blivit hackad", an Italian host that "sta martellando" the sites;
 * each over the sentences that tell how it shows or guess why. */
static void test_problem_deed_words_of_more_languages(void **state)
{
	(void)state;
	/* A spam trap's delivery over where to read the headers; a
	 * polite Japanese guess (可能性がございます) under the finding. */
	problem_is(
	    "Het bijgevoegde bericht is afgeleverd op een van onze "
	    "spamtrap-adressen.\n\nUit de Received-headers kunt u "
	    "afleiden via welke server in uw netwerk het is verstuurd.\n",
	    "Het bijgevoegde bericht is afgeleverd op een van onze "
	    "spamtrap-adressen.");
	problem_is(
	    "貴組織のネットワークから広範囲なポートスキャンを検知いたしま"
	    "した。\n\n当該ホストがマルウェアに感染している可能性がござ"
	    "います。\n",
	    "貴組織のネットワークから広範囲なポートスキャンを検知いたしま"
	    "した。");
	/* Who writes to whom ("we are contacting you as the host of ADDR")
	 * is not what happened. */
	problem_is("We are contacting you as the hosting provider of "
		   "192.0.2.7 in your network. That server hosts a phishing "
		   "page.\n",
		   "That server hosts a phishing page.");
	problem_is("obracíme se na Vás jako na poskytovatele hostingu serveru "
		   "s IP adresou 192.0.2.7 ve vaší síti. Na tomto serveru běží "
		   "podvodný obchod.\n",
		   "Na tomto serveru běží podvodný obchod.");
	/* Swedish: the site "har blivit hackad" over how it shows. */
	problem_is(
	    "Webbplatsen som ligger på er IP-adress 192.0.2.7 har blivit "
	    "hackad.\n\nStartsidan har ersatts med texten \"Hacked by "
	    "X\" och besökarna skickas vidare till en falsk "
	    "uppdateringssida som laddar ner en trojan.\n",
	    "Webbplatsen som ligger på er IP-adress 192.0.2.7 har blivit "
	    "hackad.");
	/* What the host does ("sta martellando") over a guess at why. */
	problem_is("Da stamattina l'indirizzo 192.0.2.7 sta martellando il "
		   "file xmlrpc.php di tutti i siti con richieste POST.\n\n"
		   "Ho già bloccato l'IP. Probabilmente è un sito compromesso "
		   "di un vostro cliente.\n",
		   "Da stamattina l'indirizzo 192.0.2.7 sta martellando il "
		   "file xmlrpc.php di tutti i siti con richieste POST.");
}

/* A log row or a table is never the problem, even where it opens with
 * an address or stands under a line of prose; each row is a line of its
 * own. */
static void test_problem_is_never_a_log_row_or_table(void **state)
{
	(void)state;
	/* "ADDR - COUNT ..." rows are a list, each a line of its own. */
	problem_is("Since 15 March our login page is attacked with a "
		   "credential stuffing attack, from the following "
		   "addresses:\n203.0.113.228 - 4.812 login attempts\n"
		   "203.0.113.229 - 3.990 login attempts\n",
		   "Since 15 March our login page is attacked with a "
		   "credential stuffing attack, from the following "
		   "addresses:");
	problem_is("From the access.log:\n"
		   "192.0.2.7 - - [03/Dec/2026:21:14:09 +0100] \"POST "
		   "/xmlrpc.php HTTP/1.1\" 200 412 attack detected\n\n"
		   "Since Monday 192.0.2.7 has been hammering my web server.\n",
		   "Since Monday 192.0.2.7 has been hammering my web server.");
	problem_is("Reflector IP    Proto  Src port  Packets   Peak Mbps\n"
		   "192.0.2.7       NTP    123       1,904,220 612\n\n"
		   "Our servers were flooded by reflected NTP traffic from "
		   "192.0.2.7.\n",
		   "Our servers were flooded by reflected NTP traffic from "
		   "192.0.2.7.");
	problem_is(
	    "Recent reports:\n"
	    "  2024-06-02 23:58:11  user #81  Web App Attack  GET /.env\n"
	    "  2024-06-02 03:17:02  user #12  Web App Attack  GET /?s=x\n"
	    "\nThe address 192.0.2.7 was reported by our users for web "
	    "attacks.\n",
	    "The address 192.0.2.7 was reported by our users for web "
	    "attacks.");
	/* A wrapped sentence may start a line with the address. */
	problem_is("Our sensors saw SSH attacks from\n"
		   "192.0.2.7, which is in your network, since 06:15 today.\n",
		   "Our sensors saw SSH attacks from 192.0.2.7, which is in "
		   "your network, since 06:15 today.");
}

/* Whose the address is ("which according to whois belongs to your
 * network") lowers a sentence that says nothing else; added to one that
 * tells what happened, it takes nothing off. */
static void test_owner_words_lower_only_a_bare_attribution(void **state)
{
	(void)state;
	problem_is("Our online shop is the target of login attempts from "
		   "192.0.2.7, which according to whois belongs to your "
		   "network.\n\n"
		   "Our firewall blocks the requests, but the attack goes on "
		   "and overloads the server.\n",
		   "Our online shop is the target of login attempts from "
		   "192.0.2.7, which according to whois belongs to your "
		   "network.");
	problem_is("Le serveur 192.0.2.7 appartient selon le whois à votre "
		   "réseau.\n\n"
		   "Notre serveur a subi une attaque par force brute.\n",
		   "Notre serveur a subi une attaque par force brute.");
}

/* A question asks ("Do you offer DDoS protection?"), the statement
 * tells. */
static void test_question_is_no_problem(void **state)
{
	(void)state;
	problem_is("Do you offer DDoS protection as an add-on?\n\n"
		   "Since this morning our VPS has been under a SYN flood.\n",
		   "Since this morning our VPS has been under a SYN flood.");
}

/* A reminder above its first report: what the sender says now comes
 * before the quoted mail, which says as much. */
static void test_sender_words_before_the_quoted_report(void **state)
{
	(void)state;
	problem_is("The scans from 192.0.2.7 go on.\n\n"
		   "> Since Monday the host 192.0.2.7 in your network has "
		   "been scanning our network.\n",
		   "The scans from 192.0.2.7 go on.");
}

/* What the sender did about it (reported it elsewhere, blocked it), what
 * the report is not for ("no action is required") and what such a
 * finding means in general are no statement of the problem, in each
 * language that has such words. */
static void test_what_the_sender_did_is_no_problem(void **state)
{
	static const char *const pairs[][2] = {
	    {"I have already reported the attackers to their provider, "
	     "but no answer yet.",
	     "Since this morning our VPS has been under a SYN flood."},
	    {"The malware was reported separately to the provider of its "
	     "server.",
	     "The downloads were observed on our sensors."},
	    {"No action is required; this summary lists the scanning "
	     "activity observed by our sensors.",
	     "The scanning was observed on our sensors."},
	    {"A connection to a sinkhole means that the host is almost "
	     "certainly infected with malware.",
	     "The host 192.0.2.7 connected to one of our sinkhole servers."},
	    {"Wij hebben de aanval van die server ontdekt; die hebben we "
	     "apart gemeld.",
	     "Het gaat om een aanval op onze webserver."},
	    {"Den Angriff vom Server des Angreifers haben wir bereits "
	     "gemeldet.",
	     "Wir sehen einen Angriff auf unseren Mailserver."},
	};
	(void)state;
	for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
		problem_of_two_is(pairs[i][0], pairs[i][1], pairs[i][1]);
}

/* Kinds of abuse named in each language: the sentence that names one
 * beats the one that only places the address (which counts half). */
static void test_kinds_of_abuse_in_each_language(void **state)
{
	static const char *const kinds[] = {
	    "Recibimos miles de intentos por fuerza bruta contra el "
	    "escritorio remoto.",
	    "A loja recebe tentativas de injeção de SQL.",
	    "Nuestra tienda recibe pruebas de inyección de SQL.",
	    "Wir sehen Anmeldeversuche am Mailserver.",
	    "Es laufen Portscans gegen unser Netz.",
	    "Наш центр фиксирует распределённый подбор паролей к SSH.",
	    "我们的服务器持续遭受扫描。",
	    "Nous constatons un balayage de nos serveurs.",
	    "Il sito riceve tentativi di iniezione SQL.",
	    "Wij zien SQL-injectie tegen onze webshop.",
	    "W logach widać setki prób wstrzyknięcia kodu SQL.",
	    "The shop receives SQL injection requests.",
	    "The host keeps guessing passwords on our mail server.",
	};
	(void)state;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		problem_of_two_is(kinds[i],
				  "The address 192.0.2.7 is in your network.",
				  kinds[i]);
}

/* An IPv6 address that opens a wrapped line is no log row: "db8:85"
 * is no time of day. */
static void test_ipv6_opening_a_line_is_prose(void **state)
{
	const struct report_ip ip6 = {"2001:db8:85a3::7", true,
				      REPORT_IP_OFFENDER};
	const char *t =
	    "Hello,\n\n2001:db8:85a3::7 (in your 2001:db8:85a3::/48) "
	    "has been\nguessing passwords against SMTP AUTH on our "
	    "mail server since this morning.\n";
	char *p = lines_problem(t, strlen(t), &ip6, 1);

	(void)state;
	assert_non_null(p);
	assert_string_equal(p, "2001:db8:85a3::7 (in your 2001:db8:85a3::/48) "
			       "has been guessing passwords against SMTP AUTH "
			       "on our mail server since this morning.");
	free(p);
}

/* The header of aligned columns above a table's rows names columns
 * ("Servidor  Puerto  Canal detectado"): never the problem. The prose
 * above it says what the servers do ("están retransmitiendo de forma
 * ilícita"). */
static void test_table_header_is_no_problem(void **state)
{
	(void)state;
	problem_is("Nuestros sistemas han constatado que dichos servidores "
		   "están retransmitiendo de forma ilícita los encuentros.\n\n"
		   "  Servidor       Puerto  Canal detectado   Fecha y hora\n"
		   "  192.0.2.7      8080    LFI TV 1 FHD      08/03/2026 "
		   "21:00\n",
		   "Nuestros sistemas han constatado que dichos servidores "
		   "están retransmitiendo de forma ilícita los encuentros.");
	problem_is("Hosts detected:\n\n"
		   "  Host           Port    Detected service   Seen\n"
		   "  192.0.2.7      11211   memcached          2026-03-08\n",
		   NULL);
}

/* What a notice says it is not ("não representam um ataque") and what
 * its sender always does ("realiza varreduras periódicas para
 * identificar ...") lose to what it found. */
static void test_denied_attack_and_routine_scans_lose(void **state)
{
	(void)state;
	problem_is("O CERT-Sul realiza varreduras periódicas para identificar "
		   "serviços UDP mal configurados que podem ser abusados em "
		   "ataques de negação de serviço por amplificação (DDoS). "
		   "Identificamos 3 endereços IP da rede de vocês com serviços "
		   "SSDP (UDP/1900) ou NTP (UDP/123, comando monlist) "
		   "respondendo a requisições vindas da Internet.\n\nOs testes "
		   "partem do endereço 198.51.100.77 e não representam um "
		   "ataque.\n",
		   "Identificamos 3 endereços IP da rede de vocês com serviços "
		   "SSDP (UDP/1900) ou NTP (UDP/123, comando monlist) "
		   "respondendo a requisições vindas da Internet.");
}

/* A fake shop in Italian: the shop that took the money and never
 * delivered, not the age of its domain. */
static void test_italian_fake_shop(void **state)
{
	(void)state;
	problem_is(
	    "Ho acquistato una bicicletta sul sito. Purtroppo il sito si "
	    "è rivelato un sito di e-commerce falso: la merce non è mai "
	    "arrivata e il telefono non risponde.\n\nIl dominio è stato "
	    "registrato solo il 02.02.2026 e sui forum ci sono già "
	    "decine di persone truffate nello stesso modo.\n",
	    "Purtroppo il sito si è rivelato un sito di e-commerce "
	    "falso: la merce non è mai arrivata e il telefono non "
	    "risponde.");
}

/* A relay's preamble and a reporter's background ("X operates
 * sinkholes for ...") lose to what the host does; a page that asks for a
 * wallet's recovery phrase says what it does better than where it is. */
static void test_relay_preamble_and_background_lose(void **state)
{
	(void)state;
	problem_is("A new abuse report has been submitted through ReportGate "
		   "for a resource in your network.\n\nThe host 192.0.2.7 runs "
		   "a card-checking service against our payment API.\n",
		   NULL);
	problem_is(
	    "The domain is proxied through a CDN, but our records show "
	    "that the origin server behind it is 192.0.2.7, which is in "
	    "your network.\n\nThe site hxxps://wallet-sync.example/restore "
	    "impersonates our wallet app and asks users to enter their "
	    "24-word recovery phrase to resynchronise their wallet.\n",
	    "The site hxxps://wallet-sync.example/restore impersonates "
	    "our wallet app and asks users to enter their 24-word "
	    "recovery phrase to resynchronise their wallet.");
}

/* A title above a rule or a blank names the report: a sentence below
 * says the problem, even a weaker one. */
static void test_underlined_title_is_no_problem(void **state)
{
	(void)state;
	problem_is("Automated abuse report - intrusion detection\n"
		   "=============================================\n\n"
		   "Source address : 192.0.2.7\n"
		   "Attack type    : WordPress authentication brute force\n\n"
		   "We saw login attempts from 192.0.2.7 on 27 sites.\n",
		   "We saw login attempts from 192.0.2.7 on 27 sites.");
	problem_is("Automated abuse report - intrusion detection\n"
		   "=============================================\n\n"
		   "Source address : 192.0.2.7\n"
		   "Attack type    : WordPress authentication brute force\n",
		   NULL);
}

/* Bulgarian: what a CERT found ("установи ... достъпна от интернет")
 * over what such devices may be used for ("могат да бъдат използвани"). */
static void test_bulgarian_finding_over_risk(void **state)
{
	(void)state;
	problem_is(
	    "Екипът на BG-CERT установи IP адреси от вашата мрежа, на "
	    "които е достъпна от интернет SSDP услуга (UDP/1900). Такива "
	    "устройства могат да бъдат използвани за DDoS атаки с "
	    "усилване (коефициент до 30 пъти).\n",
	    "Екипът на BG-CERT установи IP адреси от вашата мрежа, на "
	    "които е достъпна от интернет SSDP услуга (UDP/1900).");
}

/* "is hacking our website" tells what the address does; advice on what
 * to remove ("we would recommend removing ...") tells what to do. */
static void test_hacking_said_and_advice_given(void **state)
{
	(void)state;
	problem_is("Hello. Your IP 192.0.2.7 is hacking our website since 3 "
		   "days. They are trying wp-admin login and xmlrpc.php many "
		   "many times.\n",
		   "Your IP 192.0.2.7 is hacking our website since 3 days.");
	problem_is("We have detected a phishing attack hosted on your network "
		   "at 192.0.2.7. The attack appears to be hosted on a "
		   "compromised site; we would recommend removing the phishing "
		   "content and any backdoors left by the attacker.\n",
		   "We have detected a phishing attack hosted on your network "
		   "at 192.0.2.7.");
}

/* A sentence wholly in brackets is an aside to the one before it. */
static void test_aside_in_brackets_is_no_problem(void **state)
{
	(void)state;
	problem_is("We are still receiving the spam from 192.0.2.7 every "
		   "night.\n(1,412 rejected connections from 192.0.2.7 in "
		   "total)\n",
		   "We are still receiving the spam from 192.0.2.7 every "
		   "night.");
}

/* What was found over what such a service may be used for, in Swedish,
 * Romanian and Polish too. */
static void test_finding_over_risk_in_more_languages(void **state)
{
	(void)state;
	problem_is("CERT-SE har upptäckt att 192.0.2.7 har en öppen rekursiv "
		   "DNS-resolver. Öppna resolvrar kan missbrukas för "
		   "reflektionsattacker (DDoS) mot tredje part.\n",
		   "CERT-SE har upptäckt att 192.0.2.7 har en öppen rekursiv "
		   "DNS-resolver.");
	/* What may happen is no problem of its own (Romanian, English). */
	problem_is(
	    "Adresa 192.0.2.7 funcționează ca resolver DNS deschis. "
	    "Aceste servere răspund oricui și pot fi folosite în atacuri "
	    "DDoS de tip amplificare.\n",
	    NULL);
	problem_is("The host 192.0.2.7 runs memcached over UDP. Memcached "
		   "instances exposed over UDP can be abused for reflected "
		   "amplification DDoS attacks.\n",
		   NULL);
	problem_is("Na adresie 192.0.2.7 wykryto otwartą usługę memcached. "
		   "Taka usługa może być wykorzystana do ataków DDoS na inne "
		   "sieci.\n",
		   "Na adresie 192.0.2.7 wykryto otwartą usługę memcached.");
}

/* A sentence that says what happened ("une escroquerie") beats one that
 * names the address with only a weak word ("courriels reçus") beside
 * where it is. */
static void test_weak_word_says_no_deed(void **state)
{
	(void)state;
	problem_is(
	    "Je viens par la présente vous signaler une escroquerie dont "
	    "mon entreprise a été victime.\n\nUn ami informaticien a "
	    "examiné les en-têtes des courriels reçus : ils ont tous été "
	    "envoyés depuis l'adresse IP 192.0.2.7, qui selon lui "
	    "appartient à votre société.\n",
	    "Je viens par la présente vous signaler une escroquerie dont "
	    "mon entreprise a été victime.");
}

/* Below the "-- " that opens a signature is the sender's name, never
 * the problem. */
static void test_signature_is_no_problem(void **state)
{
	(void)state;
	problem_is("Our traps got 1,318 spam messages from 192.0.2.7 today.\n\n"
		   "--\n"
		   "TrapNet Intelligence - spamtrap operations against botnet "
		   "spam https://trapnet.example/\n",
		   "Our traps got 1,318 spam messages from 192.0.2.7 today.");
}

/* A copyright notice: what a notice says of itself ("a efectos
 * informativos") and who commissioned its sender ("beauftragt") lose to
 * the sharing over BitTorrent or peer-to-peer it reports. */
static void test_notice_about_itself_loses_to_sharing(void **state)
{
	(void)state;
	problem_is(
	    "Este aviso se envía únicamente a efectos informativos y para "
	    "dejar constancia de la infracción; no requiere respuesta.\n\n"
	    "El usuario de la IP 192.0.2.7 compartía mediante la red "
	    "BitTorrent la obra cinematográfica protegida.\n",
	    "El usuario de la IP 192.0.2.7 compartía mediante la red "
	    "BitTorrent la obra cinematográfica protegida.");
	problem_is(
	    "Die RechteWacht GmbH ist mit der Ermittlung von "
	    "Urheberrechtsverletzungen in Peer-to-Peer-Netzwerken "
	    "beauftragt.\n\nÜber die IP 192.0.2.7 wurde das Werk in einem "
	    "Peer-to-Peer-Netzwerk angeboten.\n",
	    "Über die IP 192.0.2.7 wurde das Werk in einem "
	    "Peer-to-Peer-Netzwerk angeboten.");
}

/* German "angegriffen" (attacked) is what happened, over a line that
 * names the address in a link ("siehe: ...?ip=ADDR"). */
static void test_german_attacked(void **state)
{
	(void)state;
	problem_is(
	    "Ihr Server mit der IP-Adresse 192.0.2.7 hat einen unserer "
	    "Server angegriffen.\n\nDies ist der 3. Angriff von dieser IP; "
	    "siehe: https://list.example/view?ip=192.0.2.7\n",
	    "Ihr Server mit der IP-Adresse 192.0.2.7 hat einen unserer "
	    "Server angegriffen.");
}

/* Russian: stolen cards on sale say what happened; "с IP-адресом" (with
 * the address) and an opening "обращается к вам по поводу" only say where
 * and why the sender writes. */
static void test_russian_stolen_cards_over_where(void **state)
{
	(void)state;
	problem_is(
	    "Служба безопасности обращается к вам по поводу сайта "
	    "shop.example, который размещён на сервере с IP-адресом "
	    "192.0.2.7 в вашей сети.\n\nНа сайте открыто продаются данные "
	    "украденных банковских карт.\n",
	    "На сайте открыто продаются данные украденных банковских "
	    "карт.");
	problem_is(
	    "На сервере с IP-адресом 192.0.2.7 работает управляющий "
	    "сервер (C&C) ботнета.\n\nДля справки: обращения выявлены по "
	    "DNS-запросам к нашим резолверам.\n",
	    "На сервере с IP-адресом 192.0.2.7 работает управляющий "
	    "сервер (C&C) ботнета.");
}

/* A German ordinal's dot ("am 3. März", "der 3. Angriff") ends no
 * sentence, though a capital follows it. */
static void test_german_ordinal_ends_no_sentence(void **state)
{
	(void)state;
	problem_is("Am 3. März 2026 hat der Host 192.0.2.7 unseren Server "
		   "angegriffen.\n",
		   "Am 3. März 2026 hat der Host 192.0.2.7 unseren Server "
		   "angegriffen.");
	problem_is(
	    "Dies ist der 3. Angriff von 192.0.2.7 auf unseren Server.\n",
	    "Dies ist der 3. Angriff von 192.0.2.7 auf unseren Server.");
}

/* Swedish: what struck the writer's server ("har den utsatts för en
 * överbelastningsattack") over where it stands. */
static void test_swedish_attack_over_where(void **state)
{
	(void)state;
	problem_is("Vi har en webbserver hos er i Stockholm (kommunens "
		   "e-tjänsteportal, 192.0.2.7).\nSedan ungefär 07.40 i morse "
		   "har den utsatts för en överbelastningsattack, mest "
		   "UDP-trafik mot port 443.\n",
		   "Sedan ungefär 07.40 i morse har den utsatts för en "
		   "överbelastningsattack, mest UDP-trafik mot port 443.");
}

/* Who the sender is ("We are a volunteer group that tracks ...") and
 * where its scans come from are background; a fake crypto platform is
 * what it found. */
static void test_volunteer_background_and_own_scans_lose(void **state)
{
	(void)state;
	problem_is(
	    "We are a volunteer group that tracks online investment "
	    "scams targeting people in Asia.\n\nOur members have "
	    "confirmed that a fake crypto investment platform is running "
	    "on your infrastructure.\n",
	    "Our members have confirmed that a fake crypto investment "
	    "platform is running on your infrastructure.");
	problem_is(
	    "Our scanning is performed from 198.51.100.0/24; these "
	    "addresses are ours and should not be reported back to us.\n",
	    NULL);
}

/* What the host was used for is the problem; what the reporter did in
 * consequence (a blacklisting) is not, though it names the attack. */
static void test_problem_is_the_use_not_the_consequence(void **state)
{
	(void)state;
	problem_is("Your address 192.0.2.7 has been used for network abuse "
		   "against one of our monitored systems.\n\nIn consequence "
		   "of the attacks we detected, your IP address 192.0.2.7 has "
		   "been blacklisted and reported to public blacklists.\n",
		   "Your address 192.0.2.7 has been used for network abuse "
		   "against one of our monitored systems.");
	problem_is("Your server 192.0.2.7 was used to send phishing mail "
		   "to our customers.\n\nAs a result of this phishing "
		   "attack, we have blocked 192.0.2.7 and reported it to "
		   "Spamhaus.\n",
		   "Your server 192.0.2.7 was used to send phishing mail "
		   "to our customers.");
}

/* Spanish "Se trata de ..." says what the case is: its "se" is no "if"
 * (Portuguese, Italian), so the sentence is no condition. */
static void test_problem_spanish_se_trata_is_no_condition(void **state)
{
	(void)state;
	problem_is("Hola:\n\nSe trata de una tienda falsa que cobra los "
		   "pedidos y nunca los entrega.\n",
		   "Se trata de una tienda falsa que cobra los pedidos y "
		   "nunca los entrega.");
}

/* A shop that took the money and sent nothing, told in Italian and in
 * Turkish, says more than where the shop is hosted. */
static void test_problem_fake_shop_italian_turkish(void **state)
{
	(void)state;
	problem_is("Abbiamo ricevuto 47 segnalazioni di consumatori che hanno "
		   "pagato ordini sul sito senza mai ricevere la merce.\n\n"
		   "Il sito risulta ospitato sul vostro indirizzo IP "
		   "192.0.2.7.\n",
		   "Abbiamo ricevuto 47 segnalazioni di consumatori che hanno "
		   "pagato ordini sul sito senza mai ricevere la merce.");
	problem_is("Son iki haftada aynı sahte online mağaza hakkında "
		   "şikâyet aldık.\n",
		   "Son iki haftada aynı sahte online mağaza hakkında "
		   "şikâyet aldık.");
}

/* When and to whom an attack was reported is the report's history, not
 * the attack, even where the list's name holds a problem word. */
static void test_problem_is_not_when_it_was_reported(void **state)
{
	(void)state;
	problem_is("your server with the IP 192.0.2.7 has attacked one of our "
		   "servers.\n\nThe attack was reported to the BruteList "
		   "system by one of our partner systems and was verified "
		   "against the logs of that system.\n",
		   "your server with the IP 192.0.2.7 has attacked one of our "
		   "servers.");
}

/* A wrapped line that opens with the time of a date split from it goes
 * on in prose: it belongs to its sentence, it is no log row; a log's
 * line after an unfinished sentence stays a row. */
static void test_problem_time_opening_a_wrapped_line(void **state)
{
	(void)state;
	problem_is("This is our second reminder. As of 2026-03-24\n08:00 UTC "
		   "the command-and-control server at 192.0.2.7 is still "
		   "active and\nis controlling a large number of infected "
		   "devices.\n",
		   "As of 2026-03-24 08:00 UTC the command-and-control server "
		   "at 192.0.2.7 is still active and is controlling a large "
		   "number of infected devices.");
	problem_is("We saw SSH attacks from 192.0.2.7 in our logs\n"
		   "08:00:01 mail sshd[812]: failed password for root from "
		   "192.0.2.7 port 4022\n",
		   "We saw SSH attacks from 192.0.2.7 in our logs");
}

/* Swedish threats and a rental scam: what was done, over where the
 * site or the sender is. */
static void test_problem_swedish_threats_and_scam(void **state)
{
	(void)state;
	problem_is("Sedan i januari får jag hotfulla och kränkande mejl.\n\n"
		   "De skickas från en server hos er, med IP-adress "
		   "192.0.2.7.\n",
		   "Sedan i januari får jag hotfulla och kränkande mejl.");
	problem_is("Webbplatsen lurar bostadssökande att betala en "
		   "deposition.\n\nWebbplatsen pekar på 192.0.2.7, som "
		   "tillhör er.\n",
		   "Webbplatsen lurar bostadssökande att betala en "
		   "deposition.");
}

/* Rows of aligned cells that open with a number (a rule id, a count)
 * are a table's, never one sentence of their words. */
static void test_problem_is_not_numbered_table_rows(void **state)
{
	(void)state;
	problem_is("The address 192.0.2.7 was blocked after sending SQL "
		   "injection attempts to 17 websites.\n\nTop rules "
		   "triggered:\n"
		   "  942100  SQL Injection Attack Detected via libinjection  "
		   "     1,804\n"
		   "  930110  Path Traversal Attack (/../)                    "
		   "       611\n"
		   "  913100  Found User-Agent associated with security "
		   "scanner      402\n",
		   "The address 192.0.2.7 was blocked after sending SQL "
		   "injection attempts to 17 websites.");
}

/* What has ended ("we no longer receive ...") is no problem: the one a
 * reply quotes is; the sender's frame ("X is contacting you regarding
 * ...") says less than what the site does; and impersonation and a
 * page that asks for card data in Spanish and Ukrainian. */
static void test_problem_ended_frames_and_impersonation(void **state)
{
	(void)state;
	problem_is("Je confirme que nous ne recevons plus de pourriel en "
		   "provenance de 192.0.2.7 depuis jeudi.\n\n> Notre serveur "
		   "de courriel reçoit depuis lundi des centaines de "
		   "pourriels par heure en provenance de l'adresse 192.0.2.7, "
		   "qui appartient à votre réseau.\n",
		   "Notre serveur de courriel reçoit depuis lundi des "
		   "centaines de pourriels par heure en provenance de "
		   "l'adresse 192.0.2.7, qui appartient à votre réseau.");
	problem_is("Redwall is contacting you on behalf of our client "
		   "regarding a phishing website hosted on your network.\n\n"
		   "The website impersonates the bank's login page in order "
		   "to steal passwords.\n",
		   "The website impersonates the bank's login page in order "
		   "to steal passwords.");
	problem_is("Lo he comprobado y es una estafa.\n\nEsta mañana he "
		   "recibido un correo que se hace pasar por mi compañía "
		   "eléctrica.\n",
		   "Esta mañana he recibido un correo que se hace pasar por "
		   "mi compañía eléctrica.");
	problem_is("Сторінка просить ввести номер картки і CVV-код.\n\n"
		   "Сайт розміщений на IP-адресі 192.0.2.7, і це ваша "
		   "мережа.\n",
		   "Сторінка просить ввести номер картки і CVV-код.");
}

/* Polish legal references ("sygn. PR 1 Ds. 412.2025", "art. 286 § 1
 * k.k. w zw. z art. 287") end no sentence; a fake page ("fałszywa
 * strona") says what happened. */
static void test_problem_polish_references_and_fake_page(void **state)
{
	(void)state;
	problem_is("Wydział prowadzi, pod nadzorem Prokuratury (sygn. PR 1 Ds. "
		   "412.2025), postępowanie w sprawie oszustw, tj. o "
		   "przestępstwo z art. 286 § 1 k.k. w zw. z art. 287 § 1 "
		   "k.k.\n",
		   "Wydział prowadzi, pod nadzorem Prokuratury (sygn. PR 1 Ds. "
		   "412.2025), postępowanie w sprawie oszustw, tj. o "
		   "przestępstwo z art. 286 § 1 k.k. w zw. z art. 287 § 1 "
		   "k.k.");
	problem_is("W dniu 04.03.2025 r. fałszywa strona logowania do "
		   "bankowości była udostępniana z adresu IP 192.0.2.7.\n",
		   "W dniu 04.03.2025 r. fałszywa strona logowania do "
		   "bankowości była udostępniana z adresu IP 192.0.2.7.");
}

/* Counterfeit goods, not what a scan did not do; German forged mail;
 * Italian "Si tratta di ..." is no Spanish condition. */
static void test_problem_counterfeit_forged_and_si_tratta(void **state)
{
	(void)state;
	problem_is("Hosting IP: 192.0.2.7\n\nThe website below is offering "
		   "counterfeit ALVARA products for sale.\n",
		   "The website below is offering counterfeit ALVARA products "
		   "for sale.");
	problem_is("Open DNS resolvers answer recursive queries from anyone."
		   "\n\nNo exploitation is attempted.\n",
		   NULL);
	problem_is("Die Seite liegt auf der IP-Adresse 192.0.2.7.\n\nIch habe "
		   "eine gefälschte E-Mail angeblich von meiner Bank "
		   "bekommen.\n",
		   "Ich habe eine gefälschte E-Mail angeblich von meiner Bank "
		   "bekommen.");
	problem_is("Si tratta di un sito falso che copia il nostro hotel.\n\n"
		   "Il sito è ospitato presso di voi, all'indirizzo "
		   "192.0.2.7.\n",
		   "Si tratta di un sito falso che copia il nostro hotel.");
}

/* Malay and Indonesian words that hold another language's "atak"
 * ("dinyatakan", stated) tell of no attack; goods never sent, an
 * address used to log in (Malay), login attempts (Hindi), what never
 * arrived (Filipino). */
static void test_problem_malay_indonesian_hindi_filipino(void **state)
{
	(void)state;
	problem_is("Kandungan e-mel ini hanya untuk kegunaan penerima yang "
		   "dinyatakan.\n",
		   NULL);
	problem_is("Saya sudah bayar, tapi barang tidak pernah dikirim.\n",
		   "Saya sudah bayar, tapi barang tidak pernah dikirim.");
	problem_is("Alamat IP 192.0.2.7 telah digunakan untuk log masuk ke "
		   "akaun perbankan mangsa.\n",
		   "Alamat IP 192.0.2.7 telah digunakan untuk log masuk ke "
		   "akaun perbankan mangsa.");
	problem_is("पिछले तीन दिनों से हमारे सर्वर पर हज़ारों SSH लॉगिन प्रयास "
		   "हो रहे हैं।\n",
		   "पिछले तीन दिनों से हमारे सर्वर पर हज़ारों SSH लॉगिन प्रयास "
		   "हो रहे हैं।");
	problem_is("Nagbayad po ako pero hanggang ngayon wala pa rin pong "
		   "dumating sa akin.\n",
		   "Nagbayad po ako pero hanggang ngayon wala pa rin pong "
		   "dumating sa akin.");
}

/* Words that hold another word of what happened ("datacenter" holds
 * Catalan "atac", "represents" holds "sent", "antispam" holds "spam",
 * "antifrode" holds "frode") tell of nothing. */
static void test_problem_words_inside_other_words_count_not(void **state)
{
	(void)state;
	problem_is("Our datacenter team represents the antispam group at the "
		   "meeting.\n",
		   NULL);
	problem_is("Il team antifrode ha ricevuto il rapporto del cliente.\n",
		   NULL);
}

/* What was done against the law ("illegally shared", "unlawfully
 * broadcast") says what happened. */
static void test_problem_done_against_the_law(void **state)
{
	(void)state;
	problem_is("Dear Sir/Madam\n\nThese links have been illegally shared "
		   "with non-paying users and other members of the public.\n",
		   "These links have been illegally shared with non-paying "
		   "users and other members of the public.");
	problem_is("The stream unlawfully broadcasts our matches.\n",
		   "The stream unlawfully broadcasts our matches.");
}

/* A URL ends a line and takes no stop: a capital on the next line opens
 * a new sentence. */
static void test_problem_url_at_line_end_then_capital(void **state)
{
	(void)state;
	problem_is("We observed the phishing kit embedded into this page: "
		   "http://192.0.2.7/login/index.php\nThe page asks for bank "
		   "passwords.\n",
		   "We observed the phishing kit embedded into this page: "
		   "http://192.0.2.7/login/index.php");
}

/* Dutch "gestolen" (stolen) says what happened. */
static void test_problem_dutch_stolen(void **state)
{
	(void)state;
	problem_is("Sinds gisteren worden gestolen creditcardnummers getest op "
		   "onze webshop.\n",
		   "Sinds gisteren worden gestolen creditcardnummers getest op "
		   "onze webshop.");
}

/* Keys with a dot leader ("Source IP ........: ADDR") are fields, one a
 * line; what such servers "are used by" criminals for is general
 * knowledge, not what happened. */
static void test_problem_dot_leader_keys_and_general_use(void **state)
{
	(void)state;
	problem_is("The address below was detected probing our web servers for "
		   "sensitive files.\n\nSource IP ........: 192.0.2.7\n"
		   "Scenarios ........: http-probing http-sensitive-files\n"
		   "Events ...........: 143\n",
		   "The address below was detected probing our web servers for "
		   "sensitive files.");
	problem_is("We have identified a botnet command&control server hosted "
		   "in your network.\n\nBotnet C&C servers are used by "
		   "criminals to control infected devices and launch DDoS "
		   "attacks.\n",
		   "We have identified a botnet command&control server hosted "
		   "in your network.");
}

/* Danish, Norwegian and Finnish words of what happened; Swedish goods
 * that "aldrig levererades". */
static void test_problem_nordic_words(void **state)
{
	(void)state;
	problem_is("Ifølge RIPE ligger siden på 192.0.2.7.\n\nWebshoppen "
		   "bruger mine billeder uden tilladelse.\n",
		   "Webshoppen bruger mine billeder uden tilladelse.");
	problem_is("Følgende adresser har forsøkt å logge inn på våre "
		   "honeypots med standardpassord.\n",
		   "Følgende adresser har forsøkt å logge inn på våre "
		   "honeypots med standardpassord.");
	problem_is("Sivu on osoitteessa 192.0.2.7.\n\nSivu näytti ihan Postin "
		   "sivulta ja kysyi korttitietoja.\n",
		   "Sivu näytti ihan Postin sivulta ja kysyi korttitietoja.");
	problem_is("Jag betalade för en mobiltelefon som aldrig levererades.\n",
		   "Jag betalade för en mobiltelefon som aldrig levererades.");
}

/* Romanian and Hungarian words of what happened (their files held only
 * quote marks). */
static void test_problem_romanian_hungarian_words(void **state)
{
	(void)state;
	problem_is("Adresa IP 192.0.2.7 a fost utilizată pentru accesarea "
		   "frauduloasă a conturilor de internet banking.\n",
		   "Adresa IP 192.0.2.7 a fost utilizată pentru accesarea "
		   "frauduloasă a conturilor de internet banking.");
	problem_is("Az Önök hálózatából adathalász oldalt észleltünk.\n",
		   "Az Önök hálózatából adathalász oldalt észleltünk.");
}

/* Words of what happened in Vietnamese, Lithuanian, Latvian, Estonian,
 * Croatian and Slovenian, over a sentence that only says where. */
static void test_problem_baltic_balkan_vietnamese_words(void **state)
{
	static const char *const found[] = {
	    "Chúng tôi đã phát hiện mã độc trên máy chủ.",
	    "Aptikome užkrėstą įrenginį jūsų tinkle, jis jungiasi prie "
	    "serverio.",
	    "Mēs konstatējām inficētu iekārtu jūsu tīklā, kas sazinās ar "
	    "serveri.",
	    "Tuvastasime teie võrgus nakatunud seadme, mis suhtleb serveriga.",
	    "Otkrili smo zaražen uređaj u vašoj mreži koji komunicira sa "
	    "serverom.",
	    "Zaznali smo okužen strežnik v vašem omrežju, ki komunicira s "
	    "strežnikom.",
	};
	char text[256];

	(void)state;
	for (size_t i = 0; i < sizeof found / sizeof found[0]; i++) {
		snprintf(text, sizeof text, "%s\n", found[i]);
		print_message("%s\n", found[i]);
		problem_is(text, found[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_owner_words_lower_only_a_bare_attribution),
	    cmocka_unit_test(test_question_is_no_problem),
	    cmocka_unit_test(test_sender_words_before_the_quoted_report),
	    cmocka_unit_test(test_what_the_sender_did_is_no_problem),
	    cmocka_unit_test(test_kinds_of_abuse_in_each_language),
	    cmocka_unit_test(test_ipv6_opening_a_line_is_prose),
	    cmocka_unit_test(test_problem_is_what_happened_not_whose_address),
	    cmocka_unit_test(test_problem_not_about_a_mentioned_address),
	    cmocka_unit_test(test_problem_names_the_attacked_address_of_ours),
	    cmocka_unit_test(test_problem_catalan),
	    cmocka_unit_test(test_problem_slovenian),
	    cmocka_unit_test(test_problem_site_redirects),
	    cmocka_unit_test(test_problem_sentence_wraps_over_a_date),
	    cmocka_unit_test(test_problem_is_not_whose_the_address_is),
	    cmocka_unit_test(test_problem_shop_that_never_sends),
	    cmocka_unit_test(
		test_problem_of_a_victim_report_is_not_the_attacker),
	    cmocka_unit_test(test_problem_attempt_over_generality),
	    cmocka_unit_test(test_problem_team_server),
	    cmocka_unit_test(test_problem_key_value_log_and_not_observed),
	    cmocka_unit_test(test_problem_indonesian_and_vietnamese),
	    cmocka_unit_test(test_problem_swahili),
	    cmocka_unit_test(test_problem_hindi_and_albanian),
	    cmocka_unit_test(test_problem_ordinal_dot_ends_no_sentence),
	    cmocka_unit_test(test_problem_arabic),
	    cmocka_unit_test(test_problem_fake_platform_thai_and_signature),
	    cmocka_unit_test(test_problem_not_seen_and_frames),
	    cmocka_unit_test(test_problem_legal_frame_is_no_finding),
	    cmocka_unit_test(test_problem_deed_words_of_more_languages),
	    cmocka_unit_test(test_problem_dated_sentence_and_colon_line),
	    cmocka_unit_test(test_problem_words_in_other_languages),
	    cmocka_unit_test(test_problem_fraud_said_of_what_is_done),
	    cmocka_unit_test(test_problem_harms_not_done_are_none),
	    cmocka_unit_test(test_problem_where_alone_counts_half),
	    cmocka_unit_test(test_problem_is_never_a_log_row_or_table),
	    cmocka_unit_test(test_problem_is_not_a_denial_or_the_registry),
	    cmocka_unit_test(test_problem_is_not_a_doubt),
	    cmocka_unit_test(test_problem_italian_imitation_and_reminder),
	    cmocka_unit_test(test_problem_czech_fake_shop),
	    cmocka_unit_test(test_problem_is_not_what_may_follow),
	    cmocka_unit_test(test_problem_is_the_use_not_the_consequence),
	    cmocka_unit_test(test_problem_spanish_se_trata_is_no_condition),
	    cmocka_unit_test(test_problem_fake_shop_italian_turkish),
	    cmocka_unit_test(test_problem_is_not_when_it_was_reported),
	    cmocka_unit_test(test_problem_time_opening_a_wrapped_line),
	    cmocka_unit_test(test_problem_swedish_threats_and_scam),
	    cmocka_unit_test(test_problem_is_not_numbered_table_rows),
	    cmocka_unit_test(test_problem_ended_frames_and_impersonation),
	    cmocka_unit_test(test_problem_polish_references_and_fake_page),
	    cmocka_unit_test(test_problem_counterfeit_forged_and_si_tratta),
	    cmocka_unit_test(test_problem_malay_indonesian_hindi_filipino),
	    cmocka_unit_test(test_problem_words_inside_other_words_count_not),
	    cmocka_unit_test(test_problem_done_against_the_law),
	    cmocka_unit_test(test_problem_url_at_line_end_then_capital),
	    cmocka_unit_test(test_problem_dutch_stolen),
	    cmocka_unit_test(test_problem_dot_leader_keys_and_general_use),
	    cmocka_unit_test(test_problem_nordic_words),
	    cmocka_unit_test(test_problem_romanian_hungarian_words),
	    cmocka_unit_test(test_problem_baltic_balkan_vietnamese_words),
	    cmocka_unit_test(test_problem_harassment),
	    cmocka_unit_test(test_problem_is_not_the_heading),
	    cmocka_unit_test(test_problem_is_not_a_caption),
	    cmocka_unit_test(test_problem_in_plain_words),
	    cmocka_unit_test(test_problem_not_seen_reminder_amplification),
	    cmocka_unit_test(test_problem_is_not_what_the_mail_is),
	    cmocka_unit_test(test_problem_is_not_what_a_flaw_allows),
	    cmocka_unit_test(test_problem_is_never_a_command_line),
	    cmocka_unit_test(test_telnet_in_prose_is_no_command),
	    cmocka_unit_test(test_problem_is_never_a_whois_or_header_line),
	    cmocka_unit_test(test_short_field_is_no_problem),
	    cmocka_unit_test(test_problem_is_never_json_or_xml),
	    cmocka_unit_test(test_problem_is_never_a_table_csv_or_log_row),
	    cmocka_unit_test(test_prose_with_many_numbers_is_a_sentence),
	    cmocka_unit_test(test_fields_run_together_are_no_sentence),
	    cmocka_unit_test(test_problem_is_never_a_bare_url),
	    cmocka_unit_test(test_problem_is_never_a_signature),
	    cmocka_unit_test(test_line_announcing_the_issue_wins),
	    cmocka_unit_test(test_bullet_or_rule_before_a_sentence_is_dropped),
	    cmocka_unit_test(test_hedged_sentence_loses_to_a_statement),
	    cmocka_unit_test(test_conditional_sentence_loses_to_a_statement),
	    cmocka_unit_test(test_problem_words_of_other_languages),
	    cmocka_unit_test(test_prose_problem_is_not_derived),
	    cmocka_unit_test(test_arf_problem_is_derived_from_its_fields),
	    cmocka_unit_test(test_cover_note_attachment_is_read),
	    cmocka_unit_test(test_closed_thread_asks_nothing),
	    cmocka_unit_test(test_arf_said_phishing_is_phishing),
	    cmocka_unit_test(test_attached_lure_names_the_site),
	    cmocka_unit_test(test_request_above_quoted_acknowledgement),
	    cmocka_unit_test(test_long_body_attachment_is_not_read),
	    cmocka_unit_test(test_colon_in_wrapped_prose_is_no_field),
	    cmocka_unit_test(test_background_sentence_loses_to_the_finding),
	    cmocka_unit_test(test_csv_feed_problem_is_derived),
	    cmocka_unit_test(test_wrapper_sentence_loses_to_the_deed),
	    cmocka_unit_test(test_problem_preamble_and_background_lose),
	    cmocka_unit_test(test_colon_in_prose_and_full_width_fields),
	    cmocka_unit_test(test_dates_references_and_salutations),
	    cmocka_unit_test(test_notice_reason_and_quoted_original_lose),
	    cmocka_unit_test(test_deed_outweighs_the_location),
	    cmocka_unit_test(
		test_command_and_table_mail_gets_a_derived_problem),
	    cmocka_unit_test(test_table_header_is_no_problem),
	    cmocka_unit_test(test_denied_attack_and_routine_scans_lose),
	    cmocka_unit_test(test_italian_fake_shop),
	    cmocka_unit_test(test_relay_preamble_and_background_lose),
	    cmocka_unit_test(test_underlined_title_is_no_problem),
	    cmocka_unit_test(test_bulgarian_finding_over_risk),
	    cmocka_unit_test(test_finding_over_risk_in_more_languages),
	    cmocka_unit_test(test_hacking_said_and_advice_given),
	    cmocka_unit_test(test_aside_in_brackets_is_no_problem),
	    cmocka_unit_test(test_weak_word_says_no_deed),
	    cmocka_unit_test(test_signature_is_no_problem),
	    cmocka_unit_test(test_notice_about_itself_loses_to_sharing),
	    cmocka_unit_test(test_german_attacked),
	    cmocka_unit_test(test_russian_stolen_cards_over_where),
	    cmocka_unit_test(test_german_ordinal_ends_no_sentence),
	    cmocka_unit_test(test_swedish_attack_over_where),
	    cmocka_unit_test(test_volunteer_background_and_own_scans_lose),
	    cmocka_unit_test(
		test_found_by_a_team_login_attempts_and_unrecognised_payment),
	    cmocka_unit_test(test_deed_a_police_request_investigates),
	    cmocka_unit_test(test_hosts_that_answered_a_scan),
	    cmocka_unit_test(test_address_in_a_links_query_names_a_page),
	    cmocka_unit_test(test_end_of_life_flood_and_slovak_scanning),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
