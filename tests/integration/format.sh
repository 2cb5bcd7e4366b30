#!/usr/bin/env bash
# format.sh: every C file in the repository is as the repository's own
# .clang-format lays it out (`make format` fixes what this finds). One
# clang-format run over all files: it names each file it would change.
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

if ! command -v clang-format >/dev/null; then
	tap_fail "clang-format is installed (scripts/deps.sh brings it)"
	tap_done
fi
mapfile -t files < <(git ls-files '*.c' '*.h' 2>/dev/null ||
	find src include tests bench -name '*.[ch]')
out=$(clang-format --dry-run --Werror "${files[@]}" 2>&1)
rc=$?
bad=$(printf '%s\n' "$out" | sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error:.*/\1/p' |
	sort -u | paste -sd ' ')
tap_check "every C file is formatted${bad:+ (not: $bad)}" test "$rc" -eq 0 -a -z "$bad"
tap_check "clang-format looked at ${#files[@]} files" test "${#files[@]}" -gt 0
tap_done
