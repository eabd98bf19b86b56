# `up`, `down` and `status`. Sourced by network.sh.

network_env_file() { printf '%s/network.env' "$STATE_DIR"; }
setup_log() { printf '%s/setup.log' "$(log_dir)"; }

# Runs a Fabric tool with its output in the setup log; on failure shows the end of that log and stops.
run_logged() {
  local what=$1
  shift
  printf '\n$ %s\n' "$*" >>"$(setup_log)"
  if ! "$@" >>"$(setup_log)" 2>&1; then
    show_log_tail "$(setup_log)"
    die "$what failed (full output: $(setup_log))"
  fi
}

# The peer CLI acting as an organisation's administrator against that organisation's peer.
peer_cli() {
  local org=$1
  shift
  env FABRIC_CFG_PATH="$STATE_DIR/config/$(peer_name "$org")" \
    CORE_PEER_LOCALMSPID="$(org_msp_id "$org")" \
    CORE_PEER_MSPCONFIGPATH="$(org_admin_msp "$org")" \
    CORE_PEER_ADDRESS="$HOST:$(peer_port "$org")" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_ROOTCERT_FILE="$(org_tls_ca "$org")" \
    "$FABRIC_BIN_DIR/peer" "$@"
}

osnadmin_cli() {
  local n=$1
  shift
  local admin
  admin="$(orderer_org_dir)/users/Admin@example.com/tls"
  "$FABRIC_BIN_DIR/osnadmin" "$@" -o "$HOST:$(orderer_admin_port "$n")" --ca-file "$(orderer_tls_ca)" \
    --client-cert "$admin/client.crt" --client-key "$admin/client.key"
}

# osnadmin exits with status 0 whatever the HTTP status was; joining succeeded only with "Status: 201".
osnadmin_join() {
  local n=$1 out
  out=$(osnadmin_cli "$n" channel join --channelID "$CHANNEL" --config-block "$STATE_DIR/channel/$CHANNEL.block" 2>&1) || true
  printf '\n$ osnadmin channel join (orderer%s)\n%s\n' "$n" "$out" >>"$(setup_log)"
  grep -q '^Status: 201' <<<"$out" || die "orderer$n refused to join '$CHANNEL': $(tr '\n\t' '  ' <<<"$out")"
}

# ----------------------------------------------------------------------------------------------------------------
# State directory and the record of the running network.

state_is_ours() { [ -f "$STATE_DIR/$STATE_MARKER" ]; }

# Serialises commands working on one state directory: two `up`s at once would fight over ports and files.
acquire_lock() {
  LOCK_DIR="$STATE_DIR.lock"
  mkdir -p "$(dirname "$LOCK_DIR")"
  if ! mkdir "$LOCK_DIR" 2>/dev/null; then
    local holder
    holder=$(cat "$LOCK_DIR/pid" 2>/dev/null || true)
    if [ -n "$holder" ] && kill -0 "$holder" 2>/dev/null; then
      die "another network.sh command (pid $holder) is working on $STATE_DIR; wait for it to finish"
    fi
    # The holder died without cleaning up.
    rm -rf "$LOCK_DIR"
    mkdir "$LOCK_DIR" 2>/dev/null || die "cannot take the lock $LOCK_DIR"
  fi
  printf '%s\n' "$$" >"$LOCK_DIR/pid"
}

release_lock() {
  [ -n "${LOCK_DIR:-}" ] && [ "$(cat "$LOCK_DIR/pid" 2>/dev/null)" = "$$" ] && rm -rf "$LOCK_DIR"
  return 0
}

# Writes network.env: the settings in force, the paths a client needs, and the status (starting or up). Tests
# and scripts read this file; keys are stable.
write_network_env() {
  local status=$1 file n org
  file=$(network_env_file)
  {
    printf '# Written by network/network.sh; read by `network.sh deploy|status|down` and the integration tests.\n'
    printf 'NETWORK_STATUS=%s\n' "$status"
    printf 'NETWORK_RUNTIME=%s\n' "$RUNTIME"
    printf 'NETWORK_STATE_DIR=%s\n' "$STATE_DIR"
    printf 'FABRIC_BIN=%s\n' "$FABRIC_BIN_DIR"
    printf 'FABRIC_VERSION=%s\n' "$FABRIC_VERSION"
    printf 'FABRIC_BINARY_VERSION=%s\n' "${FABRIC_BINARY_VERSION:-unknown}"
    printf 'NETWORK_CHANNEL=%s\n' "$CHANNEL"
    printf 'NETWORK_ORDERERS=%s\n' "$ORDERER_COUNT"
    for name in $(all_port_names); do
      printf 'NETWORK_%s=%s\n' "$name" "${!name}"
    done
    printf 'NETWORK_ORDERER_ADDRESS=%s:%s\n' "$HOST" "$ORDERER1_PORT"
    printf 'NETWORK_ORDERER_TLS_CA=%s\n' "$(orderer_tls_ca)"
    for org in 1 2; do
      printf 'NETWORK_ORG%s_MSP_ID=%s\n' "$org" "$(org_msp_id "$org")"
      printf 'NETWORK_ORG%s_PEER_ADDRESS=%s:%s\n' "$org" "$HOST" "$(peer_port "$org")"
      printf 'NETWORK_ORG%s_PEER_HOST_NAME=peer0.%s\n' "$org" "$(org_domain "$org")"
      printf 'NETWORK_ORG%s_TLS_CA=%s\n' "$org" "$(org_tls_ca "$org")"
      printf 'NETWORK_ORG%s_ADMIN_MSP=%s\n' "$org" "$(org_admin_msp "$org")"
      printf 'NETWORK_ORG%s_USER_MSP=%s/users/User1@%s/msp\n' "$org" "$(org_dir "$org")" "$(org_domain "$org")"
      local role
      for role in $ATTRIBUTE_ROLES; do
        printf 'NETWORK_ORG%s_%s_MSP=%s/users/%s@%s/msp\n' "$org" "${role^^}" "$(org_dir "$org")" "${role^}" "$(org_domain "$org")"
      done
      printf 'NETWORK_ORG%s_PEER_CONFIG=%s/config/%s\n' "$org" "$STATE_DIR" "$(peer_name "$org")"
    done
  } >"$file.tmp"
  mv "$file.tmp" "$file"
}

# Loads the settings a previous `up` recorded. Values come from our own file, written by write_network_env.
load_network_env() {
  local file key value
  file=$(network_env_file)
  [ -f "$file" ] || return 1
  while IFS='=' read -r key value; do
    case $key in
      NETWORK_* | FABRIC_BIN | FABRIC_VERSION | FABRIC_BINARY_VERSION) printf -v "$key" '%s' "$value" ;;
    esac
  done <"$file"
  # The recorded values become the settings of this command.
  FABRIC_BIN_DIR=$FABRIC_BIN
  CHANNEL=$NETWORK_CHANNEL
  ORDERER_COUNT=$NETWORK_ORDERERS
  RUNTIME=$NETWORK_RUNTIME
  for key in $(all_port_names); do
    value="NETWORK_$key"
    printf -v "$key" '%s' "${!value}"
  done
  return 0
}

node_names() {
  local n
  for n in $(seq 1 "$ORDERER_COUNT"); do printf 'orderer%s\n' "$n"; done
  printf '%s\n' "$(peer_name 1)" "$(peer_name 2)"
}

# ----------------------------------------------------------------------------------------------------------------
# up

cmd_up() {
  while [ $# -gt 0 ]; do
    case $1 in
      --orderers) ORDERER_COUNT=${2:-}; shift 2 || die "--orderers needs a value (1 or 3)" ;;
      --orderers=*) ORDERER_COUNT=${1#*=}; shift ;;
      --fabric-version) FABRIC_VERSION=${2:-}; VERSION_GIVEN=1; shift 2 || die "--fabric-version needs a value, e.g. 2.5.12" ;;
      --fabric-version=*) FABRIC_VERSION=${1#*=}; VERSION_GIVEN=1; shift ;;
      --channel) CHANNEL=${2:-}; shift 2 || die "--channel needs a value" ;;
      --channel=*) CHANNEL=${1#*=}; shift ;;
      --docker) RUNTIME=docker; shift ;;
      -h | --help) usage; exit 0 ;;
      *) die "up: unknown option '$1' (see network.sh --help)" ;;
    esac
  done
  validate_settings
  acquire_lock
  trap 'release_lock' EXIT

  if load_network_env; then
    if [ "$NETWORK_STATUS" != up ]; then
      die "an earlier 'up' in $STATE_DIR did not finish (it was killed?). Run 'network.sh down' to remove what it left, then 'up' again."
    fi
    if [ -n "$(running_nodes)" ]; then
      die "the network is already up (state in $STATE_DIR; running: $(running_nodes | tr '\n' ' ')). Use 'network.sh status', or 'network.sh down' first."
    fi
    die "$STATE_DIR holds a network that is not running (its processes have exited). Run 'network.sh down' to remove it, then 'up' again."
  fi
  if [ -d "$STATE_DIR" ] && ! state_is_ours && [ -n "$(ls -A "$STATE_DIR" 2>/dev/null)" ]; then
    die "$STATE_DIR exists and was not created by network.sh; choose another NETWORK_STATE_DIR or empty it yourself"
  fi

  local started=$SECONDS
  FABRIC_BIN_DIR=$(locate_fabric_bin) || exit 1
  FABRIC_BINARY_VERSION=$(fabric_binary_version "$FABRIC_BIN_DIR")
  if [ "${VERSION_GIVEN:-0}" = 1 ] && [ "$FABRIC_BINARY_VERSION" != unknown ] && [ "$FABRIC_BINARY_VERSION" != "$FABRIC_VERSION" ]; then
    warn "--fabric-version $FABRIC_VERSION, but the binaries in $FABRIC_BIN_DIR are version $FABRIC_BINARY_VERSION; they are used as found (--fabric-version chooses what is downloaded, and the Docker images)"
  fi
  command -v curl >/dev/null 2>&1 || die "curl is not installed; network.sh uses it to check the nodes' health endpoints"
  if [ "$RUNTIME" = docker ]; then
    docker_compose version >/dev/null 2>&1 || die "--docker needs Docker with the compose plugin ('docker compose version' failed)"
  fi
  # shellcheck disable=SC2046 # one word per port name
  require_free_ports $(all_port_names)

  # From here on a failure removes everything this command created.
  UP_COMPLETE=0
  trap 'up_exit' EXIT
  trap 'log "Interrupted."; exit 130' INT TERM

  rm -rf "$STATE_DIR"
  mkdir -p "$STATE_DIR" "$(log_dir)"
  : >"$STATE_DIR/$STATE_MARKER"
  write_network_env starting

  step "Fabric binaries: $FABRIC_BIN_DIR (version $FABRIC_BINARY_VERSION)"
  generate_crypto
  generate_channel_block
  write_node_configs
  start_orderers
  join_orderers
  start_peers
  join_peers

  write_network_env up
  UP_COMPLETE=1
  step "Network up in $((SECONDS - started))s: channel '$CHANNEL', $ORDERER_COUNT ordering node(s), peers of Org1MSP and Org2MSP"
  log "    Next: network.sh deploy   |   network.sh status   |   network.sh down"
}

up_exit() {
  local status=$?
  if [ "${UP_COMPLETE:-1}" != 1 ]; then
    log "Cleaning up after the failed start..."
    stop_all_nodes
    # Keep the logs, so the failure can be read; remove everything else (keys, ledgers, configuration).
    if state_is_ours; then
      find "$STATE_DIR" -mindepth 1 -maxdepth 1 ! -name logs ! -name "$STATE_MARKER" -exec rm -rf {} +
    fi
    log "Nothing is left running. Logs of the failed start: $(log_dir)"
    [ $status -ne 0 ] || status=1
  fi
  release_lock
  exit $status
}

generate_crypto() {
  step "Generating identities with cryptogen"
  local specs="" n
  for n in $(seq 1 "$ORDERER_COUNT"); do
    specs="$specs      - Hostname: orderer$n
        SANS: [localhost, 127.0.0.1]
"
  done
  render_template "$NETWORK_DIR/templates/crypto-config.yaml" "$STATE_DIR/config/crypto-config.yaml" \
    "ORDERER_SPECS=${specs%$'\n'}"
  run_logged "cryptogen" "$FABRIC_BIN_DIR/cryptogen" generate \
    --config "$STATE_DIR/config/crypto-config.yaml" --output "$(crypto_dir)"
  local org role
  for org in 1 2; do
    for role in $ATTRIBUTE_ROLES; do
      issue_attribute_user "$org" "$role"
    done
  done
}

# The roles the product's contracts check, one user per role and organisation: evidence custody (investigator,
# storage receiver, custodian, prosecutor, judge) and identity attestation (issuer, holder, verifier).
ATTRIBUTE_ROLES="investigator storage custodian prosecutor judge issuer holder verifier"

# cryptogen cannot put attributes in certificates, and contracts check them (the evidence contract's Submit needs
# role=investigator, ConfirmStorage role=storage, and so on). So each organisation also gets one client user per role,
# issued by its CA the way Fabric CA issues enrolled users with attributes: the extension 1.2.3.4.5.6.7.8.1 holds
# the JSON {"attrs":{...}} as its raw value. The MSP folder mirrors cryptogen's User1 (same config.yaml with node
# OUs, CA and TLS CA certificates); OU=client makes it a client under the channel's policies.
issue_attribute_user() {
  local org=$1 role=$2 domain ca user msp name hex
  command -v openssl >/dev/null 2>&1 || die "openssl is not installed; network.sh uses it to issue the users with attributes"
  domain=$(org_domain "$org")
  ca="$(org_dir "$org")/ca"
  name="${role^}@$domain"
  user="$(org_dir "$org")/users/$name"
  msp="$user/msp"
  mkdir -p "$msp"
  cp -R "$(org_dir "$org")/users/User1@$domain/msp/." "$msp/"
  rm -f "$msp"/signcerts/* "$msp"/keystore/*
  hex=$(printf '{"attrs":{"role":"%s"}}' "$role" | od -An -v -tx1 | tr -d ' \n')
  cat >"$user/extensions.cnf" <<EOF
[client]
keyUsage = critical, digitalSignature
basicConstraints = critical, CA:FALSE
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
1.2.3.4.5.6.7.8.1 = DER:$hex
EOF
  run_logged "creating the key of $name" openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -out "$msp/keystore/priv_sk"
  run_logged "creating the certificate request of $name" openssl req -new -key "$msp/keystore/priv_sk" \
    -subj "/C=US/ST=California/L=San Francisco/OU=client/CN=$name" -out "$user/request.csr"
  run_logged "issuing the certificate of $name" openssl x509 -req -in "$user/request.csr" \
    -CA "$ca/ca.$domain-cert.pem" -CAkey "$ca/priv_sk" -set_serial "0x$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')" \
    -days 3650 -sha256 -extfile "$user/extensions.cnf" -extensions client -out "$msp/signcerts/$name-cert.pem"
  rm -f "$user/request.csr" "$user/extensions.cnf"
}

generate_channel_block() {
  step "Creating the genesis block of channel '$CHANNEL'"
  local endpoints="" consenters="" n tls
  for n in $(seq 1 "$ORDERER_COUNT"); do
    tls="$(orderer_node_dir "$n")/tls/server.crt"
    endpoints="$endpoints      - $HOST:$(orderer_port "$n")
"
    consenters="$consenters          - Host: $HOST
            Port: $(orderer_port "$n")
            ClientTLSCert: $tls
            ServerTLSCert: $tls
"
  done
  render_template "$NETWORK_DIR/templates/configtx.yaml" "$STATE_DIR/config/configtx.yaml" \
    "ORDERER_ORG_MSP_DIR=$(orderer_org_dir)/msp" \
    "ORDERER_ENDPOINTS=${endpoints%$'\n'}" \
    "CONSENTERS=${consenters%$'\n'}" \
    "ORG1_MSP_DIR=$(org_dir 1)/msp" "ORG1_PEER_HOST=$HOST" "ORG1_PEER_PORT=$ORG1_PEER_PORT" \
    "ORG2_MSP_DIR=$(org_dir 2)/msp" "ORG2_PEER_HOST=$HOST" "ORG2_PEER_PORT=$ORG2_PEER_PORT" \
    "PROFILE=ChannelGenesis" "BATCH_TIMEOUT=$BATCH_TIMEOUT"
  mkdir -p "$STATE_DIR/channel"
  run_logged "configtxgen" "$FABRIC_BIN_DIR/configtxgen" -configPath "$STATE_DIR/config" \
    -profile ChannelGenesis -channelID "$CHANNEL" -outputBlock "$STATE_DIR/channel/$CHANNEL.block"
}

write_node_configs() {
  local n org port ops_var
  for n in $(seq 1 "$ORDERER_COUNT"); do
    ops_var="ORDERER${n}_OPERATIONS_PORT"
    render_template "$NETWORK_DIR/templates/orderer.yaml" "$STATE_DIR/config/orderer$n/orderer.yaml" \
      "ORDERER_NAME=orderer$n.example.com" "LISTEN_HOST=$HOST" "LISTEN_PORT=$(orderer_port "$n")" \
      "TLS_DIR=$(orderer_node_dir "$n")/tls" "MSP_DIR=$(orderer_node_dir "$n")/msp" "MSP_ID=OrdererMSP" \
      "DATA_DIR=$STATE_DIR/data/orderer$n" "OPERATIONS_ADDRESS=$HOST:${!ops_var}" \
      "ADMIN_ADDRESS=$HOST:$(orderer_admin_port "$n")"
  done
  for org in 1 2; do
    port=$(peer_port "$org")
    local cc_var="ORG${org}_PEER_CHAINCODE_PORT" peer_ops_var="ORG${org}_PEER_OPERATIONS_PORT"
    render_template "$NETWORK_DIR/templates/core.yaml" "$STATE_DIR/config/$(peer_name "$org")/core.yaml" \
      "PEER_NAME=peer0.$(org_domain "$org")" "NETWORK_ID=fabric-evidence" "MSP_ID=$(org_msp_id "$org")" \
      "MSP_DIR=$(peer_node_dir "$org")/msp" "DATA_DIR=$STATE_DIR/data/$(peer_name "$org")" \
      "PEER_ADDRESS=$HOST:$port" "CHAINCODE_LISTEN_ADDRESS=$HOST:${!cc_var}" \
      "TLS_DIR=$(peer_node_dir "$org")/tls" "BUILDER_DIR=$NETWORK_DIR/builders/ccaas" \
      "OPERATIONS_ADDRESS=$HOST:${!peer_ops_var}"
  done
}

start_orderers() {
  step "Starting $ORDERER_COUNT ordering node(s)"
  local n ops_var
  if [ "$RUNTIME" = docker ]; then
    # shellcheck disable=SC2046 # one word per node name
    docker_start_nodes $(for n in $(seq 1 "$ORDERER_COUNT"); do printf 'orderer%s ' "$n"; done)
  else
    for n in $(seq 1 "$ORDERER_COUNT"); do
      start_process "orderer$n" orderer "$(log_dir)/orderer$n.log" -- \
        env FABRIC_CFG_PATH="$STATE_DIR/config/orderer$n" "$FABRIC_BIN_DIR/orderer"
    done
  fi
  for n in $(seq 1 "$ORDERER_COUNT"); do
    ops_var="ORDERER${n}_OPERATIONS_PORT"
    wait_for_node "orderer$n" "${!ops_var}"
    log "    orderer$n.example.com listening on $HOST:$(orderer_port "$n") (admin $HOST:$(orderer_admin_port "$n"))"
  done
}

join_orderers() {
  step "Joining the ordering node(s) to '$CHANNEL' (channel participation API)"
  local n
  for n in $(seq 1 "$ORDERER_COUNT"); do
    osnadmin_join "$n"
  done
  wait_for_raft_leader
}

# Transactions need a Raft leader. Every ordering node exposes whether it leads the channel as a metric.
wait_for_raft_leader() {
  local deadline n ops_var metrics
  deadline=$((SECONDS + START_TIMEOUT))
  while :; do
    for n in $(seq 1 "$ORDERER_COUNT"); do
      ops_var="ORDERER${n}_OPERATIONS_PORT"
      metrics=$(curl --silent --max-time 2 "http://$HOST:${!ops_var}/metrics" 2>/dev/null || true)
      if grep -q "^consensus_etcdraft_is_leader{channel=\"$CHANNEL\"} 1" <<<"$metrics"; then
        log "    orderer$n leads channel '$CHANNEL'"
        return 0
      fi
    done
    [ $SECONDS -lt $deadline ] || {
      for n in $(seq 1 "$ORDERER_COUNT"); do show_log_tail "$(log_dir)/orderer$n.log" 10; done
      die "no Raft leader was elected for '$CHANNEL' within ${START_TIMEOUT}s (logs: $(log_dir))"
    }
    sleep 0.3
  done
}

start_peers() {
  step "Starting the peers of Org1MSP and Org2MSP"
  local org ops_var
  if [ "$RUNTIME" = docker ]; then
    docker_start_nodes "$(peer_name 1)" "$(peer_name 2)"
  else
    for org in 1 2; do
      start_process "$(peer_name "$org")" peer "$(log_dir)/$(peer_name "$org").log" -- \
        env FABRIC_CFG_PATH="$STATE_DIR/config/$(peer_name "$org")" \
        CCAAS_CLIENT_CERT="$(peer_node_dir "$org")/tls/server.crt" \
        CCAAS_CLIENT_KEY="$(peer_node_dir "$org")/tls/server.key" \
        "$FABRIC_BIN_DIR/peer" node start
    done
  fi
  for org in 1 2; do
    ops_var="ORG${org}_PEER_OPERATIONS_PORT"
    wait_for_node "$(peer_name "$org")" "${!ops_var}"
    log "    peer0.$(org_domain "$org") listening on $HOST:$(peer_port "$org")"
  done
}

join_peers() {
  step "Joining the peers to '$CHANNEL'"
  local org
  for org in 1 2; do
    run_logged "peer channel join on $(peer_name "$org")" peer_cli "$org" channel join \
      -b "$STATE_DIR/channel/$CHANNEL.block"
  done
  wait_for_gossip
}

# The channel is usable by the Gateway only once each peer knows the other organisation's peer through gossip:
# endorsements are planned from that view. Each peer reports how many channel members it knows on its metrics
# endpoint; wait until both know the other.
wait_for_gossip() {
  local org port deadline known
  deadline=$((SECONDS + START_TIMEOUT))
  for org in 1 2; do
    port="ORG${org}_PEER_OPERATIONS_PORT"
    port=${!port}
    while :; do
      known=$(curl --silent --max-time 2 "http://$HOST:$port/metrics" 2>/dev/null |
        sed -n "s/^gossip_membership_total_peers_known{channel=\"$CHANNEL\"} \([0-9]*\).*/\1/p" | head -n 1)
      [ "${known:-0}" -ge 1 ] && break
      [ $SECONDS -lt $deadline ] || {
        show_log_errors "$(log_dir)/$(peer_name "$org").log" 0 5
        die "$(peer_name "$org") did not learn of the other organisation's peer on '$CHANNEL' through gossip within ${START_TIMEOUT}s (metrics: http://$HOST:$port/metrics)"
      }
      sleep 0.5
    done
  done
  log "    the peers know each other on '$CHANNEL' (gossip)"
}

wait_for_node() {
  local name=$1 ops_port=$2
  if [ "$RUNTIME" = docker ]; then
    docker_wait_for_health "$name" "$ops_port" "$START_TIMEOUT"
  else
    wait_for_health "$name" "$ops_port" "$START_TIMEOUT"
  fi
}

# Names of the nodes that run now.
running_nodes() {
  local name
  if [ "$RUNTIME" = docker ]; then
    docker_running_services
    return
  fi
  for name in $(recorded_processes); do
    [ "$(process_state "$name")" = running ] && printf '%s\n' "$name"
  done
  return 0
}

stop_all_nodes() {
  # Chaincode first (it serves the peers), then peers (they read from the orderers), then the ordering nodes.
  stop_processes_matching 'chaincode.*'
  if [ "$RUNTIME" = docker ]; then
    docker_stop_nodes
  else
    stop_processes_matching 'peer*' 'orderer*'
  fi
  # Any other record (a process this script started and no rule above names).
  stop_processes_matching '*'
}

# ----------------------------------------------------------------------------------------------------------------
# down

cmd_down() {
  case ${1:-} in
    "") ;;
    -h | --help) usage; exit 0 ;;
    *) die "down takes no options (got '$1')" ;;
  esac
  acquire_lock
  trap 'release_lock' EXIT
  if [ ! -d "$STATE_DIR" ]; then
    log "Nothing to stop: $STATE_DIR does not exist."
    return 0
  fi
  state_is_ours || die "$STATE_DIR was not created by network.sh (no $STATE_MARKER file); not touching it"
  load_network_env || true
  step "Stopping the network in $STATE_DIR"
  stop_all_nodes
  rm -rf "$STATE_DIR"
  step "Network removed (processes stopped, keys, ledgers and logs deleted)"
}

# ----------------------------------------------------------------------------------------------------------------
# status

cmd_status() {
  case ${1:-} in
    "") ;;
    -h | --help) usage; exit 0 ;;
    *) die "status takes no options (got '$1')" ;;
  esac
  if ! state_is_ours || ! load_network_env; then
    if [ -d "$(log_dir)" ]; then
      log "No network is up. Logs of the last failed start: $(log_dir)"
    else
      log "No network is up (no state in $STATE_DIR)."
    fi
    exit 3
  fi

  printf 'Network in %s: %s, channel %s, Fabric %s (%s), %s\n' "$STATE_DIR" "$NETWORK_STATUS" "$CHANNEL" \
    "$FABRIC_BINARY_VERSION" "$FABRIC_BIN_DIR" "$RUNTIME"
  printf '%-16s %-8s %-9s %-34s %-12s %s\n' NAME PID STATE PORTS HEALTH LOG
  local n org all_ok=1
  for n in $(seq 1 "$ORDERER_COUNT"); do
    local ops_var="ORDERER${n}_OPERATIONS_PORT"
    status_line "orderer$n" "$(orderer_port "$n") admin:$(orderer_admin_port "$n") ops:${!ops_var}" \
      "$(health_of "${!ops_var}")" || all_ok=0
  done
  for org in 1 2; do
    local ops_var="ORG${org}_PEER_OPERATIONS_PORT" cc_var="ORG${org}_PEER_CHAINCODE_PORT"
    status_line "$(peer_name "$org")" "$(peer_port "$org") cc:${!cc_var} ops:${!ops_var}" \
      "$(health_of "${!ops_var}")" || all_ok=0
  done
  local name port health
  for name in $(recorded_processes); do
    case $name in
      orderer[0-9] | peer0.org[12]) continue ;;
      chaincode.*.org[12])
        # The port is in the chaincode's ports.env (chaincode.<name>.org<N>).
        local cc=${name#chaincode.}
        cc=${cc%.org[12]}
        port=$(sed -n "s/^CC_ORG${name##*.org}_PORT=//p" "$STATE_DIR/chaincode/$cc/ports.env" 2>/dev/null)
        ;;
      *) port="" ;;
    esac
    health=-
    if [ -n "$port" ]; then
      health=listening
      port_is_open "$HOST" "$port" || health="not listening"
    fi
    status_line "$name" "${port:--}" "$health" || all_ok=0
  done
  deployment_summary
  [ $all_ok = 1 ] || exit 1
}

# One row of the status table; returns non-zero when the node does not run or is unhealthy.
status_line() {
  local name=$1 ports=$2 health=$3 pid state logfile
  if [ "$RUNTIME" = docker ] && [[ $name != chaincode.* ]]; then
    pid=container
    state=$(docker_service_state "$name")
    logfile="docker compose logs $name"
  else
    pid=$(record_field "$name" 1)
    state=$(process_state "$name")
    logfile=$(record_field "$name" 4)
  fi
  printf '%-16s %-8s %-9s %-34s %-12s %s\n' "$name" "${pid:--}" "$state" "$ports" "$health" "${logfile:-}"
  [ "$state" = running ] && { [ "$health" = OK ] || [ "$health" = listening ] || [ "$health" = - ]; }
}
