#!/usr/bin/env bash
# cli_reanalyze.sh: `reanalyze` re-derives stale reports from the stored raw
# mail, keeps states, and with --all redoes everything.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

bin=${ABUSEDESK_BUILD:-build}/abusedesk
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
db="$t/x.db"
"$bin" --db "$db" import demo/demo.mbox 2>/dev/null
total=$(sqlite3 "$db" "select count(*) from message")
before=$(sqlite3 "$db" "select group_concat(category || '/' || coalesce(type,''), ',') from report order by message_id")
sqlite3 "$db" "update report set analyzer_version = 0, category = 'stale' where message_id % 3 = 0;
	insert into ip_state(ip, state, updated_at) values ('192.0.2.23', 'resolved', 1)"
stale=$(sqlite3 "$db" "select count(*) from report where analyzer_version = 0")
# hits WORD: how many messages a search for the word finds.
hits()
{
	sqlite3 "$db" "select count(*) from message_fts where message_fts match '$1'"
}
hits_before=$(hits abuse)
# A word no message has, indexed for the first message: the rebuild must
# take it away (an index that was not emptied keeps it).
sqlite3 "$db" "insert into message_fts(rowid, subject, body) values((select min(id) from message), 'zzplanted', '')"

out=$("$bin" --db "$db" reanalyze 2>&1); rc=$?
tap_check "reanalyze exits 0" test "$rc" -eq 0
tap_check "reanalyze re-derives exactly the stale reports ($stale)" grep -q "re-derived $stale reports" <<<"$out"
tap_check "no stale report is left" test "$(sqlite3 "$db" "select count(*) from report where category = 'stale' or analyzer_version = 0")" -eq 0
after=$(sqlite3 "$db" "select group_concat(category || '/' || coalesce(type,''), ',') from report order by message_id")
tap_check "re-derived reports equal the first derivation" test "$before" = "$after"
tap_check "the search index was rebuilt (a planted word is gone)" test "$(hits zzplanted)" = 0
tap_check "the search finds every report again ($hits_before)" test "$(hits abuse)" = "$hits_before"
tap_check "states are kept" test "$(sqlite3 "$db" "select state from ip_state where ip = '192.0.2.23'")" = resolved
out=$("$bin" --db "$db" reanalyze 2>&1)
tap_check "nothing to do the second time" grep -q "re-derived 0 reports" <<<"$out"
out=$("$bin" --db "$db" reanalyze --all 2>&1)
tap_check "--all re-derives every report ($total)" grep -q "re-derived $total reports" <<<"$out"
tap_check "the rebuilt search index is sound" sqlite3 "$db" "insert into message_fts(message_fts) values('integrity-check')"
tap_check "after --all too" test "$(hits abuse)" = "$hits_before"
"$bin" --db "$db" reanalyze --bogus >/dev/null 2>&1
tap_check "unknown option exits 2" test $? -eq 2
tap_done
