#!/usr/bin/env bash
# Starts a network of its own, deploys the identity contract, runs the benchmark, and stops the network, all under
# the machine's network lock (only one Fabric network may run at a time: fixed ports).
# Usage: FABRIC_BIN=/opt/fabric-build/v2.5.12/bin tests/perf/FabricEvidence.Identity.Benchmarks/run.sh [benchmark options]
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
: "${FABRIC_BIN:?set FABRIC_BIN to the folder of Fabric's peer and orderer binaries}"
export NETWORK_STATE_DIR=${NETWORK_STATE_DIR:-$(mktemp -d /tmp/identity-bench.XXXXXX)/network}
dotnet build "$root/tests/perf/FabricEvidence.Identity.Benchmarks" -c Release >/dev/null
exec flock /tmp/fabric-network.lock bash -c '
  set -e
  trap "\"$0/network/network.sh\" down >/dev/null" EXIT
  "$0/network/network.sh" up >/dev/null
  "$0/network/network.sh" deploy --name identity --chaincode-path "$0/chaincode/FabricEvidence.Identity.Service" >/dev/null
  dotnet "$0/tests/perf/FabricEvidence.Identity.Benchmarks/bin/Release/net10.0/FabricEvidence.Identity.Benchmarks.dll" --state "$NETWORK_STATE_DIR" "${@:1}"
' "$root" "$@"
