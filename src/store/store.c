/* store.c: opening and closing the cache — a private (0600) file, WAL, the
 * connection settings — plus transactions and the statement cache the
 * other files of src/store build on. */
#include "store_priv.h"
#include "core/buf.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { BUSY_TIMEOUT_MS = 5000 };

/* Page cache per connection (SQLite's default is 2 MB): a sync batch
 * touches the indexes of a few thousand reports at scattered places. */
#define STORE_CACHE_KB "8192"

/* A new cache's page size; a sync into an empty cache is some 10% faster
 * than with SQLite's 4096. */
#define STORE_PAGE_SIZE "16384"

sqlite3_stmt *store_stmt(struct store *s, enum store_stmt id, const char *sql,
			 struct err *e)
{
	sqlite3_stmt *st = s->stmt[id];

	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		return st;
	}
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
			       NULL) != SQLITE_OK) {
		store_fail(s, e, "cannot prepare a query");
		return NULL;
	}
	s->stmt[id] = st;
	return st;
}

int store_fail(struct store *s, struct err *e, const char *what)
{
	/* Damage met on the way: this connection no longer vouches for the
	 * file, and the next write open checks it whole. */
	if ((sqlite3_errcode(s->db) & 0xff) == SQLITE_CORRUPT) {
		s->sound = false;
		store_seal_break(s->path);
	}
	return err_set(e, "%s: %s: %s", s->path, what, sqlite3_errmsg(s->db));
}

int store_exec(struct store *s, sqlite3_stmt *st, struct err *e,
	       const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_fail(s, e, what);
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	return 0;
}

int store_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (!s)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

int store_collect(struct store *s, sqlite3_stmt *st, size_t size,
		  store_row_fn read, void **out, size_t *n, const char *what,
		  struct err *e)
{
	char *v = NULL;
	size_t cap = 0;
	int rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, size);
		}
		read(st, v + *n * size);
		(*n)++;
	}
	sqlite3_reset(st);
	*out = v;
	return rc == SQLITE_DONE ? 0 : store_fail(s, e, what);
}

static void read_id(sqlite3_stmt *st, void *row)
{
	*(int64_t *)row = sqlite3_column_int64(st, 0);
}

int store_collect_ids(struct store *s, sqlite3_stmt *st, int64_t **ids,
		      size_t *n, const char *what, struct err *e)
{
	void *v;

	if (store_collect(s, st, sizeof **ids, read_id, &v, n, what, e) < 0) {
		free(v);
		*ids = NULL;
		*n = 0;
		return -1;
	}
	*ids = v;
	return 0;
}

char *store_column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

static int run_fixed(struct store *s, enum store_stmt id, const char *sql,
		     struct err *e, const char *what)
{
	sqlite3_stmt *st = store_stmt(s, id, sql, e);

	return st ? store_exec(s, st, e, what) : -1;
}

int store_begin(struct store *s, struct err *e)
{
	return run_fixed(s, ST_BEGIN, "BEGIN IMMEDIATE", e,
			 "cannot start a transaction");
}

int store_read_begin(struct store *s, struct err *e)
{
	if (store_in_transaction(s))
		return 0;
	return run_fixed(s, ST_BEGIN_READ, "BEGIN", e,
			 "cannot read the cache") < 0
		   ? -1
		   : 1;
}

void store_read_end(struct store *s, int begun)
{
	if (begun > 0 && store_in_transaction(s))
		run_fixed(s, ST_COMMIT, "COMMIT", NULL, "end a read");
}

int store_commit(struct store *s, struct err *e)
{
	if (store_pending_flush(s, e) < 0)
		return -1;
	return run_fixed(s, ST_COMMIT, "COMMIT", e, "cannot save the changes");
}

/* Reporter ids made inside the transaction are undone with it, so the
 * cache goes too. */
void store_rollback(struct store *s)
{
	store_pending_drop(s);
	store_reporters_forget(s);
	if (store_in_transaction(s))
		run_fixed(s, ST_ROLLBACK, "ROLLBACK", NULL, "rollback");
}

bool store_in_transaction(struct store *s)
{
	return !sqlite3_get_autocommit(s->db);
}

int64_t store_data_version(struct store *s)
{
	sqlite3_stmt *st;
	int64_t v = -1;

	if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

int store_in_txn(struct store *s,
		 int (*fn)(struct store *, void *, struct err *), void *arg,
		 struct err *e)
{
	if (store_in_transaction(s))
		return fn(s, arg, e);
	if (store_begin(s, e) < 0)
		return -1;
	if (fn(s, arg, e) < 0 || store_commit(s, e) < 0) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

/* The folder of path ("." for a bare name), malloc'd. */
static char *folder_of(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');

	if (!slash) {
		free(dir);
		return xstrdup(".");
	}
	slash[slash == dir] = '\0';
	return dir;
}

static int cannot_create(const char *path, int errnum, struct err *e)
{
	char *dir;

	if (access(path, F_OK) == 0)
		return err_set(e,
			       "%s: cannot open for writing: %s (list, stats "
			       "and check only read, and work)",
			       path, strerror(errnum));
	dir = folder_of(path);
	err_set(e, "%s: cannot create the cache in the folder %s: %s", path,
		dir, strerror(errnum));
	free(dir);
	return -1;
}

/* An existing cache must be a regular file this program may write. It is
 * checked by name, never opened: closing a descriptor of the file drops
 * every lock the process holds on it (POSIX), those of its connections
 * already open too, and another program closing its connection would
 * then take itself for the last one and delete the -wal and -shm files
 * under them, leaving their later writes to a deleted file. */
static int check_existing(const char *path, const struct stat *sb,
			  struct err *e)
{
	if (!S_ISREG(sb->st_mode))
		return err_set(e, "%s: not a regular file", path);
	return access(path, R_OK | W_OK) < 0 ? cannot_create(path, errno, e)
					     : 0;
}

/* SQLite would create a missing file with the umask's mode; the cache holds
 * other people's mail, so it is created 0600 first. SQLite then gives its
 * -wal and -shm files the mode of the database file. */
static int create_private(const char *path, struct err *e)
{
	struct stat sb;
	int fd;

	if (stat(path, &sb) == 0)
		return check_existing(path, &sb, e);
	if (errno != ENOENT)
		return cannot_create(path, errno, e);
	/* Nobody has the new file open yet, so its close drops no lock. */
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST && stat(path, &sb) == 0)
		return check_existing(path, &sb, e);
	if (fd < 0)
		return cannot_create(path, errno, e);
	close(fd);
	return 0;
}

/* Why a first read failed, in words that point at the cause: a folder
 * SQLite cannot write its -wal and -shm files in, a damaged file, or a
 * file that is no database at all. */
static int open_failed(struct store *s, const char *msg, struct err *e)
{
	int code = sqlite3_errcode(s->db) & 0xff;
	char *dir = folder_of(s->path);

	if ((code == SQLITE_CANTOPEN || code == SQLITE_READONLY ||
	     code == SQLITE_PERM) &&
	    access(dir, W_OK) < 0)
		err_set(e,
			"%s: cannot write in the folder %s (%s): the cache "
			"needs its folder writable for its -wal and -shm files",
			s->path, dir, strerror(errno));
	else if (code == SQLITE_CORRUPT) {
		err_set(e, STORE_DAMAGED_FMT, s->path, msg);
		store_seal_break(s->path);
	} else
		err_set(e, "%s: not an abusedesk database (%s)", s->path, msg);
	free(dir);
	return -1;
}

static int pragma(struct store *s, const char *sql, struct err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	open_failed(s, msg ? msg : sqlite3_errmsg(s->db), e);
	sqlite3_free(msg);
	return -1;
}

void store_cache_kb(struct store *s, int kb)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", kb);
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
}

static int set_wal(struct store *s, struct err *e)
{
	sqlite3_stmt *st = NULL;
	const unsigned char *mode;
	bool ok = false;

	if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode=WAL", -1, &st,
			       NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		mode = sqlite3_column_text(st, 0);
		ok = mode && sqlite3_stricmp((const char *)mode, "wal") == 0;
	}
	if (!ok)
		store_fail(s, e, "cannot switch to WAL mode");
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

/* ---- checkpoints on a thread of their own ----
 * A checkpoint copies the WAL into the database file and waits for two
 * fsyncs. Run from the committing thread (SQLite's default), it stalls a
 * sync's writer; so once the WAL has grown, a thread with its own
 * connection does it while the writer goes on appending. */

enum {
	CKPT_PAGES = 1024,	  /* 16 MB of WAL wake the thread */
	CKPT_CATCH_UP = 2 * 1024, /* the writer copies the rest itself */
	CKPT_LIMIT = 3 * 1024,	  /* ... waiting for the thread if need be */
};

struct ckpt {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	sqlite3 *db; /* the thread's own connection */
	bool running, failed, due, busy, stop;
};

static void *ckpt_main(void *arg)
{
	struct ckpt *k = arg;
	static const int faults[] = {SIGABRT, SIGBUS, SIGFPE, SIGILL,
				     SIGSEGV, SIGSYS, SIGTRAP};
	sigset_t async;

	/* Signals sent to the process are for the threads that do its
	 * work (a screen's quit signal must wake its main loop); this one
	 * takes only the faults it causes itself. */
	sigfillset(&async);
	for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
		sigdelset(&async, faults[i]);
	pthread_sigmask(SIG_BLOCK, &async, NULL);
	pthread_mutex_lock(&k->mu);
	for (;;) {
		while (!k->due && !k->stop)
			pthread_cond_wait(&k->cv, &k->mu);
		if (k->stop)
			break;
		k->due = false;
		k->busy = true;
		pthread_mutex_unlock(&k->mu);
		/* PASSIVE never waits for the writer; what it cannot copy
		 * now is copied next time. */
		sqlite3_wal_checkpoint_v2(
		    k->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&k->mu);
		k->busy = false;
		pthread_cond_broadcast(&k->cv);
	}
	pthread_mutex_unlock(&k->mu);
	return NULL;
}

/* Opens the thread's connection and starts the thread. */
static void ckpt_start(struct ckpt *k, const char *path)
{
	if (path &&
	    sqlite3_open_v2(path, &k->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
			    NULL) == SQLITE_OK &&
	    sqlite3_exec(k->db, "PRAGMA synchronous=NORMAL", NULL, NULL,
			 NULL) == SQLITE_OK &&
	    pthread_create(&k->th, NULL, ckpt_main, k) == 0) {
		k->running = true;
		return;
	}
	sqlite3_close(k->db);
	k->db = NULL;
	k->failed = true;
}

/* SQLite's WAL hook: after each commit, with the WAL's length. The WAL
 * starts over only after a checkpoint that copied all of it ends between
 * two transactions, which the thread, racing the next commit, rarely
 * manages: so once it has caught up with a long WAL, the writer copies
 * the rest itself (the last commit or so), and past CKPT_LIMIT it waits
 * for the thread to catch up: the WAL stays bounded. Without the thread, the
 * writer checkpoints every time, as SQLite would. */
static int ckpt_hook(void *arg, sqlite3 *db, const char *name, int pages)
{
	struct ckpt *k = arg;
	bool inline_ckpt;

	if (pages < CKPT_PAGES)
		return SQLITE_OK;
	if (!k->running && !k->failed)
		ckpt_start(k, sqlite3_db_filename(db, name));
	pthread_mutex_lock(&k->mu);
	while (k->running && k->busy && pages >= CKPT_LIMIT)
		pthread_cond_wait(&k->cv, &k->mu);
	inline_ckpt = !k->running || (!k->busy && pages >= CKPT_CATCH_UP);
	if (k->running && !k->busy && !inline_ckpt) {
		k->due = true;
		pthread_cond_signal(&k->cv);
	}
	pthread_mutex_unlock(&k->mu);
	if (inline_ckpt)
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE,
					  NULL, NULL);
	return SQLITE_OK;
}

static void ckpt_install(sqlite3 *db)
{
	struct ckpt *k = xcalloc(1, sizeof *k);

	pthread_mutex_init(&k->mu, NULL);
	pthread_cond_init(&k->cv, NULL);
	sqlite3_wal_hook(db, ckpt_hook, k);
}

/* Before the connection closes, so that its close, the last one, still
 * checkpoints what is left and removes the WAL. */
static void ckpt_remove(sqlite3 *db)
{
	struct ckpt *k = sqlite3_wal_hook(db, NULL, NULL);

	if (k->running) {
		pthread_mutex_lock(&k->mu);
		k->stop = true;
		pthread_cond_signal(&k->cv);
		pthread_mutex_unlock(&k->mu);
		pthread_join(k->th, NULL);
		sqlite3_close(k->db);
	}
	pthread_cond_destroy(&k->cv);
	pthread_mutex_destroy(&k->mu);
	free(k);
}

static int configure(struct store *s, struct err *e)
{
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	/* The first read of the file: a non-database fails here. */
	if (pragma(s, "SELECT count(*) FROM sqlite_master", e) < 0)
		return -1;
	/* Only a new file takes it: bigger pages mean fewer WAL frames, and
	 * fewer writes, for the raw messages a sync stores. */
	if (pragma(s, "PRAGMA page_size=" STORE_PAGE_SIZE, e) < 0)
		return -1;
	if (set_wal(s, e) < 0)
		return -1;
	return pragma(s,
		      "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
		      " PRAGMA cache_size=-" STORE_CACHE_KB,
		      e);
}

static struct store *open_conn(const char *path, int flags, struct err *e)
{
	struct store *s = xcalloc(1, sizeof *s);
	int rc;

	s->path = xstrdup(path);
	s->readonly = flags & SQLITE_OPEN_READONLY;
	rc = sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (s->db && !s->readonly)
		ckpt_install(s->db);
	if (rc == SQLITE_OK && (store_state_register(s) != SQLITE_OK ||
				store_claim_register(s) != SQLITE_OK))
		rc = SQLITE_ERROR;
	if (rc != SQLITE_OK) {
		store_fail(s, e, "cannot open");
		store_close(s);
		return NULL;
	}
	return s;
}

/* Before anything is written: a damaged cache is refused whole, so that
 * a sync or an import does not spread the damage (see store.h). */
static int refuse_damaged(struct store *s, struct err *e)
{
	char *problems = NULL;
	int rc = store_check(s, false, &problems, e);

	if (rc > 0) {
		problems[strcspn(problems, "\n")] = '\0';
		err_set(e, STORE_DAMAGED_FMT, s->path, problems);
	}
	free(problems);
	s->sound = rc == 0;
	return rc == 0 ? 0 : -1;
}

struct store *store_open_mode(const char *path, enum store_mode mode,
			      int version, struct err *e)
{
	struct store *s;
	bool sealed;

	if (version < 1 || version > STORE_SCHEMA_VERSION) {
		err_set(e, "schema version %d is not one this program knows",
			version);
		return NULL;
	}
	if (create_private(path, e) < 0)
		return NULL;
	/* Looked at before this connection touches the file. */
	sealed = store_seal_holds(path);
	s = open_conn(path, SQLITE_OPEN_READWRITE, e);
	if (!s)
		return NULL;
	s->sound = sealed;
	if (configure(s, e) < 0 ||
	    (mode == STORE_CHECKED && !s->sound && refuse_damaged(s, e) < 0) ||
	    store_migrate(s, version, e) < 0) {
		s->sound = false;
		store_close(s);
		return NULL;
	}
	s->version = store_schema_version(s);
	return s;
}

struct store *store_open_version(const char *path, int version, struct err *e)
{
	return store_open_mode(path, STORE_CHECKED, version, e);
}

struct store *store_open(const char *path, struct err *e)
{
	return store_open_version(path, STORE_SCHEMA_VERSION, e);
}

/* "file:" and the path with the characters a URI gives a meaning to
 * escaped, and ?immutable=1: SQLite then reads the file as it is, with no
 * -shm file and no locks. */
static char *immutable_uri(const char *path)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "file:");
	if (path[0] == '/')
		path += strspn(path, "/") - 1; /* "//" would be a host */
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_putc(&b, *p);
	}
	buf_puts(&b, "?immutable=1");
	return buf_steal(&b);
}

static bool wal_exists(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	bool yes = access(wal, F_OK) == 0;

	free(wal);
	return yes;
}

/* A read-only open of a WAL database needs its -shm file, which SQLite
 * cannot create in a folder it may not write: with no -wal file there is
 * nothing uncommitted, and the file alone is the whole cache. */
static struct store *connect_readonly(const char *path, struct err *e)
{
	struct store *s = open_conn(path, SQLITE_OPEN_READONLY, e);
	char *uri;
	int code;

	if (!s)
		return NULL;
	if (sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master", NULL,
			 NULL, NULL) == SQLITE_OK)
		return s;
	code = sqlite3_errcode(s->db) & 0xff;
	if ((code != SQLITE_READONLY && code != SQLITE_CANTOPEN) ||
	    wal_exists(path))
		return s; /* configure() says why */
	store_close(s);
	uri = immutable_uri(path);
	s = open_conn(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, e);
	free(uri);
	if (s) {
		free(s->path);
		s->path = xstrdup(path);
	}
	return s;
}

struct store *store_open_readonly(const char *path, struct err *e)
{
	struct store *s;
	struct stat sb;

	if (stat(path, &sb) < 0) {
		err_set(e, "%s: %s", path, strerror(errno));
		return NULL;
	}
	s = connect_readonly(path, e);
	if (!s)
		return NULL;
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	if (pragma(s, "SELECT count(*) FROM sqlite_master", e) < 0 ||
	    pragma(s, "PRAGMA cache_size=-" STORE_CACHE_KB, e) < 0) {
		store_close(s);
		return NULL;
	}
	s->version = store_schema_version(s);
	if (s->version == 0) {
		err_set(e, "%s: not an abusedesk database", path);
		store_close(s);
		return NULL;
	}
	if (s->version != STORE_SCHEMA_VERSION) {
		err_set(e,
			"%s: the cache has schema version %d, this program "
			"reads %d: open it once for writing (abusedesk sync or "
			"import) to bring it up to date",
			path, s->version, STORE_SCHEMA_VERSION);
		store_close(s);
		return NULL;
	}
	return s;
}

int64_t store_pages_read(struct store *s)
{
	int now = 0, high = 0;

	sqlite3_db_status(s->db, SQLITE_DBSTATUS_CACHE_MISS, &now, &high, 0);
	return now;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	store_pending_free(s);
	store_reporters_forget(s);
	raw_codec_free(s->codec);
	for (size_t i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->stmt[i]);
	if (s->db && !s->readonly)
		ckpt_remove(s->db);
	/* The last connection's close checkpoints: the seal comes after. */
	if (sqlite3_close(s->db) == SQLITE_OK && s->sound && !s->readonly)
		store_seal_write(s->path);
	free(s->path);
	free(s);
}
