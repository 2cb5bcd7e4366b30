#!/usr/bin/env bash
# hostile_terminal.sh: a mail written to attack the terminal (CSI, OSC 52
# clipboard writes, OSC 8 links, OSC titles, DCS, C1 controls raw and in
# UTF-8, bidi overrides and isolates, zero-width and combining floods,
# invalid and overlong UTF-8, tabs, backspaces, carriage returns) is opened
# in every screen: the groups, the messages, the pager, the raw source,
# search hits and help. What tmux holds afterwards shows no sequence but
# ncurses' own colours, the title and clipboard are untouched, and the
# bidi override shows as its visible marker.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh
. tests/tui/tmux_lib.bash

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tui_hostile.XXXXXX") || exit 1
trap 'tui_stop; rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
DB=$TMP/cache.db
if ! command -v tmux >/dev/null || [ ! -x "$TUI_BIN" ]; then
	tap_fail "tmux and $TUI_BIN are there"
	tap_done
fi

python3 - "$TMP/hostile.eml" <<'PY'
import sys
ESC = "\x1b"
attacks = [
    ESC + "[2J" + ESC + "[H",                      # clear, home
    ESC + "]0;pwned-title\x07",                    # window title (BEL)
    ESC + "]2;pwned-title" + ESC + "\\",           # title (ST)
    ESC + "]52;c;cm0gLXJmIH4K\x07",                # clipboard write
    ESC + "]8;;http://198.51.100.9/x\x07link" + ESC + "]8;;\x07",
    ESC + "P+q544e\x1b\\",                         # DCS query
    ESC + "[6n",                                    # cursor report
    ESC + "[31;5mred" + ESC + "[0m",               # colours
    "\u009b2J\u009d0;pwned-title\u009c",           # C1 in UTF-8
    "evil\u202etxt.exe", "x\u2066y\u2069z",        # override, isolate
    "pay\u200bpal\ufeff",                          # zero width
    "a" + "\u0301" * 3000,                         # combining flood
    "tab\there", "back\b\b\bspace", "carriage\roverwrite",
]
text = " | ".join(attacks)
raw = (
    "From: \"Bad " + ESC + "]0;pwned-title\x07Guy\" <bad@attacker.example>\r\n"
    "To: abuse@isp.example\r\n"
    "Subject: Scan from 192.0.2.77 " + ESC + "[1;31mURGENT" + ESC + "]0;pwned-title\x07 \u202eevil\r\n"
    "Date: Mon, 01 Jun 2026 10:00:00 +0000\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
    "--b\r\nContent-Type: text/plain; charset=utf-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n\r\n"
    "Port scan from 192.0.2.77 seen. Please stop it.\r\n" + text + "\r\n"
).encode("utf-8")
raw += b"raw C1 \x9b2J \x9d0;pwned-title\x9c invalid \xc0\xaf \xff\xfe end\r\n"
raw += (b"--b\r\nContent-Type: text/plain; name=\"evil\x1b]0;pwned-title\x07.txt\"\r\n"
        b"Content-Disposition: attachment\r\n\r\nattached 192.0.2.77\r\n--b--\r\n")
open(sys.argv[1], "wb").write(raw)
PY
"$TUI_BIN" --db "$DB" import "$TMP/hostile.eml" >"$TMP/import.out" 2>&1
tap_check "the hostile mail imports" grep -q "imported 1 message" "$TMP/import.out"

# clean FILE: only SGR (ncurses' colours) is left once the screen is read.
clean()
{
	if sed 's/\x1b\[[0-9;:]*m//g' "$1" |
		grep -naP '\x1b|\x07|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]'; then
		return 1
	fi
	return 0
}

untouched()
{
	local title buffers

	title=$(tui_tmux display -p '#{pane_title}')
	buffers=$(tui_tmux list-buffers 2>/dev/null)
	case $title in *pwned*)
		echo "title set: $title"
		return 1
		;;
	esac
	[ -z "$buffers" ] || {
		echo "clipboard written: $buffers"
		return 1
	}
}

# screen NAME KEYS...: types the keys, keeps the screen with its escapes,
# and checks it.
screen()
{
	local name=$1

	shift
	[ $# -gt 0 ] && tui_keys "$@"
	tui_screen -e >"$TMP/$name.screen"
	tap_check "$name: no foreign escape or control on screen" \
		clean "$TMP/$name.screen"
	tap_check "$name: title and clipboard untouched" untouched
}

tui_start 100 30 --db "$DB" --offline
tui_tmux set-option -g set-clipboard on >/dev/null
tui_tmux set-option -g allow-rename on >/dev/null 2>&1
tap_check "the screen opens" tui_wait "IP groups"
screen groups
screen messages Enter
screen pager Enter
tap_check "pager: the bidi override shows as its marker" \
	grep -qF $'\xe2\x87\x84' "$TMP/pager.screen"
tap_check "pager: the invalid bytes show as U+FFFD" \
	grep -qF $'\xef\xbf\xbd' "$TMP/pager.screen"
screen pager-end End
screen raw h
screen raw-end End
tui_keys q q q
screen search / 'pwned' Enter
tui_keys q
screen help '?'
tui_keys q
tui_keys Q
tap_check "Q quits with status 0" tui_wait "exit status 0"
tap_check "after quitting: title and clipboard untouched" untouched
tui_stop
tap_done
