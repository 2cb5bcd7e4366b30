#!/usr/bin/env bash
# install.sh: `make install DESTDIR=...` puts everything under PREFIX inside
# DESTDIR, and `make uninstall` takes it away again.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
make -s install DESTDIR="$d" >"$d.log" 2>&1; rc=$?
tap_check "make install DESTDIR succeeds" test "$rc" -eq 0
p="$d/usr/local"
tap_check "binary installed executable" test -x "$p/bin/abusedesk"
tap_check "abusedesk.1 installed" test -f "$p/share/man/man1/abusedesk.1"
tap_check "abusedesk.conf.5 installed" test -f "$p/share/man/man5/abusedesk.conf.5"
tap_check "demo mailbox installed" test -f "$p/share/abusedesk/demo/demo.mbox"
tap_check "known bulk reporters installed" \
	cmp -s data/noise/bulk_reporters.txt "$p/share/abusedesk/noise/bulk_reporters.txt"
tap_check "installed binary runs" "$p/bin/abusedesk" --version
tap_check "nothing outside PREFIX" test "$(ls "$d")" = usr
make -s uninstall DESTDIR="$d" >>"$d.log" 2>&1
tap_check "make uninstall removes the binary" test ! -e "$p/bin/abusedesk"
tap_check "make uninstall removes the data" test ! -e "$p/share/abusedesk"
rm -f "$d.log"
tap_done
