#!/usr/bin/env bash
# layers.sh: the allowed arrows of DESIGN.md, one by one: a module includes
# headers only of the layers it may use. UI -> actions, store, core, and
# mail only for the sync worker's handle (mail/sync.h); actions -> mail,
# store, core; mail -> store, analysis, core; store -> analysis, core;
# analysis -> core; core -> nothing. The command line (src/*.c) may use
# everything; nothing below it includes cli.h.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

declare -A allowed=(
	[core]="core"
	[analysis]="analysis core"
	[store]="store analysis core"
	[mail]="mail store analysis core"
	[actions]="actions mail store core"
	[ui]="ui actions store core mail/sync.h"
)

# allows DIR HEADER: whether a file of DIR may include HEADER ("x/y.h").
allows()
{
	local w

	for w in ${allowed[$1]}; do
		[ "$w" = "${2%%/*}" ] || [ "$w" = "$2" ] && return 0
	done
	return 1
}

for dir in core analysis store mail actions ui; do
	bad=""
	for f in src/$dir/*.[ch] include/$dir/*.h; do
		[ -f "$f" ] || continue
		while read -r inc; do
			allows "$dir" "$inc" || bad="$bad $f:$inc"
		done < <(sed -n 's/^#include "\(\(core\|analysis\|store\|mail\|actions\|ui\)\/[^"]*\)".*/\1/p' "$f")
		grep -q '^#include "cli.h"' "$f" && bad="$bad $f:cli.h"
	done
	tap_check "src/$dir includes only what DESIGN.md allows it${bad:+:$bad}" test -z "$bad"
done

# The check itself: a UI file that included an analysis header would fail.
probe=$(mktemp -d "${TMPDIR:-/tmp}/layers.XXXXXX")
trap 'rm -rf "$probe"' EXIT
printf '#include "analysis/analyze.h"\n' >"$probe/x.c"
found=$(sed -n 's/^#include "\(\(core\|analysis\|store\|mail\|actions\|ui\)\/[^"]*\)".*/\1/p' "$probe/x.c")
tap_check "the check sees an include of analysis from the UI" \
	eval '! allows ui "$found"'
tap_check "and of a mail header other than the sync worker's" \
	eval '! allows ui mail/import.h'
tap_done
