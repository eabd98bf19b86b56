#!/usr/bin/env bash
# Runs every test suite of the repository: unit, bad-input and conformance tests (the conformance suites drive
# Hyperledger's and gRPC's own npm packages as reference peers), and the integration tests on a real Fabric network
# when FABRIC_BIN names Fabric's binaries (otherwise they are reported as skipped, with the reason). Extra arguments
# go to `dotnet test`.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

command -v dotnet >/dev/null || { echo "error: the .NET SDK is not on PATH; install .NET SDK 10 (see README.md)." >&2; exit 1; }
command -v npm >/dev/null || { echo "error: Node.js and npm are not on PATH; the conformance suites need them (see README.md)." >&2; exit 1; }

# Install the Node reference implementations exactly as locked, once per lockfile change.
for lock in tests/node/*/package-lock.json; do
  [ -e "$lock" ] || continue
  dir=$(dirname "$lock")
  stamp="$dir/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
    echo "Installing Node reference packages in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test FabricEvidence.sln -c Release "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test projects (a project whose tests were all skipped
# reports "Skipped!").
awk '
  /(Passed|Failed|Skipped)! +- Failed:/ {
    for (i = 1; i <= NF; i++) {
      gsub(",", "", $(i+1))
      if ($i == "Failed:") f += $(i+1)
      if ($i == "Passed:") p += $(i+1)
      if ($i == "Skipped:") s += $(i+1)
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }
' "$log"
exit "$status"
