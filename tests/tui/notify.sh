#!/usr/bin/env bash
# notify.sh: c tells the customer of a group's IP about its newest report —
# the customer-notification mail shown whole, To the contact of the
# [customers] file, queued in the outbox (a "mail" row, purpose notify)
# only after a yes; no answers nothing; the reporter's address is not in
# the mail; an IP without a customer says so.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh
. tests/tui/tmux_lib.bash

PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tui_notify.XXXXXX") || exit 1
trap 'tui_stop; rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME/abusedesk" "$XDG_DATA_HOME"
CONF=$TMP/demo.conf
DB=$TMP/demo.db
CSV=$TMP/customers.csv
umask 077

if ! command -v tmux >/dev/null || [ ! -x "$TUI_BIN" ]; then
	tap_fail "tmux and $TUI_BIN are there"
	tap_done
fi
cat >"$CONF" <<EOF2
[networks]
own = 192.0.2.0/24, 198.51.100.0/24, 2001:db8:100::/48
[customers]
file = $CSV
[identity]
name = Example Abuse Desk
email = abuse@example.net
EOF2
printf '192.0.2.16/28,Kowalski Dental,it@kowalski.example,C-7\n' >"$CSV"
"$TUI_BIN" --config "$CONF" --db "$DB" import demo/demo.mbox 2>/dev/null
outbox() { sqlite3 "$DB" "SELECT count(*) FROM outbox WHERE kind = 'mail'"; }

tui_start 80 30 --config "$CONF" --db "$DB"
tap_check "the screen starts" tui_wait "IP groups"
tui_keys c
tap_check "c shows the notification, To the customer's contact" \
	tui_has "To: it@kowalski.example"
tap_check "addressed to the customer by name" tui_has "Hello Kowalski Dental,"
tap_check "with the evidence" tui_has "The evidence in the report:"
tap_check "and asks before it sends" \
	tui_has "Send this notification to it@kowalski.example? (y/n)"
tui_keys n
tap_check "n sends nothing" tui_wait "notification not sent"
tap_check "and queues nothing" test "$(outbox)" = 0
tui_keys c
tui_keys y
tap_check "y queues it" tui_wait "notification queued"
tap_check "one mail row in the outbox" test "$(outbox)" = 1
sqlite3 "$DB" "SELECT payload FROM outbox WHERE kind = 'mail'" >"$TMP/payload.json"
tap_check "a notify mail to the contact, marking no report answered, without the reporter" \
	"$PY" -c '
import json, sys
p = json.load(open(sys.argv[1]))
assert p["purpose"] == "notify", p
assert p["rcpt"] == ["it@kowalski.example"], p
assert "answered" not in p, p
raw = p["raw"]
assert "To: it@kowalski.example\r\n" in raw, raw[:300]
assert "Subject: Abuse report about your address 192.0.2.23\r\n" in raw, raw[:400]
for reporter in ("blockwatch", "kowalski-dental.example", "In-Reply-To"):
    assert reporter not in raw, reporter
' "$TMP/payload.json"
tui_keys j
tui_keys c
tap_check "an IP no prefix holds has no customer to tell" \
	tui_wait "no customer holds 192.0.2.160 in the customers file"
tui_stop
tap_done
