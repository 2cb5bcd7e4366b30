#!/usr/bin/env bash
# tui.sh: the triage screen at 100,000 and 1,000,000 reports — start-up to
# the first full frame (whole process, median of several warm runs) and its
# peak RSS, per-key latency from a replayed key script (navigation,
# open/back, search, limit), the frame after each batch of 100 new reports
# (stored by another process, as the sync worker would, while the screen
# waits: --replay's <Mail>; timed on the screen's thread from the word of
# new mail to the frame on the terminal), resolve and undo on a group of
# 1,000 reports (outbox rows included), and neomutt opening the same 100k
# messages as a Maildir with a warm header cache, timed in the same run.
# Every figure is printed beside its target; nothing is asserted. The
# machine's load (uptime) is printed with each size: the figures are
# wall-clock times.
#   BENCH_SIZES="100000 1000000"  cache sizes; the 10M run is
#                                 BENCH_SIZES=10000000 bash bench/tui.sh
#   BENCH_DATA=DIR                where caches and the Maildir are kept
#                                 (default $build/bench/data; regenerated
#                                 when the generator is newer)
#   BENCH_RUNS=7                  timed start-up runs per size
#   BENCH_MAIL=10                 batches of new mail timed per size
#   BENCH_PARTS="start keys mail decide neomutt"  which figures to take
set -u
cd "$(dirname "$0")/.."
build=${ABUSEDESK_BUILD:-build}
BIN=$PWD/$build/abusedesk
GEN=$PWD/$build/bench/gen_cache
PT=$PWD/$build/bench/proctime
NM=$PWD/$build/bench/newmail
SIZES=${BENCH_SIZES:-100000 1000000}
DATA=${BENCH_DATA:-$PWD/$build/bench/data}
RUNS=${BENCH_RUNS:-7}
MAIL=${BENCH_MAIL:-10}
PARTS=${BENCH_PARTS:-start keys mail decide neomutt}
COLS=120 ROWS=40

for f in "$BIN" "$GEN" "$PT" "$NM"; do
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
		# attachments (none here: a message), notify declined, history
		# and back, a reply (the unmodified draft is kept) cancelled at
		# its confirm screen; then a referrer-spam notice's unsubscribe
		# (List-Unsubscribe: mailto), declined.
		echo "<Enter> <Enter> v c n H q r n q q q"
		echo "/ \"referrer spam\" <Enter> <Enter> X n q q"
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

# feed DB N: N times, once the screen says it waits for mail (the k-th
# "waiting for mail" line), a batch of 100 reports is stored by another
# process.
feed()
{
	local db=$1 k i w
	for k in $(seq 1 "$2"); do
		for i in $(seq 1 6000); do
			w=$(grep -c 'waiting for mail' "$TMP/pt.err" 2>/dev/null)
			[ "${w:-0}" -ge "$k" ] && break
			sleep 0.02
		done
		"$NM" --add "$db" 100 >/dev/null || return 1
	done
}

# new_mail DB: the frame after each of MAIL batches of 100 new reports.
new_mail()
{
	local db=$1 i
	{
		echo "j j"
		for i in $(seq 1 "$MAIL"); do echo "<Mail>"; done
	} >"$TMP/keys"
	feed "$db" "$MAIL" &
	in_tty "$TMP/pt" "$BIN" --config "$CONF" --db "$db" --offline --replay "$TMP/keys" || return 1
	wait
	grep '^replay ' "$TMP/pt.err" >"$TMP/replay"
	"$NM" --clean "$db" || return 1
}

# decisions DB: resolve and undo, 20 times each, on a group of 1,000
# reports (stored about one address for it, listed first by count).
decisions()
{
	local db=$1 i conf=$TMP/count.conf
	(umask 077 && printf '[ui]\nsort = count\n' >"$conf")
	"$NM" --add "$db" 1000 203.0.113.77 >/dev/null || return 1
	for i in $(seq 1 20); do echo "<Home> d U"; done >"$TMP/keys"
	in_tty "$TMP/pt" "$BIN" --config "$conf" --db "$db" --offline --replay "$TMP/keys" || return 1
	grep '^replay ' "$TMP/pt.err" >"$TMP/replay"
	"$NM" --clean "$db" || return 1
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

# result FIGURE VALUE TARGET [UNIT]: a line for make bench's closing table
# (BENCH_RESULTS, when set by bench/run): figure, measured, target, met.
result()
{
	[ -n "${BENCH_RESULTS:-}" ] || return 0
	printf '%s\t%s %s\t<= %s %s\t%s\n' "$1" "$2" "${4:-ms}" "$3" "${4:-ms}" \
		"$(verdict "$2" "$3")" >>"$BENCH_RESULTS"
}

part()
{
	case " $PARTS " in *" $1 "*) return 0 ;; esac
	return 1
}

start_part()
{
	local n=$1 db=$2 target
	startup "$db" || return 1
	if [ "$n" -ge 1000000 ]; then target=250; else target=100; fi
	[ "$n" -ge 10000000 ] && target=500
	printf 'first frame, %7s reports: %7.1f ms (target <= %d ms: %s), peak RSS %d MB' \
		"$n" "$START_MS" "$target" "$(verdict "$START_MS" "$target")" $((START_RSS / 1024))
	if [ "$n" -lt 1000000 ]; then
		printf ' (target <= 30 MB: %s)' "$(verdict $((START_RSS / 1024)) 30)"
	fi
	printf '; just after a change (new mail): %.1f ms\n' "$FIRST_COLD"
	result "first frame at $n" "$START_MS" "$target"
}

keys_part()
{
	local n=$1 db=$2 nav opn srch lim state
	replay "$db" || return 1
	sed 's/^/    /' "$TMP/replay"
	nav=$(worst ':(down|up|page-down|page-up|first|last|half-down|half-up)$')
	opn=$(worst ':(open|back)$')
	srch=$(worst ':search$')
	lim=$(worst ':limit$')
	state=$(worst ':(resolve|undo)$')
	acts=$(worst ':(attachments|unsubscribe|notify-customer|history|reply)$')
	printf '  keys, %7s reports: navigation p99 %.2f ms (target <= 16: %s), open/back p99 %.2f ms, resolve/undo p99 %.2f ms; peak RSS with the reports in memory %d MB\n' \
		"$n" "$nav" "$(verdict "$nav" 16)" "$opn" "$state" $((REPLAY_RSS / 1024))
	result "navigation p99 at $n" "$nav" 16
	printf '  attachments, unsubscribe, notify, history, reply p99 %.2f ms (the groups drawn with their sparklines)\n' "$acts"
	if [ "$n" -ge 1000000 ]; then
		printf '  search p99 %.2f ms (target <= %d: %s), limit p99 %.2f ms (target <= 100: %s)\n' \
			"$srch" "$STARGET" "$(verdict "$srch" "$STARGET")" "$lim" "$(verdict "$lim" 100)"
		result "search p99 at $n" "$srch" "$STARGET"
		result "limit p99 at $n" "$lim" 100
		result "screen RSS at $n" $((REPLAY_RSS / 1024)) 64 MB
	else
		printf '  search p99 %.2f ms, limit p99 %.2f ms (targets are set at 1M)\n' "$srch" "$lim"
	fi
}

mail_part()
{
	local n=$1 db=$2 mail
	new_mail "$db" || return 1
	grep 'new-mail' "$TMP/replay" | sed 's/^/    /'
	mail=$(worst ':new-mail$')
	printf '  new mail, %7s reports: frame after a batch of 100 new reports p99 %.2f ms (target <= 50: %s), n=%s; load:%s\n' \
		"$n" "$mail" "$(verdict "$mail" 50)" "$MAIL" "$(uptime | sed 's/.*load average://')"
	[ "$n" -ge 1000000 ] && result "frame after 100 new reports, p99 at $n" "$mail" 50
	return 0
}

decide_part()
{
	local n=$1 db=$2 dec
	decisions "$db" || return 1
	sed 's/^/    /' "$TMP/replay"
	dec=$(worst ':(resolve|undo)$')
	printf '  decisions on a group of 1000 reports, %7s reports: resolve/undo p99 %.2f ms (target <= 16: %s)\n' \
		"$n" "$dec" "$(verdict "$dec" 16)"
	[ "$n" -ge 1000000 ] && result "resolve/undo p99, 1000-report group at $n" "$dec" 16
	return 0
}

neomutt_part()
{
	local n=$1 db=$2
	[ "$n" = 100000 ] || return 0
	neomutt_baseline "$db" || return 1
	if [ -n "${MUTT_MS:-}" ]; then
		printf 'neomutt, same 100000 messages (Maildir, warm header cache): %.1f ms, peak RSS %d MB; abusedesk/neomutt = %s\n' \
			"$MUTT_MS" $((MUTT_RSS / 1024)) \
			"$(awk -v a="${START_MS:-0}" -v b="$MUTT_MS" 'BEGIN {printf "%.3f", a / b}')"
	fi
}

for n in $SIZES; do
	db=$(cache_for "$n") || exit 1
	STARGET=100
	[ "$n" -ge 10000000 ] && STARGET=200
	printf '== %s reports; load:%s\n' "$n" "$(uptime | sed 's/.*load average://')"
	for p in start keys mail decide neomutt; do
		part "$p" || continue
		"${p}_part" "$n" "$db" || exit 1
	done
done
exit 0
