#!/usr/bin/env bash
# search.sh: a search with more hits than its first slice, on the real
# binary in tmux — the list shows at once and the rest of the hits are
# read while the user looks at it (the title's count grows to the whole),
# End reaches the oldest hit, and a hit opens. The expected counts come from
# the cache (sqlite3), not from this file.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh
. tests/tui/tmux_lib.bash

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tui_search.XXXXXX") || exit 1
trap 'tui_stop; rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
umask 077
CONF=$TMP/search.conf
DB=$TMP/search.db
printf '[networks]\nown = 192.0.2.0/24\n' >"$CONF"

if ! command -v tmux >/dev/null || ! command -v sqlite3 >/dev/null ||
	[ ! -x "$TUI_BIN" ]; then
	tap_fail "tmux, sqlite3 and $TUI_BIN are there"
	tap_done
fi

# 2,600 login-attack reports, a minute apart; every third one without
# the word searched for.
/usr/bin/python3 - "$TMP/many.mbox" <<'PY'
import email.utils, sys
with open(sys.argv[1], "w") as f:
    for i in range(2600):
        word = "quillbrook" if i % 3 else "fernhollow"
        f.write("From robot@watch.example Mon Jan  1 00:00:00 2024\n"
                "From: Watch Robot <robot@watch.example>\n"
                "To: abuse@example.net\n"
                "Subject: Login attempts from 192.0.2.%d (case %d)\n"
                "Date: %s\nMessage-ID: <case%d@watch.example>\n\n"
                "Hello,\n\nwe saw repeated SSH login attempts (%s) from "
                "192.0.2.%d against our server.\nPlease stop this.\n\n"
                "Case %d.\n\n" % (i % 200 + 1, i,
                email.utils.formatdate(1700000000 + i * 60), i, word,
                i % 200 + 1, i))
PY
"$TUI_BIN" --config "$CONF" --db "$DB" import "$TMP/many.mbox" >/dev/null 2>&1
HITS=$(sqlite3 "$DB" "SELECT count(*) FROM message_fts WHERE message_fts MATCH 'quillbrook'")
OLDEST=$(sqlite3 "$DB" "SELECT m.subject FROM message m WHERE m.id = (SELECT min(rowid) FROM message_fts WHERE message_fts MATCH 'quillbrook')")
tap_check "the cache holds more hits than a first slice ($HITS)" test "$HITS" -gt 1000

tui_start 100 30 --config "$CONF" --db "$DB" --offline
tui_wait "IP groups" || tui_screen
tui_keys /
tui_tmux send-keys quillbrook Enter && tui_settle
tap_check "the hits are listed" tui_has 'search "quillbrook"'
tap_check "every hit is read while the list is shown: $HITS reports" \
	tui_wait "search \"quillbrook\": $HITS reports"
tui_keys End
tap_check "End reaches the last hit ($HITS/$HITS)" tui_has " $HITS/$HITS "
tui_keys Enter
tap_check "the last hit is the oldest report: $OLDEST" tui_has "$OLDEST"
tui_keys q q
tap_check "back on the groups" tui_has "IP groups"

tap_done
