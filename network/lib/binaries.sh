# Finding Hyperledger Fabric's binaries: FABRIC_BIN, then PATH, then a per-user cache filled from Hyperledger's
# release tarball. Sourced by network.sh.

# The tools every mode needs on this machine. In process mode the ordering and peer daemons run from the same
# folder; in Docker mode they run from Hyperledger's images and only the tools are needed here.
readonly TOOLS_ALWAYS="peer configtxgen osnadmin cryptogen"
readonly TOOLS_PROCESS_ONLY="orderer"

required_tools() {
  if [ "$RUNTIME" = docker ]; then
    printf '%s' "$TOOLS_ALWAYS"
  else
    printf '%s %s' "$TOOLS_ALWAYS" "$TOOLS_PROCESS_ONLY"
  fi
}

fabric_cache_root() {
  printf '%s/fabric-evidence' "${XDG_CACHE_HOME:-$HOME/.cache}"
}

# Prints the folder with every required tool, or fails with a message saying where it looked.
locate_fabric_bin() {
  local tools missing tool dir
  tools=$(required_tools)

  if [ -n "${FABRIC_BIN:-}" ]; then
    [ -d "$FABRIC_BIN" ] || die "FABRIC_BIN=$FABRIC_BIN is not a folder; set it to the folder holding $tools"
    missing=$(missing_tools "$FABRIC_BIN" "$tools")
    [ -z "$missing" ] || die "FABRIC_BIN=$FABRIC_BIN lacks:$missing (it must hold $tools as executables)"
    (cd "$FABRIC_BIN" && pwd)
    return
  fi

  # Everything on PATH, from one folder, so that the tools and the daemons are of one release.
  if command -v peer >/dev/null 2>&1; then
    dir=$(dirname "$(command -v peer)")
    if [ -z "$(missing_tools "$dir" "$tools")" ]; then
      (cd "$dir" && pwd)
      return
    fi
  fi

  dir="$(fabric_cache_root)/fabric-$FABRIC_VERSION/bin"
  if [ -z "$(missing_tools "$dir" "$tools")" ]; then
    printf '%s' "$dir"
    return
  fi

  download_fabric "$FABRIC_VERSION" "$(dirname "$dir")"
  missing=$(missing_tools "$dir" "$tools")
  [ -z "$missing" ] || die "the Fabric $FABRIC_VERSION release for this platform has no$missing"
  printf '%s' "$dir"
}

missing_tools() {
  local dir=$1 tools=$2 tool missing=""
  for tool in $tools; do
    [ -x "$dir/$tool" ] && [ -f "$dir/$tool" ] || missing="$missing $tool"
  done
  printf '%s' "$missing"
}

# Hyperledger publishes one tarball per release and platform, holding bin/ and config/.
fabric_release_url() {
  local version=$1 os arch
  case $(uname -s) in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) die "Fabric publishes binaries for Linux and macOS only; on $(uname -s) set FABRIC_BIN to binaries you built" ;;
  esac
  case $(uname -m) in
    x86_64 | amd64) arch=amd64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) die "Fabric publishes binaries for amd64 and arm64 only; on $(uname -m) set FABRIC_BIN to binaries you built" ;;
  esac
  # Organisations without access to github.com can point this at a mirror with the same layout.
  local base=${FABRIC_DOWNLOAD_BASE_URL:-https://github.com/hyperledger/fabric/releases/download}
  printf '%s/v%s/hyperledger-fabric-%s-%s-%s.tar.gz' "${base%/}" "$version" "$os" "$arch" "$version"
}

# Downloads and unpacks a release into $target (bin/ and config/ below it). The tarball is unpacked next to the
# target and moved into place only when complete, so an interrupted download never leaves a half-filled cache.
download_fabric() {
  local version=$1 target=$2 url
  url=$(fabric_release_url "$version")
  command -v curl >/dev/null 2>&1 || fabric_bin_help "curl is not installed, so the release cannot be downloaded"
  command -v tar >/dev/null 2>&1 || fabric_bin_help "tar is not installed, so the release cannot be unpacked"

  step "Fabric binaries not found; downloading Fabric $version from $url"
  mkdir -p "$(dirname "$target")"
  (
    work=$(mktemp -d "$(dirname "$target")/.download.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    if ! curl --fail --location --silent --show-error --connect-timeout 15 --max-time 600 \
      --output "$work/fabric.tar.gz" "$url" 2>"$work/curl.log"; then
      fabric_bin_help "the download of $url failed ($(tr '\n' ' ' <"$work/curl.log" | sed 's/ *$//'))"
    fi
    mkdir -p "$work/unpacked"
    tar -xzf "$work/fabric.tar.gz" -C "$work/unpacked" 2>/dev/null ||
      fabric_bin_help "the file downloaded from $url is not a gzip tarball"
    [ -d "$work/unpacked/bin" ] || fabric_bin_help "the tarball from $url has no bin/ folder"
    rm -rf "$target"
    mv "$work/unpacked" "$target"
  ) || exit 1
  log "    Fabric $version cached in $target"
}

fabric_bin_help() {
  die "$1.
    Fabric's binaries were not found: FABRIC_BIN is not set, PATH has no complete set, and the cache
    $(fabric_cache_root)/fabric-$FABRIC_VERSION is empty.
    Provide them in one of these ways:
      - set FABRIC_BIN to a folder holding $(required_tools)
        (the bin/ folder of https://github.com/hyperledger/fabric/releases, version 2.5 or 3.x), or
      - put that folder on PATH, or
      - run this command again on a machine that can reach github.com (it downloads the release), or set
        FABRIC_DOWNLOAD_BASE_URL to a mirror of https://github.com/hyperledger/fabric/releases/download."
}

# The release the binaries say they are, e.g. "2.5.12"; "unknown" for development builds.
fabric_binary_version() {
  local version
  version=$("$1/peer" version 2>/dev/null | sed -n 's/^ *Version: *//p' | head -n 1 || true)
  case $version in
    [0-9]*) printf '%s' "$version" ;;
    *) printf 'unknown' ;;
  esac
}
