#!/usr/bin/env bash
# format.sh: every C file in the repository is as the repository's own
# .clang-format lays it out (`make format` fixes what this finds).
set -u
cd "$(dirname "$0")/../.."
. tests/harness/tap.sh

if ! command -v clang-format >/dev/null; then
	tap_fail "clang-format is installed (scripts/deps.sh brings it)"
	tap_done
fi
bad=""
while IFS= read -r f; do
	clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad="$bad $f"
done < <(git ls-files '*.c' '*.h' 2>/dev/null || find src include tests bench -name '*.[ch]')
tap_check "every C file is formatted${bad:+ (not:$bad)}" test -z "$bad"
tap_done
