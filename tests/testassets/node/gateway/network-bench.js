// Hyperledger's Node Gateway client as a load driver on a real network, for the .NET benchmark's comparison
// (tests/perf/FabricEvidence.Network.Benchmarks). Same arguments and output as the .NET driver:
//   node network-bench.js drive --network-env F --chaincode NAME --mode evaluate|submit --in-flight N --seconds S --warmup S --org 1|2
// prints {"Operations":n,"Seconds":s,"CpuSeconds":c,"Failures":f}.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const grpc = require('@grpc/grpc-js');
const { connect, signers } = require('@hyperledger/fabric-gateway');

function options(argv) {
  const values = {};
  for (let i = 1; i + 1 < argv.length; i += 2) values[argv[i].replace(/^--/, '')] = argv[i + 1];
  return values;
}

function readEnv(file) {
  const env = {};
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const at = line.indexOf('=');
    if (at > 0 && !line.startsWith('#')) env[line.slice(0, at)] = line.slice(at + 1);
  }
  return env;
}

function firstFile(dir) {
  return path.join(dir, fs.readdirSync(dir)[0]);
}

async function main() {
  const o = options(process.argv.slice(2));
  const env = readEnv(o['network-env']);
  const org = o.org || '1';
  const msp = env[`NETWORK_ORG${org}_USER_MSP`];
  const client = new grpc.Client(env[`NETWORK_ORG${org}_PEER_ADDRESS`], grpc.credentials.createSsl(fs.readFileSync(env[`NETWORK_ORG${org}_TLS_CA`])));
  const gateway = connect({
    client,
    identity: { mspId: env[`NETWORK_ORG${org}_MSP_ID`], credentials: fs.readFileSync(firstFile(path.join(msp, 'signcerts'))) },
    signer: signers.newPrivateKeySigner(crypto.createPrivateKey(fs.readFileSync(firstFile(path.join(msp, 'keystore'))))),
    evaluateOptions: () => ({ deadline: Date.now() + 5000 }),
    endorseOptions: () => ({ deadline: Date.now() + 15000 }),
    submitOptions: () => ({ deadline: Date.now() + 5000 }),
    commitStatusOptions: () => ({ deadline: Date.now() + 60000 }),
  });
  const contract = gateway.getNetwork(env.NETWORK_CHANNEL).getContract(o.chaincode);
  const submit = o.mode === 'submit';
  const inFlight = Number(o['in-flight'] || 1);
  let failures = 0;

  async function loop(seconds) {
    const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
    const counts = await Promise.all(Array.from({ length: inFlight }, async (_, worker) => {
      let count = 0;
      while (process.hrtime.bigint() < end) {
        try {
          if (submit) await contract.submitTransaction('kv:Put', `k${worker}`, String(count));
          else await contract.evaluateTransaction('kv:Get', 'k0');
          count++;
        } catch {
          failures++;
        }
      }
      return count;
    }));
    return counts.reduce((a, b) => a + b, 0);
  }

  await loop(Number(o.warmup || 3));
  failures = 0;
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const operations = await loop(Number(o.seconds || 10));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  gateway.close();
  client.close();
  console.log(JSON.stringify({ Operations: operations, Seconds: seconds, CpuSeconds: (cpu.user + cpu.system) / 1e6, Failures: failures }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
