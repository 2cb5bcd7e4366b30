#!/usr/bin/env bash
# reply.sh: `abusedesk reply` on the real binary — the composed bytes
# (To from the Reply-To, the subject with its ticket tag, In-Reply-To,
# References, an encoded name and subject, quoted-printable body), sent
# by SMTP with STARTTLS and AUTH to the harness sink, its copy filed in
# Dovecot's Sent with \Seen and the report marked \Answered; a sendmail
# stand-in; a missing [identity] email refused; implicit TLS (port 465
# style) to a sink with a self-signed certificate, refused until trusted.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/harness.sh

BIN=$PWD/${ABUSEDESK_BUILD:-build}/abusedesk
if [ ! -x "$BIN" ]; then
	tap_fail "binary $BIN exists"
	tap_done
fi
harness_init && harness_certs || exit 1
harness_dovecot_start || exit 1
harness_smtp_start --starttls --auth "$HARNESS_USER:smtp-secret" \
	--require-auth || exit 1
T=$HARNESS_DIR
harness_deliver "$HARNESS_USER" tests/fixtures/reply/report.eml || exit 1
# Reports about an address not ours, and a copyright notice about ours.
printf 'From: noc@other.example\nTo: abuse@isp.example\nSubject: Scan from 203.0.113.9\nMessage-ID: <other-1@other.example>\n\nWe saw port scans from 203.0.113.9. Please stop them.\n' \
	>"$T/other.eml"
printf 'From: notices@rights.example\nTo: abuse@isp.example\nSubject: Notice of Claimed Infringement\nMessage-ID: <dmca-1@rights.example>\n\nThe copyrighted work was shared by 192.0.2.8 over BitTorrent.\nInfringing work: Some Film\nPlease remove or disable access to the infringing material.\n' \
	>"$T/dmca.eml"
harness_deliver "$HARNESS_USER" "$T/other.eml" || exit 1
harness_deliver "$HARNESS_USER" "$T/dmca.eml" || exit 1
export ABUSEDESK_PASSWORD=$HARNESS_PASS ABUSEDESK_SMTP_PASSWORD=smtp-secret
export XDG_CONFIG_HOME=$T/xdg

base()
{
	printf '[imap]\nhost = %s\nport = %s\ntls = starttls\nuser = %s\nca_file = %s\n' \
		"$HARNESS_HOST" "$HARNESS_IMAP_PORT" "$HARNESS_USER" "$HARNESS_CA"
	printf '[networks]\nown = 192.0.2.0/24\n'
	printf '[identity]\nname = Jörg Müller\nemail = abuse@isp.example\n'
	printf 'organization = Example ISP\nbcc = archive@isp.example\n'
	printf 'signature_file = %s\n' "$T/sig"
}
printf 'Abuse desk, Example ISP\n' >"$T/sig"
{
	base
	printf '[smtp]\nhost = %s\nport = %s\ntls = starttls\nca_file = %s\n' \
		"$HARNESS_HOST" "$HARNESS_SMTP_PORT" "$HARNESS_CA"
} >"$T/config"
{
	base
	printf '[smtp]\nsendmail = %s -t -i\n' "$PWD/tests/fixtures/bin/sendmail_stub"
} >"$T/config.sendmail"
grep -v '^email' "$T/config" >"$T/config.noid"
chmod 600 "$T"/config*

run()
{
	local name=$1 config=$2

	shift 2
	"$BIN" --config "$T/$config" --db "$T/db" "$@" >"$T/$name.out" \
		2>"$T/$name.err" </dev/null
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

# has FILE REGEX: a line of FILE (CR stripped) matches.
has()
{
	tr -d '\r' <"$1" | grep -qE -- "$2" || {
		echo "$1 lacks: $2"
		cat "$1"
		false
	}
}

run sync config sync
tap_check "the report is synced" is sync 0
id=$(sqlite3 "$T/db" "SELECT id FROM message WHERE message_id = 'report-1@reporter.example'")
tap_check "it has a local id" test -n "$id"

run show config reply --message "$id"
tap_check "reply prints the message" is show 0
M=$T/show.out
tap_check "every line ends in CRLF" \
	test "$(grep -c $'\r$' "$M")" = "$(wc -l <"$M")"
tap_check "To is the Reply-To, not the From" has "$M" '^To: tickets@reporter\.example$'
tap_check "the subject keeps the ticket tag and one Re:" \
	has "$M" '^Subject: Re: \[Case #AT-26619\] Spam from 192\.0\.2\.7$'
tap_check "In-Reply-To is the report's Message-ID" \
	has "$M" '^In-Reply-To: <report-1@reporter\.example>$'
tap_check "References are its References and its Message-ID" \
	has "$M" '^References: <first@reporter\.example> <report-1@reporter\.example>$'
tap_check "From is the identity, its name RFC 2047-encoded" \
	has "$M" '^From: =\?UTF-8\?Q\?J=C3=B6rg_M=C3=BCller\?= <abuse@isp\.example>$'
tap_check "the Message-ID is in our domain" \
	has "$M" '^Message-ID: <[0-9a-f]{32}@isp\.example>$'
tap_check "no Bcc header" eval '! grep -qi "^bcc:" "$M"'
tap_check "the body quotes the evidence" \
	has "$M" '^> 2026-12-01 09:58:12 192\.0\.2\.7 sent spam to trap@reporter\.example$'
tap_check "and ends with the signature" has "$M" '^Abuse desk, Example ISP$'

other=$(sqlite3 "$T/db" "SELECT id FROM message WHERE message_id = 'other-1@other.example'")
run other config reply --message "$other"
tap_check "a report of no address of ours gets not-our-address" \
	has "$T/other.out" 'is not in our network'
dmca=$(sqlite3 "$T/db" "SELECT id FROM message WHERE message_id = 'dmca-1@rights.example'")
run dmca config reply --message "$dmca"
tap_check "a copyright notice gets copyright-forwarded-to-customer" \
	has "$T/dmca.out" 'We do not store or watch what our customers transfer'

run tmpl config reply --message "$id" --template resolved
tap_check "--template picks another template" \
	has "$T/tmpl.out" 'has been dealt with'
run notmpl config reply --message "$id" --template nosuch
tap_check "an unknown template is an error" is notmpl 1
mkdir -p "$XDG_CONFIG_HOME/abusedesk/templates"
printf 'Subject: Über {ip}\n\nDanke für den Bericht über {ip} (Fall {case}).\n' \
	>"$XDG_CONFIG_HOME/abusedesk/templates/resolved.txt"
run user config reply --message "$id" --template resolved
tap_check "a user's template overrides the bundled one" \
	has "$T/user.out" '^Subject: =\?UTF-8\?Q\?=C3=9Cber_192=2E0=2E2=2E7\?=$'
# libetpan writes every F as =46, so that no line can start "From ".
tap_check "its non-ASCII body goes quoted-printable, {case} filled" \
	has "$T/user.out" '^Danke f=C3=BCr den Bericht =C3=BCber 192\.0\.2\.7 \(=46all AT-26619\)\.$'

run noid config.noid reply --message "$id"
tap_check "without [identity] email the reply is refused" is noid 1
tap_check "saying what to set" has "$T/noid.err" 'email in \[identity\]'

run send config reply --message "$id" --send
tap_check "reply --send exits 0" is send 0
tap_check "the sink got one message" harness_smtp_wait_count 1 10
E=$HARNESS_SMTP_DIR/0001.eml
tap_check "sent over TLS after AUTH" \
	grep -q '"auth": "ops", "tls": true' "$HARNESS_SMTP_DIR/0001.json"
tap_check "to the Reply-To and the Bcc" \
	grep -q '"rcpt_tos": \["tickets@reporter.example", "archive@isp.example"\]' \
	"$HARNESS_SMTP_DIR/0001.json"
tap_check "the sent subject holds the ticket tag" \
	has "$E" '^Subject: Re: \[Case #AT-26619\] Spam from 192\.0\.2\.7$'
tap_check "the sent copy threads under the report" \
	has "$E" '^In-Reply-To: <report-1@reporter\.example>$'
mid=$(tr -d '\r' <"$E" | sed -n 's/^Message-ID: //p')
harness_doveadm fetch -u "$HARNESS_USER" 'flags hdr.message-id' mailbox Sent \
	>"$T/sent.txt" 2>&1
tap_check "the copy is in Sent, marked seen" \
	eval 'grep -q "Seen" "$T/sent.txt" && grep -qF "$mid" "$T/sent.txt"'
harness_doveadm fetch -u "$HARNESS_USER" 'text' mailbox Sent >"$T/sent.eml" 2>&1
tap_check "the copy in Sent has the bytes that were sent" \
	eval 'tr -d "\r" <"$E" | grep -v "^$" >"$T/a"; sed 1d "$T/sent.eml" | tr -d "\r" | grep -v "^$" >"$T/b"; cmp -s "$T/a" "$T/b"'
harness_doveadm fetch -u "$HARNESS_USER" 'flags' mailbox INBOX \
	>"$T/inbox.txt" 2>&1
tap_check "the report is marked answered" grep -q 'Answered' "$T/inbox.txt"
tap_check "the outbox row is sent and filed" \
	test "$(sqlite3 "$T/db" "SELECT state || ' ' || step FROM outbox WHERE kind = 'mail'")" = "sent filed"

# A send that a crash cut off after the mail left but before the step was
# recorded: the row is found 'sending' at step "", and its Message-ID is
# in Sent already, so the next flush does not send it again.
sqlite3 "$T/db" "INSERT INTO outbox(kind, message_id, payload, state, created_at, step)
	SELECT kind, message_id, payload, 'sending', created_at, '' FROM outbox
	WHERE kind = 'mail' AND state = 'sent'"
run again config sync
tap_check "a sync flushes the interrupted row" is again 0
tap_check "... which is not sent a second time" \
	test ! -e "$HARNESS_SMTP_DIR/0002.eml"
tap_check "... and ends sent" \
	test "$(sqlite3 "$T/db" "SELECT count(*) FROM outbox WHERE kind = 'mail' AND state = 'sent'")" = 2
harness_doveadm fetch -u "$HARNESS_USER" 'uid' mailbox Sent >"$T/sent2.txt" 2>&1
tap_check "... nor filed twice" test "$(grep -c '^uid:' "$T/sent2.txt")" = 1

export SENDMAIL_ARGV=$T/sm.argv SENDMAIL_STDIN=$T/sm.stdin SENDMAIL_ENV=$T/sm.env
ABUSEDESK_SMTP_PASSWORD=marker-not-for-children \
	run sm config.sendmail reply --message "$id" --send
tap_check "with sendmail set, reply --send exits 0" is sm 0
tap_check "sendmail ran without the password variables" \
	sh -c "grep -q '^SENDMAIL_ARGV=' '$T/sm.env' && ! grep -q 'PASSWORD=' '$T/sm.env'"
tap_check "sendmail got its words, -- and the recipients" \
	test "$(tr '\n' ' ' <"$T/sm.argv")" = "-t -i -- tickets@reporter.example archive@isp.example "
tap_check "and the message on stdin" \
	has "$T/sm.stdin" '^In-Reply-To: <report-1@reporter\.example>$'
tap_check "and no more reached the SMTP sink" \
	test ! -e "$HARNESS_SMTP_DIR/0002.eml"

# [smtp] tls = implicit (port 465 style): a sink that speaks TLS from the
# first byte with the harness's self-signed certificate. Not trusted (the
# harness CA did not sign it), the reply is refused and waits in the
# outbox; trusted through ca_file, the next sync sends it.
I=$T/implicit
mkdir -p "$I/messages"
"$HARNESS_PY" "$HARNESS_LIB/smtp_sink.py" --dir "$I/messages" \
	--port-file "$I/port" --implicit-tls --tls-cert "$HARNESS_CERTS/self.pem" \
	--tls-key "$HARNESS_CERTS/self.key" --auth "$HARNESS_USER:smtp-secret" \
	--require-auth >"$I/sink.log" 2>&1 &
harness_track proc $!
harness_wait_file_match "$I/port" '^[0-9]+$' 10 || exit 1
implicit()
{
	base
	printf '[smtp]\nhost = %s\nport = %s\ntls = implicit\nca_file = %s\n' \
		"$HARNESS_HOST" "$(cat "$I/port")" "$1"
}
implicit "$HARNESS_CA" >"$T/config.untrusted"
implicit "$HARNESS_CERTS/self.pem" >"$T/config.implicit"
chmod 600 "$T/config.untrusted" "$T/config.implicit"
run untrusted config.untrusted reply --message "$id" --send
tap_check "tls = implicit, the certificate not trusted: reply exits 1" \
	is untrusted 1
tap_check "saying why" has "$T/untrusted.err" 'certificate is self-signed'
tap_check "and nothing reached the sink" test ! -e "$I/messages/0001.json"
run implicit config.implicit sync
tap_check "trusted through ca_file, a sync sends the waiting reply" \
	is implicit 0
tap_check "the sink got it over TLS, after AUTH" \
	grep -q "\"auth\": \"$HARNESS_USER\", \"tls\": true" "$I/messages/0001.json"
tap_check "the message is the reply" \
	has "$I/messages/0001.eml" '^In-Reply-To: <report-1@reporter\.example>$'
tap_done
