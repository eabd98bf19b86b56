'use strict';
// Conformance (b), Node side: the official client, with a signer, runs the same flow as the .NET conformance test
// against our fake Gateway and Deliver service, which records the requests for a structural comparison.
//
// Input: { address, mspId, certPem, keyPem, tlsCertHash, channel, chaincode }

const { readInput, newGateway, collect, run } = require('./common');

run(async () => {
    const input = await readInput();
    const { gateway, client } = newGateway(input, true);
    const network = gateway.getNetwork(input.channel);
    const contract = network.getContract(input.chaincode, 'AssetContract');

    const evaluated = await contract.evaluate('ReadAsset', {
        arguments: ['asset1'],
        endorsingOrganizations: [input.mspId],
    });
    const submitted = await contract.submit('CreateAsset', {
        arguments: ['asset1', 'blue', Buffer.from([0, 1, 2])],
        transientData: { secret: 'hush' },
        endorsingOrganizations: [input.mspId],
    });

    // Read a known number of events and close, as against a real peer whose streams never end (the Node client cannot
    // handle a Deliver stream that ends normally).
    const limit = input.eventLimit;
    const events = await collect(await network.getChaincodeEvents(input.chaincode, { startBlock: 1n }), limit);
    const blocks = await collect(await network.getBlockEvents({ startBlock: 1n }), limit);
    const filtered = await collect(await network.getFilteredBlockEvents({ startBlock: 1n }), limit);
    const privateData = await collect(await network.getBlockAndPrivateDataEvents({ startBlock: 1n }), limit);

    gateway.close();
    client.close();
    return {
        evaluated: Buffer.from(evaluated).toString('utf8'),
        submitted: Buffer.from(submitted).toString('utf8'),
        events: events.map((e) => ({ blockNumber: e.blockNumber.toString(), transactionId: e.transactionId, eventName: e.eventName })),
        blocks: blocks.map((b) => b.getHeader().getNumber()),
        filtered: filtered.map((b) => b.getNumber()),
        privateData: privateData.map((b) => b.getBlock().getHeader().getNumber()),
    };
});
