#!/usr/bin/env bash
# layers.sh: the one direction of dependencies (DESIGN.md): a module
# includes only its own layer's headers or lower ones —
# core < analysis < store < mail < actions < ui < the command line.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

declare -A level=([core]=1 [analysis]=2 [store]=3 [mail]=4 [actions]=5 [ui]=6)
for dir in core analysis store mail actions ui; do
	bad=""
	for f in src/$dir/*.[ch] include/$dir/*.h; do
		[ -f "$f" ] || continue
		while read -r inc; do
			[ "${level[$inc]}" -gt "${level[$dir]}" ] && bad="$bad $f:$inc"
		done < <(grep -oE '^#include "(core|analysis|store|mail|actions|ui)/' "$f" |
			sed 's/^#include "//; s/\/$//')
		grep -q '^#include "cli.h"' "$f" && bad="$bad $f:cli.h"
	done
	tap_check "src/$dir includes nothing above it${bad:+:$bad}" test -z "$bad"
done
tap_done
