# --docker: the ordering nodes and peers run as containers from Hyperledger's images, described by
# network/docker-compose.yaml. Everything else (identities, configuration, channel, chaincode services) is the
# same as in process mode: the containers use the host's network and see the state directory at the same path,
# so the very same configuration files serve both modes. Sourced by network.sh.

readonly COMPOSE_PROJECT=fabric-evidence

docker_compose() {
  # Values the compose file interpolates.
  FABRIC_EVIDENCE_STATE=$STATE_DIR \
    FABRIC_EVIDENCE_BUILDERS="$NETWORK_DIR/builders" \
    FABRIC_EVIDENCE_UID="$(id -u)" \
    FABRIC_EVIDENCE_GID="$(id -g)" \
    FABRIC_VERSION=$FABRIC_VERSION \
    docker compose --project-name "$COMPOSE_PROJECT" --file "$NETWORK_DIR/docker-compose.yaml" \
    --profile three-orderers "$@"
}

docker_start_nodes() {
  local log
  log="$(log_dir)/docker-compose.log"
  if ! docker_compose up --detach --no-recreate "$@" >>"$log" 2>&1; then
    show_log_tail "$log"
    die "docker compose could not start $* (log: $log)"
  fi
}

docker_service_state() {
  docker inspect --format '{{.State.Status}}' "$COMPOSE_PROJECT-$1" 2>/dev/null || printf 'absent'
}

docker_running_services() {
  local name
  for name in $(node_names); do
    [ "$(docker_service_state "$name")" = running ] && printf '%s\n' "$name"
  done
  return 0
}

docker_wait_for_health() {
  local name=$1 port=$2 timeout=$3 deadline
  deadline=$((SECONDS + timeout))
  until [ "$(health_of "$port")" = OK ]; do
    if [ "$(docker_service_state "$name")" != running ] || [ $SECONDS -ge $deadline ]; then
      docker logs --tail 20 "$COMPOSE_PROJECT-$name" >&2 2>&1 || true
      die "container $name did not become healthy within ${timeout}s ('docker logs $COMPOSE_PROJECT-$name')"
    fi
    sleep 0.5
  done
}

docker_stop_nodes() {
  command -v docker >/dev/null 2>&1 || { warn "docker is not on PATH; containers of $COMPOSE_PROJECT may still run"; return 0; }
  docker_compose down --remove-orphans --timeout 15 >&2 || warn "docker compose down failed; check 'docker ps'"
}
