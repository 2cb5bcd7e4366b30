/* syncgen.c: writes N generated abuse reports straight into a Maildir's
 * cur/ for the sync benchmark — ARF, X-ARF, ACNS, Shadowserver CSV,
 * SpamCop, fail2ban, forwarded and plain reports, with transport headers,
 * about 1.4 KB each on average. Deterministic for a given N and mix.
 *   syncgen [--mix plain|heavy] MAILDIR N   -> prints "messages=N bytes=B"
 * The heavy mix makes half of the reports of other kinds, as another
 * desk's mail may be: evidence logs attached in base64, zipped CSV,
 * HTML-only mail, long prose, and German (ISO-8859-1, quoted-printable),
 * Russian (KOI8-R, base64), French (windows-1252) and Japanese
 * (ISO-2022-JP) reports with encoded subjects. */
#include "core/buf.h"

#include <errno.h>
#include <iconv.h>
#include <zlib.h>
#include <stdbool.h>
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

/* ---- the heavy mix ---- */

static void base64(struct buf *b, const unsigned char *p, size_t n)
{
	static const char t[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0, col = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16;
		if (i + 1 < n)
			v |= (uint32_t)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		buf_putc(b, t[v >> 18 & 63]);
		buf_putc(b, t[v >> 12 & 63]);
		buf_putc(b, i + 1 < n ? t[v >> 6 & 63] : '=');
		buf_putc(b, i + 2 < n ? t[v & 63] : '=');
		if ((col += 4) >= 76) {
			buf_putc(b, '\n');
			col = 0;
		}
	}
	buf_putc(b, '\n');
}

static void qp(struct buf *b, const unsigned char *p, size_t n)
{
	size_t col = 0;

	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\n') {
			buf_putc(b, '\n');
			col = 0;
			continue;
		}
		if (col >= 72) {
			buf_puts(b, "=\n");
			col = 0;
		}
		if (p[i] >= 128 || p[i] == '=') {
			buf_printf(b, "=%02X", p[i]);
			col += 3;
		} else {
			buf_putc(b, (char)p[i]);
			col++;
		}
	}
	buf_putc(b, '\n');
}

/* UTF-8 text in charset cs, into out. */
static void recode(const char *cs, const char *text, struct buf *out)
{
	iconv_t cd = iconv_open(cs, "UTF-8");
	char tmp[8192], *in = (char *)text, *o = tmp;
	size_t inl = strlen(text), outl = sizeof tmp;

	buf_reset(out);
	if (cd == (iconv_t)-1) {
		buf_puts(out, text);
		return;
	}
	iconv(cd, &in, &inl, &o, &outl);
	iconv(cd, NULL, NULL, &o, &outl);
	iconv_close(cd);
	buf_append(out, tmp, (size_t)(o - tmp));
}

static void attached_log(struct buf *b, unsigned i, struct ip ip)
{
	struct buf log = BUF_INIT;
	unsigned lines = 40 + rnd() % 160;

	headers(b, i, "Security Team <soc@datacenter.example>",
		"Brute force attempts from your network",
		"multipart/mixed; boundary=\"att\"");
	buf_printf(b,
		   "--att\nContent-Type: text/plain; charset=us-ascii\n\n"
		   "Our sensors logged attacks from %u.%u.%u.%u; the log "
		   "is attached.\n\n--att\nContent-Type: text/plain; "
		   "name=\"evidence.log\"\nContent-Disposition: attachment; "
		   "filename=\"evidence.log\"\nContent-Transfer-Encoding: "
		   "base64\n\n",
		   ip.a, ip.b, ip.c, ip.d);
	for (unsigned k = 0; k < lines; k++)
		buf_printf(&log,
			   "2024-05-06T09:%02u:%02u+00:00 sensor%u sshd[%u]: "
			   "Invalid user admin%u from %u.%u.%u.%u port %u\n",
			   k / 60 % 60, k % 60, k % 7, 1000 + k, rnd() % 999,
			   ip.a, ip.b, ip.c, ip.d, 30000 + rnd() % 30000);
	base64(b, (const unsigned char *)log.data, log.len);
	buf_puts(b, "--att--\n");
	buf_free(&log);
}

static void put16(struct buf *b, unsigned v)
{
	buf_putc(b, (char)(v & 255));
	buf_putc(b, (char)(v >> 8 & 255));
}

static void put32(struct buf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

/* A zip archive holding one stored (uncompressed) file. */
static void zip_one(struct buf *z, const char *name, const struct buf *data)
{
	uint32_t crc =
	    (uint32_t)crc32(0L, (const Bytef *)data->data, (uInt)data->len);
	size_t nl = strlen(name), cd;

	put32(z, 0x04034b50);
	put16(z, 10);
	put16(z, 0);
	put16(z, 0);
	put16(z, 0);
	put16(z, 0);
	put32(z, crc);
	put32(z, (uint32_t)data->len);
	put32(z, (uint32_t)data->len);
	put16(z, (unsigned)nl);
	put16(z, 0);
	buf_append(z, name, nl);
	buf_append(z, data->data, data->len);
	cd = z->len;
	put32(z, 0x02014b50);
	put16(z, 20);
	put16(z, 10);
	for (int k = 0; k < 4; k++)
		put16(z, 0);
	put32(z, crc);
	put32(z, (uint32_t)data->len);
	put32(z, (uint32_t)data->len);
	put16(z, (unsigned)nl);
	for (int k = 0; k < 4; k++)
		put16(z, 0);
	put32(z, 0);
	put32(z, 0);
	buf_append(z, name, nl);
	put32(z, 0x06054b50);
	put16(z, 0);
	put16(z, 0);
	put16(z, 1);
	put16(z, 1);
	put32(z, (uint32_t)(z->len - cd - 4 - 2 * 4));
	put32(z, (uint32_t)cd);
	put16(z, 0);
}

static void zipped_csv(struct buf *b, unsigned i, struct ip ip)
{
	struct buf csv = BUF_INIT, z = BUF_INIT;
	unsigned rows = 20 + rnd() % 100;

	headers(b, i, "Scan Reports <reports@scanwatch.example>",
		"Daily vulnerable hosts report (zipped CSV)",
		"multipart/mixed; boundary=\"zz\"");
	buf_puts(&csv, "timestamp,ip,port,protocol,tag,asn\n");
	for (unsigned r = 0; r < rows; r++)
		buf_printf(&csv,
			   "2024-05-06 0%u:%02u:00,%u.%u.%u.%u,%u,udp,"
			   "open-memcached,64500\n",
			   r % 10, r % 60, ip.a, ip.b, ip.c,
			   (ip.d + r) % 254 + 1, 11211);
	zip_one(&z, "report.csv", &csv);
	buf_puts(b, "--zz\nContent-Type: text/plain\n\nThe attached archive "
		    "lists the hosts of your network we found.\n\n--zz\n"
		    "Content-Type: application/zip; name=\"report.zip\"\n"
		    "Content-Disposition: attachment; filename=\"report.zip\"\n"
		    "Content-Transfer-Encoding: base64\n\n");
	base64(b, (const unsigned char *)z.data, z.len);
	buf_puts(b, "--zz--\n");
	buf_free(&csv);
	buf_free(&z);
}

static void html_only(struct buf *b, unsigned i, struct ip ip)
{
	unsigned rows = 5 + rnd() % 30;

	headers(b, i, "Abuse Portal <no-reply@portal.example>",
		"Abuse complaint regarding your IP address",
		"text/html; charset=utf-8");
	buf_printf(b,
		   "<!DOCTYPE html><html><head><style>td{padding:2px}"
		   "</style></head><body><p>Dear network operator,</p><p>"
		   "We received complaints about <b>%u.%u.%u.%u</b>.</p>"
		   "<table><tr><th>Time</th><th>Source</th><th>Event</th>"
		   "</tr>\n",
		   ip.a, ip.b, ip.c, ip.d);
	for (unsigned r = 0; r < rows; r++)
		buf_printf(
		    b,
		    "<tr><td>2024-05-06 09:%02u</td><td>%u.%u.%u.%u"
		    "</td><td>phishing&nbsp;page&nbsp;served</td></tr>\n",
		    r % 60, ip.a, ip.b, ip.c, ip.d);
	buf_puts(b, "</table><p>Kind regards,<br>The Abuse Team</p>"
		    "</body></html>\n");
}

static const char *const prose[] = {
    "We are writing to you on behalf of a group of small businesses whose "
    "web shops have been the target of a sustained campaign over the last "
    "weeks. ",
    "The requests come in waves, usually in the early morning, and each "
    "wave lasts between ten and forty minutes before it stops as suddenly "
    "as it began. ",
    "Our own staff have spent many hours looking through the logs, and we "
    "have tried to summarise what we found as plainly as we can. ",
    "None of us are network specialists, so please forgive us if some of "
    "the terms we use are not quite right. ",
    "We would be grateful if you could look into this and let us know "
    "whether there is anything further we should send you. ",
};

static void long_prose(struct buf *b, unsigned i, struct ip ip)
{
	unsigned paras = 12 + rnd() % 24;

	headers(b, i, "Maria Example <maria@smallshop.example>",
		"Repeated attacks on our shops, please help",
		"text/plain; charset=utf-8");
	buf_puts(b, "Hello,\n\n");
	for (unsigned p = 0; p < paras; p++) {
		for (unsigned k = 0; k < 4 + rnd() % 4; k++)
			buf_puts(b, prose[rnd() % 5]);
		if (p == paras / 2)
			buf_printf(b, "Most of it comes from %u.%u.%u.%u. ",
				   ip.a, ip.b, ip.c, ip.d);
		buf_puts(b, "\n\n");
	}
	buf_puts(b, "With kind regards,\nMaria\n");
}

struct lang {
	const char *charset, *cte, *subject_b64, *text;
};

static const struct lang langs[] = {
    {"ISO-8859-1", "quoted-printable", "TWlzc2JyYXVjaHNtZWxkdW5n",
     "Sehr geehrte Damen und Herren,\n\nvon der IP-Adresse %s aus wurden "
     "gestern Anmeldeversuche auf unseren Servern durchgeführt. Bitte "
     "prüfen Sie den Vorgang und unterbinden Sie weitere Zugriffe.\n\n"
     "Mit freundlichen Grüßen\nIhr Sicherheitsteam\n"},
    {"KOI8-R", "base64", "0JbQsNC70L7QsdCw",
     "Здравствуйте,\n\nс адреса %s в вашей сети идёт рассылка спама. "
     "Просим принять меры и сообщить нам о результатах.\n\nС уважением,"
     "\nСлужба поддержки\n"},
    {"windows-1252", "quoted-printable", "UGxhaW50ZQ==",
     "Madame, Monsieur,\n\nnous avons constaté des tentatives d'intrusion "
     "répétées depuis l'adresse %s. Merci de faire le nécessaire « dès "
     "que possible ».\n\nCordialement,\nL'équipe sécurité\n"},
    {"ISO-2022-JP", "7bit", "5LiN5q2j44Ki44Kv44K744K5",
     "ご担当者様\n\n%s から当社のサーバーへの不正アクセスが確認されました。"
     "ご確認のほど、よろしくお願いいたします。\n\nセキュリティ担当\n"},
};

static void foreign(struct buf *b, unsigned i, struct ip ip)
{
	const struct lang *l = &langs[rnd() % 4];
	struct buf enc = BUF_INIT;
	char text[2048], addr[32], subj[128], ctype[96];

	snprintf(addr, sizeof addr, "%u.%u.%u.%u", ip.a, ip.b, ip.c, ip.d);
	snprintf(text, sizeof text, l->text, addr);
	snprintf(subj, sizeof subj, "=?UTF-8?B?%s?=", l->subject_b64);
	snprintf(ctype, sizeof ctype, "text/plain; charset=%s", l->charset);
	headers(b, i, "Abuse <abuse@isp.example.net>", subj, ctype);
	/* headers() ended the block: the encoding goes in as a last field. */
	b->len -= 1;
	buf_printf(b, "Content-Transfer-Encoding: %s\n\n", l->cte);
	recode(l->charset, text, &enc);
	if (strcmp(l->cte, "base64") == 0)
		base64(b, (const unsigned char *)enc.data, enc.len);
	else if (strcmp(l->cte, "quoted-printable") == 0)
		qp(b, (const unsigned char *)enc.data, enc.len);
	else
		buf_append(b, enc.data, enc.len);
	buf_free(&enc);
}

static void (*const heavy_kinds[])(struct buf *, unsigned, struct ip) = {
    attached_log, zipped_csv, html_only, long_prose, foreign,
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
	bool heavy = false;

	if (argc == 5 && strcmp(argv[1], "--mix") == 0 &&
	    (strcmp(argv[2], "plain") == 0 || strcmp(argv[2], "heavy") == 0)) {
		heavy = strcmp(argv[2], "heavy") == 0;
		argv += 2;
		argc -= 2;
	}
	if (argc != 3) {
		fprintf(stderr,
			"usage: syncgen [--mix plain|heavy] MAILDIR N\n");
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
		if (heavy && rnd() % 2)
			heavy_kinds[rnd() % (sizeof heavy_kinds /
					     sizeof heavy_kinds[0])](&b, i, ip);
		else
			kinds[rnd() % (sizeof kinds / sizeof kinds[0])](&b, i,
									ip);
		if (write_one(argv[1], i, &b) < 0)
			return 1;
		bytes += b.len;
	}
	buf_free(&b);
	printf("messages=%u bytes=%llu\n", n, bytes);
	return 0;
}
