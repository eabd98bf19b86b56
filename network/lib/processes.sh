# Starting, watching and stopping the network's processes. Sourced by network.sh.
#
# Each process started here has a record $STATE_DIR/pids/<name> with four lines: pid, start time as `ps` reports
# it, the executable's name, and the log file. A process is ours only while its pid has the recorded start time
# (and, when an executable name is recorded, still runs that executable): after a reboot or a crash the pid may
# belong to somebody else's program, which must never be signalled. The executable name is left empty for
# user-given chaincode commands, which may be wrappers that exec another program.

pid_dir() { printf '%s/pids' "$STATE_DIR"; }
log_dir() { printf '%s/logs' "$STATE_DIR"; }

# Both print nothing (and succeed) for a pid that does not exist.
process_start_time() {
  { LC_ALL=C ps -o lstart= -p "$1" 2>/dev/null || true; } | sed 's/^ *//; s/ *$//'
}

process_args() {
  ps -o args= -p "$1" 2>/dev/null || true
}

# start_process NAME EXECUTABLE_NAME LOG -- COMMAND [ARGS...]
# Runs COMMAND in the background, detached from this shell, with stdout and stderr in LOG. Environment for the
# process is passed by the caller through `env VAR=value` in COMMAND.
start_process() {
  local name=$1 executable=$2 logfile=$3
  shift 4
  mkdir -p "$(pid_dir)" "$(dirname "$logfile")"
  nohup "$@" >"$logfile" 2>&1 </dev/null &
  local pid=$! started=""
  # ps may not list a process in the first instant after fork; the start time identifies it from now on.
  local tries=0
  while [ -z "$started" ] && [ $tries -lt 20 ]; do
    started=$(process_start_time "$pid")
    [ -n "$started" ] || sleep 0.05
    tries=$((tries + 1))
  done
  printf '%s\n%s\n%s\n%s\n' "$pid" "$started" "$executable" "$logfile" >"$(pid_dir)/$name"
  [ -n "$started" ] || {
    show_log_tail "$logfile"
    describe_exit "$name"
    die "$name exited immediately$EXIT_NOTE (log: $logfile)"
  }
}

# Prints the state of a recorded process: running, exited, or foreign (the pid now belongs to another program).
process_state() {
  local record pid started executable
  record="$(pid_dir)/$1"
  [ -f "$record" ] || { printf 'unknown'; return; }
  { read -r pid; read -r started; read -r executable; } <"$record"
  # A zombie (ended, not yet reaped by its parent) still answers kill -0.
  if ! kill -0 "$pid" 2>/dev/null || [[ $(ps -o stat= -p "$pid" 2>/dev/null || true) == *Z* ]]; then
    printf 'exited'
  elif [ "$(process_start_time "$pid")" != "$started" ] ||
    { [ -n "$executable" ] && [[ $(process_args "$pid") != *"$executable"* ]]; }; then
    printf 'foreign'
  else
    printf 'running'
  fi
}

# Sets EXIT_NOTE to " with status N" for a process this shell started and that has ended, else to "". Must run
# in this shell, not in $(...): only the parent shell can collect a child's status.
describe_exit() {
  local pid status
  EXIT_NOTE=""
  pid=$(record_field "$1" 1)
  [ -n "$pid" ] || return 0
  wait "$pid" 2>/dev/null && status=0 || status=$?
  # 127: not a child of this shell, so its status is unknown.
  [ "$status" -eq 127 ] || EXIT_NOTE=" with status $status"
}

record_field() {
  sed -n "${2}p" "$(pid_dir)/$1" 2>/dev/null || true
}

# Stops one recorded process: SIGTERM, then SIGKILL after a grace period. Never signals a pid that is no longer
# ours. Removes the record.
stop_process() {
  local name=$1 grace=${2:-15} record pid state
  record="$(pid_dir)/$name"
  [ -f "$record" ] || return 0
  pid=$(record_field "$name" 1)
  state=$(process_state "$name")
  case $state in
    running)
      kill -TERM "$pid" 2>/dev/null || true
      local waited=0
      while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt $((grace * 10)) ]; do
        sleep 0.1
        waited=$((waited + 1))
      done
      if kill -0 "$pid" 2>/dev/null && [ "$(process_state "$name")" = running ]; then
        warn "$name (pid $pid) did not stop within ${grace}s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 0.2
      fi
      log "    stopped $name (pid $pid)"
      ;;
    foreign)
      warn "$name: pid $pid now belongs to another program ($(process_args "$pid")); left alone"
      ;;
    *) ;;
  esac
  rm -f "$record"
}

recorded_processes() {
  local dir
  dir=$(pid_dir)
  [ -d "$dir" ] || return 0
  ls -1 "$dir"
}

# Stops the recorded processes whose name matches a glob, in the order given by the caller's patterns.
stop_processes_matching() {
  local pattern name
  for pattern in "$@"; do
    for name in $(recorded_processes); do
      # shellcheck disable=SC2053 # glob match on purpose
      [[ $name == $pattern ]] && stop_process "$name"
    done
  done
  return 0
}

# Shows the last errors of a Fabric log written after line FROM, each cut to one screen line; stack traces are
# left out.
show_log_errors() {
  local file=$1 from=${2:-0} lines=${3:-8} found
  [ -s "$file" ] || return 0
  found=$(tail -n +"$((from + 1))" "$file" | grep -E ' (ERRO|PANI|FATA) ' | tail -n "$lines" | cut -c1-400 || true)
  [ -n "$found" ] || return 0
  log "    --- errors in $file ---"
  sed 's/^/    /' <<<"$found" >&2
  log "    ---"
}

# run_with_timeout SECONDS COMMAND...: runs COMMAND, killing it after SECONDS; status 124 then. (coreutils'
# timeout is not on every system, e.g. macOS.)
run_with_timeout() {
  local limit=$(($1 * 10)) pid ticks=0 status
  shift
  "$@" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if [ $ticks -ge $limit ]; then
      # COMMAND may be a shell function, whose subshell runs the program as its child.
      pkill -TERM -P "$pid" 2>/dev/null || true
      kill -TERM "$pid" 2>/dev/null || true
      wait "$pid" 2>/dev/null || true
      return 124
    fi
    sleep 0.1
    ticks=$((ticks + 1))
  done
  wait "$pid" && status=0 || status=$?
  return $status
}

# ----------------------------------------------------------------------------------------------------------------
# Ports.

port_is_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# Names the program listening on a port, if the system lets us see it.
port_owner() {
  local port=$1 owner=""
  if command -v ss >/dev/null 2>&1; then
    owner=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'users:(("[^"]*",pid=[0-9]*' | head -n 1 |
      sed 's/users:(("\([^"]*\)",pid=\([0-9]*\)/\1 (pid \2)/' || true)
  fi
  if [ -z "$owner" ] && command -v lsof >/dev/null 2>&1; then
    owner=$(lsof -nP -iTCP:"$port" -sTCP:LISTEN 2>/dev/null | awk 'NR==2 {print $1 " (pid " $2 ")"}' || true)
  fi
  printf '%s' "$owner"
}

# Fails, naming every busy port and its owner, if any of the given port settings is in use.
require_free_ports() {
  local name port owner busy=""
  for name in "$@"; do
    port=${!name}
    if port_is_open "$HOST" "$port"; then
      owner=$(port_owner "$port")
      busy="$busy
    port $port (NETWORK_$name) is in use${owner:+ by $owner}"
    fi
  done
  [ -z "$busy" ] || die "cannot start: $busy
    Stop what uses these ports, or choose other ports through the NETWORK_* variables shown (see network/README.md)."
}

# wait_for_port NAME PORT TIMEOUT: waits until the process NAME listens on PORT; fails early if it exits.
wait_for_port() {
  local name=$1 port=$2 timeout=$3 deadline
  deadline=$((SECONDS + timeout))
  until port_is_open "$HOST" "$port"; do
    if [ "$(process_state "$name")" != running ]; then
      show_log_tail "$(record_field "$name" 4)"
      describe_exit "$name"
      die "$name exited$EXIT_NOTE during start-up (log: $(record_field "$name" 4))"
    fi
    [ $SECONDS -lt $deadline ] || {
      show_log_tail "$(record_field "$name" 4)"
      die "$name did not listen on port $port within ${timeout}s (log: $(record_field "$name" 4))"
    }
    sleep 0.2
  done
}

# wait_for_health NAME OPERATIONS_PORT TIMEOUT: waits for the node's /healthz to answer OK.
wait_for_health() {
  local name=$1 port=$2 timeout=$3 deadline
  deadline=$((SECONDS + timeout))
  until [ "$(health_of "$port")" = OK ]; do
    if [ "$(process_state "$name")" != running ]; then
      show_log_tail "$(record_field "$name" 4)"
      describe_exit "$name"
      die "$name exited$EXIT_NOTE during start-up (log: $(record_field "$name" 4))"
    fi
    [ $SECONDS -lt $deadline ] || {
      show_log_tail "$(record_field "$name" 4)"
      die "$name did not report healthy on http://$HOST:$port/healthz within ${timeout}s (log: $(record_field "$name" 4))"
    }
    sleep 0.2
  done
}

# Prints OK, the failing checks, or "unreachable", from a Fabric node's operations endpoint.
health_of() {
  local body
  body=$(curl --silent --max-time 2 "http://$HOST:$1/healthz" 2>/dev/null) || { printf 'unreachable'; return; }
  if [[ $body == *'"status":"OK"'* ]]; then
    printf 'OK'
  else
    printf '%s' "${body:-no answer}"
  fi
}
