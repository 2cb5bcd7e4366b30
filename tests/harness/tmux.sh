# tmux.sh: drive a program in a private tmux server, with no terminal.
# The server uses the socket $HARNESS_DIR/tmux.sock and its own config, so
# it never touches the user's tmux. Panes stay after their program exits
# (remain-on-exit), so a test can still read the last screen.
#   harness_tmux_start NAME COLS ROWS CMD...   start CMD in session NAME
#   harness_tmux_keys NAME KEY...              tmux key names: Enter, Up, C-c, q
#   harness_tmux_type NAME TEXT                TEXT literally
#   harness_tmux_capture NAME [-e]             the screen (-e: with escapes)
#   harness_tmux_wait_for NAME TEXT [SECONDS]  poll until TEXT shows (default
#                                              10 s); on timeout prints the
#                                              screen as # lines, returns 1
#   harness_tmux_wait_gone NAME TEXT [SECONDS] poll until TEXT is gone
#   harness_tmux_resize NAME COLS ROWS
#   harness_tmux_exited NAME                   succeeds once CMD has exited;
#                                              prints its exit status
#   harness_tmux_stop NAME / harness_tmux_stop_all
# HARNESS_TMUX_TERM sets TERM inside (default tmux-256color).

harness_tmux()
{
	tmux -S "$HARNESS_DIR/tmux.sock" -f "$HARNESS_DIR/tmux.conf" "$@"
}

harness_tmux_start()
{
	local name=$1 cols=$2 rows=$3

	shift 3
	harness_init || return 1
	if [ $# -eq 0 ]; then
		harness_log "usage: harness_tmux_start NAME COLS ROWS CMD..."
		return 1
	fi
	cat >"$HARNESS_DIR/tmux.conf" <<EOF
set -g default-terminal "${HARNESS_TMUX_TERM:-tmux-256color}"
set -g remain-on-exit on
set -g history-limit 2000
set -g status off
set -g escape-time 0
set -g exit-empty off
EOF
	rm -f "$HARNESS_DIR/tmux-$name.status"
	[ -S "$HARNESS_DIR/tmux.sock" ] ||
		harness_track tmux "$HARNESS_DIR/tmux.sock"
	# tmux 3.3 sometimes marks a pane dead without its exit status, so a
	# small bash records it (bash passes ^C on like the program does).
	harness_tmux new-session -d -s "$name" -x "$cols" -y "$rows" -- \
		bash --norc --noprofile -c '"$@"; echo $? >"$0"' \
		"$HARNESS_DIR/tmux-$name.status" "$@"
}

# harness_tmux_pid NAME [PROGRAM]: the PID of PROGRAM (default abusedesk)
# run in session NAME: a child of the pane's bash, so only a process this
# harness started, never one of the same name a user runs.
harness_tmux_pid()
{
	local pane

	pane=$(harness_tmux display -p -t "$1" '#{pane_pid}') || return 1
	pgrep -P "$pane" -x "$(basename "${2:-abusedesk}" | cut -c1-15)" |
		head -n 1
}

harness_tmux_keys()
{
	local name=$1

	shift
	harness_tmux send-keys -t "$name" "$@"
}

harness_tmux_type()
{
	harness_tmux send-keys -t "$1" -l -- "$2"
}

harness_tmux_capture()
{
	if [ "${2:-}" = -e ]; then
		harness_tmux capture-pane -p -e -t "$1"
	else
		harness_tmux capture-pane -p -t "$1"
	fi
}

harness_tmux_wait_for()
{
	local name=$1 text=$2 tries=$((${3:-10} * 20))

	until harness_tmux_capture "$name" | grep -Fq -- "$text"; do
		tries=$((tries - 1))
		if [ "$tries" -le 0 ]; then
			harness_log "tmux $name: no \"$text\" on screen:"
			harness_tmux_capture "$name" | sed 's/^/# | /' >&2
			return 1
		fi
		sleep 0.05
	done
	return 0
}

harness_tmux_wait_gone()
{
	local name=$1 text=$2 tries=$((${3:-10} * 20))

	while harness_tmux_capture "$name" | grep -Fq -- "$text"; do
		tries=$((tries - 1))
		[ "$tries" -le 0 ] && return 1
		sleep 0.05
	done
	return 0
}

harness_tmux_resize()
{
	harness_tmux resize-window -t "$1" -x "$2" -y "$3"
}

harness_tmux_exited()
{
	local f="$HARNESS_DIR/tmux-$1.status"

	[ -s "$f" ] || return 1
	cat "$f"
}

harness_tmux_stop()
{
	harness_tmux kill-session -t "$1" 2>/dev/null
	return 0
}

harness_tmux_stop_all()
{
	[ -n "${HARNESS_DIR:-}" ] && [ -S "$HARNESS_DIR/tmux.sock" ] || return 0
	harness_tmux kill-server 2>/dev/null
	return 0
}
