/* import.c: reads Maildir folders, mbox files and single message files and
 * stores each message with its analysis. Files are mapped, not read whole,
 * so an mbox of any size is walked in place; messages are committed in
 * batches. */
#include "mail/import.h"
#include "mail/guard.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct importer {
	struct store *s;
	const struct analysis_opts *opts;
	struct store_quarantine *quarantine; /* crashed before: not analysed */
	struct import_stats *st;
	int64_t mailbox;
	bool own_txn;	/* we began the open transaction */
	size_t batched; /* messages in it so far */
	/* What the open transaction holds: it counts in *st only once
	 * committed, so that a full disk does not report mail as imported. */
	size_t added, present;
};

/* A file mapped read-only; data is NULL for an empty file. */
struct mapped {
	const char *data;
	size_t len;
	time_t mtime;
};

void import_stats_free(struct import_stats *st)
{
	if (!st)
		return;
	for (size_t i = 0; i < st->n_errors; i++)
		free(st->errors[i]);
	free(st->errors);
	memset(st, 0, sizeof *st);
}

static void add_error(struct import_stats *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void add_error(struct import_stats *st, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	st->errors =
	    xreallocarray(st->errors, st->n_errors + 1, sizeof *st->errors);
	st->errors[st->n_errors++] = buf_steal(&b);
}

static int map_file(const char *path, struct mapped *m, struct err *e)
{
	struct stat sb;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer; it is then
	 * refused as not a regular file. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);

	memset(m, 0, sizeof *m);
	if (fd < 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return err_set(e, "%s: not a regular file", path);
	}
	m->len = (size_t)sb.st_size;
	m->mtime = sb.st_mtime;
	if (m->len) {
		void *p = mmap(NULL, m->len, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED) {
			close(fd);
			return err_set(e, "%s: %s", path, strerror(errno));
		}
		madvise(p, m->len, MADV_SEQUENTIAL);
		m->data = p;
	}
	close(fd);
	return 0;
}

static void unmap_file(struct mapped *m)
{
	if (m->data)
		munmap((void *)m->data, m->len);
}

/* ---- storing one message ---- */

/* Commits our transaction and counts what it held. */
static int commit(struct importer *im, struct err *e)
{
	if (store_commit(im->s, e) < 0)
		return -1;
	im->st->added += im->added;
	im->st->present += im->present;
	im->added = im->present = 0;
	im->batched = 0;
	return 0;
}

/* Inside a caller's transaction, the caller commits: counts go straight
 * to *st. */
static void count(struct importer *im, bool added)
{
	size_t *n = im->own_txn ? (added ? &im->added : &im->present)
				: (added ? &im->st->added : &im->st->present);

	(*n)++;
}

static int batch_step(struct importer *im, struct err *e)
{
	if (!im->own_txn)
		return 0;
	if (++im->batched < IMPORT_BATCH)
		return 0;
	if (commit(im, e) < 0)
		return -1;
	return store_begin(im->s, e);
}

/* what names the message in errors ("box.mbox: message 3"). Returns -1
 * only when the cache fails. */
static int import_one(struct importer *im, const char *what, const char *raw,
		      size_t len, int64_t internal_date, const char *flags,
		      struct err *e)
{
	struct store_message_in m = {.mailbox_id = im->mailbox,
				     .internal_date = internal_date,
				     .flags = flags,
				     .raw = raw,
				     .len = len};
	struct err why = {{0}};
	struct report *r;
	char hash[STORE_HASH_HEX];
	bool added;
	int rc;

	if (len == 0) {
		add_error(im->st, "%s: empty, not a mail message", what);
		return 0;
	}
	if (store_content_hash(raw, len, hash, e) < 0)
		return -1;
	rc = store_message_has_content(im->s, im->mailbox, hash, e);
	if (rc != 0) {
		if (rc > 0)
			count(im, false);
		return rc < 0 ? -1 : 0;
	}
	m.hash = hash;
	r = guard_analyze(raw, len, hash, im->quarantine, im->opts, &why);
	if (!r) {
		add_error(im->st, "%s: %s", what, why.msg);
		return 0;
	}
	rc = store_message_add(im->s, &m, r, NULL, &added, e);
	report_free(r);
	if (rc < 0)
		return -1;
	count(im, added);
	return batch_step(im, e);
}

/* ---- mbox ---- */

static bool starts_with(const char *p, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && memcmp(p, prefix, k) == 0;
}

static size_t line_len(const char *p, size_t n)
{
	const char *nl = memchr(p, '\n', n);

	return nl ? (size_t)(nl - p) + 1 : n;
}

static bool is_blank_line(const char *p, size_t n)
{
	return (n == 1 && p[0] == '\n') ||
	       (n == 2 && p[0] == '\r' && p[1] == '\n');
}

/* The date of a "From sender Sat Jan  3 01:05:34 1996" line; 0 if none. */
static int64_t from_line_date(const char *p, size_t n)
{
	char line[128];
	const char *sp;
	struct tm tm = {0};

	snprintf(line, sizeof line, "%.*s", (int)(n < 127 ? n : 127), p);
	sp = strchr(line + 5, ' ');
	if (!sp || !strptime(sp + strspn(sp, " "), "%a %b %e %H:%M:%S %Y", &tm))
		return 0;
	return (int64_t)timegm(&tm);
}

/* The message after the From_ line at p: up to the next From_ line that
 * follows a blank line (the blank line belongs to the mbox, not to the
 * message). Sets *body and *body_len; returns where the next one starts. */
static size_t mbox_message(const char *p, size_t n, size_t *body,
			   size_t *body_len)
{
	size_t q = line_len(p, n), last = 0;
	bool blank = false;

	*body = q;
	while (q < n && !(blank && starts_with(p + q, n - q, "From "))) {
		last = line_len(p + q, n - q);
		blank = is_blank_line(p + q, last);
		q += last;
	}
	*body_len = q - *body - (blank ? last : 0);
	return q;
}

/* mboxrd: ">From ", ">>From ", ... lose one '>'. */
static void mbox_unescape(const char *p, size_t n, struct buf *out)
{
	size_t q = 0, k, gt;

	buf_reset(out);
	buf_reserve(out, n);
	while (q < n) {
		k = line_len(p + q, n - q);
		gt = strspn(p + q, ">");
		if (gt > 0 && gt < k &&
		    starts_with(p + q + gt, k - gt, "From "))
			buf_append(out, p + q + 1, k - 1);
		else
			buf_append(out, p + q, k);
		q += k;
	}
}

static int import_mbox(struct importer *im, const char *path,
		       const struct mapped *m, struct err *e)
{
	struct buf msg = BUF_INIT, what = BUF_INIT;
	size_t pos = 0, body, body_len, count = 0;
	int rc = 0;

	while (rc == 0 && pos < m->len) {
		const char *p = m->data + pos;
		size_t next =
		    pos + mbox_message(p, m->len - pos, &body, &body_len);

		mbox_unescape(p + body, body_len, &msg);
		buf_reset(&what);
		buf_printf(&what, "%s: message %zu", path, ++count);
		rc = import_one(im, buf_cstr(&what), buf_cstr(&msg), msg.len,
				from_line_date(p, body), NULL, e);
		pos = next;
	}
	buf_free(&msg);
	buf_free(&what);
	return rc;
}

/* ---- Maildir ---- */

/* IMAP flags from the ":2,FRS" info of a Maildir file name. */
static void maildir_flags(const char *name, struct buf *out)
{
	static const struct {
		char letter;
		const char *flag;
	} map[] = {{'D', "\\Draft"},
		   {'F', "\\Flagged"},
		   {'R', "\\Answered"},
		   {'S', "\\Seen"},
		   {'T', "\\Deleted"}};
	const char *info = strstr(name, ":2,");

	buf_reset(out);
	for (size_t i = 0; info && i < sizeof map / sizeof map[0]; i++) {
		if (!strchr(info + 3, map[i].letter))
			continue;
		if (out->len)
			buf_putc(out, ' ');
		buf_puts(out, map[i].flag);
	}
}

static int import_maildir_file(struct importer *im, const char *file,
			       const char *name, struct err *e)
{
	struct mapped m;
	struct err why = {{0}};
	struct buf flags = BUF_INIT;
	int rc;

	if (map_file(file, &m, &why) < 0) {
		add_error(im->st, "%s", why.msg);
		return 0;
	}
	maildir_flags(name, &flags);
	rc = import_one(im, file, m.data, m.len, m.mtime, buf_cstr(&flags), e);
	buf_free(&flags);
	unmap_file(&m);
	return rc;
}

static int skip_dots(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

static int import_maildir_sub(struct importer *im, const char *dir,
			      const char *sub, struct err *e)
{
	char *path = xasprintf("%s/%s", dir, sub);
	struct dirent **names = NULL;
	int n = scandir(path, &names, skip_dots, alphasort), rc = 0;

	for (int i = 0; i < n; i++) {
		char *file = xasprintf("%s/%s", path, names[i]->d_name);
		if (rc == 0)
			rc = import_maildir_file(im, file, names[i]->d_name, e);
		free(file);
		free(names[i]);
	}
	if (n < 0 && errno != ENOENT)
		add_error(im->st, "%s: %s", path, strerror(errno));
	free(names);
	free(path);
	return rc;
}

static bool has_subdir(const char *dir, const char *sub)
{
	char *p = xasprintf("%s/%s", dir, sub);
	struct stat sb;
	bool yes = stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);

	free(p);
	return yes;
}

static int import_maildir(struct importer *im, const char *dir, struct err *e)
{
	if (!has_subdir(dir, "cur") && !has_subdir(dir, "new"))
		return err_set(e,
			       "%s: a folder that is not a Maildir (no cur/ "
			       "or new/ inside)",
			       dir);
	if (import_maildir_sub(im, dir, "cur", e) < 0)
		return -1;
	return import_maildir_sub(im, dir, "new", e);
}

/* ---- one file, one path ---- */

static int import_file(struct importer *im, const char *path, struct err *e)
{
	struct mapped m;
	int rc;

	if (map_file(path, &m, e) < 0)
		return -1;
	if (starts_with(m.data ? m.data : "", m.len, "From "))
		rc = import_mbox(im, path, &m, e);
	else
		rc = import_one(im, path, m.data, m.len, m.mtime, NULL, e);
	unmap_file(&m);
	return rc;
}

static int import_dispatch(struct importer *im, const char *path, struct err *e)
{
	struct stat sb;

	if (stat(path, &sb) < 0)
		return err_set(e, "%s: %s", path, strerror(errno));
	if (S_ISDIR(sb.st_mode))
		return import_maildir(im, path, e);
	return import_file(im, path, e);
}

int import_path(struct store *s, const char *path,
		const struct analysis_opts *opts, struct import_stats *st,
		struct err *e)
{
	struct importer im = {.s = s, .opts = opts, .st = st};
	int rc;

	if (store_mailbox_get_or_create(s, STORE_LOCAL_MAILBOX, &im.mailbox,
					e) < 0)
		return -1;
	if (!store_in_transaction(s) && store_quarantine_absorb(s, e) < 0)
		return -1;
	if (store_quarantine_load(s, &im.quarantine, e) < 0)
		return -1;
	im.own_txn = !store_in_transaction(s);
	rc = im.own_txn ? store_begin(s, e) : 0;
	if (rc == 0)
		rc = import_dispatch(&im, path, e);
	if (im.own_txn) {
		if (rc == 0)
			rc = commit(&im, e);
		if (rc < 0)
			store_rollback(s);
	}
	store_quarantine_free(im.quarantine);
	return rc;
}
