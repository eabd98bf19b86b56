#!/usr/bin/env bash
# Captures real blocks for the verifier's tests: drives the evidence contract on a running local network
# (network/network.sh up + deploy of chaincode/FabricEvidence.Evidence.Service) with the peer CLI, as the users whose
# certificate roles the contract checks, then fetches every block of the channel from Org1's peer (a peer's blocks
# carry the validation flags; an orderer's do not).
#
# Usage: NETWORK_STATE_DIR=... FABRIC_BIN=... capture-real-network.sh OUTPUT_DIR
# Writes OUTPUT_DIR/blocks/<n>.block, OUTPUT_DIR/evidence-file.bin and OUTPUT_DIR/item.json (item id and the ids of
# its transactions: the contract's history and access records). The blocks hold only public certificates.
set -euo pipefail
out=${1:?usage: capture-real-network.sh OUTPUT_DIR}
: "${NETWORK_STATE_DIR:?set NETWORK_STATE_DIR to the running network's state folder}"
: "${FABRIC_BIN:?set FABRIC_BIN to the folder with Fabric's binaries}"
# shellcheck disable=SC1091 # written by network.sh up
. "$NETWORK_STATE_DIR/network.env"
export PATH="$FABRIC_BIN:$PATH"
mkdir -p "$out/blocks"
channel=${NETWORK_CHANNEL:-evidence}
id="EV-REAL-$(date +%s)"
printf 'FabricEvidence real-network fixture: the evidence file of %s\n' "$id" >"$out/evidence-file.bin"
digest=$(sha256sum "$out/evidence-file.bin" | cut -d' ' -f1)
size=$(stat -c %s "$out/evidence-file.bin")
# Transient origin as canonical JSON; only its hash reaches the ledger.
origin=$(printf '%s' '{"acquisitionTool":"UFED","acquisitionToolVersion":"7.69","device":"Phone","operator":"Test Operator","place":"Test Station","salt":"q3Zt5a0mXQn6VwJ2k8r1pA"}' | base64 -w0)

as_user() { # ORG MSP_DIR
  local org=$1 addr_var="NETWORK_ORG${1}_PEER_ADDRESS" ca_var="NETWORK_ORG${1}_TLS_CA"
  export FABRIC_CFG_PATH="$NETWORK_STATE_DIR/config/peer0.org$org" CORE_PEER_LOCALMSPID="Org${org}MSP" CORE_PEER_MSPCONFIGPATH="$2"
  export CORE_PEER_TLS_ENABLED=true CORE_PEER_ADDRESS="${!addr_var}" CORE_PEER_TLS_ROOTCERT_FILE="${!ca_var}"
}

invoke() { # ORG MSP_DIR JSON [TRANSIENT]
  as_user "$1" "$2"
  local extra=() log
  [ -n "${4:-}" ] && extra=(--transient "$4")
  log=$(peer chaincode invoke -o "$NETWORK_ORDERER_ADDRESS" --tls --cafile "$NETWORK_ORDERER_TLS_CA" -C "$channel" -n evidence \
    -c "$3" "${extra[@]}" --waitForEvent \
    --peerAddresses "$NETWORK_ORG1_PEER_ADDRESS" --tlsRootCertFiles "$NETWORK_ORG1_TLS_CA" \
    --peerAddresses "$NETWORK_ORG2_PEER_ADDRESS" --tlsRootCertFiles "$NETWORK_ORG2_TLS_CA" 2>&1) || { echo "$log" >&2; exit 1; }
  grep -q "committed with status (VALID)" <<<"$log" || { echo "not committed as VALID: $log" >&2; exit 1; }
}

invoke 1 "$NETWORK_ORG1_INVESTIGATOR_MSP" "{\"function\":\"evidence:Submit\",\"Args\":[\"$id\",\"CASE-2024/0042\",\"Mobile phone image\",\"SHA-256\",\"$digest\",\"$size\",\"application/octet-stream\",\"2030-01-01T00:00:00Z\"]}" "{\"origin\":\"$origin\"}"
invoke 2 "$NETWORK_ORG2_STORAGE_MSP" "{\"function\":\"evidence:ConfirmStorage\",\"Args\":[\"$id\",\"SHA-256\",\"$digest\",\"$size\",\"s3://evidence/$id\",\"v1\"]}"
invoke 1 "$NETWORK_ORG1_CUSTODIAN_MSP" "{\"function\":\"evidence:RecordAccess\",\"Args\":[\"$id\",\"Forensic review\"]}"
invoke 1 "$NETWORK_ORG1_CUSTODIAN_MSP" "{\"function\":\"evidence:OfferTransfer\",\"Args\":[\"$id\",\"Org2MSP\",\"Forensic analysis\"]}"
invoke 2 "$NETWORK_ORG2_CUSTODIAN_MSP" "{\"function\":\"evidence:AcceptTransfer\",\"Args\":[\"$id\"]}"

as_user 1 "$NETWORK_ORG1_ADMIN_MSP"
history=$(peer chaincode query -C "$channel" -n evidence -c "{\"function\":\"evidence:GetHistory\",\"Args\":[\"$id\"]}")
access=$(peer chaincode query -C "$channel" -n evidence -c "{\"function\":\"evidence:ListAccessRecords\",\"Args\":[\"$id\",\"100\",\"\"]}")
height=$(peer channel getinfo -c "$channel" 2>/dev/null | sed -n 's/.*"height":\([0-9]*\).*/\1/p')
for ((n = 0; n < height; n++)); do
  peer channel fetch "$n" "$out/blocks/$n.block" -c "$channel" >/dev/null 2>&1
done
tx_ids=$( (grep -o '"txId":"[0-9a-f]*"' <<<"$history" | head -n 100; grep -o '"accessed":{[^}]*}' <<<"$access" | grep -o '"txId":"[0-9a-f]*"') |
  sed 's/"txId":"\([0-9a-f]*\)"/"\1"/' | awk '!seen[$0]++' | paste -sd, -)
cat >"$out/item.json" <<JSON
{
  "fabricVersion": "$("$FABRIC_BIN/peer" version 2>/dev/null | sed -n 's/^ *Version: *v*//p' | head -n1)",
  "chaincode": "evidence",
  "itemId": "$id",
  "transactionIds": [$tx_ids]
}
JSON
echo "captured item $id: $height blocks in $out"
