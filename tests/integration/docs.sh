#!/usr/bin/env bash
# docs.sh: the man pages render without warnings, and every command in the
# program's --help is documented in abusedesk(1).
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

bin=${ABUSEDESK_BUILD:-build}/abusedesk
for page in doc/abusedesk.1 doc/abusedesk.conf.5; do
	warn=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
	tap_check "$page renders without warnings" test -z "$warn"
	tap_check "$page holds no stray control characters" \
		test -z "$(grep -nP '[\x00-\x08\x0b-\x1f]' "$page")"
	[ -n "$warn" ] && echo "# $warn"
done
for c in $("$bin" --help | awk '/^commands:/{f=1;next} /^$/{f=0} f{print $1}'); do
	tap_check "command '$c' documented in abusedesk.1" grep -qE "^(\.BR? +|\.BI +|\\\\fB)$c\b" doc/abusedesk.1
done
tap_done
