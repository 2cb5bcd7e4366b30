#!/usr/bin/env bash
# smtp.sh: runs test_smtp (mail/smtp, mail/sendmail) against three SMTP
# sinks — STARTTLS with the CA-signed certificate and required AUTH, one
# whose certificate is for wrong.example, one without TLS, one on implicit
# TLS (port 465 style) with the harness's self-signed certificate — and a
# stand-in sendmail. ABUSEDESK_BUILD selects the build folder (default build).
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/harness/harness.sh

bin="${ABUSEDESK_BUILD:-build}/tests/integration/test_smtp"
if [ ! -x "$bin" ]; then
	echo "not ok 1 - $bin is built (make $bin)"
	exit 1
fi
harness_init && harness_certs || exit 1

# sink NAME ARGS...: another sink beside harness_smtp_start's one; exports
# SMTP_<NAME>_PORT and SMTP_<NAME>_DIR.
sink()
{
	local name=$1 d="$HARNESS_DIR/sink-$1"
	shift
	mkdir -p "$d/messages"
	"$HARNESS_PY" "$HARNESS_LIB/smtp_sink.py" --dir "$d/messages" \
		--port-file "$d/port" "$@" >"$d/sink.log" 2>&1 &
	harness_track proc $!
	harness_wait_file_match "$d/port" '^[0-9]+$' 10 || return 1
	export "SMTP_${name}_PORT=$(cat "$d/port")" "SMTP_${name}_DIR=$d/messages"
}

if ! harness_smtp_start --starttls --auth ops:smtp-secret --require-auth \
	--reject-rcpt gone@reporter.example ||
	! sink WRONG --tls-cert "$HARNESS_CERTS/wrong.pem" \
		--tls-key "$HARNESS_CERTS/wrong.key" --auth ops:smtp-secret \
		--require-auth ||
	! sink PLAIN ||
	! sink IMPLICIT --implicit-tls --tls-cert "$HARNESS_CERTS/self.pem" \
		--tls-key "$HARNESS_CERTS/self.key" --auth ops:smtp-secret \
		--require-auth; then
	echo "not ok 1 - the SMTP sinks start"
	exit 1
fi
export SMTP_GOOD_PORT=$HARNESS_SMTP_PORT SMTP_GOOD_DIR=$HARNESS_SMTP_DIR
export SMTP_SELF_CERT=$HARNESS_CERTS/self.pem
export SENDMAIL_STUB=$PWD/tests/fixtures/bin/sendmail_stub
export SENDMAIL_ARGV=$HARNESS_DIR/sendmail.argv SENDMAIL_STDIN=$HARNESS_DIR/sendmail.stdin
export LSAN_OPTIONS="suppressions=$PWD/tests/harness/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

HARNESS_TIMEOUT=120 harness_run "$bin"
