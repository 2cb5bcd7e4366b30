#!/usr/bin/env bash
# screen.sh: what the operator sees, on the real binary in tmux — the
# pager's box at 80x24 (five rows at most) and at 60x20 (one line), b
# showing it whole with the attachments, a long URL whole in the pager and
# the URL view, a decision's note on the rows, in the box and in the IP's
# history, the status bar's position and percentage, and the first start
# on an empty cache.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh
. tests/tui/tmux_lib.bash

PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tui_screen.XXXXXX") || exit 1
trap 'tui_stop; rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME/abusedesk" "$XDG_DATA_HOME"
CONF=$TMP/demo.conf
DB=$TMP/demo.db
umask 077
# d asks for a note and stays on the report, so that the note is seen
# where it was made.
printf '[networks]\nown = 192.0.2.0/24, 198.51.100.0/24, 2001:db8:100::/48\n[ui]\nask_note = yes\nadvance = no\n' >"$CONF"
# The newest report about it has two attachments.
IP=192.0.2.23
# Another IP of the demo, noted through the cache itself.
IP2=198.51.100.77
# A report of our own making, with a URL of 200 characters.
URL_IP=192.0.2.77
LONG_URL="https://phish.example/$(printf 'login%03d-' $(seq 1 29) | cut -c1-178)"

if ! command -v tmux >/dev/null || [ ! -x "$TUI_BIN" ]; then
	tap_fail "tmux and $TUI_BIN are there"
	tap_done
fi
tap_check "the crafted URL is 200 characters long" test "${#LONG_URL}" -eq 200

cat >"$TMP/url.eml" <<EOF
From: Phish Alerts <alerts@phishwatch.example>
To: abuse@example.net
Subject: Phishing site on $URL_IP
Date: Mon, 23 Mar 2026 10:00:00 +0000
Message-ID: <url-test-1@phishwatch.example>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Hello,

a phishing page of a bank is hosted on $URL_IP, at $LONG_URL
Please take it down.

Regards, Phish Alerts
EOF
"$TUI_BIN" --config "$CONF" --db "$DB" import demo/demo.mbox "$TMP/url.eml" 2>/dev/null

# A note set in the cache directly, as another writer would.
$PY - "$DB" "$IP2" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("INSERT INTO ip_state(ip, state, updated_at, note, seq)"
           " VALUES(?, 'resolved', 1774000000, 'fixed by the customer',"
           " (SELECT n + 1 FROM decision_clock))", (sys.argv[2],))
db.commit()
EOF

# box_rows: the rows between the box's rules.
box_rows()
{
	tui_screen | awk '/┌/ {f = 1; next} /└/ {f = 0} f {n++} END {print n + 0}'
}

# joined: the screen's rows run together, to find text split across rows.
joined()
{
	tui_screen | tr -d '\n'
}

# has_squeezed TEXT: TEXT on the screen, a long line wrapped onto the
# rows below (indented) as well.
has_squeezed()
{
	tui_screen | tr -s ' \n' '  ' | grep -qF -- "$1" && return 0
	echo "screen lacks: $1"
	tui_screen
	return 1
}

goto_ip()
{
	tui_keys J && tui_tmux send-keys "$1" Enter && tui_settle
}

# ---- the box at 80x24 ----
tui_start 80 24 --config "$CONF" --db "$DB"
tui_wait "IP groups"
tap_check "the groups' status bar gives the position" tui_has " 1/"
goto_ip "$IP"
tui_keys Enter
N_IP=$(sqlite3 "$DB" "select count(*) from report_ip where ip = '$IP' and in_scope")
tap_check "the messages' status bar gives the position" tui_has " 1/$N_IP |"
tui_keys Enter
tap_check "the pager shows its box" tui_has "│ Problem: "
n=$(box_rows)
tap_check "the box takes 5 rows or fewer at 80x24 (it took $n)" test "$n" -ge 3 -a "$n" -le 5
tap_check "the compact box does not repeat the subject" tui_lacks "│ Subject: "
tap_check "the compact box has no attachments" tui_lacks "Attachment: "
tap_check "the pager's status bar gives a percentage" \
	bash -c "tmux -L $TUI_SOCK capture-pane -p | grep -qE '^ [0-9]+% \\|'"
tui_keys b
tap_check "b shows the attachments" tui_has "│ Attachment: logfile.log"
tap_check "and the subject" tui_has "│ Subject: "
tui_keys b
tap_check "b again: the compact box" tui_lacks "Attachment: "

# ---- a note made with d, on the row, in the box, in the history ----
tui_keys d
tap_check "d asks for a note" tui_has "Note (Enter for none):"
tui_tmux send-keys "customer cleaned the host" && tui_keys Enter
tap_check "the box says the note" tui_has "│ Note: customer cleaned the host"
tui_keys q
tap_check "the report's row marks the note" \
	bash -c "tmux -L $TUI_SOCK capture-pane -p | grep -qE 'resolved\\+ *\$'"
tui_keys H
tap_check "the history lists the resolve with its note" has_squeezed \
	"resolved one report (blockwatch.example) Note: customer cleaned the host"
tap_check "and the reports about the IP" tui_has "report    blockwatch.example"
tui_keys q
tui_keys q

# ---- a note written to the cache, on the row and in the box ----
tui_keys A
goto_ip "$IP2"
tap_check "the group's row marks the note" \
	bash -c "tmux -L $TUI_SOCK capture-pane -p | grep -E '^ ?$IP2 ' | grep -qE 'resolved\\+ *\$'"
tui_keys H
tap_check "the history lists the resolve of the IP with its note" \
	tui_has "resolved  the IP  Note: fixed by the customer"
tui_keys q
tui_keys Enter Enter
tap_check "the pager's box says the IP's note" tui_has "│ Note: fixed by the customer"
tui_keys q q

# ---- a long URL, whole ----
goto_ip "$URL_IP"
tui_keys Enter Enter
tap_check "the pager starts the long URL on a row of its own" \
	bash -c "tmux -L $TUI_SOCK capture-pane -p | grep -q '^https://phish.example/login001'"
tap_check "the pager cuts it at the width only" bash -c "tmux -L $TUI_SOCK capture-pane -p | tr -d '\\n' | grep -qF '$LONG_URL'"
tui_tmux send-keys C-b && tui_settle
tap_check "^B opens the URL view" tui_has "URLs and addresses:"
tap_check "the URL view holds the 200-character URL whole" \
	bash -c "tmux -L $TUI_SOCK capture-pane -p | tr -d '\\n' | grep -qF '$LONG_URL'"
tap_check "and the sender's address" tui_has "alerts@phishwatch.example"
tui_keys q
tap_check "q goes back to the pager" tui_has "│ Problem: "

# ---- one line at 60x20 ----
tui_tmux resize-window -x 60 -y 20 2>/dev/null || tui_tmux resize-pane -x 60 -y 20
tui_settle
tap_check "at 60x20 the box has no rules" tui_lacks "┌"
tap_check "and is the problem line alone, under the title" \
	bash -c "tmux -L $TUI_SOCK capture-pane -p | sed -n 2p | grep -q '^Problem: '"
tui_keys b
tap_check "b shows the whole box there too" tui_has "│ IPs: "
tui_keys Q
tap_check "Q quits with status 0" tui_wait "exit status 0"
tui_stop

# ---- the first start on an empty cache ----
tui_start 80 24 --db "$TMP/empty.db"
tui_wait "IP groups"
tap_check "an empty cache says so" tui_has "The cache is empty"
tap_check "with the import command" tui_has "abusedesk import "
tap_check "the configuration file's path" tui_has "$XDG_CONFIG_HOME/abusedesk/config"
tap_check "a minimal account" tui_has "[imap]"
tap_check "and the demo" tui_has "abusedesk --demo"
tui_keys Q
tap_check "Q quits the empty screen with status 0" tui_wait "exit status 0"
tap_done
