'use strict';
// Conformance (a), Node side: the official client builds every signable step offline (no signer), signs each digest
// with a key we generated, and walks the transaction flow against our fake Gateway so the endorse, submit and commit
// steps are real. Prints every step's bytes, digest and signature for the .NET SDK to accept and verify.
//
// Input: { address, mspId, certPem, keyPem, channel, chaincode, signatureCount }

const crypto = require('node:crypto');
const { readInput, b64, newGateway, newSigner, run } = require('./common');

run(async () => {
    const input = await readInput();
    const { gateway, client } = newGateway(input, false);
    const sign = newSigner(input.keyPem);
    const network = gateway.getNetwork(input.channel);
    const contract = network.getContract(input.chaincode);
    const steps = {};

    const record = async (name, signable) => {
        const signature = await sign(signable.getDigest());
        steps[name] = { bytes: b64(signable.getBytes()), digest: b64(signable.getDigest()), signature: b64(signature) };
        return signature;
    };

    const unsignedProposal = contract.newProposal('CreateAsset', {
        arguments: ['asset1', 'blue'],
        transientData: { secret: 'hush' },
        endorsingOrganizations: [input.mspId],
    });
    const proposalSignature = await record('proposal', unsignedProposal);
    const signedProposal = gateway.newSignedProposal(unsignedProposal.getBytes(), proposalSignature);

    const unsignedTransaction = await signedProposal.endorse();
    const transactionSignature = await record('transaction', unsignedTransaction);
    const signedTransaction = gateway.newSignedTransaction(unsignedTransaction.getBytes(), transactionSignature);
    const result = Buffer.from(signedTransaction.getResult()).toString('utf8');

    const unsignedCommit = await signedTransaction.submit();
    const commitSignature = await record('commit', unsignedCommit);
    const signedCommit = gateway.newSignedCommit(unsignedCommit.getBytes(), commitSignature);
    const status = await signedCommit.getStatus();

    await record('chaincodeEvents', network.newChaincodeEventsRequest(input.chaincode, { startBlock: 0n }));
    await record('blockEvents', network.newBlockEventsRequest({ startBlock: 1n }));
    await record('filteredBlockEvents', network.newFilteredBlockEventsRequest({ startBlock: 1n }));
    await record('blockAndPrivateDataEvents', network.newBlockAndPrivateDataEventsRequest({ startBlock: 1n }));

    // Many signatures over random digests, for the low-S check on the .NET side.
    const signatures = [];
    for (let i = 0; i < (input.signatureCount ?? 0); i++) {
        const digest = crypto.randomBytes(32);
        signatures.push({ digest: b64(digest), signature: b64(await sign(digest)) });
    }

    gateway.close();
    client.close();
    return {
        transactionId: unsignedProposal.getTransactionId(),
        result,
        status: { code: status.code, successful: status.successful, blockNumber: status.blockNumber.toString() },
        steps,
        signatures,
    };
});
