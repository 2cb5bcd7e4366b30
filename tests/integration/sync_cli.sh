#!/usr/bin/env bash
# sync_cli.sh: `abusedesk sync` on the real binary against a harness
# Dovecot — the summary line, exit codes, the reason on failure, the
# progress bar on a terminal, a second run that finds nothing new.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/harness.sh

BIN=$PWD/${ABUSEDESK_BUILD:-build}/abusedesk
if [ ! -x "$BIN" ]; then
	tap_fail "binary $BIN exists"
	tap_done
fi
harness_init || exit 1
harness_certs || exit 1
harness_dovecot_start || harness_dovecot_start || exit 1
T=$HARNESS_DIR
for i in 1 2 3 4 5; do
	printf 'From: abuse@reporter%d.example\nTo: abuse@isp.example\nSubject: spam from 10.1.1.%d\nMessage-ID: <cli-%d@reporter.example>\n\nSpam came from 10.1.1.%d today.\n' \
		"$i" "$i" "$i" "$i" >"$T/m$i"
	harness_deliver "$HARNESS_USER" "$T/m$i" || exit 1
done
printf '[imap]\nhost = %s\nport = %s\nuser = %s\nca_file = %s\n' \
	"$HARNESS_HOST" "$HARNESS_IMAPS_PORT" "$HARNESS_USER" "$HARNESS_CA" \
	>"$T/config"
grep -v '^ca_file' "$T/config" >"$T/config.untrusted"
chmod 600 "$T/config" "$T/config.untrusted"
export ABUSEDESK_PASSWORD=$HARNESS_PASS

# run NAME CONFIG ARGS...: the binary with stdout, stderr and status kept.
run()
{
	local name=$1 config=$2

	shift 2
	"$BIN" --config "$T/$config" "$@" >"$T/$name.out" 2>"$T/$name.err" \
		</dev/null
	echo $? >"$T/$name.rc"
}

is()
{
	[ "$(cat "$T/$1.rc")" = "$2" ] || {
		echo "exit status $(cat "$T/$1.rc"), wanted $2"
		cat "$T/$1.err"
		false
	}
}

has()
{
	grep -qE -- "$3" "$T/$1.$2" || {
		echo "$1.$2 lacks: $3"
		cat "$T/$1.$2"
		false
	}
}

run first config --db "$T/db" sync
tap_check "a first sync exits 0" is first 0
tap_check "it prints one summary line with the count" \
	has first out '^synced 1 mailbox: 5 new \([0-9.]+ MB\), 0 changed, 0 gone in [0-9.]+ s$'
tap_check "without a terminal there is no progress bar" \
	test ! -s "$T/first.err"
tap_check "the cache holds the five messages" \
	test "$(sqlite3 "$T/db" 'SELECT count(*) FROM message')" = 5

run again config --db "$T/db" sync
tap_check "a second sync exits 0" is again 0
tap_check "and finds nothing new" has again out '^synced 1 mailbox: 0 new'

ABUSEDESK_PASSWORD=wrong run badpw config --db "$T/db" sync
tap_check "a wrong password exits 1" is badpw 1
tap_check "and says the login failed" has badpw err '^abusedesk: sync: .*login failed'

run extra config --db "$T/db" sync INBOX
tap_check "an argument is a usage error (exit 2)" is extra 2

run offline config --offline --db "$T/db" sync
tap_check "--offline refuses to sync (exit 1)" is offline 1
tap_check "and says why" has offline err 'offline'

run untrusted config.untrusted --db "$T/db2" sync
tap_check "an untrusted certificate exits 1" is untrusted 1
tap_check "naming the reason and the two settings" \
	has untrusted err 'unknown issuer.*ca_file.*tls_fingerprint'

# tls = none warns only when the bytes leave the machine: not on loopback
# (port 1 refuses at once; nothing is sent anywhere else).
printf '[imap]\nhost = 127.0.0.1\nport = 1\ntls = none\nuser = u\n' >"$T/plain.conf"
printf '[imap]\nhost = localhost\nport = 1\ntls = none\nuser = u\n' >"$T/plainlh.conf"
chmod 600 "$T/plain.conf" "$T/plainlh.conf"
run plain plain.conf --db "$T/plain.db" sync
tap_check "tls = none to 127.0.0.1 gives no warning" \
	eval '! grep -q "warning: tls = none" "$T/plain.err"'
run plainlh plainlh.conf --db "$T/plain.db" sync
tap_check "nor to localhost" \
	eval '! grep -q "warning: tls = none" "$T/plainlh.err"'
tap_check "and the refused connection is still an error" is plain 1

harness_deliver "$HARNESS_USER" "$T/m1" || exit 1
script -qec "'$BIN' --config '$T/config' --db '$T/db' sync" /dev/null \
	>"$T/tty.out" 2>&1 </dev/null
tap_check "on a terminal a progress bar shows messages, bytes, rate, ETA" \
	has tty out 'INBOX \[#+ *\] 1/1 msgs [0-9.]+ MB [0-9]+ msg/s ETA [0-9]+:[0-9]{2}'
tap_done
