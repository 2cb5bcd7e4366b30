#!/usr/bin/env bash
# cli_gone.sh: a message expunged on the server stays in the cache but is no
# open work: `list` and `stats` leave it out, and it counts again when it
# comes back (the sync marks message.gone; here it is set directly).
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

bin=${ABUSEDESK_BUILD:-build}/abusedesk
PY=/usr/bin/python3
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
db="$t/d.db"
cfg="$t/cfg"
printf '[networks]\nown = 192.0.2.0/24, 198.51.100.0/24, 2001:db8:100::/48\n' >"$cfg"
chmod 600 "$cfg"
run() { "$bin" --config "$cfg" --db "$db" "$@"; }
run import demo/demo.mbox 2>/dev/null

# reports IP: the count `list --json` gives for IP (0 when no group).
reports()
{
	run list --json | "$PY" -c 'import json,sys
print(next((g["reports"] for g in json.load(sys.stdin) if g.get("ip") == sys.argv[1]), 0))' "$1"
}

ip=192.0.2.23
before=$(reports "$ip")
tap_check "the group has several reports to begin with" test "$before" -gt 1
one=$(sqlite3 "$db" "select min(message_id) from report_ip where ip = '$ip' and in_scope")
sqlite3 "$db" "update message set gone = 1 where id = $one"
tap_check "an expunged report leaves its group's count" \
	test "$(reports "$ip")" -eq $((before - 1))
sqlite3 "$db" "update message set gone = 1 where id in
	(select message_id from report_ip where ip = '$ip' and in_scope)"
tap_check "a group with only expunged reports is gone from list" \
	test "$(reports "$ip")" -eq 0
total=$(sqlite3 "$db" "select count(*) from message")
tap_check "the expunged messages stay in the cache" \
	test "$(sqlite3 "$db" "select count(*) from message where gone")" -eq "$before"
tap_check "stats counts every message but only reports still on the server" \
	grep -q "^$total messages, $((total - before)) reports" <<<"$(run stats)"
sqlite3 "$db" "update message set gone = 0"
tap_check "a message that comes back counts again" \
	test "$(reports "$ip")" -eq "$before"
tap_done
