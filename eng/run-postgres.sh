#!/usr/bin/env bash
# Runs the local PostgreSQL under the AppHost's orchestrator. The orchestrator stops a process with SIGTERM, which
# PostgreSQL takes as a *smart* shutdown (wait for every client to leave); this wrapper turns it into SIGINT, the
# *fast* shutdown (roll back, checkpoint, exit), so stopping the AppHost never waits on idle pooled connections.
# Usage: run-postgres.sh COMMAND [ARGS...]   (COMMAND is setpriv ... -- postgres ..., see LocalPostgresCluster)
set -u
"$@" &
child=$!
trap 'kill -INT "$child" 2>/dev/null' TERM INT
status=0
# `wait` returns early when a trapped signal arrives; keep waiting until the server has really exited.
while kill -0 "$child" 2>/dev/null; do
  wait "$child"
  status=$?
done
exit "$status"
