#!/usr/bin/env bash
# cli.sh: the command line of the real binary — help, version, global options
# in any position, usage errors exit 2, commands not built yet say so.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

bin=${ABUSEDESK_BUILD:-build}/abusedesk
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

out=$("$bin" --help 2>&1); rc=$?
tap_check "--help exits 0" test "$rc" -eq 0
tap_check "--help lists the commands" grep -q "import" <<<"$out"

out=$("$bin" --version); rc=$?
tap_check "--version prints the version" test "$rc" -eq 0 -a -n "$(grep -E '^abusedesk [0-9]+\.[0-9]+' <<<"$out")"

"$bin" --bogus >/dev/null 2>"$tmp/err"; rc=$?
tap_check "unknown global option exits 2" test "$rc" -eq 2
tap_check "unknown option is named with the usage" grep -q -- "--bogus" "$tmp/err"
tap_check "usage goes to stderr" grep -q "usage:" "$tmp/err"

"$bin" frobnicate >/dev/null 2>"$tmp/err"; rc=$?
tap_check "unknown command exits 2" test "$rc" -eq 2

"$bin" list --bogus >/dev/null 2>"$tmp/err"; rc=$?
tap_check "unknown command option exits 2" test "$rc" -eq 2

"$bin" --db >/dev/null 2>"$tmp/err"; rc=$?
tap_check "--db without a value exits 2" test "$rc" -eq 2

"$bin" --db "$tmp/a.db" list >/dev/null 2>&1; rc1=$?
"$bin" list --db "$tmp/b.db" >/dev/null 2>&1; rc2=$?
"$bin" list --db="$tmp/c.db" >/dev/null 2>&1; rc3=$?
tap_check "global option before the command" test "$rc1" -eq 0 -a -f "$tmp/a.db"
tap_check "global option after the command" test "$rc2" -eq 0 -a -f "$tmp/b.db"
tap_check "global option as --opt=value" test "$rc3" -eq 0 -a -f "$tmp/c.db"
tap_check "database created with mode 0600" test "$(stat -c %a "$tmp/a.db")" = 600

for c in sync reanalyze stats; do
	"$bin" --db "$tmp/a.db" "$c" >/dev/null 2>"$tmp/err"; rc=$?
	if grep -q "not available" "$tmp/err"; then
		tap_check "'$c' not built yet: exits 2" test "$rc" -eq 2
	else
		tap_ok "'$c' is built"
	fi
done
tap_done
