#!/usr/bin/env bash
# smtp_password.sh: an SMTP password that only the user can give (no
# ABUSEDESK_SMTP_PASSWORD, no password_command) is asked for by the
# screen, with nothing typed shown, when a mail waits for it: at start
# for mail an earlier run left, after y on a reply, and on the sync key.
# Esc leaves the mail queued; a password the server refuses is forgotten
# and asked again; the right one sends the waiting mail at once (its
# backoff skipped) and is kept for the next reply. Nothing typed reaches
# the cache.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/harness.sh
. tests/harness/tap.sh

bin=${ABUSEDESK_BUILD:-build}/abusedesk
harness_init
harness_dovecot_start
harness_smtp_start --starttls --auth "$HARNESS_USER:Smtp-Secret-7" --require-auth
harness_user_home
unset ABUSEDESK_SMTP_PASSWORD
cfg=$HARNESS_DIR/abusedesk.conf
{
	harness_conf_imap
	harness_conf_smtp
	cat <<CFG
[identity]
name = Abuse Desk
email = abuse@isp.example
CFG
} >"$cfg"
editor=$HARNESS_DIR/editor.sh
printf '#!/bin/sh\nprintf "We have disconnected the host.\\n" >>"$1"\n' >"$editor"
chmod +x "$editor"
db=$HARNESS_DIR/cache.db

report()
{
	local f="$HARNESS_DIR/r$1.eml"
	{
		printf 'From: noc@mon%s.example.org\n' "$1"
		printf 'To: abuse@isp.example\n'
		printf 'Subject: SSH attacks from %s\n' "$2"
		printf 'Date: %s\n' "$(date -u -R -d "$1 hours ago")"
		printf 'Message-ID: <ssh-%s@mon.example.org>\n' "$1"
		printf '\nThe host %s attacked our SSH servers 300 times today.\n' "$2"
		printf 'Please stop the attacks from your customer'"'"'s host.\n'
	} >"$f"
	harness_deliver "$HARNESS_USER" "$f"
}

start_screen()
{
	harness_tmux_start ui 100 30 env LANG=C.UTF-8 EDITOR="$editor" VISUAL= \
		ABUSEDESK_PASSWORD="$HARNESS_PASS" \
		"$bin" --config "$cfg" --db "$db"
}

quit_screen()
{
	harness_tmux_keys ui Q
	for _ in $(seq 100); do
		harness_tmux_exited ui >/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# reply_to IP: r on IP's report from the groups screen, y to send.
reply_to()
{
	harness_tmux_keys ui /
	harness_tmux_type ui "$1"
	harness_tmux_keys ui Enter
	harness_tmux_wait_for ui "1 report" 5 >/dev/null
	harness_tmux_keys ui r
	harness_tmux_wait_for ui "y send, e edit" 10 >/dev/null
	harness_tmux_keys ui y
}

report 1 203.0.113.10
report 2 203.0.113.11
start_screen
harness_tmux_wait_for ui "idle since" 20 >/dev/null
tap_check "nothing waits: no password asked at start" \
	eval '! harness_tmux_capture ui | grep -q "SMTP password"'

reply_to 203.0.113.10
tap_check "y on a reply asks for the SMTP password" \
	harness_tmux_wait_for ui "SMTP password for $HARNESS_USER@localhost:" 10
harness_tmux_keys ui Escape
tap_check "Esc: the mail stays queued, and the screen says so" \
	harness_tmux_wait_for ui "no SMTP password: 1 mail waits in the outbox" 5
harness_tmux_keys ui '$'
tap_check "the sync key asks again" \
	harness_tmux_wait_for ui "SMTP password for $HARNESS_USER@localhost:" 10
harness_tmux_type ui "Wrong-Pass-3"
tap_check "nothing typed is shown" \
	eval '! harness_tmux_capture ui | grep -q "Wrong-Pass-3"'
harness_tmux_keys ui Enter

# The flush tries it and the server refuses it (535).
refused=
for _ in $(seq 200); do
	refused=$(sqlite3 "$db" "select last_error from outbox where kind = 'mail'" 2>/dev/null)
	case $refused in *535*) break ;; esac
	sleep 0.1
done
tap_check "a wrong password: the server's 535 is the row's error (got: $refused)" \
	grep -q "535" <<<"$refused"
tap_check "... which says it is forgotten" \
	grep -q "the password typed is forgotten" <<<"$refused"
tap_check "... and nothing was sent" test "$(harness_smtp_count)" = 0
harness_tmux_keys ui '$'
tap_check "a refused password is asked again" \
	harness_tmux_wait_for ui "SMTP password for $HARNESS_USER@localhost:" 10
harness_tmux_type ui "Smtp-Secret-7"
harness_tmux_keys ui Enter
tap_check "the right one sends the waiting mail at once, backoff or not" \
	harness_smtp_wait_count 1 20
tap_check "... by the user it logged in as" \
	grep -q "\"auth\": \"$HARNESS_USER\"" "$HARNESS_SMTP_DIR/0001.json"

harness_tmux_keys ui q
reply_to 203.0.113.11
tap_check "the next reply goes without asking again" \
	harness_smtp_wait_count 2 20
tap_check "... no prompt on the screen" \
	eval '! harness_tmux_capture ui | grep -q "SMTP password"'
tap_check "the screen quits" quit_screen

# A reply queued by a command with no terminal to ask on stays queued,
# and the next screen asks for it at start.
harness_tmux_stop ui
id=$(sqlite3 "$db" "select id from message where message_id like '%ssh-1@mon.example.org%'")
ABUSEDESK_PASSWORD="$HARNESS_PASS" "$bin" --config "$cfg" --db "$db" reply --message "$id" --template resolved \
	--send </dev/null >"$HARNESS_DIR/reply.out" 2>&1
tap_check "reply --send with no terminal: the mail stays queued, and it says why" \
	grep -q "no password for $HARNESS_USER" "$HARNESS_DIR/reply.out"
tap_check "... nothing sent" test "$(harness_smtp_count)" = 2
start_screen
tap_check "mail left in the outbox: the password is asked at start" \
	harness_tmux_wait_for ui "SMTP password for $HARNESS_USER@localhost:" 20
harness_tmux_type ui "Smtp-Secret-7"
harness_tmux_keys ui Enter
tap_check "... and the mail goes" harness_smtp_wait_count 3 20
tap_check "the screen quits" quit_screen

tap_check "no typed password in the cache" \
	eval '! grep -a -q -e "Smtp-Secret-7" -e "Wrong-Pass-3" "$db" "$db-wal" 2>/dev/null'
tap_done
