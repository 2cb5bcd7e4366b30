/* raw_codec.c: raw messages kept compressed. A message's bytes are one
 * zstd frame (codec 1), made with the cache's dictionary once one has
 * been trained on its own mail (abuse mail repeats its headers and
 * templates, so a dictionary pays on small messages); rows written before
 * schema 16 stay plain (codec 0) until store_raw_maintain() packs them.
 * The codec is a column, never guessed from the bytes: a hostile mail may
 * begin with zstd's magic number. */
#include "store_priv.h"
#include "core/xalloc.h"

#include <stdlib.h>
#include <string.h>
/* The trainer with fixed parameters is in zstd's static API, which
 * Debian's libzstd exports. */
#define ZDICT_STATIC_LINKING_ONLY
#include <zdict.h>
#include <zstd.h>

/* Level 3 is zstd's default: most of the gain at a fraction of a
 * millisecond per message (bench/sync.sh keeps the sync's ratio). */
enum { RAW_LEVEL = 3, RAW_DICTS_MAX = 4 };

struct raw_codec {
	ZSTD_CCtx *cctx;
	ZSTD_DCtx *dctx;
	ZSTD_CDict *cdict; /* the newest dictionary, for packing */
	bool cdict_looked;
	struct {
		unsigned id;
		ZSTD_DDict *ddict;
	} dicts[RAW_DICTS_MAX]; /* for unpacking, by the frame's dict id */
	size_t n_dicts;
};

static struct raw_codec *codec_of(struct store *s)
{
	if (!s->codec)
		s->codec = xcalloc(1, sizeof *s->codec);
	return s->codec;
}

void raw_codec_free(struct raw_codec *c)
{
	if (!c)
		return;
	ZSTD_freeCCtx(c->cctx);
	ZSTD_freeDCtx(c->dctx);
	ZSTD_freeCDict(c->cdict);
	for (size_t i = 0; i < c->n_dicts; i++)
		ZSTD_freeDDict(c->dicts[i].ddict);
	free(c);
}

/* Forgets the dictionaries read, after one was added. */
static void codec_reset_dicts(struct raw_codec *c)
{
	ZSTD_freeCDict(c->cdict);
	c->cdict = NULL;
	c->cdict_looked = false;
	for (size_t i = 0; i < c->n_dicts; i++)
		ZSTD_freeDDict(c->dicts[i].ddict);
	c->n_dicts = 0;
}

/* The dictionary with this id (0: the newest) into *blob, *n; 1 found,
 * 0 none, -1 error. */
static int dict_read(struct store *s, unsigned id, void **blob, size_t *n,
		     struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_RAW_DICT,
		       "SELECT dict FROM raw_dict WHERE ?1 = 0 OR id = ?1"
		       " ORDER BY created_at DESC, rowid DESC LIMIT 1",
		       e);
	int rc;

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*n = (size_t)sqlite3_column_bytes(st, 0);
		*blob = xmalloc(*n ? *n : 1);
		memcpy(*blob, sqlite3_column_blob(st, 0), *n);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, e, "cannot read the raw dictionary");
	return rc == SQLITE_ROW;
}

/* The newest dictionary, for packing, into *dict (NULL: none yet).
 * Returns 0, or -1 with e filled. */
static int pack_dict(struct store *s, ZSTD_CDict **dict, struct err *e)
{
	struct raw_codec *c = codec_of(s);
	void *blob = NULL;
	size_t n = 0;
	int rc;

	if (!c->cdict_looked) {
		rc = dict_read(s, 0, &blob, &n, e);
		if (rc > 0)
			c->cdict = ZSTD_createCDict(blob, n, RAW_LEVEL);
		free(blob);
		if (rc < 0)
			return -1;
		if (rc > 0 && !c->cdict)
			return err_set(e, "out of memory");
		c->cdict_looked = true;
	}
	*dict = c->cdict;
	return 0;
}

int raw_pack(struct store *s, const void *raw, size_t len, struct buf *out,
	     struct err *e)
{
	struct raw_codec *c = codec_of(s);
	ZSTD_CDict *dict = NULL;
	size_t bound = ZSTD_compressBound(len), n;

	if (pack_dict(s, &dict, e) < 0)
		return -1;
	if (!c->cctx && !(c->cctx = ZSTD_createCCtx()))
		return err_set(e, "out of memory");
	buf_reset(out);
	buf_reserve(out, bound);
	n = dict ? ZSTD_compress_usingCDict(c->cctx, out->data, bound, raw, len,
					    dict)
		 : ZSTD_compressCCtx(c->cctx, out->data, bound, raw, len,
				     RAW_LEVEL);
	if (ZSTD_isError(n))
		return err_set(e, "cannot compress a message: %s",
			       ZSTD_getErrorName(n));
	out->len = n;
	return dict ? RAW_ZSTD_DICT : RAW_ZSTD;
}

static ZSTD_DDict *unpack_dict(struct store *s, unsigned id, struct err *e)
{
	struct raw_codec *c = codec_of(s);
	void *blob = NULL;
	size_t n = 0;
	ZSTD_DDict *d = NULL;
	int rc;

	for (size_t i = 0; i < c->n_dicts; i++)
		if (c->dicts[i].id == id)
			return c->dicts[i].ddict;
	rc = dict_read(s, id, &blob, &n, e);
	if (rc <= 0) {
		free(blob);
		if (rc == 0)
			err_set(e,
				"the dictionary %u of a stored message is "
				"missing",
				id);
		return NULL;
	}
	d = ZSTD_createDDict(blob, n);
	free(blob);
	if (d && c->n_dicts == RAW_DICTS_MAX) {
		ZSTD_freeDDict(c->dicts[0].ddict);
		memmove(c->dicts, c->dicts + 1,
			(RAW_DICTS_MAX - 1) * sizeof c->dicts[0]);
		c->n_dicts--;
	}
	if (d) {
		c->dicts[c->n_dicts].id = id;
		c->dicts[c->n_dicts++].ddict = d;
	}
	return d;
}

static char *plain_copy(const void *blob, size_t n, size_t *len)
{
	char *raw = xmalloc(n + 1);

	if (n)
		memcpy(raw, blob, n);
	raw[n] = '\0';
	*len = n;
	return raw;
}

char *raw_unpack(struct store *s, const void *blob, size_t n, int codec,
		 size_t *len, struct err *e)
{
	struct raw_codec *c = codec_of(s);
	unsigned long long size;
	unsigned id;
	ZSTD_DDict *dict = NULL;
	char *raw;
	size_t got;

	if (codec == RAW_PLAIN)
		return plain_copy(blob, n, len);
	size = ZSTD_getFrameContentSize(blob, n);
	if ((codec != RAW_ZSTD && codec != RAW_ZSTD_DICT) ||
	    size == ZSTD_CONTENTSIZE_ERROR ||
	    size == ZSTD_CONTENTSIZE_UNKNOWN || size > SIZE_MAX - 1) {
		err_set(e, "a stored message cannot be read (codec %d)", codec);
		return NULL;
	}
	id = ZSTD_getDictID_fromFrame(blob, n);
	if (id && !(dict = unpack_dict(s, id, e)))
		return NULL;
	if (!c->dctx && !(c->dctx = ZSTD_createDCtx())) {
		err_set(e, "out of memory");
		return NULL;
	}
	raw = xmalloc((size_t)size + 1);
	got = dict ? ZSTD_decompress_usingDDict(c->dctx, raw, (size_t)size,
						blob, n, dict)
		   : ZSTD_decompressDCtx(c->dctx, raw, (size_t)size, blob, n);
	if (ZSTD_isError(got) || got != size) {
		free(raw);
		err_set(e, "a stored message cannot be read: %s",
			ZSTD_isError(got) ? ZSTD_getErrorName(got) : "short");
		return NULL;
	}
	raw[got] = '\0';
	*len = got;
	return raw;
}

/* ---- the dictionary ---- */

/* Samples for training: the start of the newest messages, where the
 * headers and templates that repeat are. A thousand of them, 2 KB each,
 * train a dictionary that packs abuse mail as well as four times as many
 * of 8 KB did (20,000 generated reports: a 22.6 MB cache against 24.2),
 * early in a first sync and without its memory showing in the sync's. */
enum {
	TRAIN_MESSAGES = 1000,
	TRAIN_SAMPLE_MAX = 2 * 1024,
	DICT_SIZE = 112 * 1024,
	TRAIN_K = 1024, /* segment size */
	TRAIN_D = 8,	/* d-mer size */
	TRAIN_F = 15,	/* log2 of the frequency table's entries */
};

struct samples {
	struct buf all;
	size_t *sizes;
	size_t n;
};

static int gather(struct store *s, struct samples *sm, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(
	    s->db,
	    "SELECT raw, raw_codec FROM message ORDER BY id DESC LIMIT ?", -1,
	    &st, NULL);

	if (rc != SQLITE_OK)
		return store_fail(s, e, "cannot read messages to train on");
	sqlite3_bind_int(st, 1, TRAIN_MESSAGES);
	sm->sizes = xcalloc(TRAIN_MESSAGES, sizeof *sm->sizes);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t len = 0;
		char *raw = raw_unpack(s, sqlite3_column_blob(st, 0),
				       (size_t)sqlite3_column_bytes(st, 0),
				       sqlite3_column_int(st, 1), &len, e);

		if (!raw) {
			sqlite3_finalize(st);
			return -1;
		}
		if (len > TRAIN_SAMPLE_MAX)
			len = TRAIN_SAMPLE_MAX;
		buf_append(&sm->all, raw, len);
		sm->sizes[sm->n++] = len;
		free(raw);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, e, "cannot read messages to train on");
	return 0;
}

static int dict_insert(struct store *s, const void *dict, size_t n, unsigned id,
		       struct err *e)
{
	sqlite3_stmt *st =
	    store_stmt(s, ST_RAW_DICT_ADD,
		       "INSERT OR IGNORE INTO raw_dict(id, dict, created_at)"
		       " VALUES(?, ?, CAST(strftime('%s', 'now') AS INTEGER))",
		       e);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_blob64(st, 2, dict, n, SQLITE_STATIC);
	if (store_exec(s, st, e, "cannot keep the raw dictionary") < 0)
		return -1;
	codec_reset_dicts(codec_of(s));
	return 0;
}

/* zstd's default trainer tries several segment sizes with a 4 MB table
 * each: in the middle of a first sync that memory comes on top of the
 * sync's own. One fixed choice and a 128 KB table do as well on abuse
 * mail, in a fraction of the time and memory. */
static ZDICT_fastCover_params_t train_params(void)
{
	ZDICT_fastCover_params_t p;

	memset(&p, 0, sizeof p);
	p.k = TRAIN_K;
	p.d = TRAIN_D;
	p.f = TRAIN_F;
	p.accel = 1;
	p.nbThreads = 1;
	p.splitPoint = 1.0;
	p.zParams.compressionLevel = RAW_LEVEL;
	return p;
}

/* Trains the cache's dictionary on its newest mail. Returns 1 trained,
 * 0 not, -1 error. A corpus zstd cannot learn from (too uniform, too
 * small) is not an error: packing goes on without. */
static int train(struct store *s, struct err *e)
{
	struct samples sm = {BUF_INIT, NULL, 0};
	void *dict = NULL;
	size_t n;
	int rc = 0;

	if (gather(s, &sm, e) < 0) {
		rc = -1;
		goto out;
	}
	dict = xmalloc(DICT_SIZE);
	n = ZDICT_trainFromBuffer_fastCover(dict, DICT_SIZE, sm.all.data,
					    sm.sizes, (unsigned)sm.n,
					    train_params());
	/* Mail zstd cannot learn from is kept as the empty dictionary 0, so
	 * that the training is not tried again on every open. */

	if (ZDICT_isError(n) || !ZDICT_getDictID(dict, n))
		rc = dict_insert(s, "", 0, 0, e) < 0 ? -1 : 0;
	else
		rc = dict_insert(s, dict, n, ZDICT_getDictID(dict, n), e) < 0
			 ? -1
			 : 1;
out:
	free(dict);
	free(sm.sizes);
	buf_free(&sm.all);
	return rc;
}

/* ---- packing what older versions stored plain ---- */

enum { PACK_BATCH = 256 };

static int count_where(struct store *s, const char *sql, int64_t *n,
		       struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	*n = 0;
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : store_fail(s, e, "cannot count messages");
}

static int pack_row(struct store *s, sqlite3_stmt *put, sqlite3_stmt *get,
		    struct buf *out, struct err *e)
{
	size_t len = 0;
	char *raw = raw_unpack(s, sqlite3_column_blob(get, 1),
			       (size_t)sqlite3_column_bytes(get, 1),
			       sqlite3_column_int(get, 2), &len, e);
	int codec = raw ? raw_pack(s, raw, len, out, e) : -1;

	free(raw);
	if (codec < 0)
		return -1;
	sqlite3_bind_blob64(put, 1, out->data, out->len, SQLITE_STATIC);
	sqlite3_bind_int(put, 2, codec);
	sqlite3_bind_int64(put, 3, sqlite3_column_int64(get, 0));
	return store_exec(s, put, e, "cannot store a packed message");
}

/* What is left to pack: plain rows; with a dictionary, also those packed
 * before it (both through the partial index message_repack, whose own
 * condition each query repeats: SQLite uses a partial index only for a
 * query that states it). */
static const char *const todo_sql[2][2] = {
    {"SELECT count(*) FROM message INDEXED BY message_repack"
     " WHERE raw_codec < 2 AND raw_codec = 0",
     "SELECT id, raw, raw_codec FROM message INDEXED BY message_repack"
     " WHERE raw_codec < 2 AND raw_codec = 0 LIMIT ?"},
    {"SELECT count(*) FROM message INDEXED BY message_repack"
     " WHERE raw_codec < 2",
     "SELECT id, raw, raw_codec FROM message INDEXED BY message_repack"
     " WHERE raw_codec < 2 LIMIT ?"},
};

/* One transaction: up to PACK_BATCH rows packed. Returns how many, or
 * -1. */
static int pack_batch(struct store *s, bool dict, struct buf *out,
		      struct err *e)
{
	sqlite3_stmt *get = NULL, *put = NULL;
	int n = 0, rc;

	if (sqlite3_prepare_v2(s->db, todo_sql[dict][1], -1, &get, NULL) !=
		SQLITE_OK ||
	    sqlite3_prepare_v2(s->db,
			       "UPDATE message SET raw = ?, raw_codec = ?"
			       " WHERE id = ?",
			       -1, &put, NULL) != SQLITE_OK) {
		sqlite3_finalize(get);
		return store_fail(s, e, "cannot pack messages");
	}
	sqlite3_bind_int(get, 1, PACK_BATCH);
	if (store_begin(s, e) < 0)
		n = -1;
	while (n >= 0 && (rc = sqlite3_step(get)) == SQLITE_ROW)
		n = pack_row(s, put, get, out, e) < 0 ? -1 : n + 1;
	sqlite3_finalize(get);
	sqlite3_finalize(put);
	if (n >= 0 && store_commit(s, e) == 0)
		return n;
	store_rollback(s);
	return -1;
}

/* Whether the cache has a dictionary, without building zstd's tables
 * for it (a few milliseconds, paid at every start otherwise): the
 * tables wait for the first message to pack. */
static int has_dict(struct store *s, bool *have, struct err *e)
{
	struct raw_codec *c = codec_of(s);
	int64_t n;

	if (c->cdict_looked) {
		*have = c->cdict != NULL;
		return 0;
	}
	if (count_where(s, "SELECT EXISTS (SELECT 1 FROM raw_dict)", &n, e) < 0)
		return -1;
	*have = n > 0;
	return 0;
}

/* Trains the dictionary when the cache holds TRAIN_MESSAGES and has none
 * (nor the mark that its mail taught zstd nothing). */
int store_raw_train(struct store *s, struct err *e)
{
	bool have;
	int64_t all;

	if (has_dict(s, &have, e) < 0)
		return -1;
	if (have)
		return 0;
	if (count_where(s, "SELECT count(*) FROM message", &all, e) < 0)
		return -1;
	return all < TRAIN_MESSAGES || train(s, e) >= 0 ? 0 : -1;
}

int store_raw_maintain(struct store *s, unsigned flags,
		       store_progress_fn progress, void *ctx, struct err *e)
{
	struct buf out = BUF_INIT;
	int64_t todo, done = 0;
	bool dict;
	int n = 0;

	if (store_raw_train(s, e) < 0 || has_dict(s, &dict, e) < 0)
		return -1;
	if (count_where(s, todo_sql[dict][0], &todo, e) < 0)
		return -1;
	while (done < todo && (n = pack_batch(s, dict, &out, e)) > 0) {
		done += n;
		if (progress)
			progress(ctx, done, todo);
	}
	buf_free(&out);
	if (n < 0)
		return -1;
	/* Packing left free pages behind: the file shrinks only when they
	 * are given back, which rewrites it: the caller says when. */
	if (done > 0 && (flags & STORE_RAW_COMPACT) &&
	    sqlite3_exec(s->db, "VACUUM", NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, e, "cannot compact the cache");
	return 0;
}
