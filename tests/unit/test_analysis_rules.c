/* test_analysis_rules.c: the rule tables: registrable domains, category
 * names and keywords, problem/action sentences, case references. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analysis/classify.h"
#include "core/buf.h"
#include "analysis/formats.h"
#include "analysis/headers.h"
#include "analysis/lines.h"
#include "analysis/noise.h"
#include "analysis/relays.h"
#include "analysis/reporter.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static void domain_is(const char *in, const char *want)
{
	char *d = reporter_domain(in);

	if (!want) {
		assert_null(d);
		return;
	}
	assert_non_null(d);
	assert_string_equal(d, want);
	free(d);
}

static void test_reporter_domain_drops_subdomains(void **state)
{
	(void)state;
	domain_is("abuse@reports.spamcop.net", "spamcop.net");
	domain_is("Mail.Example.ORG.", "example.org");
}

static void test_reporter_domain_keeps_country_second_level(void **state)
{
	(void)state;
	domain_is("incident@cert-in.org.in", "cert-in.org.in");
	domain_is("x@a.b.example.co.uk", "example.co.uk");
	domain_is("cyber@cyber.gc.ca", "cyber.gc.ca");
}

/* Rules a short hand-kept table never had: deeper public suffixes and the
 * list's private section (hosting platforms whose customers are each a
 * registrant of their own). */
static void test_reporter_domain_follows_the_public_suffix_list(void **state)
{
	(void)state;
	domain_is("noc@abuse.example.kawasaki.jp", "abuse.example.kawasaki.jp");
	domain_is("alerts@scanner.example.com.br", "example.com.br");
	domain_is("phish.example.github.io", "example.github.io");
	domain_is("report@bot.example.pages.dev", "example.pages.dev");
}

static void test_reporter_domain_needs_a_dot(void **state)
{
	(void)state;
	domain_is("root@localhost", NULL);
}

static void cat_is(struct category c, const char *cat, const char *type)
{
	assert_string_equal(c.category, cat);
	assert_string_equal(c.type, type);
}

/* The text under subject is classified, as cat/type. */
static void classified_as(const char *subject, const char *text,
			  const char *cat, const char *type)
{
	struct category c;

	assert_true(classify_text(subject, text, strlen(text), &c));
	cat_is(c, cat, type);
}

/* A defacer's signature and the Turkish word for a defaced site; fake job
 * offers (English, Arabic) are fraud; Icelandic port scans, Armenian spam
 * and an Azerbaijani fake lottery from their own files. */
static void test_classify_defaced_fake_jobs_and_four_languages(void **state)
{
	(void)state;
	classified_as(NULL,
		      "The front page of the shop now shows \"Hacked by Team "
		      "X\" instead of the catalogue.",
		      "content", "defacement");
	classified_as("Web sitesi tahrifatı",
		      "Sitenizin ana sayfası "
		      "değiştirildi.",
		      "content", "defacement");
	classified_as(NULL,
		      "A site on your server posts fake job offers in our "
		      "company's name and asks for a fee.",
		      "content", "fraud");
	classified_as(NULL, "موقع يعرض وظائف وهمية باسم شركتنا.", "content",
		      "fraud");
	classified_as("Portaskönnun",
		      "Við sjáum portaskönnun frá netinu "
		      "ykkar.",
		      "connection", "port_scan");
	classified_as(NULL, "Ձեր ցանցից ուղարկվում է սպամ։", "messaging",
		      "spam");
	classified_as(NULL, "Sizin serverdə saxta lotereya saytı var.",
		      "content", "fraud");
	classified_as(NULL, "Teie serverist tuleb rämpsposti.", "messaging",
		      "spam");
	/* A blocklist's name holds "spam" and says nothing of the kind. */
	classified_as("Spamhaus XBL listing: 192.0.2.45",
		      "Spamhaus lists the address: a host infected with "
		      "botnet malware.",
		      "infrastructure", "botnet");
}

/* A kind the words deny ("not a phishing site", "nicht um Phishing",
 * "不是釣魚網站") is not the report's: a defaced site said to be no
 * phishing is a defacement. */
static void test_classify_denied_kind_does_not_count(void **state)
{
	(void)state;
	classified_as(NULL,
		      "The front page was defaced. It is not a phishing site "
		      "and no phishing page was found.",
		      "content", "defacement");
	classified_as(NULL,
		      "Die Startseite wurde verunstaltet; es handelt sich "
		      "nicht um Phishing.",
		      "content", "defacement");
	classified_as("網站遭到置換（defacement）",
		      "首頁被換成駭客的留言頁面，看起來不是釣魚網站。",
		      "content", "defacement");
	classified_as(NULL, "We found a phishing site on your server.",
		      "content", "phishing");
}

/* A photographer's pictures used without leave are copyright; Nepali and
 * Hindi port scans; a Greek fake page of a brand; a Portuguese site
 * changed by hackers; a Sinhala hacked site; and plain words of each
 * kind in English, German and Spanish (a fake login, smishing, a fake
 * shop, probing for vulnerable software, wrong passwords, junk mail). */
static void test_classify_photos_languages_and_plain_words(void **state)
{
	(void)state;
	classified_as("My photos used without permission",
		      "A hotel site shows my photographs with my watermark "
		      "cropped out.",
		      "copyright", "copyright");
	classified_as(NULL, "तपाईंको नेटवर्कबाट पोर्ट स्क्यान भयो।", "connection",
		      "port_scan");
	classified_as(NULL, "आपके नेटवर्क से पोर्ट स्कैन हो रहा है।", "connection",
		      "port_scan");
	classified_as(NULL, "Βρήκαμε μια ψεύτικη σελίδα της τράπεζας.",
		      "content", "phishing");
	classified_as(
	    NULL, "O site da escola foi alterado por piratas ontem à noite.",
	    "content", "defacement");
	classified_as(NULL,
		      "Jemand versucht ständig, sich mit falschen Passwörtern "
		      "anzumelden.",
		      "connection", "login_attack");
	classified_as(NULL, "Der Host tastet alle Ports unseres Netzes ab.",
		      "connection", "port_scan");
	classified_as(NULL, "Recibimos correos basura desde este servidor.",
		      "messaging", "spam");
	classified_as(NULL,
		      "Alguien está intentando entrar en mi NAS con usuarios "
		      "como admin.",
		      "connection", "login_attack");
	classified_as(NULL,
		      "Encore 14 messages de publicité pour des panneaux "
		      "solaires.",
		      "messaging", "spam");
	classified_as("Tried to steal my son's game login",
		      "Someone pretending to be a moderator sent a link; the "
		      "page looked exactly like the game's login, and he typed "
		      "his password.",
		      "content", "phishing");
	classified_as("Smishing campaign using your server", "Details below.",
		      "content", "phishing");
	classified_as("Fake online shop hosted on your network",
		      "Details below.", "content", "fraud");
	classified_as(NULL, "The site imitates our webmail to steal passwords.",
		      "content", "phishing");
	classified_as(NULL, "This web shop takes money and never delivers.",
		      "content", "fraud");
	classified_as(NULL,
		      "The host is probing our web servers for vulnerable "
		      "plugins.",
		      "connection", "vulnerability_scanning");
	classified_as(NULL, "අපේ පාසලේ වෙබ් අඩවිය හැක් කර ඇත.", "infrastructure",
		      "compromised_server");
}

/* An attack on a site's login with mail and password pairs is password
 * guessing, even beside a web log of its POSTs (Spanish, Portuguese). */
static void test_classify_login_of_a_site_beside_its_web_log(void **state)
{
	static const char log[] =
	    "192.0.2.140 - - [18/Aug/2025:14:02:51 -0500] \"POST "
	    "/cuenta/ingresar HTTP/1.1\" 401 231\n";
	char text[1024];

	(void)state;
	snprintf(text, sizeof text,
		 "Vemos miles de intentos usando combinaciones de correo y "
		 "contraseña de una base filtrada.\n%s%s%s%s",
		 log, log, log, log);
	classified_as("Ataque contra el login de nuestra tienda en línea", text,
		      "connection", "login_attack");
	snprintf(
	    text, sizeof text,
	    "Recebemos um ataque de preenchimento de credenciais.\n%s%s%s%s",
	    log, log, log, log);
	classified_as("Ataque ao login da loja", text, "connection",
		      "login_attack");
}

/* A web log of requests of a login page, and a mail server's log of
 * failed logins and its alert, are password guessing. */
static void test_classify_login_pages_and_mail_logins(void **state)
{
	static const char row[] =
	    "198.51.100.77 - - [12/Mar/2025:22:14:03 +0100] \"POST "
	    "/admin/login HTTP/1.1\" 401 512 \"-\" \"python-requests\"\n";
	char text[1024];

	(void)state;
	snprintf(text, sizeof text, "Ukázka z logu:\n%s%s%s%s", row, row, row,
		 row);
	classified_as("Útok na náš e-shop", text, "connection", "login_attack");
	classified_as("lfd on web03: (smtpauth) Failed SMTP AUTH login from "
		      "2001:db8:33::17: 5 in the last 3600 secs",
		      "dovecot_login authenticator failed for "
		      "[2001:db8:33::17]:51234: 535 Incorrect authentication "
		      "data\n",
		      "connection", "login_attack");
}

/* Customers' devices infected with malware are a botnet's hosts,
 * whatever the malware is called (German). */
static void test_classify_infected_devices_are_bots(void **state)
{
	(void)state;
	classified_as("Mit BADBOX 2.0 infizierte Geräte in Ihrem Netz",
		      "Die IP-Adressen aus Ihrem Netzbereich sind mit "
		      "Schadsoftware der Familie BADBOX 2.0 infiziert. Auf den "
		      "Geräten wurde die Schadsoftware bereits ab Werk "
		      "installiert.",
		      "infrastructure", "botnet");
}

/* A shop that takes the money and sends nothing is fraud. */
static void test_classify_shop_that_takes_the_money(void **state)
{
	(void)state;
	classified_as("Fake concert ticket site - I lost my money",
		      "I want to report a website that is selling fake tickets "
		      "for the concert. I paid and never got them. Please take "
		      "it down before more people lose their money.",
		      "content", "fraud");
}

/* A page a text message leads to, which looks like an institution's and
 * asks for the card or the password, is phishing whatever the writer
 * calls it (a scam, "golpe", "svindel", "huijaus", "หลอกลวง"); a shop that
 * sells cards stays fraud. */
static void test_classify_card_asking_page_is_phishing(void **state)
{
	(void)state;
	classified_as("Scam site on your server",
		      "I got an SMS claiming to be from the post office; the "
		      "link went to a page that looked just like theirs and "
		      "asked for my card details. Please take this scam down.",
		      "content", "phishing");
	classified_as("Golpe por SMS usando nome dos Correios",
		      "O link leva para o site, que é uma cópia perfeita do "
		      "site dos Correios, com formulário pedindo dados do "
		      "cartão. Por favor, tirem esse golpe do ar.",
		      "content", "phishing");
	classified_as("Falsk side på jeres server – svindel",
		      "Linket førte til en side der lignede MitID-login til "
		      "forveksling og bad om kortoplysninger.",
		      "content", "phishing");
	classified_as("Huijaussivu teidän palvelimella",
		      "Sain tekstiviestin. Linkki vei sivulle, joka näytti "
		      "Postin sivulta ja kysyi korttitietoja.",
		      "content", "phishing");
	classified_as("แจ้งเว็บหลอกลวง",
		      "ลิงก์พาไปที่เว็บซึ่งปลอมเป็นเว็บบริษัทขนส่ง "
		      "แล้วให้กรอกเลขบัตรเครดิต",
		      "content", "phishing");
	classified_as("Fałszywy sklep",
		      "Strona podszywa się pod serwis ogłoszeniowy i wyłudza "
		      "dane kart płatniczych od osób sprzedających przedmioty.",
		      "content", "phishing");
	classified_as("Fraud shop",
		      "This shop is a scam: it sells stolen credit cards with "
		      "CVV and takes the money of its buyers.",
		      "content", "fraud");
}

/* Swahili: a site that pretends to be a brand and asks for the PIN is
 * phishing; Hausa: a site that deceives people is fraud. */
static void test_classify_swahili_phishing_and_hausa_fraud(void **state)
{
	(void)state;
	classified_as("Tovuti ya wizi inayojifanya M-Tumaini",
		      "Tovuti hiyo ni ya uongo kabisa, inaomba namba ya simu "
		      "na PIN yako.",
		      "content", "phishing");
	classified_as("Korafi: shafin damfara",
		      "Akwai wani shafin yanar gizo wanda yake yaudarar "
		      "mutane.",
		      "content", "fraud");
}

/* A service put on the Internet that should not be is an open service,
 * whatever attackers are said to do with such services and whatever a
 * virus scanner's footer says. */
static void test_classify_exposed_service_over_its_risk(void **state)
{
	(void)state;
	classified_as(
	    "Advisory: Exposed Remote Desktop and MS-SQL services",
	    "Our assessment identified a host on your network "
	    "exposing Microsoft Remote Desktop (3389/tcp) directly to "
	    "the Internet. Such exposure is frequently exploited by "
	    "ransomware operators.\n--\nThis email has been scanned "
	    "for viruses and malware.",
	    "vulnerability", "open_service");
}

/* A network scan in the words of hosters' and sensor networks'
 * notices, over what scanning hosts are said to often be. */
static void test_classify_netscan_and_scanning_activity(void **state)
{
	(void)state;
	classified_as("Abuse Message [AbuseID:591BC6:1E]: NetscanOutLevel: "
		      "Netscan detected from host 192.0.2.75",
		      "We have detected a netscan from an IP address in your "
		      "network against our infrastructure.",
		      "connection", "port_scan");
	classified_as("Scan report for 192.0.2.222",
		      "The host has been reported by our sensors for scanning "
		      "activity. Hosts scanning for SMB are frequently "
		      "compromised and part of a botnet.",
		      "connection", "port_scan");
}

/* A brand's notice about a page that asks for a wallet's recovery phrase
 * is phishing, whatever trademark words it holds; a service that "can be
 * abused for DDoS amplification" is an open service, not an attack;
 * messages sent in bulk by SMS or WhatsApp are spam. */
static void test_classify_wallet_lure_open_amplifier_and_mass_sms(void **state)
{
	(void)state;
	classified_as("Notice of Infringing Website",
		      "We act for the owner of the NEXORA trademarks and the "
		      "copyrights in its wallet. The infringing site copies "
		      "the trademark and the copyrighted interface and asks "
		      "visitors for their recovery phrase. Infringing URL: "
		      "https://nexora.example/",
		      "content", "phishing");
	classified_as("Exposure report: accessible-cldap",
		      "CLDAP is exposed by domain controllers reachable from "
		      "the Internet and can be abused for DDoS amplification "
		      "with factors above 50x.",
		      "vulnerability", "open_service");
	classified_as("Notificação: serviços UDP passíveis de abuso para "
		      "amplificação",
		      "Identificamos serviços que podem ser abusados em "
		      "ataques de negação de serviço por amplificação (DDoS).",
		      "vulnerability", "open_service");
	classified_as("Reporte de envíos masivos no solicitados (SMS/WhatsApp)",
		      "Recibimos quejas por mensajes masivos no solicitados "
		      "vía WhatsApp que llevan a un formulario fraudulento.",
		      "messaging", "spam");
}

/* Polish password guessing on RDP is a login attack beside the word for
 * a break-in; a Dutch "onbeveiligde" server reachable without a password
 * is an open service beside the words of the scan that found it; a
 * French police request to preserve a subscriber's data is no report of
 * the fraud it investigates. */
static void
test_classify_rdp_guessing_unsecured_redis_preservation(void **state)
{
	(void)state;
	classified_as(
	    "Próby włamania na RDP z adresu 192.0.2.240",
	    "z adresu IP 192.0.2.240 od kilku dni prowadzone są próby "
	    "odgadnięcia haseł do usługi Pulpitu zdalnego.",
	    "connection", "login_attack");
	classified_as("Onbeveiligde Redis-server in uw netwerk (192.0.2.60)",
		      "Tijdens een scan zagen wij een Redis-server die zonder "
		      "wachtwoord bereikbaar is. Onze scans worden uitgevoerd "
		      "vanaf 192.0.2.240; gebruik een firewallregel.",
		      "vulnerability", "open_service");
	classified_as("Demande de préservation de données",
		      "Dans le cadre d'une enquête sur une fraude par "
		      "télémarketing, nous vous demandons de préserver "
		      "l'identité du client et les renseignements de "
		      "facturation liés à 192.0.2.200 (appels frauduleux).",
		      "other", "other");
}

/* A notice that says it reports no attack, or that services are
 * "abused as reflectors" and "amplifiable", is about open services, not
 * a DDoS, whatever attack words it explains them with; so is Latvian
 * "SSDP pakalpojums ... uzbrucēji izmanto". */
static void test_classify_amplifiable_services_are_open(void **state)
{
	(void)state;
	classified_as("Amplifiable UDP services in AS64500 (3 hosts)",
		      "Our daily scans found 3 hosts that respond to small UDP "
		      "requests with much larger replies. Such services are "
		      "routinely abused as reflectors in distributed "
		      "denial-of-service attacks. The observed amplification "
		      "factor is in the CSV; amplification up to 30x.",
		      "vulnerability", "open_service");
	classified_as("Open amplification services in AS64505 (2 hosts)",
		      "A non-profit that scans daily for services that can be "
		      "abused for reflected DDoS amplification. It is NOT a "
		      "report of an attack originating from your network.\n"
		      "ip,port,service,amplification_factor\n"
		      "192.0.2.5,11211,memcached,51000\n"
		      "An open memcached instance can be used by attackers to "
		      "multiply attack traffic towards third parties; the "
		      "amplification is large.",
		      "vulnerability", "open_service");
	classified_as("Atklāts SSDP pakalpojums adresē 192.0.2.101",
		      "No interneta ir pieejams SSDP pakalpojums. Šādus "
		      "pakalpojumus uzbrucēji izmanto DDoS pastiprināšanas "
		      "uzbrukumos.",
		      "vulnerability", "open_service");
}

/* A police demand to preserve a subscriber's data, and a Dutch
 * prosecutor's "vordering" for the identifying data of the address's
 * user, are no reports of the fraud they investigate. */
static void test_classify_police_demands_are_other(void **state)
{
	(void)state;
	classified_as("Preservation Demand - file 2026-118402 - 192.0.2.201",
		      "We are investigating an offence of fraud. The address "
		      "was used to initiate fraudulent transfers. We ask that "
		      "you preserve all subscriber information for 21 days.",
		      "other", "other");
	classified_as("Vordering verstrekking gegevens ex art. 126na Sv",
		      "In het kader van een lopend opsporingsonderzoek naar "
		      "oplichting vordert de officier van justitie de "
		      "verstrekking van de volgende gegevens: de "
		      "identificerende gegevens van de gebruiker van "
		      "192.0.2.93.",
		      "other", "other");
}

/* Romanian: a police request for a subscriber's identifying data is
 * no report of the fraud it investigates; a fake bank site that asks for
 * card data is phishing. */
static void test_classify_romanian_police_and_fake_bank(void **state)
{
	(void)state;
	classified_as("Solicitare date de identificare abonat",
		      "Efectuăm cercetări în dosarul penal privind fraudă "
		      "informatică. Vă rugăm să ne comunicați datele de "
		      "identificare ale clientului căruia i-a fost alocată "
		      "adresa IP 192.0.2.33.",
		      "other", "other");
	classified_as("Site fals al băncii găzduit la voi!!!",
		      "Pagina arată exact ca internet bankingul băncii, așa că "
		      "am introdus datele cardului și parola.",
		      "content", "phishing");
}

/* A Swedish police request for a subscriber's data is other/other; an
 * Icelandic fake shop ("svikasíða") is fraud. */
static void test_classify_swedish_police_icelandic_fake_shop(void **state)
{
	(void)state;
	classified_as("Begäran om uppgifter om abonnent",
		      "Polismyndigheten utreder ett misstänkt bedrägeri och "
		      "begär uppgift om vilken abonnent som tilldelats "
		      "IP-adressen 192.0.2.5.",
		      "other", "other");
	classified_as("Svikasíða hýst hjá ykkur",
		      "Nú er ég búin að komast að því að þetta er svikasíða.",
		      "content", "fraud");
}

/* A police "Order to Produce" under a criminal procedure code is
 * other/other; a Thai fake shop ("หลอกลวง") is fraud, while a Thai site
 * that deceives to get data ("หลอกลวงเอาข้อมูล") stays phishing. */
static void test_classify_order_to_produce_and_thai_fraud(void **state)
{
	(void)state;
	classified_as("Order to Produce (S20 CPC) - IP 192.0.2.77",
		      "We are investigating a case of cheating involving a "
		      "fraudulent platform. Pursuant to Section 20 of the "
		      "Criminal Procedure Code, you are required to furnish "
		      "the subscriber's details.",
		      "other", "other");
	classified_as("แจ้งเว็บไซต์ขายโทรศัพท์หลอกลวง",
		      "ดิฉันสั่งซื้อโทรศัพท์และโอนเงินแล้วแต่ไม่ได้รับสินค้า", "content",
		      "fraud");
	classified_as("", "เว็บไซต์หลอกลวงเอาข้อมูลบัตรเครดิต", "content",
		      "phishing");
	/* Estonian "andmepüügileht" (a phishing page). */
	classified_as("Andmepüügileht teie võrgus: 192.0.2.140",
		      "Leht jäljendab panga sisselogimislehte.", "content",
		      "phishing");
}

static void test_classify_name_maps_xarf_report_types(void **state)
{
	struct category c;

	(void)state;
	assert_true(classify_name("Login-Attack", &c));
	cat_is(c, "connection", "login_attack");
	assert_true(classify_name("regbot", &c));
	cat_is(c, "messaging", "spam");
	assert_false(classify_name("abuse", &c));
}

/* An open NTP server offered as a "potential amplification vector", and
 * a Czech device "zranitelná vůči CVE-...": the service and the flaw,
 * though the words of scanning and of reflection attacks are beside
 * them. */
/* A request for who held an address is a report of its own kind, not
 * of the crime its case is about. */
static void test_classify_text_data_request_is_other(void **state)
{
	(void)state;
	classified_as("REQUEST FOR SUBSCRIBER INFORMATION - CAS 412/03",
		      "The above-mentioned case of fraud is under "
		      "investigation. The fraudulent session originated from "
		      "IP address 192.0.2.5. You are requested to provide "
		      "the subscriber details associated with it.",
		      "other", "other");
	classified_as("OFICIO N° 1874 - Requerimiento de información",
		      "En la causa por estafa se solicita que informe los "
		      "datos del titular de la dirección IP 192.0.2.5.",
		      "other", "other");
	classified_as("Requisição de dados cadastrais",
		      "Crime de estelionato: requisito o fornecimento dos "
		      "dados cadastrais do usuário da conexão 192.0.2.5.",
		      "other", "other");
	classified_as("Bilgi talebi",
		      "Nitelikli dolandırıcılık soruşturması kapsamında "
		      "abonenin kimlik bilgilerinin gönderilmesini rica "
		      "ederiz.",
		      "other", "other");
	classified_as("Auskunftsersuchen",
		      "Wegen Betrugs werden Sie ersucht, die Bestandsdaten des "
		      "Anschlussinhabers der Adresse 192.0.2.5 mitzuteilen. "
		      "Es wurden Portscans festgestellt.",
		      "other", "other");
	/* The crime alone is still the crime. */
	classified_as("Fraud", "A fraud shop on 192.0.2.5 takes payments.",
		      "content", "fraud");
}

/* Swahili: a page that imitates a login is phishing, a fake job offer
 * fraud, from the Swahili word file. */
static void test_classify_text_swahili(void **state)
{
	(void)state;
	classified_as("Tovuti inayoiga benki",
		      "Tovuti hii inaiga ukurasa wa kuingia wa benki yetu.",
		      "content", "phishing");
	classified_as("Ajira bandia",
		      "Tovuti ya ajira bandia inawataka waombaji kulipa ada.",
		      "content", "fraud");
}

/* The new word files' kinds: Hindi fraud, Persian denial of service,
 * Bengali harassment, Sinhala fraud, Croatian scanning, Urdu spam,
 * Albanian fraud, and an Italian data request. */
static void test_classify_text_nine_more_languages(void **state)
{
	(void)state;
	classified_as("शिकायत", "इस वेबसाइट पर निवेश के नाम पर ठगी हो रही है।",
		      "content", "fraud");
	classified_as("گزارش",
		      "سرور ما هدف حمله‌ی منع سرویس "
		      "توزیع‌شده "
		      "بود.",
		      "connection", "ddos");
	classified_as("অভিযোগ",
		      "একজন ব্যক্তি আমাকে হুমকিমূলক বার্তা পাঠিয়ে হয়রানি "
		      "করছে।",
		      "other", "other");
	classified_as("පැමිණිල්ල", "මෙම වෙබ් අඩවිය වංචා කරයි.", "content", "fraud");
	classified_as("Skeniranje portova",
		      "Adresa iz vaše mreže skenira naš adresni prostor.",
		      "connection", "port_scan");
	classified_as("شکایت",
		      "آپ کے سرور سے غیر مطلوبہ اشتہاری ای میلز آ "
		      "رہی ہیں۔",
		      "messaging", "spam");
	classified_as("بلاغ تصيد احتيالي",
		      "رصدنا موقعاً احتيالياً ينتحل صفة بوابة البنك.", "content",
		      "phishing");
	classified_as("Ankesë", "Kjo faqe është një mashtrim me kredi.",
		      "content", "fraud");
	classified_as("Richiesta di informazioni",
		      "Procedimento per truffa: si chiede di fornire i dati "
		      "identificativi dell'intestatario.",
		      "other", "other");
}

/* Italian exposed services and an unauthorised investment site; a
 * server's half-open connections (netstat's SYN_RECV) are a flood it
 * receives, not a scan. */
static void test_classify_text_italian_services_and_syn_recv(void **state)
{
	(void)state;
	classified_as("Notifica servizi vulnerabili",
		      "Nell'ultima scansione abbiamo individuato sistemi che "
		      "espongono servizi vulnerabili. Le scansioni sono "
		      "periodiche.",
		      "vulnerability", "cve");
	classified_as("Sito di trading abusivo",
		      "Il sito promette rendimenti garantiti del 4% "
		      "settimanale.",
		      "content", "fraud");
	classified_as("Server sotto attacco",
		      "Stiamo ricevendo un attacco DDoS:\n"
		      "tcp 0 0 192.0.2.200:443 198.51.100.66:51022 SYN_RECV\n"
		      "tcp 0 0 192.0.2.200:443 198.51.100.66:51023 SYN_RECV\n"
		      "tcp 0 0 192.0.2.200:443 203.0.113.91:40110 SYN_RECV\n"
		      "tcp 0 0 192.0.2.200:443 203.0.113.9:40111 SYN_RECV\n",
		      "connection", "ddos");
}

/* Kinds from the word files of Lithuanian, Estonian, Tagalog, Punjabi
 * and Basque. */
static void test_classify_text_baltic_and_more(void **state)
{
	(void)state;
	classified_as("Pranešimas",
		      "Mūsų jutikliai užfiksavo prievadų skenavimą iš jūsų "
		      "tinklo.",
		      "connection", "port_scan");
	classified_as("Kaebus", "Foorumil ahistamine ja ähvardused.", "other",
		      "other");
	classified_as("Reklamo",
		      "Ito ay isang pekeng investment site na "
		      "panloloko.",
		      "content", "fraud");
	classified_as("ਸ਼ਿਕਾਇਤ", "ਉਹ ਮੈਨੂੰ ਧਮਕੀ ਭਰੀਆਂ ਈਮੇਲਾਂ ਭੇਜਦਾ ਹੈ।", "other",
		      "other");
	classified_as("Ohartarazpena",
		      "Zuen sareko gailuek ahultasun larria dute.",
		      "vulnerability", "cve");
}

/* Accounts made by machine to publish spam pages are spam, whatever the
 * pages sell; a stealer a phishing campaign spreads is malware; a fake
 * platform that takes a wallet is phishing; an overloaded server is a
 * denial of service. */
static void test_classify_text_spam_pages_stealer_wallet_overload(void **state)
{
	(void)state;
	classified_as("Automated signup abuse from your network",
		      "The accounts were used to publish spam pages with links "
		      "to counterfeit pharmacy sites.",
		      "messaging", "spam");
	classified_as("Conținut malițios găzduit pe 192.0.2.15",
		      "Sistemul găzduiește fișiere malware de tip infostealer, "
		      "distribuite prin campanii de phishing.",
		      "content", "malware");
	classified_as("Site falso hospedado na sua rede",
		      "Um site que imita nossa plataforma pede para conectar a "
		      "carteira.",
		      "content", "phishing");
	classified_as(
	    "HTTP-överbelastning",
	    "Vår server är överbelastad av HTTP-anrop från 192.0.2.7.",
	    "connection", "ddos");
}

/* Kinds from the word files of Afrikaans, Welsh, Irish, Kazakh,
 * Georgian and Uzbek. */
static void test_classify_text_seven_more_languages(void **state)
{
	(void)state;
	classified_as("Klag",
		      "Dit is 'n vals aanlyn winkel; mense word "
		      "ingeloop.",
		      "content", "fraud");
	classified_as("Sganio",
		      "Mae'r cyfeiriad wedi bod yn sganio ein "
		      "rhwydwaith.",
		      "connection", "port_scan");
	classified_as("Gearán", "Is ciapadh é seo, le mo shonraí pearsanta.",
		      "other", "other");
	classified_as("Хабарлама", "Біз фишингтік ресурсты анықтадық.",
		      "content", "phishing");
	classified_as("შეტყობინება", "მიმდინარეობს პორტების სკანირება.",
		      "connection", "port_scan");
	classified_as("Xabar", "Server kuchaytirgich sifatida ishlatilmoqda.",
		      "connection", "ddos");
	classified_as("إشعار: خادم NTP في شبكتكم يُستغل في هجمات تضخيم",
		      "تعرضت شبكتنا لهجوم حجب خدمة موزع من نوع تضخيم NTP.",
		      "connection", "ddos");
	classified_as("Pikšķerēšana", "Serverī ir izvietota viltus lapa.",
		      "content", "phishing");
	classified_as("แจ้งเตือน", "พบเว็บไซต์ฟิชชิงที่แอบอ้างบริษัทขนส่ง", "content",
		      "phishing");
	classified_as(
	    "捜査関係事項照会について",
	    "不正アクセス事件に関し、契約者情報の照会をお願いします。", "other",
	    "other");
	classified_as("Angriffe auf RDP-Server unseres Kunden",
		      "Wir verzeichnen massenhaft fehlgeschlagene "
		      "RDP-Anmeldungen von 192.0.2.3.",
		      "connection", "login_attack");
	classified_as("Report",
		      "I would like to report a fake investment "
		      "platform on your server.",
		      "content", "fraud");
	classified_as("Prašymas pateikti informaciją",
		      "Atliekamas ikiteisminis tyrimas dėl sukčiavimo; prašome "
		      "pateikti abonento duomenis.",
		      "other", "other");
}

static void test_classify_text_potential_and_vulnerable_to(void **state)
{
	(void)state;
	classified_as("Open NTP server (monlist) at 192.0.2.66 - potential "
		      "amplification vector",
		      "Open NTP servers with monlist enabled are abused for "
		      "reflection/amplification DDoS attacks.",
		      "vulnerability", "open_service");
	classified_as("Zranitelná zařízení FortiGate",
		      "V rámci pravidelného skenování jsme nalezli zařízení, "
		      "která jsou zranitelná vůči CVE-2024-21762.",
		      "vulnerability", "cve");
}

/* A web scanner's paths and an Italian "scansione di percorsi" are a
 * web attack; Turkish spam and a fake shop in their other words. */
static void test_classify_text_web_paths_and_turkish(void **state)
{
	(void)state;
	classified_as("your tor exit is attacking my forum",
		      "It has been hammering our login page and probing for "
		      "phpBB exploits:\nGET /.git/config\nGET "
		      "/adm/index.php?sid=../../../../etc/passwd\n",
		      "connection", "vulnerability_scanning");
	classified_as(
	    "Segnalazione abuso: scansione di percorsi web",
	    "L'indirizzo sta effettuando una scansione sistematica di "
	    "percorsi sensibili sui siti dei nostri clienti.",
	    "connection", "vulnerability_scanning");
	classified_as("Fwd: İstenmeyen toplu e-posta",
		      "Posta sunucumuza yoğun miktarda istenmeyen reklam "
		      "e-postası geliyor.",
		      "messaging", "spam");
	classified_as(
	    "Sahte e-ticaret sitesi şikâyeti",
	    "Site, var olmayan ürünleri satışa sunarak ödeme almakta, "
	    "ancak hiçbir ürünü göndermemektedir.",
	    "content", "fraud");
}

/* A Czech "fraudulent page" that imitates a bank's login and asks for
 * credentials is phishing. */
static void test_classify_text_czech_bank_login_page(void **state)
{
	(void)state;
	classified_as(
	    "Podvodná stránka napodobující Moravskou banku",
	    "Na serveru ve Vaší síti je provozována podvodná stránka "
	    "napodobující přihlášení do internetového bankovnictví. "
	    "Stránka vyžaduje přihlašovací údaje. Prosíme o odstranění "
	    "podvodného obsahu.",
	    "content", "phishing");
}

/* A French fake site that asks for bank details is phishing. */
static void test_classify_text_french_bank_details(void **state)
{
	(void)state;
	classified_as("TR: Votre remboursement est en attente",
		      "J'ai reçu un message qui me demande de saisir mes "
		      "coordonnées bancaires pour recevoir un remboursement.",
		      "content", "phishing");
}

/* A notice that says it reports no attack is about the service, though
 * it tells what amplification the service could lend to one. */
static void test_classify_text_no_attack_is_an_open_service(void **state)
{
	(void)state;
	classified_as(
	    "Serviço SSDP (UPnP) aberto em sua rede",
	    "Esse serviço pode ser abusado em ataques de negação de "
	    "serviço por amplificação. Não se trata de notificação de "
	    "ataque: os dispositivos estão vulneráveis.",
	    "vulnerability", "open_service");
	classified_as(
	    "Resolvers in your network",
	    "The hosts below answer recursive DNS queries from anyone "
	    "and can be abused for amplification. This is not a "
	    "report of an attack originating from your network.",
	    "vulnerability", "open_service");
}

/* A report of an attack that went through a reflector in the
 * recipient's network is a denial of service, though it names the open
 * service that made it possible. */
static void test_classify_text_attack_through_a_reflector(void **state)
{
	(void)state;
	classified_as("DNS-Amplification: offener Resolver 192.0.2.53 wird "
		      "missbraucht",
		      "Einer unserer Kunden war heute Ziel eines "
		      "DNS-Amplification-Angriffs. Unter den reflektierenden "
		      "Systemen befindet sich auch 192.0.2.53, das als offener "
		      "DNS-Resolver antwortet.",
		      "connection", "ddos");
	classified_as("DNS amplification - open resolver 192.0.2.53",
		      "We are mitigating a DNS reflection attack against one "
		      "of our customers. Among the reflectors, 192.0.2.53 is "
		      "an open recursive resolver.",
		      "connection", "ddos");
	classified_as("memcachedリフレクション攻撃について",
		      "弊社のお客様のサーバに対して、memcached "
		      "を悪用したリフレクション攻撃が発生いたしました。",
		      "connection", "ddos");
}

/* Probes a network telescope saw are scans, though "unsolicited"; remote
 * desktop and file sharing offered to anyone are open services, though
 * the notice names the ransomware that targets them. */
static void test_classify_text_telescope_probes_and_open_rdp(void **state)
{
	(void)state;
	classified_as("Telescope report: unsolicited IPv6 probes",
		      "We observed 2001:db8::15 sending unsolicited probes to "
		      "unused addresses of our network telescope.",
		      "connection", "port_scan");
	classified_as("Daily report: Accessible RDP / SMB",
		      "The report lists devices that expose Remote Desktop "
		      "Protocol (3389/tcp) to the Internet. Such services are "
		      "frequently targeted by ransomware operators.",
		      "vulnerability", "open_service");
}

/* SQL injection in Chinese, with the space a writer puts after the
 * Latin letters, and in traditional characters. */
static void test_classify_text_chinese_sql_injection(void **state)
{
	(void)state;
	classified_as(
	    "來自 192.0.2.140 的 SQL 注入攻擊",
	    "本中心偵測到來自貴公司網段之 IP 位址對本公司網站進行大量 "
	    "SQL 注入攻擊。",
	    "connection", "sql_injection");
	classified_as(NULL, "我们检测到来自 192.0.2.141 的注入攻击。",
		      "connection", "sql_injection");
}

/* A German notice of an open service named by its protocol, with the
 * harm it could lend to a reflection attack beside it, is the open
 * service. */
static void test_classify_text_german_open_service_by_protocol(void **state)
{
	(void)state;
	classified_as("Offene NTP-Server über UDP erreichbar",
		      "Auf 192.0.2.7 antwortet ein NTP-Server auf monlist; "
		      "solche Systeme werden für Reflexionsangriffe mit einem "
		      "hohen Verstärkungsfaktor missbraucht.",
		      "vulnerability", "open_service");
}

/* A reflection attack as its victim tells it, in Hungarian: an open
 * resolver "used for a DNS amplification attack against our customer" is
 * DDoS traffic, though the words of an open service are beside it. */
static void test_classify_text_hungarian_amplification_attack(void **state)
{
	(void)state;
	classified_as("DNS amplifikációs támadás",
		      "a 192.0.2.5 IP-címen működő nyílt DNS-feloldót "
		      "DNS-amplifikációs támadáshoz használták fel ügyfelünk "
		      "ellen.",
		      "connection", "ddos");
}

/* Failed logins with the protocol between the words, and a log's
 * "auth failed". */
static void test_classify_text_failed_protocol_logins(void **state)
{
	(void)state;
	classified_as("Abuse report for 192.0.2.78",
		      "Our server logged 1,118 failed IMAP logins from this "
		      "address.",
		      "connection", "login_attack");
	classified_as("Report",
		      "dovecot: imap-login: Disconnected (auth failed, "
		      "1 attempts in 2 secs)",
		      "connection", "login_attack");
}

/* SIP password guessing, told by the tool's name or its REGISTER
 * flood, beside a word for fraud; calls placed at the victim's cost are
 * the fraud they led to. */
static void test_classify_text_sip_register_flood(void **state)
{
	(void)state;
	classified_as("sip scanner 192.0.2.236",
		      "It has been throwing REGISTER attempts at our asterisk "
		      "box, user agent friendly-scanner, so sipvicious. We had "
		      "toll fraud before.",
		      "connection", "login_attack");
	/* Calls placed on a guessed password: the fraud is the report. */
	classified_as("SIP toll fraud from 192.0.2.60",
		      "It registered with a guessed password and placed 212 "
		      "fraudulent calls to premium-rate numbers, after a "
		      "SIPVicious scan of 60,000 REGISTER attempts.",
		      "content", "fraud");
}

/* A scanner's name as the user agent of every row of a web log does not
 * outweigh what the requests are. */
static void test_classify_text_user_agent_is_no_kind(void **state)
{
	(void)state;
	classified_as("Attacks on my shop from 192.0.2.47",
		      "It is hammering my store with SQL injection garbage:\n"
		      "\"GET /item.php?id=9 OR 1=1\" \"zgrab/0.x\"\n"
		      "\"GET /item.php?id=9 AND SLEEP(5)\" \"zgrab/0.x\"\n"
		      "\"GET /cart.php?c=1 UNION SELECT NULL\" \"zgrab/0.x\"\n"
		      "\"POST /admin/login.php\" \"zgrab/0.x\"\n",
		      "connection", "sql_injection");
}

/* Devices that answer SNMP's default community are an exposed service,
 * whatever amplification they could lend to a DDoS. */
static void test_classify_text_open_snmp(void **state)
{
	(void)state;
	classified_as("Report: Accessible SNMP - 2025-03-12",
		      "These devices answered our SNMPv2c queries using the "
		      "default community string. Open SNMP services can be "
		      "abused for reflected DDoS attacks with an amplification "
		      "factor of up to 6x.",
		      "vulnerability", "open_service");
}

/* Korean web attacks. */
static void test_classify_text_korean_web_attack(void **state)
{
	(void)state;
	classified_as("공격 신고",
		      "귀사 IP 192.0.2.164 에서 SQL 인젝션 공격이 계속되고 "
		      "있습니다.",
		      "connection", "sql_injection");
}

/* Portugal's "burla": a swindle. */
static void test_classify_text_portuguese_swindle(void **state)
{
	(void)state;
	classified_as(
	    "Site de investimentos falso",
	    "O site apresenta-se como uma plataforma de investimento, "
	    "mas na realidade é uma burla: não consigo levantar "
	    "nada.",
	    "content", "fraud");
}

/* A feedback loop's complaint names no kind: it is about a mail. */
static void test_classify_text_feedback_loop_complaint(void **state)
{
	(void)state;
	classified_as("complaint about message from 192.0.2.33",
		      "This is an email abuse report for an email message "
		      "received from IP address 192.0.2.33 on Mon, 04 Mar "
		      "2024.",
		      "messaging", "spam");
	classified_as("Report",
		      "This is an email abuse report for an email "
		      "message received from IP address 192.0.2.33.",
		      "messaging", "spam");
}

/* Signing strangers up to a list in bulk is spam by other means. */
static void test_classify_text_subscription_bombing(void **state)
{
	(void)state;
	classified_as("Subscription abuse detected on list users",
		      "412 subscription requests for the list were submitted "
		      "from 192.0.2.227.",
		      "messaging", "spam");
}

static void test_classify_text_subject_outweighs_body(void **state)
{
	const char *body = "the spam mentioned below";

	(void)state;
	classified_as("Phishing site", body, "content", "phishing");
}

/* A database anyone can read is an exposed service, also when a
 * researcher's scanning host found it. */
static void test_classify_text_unauthenticated_database(void **state)
{
	const char *body =
	    "During a routine survey I came across an Elasticsearch cluster "
	    "that is reachable without any authentication. My scanning host "
	    "was 192.0.2.9.";

	(void)state;
	classified_as("A finding", body, "vulnerability", "open_service");
}

/* Malware by an inflected name ("Šíření malwaru") and by the Czech words
 * for a malicious file, beside the phishing mails that spread it. */
static void test_classify_text_czech_malware(void **state)
{
	const char *t = "na serveru je umístěn škodlivý soubor, který je šířen "
			"prostřednictvím podvodných e-mailů. Podvodné e-maily "
			"jsou rozesílány z jiné adresy.";

	(void)state;
	classified_as("Šíření malwaru z adresy 192.0.2.177", t, "content",
		      "malware");
}

/* Unsolicited connections are scans, not unsolicited mail. */
static void test_classify_text_unsolicited_connections_are_scans(void **state)
{
	const char *t =
	    "Our sensors recorded unsolicited connection attempts "
	    "from 3 addresses in your network. Every connection to "
	    "them is unsolicited; we record all unsolicited traffic.";

	(void)state;
	classified_as("Weekly digest", t, "connection", "port_scan");
}

/* Defamation is "other"; attempts to exploit a known flaw (a CVE named)
 * are a web attack, not a report of the flaw. */
static void test_classify_text_defamation_and_exploitation(void **state)
{
	struct category c;
	const char *en = "The post contains false and defamatory allegations "
			 "about my business. The site is hosted by you and is "
			 "publicly accessible.";
	const char *de = "Der Beitrag enthält verleumderische Behauptungen.";
	const char *pt =
	    "registaram tentativas de exploração de "
	    "vulnerabilidades (CVE-2021-41773) a partir do endereço "
	    "2001:db8::30.";

	(void)state;
	assert_true(
	    classify_text("Request to remove content", en, strlen(en), &c));
	cat_is(c, "other", "other");
	classified_as("Beitrag", de, "other", "other");
	classified_as("Alerta", pt, "connection", "vulnerability_scanning");
}

/* An open (開放式) resolver is an open service, whatever DDoS it may
 * serve in. */
static void test_classify_text_chinese_open_resolver(void **state)
{
	const char *tw =
	    "發現下列主機提供開放式 DNS 遞迴查詢服務，可能遭攻擊者利用"
	    "進行 DNS 放大攻擊（DDoS）。";

	(void)state;
	classified_as("弱點通知", tw, "vulnerability", "open_service");
}

/* Nordic open resolvers: "en öppen rekursiv DNS-resolver" (sv), "svarer
 * på rekursive DNS-oppslag" (nb). */
static void test_classify_text_nordic_open_resolver(void **state)
{
	(void)state;
	classified_as("Öppen DNS-resolver",
		      "Adressen 192.0.2.53 har en öppen rekursiv DNS-resolver.",
		      "vulnerability", "open_service");
	classified_as("DNS",
		      "192.0.2.54 svarer på rekursive DNS-oppslag fra "
		      "hvilken som helst adresse.",
		      "vulnerability", "open_service");
}

/* Port scans in Bengali and Macedonian, a fake net-banking site in
 * Marathi, a fake website in Burmese, football streams re-broadcast in
 * Croatian. */
static void test_classify_text_scans_fakes_and_streams(void **state)
{
	(void)state;
	classified_as("স্ক্যান", "192.0.2.33 থেকে একটি পোর্ট স্ক্যান হয়েছে।",
		      "connection", "port_scan");
	classified_as("Скенирање",
		      "Забележавме скенирање на порти од 192.0.2.133.",
		      "connection", "port_scan");
	classified_as("तक्रार", "एक बनावट नेटबँकिंग संकेतस्थळ 192.0.2.5 वर आहे.",
		      "content", "phishing");
	classified_as("ဆိုင်", "website အတု တစ်ခု 192.0.2.5 မှာ ရှိတယ်။", "content",
		      "fraud");
	classified_as("Utakmice",
		      "Na 192.0.2.5 se neovlašteno reemitiraju "
		      "prijenosi utakmica.",
		      "copyright", "copyright");
}

/* Kazakh password guessing: "құпиясөзді іріктеу шабуылы". */
static void test_classify_text_kazakh_login_attack(void **state)
{
	(void)state;
	classified_as("RDP",
		      "192.0.2.99 мекенжайынан RDP арқылы құпиясөзді "
		      "іріктеу шабуылы жүргізілуде.",
		      "connection", "login_attack");
}

/* A recursive resolver that answers anyone is an open service in every
 * language, though the sentence after names the DDoS it serves in; a
 * service that answers without authentication (ja) too. */
static void test_classify_text_open_recursive_resolver(void **state)
{
	const char *pt = "o endereço está operando como servidor DNS recursivo "
			 "aberto. Servidores recursivos abertos são usados em "
			 "ataques de negação de serviço (DDoS) por "
			 "amplificação.";
	const char *es = "su servidor funciona como DNS recursivo abierto y "
			 "puede usarse en ataques de amplificación.";
	const char *fr = "le serveur est un résolveur DNS récursif ouvert.";
	const char *it = "l'host risponde come server DNS ricorsivo aperto.";
	const char *de = "auf der Adresse läuft ein offener rekursiver "
			 "DNS-Server.";
	const char *ja = "Redis が認証なしでインターネットから接続可能な状態"
			 "です。データの改ざんのおそれがあります。";

	(void)state;
	classified_as("Notificação", pt, "vulnerability", "open_service");
	classified_as("Aviso", es, "vulnerability", "open_service");
	classified_as("Avis", fr, "vulnerability", "open_service");
	classified_as("Avviso", it, "vulnerability", "open_service");
	classified_as("Hinweis", de, "vulnerability", "open_service");
	classified_as("ご連絡", ja, "vulnerability", "open_service");
}

/* A TV signal passed on without a licence is an infringement, though the
 * panel's URLs carry a user name and a password; "hammering my SSH" is
 * password guessing. */
static void test_classify_text_restreaming_and_ssh_hammering(void **state)
{
	const char *es = "el servidor está retransmitiendo sin autorización la "
			 "señal de nuestros partidos a través de listas IPTV: "
			 "http://192.0.2.1:25461/get.php?username=a&password=b";
	const char *en = "your box has been hammering my ssh all night";

	(void)state;
	classified_as("Retirada", es, "copyright", "copyright");
	classified_as("", en, "connection", "login_attack");
}

/* Probing a web server for files that must not be public is a web
 * attack; so are attempts to exploit known holes, in Czech. */
static void
test_classify_text_sensitive_files_and_exploit_attempts(void **state)
{
	const char *en = "The address was banned after probing for sensitive "
			 "files such as /.env and /.git/config.";
	const char *cs =
	    "probíhají opakované pokusy o zneužití známých "
	    "zranitelností na našem webovém serveru (CVE-2021-41773).";

	(void)state;
	classified_as("ban", en, "connection", "vulnerability_scanning");
	classified_as("Upozornění", cs, "connection", "vulnerability_scanning");
}

/* Danish, from its own word file: a hacked club website, and login
 * attempts. */
static void test_classify_text_danish(void **state)
{
	const char *site = "Vores hjemmeside på 192.0.2.7 er blevet hacket, og "
			   "forsiden er erstattet med en sort side.";
	const char *ssh = "Vi har registreret over 4.000 loginforsøg mod vores "
			  "SSH-server fra 192.0.2.7.";

	(void)state;
	classified_as("Hjælp", site, "infrastructure", "compromised_server");
	classified_as("Angreb", ssh, "connection", "login_attack");
}

/* A malicious artefact spread by a phishing campaign is malware (pt);
 * trying to exploit flaws of a CMS is a web attack (de). */
static void test_classify_text_artefact_and_exploiting_flaws(void **state)
{
	const char *pt = "um servidor em sua rede está hospedando um artefato "
			 "malicioso utilizado em uma campanha de phishing "
			 "bancário. O arquivo instala um trojan bancário.";
	const char *de = "seit Donnerstag versucht jemand, Schwachstellen in "
			 "unserem Content-Management-System auszunutzen.";

	(void)state;
	classified_as("Aviso", pt, "content", "malware");
	classified_as("Angriffe", de, "connection", "vulnerability_scanning");
}

/* Counterfeits and trade marks are in the copyright class, not fraud or
 * phishing; a malicious Android app is malware, not the smishing that
 * spreads it. */
static void test_classify_text_counterfeit_and_malicious_app(void **state)
{
	const char *en = "The shop sells counterfeit handbags under our "
			 "client's registered trademark.";
	const char *zh = "該網站販售仿冒本公司商標的商品。";
	const char *fr =
	    "une campagne de SMS frauduleux : le lien distribue une "
	    "application Android malveillante.";

	(void)state;
	classified_as("Notice", en, "copyright", "copyright");
	classified_as("通知", zh, "copyright", "copyright");
	classified_as("Signalement", fr, "content", "malware");
}

/* Scraping a site is "other", over the GET lines of the log that shows
 * it; in Czech by its own words. */
static void test_classify_text_scraping_is_other(void **state)
{
	struct category c;
	const char *log = "Heavy scraping of our timetable pages:\n"
			  "\"GET /api/a HTTP/2.0\" 200\n"
			  "\"GET /api/b HTTP/2.0\" 200\n";
	const char *cs = "dochází k masivnímu automatizovanému stahování "
			 "jízdních řádů.";

	(void)state;
	assert_true(
	    classify_text("Scraping of our site", log, strlen(log), &c));
	cat_is(c, "other", "other");
	classified_as("Nadměrné automatizované stahování dat", cs, "other",
		      "other");
}

/* The kinds of abuse in Czech, Turkish, Swedish, Korean and Ukrainian,
 * and an Italian trade mark notice, each from its own word file. */
static void test_classify_text_in_more_languages(void **state)
{
	static const struct {
		const char *text, *type;
	} cases[] = {
	    {"Na serveru běží podvodný e-shop, který nedoručuje zboží.",
	     "fraud"},
	    {"Sunucunuzdan ağımıza yoğun port taraması tespit edilmiştir.",
	     "port_scan"},
	    {"Vi tar emot skräppost från er server varje dag.", "spam"},
	    {"귀사 IP에서 포트 스캔이 탐지되었습니다.", "port_scan"},
	    {"Виявлено фішинговий сайт, що імітує наш банк.", "phishing"},
	    /* An HTTP flood is a denial of service, also by its Chinese
	     * name, whatever the GET lines of its log say. */
	    {"我司网站持续遭受CC攻击（HTTP Flood）。\n"
	     "\"GET /search?q=1 HTTP/1.1\" 200\n"
	     "\"GET /search?q=2 HTTP/1.1\" 200",
	     "ddos"},
	    {"An HTTP flood of 40,000 requests per second.\n\"GET / HTTP/1.1\""
	     " 200\n\"GET / HTTP/1.1\" 200",
	     "ddos"},
	    {"Il sito vende borse contraffatte con il nostro marchio "
	     "registrato.",
	     "copyright"},
	};
	struct category c;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		print_message("%s\n", cases[i].text);
		assert_true(classify_text(NULL, cases[i].text,
					  strlen(cases[i].text), &c));
		assert_string_equal(c.type, cases[i].type);
	}
}

/* The weights of one type add up: "credential" and "spoofed" (1 each,
 * phishing) lose to "trojan" (3, malware); five of them win. A rule
 * counts five times at most: "trojan" six times is 15, not 18. */
static void test_classify_text_sums_per_type_and_caps_a_rule(void **state)
{
	static const char *const cases[][2] = {
	    {"a credential form, spoofed, and a trojan", "malware"},
	    {"credential spoofed credential spoofed credential and a trojan",
	     "phishing"},
	    /* trojan 6 x 3 capped to 15; phishing 5 + phish 4 +
	     * credential 5 x 1 + spoofed 2 x 1 = 16 */
	    {"trojan trojan trojan trojan trojan trojan; phishing; credential "
	     "credential credential credential credential; spoofed spoofed",
	     "phishing"},
	};
	struct category c;

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		print_message("%s\n", cases[i][0]);
		assert_true(
		    classify_text(NULL, cases[i][0], strlen(cases[i][0]), &c));
		assert_string_equal(c.type, cases[i][1]);
	}
}

static void test_classify_text_without_keywords_is_other(void **state)
{
	struct category c;

	(void)state;
	assert_false(classify_text("Hello", "nice weather", 12, &c));
	cat_is(c, "other", "other");
}

static void test_classify_text_matches_at_word_start_only(void **state)
{
	struct category c;
	const char *body = "antispam filters and nondrone parts";

	(void)state;
	assert_false(classify_text(NULL, body, strlen(body), &c));
	cat_is(c, "other", "other");
}

static void test_classify_text_matches_in_any_case(void **state)
{
	const char *body = "PORT SCAN detected; PortScan again";

	(void)state;
	classified_as(NULL, body, "connection", "port_scan");
}

/* Capitals of Cyrillic and Polish letters match a lowercase word too. */
static void test_classify_text_folds_cyrillic_and_polish(void **state)
{
	struct category c;
	const char *ru = "ФИШИНГ", *pl = "ŁAMANIE HASEŁ NA SERWERZE";

	(void)state;
	assert_true(classify_text("Фишинг", "", 0, &c));
	cat_is(c, "content", "phishing");
	classified_as(NULL, ru, "content", "phishing");
	classified_as(NULL, pl, "connection", "login_attack");
}

/* Five mentions of one word count, the sixth and later do not: eight
 * "spam" (3 each, 15 capped) lose to two "fraud" and two "scam" (16). */
static void test_classify_text_caps_matches_per_word(void **state)
{
	const char *body = "spam spam spam spam spam spam spam spam; "
			   "fraud fraud scam scam";

	(void)state;
	classified_as(NULL, body, "content", "fraud");
}

/* Each language's file of data/category/ names the kinds in its words. */
static void kind_is(const char *text, const char *type)
{
	struct category c;

	if (!classify_text("", text, strlen(text), &c))
		fail_msg("no kind found in \"%s\"", text);
	if (strcmp(c.type, type) != 0)
		fail_msg("\"%s\" is %s, expected %s", text, c.type, type);
}

/* Web requests logged with the user agents of sqlmap or of Nmap's
 * scripting engine are web attacks, not port scans, though "nmap" names
 * the scanner. */
static void test_web_attack_tools_in_a_log(void **state)
{
	static const char log[] =
	    "Attacks on our site since Monday, log below:\n"
	    "192.0.2.58 - - [26/Nov/2026:14:02:11 +0800] \"GET "
	    "/api/user?id=1 HTTP/1.1\" 403 162 \"-\" \"sqlmap/1.8.3#stable "
	    "(https://sqlmap.org)\"\n"
	    "192.0.2.58 - - [26/Nov/2026:14:02:21 +0800] \"GET /admin/ "
	    "HTTP/1.1\" 404 153 \"-\" \"Mozilla/5.0 (compatible; Nmap "
	    "Scripting Engine; https://nmap.org/book/nse.html)\"\n"
	    "192.0.2.58 - - [26/Nov/2026:14:02:26 +0800] \"GET /.env "
	    "HTTP/1.1\" 404 153 \"-\" \"Mozilla/5.0 (compatible; Nmap "
	    "Scripting Engine; https://nmap.org/book/nse.html)\"\n";
	struct category c;

	(void)state;
	assert_true(classify_text("", log, strlen(log), &c));
	assert_string_equal(c.category, "connection");
	assert_true(strcmp(c.type, "port_scan") != 0);
	kind_is("An nmap scan of all our ports came from 192.0.2.9.",
		"port_scan");
}

/* A feed's name of an open-service report ("open-ssdp") says what it
 * is, though the record's fields speak of amplification. */
static void test_open_service_report_names(void **state)
{
	(void)state;
	kind_is("{\"type\": \"open-ssdp\", \"port\": 1900, \"records\": "
		"[{\"ip\": \"192.0.2.8\", \"amplification\": 30.8}]}",
		"open_service");
	kind_is("Report type: accessible-rdp\nIP: 192.0.2.9\n", "open_service");
}

static void test_classify_text_in_other_languages(void **state)
{
	(void)state;
	kind_is("Von 192.0.2.1 kamen Anmeldeversuche auf unseren Server.",
		"login_attack");
	kind_is("Un site d'hameçonnage imite notre banque.", "phishing");
	kind_is("Se realizó un escaneo de puertos contra nuestra red.",
		"port_scan");
	kind_is("Identificamos ataques de força bruta.", "login_attack");
	kind_is("Continui tentativi di accesso SSH.", "login_attack");
	kind_is("Wij zagen een poortscan vanaf uw netwerk.", "port_scan");
	kind_is("Prowadzone jest skanowanie portów naszej sieci.", "port_scan");
	kind_is("Ведётся подбор паролей к SSH.", "login_attack");
	kind_is("不正ログインの試行を検知しました。", "login_attack");
	kind_is("该主机感染了僵尸网络木马。", "botnet");
}

/* Kinds that are easy to confuse: an open service against traffic that
 * took part in an attack, probing for holes against a hole. */
static void test_classify_text_tells_close_kinds_apart(void **state)
{
	(void)state;
	kind_is("An open HTTP proxy runs on 192.0.2.5; it is used for spam.",
		"open_service");
	kind_is("The NTP server answers monlist requests from the public "
		"Internet and can be used for amplification attacks.",
		"open_service");
	kind_is("It sends 900 HTTP requests per second to our login page.",
		"ddos");
	kind_is("Vulnerability scanning from 192.0.2.9: GET /.env",
		"vulnerability_scanning");
}

/* A scanning tool names a scan; what a downloader fetches is malware; a
 * login form posted to again and again is password guessing; a server
 * called compromised is reported for the deed named beside it. */
static void test_classify_text_reads_tools_and_deeds(void **state)
{
	(void)state;
	kind_is("IDS: ET SCAN NMAP -sS from 192.0.2.8", "port_scan");
	kind_is("masscan from 198.51.100.3 hit every port of our /24",
		"port_scan");
	kind_is("A dropper on 203.0.113.4 serves its payload to new victims.",
		"malware");
	kind_is("\"POST /wp-login.php HTTP/1.1\" 200\n"
		"\"POST /wp-login.php HTTP/1.1\" 200\n"
		"\"POST /xmlrpc.php HTTP/1.1\" 200",
		"login_attack");
	kind_is("The compromised server 192.0.2.7 is password guessing "
		"against our mail accounts.",
		"login_attack");
	kind_is("Since noon 203.0.113.7 is flooding our server with SYN "
		"packets.",
		"ddos");
}

static void test_classify_text_stops_at_nul(void **state)
{
	struct category c;
	const char body[] = "hello\0phishing";

	(void)state;
	assert_false(classify_text(NULL, body, sizeof body - 1, &c));
}

static void test_action_requires_a_concrete_request(void **state)
{
	const char *t =
	    "We value your time. Please unsubscribe here if you wish.\n\n"
	    "Please investigate this host and stop the attacks.";
	char *a = lines_action(t, strlen(t));

	(void)state;
	assert_non_null(a);
	assert_string_equal(
	    a, "Please investigate this host and stop the attacks.");
	free(a);
}

static void test_action_is_null_for_blocklist_threat(void **state)
{
	const char *t = "Your IP will be blacklisted unless you remove it.\n"
			"Please visit our site to check your listing.";
	char *a = lines_action(t, strlen(t));

	(void)state;
	assert_null(a);
}

static void test_problem_prefers_sentence_with_the_ip(void **state)
{
	struct report_ip ip = {"192.0.2.3", true, REPORT_IP_OFFENDER};
	const char *t =
	    "Dear team,\n\nWe detected attacks in our network.\n"
	    "The host 192.0.2.3 was observed scanning our network.\n";
	char *p = lines_problem(t, strlen(t), &ip, 1);

	(void)state;
	assert_non_null(p);
	assert_string_equal(
	    p, "The host 192.0.2.3 was observed scanning our network.");
	free(p);
}

static void test_pick_gives_both_lines_in_one_reading(void **state)
{
	struct report_ip ip = {"192.0.2.3", true, REPORT_IP_OFFENDER};
	const char *t =
	    "Dear team,\n\nThe host 192.0.2.3 was observed scanning our "
	    "network.\nPlease investigate this host and stop the scans.\n";
	char *problem = NULL, *action = NULL;
	char *p = lines_problem(t, strlen(t), &ip, 1);
	char *a = lines_action(t, strlen(t));

	(void)state;
	lines_pick(t, strlen(t), &ip, 1, false, &problem, &action);
	assert_non_null(problem);
	assert_non_null(action);
	assert_string_equal(problem, p);
	assert_string_equal(action, a);
	free(problem);
	free(action);
	free(p);
	free(a);
}

static void test_action_verb_counts_only_at_word_start(void **state)
{
	const char *t = "Please note the nonstop traffic from your network.";

	(void)state;
	assert_null(lines_action(t, strlen(t)));
}

static void test_action_words_match_in_any_case(void **state)
{
	const char *t = "PLEASE INVESTIGATE THE HOST AND STOP THE ATTACKS.";
	char *a = lines_action(t, strlen(t));

	(void)state;
	assert_non_null(a);
	assert_string_equal(a, t);
	free(a);
}

static void test_sentences_join_wrapped_lines(void **state)
{
	/* A tab that indents is a blank; one between words parts the
	 * cells of a table row (test_analysis_request.c). */
	const char *t = "Please investigate\n \t the host and  stop\n"
			"the   attacks. Thanks.\n";
	char *a = lines_action(t, strlen(t));

	(void)state;
	assert_non_null(a);
	assert_string_equal(a, "Please investigate the host and stop the "
			       "attacks.");
	free(a);
}

/* A run-on sentence of comma-joined clauses longer than the limit is cut
 * at its clauses, so its late request is still read. */
static void test_run_on_sentence_ends_at_a_clause(void **state)
{
	struct buf t = BUF_INIT;
	char *a;

	(void)state;
	buf_puts(&t, "Hi, I found that 192.0.2.23 hosts a dropper");
	for (int k = 0; k < 12; k++)
		buf_puts(&t, ", the file sits in the uploads folder of "
			     "the site");
	buf_puts(&t, ", please remove the malicious files and secure "
		     "the site, thanks and regards, Jo\n");
	a = lines_action(t.data, t.len);
	assert_non_null(a);
	assert_non_null(strstr(a, "please remove the malicious files"));
	assert_true(strlen(a) <= LINES_MAX_SENTENCE);
	free(a);
	buf_free(&t);
}

/* The limit is in characters: a sentence of Tamil (three bytes a
 * letter) is read as far as one of English, and its request at the end
 * counts. */
static void test_sentence_limit_counts_characters(void **state)
{
	static const char ta[] =
	    "இந்திய பதிப்புரிமைச் சட்டம், 1957 மற்றும் தகவல் தொழில்நுட்பச் "
	    "சட்டம், 2000 பிரிவு 79 இன் கீழ், மேற்கண்ட கோப்புகளை உடனடியாக "
	    "நீக்கி, அந்த இணையதளத்தை முடக்குமாறு கேட்டுக்கொள்கிறோம்.\n";
	char *a;

	(void)state;
	assert_true(strlen(ta) > LINES_MAX_SENTENCE);
	a = lines_action(ta, strlen(ta));
	assert_non_null(a);
	assert_non_null(strstr(a, "கேட்டுக்கொள்கிறோம்"));
	free(a);
}

static void test_problem_sentence_is_cut_at_its_limit(void **state)
{
	char t[LINES_MAX_SENTENCE * 2];
	char *p;

	(void)state;
	memset(t, 'x', sizeof t - 1);
	memcpy(t, "malware was detected on the host ", 33);
	t[sizeof t - 1] = '\0';
	p = lines_problem(t, strlen(t), NULL, 0);
	assert_non_null(p);
	assert_int_equal(strlen(p), LINES_MAX_SENTENCE);
	free(p);
}

static void test_case_ref_from_subject(void **state)
{
	char *id = noise_case_ref("[circl.lu #1611959] Abuse report", NULL, 0);

	(void)state;
	assert_non_null(id);
	assert_string_equal(id, "1611959");
	free(id);
}

static bool has_signal(const struct report *r, const char *s)
{
	for (size_t i = 0; i < r->n_noise_signals; i++)
		if (strcmp(r->noise_signals[i], s) == 0)
			return true;
	return false;
}

static void test_noise_phrases_match_in_any_case(void **state)
{
	const char *t = "caf\xc3\xa9 0123456 THIS IS A Final Notice; "
			"Legal ACTION follows.";
	struct noise_headers h = {0};
	struct report *r = report_new();

	(void)state;
	struct noise_text nt;
	noise_text_read(&nt, NULL, t, strlen(t));
	noise_signals(r, &h, &nt);
	assert_true(has_signal(r, "reminder"));
	assert_true(has_signal(r, "threat"));
	report_free(r);
}

static void test_case_ref_from_text_in_any_case(void **state)
{
	const char *t = "Hello,\nCASE NUMBER: AB-1234\n";
	char *id = noise_case_ref(NULL, t, strlen(t));

	(void)state;
	assert_non_null(id);
	assert_string_equal(id, "AB-1234");
	free(id);
}

static void test_formats_field_reads_quoted_lines(void **state)
{
	const char *line = "> Source-IP:  192.0.2.8  ";
	size_t n;
	const char *v = formats_field(line, strlen(line), "source-ip", &n);

	(void)state;
	assert_non_null(v);
	assert_int_equal(n, 9);
	assert_memory_equal(v, "192.0.2.8", 9);
	assert_null(formats_field(line, strlen(line), "Source", &n));
}

static const char *relay_to(const char *hdr, const char *recipient,
			    char text[IP_TEXT_MAX])
{
	struct ip_addr a;

	if (!relays_offender(hdr, strlen(hdr), recipient, &a))
		return "";
	ip_format(&a, text);
	return text;
}

static const char *relay_of(const char *hdr, char text[IP_TEXT_MAX])
{
	return relay_to(hdr, NULL, text);
}

/* A mail written in another's webmail was sent by the writer's
 * connection, which the webmail's Received field names ("via HTTP");
 * written in the recipient's own webmail, its relay (the account) is what
 * the recipient acts on. */
static void test_relays_webmail_writer(void **state)
{
	char t[IP_TEXT_MAX];
	const char *gmx =
	    "Received: from mout.mail.example (mout.mail.example. "
	    "[198.51.100.21])\n\tby mx.rcv.example with ESMTPS; Fri, 4 Dec "
	    "2026\n"
	    "Received: from [203.0.113.234] ([203.0.113.234]) by "
	    "web-mail.mail.example\n (app.server.lan [172.19.172.113]) (via "
	    "HTTP); Sat, 5 Dec 2026\n"
	    "Subject: x\n\n";
	const char *own =
	    "Received: from smtp-out1.isp.example (smtp-out1.isp.example "
	    "[198.51.100.31])\n\tby mx.rcv.example with ESMTPS; Fri, 4 Dec "
	    "2026\n"
	    "Received: from [203.0.113.157] by webmail.isp.example with HTTP; "
	    "Fri, 4 Dec 2026\n"
	    "Subject: x\n\n";

	(void)state;
	assert_string_equal(relay_to(gmx, "abuse@isp.example", t),
			    "203.0.113.234");
	assert_string_equal(relay_to(own, "abuse@isp.example", t),
			    "198.51.100.31");
}

/* The receiver's own relays (hosts that received the mail further down)
 * and internal hops are passed; the first hop from outside sent it. */
static void test_relays_first_outside_hop_sent_it(void **state)
{
	char t[IP_TEXT_MAX];
	const char *h =
	    "Received: from in.rcv.example (in.rcv.example [198.51.100.1])\n"
	    "\tby top.rcv.example; Mon, 1 Jun 2026 10:00:02 +0000\n"
	    "Received: from lo (localhost [127.0.0.1]) by in.rcv.example\n"
	    "Received: from sender.example.com (mail.example.com "
	    "[203.0.113.9])\n\tby in.rcv.example; Mon, 1 Jun 2026\n"
	    "Subject: x\n\nReceived: from body (b [192.0.2.1]) by x\n";

	(void)state;
	assert_string_equal(relay_of(h, t), "203.0.113.9");
}

/* A HELO that names the receiver proves nothing when the reverse look-up
 * failed. */
/* A relay of the sender's that took its user's authenticated submission
 * (ESMTPSA) below is the sender's outgoing server, however it is named
 * in the chain: the hop that handed the mail to the receiver sent it. */
static void test_relays_authenticated_submission_is_the_senders(void **state)
{
	char t[IP_TEXT_MAX];
	const char *h =
	    "Received: from out.sender.example (out.sender.example "
	    "[192.0.2.171])\n\tby mx.rcv.example with ESMTP; Mon, 1 Jun 2026\n"
	    "Received: from worker (unknown [198.51.100.9])\n"
	    "\tby out.sender.example with ESMTPSA; Mon, 1 Jun 2026\n"
	    "Subject: x\n\n";
	const char *internal =
	    "Received: from mx.rcv.example (mx.rcv.example [198.51.100.1])\n"
	    "\tby store.rcv.example with LMTP; Mon, 1 Jun 2026\n"
	    "Received: from spam.example (unknown [203.0.113.9])\n"
	    "\tby mx.rcv.example with ESMTP; Mon, 1 Jun 2026\n"
	    "Subject: x\n\n";

	(void)state;
	assert_string_equal(relay_of(h, t), "192.0.2.171");
	assert_string_equal(relay_of(internal, t), "203.0.113.9");
}

/* A sender's server that took the mail from its own machine ("from
 * localhost") below is the sender's, not a relay of the receiver's. */
static void test_relays_senders_own_localhost_hop(void **state)
{
	char t[IP_TEXT_MAX];
	const char *h =
	    "Received: from mx3.rcv.example (10.12.0.3) by store.rcv.example\n"
	    "\t(Dovecot) with LMTP; Mon, 1 Jun 2026\n"
	    "Received: from vps58.hoster.example (vps58.hoster.example "
	    "[203.0.113.58])\n\tby mx3.rcv.example with ESMTP; Mon, 1 Jun "
	    "2026\n"
	    "Received: from localhost (localhost [127.0.0.1])\n"
	    "\tby vps58.hoster.example with ESMTP; Mon, 1 Jun 2026\n"
	    "Subject: x\n\n";

	(void)state;
	assert_string_equal(relay_of(h, t), "203.0.113.58");
}

static void test_relays_forged_helo_does_not_hide_the_sender(void **state)
{
	char t[IP_TEXT_MAX];
	const char *h = "Received: from mx.rcv.example (unknown [192.0.2.50])\n"
			"\tby mx.rcv.example; Mon, 1 Jun 2026\n";

	(void)state;
	assert_string_equal(relay_of(h, t), "192.0.2.50");
	assert_string_equal(relay_of("Subject: none\n\nbody\n", t), "");
}

/* Arabic, Vietnamese, Indonesian, Greek, Norwegian, Hebrew and Thai
 * from their own word files; their English loan words ("malware",
 * "spam") are English's, counted once. */
static void test_classify_languages_of_their_own_files(void **state)
{
	(void)state;
	classified_as("شكوى",
		      "تلقينا رسائل بريد مزعج صادرة من عنوان تابع لشبكتكم.",
		      "messaging", "spam");
	classified_as(
	    "Thông báo",
	    "Máy chủ đang lưu trữ và phát tán mã độc cho các thiết bị "
	    "IoT.",
	    "content", "malware");
	classified_as("Laporan",
		      "Kami mendeteksi pemindaian port dari jaringan Anda.",
		      "connection", "port_scan");
	classified_as("Αναφορά",
		      "Καταγράψαμε σάρωση θυρών από τη διεύθυνση αυτή.",
		      "connection", "port_scan");
	/* Norwegian, Hebrew and Thai. */
	classified_as("Hei",
		      "Filen viste seg å være skadevare og ligger fortsatt på "
		      "serveren.",
		      "content", "malware");
	classified_as("דיווח", "קיבלנו הודעות דואר זבל מהכתובת הזאת.",
		      "messaging", "spam");
	classified_as("แจ้ง", "ตรวจพบการสแกนพอร์ตจากเครือข่ายของท่าน", "connection",
		      "port_scan");
	/* Threats to a person are abuse of another kind, not spam. */
	classified_as("Ameaças",
		      "Venho recebendo e-mails com ameaças e ofensas de um "
		      "ex-namorado.",
		      "other", "other");
	classified_as("Harassment",
		      "He keeps sending threatening mails from this address.",
		      "other", "other");
	/* A shop impersonated is phishing, in any form of the verb. */
	classified_as("Web falsa",
		      "Nos están suplantando la tienda online con una copia "
		      "exacta.",
		      "content", "phishing");
	/* A machine infected with malware that calls a sinkhole is a bot,
	 * though the feed's columns name the malware. */
	classified_as(
	    "CERT: infiziertes System",
	    "Ein System in Ihrem Netz ist mit Schadsoftware infiziert "
	    "und baut Verbindungen zu einem Sinkhole-Server auf.\n"
	    "IP-Adresse  Malware    Sinkhole\n"
	    "192.0.2.12  andromeda  198.51.100.141:80\n"
	    "Andromeda ist ein modularer Downloader, der weitere Malware "
	    "nachlädt.\n",
	    "infrastructure", "botnet");
	/* Slovenian. */
	classified_as("Lažna stran",
		      "Na strežniku gostuje lažna spletna stran, ki posnema "
		      "spletno banko.",
		      "content", "phishing");
	/* Catalan. */
	classified_as("Urgent",
		      "El nostre servidor està rebent un atac de denegació de "
		      "servei.",
		      "connection", "ddos");
}

/* Hungarian, Romanian and Finnish from their own word files: an open
 * service that can amplify DDoS is an open service, not the attack. */
static void test_classify_hungarian_romanian_finnish(void **state)
{
	(void)state;
	classified_as("Értesítés",
		      "A 192.0.2.7 címen nyitott DNS szolgáltatás "
		      "fut, amely DDoS-támadásokban erősítőként használható.",
		      "vulnerability", "open_service");
	classified_as("Sesizare",
		      "Am identificat o pagină de phishing care "
		      "imită banca noastră.",
		      "content", "phishing");
	classified_as("Ilmoitus",
		      "Osoitteesta on tehty satoja "
		      "kirjautumisyrityksiä palvelimellemme.",
		      "connection", "login_attack");
	classified_as("Bejelentés",
		      "Kéretlen leveleket küldenek erről a "
		      "címről.",
		      "messaging", "spam");
	/* Czech: a publicly reachable service that can be abused, found
	 * by the reporter's own scanning, is an open service. */
	classified_as("Upozornění",
		      "Při skenování jsme zjistili, že na adrese 192.0.2.12 je "
		      "veřejně dostupná služba memcached, kterou lze zneužít "
		      "k útokům.",
		      "vulnerability", "open_service");
	/* A census of devices that answered a probe, however it names the
	 * attacks they could be abused for. */
	classified_as("Informational: WS-Discovery (UDP/3702) responders",
		      "The following address in your network responded to our "
		      "probe. Such devices can be abused for reflection and "
		      "amplification DDoS attacks; we have not seen this one "
		      "take part in an attack.",
		      "vulnerability", "open_service");
	/* An IDS rule's class; a Dutch infected device. */
	classified_as("[IDS] alert",
		      "Rule: 1:2002911:6 ET SCAN Potential VNC Scan 5900-5920",
		      "connection", "port_scan");
	classified_as("Melding",
		      "Het adres gedraagt zich als een geïnfecteerd apparaat.",
		      "connection", "infected_host");
	/* An HTTP flood in Ukrainian and Russian, beside its GET lines. */
	classified_as("Скарга",
		      "Сайт зазнає HTTP-флуду з вашої мережі.\n"
		      "203.0.113.181 - - \"GET /search?q=a HTTP/2.0\" 200",
		      "connection", "ddos");
}

/* The mailbox a copy was delivered to: Delivered-To first, then
 * X-Original-To, then the topmost Received: field's "for <...>", as the
 * first field of each name reads in a header block. */
static void test_relays_recipient(void **state)
{
	static const struct {
		const char *hdr, *want;
	} cases[] = {
	    {"Delivered-To: Abuse@ISP.example\nReceived: from a by b for "
	     "<x@y.example>; now\n\n",
	     "abuse@isp.example"},
	    {"X-Original-To: abuse@isp.example\n\n", "abuse@isp.example"},
	    {"Received: from a (a [192.0.2.1])\n\tby mx.isp.example with "
	     "ESMTP id 1 for <abuse@isp.example>; Fri, 4 Dec 2026\n"
	     "Received: from b by a for <other@b.example>; Fri\n\n",
	     "abuse@isp.example"},
	    {"Received: from a by mx.isp.example; Fri\nSubject: x\n\n", NULL},
	};

	static const char *const names[] = {"Delivered-To", "X-Original-To",
					    "Received"};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *v[3];
		headers_get_all(cases[i].hdr, strlen(cases[i].hdr), names, 3,
				v);
		char *m = relays_recipient(v[0], v[1], v[2]);
		for (size_t k = 0; k < 3; k++)
			free(v[k]);
		if (cases[i].want)
			assert_string_equal(m, cases[i].want);
		else
			assert_null(m);
		free(m);
	}
}

/* A page that asks its visitors to enter their card is phishing, though
 * the words of a scam surround it; a shop that sells stolen cards stays
 * fraud. */
static void test_classify_page_asking_for_the_card(void **state)
{
	(void)state;
	classified_as("Fake parcel fee",
		      "The scam SMS links to a page that asks the victim to "
		      "enter your card details to pay a fee.",
		      "content", "phishing");
	classified_as("Шахрайський сайт",
		      "Мені прийшло SMS від шахраїв. Сторінка дуже схожа на "
		      "справжню, але вона просить ввести номер картки, термін "
		      "дії і CVV-код.",
		      "content", "phishing");
	classified_as("Мошеннический магазин",
		      "На сайте открыто продаются данные украденных "
		      "банковских карт (дампы, CVV).",
		      "content", "fraud");
}

/* Referrer spam is spam, though the notice says such hosts are often
 * infected with malware; a Czech open recursive resolver found by a
 * scan is an open service, not the scan. */
static void test_classify_referrer_spam_and_czech_resolver(void **state)
{
	(void)state;
	classified_as("URGENT: Malicious activity from 192.0.2.12 detected",
		      "Our monitoring network has recorded referrer spam "
		      "originating from IP address 192.0.2.12. Such activity "
		      "is frequently associated with malware-infected hosts.",
		      "messaging", "spam");
	classified_as(
	    "Otevřený DNS resolver ve vaší síti (192.0.2.53)",
	    "V rámci pravidelného skenování adresního prostoru jsme "
	    "zjistili, že IP adresa provozuje otevřený rekurzivní DNS "
	    "resolver. Naše skenování probíhá z adresy 192.0.2.250.",
	    "vulnerability", "open_service");
}

/* A Spanish bank's notice of a "sitio fraudulento" that copies its
 * online banking to steal credentials is phishing. */
static void test_classify_spanish_bank_impersonation(void **state)
{
	(void)state;
	classified_as("Sitio fraudulento alojado en su red",
		      "Hemos detectado un sitio fraudulento que suplanta "
		      "nuestra banca en línea. Tipo: robo de credenciales y "
		      "clave dinámica.",
		      "content", "phishing");
}

/* Arabic phishing written with its shadda ("تصيّد احتيالي"), a Malay
 * fake investment site, a Thai site that pretends to be a company's. */
static void test_classify_arabic_shadda_malay_investment_thai(void **state)
{
	(void)state;
	classified_as("طلب عاجل لإيقاف موقع تصيّد احتيالي",
		      "رصد فريق مراقبة الاحتيال موقعًا احتياليًا.", "content",
		      "phishing");
	classified_as("Aduan: laman pelaburan palsu",
		      "Saya ingin membuat aduan berkenaan satu laman web "
		      "pelaburan emas palsu.",
		      "content", "fraud");
	classified_as("แจ้งเว็บ", "ลิงก์พาไปที่เว็บซึ่งปลอมเป็นเว็บบริษัทขนส่ง", "content",
		      "phishing");
}

/* German "gefälschte", Spanish and Portuguese "falsificado", Russian
 * "поддельный" are counterfeit goods beside a brand, a forged mail or
 * page (phishing) beside a bank's name. */
static void test_classify_german_forged_mail_and_counterfeit_goods(void **state)
{
	(void)state;
	classified_as("WG: Ihr Konto wurde eingeschränkt",
		      "Ich habe heute eine gefälschte E-Mail angeblich von "
		      "meiner Bank bekommen.",
		      "content", "phishing");
	classified_as("Aviso",
		      "Recibí un correo falsificado que dice ser de mi banco.",
		      "content", "phishing");
	classified_as("Aviso",
		      "Recebi um e-mail falsificado que diz ser do meu banco.",
		      "content", "phishing");
	classified_as("Жалоба", "На сервере размещён поддельный сайт банка.",
		      "content", "phishing");
	classified_as("Markenrechtsverletzung",
		      "Der Shop verkauft gefälschte Markenware unserer "
		      "Mandantin.",
		      "copyright", "copyright");
}

/* Stolen cards tried out on a shop's checkout are fraud, in Dutch and
 * in English. */
static void test_classify_card_testing(void **state)
{
	(void)state;
	classified_as("Misbruik: creditcardfraude vanaf 192.0.2.90",
		      "Vanaf het IP-adres worden gestolen creditcardnummers "
		      "getest op onze webshop.",
		      "content", "fraud");
	classified_as("Abuse from 192.0.2.90",
		      "This address has been card testing on our checkout.",
		      "content", "fraud");
}

/* Accounts taken over and used are fraud, in English, Dutch and German. */
static void test_classify_account_takeover(void **state)
{
	(void)state;
	classified_as("Account takeover from 192.0.2.9",
		      "We saw the takeover of 17 player accounts.", "content",
		      "fraud");
	classified_as("Overgenomen klantaccounts",
		      "Er is sprake van accountovername bij onze webwinkel.",
		      "content", "fraud");
	classified_as("Kontoübernahme",
		      "Wir beobachten eine Kontoübernahme bei Kunden.",
		      "content", "fraud");
}

/* Slovenian login attempts and a site that poses as a bank. */
static void test_classify_slovenian_login_attempts_and_bank(void **state)
{
	(void)state;
	classified_as("Napadi RDP z vašega omrežja",
		      "Že tri dni opažamo poskuse prijave na naš terminalski "
		      "strežnik in ugibanje gesel.",
		      "connection", "login_attack");
	classified_as("Obvestilo",
		      "Stran se lažno predstavlja kot spletna banka.",
		      "content", "phishing");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_relays_recipient),
	    cmocka_unit_test(test_relays_first_outside_hop_sent_it),
	    cmocka_unit_test(test_relays_webmail_writer),
	    cmocka_unit_test(test_relays_forged_helo_does_not_hide_the_sender),
	    cmocka_unit_test(test_relays_senders_own_localhost_hop),
	    cmocka_unit_test(
		test_relays_authenticated_submission_is_the_senders),
	    cmocka_unit_test(test_reporter_domain_drops_subdomains),
	    cmocka_unit_test(test_reporter_domain_keeps_country_second_level),
	    cmocka_unit_test(
		test_reporter_domain_follows_the_public_suffix_list),
	    cmocka_unit_test(test_reporter_domain_needs_a_dot),
	    cmocka_unit_test(test_classify_name_maps_xarf_report_types),
	    cmocka_unit_test(test_classify_text_failed_protocol_logins),
	    cmocka_unit_test(test_classify_text_hungarian_amplification_attack),
	    cmocka_unit_test(
		test_classify_text_german_open_service_by_protocol),
	    cmocka_unit_test(test_classify_text_chinese_sql_injection),
	    cmocka_unit_test(test_classify_text_telescope_probes_and_open_rdp),
	    cmocka_unit_test(test_classify_text_no_attack_is_an_open_service),
	    cmocka_unit_test(test_classify_text_attack_through_a_reflector),
	    cmocka_unit_test(test_classify_text_french_bank_details),
	    cmocka_unit_test(test_classify_text_czech_bank_login_page),
	    cmocka_unit_test(test_classify_text_web_paths_and_turkish),
	    cmocka_unit_test(test_classify_text_data_request_is_other),
	    cmocka_unit_test(test_classify_text_swahili),
	    cmocka_unit_test(test_classify_text_nine_more_languages),
	    cmocka_unit_test(test_classify_text_baltic_and_more),
	    cmocka_unit_test(test_classify_text_seven_more_languages),
	    cmocka_unit_test(
		test_classify_text_spam_pages_stealer_wallet_overload),
	    cmocka_unit_test(test_classify_text_italian_services_and_syn_recv),
	    cmocka_unit_test(test_classify_text_potential_and_vulnerable_to),
	    cmocka_unit_test(test_classify_text_user_agent_is_no_kind),
	    cmocka_unit_test(test_classify_text_open_snmp),
	    cmocka_unit_test(test_classify_text_portuguese_swindle),
	    cmocka_unit_test(test_classify_text_korean_web_attack),
	    cmocka_unit_test(test_classify_text_feedback_loop_complaint),
	    cmocka_unit_test(test_classify_text_subscription_bombing),
	    cmocka_unit_test(test_classify_text_sip_register_flood),
	    cmocka_unit_test(test_classify_text_subject_outweighs_body),
	    cmocka_unit_test(test_classify_text_unauthenticated_database),
	    cmocka_unit_test(test_classify_text_scraping_is_other),
	    cmocka_unit_test(test_classify_text_counterfeit_and_malicious_app),
	    cmocka_unit_test(test_classify_text_artefact_and_exploiting_flaws),
	    cmocka_unit_test(test_classify_text_chinese_open_resolver),
	    cmocka_unit_test(test_classify_text_nordic_open_resolver),
	    cmocka_unit_test(test_classify_text_kazakh_login_attack),
	    cmocka_unit_test(test_classify_text_scans_fakes_and_streams),
	    cmocka_unit_test(test_classify_text_open_recursive_resolver),
	    cmocka_unit_test(test_classify_text_restreaming_and_ssh_hammering),
	    cmocka_unit_test(
		test_classify_text_sensitive_files_and_exploit_attempts),
	    cmocka_unit_test(test_classify_text_danish),
	    cmocka_unit_test(test_classify_text_defamation_and_exploitation),
	    cmocka_unit_test(
		test_classify_text_unsolicited_connections_are_scans),
	    cmocka_unit_test(test_classify_text_czech_malware),
	    cmocka_unit_test(test_classify_text_sums_per_type_and_caps_a_rule),
	    cmocka_unit_test(test_classify_text_without_keywords_is_other),
	    cmocka_unit_test(test_classify_text_in_more_languages),
	    cmocka_unit_test(test_classify_text_matches_at_word_start_only),
	    cmocka_unit_test(test_classify_text_matches_in_any_case),
	    cmocka_unit_test(test_classify_text_folds_cyrillic_and_polish),
	    cmocka_unit_test(test_classify_text_caps_matches_per_word),
	    cmocka_unit_test(test_classify_text_stops_at_nul),
	    cmocka_unit_test(test_classify_text_in_other_languages),
	    cmocka_unit_test(test_web_attack_tools_in_a_log),
	    cmocka_unit_test(test_open_service_report_names),
	    cmocka_unit_test(test_classify_text_tells_close_kinds_apart),
	    cmocka_unit_test(test_classify_text_reads_tools_and_deeds),
	    cmocka_unit_test(test_action_requires_a_concrete_request),
	    cmocka_unit_test(test_action_is_null_for_blocklist_threat),
	    cmocka_unit_test(test_problem_prefers_sentence_with_the_ip),
	    cmocka_unit_test(test_pick_gives_both_lines_in_one_reading),
	    cmocka_unit_test(test_action_verb_counts_only_at_word_start),
	    cmocka_unit_test(test_action_words_match_in_any_case),
	    cmocka_unit_test(test_sentences_join_wrapped_lines),
	    cmocka_unit_test(test_classify_hungarian_romanian_finnish),
	    cmocka_unit_test(test_classify_languages_of_their_own_files),
	    cmocka_unit_test(test_run_on_sentence_ends_at_a_clause),
	    cmocka_unit_test(test_sentence_limit_counts_characters),
	    cmocka_unit_test(test_problem_sentence_is_cut_at_its_limit),
	    cmocka_unit_test(test_case_ref_from_subject),
	    cmocka_unit_test(test_noise_phrases_match_in_any_case),
	    cmocka_unit_test(
		test_classify_wallet_lure_open_amplifier_and_mass_sms),
	    cmocka_unit_test(
		test_classify_rdp_guessing_unsecured_redis_preservation),
	    cmocka_unit_test(test_classify_amplifiable_services_are_open),
	    cmocka_unit_test(test_classify_police_demands_are_other),
	    cmocka_unit_test(test_classify_romanian_police_and_fake_bank),
	    cmocka_unit_test(test_classify_swedish_police_icelandic_fake_shop),
	    cmocka_unit_test(test_classify_order_to_produce_and_thai_fraud),
	    cmocka_unit_test(test_case_ref_from_text_in_any_case),
	    cmocka_unit_test(test_classify_page_asking_for_the_card),
	    cmocka_unit_test(test_classify_referrer_spam_and_czech_resolver),
	    cmocka_unit_test(test_classify_spanish_bank_impersonation),
	    cmocka_unit_test(test_classify_arabic_shadda_malay_investment_thai),
	    cmocka_unit_test(
		test_classify_german_forged_mail_and_counterfeit_goods),
	    cmocka_unit_test(test_classify_card_testing),
	    cmocka_unit_test(test_classify_account_takeover),
	    cmocka_unit_test(test_classify_slovenian_login_attempts_and_bank),
	    cmocka_unit_test(test_formats_field_reads_quoted_lines),
	    cmocka_unit_test(test_classify_login_of_a_site_beside_its_web_log),
	    cmocka_unit_test(test_classify_shop_that_takes_the_money),
	    cmocka_unit_test(test_classify_card_asking_page_is_phishing),
	    cmocka_unit_test(test_classify_swahili_phishing_and_hausa_fraud),
	    cmocka_unit_test(test_classify_exposed_service_over_its_risk),
	    cmocka_unit_test(test_classify_netscan_and_scanning_activity),
	    cmocka_unit_test(test_classify_login_pages_and_mail_logins),
	    cmocka_unit_test(test_classify_infected_devices_are_bots),
	    cmocka_unit_test(
		test_classify_defaced_fake_jobs_and_four_languages),
	    cmocka_unit_test(test_classify_photos_languages_and_plain_words),
	    cmocka_unit_test(test_classify_denied_kind_does_not_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
