#!/usr/bin/env bash
# imap_connect.sh: runs test_imap_connect (mail/imap and mail/tls) against
# harness Dovecots — "main" (CA-signed certificate), "wrong" (certificate
# for wrong.example), "self" (self-signed) — and the fake IMAP servers.
# ABUSEDESK_BUILD selects the build folder (default build, or build/asan).
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/harness/harness.sh

bin="${ABUSEDESK_BUILD:-build}/tests/integration/test_imap_connect"
if [ ! -x "$bin" ]; then
	echo "not ok 1 - $bin is built (make $bin)"
	exit 1
fi
harness_init || exit 1
if ! harness_dovecot_start main server ||
	! harness_dovecot_start wrong wrong ||
	! harness_dovecot_start self self ||
	! harness_fake_imap_start silent bye no-starttls starttls-no \
		eof-in-literal; then
	echo "not ok 1 - the harness servers start"
	exit 1
fi
# Free a moment ago and nobody listens there: "connection refused".
HARNESS_CLOSED_PORT=$(harness_free_port)
export HARNESS_CLOSED_PORT
export LSAN_OPTIONS="suppressions=$PWD/tests/harness/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

HARNESS_TIMEOUT=300 harness_run "$bin"
status=$?

# Whatever the tests did, stopping must leave nothing running.
tag=$(basename "$HARNESS_DIR")
harness_cleanup
for _ in $(seq 50); do
	left=$(harness_leftovers "$tag")
	[ -z "$left" ] && break
	sleep 0.1
done
if [ -z "$left" ]; then
	echo "ok 1 - no server is left running after the tests"
else
	echo "not ok 1 - no server is left running after the tests"
	printf '%s\n' "$left" | sed 's/^/# /'
	status=1
fi
exit "$status"
