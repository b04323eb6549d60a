#!/usr/bin/env bash
# Installs pgloader (Debian package) for the SQLite import's comparison benchmark
# (`dotnet run --project CvTailor.SqliteTransfer -c Release -- bench-import`, or bench/CvTailor.Bench import-vs-pgloader). Idempotent; nothing else needs it.
# Usage: eng/install-pgloader.sh [--check]   (--check: exit 1 when absent, install nothing)
set -euo pipefail

log() { printf '[install-pgloader] %s\n' "$*" >&2; }

if command -v pgloader >/dev/null 2>&1; then
  log "pgloader already installed: $(pgloader --version 2>/dev/null | head -n 1)"
  exit 0
fi

if [ "${1:-}" = "--check" ]; then
  log "pgloader is not installed"
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  log "not root: run this script with sudo, i.e.:"
  echo "  sudo $0"
  exit 2
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends pgloader
log "installed: $(pgloader --version 2>/dev/null | head -n 1)"
