/* schema.c: the tables and their forward migrations. Step N brings a
 * database from version N-1 to N in one transaction; a database is never
 * migrated backwards, and one newer than this program is refused.
 *
 * Beyond DESIGN.md's data model: message has modseq, content_hash (sha256
 * of the raw bytes; local imports, which have no uid, are keyed by it) and
 * gone (expunged on the server, kept for review); report keeps every fact
 * of struct report (lists as JSON text); report_ip has a rank; and
 * report_state (version 2) holds states of single reports; versions 3
 * and 4 keep what the triage screen reads (see below). */
#include "store_priv.h"

static const char schema_v1[] =
    "CREATE TABLE mailbox("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL UNIQUE,"
    " uidvalidity INTEGER NOT NULL DEFAULT 0,"
    " uidnext INTEGER NOT NULL DEFAULT 0,"
    " highestmodseq INTEGER NOT NULL DEFAULT 0,"
    " synced_at INTEGER NOT NULL DEFAULT 0);"
    "CREATE TABLE message("
    " id INTEGER PRIMARY KEY,"
    " mailbox_id INTEGER NOT NULL REFERENCES mailbox(id) ON DELETE CASCADE,"
    " uid INTEGER,"
    " internal_date INTEGER NOT NULL DEFAULT 0,"
    " size INTEGER NOT NULL,"
    " flags TEXT NOT NULL DEFAULT '',"
    " modseq INTEGER NOT NULL DEFAULT 0,"
    " message_id TEXT, from_addr TEXT, reply_to TEXT, subject TEXT,"
    " date INTEGER NOT NULL DEFAULT 0,"
    " content_hash TEXT NOT NULL,"
    " gone INTEGER NOT NULL DEFAULT 0,"
    " raw BLOB NOT NULL,"
    " UNIQUE(mailbox_id, uid));"
    "CREATE UNIQUE INDEX message_local_hash ON message(mailbox_id,"
    " content_hash) WHERE uid IS NULL;"
    "CREATE TABLE reporter("
    " id INTEGER PRIMARY KEY,"
    " domain TEXT NOT NULL UNIQUE,"
    " name TEXT,"
    " noise_mode TEXT NOT NULL DEFAULT 'auto'"
    "  CHECK(noise_mode IN ('auto', 'noise', 'never')),"
    " unsubscribed_at INTEGER,"
    " unsubscribe_via TEXT);"
    "CREATE TABLE report("
    " message_id INTEGER PRIMARY KEY REFERENCES message(id)"
    "  ON DELETE CASCADE,"
    " reporter_id INTEGER REFERENCES reporter(id),"
    " original_reporter TEXT,"
    " format TEXT NOT NULL,"
    " category TEXT, type TEXT, problem TEXT, action TEXT, case_ref TEXT,"
    " noise_signals TEXT NOT NULL DEFAULT '[]',"
    " evidence TEXT NOT NULL DEFAULT '[]',"
    " unsub_method TEXT NOT NULL DEFAULT 'none',"
    " unsub_target TEXT,"
    " unsub_one_click INTEGER NOT NULL DEFAULT 0,"
    " attachments TEXT NOT NULL DEFAULT '[]',"
    " auto_submitted INTEGER NOT NULL DEFAULT 0,"
    " analyzer_version INTEGER NOT NULL);"
    "CREATE INDEX report_reporter ON report(reporter_id);"
    "CREATE TABLE report_ip("
    " message_id INTEGER NOT NULL REFERENCES report(message_id)"
    "  ON DELETE CASCADE,"
    " ip TEXT NOT NULL,"
    " in_scope INTEGER NOT NULL,"
    " rank INTEGER NOT NULL,"
    " PRIMARY KEY(message_id, ip)) WITHOUT ROWID;"
    "CREATE INDEX report_ip_ip ON report_ip(ip);"
    "CREATE TABLE ip_state("
    " ip TEXT PRIMARY KEY,"
    " state TEXT NOT NULL CHECK(state IN ('open', 'resolved', 'ignored')),"
    " updated_at INTEGER NOT NULL,"
    " note TEXT);"
    "CREATE TABLE outbox("
    " id INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL,"
    " message_id INTEGER REFERENCES message(id) ON DELETE SET NULL,"
    " payload TEXT NOT NULL,"
    " state TEXT NOT NULL DEFAULT 'queued',"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " last_error TEXT,"
    " created_at INTEGER NOT NULL);"
    "CREATE VIRTUAL TABLE message_fts USING fts5(subject, body);";

static const char schema_v2[] =
    "CREATE TABLE report_state("
    " message_id INTEGER PRIMARY KEY REFERENCES message(id)"
    "  ON DELETE CASCADE,"
    " state TEXT NOT NULL CHECK(state IN ('open', 'resolved', 'ignored')),"
    " updated_at INTEGER NOT NULL,"
    " note TEXT);"
    "CREATE INDEX outbox_state ON outbox(state);";

/* Version 3: what the triage screen reads, kept narrow and up to date by
 * triggers, so that it never scans the wide message rows (raw mail) nor
 * re-derives per-reporter counts: triage_fact has one row per report and
 * group (see src/store/triage.c), reporter_stat the counts that decide
 * noise, and triage_version a counter that any change to what the groups
 * show moves, so a computed list can be kept (triage_cache) until then. */
/* clang-format off */
#define FACT_REBUILD(X)                                                        \
	"DELETE FROM triage_fact WHERE mid = " X ";"                           \
	"INSERT INTO triage_fact(mid, ip, kind, rid, category, human,"         \
	" has_action, t) SELECT r.message_id, g.ip, g.kind, r.reporter_id,"    \
	" r.category, r.format IN ('plain', 'forwarded'),"                     \
	" coalesce(r.action, '') <> '', (SELECT CASE WHEN m.date > 0"          \
	" THEN m.date ELSE m.internal_date END FROM message m"                 \
	" WHERE m.id = r.message_id) FROM report r JOIN (SELECT ip, 0 AS kind" \
	" FROM report_ip WHERE message_id = " X " AND in_scope UNION ALL"      \
	" SELECT NULL, CASE WHEN EXISTS (SELECT 1 FROM report_ip"              \
	" WHERE message_id = " X ") THEN 1 ELSE 2 END WHERE NOT EXISTS"        \
	" (SELECT 1 FROM report_ip WHERE message_id = " X " AND in_scope)) g"  \
	" WHERE r.message_id = " X ";"

#define AUTOMATED(R) STORE_AUTOMATED_V3(R)

#define STAT_ADD(R, SIGN)                                                      \
	"INSERT INTO reporter_stat(rid, n, automated) SELECT " R               \
	".reporter_id, " SIGN "1, " SIGN AUTOMATED(R) " WHERE " R              \
	".reporter_id IS NOT NULL ON CONFLICT(rid) DO UPDATE SET"              \
	" n = n + excluded.n, automated = automated + excluded.automated;"

/* v moves with any change the groups show (it keys triage_cache); fv
 * only when the facts themselves change, not their states, so that a
 * reader holding the facts re-reads only the states on a resolve. */
#define BUMP "UPDATE triage_version SET v = v + 1;"
#define BUMP_FACTS "UPDATE triage_version SET v = v + 1, fv = fv + 1;"

#define TRIGGER(name, on, body)                                                \
	"CREATE TRIGGER " name " AFTER " on " BEGIN " body " END;"

static const char schema_v3[] =
    "CREATE TABLE triage_fact("
    " mid INTEGER NOT NULL, ip TEXT, kind INTEGER NOT NULL, rid INTEGER,"
    " category TEXT, human INTEGER NOT NULL, has_action INTEGER NOT NULL,"
    " t INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX triage_fact_mid ON triage_fact(mid);"
    "CREATE INDEX triage_fact_group ON triage_fact(kind, ip);"
    "CREATE TABLE reporter_stat(rid INTEGER PRIMARY KEY,"
    " n INTEGER NOT NULL, automated INTEGER NOT NULL);"
    "CREATE TABLE triage_version(v INTEGER NOT NULL, fv INTEGER NOT NULL);"
    "INSERT INTO triage_version VALUES(1, 1);"
    "CREATE TABLE triage_cache(key TEXT PRIMARY KEY, version INTEGER"
    " NOT NULL, rows BLOB NOT NULL);"
    TRIGGER("report_fact_ins", "INSERT ON report",
	    FACT_REBUILD("NEW.message_id") STAT_ADD("NEW", ""))
    TRIGGER("report_fact_upd", "UPDATE ON report",
	    FACT_REBUILD("NEW.message_id") STAT_ADD("OLD", "-")
	    STAT_ADD("NEW", ""))
    TRIGGER("report_fact_del", "DELETE ON report",
	    "DELETE FROM triage_fact WHERE mid = OLD.message_id;"
	    STAT_ADD("OLD", "-"))
    TRIGGER("report_ip_fact_ins", "INSERT ON report_ip",
	    FACT_REBUILD("NEW.message_id"))
    TRIGGER("report_ip_fact_upd", "UPDATE ON report_ip",
	    FACT_REBUILD("OLD.message_id") FACT_REBUILD("NEW.message_id"))
    TRIGGER("report_ip_fact_del", "DELETE ON report_ip",
	    FACT_REBUILD("OLD.message_id"))
    TRIGGER("message_fact_t", "UPDATE OF date, internal_date ON message",
	    "UPDATE triage_fact SET t = CASE WHEN NEW.date > 0 THEN NEW.date"
	    " ELSE NEW.internal_date END WHERE mid = NEW.id;" BUMP_FACTS)
    TRIGGER("triage_fact_ins", "INSERT ON triage_fact", BUMP_FACTS)
    TRIGGER("triage_fact_del", "DELETE ON triage_fact", BUMP_FACTS)
    TRIGGER("reporter_ins", "INSERT ON reporter", BUMP_FACTS)
    TRIGGER("reporter_upd", "UPDATE ON reporter", BUMP_FACTS)
    TRIGGER("ip_state_ins", "INSERT ON ip_state", BUMP)
    TRIGGER("ip_state_upd", "UPDATE ON ip_state", BUMP)
    TRIGGER("ip_state_del", "DELETE ON ip_state", BUMP)
    TRIGGER("report_state_ins", "INSERT ON report_state", BUMP)
    TRIGGER("report_state_upd", "UPDATE ON report_state", BUMP)
    TRIGGER("report_state_del", "DELETE ON report_state", BUMP)
    "INSERT INTO triage_fact(mid, ip, kind, rid, category, human,"
    " has_action, t) SELECT r.message_id, g.ip, g.kind, r.reporter_id,"
    " r.category, r.format IN ('plain', 'forwarded'),"
    " coalesce(r.action, '') <> '', CASE WHEN m.date > 0 THEN m.date"
    " ELSE m.internal_date END FROM (SELECT message_id AS mid, ip, 0 AS kind"
    " FROM report_ip WHERE in_scope UNION ALL SELECT r2.message_id, NULL,"
    " CASE WHEN EXISTS (SELECT 1 FROM report_ip x WHERE x.message_id ="
    " r2.message_id) THEN 1 ELSE 2 END FROM report r2 WHERE NOT EXISTS"
    " (SELECT 1 FROM report_ip x WHERE x.message_id = r2.message_id"
    " AND x.in_scope)) g JOIN report r ON r.message_id = g.mid"
    " JOIN message m ON m.id = g.mid;"
    "INSERT INTO reporter_stat(rid, n, automated) SELECT r.reporter_id,"
    " count(*), sum(" AUTOMATED("r") ") FROM report r"
    " WHERE r.reporter_id IS NOT NULL GROUP BY r.reporter_id;";

/* Version 4: the facts of new reports are made per transaction, set-based,
 * by src/store/pending.c, so the per-row triggers on report and report_ip
 * inserts go, and with them the version bump per fact row (the triggers
 * that remain bump it themselves). A fact knows whether its message was
 * expunged (gone): such reports stay reviewable but are no open work.
 * The reporter upsert of every report no longer bumps the version: only
 * what the groups show (domain, noise mode) does. */
#define FACT_REBUILD4(X)                                                       \
	"DELETE FROM triage_fact WHERE mid = " X ";"                           \
	"INSERT INTO triage_fact(mid, ip, kind, rid, category, human,"         \
	" has_action, t, gone) SELECT r.message_id, g.ip, g.kind,"             \
	" r.reporter_id, r.category, r.format IN ('plain', 'forwarded'),"      \
	" coalesce(r.action, '') <> '', CASE WHEN m.date > 0 THEN m.date"      \
	" ELSE m.internal_date END, m.gone FROM report r JOIN message m"       \
	" ON m.id = r.message_id JOIN (SELECT ip, 0 AS kind FROM report_ip"    \
	" WHERE message_id = " X " AND in_scope UNION ALL"                     \
	" SELECT NULL, CASE WHEN EXISTS (SELECT 1 FROM report_ip"              \
	" WHERE message_id = " X ") THEN 1 ELSE 2 END WHERE NOT EXISTS"        \
	" (SELECT 1 FROM report_ip WHERE message_id = " X " AND in_scope)) g"  \
	" WHERE r.message_id = " X ";"

static const char schema_v4[] =
    "DROP TRIGGER report_fact_ins;"
    "DROP TRIGGER report_ip_fact_ins;"
    "DROP TRIGGER triage_fact_ins;"
    "DROP TRIGGER triage_fact_del;"
    "DROP TRIGGER report_fact_upd;"
    "DROP TRIGGER report_fact_del;"
    "DROP TRIGGER report_ip_fact_upd;"
    "DROP TRIGGER report_ip_fact_del;"
    "DROP TRIGGER reporter_upd;"
    "ALTER TABLE triage_fact ADD COLUMN gone INTEGER NOT NULL DEFAULT 0;"
    "UPDATE triage_fact SET gone = 1"
    " WHERE mid IN (SELECT id FROM message WHERE gone);"
    TRIGGER("report_fact_upd", "UPDATE ON report",
	    FACT_REBUILD4("NEW.message_id") STAT_ADD("OLD", "-")
	    STAT_ADD("NEW", "") BUMP_FACTS)
    TRIGGER("report_fact_del", "DELETE ON report",
	    "DELETE FROM triage_fact WHERE mid = OLD.message_id;"
	    STAT_ADD("OLD", "-") BUMP_FACTS)
    TRIGGER("report_ip_fact_upd", "UPDATE ON report_ip",
	    FACT_REBUILD4("OLD.message_id") FACT_REBUILD4("NEW.message_id")
	    BUMP_FACTS)
    TRIGGER("report_ip_fact_del", "DELETE ON report_ip",
	    FACT_REBUILD4("OLD.message_id") BUMP_FACTS)
    TRIGGER("reporter_upd", "UPDATE OF domain, noise_mode ON reporter",
	    BUMP_FACTS)
    "CREATE TRIGGER message_fact_gone AFTER UPDATE OF gone ON message"
    " WHEN OLD.gone IS NOT NEW.gone BEGIN UPDATE triage_fact"
    " SET gone = NEW.gone WHERE mid = NEW.id;" BUMP_FACTS " END;"
    "UPDATE triage_version SET v = v + 1, fv = fv + 1;";
/* clang-format on */

/* Version 5: the reports of an IP are found through triage_fact's (kind,
 * ip) index, which holds the same in-scope pairs; a second index keyed by
 * IP only doubled the random index pages every batch of new reports
 * rewrites (a 100k sync: 0.24 s less of the writer's CPU). The sync asks
 * INTERNALDATE only for messages without a readable Date: field, which
 * message_undated lists (it stays nearly empty). The full-text index
 * merges its segments eight at a time instead of four: each batch makes
 * one, and merging them half as often takes a quarter of the commits'
 * time away; searches at 100k reports take the same time. */
static const char schema_v5[] =
    "DROP INDEX report_ip_ip;"
    "CREATE INDEX message_undated ON message(mailbox_id, uid)"
    " WHERE date = 0 AND internal_date = 0;"
    "INSERT INTO message_fts(message_fts, rank) VALUES('automerge', 8);";

/* Version 6: the full-text index keeps no copy of the text it indexes
 * (contentless, no column sizes): nothing reads the text back, searches
 * only need the row ids, and writing the copy took about 6% of a 100k
 * sync's CPU and 13% of the file. Rows cannot be deleted one by one
 * from such an index, so `reanalyze` empties and rebuilds it whole. The
 * old index's text carries over. New mail comes with its INTERNALDATE
 * again, so no message waits for one and message_undated goes. */
static const char schema_v6[] =
    "DROP INDEX message_undated;"
    "CREATE VIRTUAL TABLE message_fts_v6 USING fts5(subject, body,"
    " content='', columnsize=0);"
    "INSERT INTO message_fts_v6(rowid, subject, body)"
    " SELECT rowid, subject, body FROM message_fts;"
    "DROP TABLE message_fts;"
    "ALTER TABLE message_fts_v6 RENAME TO message_fts;"
    "INSERT INTO message_fts(message_fts, rank) VALUES('automerge', 8);";

/* Version 7: how far the analysis read each report ('full', 'partial',
 * 'none') and why not further; and the messages whose analysis once
 * crashed the program, by content hash, which are stored unanalysed
 * ever after so that one mail cannot stop the sync again. */
static const char schema_v7[] =
    "ALTER TABLE report ADD COLUMN analysis TEXT NOT NULL DEFAULT 'full';"
    "ALTER TABLE report ADD COLUMN analysis_note TEXT;"
    "CREATE TABLE analysis_quarantine(content_hash TEXT PRIMARY KEY,"
    " reason TEXT NOT NULL, at INTEGER NOT NULL);";

/* Version 8: what each address is to its report (offender, victim or
 * mentioned). Rows written before it were all offenders. */
static const char schema_v8[] = "ALTER TABLE report_ip ADD COLUMN role TEXT"
				" NOT NULL DEFAULT 'offender';";

/* Version 9: whether the problem line is the program's own sentence,
 * written from the report's fields because the mail states none. */
static const char schema_v9[] = "ALTER TABLE report ADD COLUMN problem_derived"
				" INTEGER NOT NULL DEFAULT 0;";

/* Version 10: one truth per fact.
 * - message.dated is the date a report is filed under (its Date: field,
 *   else its arrival), a generated column: no query writes the rule.
 * - report.automated and report.human are set by the analysis, which owns
 *   what counts as sent by a machine in bulk and what as written by a
 *   person; the rows before it get what the store used to work out, and
 *   the facts and counts, made by that same rule, stay as they are.
 * - ip_state.seq and report_state.seq say which decision came last, from
 *   one counter (decision_clock): two decisions in the same second tie by
 *   updated_at. Older decisions take their time as seq, and the counter
 *   goes on from the latest.
 * Lists kept before it are of the old layout: they go. */
#define FACT_REBUILD10(X)                                                      \
	"DELETE FROM triage_fact WHERE mid = " X ";"                           \
	"INSERT INTO triage_fact(mid, ip, kind, rid, category, human,"         \
	" has_action, t, gone) SELECT r.message_id, g.ip, g.kind,"             \
	" r.reporter_id, r.category, r.human, coalesce(r.action, '') <> '',"   \
	" m.dated, m.gone FROM report r JOIN message m"                        \
	" ON m.id = r.message_id JOIN (SELECT ip, 0 AS kind FROM report_ip"    \
	" WHERE message_id = " X " AND in_scope UNION ALL"                     \
	" SELECT NULL, CASE WHEN EXISTS (SELECT 1 FROM report_ip"              \
	" WHERE message_id = " X ") THEN 1 ELSE 2 END WHERE NOT EXISTS"        \
	" (SELECT 1 FROM report_ip WHERE message_id = " X " AND in_scope)) g"  \
	" WHERE r.message_id = " X ";"

#define STAT_ADD10(R, SIGN)                                                    \
	"INSERT INTO reporter_stat(rid, n, automated) SELECT " R               \
	".reporter_id, " SIGN "1, " SIGN R ".automated WHERE " R               \
	".reporter_id IS NOT NULL ON CONFLICT(rid) DO UPDATE SET"              \
	" n = n + excluded.n, automated = automated + excluded.automated;"

#define CLOCK_TICK "UPDATE decision_clock SET n = n + 1;"

/* clang-format off */
static const char schema_v10[] =
    "DROP TRIGGER report_fact_upd;"
    "DROP TRIGGER report_fact_del;"
    "DROP TRIGGER report_ip_fact_upd;"
    "DROP TRIGGER report_ip_fact_del;"
    "DROP TRIGGER message_fact_t;"
    "ALTER TABLE message ADD COLUMN dated INTEGER GENERATED ALWAYS AS"
    " (CASE WHEN date > 0 THEN date ELSE internal_date END) VIRTUAL;"
    "ALTER TABLE report ADD COLUMN automated INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE report ADD COLUMN human INTEGER NOT NULL DEFAULT 0;"
    "UPDATE report SET automated = " AUTOMATED("report") ","
    " human = format IN ('plain', 'forwarded');"
    TRIGGER("report_fact_upd", "UPDATE ON report",
	    FACT_REBUILD10("NEW.message_id") STAT_ADD10("OLD", "-")
	    STAT_ADD10("NEW", "") BUMP_FACTS)
    TRIGGER("report_fact_del", "DELETE ON report",
	    "DELETE FROM triage_fact WHERE mid = OLD.message_id;"
	    STAT_ADD10("OLD", "-") BUMP_FACTS)
    TRIGGER("report_ip_fact_upd", "UPDATE ON report_ip",
	    FACT_REBUILD10("OLD.message_id") FACT_REBUILD10("NEW.message_id")
	    BUMP_FACTS)
    TRIGGER("report_ip_fact_del", "DELETE ON report_ip",
	    FACT_REBUILD10("OLD.message_id") BUMP_FACTS)
    TRIGGER("message_fact_t", "UPDATE OF date, internal_date ON message",
	    "UPDATE triage_fact SET t = (SELECT dated FROM message"
	    " WHERE id = NEW.id) WHERE mid = NEW.id;" BUMP_FACTS)
    "ALTER TABLE ip_state ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE report_state ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;"
    "UPDATE ip_state SET seq = updated_at;"
    "UPDATE report_state SET seq = updated_at;"
    "CREATE TABLE decision_clock(n INTEGER NOT NULL);"
    "INSERT INTO decision_clock SELECT max("
    " coalesce((SELECT max(seq) FROM ip_state), 0),"
    " coalesce((SELECT max(seq) FROM report_state), 0));"
    TRIGGER("ip_state_clock_ins", "INSERT ON ip_state", CLOCK_TICK)
    TRIGGER("ip_state_clock_upd", "UPDATE ON ip_state", CLOCK_TICK)
    TRIGGER("report_state_clock_ins", "INSERT ON report_state", CLOCK_TICK)
    TRIGGER("report_state_clock_upd", "UPDATE ON report_state", CLOCK_TICK)
    "DELETE FROM triage_cache;";
/* clang-format on */

/* Version 11: how soon a report wants handling — the harm rank of its
 * kind and whether it sets a deadline — kept on the report and beside its
 * triage facts, where the group list makes its urgency from them. Reports
 * stored before it have rank 0 until `reanalyze` derives them again. The
 * triggers that remake facts learn the two columns. */
#define FACT_REBUILD11(X)                                                      \
	"DELETE FROM triage_fact WHERE mid = " X ";"                           \
	"INSERT INTO triage_fact(mid, ip, kind, rid, category, human,"         \
	" has_action, t, gone, harm, deadline) SELECT r.message_id, g.ip,"     \
	" g.kind, r.reporter_id, r.category, r.human,"                         \
	" coalesce(r.action, '') <> '', m.dated, m.gone, r.harm, r.deadline"   \
	" FROM report r JOIN message m"                                        \
	" ON m.id = r.message_id JOIN (SELECT ip, 0 AS kind FROM report_ip"    \
	" WHERE message_id = " X " AND in_scope UNION ALL"                     \
	" SELECT NULL, CASE WHEN EXISTS (SELECT 1 FROM report_ip"              \
	" WHERE message_id = " X ") THEN 1 ELSE 2 END WHERE NOT EXISTS"        \
	" (SELECT 1 FROM report_ip WHERE message_id = " X " AND in_scope)) g"  \
	" WHERE r.message_id = " X ";"

/* clang-format off */
static const char schema_v11[] =
    "ALTER TABLE report ADD COLUMN harm INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE report ADD COLUMN deadline INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE triage_fact ADD COLUMN harm INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE triage_fact ADD COLUMN deadline INTEGER NOT NULL DEFAULT 0;"
    "DROP TRIGGER report_fact_upd;"
    "DROP TRIGGER report_ip_fact_upd;"
    "DROP TRIGGER report_ip_fact_del;"
    TRIGGER("report_fact_upd", "UPDATE ON report",
	    FACT_REBUILD11("NEW.message_id") STAT_ADD10("OLD", "-")
	    STAT_ADD10("NEW", "") BUMP_FACTS)
    TRIGGER("report_ip_fact_upd", "UPDATE ON report_ip",
	    FACT_REBUILD11("OLD.message_id") FACT_REBUILD11("NEW.message_id")
	    BUMP_FACTS)
    TRIGGER("report_ip_fact_del", "DELETE ON report_ip",
	    FACT_REBUILD11("OLD.message_id") BUMP_FACTS)
    "DELETE FROM triage_cache;"
    "UPDATE triage_version SET v = v + 1, fv = fv + 1;";
/* clang-format on */

/* Version 12: what our own mail server's Authentication-Results said of
 * the sender: the DKIM, SPF and DMARC results (NULL where it gave none)
 * and the verdict drawn from them, which the messages list shows. Rows
 * written before it are 'unknown' until reanalysed. */
static const char schema_v12[] =
    "ALTER TABLE report ADD COLUMN auth_dkim TEXT;"
    "ALTER TABLE report ADD COLUMN auth_spf TEXT;"
    "ALTER TABLE report ADD COLUMN auth_dmarc TEXT;"
    "ALTER TABLE report ADD COLUMN auth_verdict TEXT NOT NULL"
    " DEFAULT 'unknown';";

/* Version 13: every decision is kept, not only the one in force, so that
 * an IP's history shows what was decided before a reopen. state_log has a
 * row per state an IP or a report was put in, with its time, note and
 * seq; triggers on ip_state and report_state write it, so that every
 * writer logs alike (the screen, the keywords a sync reads) and caches
 * opened at an older version keep writing as they did. A decision
 * forgotten (an undo of a first decision) takes its row along. The
 * decisions stored before it begin the log. */
#define LOG_ROW(KEY, VAL)                                                      \
	"INSERT INTO state_log(" KEY ", state, at, note, seq) VALUES(" VAL     \
	", NEW.state, NEW.updated_at, NEW.note, NEW.seq);"

/* clang-format off */
static const char schema_v13[] =
    "CREATE TABLE state_log(id INTEGER PRIMARY KEY, ip TEXT,"
    " message_id INTEGER REFERENCES message(id) ON DELETE CASCADE,"
    " state TEXT NOT NULL, at INTEGER NOT NULL, note TEXT,"
    " seq INTEGER NOT NULL);"
    "CREATE INDEX state_log_ip ON state_log(ip);"
    "CREATE INDEX state_log_message ON state_log(message_id);"
    "INSERT INTO state_log(ip, state, at, note, seq)"
    " SELECT ip, state, updated_at, note, seq FROM ip_state;"
    "INSERT INTO state_log(message_id, state, at, note, seq)"
    " SELECT message_id, state, updated_at, note, seq FROM report_state;"
    TRIGGER("ip_state_log_ins", "INSERT ON ip_state",
	    LOG_ROW("ip", "NEW.ip"))
    TRIGGER("ip_state_log_upd", "UPDATE ON ip_state",
	    LOG_ROW("ip", "NEW.ip"))
    TRIGGER("ip_state_log_del", "DELETE ON ip_state",
	    "DELETE FROM state_log WHERE ip = OLD.ip AND seq = OLD.seq;")
    TRIGGER("report_state_log_ins", "INSERT ON report_state",
	    LOG_ROW("message_id", "NEW.message_id"))
    TRIGGER("report_state_log_upd", "UPDATE ON report_state",
	    LOG_ROW("message_id", "NEW.message_id"))
    TRIGGER("report_state_log_del", "DELETE ON report_state",
	    "DELETE FROM state_log WHERE message_id = OLD.message_id"
	    " AND seq = OLD.seq;");
/* clang-format on */

/* Version 14: the outbox is sent. A row is claimed as 'sending' before
 * its network call, so that one a crash interrupted is found on restart
 * and sent again (its step says how far it got); a failed try waits for
 * next_attempt_at; a sent row keeps sent_at. States: queued, sending,
 * sent, failed (permanent; `abusedesk outbox retry` queues it again). */
static const char schema_v14[] =
    "ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL"
    " DEFAULT 0;"
    "ALTER TABLE outbox ADD COLUMN sent_at INTEGER;"
    "ALTER TABLE outbox ADD COLUMN step TEXT NOT NULL DEFAULT '';"
    "CREATE INDEX outbox_pending ON outbox(state, kind, id);";

/* Version 15: unsubscribe attempts. An attempt is the user's act (whom,
 * how, where, when); its result is its outbox row's (state, last error),
 * read by a join and never copied. The reports a reporter sent after
 * one are counted from triage_fact (rid, t: the report's one date), which
 * an index keeps cheap for a reporter of many reports. The report keeps
 * the address a "reply with REMOVE" instruction names. */
static const char schema_v15[] =
    "CREATE TABLE unsubscribe_attempt("
    " id INTEGER PRIMARY KEY,"
    " reporter_id INTEGER NOT NULL REFERENCES reporter(id),"
    " message_id INTEGER REFERENCES message(id) ON DELETE SET NULL,"
    " method TEXT NOT NULL CHECK(method IN ('post', 'mailto', 'reply')),"
    " target TEXT NOT NULL,"
    " created_at INTEGER NOT NULL,"
    " outbox_id INTEGER REFERENCES outbox(id) ON DELETE SET NULL);"
    "CREATE INDEX unsubscribe_attempt_reporter"
    " ON unsubscribe_attempt(reporter_id, created_at);"
    "CREATE INDEX triage_fact_reporter ON triage_fact(rid, t, mid);"
    "ALTER TABLE report ADD COLUMN unsub_address TEXT;";

/* Version 16: raw messages compressed (raw_codec.c): each row says how its
 * raw bytes are kept (0 plain, as every older row is until packed; 1 a
 * zstd frame, 2 one made with a dictionary; the rows below 2 are indexed,
 * so finding what is left to pack reads no row), and the dictionaries trained
 * on the cache's own mail, under the id zstd writes into each frame made with
 * one. */
static const char schema_v16[] =
    "ALTER TABLE message ADD COLUMN raw_codec INTEGER NOT NULL DEFAULT 0;"
    "CREATE INDEX message_repack ON message(id) WHERE raw_codec < 2;"
    "CREATE TABLE raw_dict(id INTEGER PRIMARY KEY, dict BLOB NOT NULL,"
    " created_at INTEGER NOT NULL);";

/* Version 17: a claimed outbox row says who holds it and since when, so
 * that two flushers on one cache (the screen's sync worker and an
 * `abusedesk sync`) do not both send a row left 'sending': the other
 * takes it over only once its holder is gone or its lease ran out
 * (outbox_claim.c). Rows claimed before have no holder: anyone's. */
static const char schema_v17[] = "ALTER TABLE outbox ADD COLUMN claim TEXT;"
				 "ALTER TABLE outbox ADD COLUMN claimed_at"
				 " INTEGER;";

/* Version 18: the known bulk reporter a report's signature names
 * (analysis/bulk.h: the WHY of its line), NULL for most; the noise rule
 * counts them per reporter through the partial index. */
static const char schema_v18[] =
    "ALTER TABLE report ADD COLUMN bulk TEXT;"
    "CREATE INDEX report_bulk ON report(reporter_id, bulk)"
    " WHERE bulk IS NOT NULL;";

/* Version 19: what changed for the groups screen, row by row, so that a
 * reader holding the facts in memory (triage_scan.c) updates only the
 * groups touched instead of reading a million rows again: each fact row
 * written or deleted (its mid and group, old and new), each IP decision
 * (kind 0, the IP, no mid) and each report decision (its mid, no group).
 * The log keeps the last LOG_KEEP rows (about 2 MB): a reader further
 * behind, as after a big sync, reads everything again. The IPs whose decision
 * has a note, which the screen reads on each reload, are indexed apart (a few
 * among thousands). */
#define LOG_KEEP "65536"
#define LOG(mid, kind, ip)                                                     \
	"INSERT INTO triage_log(mid, kind, ip) VALUES(" mid ", " kind ", " ip  \
	");DELETE FROM triage_log WHERE seq <= (SELECT max(seq) FROM"          \
	" triage_log) - " LOG_KEEP ";"
/* clang-format off */
#define NOTED_INDEX                                                            \
	"CREATE INDEX ip_state_noted ON ip_state(ip)"                          \
	" WHERE coalesce(note, '') <> '';"
static const char schema_v19[] =
    "CREATE TABLE triage_log(seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    " mid INTEGER, kind INTEGER, ip TEXT);" NOTED_INDEX
    TRIGGER("triage_log_fact_ins", "INSERT ON triage_fact",
	    LOG("NEW.mid", "NEW.kind", "NEW.ip"))
    TRIGGER("triage_log_fact_del", "DELETE ON triage_fact",
	    LOG("OLD.mid", "OLD.kind", "OLD.ip"))
    TRIGGER("triage_log_fact_upd", "UPDATE ON triage_fact",
	    LOG("OLD.mid", "OLD.kind", "OLD.ip")
		LOG("NEW.mid", "NEW.kind", "NEW.ip"))
    TRIGGER("triage_log_ip_ins", "INSERT ON ip_state",
	    LOG("NULL", "0", "NEW.ip"))
    TRIGGER("triage_log_ip_upd", "UPDATE ON ip_state",
	    LOG("NULL", "0", "OLD.ip") LOG("NULL", "0", "NEW.ip"))
    TRIGGER("triage_log_ip_del", "DELETE ON ip_state",
	    LOG("NULL", "0", "OLD.ip"))
    TRIGGER("triage_log_rs_ins", "INSERT ON report_state",
	    LOG("NEW.message_id", "NULL", "NULL"))
    TRIGGER("triage_log_rs_upd", "UPDATE ON report_state",
	    LOG("OLD.message_id", "NULL", "NULL")
		LOG("NEW.message_id", "NULL", "NULL"))
    TRIGGER("triage_log_rs_del", "DELETE ON report_state",
	    LOG("OLD.message_id", "NULL", "NULL"));
/* clang-format on */

/* Version 20: for a server without CONDSTORE, per mailbox, how many of
 * the present messages carry each flag a quiet pass compares, with a sum
 * of a hash of their UIDs (flag '': every present message); sync.c. A
 * change to any message of the mailbox drops its rows, and the sync
 * writes them again, so that a pass that finds nothing changed reads a
 * few rows instead of every message. */
/* clang-format off */
#define DIGEST_DROP(box) "DELETE FROM flag_digest WHERE mailbox_id = " box ";"
static const char schema_v20[] =
    "CREATE TABLE flag_digest(mailbox_id INTEGER NOT NULL, flag TEXT NOT NULL,"
    " n INTEGER NOT NULL, sum INTEGER NOT NULL,"
    " PRIMARY KEY(mailbox_id, flag)) WITHOUT ROWID;"
    TRIGGER("flag_digest_ins", "INSERT ON message",
	    DIGEST_DROP("NEW.mailbox_id"))
    TRIGGER("flag_digest_upd",
	    "UPDATE OF mailbox_id, uid, flags, gone ON message",
	    DIGEST_DROP("OLD.mailbox_id") DIGEST_DROP("NEW.mailbox_id"))
    TRIGGER("flag_digest_del", "DELETE ON message",
	    DIGEST_DROP("OLD.mailbox_id"));
/* clang-format on */

/* Version 21: the insert trigger of version 20 goes. A trigger that
 * writes makes each INSERT INTO message a statement that may abort after
 * writing more than one row, and SQLite then copies every page the insert
 * touches into a statement journal (a temporary file): seven times the
 * bytes a cold sync wrote. store_message_add drops the digests itself;
 * the update and delete triggers stay. */
static const char schema_v21[] = "DROP TRIGGER flag_digest_ins;";

/* migrations[i] takes a database from version i to i + 1. */
static const char *const migrations[] = {
    schema_v1,	schema_v2,  schema_v3,	schema_v4,  schema_v5,	schema_v6,
    schema_v7,	schema_v8,  schema_v9,	schema_v10, schema_v11, schema_v12,
    schema_v13, schema_v14, schema_v15, schema_v16, schema_v17, schema_v18,
    schema_v19, schema_v20, schema_v21};

_Static_assert(sizeof migrations / sizeof migrations[0] == STORE_SCHEMA_VERSION,
	       "one migration per schema version");

static int exec_sql(struct store *s, const char *sql, struct err *e,
		    const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	err_set(e, "%s: %s: %s", s->path, what,
		msg ? msg : sqlite3_errmsg(s->db));
	sqlite3_free(msg);
	return -1;
}

static int count_rows(struct store *s, const char *sql, int *n, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, e, "cannot read the schema");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	if (rc != SQLITE_ROW)
		store_fail(s, e, "cannot read the schema");
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

int store_schema_version(struct store *s)
{
	int v = 0;

	count_rows(s, "SELECT coalesce(max(version), 0) FROM schema_version",
		   &v, NULL);
	return v;
}

/* 0 for a new, empty file; -1 for a database some other program made. */
static int current_version(struct store *s, int *version, struct err *e)
{
	int ours = 0, tables = 0;

	if (count_rows(s,
		       "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
		       " AND name = 'schema_version'",
		       &ours, e) < 0 ||
	    count_rows(s, "SELECT count(*) FROM sqlite_master", &tables, e) < 0)
		return -1;
	if (!ours && tables)
		return err_set(e,
			       "%s: a database of another program, not an "
			       "abusedesk cache",
			       s->path);
	*version = ours ? store_schema_version(s) : 0;
	return 0;
}

/* Applies step `to` to a database at version to - 1, inside the caller's
 * transaction. */
static int migrate_step(struct store *s, int to, struct err *e)
{
	sqlite3_stmt *st;

	if (to == 1 &&
	    exec_sql(s,
		     "CREATE TABLE schema_version(version INTEGER "
		     "NOT NULL); INSERT INTO schema_version VALUES(0)",
		     e, "cannot create the schema") < 0)
		return -1;
	if (exec_sql(s, migrations[to - 1], e, "cannot upgrade the schema") < 0)
		return -1;
	st = store_stmt(s, ST_SCHEMA_VERSION,
			"UPDATE schema_version SET version = ?", e);
	if (!st)
		return -1;
	sqlite3_bind_int(st, 1, to);
	return store_exec(s, st, e, "cannot record the schema version");
}

/* One step per transaction. The version is read inside it, so that two
 * programs opening a new file at once do not both create the tables.
 * Returns 1 after a step, 0 when nothing was left to do, -1 on error. */
static int migrate_once(struct store *s, int target, struct err *e)
{
	int v = 0, rc;

	if (exec_sql(s, "BEGIN IMMEDIATE", e, "cannot start the upgrade") < 0)
		return -1;
	rc = current_version(s, &v, e);
	if (rc == 0 && v > STORE_SCHEMA_VERSION)
		rc = err_set(e,
			     "%s: written by a newer abusedesk (schema "
			     "version %d; this one knows up to %d)",
			     s->path, v, STORE_SCHEMA_VERSION);
	if (rc == 0 && v < target)
		rc = migrate_step(s, v + 1, e) < 0 ? -1 : 1;
	if (rc < 0 || exec_sql(s, "COMMIT", e, "cannot save the upgrade") < 0) {
		exec_sql(s, "ROLLBACK", NULL, "rollback");
		return -1;
	}
	return rc;
}

int store_migrate(struct store *s, int target, struct err *e)
{
	int rc;

	while ((rc = migrate_once(s, target, e)) > 0)
		;
	return rc;
}
