#!/usr/bin/env bash
# Installs what CV Tailor needs from PostgreSQL on a Debian 12 machine, idempotently:
#   1. the PostgreSQL server + client (Debian packages), when absent;
#   2. pgvector, built from Debian's own source package of the next release (Debian 12 does not package it).
# A no-op when both are present. Without root it prints the exact commands instead of running them.
# apt waits for the dpkg/apt locks (another install, unattended-upgrades) up to CVTAILOR_APT_LOCK_TIMEOUT seconds.
# Usage: eng/provision-postgres.sh [--check]   (--check: exit 1 when something is missing, install nothing)
set -euo pipefail

PG_MAJOR="${CVTAILOR_PG_MAJOR:-15}"
PG_BIN="/usr/lib/postgresql/${PG_MAJOR}/bin"
PG_CONFIG="${PG_BIN}/pg_config"
PGVECTOR_SRC_SUITE="${CVTAILOR_PGVECTOR_SUITE:-trixie}"
SRC_LIST=/etc/apt/sources.list.d/cvtailor-pgvector-src.sources
APT_LOCK_TIMEOUT="${CVTAILOR_APT_LOCK_TIMEOUT:-600}"

log() { printf '[provision-postgres] %s\n' "$*" >&2; }

# How to run this script again: root needs no sudo (and may not have it).
rerun() { if [ "$(id -u)" -eq 0 ]; then printf '%s' "$0"; else printf 'sudo %s' "$0"; fi; }

server_present() { [ -x "${PG_BIN}/postgres" ] && [ -x "${PG_BIN}/initdb" ] && [ -x "${PG_BIN}/pg_ctl" ]; }
vector_present() {
  local share
  share=$("${PG_CONFIG}" --sharedir 2>/dev/null) || return 1
  [ -f "${share}/extension/vector.control" ] && [ -f "$("${PG_CONFIG}" --pkglibdir)/vector.so" ]
}

if [ "${1:-}" = "--check" ]; then
  server_present && vector_present && { log "PostgreSQL ${PG_MAJOR} and pgvector are installed"; exit 0; }
  log "missing: $(server_present || printf 'postgresql-%s ' "$PG_MAJOR")$(vector_present || printf 'pgvector')"
  exit 1
fi

if server_present && vector_present; then
  log "PostgreSQL ${PG_MAJOR} and pgvector already installed; nothing to do"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  log "installing needs root; run it as root, e.g.:"
  echo "  sudo $0"
  exit 2
fi

export DEBIAN_FRONTEND=noninteractive

# apt-get that waits for the dpkg/apt locks instead of failing at once while another package manager runs; a lock
# still held after the timeout ends the script with a message saying so (apt's own asks "are you root?").
apt_get() {
  local err status=0
  err=$(mktemp)
  apt-get -o DPkg::Lock::Timeout="$APT_LOCK_TIMEOUT" "$@" 2>"$err" || status=$?
  cat "$err" >&2
  if [ "$status" -ne 0 ] && grep -qE 'Could not get lock|Unable to acquire the dpkg' "$err"; then
    rm -f "$err"
    log "another package manager (apt, dpkg or unattended-upgrades) still holds the package lock after ${APT_LOCK_TIMEOUT} s;"
    log "let it finish (see: ps -C apt,apt-get,dpkg,unattended-upgr -o pid,etime,args), then run: $(rerun)"
    log "(or wait longer: CVTAILOR_APT_LOCK_TIMEOUT=<seconds> $(rerun))"
    exit 3
  fi
  rm -f "$err"
  return "$status"
}
apt_updated=0
apt_update() { [ "$apt_updated" = 1 ] || { apt_get update -qq; apt_updated=1; }; }

if ! server_present; then
  log "installing PostgreSQL ${PG_MAJOR} from Debian packages"
  apt_update
  apt_get install -y -qq "postgresql-${PG_MAJOR}" "postgresql-client-${PG_MAJOR}" postgresql-contrib >/dev/null
fi

if ! vector_present; then
  started=$(date +%s)
  # A source-only entry for the next release, on the same mirror this machine already uses. Only deb-src:
  # a binary 'deb' line for that suite would let apt upgrade libc and friends.
  if [ ! -f "$SRC_LIST" ]; then
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    if [ -z "$mirror" ] && [ -f /etc/apt/sources.list ]; then
      mirror=$(awk '$1=="deb" && $0 !~ /security/ {print $2; exit}' /etc/apt/sources.list)
    fi
    [ -n "$mirror" ] || { log "cannot find this machine's Debian mirror in its apt sources"; exit 1; }
    cat >"$SRC_LIST" <<SRC
Types: deb-src
URIs: ${mirror}
Suites: ${PGVECTOR_SRC_SUITE}
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt_updated=0
  fi
  apt_update
  log "installing build dependencies"
  apt_get install -y -qq build-essential "postgresql-server-dev-${PG_MAJOR}" dpkg-dev >/dev/null
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  log "building pgvector from Debian's source package (${PGVECTOR_SRC_SUITE})"
  (cd "$work" && apt_get source -qq --download-only pgvector >/dev/null && dpkg-source -x --skip-debianization ./*.dsc src >/dev/null 2>&1 \
     || { cd "$work" && apt_get source -qq pgvector >/dev/null; })
  srcdir=$(find "$work" -maxdepth 1 -mindepth 1 -type d | head -n 1)
  [ -f "$srcdir/vector.control" ] || { log "pgvector sources not found after apt-get source"; exit 1; }
  make -s -C "$srcdir" PG_CONFIG="$PG_CONFIG" OPTFLAGS="" >/dev/null
  make -s -C "$srcdir" PG_CONFIG="$PG_CONFIG" install >/dev/null
  log "pgvector $(awk -F"'" '/default_version/ {print $2}' "$srcdir/vector.control") installed in $(( $(date +%s) - started )) s"
fi

vector_present || { log "pgvector still missing after install"; exit 1; }
log "PostgreSQL ${PG_MAJOR} and pgvector are installed"
