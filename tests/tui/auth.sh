#!/usr/bin/env bash
# auth.sh: "is the report genuine?" on the real binary in tmux — with
# [analysis] authserv_id naming our MXs, an imported forged report (DMARC
# fail at our MX) gets the '!' marker and the words "sender not verified"
# in its group's list, and its pager says what our MX found; a genuine
# report (whose attached spam fails DMARC) gets neither; and the demo
# marks its forged report the same way.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh
. tests/tui/tmux_lib.bash

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tui_auth.XXXXXX") || exit 1
trap 'tui_stop; rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
CONF=$TMP/auth.conf
DB=$TMP/auth.db
umask 077
printf '[networks]\nown = 192.0.2.0/24\n[analysis]\nauthserv_id = mx1.ours.example, mx2.ours.example\n' >"$CONF"

if ! command -v tmux >/dev/null || [ ! -x "$TUI_BIN" ]; then
	tap_fail "tmux and $TUI_BIN are there"
	tap_done
fi
"$TUI_BIN" --config "$CONF" --db "$DB" import tests/fixtures/authres/*.eml 2>/dev/null

# line_with TEXT: the screen's lines that hold TEXT.
line_with()
{
	tui_screen | grep -F -- "$1"
}

# row_marked TEXT: the list row holding TEXT has '!' after the tag column.
row_marked()
{
	line_with "$1" | grep -q '^[ *]!' && return 0
	echo "the row of '$1' has no '!'"
	tui_screen
	return 1
}

row_unmarked()
{
	line_with "$1" | grep -q '^ ' && ! line_with "$1" | grep -q 'sender not verified' &&
		return 0
	echo "the row of '$1' is marked"
	tui_screen
	return 1
}

open_group()
{
	tui_keys J && tui_tmux send-keys "$1" Enter && tui_settle
	tui_keys Enter
}

tui_start 120 30 --config "$CONF" --db "$DB"
tui_wait "IP group" || tui_screen
open_group 192.0.2.77
tap_check "the group lists both reports" tui_has "2 reports"
tap_check "the forged report's row starts with '!'" row_marked "bank.example"
tap_check "and says 'sender not verified' where there is room" \
	bash -c 'grep -F bank.example | grep -qF "sender not verified"' < <(tui_screen)
tap_check "the genuine report's row is not marked" row_unmarked "isp.example"
tui_tmux send-keys Home && tui_settle
tui_keys Enter
tap_check "the forged report's compact box says so" \
	tui_has "· sender not verified"
tui_keys b
tap_check "the forged report's whole box says what our MX found" \
	tui_has "│ Sender: DKIM none, SPF softfail, DMARC fail — not verified"
tui_keys b q Down Enter b
tap_check "the genuine report's whole box says it is verified" \
	tui_has "│ Sender: DKIM pass, SPF pass, DMARC pass — verified"
tui_keys b
tui_keys q
tui_tmux resize-window -x 80 -y 24 && tui_settle
tap_check "at 80 columns the '!' stays" row_marked "bank.example"
tap_check "at 80 columns no line is wider than 80" \
	bash -c '! grep -q ".\{81\}" < <(tmux -L "$1" capture-pane -p)' _ "$TUI_SOCK"
tui_keys Q
tui_stop

# Without authserv_id nothing is claimed either way.
printf '[networks]\nown = 192.0.2.0/24\n' >"$TMP/off.conf"
"$TUI_BIN" --config "$TMP/off.conf" --db "$TMP/off.db" import tests/fixtures/authres/*.eml 2>/dev/null
tui_start 120 30 --config "$TMP/off.conf" --db "$TMP/off.db"
tui_wait "IP group" || tui_screen
open_group 192.0.2.77
tap_check "without authserv_id the forged row is not marked" row_unmarked "bank.example"
tui_tmux send-keys Home && tui_settle
tui_keys Enter
tap_check "and its pager has no Sender: line" tui_lacks "│ Sender: "
tui_stop

# The demo sets its own MXs: its forged report is marked.
export TMPDIR=$TMP/demo-tmp
mkdir -p "$TMPDIR"
tui_start 120 30 --demo
tui_wait "IP group" || tui_screen
open_group 192.0.2.23
tap_check "the demo's forged report is marked" row_marked "northwind-bank.example"
tui_stop
tap_done
