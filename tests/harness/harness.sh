# harness.sh: throwaway servers on 127.0.0.1 for integration and TUI tests.
# Source it from bash, call harness_init, then start what the test needs
# (harness_dovecot_start, harness_smtp_start, harness_https_start,
# harness_fake_imap_start, harness_tmux_start). Everything lives under one
# mktemp -d folder and is stopped by an EXIT/INT/TERM trap, also when the
# test fails midway.
# See tests/harness/README.md for the variables each part exports.

HARNESS_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# Debian's python: the one with aiosmtpd. The python3 on PATH may differ.
HARNESS_PY=${HARNESS_PY:-/usr/bin/python3}
HARNESS_CLEANUPS=()
HARNESS_CHILD=
HARNESS_TIMER=

# Print a diagnostic line (TAP comment style, so runners ignore it).
harness_log()
{
	printf '# harness: %s\n' "$*" >&2
}

# Creates the temp folder and installs the traps. Idempotent within one
# shell; a child script gets its own folder and servers, never its parent's.
harness_init()
{
	local v owner=$BASHPID

	if [ "${HARNESS_OWNER:-}" = "$owner" ] && [ -d "$HARNESS_DIR" ]; then
		return 0
	fi
	for v in $(compgen -e HARNESS_); do
		case "$v" in
		HARNESS_PY | HARNESS_KEEP | HARNESS_TIMEOUT | HARNESS_TMUX_TERM | \
			HARNESS_DOVECOT | HARNESS_DOVEADM | HARNESS_WRAP | HARNESS_SLOWDOWN) ;;
		*) unset "$v" ;;
		esac
	done
	HARNESS_OWNER=$owner
	HARNESS_DIR=$(mktemp -d "${TMPDIR:-/tmp}/abusedesk-harness.XXXXXX") ||
		return 1
	# The mail processes run as an unprivileged uid and must be able to
	# walk down to their Maildir; nothing in here is secret.
	chmod 0711 "$HARNESS_DIR"
	export HARNESS_DIR
	trap harness_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
	# No trap runs on SIGKILL: a sentinel in its own session stops the
	# servers if this shell dies without cleaning up.
	setsid "$BASH" "$HARNESS_LIB/sentinel.sh" "$owner" "$HARNESS_DIR" \
		</dev/null >/dev/null 2>&1 &
	HARNESS_SENTINEL=$!
}

# Notes a server for harness_reap: KIND is dovecot (PID is the master),
# tmux (PID is the socket), proc, or child (a test program: PID START).
harness_track()
{
	printf '%s %s\n' "$1" "$2" >>"$HARNESS_DIR/.pids"
}

# The start time of PID (field 22 of /proc/PID/stat), which tells it
# apart from a later process that got the same number.
harness_start_time()
{
	sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f20
}

# Whether process PID is one of ours: its command line names DIR.
harness_owns()
{
	tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline" | grep -qF -- "$2"
}

# Stops whatever harness_track noted under DIR and removes DIR; for the
# sentinel, whose test shell is gone. Processes whose command line does not
# name DIR (ended, their pid reused) are left alone.
harness_reap()
{
	local dir=$1 kind pid start masters=()

	while read -r kind pid start; do
		case "$kind" in
		tmux) tmux -S "$pid" kill-server 2>/dev/null ;;
		child)
			[ "$(harness_start_time "$pid")" = "$start" ] &&
				harness_kill_tree "$pid" ;;
		dovecot)
			harness_owns "$pid" "$dir" || continue
			kill -TERM "$pid" 2>/dev/null
			masters+=("$pid") ;;
		*) harness_owns "$pid" "$dir" && kill -TERM "$pid" 2>/dev/null ;;
		esac
	done <"$dir/.pids"
	for pid in "${masters[@]}"; do
		harness_wait_gone "$pid" 5
		kill -KILL -- "-$pid" 2>/dev/null
	done
	[ "${HARNESS_KEEP:-0}" = 1 ] || rm -rf "$dir"
}

# Stops the servers harness_track noted as "proc" (the HTTPS and SMTP
# sinks, a test's own extra sinks, the fake IMAP server) that are still
# running: only a process whose command line names this test's folder,
# never another copy. Waits for each, then kills what is left.
harness_procs_stop()
{
	local kind pid rest left=()

	[ -n "${HARNESS_DIR:-}" ] && [ -f "$HARNESS_DIR/.pids" ] || return 0
	while read -r kind pid rest; do
		[ "$kind" = proc ] && harness_owns "$pid" "$HARNESS_DIR" &&
			kill -TERM "$pid" 2>/dev/null && left+=("$pid")
	done <"$HARNESS_DIR/.pids"
	for pid in "${left[@]}"; do
		harness_wait_gone "$pid" 5 ||
			{ harness_owns "$pid" "$HARNESS_DIR" &&
				kill -KILL "$pid" 2>/dev/null; }
	done
	return 0
}

# Runs CMD... at cleanup time, before the harness's own servers stop.
harness_on_cleanup()
{
	HARNESS_CLEANUPS+=("$*")
}

# Stops everything the harness started and removes the temp folder
# (kept when HARNESS_KEEP=1, for debugging).
harness_cleanup()
{
	local i rc=$?

	trap - EXIT
	# A second ^C or a runner's SIGTERM must not cut the cleanup short.
	trap '' INT TERM HUP
	if [ -n "${HARNESS_TIMER:-}" ]; then
		harness_kill_tree "$HARNESS_TIMER"
		HARNESS_TIMER=
	fi
	if [ -n "$HARNESS_CHILD" ]; then
		harness_kill_tree "$HARNESS_CHILD"
		HARNESS_CHILD=
	fi
	for ((i = ${#HARNESS_CLEANUPS[@]} - 1; i >= 0; i--)); do
		eval "${HARNESS_CLEANUPS[i]}" || true
	done
	HARNESS_CLEANUPS=()
	harness_tmux_stop_all 2>/dev/null
	harness_smtp_stop 2>/dev/null
	harness_fake_imap_stop 2>/dev/null
	harness_dovecot_stop_all 2>/dev/null
	harness_procs_stop
	if [ -n "${HARNESS_DIR:-}" ] && [ -d "$HARNESS_DIR" ]; then
		if [ "${HARNESS_KEEP:-0}" = 1 ]; then
			harness_log "kept $HARNESS_DIR"
		else
			rm -rf "$HARNESS_DIR"
		fi
	fi
	# Last: if SIGKILL interrupts the above, the sentinel finishes it.
	if [ -n "${HARNESS_SENTINEL:-}" ]; then
		kill -TERM "$HARNESS_SENTINEL" 2>/dev/null
		HARNESS_SENTINEL=
	fi
	HARNESS_DIR=
	return "$rc"
}

# Sends SIGNAL to PID if it is still the process that started at START.
harness_kill_same()
{
	[ "$(harness_start_time "$2")" = "$3" ] && kill "-$1" "$2" 2>/dev/null
}

# The timeout of harness_run: after SECONDS, marks MARK and ends the child
# PID (started at START), unless it has ended already.
harness_timer()
{
	local seconds=$1 pid=$2 start=$3 mark=$4

	sleep "$seconds"
	harness_kill_same 0 "$pid" "$start" || return 0
	: >"$mark"
	harness_kill_same TERM "$pid" "$start"
	sleep 2
	harness_kill_same KILL "$pid" "$start"
	return 0
}

# Runs CMD... in the background and waits for it, so that a signal to
# this shell runs the cleanup trap at once instead of after CMD ends.
# With HARNESS_TIMEOUT=N, CMD is killed after N seconds (status 124).
# HARNESS_WRAP (words, e.g. a valgrind command line) goes before CMD, and
# HARNESS_SLOWDOWN multiplies the timeout for such a slower run.
harness_run()
{
	local rc start mark timeout=${HARNESS_TIMEOUT:-}

	[ -n "$timeout" ] && timeout=$((timeout * ${HARNESS_SLOWDOWN:-1}))
	# shellcheck disable=SC2086 # HARNESS_WRAP is a list of words
	${HARNESS_WRAP:-} "$@" &
	HARNESS_CHILD=$!
	start=$(harness_start_time "$HARNESS_CHILD")
	harness_track child "$HARNESS_CHILD $start"
	mark="$HARNESS_DIR/.timeout.$HARNESS_CHILD"
	if [ -n "$timeout" ]; then
		harness_timer "$timeout" "$HARNESS_CHILD" "$start" \
			"$mark" 2>/dev/null &
		HARNESS_TIMER=$!
		harness_track child \
			"$HARNESS_TIMER $(harness_start_time "$HARNESS_TIMER")"
	fi
	wait "$HARNESS_CHILD"
	rc=$?
	HARNESS_CHILD=
	if [ -n "${HARNESS_TIMER:-}" ]; then
		harness_kill_tree "$HARNESS_TIMER"
		wait "$HARNESS_TIMER" 2>/dev/null
		HARNESS_TIMER=
	fi
	if [ -e "$mark" ]; then
		harness_log "timed out after $timeout s: $*"
		rm -f "$mark"
		rc=124
	fi
	return "$rc"
}

# Kills PID and, depth first, every process below it.
harness_kill_tree()
{
	local pid=$1 sig=${2:-TERM} child

	for child in $(pgrep -P "$pid" 2>/dev/null); do
		harness_kill_tree "$child" "$sig"
	done
	kill "-$sig" "$pid" 2>/dev/null
	return 0
}

# Waits up to SECONDS (default 5) for PID to exit. Returns 1 if it did not.
harness_wait_gone()
{
	local pid=$1 tries=$((${2:-5} * 20))

	while kill -0 "$pid" 2>/dev/null; do
		# A zombie whose parent is us counts as gone.
		case "$(ps -o stat= -p "$pid" 2>/dev/null)" in
		Z*) return 0 ;;
		esac
		tries=$((tries - 1))
		[ "$tries" -le 0 ] && return 1
		sleep 0.05
	done
	return 0
}

# Prints the live (not zombie) processes whose command line mentions TAG
# (default: this harness's folder name, which every server it starts
# carries in its arguments or process title). For "nothing left" checks.
harness_leftovers()
{
	local tag=${1:-$(basename "${HARNESS_DIR:-}")} pid stat

	# The tag is a folder mktemp named for this harness, which no other
	# process carries; it only lists, it never signals.
	[ -n "$tag" ] || return 0
	for pid in $(pgrep -f -- "$tag"); do
		[ "$pid" = "$$" ] && continue
		stat=$(ps -o stat= -p "$pid" 2>/dev/null) || continue
		case "$stat" in
		Z*) ;;
		*) ps -o pid=,args= -p "$pid" ;;
		esac
	done
}

# Prints a TCP port on 127.0.0.1 that was free a moment ago. The kernel
# picks it from the ephemeral range, so two callers rarely collide; the
# servers that cannot bind it are restarted on another (see dovecot.sh).
harness_free_port()
{
	"$HARNESS_PY" -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Succeeds once something accepts TCP connections on 127.0.0.1:PORT,
# polling for up to SECONDS (default 10).
harness_wait_port()
{
	local port=$1 tries=$((${2:-10} * 20))

	while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
		tries=$((tries - 1))
		[ "$tries" -le 0 ] && return 1
		sleep 0.05
	done
	return 0
}

# Waits until PATTERN (grep -E) shows in FILE, for up to SECONDS (default 5).
harness_wait_file_match()
{
	local file=$1 pattern=$2 tries=$((${3:-5} * 20))

	until grep -Eq -- "$pattern" "$file" 2>/dev/null; do
		tries=$((tries - 1))
		[ "$tries" -le 0 ] && return 1
		sleep 0.05
	done
	return 0
}

. "$HARNESS_LIB/certs.sh"
. "$HARNESS_LIB/dovecot.sh"
. "$HARNESS_LIB/smtp.sh"
. "$HARNESS_LIB/https.sh"
. "$HARNESS_LIB/fake_imap.sh"
. "$HARNESS_LIB/tmux.sh"
. "$HARNESS_LIB/conf.sh"
. "$HARNESS_LIB/tap.sh"
