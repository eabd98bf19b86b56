'use strict';

// Lists what @hyperledger/fabric-protos defines, for the completeness tests in
// tests/FabricEvidence.Conformance.Tests/Protos.
//
// usage: node inventory.js <package> [<package> ...]     e.g. common msp protos google.rpc
// stdout: {
//   "version": "<npm package version>",
//   "files": [{ "source": "common/policies.proto", "messages": ["common.Policy", ...],
//               "enums": [{ "name": "common.Policy.PolicyType", "values": { "UNKNOWN": 0, ... } }] }],
//   "walked": ["common.Envelope", ...]   // every message class reachable under globalThis.proto.<package>
// }
//
// Two independent views on purpose: "files" attributes each symbol to the .proto it came from (read from the
// generated module's own goog.exportSymbol registrations), "walked" is what a user of the package can actually reach
// at run time. The caller cross-checks both against our descriptors.

const fs = require('fs');
const path = require('path');

const { isMessageClass, resolveSymbol } = require('./support');

const libDir = path.dirname(require.resolve('@hyperledger/fabric-protos'));
const packageJson = JSON.parse(fs.readFileSync(path.join(libDir, '..', 'package.json'), 'utf8'));

function generatedModules(dir) {
    const found = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            found.push(...generatedModules(full));
        } else if (entry.name.endsWith('_pb.js') && !entry.name.endsWith('_grpc_pb.js')) {
            found.push(full);
        }
    }
    return found.sort();
}

function describeModule(file) {
    const text = fs.readFileSync(file, 'utf8');
    const source = /^\/\/ source: (\S+)$/m.exec(text);
    if (!source) {
        throw new Error(`${file} does not name its source .proto`);
    }

    require(file);

    const messages = [];
    const enums = [];
    for (const match of text.matchAll(/goog\.exportSymbol\('proto\.([A-Za-z0-9_.]+)', null, global\);/g)) {
        const name = match[1];
        const value = resolveSymbol(name);
        if (isMessageClass(value)) {
            messages.push(name);
        } else if (value !== null && typeof value === 'object') {
            enums.push({ name, values: { ...value } });
        } else {
            throw new Error(`${file} exports proto.${name}, which is neither a message class nor an enum`);
        }
    }

    return { source: source[1], messages, enums };
}

function walk(namespace, prefix, out, seen) {
    if (seen.has(namespace)) {
        return;
    }
    seen.add(namespace);
    for (const key of Object.keys(namespace)) {
        const value = namespace[key];
        const name = `${prefix}.${key}`;
        if (isMessageClass(value)) {
            out.push(name);
            walk(value, name, out, seen); // nested messages hang off their parent class
        } else if (value !== null && typeof value === 'object' && Object.values(value).some((v) => typeof v !== 'number')) {
            walk(value, name, out, seen); // a sub-package such as proto.orderer.smartbft (enums hold only numbers)
        }
    }
}

function main() {
    const packages = process.argv.slice(2);
    if (packages.length === 0) {
        throw new Error('usage: node inventory.js <package> [<package> ...]');
    }

    const files = generatedModules(libDir).map(describeModule);

    const walked = [];
    const seen = new Set();
    for (const pkg of packages) {
        const namespace = resolveSymbol(pkg);
        if (namespace === undefined || namespace === null || typeof namespace !== 'object') {
            throw new Error(`globalThis.proto.${pkg} does not exist`);
        }
        walk(namespace, pkg, walked, seen);
    }

    process.stdout.write(JSON.stringify({ version: packageJson.version, files, walked: [...new Set(walked)].sort() }));
}

try {
    main();
} catch (error) {
    process.stderr.write(String(error && error.stack ? error.stack : error) + '\n');
    process.exit(1);
}
