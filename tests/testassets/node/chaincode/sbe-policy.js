'use strict';
// Prints the hex of fabric-shim's KeyEndorsementPolicy for the organisations given as ROLE:MSPID arguments, added in
// argument order. Used to check that the C# KeyEndorsementPolicy serializes the same bytes.
const {KeyEndorsementPolicy} = require('fabric-shim');

const policy = new KeyEndorsementPolicy();
for (const spec of process.argv.slice(2)) {
    const [role, mspId] = spec.split(':');
    policy.addOrgs(role, mspId);
}
console.log(Buffer.from(policy.getPolicy()).toString('hex'));
