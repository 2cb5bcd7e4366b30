/* syncgen.c: writes N generated abuse reports straight into a Maildir's
 * cur/ for the sync benchmark — ARF, X-ARF, ACNS, Shadowserver CSV,
 * SpamCop, fail2ban, forwarded and plain reports, with transport headers,
 * about 1.4 KB each on average. Deterministic for a given N.
 *   syncgen MAILDIR N   -> prints "messages=N bytes=B" */
#include "core/buf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint32_t rng_state = 0x9e3779b9u;

static uint32_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

struct ip {
	unsigned a, b, c, d;
};

static void headers(struct buf *b, unsigned i, const char *from,
		    const char *subject, const char *ctype)
{
	unsigned hops = 3 + rnd() % 4;

	for (unsigned k = 0; k < hops; k++)
		buf_printf(
		    b,
		    "Received: from relay%u.example.net (relay%u."
		    "example.net [198.51.100.%u])\n\tby mx%u.isp.example "
		    "(Postfix) with ESMTPS id %08X\n\tfor "
		    "<abuse@isp.example>; Mon, 6 May 2024 10:%02u:%02u "
		    "+0000\n",
		    k, k, rnd() % 250, k, rnd(), (i / 60) % 60, i % 60);
	buf_printf(b,
		   "From: %s\nTo: abuse@isp.example\nSubject: %s\n"
		   "Date: Mon, 6 May 2024 %02u:%02u:%02u +0000\n"
		   "Message-ID: <bench-%u-%08x@reports.example>\n"
		   "MIME-Version: 1.0\nContent-Type: %s\n\n",
		   from, subject, 8 + i % 12, (i / 60) % 60, i % 60, i, rnd(),
		   ctype);
}

static void arf(struct buf *b, unsigned i, struct ip ip)
{
	char subj[96];

	snprintf(subj, sizeof subj, "FW: abuse report about %u.%u.%u.%u", ip.a,
		 ip.b, ip.c, ip.d);
	headers(b, i, "Mail Abuse Desk <fbl@mail.example.com>", subj,
		"multipart/report; report-type=feedback-report;"
		" boundary=\"arf\"");
	buf_printf(
	    b,
	    "--arf\nContent-Type: text/plain\n\nThis is an email abuse "
	    "report for an email message received from IP %u.%u.%u.%u "
	    "on Mon, 6 May 2024.\n\n--arf\nContent-Type: "
	    "message/feedback-report\n\nFeedback-Type: abuse\nUser-Agent:"
	    " FBL/1.0\nVersion: 1\nSource-IP: %u.%u.%u.%u\nArrival-Date: "
	    "Mon, 6 May 2024 09:00:00 +0000\n\n--arf\nContent-Type: "
	    "message/rfc822-headers\n\nReceived: from [%u.%u.%u.%u] by "
	    "mx.mail.example.com\nFrom: offers@shop%u.example\nSubject: "
	    "Great offers\n--arf--\n",
	    ip.a, ip.b, ip.c, ip.d, ip.a, ip.b, ip.c, ip.d, ip.a, ip.b, ip.c,
	    ip.d, i % 97);
}

static void xarf(struct buf *b, unsigned i, struct ip ip)
{
	headers(b, i, "Abuse API <xarf@reports.example.org>", "XARF report",
		"multipart/mixed; boundary=\"xj\"");
	buf_printf(b,
		   "--xj\nContent-Type: text/plain\n\nMachine-readable report "
		   "attached.\n\n--xj\nContent-Type: application/json; "
		   "name=\"report.json\"\nContent-Disposition: attachment; "
		   "filename=\"report.json\"\n\n{\"xarf_version\": \"4.0.0\", "
		   "\"report_id\": \"r-%u\", \"class\": \"connection\", "
		   "\"type\": \"%s\", \"source_identifier\": \"%u.%u.%u.%u\", "
		   "\"source_port\": %u}\n--xj--\n",
		   i, i % 2 ? "ddos" : "port_scan", ip.a, ip.b, ip.c, ip.d,
		   1024 + rnd() % 60000);
}

static void acns(struct buf *b, unsigned i, struct ip ip)
{
	headers(b, i, "Copyright Agent <notices@rights.example>",
		"Notice of Claimed Infringement", "text/plain");
	buf_printf(
	    b,
	    "Dear Sir or Madam,\n\nWe have detected the sharing of a "
	    "copyrighted work from an IP address on your network.\n\n"
	    "<?xml version=\"1.0\"?>\n<Infringement xmlns=\"http://www."
	    "acns.net/ACNS\">\n<Case><ID>C-%u</ID></Case>\n<Source>"
	    "<TimeStamp>2024-05-06T09:00:00Z</TimeStamp><IP_Address>"
	    "%u.%u.%u.%u</IP_Address><Port>%u</Port><Type>P2P</Type>"
	    "<SubType Protocol=\"BitTorrent\"/></Source>\n<Content><Item>"
	    "<Title>Some Film %u</Title></Item></Content>\n"
	    "</Infringement>\n\nPlease take action to stop this.\n",
	    i, ip.a, ip.b, ip.c, ip.d, 6881 + rnd() % 100, i % 300);
}

static void shadowserver(struct buf *b, unsigned i, struct ip ip)
{
	unsigned rows = 1 + rnd() % 4;

	headers(b, i, "Shadowserver <autoreports@shadowserver.example>",
		"Shadowserver Open Resolver Report", "text/plain");
	buf_puts(b, "\"timestamp\",\"ip\",\"protocol\",\"port\",\"tag\"\n");
	for (unsigned r = 0; r < rows; r++)
		buf_printf(b,
			   "\"2024-05-06 0%u:00:00\",\"%u.%u.%u.%u\",\"udp\","
			   "\"53\",\"openresolver\"\n",
			   r, ip.a, ip.b, ip.c, (ip.d + r) % 255);
}

static void spamcop(struct buf *b, unsigned i, struct ip ip)
{
	char subj[96];

	snprintf(subj, sizeof subj, "[SpamCop id:%u]Cheap watches", i);
	headers(b, i, "SpamCop <spamcop@reports.spamcop.example>", subj,
		"text/plain");
	buf_printf(
	    b,
	    "[ SpamCop V5.0 ]\nThis message is brief for your comfort."
	    "\n\nEmail from %u.%u.%u.%u / Mon, 06 May 2024 09:00:00 "
	    "+0000\nhttps://www.spamcop.example/sc?id=z%u\n\n[ Offending "
	    "message ]\nReceived: from [%u.%u.%u.%u] by mx.victim.example;"
	    " Mon, 06 May 2024 09:00:00 +0000\nFrom: seller@spam.example"
	    "\nSubject: Cheap watches\n\nBuy watches.\n",
	    ip.a, ip.b, ip.c, ip.d, i, ip.a, ip.b, ip.c, ip.d);
}

static void fail2ban(struct buf *b, unsigned i, struct ip ip)
{
	char subj[96];

	snprintf(subj, sizeof subj, "[Fail2Ban] sshd: banned %u.%u.%u.%u", ip.a,
		 ip.b, ip.c, ip.d);
	headers(b, i, "Fail2Ban <fail2ban@host.example.org>", subj,
		"text/plain");
	buf_printf(b,
		   "Hi,\n\nThe IP %u.%u.%u.%u has just been banned by Fail2Ban"
		   " after 5 attempts against sshd.\n\nLines containing IP:\n",
		   ip.a, ip.b, ip.c, ip.d);
	for (unsigned k = 0; k < 3; k++)
		buf_printf(b,
			   "May  6 10:00:0%u host sshd[99]: Failed password "
			   "for root from %u.%u.%u.%u port %u ssh2\n",
			   k, ip.a, ip.b, ip.c, ip.d, 4000 + k);
}

static void forwarded(struct buf *b, unsigned i, struct ip ip)
{
	headers(b, i, "Jane Admin <jane@university.example>",
		"Fwd: phishing site hosted in your network", "text/plain");
	buf_printf(b,
		   "Hello,\n\nplease see the forwarded message below; the "
		   "phishing page is served from %u.%u.%u.%u.\n\nRegards,\nJane"
		   "\n\n---------- Forwarded message ---------\nFrom: Bank "
		   "<security@bank.example>\nSubject: Verify your account\n\n"
		   "Please log in at http://%u.%u.%u.%u/bank/login.php\n",
		   ip.a, ip.b, ip.c, ip.d, ip.a, ip.b, ip.c, ip.d);
	(void)i;
}

static void plain(struct buf *b, unsigned i, struct ip ip)
{
	headers(b, i, "noc@hosting.example", "Port scan from your network",
		"text/plain; charset=utf-8");
	buf_printf(b,
		   "We see port scans against our network coming from "
		   "%u.%u.%u.%u since 08:00 UTC today (about %u probes).\n"
		   "Please investigate and stop this.\n\n-- \nNOC\n",
		   ip.a, ip.b, ip.c, ip.d, 100 + rnd() % 9000);
}

static void (*const kinds[])(struct buf *, unsigned, struct ip) = {
    arf, xarf, acns, shadowserver, spamcop, fail2ban, forwarded, plain,
};

static int write_one(const char *dir, unsigned i, const struct buf *b)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/cur/1714989600.M%uP1.bench,S=%zu:2,",
		 dir, i, b->len);
	f = fopen(path, "w");
	if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f)) {
		fprintf(stderr, "syncgen: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct buf b = BUF_INIT;
	unsigned long long bytes = 0;
	unsigned n;
	char sub[4096];

	if (argc != 3) {
		fprintf(stderr, "usage: syncgen MAILDIR N\n");
		return 2;
	}
	n = (unsigned)strtoul(argv[2], NULL, 10);
	for (const char *const *d =
		 (const char *const[]){"cur", "new", "tmp", NULL};
	     *d; d++) {
		snprintf(sub, sizeof sub, "%s/%s", argv[1], *d);
		mkdir(argv[1], 0700);
		mkdir(sub, 0700);
	}
	for (unsigned i = 0; i < n; i++) {
		struct ip ip = {10 + rnd() % 3, rnd() % 256, rnd() % 256,
				1 + rnd() % 254};

		buf_reset(&b);
		kinds[rnd() % (sizeof kinds / sizeof kinds[0])](&b, i, ip);
		if (write_one(argv[1], i, &b) < 0)
			return 1;
		bytes += b.len;
	}
	buf_free(&b);
	printf("messages=%u bytes=%llu\n", n, bytes);
	return 0;
}
