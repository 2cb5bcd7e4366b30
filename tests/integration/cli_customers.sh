#!/usr/bin/env bash
# cli_customers.sh: `abusedesk list` names the customer of each IP group
# by the [customers] file, the longest prefix winning, with a "customer"
# object in --json (null where no prefix holds the address) and a column
# in the table; a bad line is a warning naming file and line, and the
# rest of the file still counts.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

bin=${ABUSEDESK_BUILD:-build}/abusedesk
PY=/usr/bin/python3
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
db="$t/d.db"
cfg="$t/cfg"
cat >"$t/customers.csv" <<'CSV'
# who holds our space
prefix,name,contact,id
192.0.2.0/24,"Example Hosting, Inc.",noc@hosting.example,C-100
192.0.2.16/28,Kowalski Dental,it@kowalski.example
2001:db8:100::/48,"V6 ""Quoted"" Ltd",v6@example.net,C-6
not a prefix,Broken,b@example.net
CSV
printf '[networks]\nown = 192.0.2.0/24, 198.51.100.0/24, 2001:db8:100::/48\n[customers]\nfile = %s\n' \
	"$t/customers.csv" >"$cfg"
chmod 600 "$cfg"
run() { "$bin" --config "$cfg" --db "$db" "$@"; }
run import demo/demo.mbox 2>/dev/null

run list --json >"$t/list.json" 2>"$t/err"
tap_check "list --json gives each IP row its customer, the longest prefix winning" \
	"$PY" -c '
import json, sys
rows = {r["ip"]: r for r in json.load(open(sys.argv[1])) if r["kind"] == "ip"}
c = rows["192.0.2.23"]["customer"]
assert c == {"name": "Kowalski Dental", "contact": "it@kowalski.example",
             "id": None, "prefix": "192.0.2.16/28"}, c
c = rows["192.0.2.160"]["customer"]
assert c == {"name": "Example Hosting, Inc.", "contact": "noc@hosting.example",
             "id": "C-100", "prefix": "192.0.2.0/24"}, c
assert rows["2001:db8:100::25"]["customer"]["name"] == "V6 \"Quoted\" Ltd", rows["2001:db8:100::25"]
assert rows["198.51.100.172"]["customer"] is None, rows["198.51.100.172"]
' "$t/list.json"
tap_check "the bad line is a warning naming file and line" \
	grep -qF "warning: $t/customers.csv:6: \"not a prefix\"" "$t/err"

run list >"$t/table" 2>/dev/null
tap_check "the table has a customer column" \
	grep -qE '^192\.0\.2\.23 +Kowalski Dental +10 ' "$t/table"

printf '[networks]\nown = 192.0.2.0/24\n' >"$t/plain"
chmod 600 "$t/plain"
"$bin" --config "$t/plain" --db "$db" list --json >"$t/plain.json"
tap_check "without a customers file the rows have a null customer" \
	"$PY" -c '
import json, sys
rows = [r for r in json.load(open(sys.argv[1])) if r["kind"] == "ip"]
assert rows and all(r["customer"] is None for r in rows), rows[0]
' "$t/plain.json"
tap_done
