#!/usr/bin/env bash
# Runs one n8n for the end-to-end suite (test/real-n8n) and makes sure it ends with the suite:
#   e2e-run-n8n.sh <pid of the test process> <command...>
# It is started as the leader of its own process group. SIGTERM to it stops n8n gracefully; when
# the test process is gone (killed, crashed) it stops n8n itself. Either way, whatever is left in
# the group afterwards (n8n's task runner) is killed, this script included.
set -u
watched=$1
shift
"$@" &
n8n=$!
trap 'kill -TERM "$n8n" 2>/dev/null' TERM INT HUP
while kill -0 "$n8n" 2>/dev/null; do
	if ! kill -0 "$watched" 2>/dev/null; then
		echo "# e2e-run-n8n: test process $watched is gone, stopping n8n"
		kill -TERM "$n8n" 2>/dev/null
		(sleep 15 && kill -KILL -- -$$) &
		break
	fi
	sleep 1 &
	wait $! 2>/dev/null
done
# A signal interrupts `wait` (status > 128) while n8n still runs: wait again until n8n itself ends.
while :; do
	wait "$n8n" 2>/dev/null
	status=$?
	kill -0 "$n8n" 2>/dev/null || break
done
echo "# e2e-run-n8n: n8n exited with status $status"
kill -KILL -- -$$
