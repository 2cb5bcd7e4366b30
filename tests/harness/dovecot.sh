# dovecot.sh: private Dovecot IMAP instances for the integration tests.
#
# harness_dovecot_start [NAME [CERT]]   NAME defaults to "main", CERT (one
#   of harness_certs' server, wrong, self) to "server". Each instance has
#   its own config, log, sockets and Maildirs under $HARNESS_DIR/dovecot-NAME
#   and two listeners on 127.0.0.1: a plain one offering STARTTLS (plaintext
#   LOGIN allowed) and an implicit-TLS one. It exports, for "main":
#     HARNESS_IMAP_PORT HARNESS_IMAPS_PORT HARNESS_DOVECOT_PID
#     HARNESS_DOVECOT_CONF HARNESS_DOVECOT_LOG HARNESS_MAIL_DIR
#   and for any other NAME the same with the upper-cased name inserted:
#     HARNESS_WRONG_IMAP_PORT, HARNESS_WRONG_DOVECOT_LOG, ...
#   Users (shared by all instances, passwords in plain text on purpose):
#     HARNESS_USER/HARNESS_PASS    ops
#     HARNESS_USER2/HARNESS_PASS2  analyst, a password with a space, a quote,
#                                  a backslash and a non-ASCII character
# harness_dovecot_stop [NAME]      stops one instance (default main)
# harness_dovecot_stop_all
# harness_deliver [-i NAME] USER FILE [MAILBOX]   stores FILE as a new message
# harness_doveadm [-i NAME] ARGS...               doveadm on that instance
#
# Dovecot refuses to run its mail processes as root. When the harness runs
# as root, login processes use the system users dovenull and dovecot (from
# the dovecot-core package) and every test user's mail processes run as
# nobody:nogroup, which owns the Maildirs; no user is created. When it runs
# as an ordinary user, everything runs as that user.

HARNESS_DOVECOT=${HARNESS_DOVECOT:-/usr/sbin/dovecot}
HARNESS_DOVEADM=${HARNESS_DOVEADM:-/usr/bin/doveadm}
HARNESS_DOVECOT_NAMES=()

# Prefix of the exported variables for instance NAME.
harness_dovecot_prefix()
{
	if [ "$1" = main ]; then
		printf 'HARNESS_'
	else
		printf 'HARNESS_%s_' "$(printf '%s' "$1" | tr 'a-z-' 'A-Z_')"
	fi
}

harness_dovecot_var()
{
	local v

	v="$(harness_dovecot_prefix "$1")$2"
	printf '%s' "${!v:-}"
}

# The uid:gid the mail processes run as; see the header.
harness_mail_owner()
{
	local uid gid

	if [ "$(id -u)" -ne 0 ]; then
		printf '%s:%s' "$(id -u)" "$(id -g)"
		return
	fi
	uid=$(getent passwd nobody | cut -d: -f3)
	gid=$(getent group nogroup | cut -d: -f3)
	[ -n "$gid" ] || gid=$(getent passwd nobody | cut -d: -f4)
	printf '%s:%s' "${uid:-65534}" "${gid:-65534}"
}

# Writes the passwd-file shared by all instances (once).
harness_dovecot_users()
{
	local f="$HARNESS_DIR/dovecot-users" owner

	export HARNESS_USER=ops HARNESS_PASS=ops-secret
	export HARNESS_USER2=analyst HARNESS_PASS2='pa ss"w\rd €'
	[ -f "$f" ] && return 0
	owner=$(harness_mail_owner)
	{
		printf '%s:{PLAIN}%s:%s::::\n' "$HARNESS_USER" "$HARNESS_PASS" \
			"$owner"
		printf '%s:{PLAIN}%s:%s::::\n' "$HARNESS_USER2" \
			"$HARNESS_PASS2" "$owner"
	} >"$f"
	# Read by the auth process, which runs as the dovecot user.
	chmod 0644 "$f"
}

harness_dovecot_conf()
{
	local d=$1 cert=$2 port=$3 sport=$4 owner=$5
	local internal=dovecot group=dovecot login=dovenull dh=''

	local chroot='' login_chroot=''

	if [ "$(id -u)" -ne 0 ]; then
		internal=$(id -un)
		group=$(id -gn)
		login=$internal
		# Only root may chroot.
		chroot='service anvil {
  chroot =
}'
		login_chroot='chroot ='
	fi
	[ -r /usr/share/dovecot/dh.pem ] &&
		dh="ssl_dh = </usr/share/dovecot/dh.pem"
	cat <<EOF
# Written by tests/harness/dovecot.sh; see there.
instance_name = $(basename "$HARNESS_DIR")-$(basename "$d")
base_dir = $d/run
state_dir = $d/state
log_path = $d/dovecot.log
info_log_path = $d/dovecot.log
protocols = imap
listen = 127.0.0.1
shutdown_clients = yes

default_internal_user = $internal
default_internal_group = $group
default_login_user = $login
first_valid_uid = ${owner%%:*}
first_valid_gid = ${owner##*:}

ssl = yes
ssl_cert = <$HARNESS_CERTS/$cert.pem
ssl_key = <$HARNESS_CERTS/$cert.key
$dh
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_verbose = yes
auth_failure_delay = 0
login_log_format_elements = user=<%u> method=%m rip=%r lip=%l mpid=%e %c session=<%{session}>

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $HARNESS_DIR/dovecot-users
}
userdb {
  driver = passwd-file
  args = username_format=%u $HARNESS_DIR/dovecot-users
  override_fields = home=$d/home/%u
}
mail_location = maildir:~/Maildir
mail_plugins =
# A test server's mail need not survive a power cut: no fsync per APPEND.
mail_fsync = never

namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
}

$chroot
service imap-login {
  $login_chroot
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $sport
    ssl = yes
  }
}
EOF
}

# Makes the folders of instance directory D; home folders belong to the
# mail uid so Dovecot can create the Maildirs in them.
harness_dovecot_dirs()
{
	local d=$1 owner=$2 u

	mkdir -p "$d/run" "$d/state" "$d/home" || return 1
	chmod 0755 "$d"
	for u in "$HARNESS_USER" "$HARNESS_USER2"; do
		mkdir -p "$d/home/$u" && chmod 0700 "$d/home/$u" || return 1
		if [ "$(id -u)" -eq 0 ]; then
			chown "$owner" "$d/home/$u" || return 1
		fi
	done
}

# Starts dovecot (it daemonizes after binding its listeners, so a taken
# port shows as a failed start). Retries with fresh ports.
harness_dovecot_launch()
{
	local d=$1 cert=$2 owner=$3 try port sport

	for try in 1 2 3 4 5; do
		port=$(harness_free_port) && sport=$(harness_free_port) ||
			return 1
		[ "$port" = "$sport" ] && continue
		harness_dovecot_conf "$d" "$cert" "$port" "$sport" "$owner" \
			>"$d/dovecot.conf"
		if "$HARNESS_DOVECOT" -c "$d/dovecot.conf" 2>>"$d/start.err"; then
			printf '%s %s\n' "$port" "$sport"
			return 0
		fi
		grep -q 'Address already in use' "$d/start.err" "$d/dovecot.log" \
			2>/dev/null || break
		harness_log "dovecot: port taken, retry $try"
	done
	harness_log "dovecot did not start: $(tail -n 3 "$d/start.err" \
		"$d/dovecot.log" 2>/dev/null)"
	return 1
}

# Waits for the plain listener's greeting: then the login and auth
# processes are up, not only the socket.
harness_dovecot_wait()
{
	local port=$1 line end=$((SECONDS + 15))

	while [ "$SECONDS" -lt "$end" ]; do
		# The braces scope the 2>/dev/null: on a bare exec it would
		# stay on the whole shell.
		if { exec 9<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
			line=
			read -r -t 2 line <&9
			exec 9>&-
			case "$line" in
			'* OK'*) return 0 ;;
			esac
		fi
		sleep 0.05
	done
	return 1
}

harness_dovecot_start()
{
	local name=${1:-main} cert=${2:-server} d owner ports pid pre

	harness_init && harness_certs || return 1
	if [ ! -f "$HARNESS_CERTS/$cert.pem" ]; then
		harness_log "dovecot: no certificate named $cert"
		return 1
	fi
	d="$HARNESS_DIR/dovecot-$name"
	if [ -n "$(harness_dovecot_var "$name" DOVECOT_PID)" ]; then
		harness_log "dovecot $name is already running"
		return 1
	fi
	harness_dovecot_users
	owner=$(harness_mail_owner)
	harness_dovecot_dirs "$d" "$owner" || return 1
	ports=$(harness_dovecot_launch "$d" "$cert" "$owner") || return 1
	# The daemon writes its pid file after the starting process returned.
	harness_wait_file_match "$d/run/master.pid" '^[0-9]+$' 10
	pid=$(cat "$d/run/master.pid" 2>/dev/null)
	if [ -z "$pid" ]; then
		harness_log "dovecot $name wrote no master.pid"
		return 1
	fi
	HARNESS_DOVECOT_NAMES+=("$name")
	harness_track dovecot "$pid"
	pre=$(harness_dovecot_prefix "$name")
	export "${pre}DOVECOT_PID=$pid" "${pre}IMAP_PORT=${ports% *}" \
		"${pre}IMAPS_PORT=${ports#* }" "${pre}DOVECOT_CONF=$d/dovecot.conf" \
		"${pre}DOVECOT_LOG=$d/dovecot.log" "${pre}MAIL_DIR=$d/home"
	if ! harness_dovecot_wait "${ports% *}" ||
		! harness_wait_port "${ports#* }"; then
		harness_log "dovecot $name does not answer: $(tail -n 3 \
			"$d/dovecot.log" 2>/dev/null)"
		harness_dovecot_stop "$name"
		return 1
	fi
}

# Stopping is two steps so that stop_all can let every instance shut down
# at the same time.
harness_dovecot_signal()
{
	local pid

	pid=$(harness_dovecot_var "$1" DOVECOT_PID)
	[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null
	return 0
}

harness_dovecot_finish()
{
	local name=$1 pid pre i

	pre=$(harness_dovecot_prefix "$name")
	pid=$(harness_dovecot_var "$name" DOVECOT_PID)
	[ -n "$pid" ] || return 0
	if ! harness_wait_gone "$pid" 5; then
		harness_log "dovecot $name ignored SIGTERM; killing"
	fi
	# The master is a session leader (it daemonized): its process group
	# holds exactly its children, so the group can be swept afterwards.
	if [ "$(ps -o pgid= -p $$ | tr -d ' ')" != "$pid" ]; then
		kill -KILL -- "-$pid" 2>/dev/null
	fi
	unset "${pre}DOVECOT_PID"
	for i in "${!HARNESS_DOVECOT_NAMES[@]}"; do
		[ "${HARNESS_DOVECOT_NAMES[i]}" = "$name" ] &&
			unset 'HARNESS_DOVECOT_NAMES[i]'
	done
	return 0
}

harness_dovecot_stop()
{
	harness_dovecot_signal "${1:-main}"
	harness_dovecot_finish "${1:-main}"
}

harness_dovecot_stop_all()
{
	local name

	for name in "${HARNESS_DOVECOT_NAMES[@]}"; do
		harness_dovecot_signal "$name"
	done
	for name in "${HARNESS_DOVECOT_NAMES[@]}"; do
		harness_dovecot_finish "$name"
	done
}

# -i NAME selects the instance (default main). Prints the config path.
harness_dovecot_conf_of()
{
	local conf

	conf=$(harness_dovecot_var "$1" DOVECOT_CONF)
	if [ -z "$conf" ]; then
		harness_log "dovecot $1 is not running"
		return 1
	fi
	printf '%s' "$conf"
}

harness_doveadm()
{
	local name=main conf

	if [ "${1:-}" = -i ]; then
		name=$2
		shift 2
	fi
	conf=$(harness_dovecot_conf_of "$name") || return 1
	"$HARNESS_DOVEADM" -c "$conf" "$@"
}

# Stores FILE (an RFC 5322 message, LF or CRLF) in USER's MAILBOX
# (default INBOX) through doveadm, so Dovecot's indexes see it at once.
harness_deliver()
{
	local name=main

	if [ "${1:-}" = -i ]; then
		name=$2
		shift 2
	fi
	if [ $# -lt 2 ] || [ ! -r "$2" ]; then
		harness_log "usage: harness_deliver [-i NAME] USER FILE [MAILBOX]"
		return 1
	fi
	harness_doveadm -i "$name" save -u "$1" -m "${3:-INBOX}" <"$2"
}
