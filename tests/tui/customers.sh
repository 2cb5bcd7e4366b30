#!/usr/bin/env bash
# customers.sh: the [customers] file on the screen — the customer on the
# group's row at 80x24 and in the pager's compact and full box, a bad line
# named in the status bar, and the file read again while the screen is
# open: the row and the pager then name the new customer.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh
. tests/tui/tmux_lib.bash

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tui_customers.XXXXXX") || exit 1
trap 'tui_stop; rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME/abusedesk" "$XDG_DATA_HOME"
CONF=$TMP/demo.conf
DB=$TMP/demo.db
CSV=$TMP/customers.csv
umask 077

if ! command -v tmux >/dev/null || [ ! -x "$TUI_BIN" ]; then
	tap_fail "tmux and $TUI_BIN are there"
	tap_done
fi
printf '[networks]\nown = 192.0.2.0/24, 198.51.100.0/24, 2001:db8:100::/48\n[customers]\nfile = %s\n' \
	"$CSV" >"$CONF"
cat >"$CSV" <<'CSV'
prefix,name,contact,id
192.0.2.0/24,"Hosting, Inc.",noc@hosting.example,C-100
192.0.2.16/28,Dentist,it@dentist.example,C-7
CSV
"$TUI_BIN" --config "$CONF" --db "$DB" import demo/demo.mbox 2>/dev/null

# row_has REGEX: a line of the screen matches.
row_has()
{
	tui_screen | grep -qE -- "$1" && return 0
	echo "no line matches: $1"
	tui_screen
	return 1
}

tui_start 80 24 --config "$CONF" --db "$DB"
tap_check "the screen starts" tui_wait "IP groups"
tap_check "the header names the customer column" tui_has "CUSTOMER"
tap_check "the row of 192.0.2.23 names its customer (longest prefix)" \
	row_has "^ +192\.0\.2\.23 .* Dentist "
tap_check "the row of 192.0.2.160 names the /24's customer" \
	row_has "^ +192\.0\.2\.160 .* Hosting, "

tui_keys Enter
tui_keys Enter
tap_check "the pager's compact box names the customer" \
	tui_has "· customer Dentist"
tui_keys b
tap_check "the full box has name, contact, id and prefix" \
	tui_has "│ Customer: Dentist <it@dentist.example>    Id: C-7    Prefix: 192.0.2.16/28"

# The file changes while the pager is open.
cat >"$CSV" <<'CSV'
192.0.2.0/24,"Hosting, Inc.",noc@hosting.example,C-100
192.0.2.16/28,Orthodontist,ortho@example.net
CSV
tap_check "the pager follows the changed file" \
	tui_wait "│ Customer: Orthodontist <ortho@example.net>    Prefix: 192.0.2.16/28"
tui_keys q
tui_keys q
tap_check "so does the row" \
	row_has "^ +192\.0\.2\.23 .* Orthodont"

printf '192.0.2.0/24,Hosting,noc@hosting.example\n300.0.0.0/8,Broken,b@example.net\n' >"$CSV"
tap_check "a bad line is named, by file and line, in the status bar" \
	tui_wait "customers.csv:2: \"300.0.0.0/8\""
tap_check "and the other lines still count" \
	row_has "^ +192\.0\.2\.23 .* Hosting "
tui_stop
tap_done
