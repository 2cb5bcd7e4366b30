#!/usr/bin/env bash
# live_sync.sh: the triage screen with the sync worker behind it, against
# the harness Dovecot: reports arrive on their own (IDLE), the status bar
# says what the sync does, the cursor stays on its row when new groups
# slide in above it, `$` syncs at once, and nothing the network libraries
# print reaches the screen.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/harness.sh
. tests/harness/tap.sh

bin=${ABUSEDESK_BUILD:-build}/abusedesk
harness_init
harness_dovecot_start
harness_user_home
cfg=$HARNESS_DIR/abusedesk.conf
{
	harness_conf_imap
	cat <<CFG
[networks]
own = 192.0.2.0/24
CFG
} >"$cfg"

# report N IP HOURS_AGO: a fail2ban-style report about IP.
report()
{
	local f="$HARNESS_DIR/r$1.eml"
	cat >"$f" <<MAIL
From: fail2ban@mon$1.example.org
To: abuse@isp.example
Subject: [Fail2Ban] sshd: banned $2
Date: $(date -u -R -d "$3 hours ago")
Message-ID: <f2b-$1@mon.example.org>

The IP $2 has just been banned by Fail2Ban after 6 attempts against sshd.
Please investigate and stop the attacks from your customer's host.
MAIL
	harness_deliver "$HARNESS_USER" "$f"
}

report 1 192.0.2.10 5
report 2 192.0.2.11 3
harness_tmux_start ui 80 24 env LANG=C.UTF-8 \
	ABUSEDESK_PASSWORD="$HARNESS_PASS" "$bin" --config "$cfg" \
	--db "$HARNESS_DIR/cache.db"

harness_tmux_wait_for ui "idle since" 20 >/dev/null
screen=$(harness_tmux_capture ui)
tap_check "the first sync reaches idle" grep -q "idle since" <<<"$screen"
tap_check "both reports are on the screen" \
	grep -q "192.0.2.10" <<<"$screen"
tap_check "... the other one too" grep -q "192.0.2.11" <<<"$screen"
tap_check "the status bar names the account" \
	grep -q "$HARNESS_USER@localhost" <<<"$screen"
tap_check "the status bar counts the open groups" \
	grep -q "| 2 open |" <<<"$screen"

# The cursor goes to the older group, then a newer report arrives while
# the screen idles: its group sorts above, the cursor must stay put.
harness_tmux_keys ui j
report 3 192.0.2.12 0
harness_tmux_wait_for ui "192.0.2.12" 20 >/dev/null
screen=$(harness_tmux_capture ui)
tap_check "a report delivered later appears without a key (IDLE)" \
	grep -q "192.0.2.12" <<<"$screen"
tap_check "... and the open count follows" grep -q "| 3 open |" <<<"$screen"
harness_tmux_keys ui Enter
harness_tmux_wait_for ui "reports" 5 >/dev/null
tap_check "the cursor stayed on its row while the list grew" \
	grep -q "192.0.2.10: 1 report" <<<"$(harness_tmux_capture ui)"
harness_tmux_keys ui q

harness_tmux_keys ui '$'
harness_tmux_wait_for ui "syncing now" 5 >/dev/null
tap_check "\$ asks the worker to sync now" \
	grep -q "syncing now" <<<"$(harness_tmux_capture ui)"

screen=$(harness_tmux_capture ui -e)
tap_check "no GnuTLS or library text on the screen" \
	test -z "$(grep -i "gnutls\|error:" <<<"$screen")"

# exit_status NAME: waits up to 3 s for the program to end.
exit_status()
{
	local i
	for i in $(seq 1 30); do
		harness_tmux_exited "$1" && return 0
		sleep 0.1
	done
	echo timeout
}

harness_tmux_keys ui Q
status=$(exit_status ui)
tap_check "quits within 3 s, status 0, while the worker idles" \
	test "$status" = 0
tap_check "the cache holds the three messages" \
	test "$(sqlite3 "$HARNESS_DIR/cache.db" 'select count(*) from message')" = 3
log=$XDG_DATA_HOME/abusedesk/abusedesk.log
tap_check "stderr went to a private log while the screen ran" \
	test ! -e "$log" -o "$(stat -c %a "$log" 2>/dev/null)" = 600

# A TERM signal (or a hang-up) while the worker is connected ends the
# screen as Q does; the exit status is the signal's.
harness_tmux_start sig 80 24 env LANG=C.UTF-8 \
	ABUSEDESK_PASSWORD="$HARNESS_PASS" "$bin" --config "$cfg" \
	--db "$HARNESS_DIR/cache.db"
harness_tmux_wait_for sig "idle since" 20 >/dev/null
pid=$(harness_tmux_pid sig "$bin")
# Holding a password, the process writes no core file.
no_core()
{
	grep -E '^Max core file size +0 +0 ' "/proc/$1/limits" >/dev/null &&
		return 0
	grep 'core' "/proc/$1/limits"
	return 1
}
tap_check "holding the password, the screen's process writes no core" \
	no_core "$pid"
[ -n "$pid" ] && kill -TERM "$pid"
tap_check "TERM while the worker idles: ends within 3 s, status 143" \
	test "$(exit_status sig)" = 143
# Killed where it stood, the program would leave its WAL behind; closed,
# the last connection removes it.
tap_check "... having closed the cache (no WAL left)" \
	test ! -e "$HARNESS_DIR/cache.db-wal"
tap_check "the cache still holds the three messages" \
	test "$(sqlite3 "$HARNESS_DIR/cache.db" 'select count(*) from message')" = 3

harness_tmux_start off 80 24 env LANG=C.UTF-8 "$bin" --config "$cfg" \
	--db "$HARNESS_DIR/cache.db" --offline
harness_tmux_wait_for off "offline" 10 >/dev/null
tap_check "--offline shows the cache and says offline" \
	grep -q "192.0.2.12" <<<"$(harness_tmux_capture off)"
harness_tmux_keys off '$'
harness_tmux_wait_for off "no sync" 5 >/dev/null
tap_check "\$ offline says there is no sync" \
	grep -q "no sync" <<<"$(harness_tmux_capture off)"
harness_tmux_keys off Q
tap_check "quits with status 0 offline" test "$(exit_status off)" = 0
tap_done
