#!/usr/bin/env bash
# kill_import.sh: `abusedesk import` killed with SIGKILL at random moments
# (FAULT_KILLS of them, 5 by default, 50 in `make faults`; FAULT_SEED picks
# them) loses and duplicates nothing: after every kill the cache passes
# PRAGMA integrity_check, and a last import leaves exactly the Maildir's
# messages, each once, each with its report. New mail arrives before each
# run, so that no run only finds what it has.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

BIN=$PWD/${ABUSEDESK_BUILD:-build}/abusedesk
KILLS=${FAULT_KILLS:-5}
SEED=${FAULT_SEED:-$$}
N=200       # messages to begin with
PER_RUN=100 # new messages before each run, so that every run has work
if [ ! -x "$BIN" ]; then
	tap_fail "binary $BIN exists"
	tap_done
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/kill_import.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
md=$T/md
mkdir -p "$md/cur" "$md/new" "$md/tmp"
pad=$(head -c 600 /dev/zero | tr '\0' x)
# mail FIRST LAST: messages FIRST..LAST into the Maildir.
mail()
{
	local i
	for i in $(seq "$1" "$2"); do
		printf 'From: abuse@r%d.example\nSubject: scan %d from 192.0.2.%d\nMessage-ID: <k-%d@r.example>\nDate: Mon, 01 Jun 2026 10:00:00 +0000\n\nPort scan from 192.0.2.%d at 10:%02d UTC. Please stop it.\n%s\n' \
			"$i" "$i" $((i % 250 + 1)) "$i" $((i % 250 + 1)) \
			$((i % 60)) "$pad" >"$md/new/$i.eml"
	done
}
mail 1 "$N"
db=$T/cache.db
echo "# seed $SEED, $KILLS kills"
RANDOM=$SEED

start=$(date +%s%N)
"$BIN" --db "$T/probe.db" import "$md" >/dev/null 2>&1
full_ms=$((($(date +%s%N) - start) / 1000000))
[ "$full_ms" -gt 0 ] || full_ms=1

integrity()
{
	[ ! -e "$db" ] || [ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ]
}

killed=0
bad=0
for k in $(seq 1 "$KILLS"); do
	mail $((N + 1)) $((N + PER_RUN))
	N=$((N + PER_RUN))
	"$BIN" --db "$db" import "$md" >/dev/null 2>&1 &
	pid=$!
	delay_ms=$((RANDOM % full_ms))
	sleep "$((delay_ms / 1000)).$(printf '%03d' $((delay_ms % 1000)))"
	kill -KILL "$pid" 2>/dev/null && killed=$((killed + 1))
	wait "$pid" 2>/dev/null
	integrity || bad=$((bad + 1))
done
echo "# a full import takes ${full_ms} ms; $killed of $KILLS runs killed mid-way"
tap_check "the cache is intact after every kill" test "$bad" = 0
"$BIN" --db "$db" import "$md" >"$T/last.out" 2>&1
tap_check "a last import completes" test $? = 0
tap_check "the cache holds each message once" \
	test "$(sqlite3 "$db" 'select count(*), count(distinct content_hash) from message')" = "$N|$N"
tap_check "each with its report" \
	test "$(sqlite3 "$db" 'select count(*) from report')" = "$N"
tap_check "and integrity_check says ok" integrity
tap_done
