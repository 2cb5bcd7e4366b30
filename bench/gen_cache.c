/* gen_cache.c: writes a cache of N generated abuse reports straight into
 * SQLite, for the triage screen's benchmarks, and writes a cache's raw mail
 * out as a Maildir (for the neomutt baseline). The mix follows a real desk:
 * a few noise reporters with most of the volume, many IPs, human reports.
 *   gen_cache DB N          generate N reports into a new cache DB
 *   gen_cache -m DB DIR     write every raw message of DB to DIR/cur */
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
	sqlite3 *db;
	sqlite3_stmt *msg, *rep, *rip, *fts;
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

/* What one report says, before it is written as mail and as rows. */
struct fact {
	int kind;
	long domain;
	char reporter[128];
	const char *category, *type, *problem, *action, *signals;
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
		f->signals = "[\"threat\"]";
		snprintf(f->subject, sizeof f->subject,
			 "Notice of Claimed Infringement - Case %08lx",
			 (long)(rnd(g) & 0xffffffff));
		return;
	case RK_REFERRER:
		f->category = "content", f->type = "spam";
		f->problem = "Referrer spam hits on our web statistics.";
		f->action = NULL;
		f->signals = "[\"bulk\",\"list-unsubscribe\"]";
		snprintf(f->subject, sizeof f->subject,
			 "Abuse report: referrer spam from your network");
		return;
	case RK_BLOCKLIST:
		f->category = "messaging", f->type = "spam";
		f->problem = "Spam was received from this address.";
		f->action = "Stop the spam source.";
		f->signals = "[]";
		snprintf(f->subject, sizeof f->subject,
			 "[SpamTrap] report about %s", f->ip[0]);
		return;
	case RK_SCANNER:
		f->category = "vulnerability", f->type = "open_service";
		f->problem = "An open memcached service answers on UDP 11211.";
		f->action = "Close the service to the Internet.";
		f->signals = "[]";
		snprintf(f->subject, sizeof f->subject,
			 "Open memcached service report");
		return;
	case RK_FAIL2BAN:
		f->category = "connection", f->type = "login_attack";
		f->problem = "Repeated SSH login attempts.";
		f->action = "Check the host for a compromise.";
		f->signals = "[]";
		snprintf(f->subject, sizeof f->subject,
			 "[Fail2Ban] sshd: banned %s", f->ip[0]);
		return;
	}
	h = (int)pick(g, sizeof human_cats / sizeof human_cats[0]);
	f->category = human_cats[h][0], f->type = human_cats[h][1];
	f->problem = human_cats[h][2];
	f->action = "Please make it stop.";
	f->signals = "[]";
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

static int step(sqlite3 *db, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : fail(db, what);
}

static void bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static int message_write(struct gen *g, const struct fact *f, long i)
{
	sqlite3_stmt *st = g->msg;
	char hash[24], from[160];

	snprintf(hash, sizeof hash, "%016lx", i);
	snprintf(from, sizeof from, "abuse@%s", f->reporter);
	sqlite3_bind_int64(st, 1, i);
	sqlite3_bind_int64(st, 2, i);
	sqlite3_bind_int64(st, 3, f->t + 60);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)g->raw.len);
	sqlite3_bind_text(st, 5, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, f->subject, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, f->t);
	sqlite3_bind_text(st, 8, hash, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 9, g->raw.data, (int)g->raw.len, SQLITE_STATIC);
	return step(g->db, st, "insert message");
}

static int report_write(struct gen *g, const struct fact *f, long i)
{
	sqlite3_stmt *st = g->rep;
	char target[200];

	sqlite3_bind_int64(st, 1, i);
	sqlite3_bind_int64(st, 2, reporter_id(f->kind, f->domain));
	sqlite3_bind_text(st, 3, kinds[f->kind].format, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, f->category, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, f->type, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, f->problem, -1, SQLITE_STATIC);
	bind_opt(st, 7, f->action);
	sqlite3_bind_text(st, 8, f->signals, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 9, f->kind != RK_HUMAN);
	sqlite3_bind_int(st, 10, ANALYZER_VERSION);
	/* As the analysis reads the List-Unsubscribe that raw_make wrote. */
	if (f->kind == RK_REFERRER) {
		snprintf(target, sizeof target,
			 "mailto:unsubscribe@%s?subject=unsubscribe",
			 f->reporter);
		sqlite3_bind_text(st, 11, "mailto", -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 12, target, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_text(st, 11, "none", -1, SQLITE_STATIC);
		sqlite3_bind_null(st, 12);
	}
	if (step(g->db, st, "insert report") < 0)
		return -1;
	for (int k = 0; k < f->n_ips; k++) {
		sqlite3_bind_int64(g->rip, 1, i);
		sqlite3_bind_text(g->rip, 2, f->ip[k], -1, SQLITE_STATIC);
		sqlite3_bind_int(g->rip, 3, f->in_scope);
		sqlite3_bind_int(g->rip, 4, k);
		if (step(g->db, g->rip, "insert report_ip") < 0)
			return -1;
	}
	sqlite3_bind_int64(g->fts, 1, i);
	sqlite3_bind_text(g->fts, 2, f->subject, -1, SQLITE_STATIC);
	sqlite3_bind_text(g->fts, 3, buf_cstr(&g->body), (int)g->body.len,
			  SQLITE_STATIC);
	return step(g->db, g->fts, "insert message_fts");
}

static int prepare(struct gen *g)
{
	static const char *const sql[4] = {
	    "INSERT INTO message(id, mailbox_id, uid, internal_date, size,"
	    " from_addr, subject, date, content_hash, raw, message_id)"
	    " VALUES(?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8 || '@gen')",
	    "INSERT INTO report(message_id, reporter_id, format, category,"
	    " type, problem, action, noise_signals, auto_submitted,"
	    " analyzer_version, unsub_method, unsub_target)"
	    " VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    "INSERT OR IGNORE INTO report_ip(message_id, ip, in_scope, rank)"
	    " VALUES(?, ?, ?, ?)",
	    "INSERT INTO message_fts(rowid, subject, body) VALUES(?, ?, ?)"};
	sqlite3_stmt **out[4] = {&g->msg, &g->rep, &g->rip, &g->fts};

	for (int i = 0; i < 4; i++)
		if (sqlite3_prepare_v2(g->db, sql[i], -1, out[i], NULL) !=
		    SQLITE_OK)
			return fail(g->db, "prepare");
	return 0;
}

/* Some IPs were handled already, and a few single reports. */
static int states_write(struct gen *g, long n)
{
	char sql[512];

	snprintf(sql, sizeof sql,
		 "INSERT OR IGNORE INTO ip_state(ip, state, updated_at)"
		 " SELECT DISTINCT ip, CASE WHEN abs(random()) %% 5 = 0"
		 " THEN 'ignored' ELSE 'resolved' END, %lld"
		 " FROM report_ip WHERE in_scope AND abs(random()) %% 12 = 0;"
		 "INSERT OR IGNORE INTO report_state(message_id, state,"
		 " updated_at) SELECT id, 'resolved', %lld FROM message"
		 " WHERE abs(random()) %% 200 = 0 AND id <= %ld;",
		 (long long)g->now - 86400, (long long)g->now - 3600, n);
	return exec(g->db, sql);
}

static int generate(struct gen *g, long n)
{
	struct fact f;

	if (reporters_insert(g) < 0 || prepare(g) < 0)
		return -1;
	for (long i = 1; i <= n; i++) {
		if (i % BATCH == 1 && exec(g->db, "BEGIN") < 0)
			return -1;
		fact_make(g, &f);
		body_make(g, &f);
		raw_make(g, &f, i);
		if (message_write(g, &f, i) < 0 || report_write(g, &f, i) < 0)
			return -1;
		if ((i % BATCH == 0 || i == n) && exec(g->db, "COMMIT") < 0)
			return -1;
	}
	return states_write(g, n);
}

static int create(const char *path, long n)
{
	struct err e = {{0}};
	/* Rows go in under schema 2, and the migrations after it derive
	 * what they keep in one pass at the end: faster than their
	 * triggers row by row, and what an upgraded cache goes through. */
	struct store *s = store_open_version(path, 2, &e);
	struct gen g = {.rng = 0x9e3779b97f4a7c15ULL,
			.now = time(NULL),
			.raw = BUF_INIT,
			.body = BUF_INIT};
	int rc;

	if (!s) {
		fprintf(stderr, "gen_cache: %s\n", e.msg);
		return -1;
	}
	store_close(s);
	g.n_ips = n / 8 > 120000 ? 120000 : n / 8 + 1;
	if (sqlite3_open(path, &g.db) != SQLITE_OK)
		return fail(g.db, path);
	rc = exec(g.db, "PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
			"INSERT INTO mailbox(id, name) VALUES(1, 'INBOX')");
	if (rc == 0)
		rc = generate(&g, n);
	sqlite3_finalize(g.msg);
	sqlite3_finalize(g.rep);
	sqlite3_finalize(g.rip);
	sqlite3_finalize(g.fts);
	sqlite3_close(g.db);
	/* The raw rows went in plain, as an older version kept them: the
	 * cache packs them as an upgraded one does. */
	if (rc == 0 &&
	    (!(s = store_open(path, &e)) ||
	     store_raw_maintain(s, STORE_RAW_COMPACT, NULL, NULL, &e) < 0)) {
		fprintf(stderr, "gen_cache: %s\n", e.msg);
		rc = -1;
	}
	store_close(s);
	if (rc == 0 && sqlite3_open(path, &g.db) == SQLITE_OK)
		rc = exec(g.db, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)");
	sqlite3_close(g.db);
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
