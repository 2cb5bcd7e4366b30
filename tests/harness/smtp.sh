# smtp.sh: the SMTP sink (smtp_sink.py) as a background server.
# harness_smtp_start [ARGS...]   ARGS go to smtp_sink.py: --auth USER:PASS,
#   --require-auth, --starttls (uses the harness server certificate),
#   --implicit-tls with --tls-cert/--tls-key (TLS from the first byte),
#   --reject-rcpt ADDR, --data-delay SECONDS (before answering DATA).
#   Exports HARNESS_SMTP_PORT, HARNESS_SMTP_DIR (one
#   NNNN.eml + NNNN.json per message), HARNESS_SMTP_PID, HARNESS_SMTP_LOG.
# harness_smtp_stop
# harness_smtp_wait_count N [SECONDS]   waits until N messages arrived

harness_smtp_start()
{
	local d args=()

	harness_init && harness_certs || return 1
	if [ -n "${HARNESS_SMTP_PID:-}" ]; then
		harness_log "smtp sink is already running"
		return 1
	fi
	d="$HARNESS_DIR/smtp"
	mkdir -p "$d/messages" || return 1
	rm -f "$d/port"
	while [ $# -gt 0 ]; do
		case "$1" in
		--starttls)
			args+=(--tls-cert "$HARNESS_CERTS/server.pem"
				--tls-key "$HARNESS_CERTS/server.key") ;;
		*) args+=("$1") ;;
		esac
		shift
	done
	"$HARNESS_PY" "$HARNESS_LIB/smtp_sink.py" --dir "$d/messages" \
		--port-file "$d/port" "${args[@]}" >"$d/sink.log" 2>&1 &
	export HARNESS_SMTP_PID=$!
	harness_track proc "$HARNESS_SMTP_PID"
	export HARNESS_SMTP_DIR="$d/messages" HARNESS_SMTP_LOG="$d/sink.log"
	# The sink binds port 0 itself and reports the port: no race.
	if ! harness_wait_file_match "$d/port" '^[0-9]+$' 10; then
		harness_log "smtp sink did not start: $(tail -n 5 "$d/sink.log")"
		harness_smtp_stop
		return 1
	fi
	export HARNESS_SMTP_PORT=$(cat "$d/port")
}

harness_smtp_stop()
{
	[ -n "${HARNESS_SMTP_PID:-}" ] || return 0
	kill -TERM "$HARNESS_SMTP_PID" 2>/dev/null
	harness_wait_gone "$HARNESS_SMTP_PID" 5 ||
		kill -KILL "$HARNESS_SMTP_PID" 2>/dev/null
	wait "$HARNESS_SMTP_PID" 2>/dev/null
	unset HARNESS_SMTP_PID HARNESS_SMTP_PORT
	return 0
}

harness_smtp_count()
{
	local n=0 f

	for f in "$HARNESS_SMTP_DIR"/*.eml; do
		[ -e "$f" ] && n=$((n + 1))
	done
	printf '%d' "$n"
}

harness_smtp_wait_count()
{
	local want=$1 tries=$((${2:-5} * 20))

	while [ "$(harness_smtp_count)" -lt "$want" ]; do
		tries=$((tries - 1))
		[ "$tries" -le 0 ] && return 1
		sleep 0.05
	done
	return 0
}
