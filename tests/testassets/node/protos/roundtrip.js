'use strict';

// Reference peer for the message conformance tests (tests/FabricEvidence.Conformance.Tests/Protos).
//
// stdin:  [{ "id": "...", "type": "common.ChannelHeader", "bytes": "<base64>" }, ...]
// stdout: { "results": [{ "id", "bytes": "<base64 of serializeBinary()>", "object": <toObject()> }
//                       | { "id", "error": "..." }] }
//
// Each message is decoded with Hyperledger's generated google-protobuf (jspb) class, then re-encoded, so the caller
// sees exactly what the reference implementation understood. A failure for one message is reported for that
// message only; the batch carries on.

require('@hyperledger/fabric-protos');

const { readStdin, resolveMessageClass, toPlain } = require('./support');

async function main() {
    const requests = JSON.parse(await readStdin());
    if (!Array.isArray(requests)) {
        throw new Error('stdin must be a JSON array of { id, type, bytes }');
    }

    const results = requests.map((request) => {
        try {
            const MessageClass = resolveMessageClass(request.type);
            const decoded = MessageClass.deserializeBinary(Buffer.from(request.bytes, 'base64'));
            return {
                id: request.id,
                bytes: Buffer.from(decoded.serializeBinary()).toString('base64'),
                object: toPlain(decoded.toObject()),
            };
        } catch (error) {
            return { id: request.id, error: String(error && error.stack ? error.stack : error) };
        }
    });

    process.stdout.write(JSON.stringify({ results }));
}

main().catch((error) => {
    process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
    process.exit(1);
});
