# Shared helpers of network.sh: messages, settings, templates. Sourced, never run.

# ----------------------------------------------------------------------------------------------------------------
# Messages. Everything a user must read goes to stderr, so that stdout stays free for machine-readable output
# (`network.sh env`).

log() { printf '%s\n' "$*" >&2; }
step() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }

# Stops the command. The EXIT trap of the running command (up, deploy) cleans up what was started.
die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}

# Prints the last lines of a log file, indented, to show why something failed without sending the user hunting.
show_log_tail() {
  local file=$1 lines=${2:-20}
  [ -s "$file" ] || return 0
  log "    --- last $lines lines of $file ---"
  tail -n "$lines" "$file" | sed 's/^/    /' >&2
  log "    ---"
}

# ----------------------------------------------------------------------------------------------------------------
# Settings. Each one is an environment variable with a default; `up` records the values it used in
# $STATE_DIR/network.env so that later commands work on the network that is actually running.

# The state directory must carry this file before anything in it is deleted: a mistyped NETWORK_STATE_DIR must
# never lead `down` to remove a directory this script did not create.
readonly STATE_MARKER=.fabric-evidence-network

load_settings() {
  STATE_DIR=${NETWORK_STATE_DIR:-$NETWORK_DIR/.state}
  case $STATE_DIR in
    /*) ;;
    *) STATE_DIR=$PWD/$STATE_DIR ;;
  esac
  STATE_DIR=${STATE_DIR%/}
  [ -n "$STATE_DIR" ] && [ "$STATE_DIR" != / ] || die "NETWORK_STATE_DIR must name a directory other than /"

  FABRIC_VERSION=${FABRIC_VERSION:-2.5.12}
  CHANNEL=${NETWORK_CHANNEL:-evidence}
  ORDERER_COUNT=${NETWORK_ORDERERS:-1}
  RUNTIME=${NETWORK_RUNTIME:-process}
  START_TIMEOUT=${NETWORK_START_TIMEOUT:-60}
  BATCH_TIMEOUT=${NETWORK_BATCH_TIMEOUT:-500ms}

  ORDERER1_PORT=${NETWORK_ORDERER1_PORT:-7050}
  ORDERER1_ADMIN_PORT=${NETWORK_ORDERER1_ADMIN_PORT:-7053}
  ORDERER1_OPERATIONS_PORT=${NETWORK_ORDERER1_OPERATIONS_PORT:-9443}
  ORDERER2_PORT=${NETWORK_ORDERER2_PORT:-7150}
  ORDERER2_ADMIN_PORT=${NETWORK_ORDERER2_ADMIN_PORT:-7153}
  ORDERER2_OPERATIONS_PORT=${NETWORK_ORDERER2_OPERATIONS_PORT:-9446}
  ORDERER3_PORT=${NETWORK_ORDERER3_PORT:-7250}
  ORDERER3_ADMIN_PORT=${NETWORK_ORDERER3_ADMIN_PORT:-7253}
  ORDERER3_OPERATIONS_PORT=${NETWORK_ORDERER3_OPERATIONS_PORT:-9447}

  ORG1_PEER_PORT=${NETWORK_ORG1_PEER_PORT:-7051}
  ORG1_PEER_CHAINCODE_PORT=${NETWORK_ORG1_PEER_CHAINCODE_PORT:-7052}
  ORG1_PEER_OPERATIONS_PORT=${NETWORK_ORG1_PEER_OPERATIONS_PORT:-9444}
  ORG2_PEER_PORT=${NETWORK_ORG2_PEER_PORT:-9051}
  ORG2_PEER_CHAINCODE_PORT=${NETWORK_ORG2_PEER_CHAINCODE_PORT:-9052}
  ORG2_PEER_OPERATIONS_PORT=${NETWORK_ORG2_PEER_OPERATIONS_PORT:-9445}

  ORG1_CHAINCODE_PORT=${NETWORK_ORG1_CHAINCODE_PORT:-9999}
  ORG2_CHAINCODE_PORT=${NETWORK_ORG2_CHAINCODE_PORT:-9998}

  # Every node listens on the loopback interface only: this is a development network.
  HOST=127.0.0.1

  # Fabric colours its log lines by default, which makes log files hard to read and to grep.
  export FABRIC_LOGGING_FORMAT=${FABRIC_LOGGING_FORMAT:-'%{time:2006-01-02 15:04:05.000 MST} %{level:.4s} [%{module}] %{shortfunc}: %{message}'}
}

# Checks the settings `up` is about to use, before anything is created.
validate_settings() {
  case $ORDERER_COUNT in
    1 | 3) ;;
    *) die "--orderers must be 1 or 3 (Raft needs an odd number of nodes; got '$ORDERER_COUNT')" ;;
  esac
  case $RUNTIME in
    process | docker) ;;
    *) die "NETWORK_RUNTIME must be 'process' or 'docker' (got '$RUNTIME')" ;;
  esac
  # Fabric's channel name rule: lower case letters, digits, dots and dashes, starting with a letter.
  [[ $CHANNEL =~ ^[a-z][a-z0-9.-]{0,248}$ ]] ||
    die "channel name '$CHANNEL' is not valid: use lower-case letters, digits, '.' and '-', starting with a letter"
  [[ $START_TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "NETWORK_START_TIMEOUT must be a number of seconds (got '$START_TIMEOUT')"
  [[ $FABRIC_VERSION =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[A-Za-z0-9.]+)?$ ]] ||
    die "--fabric-version must look like 2.5.12 or 3.1.1 (got '$FABRIC_VERSION')"

  local name value seen=" "
  for name in $(all_port_names); do
    value=${!name}
    [[ $value =~ ^[0-9]+$ ]] && [ "$value" -ge 1 ] && [ "$value" -le 65535 ] ||
      die "NETWORK_$name must be a TCP port number (got '$value')"
    case $seen in
      *" $value "*) die "port $value is configured twice (NETWORK_$name and another setting); give each its own port" ;;
    esac
    seen="$seen$value "
  done
}

# The port settings this topology uses (orderers 2 and 3 only with three ordering nodes).
all_port_names() {
  local n
  for n in $(seq 1 "$ORDERER_COUNT"); do
    printf '%s\n' "ORDERER${n}_PORT" "ORDERER${n}_ADMIN_PORT" "ORDERER${n}_OPERATIONS_PORT"
  done
  printf '%s\n' ORG1_PEER_PORT ORG1_PEER_CHAINCODE_PORT ORG1_PEER_OPERATIONS_PORT \
    ORG2_PEER_PORT ORG2_PEER_CHAINCODE_PORT ORG2_PEER_OPERATIONS_PORT ORG1_CHAINCODE_PORT ORG2_CHAINCODE_PORT
}

# Fabric binaries and the nodes they start must see only the configuration this script writes. A CORE_* or
# ORDERER_* variable left in the user's shell (the usual way to drive the peer CLI by hand) would silently
# override it, so they are removed from this script's environment.
scrub_fabric_environment() {
  local name
  for name in $(compgen -e); do
    case $name in
      CORE_* | ORDERER_* | FABRIC_CFG_PATH | CHAINCODE_*) unset "$name" ;;
    esac
  done
}

# ----------------------------------------------------------------------------------------------------------------
# Templates: files under network/templates with {{NAME}} placeholders. Values may span lines.

render_template() {
  local template=$1 output=$2
  shift 2
  local content pair key
  content=$(<"$template") || die "cannot read template $template"
  for pair in "$@"; do
    key=${pair%%=*}
    content=${content//"{{$key}}"/"${pair#*=}"}
  done
  if [[ $content == *"{{"*"}}"* ]]; then
    local missing
    missing=$(grep -o '{{[A-Z0-9_]*}}' <<<"$content" | sort -u | tr '\n' ' ')
    die "template $template has placeholders without a value: $missing"
  fi
  mkdir -p "$(dirname "$output")"
  printf '%s\n' "$content" >"$output"
}

# ----------------------------------------------------------------------------------------------------------------
# Names and paths of the generated material.

crypto_dir() { printf '%s/crypto' "$STATE_DIR"; }
orderer_org_dir() { printf '%s/ordererOrganizations/example.com' "$(crypto_dir)"; }
org_domain() { printf 'org%s.example.com' "$1"; }
org_msp_id() { printf 'Org%sMSP' "$1"; }
org_dir() { printf '%s/peerOrganizations/%s' "$(crypto_dir)" "$(org_domain "$1")"; }
peer_name() { printf 'peer0.org%s' "$1"; }
peer_node_dir() { printf '%s/peers/peer0.%s' "$(org_dir "$1")" "$(org_domain "$1")"; }
orderer_node_dir() { printf '%s/orderers/orderer%s.example.com' "$(orderer_org_dir)" "$1"; }
orderer_tls_ca() { printf '%s/tlsca/tlsca.example.com-cert.pem' "$(orderer_org_dir)"; }
org_tls_ca() { printf '%s/tlsca/tlsca.%s-cert.pem' "$(org_dir "$1")" "$(org_domain "$1")"; }
org_admin_msp() { printf '%s/users/Admin@%s/msp' "$(org_dir "$1")" "$(org_domain "$1")"; }
peer_port() { local v="ORG$1_PEER_PORT"; printf '%s' "${!v}"; }
orderer_port() { local v="ORDERER$1_PORT"; printf '%s' "${!v}"; }
orderer_admin_port() { local v="ORDERER$1_ADMIN_PORT"; printf '%s' "${!v}"; }
