#!/bin/sh
# deps.sh: install the Debian packages abusedesk needs to build and test,
# only those that are missing. Non-interactive; uses sudo when not root.
# Services in these packages (dovecot) are never started by the install:
# the test harness runs its own throwaway instances on loopback.
set -eu

PACKAGES="make gcc pkg-config libc6-dev
libncurses-dev libsqlite3-dev libetpan-dev libgnutls28-dev libxml2-dev
libjansson-dev libcsv-dev zlib1g-dev libzip-dev libzstd-dev libjemalloc-dev libpsl-dev publicsuffix libsasl2-modules libcmocka-dev
libcurl4-gnutls-dev
clang libclang-rt-14-dev clang-format
dovecot-imapd python3 python3-aiosmtpd tmux openssl ca-certificates
man-db groff-base sqlite3 strace neomutt isync time valgrind"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing" >&2
if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "deps: missing packages:$missing; run as root or install sudo" >&2
	exit 1
fi

# Keep package scripts from starting system-wide daemons (dovecot would
# otherwise listen on every interface). Only a policy we created is removed.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
	$SUDO chmod 755 "$policy"
	own_policy=1
fi
cleanup() { [ "$own_policy" -eq 1 ] && $SUDO rm -f "$policy"; return 0; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; a stale list makes installs fail.
if ! $SUDO apt-get install -y -q --no-install-recommends $missing; then
	$SUDO apt-get update -q
	$SUDO apt-get install -y -q --no-install-recommends $missing
fi
