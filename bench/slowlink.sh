#!/usr/bin/env bash
# slowlink.sh: the sync over a slow link. A harness Dovecot gets 10,000
# generated reports of syncgen's plain mix, written straight into its
# Maildir and indexed; bench/delay_proxy.py, a TCP proxy on 127.0.0.1 that
# holds every chunk back by half the round-trip time each way (latency
# only, the loopback's bandwidth), stands between it and the clients.
# Then, in one run, over plain IMAP (tls = none):
#   (a) the floor: one UID FETCH 1:* (BODY.PEEK[]) read and thrown away
#       (fetchfloor), directly and through the proxy
#   (b) abusedesk sync into an empty cache, analysis included, directly
#       and through the proxy; (b)/(a) through the proxy is the figure: a
#       sync that pipelines its fetches pays a few round trips, not one a
#       message or a batch
#   (c) the idle-and-new-mail cycle through the proxy: the screen on the
#       cache of (b) in a tmux pane, its worker idling (the status bar
#       says "idle since" and Dovecot's imap process says IDLE); a
#       fail2ban report about an address of its own is delivered
#       (doveadm save) and the time from just before the delivery to the
#       address on the screen is taken, polling the pane every 20 ms,
#       BENCH_SLOW_CYCLES times; the worst and the median are reported
# The direct figures show what the link costs; "turns" are how often the
# talk through the proxy changed direction (about two per round trip the
# client waited for; delay_proxy.py --log). The proxy accepts a connection
# at once, so the TCP handshake's round trip is not in the figures (one
# per connection on a real link). Every figure is printed with its target,
# with the machine's load (the figures are wall-clock times); nothing is
# asserted.
#   BENCH_SLOW_N=10000       messages
#   BENCH_SLOW_RTT=50        round-trip time of the link, ms
#   BENCH_RUNS=3             runs of (a) and (b) each way, after one
#                            warm-up run; the best is kept
#   BENCH_SLOW_CYCLES=3      new-mail cycles of (c)
set -u
cd "$(dirname "$0")/.." || exit 1
build=${ABUSEDESK_BUILD:-build}
BIN=$PWD/$build/abusedesk
GEN=$PWD/$build/bench/syncgen
FLOOR=$PWD/$build/bench/fetchfloor
PT=$PWD/$build/bench/proctime
PROXY=$PWD/bench/delay_proxy.py
N=${BENCH_SLOW_N:-10000}
RTT=${BENCH_SLOW_RTT:-50}
RUNS=${BENCH_RUNS:-3}
CYCLES=${BENCH_SLOW_CYCLES:-3}
COLS=120 ROWS=40

for f in "$BIN" "$GEN" "$FLOOR" "$PT"; do
	[ -x "$f" ] || { echo "slowlink: $f is missing (make bench builds it)"; exit 1; }
done
for c in tmux sqlite3; do
	command -v $c >/dev/null || { echo "slowlink: $c is not installed"; exit 1; }
done

. tests/harness/harness.sh
harness_init || exit 1
harness_certs || exit 1
harness_dovecot_start || harness_dovecot_start || exit 1
# The imap processes' titles name the command at hand ("... IDLE]"): how
# (c) knows that the worker's IDLE is in place before it delivers.
echo "verbose_proctitle = yes" >>"$(harness_dovecot_var main DOVECOT_CONF)"
harness_doveadm reload || exit 1
D=$HARNESS_DIR
MD=$HARNESS_MAIL_DIR/$HARNESS_USER/Maildir
# The screen's log and state stay in here.
export HOME=$D/home XDG_CONFIG_HOME=$D/config XDG_DATA_HOME=$D/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
# The screen's tmux server, on a private socket; ended at exit, and its
# socket file removed (tmux 3.3 leaves it behind).
SOCK=bench-slow-$$
harness_on_cleanup "tmux -L $SOCK kill-server 2>/dev/null;" \
	"rm -f $(printf '%q' "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK")"

# field FILE NAME: one name=value figure from a proctime or tool output.
field()
{
	sed -n "s/.*\\b$2=\\([0-9.]*\\).*/\\1/p" "$1"
}

ratio()
{
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}

min_of()
{
	sort -n | head -n 1
}

median()
{
	sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# verdict VALUE TARGET: "ok" or "MISSED".
verdict()
{
	awk -v v="$1" -v t="$2" 'BEGIN {print (v != "n/a" && v + 0 <= t + 0) ? "ok" : "MISSED"}'
}

# result FIGURE VALUE TARGET [UNIT]: a line for make bench's closing table
# (BENCH_RESULTS, when set by bench/run): figure, measured, target, met.
result()
{
	local u=${4:+ $4}

	[ -n "${BENCH_RESULTS:-}" ] || return 0
	printf '%s\t%s%s\t<= %s%s\t%s\n' "$1" "$2" "$u" "$3" "$u" \
		"$(verdict "$2" "$3")" >>"$BENCH_RESULTS"
}

t0=$(date +%s.%N)
"$GEN" --mix plain "$MD" "$N" >"$D/gen.out" || exit 1
[ "$(id -u)" -eq 0 ] && chown -R "$(harness_mail_owner)" "$MD"
harness_doveadm mailbox status -u "$HARNESS_USER" messages INBOX >"$D/status" || exit 1
bytes=$(field "$D/gen.out" bytes)
printf 'plain mix: generated %s messages, %.1f MB and indexed in %.1f s; %s\n' \
	"$N" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" \
	"$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')" \
	"$(cat "$D/status")"

# The proxy: its port file lies in $D, so its command line names the
# harness's folder and harness_track's "proc" entry has it stopped by PID
# at exit (harness_procs_stop), whatever way this script ends.
: >"$D/proxy.log"
"$HARNESS_PY" "$PROXY" --target "$HARNESS_IMAP_PORT" \
	--delay-ms "$(awk -v r="$RTT" 'BEGIN { print r / 2 }')" \
	--port-file "$D/proxy.port" --log "$D/proxy.log" 2>"$D/proxy.err" &
PROXY_PID=$!
harness_track proc "$PROXY_PID"
if ! harness_wait_file_match "$D/proxy.port" '^[0-9]+$' 10; then
	echo "slowlink: the proxy did not start: $(cat "$D/proxy.err")"
	exit 1
fi
PPORT=$(cat "$D/proxy.port")

# turns T0: the turns of the proxy's connections accepted since T0
# ($EPOCHREALTIME before the client started). A connection is logged once
# the proxy has closed it, a moment after the client ended: this waits for
# the first such line (up to 1 s), then 100 ms for any other.
turns()
{
	local i

	for i in $(seq 1 50); do
		awk -v t="$1" '$3 >= t { f = 1 } END { exit !f }' "$D/proxy.log" && break
		sleep 0.02
	done
	sleep 0.1
	awk -v t="$1" '$3 >= t { for (i = 1; i < NF; i++) if ($(i + 1) ~ /^turns/) n += $i } END { print n + 0 }' "$D/proxy.log"
}

# conf PORT: the configuration of a sync through PORT. The addresses of
# (c)'s reports are in the desk's own network, as in tests/tui/live_sync.sh
# (192.0.2.0/24 is a documentation range: out of scope otherwise); the
# generated ones (10-12.x.x.x) stay out of scope, so the new report's group
# is the one IP group on the screen.
conf()
{
	cat <<EOF
[imap]
host = 127.0.0.1
port = $1
tls = none
user = $HARNESS_USER
mailboxes = INBOX

[networks]
own = 192.0.2.0/24
EOF
}
conf "$HARNESS_IMAP_PORT" >"$D/direct.conf"
conf "$PPORT" >"$D/proxy.conf"
chmod 600 "$D/direct.conf" "$D/proxy.conf"
export ABUSEDESK_PASSWORD=$HARNESS_PASS

# floor WAY PORT: (a) RUNS times after a warm-up run; the best in ms in
# $D/a.WAY.best, the turns of the last run in $D/a.WAY.turns.
floor()
{
	local way=$1 port=$2 i since

	"$PT" "$D/a.$way.warm" "$FLOOR" "$port" "$HARNESS_USER" \
		"$HARNESS_PASS" INBOX >"$D/a.$way.warm.out"
	for i in $(seq "$RUNS"); do
		since=$EPOCHREALTIME
		"$PT" "$D/a.$way.$i" "$FLOOR" "$port" "$HARNESS_USER" \
			"$HARNESS_PASS" INBOX >"$D/a.$way.$i.out"
		[ "$way" = proxy ] && turns "$since" >"$D/a.$way.turns"
		field "$D/a.$way.$i" wall_ms
	done | min_of >"$D/a.$way.best"
	[ "$(field "$D/a.$way.$RUNS.out" bytes)" ] ||
		echo "slowlink: the floor $way failed (see $D/a.$way.$RUNS.out)"
}

# cold WAY: (b) into an empty cache, RUNS times after a warm-up run; the
# best in $D/b.WAY.best; the cache of the last run is kept.
cold()
{
	local way=$1 i since s

	for i in warm $(seq "$RUNS"); do
		rm -f "$D/$way.db" "$D/$way.db-wal" "$D/$way.db-shm"
		since=$EPOCHREALTIME
		"$PT" "$D/b.$way.$i" "$BIN" --config "$D/$way.conf" \
			--db "$D/$way.db" sync >"$D/b.$way.$i.out" 2>"$D/b.$way.$i.err"
		s=$(field "$D/b.$way.$i" status)
		[ "$s" = 0 ] || echo "slowlink: sync $way exited $s: $(tail -n 3 "$D/b.$way.$i.err")" >&2
	done
	for i in $(seq "$RUNS"); do
		field "$D/b.$way.$i" wall_ms
	done | min_of >"$D/b.$way.best"
	[ "$way" = proxy ] && turns "$since" >"$D/b.$way.turns"
	sqlite3 "$D/$way.db" 'SELECT count(*) FROM message' >"$D/b.$way.stored" 2>/dev/null
}

floor direct "$HARNESS_IMAP_PORT"
floor proxy "$PPORT"
cold direct
cold proxy
a_d=$(cat "$D/a.direct.best") a_p=$(cat "$D/a.proxy.best")
b_d=$(cat "$D/b.direct.best") b_p=$(cat "$D/b.proxy.best")
rt()
{
	awk -v p="$1" -v d="$2" -v r="$RTT" 'BEGIN { printf "%.0f ms, %.1f round trips", p - d, (p - d) / r }'
}
echo "link: ${RTT} ms round trip (delay_proxy.py, $(awk -v r="$RTT" 'BEGIN { print r / 2 }') ms each way); best of $RUNS runs after a warm-up; load:$(uptime | sed 's/.*load average://')"
echo "(a) floor, UID FETCH 1:* read and discarded:  direct $a_d ms, through the link $a_p ms (the link: $(rt "$a_p" "$a_d"); $(cat "$D/a.proxy.turns") turns)"
echo "(b) abusedesk sync, empty cache:              direct $b_d ms, through the link $b_p ms (the link: $(rt "$b_p" "$b_d"); $(cat "$D/b.proxy.turns") turns); $(cat "$D/b.proxy.stored") messages stored"
echo "(b)/(a) direct = $(ratio "$b_d" "$a_d") (for comparison; bench/sync.sh's target at 100,000 is <= 2.5)"
r=$(ratio "$b_p" "$a_p")
echo "(b)/(a) through the link = $r (target <= 1.5: $(verdict "$r" 1.5))"
result "cold sync (b)/(a) over a ${RTT} ms link at $N" "$r" 1.5
tail -n 1 "$D/b.proxy.$RUNS.out"

# (c) The screen, through the proxy, on the cache of (b).
in_pane()
{
	tmux -L "$SOCK" capture-pane -p -t slow 2>/dev/null
}

# idling: whether a Dovecot imap process says it is in IDLE (its title,
# verbose_proctitle): the master's children only, this harness's.
idling()
{
	local pid

	for pid in $(pgrep -P "$HARNESS_DOVECOT_PID"); do
		ps -o args= -p "$pid" 2>/dev/null | grep -q ' IDLE\]' && return 0
	done
	return 1
}

# wait_idle: polls every 20 ms, up to 60 s, until the status bar says
# "idle since" and the server has the IDLE; the milliseconds it took.
wait_idle()
{
	local t0=$EPOCHREALTIME i

	for i in $(seq 1 3000); do
		if in_pane | grep -q 'idle since' && idling; then
			awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f\n", (b - a) * 1000 }'
			return 0
		fi
		sleep 0.02
	done
	return 1
}

# report N IP: a fail2ban report about IP, dated now, from a reporter of
# its own: one of syncgen's domains (example.org) is a noise reporter by
# its volume, whose reports the screen folds into one line.
report()
{
	cat >"$D/new$1.eml" <<MAIL
From: fail2ban@mon$1.slowlink.example
To: abuse@isp.example
Subject: [Fail2Ban] sshd: banned $2
Date: $(date -u -R)
Message-ID: <slowlink-$1-$$@mon.slowlink.example>

The IP $2 has just been banned by Fail2Ban after 6 attempts against sshd.
Please investigate and stop the attacks from your customer's host.
MAIL
}

tmux -L "$SOCK" -f /dev/null new-session -d -s slow -x $COLS -y $ROWS \
	"env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color $(printf '%q ' "$BIN" --config "$D/proxy.conf" --db "$D/proxy.db") 2>$(printf '%q' "$D/screen.err")" ||
	{ echo "slowlink: tmux did not start"; exit 1; }
if ! first=$(wait_idle); then
	echo "slowlink: the screen did not reach idle in 60 s:"
	in_pane | sed 's/^/  | /'
	exit 1
fi
echo "(c) the screen through the link: first idle after $first ms"
cycles=()
for k in $(seq 1 "$CYCLES"); do
	ip=192.0.2.$((249 + k))
	report "$k" "$ip"
	t0=$EPOCHREALTIME
	harness_deliver "$HARNESS_USER" "$D/new$k.eml" || exit 1
	t1=$EPOCHREALTIME
	ms=
	for i in $(seq 1 3000); do
		if in_pane | grep -qF "$ip"; then
			ms=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
			break
		fi
		sleep 0.02
	done
	if [ -z "$ms" ]; then
		echo "    cycle $k: $ip not on the screen after 60 s:"
		in_pane | sed 's/^/  | /'
		ms=60000
	else
		printf '    cycle %s: %s on the screen %s ms after the delivery began (doveadm save took %.0f ms)\n' \
			"$k" "$ip" "$ms" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print (b - a) * 1000 }')"
	fi
	cycles+=("$ms")
	[ "$k" -lt "$CYCLES" ] && ! wait_idle >/dev/null &&
		{ echo "slowlink: the screen did not idle again in 60 s"; break; }
done
worst=$(printf '%s\n' "${cycles[@]}" | sort -n | tail -n 1)
med=$(printf '%s\n' "${cycles[@]}" | median)
echo "(c) new report on the screen after its delivery, ${#cycles[@]} cycles: worst $worst ms (target <= 2000 ms: $(verdict "$worst" 2000)), median $med ms"
result "new report on the screen over a ${RTT} ms link, worst of ${#cycles[@]}" "$worst" 2000 ms
exit 0
