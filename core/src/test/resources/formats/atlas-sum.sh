#!/bin/sh
# Writes DIR/atlas.sum as `atlas migrate hash` does, with sha256 and base64 only (no Java), so the fixture is an
# independent check of dev.dbshift.migration.format.AtlasSum: each file's hash is the SHA-256 of every name and
# content up to and including that file; the first line hashes every "name" "hash" pair. Usage: atlas-sum.sh DIR
set -e
cd "$1"
running=$(mktemp); pairs=$(mktemp); body=$(mktemp)
for f in $(ls *.sql | LC_ALL=C sort); do
    printf '%s' "$f" >> "$running"; cat "$f" >> "$running"
    h=$(openssl dgst -sha256 -binary < "$running" | base64)
    printf '%s h1:%s\n' "$f" "$h" >> "$body"; printf '%s%s' "$f" "$h" >> "$pairs"
done
{ printf 'h1:%s\n' "$(openssl dgst -sha256 -binary < "$pairs" | base64)"; cat "$body"; } > atlas.sum
rm -f "$running" "$pairs" "$body"
