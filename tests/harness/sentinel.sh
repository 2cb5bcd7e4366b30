#!/usr/bin/env bash
# sentinel.sh OWNER DIR: waits for the test shell OWNER to end; if it ended
# without its cleanup (SIGKILL, a crashed runner) and DIR is still there,
# stops the servers noted in DIR/.pids and removes DIR. harness_init starts
# it with setsid, so killing the test's process group spares it.
owner=$1
dir=$2
. "$(dirname "$0")/harness.sh"
while kill -0 "$owner" 2>/dev/null; do
	sleep 1
done
[ -d "$dir" ] && [ -f "$dir/.pids" ] && harness_reap "$dir"
exit 0
