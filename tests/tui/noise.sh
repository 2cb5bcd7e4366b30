#!/usr/bin/env bash
# noise.sh: the noise key on the real binary in tmux — a person's report
# marked as noise collapses its group into a noise row "marked by you", U
# brings it back, a bulk reporter unmarked spreads into ordinary groups,
# and the key works from the groups, the list of reports and the pager
# (where it is M).
# The mailbox is written here; the stored mode is read back with
# `abusedesk noise list --json`.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh
. tests/tui/tmux_lib.bash

PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tui_noise.XXXXXX") || exit 1
trap 'tui_stop; rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME/abusedesk" "$XDG_DATA_HOME" "$TMP/mail"
CONF=$TMP/noise.conf
DB=$TMP/noise.db
umask 077
printf '[networks]\nown = 192.0.2.0/24\n[noise]\nmin_reports = 3\n' >"$CONF"

if ! command -v tmux >/dev/null || [ ! -x "$TUI_BIN" ]; then
	tap_fail "tmux and $TUI_BIN are there"
	tap_done
fi

# mail FILE FROM IP TEXT: one report, invented.
mail()
{
	cat >"$TMP/mail/$1.eml" <<EOF
From: $2
To: abuse@isp.example
Subject: About $3
Date: Mon, 02 Mar 2026 10:0${1: -1}:00 +0000
Message-ID: <$1@reports.example>

$4
EOF
}
mail person1 "Jan Baker <jan@bakery-owner.example>" 192.0.2.10 \
	"Since Friday we receive spam from 192.0.2.10. Please stop this spam."
mail other1 "Abuse <abuse@other-isp.example>" 192.0.2.11 \
	"We see SSH login attempts from 192.0.2.11. Please investigate."
mail third1 "Mia <mia@garden-club.example>" 192.0.2.11 \
	"Our forum gets spam from 192.0.2.11. Please stop it."
for i in 0 1 2; do
	mail "bot$i" "Notices <notices@rights-bot.example>" "192.0.2.2$i" \
		"Notice of claimed copyright infringement. A computer at 192.0.2.2$i shared \"Example Film\" over BitTorrent."
done
"$TUI_BIN" --config "$CONF" --db "$DB" import "$TMP"/mail/*.eml 2>/dev/null

# mode_is DOMAIN MODE: as `noise list` reads it from the cache.
mode_is()
{
	"$TUI_BIN" --config "$CONF" --db "$DB" noise list --json >"$TMP/modes.json"
	$PY -c 'import json,sys
m = {r["reporter"]: r["mode"] for r in json.load(open(sys.argv[1]))}
sys.exit(0 if m.get(sys.argv[2], "auto") == sys.argv[3] else "modes: %s" % m)' \
		"$TMP/modes.json" "$1" "$2"
}

# The group row of an IP, above the message line.
row_of()
{
	tui_screen | sed '$d' | grep -E "^ ?$(printf '%s' "$1" | sed 's/\./\\./g') "
}

has_row()
{
	row_of "$1" >/dev/null && return 0
	echo "no row for $1"
	tui_screen
	return 1
}

lacks_row()
{
	row_of "$1" >/dev/null || return 0
	echo "row for $1 still there"
	tui_screen
	return 1
}

# noise_row DOMAIN WHY: the collapsed row of DOMAIN says why it is noise.
noise_row()
{
	tui_screen | grep -qE -- "^▸ $1 +[0-9]+ reports +[0-9]+ IPs +noise: $2\$" && return 0
	echo "no noise row for $1 saying $2"
	tui_screen
	return 1
}

no_noise_row()
{
	tui_screen | grep -qE -- "^▸ $1 " || return 0
	echo "a noise row for $1 is still there"
	tui_screen
	return 1
}

jump()
{
	tui_keys J && tui_tmux send-keys "$1" Enter && tui_settle
}

tui_start 100 30 --config "$CONF" --db "$DB"
tui_wait "IP groups" || { echo "no first screen"; tui_screen; }
tap_check "a person's report is an ordinary group" has_row 192.0.2.10
tap_check "the bulk reporter is one noise row, by its history" \
	noise_row rights-bot.example "3 reports, 100% automated"

# ---- from the list of reports ----
jump 192.0.2.10
tui_keys Enter
tap_check "the group's reports are open" tui_has "192.0.2.10: 1 report"
tui_keys N
tap_check "N says what it did and how to undo it" \
	tui_has "bakery-owner.example marked as noise (U undoes)"
tap_check "the mark is stored" mode_is bakery-owner.example noise
tui_keys q
tap_check "its group left the list" lacks_row 192.0.2.10
tap_check "it collapsed into a noise row marked by you" \
	noise_row bakery-owner.example "marked by you"
tui_keys U
tap_check "U says what it undid" \
	tui_has "undone: bakery-owner.example marked as noise"
tap_check "U brings the group back" has_row 192.0.2.10
tap_check "and removes the noise row" no_noise_row bakery-owner.example
tap_check "and puts the mode back to auto" mode_is bakery-owner.example auto

# ---- on a group row ----
jump 192.0.2.10
tui_keys N
tap_check "N on a group of one reporter marks that reporter" \
	noise_row bakery-owner.example "marked by you"
tui_keys U
jump 192.0.2.11
tui_keys N
tap_check "N on a group of several reporters asks to open it" \
	tui_has "this group has several reporters; open it"
tap_check "and changes nothing" mode_is other-isp.example auto

# ---- unmarking a bulk reporter ----
tui_keys End
tap_check "End reaches the noise row" tui_has "▸ rights-bot.example"
tui_keys N
tap_check "N on a noise row unmarks its reporter" \
	tui_has "rights-bot.example unmarked as noise (U undoes)"
tap_check "its reports are ordinary groups" has_row 192.0.2.21
tap_check "every one of them" has_row 192.0.2.22
tap_check "it has no noise row" no_noise_row rights-bot.example
tap_check "the unmark is stored as never" mode_is rights-bot.example never

# ---- from the pager ----
jump 192.0.2.20
tui_keys Enter Enter
tap_check "the pager shows the report" tui_has "│ Problem: "
# N is the previous search match in the pager, as in mutt's: M marks.
tui_keys M
tap_check "M in the pager marks the report's reporter" \
	tui_has "rights-bot.example marked as noise (U undoes)"
tui_keys q q
tap_check "it is a noise row again, marked by you" \
	noise_row rights-bot.example "marked by you"
tui_keys U U
tap_check "two undos put the rule back in charge" \
	noise_row rights-bot.example "3 reports, 100% automated"
tap_check "with the mode it had" mode_is rights-bot.example auto

# ---- help ----
tui_keys ?
tap_check "help lists the key" tui_has "noise            Mark or unmark the reporter as noise"
tui_keys q Q
tap_check "Q quits with status 0" tui_wait "exit status 0"
tui_stop
tap_done
