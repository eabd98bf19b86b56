# `deploy`: chaincode as a service. Sourced by network.sh.
#
# Each organisation runs its own chaincode service (as organisations do in production): the service answers
# GetMSPID with its own organisation, and either organisation can restart its service alone. So each
# organisation gets its own package, whose connection.json points at its own service; the package ids differ,
# the chaincode definition (name, version, sequence, policy) is the same.
#
# Several chaincodes (distinct names) run side by side, each with its own pair of services and ports: the first
# name deployed gets NETWORK_ORG1_CHAINCODE_PORT and NETWORK_ORG2_CHAINCODE_PORT (9999, 9998), the next the two
# ports below (9997, 9996), and so on; a name keeps its ports for the life of the network (ports.env).

# The product's evidence contract and the policy it is designed for: any one organisation endorses new records, and
# the contract's key-level policies then require the holder's (and during a transfer the receiver's) endorsement
# for every change to an item (chaincode/FabricEvidence.Evidence.Contract/README.md explains why).
readonly DEFAULT_POLICY="OR('Org1MSP.peer','Org2MSP.peer')"
# The contract API's built-in metadata function: every contract-based chaincode answers it, whatever its own
# functions are.
readonly DEFAULT_READY_ARGS='{"function":"org.hyperledger.fabric:GetMetadata","Args":[]}'

# deploy.env: the chaincode whose services run now (removed when a deploy fails). definition.env: the definition
# last committed for this name, kept even when the services then fail, because it stays committed.
deploy_env_file() { printf '%s/chaincode/%s/deploy.env' "$STATE_DIR" "$CC_NAME"; }
definition_env_file() { printf '%s/chaincode/%s/definition.env' "$STATE_DIR" "$CC_NAME"; }

cmd_deploy() {
  CC_NAME=${NETWORK_CHAINCODE_NAME:-evidence}
  CC_VERSION=${NETWORK_CHAINCODE_VERSION:-1.0}
  CC_LABEL=${NETWORK_CHAINCODE_LABEL:-}
  CC_POLICY=${NETWORK_CHAINCODE_POLICY:-$DEFAULT_POLICY}
  CC_PATH=${NETWORK_CHAINCODE_PATH:-$REPO_ROOT/chaincode/FabricEvidence.Evidence.Service}
  CC_COMMAND=${NETWORK_CHAINCODE_COMMAND:-}
  CC_READY_ARGS=${NETWORK_CHAINCODE_READY_ARGS:-$DEFAULT_READY_ARGS}
  # Unset means "the project's collections_config.json, if it has one"; see resolve_collections_config.
  CC_COLLECTIONS=${NETWORK_CHAINCODE_COLLECTIONS-}
  CC_COLLECTIONS_GIVEN=${NETWORK_CHAINCODE_COLLECTIONS+1}
  CC_TIMEOUT=${NETWORK_DEPLOY_TIMEOUT:-120}
  while [ $# -gt 0 ]; do
    case $1 in
      --name | --version | --label | --policy | --chaincode-path | --chaincode-command | --ready-args | --timeout | \
        --collections-config)
        [ $# -ge 2 ] || die "$1 needs a value"
        deploy_option "$1" "$2"
        shift 2
        ;;
      --*=*) deploy_option "${1%%=*}" "${1#*=}"; shift ;;
      -h | --help) usage; exit 0 ;;
      *) die "deploy: unknown option '$1' (see network.sh --help)" ;;
    esac
  done
  CC_LABEL=${CC_LABEL:-${CC_NAME}_${CC_VERSION}}
  validate_deploy_settings
  resolve_collections_config

  acquire_lock
  trap 'release_lock' EXIT
  state_is_ours && load_network_env && [ "$NETWORK_STATUS" = up ] ||
    die "no network is up in $STATE_DIR; run 'network.sh up' first"
  local node org
  for node in $(node_names); do
    [ "$RUNTIME" = docker ] && [ "$(docker_service_state "$node")" = running ] && continue
    [ "$(process_state "$node")" = running ] ||
      die "$node is not running (see 'network.sh status'); restart the network with 'network.sh down' and 'up'"
  done

  local started=$SECONDS
  # Where the peers' logs stood, so that a failure shows only what this deploy caused.
  for org in 1 2; do
    PEER_LOG_START[$org]=$(wc -l <"$(log_dir)/$(peer_name "$org").log" 2>/dev/null || echo 0)
  done
  DEPLOY_COMPLETE=0
  SERVICES_REPLACED=0
  trap 'deploy_exit' EXIT
  trap 'log "Interrupted."; exit 130' INT TERM

  CC_DIR="$STATE_DIR/chaincode/$CC_NAME"
  mkdir -p "$CC_DIR"
  allocate_chaincode_ports
  COMMITTED_DEFINITION=$(cat "$(definition_env_file)" 2>/dev/null || true)
  prepare_chaincode_command

  for org in 1 2; do
    build_package "$org"
  done
  for org in 1 2; do
    install_package "$org"
  done

  # The services of this name restart whenever deploy runs: that is how new code goes live (a CCaaS package
  # holds no code). Other chaincodes' services are left alone.
  SERVICES_REPLACED=1
  stop_processes_matching "$(cc_process_prefix)*"
  rm -f "$(deploy_env_file)"
  for org in 1 2; do
    start_chaincode_service "$org"
  done

  define_chaincode
  wait_until_ready
  if [ "$CC_SEQUENCE_IS_NEW" = 1 ]; then
    # The peers answer directly now, but the Gateway plans endorsements from what each peer has heard through
    # gossip about the other's chaincodes, which each peer publishes every second (core.yaml). Give that news
    # time to travel, so that an application started right after deploy can submit at once.
    sleep 3
  fi

  write_deploy_env
  DEPLOY_COMPLETE=1
  step "Chaincode '$CC_NAME' $CC_VERSION (sequence $CC_SEQUENCE) ready on channel '$CHANNEL' in $((SECONDS - started))s"
  log "    endorsement policy: $CC_POLICY"
  log "    try: network.sh query '$CC_READY_ARGS'"
}

deploy_option() {
  case $1 in
    --name) CC_NAME=$2 ;;
    --version) CC_VERSION=$2 ;;
    --label) CC_LABEL=$2 ;;
    --policy) CC_POLICY=$2 ;;
    --chaincode-path) CC_PATH=$2 ;;
    --chaincode-command) CC_COMMAND=$2 ;;
    --ready-args) CC_READY_ARGS=$2 ;;
    --collections-config) CC_COLLECTIONS=$2; CC_COLLECTIONS_GIVEN=1 ;;
    --timeout) CC_TIMEOUT=$2 ;;
    *) die "deploy: unknown option '$1' (see network.sh --help)" ;;
  esac
}

validate_deploy_settings() {
  # Fabric's rules for chaincode names and package labels.
  [[ $CC_NAME =~ ^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$ ]] ||
    die "chaincode name '$CC_NAME' is not valid: letters and digits, single '-' or '_' between them"
  [[ $CC_VERSION =~ ^[A-Za-z0-9_.+-]+$ ]] || die "chaincode version '$CC_VERSION' is not valid: use letters, digits and _.+-"
  [[ $CC_LABEL =~ ^[[:alnum:]][[:alnum:]_.+-]*$ ]] ||
    die "package label '$CC_LABEL' is not valid: it must start with a letter or digit, then letters, digits, _ . + -"
  [[ $CC_TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "--timeout must be a number of seconds (got '$CC_TIMEOUT')"
  [ -n "$CC_POLICY" ] || die "--policy must not be empty"
  [[ $CC_READY_ARGS == \{*\} ]] || die "--ready-args must be a JSON object like '{\"Args\":[\"fn\",\"arg\"]}'"
}

# The private data collections of the definition: the file given, none for `none` (or an empty value), else the
# collections_config.json next to the .NET project, so that a chaincode that uses private data deploys with its
# collections without anybody having to remember the option.
resolve_collections_config() {
  if [ "${CC_COLLECTIONS_GIVEN:-}" != 1 ]; then
    local folder=$CC_PATH
    [ -f "$folder" ] && folder=$(dirname "$folder")
    CC_COLLECTIONS=""
    if [ -z "$CC_COMMAND" ] && [ -f "$folder/collections_config.json" ]; then
      CC_COLLECTIONS="$folder/collections_config.json"
    fi
  elif [ "$CC_COLLECTIONS" = none ]; then
    CC_COLLECTIONS=""
  fi
  if [ -n "$CC_COLLECTIONS" ]; then
    [ -f "$CC_COLLECTIONS" ] || die "--collections-config: no file $CC_COLLECTIONS"
    CC_COLLECTIONS=$(cd "$(dirname "$CC_COLLECTIONS")" && pwd)/$(basename "$CC_COLLECTIONS")
    CC_COLLECTIONS_DIGEST=$(file_sha256 "$CC_COLLECTIONS")
  else
    CC_COLLECTIONS_DIGEST=none
  fi
}

file_sha256() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# A deploy that fails before the services are replaced leaves the running deployment as it was; one that fails
# later stops the services it started, so that no half-working chaincode is left behind.
deploy_exit() {
  local status=$?
  if [ "${DEPLOY_COMPLETE:-1}" != 1 ]; then
    if [ "${SERVICES_REPLACED:-0}" = 1 ]; then
      log "Deploy failed; stopping the chaincode services it started..."
      stop_processes_matching "$(cc_process_prefix)*"
      rm -f "$(deploy_env_file)"
      log "No chaincode service is left running; the network itself is still up. Logs: $(log_dir)"
    else
      log "Deploy failed before any chaincode service was touched; what ran before still runs."
    fi
    [ $status -ne 0 ] || status=1
  fi
  release_lock
  exit $status
}

# ----------------------------------------------------------------------------------------------------------------
# The program that serves the chaincode: a .NET project published here, or a command given by the user.

prepare_chaincode_command() {
  if [ -n "$CC_COMMAND" ]; then
    # The command may be a wrapper that execs another program, so only the start time identifies it.
    CC_EXECUTABLE=""
    step "Chaincode service: '$CC_COMMAND' (given with --chaincode-command)"
    return
  fi
  local project
  if [ -f "$CC_PATH" ] && [[ $CC_PATH == *.csproj ]]; then
    project=$CC_PATH
  elif [ -d "$CC_PATH" ]; then
    local found
    found=$(find "$CC_PATH" -maxdepth 1 -name '*.csproj' | sort)
    [ -n "$found" ] || die "$CC_PATH holds no .csproj; point --chaincode-path at the chaincode's .NET project"
    [ "$(wc -l <<<"$found")" -eq 1 ] || die "$CC_PATH holds several projects; name one: --chaincode-path $CC_PATH/<name>.csproj"
    project=$found
  else
    die "no chaincode project at $CC_PATH.
    Pass --chaincode-path <folder or .csproj of a .NET chaincode>, or --chaincode-command '<command>' to run a
    chaincode service you build yourself (see network/README.md)."
  fi
  command -v dotnet >/dev/null 2>&1 || die "dotnet is not on PATH; it is needed to build $project"

  step "Building the chaincode service $project"
  local out="$CC_DIR/app" build_log
  build_log="$(log_dir)/chaincode-build.log"
  rm -rf "$out"
  if ! dotnet publish "$project" -c Release -o "$out" --nologo >"$build_log" 2>&1; then
    show_log_tail "$build_log" 30
    die "building $project failed (log: $build_log)"
  fi
  # The entry assembly is the one with a runtimeconfig.json.
  local runtimeconfig
  runtimeconfig=$(find "$out" -maxdepth 1 -name '*.runtimeconfig.json' | head -n 1)
  [ -n "$runtimeconfig" ] || die "$project did not produce an executable (no *.runtimeconfig.json in $out); is it an Exe project?"
  CC_COMMAND="dotnet $(printf '%q' "${runtimeconfig%.runtimeconfig.json}.dll")"
  CC_EXECUTABLE=dotnet
}

# ----------------------------------------------------------------------------------------------------------------
# CCaaS packages.

# The services of a chaincode name: chaincode.<name>.org1 and chaincode.<name>.org2.
cc_process_prefix() { printf 'chaincode.%s.' "$CC_NAME"; }
cc_process() { printf 'chaincode.%s.org%s' "$CC_NAME" "$1"; }

# CC_ORG1_PORT and CC_ORG2_PORT of $CC_NAME: recorded on its first deploy, otherwise the next free pair below the
# network's chaincode ports.
allocate_chaincode_ports() {
  local file="$CC_DIR/ports.env" taken
  if [ -f "$file" ]; then
    CC_ORG1_PORT=$(sed -n 's/^CC_ORG1_PORT=//p' "$file")
    CC_ORG2_PORT=$(sed -n 's/^CC_ORG2_PORT=//p' "$file")
    return
  fi
  taken=$(find "$STATE_DIR/chaincode" -mindepth 2 -maxdepth 2 -name ports.env 2>/dev/null | wc -l)
  CC_ORG1_PORT=$((ORG1_CHAINCODE_PORT - 2 * taken))
  CC_ORG2_PORT=$((ORG2_CHAINCODE_PORT - 2 * taken))
  printf 'CC_ORG1_PORT=%s\nCC_ORG2_PORT=%s\n' "$CC_ORG1_PORT" "$CC_ORG2_PORT" >"$file"
}

chaincode_port() { local v="CC_ORG$1_PORT"; printf '%s' "${!v}"; }
chaincode_tls_dir() { printf '%s/peers/chaincode.%s/tls' "$(org_dir "$1")" "$(org_domain "$1")"; }

json_string() {
  # PEM and addresses hold no quotes or backslashes; newlines become \n.
  awk 'BEGIN { ORS = "" } { if (NR > 1) printf "\\n"; print }' "$1"
}

build_package() {
  local org=$1 dir
  dir="$CC_DIR/org$org"
  rm -rf "$dir"
  mkdir -p "$dir/code"
  # The peer dials the service with TLS and presents its own TLS certificate (added by our external builder, so
  # that the package holds no private key); the service's certificate is issued by the organisation's TLS CA.
  cat >"$dir/code/connection.json" <<EOF
{
  "address": "$HOST:$(chaincode_port "$org")",
  "dial_timeout": "10s",
  "tls_required": true,
  "client_auth_required": true,
  "root_cert": "$(json_string "$(org_tls_ca "$org")")"
}
EOF
  printf '{"type":"ccaas","label":"%s"}\n' "$CC_LABEL" >"$dir/metadata.json"
  deterministic_tar "$dir/code" "$dir/code.tar.gz" connection.json
  deterministic_tar "$dir" "$dir/$CC_LABEL.tar.gz" metadata.json code.tar.gz
  PACKAGE_FILE[$org]="$dir/$CC_LABEL.tar.gz"
  local out
  out=$(peer_cli "$org" lifecycle chaincode calculatepackageid "${PACKAGE_FILE[$org]}" 2>&1) ||
    die "peer lifecycle chaincode calculatepackageid failed: $out"
  PACKAGE_ID[$org]=$(tail -n 1 <<<"$out")
  [[ ${PACKAGE_ID[$org]} == "$CC_LABEL:"* ]] || die "unexpected package id from calculatepackageid: $out"
}

# The same content gives the same package id on every run: a redeploy with an unchanged connection.json then
# installs nothing and needs no new chaincode definition.
deterministic_tar() {
  local dir=$1 output=$2
  shift 2
  if tar --version 2>/dev/null | grep -q 'GNU tar'; then
    tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 --format=gnu -C "$dir" -cf - "$@" | gzip -n >"$output"
  else
    tar -C "$dir" -cf - "$@" | gzip -n >"$output"
  fi
}

declare -a PACKAGE_FILE PACKAGE_ID PEER_LOG_START

install_package() {
  local org=$1 installed
  installed=$(peer_cli "$org" lifecycle chaincode queryinstalled --output json 2>&1) ||
    die "peer lifecycle chaincode queryinstalled on $(peer_name "$org") failed: $installed"
  if grep -qF "\"${PACKAGE_ID[$org]}\"" <<<"$installed"; then
    log "    $(peer_name "$org"): ${PACKAGE_ID[$org]} is already installed"
    return
  fi
  step "Installing ${PACKAGE_ID[$org]} on $(peer_name "$org")"
  run_logged "peer lifecycle chaincode install on $(peer_name "$org")" \
    peer_cli "$org" lifecycle chaincode install "${PACKAGE_FILE[$org]}"
}

# ----------------------------------------------------------------------------------------------------------------
# Services.

start_chaincode_service() {
  local org=$1 name tls
  name=$(cc_process "$org")
  tls=$(chaincode_tls_dir "$org")
  step "Starting $name on $HOST:$(chaincode_port "$org") (CHAINCODE_ID=${PACKAGE_ID[$org]})"
  require_free_ports "CC_ORG${org}_PORT"
  start_process "$name" "$CC_EXECUTABLE" "$(log_dir)/$name.log" -- \
    env CHAINCODE_ID="${PACKAGE_ID[$org]}" \
    CHAINCODE_SERVER_ADDRESS="$HOST:$(chaincode_port "$org")" \
    CHAINCODE_TLS_DISABLED=false \
    CHAINCODE_TLS_KEY="$tls/server.key" \
    CHAINCODE_TLS_CERT="$tls/server.crt" \
    CHAINCODE_CLIENT_CA_CERT="$(org_tls_ca "$org")" \
    CORE_PEER_LOCALMSPID="$(org_msp_id "$org")" \
    bash -c "exec $CC_COMMAND"
  wait_for_port "$name" "$(chaincode_port "$org")" "$CC_TIMEOUT"
}

# ----------------------------------------------------------------------------------------------------------------
# The chaincode definition: approve for each organisation, then commit.

policy_flags() {
  # A channel policy reference (/Channel/Application/Endorsement) or a signature policy expression.
  if [[ $CC_POLICY == /* ]]; then
    printf '%s\n' --channel-config-policy "$CC_POLICY"
  else
    printf '%s\n' --signature-policy "$CC_POLICY"
  fi
}

orderer_flags() {
  printf '%s\n' -o "$HOST:$ORDERER1_PORT" --tls --cafile "$(orderer_tls_ca)"
}

define_chaincode() {
  local committed current=0 org
  committed=$(peer_cli 1 lifecycle chaincode querycommitted --channelID "$CHANNEL" --name "$CC_NAME" --output json 2>&1) &&
    current=$(sed -n 's/.*"sequence": *\([0-9]*\).*/\1/p' <<<"$committed" | head -n 1)
  current=${current:-0}

  CC_SEQUENCE_IS_NEW=0
  if [ "$current" -gt 0 ] && same_as_recorded_definition "$current"; then
    CC_SEQUENCE=$current
    log "    definition unchanged (sequence $current); services restarted with the committed definition"
    return
  fi
  CC_SEQUENCE=$((current + 1))
  CC_SEQUENCE_IS_NEW=1

  local -a definition policy
  mapfile -t policy < <(policy_flags)
  definition=(--channelID "$CHANNEL" --name "$CC_NAME" --version "$CC_VERSION" --sequence "$CC_SEQUENCE" "${policy[@]}")
  [ -z "$CC_COLLECTIONS" ] || definition+=(--collections-config "$CC_COLLECTIONS")

  local readiness
  readiness=$(peer_cli 1 lifecycle chaincode checkcommitreadiness "${definition[@]}" --output json 2>&1) ||
    { log "$readiness"; die "the chaincode definition was refused (check --policy '$CC_POLICY')"; }
  for org in 1 2; do
    if grep -q "\"$(org_msp_id "$org")\": *true" <<<"$readiness"; then
      log "    $(org_msp_id "$org") has already approved sequence $CC_SEQUENCE"
      continue
    fi
    step "Approving '$CC_NAME' sequence $CC_SEQUENCE for $(org_msp_id "$org")"
    # shellcheck disable=SC2046 # one word per flag
    run_logged "approving the chaincode definition for $(org_msp_id "$org")" peer_cli "$org" \
      lifecycle chaincode approveformyorg $(orderer_flags) "${definition[@]}" --package-id "${PACKAGE_ID[$org]}"
  done

  step "Committing '$CC_NAME' sequence $CC_SEQUENCE to '$CHANNEL'"
  # shellcheck disable=SC2046
  run_logged "committing the chaincode definition" peer_cli 1 lifecycle chaincode commit $(orderer_flags) \
    "${definition[@]}" \
    --peerAddresses "$HOST:$ORG1_PEER_PORT" --tlsRootCertFiles "$(org_tls_ca 1)" \
    --peerAddresses "$HOST:$ORG2_PEER_PORT" --tlsRootCertFiles "$(org_tls_ca 2)"
  {
    printf 'CHAINCODE_SEQUENCE=%s\n' "$CC_SEQUENCE"
    printf 'CHAINCODE_VERSION=%s\n' "$CC_VERSION"
    printf 'CHAINCODE_POLICY=%s\n' "$CC_POLICY"
    printf 'CHAINCODE_COLLECTIONS_SHA256=%s\n' "$CC_COLLECTIONS_DIGEST"
    printf 'CHAINCODE_ORG1_PACKAGE_ID=%s\n' "${PACKAGE_ID[1]}"
    printf 'CHAINCODE_ORG2_PACKAGE_ID=%s\n' "${PACKAGE_ID[2]}"
  } >"$(definition_env_file)"
}

same_as_recorded_definition() {
  local line
  [ -n "$COMMITTED_DEFINITION" ] || return 1
  for line in "CHAINCODE_SEQUENCE=$1" "CHAINCODE_VERSION=$CC_VERSION" "CHAINCODE_POLICY=$CC_POLICY" \
    "CHAINCODE_COLLECTIONS_SHA256=$CC_COLLECTIONS_DIGEST" \
    "CHAINCODE_ORG1_PACKAGE_ID=${PACKAGE_ID[1]}" "CHAINCODE_ORG2_PACKAGE_ID=${PACKAGE_ID[2]}"; do
    grep -qxF -- "$line" <<<"$COMMITTED_DEFINITION" || return 1
  done
}

# Each peer is asked through its own organisation's service until both answer: proof that the definition is
# committed, the peer reached the service over TLS, and the service registered with the right package id.
wait_until_ready() {
  local orgs=("$@")
  [ ${#orgs[@]} -gt 0 ] || orgs=(1 2)
  step "Waiting until the chaincode service of ${#orgs[@]} organisation(s) answers $CC_READY_ARGS"
  local org deadline out remaining
  deadline=$((SECONDS + CC_TIMEOUT))
  for org in "${orgs[@]}"; do
    while :; do
      remaining=$((deadline - SECONDS))
      [ $remaining -gt 0 ] || remaining=1
      # A peer waiting for a chaincode that never registers holds the call open; the deadline is ours.
      if out=$(run_with_timeout "$remaining" peer_cli "$org" chaincode query -C "$CHANNEL" -n "$CC_NAME" \
        -c "$CC_READY_ARGS" 2>&1); then
        break
      fi
      if [ "$(process_state "$(cc_process "$org")")" != running ]; then
        show_log_tail "$(log_dir)/$(cc_process "$org").log"
        describe_exit "$(cc_process "$org")"
        die "$(cc_process "$org") exited$EXIT_NOTE (log: $(log_dir)/$(cc_process "$org").log)"
      fi
      if [ $SECONDS -ge $deadline ]; then
        [ -z "$out" ] || log "    last answer from $(peer_name "$org"): $(tail -n 3 <<<"$out" | cut -c1-400)"
        show_log_tail "$(log_dir)/$(cc_process "$org").log" 10
        show_log_errors "$(log_dir)/$(peer_name "$org").log" "${PEER_LOG_START[$org]:-0}" 5
        die "the chaincode did not answer through $(peer_name "$org") within ${CC_TIMEOUT}s"
      fi
      sleep 1
    done
    log "    $(peer_name "$org") -> $(cc_process "$org"): OK"
  done
}

write_deploy_env() {
  local file
  file=$(deploy_env_file)
  {
    printf 'CHAINCODE_NAME=%s\n' "$CC_NAME"
    printf 'CHAINCODE_VERSION=%s\n' "$CC_VERSION"
    printf 'CHAINCODE_SEQUENCE=%s\n' "$CC_SEQUENCE"
    printf 'CHAINCODE_LABEL=%s\n' "$CC_LABEL"
    printf 'CHAINCODE_POLICY=%s\n' "$CC_POLICY"
    printf 'CHAINCODE_COMMAND=%s\n' "$CC_COMMAND"
    printf 'CHAINCODE_EXECUTABLE=%s\n' "$CC_EXECUTABLE"
    printf 'CHAINCODE_READY_ARGS=%s\n' "$CC_READY_ARGS"
    printf 'CHAINCODE_COLLECTIONS=%s\n' "$CC_COLLECTIONS"
    printf 'CHAINCODE_ORG1_PACKAGE_ID=%s\n' "${PACKAGE_ID[1]}"
    printf 'CHAINCODE_ORG2_PACKAGE_ID=%s\n' "${PACKAGE_ID[2]}"
    printf 'CHAINCODE_ORG1_ADDRESS=%s:%s\n' "$HOST" "$(chaincode_port 1)"
    printf 'CHAINCODE_ORG2_ADDRESS=%s:%s\n' "$HOST" "$(chaincode_port 2)"
  } >"$file"
}

deployment_summary() {
  local file
  for file in "$STATE_DIR"/chaincode/*/deploy.env; do
    [ -f "$file" ] || continue
    printf '\nChaincode %s %s (sequence %s), policy %s\n' \
      "$(sed -n 's/^CHAINCODE_NAME=//p' "$file")" "$(sed -n 's/^CHAINCODE_VERSION=//p' "$file")" \
      "$(sed -n 's/^CHAINCODE_SEQUENCE=//p' "$file")" "$(sed -n 's/^CHAINCODE_POLICY=//p' "$file")"
    printf '  Org1MSP package %s\n  Org2MSP package %s\n' \
      "$(sed -n 's/^CHAINCODE_ORG1_PACKAGE_ID=//p' "$file")" "$(sed -n 's/^CHAINCODE_ORG2_PACKAGE_ID=//p' "$file")"
  done
}

# ----------------------------------------------------------------------------------------------------------------
# restart-chaincode: the running deployment's services, stopped if they still run and started again with the same
# command and package ids, without building, packaging or touching the definition. For a service that crashed, or
# to check how clients live through a chaincode outage.

cmd_restart_chaincode() {
  local -a orgs=(1 2)
  CC_NAME=${NETWORK_CHAINCODE_NAME:-}
  CC_TIMEOUT=${NETWORK_DEPLOY_TIMEOUT:-120}
  while [ $# -gt 0 ]; do
    case $1 in
      1 | 2) orgs=("$1"); shift ;;
      --name) [ $# -ge 2 ] || die "--name needs a value"; CC_NAME=$2; shift 2 ;;
      --name=*) CC_NAME=${1#*=}; shift ;;
      --timeout) [ $# -ge 2 ] || die "--timeout needs a value"; CC_TIMEOUT=$2; shift 2 ;;
      --timeout=*) CC_TIMEOUT=${1#*=}; shift ;;
      -h | --help) usage; exit 0 ;;
      *) die "restart-chaincode: unknown argument '$1' (give 1 or 2 for one organisation's service, or nothing for both)" ;;
    esac
  done
  [[ $CC_TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "--timeout must be a number of seconds (got '$CC_TIMEOUT')"

  acquire_lock
  trap 'release_lock' EXIT
  state_is_ours && load_network_env && [ "$NETWORK_STATUS" = up ] ||
    die "no network is up in $STATE_DIR; run 'network.sh up' first"
  local file deployed
  deployed=$(find "$STATE_DIR/chaincode" -mindepth 2 -maxdepth 2 -name deploy.env 2>/dev/null | sort)
  [ -n "$deployed" ] || die "no chaincode is deployed in $STATE_DIR; run 'network.sh deploy' first"
  if [ -n "${CC_NAME:-}" ]; then
    file="$STATE_DIR/chaincode/$CC_NAME/deploy.env"
    [ -f "$file" ] || die "no chaincode named '$CC_NAME' is deployed; deployed: $(sed -n 's/^CHAINCODE_NAME=//p' $deployed | tr '\n' ' ')"
  elif [ "$(wc -l <<<"$deployed")" -gt 1 ]; then
    die "several chaincodes are deployed ($(sed -n 's/^CHAINCODE_NAME=//p' $deployed | tr '\n' ' ')); name one with --name"
  else
    file=$deployed
  fi
  CC_NAME=$(sed -n 's/^CHAINCODE_NAME=//p' "$file")
  CC_DIR="$STATE_DIR/chaincode/$CC_NAME"
  allocate_chaincode_ports
  CC_COMMAND=$(sed -n 's/^CHAINCODE_COMMAND=//p' "$file")
  CC_EXECUTABLE=$(sed -n 's/^CHAINCODE_EXECUTABLE=//p' "$file")
  CC_READY_ARGS=$(sed -n 's/^CHAINCODE_READY_ARGS=//p' "$file")
  PACKAGE_ID[1]=$(sed -n 's/^CHAINCODE_ORG1_PACKAGE_ID=//p' "$file")
  PACKAGE_ID[2]=$(sed -n 's/^CHAINCODE_ORG2_PACKAGE_ID=//p' "$file")
  [ -n "$CC_COMMAND" ] && [ -n "${PACKAGE_ID[1]}" ] && [ -n "${PACKAGE_ID[2]}" ] ||
    die "$file is incomplete; run 'network.sh deploy' again"

  local started=$SECONDS org
  for org in "${orgs[@]}"; do
    PEER_LOG_START[$org]=$(wc -l <"$(log_dir)/$(peer_name "$org").log" 2>/dev/null || echo 0)
    stop_process "$(cc_process "$org")"
    # Keep the log of the run that ended (a crash's last words), once.
    [ ! -f "$(log_dir)/$(cc_process "$org").log" ] || mv "$(log_dir)/$(cc_process "$org").log" "$(log_dir)/$(cc_process "$org").previous.log"
    start_chaincode_service "$org"
  done
  wait_until_ready "${orgs[@]}"
  step "Chaincode '$CC_NAME' restarted in $((SECONDS - started))s"
}
