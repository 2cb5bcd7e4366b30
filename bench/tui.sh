#!/usr/bin/env bash
# tui.sh: the triage screen at 100,000 and 1,000,000 reports — start-up to
# the first full frame (whole process, median of several warm runs) and its
# peak RSS, per-key latency from a replayed key script (navigation,
# open/back, search, limit), and neomutt opening the same 100k messages as
# a Maildir with a warm header cache, timed in the same run. Every figure is
# printed beside its target; nothing is asserted.
#   BENCH_SIZES="100000 1000000"  cache sizes
#   BENCH_DATA=DIR                where caches and the Maildir are kept
#                                 (default $build/bench/data; regenerated
#                                 when the generator is newer)
#   BENCH_RUNS=7                  timed start-up runs per size
set -u
cd "$(dirname "$0")/.."
build=${ABUSEDESK_BUILD:-build}
BIN=$PWD/$build/abusedesk
GEN=$PWD/$build/bench/gen_cache
PT=$PWD/$build/bench/proctime
SIZES=${BENCH_SIZES:-100000 1000000}
DATA=${BENCH_DATA:-$PWD/$build/bench/data}
RUNS=${BENCH_RUNS:-7}
COLS=120 ROWS=40

for f in "$BIN" "$GEN" "$PT"; do
	[ -x "$f" ] || { echo "tui: $f is missing (make bench builds it)"; exit 1; }
done
for c in tmux sqlite3; do
	command -v $c >/dev/null || { echo "tui: $c is not installed"; exit 1; }
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/bench_tui.XXXXXX") || exit 1
SOCK=bench-tui-$$
trap 'tmux -L "$SOCK" kill-server 2>/dev/null; rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$DATA"
CONF=$TMP/bench.conf
# A sender for replies and a customer for the benchmark's range
# (198.18.0.0/15), so that r and c reach their confirm steps; the editor
# of a reply is `true`, which leaves the draft as it was.
(umask 077 && printf '[identity]\nemail = abuse@example.net\n[customers]\nfile = %s\n' \
	"$TMP/customers.csv" >"$CONF")
printf '198.18.0.0/15,Bench Hosting,noc@hosting.example\n' >"$TMP/customers.csv"
export EDITOR=true VISUAL=true

# in_tty OUT CMD...: runs CMD on a COLS x ROWS terminal (a tmux pane) under
# proctime, which writes "wall_ms=... rss_kb=... status=..." to OUT; stderr
# goes to OUT.err. Waits for the end.
in_tty()
{
	local out=$1 cmd i
	shift
	rm -f "$out" "$out.err"
	cmd="env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=screen-256color $(printf '%q ' "$PT" "$out" "$@") 2>$(printf '%q' "$out.err")"
	tmux -L "$SOCK" -f /dev/null new-session -d -x $COLS -y $ROWS "$cmd"
	for i in $(seq 1 6000); do
		[ -s "$out" ] && return 0
		sleep 0.02
	done
	echo "tui: no result after 120 s: $*" >&2
	tmux -L "$SOCK" kill-server 2>/dev/null
	return 1
}

# field NAME FILE: a value of proctime's line.
field()
{
	sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$2"
}

median()
{
	sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# verdict VALUE TARGET: "ok" or "MISSED".
verdict()
{
	awk -v v="$1" -v t="$2" 'BEGIN {print (v + 0 <= t + 0) ? "ok" : "MISSED"}'
}

cache_for()
{
	local n=$1 db=$DATA/cache-$1.db t0 t1
	if [ ! -s "$db" ] || [ "$GEN" -nt "$db" ]; then
		rm -f "$db" "$db-wal" "$db-shm"
		t0=$EPOCHREALTIME
		"$GEN" "$db" "$n" || return 1
		t1=$EPOCHREALTIME
		printf 'generated %s reports in %.1f s (%s MB)\n' "$n" \
			"$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" \
			"$(($(stat -c %s "$db") / 1048576))" >&2
	fi
	echo "$db"
}

# startup DB: median wall time (ms) and the largest RSS (kB) of RUNS
# warm runs, after one run just after a change (FIRST_COLD), which also
# warms the page cache and the kept lists.
startup()
{
	local db=$1 i walls=() rss=0 r
	# As after new mail: what the groups screen keeps is out of date.
	sqlite3 "$db" 'UPDATE triage_version SET v = v + 1' || return 1
	in_tty "$TMP/pt" "$BIN" --config "$CONF" --db "$db" --offline --exit-after-first-frame || return 1
	FIRST_COLD=$(field wall_ms "$TMP/pt")
	for i in $(seq 1 "$RUNS"); do
		in_tty "$TMP/pt" "$BIN" --config "$CONF" --db "$db" --offline --exit-after-first-frame || return 1
		walls+=("$(field wall_ms "$TMP/pt")")
		r=$(field rss_kb "$TMP/pt")
		[ "$r" -gt "$rss" ] && rss=$r
	done
	START_MS=$(printf '%s\n' "${walls[@]}" | median)
	START_RSS=$rss
}

# The key script: navigation, open and back, search, limit, resolve and
# undo (the cache is as before, but for a queued outbox row), the pager's
# actions up to their questions — repeated so that the 99th percentile
# means something.
keys_script()
{
	local i
	for i in $(seq 1 8); do
		echo "j j j j j j j j j j j j j j j j j j j j k k k k k k k k k k"
		echo "<PageDown> <PageDown> <PageDown> <PageUp> <PageUp> <End> <Home>"
		echo "<Enter> j j j <Enter> j j <PageDown> q j <Enter> q q"
		echo "/ \"memcached\" <Enter> j j <PageDown> q"
		echo "/ \"Night Harbour\" <Enter> q"
		echo "l \"ip:198.18.0.0/24\" <Enter> j j"
		echo "l ^U \"reporter:blocklist.example\" <Enter> j"
		echo "l ^U \"cat:connection since:30d\" <Enter>"
		echo "l ^U <Enter>"
		echo "d U"
		# The keys of the pager's actions, each left at its question:
		# attachments (none here: a message), unsubscribe declined (n is
		# the next match if it does not ask), notify declined, history
		# and back, a reply (the unmodified draft is kept) cancelled at
		# its confirm screen.
		echo "<Enter> <Enter> v X n c n H q r n q q q"
	done
}

# replay DB: the latency lines of one replay run, in $TMP/replay.
replay()
{
	keys_script >"$TMP/keys"
	in_tty "$TMP/pt" "$BIN" --config "$CONF" --db "$1" --offline --replay "$TMP/keys" || return 1
	grep '^replay ' "$TMP/pt.err" >"$TMP/replay"
	REPLAY_RSS=$(field rss_kb "$TMP/pt")
}

# worst KIND-REGEX: the largest p99 among the kinds that match.
worst()
{
	awk -v re="$1" '$2 ~ re {sub("p99=", "", $5); sub("ms", "", $5); if ($5 + 0 > m) m = $5 + 0} END {printf "%.2f\n", m}' "$TMP/replay"
}

neomutt_baseline()
{
	local db=$1 md=$DATA/maildir-100000 hc=$DATA/neomutt-hcache i walls=()
	command -v neomutt >/dev/null || { echo "neomutt: not installed (scripts/deps.sh)"; return 0; }
	if [ ! -d "$md/cur" ] || [ "$db" -nt "$md" ]; then
		rm -rf "$md" "$hc"
		"$GEN" -m "$db" "$md" || return 1
	fi
	mkdir -p "$hc"
	cat >"$TMP/muttrc" <<-EOF
		set folder = "$DATA"
		set header_cache = "$hc/"
		set mbox_type = Maildir
		set quit = yes
		set sort = date
	EOF
	# The first run fills the header cache; <quit> is read after the
	# index has been drawn.
	in_tty "$TMP/pt" neomutt -n -F "$TMP/muttrc" -f "$md" -e 'push <quit>' || return 1
	for i in $(seq 1 3); do
		in_tty "$TMP/pt" neomutt -n -F "$TMP/muttrc" -f "$md" -e 'push <quit>' || return 1
		walls+=("$(field wall_ms "$TMP/pt")")
	done
	MUTT_MS=$(printf '%s\n' "${walls[@]}" | median)
	MUTT_RSS=$(field rss_kb "$TMP/pt")
}

declare -A START RSS COLD
for n in $SIZES; do
	db=$(cache_for "$n") || exit 1
	startup "$db" || exit 1
	START[$n]=$START_MS RSS[$n]=$START_RSS COLD[$n]=$FIRST_COLD
	if [ "$n" -ge 1000000 ]; then target=250; else target=100; fi
	printf 'first frame, %7s reports: %7.1f ms (target <= %d ms: %s), peak RSS %d MB' \
		"$n" "$START_MS" "$target" "$(verdict "$START_MS" "$target")" $((START_RSS / 1024))
	if [ "$n" -lt 1000000 ]; then
		printf ' (target <= 30 MB: %s)' "$(verdict $((START_RSS / 1024)) 30)"
	fi
	printf '; just after a change (new mail): %.1f ms\n' "$FIRST_COLD"
	replay "$db" || exit 1
	sed 's/^/    /' "$TMP/replay"
	nav=$(worst ':(down|up|page-down|page-up|first|last|half-down|half-up)$')
	opn=$(worst ':(open|back)$')
	srch=$(worst ':search$')
	lim=$(worst ':limit$')
	state=$(worst ':(resolve|undo)$')
	acts=$(worst ':(attachments|unsubscribe|notify-customer|history|reply)$')
	printf '  keys, %7s reports: navigation p99 %.2f ms (target <= 16: %s), open/back p99 %.2f ms, resolve/undo p99 %.2f ms; peak RSS with the reports in memory %d MB\n' \
		"$n" "$nav" "$(verdict "$nav" 16)" "$opn" "$state" $((REPLAY_RSS / 1024))
	printf '  attachments, unsubscribe, notify, history, reply p99 %.2f ms (the groups drawn with their sparklines)\n' "$acts"
	if [ "$n" -ge 1000000 ]; then
		printf '  search p99 %.2f ms (target <= 100: %s), limit p99 %.2f ms (target <= 100: %s)\n' \
			"$srch" "$(verdict "$srch" 100)" "$lim" "$(verdict "$lim" 100)"
	else
		printf '  search p99 %.2f ms, limit p99 %.2f ms (targets are set at 1M)\n' "$srch" "$lim"
	fi
	if [ "$n" = 100000 ]; then
		neomutt_baseline "$db" || exit 1
		if [ -n "${MUTT_MS:-}" ]; then
			printf 'neomutt, same 100000 messages (Maildir, warm header cache): %.1f ms, peak RSS %d MB; abusedesk/neomutt = %s\n' \
				"$MUTT_MS" $((MUTT_RSS / 1024)) \
				"$(awk -v a="$START_MS" -v b="$MUTT_MS" 'BEGIN {printf "%.3f", a / b}')"
		fi
	fi
done
exit 0
