#!/usr/bin/env bash
# Lints every publishable package as npm would ship it: publint (package.json vs files) and
# @arethetypeswrong/cli (types resolve for node10, node16 CJS/ESM and bundlers, for every export
# condition). Both are pinned root devDependencies. Build first.
#
#   scripts/check-packages.sh                 # every package under packages/
#   scripts/check-packages.sh edge streambed  # some
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
packages=("$@")
[ ${#packages[@]} -eq 0 ] && packages=($(ls packages))
failed=()
for name in "${packages[@]}"; do
  dir=packages/$name
  [ -f "$dir/package.json" ] || continue
  echo "== $name"
  (cd "$dir" && "$root/node_modules/.bin/publint" --pack npm --strict) || failed+=("publint: $name")
  # An ESM-only package (no "require" condition, e.g. the CLI) is checked with attw's esm-only profile.
  profile=()
  grep -q '"require"' "$dir/package.json" || profile=(--profile esm-only)
  (cd "$dir" && "$root/node_modules/.bin/attw" --pack . --format table-flipped "${profile[@]}") || failed+=("attw: $name")
done
if [ ${#failed[@]} -gt 0 ]; then
  printf 'check-packages: FAILED\n' >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "check-packages: publint and attw pass for ${packages[*]}"
