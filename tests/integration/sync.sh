#!/usr/bin/env bash
# sync.sh: runs the IMAP sync tests (build/tests/integration/test_sync*)
# against harness Dovecots: "main" with a CA-signed certificate, "wrong"
# with a certificate for another host name, "self" with a self-signed one.
# The test programs read the servers' addresses from the environment.
# SYNC_TESTS="test_sync_link ..." runs only those programs (make faults).
set -u
cd "$(dirname "$0")/../.."
. tests/harness/harness.sh

build=${ABUSEDESK_BUILD:-build}
harness_init || exit 1
harness_certs || exit 1
# start NAME CERT: one retry, for a start that loses a race in the harness.
start()
{
	harness_dovecot_start "$1" "$2" || harness_dovecot_start "$1" "$2"
}
# hide NAME CAPS...: instance NAME advertises only CAPS after login, so
# that the sync takes its paths for servers without QRESYNC or CONDSTORE.
hide()
{
	local name=$1 conf

	shift
	start "$name" server || return 1
	conf=$(harness_dovecot_var "$name" DOVECOT_CONF)
	echo "imap_capability = $*" >>"$conf"
	harness_doveadm -i "$name" reload || return 1
	caps_are "$(harness_dovecot_var "$name" IMAP_PORT)" "$@"
}
# caps_are PORT CAPS...: waits (10 s at most) until a login on PORT gets
# exactly CAPS: the reloaded configuration is in force.
caps_are()
{
	/usr/bin/python3 - "$@" <<'PY'
import imaplib, os, sys, time
port, want = int(sys.argv[1]), set(" ".join(sys.argv[2:]).split())
end = time.monotonic() + 10
while True:
    m = imaplib.IMAP4("127.0.0.1", port)
    m.login(os.environ["HARNESS_USER"], os.environ["HARNESS_PASS"])
    got = set(m.capability()[1][0].decode().split())
    m.logout()
    if got == want:
        sys.exit(0)
    if time.monotonic() > end:
        sys.exit("capabilities after reload: %s" % " ".join(sorted(got)))
    time.sleep(0.05)
PY
}
base="IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ UIDPLUS"
start main server && start wrong wrong && start self self &&
	hide noqr "$base CONDSTORE" && hide nocond "$base" &&
	hide noidle "${base/ IDLE/} CONDSTORE QRESYNC" || exit 1
HARNESS_SELF_FINGERPRINT=$(printf '%s' "$HARNESS_SELF_FINGERPRINT" |
	tr -d : | tr 'A-F' 'a-f')
export HARNESS_SELF_FINGERPRINT

# chosen PROGRAM: it exists and SYNC_TESTS, when set, names it.
chosen()
{
	[ -x "$1" ] || return 1
	[ -z "${SYNC_TESTS:-}" ] || [[ " $SYNC_TESTS " == *" $(basename "$1") "* ]]
}

status=0
ran=0
for t in "$build"/tests/integration/test_sync*; do
	chosen "$t" || continue
	ran=1
	s0=$SECONDS
	HARNESS_TIMEOUT=240 harness_run "$t" || status=1
	echo "# $(basename "$t") took $((SECONDS - s0)) s"
done
# The algorithm once more against the servers that hide extensions.
for server in NOQR NOCOND; do
	t=$build/tests/integration/test_sync
	chosen "$t" || continue
	echo "# test_sync against a server without ${server#NO}"
	SYNC_TEST_SERVER=$server HARNESS_TIMEOUT=240 harness_run "$t" ||
		status=1
done
t=$build/tests/integration/test_sync_worker
if chosen "$t"; then
	echo "# test_sync_worker against a server without IDLE"
	SYNC_TEST_SERVER=NOIDLE HARNESS_TIMEOUT=240 harness_run "$t" ||
		status=1
fi
if [ "$ran" = 0 ]; then
	echo "no test programs in $build/tests/integration (make tests first)"
	exit 1
fi
exit $status
