#!/usr/bin/env bash
# cli_faults.sh: the cache under faults, on the real binary — a damaged
# file, a full disk, a read-only file and a read-only folder.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

BIN=$(realpath -m "${ABUSEDESK_BUILD:-build}/abusedesk")
FIX=$PWD/tests/fixtures/import
GOOD=("$FIX/maildir" "$FIX/three.mbox" "$FIX/crlf.mbox" "$FIX/single.eml")
NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups)

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cli_faults.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
chmod 755 "$TMP"
export XDG_CONFIG_HOME=$TMP/config HOME=$TMP

run()
{
	local name=$1

	shift
	"$@" >"$TMP/$name.out" 2>"$TMP/$name.err" </dev/null
	echo $? >"$TMP/$name.rc"
}

status_is()
{
	[ "$(cat "$TMP/$1.rc")" = "$2" ] ||
		{ echo "exit status $(cat "$TMP/$1.rc"), wanted $2"; cat "$TMP/$1.err"; false; }
}

has()
{
	grep -qF -- "$3" "$TMP/$1.$2" ||
		{ echo "$2 lacks: $3"; cat "$TMP/$1.$2"; false; }
}

lacks()
{
	! grep -qF -- "$3" "$TMP/$1.$2" ||
		{ echo "$2 has: $3"; cat "$TMP/$1.$2"; false; }
}

if [ ! -x "$BIN" ]; then
	tap_fail "binary $BIN exists"
	tap_done
fi

"$BIN" --db "$TMP/good.db" import "${GOOD[@]}" 2>/dev/null
run sound "$BIN" --db "$TMP/good.db" check
tap_check "check on a sound cache exits 0" status_is sound 0
tap_check "check says ok" has sound out "good.db: ok"

# ---- a damaged cache: 4 KiB of random bytes over the report_ip table's
# root page, mid-file ----
cp "$TMP/good.db" "$TMP/bad.db"
page=$(sqlite3 "$TMP/bad.db" "SELECT rootpage FROM sqlite_master WHERE name = 'report_ip'")
size=$(sqlite3 "$TMP/bad.db" "PRAGMA page_size")
head -c 4096 /dev/urandom |
	dd of="$TMP/bad.db" bs=1 seek=$(((page - 1) * size)) conv=notrunc 2>/dev/null
before=$(sha256sum <"$TMP/bad.db")
run import_bad "$BIN" --db "$TMP/bad.db" import "$FIX/single.eml" "$TMP/../nonexistent"
tap_check "import into a damaged cache exits 1" status_is import_bad 1
tap_check "import says the cache is damaged" has import_bad err \
	"bad.db: the cache is damaged"
tap_check "import says what to do" has import_bad err ".recover"
tap_check "import wrote nothing" test "$(sha256sum <"$TMP/bad.db")" = "$before"
tap_check "no WAL was left behind" test ! -e "$TMP/bad.db-wal"
run check_bad "$BIN" --db "$TMP/bad.db" check
tap_check "check on a damaged cache exits 1" status_is check_bad 1
tap_check "check names the damage" has check_bad err "the cache is damaged"
tap_check "check shows how to rebuild" has check_bad err "abusedesk sync"
tap_check "check shows how to rescue" has check_bad err \
	"sqlite3 '$TMP/bad.db.damaged' .recover"

# ---- a full disk: a small tmpfs in a mount namespace of our own, which
# goes away with the command ----
big=$TMP/big.eml
# Random bytes (as base64 lines): the cache compresses what it keeps, and
# this must not fit in 1 MB even so.
{ cat "$FIX/single.eml"; head -c 2200000 /dev/urandom | base64 -w 76; } >"$big"
cp "$TMP/good.db" "$TMP/full.db"
if unshare -m true 2>/dev/null; then
	mkdir -p "$TMP/mnt"
	run full unshare -m sh -c '
		mount -t tmpfs -o size=1m tmpfs "$1" &&
		cp "$2" "$1/c.db" && exec "$3" --db "$1/c.db" import "$4"' \
		sh "$TMP/mnt" "$TMP/full.db" "$BIN" "$big"
	tap_check "import on a full disk exits 1" status_is full 1
	tap_check "import on a full disk says it is full" has full err "full"
	tap_check "import on a full disk counts nothing imported" has full err \
		"imported 0 messages"
	tap_check "the tmpfs went away with the command" \
		test -z "$(ls -A "$TMP/mnt")"
else
	for t in exits says counts cleans; do
		tap_skip "full disk: $t" "no mount namespace here"
	done
fi

# ---- read-only: as another user, who may not write the file or the
# folder (root writes whatever the modes say) ----
if "${NOBODY[@]}" true 2>/dev/null; then
	mkdir -m 755 "$TMP/ro"
	cp "$TMP/good.db" "$TMP/ro/c.db"
	chmod 644 "$TMP/ro/c.db"
	run ro_list "${NOBODY[@]}" "$BIN" --db "$TMP/ro/c.db" list
	tap_check "list on a read-only cache in a read-only folder exits 0" \
		status_is ro_list 0
	tap_check "list shows the reports" has ro_list out "(no IP)"
	run ro_stats "${NOBODY[@]}" "$BIN" --db "$TMP/ro/c.db" stats --json
	tap_check "stats on a read-only cache exits 0" status_is ro_stats 0
	run ro_check "${NOBODY[@]}" "$BIN" --db "$TMP/ro/c.db" check
	tap_check "check on a read-only cache exits 0" status_is ro_check 0
	run ro_import "${NOBODY[@]}" "$BIN" --db "$TMP/ro/c.db" import "$FIX/single.eml"
	tap_check "import into a read-only file exits 1" status_is ro_import 1
	tap_check "import says it cannot write the file" has ro_import err \
		"c.db: cannot open for writing"
	run ro_new "${NOBODY[@]}" "$BIN" --db "$TMP/ro/new.db" import "$FIX/single.eml"
	tap_check "a new cache in a read-only folder names the folder" has ro_new err \
		"cannot create the cache in the folder $TMP/ro"
	chmod 666 "$TMP/ro/c.db"
	run ro_dir "${NOBODY[@]}" "$BIN" --db "$TMP/ro/c.db" import "$FIX/single.eml"
	tap_check "a writable file in a read-only folder names the folder" has ro_dir err \
		"cannot write in the folder $TMP/ro"
	tap_check "... and does not call it no database" lacks ro_dir err \
		"not an abusedesk database"
else
	tap_skip "read-only cache" "setpriv cannot change user here"
fi

tap_done
