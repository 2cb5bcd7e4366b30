#!/usr/bin/env bash
# secrets.sh: the password never lands in a file the program writes. A
# sync and an import run against a harness Dovecot, the password once from
# ABUSEDESK_PASSWORD and once from password_command; then every file in
# the cache's folder (the cache, its WAL and shared memory, any log or
# note) is searched for the password's bytes, and each is mode 0600.
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
printf 'From: abuse@reporter.example\nSubject: scan from 192.0.2.5\nMessage-ID: <secret-1@reporter.example>\n\nScan from 192.0.2.5.\n' >"$T/m1"
harness_deliver "$HARNESS_USER" "$T/m1" || exit 1
data=$T/data
mkdir -p "$data"
printf '[imap]\nhost = %s\nport = %s\nuser = %s\nca_file = %s\n' \
	"$HARNESS_HOST" "$HARNESS_IMAPS_PORT" "$HARNESS_USER" "$HARNESS_CA" \
	>"$T/env.conf"
printf 'password_command = printf %%s %s\n' "$HARNESS_PASS" |
	cat "$T/env.conf" - >"$T/cmd.conf"
chmod 600 "$T/env.conf" "$T/cmd.conf"

ABUSEDESK_PASSWORD=$HARNESS_PASS "$BIN" --config "$T/env.conf" \
	--db "$data/env.db" sync >"$T/env.out" 2>&1 </dev/null
tap_check "a sync with the password from the environment works" test $? = 0
env -u ABUSEDESK_PASSWORD "$BIN" --config "$T/cmd.conf" \
	--db "$data/cmd.db" sync >"$T/cmd.out" 2>&1 </dev/null
tap_check "a sync with the password from password_command works" test $? = 0
"$BIN" --db "$data/env.db" import "$T/m1" >/dev/null 2>&1

# no_password_in DIR: no file below DIR holds the password's bytes.
no_password_in()
{
	local hits

	hits=$(grep -rlaF -- "$HARNESS_PASS" "$1")
	[ -z "$hits" ] && return 0
	echo "the password is in: $hits"
	return 1
}

all_private()
{
	local bad

	bad=$(find "$1" -type f ! -perm 600)
	[ -z "$bad" ] && return 0
	ls -l $bad
	return 1
}

tap_check "files were written" test -n "$(ls -A "$data")"
tap_check "no file the program wrote holds the password" no_password_in "$data"
tap_check "the program printed no password" \
	eval '! grep -qF -- "$HARNESS_PASS" "$T/env.out" "$T/cmd.out"'
tap_check "every file it wrote is mode 0600" all_private "$data"
tap_done
