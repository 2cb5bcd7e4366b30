#!/usr/bin/env bash
# sync.sh: the IMAP sync benchmark. 100,000 generated reports are written
# straight into a harness Dovecot's Maildir and indexed, then, in one run
# and all over plain loopback IMAP:
#   (a) the floor: one UID FETCH 1:* (BODY.PEEK[]) read and thrown away
#   (b) abusedesk sync into an empty cache, analysis included
#   (c) a second abusedesk sync with nothing new, beside its floor (c0):
#       connect, LOGIN, EXAMINE and LOGOUT by a process of its own
#   (d) mbsync pulling the same mailbox into a Maildir (plain mix only)
# for each mix of syncgen: plain (the project's own kinds of report) and
# heavy (half of them attachments, zipped CSV, HTML-only mail, long prose,
# other languages and charsets; syncgen.c), each in its own mailbox, with
# (b)/(a) and (b)'s peak RSS per mix. Every figure is printed with its
# target; nothing is asserted. The heavy mix alone is one command:
#   BENCH_SYNC_MIX=heavy bash bench/sync.sh
#   BENCH_SYNC_N=100000        messages (1000000 for the million-message
#                              figures, with BENCH_RUNS=1: about 4 GB)
#   BENCH_RUNS=3               runs of (a), (b) and (c); the best is kept
#   BENCH_SYNC_MIX="plain heavy"  the mixes
#   BENCH_SYNC_NOCOND=1        Dovecot hides CONDSTORE and QRESYNC, as
#                              Courier-IMAP has neither (the sync's fallback)
set -u
cd "$(dirname "$0")/.."
build=${ABUSEDESK_BUILD:-build}
BIN=$PWD/$build/abusedesk
GEN=$PWD/$build/bench/syncgen
FLOOR=$PWD/$build/bench/fetchfloor
PT=$PWD/$build/bench/proctime
N=${BENCH_SYNC_N:-100000}
RUNS=${BENCH_RUNS:-3}
MIXES=${BENCH_SYNC_MIX:-plain heavy}

for f in "$BIN" "$GEN" "$FLOOR" "$PT"; do
	[ -x "$f" ] || { echo "sync: $f is missing (make bench builds it)"; exit 1; }
done
command -v mbsync >/dev/null || { echo "sync: mbsync is not installed (isync)"; exit 1; }

. tests/harness/harness.sh
harness_init || exit 1
harness_certs || exit 1
harness_dovecot_start || harness_dovecot_start || exit 1
# Dovecot's imap process outgrows its default 256 MB on a million
# messages (and dies with "Out of memory" in the middle of the FETCH).
echo "default_vsz_limit = 2G" >>"$(harness_dovecot_var main DOVECOT_CONF)"
if [ "${BENCH_SYNC_NOCOND:-0}" = 1 ]; then
	echo "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE" \
		"IDLE LITERAL+ UIDPLUS" >>"$(harness_dovecot_var main DOVECOT_CONF)"
	echo "Dovecot without CONDSTORE and QRESYNC (BENCH_SYNC_NOCOND=1)"
fi
harness_doveadm reload || exit 1
D=$HARNESS_DIR
MD=$HARNESS_MAIL_DIR/$HARNESS_USER/Maildir

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

# run_mix: the figures of one mix, in its own mailbox.
run_mix()
{
BOX=INBOX BOXDIR=$MD
if [ "$MIX" != plain ]; then
	BOX=$MIX BOXDIR=$MD/.$MIX
fi
t0=$(date +%s.%N)
mkdir -p "$BOXDIR" # the heavy mix alone: no INBOX made its parent
"$GEN" --mix "$MIX" "$BOXDIR" "$N" >"$D/gen.out" || exit 1
[ "$(id -u)" -eq 0 ] && chown -R "$(harness_mail_owner)" "$MD"
harness_doveadm mailbox status -u "$HARNESS_USER" messages "$BOX" >"$D/status" || exit 1
bytes=$(field "$D/gen.out" bytes)
printf '%s mix: generated %s messages, %.1f MB (%.0f bytes average) and indexed in %.1f s\n' \
	"$MIX" "$N" "$(awk -v b="$bytes" 'BEGIN { print b / 1e6 }')" \
	"$(awk -v b="$bytes" -v n="$N" 'BEGIN { print b / n }')" \
	"$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')"
cat "$D/status"

# (a) the floor; a first untimed run warms Dovecot's caches for everyone.
floor()
{
	"$PT" "$D/a.$1" "$FLOOR" "$HARNESS_IMAP_PORT" "$HARNESS_USER" \
		"$HARNESS_PASS" "$BOX" >"$D/a.$1.out"
}
floor warm
for i in $(seq "$RUNS"); do
	floor "$i"
	field "$D/a.$i" wall_ms
done | min_of >"$D/a.best"
a=$(cat "$D/a.best")

cat >"$D/config" <<EOF
[imap]
host = 127.0.0.1
port = $HARNESS_IMAP_PORT
tls = none
user = $HARNESS_USER
mailboxes = $BOX
EOF
chmod 600 "$D/config"
export ABUSEDESK_PASSWORD=$HARNESS_PASS
sync_once()
{
	"$PT" "$D/$1" "$BIN" --config "$D/config" --db "$D/cache.db" sync \
		>"$D/$1.out" 2>"$D/$1.err"
}

# (b) into an empty cache, as often as (a); the best time is kept, as for
# (a), and the highest peak RSS.
b_all=
b_rss=0
b_status=0
for i in $(seq "$RUNS"); do
	rm -f "$D/cache.db" "$D/cache.db-wal" "$D/cache.db-shm"
	sync_once "b.$i"
	b_all="$b_all $(field "$D/b.$i" wall_ms)"
	r=$(field "$D/b.$i" rss_kb)
	[ "${r%.*}" -gt "$b_rss" ] && b_rss=${r%.*}
	s=$(field "$D/b.$i" status)
	[ "$s" = 0 ] || b_status=$s
	cp "$D/b.$i.out" "$D/b.out"
	cp "$D/b.$i.err" "$D/b.err"
done
b=$(printf '%s\n' $b_all | min_of)
# (c0) the floor of a pass with nothing new: a process of its own that
# connects, logs in, EXAMINEs the mailbox and logs out (fetchfloor quiet);
# (c) can be no faster, and (c) - (c0) is the program's own part.
for i in $(seq "$RUNS"); do
	"$PT" "$D/c0.$i" "$FLOOR" "$HARNESS_IMAP_PORT" "$HARNESS_USER" \
		"$HARNESS_PASS" "$BOX" quiet >"$D/c0.$i.out"
	field "$D/c0.$i" wall_ms
done | min_of >"$D/c0.best"
c0=$(cat "$D/c0.best")
# (c) nothing new. The first pass after (b) is shown apart: Dovecot then
# applies (b)'s transaction log to its index and writes the index again
# (3 s at a million messages), its own work, once after a cold sync.
sync_once c.first
c_first=$(field "$D/c.first" wall_ms)
for i in $(seq "$RUNS"); do
	sync_once "c.$i"
	field "$D/c.$i" wall_ms
done | min_of >"$D/c.best"
c=$(cat "$D/c.best")
stored=$(sqlite3 "$D/cache.db" 'SELECT count(*) FROM message' 2>/dev/null)

# (d) mbsync into a fresh Maildir
d= d_n=
if [ "$MIX" = plain ]; then
rm -rf "$D/mbsync"
mkdir -p "$D/mbsync"
cat >"$D/mbsyncrc" <<EOF
IMAPAccount bench
Host 127.0.0.1
Port $HARNESS_IMAP_PORT
User $HARNESS_USER
Pass $HARNESS_PASS
SSLType None
AuthMechs LOGIN

IMAPStore remote
Account bench

MaildirStore local
Path $D/mbsync/
Inbox $D/mbsync/INBOX

Channel bench
Far :remote:
Near :local:
Patterns INBOX
Create Near
Sync Pull
SyncState *
EOF
"$PT" "$D/d" mbsync -q -c "$D/mbsyncrc" bench >"$D/d.out" 2>&1
d=$(field "$D/d" wall_ms)
d_n=$(find "$D/mbsync/INBOX" -type f 2>/dev/null | wc -l)
fi

echo "$MIX mix:"
echo "(a) floor, UID FETCH 1:* read and discarded: $a ms"
echo "(b) abusedesk sync, empty cache:              $b ms, best of$b_all (exit $b_status, $stored messages stored), peak RSS $((b_rss / 1024)) MB (target <= 64 MB)"
echo "(c0) floor of a pass with nothing new:        $c0 ms (connect, LOGIN, EXAMINE, LOGOUT)"
echo "(c) abusedesk sync, nothing new:              $c ms (target <= 50 ms); the first after (b): $c_first ms; (c) - (c0) = $(awk -v c="$c" -v f="$c0" 'BEGIN { printf "%.1f", c - f }') ms"
[ -n "$d" ] && echo "(d) mbsync into a Maildir:                    $d ms ($d_n files)"
echo "(b)/(a) = $(ratio "$b" "$a") (target <= 2.5), $MIX mix; peak RSS $((b_rss / 1024)) MB (target <= 64 MB)"
[ -n "$d" ] && echo "(b)/(d) = $(ratio "$b" "$d") (target <= 0.15)"
cache=$(($(stat -c %s "$D/cache.db") + $(stat -c %s "$D/cache.db-wal" 2>/dev/null || echo 0)))
echo "cache $((cache / 1048576)) MB for $((bytes / 1048576)) MB of mail: cache/mailbox = $(ratio "$cache" "$bytes") (target <= 1.0)"
if [ -n "${BENCH_RESULTS:-}" ]; then
	r=$(ratio "$cache" "$bytes")
	printf 'cache size / raw mailbox at %s, %s mix\t%s\t<= 1.0\t%s\n' "$N" "$MIX" "$r" \
		"$(awk -v v="$r" 'BEGIN {print (v + 0 <= 1.0) ? "ok" : "MISSED"}')" >>"$BENCH_RESULTS"
	r=$(ratio "$b" "$a")
	printf 'cold sync (b)/(a), %s mix\t%s\t<= 2.5\t%s\n' "$MIX" "$r" \
		"$(awk -v v="$r" 'BEGIN {print (v + 0 <= 2.5) ? "ok" : "MISSED"}')" >>"$BENCH_RESULTS"
	printf 'sync with nothing new at %s, %s mix (floor %s ms)\t%s ms\t<= 50 ms\t%s\n' "$N" "$MIX" "$c0" "$c" \
		"$(awk -v v="$c" 'BEGIN {print (v + 0 <= 50) ? "ok" : "MISSED"}')" >>"$BENCH_RESULTS"
	printf 'cold sync peak RSS, %s mix\t%s MB\t<= 64 MB\t%s\n' "$MIX" $((b_rss / 1024)) \
		"$( [ $((b_rss / 1024)) -le 64 ] && echo ok || echo MISSED)" >>"$BENCH_RESULTS"
fi
tail -n 1 "$D/b.out"
[ "$b_status" = 0 ] || cat "$D/b.err"
return 0
}

for MIX in $MIXES; do
	run_mix || exit 1
done
exit 0
