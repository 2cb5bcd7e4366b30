#!/usr/bin/env bash
# cli_stats.sh: `stats` counts what the cache holds, per category and per
# reporter, and marks the bulk senders of the demo as noise.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

bin=${ABUSEDESK_BUILD:-build}/abusedesk
PY=/usr/bin/python3
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
db="$t/d.db"
"$bin" --db "$db" import demo/demo.mbox 2>/dev/null

"$bin" --db "$db" stats >"$t/out" 2>"$t/err"; rc=$?
tap_check "stats exits 0" test "$rc" -eq 0
total=$(sqlite3 "$db" "select count(*) from report")
tap_check "the first line counts the reports" grep -q "^$total messages, $total reports" "$t/out"

"$bin" --db "$db" stats --json >"$t/json"
tap_check "--json is one JSON object whose counts add up" "$PY" -c '
import json, sys
o = json.load(open(sys.argv[1]))
assert o["reports"] == int(sys.argv[2])
assert sum(c["reports"] for c in o["categories"]) == o["reports"]
assert sum(r["reports"] for r in o["reporters"]) == o["reports"]
' "$t/json" "$total"
tap_check "the copyright bots count as noise" "$PY" -c '
import json, sys
o = json.load(open(sys.argv[1]))
noise = {r["reporter"] for r in o["reporters"] if r["noise"]}
assert {"rightsguard.example", "veritasip.example", "webwatch.example"} <= noise, noise
people = [r for r in o["reporters"] if r["reports"] < 20]
assert not any(r["noise"] for r in people), people
' "$t/json"
cat >"$t/cfg" <<'CFG'
[noise]
never = rightsguard.example
reporters = kowalski-dental.example
CFG
chmod 600 "$t/cfg"
"$bin" --db "$db" --config "$t/cfg" stats --json >"$t/json2"
tap_check "[noise] never and reporters override the rule" "$PY" -c '
import json, sys
r = {x["reporter"]: x["noise"] for x in json.load(open(sys.argv[1]))["reporters"]}
assert r["rightsguard.example"] is False and r["kowalski-dental.example"] is True, r
' "$t/json2"
"$bin" --db "$db" stats --bogus >/dev/null 2>&1
tap_check "unknown option exits 2" test $? -eq 2
tap_done
