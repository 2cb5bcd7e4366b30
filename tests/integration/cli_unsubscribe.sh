#!/usr/bin/env bash
# cli_unsubscribe.sh: `abusedesk unsubscribe --message ID` against the
# harness's HTTPS sink: the one-click POST arrives with its body and the
# program's User-Agent, verified against the harness CA; a server with the
# wrong certificate and a redirect to http are refused; plain http goes
# only with --allow-http; mailto and a "reply with REMOVE" instruction
# send the right mail to the SMTP sink; an embedded message's
# List-Unsubscribe is never used; the reporter becomes noise, and `noise
# list` counts the reports it sends afterwards.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/harness.sh

bin=${ABUSEDESK_BUILD:-build}/abusedesk
PY=/usr/bin/python3
harness_init
# A proxy of the environment is not part of the test: loopback is direct.
export no_proxy='*' NO_PROXY='*'
t="$HARNESS_DIR/unsub"
mkdir -p "$t/mail"
db="$t/d.db"
cfg="$t/cfg"

harness_https_start good || exit 1
harness_https_start wrong --cert wrong || exit 1
harness_https_start plain --cert plain || exit 1
harness_https_start redir \
	--redirect "http://127.0.0.1:$HARNESS_HTTPS_PLAIN_PORT/caught" || exit 1
harness_https_start gone --status 404 || exit 1
harness_https_start busy --status 503 || exit 1
harness_smtp_start || exit 1
umask 077
printf '[networks]\nown = 192.0.2.0/24\n[identity]\nemail = abuse@isp.example\n[unsubscribe]\nca_file = %s\n[smtp]\nhost = 127.0.0.1\nport = %s\ntls = none\n' \
	"$HARNESS_CA" "$HARNESS_SMTP_PORT" >"$cfg"

# mail NAME DOMAIN IP DATE [HEADER...]: one report; its body names the IP.
mail()
{
	local name=$1 domain=$2 ip=$3 date=$4
	shift 4
	{
		printf 'From: Notices <notices@%s>\nTo: abuse@isp.example\n' "$domain"
		printf 'Subject: Spam from %s\nDate: %s\n' "$ip" "$date"
		printf 'Message-ID: <%s@%s>\n' "$name" "$domain"
		for h in "$@"; do printf '%s\n' "$h"; done
		printf '\nSpam was received from %s.\n' "$ip"
	} >"$t/mail/$name.eml"
}

ab()
{
	"$bin" --config "$cfg" --db "$db" "$@"
}

# id NAME: the cache's id of the message NAME.
id()
{
	sqlite3 "$db" "SELECT id FROM message WHERE message_id = '$1@$2'"
}

oc='List-Unsubscribe-Post: List-Unsubscribe=One-Click'
mail good good.example 192.0.2.1 'Mon, 02 Nov 2026 10:00:00 +0000' \
	"List-Unsubscribe: <https://127.0.0.1:$HARNESS_HTTPS_GOOD_PORT/u?id=1>" "$oc"
mail wrong wrong.example 192.0.2.2 'Mon, 02 Nov 2026 10:00:00 +0000' \
	"List-Unsubscribe: <https://127.0.0.1:$HARNESS_HTTPS_WRONG_PORT/u>" "$oc"
mail redir redir.example 192.0.2.3 'Mon, 02 Nov 2026 10:00:00 +0000' \
	"List-Unsubscribe: <https://127.0.0.1:$HARNESS_HTTPS_REDIR_PORT/u>" "$oc"
mail plain plain.example 192.0.2.4 'Mon, 02 Nov 2026 10:00:00 +0000' \
	"List-Unsubscribe: <http://127.0.0.1:$HARNESS_HTTPS_PLAIN_PORT/u>" "$oc"
mail gone gone.example 192.0.2.6 'Mon, 02 Nov 2026 10:00:00 +0000' \
	"List-Unsubscribe: <https://127.0.0.1:$HARNESS_HTTPS_GONE_PORT/u>" "$oc"
mail busy busy.example 192.0.2.7 'Mon, 02 Nov 2026 10:00:00 +0000' \
	"List-Unsubscribe: <https://127.0.0.1:$HARNESS_HTTPS_BUSY_PORT/u>" "$oc"
mail mailto mailto.example 192.0.2.5 'Mon, 02 Nov 2026 10:00:00 +0000' \
	'List-Unsubscribe: <mailto:leave@mailto.example?subject=stop%20now&body=please>'
cp tests/fixtures/analysis/unsub_reply_address.eml "$t/mail/reply.eml"
cp tests/fixtures/analysis/forward_spam_unsub.eml "$t/mail/embedded.eml"
ab import "$t"/mail/*.eml >/dev/null 2>&1
tap_check "the reports are imported" \
	test "$(sqlite3 "$db" 'SELECT count(*) FROM report')" -eq 9

# ---- one-click POST ----
out=$(ab unsubscribe --message "$(id good good.example)" </dev/null 2>&1); rc=$?
tap_check "without a terminal and without --yes it refuses (exit 2)" test "$rc" -eq 2
tap_check "and says to give --yes" grep -q -- '--yes' <<<"$out"
tap_check "and records nothing" \
	test "$(sqlite3 "$db" 'SELECT count(*) FROM unsubscribe_attempt')" -eq 0

out=$(ab unsubscribe --message "$(id good good.example)" --yes 2>&1); rc=$?
tap_check "one-click unsubscribe exits 0" test "$rc" -eq 0
tap_check "and says it was sent, with the server's answer" grep -q 'by post to https://127.0.0.1:.*: sent (HTTP 200)$' <<<"$out"
harness_https_wait_count good 1 5
req="$HARNESS_HTTPS_GOOD_DIR/0001.json"
field()
{
	$PY -c 'import json,sys
r = json.load(open(sys.argv[1]))
v = r
for k in sys.argv[2:]:
    v = v.get(k, "") if isinstance(v, dict) else ""
print(v)' "$@"
}
tap_check "the sink got one POST" test "$(field "$req" method)" = POST
tap_check "to the URL's path" test "$(field "$req" path)" = "/u?id=1"
tap_check "with body List-Unsubscribe=One-Click" \
	test "$(field "$req" body)" = "List-Unsubscribe=One-Click"
tap_check "as a form" \
	test "$(field "$req" headers content-type)" = "application/x-www-form-urlencoded"
tap_check "from the program's User-Agent" \
	grep -q '^abusedesk/' <<<"$(field "$req" headers user-agent)"
tap_check "with no cookie" test -z "$(field "$req" headers cookie)"
tap_check "the attempt's result is its outbox row, sent" \
	test "$(sqlite3 "$db" "SELECT o.kind, o.state FROM unsubscribe_attempt a JOIN outbox o ON o.id = a.outbox_id JOIN reporter r ON r.id = a.reporter_id WHERE r.domain = 'good.example'")" = "post|sent"
tap_check "the reporter is marked as noise" \
	test "$(sqlite3 "$db" "SELECT noise_mode FROM reporter WHERE domain = 'good.example'")" = noise

# ---- still sending ----
day=$(sqlite3 "$db" "SELECT date(created_at, 'unixepoch', 'localtime') FROM unsubscribe_attempt LIMIT 1")
out=$(ab noise list)
tap_check "noise list says how many it sent since: none yet" \
	grep -qE "^good\.example .*still sending: 0 since unsubscribe on $day$" <<<"$out"
mail good2 good.example 192.0.2.1 'Tue, 01 Jan 2030 10:00:00 +0000'
mail good3 good.example 192.0.2.1 'Wed, 02 Jan 2030 10:00:00 +0000'
mail good0 good.example 192.0.2.1 'Sun, 01 Nov 2026 10:00:00 +0000'
ab import "$t"/mail/good2.eml "$t"/mail/good3.eml "$t"/mail/good0.eml >/dev/null 2>&1
out=$(ab noise list)
tap_check "a newer report counts, an older one does not" \
	grep -qE "^good\.example .*still sending: 2 since unsubscribe on $day$" <<<"$out"
tap_check "noise list --json has the attempt and the count" \
	test "$(ab noise list --json | $PY -c 'import json,sys
for r in json.load(sys.stdin):
    if r["reporter"] == "good.example":
        u = r["unsubscribe"]
        print(u["method"], u["state"], u["still_sending"])')" = "post sent 2"

# ---- refused ----
out=$(ab unsubscribe --message "$(id wrong wrong.example)" --yes 2>&1); rc=$?
tap_check "a server with the wrong certificate: exit 1" test "$rc" -eq 1
tap_check "the attempt failed for good" grep -q ': failed: ' <<<"$out"
tap_check "and the server got no request" test "$(harness_https_count wrong)" -eq 0

out=$(ab unsubscribe --message "$(id redir redir.example)" --yes 2>&1); rc=$?
tap_check "a redirect to http: exit 1" test "$rc" -eq 1
tap_check "it says the redirect was not followed" grep -q "not https; not followed" <<<"$out"
tap_check "the https server was asked" test "$(harness_https_count redir)" -eq 1
tap_check "the http address it redirected to was not" \
	test "$(harness_https_count plain)" -eq 0

out=$(ab unsubscribe --message "$(id gone gone.example)" --yes 2>&1); rc=$?
tap_check "a server that answers 404: exit 1" test "$rc" -eq 1
tap_check "failed for good, with the answer" \
	grep -q ': failed (HTTP 404): .*answered HTTP 404$' <<<"$out"

out=$(ab unsubscribe --message "$(id plain plain.example)" --yes 2>&1); rc=$?
tap_check "plain http without --allow-http: exit 2" test "$rc" -eq 2
tap_check "says why" grep -q 'allow-http' <<<"$out"
tap_check "nothing was sent" test "$(harness_https_count plain)" -eq 0
out=$(ab unsubscribe --message "$(id plain plain.example)" --yes --allow-http 2>&1); rc=$?
tap_check "with --allow-http it goes: exit 0" test "$rc" -eq 0
tap_check "the http server got the POST" test "$(harness_https_count plain)" -eq 1

# ---- mail ----
mail_payload()
{
	sqlite3 "$db" "SELECT o.payload FROM unsubscribe_attempt a JOIN outbox o ON o.id = a.outbox_id JOIN reporter r ON r.id = a.reporter_id WHERE r.domain = '$1'" |
		$PY -c 'import json,sys
p = json.load(sys.stdin)
raw = p["raw"]
head = raw.split("\r\n\r\n")[0]
print(" ".join(p["rcpt"]), p["purpose"])
for l in head.split("\r\n"):
    if l.startswith(("To:", "Subject:")):
        print(l)'
}
out=$(ab unsubscribe --message "$(id mailto mailto.example)" --yes 2>&1); rc=$?
tap_check "mailto unsubscribe exits 0" test "$rc" -eq 0
tap_check "and says the mail was sent" grep -q 'by mailto to mailto:leave@mailto.example?subject=stop%20now&body=please: sent$' <<<"$out"
harness_smtp_wait_count 1 5
sink_mail()
{
	$PY -c 'import json,sys,email
meta = json.load(open(sys.argv[1] + ".json"))
m = email.message_from_binary_file(open(sys.argv[1] + ".eml", "rb"))
print(" ".join(meta["rcpt_tos"]), m["To"], m["Subject"], m.get_payload().strip())' "$1"
}
tap_check "the SMTP sink got the mail, to the mailto address, with its subject and body" \
	test "$(sink_mail "$HARNESS_SMTP_DIR/0001")" = "leave@mailto.example leave@mailto.example stop now please"
tap_check "the mail goes to the mailto address with its subject" \
	test "$(mail_payload mailto.example)" = "leave@mailto.example unsubscribe
To: leave@mailto.example
Subject: stop now"
out=$(ab unsubscribe --message "$(id trap-151 trapnet.example)" --yes 2>&1); rc=$?
tap_check "reply-with-REMOVE unsubscribe exits 0" test "$rc" -eq 0
tap_check "and says the mail was sent" grep -q 'by reply to optout@trapnet.example: sent$' <<<"$out"
tap_check "the reply goes to the address the text names, with its word" \
	test "$(mail_payload trapnet.example)" = "optout@trapnet.example unsubscribe
To: optout@trapnet.example
Subject: UNLIST"

harness_smtp_wait_count 2 5
tap_check "the SMTP sink got the reply, to the named address, with REMOVE's word" \
	test "$(sink_mail "$HARNESS_SMTP_DIR/0002")" = "optout@trapnet.example optout@trapnet.example UNLIST UNLIST"

# ---- never the embedded message's ----
before=$(sqlite3 "$db" 'SELECT count(*) FROM unsubscribe_attempt')
out=$(ab unsubscribe --message "$(id fwd-unsub-1 school.example)" --yes 2>&1); rc=$?
tap_check "a forwarded spam's List-Unsubscribe is not used: exit 1" test "$rc" -eq 1
tap_check "it says the report offers no way" grep -q 'no way to unsubscribe' <<<"$out"
tap_check "and records nothing" \
	test "$(sqlite3 "$db" 'SELECT count(*) FROM unsubscribe_attempt')" -eq "$before"

# Last: a row queued again holds back the later ones of its kind.
out=$(ab unsubscribe --message "$(id busy busy.example)" --yes 2>&1); rc=$?
tap_check "a server that answers 503: exit 0, to be tried again" test "$rc" -eq 0
tap_check "queued again, with the answer" \
	grep -q ': queued (HTTP 503): .*answered HTTP 503$' <<<"$out"

out=$(ab unsubscribe 2>&1); rc=$?
tap_check "no --message is a usage error" test "$rc" -eq 2
tap_done
