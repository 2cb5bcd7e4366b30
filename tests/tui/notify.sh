#!/usr/bin/env bash
# notify.sh: c tells the customer of a group's IP about its newest report
# the way r replies: the customer-notification draft opens in $EDITOR
# (here a script standing in for the operator) on a 0600 file, without the
# password variables in the editor's environment, then the confirm screen:
# q sends nothing, t starts over from another template, e edits again, y
# queues what was saved and the sync worker's flush sends it to the
# harness SMTP sink, To the contact of the [customers] file, From us
# whatever From the draft was given, without the reporter; an unchanged
# draft asks to abort; an IP without a customer says so.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/harness.sh
. tests/harness/tap.sh

bin=${ABUSEDESK_BUILD:-build}/abusedesk
harness_init
harness_dovecot_start
harness_smtp_start --starttls --auth "$HARNESS_USER:smtp-secret" --require-auth
harness_user_home
mkdir -p "$XDG_CONFIG_HOME/abusedesk/templates" "$HARNESS_DIR/tmp"
cfg=$HARNESS_DIR/abusedesk.conf
db=$HARNESS_DIR/cache.db
csv=$HARNESS_DIR/customers.csv
{
	harness_conf_imap
	harness_conf_smtp
	cat <<CFG
[networks]
own = 192.0.2.0/24, 198.51.100.0/24, 2001:db8:100::/48

[customers]
file = $csv

[identity]
name = Example Abuse Desk
email = abuse@example.net
CFG
} >"$cfg"
printf '192.0.2.16/28,Kowalski Dental,it@kowalski.example,C-7\n' >"$csv"
cat >"$XDG_CONFIG_HOME/abusedesk/templates/customer-short.txt" <<'TPL'
Subject: Your address {ip}

Dear {customer}, one of your hosts was reported: {problem}
TPL
editor=$HARNESS_DIR/editor.sh
cat >"$editor" <<'ED'
#!/bin/sh
# Stands in for the operator: notes the file's mode and whether a password
# reached it, then (unless a file "noedit" is beside it) gives the draft a
# From of its own, rewrites the short template's subject and adds
# "Edit N." for its N-th run.
d=$(dirname "$0")
[ -n "${ABUSEDESK_PASSWORD+x}${ABUSEDESK_SMTP_PASSWORD+x}" ] && touch "$d/saw-password"
stat -c %a "$1" >"$d/mode"
[ -e "$d/noedit" ] && exit 0
n=$(($(cat "$d/runs" 2>/dev/null || echo 0) + 1))
echo "$n" >"$d/runs"
sed -i -e '1a From: mallory@example.com' \
	-e 's/^Subject: Your address/Subject: Please act: your address/' "$1"
printf 'Edit %s.\n' "$n" >>"$1"
ED
chmod +x "$editor"
"$bin" --config "$cfg" --db "$db" import demo/demo.mbox 2>/dev/null
rows() { sqlite3 "$db" "SELECT count(*) FROM outbox WHERE kind = 'mail'"; }
on_screen() { grep -qF -- "$1" <<<"$(harness_tmux_capture ui)"; }

harness_tmux_start ui 100 50 env LANG=C.UTF-8 EDITOR="$editor" VISUAL= \
	TMPDIR="$HARNESS_DIR/tmp" ABUSEDESK_PASSWORD="$HARNESS_PASS" \
	ABUSEDESK_SMTP_PASSWORD=smtp-secret \
	"$bin" --config "$cfg" --db "$db"
tap_check "the screen starts and syncs" \
	harness_tmux_wait_for ui "idle since" 20

harness_tmux_keys ui c
harness_tmux_wait_for ui "y send, e edit" 10 >/dev/null
tap_check "c opens the editor first, then the confirm screen" \
	eval 'on_screen "Edit 1." && on_screen "y send, e edit, t template, q cancel"'
tap_check "the notification goes To the customer's contact" \
	on_screen "To: it@kowalski.example"
tap_check "addressed to the customer by name, with the evidence" \
	eval 'on_screen "Hello Kowalski Dental," && on_screen "The evidence in the report:"'
tap_check "titled as a notification" \
	on_screen "Customer notification about report"
tap_check "the draft file was mode 0600" test "$(cat "$HARNESS_DIR/mode")" = 600
tap_check "the editor saw no password variable" \
	test ! -e "$HARNESS_DIR/saw-password"
harness_tmux_keys ui q
tap_check "q cancels" harness_tmux_wait_for ui "notification not sent" 5
tap_check "and queues nothing" test "$(rows)" = 0

harness_tmux_keys ui c
harness_tmux_wait_for ui "Edit 2." 10 >/dev/null
harness_tmux_keys ui t
tap_check "t lists the templates" \
	harness_tmux_wait_for ui "Template: customer-short" 5
harness_tmux_type ui "customer-short"
harness_tmux_keys ui Enter
harness_tmux_wait_for ui "(template customer-short)" 10 >/dev/null
tap_check "another template starts over, through the editor again" \
	eval 'on_screen "Dear Kowalski Dental, one of your hosts" &&
		on_screen "Edit 3." && ! on_screen "Edit 2."'
harness_tmux_keys ui e
harness_tmux_wait_for ui "Edit 4." 10 >/dev/null
tap_check "e edits the draft again, keeping the first edit" \
	eval 'on_screen "Edit 3." && on_screen "Edit 4." &&
		on_screen "Subject: Please act: your address 192.0.2.23"'
harness_tmux_keys ui y
tap_check "y queues it" harness_tmux_wait_for ui "notification queued" 5
tap_check "the flush sends it to the SMTP sink" harness_smtp_wait_count 1 20
eml=$HARNESS_SMTP_DIR/0001.eml
tap_check "the mail is what the operator saved" \
	eval 'tr -d "\r" <"$eml" | grep -qx "Edit 3\." &&
		tr -d "\r" <"$eml" | grep -qx "Edit 4\." &&
		grep -q "^Subject: Please act: your address 192.0.2.23" "$eml"'
tap_check "to the customer's contact" \
	grep -q '"rcpt_tos": \["it@kowalski.example"\]' "$HARNESS_SMTP_DIR/0001.json"
tap_check "From us, not the From the draft was given" \
	eval 'grep -q "^From: Example Abuse Desk <abuse@example.net>" "$eml" &&
		! grep -q mallory "$eml"'
tap_check "without the reporter, no thread, no report answered" \
	eval '! grep -qiE "blockwatch|kowalski-dental.example|^In-Reply-To" "$eml" &&
		test "$(sqlite3 "$db" "SELECT count(*) FROM outbox WHERE payload LIKE '"'"'%\"answered\"%'"'"'")" = 0'
tap_check "the draft files are removed" \
	test -z "$(ls -A "$HARNESS_DIR/tmp")"

touch "$HARNESS_DIR/noedit"
harness_tmux_keys ui c
tap_check "a draft left as it was asks to abort" \
	harness_tmux_wait_for ui "Abort unmodified message? (y/n)" 10
harness_tmux_keys ui y
harness_tmux_wait_for ui "notification not sent" 5 >/dev/null
rm -f "$HARNESS_DIR/noedit"
harness_tmux_keys ui j c
tap_check "an IP no prefix holds has no customer to tell" \
	harness_tmux_wait_for ui "no customer holds 192.0.2.160 in the customers file" 5

harness_tmux_keys ui Q
for _ in $(seq 100); do
	harness_tmux_exited ui >/dev/null && break
	sleep 0.1
done
# Under ASan a leak makes the status non-zero.
tap_check "the screen quits with status 0" \
	test "$(harness_tmux_exited ui)" = 0
got="$(sqlite3 "$db" "SELECT state || ' ' || step FROM outbox WHERE kind = 'mail'") / $(harness_smtp_count)"
tap_check "one mail row, the one confirmed, sent and filed; one mail at the sink (got: $got)" \
	test "$got" = "sent filed / 1"
tap_done
