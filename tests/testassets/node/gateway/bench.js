'use strict';
// Benchmark peer for tests/FabricEvidence.Gateway.Benchmarks 'compare' mode: the same workloads with Hyperledger's
// Node client, reporting operations, wall time and this process's CPU time.
//
// Input: { mode: 'proposals' | 'evaluate', address, mspId, certPem, keyPem, seconds, inFlight }

const { readInput, newGateway, newSigner, run } = require('./common');

async function loop(seconds, body) {
    const end = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
    let count = 0;
    while (process.hrtime.bigint() < end) {
        await body();
        count++;
    }
    return count;
}

async function timed(seconds, inFlight, body) {
    await Promise.all(Array.from({ length: inFlight }, () => loop(Math.min(2, seconds / 2), body)));
    const cpuBefore = process.cpuUsage();
    const start = process.hrtime.bigint();
    const counts = await Promise.all(Array.from({ length: inFlight }, () => loop(seconds, body)));
    const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    return { operations: counts.reduce((a, b) => a + b, 0), seconds: elapsed, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

run(async () => {
    const input = await readInput();
    const { gateway, client } = newGateway(input, true);
    const contract = gateway.getNetwork('mychannel').getContract('basic');
    let result;
    if (input.mode === 'proposals') {
        const sign = newSigner(input.keyPem);
        const options = { arguments: ['asset1', 'blue', '5', 'Tom', '1300'] };
        result = await timed(input.seconds, 1, async () => {
            const proposal = contract.newProposal('CreateAsset', options);
            await sign(proposal.getDigest());
        });
    } else {
        result = await timed(input.seconds, input.inFlight, () => contract.evaluateTransaction('ReadAsset', 'asset1'));
    }
    gateway.close();
    client.close();
    return result;
});
