#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser of its own).
# A no-op when /usr/bin/chromium is present. Without root it prints the exact command instead of running it.
# Usage: eng/provision-chromium.sh [--check]   (--check: exit 1 when missing, install nothing)
set -euo pipefail

CHROMIUM=/usr/bin/chromium
log() { printf '[provision-chromium] %s\n' "$*" >&2; }

if [ -x "$CHROMIUM" ]; then
  log "chromium already installed ($("$CHROMIUM" --version 2>/dev/null || echo unknown version)); nothing to do"
  exit 0
fi

if [ "${1:-}" = "--check" ]; then
  log "missing: chromium"
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  log "not root: run this command:"
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium fonts-dejavu-core"
  exit 2
fi

export DEBIAN_FRONTEND=noninteractive
log "installing chromium from Debian's packages"
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
log "installed: $("$CHROMIUM" --version)"
