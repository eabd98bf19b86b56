#!/usr/bin/env bash
# Evidence items submitted and confirmed per second against Put transactions, on a local network of its own.
# Builds first (outside the lock), then, holding /tmp/fabric-network.lock: network.sh up, deploys the KV chaincode
# as "kv" and the evidence contract as "evidence" side by side, runs the interleaved comparison of
# tests/perf/FabricEvidence.Network.Benchmarks ("evidence" command), and always brings the network down.
#
#   FABRIC_BIN=/opt/fabric-build/v2.5.12/bin tests/perf/FabricEvidence.Evidence.Benchmarks/run-network-benchmark.sh [--rounds 3] [--seconds 10] ...
#
# Arguments are passed to the comparison. Settings: NETWORK_STATE_DIR (default: a fresh folder under /tmp),
# BENCH_POLICY (the endorsement policy of both chaincodes, default AND('Org1MSP.peer','Org2MSP.peer'), under which
# the integration tests run the contract; network.sh deploy's own default, the policy the contract is designed for, is
# OR('Org1MSP.peer','Org2MSP.peer')), BENCH_LOCK (default /tmp/fabric-network.lock).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
: "${FABRIC_BIN:?set FABRIC_BIN to the folder of the Fabric binaries, e.g. /opt/fabric-build/v2.5.12/bin}"
export FABRIC_BIN
export NETWORK_STATE_DIR="${NETWORK_STATE_DIR:-$(mktemp -d /tmp/fabric-evidence-bench-XXXXXX)/state}"
default_policy="AND('Org1MSP.peer','Org2MSP.peer')"
policy="${BENCH_POLICY:-$default_policy}"
lock="${BENCH_LOCK:-/tmp/fabric-network.lock}"
build="$(dirname "$NETWORK_STATE_DIR")/build"

mkdir -p "$build"
echo "Building the driver and both chaincodes into $build ..." >&2
dotnet build "$root/tests/perf/FabricEvidence.Network.Benchmarks" -c Release -o "$build/driver" >"$build.log" 2>&1 \
  && dotnet build "$root/tests/testassets/FabricEvidence.KvChaincode" -c Release -o "$build/kv" >>"$build.log" 2>&1 \
  && dotnet publish "$root/chaincode/FabricEvidence.Evidence.Service" -c Release -o "$build/evidence" >>"$build.log" 2>&1 \
  || { echo "The build failed; see $build.log" >&2; exit 1; }

run() {
  trap '"$root/network/network.sh" down >&2 || echo "network.sh down failed; see $NETWORK_STATE_DIR" >&2' EXIT
  "$root/network/network.sh" up >&2
  "$root/network/network.sh" deploy --name kv --chaincode-command "dotnet $build/kv/FabricEvidence.KvChaincode.dll" \
    --collections-config none --policy "$policy" >&2
  "$root/network/network.sh" deploy --name evidence --chaincode-command "dotnet $build/evidence/FabricEvidence.Evidence.Service.dll" \
    --collections-config "$root/chaincode/FabricEvidence.Evidence.Service/collections_config.json" --policy "$policy" >&2
  dotnet "$build/driver/FabricEvidence.Network.Benchmarks.dll" evidence --network-env "$NETWORK_STATE_DIR/network.env" \
    --chaincodes kv,evidence "$@"
}

export -f run
export root build policy
exec flock "$lock" bash -c 'set -euo pipefail; run "$@"' run "$@"
