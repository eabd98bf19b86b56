#!/usr/bin/env bash
# A local Hyperledger Fabric network for FabricEvidence: two peer organisations, a Raft ordering service, TLS
# everywhere, our chaincode as a service. Plain processes by default (no Docker needed), or Docker containers
# with --docker. See network/README.md.
set -Eeuo pipefail

if [ "${BASH_VERSINFO[0]}" -lt 4 ]; then
  echo "error: network.sh needs bash 4 or later (this is $BASH_VERSION; on macOS: brew install bash)" >&2
  exit 1
fi

NETWORK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$NETWORK_DIR/.." && pwd)

# shellcheck source=lib/common.sh
source "$NETWORK_DIR/lib/common.sh"
# shellcheck source=lib/binaries.sh
source "$NETWORK_DIR/lib/binaries.sh"
# shellcheck source=lib/processes.sh
source "$NETWORK_DIR/lib/processes.sh"
# shellcheck source=lib/network.sh
source "$NETWORK_DIR/lib/network.sh"
# shellcheck source=lib/deploy.sh
source "$NETWORK_DIR/lib/deploy.sh"
# shellcheck source=lib/docker.sh
source "$NETWORK_DIR/lib/docker.sh"
# shellcheck source=lib/client.sh
source "$NETWORK_DIR/lib/client.sh"

usage() {
  cat <<'EOF'
Usage: network/network.sh COMMAND [OPTIONS]

Commands:
  up       Start the network: Org1MSP and Org2MSP with one peer each, a Raft ordering service, channel joined.
             --orderers 1|3          ordering nodes (default 1)
             --channel NAME          application channel (default evidence)
             --fabric-version X.Y.Z  release to download when no binaries are found, and the Docker image tag
                                     (default 2.5.12)
             --docker                run the nodes as containers (network/docker-compose.yaml, Linux only)
  deploy   Package, install, approve, commit and start the chaincode service of each organisation; waits until
           both peers get an answer from it.
             --chaincode-path PATH   .NET chaincode project, folder or .csproj (default chaincode/FabricEvidence.Evidence.Service)
             --chaincode-command CMD start CMD instead of building a .NET project (any language; see README)
             --name NAME             chaincode name (default evidence)
             --version V             chaincode version (default 1.0)
             --label LABEL           package label (default NAME_VERSION)
             --policy POLICY         endorsement policy (default "OR('Org1MSP.peer','Org2MSP.peer')"), or a
                                     channel policy path such as /Channel/Application/Endorsement
             --ready-args JSON       call used to check readiness
                                     (default {"function":"org.hyperledger.fabric:GetMetadata","Args":[]})
             --collections-config F  private data collections of the definition (default: collections_config.json
                                     in the chaincode project's folder, if any; 'none' for no collections)
             --timeout SECONDS       how long to wait for the services (default 120)
  restart-chaincode [ORG] [--name NAME] [--timeout SECONDS]
           Restart the deployed chaincode's services (both, or ORG's: 1 or 2) with the same code and package ids,
           stopping them first if they still run; waits until the peers get an answer again.
  query JSON [ORG]   Evaluate a call on ORG's peer (1 or 2, default 1), e.g. '{"Args":["Get","k1"]}'
  invoke JSON        Submit a transaction endorsed by both peers and wait for its commit
  status   Show the processes, their pids, ports, health and log files (exit status 0 only if all are healthy)
  env ORG  Print shell exports to drive the peer CLI as ORG's administrator (eval "$(network.sh env 1)")
  down     Stop everything this script started and delete the network's state (keys, ledgers, logs)

Fabric binaries come from FABRIC_BIN, else PATH, else ~/.cache/fabric-evidence (downloaded from
github.com/hyperledger/fabric releases when missing). Ports and paths: NETWORK_* variables (see README.md).
EOF
}

# With `set -e` an unexpected failure would end the script without a word; say where it happened. Only the main
# shell reports: inside $(...) a failing test is often expected and handled by the caller.
unexpected_failure() {
  local status=$1 command=$2 file=$3 line=$4
  [ "$BASHPID" = "$$" ] || return 0
  printf 'error: unexpected failure (status %s) of `%s` at %s:%s\n' "$status" "$command" "${file#"$NETWORK_DIR"/}" "$line" >&2
}

main() {
  trap 'unexpected_failure $? "$BASH_COMMAND" "${BASH_SOURCE[0]}" "$LINENO"' ERR
  local command=${1:-}
  [ $# -eq 0 ] || shift
  scrub_fabric_environment
  load_settings
  case $command in
    up) cmd_up "$@" ;;
    deploy) cmd_deploy "$@" ;;
    restart-chaincode) cmd_restart_chaincode "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    query) cmd_query "$@" ;;
    invoke) cmd_invoke "$@" ;;
    env) cmd_env "$@" ;;
    -h | --help | help) usage ;;
    "") usage >&2; exit 2 ;;
    *) die "unknown command '$command' (see network.sh --help)" ;;
  esac
}

main "$@"
