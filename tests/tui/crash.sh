#!/usr/bin/env bash
# crash.sh: a crash of the screen's process (a fault, as a bug in a parser
# would cause) gives the terminal back: the alternate screen is left, the
# cursor shows again and the shell's modes are restored. The process is
# found as the child of our own tmux pane, never by a machine-wide pattern.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh
. tests/tui/tmux_lib.bash

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tui_crash.XXXXXX") || exit 1
trap 'tui_stop; rm -rf "$TMP"' EXIT
export TMPDIR=$TMP

# screen_pid: the program our pane's shell runs (env execs it).
screen_pid()
{
	local pane

	pane=$(tui_tmux display -p '#{pane_pid}') || return 1
	pgrep -P "$pane" | head -n 1
}

# pane_is FORMAT VALUE: a tmux pane format (alternate_on, cursor_flag).
pane_is()
{
	local v

	v=$(tui_tmux display -p "#{$1}")
	[ "$v" = "$2" ] && return 0
	echo "$1 is $v, wanted $2"
	return 1
}

tui_start 80 24 --demo
tap_check "the demo opens" tui_wait "IP groups"
tap_check "the screen is on the alternate screen" pane_is alternate_on 1
pid=$(screen_pid)
tap_check "the screen's process is our pane's child" test -n "$pid"
[ -n "$pid" ] && kill -SEGV "$pid"
tap_check "a fault ends it with the fault's status" tui_wait "exit status 139"
tap_check "the alternate screen is left" pane_is alternate_on 0
tap_check "the cursor shows again" pane_is cursor_flag 1
# modes_back: the pane's terminal echoes and reads lines again.
modes_back()
{
	local m

	m=$(stty -a -F "$(tui_tmux display -p '#{pane_tty}')" | tr ' ;' '\n\n')
	echo "$m" | grep -qx icanon && echo "$m" | grep -qx echo && return 0
	echo "$m" | grep -x -e '-*icanon' -e '-*echo'
	return 1
}
tap_check "the shell's modes are back (echo, icanon)" modes_back
tui_stop
tap_done
