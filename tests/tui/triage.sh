#!/usr/bin/env bash
# triage.sh: the triage screen on the real binary in tmux — the demo, the
# groups with their counts, noise rows, the pager's box, search, limit,
# resolve and undo, vi keys, resizing, hostile text, and no sockets when
# offline. Expected figures come from `abusedesk list --json` on the same
# cache, not from this file.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh
. tests/tui/tmux_lib.bash

PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tui_triage.XXXXXX") || exit 1
trap 'tui_stop; rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME/abusedesk" "$XDG_DATA_HOME"
CONF=$TMP/demo.conf
DB=$TMP/demo.db
umask 077
printf '[networks]\nown = 192.0.2.0/24, 198.51.100.0/24, 2001:db8:100::/48\n' >"$CONF"

if ! command -v tmux >/dev/null || [ ! -x "$TUI_BIN" ]; then
	tap_fail "tmux and $TUI_BIN are there"
	tap_done
fi
"$TUI_BIN" --config "$CONF" --db "$DB" import demo/demo.mbox 2>/dev/null
"$TUI_BIN" --config "$CONF" --db "$DB" list --json >"$TMP/groups.json"

# count IP: the number of reports list gives for IP.
count()
{
	$PY -c 'import json,sys
for g in json.load(open(sys.argv[1])):
    if g.get("ip") == sys.argv[2]: print(g["reports"])' "$TMP/groups.json" "$1"
}

# The group row of an IP starts a line above the message line (which may
# name the IP too).
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

count_is()
{
	[ -n "$2" ] && row_of "$1" | grep -Eq "^ ?[^ ]+ +$2 " && return 0
	echo "the row of $1 does not show $2 reports"
	tui_screen
	return 1
}

# state_is IP STATE: as the list command reads it from the cache.
state_is()
{
	"$TUI_BIN" --config "$CONF" --db "$DB" list --all --json >"$TMP/now.json"
	$PY -c 'import json,sys
st = [g["state"] for g in json.load(open(sys.argv[1])) if g.get("ip") == sys.argv[2]]
sys.exit(0 if st == [sys.argv[3]] else "state of %s: %s" % (sys.argv[2], st))' \
		"$TMP/now.json" "$1" "$2"
}

narrower_than()
{
	tui_screen | $PY -c 'import sys
w = max(len(l.rstrip("\n")) for l in sys.stdin)
sys.exit(0 if w < int(sys.argv[1]) else "a line of %d characters" % w)' "$1"
}

title_not()
{
	! tui_tmux display -p '#{pane_title}' | grep -qF -- "$1"
}

start()
{
	tui_start "$@"
	tui_wait "IP groups" || { echo "no first screen"; tui_screen; }
}

# ---- the demo, and how signals end it ----
# demo_pid: the screen's process, the one this test started.
demo_pid()
{
	tui_pid
}

# gone_within PID: the process ends within five seconds.
gone_within()
{
	local i

	for i in $(seq 1 50); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
	done
	echo "process $1 still runs"
	return 1
}

empty_dir()
{
	[ -z "$(ls -A "$1")" ] && return 0
	ls -lAR "$1"
	return 1
}

export TMPDIR=$TMP/demo-tmp
mkdir -p "$TMPDIR"
start 100 30 --demo
tap_check "--demo opens the groups screen" tui_has "IP groups"
tap_check "--demo status bar says offline and where help is" tui_has "?:help"
tap_check "--demo keeps its database in TMPDIR" test -n "$(ls -A "$TMPDIR")"
tui_keys /
pid=$(demo_pid)
[ -n "$pid" ] && kill -TERM "$pid"
tap_check "TERM in a prompt ends the screen with the signal's status" tui_wait "exit status 143"
tap_check "the terminal is given back (no screen left over)" tui_lacks "IP groups"
tap_check "and the demo's database is removed" empty_dir "$TMPDIR"
tui_stop
start 100 30 --demo
pid=$(demo_pid)
tap_check "the demo's process is found" test -n "$pid"
tui_stop # a hang-up, as when the SSH connection drops
tap_check "a hang-up ends the screen" gone_within "$pid"
tap_check "and removes the demo's database as well" empty_dir "$TMPDIR"
unset TMPDIR

# ---- groups with counts ----
IP=192.0.2.23
N=$(count $IP)
start 100 30 --config "$CONF" --db "$DB"
tap_check "abusedesk without a command opens the groups" tui_has "IP groups"
tui_keys J && tui_tmux send-keys "$IP" Enter && tui_settle
tap_check "a group row shows its report count ($IP: $N)" count_is "$IP" "$N"

# ---- noise rows ----
# screen_matches REGEX: a line of the screen matches (grep -E).
screen_matches()
{
	tui_screen | grep -qE -- "$1" && return 0
	echo "no line matches: $1"
	tui_screen
	return 1
}
tui_keys End
tap_check "noise reporters are collapsed into one row" \
	screen_matches '^▸ [a-z0-9.-]+ +[0-9]+ reports +[0-9]+ IPs'
tap_check "the noise row says noise, and why" \
	screen_matches '^▸ [a-z0-9.-]+ +[0-9]+ reports +[0-9]+ IPs +noise: [0-9]+ reports, [0-9]+% automated$'
tui_keys Space
tap_check "Space expands a noise row in place" tui_has "▾ "
tui_keys Space
tap_check "Space on one of its IPs collapses it again" tui_has "▸ "
tap_check "collapsed, no ▾ is left" tui_lacks "▾ "

# ---- pager box ----
tui_keys J && tui_tmux send-keys "$IP" Enter && tui_settle
tui_keys Enter
tap_check "Enter opens the group's reports" tui_has "$N reports"
tui_keys Enter
tap_check "the pager's box has Problem:" tui_has "│ Problem: "
tap_check "the pager's box has Action:" tui_has "│ Action: "
tui_keys h
tap_check "h shows the raw source" tui_has "Message-ID:"
tui_keys h q q
tap_check "q goes back to the groups" tui_has "IP groups"

# ---- search ----
tui_keys /
tui_tmux send-keys memcached Enter && tui_settle
tap_check "search finds reports by a word of their body" tui_has 'search "memcached"'
tui_keys Enter
tap_check "a hit opens in the pager" tui_has "│ Problem: "
tui_keys q q

# ---- limit by CIDR ----
tui_keys l
tui_tmux send-keys "ip:198.51.100.0/24" Enter && tui_settle
tap_check "limit ip:198.51.100.0/24 keeps 198.51.100.x" tui_has "198.51.100."
tap_check "limit ip:198.51.100.0/24 drops 192.0.2.x" lacks_row "$IP"
tap_check "the status bar shows the limit" tui_has "limit: ip:198.51.100.0/24"
tui_keys l C-u Enter
tap_check "an empty limit shows everything again" has_row "$IP"

# ---- resolve and undo ----
tui_keys J && tui_tmux send-keys "$IP" Enter && tui_settle
tui_keys d
tap_check "resolving a group makes it leave the list at once" lacks_row "$IP"
tap_check "the state is stored" state_is "$IP" resolved
tap_check "an outbox row is queued for the keyword" tui_has "1 queued"
tui_keys U
tap_check "U brings the group back" has_row "$IP"
tap_check "undo is stored too" state_is "$IP" open

# ---- resize ----
tui_tmux resize-window -x 80 -y 24 && tui_settle
tap_check "at 80x24 the groups still show" tui_has "IP groups"
tap_check "at 80x24 no line is wider than 80 columns" narrower_than 81
tui_tmux resize-window -x 200 -y 50 && tui_settle
tap_check "at 200x50 the extra columns appear" tui_has "FIRST"
tui_tmux resize-window -x 30 -y 8 && tui_settle
tap_check "below the minimum it says terminal too small" tui_has "terminal too small"
tui_tmux resize-window -x 100 -y 30 && tui_settle
tap_check "and it comes back at a normal size" tui_has "IP groups"
tui_keys Q
tap_check "Q quits with status 0" tui_wait "exit status 0"
tui_stop

# ---- hostile text ----
start 100 30 --config "$CONF" --db "$DB"
tui_keys J && tui_tmux send-keys 192.0.2.66 Enter && tui_settle
tui_keys Enter
tui_screen -e >"$TMP/hostile-list"
tui_keys Enter
tui_screen -e >"$TMP/hostile-pager"
clean()
{
	# SGR (colours, bold...) is ncurses' own; anything else is not.
	sed 's/\x1b\[[0-9;:]*m//g' "$1" | grep -P '\x1b|\xc2[\x80-\x9f]|\xe2\x80[\xab-\xae]|\xe2\x81[\xa6-\xa9]' &&
		return 1
	return 0
}
tap_check "the hostile report's row shows no escape" clean "$TMP/hostile-list"
tap_check "the hostile report's pager shows no escape" clean "$TMP/hostile-pager"
tap_check "the hostile report did not set the title" title_not owned
tui_stop

# ---- a report about an attack on our address ----
start 100 30 --config "$CONF" --db "$DB"
tui_keys J && tui_tmux send-keys 198.51.100.14 Enter && tui_settle
tui_keys Enter
tui_keys Enter
tap_check "the pager marks our attacked address as the victim" \
	tui_has "198.51.100.14 (victim)"
tui_stop

# ---- vi keys and a bad user keymap line ----
printf '[networks]\nown = 192.0.2.0/24\n[ui]\nkeymap = vi\n' >"$TMP/vi.conf"
printf 'bind groups x quit\nbind groups y fly\n' >"$XDG_CONFIG_HOME/abusedesk/keys"
start 100 30 --config "$TMP/vi.conf" --db "$DB"
tap_check "a bad keymap line is reported as file:line" tui_has "keys:2: unknown action 'fly'"
tui_keys l
tap_check "vi keys: l opens the group (its title and columns)" \
	screen_matches '^ [0-9a-f.:]+: [0-9]+ reports?$'
tui_keys h
tap_check "vi keys: h goes back" tui_has "IP groups"
tui_keys ?
tap_check "help names the keymap in force" tui_has "keymap: vi"
tui_keys PageDown
tap_check "help lists vi's ^F" tui_has "^F "
tui_keys q x
tap_check "the rest of the user's file loaded (x quits)" tui_wait "exit status 0"
tui_stop
rm -f "$XDG_CONFIG_HOME/abusedesk/keys"

# ---- offline: no socket ----
# (LeakSanitizer cannot run under strace: both use ptrace. The leak check
# of the sanitizer build is "Q quits with status 0" above.)
if command -v strace >/dev/null; then
	tui_tmux new-session -d -x 100 -y 30 \
		"ASAN_OPTIONS=detect_leaks=0 strace -f -o '$TMP/trace' -e trace=socket,connect '$TUI_BIN' --config '$CONF' --db '$DB' --offline --exit-after-first-frame; sleep 600"
	# Up to a minute: the sanitizer build under strace starts slowly on a
	# busy machine; the loop ends as soon as the program has exited.
	for i in $(seq 1 600); do
		grep -q 'exited with' "$TMP/trace" 2>/dev/null && break
		sleep 0.1
	done
	tap_check "--offline opens no socket" \
		bash -c "grep -q 'exited with 0' '$TMP/trace' && ! grep -Eq '^[0-9]+ +(socket|connect)\(' '$TMP/trace'"
	tui_stop
else
	tap_skip "--offline opens no socket" "strace is not installed"
fi

tap_done
