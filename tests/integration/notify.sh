#!/usr/bin/env bash
# notify.sh: c on the screen, end to end — the customer notification
# edited and queued on the screen (offline) reaches the SMTP sink on the next sync's
# flush, To the customer's contact only, without the reporter's address
# or thread headers; its copy is filed in Sent and the report is not
# marked answered.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/harness.sh
. tests/tui/tmux_lib.bash

BIN=$PWD/${ABUSEDESK_BUILD:-build}/abusedesk
if [ ! -x "$BIN" ] || ! command -v tmux >/dev/null; then
	tap_fail "binary $BIN and tmux exist"
	tap_done
fi
harness_init && harness_certs || exit 1
harness_on_cleanup tui_stop
harness_dovecot_start || exit 1
harness_smtp_start --starttls --auth "$HARNESS_USER:smtp-secret" \
	--require-auth || exit 1
T=$HARNESS_DIR
harness_deliver "$HARNESS_USER" tests/fixtures/reply/report.eml || exit 1
export ABUSEDESK_PASSWORD=$HARNESS_PASS ABUSEDESK_SMTP_PASSWORD=smtp-secret
export XDG_CONFIG_HOME=$T/xdg
mkdir -p "$XDG_CONFIG_HOME"
# The reseller's /24 holds the customer's /28: the longer prefix wins.
printf '192.0.2.0/24,Reseller,noc@reseller.example\n192.0.2.0/28,"Müller, Hosting",ops@customer.example,C-42\n' >"$T/customers.csv"
{
	printf '[imap]\nhost = %s\nport = %s\ntls = starttls\nuser = %s\nca_file = %s\n' \
		"$HARNESS_HOST" "$HARNESS_IMAP_PORT" "$HARNESS_USER" "$HARNESS_CA"
	printf '[smtp]\nhost = %s\nport = %s\ntls = starttls\nca_file = %s\n' \
		"$HARNESS_HOST" "$HARNESS_SMTP_PORT" "$HARNESS_CA"
	printf '[networks]\nown = 192.0.2.0/24\n'
	printf '[customers]\nfile = %s\n' "$T/customers.csv"
	printf '[identity]\nname = Abuse Desk\nemail = abuse@isp.example\n'
} >"$T/config"
chmod 600 "$T/config"
# The operator's editor: adds a line to the draft.
printf '#!/bin/sh\nprintf "Please look into it.\\n" >>"$1"\n' >"$T/editor.sh"
chmod +x "$T/editor.sh"
export EDITOR=$T/editor.sh VISUAL=
ad() { "$BIN" --config "$T/config" --db "$T/db" "$@"; }

tap_check "the report is synced" ad sync
tui_start 80 30 --config "$T/config" --db "$T/db" --offline
tap_check "the screen shows the customer" tui_wait "Müller, H"
tui_keys c
tap_check "c asks before it sends, after the editor" \
	tui_wait "y send, e edit, t template, q cancel"
tui_keys y
tap_check "y queues it" tui_wait "notification queued"
tui_keys Q
tap_check "the next sync flushes it" ad sync
tap_check "the sink got one message" harness_smtp_wait_count 1 10
E=$HARNESS_SMTP_DIR/0001.eml
tap_check "for the customer's contact only" \
	grep -q '"rcpt_tos": \["ops@customer.example"\]' "$HARNESS_SMTP_DIR/0001.json"
tap_check "To the contact" grep -q $'^To: ops@customer.example\r$' "$E"
tap_check "about the address" \
	grep -q $'^Subject: Abuse report about your address 192.0.2.7\r$' "$E"
# quoted-printable: @ is =40
tap_check "with the evidence line" \
	grep -q '2026-12-01 09:58:12 192.0.2.7 sent spam to trap=40reporter.example' "$E"
tap_check "with the line the editor added" \
	grep -q $'^Please look into it.\r$' "$E"
tap_check "no thread headers, no reporter's address in the headers" \
	bash -c '! grep -qiE "^(In-Reply-To|References):|tickets@reporter|noc@reporter" "$1"' _ "$E"
harness_doveadm fetch -u "$HARNESS_USER" 'flags hdr.subject' mailbox Sent >"$T/sent.txt" 2>&1
tap_check "its copy is in Sent" grep -q 'Abuse report about your address 192.0.2.7' "$T/sent.txt"
harness_doveadm fetch -u "$HARNESS_USER" 'flags' mailbox INBOX >"$T/inbox.txt" 2>&1
tap_check "the report is not marked answered" \
	bash -c '! grep -q "Answered" "$1"' _ "$T/inbox.txt"
tap_done
