# `query`, `invoke` and `env`: the peer CLI against the running network. Sourced by network.sh.

require_network_up() {
  state_is_ours && load_network_env && [ "$NETWORK_STATUS" = up ] ||
    die "no network is up in $STATE_DIR; run 'network.sh up' first"
}

deployed_chaincode_name() {
  local file
  for file in "$STATE_DIR"/chaincode/*/deploy.env; do
    [ -f "$file" ] && { sed -n 's/^CHAINCODE_NAME=//p' "$file"; return; }
  done
  die "no chaincode is deployed; run 'network.sh deploy' first"
}

cmd_query() {
  local args=${1:-} org=${2:-1}
  [ -n "$args" ] || die "usage: network.sh query '{\"Args\":[\"fn\",\"arg\"]}' [1|2]"
  case $org in 1 | 2) ;; *) die "ORG must be 1 or 2 (got '$org')" ;; esac
  require_network_up
  peer_cli "$org" chaincode query -C "$CHANNEL" -n "${NETWORK_CHAINCODE_NAME:-$(deployed_chaincode_name)}" -c "$args" ||
    die "the query failed (the peer's answer is above)"
}

cmd_invoke() {
  local args=${1:-}
  [ -n "$args" ] || die "usage: network.sh invoke '{\"Args\":[\"fn\",\"arg\"]}'"
  require_network_up
  # shellcheck disable=SC2046 # one word per flag
  peer_cli 1 chaincode invoke $(orderer_flags) -C "$CHANNEL" -n "${NETWORK_CHAINCODE_NAME:-$(deployed_chaincode_name)}" \
    -c "$args" --waitForEvent \
    --peerAddresses "$HOST:$ORG1_PEER_PORT" --tlsRootCertFiles "$(org_tls_ca 1)" \
    --peerAddresses "$HOST:$ORG2_PEER_PORT" --tlsRootCertFiles "$(org_tls_ca 2)" ||
    die "the transaction failed (the peer's answer is above)"
}

cmd_env() {
  local org=${1:-}
  case $org in 1 | 2) ;; *) die "usage: network.sh env 1|2   (the organisation whose administrator the CLI acts as)" ;; esac
  require_network_up
  printf 'export FABRIC_CFG_PATH=%q\n' "$STATE_DIR/config/$(peer_name "$org")"
  printf 'export CORE_PEER_LOCALMSPID=%q\n' "$(org_msp_id "$org")"
  printf 'export CORE_PEER_MSPCONFIGPATH=%q\n' "$(org_admin_msp "$org")"
  printf 'export CORE_PEER_ADDRESS=%q\n' "$HOST:$(peer_port "$org")"
  printf 'export CORE_PEER_TLS_ENABLED=true\n'
  printf 'export CORE_PEER_TLS_ROOTCERT_FILE=%q\n' "$(org_tls_ca "$org")"
  printf 'export NETWORK_ORDERER_ADDRESS=%q\n' "$HOST:$ORDERER1_PORT"
  printf 'export NETWORK_ORDERER_TLS_CA=%q\n' "$(orderer_tls_ca)"
  printf 'export PATH=%q:"$PATH"\n' "$FABRIC_BIN_DIR"
}
