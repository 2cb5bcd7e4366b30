/* tag.c: tags as mutt has them. t tags or untags the selected row and
 * moves down; T and ^T tag and untag the rows a limit pattern matches; ;
 * runs the next key's action on every tagged row, as one batch that one
 * U undoes. Tags belong to a screen (the groups' are IPs, a list's are
 * reports) and stay on a row while it is hidden, as mutt's do, but only
 * the rows listed count and are acted on. */
#include "ui_priv.h"
#include "ui/actions.h"
#include "core/xalloc.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct tags {
	char **v; /* sorted */
	size_t n;
};

enum { KEY_MAX = 64 };

/* What ; applies, and how the message says it was done. */
static const struct {
	const char *action, *done;
} batch_actions[] = {
    {"resolve", "resolved"}, {"ignore", "ignored"},
    {"reopen", "reopened"},  {"noise", "noise marks changed"},
    {"annotate", "noted"},
};

void tags_free(struct tags *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	free(t);
}

/* The tag of row i: a group's IP, a report's id; false for the rows that
 * take none (noise rows, the out-of-scope and no-IP rows). */
static bool row_key(struct screen *sc, size_t i, char out[KEY_MAX])
{
	char ip[REPORT_IP_TEXT_MAX];
	int64_t id;

	if (sc->ctx == UI_CTX_GROUPS) {
		if (!groups_row_ip(sc, i, ip))
			return false;
		snprintf(out, KEY_MAX, "%s", ip);
		return true;
	}
	if (sc->ctx != UI_CTX_MESSAGES || !(id = messages_row_id(sc, i)))
		return false;
	snprintf(out, KEY_MAX, "%" PRId64, id);
	return true;
}

/* Where key is or would go in t: the first place not before it. */
static size_t place(const struct tags *t, const char *key, bool *found)
{
	size_t lo = 0, hi = t ? t->n : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(t->v[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = t && lo < t->n && strcmp(t->v[lo], key) == 0;
	return lo;
}

/* Tags (on) or untags key; true when that changed something. */
static bool set(struct screen *sc, const char *key, bool on)
{
	bool found;
	size_t i = place(sc->tags, key, &found);
	struct tags *t;

	if (found == on)
		return false;
	if (!sc->tags)
		sc->tags = xcalloc(1, sizeof *sc->tags);
	t = sc->tags;
	if (on) {
		t->v = xreallocarray(t->v, t->n + 1, sizeof *t->v);
		memmove(t->v + i + 1, t->v + i, (t->n - i) * sizeof *t->v);
		t->v[i] = xstrdup(key);
		t->n++;
	} else {
		free(t->v[i]);
		memmove(t->v + i, t->v + i + 1, (t->n - i - 1) * sizeof *t->v);
		t->n--;
	}
	return true;
}

bool tag_row(struct screen *sc, size_t i)
{
	char key[KEY_MAX];
	bool found = false;

	if (sc->tags && sc->tags->n && row_key(sc, i, key))
		place(sc->tags, key, &found);
	return found;
}

/* The rows listed that carry a tag, each tag once (an IP listed as a
 * group and under an expanded noise reporter is one tag): malloc'd. */
static size_t *tagged_rows(struct screen *sc, size_t *n)
{
	bool *seen, found;
	size_t *rows, k = 0;
	char key[KEY_MAX];

	*n = 0;
	if (!sc->tags || !sc->tags->n)
		return NULL;
	seen = xcalloc(sc->tags->n, sizeof *seen);
	rows = xcalloc(sc->n ? sc->n : 1, sizeof *rows);
	for (size_t i = 0; i < sc->n; i++) {
		if (!row_key(sc, i, key))
			continue;
		size_t at = place(sc->tags, key, &found);
		if (found && !seen[at]) {
			seen[at] = true;
			rows[k++] = i;
		}
	}
	free(seen);
	*n = k;
	return rows;
}

size_t tag_count(struct screen *sc)
{
	size_t n;

	free(tagged_rows(sc, &n));
	return n;
}

void tag_toggle(struct ui *ui)
{
	struct screen *sc = ui->top;
	char key[KEY_MAX];

	if (!row_key(sc, sc->cursor, key)) {
		ui_error(ui, "only a group of an IP or a report takes a tag");
		return;
	}
	set(sc, key, !tag_row(sc, sc->cursor));
	screen_move(sc, 1);
}

/* The rows of the screen the limit l matches, as keys: malloc'd. */
static int matching(struct ui *ui, struct screen *sc, struct limit *l,
		    char (**keys)[KEY_MAX], size_t *n, struct err *e)
{
	char(*ips)[REPORT_IP_TEXT_MAX] = NULL;
	int64_t *ids = NULL;
	int rc;

	*keys = NULL;
	if (sc->ctx == UI_CTX_GROUPS)
		rc = groups_matching(ui, sc, limit_match, l, &ips, n, e);
	else
		rc = messages_matching(ui, sc, limit_match, l, &ids, n, e);
	if (rc == 0) {
		*keys = xcalloc(*n ? *n : 1, sizeof **keys);
		for (size_t i = 0; i < *n; i++)
			if (ips)
				snprintf((*keys)[i], KEY_MAX, "%s", ips[i]);
			else
				snprintf((*keys)[i], KEY_MAX, "%" PRId64,
					 ids[i]);
	}
	free(ips);
	free(ids);
	return rc;
}

static void untag_all(struct ui *ui, struct screen *sc)
{
	tags_free(sc->tags);
	sc->tags = NULL;
	ui_message(ui, "no row is tagged now");
}

void tag_pattern(struct ui *ui, bool on)
{
	struct screen *sc = ui->top;
	char *pat = ui_prompt(ui,
			      on ? "Tag rows matching: "
				 : "Untag rows matching (Enter: all): ",
			      NULL);
	char(*keys)[KEY_MAX] = NULL;
	struct limit *l = NULL;
	struct err e = {{0}};
	size_t n = 0, changed = 0;

	if (pat && !*pat && !on)
		untag_all(ui, sc);
	else if (pat && *pat && !(l = limit_parse(pat, time(NULL), &e)))
		ui_error(ui, "%s", e.msg);
	else if (l && matching(ui, sc, l, &keys, &n, &e) < 0)
		ui_error(ui, "%s", e.msg);
	else if (l) {
		for (size_t i = 0; i < n; i++)
			changed += set(sc, keys[i], on);
		ui_message(ui, "%zu row%s %s", changed, changed == 1 ? "" : "s",
			   on ? "tagged" : "untagged");
	}
	free(keys);
	limit_free(l);
	free(pat);
}

static int batch_find(const char *action)
{
	for (size_t i = 0; i < sizeof batch_actions / sizeof *batch_actions;
	     i++)
		if (strcmp(batch_actions[i].action, action) == 0)
			return (int)i;
	return -1;
}

/* Every tagged row in turn under the cursor, then the lists read once. */
static void run_batch(struct ui *ui, struct screen *sc,
		      const struct ui_action *act, const char *done)
{
	size_t n, keep = sc->cursor, before = ui->n_undo;
	size_t *rows = tagged_rows(sc, &n);
	struct err e = {{0}};

	ui->batch = ++ui->n_batches;
	ui->batch_stop = ui->batch_noise_set = false;
	for (size_t i = 0; i < n && !ui->batch_stop && !ui->quit; i++) {
		sc->cursor = rows[i];
		act->run(ui);
	}
	ui->batch = 0;
	sc->cursor = keep;
	free(rows);
	free(ui->batch_note);
	ui->batch_note = NULL;
	if (ui->batch_noise_set && triage_refresh(ui->triage, &e) < 0)
		ui_error(ui, "%s", e.msg);
	ui_reload(ui);
	if (!ui->msg_error)
		ui_message(ui, "%zu tagged row%s %s (U undoes)",
			   ui->n_undo - before,
			   ui->n_undo - before == 1 ? "" : "s", done);
}

void tag_prefix(struct ui *ui)
{
	const struct ui_action *acts = ui_actions(NULL);
	struct screen *sc = ui->top;
	char name[32];
	int key, a, b;

	if (!tag_count(sc)) {
		ui_error(ui,
			 "no row is tagged here (t tags one, T by pattern)");
		return;
	}
	key = ui_ask_key(ui, "tag-");
	if (key < 0)
		return;
	a = keymap_lookup(ui->km, sc->ctx, key);
	b = a < 0 ? -1 : batch_find(acts[a].name);
	if (b < 0) {
		keymap_key_name(key, name, sizeof name);
		ui_error(ui,
			 "%s: not for tagged rows (resolve, ignore, reopen, "
			 "noise, annotate)",
			 name);
		return;
	}
	ui->msg[0] = '\0';
	ui->msg_error = false;
	run_batch(ui, sc, &acts[a], batch_actions[b].done);
}
