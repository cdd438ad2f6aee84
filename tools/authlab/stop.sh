#!/usr/bin/env bash
# Stops the authlab Apache that start.sh started: only the pid it recorded in its state dir.
# Usage: bash tools/authlab/stop.sh [--purge]   (--purge also deletes the state dir)
set -uo pipefail
LAB=${EWS_AUTHLAB_DIR:-/tmp/ews-authlab}
PURGE=0
[[ ${1:-} == --purge ]] && PURGE=1

is_running() { # pid: a zombie waiting to be reaped counts as stopped
  kill -0 "$1" 2>/dev/null && [[ $(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) != Z ]]
}

pidfile=$LAB/run/httpd.pid
if [[ -f $pidfile ]]; then
  pid=$(<"$pidfile")
  # Only signal the pid if it is still an apache2 process (pids get reused).
  if [[ $pid =~ ^[0-9]+$ ]] && is_running "$pid" && [[ $(cat "/proc/$pid/comm" 2>/dev/null) == apache2* ]]; then
    kill -TERM "$pid"
    for ((i = 0; i < 50; i++)); do is_running "$pid" || break; sleep 0.1; done
    is_running "$pid" && kill -KILL "$pid"
    echo "[authlab] stopped apache ($pid)"
  fi
  rm -f "$pidfile"
fi
# Other daemons endpoint fragments started (e.g. the Kerberos KDC): "<pidfile> <process name>" lines.
if [[ -f $LAB/run/daemons ]]; then
  while read -r daemon_pidfile daemon_comm; do
    daemon_pid=$(cat "$daemon_pidfile" 2>/dev/null)
    if [[ $daemon_pid =~ ^[0-9]+$ ]] && is_running "$daemon_pid" && [[ $(cat "/proc/$daemon_pid/comm" 2>/dev/null) == "$daemon_comm"* ]]; then
      kill -TERM "$daemon_pid"
      for ((i = 0; i < 50; i++)); do is_running "$daemon_pid" || break; sleep 0.1; done
      is_running "$daemon_pid" && kill -KILL "$daemon_pid"
      echo "[authlab] stopped $daemon_comm ($daemon_pid)"
    fi
    rm -f "$daemon_pidfile"
  done < "$LAB/run/daemons"
  rm -f "$LAB/run/daemons"
fi
if ((PURGE)) && [[ -f $LAB/.ews-authlab ]]; then
  rm -rf "$LAB"
  echo "[authlab] removed $LAB"
fi
exit 0
