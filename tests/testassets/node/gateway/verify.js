'use strict';
// Conformance (a), reverse direction: the official Node client rebuilds each step the .NET SDK signed, from its bytes
// and signature, and checks that it computes the same digest and that the signature verifies - with OpenSSL
// (node:crypto, over the signed message) and with @noble/curves in strict low-S mode (over the digest).
//
// Input: { mspId, certPem, steps: { name: { bytes, digest, signature } }, signatures: [{ digest, signature }] }

const crypto = require('node:crypto');
const { p256 } = require('@noble/curves/p256');
const { p384 } = require('@noble/curves/p384');
const { common, gateway: gw, peer } = require('@hyperledger/fabric-protos');
const { readInput, b64, unb64, isEd25519, newGateway, run } = require('./common');

function signedMessage(name, bytes) {
    switch (name) {
        case 'proposal':
            return gw.ProposedTransaction.deserializeBinary(bytes).getProposal().getProposalBytes_asU8();
        case 'transaction':
            return gw.PreparedTransaction.deserializeBinary(bytes).getEnvelope().getPayload_asU8();
        case 'commit':
            return gw.SignedCommitStatusRequest.deserializeBinary(bytes).getRequest_asU8();
        case 'chaincodeEvents':
            return gw.SignedChaincodeEventsRequest.deserializeBinary(bytes).getRequest_asU8();
        default:
            return common.Envelope.deserializeBinary(bytes).getPayload_asU8();
    }
}

function rebuild(gateway, name, bytes, signature) {
    switch (name) {
        case 'proposal':
            return gateway.newSignedProposal(bytes, signature);
        case 'transaction':
            return gateway.newSignedTransaction(bytes, signature);
        case 'commit':
            return gateway.newSignedCommit(bytes, signature);
        case 'chaincodeEvents':
            return gateway.newSignedChaincodeEventsRequest(bytes, signature);
        case 'blockEvents':
            return gateway.newSignedBlockEventsRequest(bytes, signature);
        case 'filteredBlockEvents':
            return gateway.newSignedFilteredBlockEventsRequest(bytes, signature);
        default:
            return gateway.newSignedBlockAndPrivateDataEventsRequest(bytes, signature);
    }
}

run(async () => {
    const input = await readInput();
    const { gateway, client } = newGateway(input, false);
    const publicKey = crypto.createPublicKey(input.certPem);
    const ed = isEd25519(input.certPem);
    let curve;
    let rawPublicKey;
    if (!ed) {
        const jwk = publicKey.export({ format: 'jwk' });
        curve = jwk.crv === 'P-384' ? p384 : p256;
        rawPublicKey = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
    }

    const checkSignature = (message, digest, signature) => {
        if (ed) {
            return { openssl: crypto.verify(null, message, publicKey, signature), strictLowS: true };
        }
        return {
            openssl: crypto.verify('sha256', message, { key: publicKey, dsaEncoding: 'der' }, signature),
            strictLowS: curve.verify(signature, digest, rawPublicKey, { lowS: true, prehash: false, format: 'der' }),
        };
    };

    const steps = {};
    for (const [name, step] of Object.entries(input.steps)) {
        const bytes = unb64(step.bytes);
        const signature = unb64(step.signature);
        const rebuilt = rebuild(gateway, name, bytes, signature);
        const digest = rebuilt.getDigest();
        const message = signedMessage(name, bytes);
        const checked = checkSignature(message, digest, signature);
        steps[name] = {
            digestMatches: b64(digest) === step.digest,
            bytesMatch: b64(rebuilt.getBytes()) === step.bytes,
            transactionId: typeof rebuilt.getTransactionId === 'function' ? rebuilt.getTransactionId() : null,
            ...checked,
        };
    }

    let lowS = 0;
    let valid = 0;
    for (const { digest, signature } of input.signatures ?? []) {
        const d = unb64(digest);
        const s = unb64(signature);
        if (ed) {
            continue;
        }
        if (curve.verify(s, d, rawPublicKey, { lowS: false, prehash: false, format: 'der' })) {
            valid++;
        }
        if (curve.verify(s, d, rawPublicKey, { lowS: true, prehash: false, format: 'der' })) {
            lowS++;
        }
    }

    gateway.close();
    client.close();
    return { steps, signatures: { count: (input.signatures ?? []).length, valid, lowS } };
});
