#!/usr/bin/env bash
# state.sh: one report's state as every reader on the screen shows it —
# the pager's title, its row in the group's list, a search hit's row and
# `list` — after decisions on the report and on its IP in turn: the later
# decision wins, everywhere.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh
. tests/tui/tmux_lib.bash

PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tui_state.XXXXXX") || exit 1
trap 'tui_stop; rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME/abusedesk" "$XDG_DATA_HOME"
CONF=$TMP/demo.conf
DB=$TMP/demo.db
umask 077
# The pager stays on the report decided ([ui] advance = no), to read its
# title; tests/tui/loop.sh walks the moving on.
printf '[networks]\nown = 192.0.2.0/24, 198.51.100.0/24, 2001:db8:100::/48\n[ui]\nadvance = no\n' >"$CONF"
IP=192.0.2.23
# The group's newest report: its row starts with its date, and a word of
# its text finds it.
ROW="2026-03-21 18:45 blockwatch"
WORD=honeypot

if ! command -v tmux >/dev/null || [ ! -x "$TUI_BIN" ]; then
	tap_fail "tmux and $TUI_BIN are there"
	tap_done
fi
"$TUI_BIN" --config "$CONF" --db "$DB" import demo/demo.mbox 2>/dev/null

# row_state: the STATE cell of the report's row on the screen.
row_state()
{
	tui_screen | grep -F "$ROW" | awk '{print $NF}'
}

row_is()
{
	[ "$(row_state)" = "$1" ] && return 0
	echo "the report's row says '$(row_state)', not '$1'"
	tui_screen
	return 1
}

# open_count: the group's open reports as `list --all` gives them.
open_count()
{
	"$TUI_BIN" --config "$CONF" --db "$DB" list --all --json |
		$PY -c 'import json,sys
print(next(g["open"] for g in json.load(sys.stdin) if g.get("ip") == sys.argv[1]))' "$IP"
}

tui_start 100 30 --config "$CONF" --db "$DB"
tui_wait "IP groups"
tui_keys J && tui_tmux send-keys "$IP" Enter && tui_settle
tui_keys Enter
tap_check "the group's list shows the report open" row_is open
before=$(open_count)

# 1. The report itself, resolved in the pager.
tui_keys Enter
tap_check "an open report's pager title names no state" tui_lacks "[resolved]"
tui_keys d
tap_check "resolved in the pager, its title says so" tui_has "[resolved] abuse report about $IP"
tui_keys q
tap_check "the group's list says resolved" row_is resolved
tap_check "list counts one open report less" test "$(open_count)" -eq $((before - 1))

# 2. Its IP reopened after it: the later decision wins.
tui_keys q
tui_keys O
tui_keys Enter
tap_check "the IP reopened later: the row says open" row_is open
tui_keys Enter
tap_check "and the pager names no state" tui_lacks "[resolved]"
tap_check "list counts it open again" test "$(open_count)" -eq "$before"

# 3. The IP ignored, then the report resolved: the report's is later.
tui_keys q && tui_keys q
tui_keys '!'
tui_keys A
tui_keys J && tui_tmux send-keys "$IP" Enter && tui_settle
tui_keys Enter
tap_check "the IP ignored: the row says ignored" row_is ignored
tui_keys d
tap_check "the report resolved after it: the row says resolved" row_is resolved

# 4. A search hit reads the same rule.
tui_keys q
tui_keys / && tui_tmux send-keys "$WORD" Enter && tui_settle
tap_check "the search hit says resolved too" row_is resolved
tui_keys Enter
tap_check "and its pager" tui_has "[resolved] abuse report about $IP"
tui_keys Q
tap_check "Q quits with status 0" tui_wait "exit status 0"

# A report in which our address was attacked is marked as such on its row.
VICTIM=198.51.100.14
tui_start 140 30 --config "$CONF" --db "$DB"
tui_wait "IP groups"
tui_keys J && tui_tmux send-keys "$VICTIM" Enter && tui_settle
tui_keys Enter
tap_check "the victim report's row has the v marker and says so" \
	tui_wait_re "^[ *]v .*our host attacked: "
tui_keys Q
tap_done
