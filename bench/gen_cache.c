/* gen_cache.c: writes a cache of N generated abuse reports, for the triage
 * screen's benchmarks, and writes a cache's raw mail out as a Maildir (for
 * the neomutt baseline). The mix follows a real desk: a few noise reporters
 * with most of the volume, many IPs, human reports.
 *   gen_cache DB N          generate N reports into a new cache DB
 *   gen_cache -m DB DIR     write every raw message of DB to DIR/cur
 * The cache is written at the current schema, as a sync writes it: each
 * message with its report through store_message_add() in batches of one
 * transaction (raw mail packed, reports, IPs, full text, triage facts and
 * reporter counts), the dictionary trained after the first batch and what
 * came before it packed again, as a sync does; only the reporters (fixed
 * ids), the states and the statistics are written in SQL. The reports'
 * facts are those a cache of schema 2 got from the migrations (harm and
 * deadline 0, automated and human by the rule of schema 10), so that the
 * figures stay comparable with caches made that way. */
#include "analysis/report.h"
#include "core/buf.h"
#include "core/err.h"
#include "store/store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define SPAN_DAYS 180
#define BATCH 50000
/* The first transaction is this small: the dictionary is trained on its
 * mail (the store wants 1,000 messages), and the rest packed with it. */
#define FIRST_BATCH 1000
#define PROGRESS 1000000

enum reporter_kind {
	RK_COPYRIGHT,
	RK_REFERRER,
	RK_BLOCKLIST,
	RK_SCANNER,
	RK_FAIL2BAN,
	RK_HUMAN,
	RK_COUNT
};

/* Share of the volume (per mille) and how many domains share it. */
static const struct {
	int permille;
	int domains;
	const char *fmt; /* domain pattern, %d is the domain's number */
	const char *format;
} kinds[RK_COUNT] = {
    [RK_COPYRIGHT] = {480, 3, "notices%d.rightsguard.example", "acns"},
    [RK_REFERRER] = {170, 1, "referrer-watch%d.example", "plain"},
    [RK_BLOCKLIST] = {110, 2, "reports%d.blocklist.example", "arf"},
    [RK_SCANNER] = {50, 1, "scan-report%d.example", "shadowserver"},
    [RK_FAIL2BAN] = {60, 200, "host%d.fail2ban.example", "fail2ban"},
    [RK_HUMAN] = {130, 300, "mail%d.customer.example", "plain"},
};

static const char *const human_cats[][3] = {
    {"messaging", "spam", "Your customer sent us unsolicited bulk mail."},
    {"content", "phishing", "A phishing page is hosted on your network."},
    {"connection", "login_attack", "Repeated SSH login attempts."},
    {"connection", "port_scan", "Port scans against our hosts."},
    {"connection", "ddos", "Part of a flood against our web server."},
    {"vulnerability", "open_service", "An open memcached answers on UDP."},
};

static const char *const titles[] = {
    "Night Harbour",  "The Long Field", "Copper Sky",	 "Second Winter",
    "Paper Lanterns", "Blue Meridian",	"Quiet Engines", "The Salt Road"};

static const char *const filler[] = {
    "Please investigate and take the appropriate measures.",
    "This message was generated from our incident records.",
    "The evidence below is taken from our logs, times are UTC.",
    "We kindly ask you to forward this notice to your customer.",
    "Reply to this message if you need further information.",
    "Repeated incidents may lead to blocking of the whole range.",
};

struct gen {
	sqlite3 *db;	 /* beside the store: reporters, states, ANALYZE */
	struct store *s; /* everything else */
	int64_t box;	 /* the mailbox */
	uint64_t rng;
	int64_t now;
	long n_ips;
	struct buf raw, body;
};

static uint64_t rnd(struct gen *g)
{
	uint64_t x = g->rng;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	g->rng = x;
	return x;
}

static double unit(struct gen *g)
{
	return (double)(rnd(g) >> 11) / 9007199254740992.0;
}

static long pick(struct gen *g, long n)
{
	return (long)(rnd(g) % (uint64_t)n);
}

/* Skewed towards low numbers: a few IPs get most of the reports. */
static long skewed(struct gen *g, long n)
{
	double u = unit(g);

	return (long)((double)n * u * u * u);
}

static int fail(sqlite3 *db, const char *what)
{
	fprintf(stderr, "gen_cache: %s: %s\n", what, sqlite3_errmsg(db));
	return -1;
}

static int exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK
		   ? 0
		   : fail(db, sql);
}

static void ip_text(long k, char *out, size_t n)
{
	/* 198.18.0.0/15, the benchmark range: 131,072 addresses. */
	snprintf(out, n, "198.%ld.%ld.%ld", 18 + (k >> 16) % 2, (k >> 8) & 255,
		 k & 255);
}

static int kind_of(struct gen *g)
{
	long r = pick(g, 1000);

	for (int k = 0; k < RK_COUNT; k++) {
		if (r < kinds[k].permille)
			return k;
		r -= kinds[k].permille;
	}
	return RK_HUMAN;
}

/* Reporter ids: kinds in order, each with its domains. */
static int64_t reporter_id(int kind, long d)
{
	int64_t id = 1;

	for (int k = 0; k < kind; k++)
		id += kinds[k].domains;
	return id + d;
}

static int reporters_insert(struct gen *g)
{
	sqlite3_stmt *st;
	char dom[128];

	if (sqlite3_prepare_v2(g->db,
			       "INSERT INTO reporter(id, domain) VALUES(?, ?)",
			       -1, &st, NULL) != SQLITE_OK)
		return fail(g->db, "prepare reporter");
	for (int k = 0; k < RK_COUNT; k++) {
		for (long d = 0; d < kinds[k].domains; d++) {
			snprintf(dom, sizeof dom, kinds[k].fmt, (int)d + 1);
			sqlite3_bind_int64(st, 1, reporter_id(k, d));
			sqlite3_bind_text(st, 2, dom, -1, SQLITE_TRANSIENT);
			if (sqlite3_step(st) != SQLITE_DONE)
				return fail(g->db, "insert reporter");
			sqlite3_reset(st);
		}
	}
	sqlite3_finalize(st);
	return 0;
}

/* The noise signals of a kind's reports, as the analysis finds them. */
static char sig_threat[] = "threat", sig_bulk[] = "bulk",
	    sig_unsub[] = "list-unsubscribe";
static char *signals_copyright[] = {sig_threat};
static char *signals_referrer[] = {sig_bulk, sig_unsub};

/* What one report says, before it is written as mail and as rows. */
struct fact {
	int kind;
	long domain;
	char reporter[128];
	const char *category, *type, *problem, *action;
	char **signals;
	size_t n_signals;
	char ip[2][48];
	int n_ips;
	bool in_scope;
	int64_t t;
	char subject[160];
};

static void fact_ips(struct gen *g, struct fact *f)
{
	long r = pick(g, 100);

	f->in_scope = true;
	f->n_ips = r < 2 ? 0 : r < 7 ? 2 : 1;
	if (r >= 2 && r < 5) {
		f->in_scope = false; /* addresses, none of them ours */
		snprintf(f->ip[0], sizeof f->ip[0], "203.0.113.%ld",
			 pick(g, 254) + 1);
		f->n_ips = 1;
		return;
	}
	for (int i = 0; i < f->n_ips; i++)
		ip_text(skewed(g, g->n_ips), f->ip[i], sizeof f->ip[i]);
	if (f->n_ips == 2 && strcmp(f->ip[0], f->ip[1]) == 0)
		f->n_ips = 1;
}

static void fact_kind(struct gen *g, struct fact *f)
{
	int h;

	switch (f->kind) {
	case RK_COPYRIGHT:
		f->category = "copyright", f->type = "p2p";
		f->problem = "A copyrighted work was shared over BitTorrent.";
		f->action = "Remove the infringing material.";
		f->signals = signals_copyright, f->n_signals = 1;
		snprintf(f->subject, sizeof f->subject,
			 "Notice of Claimed Infringement - Case %08lx",
			 (long)(rnd(g) & 0xffffffff));
		return;
	case RK_REFERRER:
		f->category = "content", f->type = "spam";
		f->problem = "Referrer spam hits on our web statistics.";
		f->action = NULL;
		f->signals = signals_referrer, f->n_signals = 2;
		snprintf(f->subject, sizeof f->subject,
			 "Abuse report: referrer spam from your network");
		return;
	case RK_BLOCKLIST:
		f->category = "messaging", f->type = "spam";
		f->problem = "Spam was received from this address.";
		f->action = "Stop the spam source.";
		snprintf(f->subject, sizeof f->subject,
			 "[SpamTrap] report about %s", f->ip[0]);
		return;
	case RK_SCANNER:
		f->category = "vulnerability", f->type = "open_service";
		f->problem = "An open memcached service answers on UDP 11211.";
		f->action = "Close the service to the Internet.";
		snprintf(f->subject, sizeof f->subject,
			 "Open memcached service report");
		return;
	case RK_FAIL2BAN:
		f->category = "connection", f->type = "login_attack";
		f->problem = "Repeated SSH login attempts.";
		f->action = "Check the host for a compromise.";
		snprintf(f->subject, sizeof f->subject,
			 "[Fail2Ban] sshd: banned %s", f->ip[0]);
		return;
	}
	h = (int)pick(g, sizeof human_cats / sizeof human_cats[0]);
	f->category = human_cats[h][0], f->type = human_cats[h][1];
	f->problem = human_cats[h][2];
	f->action = "Please make it stop.";
	snprintf(f->subject, sizeof f->subject, "%s from %s", human_cats[h][1],
		 f->n_ips ? f->ip[0] : "your network");
}

static void fact_make(struct gen *g, struct fact *f)
{
	double age = unit(g);

	memset(f, 0, sizeof *f);
	f->kind = kind_of(g);
	f->domain =
	    kinds[f->kind].domains > 1 ? skewed(g, kinds[f->kind].domains) : 0;
	snprintf(f->reporter, sizeof f->reporter, kinds[f->kind].fmt,
		 (int)f->domain + 1);
	fact_ips(g, f);
	/* More mail lately than months ago. */
	f->t = g->now - (int64_t)(age * age * SPAN_DAYS * 86400.0);
	fact_kind(g, f);
}

/* The decoded text: what the full-text index holds. */
static void body_make(struct gen *g, const struct fact *f)
{
	struct buf *b = &g->body;

	buf_reset(b);
	buf_printf(b, "Dear network operator,\n\n%s\n", f->problem);
	if (f->kind == RK_COPYRIGHT)
		buf_printf(b, "Title: %s\nInfohash: %016llx%016llx\n",
			   titles[pick(g, 8)], (unsigned long long)rnd(g),
			   (unsigned long long)rnd(g));
	for (int i = 0; i < f->n_ips; i++)
		buf_printf(b, "Source IP: %s\n", f->ip[i]);
	for (int i = 0; i < 10; i++) {
		time_t t = (time_t)(f->t - i * 37);
		struct tm tm;
		char when[32];
		gmtime_r(&t, &tm);
		strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
		buf_printf(b, "%s %s port %ld %s\n", when,
			   f->n_ips ? f->ip[0] : "-", 1024 + pick(g, 60000),
			   f->type);
	}
	buf_printf(b, "\n%s\n%s\n", filler[pick(g, 6)], filler[pick(g, 6)]);
	if (f->action)
		buf_printf(b, "%s\n", f->action);
	buf_printf(b, "\nRegards,\n%s abuse team\n", f->reporter);
}

static void raw_make(struct gen *g, const struct fact *f, long i)
{
	struct buf *b = &g->raw;
	time_t t = (time_t)f->t;
	struct tm tm;
	char date[64];

	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	buf_reset(b);
	buf_printf(b,
		   "Return-Path: <abuse@%s>\n"
		   "Received: from mx.%s (mx.%s [192.0.2.%ld])\n\tby "
		   "mx1.isp.example (Postfix) with ESMTPS id %08lX\n\tfor "
		   "<abuse@isp.example>; %s\n",
		   f->reporter, f->reporter, f->reporter, i % 250 + 1, i, date);
	buf_printf(b,
		   "From: Abuse Desk <abuse@%s>\nTo: abuse@isp.example\n"
		   "Subject: %s\nDate: %s\nMessage-ID: <%ld.%08lx@%s>\n"
		   "MIME-Version: 1.0\nContent-Type: text/plain; "
		   "charset=utf-8\n",
		   f->reporter, f->subject, date, i,
		   (long)(rnd(g) & 0xffffffff), f->reporter);
	if (f->kind != RK_HUMAN)
		buf_puts(b, "Auto-Submitted: auto-generated\n");
	/* What its signals say: a notifier that offers unsubscribing. */
	if (f->kind == RK_REFERRER)
		buf_printf(b,
			   "List-Unsubscribe: <mailto:unsubscribe@%s"
			   "?subject=unsubscribe>\n",
			   f->reporter);
	buf_printf(b, "\n%s", buf_cstr(&g->body));
}

static int store_failed(const struct err *e)
{
	fprintf(stderr, "gen_cache: %s\n", e->msg);
	return -1;
}

/* One message's rows as the store takes them, and the text they point to. */
struct row {
	struct store_message_in m;
	struct report r;
	struct report_ip ips[2];
	char hash[STORE_HASH_HEX], msgid[40], from[160], target[200];
};

/* The report as the analysis reads the mail raw_make wrote; automated
 * and human as schema 10 worked them out for the reports before it (no
 * request, a copyright notice, auto-submitted or a bulk signal; plain
 * prose or a forward). */
static void report_make(struct gen *g, const struct fact *f, long i,
			struct row *w)
{
	struct report *r = &w->r;

	memset(w, 0, sizeof *w);
	snprintf(w->hash, sizeof w->hash, "%016lx", i);
	snprintf(w->msgid, sizeof w->msgid, "%016lx@gen", i);
	snprintf(w->from, sizeof w->from, "abuse@%s", f->reporter);
	w->m = (struct store_message_in){.mailbox_id = g->box,
					 .uid = (uint32_t)i,
					 .internal_date = f->t + 60,
					 .raw = g->raw.data,
					 .len = g->raw.len,
					 .hash = w->hash};
	r->message_id = w->msgid;
	r->from_addr = w->from;
	r->subject = (char *)f->subject;
	r->date = f->t;
	r->auto_submitted = f->kind != RK_HUMAN;
	r->format = report_format_from_name(kinds[f->kind].format);
	r->reporter = (char *)f->reporter;
	r->category = (char *)f->category;
	r->type = (char *)f->type;
	r->problem = (char *)f->problem;
	r->action = (char *)f->action;
	for (int k = 0; k < f->n_ips; k++) {
		snprintf(w->ips[k].text, sizeof w->ips[k].text, "%s", f->ip[k]);
		w->ips[k].in_scope = f->in_scope;
		w->ips[k].role = REPORT_IP_OFFENDER;
	}
	r->ips = w->ips;
	r->n_ips = (size_t)f->n_ips;
	r->noise_signals = f->signals;
	r->n_noise_signals = f->n_signals;
	if (f->kind == RK_REFERRER) {
		snprintf(w->target, sizeof w->target,
			 "mailto:unsubscribe@%s?subject=unsubscribe",
			 f->reporter);
		r->unsub_method = REPORT_UNSUB_MAILTO;
		r->unsub_target = w->target;
	}
	r->automated = !f->action || strcmp(f->category, "copyright") == 0 ||
		       r->auto_submitted || f->n_signals > 0;
	r->human = r->format == REPORT_FORMAT_PLAIN ||
		   r->format == REPORT_FORMAT_FORWARDED;
	r->text = (char *)buf_cstr(&g->body);
}

static int message_write(struct gen *g, const struct fact *f, long i)
{
	struct row w;
	struct err e = {{0}};
	int64_t id;
	bool added;

	report_make(g, f, i, &w);
	if (store_message_add(g->s, &w.m, &w.r, &id, &added, &e) < 0)
		return store_failed(&e);
	if (!added || id != i) {
		fprintf(stderr, "gen_cache: message %ld stored as %lld\n", i,
			(long long)id);
		return -1;
	}
	return 0;
}

/* Some IPs were handled already, and a few single reports. Each decision
 * takes its time as its place in the order (seq), and the clock goes on
 * from the latest, as schema 10 did for the decisions before it. */
static int states_write(struct gen *g)
{
	char sql[1024];

	snprintf(sql, sizeof sql,
		 "BEGIN;"
		 "INSERT OR IGNORE INTO ip_state(ip, state, updated_at, seq)"
		 " SELECT DISTINCT ip, CASE WHEN abs(random()) %% 5 = 0"
		 " THEN 'ignored' ELSE 'resolved' END, %lld, %lld"
		 " FROM report_ip WHERE in_scope AND abs(random()) %% 12 = 0;"
		 "INSERT OR IGNORE INTO report_state(message_id, state,"
		 " updated_at, seq) SELECT message_id, 'resolved', %lld, %lld"
		 " FROM report WHERE abs(random()) %% 200 = 0;"
		 "UPDATE decision_clock SET n = max(n,"
		 " coalesce((SELECT max(seq) FROM ip_state), 0),"
		 " coalesce((SELECT max(seq) FROM report_state), 0));"
		 "COMMIT;",
		 (long long)g->now - 86400, (long long)g->now - 86400,
		 (long long)g->now - 3600, (long long)g->now - 3600);
	return exec(g->db, sql);
}

/* Whether the transaction ends with report i. */
static int batch_end(long i, long n)
{
	return i % BATCH == 0 || i == n || i == FIRST_BATCH;
}

static int generate(struct gen *g, long n)
{
	struct err e = {{0}};
	struct fact f;

	for (long i = 1; i <= n; i++) {
		if ((i == 1 || batch_end(i - 1, n)) &&
		    store_begin(g->s, &e) < 0)
			return store_failed(&e);
		fact_make(g, &f);
		body_make(g, &f);
		raw_make(g, &f, i);
		if (message_write(g, &f, i) < 0) {
			store_rollback(g->s);
			return -1;
		}
		if (!batch_end(i, n))
			continue;
		/* As a sync does after each batch: a dictionary as soon as
		 * there is mail enough to train it on. */
		if (store_commit(g->s, &e) < 0 || store_raw_train(g->s, &e) < 0)
			return store_failed(&e);
		if (i % PROGRESS == 0)
			fprintf(stderr, "gen_cache: %ld of %ld reports\n", i,
				n);
	}
	/* And as at the end of a sync: what came before the dictionary is
	 * packed again with it. */
	if (store_raw_maintain(g->s, 0, NULL, NULL, &e) < 0)
		return store_failed(&e);
	return 0;
}

static int create(const char *path, long n)
{
	struct err e = {{0}};
	struct gen g = {.rng = 0x9e3779b97f4a7c15ULL,
			.now = time(NULL),
			.raw = BUF_INIT,
			.body = BUF_INIT};
	int rc = -1;

	g.n_ips = n / 8 > 120000 ? 120000 : n / 8 + 1;
	if (!(g.s = store_open(path, &e)))
		return store_failed(&e);
	/* Room for the indexes that every batch writes to at random. */
	store_cache_kb(g.s, 262144);
	if (sqlite3_open(path, &g.db) != SQLITE_OK) {
		fail(g.db, path);
		goto out;
	}
	sqlite3_busy_timeout(g.db, 60000);
	if (exec(g.db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-65536;"
		       " BEGIN") < 0 ||
	    reporters_insert(&g) < 0 || exec(g.db, "COMMIT") < 0)
		goto out;
	if (store_mailbox_get_or_create(g.s, "INBOX", &g.box, &e) < 0) {
		store_failed(&e);
		goto out;
	}
	if (generate(&g, n) < 0 || states_write(&g) < 0 ||
	    exec(g.db, "ANALYZE") < 0)
		goto out;
	rc = 0;
out:
	/* The store's connection closes last: it checkpoints, removes the
	 * WAL and seals the file, so that the next open needs no check. */
	sqlite3_close(g.db);
	store_close(g.s);
	buf_free(&g.raw);
	buf_free(&g.body);
	return rc;
}

static int write_file(const char *dir, long long id, const void *p, int n)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/cur/%lld.gen:2,", dir, id);
	f = fopen(path, "w");
	if (!f || fwrite(p, 1, (size_t)n, f) != (size_t)n || fclose(f) != 0) {
		fprintf(stderr, "gen_cache: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int one_file(void *ctx, int64_t id, const char *raw, size_t len,
		    const char *hash, bool stale)
{
	(void)hash;
	(void)stale;
	return write_file(ctx, (long long)id, raw, (int)len);
}

static int maildir(const char *db_path, const char *dir)
{
	static const char *const sub[] = {"", "/cur", "/new", "/tmp"};
	char path[4096];
	struct err e = {{0}};
	struct store *s;
	int rc;

	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof path, "%s%s", dir, sub[i]);
		if (mkdir(path, 0700) < 0 && errno != EEXIST)
			return fprintf(stderr, "gen_cache: %s: %s\n", path,
				       strerror(errno)),
			       -1;
	}
	/* Through the store: it keeps the messages packed. */
	if (!(s = store_open_readonly(db_path, &e))) {
		fprintf(stderr, "gen_cache: %s\n", e.msg);
		return -1;
	}
	rc = store_each_raw(s, 0, one_file, (void *)dir, &e);
	if (rc < 0)
		fprintf(stderr, "gen_cache: %s\n", e.msg);
	store_close(s);
	return rc ? -1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "-m") == 0)
		return maildir(argv[2], argv[3]) < 0;
	if (argc != 3 || atol(argv[2]) <= 0) {
		fprintf(stderr,
			"usage: gen_cache DB N | gen_cache -m DB DIR\n");
		return 2;
	}
	return create(argv[1], atol(argv[2])) < 0;
}
