// Reads contract metadata JSON from stdin and validates it against contract-schema.json shipped in
// fabric-contract-api. Prints "VALID" and exits 0, or prints the validation errors as JSON and exits 1.
'use strict';

const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

const schemaPath = path.join(path.dirname(require.resolve('fabric-contract-api/package.json')), 'schema', 'contract-schema.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));

const chunks = [];
process.stdin.on('data', (chunk) => chunks.push(chunk));
process.stdin.on('end', () => {
    let metadata;
    try {
        metadata = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (err) {
        console.log(JSON.stringify([{message: 'not JSON: ' + err.message}]));
        process.exit(1);
    }

    // The schema is draft-04 and refers to the draft-04 meta-schema by URL, so that meta-schema is registered.
    const ajv = new Ajv({schemaId: 'id', allErrors: true, logger: {log() {}, warn() {}, error: console.error}});
    ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
    if (ajv.validate(schema, metadata)) {
        console.log('VALID');
        process.exit(0);
    }

    console.log(JSON.stringify(ajv.errors));
    process.exit(1);
});
