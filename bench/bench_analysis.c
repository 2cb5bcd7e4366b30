/* bench_analysis.c: analysis throughput on a generated mix of reports (MB/s
 * of raw mail, one core), against memchr and memcpy over the same bytes in
 * the same run, and the times of the pathological inputs: a 10 MB single
 * line, 10,000 addresses in one mail, 5,000 MIME parts, multiparts nested
 * 1,000 and 20,000 deep, messages nested 30,000 deep, an HTML tag with
 * 200,000 attributes; and the peak memory of analysing one 30 MB mail
 * (plain text, HTML, a base64 attachment) as a multiple of its size.
 * Exits 1 when a pathological input takes a second or more, or a 30 MB
 * mail takes 4 times its size. */
#include "analysis/analyze.h"
#include "core/buf.h"
#include "core/config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MIX_BYTES ((size_t)32 << 20)
#define PATHOLOGICAL_LIMIT 1.0
#define BIG_MAIL_BYTES ((size_t)30 << 20)
#define MEMORY_LIMIT 4.0

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Real reports carry a few kilobytes of transport headers (the corpus
 * averages 8 KB a mail); the mix does too, so that MB/s means what it
 * means on a real mailbox. */
static void add_transport(struct buf *b, unsigned i)
{
	for (unsigned k = 0; k < 12; k++)
		buf_printf(
		    b,
		    "Received: from relay%u.example.net (relay%u.example.net "
		    "[198.51.100.%u])\n\tby mx%u.isp.example (Postfix) with "
		    "ESMTPS id %08X%04X\n\tfor <abuse@isp.example>; Mon, 6 May "
		    "2024 10:%02u:00 +0000\n",
		    k, k, (i + k) % 250, k, i, k, k);
	buf_puts(b, "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; "
		    "d=example.org; s=s1;\n h=From:To:Subject:Date;\n "
		    "bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\n b=");
	for (unsigned k = 0; k < 6; k++)
		buf_puts(b, "dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZSBqdXN0IGZpbG"
			    "xlcg==\n ");
	buf_puts(b, "\n");
}

static void add_footer(struct buf *b)
{
	for (unsigned k = 0; k < 6; k++)
		buf_puts(
		    b, "This message was sent automatically by our abuse "
		       "handling system. Replies are read by a person; please "
		       "keep the case number in the subject line.\n");
}

static void add_prose(struct buf *b, unsigned i)
{
	add_transport(b, i);
	buf_printf(
	    b,
	    "From: CERT <cert@cert%u.example.org>\nTo: abuse@isp.example\n"
	    "Subject: Brute force attack from 192.0.2.%u\n\n"
	    "Dear abuse team,\n\nWe observed SSH brute force attempts from "
	    "192.0.2.%u against our server 198.51.100.%u.\n"
	    "2024-05-06 10:00:%02u sshd: Failed password from 192.0.2.%u\n"
	    "Please investigate and stop the attacks.\n\nRegards\n",
	    i % 50, i % 250, i % 250, i % 200, i % 60, i % 250);
	for (unsigned k = 0; k < 20; k++)
		buf_printf(
		    b,
		    "2024-05-06 10:%02u:%02u sshd[%u]: Failed password for "
		    "root from 192.0.2.%u port %u ssh2\n",
		    k, k, 1000 + k, i % 250, 40000 + k);
	add_footer(b);
}

static void add_arf(struct buf *b, unsigned i)
{
	add_transport(b, i);
	buf_printf(
	    b,
	    "From: fbl@fbl.example.net\nSubject: Abuse report\n"
	    "MIME-Version: 1.0\nContent-Type: multipart/report; "
	    "boundary=\"b\"\n\n--b\nContent-Type: text/plain\n\n"
	    "This is an abuse report for a message from 203.0.113.%u.\n"
	    "--b\nContent-Type: message/feedback-report\n\n"
	    "Feedback-Type: abuse\nSource-IP: 203.0.113.%u\n\n"
	    "--b\nContent-Type: message/rfc822\n\n"
	    "Received: from x (x [203.0.113.%u])\nSubject: offer\n\n"
	    "Buy now. Lots of text to make this part longer than a line.\n",
	    i % 250, i % 250, i % 250);
	add_footer(b);
	buf_puts(b, "--b--\n");
}

static void add_html(struct buf *b, unsigned i)
{
	add_transport(b, i);
	buf_printf(
	    b,
	    "From: brand@watch.example.com\nSubject: Phishing report\n"
	    "MIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n"
	    "<html><body><p>We detected a phishing page at "
	    "<a href=\"http://198.51.100.%u/login\">this link</a>.</p>"
	    "<table><tr><td>time</td><td>2024-05-06 10:00</td></tr></table>"
	    "<p>Please remove it.</p><p>This message was sent "
	    "automatically by our brand protection service; replies are "
	    "read by a person.</p></body></html>\n",
	    i % 250);
}

/* The mix: one message after another, each analysed on its own. */
struct mix {
	struct buf bytes;
	size_t *starts;
	size_t n;
};

static void build_mix(struct mix *m)
{
	void (*makers[])(struct buf *, unsigned) = {add_prose, add_arf,
						    add_html};
	size_t cap = 0;

	memset(m, 0, sizeof *m);
	for (unsigned i = 0; m->bytes.len < MIX_BYTES; i++) {
		if (m->n == cap) {
			cap = cap ? cap * 2 : 1024;
			m->starts =
			    realloc(m->starts, (cap + 1) * sizeof *m->starts);
		}
		m->starts[m->n++] = m->bytes.len;
		makers[i % 3](&m->bytes, i);
	}
	m->starts[m->n] = m->bytes.len;
}

static double time_mix(const struct mix *m)
{
	double t0 = now();

	for (size_t i = 0; i < m->n; i++) {
		struct err e;
		struct report *r =
		    analysis_run(m->bytes.data + m->starts[i],
				 m->starts[i + 1] - m->starts[i], NULL, &e);
		report_free(r);
	}
	return now() - t0;
}

static double time_memchr(const struct buf *b, size_t *lines)
{
	double t0 = now();
	const char *p = b->data, *end = b->data + b->len;

	*lines = 0;
	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		++*lines;
		p++;
	}
	return now() - t0;
}

static double time_memcpy(const struct buf *b)
{
	char *dst = malloc(b->len);
	double t0 = now(), t;

	memcpy(dst, b->data, b->len);
	t = now() - t0;
	if (dst[b->len / 2] != b->data[b->len / 2])
		abort();
	free(dst);
	return t;
}

static double time_one(const struct buf *b, size_t *n_ips)
{
	struct err e;
	double t0 = now(), t;
	struct report *r = analysis_run(b->data, b->len, NULL, &e);

	t = now() - t0;
	*n_ips = r ? r->n_ips : 0;
	report_free(r);
	return t;
}

static void make_long_line(struct buf *b)
{
	buf_puts(
	    b, "From: a@example.org\nSubject: long\n\nattack from 192.0.2.1 ");
	while (b->len < ((size_t)10 << 20))
		buf_puts(b, "lorem ipsum dolor sit amet 12:00 x.y ");
	buf_putc(b, '\n');
}

static void make_many_ips(struct buf *b)
{
	buf_puts(b, "From: a@example.org\nSubject: list\n\n");
	for (unsigned i = 0; i < 10000; i++)
		buf_printf(b, "Source IP: 10.%u.%u.%u at 2024-05-06 10:00:00\n",
			   i >> 16, (i >> 8) & 255, i & 255);
}

static void make_many_parts(struct buf *b)
{
	buf_puts(b, "From: a@example.org\nSubject: parts\nMIME-Version: 1.0\n"
		    "Content-Type: multipart/mixed; boundary=\"p\"\n\n");
	for (unsigned i = 0; i < 5000; i++)
		buf_printf(
		    b,
		    "--p\nContent-Type: text/plain\n\nspam from 192.0.2.%u\n",
		    i % 250);
	buf_puts(b, "--p--\n");
}

static void make_nested_multiparts(struct buf *b, unsigned depth)
{
	buf_puts(b, "From: a@example.org\nSubject: nest\nMIME-Version: 1.0\n"
		    "Content-Type: multipart/mixed; boundary=\"b0\"\n\n"
		    "--b0\nContent-Type: text/plain\n\nscan from 192.0.2.1\n");
	for (unsigned i = 1; i < depth; i++)
		buf_printf(b,
			   "--b%u\nContent-Type: multipart/mixed; "
			   "boundary=\"b%u\"\n\n",
			   i - 1, i);
	buf_printf(b, "--b%u\nContent-Type: text/plain\n\ndeep\n", depth - 1);
	for (unsigned i = depth; i-- > 0;)
		buf_printf(b, "--b%u--\n", i);
}

static void make_nested_1000(struct buf *b)
{
	make_nested_multiparts(b, 1000);
}

static void make_nested_20000(struct buf *b)
{
	make_nested_multiparts(b, 20000);
}

static void make_nested_messages(struct buf *b)
{
	buf_puts(b, "From: a@example.org\nContent-Type: message/rfc822\n\n");
	for (unsigned i = 0; i < 30000; i++)
		buf_puts(b, "From: b@example.org\n"
			    "Content-Type: message/rfc822\n\n");
	buf_puts(b, "From: c@example.org\n\nspam from 192.0.2.2\n");
}

static void make_html_attributes(struct buf *b)
{
	buf_puts(b, "From: a@example.org\nSubject: html\n"
		    "Content-Type: text/html\n\n<p");
	for (unsigned i = 0; i < 200000; i++)
		buf_printf(b, " a%u", i);
	buf_puts(b, ">phishing on 192.0.2.3</p>\n");
}

/* ---- peak memory of one 30 MB mail ---- */

static void big_header(struct buf *b, const char *type)
{
	/* Room for it all at once: the mail's own buffer should count once. */
	buf_reserve(b, BIG_MAIL_BYTES + 4096);
	add_transport(b, 0);
	buf_printf(b,
		   "From: abuse@reporter.example\nSubject: spam from "
		   "192.0.2.7\nMIME-Version: 1.0\nContent-Type: %s\n\n",
		   type);
}

static void make_big_plain(struct buf *b)
{
	big_header(b, "text/plain; charset=utf-8");
	while (b->len < BIG_MAIL_BYTES)
		buf_puts(b, "Spam run from 192.0.2.7 at 10:00 UTC, see "
			    "http://www.example.com/x; please stop it.\n");
}

static void make_big_html(struct buf *b)
{
	big_header(b, "text/html; charset=utf-8");
	buf_puts(b, "<html><body><table>\n");
	for (unsigned i = 0; b->len < BIG_MAIL_BYTES; i++)
		buf_printf(b,
			   "<tr><td class=\"c\">192.0.2.%u</td><td><a "
			   "href=\"http://www.example.com/%u\">link</a></td>"
			   "<td><b>spam</b> <i>seen</i></td></tr>\n",
			   i % 250 + 1, i);
	buf_puts(b, "</table></body></html>\n");
}

static void make_big_attachment(struct buf *b)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned x = 1;

	big_header(b, "multipart/mixed; boundary=\"B\"");
	buf_puts(b, "--B\nContent-Type: text/plain\n\nSpam from 192.0.2.7, "
		    "see the attachment.\n--B\nContent-Type: "
		    "application/octet-stream; name=\"x.bin\"\n"
		    "Content-Transfer-Encoding: base64\n\n");
	while (b->len < BIG_MAIL_BYTES) {
		char line[77];
		for (int k = 0; k < 76; k++) {
			x = x * 1103515245 + 12345;
			line[k] = b64[(x >> 16) & 63];
		}
		line[76] = '\n';
		buf_append(b, line, sizeof line);
	}
	buf_puts(b, "--B--\n");
}

/* In a child of its own, so that its peak is its own: the peak resident
 * size while analysing the mail (the mail itself included, as when
 * `abusedesk analyze` reads it), as a multiple of the mail's size, with
 * the analysis limits of the default configuration. */
static int memory_case(const char *name, void (*make)(struct buf *),
		       size_t max_bytes)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct analysis_opts o = {.max_bytes = max_bytes};
		struct buf b = BUF_INIT;
		struct rusage ru;
		struct err e;
		double x;

		make(&b);
		report_free(analysis_run(b.data, b.len, &o, &e));
		getrusage(RUSAGE_SELF, &ru);
		x = (double)ru.ru_maxrss * 1024 / (double)b.len;
		printf("  %-28s %8.1f MB %8.2fx%s\n", name, b.len / 1e6, x,
		       x >= MEMORY_LIMIT ? "  TOO LARGE" : "");
		fflush(stdout);
		_exit(x >= MEMORY_LIMIT);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 1;
	return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}

static int report_memory(void)
{
	struct config *c = config_new();
	size_t max = (size_t)c->limits.analyze_bytes;
	int over = 0;

	config_free(c);
	printf("peak memory of one 30 MB mail, times its size (limit %.0fx):\n",
	       MEMORY_LIMIT);
	over |= memory_case("plain text", make_big_plain, max);
	over |= memory_case("HTML", make_big_html, max);
	over |= memory_case("base64 attachment", make_big_attachment, max);
	return over;
}

static int report_case(const char *name, void (*make)(struct buf *))
{
	struct buf b = BUF_INIT;
	size_t n_ips;
	double t;

	make(&b);
	t = time_one(&b, &n_ips);
	printf("  %-28s %8.1f MB %8.3f s  %zu ips%s\n", name, b.len / 1e6, t,
	       n_ips, t >= PATHOLOGICAL_LIMIT ? "  TOO SLOW" : "");
	buf_free(&b);
	return t >= PATHOLOGICAL_LIMIT;
}

int main(void)
{
	struct mix m;
	size_t lines;
	/* First, while this process is small: the children start as its
	 * copy. */
	int slow = report_memory();

	build_mix(&m);
	double ta = time_mix(&m), tc = time_memchr(&m.bytes, &lines);
	double tm = time_memcpy(&m.bytes);
	double mb = m.bytes.len / 1e6;

	printf("analysis mix: %zu messages, %.1f MB (%zu lines)\n", m.n, mb,
	       lines);
	printf("  analysis  %9.1f MB/s\n", mb / ta);
	printf("  memchr    %9.1f MB/s  (analysis at 1/%.0f of it)\n", mb / tc,
	       ta / tc);
	printf("  memcpy    %9.1f MB/s  (analysis at 1/%.0f of it)\n", mb / tm,
	       ta / tm);
	printf("pathological inputs (limit %.1f s each):\n",
	       PATHOLOGICAL_LIMIT);
	slow |= report_case("10 MB single line", make_long_line);
	slow |= report_case("10,000 addresses", make_many_ips);
	slow |= report_case("5,000 MIME parts", make_many_parts);
	slow |= report_case("1,000 nested multiparts", make_nested_1000);
	slow |= report_case("20,000 nested multiparts", make_nested_20000);
	slow |= report_case("30,000 nested messages", make_nested_messages);
	slow |=
	    report_case("200,000 attributes in a tag", make_html_attributes);
	buf_free(&m.bytes);
	free(m.starts);
	return slow ? 1 : 0;
}
