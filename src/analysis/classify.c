/* classify.c: what kind of abuse a report is about, as XARF v4 category
 * and type. Two tables: names used by report formats, and weighted keyword
 * rules for prose. The best-scoring type wins; ties go to the earlier rule. */
#include "analysis/classify.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
/* Prose beyond this is log lines and boilerplate: reading it only costs. */
#define CLASSIFY_SCAN_MAX ((size_t)256 << 10)

struct name_rule {
	const char *name; /* normalised: lowercase, '-' and ' ' as '_' */
	struct category cat;
};

static const struct name_rule names[] = {
    {"spam", {"messaging", "spam"}},
    {"regbot", {"messaging", "spam"}},
    {"harvesting", {"messaging", "spam"}},
    {"bulk_messaging", {"messaging", "bulk_messaging"}},
    {"phishing", {"content", "phishing"}},
    {"malware", {"content", "malware"}},
    {"malware_attack", {"content", "malware"}},
    {"virus", {"content", "malware"}},
    {"fraud", {"content", "fraud"}},
    {"scam", {"content", "fraud"}},
    {"cryptocurrency_scam", {"content", "fraud"}},
    {"login_attack", {"connection", "login_attack"}},
    {"auth_failure", {"connection", "login_attack"}},
    {"bruteforce", {"connection", "login_attack"}},
    {"brute_force", {"connection", "login_attack"}},
    {"ssh", {"connection", "login_attack"}},
    {"port_scan", {"connection", "port_scan"}},
    {"portscan", {"connection", "port_scan"}},
    {"ddos", {"connection", "ddos"}},
    {"web_attack", {"connection", "vulnerability_scanning"}},
    {"vulnerability_scanning", {"connection", "vulnerability_scanning"}},
    {"sql_injection", {"connection", "sql_injection"}},
    {"infected_host", {"connection", "infected_host"}},
    {"botnet", {"infrastructure", "botnet"}},
    {"bot", {"infrastructure", "botnet"}},
    {"copyright", {"copyright", "copyright"}},
    {"p2p", {"copyright", "p2p"}},
    {"bittorrent", {"copyright", "p2p"}},
    {"open_service", {"vulnerability", "open_service"}},
    {"cve", {"vulnerability", "cve"}},
    {"misconfiguration", {"vulnerability", "misconfiguration"}},
};

struct word_rule {
	const char *word; /* lowercase, matched at a word start */
	struct category cat;
	int weight;
};

/* Order matters only for ties. */
static const struct word_rule words[] = {
    {"bittorrent", {"copyright", "p2p"}, 5},
    {"peer-to-peer", {"copyright", "p2p"}, 4},
    {"p2p", {"copyright", "p2p"}, 4},
    {"torrent", {"copyright", "p2p"}, 3},
    {"copyright", {"copyright", "copyright"}, 4},
    {"dmca", {"copyright", "copyright"}, 4},
    {"infring", {"copyright", "copyright"}, 3},
    {"pirated", {"copyright", "copyright"}, 3},
    {"phishing", {"content", "phishing"}, 5},
    {"phish", {"content", "phishing"}, 4},
    {"credential", {"content", "phishing"}, 1},
    {"spoofed", {"content", "phishing"}, 1},
    {"malware", {"content", "malware"}, 4},
    {"malicious code", {"content", "malware"}, 4},
    {"malicious file", {"content", "malware"}, 4},
    {"malicious download", {"content", "malware"}, 4},
    {"malicious url", {"content", "malware"}, 2},
    {"trojan", {"content", "malware"}, 3},
    {"virus", {"content", "malware"}, 2},
    {"skimmer", {"content", "malware"}, 4},
    {"ransomware", {"content", "malware"}, 3},
    {"botnet", {"infrastructure", "botnet"}, 5},
    {"drone", {"infrastructure", "botnet"}, 4},
    {"sinkhole", {"infrastructure", "botnet"}, 4},
    {"c&c", {"infrastructure", "botnet"}, 4},
    {"c2 ", {"infrastructure", "botnet"}, 3},
    {"command and control", {"infrastructure", "botnet"}, 4},
    {"command & control", {"infrastructure", "botnet"}, 4},
    {"infected", {"infrastructure", "botnet"}, 2},
    {"spamvertis", {"messaging", "spam"}, 5},
    {"spamtrap", {"messaging", "spam"}, 5},
    {"spam trap", {"messaging", "spam"}, 5},
    {"spam", {"messaging", "spam"}, 3},
    {"unsolicited", {"messaging", "spam"}, 3},
    {"feedback report", {"messaging", "spam"}, 3},
    {"harvest", {"messaging", "spam"}, 3},
    {"junk", {"messaging", "spam"}, 3},
    {"brute force", {"connection", "login_attack"}, 5},
    {"brute-force", {"connection", "login_attack"}, 5},
    {"bruteforce", {"connection", "login_attack"}, 5},
    {"login attempt", {"connection", "login_attack"}, 4},
    {"failed login", {"connection", "login_attack"}, 4},
    {"login attack", {"connection", "login_attack"}, 5},
    {"authentication fail", {"connection", "login_attack"}, 4},
    {"auth attack", {"connection", "login_attack"}, 4},
    {"dictionary attack", {"connection", "login_attack"}, 4},
    {"fail2ban", {"connection", "login_attack"}, 4},
    {"sshd", {"connection", "login_attack"}, 2},
    {"hacking", {"connection", "login_attack"}, 2},
    {"wp-login", {"connection", "login_attack"}, 3},
    {"port scan", {"connection", "port_scan"}, 5},
    {"portscan", {"connection", "port_scan"}, 5},
    {"port hit", {"connection", "port_scan"}, 4},
    {"scanning", {"connection", "port_scan"}, 2},
    {"probes", {"connection", "port_scan"}, 2},
    {"probing", {"connection", "port_scan"}, 2},
    {"ddos", {"connection", "ddos"}, 5},
    {"denial of service", {"connection", "ddos"}, 5},
    {"denial-of-service", {"connection", "ddos"}, 5},
    {"amplification", {"connection", "ddos"}, 4},
    {"reflection", {"connection", "ddos"}, 3},
    {"reflektion", {"connection", "ddos"}, 3},
    {"flood", {"connection", "ddos"}, 2},
    {"web attack", {"connection", "vulnerability_scanning"}, 5},
    {"web-attack", {"connection", "vulnerability_scanning"}, 5},
    {"sql injection", {"connection", "sql_injection"}, 8},
    {"exploit", {"connection", "vulnerability_scanning"}, 2},
    {"intrusion", {"connection", "vulnerability_scanning"}, 2},
    {"open resolver", {"vulnerability", "open_service"}, 5},
    {"openresolver", {"vulnerability", "open_service"}, 5},
    {"open service", {"vulnerability", "open_service"}, 4},
    {"openly accessible", {"vulnerability", "open_service"}, 4},
    {"publicly accessible", {"vulnerability", "open_service"}, 4},
    {"exposed", {"vulnerability", "open_service"}, 2},
    {"vulnerable", {"vulnerability", "cve"}, 4},
    {"vulnerability", {"vulnerability", "cve"}, 3},
    {"cve-", {"vulnerability", "cve"}, 4},
    {"unpatched", {"vulnerability", "cve"}, 3},
    {"misconfigur", {"vulnerability", "misconfiguration"}, 3},
    {"web request", {"connection", "vulnerability_scanning"}, 4},
    {"http request", {"connection", "vulnerability_scanning"}, 4},
    {"\"get /", {"connection", "vulnerability_scanning"}, 3},
    {"\"post /", {"connection", "vulnerability_scanning"}, 3},
    {"intruded", {"connection", "vulnerability_scanning"}, 3},
    {"safe browsing", {"content", "malware"}, 3},
    {"distribution domain", {"content", "malware"}, 4},
    {"fraud", {"content", "fraud"}, 4},
    {"scam", {"content", "fraud"}, 4},
    {"fake shop", {"content", "fraud"}, 4},
    /* A site named as phishing is what the report is about, whatever
     * carried its link (spam, a listing): these outweigh the vector. */
    {"phishing site", {"content", "phishing"}, 20},
    {"phishing page", {"content", "phishing"}, 20},
    {"phishing url", {"content", "phishing"}, 20},
    {"phishing website", {"content", "phishing"}, 20},
    {"phishing domain", {"content", "phishing"}, 20},
    {"phishing kit", {"content", "phishing"}, 20},
    {"fake login page", {"content", "phishing"}, 20},
    {"site de phishing", {"content", "phishing"}, 20},
    {"page de phishing", {"content", "phishing"}, 20},
    {"phishing-seite", {"content", "phishing"}, 20},
    {"phishing-webseite", {"content", "phishing"}, 20},
    {"sitio de phishing", {"content", "phishing"}, 20},
    /* A site changed or taken over: the site is the problem, not what a
     * visitor is lured into. */
    {"defaced", {"content", "defacement"}, 6},
    {"defacement", {"content", "defacement"}, 6},
    {"compromised website", {"infrastructure", "compromised_server"}, 6},
    {"compromised site", {"infrastructure", "compromised_server"}, 6},
    {"compromised server", {"infrastructure", "compromised_server"}, 5},
    {"hacked website", {"infrastructure", "compromised_server"}, 6},
    {"hacked site", {"infrastructure", "compromised_server"}, 6},
    {"webshell", {"infrastructure", "compromised_server"}, 5},
    {"web shell", {"infrastructure", "compromised_server"}, 5},
    /* An open service that could be abused, against traffic that was. */
    {"can be abused", {"vulnerability", "open_service"}, 4},
    {"could be abused", {"vulnerability", "open_service"}, 4},
    {"may be abused", {"vulnerability", "open_service"}, 4},
    {"can be misused", {"vulnerability", "open_service"}, 4},
    {"open port", {"vulnerability", "open_service"}, 2},
    {"accessible from the internet", {"vulnerability", "open_service"}, 4},
    {"attack traffic", {"connection", "ddos"}, 4},
    {"gbps", {"connection", "ddos"}, 3},
    {"gbit/s", {"connection", "ddos"}, 3},
    {"mbps", {"connection", "ddos"}, 2},
    {"packets per second", {"connection", "ddos"}, 3},
    {"reflected", {"connection", "ddos"}, 3},
    {"participated in", {"connection", "ddos"}, 2},
    /* Firewall and IDS logs: connection attempts are scans; passwords
     * make a login attack; requests that carry code a web attack. */
    {"firewall", {"connection", "port_scan"}, 2},
    {"connection attempt", {"connection", "port_scan"}, 3},
    {"blocked connection", {"connection", "port_scan"}, 3},
    {"syn_", {"connection", "port_scan"}, 3},
    {"syn packet", {"connection", "port_scan"}, 3},
    {"syn scan", {"connection", "port_scan"}, 5},
    {"dest port", {"connection", "port_scan"}, 2},
    {"destination port", {"connection", "port_scan"}, 2},
    {"dst port", {"connection", "port_scan"}, 2},
    {"target port", {"connection", "port_scan"}, 2},
    {"invalid user", {"connection", "login_attack"}, 4},
    {"failed password", {"connection", "login_attack"}, 4},
    {"password", {"connection", "login_attack"}, 1},
    {"xmlrpc", {"connection", "login_attack"}, 2},
    {"sqli", {"connection", "sql_injection"}, 8},
    {"union select", {"connection", "sql_injection"}, 5},
    {"sql-injection", {"connection", "sql_injection"}, 8},
    {"cross-site scripting", {"connection", "vulnerability_scanning"}, 4},
    {"xss", {"connection", "vulnerability_scanning"}, 4},
    {"path traversal", {"connection", "vulnerability_scanning"}, 4},
    {"web application firewall", {"connection", "vulnerability_scanning"}, 4},
    {"modsecurity", {"connection", "vulnerability_scanning"}, 3},
    /* Sinkholes and infection feeds. */
    {"sinkholed", {"infrastructure", "botnet"}, 4},
    {"bot infection", {"infrastructure", "botnet"}, 5},
    {"malware infection", {"infrastructure", "botnet"}, 4},
    {"connected to a sinkhole", {"infrastructure", "botnet"}, 5},
};

static void normalise(const char *s, char *out, size_t cap)
{
	size_t n = 0;

	while (*s == ' ' || *s == '\t')
		s++;
	for (; *s && n + 1 < cap; s++) {
		char c = (char)tolower((unsigned char)*s);
		out[n++] = (c == '-' || c == ' ') ? '_' : c;
	}
	while (n && out[n - 1] == '_')
		n--;
	out[n] = '\0';
}

bool classify_name(const char *name, struct category *out)
{
	char key[64];

	if (!name)
		return false;
	normalise(name, key, sizeof key);
	for (size_t i = 0; i < COUNT(names); i++) {
		if (strcmp(key, names[i].name) == 0) {
			*out = names[i].cat;
			return true;
		}
	}
	return false;
}

/* Rules by a hash of the first two bytes of their word, so that the text
 * is read once and a byte costs a table look-up. Built on first use. */
#define WORD_HASH 512
#define WORD_CAP 5 /* matches per rule that count */
static unsigned char word_len[COUNT(words)];
static uint16_t word_start[WORD_HASH + 1];
static unsigned char word_order[COUNT(words)];
static pthread_once_t word_once = PTHREAD_ONCE_INIT;

/* ASCII case and letters, which is what the C and UTF-8 locales give
 * anyway, as tables: the text loop does little else. */
static unsigned char lower_of[256];
static bool alpha[256];

static unsigned char lower(char c)
{
	return lower_of[(unsigned char)c];
}

static bool is_alpha(char c)
{
	return alpha[(unsigned char)c];
}

static unsigned word_hash(unsigned char a, unsigned char b)
{
	return (a * 33u ^ b) & (WORD_HASH - 1);
}

static void build_word_index(void)
{
	uint16_t fill[WORD_HASH];

	for (int c = 0; c < 256; c++) {
		alpha[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		lower_of[c] =
		    (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}

	for (size_t i = 0; i < COUNT(words); i++) {
		const char *w = words[i].word;
		word_len[i] = (unsigned char)strlen(w);
		word_start[word_hash((unsigned char)w[0], (unsigned char)w[1]) +
			   1]++;
	}
	for (size_t h = 0; h < WORD_HASH; h++) {
		word_start[h + 1] += word_start[h];
		fill[h] = word_start[h];
	}
	for (size_t i = 0; i < COUNT(words); i++) {
		const char *w = words[i].word;
		unsigned h =
		    word_hash((unsigned char)w[0], (unsigned char)w[1]);
		word_order[fill[h]++] = (unsigned char)i;
	}
}

/* Whether rule r's word is at s[i..n), in any case. */
static bool word_at(const char *s, size_t i, size_t n, size_t r)
{
	const char *w = words[r].word;

	if (word_len[r] > n - i)
		return false;
	for (size_t k = 0; k < word_len[r]; k++)
		if (lower(s[i + k]) != (unsigned char)w[k])
			return false;
	return true;
}

/* Adds factor * weight for each match of a rule at s[i]; hits counts the
 * matches so far (at most WORD_CAP per rule count). */
static void score_at(int *score, int *hits, const char *s, size_t i, size_t n,
		     int factor)
{
	unsigned h = word_hash(lower(s[i]), lower(s[i + 1]));

	for (unsigned k = word_start[h]; k < word_start[h + 1]; k++) {
		size_t r = word_order[k];
		if (hits[r] >= WORD_CAP || !word_at(s, i, n, r))
			continue;
		hits[r]++;
		score[r] += factor * words[r].weight;
	}
}

/* Rules match at word starts only: the first byte, and each byte after
 * one that is no letter. A run of letters is skipped whole. */
static void add_scores(int *score, int *hits, const char *s, size_t n,
		       int factor)
{
	size_t i = 0;

	pthread_once(&word_once, build_word_index);
	while (i + 1 < n) {
		score_at(score, hits, s, i, n, factor);
		if (!is_alpha(s[i++]))
			continue;
		while (i < n && is_alpha(s[i]))
			i++;
		i++;
	}
}

bool classify_text(const char *subject, const char *text, size_t len,
		   struct category *out)
{
	int score[COUNT(words)] = {0};
	int hits_subject[COUNT(words)] = {0}, hits_text[COUNT(words)] = {0};
	size_t best = 0;
	int best_total = 0;

	/* Text stops at a NUL, as it always did. */
	if (subject)
		add_scores(score, hits_subject, subject, strlen(subject), 3);
	add_scores(
	    score, hits_text, text,
	    strnlen(text, len < CLASSIFY_SCAN_MAX ? len : CLASSIFY_SCAN_MAX),
	    1);
	/* Sum per type: several weak words of one kind beat one strong word.
	 * Only rules that matched take part, which keeps this cheap. */
	for (size_t i = 0; i < COUNT(words); i++) {
		int total = 0;
		if (!score[i])
			continue;
		for (size_t j = 0; j < COUNT(words); j++)
			if (score[j] &&
			    strcmp(words[j].cat.type, words[i].cat.type) == 0)
				total += score[j];
		if (total > best_total) {
			best_total = total;
			best = i;
		}
	}
	*out =
	    best_total ? words[best].cat : (struct category){"other", "other"};
	return best_total > 0;
}
