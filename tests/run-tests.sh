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
for lock in tests/testassets/node/*/package-lock.json; do
  [ -e "$lock" ] || continue
  dir=$(dirname "$lock")
  stamp="$dir/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$lock" -nt "$stamp" ]; then
    echo "Installing Node reference packages in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

# The integration tests start their own Fabric network when FABRIC_BIN names Fabric's binaries (the variable
# reaches them through the environment). Check it here, so that a wrong path stops the run at once with a clear
# message rather than failing every integration test.
if [ -n "${FABRIC_BIN:-}" ]; then
  for tool in peer orderer configtxgen osnadmin cryptogen; do
    [ -x "$FABRIC_BIN/$tool" ] || {
      echo "error: FABRIC_BIN=$FABRIC_BIN has no executable '$tool'; point it at the bin/ folder of a Fabric 2.5 or 3.x release, or unset it to skip the integration tests." >&2
      exit 1
    }
  done
  echo "Integration tests: on a Fabric network started with the binaries in $FABRIC_BIN"
elif [ -n "${FABRIC_EVIDENCE_NETWORK_STATE:-}" ]; then
  echo "Integration tests: on the running network in $FABRIC_EVIDENCE_NETWORK_STATE"
else
  echo "Integration tests: skipped, FABRIC_BIN is not set (they need Hyperledger Fabric's binaries; see README.md)"
fi

log=$(mktemp)
# The integration tests put their network's state here; a network still up when the run ends (the test host was
# killed, say) is stopped rather than left holding the ports.
network_root=$(mktemp -d)
export FABRIC_EVIDENCE_NETWORK_ROOT=$network_root
cleanup() {
  local state keep=0
  for state in "$network_root"/*/; do
    [ -f "$state/network.env" ] || continue
    echo "Stopping the Fabric network the integration tests left in $state"
    if ! NETWORK_STATE_DIR=${state%/} network/network.sh down >/dev/null 2>&1; then
      echo "warning: could not stop it; run: NETWORK_STATE_DIR=${state%/} network/network.sh down" >&2
      keep=1
    fi
  done
  rm -f "$log"
  [ "$keep" = 1 ] || rm -rf "$network_root"
}
trap cleanup EXIT
# Every package must pack cleanly (README, XML docs, public API files, symbols): a warning fails the run.
echo "Packing the packages into artifacts/packages"
if ! dotnet pack FabricEvidence.slnx -c Release -warnaserror -nologo -v quiet >"$log" 2>&1; then
  grep -E "error|warning" "$log" | sort -u >&2
  echo "error: dotnet pack failed (above); every package must pack without a warning." >&2
  exit 1
fi

status=0
# No test may hang the run: one that runs longer than this is killed and reported (the integration fixture's own
# limits, network up 2 min and deploy 6 min, stay below it).
dotnet test FabricEvidence.slnx -c Release --blame-hang-timeout 10min --blame-hang-dump-type none "$@" 2>&1 | tee "$log" || status=$?

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
