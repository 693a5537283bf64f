#!/usr/bin/env bash
# Build and e2e-test a private copy of the working tree, so that several people (or agents) can
# work in one checkout without fighting over dist/ and the preview port.
#
#   bash scripts/scratch.sh NAME PORT [playwright args…]
#
# Copies the tree (without .git, dist, node_modules) to /tmp/scratch-NAME, hard-links node_modules,
# builds there, then runs `playwright test [args…]` against `astro preview` on PORT.
# Example: bash scripts/scratch.sh layers 4401 tests/e2e/layers.spec.ts
set -euo pipefail
name=${1:?name}; port=${2:?port}; shift 2
src=$(cd "$(dirname "$0")/.." && pwd)
dst=/tmp/scratch-$name
mkdir -p "$dst"
tar -C "$src" --exclude=./node_modules --exclude=./dist --exclude=./.git --exclude=./.astro --exclude=./.tools -cf - . | tar -C "$dst" -xf -
# Deleted files in the source must disappear from the copy too (content pages especially).
( cd "$dst" && find src tests scripts -type f | while read -r f; do [ -e "$src/$f" ] || rm -f "$f"; done )
[ -e "$dst/node_modules" ] || cp -al "$src/node_modules" "$dst/node_modules"
ln -sfn "$src/../shared" "$dst/../shared" 2>/dev/null || true
cd "$dst"
npm run build >/tmp/scratch-$name.build.log 2>&1 || { tail -40 /tmp/scratch-$name.build.log; exit 1; }
grep -A7 'Answer coverage' /tmp/scratch-$name.build.log || true
if [ $# -gt 0 ]; then
  E2E_PORT=$port npx playwright test "$@"
fi
