#!/usr/bin/env bash
# unsubscribe.sh: on the real binary in tmux — u takes back a d (as in
# mutt), and X unsubscribes: it asks first, showing the method and the
# target, records nothing on no, and on yes records the attempt with its
# outbox row and makes the reporter a noise row that says how many reports
# it sent since, on which X asks again; a plain http target asks a second
# time; a report with no way to unsubscribe says so.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/harness.sh
. tests/tui/tmux_lib.bash

harness_init
TMP="$HARNESS_DIR/tui"
trap 'tui_stop; harness_cleanup' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME/abusedesk" "$XDG_DATA_HOME" "$TMP/mail"
CONF=$TMP/unsub.conf
DB=$TMP/unsub.db
umask 077

if ! command -v tmux >/dev/null || [ ! -x "$TUI_BIN" ]; then
	tap_fail "tmux and $TUI_BIN are there"
	tap_done
fi
harness_https_start sink || exit 1
URL="https://127.0.0.1:$HARNESS_HTTPS_SINK_PORT/u?id=7"
printf '[networks]\nown = 192.0.2.0/24\n[unsubscribe]\nca_file = %s\n' \
	"$HARNESS_CA" >"$CONF"

# mail FILE FROM IP TEXT [HEADER...]: one report, invented.
mail()
{
	local f=$1 from=$2 ip=$3 text=$4
	shift 4
	{
		printf 'From: %s\nTo: abuse@isp.example\nSubject: About %s\n' "$from" "$ip"
		printf 'Date: Mon, 02 Mar 2026 10:00:00 +0000\nMessage-ID: <%s@reports.example>\n' "$f"
		for h in "$@"; do printf '%s\n' "$h"; done
		printf '\n%s\n' "$text"
	} >"$TMP/mail/$f.eml"
}
oc='List-Unsubscribe-Post: List-Unsubscribe=One-Click'
mail person "Jan Baker <jan@bakery-owner.example>" 192.0.2.10 \
	"Since Friday we receive spam from 192.0.2.10. Please stop this spam."
mail bulk "Notices <notices@bulk-notices.example>" 192.0.2.30 \
	"Spam was received from 192.0.2.30." "List-Unsubscribe: <$URL>" "$oc"
mail plain "Alerts <alerts@plain-alerts.example>" 192.0.2.40 \
	"Spam was received from 192.0.2.40." \
	"List-Unsubscribe: <http://127.0.0.1:9/u>" "$oc"
"$TUI_BIN" --config "$CONF" --db "$DB" import "$TMP"/mail/*.eml 2>/dev/null

attempts()
{
	sqlite3 "$DB" "SELECT count(*) FROM unsubscribe_attempt"
}

jump()
{
	tui_keys J && tui_tmux send-keys "$1" Enter && tui_settle
}

tui_start 140 30 --config "$CONF" --db "$DB"
tui_wait "IP groups" || { echo "no first screen"; tui_screen; }

# ---- u undoes d ----
jump 192.0.2.10
tui_keys Enter
tap_check "the group's reports are open" tui_has "192.0.2.10: 1 report"
tui_keys d
tap_check "d resolves the report" tui_has "resolved"
tui_keys u
tap_check "u undoes it, as in mutt" tui_has "undone: "
# `list` shows open groups only.
tap_check "the report is open again" \
	grep -q '"192.0.2.10"' <<<"$("$TUI_BIN" --config "$CONF" --db "$DB" list --json)"
tui_keys q

# ---- X asks, and no records nothing ----
jump 192.0.2.30
tui_keys Enter
tui_keys X
tap_check "X asks with the method and the target" \
	tui_has "Unsubscribe by one-click POST to $URL? [y/N]"
tui_keys n
tap_check "no: nothing happens" tui_has "not unsubscribed"
tap_check "and nothing is recorded" test "$(attempts)" -eq 0

# ---- yes records the attempt ----
tui_keys X
tui_keys y
tap_check "yes queues it" tui_has "unsubscribe queued"
tap_check "the attempt is recorded with its outbox row" \
	test "$(sqlite3 "$DB" "SELECT a.method, a.target, o.kind FROM unsubscribe_attempt a JOIN outbox o ON o.id = a.outbox_id")" = "post|$URL|post"
tap_check "nothing was sent from the screen itself" \
	test "$(harness_https_count sink)" -eq 0
tui_keys q
day=$(sqlite3 "$DB" "SELECT date(created_at, 'unixepoch', 'localtime') FROM unsubscribe_attempt")
tap_check "the reporter is a noise row that counts what it sent since" \
	tui_has "bulk-notices.example  1 reports  1 IPs  noise: marked by you; still sending: 0 since unsubscribe on $day"
tui_keys End
tui_keys X
tap_check "X on the noise row asks for its newest report's target" \
	tui_has "Unsubscribe by one-click POST to $URL? [y/N]"
tui_keys Escape
tap_check "Esc answers no" tui_has "not unsubscribed"
tap_check "and records nothing more" test "$(attempts)" -eq 1

# ---- plain http asks twice ----
jump 192.0.2.40
tui_keys Enter Enter
tui_keys X
tap_check "the pager's X asks too" \
	tui_has "Unsubscribe by one-click POST to http://127.0.0.1:9/u? [y/N]"
tui_keys y
tap_check "plain http asks a second time" tui_has "plain http"
tui_keys n
tap_check "no to the second question: nothing happens" \
	tui_has "not unsubscribed"
tap_check "and nothing is recorded" test "$(attempts)" -eq 1
tui_keys q q

# ---- nothing usable ----
jump 192.0.2.10
tui_keys Enter X
tap_check "a report with no way to unsubscribe says so" \
	tui_has "this report offers no way to unsubscribe"
tui_keys q

tui_keys ? End
tap_check "help lists the key" tui_has "X            unsubscribe"
tui_keys q Q
tap_check "Q quits with status 0" tui_wait "exit status 0"
tui_stop
tap_done
