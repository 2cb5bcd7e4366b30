#!/usr/bin/env bash
# cli_analyze.sh: `abusedesk analyze` on the real binary: one JSON line per
# file in argument order, error lines for unreadable or non-mail files with
# exit status 1, stdin as "-", --networks, what our mail server said of the
# sender ([analysis] authserv_id), and usage errors.
set -u
cd "$(dirname "$0")/../.."
if [ -f tests/harness/tap.sh ]; then
	. tests/harness/tap.sh
else
	# The same TAP lines as the harness, for a tree without it.
	TAP_COUNT=0 TAP_FAILED=0
	tap_check()
	{
		local name=$1

		shift
		TAP_COUNT=$((TAP_COUNT + 1))
		if "$@" >/dev/null 2>&1; then
			echo "ok $TAP_COUNT - $name"
		else
			TAP_FAILED=$((TAP_FAILED + 1))
			echo "not ok $TAP_COUNT - $name"
		fi
	}
	tap_done()
	{
		echo "1..$TAP_COUNT"
		[ "$TAP_FAILED" -eq 0 ]
		exit
	}
fi

BIN=${ABUSEDESK_BUILD:-build}/abusedesk
FIX=tests/fixtures/analysis
PY=/usr/bin/python3

TMP=$(mktemp -d "${TMPDIR:-/tmp}/cli_analyze.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
# No user configuration may leak in.
export XDG_CONFIG_HOME=$TMP/config HOME=$TMP

# run NAME ARGS...: runs `abusedesk analyze ARGS`, keeping stdout, stderr
# and status.
run()
{
	local name=$1

	shift
	"$BIN" analyze "$@" >"$TMP/$name.out" 2>"$TMP/$name.err" <"${STDIN:-/dev/null}"
	echo $? >"$TMP/$name.rc"
}

# field NAME LINE KEY: prints one key of the LINE-th JSON object (1-based).
field()
{
	"$PY" -c 'import json,sys
o = json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2]) - 1])
v = o.get(sys.argv[3])
print(",".join(json.dumps(x) if isinstance(x, bool) else x for x in v)
      if isinstance(v, list) else ("null" if v is None else v))' \
		"$TMP/$1.out" "$2" "$3"
}

run two "$FIX/spamcop.eml" "$FIX/xarf_yaml.eml"
tap_check "two files give status 0" test "$(cat "$TMP/two.rc")" = 0
tap_check "two files give two lines" test "$(wc -l <"$TMP/two.out")" = 2
tap_check "lines follow the argument order" \
	test "$(field two 2 file)" = "$FIX/xarf_yaml.eml"
tap_check "spamcop report names its source" \
	test "$(field two 1 ips)" = "203.0.113.5"
tap_check "a report that asks nothing still gets advice" \
	test -n "$(field two 1 advice)"
tap_check "the summary names the offending IP" \
	test "$(field two 2 summary)" = "Login attempts (brute force) from 192.0.2.45"
tap_check "x-arf report has its category" \
	test "$(field two 2 category)/$(field two 2 type)" = "connection/login_attack"
tap_check "every line is one JSON object with the documented keys" \
	"$PY" -c 'import json,sys
keys = {"file","ips","roles","in_scope","reporter","original_reporter","format","category","type",
        "problem","action","harm","deadline","summary","advice","evidence",
        "noise_signals","bulk","unsubscribe","auth"}
for line in open(sys.argv[1]):
    o = json.loads(line)
    assert keys <= set(o), keys - set(o)
    assert o["unsubscribe"]["method"] in ("https","mailto","reply","none")
    assert o["auth"] == {"dkim": None, "spf": None, "dmarc": None,
                         "verdict": "unknown"}, o["auth"]' "$TMP/two.out"

run bulk tests/fixtures/analysis/bulk_referrer_spam.eml
tap_check "a known bulk reporter's signature is named with its reason" \
	"$PY" -c 'import json,sys
o = json.loads(open(sys.argv[1]).read())
assert o["bulk"] == "referrer-spam notices", o["bulk"]
assert "known-bulk" in o["noise_signals"], o["noise_signals"]' "$TMP/bulk.out"

# auth NAME LINE: the auth object of the LINE-th JSON object, compact.
auth()
{
	"$PY" -c 'import json,sys
o = json.loads(open(sys.argv[1]).read().splitlines()[int(sys.argv[2]) - 1])
print(json.dumps(o["auth"], separators=(",", ":")))' "$TMP/$1.out" "$2"
}
mkdir -p "$XDG_CONFIG_HOME/abusedesk"
printf '[analysis]\nauthserv_id = mx1.ours.example, MX2.ours.example\n' \
	>"$XDG_CONFIG_HOME/abusedesk/config"
chmod 600 "$XDG_CONFIG_HOME/abusedesk/config"
run auth tests/fixtures/authres/forged.eml tests/fixtures/authres/genuine.eml
tap_check "authserv_id: DMARC fail at our MX is not verified" \
	test "$(auth auth 1)" = '{"dkim":"none","spf":"softfail","dmarc":"fail","verdict":"not verified"}'
tap_check "authserv_id: DMARC pass at our MX is verified" \
	test "$(auth auth 2)" = '{"dkim":"pass","spf":"pass","dmarc":"pass","verdict":"verified"}'
rm "$XDG_CONFIG_HOME/abusedesk/config"

printf 'not a mail at all\x00\x01' >"$TMP/junk.bin"
run mixed "$TMP/junk.bin" "$TMP/missing.eml" "$FIX/fail2ban.eml"
tap_check "a failed file gives status 1" test "$(cat "$TMP/mixed.rc")" = 1
tap_check "non-mail gives an error line" test "$(field mixed 1 error)" != null
tap_check "a missing file gives an error line" test "$(field mixed 2 error)" != null
tap_check "files after a failure are still analysed" \
	test "$(field mixed 3 ips)" = "192.0.2.201"

STDIN=$FIX/multi_ip.eml run stdin -
tap_check "- reads one message from stdin" \
	test "$(field stdin 1 ips)" = "192.0.2.1,192.0.2.2,192.0.2.3,203.0.113.250"
tap_check "roles stand beside the addresses" \
	test "$(field stdin 1 roles)" = "offender,offender,offender,victim"
tap_check "the offenders are the addresses the report is grouped under" \
	test "$(field stdin 1 in_scope)" = "true,true,true,false"

run scoped --networks 192.0.2.2/32 "$FIX/multi_ip.eml"
tap_check "--networks keeps only offenders inside them" \
	test "$(field scoped 1 ips)/$(field scoped 1 roles)" = "192.0.2.2,203.0.113.250/offender,victim"

run ours --networks 192.0.2.0/24 "$FIX/victim_ours.eml"
tap_check "an attack on our address names it the victim" \
	test "$(field ours 1 ips)/$(field ours 1 roles)" = "192.0.2.14,203.0.113.66/victim,offender"
tap_check "... and groups the report under it" \
	test "$(field ours 1 in_scope)" = "true,false"

run yours "$FIX/victim_customer_of_yours.eml"
tap_check "without --networks, a customer's own attacked address is the group" \
	test "$(field yours 1 ips)/$(field yours 1 roles)/$(field yours 1 in_scope)" = "198.51.100.20,203.0.113.50/victim,offender/true,false"

run badnet --networks not-a-network "$FIX/multi_ip.eml"
tap_check "a bad --networks is a usage error" test "$(cat "$TMP/badnet.rc")" = 2
run nofile
tap_check "no FILE is a usage error" test "$(cat "$TMP/nofile.rc")" = 2

# Mail text and names with characters a terminal acts on or that hide
# text: CSI (U+009B), DEL, RLO (U+202E), an isolate (U+2066), zero-width
# space (U+200B) and BOM. They leave as \u escapes; other text stays raw.
hostile=$(printf 'x\xc2\x9b31m\x7f\xe2\x80\xae\xe2\x81\xa6\xe2\x80\x8b\xef\xbb\xbf\xc3\xa9')
cp "$FIX/spamcop.eml" "$TMP/$hostile.eml"
{ printf 'Subject: spam from 192.0.2.9 %s\n\n' "$hostile"
  printf 'Please stop the spam %s from 192.0.2.9.\n' "$hostile"; } >"$TMP/body.eml"
run hostile "$TMP/$hostile.eml" "$TMP/body.eml"
tap_check "hostile characters leave no raw bytes" \
	bash -c '! LC_ALL=C grep -qP "\x7f|\xc2[\x80-\x9f]|\xe2\x80[\x8b-\x8f\xaa-\xae]|\xe2\x81[\xa0-\xa9]|\xef\xbb\xbf" "$1"' _ "$TMP/hostile.out"
tap_check "they are written as \\u escapes" \
	grep -qF 'x\u009b31m\u007f\u202e\u2066\u200b\ufeff' "$TMP/hostile.out"
tap_check "other non-ASCII text stays raw" grep -qF "$(printf '\xc3\xa9')" "$TMP/hostile.out"
tap_check "the file name reads back whole" \
	test "$(field hostile 1 file)" = "$TMP/$hostile.eml"

tap_done
