#!/usr/bin/env bash
# cli_import.sh: `abusedesk import` and `abusedesk list` on the real binary,
# with a fresh cache and the mail in tests/fixtures/import.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

BIN=${ABUSEDESK_BUILD:-build}/abusedesk
FIX=tests/fixtures/import
PY=/usr/bin/python3
# The fixtures hold 8 messages: 2 in the Maildir (cur/ and new/), 3 in
# three.mbox, 2 in crlf.mbox, 1 in single.eml. None names an IP address,
# so whatever the analysis finds, they all make the one no-IP group.
GOOD=("$FIX/maildir" "$FIX/three.mbox" "$FIX/crlf.mbox" "$FIX/single.eml")
N_MESSAGES=8

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cli_import.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
DB=$TMP/cache.db

# run NAME ARGS...: runs the binary, keeping stdout, stderr and status.
run()
{
	local name=$1

	shift
	"$BIN" "$@" >"$TMP/$name.out" 2>"$TMP/$name.err"
	echo $? >"$TMP/$name.rc"
}

status_is()
{
	[ "$(cat "$TMP/$1.rc")" = "$2" ] ||
		{ echo "exit status $(cat "$TMP/$1.rc"), wanted $2"; cat "$TMP/$1.err"; false; }
}

stderr_has()
{
	grep -qF -- "$2" "$TMP/$1.err" ||
		{ echo "stderr lacks: $2"; cat "$TMP/$1.err"; false; }
}

if [ ! -x "$BIN" ]; then
	tap_fail "binary $BIN exists"
	tap_done
fi

run first --db "$DB" import "${GOOD[@]}"
tap_check "import of the fixtures exits 0" status_is first 0
tap_check "import counts every fixture message" stderr_has first \
	"imported $N_MESSAGES messages (0 already present) from ${#GOOD[@]} paths; 0 errors"
tap_check "the cache file is mode 0600" \
	test "$(stat -c %a "$DB")" = 600

run again import "${GOOD[@]}" --db "$DB"
tap_check "--db after the command works" status_is again 0
tap_check "re-import adds nothing" stderr_has again \
	"imported 0 messages ($N_MESSAGES already present)"

run bad --db "$DB" import "$FIX/bad/notes.txt" "$FIX/single.eml"
tap_check "a file that is not mail makes the exit status 1" status_is bad 1
tap_check "the file that is not mail is named on stderr" stderr_has bad \
	"abusedesk: $FIX/bad/notes.txt: not a mail message"
tap_check "the other path still counts" stderr_has bad \
	"imported 0 messages (1 already present) from 2 paths; 1 error"

run missing --db "$DB" import "$TMP/nonexistent"
tap_check "a missing path exits 1" status_is missing 1
tap_check "a missing path is named" stderr_has missing "$TMP/nonexistent"

run json --db "$DB" list --json
tap_check "list --json exits 0" status_is json 0
tap_check "list --json is one group holding every report" \
	"$PY" -c '
import json, sys
groups = json.load(open(sys.argv[1]))
assert isinstance(groups, list), "not an array"
# The copyright notice carries a known bulk signature: its reporter has a
# noise row of its own beside the group.
noise = [g for g in groups if g.get("kind") == "noise"]
assert [g["why"] for g in noise] == ["known copyright bot"], noise
groups = [g for g in groups if g.get("kind") != "noise"]
assert len(groups) == 1, "%d groups" % len(groups)
g = groups[0]
assert g["ip"] is None, g["ip"]
assert g["reports"] == int(sys.argv[2]), g["reports"]
assert isinstance(g["categories"], list)
assert g["last_seen"].endswith("Z") and g["state"] == "open"
' "$TMP/json.out" "$N_MESSAGES"

run table list --db "$DB"
tap_check "list prints a table" \
	grep -q '^IP  *REPORTS  *U  *REPORTERS  *CATEGORIES  *LAST SEEN  *STATE$' "$TMP/table.out"
tap_check "the table shows dates as YYYY-MM-DD" \
	grep -qE '[0-9]{4}-[0-9]{2}-[0-9]{2}  +(open|done)$' "$TMP/table.out"

run noargs --db "$DB" import
tap_check "import without a PATH exits 2" status_is noargs 2
run unknown --db "$DB" import --no-such-option "$FIX/single.eml"
tap_check "an unknown import option exits 2" status_is unknown 2
run unknown_list --db "$DB" list --no-such-option
tap_check "an unknown list option exits 2" status_is unknown_list 2

printf 'not a database, just text\n%.0s' $(seq 100) >"$TMP/garbage.db"
run garbage --db "$TMP/garbage.db" list
tap_check "a file that is not a database exits 1" status_is garbage 1
tap_check "and is named on stderr" stderr_has garbage "$TMP/garbage.db"

tap_done
