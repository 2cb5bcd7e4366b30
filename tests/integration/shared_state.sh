#!/usr/bin/env bash
# shared_state.sh: decisions shared through the IMAP keywords, on the real
# binary against a harness Dovecot. Two caches on one mailbox: what cache A
# resolves, ignores or reopens reaches the server's messages with its
# `abusedesk sync` and cache B's state with its own. With the server down
# the keyword row waits (its attempt and error kept) and goes once the
# server is back; `abusedesk outbox` lists, retries and drops rows; and a
# sync killed at random moments of its flush (keyword rows, then replies
# sent to a real SMTP sink and filed in Sent) loses no row and sends
# nothing twice but what SMTP cannot help (see send_mail.c).
set -u
cd "$(dirname "$0")/../.."
. tests/harness/harness.sh

BIN=$PWD/${ABUSEDESK_BUILD:-build}/abusedesk
PY=/usr/bin/python3
if [ ! -x "$BIN" ]; then
	tap_fail "binary $BIN exists"
	tap_done
fi
harness_init || exit 1
harness_certs || exit 1
harness_dovecot_start || harness_dovecot_start || exit 1
T=$HARNESS_DIR
# Three reports about 10.1.1.1, two about 10.1.1.2.
for i in 1 2 3 4 5; do
	ip=10.1.1.$((i <= 3 ? 1 : 2))
	printf 'From: abuse@reporter%d.example\nTo: abuse@isp.example\nSubject: spam from %s (%d)\nMessage-ID: <shared-%d@reporter.example>\n\nSpam came from %s today.\n' \
		"$i" "$ip" "$i" "$i" "$ip" >"$T/m$i"
	harness_deliver "$HARNESS_USER" "$T/m$i" || exit 1
done
# config [MAILBOXES]
config()
{
	printf '[imap]\nhost = %s\nport = %s\nuser = %s\nca_file = %s\nmailboxes = %s\n[networks]\nown = 10.1.1.0/24\n' \
		"$HARNESS_HOST" "$HARNESS_IMAPS_PORT" "$HARNESS_USER" \
		"$HARNESS_CA" "${1:-INBOX}" >"$T/config"
	chmod 600 "$T/config"
}
config
export ABUSEDESK_PASSWORD=$HARNESS_PASS

# run NAME CACHE ARGS...: the binary on cache A or B, output kept.
run()
{
	local name=$1 db=$2

	shift 2
	"$BIN" --config "$T/config" --db "$T/$db.db" "$@" >"$T/$name.out" \
		2>"$T/$name.err" </dev/null
	echo $? >"$T/$name.rc"
}
is()
{
	[ "$(cat "$T/$1.rc")" = "$2" ] || {
		echo "exit status $(cat "$T/$1.rc"), wanted $2"
		cat "$T/$1.out" "$T/$1.err"
		false
	}
}
has()
{
	grep -qE -- "$3" "$T/$1.$2" || {
		echo "$1.$2 lacks: $3"
		cat "$T/$1.$2"
		false
	}
}
sql() { sqlite3 "$T/$1.db" "$2"; }
# flags_of IP: the server's flags of the messages about IP, one line each.
flags_of()
{
	harness_doveadm fetch -u "$HARNESS_USER" 'flags' mailbox INBOX \
		TEXT "$1" 2>/dev/null | sed -n 's/^flags: *//p'
}
# every_has IP KEYWORD / none_has IP KEYWORD
every_has()
{
	local f n
	f=$(flags_of "$1")
	n=$(printf '%s\n' "$f" | grep -c -- "$2")
	[ "$n" = "$3" ] || {
		echo "messages about $1 with $2: $n, wanted $3; flags:"
		printf '%s\n' "$f"
		false
	}
}
# state_in CACHE IP STATE: `list --all --json` of the cache says so.
state_in()
{
	"$BIN" --config "$T/config" --db "$T/$1.db" list --all --json |
		"$PY" -c '
import json, sys
ip, want = sys.argv[1], sys.argv[2]
got = [r["state"] for r in json.load(sys.stdin) if r.get("ip") == ip]
assert got == [want], (ip, got, want)' "$2" "$3"
}

run syncA A sync
run syncB B sync
tap_check "both caches sync the five messages" \
	test "$(sql A 'SELECT count(*) FROM message')$(sql B 'SELECT count(*) FROM message')" = 55

# ---- (a) two caches on one mailbox ----
run res A resolve 10.1.1.1 --note "blocked the customer"
tap_check "resolve IP exits 0 and says so" has res out '^10\.1\.1\.1 resolved$'
tap_check "one keyword row waits in the outbox" \
	test "$(sql A "SELECT count(*) FROM outbox WHERE state = 'queued' AND kind = 'keyword'")" = 1
tap_check "its payload lists the three messages of the group" \
	test "$(sql A "SELECT json_array_length(payload, '\$.messages') FROM outbox")" = 3
run flush A sync
tap_check "abusedesk sync sends it (exit 0)" is flush 0
tap_check "and says so" has flush out '^outbox: 1 sent, 0 to retry, 0 failed$'
tap_check "the row is sent, with its time" \
	test "$(sql A "SELECT state, sent_at > 0 FROM outbox")" = "sent|1"
tap_check "the server's three messages about the IP carry \$AbuseResolved" \
	every_has 10.1.1.1 '\$AbuseResolved' 3
tap_check "the other IP's do not" every_has 10.1.1.2 '\$Abuse' 0
run syncB2 B sync
tap_check "cache B syncs" is syncB2 0
tap_check "and lists the IP resolved" state_in B 10.1.1.1 resolved

run ign A ignore 10.1.1.1
run flush2 A sync
tap_check "ignore: the server's messages carry \$AbuseIgnored" \
	every_has 10.1.1.1 '\$AbuseIgnored' 3
tap_check "and \$AbuseResolved is taken away" \
	every_has 10.1.1.1 '\$AbuseResolved' 0
run syncB3 B sync
tap_check "cache B lists the IP ignored" state_in B 10.1.1.1 ignored

run reo A reopen 10.1.1.1
run flush3 A sync
tap_check "reopen takes both keywords away" every_has 10.1.1.1 '\$Abuse' 0
run syncB4 B sync
tap_check "cache B lists the IP open again" state_in B 10.1.1.1 open

mid=$(sql A "SELECT id FROM message WHERE subject LIKE '%(4)'")
run one A resolve --message "$mid"
tap_check "resolve --message ID decides one report" has one out "^report $mid resolved$"
run flush4 A sync
tap_check "only that report's message carries the keyword" \
	every_has 10.1.1.2 '\$AbuseResolved' 1
run badid A resolve --message 99999
tap_check "an unknown message id exits 1" is badid 1
run usage A resolve
tap_check "no target is a usage error (exit 2)" is usage 2
run both A resolve 10.1.1.1 --message 1
tap_check "IP and --message together are a usage error" is both 2

# ---- (b) the server down: the row waits, keeps its attempt ----
harness_dovecot_stop
run down A ignore 10.1.1.2
run sdown A sync
tap_check "with the server down abusedesk sync exits 1" is sdown 1
tap_check "and says why" has sdown err '^abusedesk: sync: '
row=$(sql A "SELECT max(id) FROM outbox")
tap_check "the row stays queued with one attempt and the error" \
	test "$(sql A "SELECT state, attempts, last_error <> '' FROM outbox WHERE id = $row")" = "queued|1|1"
run ldown A outbox list
tap_check "outbox list shows it queued, the IP it concerns, its error" \
	has ldown out "^$row	keyword	queued	1 attempts	ip 10\.1\.1\.2	."
harness_dovecot_start || harness_dovecot_start || exit 1
config
run sup A sync
tap_check "with the server back abusedesk sync exits 0" is sup 0
tap_check "and sends the row once" has sup out '^outbox: 1 sent, 0 to retry, 0 failed$'
tap_check "the row is sent, its one failed attempt counted" \
	test "$(sql A "SELECT state, attempts FROM outbox WHERE id = $row")" = "sent|1"
tap_check "the messages carry \$AbuseIgnored" every_has 10.1.1.2 '\$AbuseIgnored' 2

# ---- (e) outbox list, retry, drop ----
sql A "INSERT INTO outbox(kind, payload, created_at) VALUES('nosuchkind', '{}', 1)"
bad=$(sql A "SELECT max(id) FROM outbox")
run sbad A sync
tap_check "a row no handler knows fails for good (sync exits 1)" is sbad 1
tap_check "its error names the kind" has sbad err "nosuchkind"
tap_check "it is 'failed'" \
	test "$(sql A "SELECT state FROM outbox WHERE id = $bad")" = failed
run lj A outbox list --json
tap_check "outbox list --json shows it with its error" "$PY" -c '
import json, sys
rows = json.load(open(sys.argv[1]))
r = [r for r in rows if r["id"] == int(sys.argv[2])][0]
assert r["state"] == "failed" and "nosuchkind" in r["last_error"], r
assert all(x["state"] != "sent" for x in rows), rows' "$T/lj.out" "$bad"
run la A outbox list --all --json
tap_check "--all lists the sent rows too" "$PY" -c '
import json, sys
assert any(r["state"] == "sent" for r in json.load(open(sys.argv[1])))' "$T/la.out"
run retry A outbox retry "$bad"
tap_check "outbox retry ID queues it again" \
	test "$(sql A "SELECT state, next_attempt_at FROM outbox WHERE id = $bad")" = "queued|0"
run drop A outbox drop "$bad"
tap_check "outbox drop ID deletes it" \
	test "$(sql A "SELECT count(*) FROM outbox WHERE id = $bad")" = 0
run drop2 A outbox drop "$bad"
tap_check "dropping it again exits 1" is drop2 1
run dropx A outbox drop x
tap_check "a row id that is no number is a usage error" is dropx 2

# ---- a mailbox whose UIDVALIDITY changed: the keyword fails for good ----
harness_doveadm mailbox create -u "$HARNESS_USER" Other
harness_deliver "$HARNESS_USER" "$T/m1" Other || exit 1
config "INBOX, Other"
run sother A sync
other=$(sql A "SELECT m.id FROM message m JOIN mailbox b ON b.id = m.mailbox_id WHERE b.name = 'Other'")
tap_check "the cache holds the message of the second mailbox" test -n "$other"
# The mailbox made anew gets a new UIDVALIDITY; the cache, which no longer
# syncs it, still has the old one.
harness_doveadm mailbox delete -u "$HARNESS_USER" Other
harness_doveadm mailbox create -u "$HARNESS_USER" Other
harness_deliver "$HARNESS_USER" "$T/m1" Other || exit 1
config
run stale A resolve --message "$other"
run sstale A sync
stale=$(sql A "SELECT max(id) FROM outbox")
tap_check "a keyword on a mailbox whose UIDVALIDITY changed fails (exit 1)" is sstale 1
tap_check "with an error that says so" has sstale err 'UIDVALIDITY changed'
tap_check "the row is failed, not retried" \
	test "$(sql A "SELECT state FROM outbox WHERE id = $stale")" = failed
run dstale A outbox drop "$stale"

# ---- (c) kill -9 at random moments of a flush ----
# FAULT_KILLS runs in all (default 20): half of them flush keyword rows,
# half mail rows; `make faults` asks for more.
kills_all=${FAULT_KILLS:-20}
keyword_runs=$(((kills_all + 1) / 2))
mail_runs=$((kills_all / 2))
sent_count()
{
	local n
	n=$(sqlite3 -cmd '.timeout 2000' "$T/A.db" \
		"SELECT count(*) FROM outbox WHERE state = 'sent'" 2>/dev/null)
	echo "${n:-0}"
}
# kill_when PID CONDITION...: kill -9 PID once CONDITION fails (or when the
# run ended first); counts the runs killed before they ended.
kills=0
kill_when()
{
	local pid=$1 end=$((SECONDS + 30))

	shift
	while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$end" ] &&
		"$@"; do
		:
	done
	kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
	wait "$pid" 2>/dev/null
}
below() { [ "$($1)" -lt "$2" ]; }
ids=($(sql A "SELECT m.id FROM message m JOIN mailbox b ON b.id = m.mailbox_id WHERE b.name = 'INBOX' ORDER BY m.id"))
states=(resolve ignore reopen)
declare -A last
decisions=0
for round in $(seq 1 "$keyword_runs"); do
	for n in $(seq 1 12); do
		m=${ids[$((RANDOM % ${#ids[@]}))]}
		v=${states[$((RANDOM % 3))]}
		"$BIN" --config "$T/config" --db "$T/A.db" "$v" --message "$m" \
			>/dev/null 2>&1 </dev/null || echo "decision failed"
		last[$m]=$v
		decisions=$((decisions + 1))
	done
	before=$(sql A "SELECT count(*) FROM outbox WHERE state = 'sent'")
	"$BIN" --config "$T/config" --db "$T/A.db" sync >/dev/null 2>&1 \
		</dev/null &
	# The kill comes once the flush has sent a random number of rows.
	kill_when $! below sent_count $((before + RANDOM % 12))
done
echo "# $kills of $keyword_runs keyword runs killed before they ended"
total=$(sql A "SELECT count(*) FROM outbox")
run clean A sync
tap_check "after the kills a clean sync exits 0" is clean 0
tap_check "every row is sent, none lost ($total rows)" \
	test "$(sql A "SELECT count(*) FROM outbox WHERE state = 'sent'")" = "$total"
tap_check "$decisions decisions and the ones before are all there" \
	test "$total" -ge $((decisions + 5))
keywords_match()
{
	local m uid f bad=0
	for m in "${!last[@]}"; do
		uid=$(sql A "SELECT uid FROM message WHERE id = $m")
		f=$(harness_doveadm fetch -u "$HARNESS_USER" flags mailbox INBOX \
			uid "$uid" | sed -n 's/^flags: *//p')
		case "${last[$m]}" in
		resolve) [[ $f == *'$AbuseResolved'* && $f != *'$AbuseIgnored'* ]] ;;
		ignore) [[ $f == *'$AbuseIgnored'* && $f != *'$AbuseResolved'* ]] ;;
		reopen) [[ $f != *'$Abuse'* ]] ;;
		esac || {
			echo "message $m (uid $uid): ${last[$m]}, flags: $f"
			bad=1
		}
	done
	return $bad
}
tap_check "each message carries the keywords of its last decision" keywords_match

# ---- (d) kill -9 at random moments of a flush of mail rows ----
# Replies queued while the SMTP server cannot be reached (config.queue names
# a closed port), then sent by `abusedesk sync` to the SMTP sink and filed
# in Sent, killed at a random moment: half the runs just after the sink
# stored a message (before the program heard its answer), half after a
# random number of the rows' recorded steps.
# The sink answers DATA 0.3 s after it kept the message, so that a kill just
# after it kept one lands before the program heard the answer.
harness_smtp_start --starttls --auth "$HARNESS_USER:smtp-secret" \
	--require-auth --data-delay 0.3 || exit 1
export ABUSEDESK_SMTP_PASSWORD=smtp-secret
mailcfg()
{
	cat "$T/config"
	printf '[identity]\nemail = abuse@isp.example\n'
	printf '[smtp]\nhost = %s\nport = %s\ntls = starttls\nca_file = %s\n' \
		"$HARNESS_HOST" "$1" "$HARNESS_CA"
}
mailcfg "$HARNESS_SMTP_PORT" >"$T/config.mail"
mailcfg 1 >"$T/config.queue"
chmod 600 "$T/config.mail" "$T/config.queue"
sink_count() { harness_smtp_count; }
steps_count()
{
	local n
	n=$(sqlite3 -cmd '.timeout 2000' "$T/A.db" \
		"SELECT coalesce(sum((step <> '') + (step = 'filed') + (state = 'sent')), 0) FROM outbox WHERE kind = 'mail'" 2>/dev/null)
	echo "${n:-0}"
}
# mail_state snap|hits|check: the sink's copies of each mail row's
# Message-ID. hits: after a kill, the rows left unsent at step "" whose
# copy reached the sink during that run (the window SMTP leaves open, in
# which a restart sends again) are written down; check: each row is sent,
# with one copy in the sink plus one per such kill, and one in Sent.
mail_state()
{
	"$PY" - "$1" "$T/A.db" "$HARNESS_SMTP_DIR" "$T/mail.snap" \
		"$T/mail.hits" "$T/sent.ids" <<'PY'
import collections, glob, json, re, sqlite3, sys
mode, db, sink, snap, hits, sent = sys.argv[1:7]
def copies():
    c = collections.Counter()
    for f in glob.glob(sink + "/*.eml"):
        m = re.search(rb"^Message-ID: (<[^>]+>)", open(f, "rb").read(),
                      re.M | re.I)
        c[m.group(1).decode() if m else None] += 1
    return c
con = sqlite3.connect(db, timeout=5)
rows = con.execute("SELECT json_extract(payload, '$.message_id'), state,"
                   " step FROM outbox WHERE kind = 'mail'").fetchall()
now = copies()
if mode == "snap":
    json.dump(now, open(snap, "w"))
elif mode == "hits":
    was = json.load(open(snap))
    with open(hits, "a") as f:
        for mid, state, step in rows:
            if state == "sending" and step == "" and now[mid] > was.get(mid, 0):
                f.write(mid + "\n")
else:
    hit = collections.Counter(open(hits).read().split())
    filed = collections.Counter(open(sent).read().split())
    bad = [(mid, state, now[mid], 1 + hit[mid], filed[mid])
           for mid, state, step in rows
           if state != "sent" or now[mid] != 1 + hit[mid] or filed[mid] != 1]
    extra = set(now) - {r[0] for r in rows}
    print("# %d mail rows, %d sent again after a kill in the SMTP window"
          % (len(rows), sum(hit.values())))
    assert not bad and not extra, (bad, extra)
PY
}
# The sink is done with what the killed run gave it: no connection left.
sink_settled()
{
	local tries=200
	while [ -n "$(ss -Htn "( sport = :$HARNESS_SMTP_PORT )")" ]; do
		tries=$((tries - 1))
		[ "$tries" -le 0 ] && return 1
		sleep 0.05
	done
}
: >"$T/mail.hits"
mails=0 kills=0
for round in $(seq 1 "$mail_runs"); do
	for n in 1 2 3; do
		m=${ids[$((RANDOM % ${#ids[@]}))]}
		"$BIN" --config "$T/config.queue" --db "$T/A.db" reply \
			--message "$m" --send >/dev/null 2>&1 </dev/null
		mails=$((mails + 1))
	done
	if [ "$round" = 1 ]; then
		run lmail A outbox list
		tap_check "outbox list shows a queued reply with its report's id" \
			has lmail out "^[0-9]+	mail	queued	1 attempts	message $m	"
	fi
	mail_state snap
	"$BIN" --config "$T/config.mail" --db "$T/A.db" sync >/dev/null 2>&1 \
		</dev/null &
	if [ $((round % 2)) = 1 ]; then
		kill_when $! below sink_count $(($(sink_count) + 1 + RANDOM % 3))
	else
		kill_when $! below steps_count $(($(steps_count) + RANDOM % 9))
	fi
	sink_settled || echo "# the SMTP sink still has a connection"
	mail_state hits
done
echo "# $kills of $mail_runs mail runs killed before they ended," \
	"$(wc -l <"$T/mail.hits") in the window after the sink took a reply"
"$BIN" --config "$T/config.mail" --db "$T/A.db" sync >"$T/mclean.out" \
	2>"$T/mclean.err" </dev/null
echo $? >"$T/mclean.rc"
tap_check "after the kills a clean sync sends the rest (exit 0)" is mclean 0
harness_doveadm fetch -u "$HARNESS_USER" hdr.message-id mailbox Sent |
	sed -n 's/^hdr.message-id: *//p' >"$T/sent.ids"
tap_check "each of the $mails replies reached the sink once (twice only after a kill between the sink's answer and the cache's record) and is in Sent once" \
	mail_state check
tap_done
