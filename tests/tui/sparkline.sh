#!/usr/bin/env bash
# sparkline.sh: the ACTIVITY column of the groups screen — one mark per
# week over the last eight weeks, the busiest week the full block — on
# the real binary in tmux, for reports written for the test with dates
# relative to now.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh
. tests/tui/tmux_lib.bash

PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tui_spark.XXXXXX") || exit 1
trap 'tui_stop; rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME/abusedesk" "$XDG_DATA_HOME" "$TMP/mail"
CONF=$TMP/demo.conf
DB=$TMP/demo.db
umask 077

if ! command -v tmux >/dev/null || [ ! -x "$TUI_BIN" ]; then
	tap_fail "tmux and $TUI_BIN are there"
	tap_done
fi
printf '[networks]\nown = 192.0.2.0/24\n' >"$CONF"
# 192.0.2.50: three reports in the last hours, one 20 days ago; the
# weeks end at the newest report, so that is the last mark.
"$PY" - "$TMP/mail" <<'PYEOF'
import sys, time, email.utils
ages = [3600, 7200, 10800, 20 * 86400]
for i, age in enumerate(ages):
    date = email.utils.formatdate(time.time() - age)
    open("%s/%d.eml" % (sys.argv[1], i), "w").write(
        "From: Watch <reports@watch%d.example>\n"
        "To: abuse@example.net\n"
        "Subject: SSH brute force from 192.0.2.50\n"
        "Date: %s\n"
        "Message-ID: <spark-%d@watch.example>\n\n"
        "The host 192.0.2.50 made 500 failed SSH logins on our server.\n"
        "Please stop it.\n" % (i, date, i))
PYEOF
"$TUI_BIN" --config "$CONF" --db "$DB" import "$TMP"/mail/*.eml 2>/dev/null

tui_start 80 24 --config "$CONF" --db "$DB"
tap_check "the screen starts" tui_wait "1 IP group"
tap_check "the header names the column" tui_has "ACTIVITY"
tap_check "the row's sparkline: a low mark three weeks back, full this week" \
	tui_has "     ▃ █ "
tui_stop
tap_done
