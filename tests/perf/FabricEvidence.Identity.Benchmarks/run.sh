#!/usr/bin/env bash
# Starts a network of its own, deploys the identity contract, runs the benchmark, and stops the network, all under
# the machine's network lock (only one Fabric network may run at a time: its ports are fixed).
# Usage: FABRIC_BIN=/opt/fabric-build/v2.5.12/bin tests/perf/FabricEvidence.Identity.Benchmarks/run.sh [benchmark options]
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
: "${FABRIC_BIN:?set FABRIC_BIN to the folder of Fabric peer and orderer binaries}"
export NETWORK_STATE_DIR=${NETWORK_STATE_DIR:-$(mktemp -d /tmp/identity-bench.XXXXXX)/network}

if [ -z "${IDENTITY_BENCH_LOCKED:-}" ]; then
  dotnet build "$root/tests/perf/FabricEvidence.Identity.Benchmarks" -c Release >/dev/null
  IDENTITY_BENCH_LOCKED=1 exec flock /tmp/fabric-network.lock "$0" "$@"
fi

trap '"$root/network/network.sh" down >/dev/null' EXIT
"$root/network/network.sh" up >/dev/null
"$root/network/network.sh" deploy --name identity --chaincode-path "$root/chaincode/FabricEvidence.Identity.Service" >/dev/null
dotnet "$root/tests/perf/FabricEvidence.Identity.Benchmarks/bin/Release/net10.0/FabricEvidence.Identity.Benchmarks.dll" --state "$NETWORK_STATE_DIR" "$@"
