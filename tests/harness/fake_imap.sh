# fake_imap.sh: fake_imap.py as a background server.
# harness_fake_imap_start MODE...   (modes: see fake_imap.py) exports
#   HARNESS_FAKE_<MODE>_PORT per mode (upper case, - becomes _), e.g.
#   HARNESS_FAKE_EOF_IN_LITERAL_PORT, plus HARNESS_FAKE_DIR (where
#   MODE.log records the commands each mode received) and HARNESS_FAKE_PID.
# harness_fake_imap_stop

harness_fake_imap_start()
{
	local d mode port

	harness_init || return 1
	if [ -n "${HARNESS_FAKE_PID:-}" ]; then
		harness_log "fake imap is already running"
		return 1
	fi
	d="$HARNESS_DIR/fake-imap"
	mkdir -p "$d" && rm -f "$d/ports" || return 1
	"$HARNESS_PY" "$HARNESS_LIB/fake_imap.py" --dir "$d" \
		--port-file "$d/ports" "$@" >"$d/server.log" 2>&1 &
	export HARNESS_FAKE_PID=$! HARNESS_FAKE_DIR="$d"
	harness_track proc "$HARNESS_FAKE_PID"
	if ! harness_wait_file_match "$d/ports" '.' 10; then
		harness_log "fake imap did not start: $(tail -n 5 "$d/server.log")"
		harness_fake_imap_stop
		return 1
	fi
	while read -r mode port; do
		export "HARNESS_FAKE_$(printf '%s' "$mode" | tr 'a-z-' 'A-Z_')_PORT=$port"
	done <"$d/ports"
}

harness_fake_imap_stop()
{
	[ -n "${HARNESS_FAKE_PID:-}" ] || return 0
	kill -TERM "$HARNESS_FAKE_PID" 2>/dev/null
	harness_wait_gone "$HARNESS_FAKE_PID" 5 ||
		kill -KILL "$HARNESS_FAKE_PID" 2>/dev/null
	wait "$HARNESS_FAKE_PID" 2>/dev/null
	unset HARNESS_FAKE_PID
	return 0
}
