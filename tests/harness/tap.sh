# tap.sh: TAP-style results for shell tests.
#   tap_ok NAME / tap_fail NAME [WHY]   record one result
#   tap_check NAME CMD...               ok if CMD succeeds (its output is
#                                       shown as # comments when it fails)
#   tap_skip NAME WHY                   counted as ok, marked # SKIP
#   tap_diag TEXT...                    a # comment line
#   tap_done                            prints the plan; exits 1 if any failed
# The top-level runner counts the lines that start with "ok " / "not ok ".

TAP_COUNT=0
TAP_FAILED=0

tap_ok()
{
	TAP_COUNT=$((TAP_COUNT + 1))
	printf 'ok %d - %s\n' "$TAP_COUNT" "$1"
}

tap_fail()
{
	TAP_COUNT=$((TAP_COUNT + 1))
	TAP_FAILED=$((TAP_FAILED + 1))
	printf 'not ok %d - %s\n' "$TAP_COUNT" "$1"
	[ $# -gt 1 ] && tap_diag "$2"
	return 0
}

tap_skip()
{
	TAP_COUNT=$((TAP_COUNT + 1))
	printf 'ok %d - %s # SKIP %s\n' "$TAP_COUNT" "$1" "${2:-}"
}

tap_diag()
{
	printf '%s\n' "$*" | sed 's/^/# /'
}

tap_check()
{
	local name=$1 out

	shift
	if out=$("$@" 2>&1); then
		tap_ok "$name"
	else
		tap_fail "$name"
		[ -n "$out" ] && tap_diag "$out"
	fi
	return 0
}

# Exits: 0 when every result was ok, 1 otherwise (also with no results).
tap_done()
{
	printf '1..%d\n' "$TAP_COUNT"
	if [ "$TAP_FAILED" -gt 0 ]; then
		tap_diag "$TAP_FAILED of $TAP_COUNT failed"
		exit 1
	fi
	[ "$TAP_COUNT" -gt 0 ] || exit 1
	exit 0
}
