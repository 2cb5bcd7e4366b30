#!/usr/bin/env bash
# unsubscribe_live.sh: X on the screen reaches the reporter's server
# through the sync worker, not the screen: after the yes the one-click
# POST arrives at the HTTPS sink without a key more, and the outbox count
# in the status bar goes back to 0.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/harness.sh
. tests/harness/tap.sh

bin=${ABUSEDESK_BUILD:-build}/abusedesk
harness_init
export no_proxy='*' NO_PROXY='*'
harness_dovecot_start
harness_https_start sink || exit 1
harness_user_home
url="https://127.0.0.1:$HARNESS_HTTPS_SINK_PORT/u?id=9"
cfg=$HARNESS_DIR/abusedesk.conf
{
	harness_conf_imap
	cat <<CFG
[networks]
own = 192.0.2.0/24

[unsubscribe]
ca_file = $HARNESS_CA
CFG
} >"$cfg"
cat >"$HARNESS_DIR/r.eml" <<MAIL
From: Notices <notices@bulk-notices.example>
To: abuse@isp.example
Subject: Spam from 192.0.2.30
Date: $(date -u -R -d "1 hour ago")
Message-ID: <bulk-live@bulk-notices.example>
List-Unsubscribe: <$url>
List-Unsubscribe-Post: List-Unsubscribe=One-Click

Spam was received from 192.0.2.30.
MAIL
harness_deliver "$HARNESS_USER" "$HARNESS_DIR/r.eml"

harness_tmux_start ui 120 24 env LANG=C.UTF-8 \
	ABUSEDESK_PASSWORD="$HARNESS_PASS" "$bin" --config "$cfg" \
	--db "$HARNESS_DIR/cache.db"
harness_tmux_wait_for ui "idle since" 20 >/dev/null
tap_check "the group is on the screen" \
	grep -q "192.0.2.30" <<<"$(harness_tmux_capture ui)"

harness_tmux_keys ui X
tap_check "X asks first" \
	harness_tmux_wait_for ui "Unsubscribe by one-click POST to $url? [y/N]" 5
tap_check "and sends nothing before the answer" \
	test "$(harness_https_count sink)" -eq 0
harness_tmux_keys ui y
tap_check "y queues it" harness_tmux_wait_for ui "unsubscribe queued" 5
tap_check "the sync worker sends the POST, without a key more" \
	harness_https_wait_count sink 1 20
tap_check "with the one-click body" \
	grep -q '"body": "List-Unsubscribe=One-Click"' \
	"$HARNESS_HTTPS_SINK_DIR/0001.json"
tap_check "the status bar's outbox count goes back to 0" \
	harness_tmux_wait_for ui "outbox: 0 queued" 10
harness_tmux_keys ui q
tap_done
