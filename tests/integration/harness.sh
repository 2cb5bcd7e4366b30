#!/usr/bin/env bash
# harness.sh: the test harness tests itself — certificates, the Dovecot
# instances and delivery, the SMTP sink, the fake IMAP servers, tmux with
# no terminal, and that nothing is left running when a test is killed.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/harness/harness.sh

harness_init || exit 1

# ---- certificates ----
harness_certs || exit 1
tap_check "server certificate chains to the CA" \
	openssl verify -CAfile "$HARNESS_CA" -verify_hostname localhost \
	"$HARNESS_CERTS/server.pem"
tap_check "server certificate is valid for 127.0.0.1" \
	openssl verify -CAfile "$HARNESS_CA" -verify_ip 127.0.0.1 \
	"$HARNESS_CERTS/server.pem"
tap_check "wrong certificate is not valid for localhost" \
	bash -c '! openssl verify -CAfile "$1" -verify_hostname localhost \
		"$2"' _ "$HARNESS_CA" "$HARNESS_CERTS/wrong.pem"
tap_check "self-signed certificate does not chain to the CA" \
	bash -c '! openssl verify -CAfile "$1" "$2"' _ "$HARNESS_CA" \
	"$HARNESS_CERTS/self.pem"
tap_check "self-signed fingerprint is exported" \
	grep -Eq '^([0-9A-F]{2}:){31}[0-9A-F]{2}$' <<<"$HARNESS_SELF_FINGERPRINT"

# ---- dovecot ----
if harness_dovecot_start && harness_dovecot_start wrong wrong; then
	tap_ok "two dovecot instances start"
else
	tap_fail "two dovecot instances start"
	tap_done
fi
tap_check "main and wrong use different ports" test \
	"$HARNESS_IMAP_PORT" != "$HARNESS_WRONG_IMAP_PORT"

# A STARTTLS session offering the CA-signed certificate for localhost.
starttls_subject()
{
	openssl s_client -starttls imap -connect "127.0.0.1:$1" \
		-CAfile "$HARNESS_CA" -verify_hostname localhost \
		-verify_return_error </dev/null 2>&1
}
tap_check "main offers STARTTLS with a verifiable certificate" \
	grep -q 'Verify return code: 0' <<<"$(starttls_subject "$HARNESS_IMAP_PORT")"
tap_check "implicit TLS port answers with the wrong.example certificate" \
	grep -q 'CN *= *wrong.example' <<<"$(openssl s_client \
		-connect "127.0.0.1:$HARNESS_WRONG_IMAPS_PORT" </dev/null 2>&1)"

msg="$HARNESS_DIR/msg.eml"
printf 'From: reporter@example.org\nTo: abuse@example.net\nSubject: harness\nMessage-ID: <h1@example.org>\n\nbody\n' >"$msg"
tap_check "harness_deliver stores a message" harness_deliver "$HARNESS_USER" "$msg"
tap_check "doveadm sees the delivered message" \
	grep -q '^1$' <<<"$(harness_doveadm mailbox status -u "$HARNESS_USER" messages INBOX |
		sed 's/.*messages=//')"
tap_check "delivery into another mailbox" harness_deliver "$HARNESS_USER" "$msg" Sent
tap_check "deliver refuses a missing file" \
	bash -c '! (. tests/harness/harness.sh; harness_deliver ops /nonexistent) 2>/dev/null'
tap_check "the second user logs in with a password full of quotes" \
	harness_doveadm auth test "$HARNESS_USER2" "$HARNESS_PASS2"
tap_check "dovecot runs the mail user unprivileged" \
	test "$(stat -c %u "$HARNESS_MAIL_DIR/$HARNESS_USER/Maildir")" = \
	"$(harness_mail_owner | cut -d: -f1)"
pid=$HARNESS_WRONG_DOVECOT_PID
harness_dovecot_stop wrong
tap_check "harness_dovecot_stop ends the instance" \
	bash -c '! kill -0 "$1" 2>/dev/null || ps -o stat= -p "$1" | grep -q Z' _ "$pid"

# ---- smtp sink ----
if harness_smtp_start --auth "ops:sink-pass" --starttls; then
	tap_ok "smtp sink starts"
	"$HARNESS_PY" - "$HARNESS_SMTP_PORT" "$HARNESS_CA" <<'EOF'
import smtplib, ssl, sys
s = smtplib.SMTP("localhost", int(sys.argv[1]))
s.starttls(context=ssl.create_default_context(cafile=sys.argv[2]))
s.login("ops", "sink-pass")
s.sendmail("abuse@example.net", ["reporter@example.org"],
           b"Subject: reply\r\n\r\nthanks\r\n")
s.quit()
EOF
	tap_check "smtp sink keeps the message" harness_smtp_wait_count 1
	tap_check "smtp sink records the envelope, login and TLS" grep -q \
		'"rcpt_tos": \["reporter@example.org"\], "auth": "ops", "tls": true' \
		"$HARNESS_SMTP_DIR/0001.json"
	harness_smtp_stop
else
	tap_fail "smtp sink starts"
fi

# ---- fake imap ----
if harness_fake_imap_start silent bye; then
	tap_ok "fake imap starts"
	exec 8<>"/dev/tcp/127.0.0.1/$HARNESS_FAKE_BYE_PORT"
	read -r -t 5 line <&8
	exec 8>&-
	tap_check "fake bye mode says BYE" grep -q '^\* BYE' <<<"$line"
	harness_fake_imap_stop
else
	tap_fail "fake imap starts"
fi

# ---- tmux ----
if harness_tmux_start t1 60 10 bash --norc --noprofile -c \
	'echo "size $(tput cols)x$(tput lines)"; read -r x; echo "got $x"; exit 3'; then
	tap_check "tmux runs a program without a terminal" \
		harness_tmux_wait_for t1 "size 60x10" 5
	harness_tmux_type t1 'hello world'
	harness_tmux_keys t1 Enter
	tap_check "tmux sends literal text and keys" \
		harness_tmux_wait_for t1 "got hello world" 5
	status=
	for _ in $(seq 50); do
		status=$(harness_tmux_exited t1) && break
		sleep 0.1
	done
	tap_check "tmux reports the exit status" test "$status" = 3
	harness_tmux_stop t1
else
	tap_fail "tmux runs a program without a terminal"
fi

# ---- harness_run ----
harness_run bash -c 'exit 7'
tap_check "harness_run returns the program's status" test $? = 7
started=$(date +%s)
HARNESS_TIMEOUT=1 harness_run sleep 30
rc=$?
tap_check "harness_run ends a program at HARNESS_TIMEOUT with 124" \
	test "$rc" = 124 -a $(($(date +%s) - started)) -lt 10

# ---- cleanup when a test is killed midway ----
# Starts a test shell with every kind of server, kills it with SIGNAL and
# checks that nothing of it is left: by its trap (TERM) or by the sentinel
# (KILL, where no trap runs).
killed_test_leaves_nothing()
{
	local sig=$1 dir="$HARNESS_DIR/child-$1" child tag left=

	mkdir -p "$dir"
	TMPDIR="$dir" bash -c '
		. tests/harness/harness.sh
		harness_init
		harness_dovecot_start && harness_smtp_start &&
			harness_fake_imap_start silent &&
			harness_tmux_start t 80 24 sleep 600 || exit 1
		echo "$HARNESS_DIR" >"$1/started"
		# A test program that names the folder, so leftovers see it.
		harness_run bash -c "sleep 600; :" "$HARNESS_DIR"
		' _ "$dir" >/dev/null 2>&1 &
	child=$!
	if ! harness_wait_file_match "$dir/started" . 20; then
		tap_fail "SIG$sig: the servers of a test start"
		kill -KILL "$child" 2>/dev/null
		return
	fi
	tag=$(basename "$(cat "$dir/started")")
	tap_check "SIG$sig: the test's servers run before the kill" \
		test -n "$(harness_leftovers "$tag")"
	kill "-$sig" "$child"
	wait "$child" 2>/dev/null
	for _ in $(seq 100); do
		left=$(harness_leftovers "$tag")
		[ -z "$left" ] && break
		sleep 0.1
	done
	if [ -z "$left" ]; then
		tap_ok "SIG$sig to a test stops all its servers"
	else
		tap_fail "SIG$sig to a test stops all its servers" "$left"
	fi
	tap_check "SIG$sig to a test removes its folder" \
		test ! -e "$(cat "$dir/started")"
}

killed_test_leaves_nothing TERM
killed_test_leaves_nothing KILL

tap_done
