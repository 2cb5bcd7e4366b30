#!/usr/bin/env bash
# reply.sh: r on the real screen — the draft opens in $EDITOR (here a
# script that appends a line), the confirm screen shows To and Subject and
# warns about an Auto-Submitted report, q sends nothing, y queues the
# reply and the sync worker's flush sends it to the harness SMTP sink and
# files it in Dovecot's Sent.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/harness.sh
. tests/harness/tap.sh

bin=${ABUSEDESK_BUILD:-build}/abusedesk
harness_init
harness_dovecot_start
harness_smtp_start --starttls --auth "$HARNESS_USER:smtp-secret" --require-auth
harness_user_home
cfg=$HARNESS_DIR/abusedesk.conf
{
	harness_conf_imap
	harness_conf_smtp
	cat <<CFG
[identity]
name = Abuse Desk
email = abuse@isp.example

[networks]
own = 192.0.2.0/24
CFG
} >"$cfg"
editor=$HARNESS_DIR/editor.sh
cat >"$editor" <<'ED'
#!/bin/sh
# Stands in for the user: adds a line to the reply and saves it (or,
# while a file "noedit" is beside it, leaves it as it was).
[ -e "$(dirname "$0")/noedit" ] && exit 0
printf 'We have disconnected the host.\n' >>"$1"
ED
chmod +x "$editor"

# report N IP [HEADER]: a fail2ban-style report about IP.
report()
{
	local f="$HARNESS_DIR/r$1.eml"
	{
		printf 'From: fail2ban@mon%s.example.org\n' "$1"
		printf 'To: abuse@isp.example\n'
		printf 'Subject: [Fail2Ban] sshd: banned %s\n' "$2"
		printf 'Date: %s\n' "$(date -u -R -d "$1 hours ago")"
		printf 'Message-ID: <f2b-%s@mon.example.org>\n' "$1"
		[ -n "${3:-}" ] && printf '%s\n' "$3"
		printf '\nThe IP %s has just been banned by Fail2Ban after 6 attempts against sshd.\n' "$2"
		printf 'Please investigate and stop the attacks from your customer'"'"'s host.\n'
	} >"$f"
	harness_deliver "$HARNESS_USER" "$f"
}

report 1 192.0.2.10
report 2 192.0.2.11 'Auto-Submitted: auto-generated'
harness_tmux_start ui 100 30 env LANG=C.UTF-8 EDITOR="$editor" VISUAL= \
	ABUSEDESK_PASSWORD="$HARNESS_PASS" ABUSEDESK_SMTP_PASSWORD=smtp-secret \
	"$bin" --config "$cfg" --db "$HARNESS_DIR/cache.db"
harness_tmux_wait_for ui "idle since" 20 >/dev/null

# The auto-submitted report first (it is the newer): warned, cancelled.
harness_tmux_keys ui /
harness_tmux_type ui "192.0.2.11"
harness_tmux_keys ui Enter
harness_tmux_wait_for ui "1 report" 5 >/dev/null
harness_tmux_keys ui r
harness_tmux_wait_for ui "y send, e edit" 10 >/dev/null
screen=$(harness_tmux_capture ui)
tap_check "r opens the confirm screen after the editor" \
	grep -q "y send, e edit, t template, q cancel" <<<"$screen"
tap_check "it warns that nobody may read a reply to an Auto-Submitted report" \
	grep -q "Warning: nobody may read this reply: the report is marked Auto-Submitted" <<<"$screen"
tap_check "it shows To" grep -q "To: fail2ban@mon2.example.org" <<<"$screen"
tap_check "and the subject with one Re:" \
	grep -q "Subject: Re: \[Fail2Ban\] sshd: banned 192.0.2.11" <<<"$screen"
tap_check "and the line the editor added" \
	grep -q "We have disconnected the host." <<<"$screen"
harness_tmux_keys ui t
harness_tmux_wait_for ui "Template: tor-exit-relay" 5 >/dev/null
tap_check "t lists the templates" \
	grep -q "Template: tor-exit-relay" <<<"$(harness_tmux_capture ui)"
harness_tmux_type ui "nosuch"
harness_tmux_keys ui Enter
harness_tmux_wait_for ui "No template nosuch." 5 >/dev/null
tap_check "an unknown name is asked again" \
	grep -q "No template nosuch. Template:" <<<"$(harness_tmux_capture ui)"
harness_tmux_type ui "resolved"
harness_tmux_keys ui Enter
harness_tmux_wait_for ui "(template resolved)" 10 >/dev/null
screen=$(harness_tmux_capture ui)
tap_check "another template starts the reply over" \
	grep -q "has been dealt with" <<<"$screen"
tap_check "... through the editor again" \
	test "$(grep -c "We have disconnected the host." <<<"$screen")" = 1
harness_tmux_keys ui q
harness_tmux_wait_for ui "reply not sent" 5 >/dev/null
tap_check "q cancels" grep -q "reply not sent" <<<"$(harness_tmux_capture ui)"

touch "$HARNESS_DIR/noedit"
harness_tmux_keys ui r
harness_tmux_wait_for ui "Abort unmodified message?" 10 >/dev/null
tap_check "a draft left as it was asks to abort" \
	grep -q "Abort unmodified message? (y/n)" <<<"$(harness_tmux_capture ui)"
harness_tmux_keys ui y
harness_tmux_wait_for ui "reply not sent" 5 >/dev/null
tap_check "... and y drops it" grep -q "reply not sent" <<<"$(harness_tmux_capture ui)"
rm -f "$HARNESS_DIR/noedit"

harness_tmux_keys ui q
harness_tmux_keys ui /
harness_tmux_type ui "192.0.2.10"
harness_tmux_keys ui Enter
harness_tmux_wait_for ui "1 report" 5 >/dev/null
harness_tmux_keys ui Enter
harness_tmux_keys ui r
harness_tmux_wait_for ui "y send, e edit" 10 >/dev/null
screen=$(harness_tmux_capture ui)
tap_check "from the pager too, no warning for a person's report" \
	eval '! grep -q "Warning:" <<<"$screen"'
harness_tmux_keys ui y
tap_check "y: the flush sends the reply to the SMTP sink" \
	harness_smtp_wait_count 1 20
eml=$HARNESS_SMTP_DIR/0001.eml
tap_check "the mail holds the edited line" \
	grep -q "We have disconnected the host." "$eml"
tap_check "to the reporter" \
	grep -q '"rcpt_tos": \["fail2ban@mon1.example.org"\]' "$HARNESS_SMTP_DIR/0001.json"
tap_check "threaded under the report" \
	grep -q "^In-Reply-To: <f2b-1@mon.example.org>" "$eml"
tap_check "its copy is in Sent" \
	eval 'harness_doveadm search -u "$HARNESS_USER" mailbox Sent all | grep -q .'
draft_left=$(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'abusedesk-reply-*' -newer "$cfg" 2>/dev/null)
tap_check "the draft file is removed" test -z "$draft_left"

harness_tmux_keys ui Q
for _ in $(seq 30); do
	harness_tmux_exited ui >/dev/null && break
	sleep 0.1
done
# Read once the screen has closed the cache.
rows=$(sqlite3 "$HARNESS_DIR/cache.db" "select state || ' ' || step from outbox where kind = 'mail'")
tap_check "one mail row, the one confirmed, sent and filed (got: $rows)" \
	test "$rows" = "sent filed"
tap_done
