#!/usr/bin/env bash
# sort.sh: the order of the group list on the real binary in tmux — by
# urgency a phishing report's group is above a newer spam run's, the
# header names the order, the sort key asks which order (one key, Esc
# cancels) and the choice takes effect, [ui] sort picks the first order,
# and the urgency column fits 80 columns. Invented reports, documentation
# addresses.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh
. tests/tui/tmux_lib.bash

TMP=$(mktemp -d "${TMPDIR:-/tmp}/tui_sort.XXXXXX") || exit 1
trap 'tui_stop; rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/config XDG_DATA_HOME=$TMP/data
mkdir -p "$HOME" "$XDG_CONFIG_HOME/abusedesk" "$XDG_DATA_HOME"
umask 077
CONF=$TMP/sort.conf
DB=$TMP/sort.db
printf '[networks]\nown = 192.0.2.0/24\n' >"$CONF"

if ! command -v tmux >/dev/null || [ ! -x "$TUI_BIN" ]; then
	tap_fail "tmux and $TUI_BIN are there"
	tap_done
fi

PHISH=192.0.2.10
SPAM=192.0.2.20
cat >"$TMP/phish.eml" <<MAIL
From: Brand Watch <abuse-desk@bank-watch.example.org>
To: abuse@isp.example
Subject: Phishing site on $PHISH
Date: Tue, 01 Dec 2026 09:00:00 +0000
Message-ID: <sort-phish@bank-watch.example.org>

The host $PHISH serves a phishing site that imitates the login page of
a bank: http://$PHISH/secure/login.php

Please take down the phishing page.
MAIL
# A spam run told three times, days after the phishing: newer and more.
n=0
for dom in example.net example.com example.edu; do
	n=$((n + 1))
	cat >"$TMP/spam$n.eml" <<MAIL
From: Mail Desk <postmaster@mail.$dom>
To: abuse@isp.example
Subject: Spam from $SPAM
Date: Thu, 03 Dec 2026 1$n:00:00 +0000
Message-ID: <sort-spam-$n@mail.$dom>

We received unsolicited bulk email (spam) sent from $SPAM to our
users. Please stop the spam run from this host.
MAIL
done
"$TUI_BIN" --config "$CONF" --db "$DB" import "$TMP"/*.eml >/dev/null 2>&1

# line_of IP: the screen line of IP's group row (0 when there is none).
line_of()
{
	tui_screen | sed '$d' | grep -nE "^ ?$(printf '%s' "$1" | sed 's/\./\\./g') " |
		head -n 1 | cut -d: -f1 | grep . || echo 0
}

# above A B: the group of A is listed above the group of B.
above()
{
	local a b

	a=$(line_of "$1")
	b=$(line_of "$2")
	[ "$a" -gt 0 ] && [ "$b" -gt 0 ] && [ "$a" -lt "$b" ] && return 0
	echo "$1 (line $a) is not above $2 (line $b)"
	tui_screen
	return 1
}

# title_has TEXT: the first line (the header) says TEXT.
title_has()
{
	tui_screen | head -n 1 | grep -qF -- "$1" && return 0
	echo "the header does not say: $1"
	tui_screen | head -n 1
	return 1
}

# mark_is IP RE: the urgency column of IP's row (after IP and count).
mark_is()
{
	tui_screen | grep -E "^ ?$(printf '%s' "$1" | sed 's/\./\\./g') +[0-9]+ $2 " >/dev/null &&
		return 0
	echo "the row of $1 does not show the mark '$2'"
	tui_screen
	return 1
}

narrower_than()
{
	tui_screen | awk -v max="$1" 'length($0) >= max { bad = 1 } END { exit bad }' &&
		return 0
	echo "a line is $1 columns or wider"
	tui_screen
	return 1
}

tui_start 100 30 --config "$CONF" --db "$DB"
tui_wait "IP groups" || tui_screen
tap_check "the header names the order: urgency by default" \
	title_has "sorted by urgency"
tap_check "by urgency the phishing group is above the newer spam run" \
	above "$PHISH" "$SPAM"
tap_check "the phishing group shows its harm, raised: a person wrote it" \
	mark_is "$PHISH" '7\+'
tap_check "the spam run shows its harm, raised" mark_is "$SPAM" '3\+'

tui_keys o
tap_check "o asks which order" tui_has "Sort by (u)rgency, (r)ecent, (c)ount?"
tui_keys x
tap_check "a key that is no answer leaves the question up" \
	tui_has "Sort by (u)rgency"
tui_keys c
tap_check "c sorts by count" title_has "sorted by count"
tap_check "and the question is gone" tui_lacks "Sort by (u)rgency"
tap_check "by count the spam run's three reports come first" \
	above "$SPAM" "$PHISH"

tui_keys o
tui_keys Escape
tap_check "Esc cancels the question" tui_lacks "Sort by (u)rgency"
tap_check "and keeps the order" title_has "sorted by count"
tui_keys o C-g
tap_check "so does ^G" title_has "sorted by count"

tui_keys o r
tap_check "r sorts by recent activity" title_has "sorted by recent"
tap_check "by recent activity the newer spam run comes first" \
	above "$SPAM" "$PHISH"
tui_keys o U
tap_check "an answer in capitals counts (U: urgency)" \
	title_has "sorted by urgency"
tap_check "back by urgency, phishing is first again" above "$PHISH" "$SPAM"

tui_tmux resize-window -x 80 -y 24 && tui_settle
tap_check "at 80 columns the urgency column still shows" \
	mark_is "$PHISH" '7\+'
tap_check "at 80 columns no line is wider than 80" narrower_than 81
tui_keys Q
tap_check "Q quits with status 0" tui_wait "exit status 0"
tui_stop

printf '[networks]\nown = 192.0.2.0/24\n[ui]\nsort = count\n' >"$CONF"
tui_start 100 30 --config "$CONF" --db "$DB"
tui_wait "IP groups" || tui_screen
tap_check "[ui] sort = count is the first order" title_has "sorted by count"
tap_check "and the list follows it" above "$SPAM" "$PHISH"
tui_stop

tap_done
