#!/usr/bin/env bash
# imap_write.sh: runs test_imap_write (mail/imap_write: flags by UID,
# APPEND, a look for a Message-ID) against a harness Dovecot holding three
# messages in INBOX. ABUSEDESK_BUILD selects the build folder.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tests/harness/harness.sh

bin="${ABUSEDESK_BUILD:-build}/tests/integration/test_imap_write"
if [ ! -x "$bin" ]; then
	echo "not ok 1 - $bin is built (make $bin)"
	exit 1
fi
harness_init || exit 1
if ! harness_dovecot_start; then
	echo "not ok 1 - the harness Dovecot starts"
	exit 1
fi
for i in 1 2 3; do
	printf 'From: r%s@example.org\r\nTo: abuse@example.net\r\nSubject: report %s\r\nMessage-ID: <report-%s@example.org>\r\n\r\nbody %s\r\n' \
		"$i" "$i" "$i" "$i" >"$HARNESS_DIR/m$i.eml"
	harness_deliver "$HARNESS_USER" "$HARNESS_DIR/m$i.eml" || exit 1
done
export LSAN_OPTIONS="suppressions=$PWD/tests/harness/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
HARNESS_TIMEOUT=120 harness_run "$bin"
