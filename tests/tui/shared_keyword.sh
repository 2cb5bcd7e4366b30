#!/usr/bin/env bash
# shared_keyword.sh: a decision on the screen reaches the IMAP server
# through the sync worker behind it: `d` on a group sets $AbuseResolved on
# its message soon after, without a key more, the status bar's outbox
# count goes back to 0, and `U` after the keyword was sent queues and
# sends its reverse; another program reading the cache meanwhile sees the
# rows and does not take the screen's -wal file away.
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
cat >"$HARNESS_DIR/r.eml" <<MAIL
From: fail2ban@mon.example.org
To: abuse@isp.example
Subject: [Fail2Ban] sshd: banned 192.0.2.10
Date: $(date -u -R -d "1 hour ago")
Message-ID: <f2b-shared@mon.example.org>

The IP 192.0.2.10 has just been banned by Fail2Ban after 6 attempts.
MAIL
harness_deliver "$HARNESS_USER" "$HARNESS_DIR/r.eml"

flags() { harness_doveadm fetch -u "$HARNESS_USER" flags mailbox INBOX all; }
# wait_flags PATTERN yes|no: until the message's flags (do not) match,
# 20 s at most.
wait_flags()
{
	local end=$((SECONDS + 20))

	while [ "$SECONDS" -lt "$end" ]; do
		if flags | grep -q -- "$1"; then
			[ "$2" = yes ] && return 0
		else
			[ "$2" = no ] && return 0
		fi
		sleep 0.1
	done
	flags
	return 1
}

harness_tmux_start ui 100 24 env LANG=C.UTF-8 \
	ABUSEDESK_PASSWORD="$HARNESS_PASS" "$bin" --config "$cfg" \
	--db "$HARNESS_DIR/cache.db"
harness_tmux_wait_for ui "idle since" 20 >/dev/null
tap_check "the group is on the screen" \
	grep -q "192.0.2.10" <<<"$(harness_tmux_capture ui)"

harness_tmux_keys ui d
tap_check "d resolves the group" \
	harness_tmux_wait_for ui "192.0.2.10 resolved" 5
tap_check "the sync behind the screen sets \$AbuseResolved on the server" \
	wait_flags '\$AbuseResolved' yes
tap_check "the status bar's outbox count goes back to 0" \
	harness_tmux_wait_for ui "outbox: 0 queued" 10

# Another program reading the cache while the screen runs (sqlite3 here,
# or an `abusedesk list`) sees its rows, and its leaving does not take the
# screen's -wal file away: the screen's later writes stay visible.
db=$HARNESS_DIR/cache.db
tap_check "a reader beside the screen sees the outbox row" \
	test "$(sqlite3 "$db" "SELECT count(*) FROM outbox")" = 1
tap_check "and leaves the screen's -wal file in place" test -e "$db-wal"

harness_tmux_keys ui U
tap_check "U undoes it" harness_tmux_wait_for ui "undone" 5
tap_check "the reverse of the sent keyword reaches the server" \
	wait_flags '\$AbuseResolved' no
tap_check "and the outbox is empty again" \
	harness_tmux_wait_for ui "outbox: 0 queued" 10
tap_check "a reader beside the screen sees the reverse's row too" \
	test "$(sqlite3 "$db" "SELECT count(*) FROM outbox")" = 2
harness_tmux_keys ui q
tap_done
