# https.sh: the HTTP(S) sink (https_sink.py) as background servers, by name.
# harness_https_start NAME [--cert server|wrong|self|plain] [ARGS...]
#   ARGS go to https_sink.py (--status N, --redirect URL). The certificate
#   is one of the harness's (default server, CA-signed for localhost and
#   127.0.0.1); plain serves http. Exports, with NAME upper-cased,
#   HARNESS_HTTPS_<NAME>_PORT, _DIR (one NNNN.json per request: method,
#   path, headers, body), _PID.
# harness_https_stop NAME
# harness_https_count NAME   how many requests arrived
# harness_https_wait_count NAME N [SECONDS]

harness_https_var()
{
	printf 'HARNESS_HTTPS_%s_%s' "$(printf '%s' "$1" | tr 'a-z-' 'A-Z_')" "$2"
}

harness_https_start()
{
	local name=$1 cert=server d args=() pid
	shift

	harness_init && harness_certs || return 1
	while [ $# -gt 0 ]; do
		case "$1" in
		--cert) cert=$2; shift ;;
		*) args+=("$1") ;;
		esac
		shift
	done
	if [ "$cert" != plain ]; then
		args+=(--cert "$HARNESS_CERTS/$cert.pem"
			--key "$HARNESS_CERTS/$cert.key")
	fi
	d="$HARNESS_DIR/https-$name"
	mkdir -p "$d/requests" || return 1
	rm -f "$d/port"
	"$HARNESS_PY" "$HARNESS_LIB/https_sink.py" --dir "$d/requests" \
		--port-file "$d/port" "${args[@]}" >"$d/sink.log" 2>&1 &
	pid=$!
	harness_track proc "$pid"
	export "$(harness_https_var "$name" PID)=$pid"
	export "$(harness_https_var "$name" DIR)=$d/requests"
	# The sink binds port 0 itself and reports the port: no race.
	if ! harness_wait_file_match "$d/port" '^[0-9]+$' 10; then
		harness_log "https sink $name did not start: $(tail -n 5 "$d/sink.log")"
		harness_https_stop "$name"
		return 1
	fi
	export "$(harness_https_var "$name" PORT)=$(cat "$d/port")"
}

harness_https_stop()
{
	local v pid

	v=$(harness_https_var "$1" PID)
	pid=${!v:-}
	[ -n "$pid" ] || return 0
	kill -TERM "$pid" 2>/dev/null
	harness_wait_gone "$pid" 5 || kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	unset "$v" "$(harness_https_var "$1" PORT)"
	return 0
}

harness_https_count()
{
	local v n=0 f

	v=$(harness_https_var "$1" DIR)
	for f in "${!v}"/*.json; do
		[ -e "$f" ] && n=$((n + 1))
	done
	printf '%d' "$n"
}

harness_https_wait_count()
{
	local tries=$((${3:-5} * 20))

	while [ "$(harness_https_count "$1")" -lt "$2" ]; do
		tries=$((tries - 1))
		[ "$tries" -le 0 ] && return 1
		sleep 0.05
	done
	return 0
}
