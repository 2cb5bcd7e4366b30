# tmux_lib.bash: driving the real binary in a private tmux server for the
# tests in tests/tui (sourced, not run). Each test file gets its own socket,
# so tests can run side by side.
#   tui_start COLS ROWS ARGS...   starts abusedesk in a new session
#   tui_keys KEYS...              tmux send-keys, then waits for a quiet screen
#   tui_screen [-e]               the visible screen (with -e: escapes kept)
#   tui_wait TEXT                 waits until TEXT is on screen (20 s at most)
#   tui_wait_re REGEX             the same for an extended regular expression
#   tui_has TEXT / tui_lacks TEXT checks for tap_check
#   tui_stop                      ends the session and the server

TUI_SOCK=abusedesk-test-$$
TUI_BIN=${ABUSEDESK_BUILD:-build}/abusedesk

tui_tmux()
{
	tmux -L "$TUI_SOCK" -f /dev/null "$@"
}

# tui_kill_server: ends this test's tmux server and waits until its
# process is gone: kill-server returns before the server has exited, and
# a new session started at once may reach the dying one ("server exited
# unexpectedly").
tui_kill_server()
{
	local pid i

	pid=$(tui_tmux display -p '#{pid}' 2>/dev/null)
	tui_tmux kill-server 2>/dev/null
	[ -n "$pid" ] || return 0
	for i in $(seq 1 200); do
		[ -d "/proc/$pid" ] || return 0
		sleep 0.05
	done
	return 0
}

tui_start()
{
	local cols=$1 rows=$2

	shift 2
	tui_kill_server
	tui_tmux new-session -d -x "$cols" -y "$rows" \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color $(printf '%q ' "$TUI_BIN" "$@"); echo \"exit status \$?\"; sleep 600"
	tui_tmux set-option -g remain-on-exit on >/dev/null
}

# tui_pid: the program's PID, found as a child of the pane's shell (env
# execs it): only the process this test started, never a user's copy.
tui_pid()
{
	local pane

	pane=$(tui_tmux display -p '#{pane_pid}') || return 1
	pgrep -P "$pane" -x "$(basename "$TUI_BIN" | cut -c1-15)" | head -n 1
}

tui_screen()
{
	tui_tmux capture-pane -p "$@"
}

# tui_runnable PID: the program is running or waiting for a CPU, so it
# may still be reading the keys just sent or drawing their answer.
tui_runnable()
{
	local stat

	[ -n "$1" ] && stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	stat=${stat##*) }
	[ "${stat%% *}" = R ]
}

# tui_settle: waits until the screen stays the same over two looks and
# the program sleeps between them (on a busy machine a still screen alone
# may only mean the program has not had the CPU yet).
tui_settle()
{
	local prev='' cur i pid

	pid=$(tui_pid 2>/dev/null)
	for i in $(seq 1 50); do
		sleep 0.1
		cur=$(tui_screen)
		if [ "$cur" = "$prev" ] && ! tui_runnable "$pid"; then
			return 0
		fi
		prev=$cur
	done
}

tui_keys()
{
	tui_tmux send-keys "$@"
	tui_settle
}

# tui_poll TENTHS GREP_FLAG PATTERN: whether the screen matches PATTERN
# (grep -F or -E) within TENTHS tenths of a second.
tui_poll()
{
	local i

	for i in $(seq 1 "$1"); do
		tui_screen | grep -q"$2" -- "$3" && return 0
		sleep 0.1
	done
	return 1
}

tui_wait()
{
	tui_poll 200 F "$1"
}

# tui_wait_re: like tui_wait, for an extended regular expression.
tui_wait_re()
{
	tui_poll 200 E "$1" && return 0
	echo "screen never matched: $1"
	tui_screen
	return 1
}

# tui_has: the text is on the screen, waiting a little for it, since a
# busy machine may draw the answer to the last key after tui_settle
# saw a still screen.
tui_has()
{
	tui_poll 50 F "$1" && return 0
	echo "screen lacks: $1"
	tui_screen
	return 1
}

tui_lacks()
{
	tui_screen | grep -qF -- "$1" || return 0
	echo "screen still has: $1"
	tui_screen
	return 1
}

tui_stop()
{
	tui_kill_server
}
