#!/usr/bin/env bash
# The main job in one command: an investigator's evidence file, from the seizure to a custody transfer, on a real
# Fabric network. It starts the local network (network/network.sh up), deploys the evidence contract (deploy), starts
# the storage service with the Storage user's own Fabric identity, then drives everything with the `evidence` tool:
# a file is submitted (hashed, uploaded, confirmed by the storage service on the ledger), verified (and a tampered copy
# caught), transferred from Org1 to Org2 and accepted, and its custody history shown; then the item's offline bundle is
# exported for a court, verified with no network, reported on in HTML; then the identity contract is deployed, an
# issuer registered by both organisations, a credential issued, presented with two claims only, verified by Org2's
# police verifier, suspended and refused, reinstated and verified again; finally the verification portal is started
# for courts and identity verifiers.
# Everything it started is stopped and deleted at the end, also on failure or Ctrl+C.
#
# Needs the .NET SDK 10 and Hyperledger Fabric's binaries: export FABRIC_BIN=/path/to/fabric/bin (peer, orderer,
# configtxgen, osnadmin, cryptogen). Settings: NETWORK_STATE_DIR (default network/.state), STORAGE_PORT (5080),
# PORTAL_PORT (5081), EVIDENCE_FILE_MB (size of the demo file, 32), KEEP_NETWORK=1 (leave the network up at the end),
# OUTPUT_DIR (where the bundle and report are kept, default /tmp/fabric-evidence-court); on a terminal it waits for Enter at the end.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$root"
network=network/network.sh

bold=$'\e[1m' dim=$'\e[2m' green=$'\e[32m' red=$'\e[31m' reset=$'\e[0m'
[ -t 1 ] || bold='' dim='' green='' red='' reset=''
section() { printf '\n%s━━ %s %s%s\n' "$bold" "$1" "$(printf '━%.0s' $(seq 1 $((70 - ${#1}))))" "$reset"; }
note() { printf '%s%s%s\n' "$dim" "$*" "$reset"; }
ok() { printf '%s✔%s %s\n' "$green" "$reset" "$*"; }
die() { printf '%serror:%s %s\n' "$red" "$reset" "$*" >&2; exit 1; }

case ${1:-} in
  -h | --help)
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    exit 0
    ;;
  "") ;;
  *) die "run.sh takes no arguments (see ./run.sh --help)" ;;
esac

command -v dotnet >/dev/null || die "the .NET SDK is not on PATH; install .NET SDK 10 (https://dotnet.microsoft.com/download)"
[ -n "${FABRIC_BIN:-}" ] ||
  die "FABRIC_BIN is not set: export FABRIC_BIN=/path/to/fabric/bin (a folder with peer, orderer, configtxgen, osnadmin and cryptogen; see network/README.md)"
for tool in peer orderer configtxgen osnadmin cryptogen; do
  [ -x "$FABRIC_BIN/$tool" ] || die "FABRIC_BIN=$FABRIC_BIN has no executable '$tool'; point it at the bin folder of a Fabric 2.5 or 3.x release"
done
command -v curl >/dev/null || die "curl is needed to wait for the storage service; install it"

export NETWORK_STATE_DIR=${NETWORK_STATE_DIR:-$root/network/.state}
port=${STORAGE_PORT:-5080}
portal_port=${PORTAL_PORT:-5081}
output=${OUTPUT_DIR:-${TMPDIR:-/tmp}/fabric-evidence-court}
size_mb=${EVIDENCE_FILE_MB:-32}
work=$(mktemp -d "${TMPDIR:-/tmp}/fabric-evidence-run.XXXXXX")
storage_pid=''
portal_pid=''
started_network=''

cleanup() {
  local status=$?
  set +e
  if [ -n "$portal_pid" ]; then
    kill "$portal_pid" 2>/dev/null && wait "$portal_pid" 2>/dev/null
  fi
  if [ -n "$storage_pid" ]; then
    kill "$storage_pid" 2>/dev/null && wait "$storage_pid" 2>/dev/null
  fi
  if [ -n "$started_network" ] && [ -z "${KEEP_NETWORK:-}" ]; then
    section "Stopping"
    "$network" down >"$work/down.log" 2>&1 && ok "network stopped and its state deleted" || note "network/network.sh down failed; see $work/down.log"
  fi
  if [ "$status" -eq 0 ]; then
    rm -rf "$work"
  else
    note "logs kept in $work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# logged LOG COMMAND...: runs quietly; on failure prints the log's last lines and stops.
logged() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 || { tail -n 25 "$log" >&2; die "'$*' failed (full log: $log)"; }
}

section "Building the evidence tool, the storage service and the verification portal"
logged "$work/build-cli.log" dotnet build sdk/FabricEvidence.Cli/FabricEvidence.Cli.csproj -c Release --nologo -v quiet
logged "$work/build-storage.log" dotnet build sdk/FabricEvidence.Evidence.StorageService/FabricEvidence.Evidence.StorageService.csproj -c Release --nologo -v quiet
logged "$work/build-portal.log" dotnet build sdk/FabricEvidence.Verification.Portal/FabricEvidence.Verification.Portal.csproj -c Release --nologo -v quiet
cli=sdk/FabricEvidence.Cli/bin/Release/net10.0/FabricEvidence.Cli.dll
service=sdk/FabricEvidence.Evidence.StorageService/bin/Release/net10.0/FabricEvidence.Evidence.StorageService.dll
portal=sdk/FabricEvidence.Verification.Portal/bin/Release/net10.0/FabricEvidence.Verification.Portal.dll
evidence() { dotnet "$cli" "$@"; }
ok "built"

section "Starting the Fabric network (2 organisations, 1 orderer)"
"$network" status >/dev/null 2>&1 && die "a network is already running in $NETWORK_STATE_DIR; stop it (network/network.sh down) or set another NETWORK_STATE_DIR"
started_network=1
logged "$work/up.log" "$network" up
env_file=$NETWORK_STATE_DIR/network.env
setting() { sed -n "s/^$1=//p" "$env_file"; }
ok "network up: $(setting NETWORK_ORG1_MSP_ID) at $(setting NETWORK_ORG1_PEER_ADDRESS), $(setting NETWORK_ORG2_MSP_ID) at $(setting NETWORK_ORG2_PEER_ADDRESS), channel $(setting NETWORK_CHANNEL)"

section "Deploying the evidence contract"
logged "$work/deploy.log" "$network" deploy
ok "evidence contract running as a service for both organisations"

section "Starting the storage service as $(setting NETWORK_ORG1_MSP_ID)'s Storage user"
ca() { ls "$(setting "NETWORK_ORG$1_INVESTIGATOR_MSP")"/cacerts/*.pem | head -n 1; }
StorageService__Fabric__MspId=$(setting NETWORK_ORG1_MSP_ID) \
StorageService__Fabric__MspDirectory=$(setting NETWORK_ORG1_STORAGE_MSP) \
StorageService__Fabric__Endpoint=https://$(setting NETWORK_ORG1_PEER_ADDRESS) \
StorageService__Fabric__TlsRootCertificatePath=$(setting NETWORK_ORG1_TLS_CA) \
StorageService__Fabric__ChannelName=$(setting NETWORK_CHANNEL) \
StorageService__Fabric__ChaincodeName=evidence \
StorageService__FileSystem__RootPath=$work/objects \
StorageService__Integrity__Enabled=false \
StorageService__Authentication__Organisations__Org1MSP__CaCertificates__0=$(ca 1) \
StorageService__Authentication__Organisations__Org2MSP__CaCertificates__0=$(ca 2) \
ASPNETCORE_URLS=http://127.0.0.1:$port \
  dotnet "$service" >"$work/storage.log" 2>&1 &
storage_pid=$!
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$storage_pid" 2>/dev/null || { tail -n 25 "$work/storage.log" >&2; die "the storage service stopped (log: $work/storage.log)"; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || die "the storage service did not become healthy in 30 s (log: $work/storage.log)"
export EVIDENCE_STORAGE_URL=http://127.0.0.1:$port
ok "storage service at $EVIDENCE_STORAGE_URL, objects in $work/objects, signing as $(setting NETWORK_ORG1_STORAGE_MSP | sed 's|.*/users/||; s|/msp$||')"

file=$work/laptop-disk.img
head -c "$((size_mb * 1024 * 1024))" /dev/urandom >"$file"
id=EV-$(date -u +%Y%m%d)-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')

section "1. An investigator of Org1 submits the file"
note "\$ evidence submit laptop-disk.img --id $id --case CASE-2026/17 --description \"Disk image of the seized laptop\" --user investigator"
evidence submit "$file" --id "$id" --case CASE-2026/17 --description "Disk image of the seized laptop" --user investigator

section "2. Anyone verifies a copy against the ledger"
note "\$ evidence verify $id laptop-disk.img"
evidence verify "$id" "$file"
cp "$file" "$work/tampered.img"
printf 'x' | dd of="$work/tampered.img" bs=1 seek=1000 conv=notrunc status=none
note "\$ evidence verify $id tampered.img     (one byte changed)"
status=0
evidence verify "$id" "$work/tampered.img" || status=$?
[ "$status" -eq 5 ] || die "verify should have failed with exit code 5 for the tampered copy, not $status"
ok "the tampered copy was caught (exit code 5)"

section "3. Org1's custodian transfers custody to Org2, whose custodian accepts"
note "\$ evidence transfer $id --to Org2MSP --purpose \"Forensic analysis\" --user custodian"
evidence transfer "$id" --to Org2MSP --purpose "Forensic analysis" --user custodian
note "\$ evidence accept $id --org 2 --user custodian"
evidence accept "$id" --org 2 --user custodian

section "4. The custody history"
note "\$ evidence history $id"
evidence history "$id"

section "5. A court's offline bundle: exported, verified with no network, reported on"
mkdir -p "$output"
bundle=$output/$id.bundle.zip
note "\$ evidence bundle export $id -o $bundle"
evidence bundle export "$id" -o "$bundle"
note "\$ evidence bundle verify $bundle --file $id=laptop-disk.img     (offline: no peer, no network.env)"
evidence bundle verify "$bundle" --file "$id=$file"
note "\$ evidence bundle verify $bundle --file $id=tampered.img"
status=0
evidence bundle verify "$bundle" --file "$id=$work/tampered.img" || status=$?
[ "$status" -eq 5 ] || die "bundle verify should have failed with exit code 5 for the tampered copy, not $status"
ok "the tampered copy was caught offline (exit code 5)"
report=$output/$id.report.html
note "\$ evidence report $bundle --format html --lang zh-CN --time-zone Asia/Shanghai --file $id=laptop-disk.img -o $report"
evidence report "$bundle" --format html --lang zh-CN --time-zone Asia/Shanghai --file "$id=$file" -o "$report"

section "6. Identity attestation: a registry issuer, a holder and a police verifier"
note "deploying the identity contract next to the evidence contract ..."
logged "$work/deploy-identity.log" "$network" deploy --name identity --chaincode-path chaincode/FabricEvidence.Identity.Service
# brief: the tool's one-line summary without the record's table that follows it.
brief() { sed '/^[┌╭]/,$d'; }
vct=urn:fabric-evidence:residence
issuer_id=https://registry.org1.example.com
# Right after a deployment the peers may not yet have heard of the new chaincode from each other (gossip), so the
# first transaction is retried for a while; any other refusal stops the run.
for attempt in $(seq 1 30); do
  if evidence identity registry init --members Org1MSP,Org2MSP >"$work/registry-init.log" 2>&1; then break; fi
  [ "$attempt" -lt 30 ] || { cat "$work/registry-init.log" >&2; die "the identity registry could not be initialised"; }
  sleep 2
done
note "\$ evidence identity registry init --members Org1MSP,Org2MSP      (Org1's administrator)"
brief <"$work/registry-init.log"
note "\$ evidence identity type register $vct --claims ... --disclosable ..."
evidence identity type register "$vct" --claims given_name,family_name,birthdate,age_over_18,address,address/locality \
  --disclosable given_name,family_name,birthdate,age_over_18,address,address/locality | brief
note "\$ evidence identity registry propose-issuer add-registry --issuer-id $issuer_id --certificate <Org1 Issuer MSP> --types $vct ..."
evidence identity registry propose-issuer add-registry --issuer-id "$issuer_id" --certificate "$(setting NETWORK_ORG1_ISSUER_MSP)" \
  --types "$vct" --valid-until "$(date -u -d '+5 years' +%Y-%m-%d)" --status-base https://status.org1.example.com/lists | brief
note "\$ evidence identity registry approve add-registry --org 2      (Org2's administrator: a majority, 2 of 2)"
evidence identity registry approve add-registry --org 2

export EVIDENCE_WALLET_PASSPHRASE
EVIDENCE_WALLET_PASSPHRASE=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
printf '%s\n' '{"given_name": "Wei", "family_name": "Zhang", "birthdate": "1990-05-17", "age_over_18": true, "address": {"locality": "Hangzhou"}}' >"$work/claims.json"
note "\$ evidence identity key -o holder.pem      (the holder's key, on the holder's device)"
evidence identity key -o "$work/holder.pem" >/dev/null
note "\$ evidence identity issue --type $vct --claims claims.json --holder-key holder.jwk --issuer-id $issuer_id --user issuer ..."
# Ids are random, never derived from the person.
credential_id=cred-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
consent=consent-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')
evidence identity issue --type "$vct" --claims "$work/claims.json" --holder-key "$work/holder.jwk" --issuer-id "$issuer_id" \
  --expires "$(date -u -d '+1 year' +%Y-%m-%d)" --id "$credential_id" -o "$work/residence.sdjwt" --user issuer
note "  (on the ledger: hashes, digests, the holder key's thumbprint and a status index; the claims are only in the holder's file)"
entry=$(evidence identity wallet add "$work/residence.sdjwt" --key "$work/holder.pem" --wallet "$work/wallet.json" --json | sed -n 's/^  "entry": "\([^"]*\)",\{0,1\}$/\1/p')
[ -n "$entry" ] || die "identity wallet add printed no entry id"
note "\$ evidence identity consent grant ENTRY --verifier Org2MSP --purpose police-age-check --claims age_over_18,address/locality --user holder"
evidence identity consent grant "$entry" --wallet "$work/wallet.json" --verifier Org2MSP --purpose police-age-check \
  --claims age_over_18,address/locality --expires "$(date -u -d '+30 days' +%Y-%m-%d)" --id "$consent" --user holder
present_and_verify() {
  local nonce
  nonce=$(evidence identity nonce)
  evidence identity present "$entry" --wallet "$work/wallet.json" --disclose age_over_18,address/locality --audience Org2MSP \
    --nonce "$nonce" -o "$work/presentation.txt" >/dev/null
  evidence identity verify "$work/presentation.txt" --nonce "$nonce" --consent "$consent" --purpose police-age-check \
    --trust "Org1MSP=$(ls "$(setting NETWORK_ORG1_ISSUER_MSP)"/cacerts/*.pem | head -n 1)" --org 2 --user verifier
}
note "\$ evidence identity present ... --disclose age_over_18,address/locality ; evidence identity verify ... --org 2 --user verifier"
present_and_verify
note "\$ evidence identity suspend $credential_id --reason under-investigation --user issuer ; then present and verify again"
evidence identity suspend "$credential_id" --reason under-investigation --issuer-id "$issuer_id" --user issuer
status=0
present_and_verify || status=$?
[ "$status" -eq 5 ] || die "verify should have failed with exit code 5 for a suspended credential, not $status"
ok "the suspended credential was refused (exit code 5); the verification is on the ledger either way"
note "\$ evidence identity reinstate $credential_id --reason investigation-cleared --user issuer ; then present and verify again"
evidence identity reinstate "$credential_id" --reason investigation-cleared --issuer-id "$issuer_id" --user issuer
present_and_verify | brief

section "7. The verification portal: courts (as Org1's judge) and identity verifiers (as Org2's verifier)"
# Throw-away access codes for this run only; the portal is configured with their hashes, never the codes.
court_code=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
verifier_code=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
Portal__Identity__Enabled=true \
Portal__Identity__VerifierAccessCodeHashes__0=$(printf %s "$verifier_code" | sha256sum | cut -d' ' -f1) \
Portal__Identity__CertificateAuthorities__Org1MSP__0=$(ls "$(setting NETWORK_ORG1_ISSUER_MSP)"/cacerts/*.pem | head -n 1) \
Portal__Identity__ChannelName=$(setting NETWORK_CHANNEL) \
IdentityGateway__Endpoint=https://$(setting NETWORK_ORG2_PEER_ADDRESS) \
IdentityGateway__TlsRootCertificatePath=$(setting NETWORK_ORG2_TLS_CA) \
IdentityGateway__MspId=$(setting NETWORK_ORG2_MSP_ID) \
IdentityGateway__MspDirectory=$(setting NETWORK_ORG2_VERIFIER_MSP) \
Portal__Ledger=Fabric \
Portal__ChannelName=$(setting NETWORK_CHANNEL) \
Portal__CourtAccessCodeHashes__0=$(printf %s "$court_code" | sha256sum | cut -d' ' -f1) \
FabricGateway__Endpoint=https://$(setting NETWORK_ORG1_PEER_ADDRESS) \
FabricGateway__TlsRootCertificatePath=$(setting NETWORK_ORG1_TLS_CA) \
FabricGateway__MspId=$(setting NETWORK_ORG1_MSP_ID) \
FabricGateway__MspDirectory=$(setting NETWORK_ORG1_JUDGE_MSP) \
ASPNETCORE_URLS=http://127.0.0.1:$portal_port \
  dotnet "$portal" --contentRoot "$root/sdk/FabricEvidence.Verification.Portal" >"$work/portal.log" 2>&1 &
portal_pid=$!
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$portal_port/" >/dev/null 2>&1 && break
  kill -0 "$portal_pid" 2>/dev/null || { tail -n 25 "$work/portal.log" >&2; die "the portal stopped (log: $work/portal.log)"; }
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$portal_port/" >/dev/null 2>&1 || die "the portal did not answer in 30 s (log: $work/portal.log)"
ok "portal at http://127.0.0.1:$portal_port (court access code for this run: $court_code); try item $id with laptop-disk.img"
ok "identity verification at http://127.0.0.1:$portal_port/Identity as Org2's police verifier (verifier access code: $verifier_code)"

section "Done"
ok "$id: submitted by Org1's investigator, stored and confirmed by Org1's storage service, verified, held by Org2"
ok "bundle $bundle and its report $report kept: a court verifies the bundle with no network"
ok "credential $credential_id: issued by Org1's registry, verified by Org2's police with the holder's consent, refused while suspended, valid again"
if [ -t 0 ] && [ -t 1 ]; then
  cp "$file" "$output/laptop-disk.img"
  note "the file is in $output/laptop-disk.img to upload to the portal"
  cp "$work/wallet.json" "$output/wallet.json"
  note "for the identity page (consent $consent, purpose police-age-check), present with the portal's nonce:"
  note "  EVIDENCE_WALLET_PASSPHRASE=$EVIDENCE_WALLET_PASSPHRASE dotnet $cli identity present $entry --wallet $output/wallet.json --disclose age_over_18,address/locality --audience Org2MSP --nonce NONCE -o presentation.txt"
  read -r -p "Press Enter to stop the portal and the network... " _
fi
