#!/usr/bin/env bash
# attachments.sh: the pager's attachments on the real binary in tmux — v
# lists them (name, type, size), v on the list views one as text (a text
# file decoded, a zipped CSV's text, a binary one as a hex dump, never
# raw), s saves one under its own name made safe (0600, no overwrite
# without a yes), | pipes one into the user's command on its standard
# input, with the screen given back after a key.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh
. tests/tui/tmux_lib.bash

PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tui_attach.XXXXXX") || exit 1
trap 'tui_stop; rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME/abusedesk" "$XDG_DATA_HOME" "$TMP/work"
CONF=$TMP/demo.conf
DB=$TMP/demo.db
MAIL=$PWD/tests/fixtures/attach/three.eml
TUI_BIN=$(realpath "$TUI_BIN")
umask 022

if ! command -v tmux >/dev/null || [ ! -x "$TUI_BIN" ]; then
	tap_fail "tmux and $TUI_BIN are there"
	tap_done
fi
printf '[networks]\nown = 192.0.2.0/24\n' >"$CONF"
chmod 600 "$CONF"
"$TUI_BIN" --config "$CONF" --db "$DB" import "$MAIL" 2>/dev/null
# The attachments as Python's own MIME decoder reads them.
"$PY" - "$MAIL" "$TMP" <<'PYEOF'
import email, sys
msg = email.message_from_binary_file(open(sys.argv[1], "rb"))
for i, part in enumerate(p for p in msg.walk() if p.get_filename()):
    open("%s/want%d" % (sys.argv[2], i), "wb").write(part.get_payload(decode=True))
PYEOF

# Saves land in the directory the screen runs in.
cd "$TMP/work" || exit 1
# A password variable in the program's environment: a pipe command must
# not inherit it.
export ABUSEDESK_SMTP_PASSWORD=marker-not-for-children
tui_start 80 24 --config "$CONF" --db "$DB"
tap_check "the screen starts" tui_wait "1 IP group"
tui_keys Enter
tui_keys Enter
tap_check "the pager shows the report" tui_wait "Telnet scanning from 192.0.2.23"
tui_keys v
tap_check "v lists the three attachments" tui_wait "Attachments: 3"
tap_check "with name, type and size" \
	tui_has "  1 notes.txt                            text/plain                        111 B"
tap_check "the binary one's name shown as it came" tui_has "../.capture.bin"

tui_keys v
tap_check "v on the list views the text attachment, decoded" \
	tui_has "café — end of notes."
tui_keys q
tui_keys j
tui_keys v
tap_check "the zipped CSV is viewed as its text" \
	tui_has "2026-03-20 10:05:00,192.0.2.23,2323,telnet"
tui_keys q
tui_keys j
tui_keys v
tap_check "a binary attachment is a notice and a hex dump" \
	tui_has "A binary attachment (application/octet-stream, 277 bytes)"
tap_check "its bytes in hex, printable ASCII beside them" \
	tui_has "00000000  89 50 4e 47 0d 0a 1a 0a  00 1b 5b 32 4a 1b 5d 30  |.PNG......[2J.]0|"
tap_check "its escape sequences never reach the terminal (no clear, no title)" \
	tui_has " Attachment ../.capture.bin (application/octet-stream, 277 bytes)"
tui_keys q

tui_keys s
tap_check "s offers the name without directory and leading dot" \
	tui_has "Save attachment to: capture.bin"
tui_keys Enter
tap_check "it says it saved" tui_wait "saved 277 bytes to capture.bin"
tap_check "the file holds the decoded bytes" cmp "$TMP/work/capture.bin" "$TMP/want2"
tap_check "and is mode 0600" test "$(stat -c %a "$TMP/work/capture.bin")" = 600
tap_check "nothing was written outside the directory" test ! -e "$TMP/.capture.bin"
echo changed >"$TMP/work/capture.bin"
tui_keys s
tui_keys Enter
tap_check "an existing file is not overwritten without asking" \
	tui_wait "capture.bin exists: overwrite it? (y/n)"
tui_keys n
tap_check "no keeps it" grep -qx changed "$TMP/work/capture.bin"
chmod 644 "$TMP/work/capture.bin"
tui_keys s
tui_keys Enter
tui_keys y
tap_check "yes overwrites it" cmp "$TMP/work/capture.bin" "$TMP/want2"
tap_check "and makes it 0600" test "$(stat -c %a "$TMP/work/capture.bin")" = 600

tui_keys k
tui_keys k
tui_keys '|'
tap_check "| asks for a command" tui_has "Pipe attachment to:"
tui_tmux send-keys 'wc -c > piped.txt; env > pipe.env' Enter
tap_check "the screen waits for a key after the command" tui_wait "Press any key to return to abusedesk"
tui_keys x
tap_check "and comes back" tui_wait "piped 111 bytes"
tap_check "the command read the decoded attachment on its input" \
	test "$(tr -d ' ' <"$TMP/work/piped.txt")" = "$(wc -c <"$TMP/want0" | tr -d ' ')"
tap_check "and ran without the password variables" \
	sh -c "grep -q '^PATH=' '$TMP/work/pipe.env' && ! grep -q 'PASSWORD=' '$TMP/work/pipe.env'"
tui_stop
tap_done
