#!/usr/bin/env bash
# loop.sh: the triage loop at mutt speed, on the real binary in tmux — a
# decision acts at once and moves on to the next open row (in the groups,
# a group's reports and the pager), the note key, tags (by row and by
# pattern) and a batch over them undone by one U, j and k walking the
# list from the pager, n and N over the matches of a search inside a
# report, a bare address as a limit, and the vi keymap's pager and
# [ui] ask_note. States are read back with `abusedesk list --all --json`
# and sqlite3, expected rows from the cache, not from this file.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh
. tests/tui/tmux_lib.bash

PY=/usr/bin/python3
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tui_loop.XXXXXX") || exit 1
trap 'tui_stop; rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME/abusedesk" "$XDG_DATA_HOME"
CONF=$TMP/demo.conf
DB=$TMP/demo.db
umask 077
NETS='[networks]\nown = 192.0.2.0/24, 198.51.100.0/24, 2001:db8:100::/48\n'
printf "$NETS" >"$CONF"
IP=192.0.2.23
# A reporter of several groups, and one of several reports of $IP.
GROUPS_REPORTER=darkscan.example
REPORTER=tallgrass-telecom.example

if ! command -v tmux >/dev/null || ! command -v sqlite3 >/dev/null ||
	[ ! -x "$TUI_BIN" ]; then
	tap_fail "tmux, sqlite3 and $TUI_BIN are there"
	tap_done
fi
"$TUI_BIN" --config "$CONF" --db "$DB" import demo/demo.mbox 2>/dev/null

sql()
{
	sqlite3 "$DB" "$1"
}

# list_json: the groups as `list --all --json` gives them, into groups.json.
list_json()
{
	"$TUI_BIN" --config "$CONF" --db "$DB" list --all --json >"$TMP/groups.json"
}

# ips_where EXPR: the IPs of the groups (in the screen's order) for
# which the Python expression EXPR on g holds.
ips_where()
{
	list_json
	$PY -c 'import json,sys
for g in json.load(open(sys.argv[1])):
    if g.get("kind") == "ip" and eval(sys.argv[2]): print(g["ip"])' \
		"$TMP/groups.json" "$1"
}

# states_are STATE IP...: every IP's group is in STATE.
states_are()
{
	local want=$1 ip got

	shift
	list_json
	for ip in "$@"; do
		got=$($PY -c 'import json,sys
print(next(g["state"] for g in json.load(open(sys.argv[1])) if g.get("ip") == sys.argv[2]))' \
			"$TMP/groups.json" "$ip")
		[ "$got" = "$want" ] && continue
		echo "$ip is $got, not $want"
		return 1
	done
}

# subject N: the subject of the group's report on row N (1 the newest),
# in the order the list shows them.
subject()
{
	sql "select m.subject from message m join report_ip ri
		on ri.message_id = m.id where ri.ip = '$IP' and ri.in_scope
		order by m.dated desc, m.id desc limit 1 offset $(($1 - 1))"
}

report_id()
{
	sql "select m.id from message m join report_ip ri
		on ri.message_id = m.id where ri.ip = '$IP' and ri.in_scope
		order by m.dated desc, m.id desc limit 1 offset $(($1 - 1))"
}

# row_state N: the STATE cell of row N of a list of reports.
row_state()
{
	tui_screen | sed -n "$(($1 + 2))p" | awk '{print $NF}'
}

row_is()
{
	[ "$(row_state "$1")" = "$2" ] && return 0
	echo "row $1 says '$(row_state "$1")', not '$2'"
	tui_screen
	return 1
}

title_is()
{
	tui_screen | head -n 1 | grep -qF -- "$1" && return 0
	echo "the title is not '$1'"
	tui_screen
	return 1
}

# status_has TEXT: the status bar (the line above the message line).
status_has()
{
	tui_screen | tail -n 2 | head -n 1 | grep -qF -- "$1" && return 0
	echo "the status bar lacks '$1'"
	tui_screen
	return 1
}

status_lacks()
{
	tui_screen | tail -n 2 | head -n 1 | grep -qF -- "$1" || return 0
	echo "the status bar still has '$1'"
	tui_screen
	return 1
}

# top_has TEXT: the pager's first line of text (below the title).
top_has()
{
	tui_screen | sed -n 2p | grep -qF -- "$1" && return 0
	echo "the top line lacks '$1'"
	tui_screen
	return 1
}

# top_is_text_with TEXT: the top line is the report's text (not the box's
# line) and holds TEXT.
top_is_text_with()
{
	tui_screen | sed -n 2p | grep -vqF -- "Problem: " &&
		tui_screen | sed -n 2p | grep -qF -- "$1" && return 0
	echo "the top line is not a text line with '$1'"
	tui_screen
	return 1
}

# top_highlights TEXT: on that line, TEXT in reverse video (SGR 7).
top_highlights()
{
	local re

	re=$(printf '%s' "$1" | sed 's/\./\\./g')
	tui_screen -e | sed -n 2p | grep -qE $'\e\\[([0-9]+;)*7m(\e\\[[0-9;]*m)*'"$re" &&
		return 0
	echo "'$1' is not highlighted on the top line"
	tui_screen -e | sed -n 2p | cat -v
	return 1
}

jump()
{
	tui_keys J && tui_tmux send-keys "$1" Enter && tui_settle
}

mapfile -t FIRST < <(ips_where True | sed -n 1,4p)

tui_start 100 30 --config "$CONF" --db "$DB"
tui_wait "IP groups" || { echo "no first screen"; tui_screen; }

# ---- tags and a batch ----
tui_keys t t t
tap_check "t tags three rows: the status bar counts them" status_has "3 tagged"
tap_check "each tagged row shows * in the first column" \
	test "$(tui_screen | grep -c '^\*')" -eq 3
tui_keys '\;' d
tap_check "; d resolves every tagged row" \
	tui_has "3 tagged rows resolved (U undoes)"
tap_check "the three groups are resolved" \
	states_are resolved "${FIRST[0]}" "${FIRST[1]}" "${FIRST[2]}"
tap_check "the row after them is not" states_are open "${FIRST[3]}"
tui_keys U
tap_check "one U undoes the batch" tui_has "undone: 3 changes to tagged rows"
tap_check "the three groups are open again" \
	states_are open "${FIRST[0]}" "${FIRST[1]}" "${FIRST[2]}"
tap_check "and tagged still, as they were" status_has "3 tagged"
tui_keys C-t Enter
tap_check "^T with an empty pattern untags every row" status_lacks "tagged"

mapfile -t BYREP < <(ips_where "'$GROUPS_REPORTER' in g['reporter_domains']")
tui_keys T && tui_tmux send-keys "reporter:$GROUPS_REPORTER" Enter && tui_settle
tap_check "T tags the groups of a reporter" \
	tui_has "${#BYREP[@]} rows tagged"
tui_keys '\;' '!'
tap_check "; ! ignores them all" states_are ignored "${BYREP[@]}"
tui_keys U
tap_check "and U takes it back" states_are open "${BYREP[@]}"
tui_keys C-t Enter

# ---- a bare address as a limit ----
tui_keys l && tui_tmux send-keys "$IP" Enter && tui_settle
tap_check "a bare address limits like ip:" status_has "limit: $IP"
tap_check "its group is listed" tui_has " $IP "
OTHER=$(ips_where "g['ip'] != '$IP'" | head -n 1)
tap_check "another is not" tui_lacks " $OTHER "
tui_keys l C-u Enter

# ---- the reports of a group: decide and move on ----
jump "$IP"
tui_keys Enter
tap_check "the group's reports are listed" title_is "$IP: "
tui_keys d
tap_check "d resolves the first report at once" row_is 1 resolved
tui_keys '!'
tap_check "the cursor moved on: ! ignores the second" row_is 2 ignored
tap_check "and the third is still open" row_is 3 open
tui_keys Enter
tap_check "the cursor is on the third report" title_is "$(subject 3)"

# ---- the pager walks the list ----
tui_keys j
tap_check "j in the pager shows the next report" title_is "$(subject 4)"
tui_keys k
tap_check "k the previous one" title_is "$(subject 3)"
tui_keys d
tap_check "d in the pager shows the next open report" title_is "$(subject 4)"
tap_check "which is open" tui_lacks "[resolved]"
tui_keys q
tap_check "the decided report is resolved in the list" row_is 3 resolved

# ---- the note key ----
tui_keys Home
tui_keys a
tap_check "a asks for a note" tui_has "Note:"
tui_tmux send-keys "ticket 42" Enter && tui_settle
tap_check "the note is stored on the report's decision" \
	test "$(sql "select note from report_state where message_id = $(report_id 1)")" = "ticket 42"
tap_check "the decision stays as it was" row_is 1 resolved
tui_keys U
tap_check "U takes the note back" \
	test -z "$(sql "select note from report_state where message_id = $(report_id 1)")"
tap_check "and leaves the decision" row_is 1 resolved

# ---- tags in a list of reports ----
n=$(sql "select count(*) from report_ip ri join report r on r.message_id = ri.message_id
	join reporter rep on rep.id = r.reporter_id where ri.ip = '$IP'
	and ri.in_scope and rep.domain = '$REPORTER'")
tui_keys T && tui_tmux send-keys "reporter:$REPORTER" Enter && tui_settle
tap_check "T tags the reports of a reporter in the list" status_has "$n tagged"
tap_check "each tagged row shows *" \
	test "$(tui_screen | grep -c '^\*')" -eq "$n"
tui_keys q
tap_check "tags belong to their screen: the groups have none" \
	status_lacks "tagged"

# ---- undo puts a decision back in its place in the order ----
# The fifth report reopened on its own, then its IP resolved: the later
# decision, the IP's, says resolved. Ignoring the report and undoing that
# must give resolved again, not the report's older open.
tui_keys Enter Home j j j j O
tap_check "the fifth report reopened on its own" row_is 5 open
tui_keys q d A
jump "$IP"
tui_keys Enter
tap_check "its IP resolved after it: it says resolved" row_is 5 resolved
tui_keys Home j j j j '!'
tap_check "ignored on its own now" row_is 5 ignored
tui_keys U
tap_check "U: resolved again, the IP's decision still the later" \
	row_is 5 resolved
tui_keys q U A
tap_check "and U in the groups reopens the IP" states_are open "$IP"

# ---- search inside a report: n and N ----
tui_tmux resize-window -x 80 -y 14 && tui_settle
jump "$IP"
tui_keys Enter Home Enter
tap_check "the newest report is shown" title_is "$(subject 1)"
tui_keys / && tui_tmux send-keys "$IP" Enter && tui_settle
tap_check "/ in the pager goes to the first match" top_has "Problem: "
tap_check "the match is highlighted" top_highlights "$IP"
# At 14 rows the box is one Problem: line; the text's first line holds the
# next match.
tui_keys n
tap_check "n goes to the next match" top_is_text_with "$IP"
tui_keys n N
tap_check "N goes back to the previous one" top_is_text_with "$IP"
tui_keys N
tap_check "and once more to the first" top_has "Problem: "
tui_keys Q
tap_check "Q quits with status 0" tui_wait "exit status 0"

# ---- the vi keymap's pager, and [ui] ask_note ----
printf "$NETS[ui]\\nkeymap = vi\\nask_note = yes\\n" >"$CONF"
tui_start 100 30 --config "$CONF" --db "$DB"
tui_wait "IP groups" || { echo "no first screen"; tui_screen; }
jump "$IP"
tui_keys Enter G Enter
OLDEST=$(sql "select count(*) from report_ip where ip = '$IP' and in_scope")
tap_check "vi: the oldest report is shown" title_is "$(subject "$OLDEST")"
tui_keys j
tap_check "vi: j scrolls the pager, the report stays" title_is "$(subject "$OLDEST")"
tui_keys h
tap_check "vi: h goes back" title_is "$IP: "
tui_keys d
tap_check "ask_note: d asks for a note first" tui_has "Note (Enter for none):"
tui_tmux send-keys "asked" Enter && tui_settle
tap_check "the note goes with the decision" \
	test "$(sql "select state || ' ' || note from report_state where message_id = $(report_id "$OLDEST")")" = "resolved asked"
tui_keys Q
tap_check "Q quits with status 0" tui_wait "exit status 0"
tap_done
