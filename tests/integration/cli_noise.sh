#!/usr/bin/env bash
# cli_noise.sh: `noise mark|unmark|auto DOMAIN` stores the user's word on a
# reporter and says what the rule makes of it; `noise list` shows the
# reporters that are noise or marked, and why; `stats` agrees with it. A
# known bulk reporter's signature and the user's bulk_reporters file make
# noise too, and `list` collapses it with the same reason.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

bin=${ABUSEDESK_BUILD:-build}/abusedesk
PY=/usr/bin/python3
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
db="$t/d.db"
cfg="$t/cfg"
umask 077
mkdir "$t/mail"
export XDG_CONFIG_HOME="$t/xdg"
printf '[networks]\nown = 192.0.2.0/24\n[noise]\nmin_reports = 3\n' >"$cfg"

# mail NAME FROM IP TEXT: one invented report.
mail()
{
	printf 'From: %s\nTo: abuse@isp.example\nSubject: About %s\nMessage-ID: <%s@reports.example>\n\n%s\n' \
		"$2" "$3" "$1" "$4" >"$t/mail/$1.eml"
}
mail person "Jan <jan@bakery-owner.example>" 192.0.2.10 \
	"We receive spam from 192.0.2.10. Please stop this spam."
for i in 0 1 2; do
	mail "bot$i" "Notices <notices@rights-bot.example>" "192.0.2.2$i" \
		"Notice of claimed copyright infringement. A computer at 192.0.2.2$i shared a film over BitTorrent."
done
# Referrer-spam notices from a sender on no list: known by the signature
# (data/noise/bulk_reporters.txt), although each asks for something.
for i in 0 1; do
	mail "sig$i" "Site Guard <notices@siteguard.example>" "192.0.2.3$i" \
		"Our monitoring saw referrer spam from 192.0.2.3$i on a website we watch. Please stop it."
done
"$bin" --config "$cfg" --db "$db" import "$t"/mail/*.eml >/dev/null 2>&1

ab()
{
	"$bin" --config "$cfg" --db "$db" "$@"
}

# entry DOMAIN: its object in `noise list --json`, as "mode noise why".
entry()
{
	ab noise list --json 2>/dev/null | $PY -c 'import json,sys
for r in json.load(sys.stdin):
    if r["reporter"] == sys.argv[1]:
        print(r["mode"], r["noise"], r["why"])' "$1"
}

out=$(ab noise list); rc=$?
tap_check "noise list exits 0" test "$rc" -eq 0
tap_check "it lists the bulk reporter with its reason" \
	grep -qE '^rights-bot\.example +3 +auto +yes: 3 reports, 100% automated$' <<<"$out"
tap_check "and not the person, who is neither noise nor marked" \
	eval '! grep -q bakery-owner <<<"$out"'
tap_check "a signature-matched reporter is noise for the signature's why" \
	test "$(entry siteguard.example)" = "auto True referrer-spam notices"
out=$(ab list)
tap_check "list collapses it under its noise row with that reason" \
	grep -qE 'siteguard\.example.*referrer-spam notices' <<<"$out"
tap_check "and shows none of its addresses as a group" \
	eval '! grep -qE "^ *[^ ]* *192\.0\.2\.3[01] " <<<"$out"'

out=$(ab noise mark Bakery-Owner.example); rc=$?
tap_check "mark exits 0" test "$rc" -eq 0
tap_check "mark says the reporter is noise now, why, and its mode before" \
	test "$out" = "bakery-owner.example: noise, marked by you (was auto)"
tap_check "noise list has the mark" \
	test "$(entry bakery-owner.example)" = "noise True marked by you"

out=$(ab noise unmark rights-bot.example)
tap_check "unmark says the bulk reporter is not noise now" \
	test "$out" = "rights-bot.example: not noise, unmarked by you (was auto)"
tap_check "noise list keeps it, as unmarked by you" \
	test "$(entry rights-bot.example)" = "never False unmarked by you"
tap_check "stats agrees: the person is noise, the bulk reporter not" "$PY" -c '
import json, sys
r = {x["reporter"]: x["noise"] for x in json.load(sys.stdin)["reporters"]}
assert r == {"bakery-owner.example": True, "rights-bot.example": False,
             "siteguard.example": True}, r
' < <(ab stats --json)

out=$(ab noise auto rights-bot.example)
tap_check "auto gives the decision back to the rule" \
	test "$out" = "rights-bot.example: noise, 3 reports, 100% automated (was never)"
ab noise auto bakery-owner.example >/dev/null
tap_check "and the person leaves the list again" \
	test -z "$(entry bakery-owner.example)"

ab noise mark nobody.example >/dev/null 2>"$t/err"; rc=$?
tap_check "a domain with no reports is refused with exit 1" test "$rc" -eq 1
tap_check "saying where such a reporter goes" grep -q "\[noise\] reporters" "$t/err"
tap_check "and is not made a reporter" test "$(sqlite3 "$db" \
	"select count(*) from reporter where domain = 'nobody.example'")" = 0

for args in "" "frob" "mark" "mark a b" "list x" "mark --json x" "list --bogus"; do
	# shellcheck disable=SC2086
	ab noise $args >/dev/null 2>"$t/err"; rc=$?
	tap_check "noise $args: usage error, exit 2" \
		eval 'test "$rc" -eq 2 && grep -q "usage: abusedesk noise" "$t/err"'
done
# The user's file beside the configuration adds a reporter, takes a
# signature back, and has its bad line named; the rest of it counts.
mkdir -p "$XDG_CONFIG_HOME/abusedesk"
printf 'bakery-owner.example\tmonitor\tlisted by me\nnot a line\n' \
	>"$XDG_CONFIG_HOME/abusedesk/bulk_reporters"
tap_check "a reporter in the user's file is noise for the user's why" \
	test "$(entry bakery-owner.example)" = "auto True listed by me"
ab noise list >/dev/null 2>"$t/err"
tap_check "a bad line of it is named, file and line" \
	grep -q "bulk_reporters:2: " "$t/err"
printf -- '-body\treferrer spam\n' >"$XDG_CONFIG_HOME/abusedesk/bulk_reporters"
ab reanalyze --all >/dev/null 2>&1
tap_check "a signature the user takes back no longer counts, once reanalysed" \
	test -z "$(entry siteguard.example)"
tap_done
