'use strict';
// Shared helpers for the conformance scripts. Each script reads one JSON object from stdin and prints one JSON
// object on stdout; byte values travel as base64.

const crypto = require('node:crypto');
const grpc = require('@grpc/grpc-js');
const { connect, hash, signers } = require('@hyperledger/fabric-gateway');

async function readInput() {
    const chunks = [];
    for await (const chunk of process.stdin) {
        chunks.push(chunk);
    }
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const b64 = (bytes) => Buffer.from(bytes).toString('base64');
const unb64 = (text) => new Uint8Array(Buffer.from(text, 'base64'));

function isEd25519(certPem) {
    return crypto.createPublicKey(certPem).asymmetricKeyType === 'ed25519';
}

// A gateway as the official Node client; without keyPem it can only sign offline.
function newGateway(input, withSigner) {
    const address = input.address ?? '127.0.0.1:1';
    const client = new grpc.Client(address, grpc.credentials.createInsecure());
    const ed = isEd25519(input.certPem);
    const options = {
        client,
        identity: { mspId: input.mspId, credentials: Buffer.from(input.certPem) },
        hash: ed ? hash.none : hash.sha256,
        evaluateOptions: () => ({ deadline: Date.now() + 15000 }),
        endorseOptions: () => ({ deadline: Date.now() + 15000 }),
        submitOptions: () => ({ deadline: Date.now() + 15000 }),
        commitStatusOptions: () => ({ deadline: Date.now() + 15000 }),
    };
    if (input.tlsCertHash) {
        options.tlsClientCertificateHash = unb64(input.tlsCertHash);
    }
    if (withSigner) {
        options.signer = signers.newPrivateKeySigner(crypto.createPrivateKey(input.keyPem));
    }
    return { gateway: connect(options), client };
}

function newSigner(keyPem) {
    return signers.newPrivateKeySigner(crypto.createPrivateKey(keyPem));
}

async function collect(iterable, limit) {
    const items = [];
    try {
        for await (const item of iterable) {
            items.push(item);
            if (limit !== undefined && items.length >= limit) {
                break;
            }
        }
    } finally {
        iterable.close();
    }
    return items;
}

function run(main) {
    main()
        .then((output) => {
            // Exit only once stdout is flushed: a pipe takes large outputs in several writes.
            process.stdout.write(JSON.stringify(output) + '\n', () => process.exit(0));
        })
        .catch((err) => {
            process.stderr.write((err && err.stack ? err.stack : String(err)) + '\n');
            if (err && err.details) {
                process.stderr.write(JSON.stringify(err.details) + '\n');
            }
            process.exit(1);
        });
}

module.exports = { readInput, b64, unb64, isEd25519, newGateway, newSigner, collect, run };
