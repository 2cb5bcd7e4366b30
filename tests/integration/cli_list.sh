#!/usr/bin/env bash
# cli_list.sh: `abusedesk list` reads what the screen's first list reads —
# the same groups, in the order [ui] sort asks, open work only unless
# --all, and the noise reporters collapsed, each with why it is noise.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

bin=${ABUSEDESK_BUILD:-build}/abusedesk
PY=/usr/bin/python3
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
db="$t/d.db"
cfg="$t/cfg"
printf '[networks]\nown = 192.0.2.0/24, 198.51.100.0/24, 2001:db8:100::/48\n[ui]\nsort = count\n' >"$cfg"
chmod 600 "$cfg"
run() { "$bin" --config "$cfg" --db "$db" "$@"; }
run import demo/demo.mbox 2>/dev/null

run list --json >"$t/all.json"
tap_check "list --json gives noise rows, each with its reason" \
	"$PY" -c '
import json, sys
rows = json.load(open(sys.argv[1]))
noise = [r for r in rows if r["kind"] == "noise"]
assert noise, "no noise row"
assert all(r["why"] and r["reports"] > 0 for r in noise), noise
kinds = [r["kind"] for r in rows]
assert kinds.index("noise") > max(i for i, k in enumerate(kinds) if k == "ip"), kinds
' "$t/all.json"

tap_check "[ui] sort = count orders the IP groups by their reports" \
	"$PY" -c '
import json, sys
rows = [r for r in json.load(open(sys.argv[1])) if r["kind"] == "ip"]
n = [r["reports"] for r in rows]
assert n == sorted(n, reverse=True), n
' "$t/all.json"

printf '[networks]\nown = 192.0.2.0/24, 198.51.100.0/24, 2001:db8:100::/48\n' >"$t/urgent"
chmod 600 "$t/urgent"
"$bin" --config "$t/urgent" --db "$db" list --json >"$t/urgent.json"
tap_check "by default (urgency) the open IP groups come most urgent first" \
	"$PY" -c '
import json, sys
rows = [r for r in json.load(open(sys.argv[1])) if r["kind"] == "ip" and r["open"]]
u = [r["urgency"] for r in rows]
assert u == sorted(u, reverse=True) and u[0] > u[-1], u
assert all(r["urgency"] // 4 == r["harm"] for r in rows), rows
' "$t/urgent.json"

run list >"$t/table"
tap_check "the table lists the noise reporters apart" \
	grep -q '^NOISE REPORTERS (collapsed)$' "$t/table"

ip=$("$PY" -c '
import json, sys
print(next(r["ip"] for r in json.load(open(sys.argv[1])) if r["kind"] == "ip"))' "$t/all.json")
sqlite3 "$db" "insert into ip_state(ip, state, updated_at, seq)
	values('$ip', 'resolved', 1, (select n + 1 from decision_clock))"
tap_check "a resolved group leaves the list" \
	bash -c '! "$@" | grep -q "\"ip\": \"'"$ip"'\""' _ "$bin" --config "$cfg" --db "$db" list --json
run list --all --json >"$t/every.json"
tap_check "--all shows it, resolved" \
	"$PY" -c '
import json, sys
g = next(r for r in json.load(open(sys.argv[1])) if r.get("ip") == sys.argv[2])
assert g["state"] == "resolved", g
' "$t/every.json" "$ip"
tap_done
