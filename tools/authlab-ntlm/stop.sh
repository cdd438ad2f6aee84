#!/usr/bin/env bash
# Stops the apache2 that tools/authlab-ntlm/start.sh started (by its pid file only).
set -uo pipefail
LAB=${AUTHLAB_NTLM_DIR:-/var/lib/ews-authlab-ntlm}
PIDFILE=$LAB/run/httpd.pid
[[ -f $PIDFILE ]] || exit 0
PID=$(cat "$PIDFILE")
if kill -0 "$PID" 2>/dev/null; then
  kill -TERM "$PID"
  for ((i = 0; i < 50; i++)); do
    kill -0 "$PID" 2>/dev/null || break
    # a zombie counts as stopped
    [[ $(ps -o stat= -p "$PID" 2>/dev/null) == Z* ]] && break
    sleep 0.1
  done
fi
rm -f "$PIDFILE"
