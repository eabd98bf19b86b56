#!/usr/bin/env bash
# The main job in one command: start the local Fabric network (network/network.sh up), deploy the evidence-custody
# sample chaincode as a service (deploy), then drive it with the Gateway client sample (samples/GatewaySample):
# an investigator of Org1 registers evidence, Org1 offers custody to Org2, a custodian of Org2 accepts, and anyone
# reads the record, its history and the chaincode events. The network stays up afterwards; stop it with
# `network/network.sh down`.
#
# Needs the .NET SDK 10, and Hyperledger Fabric's binaries: FABRIC_BIN=/path/to/fabric/bin, or on PATH, or
# network.sh downloads the release (see network/README.md).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
network=network/network.sh

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

case ${1:-} in
  -h | --help)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  "") ;;
  *) die "run.sh takes no arguments (see ./run.sh --help)" ;;
esac

command -v dotnet >/dev/null || die "the .NET SDK is not on PATH; install .NET SDK 10 (https://dotnet.microsoft.com/download)"

# Reuse a healthy network started earlier (by this script or by hand); otherwise start one.
status=0
"$network" status >/dev/null 2>&1 || status=$?
case $status in
  0) step "Using the network that is already up (network/network.sh status)" ;;
  3) step "Starting the Fabric network"; "$network" up ;;
  *) die "a network is on disk but not healthy; see 'network/network.sh status', then 'network/network.sh down' and run this again" ;;
esac

step "Deploying the evidence-custody chaincode"
"$network" deploy

state=${NETWORK_STATE_DIR:-$root/network/.state}
env_file="$state/network.env"
[ -f "$env_file" ] || die "$env_file is missing; was the network started by network/network.sh?"
setting() { sed -n "s/^$1=//p" "$env_file"; }
channel=$(setting NETWORK_CHANNEL)
chaincode=$(sed -n 's/^CHAINCODE_NAME=//p' "$state"/chaincode/*/deploy.env | head -n 1)

step "Building the Gateway client sample"
app="$state/demo/GatewaySample"
dotnet publish samples/GatewaySample -c Release -o "$app" --nologo -v quiet >"$state/logs/gateway-sample-build.log" 2>&1 ||
  { tail -n 20 "$state/logs/gateway-sample-build.log" >&2; die "building samples/GatewaySample failed (log: $state/logs/gateway-sample-build.log)"; }

# gateway ORG USER COMMAND...: the sample, connected to ORG's peer as USER (an MSP folder variable of network.env).
gateway() {
  local org=$1 user=$2
  shift 2
  dotnet "$app/GatewaySample.dll" \
    --peer "$(setting "NETWORK_ORG${org}_PEER_ADDRESS")" --tls-cert "$(setting "NETWORK_ORG${org}_TLS_CA")" \
    --msp-id "$(setting "NETWORK_ORG${org}_MSP_ID")" --msp-dir "$(setting "NETWORK_ORG${org}_${user}_MSP")" \
    --channel "$channel" --chaincode "$chaincode" "$@"
}

sha256() {
  if command -v sha256sum >/dev/null; then sha256sum | cut -d' ' -f1; else shasum -a 256 | cut -d' ' -f1; fi
}

id="demo-$(date +%Y%m%d-%H%M%S)"
digest=$(printf 'contents of the seized hard disk image %s' "$id" | sha256)

step "Org1's investigator registers evidence $id (digest $digest)"
gateway 1 INVESTIGATOR submit custody:Register "$id" "case-2024-117" "$digest" "Hard disk image"

step "Org2 reads it through its own peer and checks the digest"
gateway 2 USER evaluate custody:Read "$id"
gateway 2 USER evaluate custody:VerifyDigest "$id" "$digest"

step "Org1 offers custody to Org2MSP"
gateway 1 USER submit custody:OfferTransfer "$id" Org2MSP

step "Org2's custodian accepts"
gateway 2 CUSTODIAN submit custody:AcceptTransfer "$id"

step "The custody history (each step with its transaction id)"
gateway 1 USER evaluate custody:History "$id"

step "Chaincode events since block 1 (listening for 5 s, then stopping as Ctrl+C would)"
# Job control gives the listener its own process group, so that SIGINT reaches it (a script's background jobs
# otherwise ignore SIGINT) and reaches the client program, not just the subshell running the function.
set -m
gateway 1 USER events 1 &
listener=$!
set +m
sleep 5
kill -INT -- "-$listener" 2>/dev/null || true
wait "$listener" || true

cat <<EOF

Done. The network is still up:
  network/network.sh status                 processes, ports, logs
  network/network.sh query '{"Args":["custody:Read","$id"]}'
  network/network.sh down                   stop it and delete its state
The client sample (run it without arguments for its usage): dotnet $app/GatewaySample.dll
EOF
