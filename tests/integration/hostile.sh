#!/usr/bin/env bash
# hostile.sh: one hostile mail never stops the desk. Mail built to
# overflow the MIME parser's stack or to take it minutes is analysed in
# bounded time with the cut recorded; a crash in the analysis of one
# message is noted, and the next run stores that message unanalysed and
# goes on (import and sync, against a harness Dovecot); a FIFO given to
# import is refused instead of waited on.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/harness.sh

BIN=$PWD/${ABUSEDESK_BUILD:-build}/abusedesk
GEN="python3 tests/harness/hostile_mail.py"
if [ ! -x "$BIN" ]; then
	tap_fail "binary $BIN exists"
	tap_done
fi
harness_init || exit 1
T=$HARNESS_DIR

# field FILE KEY: one field of the JSON that analyze printed.
field()
{
	python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]; print(v if not isinstance(v, list) else len(v))' "$1" "$2"
}

# analyzed KIND N WHY: analyze finishes (a generous bound: a busy machine
# and the sanitizers), with the analysis marked partial for WHY.
analyzed()
{
	local f=$T/$1.eml
	$GEN "$1" "$2" >"$f" || return 1
	timeout 60 "$BIN" analyze "$f" >"$f.json" 2>"$f.err" || {
		echo "analyze exited $?"
		cat "$f.err"
		return 1
	}
	[ "$(field "$f.json" analysis)" = partial ] &&
		grep -qF -- "$3" "$f.json" || {
		cat "$f.json"
		return 1
	}
}

tap_check "30,000 nested messages: analysed, cut for depth" \
	analyzed nested_rfc822 30000 "nested too deep"
tap_check "20,000 nested multiparts: analysed, cut for depth" \
	analyzed nested_multipart 20000 "nested too deep"
tap_check "the nested multipart keeps its outer text's address" \
	test "$(field "$T/nested_multipart.eml.json" ips)" = 1
tap_check "a tag with 200,000 attributes: analysed, cut" \
	analyzed html_attributes 200000 "more attributes than are read"
tap_check "the page's text is still read" \
	grep -qF '192.0.2.9' "$T/html_attributes.eml.json"
tap_check "5,000 parts: analysed, the rest past the cap left out" \
	analyzed many_parts 5000 "more MIME parts than are read"
tap_check "a zipped CSV larger than the text budget keeps what fits" \
	analyzed zipped_csv 1000000 "beyond the size that is read"
tap_check "and is still read as a scan report with its addresses" \
	test "$(field "$T/zipped_csv.eml.json" format)" = shadowserver -a \
	"$(field "$T/zipped_csv.eml.json" ips)" -gt 100

# ---- [limits] analyze_bytes ----
printf '[limits]\nanalyze_bytes = 65536\n' >"$T/small.conf"
$GEN many_ips 20000 >"$T/big.eml"
"$BIN" --config "$T/small.conf" analyze "$T/big.eml" >"$T/big.json" 2>&1
tap_check "a mail over analyze_bytes is analysed on its start, and says so" \
	grep -qF 'analyze_bytes' "$T/big.json"
start_only()
{
	grep -qF '"10.0.0.0"' "$T/big.json" &&
		! grep -qF '"10.0.78.31"' "$T/big.json"
}
tap_check "its start is read (the first address), not its end" start_only
"$BIN" --config "$T/small.conf" analyze --networks 10.0.0.0/8 "$T/big.eml" \
	>"$T/bignet.json" 2>&1
tap_check "--networks keeps the configured analyze_bytes" \
	grep -qF 'analyze_bytes' "$T/bignet.json"

# ---- a crash in one message's analysis ----
md=$T/md
mkdir -p "$md/cur" "$md/new" "$md/tmp"
for i in 1 2 3; do
	printf 'From: abuse@reporter%d.example\nTo: abuse@isp.example\nSubject: report %d\nMessage-ID: <hostile-%d@reporter.example>\n\nBrute force from 192.0.2.%d. Please stop it.\n' \
		"$i" "$i" "$i" "$i" >"$md/new/m$i"
done
bad=$(sha256sum "$md/new/m2" | cut -d' ' -f1)
db=$T/import.db
ABUSEDESK_CRASH_ON=$bad "$BIN" --db "$db" import "$md" >"$T/crash.out" 2>&1
tap_check "the analysis crashing kills the import (as a bug would)" \
	test $? -ge 128
tap_check "the crash is noted beside the cache, mode 0600" \
	test "$(stat -c %a "$db.crash" 2>/dev/null)" = 600
"$BIN" --db "$db" import "$md" >"$T/after.out" 2>&1
tap_check "the next import goes on" test $? = 0
tap_check "and stores all three messages" \
	test "$(sqlite3 "$db" 'select count(*) from message')" = 3
tap_check "the one that crashed is kept unanalysed, with the reason" \
	test "$(sqlite3 "$db" "select r.analysis || ':' || (r.analysis_note like '%crashed%') from report r join message m on m.id = r.message_id where m.content_hash = '$bad'")" = "none:1"
tap_check "the others are analysed" \
	test "$(sqlite3 "$db" "select count(*) from report where analysis = 'full'")" = 2
tap_check "the note is gone once taken into the cache" \
	test ! -e "$db.crash"
third=$(sha256sum "$md/new/m3" | cut -d' ' -f1)
ABUSEDESK_CRASH_ON=$third "$BIN" --db "$db" reanalyze --all >/dev/null 2>&1
tap_check "a reanalyze whose analysis crashes dies" test $? -ge 128
"$BIN" --db "$db" reanalyze --all >"$T/reanalyze.out" 2>&1
tap_check "the next reanalyze goes on" test $? = 0
tap_check "and keeps that message unanalysed by its stored hash" \
	test "$(sqlite3 "$db" "select r.analysis from report r join message m on m.id = r.message_id where m.content_hash = '$third'")" = none

# ---- a FIFO ----
mkfifo "$T/fifo"
timeout 30 "$BIN" --db "$T/fifo.db" import "$T/fifo" >"$T/fifo.out" 2>&1
rc=$?
tap_check "import of a FIFO does not wait for a writer" test "$rc" != 124
tap_check "and names it as not a regular file" \
	grep -qF "$T/fifo: not a regular file" "$T/fifo.out"

# ---- the same crash during a sync ----
harness_certs || exit 1
harness_dovecot_start || harness_dovecot_start || exit 1
for i in 1 2 3; do
	harness_deliver "$HARNESS_USER" "$md/new/m$i" || exit 1
done
printf '[imap]\nhost = %s\nport = %s\nuser = %s\nca_file = %s\n' \
	"$HARNESS_HOST" "$HARNESS_IMAPS_PORT" "$HARNESS_USER" "$HARNESS_CA" \
	>"$T/config"
chmod 600 "$T/config"
export ABUSEDESK_PASSWORD=$HARNESS_PASS
sdb=$T/sync.db
# The server hands the message out with CRLF line ends.
sbad=$(sed 's/$/\r/' "$md/new/m2" | sha256sum | cut -d' ' -f1)
ABUSEDESK_CRASH_ON=$sbad "$BIN" --config "$T/config" --db "$sdb" sync \
	>"$T/sync1.out" 2>&1 </dev/null
tap_check "a sync whose analysis crashes dies" test $? -ge 128
"$BIN" --config "$T/config" --db "$sdb" sync >"$T/sync2.out" 2>&1 </dev/null
tap_check "the next sync gets past that message" test $? = 0
tap_check "and holds the server's three messages" \
	test "$(sqlite3 "$sdb" 'select count(*) from message')" = 3
tap_check "the crashed one unanalysed, the others analysed" \
	test "$(sqlite3 "$sdb" "select group_concat(analysis, ',') from (select analysis from report order by analysis)")" = "full,full,none"
harness_deliver "$HARNESS_USER" "$T/nested_rfc822.eml" || exit 1
"$BIN" --config "$T/config" --db "$sdb" sync >"$T/sync3.out" 2>&1 </dev/null
tap_check "a sync of a mail nested 30,000 deep exits 0" test $? = 0
tap_check "and stores it, marked partly analysed" \
	test "$(sqlite3 "$sdb" "select count(*) from report where analysis = 'partial'")" = 1
tap_done
