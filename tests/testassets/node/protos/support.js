'use strict';

// Helpers shared by roundtrip.js and inventory.js.

function readStdin() {
    return new Promise((resolve, reject) => {
        const chunks = [];
        process.stdin.on('data', (chunk) => chunks.push(chunk));
        process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        process.stdin.on('error', reject);
    });
}

// jspb generated classes have a static deserializeBinary and an instance serializeBinary; enums and the
// generated oneof "...Case" enums are plain objects of numbers.
function isMessageClass(value) {
    return typeof value === 'function'
        && typeof value.deserializeBinary === 'function'
        && value.prototype !== undefined
        && typeof value.prototype.serializeBinary === 'function';
}

// Looks a fully qualified protobuf name ("common.SignaturePolicy.NOutOf") up on the global `proto` namespace that
// the generated modules populate when they are required.
function resolveSymbol(fullName) {
    let current = globalThis.proto;
    for (const segment of fullName.split('.')) {
        if (current === undefined || current === null || !Object.prototype.hasOwnProperty.call(current, segment)) {
            return undefined;
        }
        current = current[segment];
    }
    return current;
}

function resolveMessageClass(fullName) {
    const value = resolveSymbol(fullName);
    if (!isMessageClass(value)) {
        throw new Error(`@hyperledger/fabric-protos has no message class proto.${fullName}`);
    }
    return value;
}

// Makes a toObject() result JSON-faithful: undefined (an unset message or oneof member) becomes null instead of
// vanishing, and raw bytes become base64. jspb already base64-encodes singular and repeated bytes fields, but leaves
// bytes map values as Uint8Array, which JSON.stringify would turn into {"0":..,"1":..}.
function toPlain(value) {
    if (value === undefined || value === null) {
        return null;
    }
    if (value instanceof Uint8Array) {
        return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
    }
    if (Array.isArray(value)) {
        return value.map(toPlain);
    }
    if (typeof value === 'object') {
        const result = {};
        for (const key of Object.keys(value)) {
            result[key] = toPlain(value[key]);
        }
        return result;
    }
    if (typeof value === 'number' && !Number.isSafeInteger(value) && Number.isInteger(value)) {
        // A 64-bit value outside 2^53 has already lost precision in jspb; say so instead of comparing garbage.
        throw new Error(`integer ${value} is outside the range jspb represents exactly`);
    }
    return value;
}

module.exports = { readStdin, isMessageClass, resolveSymbol, resolveMessageClass, toPlain };
